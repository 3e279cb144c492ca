// Share statistics from the webhook receiver's /kakao/stats, drawn as stacked bar charts (SVG) with
// the same numbers in a table. Plain JavaScript: an operator's dashboard needs no Python runtime.
// The read token comes from the URL fragment (#token=…, never sent to the server or written to logs)
// or the form, and is kept for this tab only (sessionStorage).
const TEXT = {
  ko: {
    title: "공유 통계",
    intro: "카카오톡 공유 웹훅이 받은 공유를 시간대별로 보여 줍니다.",
    token: "읽기 토큰",
    period: "기간",
    last30days: "최근 30일 (일별)",
    last48hours: "최근 48시간 (시간별)",
    groupBy: "두 번째 차트",
    byTemplate: "템플릿별",
    byArgument: "콜백 인자별",
    argumentName: "인자 이름",
    show: "보기",
    asTable: "표로 보기",
    chatTypeTitle: "채팅 유형별 공유",
    templateTitle: "템플릿별 공유",
    argumentTitle: (name) => `콜백 인자 ‘${name}’ 값별 공유`,
    loading: "불러오는 중…",
    loaded: (n) => `공유 ${n.toLocaleString("ko")}건`,
    needToken: "읽기 토큰을 입력하세요.",
    badToken: "읽기 토큰이 맞지 않습니다.",
    readingOff: "수신기에 읽기 토큰이 설정되지 않았습니다.",
    failed: (why) => `불러오지 못했습니다: ${why}`,
    storeDown: (why) => `저장소에 연결할 수 없어 통계를 불러오지 못했습니다 (${why}).`,
    spoolEmpty: "스풀에서 기다리는 이벤트 없음: 받은 공유는 모두 저장소에 있습니다.",
    spoolWaiting: (n, since) =>
      `이벤트 ${n.toLocaleString("ko")}건이 수신기의 스풀에서 저장소를 기다리고 있습니다 (${since}부터). 통계에는 저장소에 옮겨진 뒤에 포함됩니다.`,
    time: "시간",
    total: "합계",
    none: "(없음)",
    other: "기타",
    chartLabel: (title, parts) => `${title}: ${parts}`,
    chatTypes: {
      MemoChat: "나와의 채팅",
      DirectChat: "1:1 채팅",
      MultiChat: "그룹 채팅",
      OpenDirectChat: "오픈채팅 1:1",
      OpenMultiChat: "오픈채팅 그룹",
    },
  },
  en: {
    title: "Share statistics",
    intro: "Shares reported by Kakao's share webhook, over time.",
    token: "Read token",
    period: "Period",
    last30days: "Last 30 days (daily)",
    last48hours: "Last 48 hours (hourly)",
    groupBy: "Second chart",
    byTemplate: "By template",
    byArgument: "By callback argument",
    argumentName: "Argument name",
    show: "Show",
    asTable: "Show as a table",
    chatTypeTitle: "Shares by chat type",
    templateTitle: "Shares by template",
    argumentTitle: (name) => `Shares by callback argument “${name}”`,
    loading: "Loading…",
    loaded: (n) => `${n.toLocaleString("en")} shares`,
    needToken: "Enter the read token.",
    badToken: "The read token is not right.",
    readingOff: "The receiver has no read token configured.",
    failed: (why) => `Could not load: ${why}`,
    storeDown: (why) => `The statistics could not be loaded: the store cannot be reached (${why}).`,
    spoolEmpty: "No events waiting in the spool: every share received is in the store.",
    spoolWaiting: (n, since) =>
      `${n.toLocaleString("en")} ${n === 1 ? "event waits" : "events wait"} in the receiver's spool for the store (since ${since}). The statistics count them once they are in the store.`,
    time: "Time",
    total: "Total",
    none: "(none)",
    other: "Other",
    chartLabel: (title, parts) => `${title}: ${parts}`,
    chatTypes: {
      MemoChat: "My chat (memo)",
      DirectChat: "Direct chat",
      MultiChat: "Group chat",
      OpenDirectChat: "Open chat, 1:1",
      OpenMultiChat: "Open chat, group",
    },
  },
};
const COLORS = ["#1a5fb4", "#e66100", "#26a269", "#c01c28", "#813d9c", "#986a44", "#0e7c86", "#a0a000", "#5e5c64", "#9a9996"];
const SVG = "http://www.w3.org/2000/svg";
const root = document.documentElement;
const params = new URLSearchParams(location.search);

function pickLanguage() {
  const asked = params.get("lang") || root.getAttribute("lang") || "";
  if (asked) return asked.toLowerCase().startsWith("ko") ? "ko" : "en";
  const preferred = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ""];
  const first = preferred.find((l) => /^(ko|en)\b/i.test(l)) || "en";
  return first.toLowerCase().startsWith("ko") ? "ko" : "en";
}
const lang = pickLanguage();
const t = TEXT[lang];
root.lang = lang;
document.title = `kakao-share · ${t.title}`;
for (const el of document.querySelectorAll("[data-text]")) el.textContent = t[el.dataset.text];

const $ = (id) => document.getElementById(id);
const status = $("status");
function say(message, isError = false) {
  status.textContent = message;
  status.classList.toggle("error", isError);
}

// --- the token: from #token=… once, then this tab's storage -------------------------------------
const fromFragment = new URLSearchParams(location.hash.slice(1)).get("token");
if (fromFragment) {
  sessionStorage.setItem("kakao-share-read-token", fromFragment);
  history.replaceState(null, "", location.pathname + location.search);
}
$("token").value = sessionStorage.getItem("kakao-share-read-token") || "";
if (params.get("period") === "hour") $("period").value = "hour";
if (params.get("arg")) {
  $("by").value = "arg";
  $("arg").value = params.get("arg");
}
const syncArgField = () => { $("arg-field").hidden = $("by").value !== "arg"; };
$("by").addEventListener("change", syncArgField);
syncArgField();

// --- data ----------------------------------------------------------------------------------------
const BUCKET_MS = { hour: 3600000, day: 86400000 };

// What waits in the receiver's spool (events taken while the store could not commit them): the stats
// answer says so, and so does its 503 when the store is down. null: the receiver has no spool.
function showSpool(spool) {
  const line = $("spool");
  line.hidden = !spool || spool.waiting === null;
  if (line.hidden) return;
  const since = spool.oldest ? new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "short" }).format(new Date(spool.oldest)) : "";
  line.textContent = spool.waiting ? t.spoolWaiting(spool.waiting, since) : t.spoolEmpty;
  line.classList.toggle("waiting", spool.waiting > 0);
}

async function fetchStats(by, bucket, token) {
  const offset = -new Date().getTimezoneOffset();
  const query = new URLSearchParams({ by, bucket, utc_offset_minutes: String(offset) });
  const response = await fetch(`kakao/stats?${query}`, { headers: { Authorization: `Bearer ${token}` }, cache: "no-store" });
  if (response.status === 401) throw new Error(t.badToken);
  if (response.status === 403) throw new Error(t.readingOff);
  if (!response.ok) {
    let answer = {};
    try { answer = await response.json(); } catch { /* not JSON */ }
    const detail = answer.error || `HTTP ${response.status}`;
    if ("spool" in answer) showSpool(answer.spool);
    throw new Error(response.status === 503 ? t.storeDown(detail) : t.failed(detail));
  }
  const doc = await response.json();
  showSpool(doc.spool);
  return doc;
}

// Every bucket of the period, including empty ones, with counts aligned with doc.keys.
function buckets(doc) {
  const size = BUCKET_MS[doc.bucket];
  const offset = doc.utc_offset_minutes * 60000;
  const known = new Map(doc.series.map((p) => [Date.parse(p.start), p.counts]));
  const first = Math.floor((Date.parse(doc.since) + offset) / size) * size - offset;
  const width = doc.keys.length + (doc.other ? 1 : 0);
  const out = [];
  for (let start = first; start <= Date.now(); start += size) {
    out.push({ start, counts: known.get(start) || new Array(width).fill(0) });
  }
  return out;
}

function keyLabel(key, by) {
  if (key === null) return t.none;
  if (by === "chat_type") return t.chatTypes[key] || key;
  return key;
}

function timeLabel(ms, bucket, short) {
  const options = bucket === "day" ? { month: "numeric", day: "numeric" } : short ? { hour: "numeric" } : { month: "numeric", day: "numeric", hour: "numeric" };
  return new Intl.DateTimeFormat(lang, options).format(new Date(ms));
}

// --- drawing -------------------------------------------------------------------------------------
function el(name, attrs = {}, text) {
  const node = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

function niceMax(value) {
  if (value <= 4) return 4;
  const step = 10 ** Math.floor(Math.log10(value));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * step >= value) return m * step;
  return value;
}

function draw(section, doc, title) {
  const rows = buckets(doc);
  const labels = doc.keys.map((k) => keyLabel(k, doc.by));
  if (doc.other) labels.push(t.other);
  section.hidden = false; // measured below: a hidden section has no width
  const canvas = section.querySelector(".canvas");
  const width = Math.max(300, canvas.clientWidth || 700);
  const height = width < 500 ? 220 : 280;
  const pad = { left: 44, right: 24, top: 10, bottom: 28 };
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const max = niceMax(Math.max(0, ...rows.map((r) => r.counts.reduce((a, b) => a + b, 0))));
  const slot = plotW / rows.length;
  const barW = Math.max(1, slot * 0.8);

  const parts = labels.map((label, i) => `${label} ${doc.totals[i]}`).join(", ");
  const svg = el("svg", { viewBox: `0 0 ${width} ${height}`, width, height, role: "img", "aria-label": t.chartLabel(title, parts || t.loaded(0)) });
  for (const fraction of [0, 0.5, 1]) {
    const y = pad.top + plotH * (1 - fraction);
    svg.append(el("line", { x1: pad.left, x2: width - pad.right, y1: y, y2: y, stroke: "#ddd" }));
    svg.append(el("text", { x: pad.left - 6, y: y + 4, "text-anchor": "end" }, String(Math.round(max * fraction))));
  }
  const every = Math.max(1, Math.ceil(rows.length / Math.floor(plotW / 56)));
  rows.forEach((row, i) => {
    const x = pad.left + i * slot + (slot - barW) / 2;
    let y = pad.top + plotH;
    row.counts.forEach((count, k) => {
      if (!count) return;
      const h = (count / max) * plotH;
      y -= h;
      const rect = el("rect", { x, y, width: barW, height: h, fill: COLORS[k % COLORS.length] });
      rect.append(el("title", {}, `${timeLabel(row.start, doc.bucket, false)} · ${labels[k]}: ${count}`));
      svg.append(rect);
    });
    if (i % every === 0) {
      svg.append(el("text", { x: pad.left + i * slot + slot / 2, y: height - 8, "text-anchor": "middle" }, timeLabel(row.start, doc.bucket, true)));
    }
  });
  canvas.replaceChildren(svg);

  const legend = section.querySelector(".legend");
  legend.replaceChildren(...labels.map((label, i) => {
    const item = document.createElement("li");
    const swatch = document.createElement("span");
    swatch.className = "swatch";
    swatch.style.background = COLORS[i % COLORS.length];
    item.append(swatch, `${label} (${doc.totals[i].toLocaleString(lang)})`);
    return item;
  }));

  const table = document.createElement("table");
  const caption = table.createCaption();
  caption.textContent = title;
  const head = table.createTHead().insertRow();
  for (const text of [t.time, ...labels, t.total]) {
    const th = document.createElement("th");
    th.scope = "col";
    th.textContent = text;
    head.append(th);
  }
  const body = table.createTBody();
  for (const row of rows) {
    const total = row.counts.reduce((a, b) => a + b, 0);
    if (!total) continue;
    const tr = body.insertRow();
    const th = document.createElement("th");
    th.scope = "row";
    th.textContent = timeLabel(row.start, doc.bucket, false);
    tr.append(th);
    for (const value of [...row.counts, total]) tr.insertCell().textContent = value.toLocaleString(lang);
  }
  section.querySelector(".table").replaceChildren(table);
}

// --- the page ------------------------------------------------------------------------------------
let last = null;
async function load() {
  const token = $("token").value.trim();
  if (!token) {
    say(t.needToken, true);
    return;
  }
  sessionStorage.setItem("kakao-share-read-token", token);
  const bucket = $("period").value;
  const arg = $("arg").value.trim();
  const second = $("by").value === "arg" && arg ? `arg:${arg}` : "template_id";
  const secondTitle = second === "template_id" ? t.templateTitle : t.argumentTitle(arg);
  say(t.loading);
  root.setAttribute("aria-busy", "true");
  try {
    const [byChat, byKey] = await Promise.all([fetchStats("chat_type", bucket, token), fetchStats(second, bucket, token)]);
    last = () => {
      draw($("by-chat-type"), byChat, t.chatTypeTitle);
      $("by-key-title").textContent = secondTitle;
      draw($("by-key"), byKey, secondTitle);
    };
    last();
    say(t.loaded(byChat.total));
    root.setAttribute("data-ready", "");
  } catch (error) {
    say(error.message, true);
    root.setAttribute("data-error", error.message);
  } finally {
    root.setAttribute("aria-busy", "false");
  }
}

$("controls").addEventListener("submit", (event) => {
  event.preventDefault();
  root.removeAttribute("data-ready");
  root.removeAttribute("data-error");
  load();
});
let resizeTimer;
addEventListener("resize", () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(() => last && last(), 150);
});
if ($("token").value) load();
else {
  say(t.needToken);
  root.setAttribute("aria-busy", "false");
}
