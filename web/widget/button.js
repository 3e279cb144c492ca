// What makes kakao-share's widget buttons work, imported by the loader (kakao-share-widget.js) after
// the host page's `load`, or at once when a button is hovered, focused, touched or pressed. The loader
// draws the buttons and hands each one over as a `view` (its state on screen); this module moves them
// from state to state.
//
// It starts the widget's Python on MicroPython (~0.2 MB, from the same bundle) in a Web Worker
// (widget/python-worker.js), off the page's critical path and off its main thread: when the browser is
// idle, or when a button nears the viewport or is interacted with — whichever comes first. This module
// reads the page and each button's attributes and posts them to the worker, where Python
// (widget/kakao_share_widget) builds and validates the message; it then loads Kakao's SDK once and marks
// each button ready, and a click shares synchronously, inside the click's own task (browsers block popups
// opened later). Where no worker can start (a Content-Security-Policy without worker-src blob:), MicroPython
// runs here instead, in short tasks. Buttons whose message is a Jinja2 template are rendered by
// kakao-share's full runtime (Pyodide) in a second Web Worker, started only on pages that have one.
//
// When Kakao cannot be used (no WebAssembly, the runtime or SDK blocked, no app key, a configuration
// mistake, which Python explains in the console) the button shares the page's link instead: through
// the Web Share API where the browser has it, else by copying it, with a visible confirmation.

const TAG = "kakao-share-button";
const READY_MARK = "kakao-share-widget:ready"; // in the page's performance timeline, for page authors
const FALLBACK = "the button shares the page's link instead";
// How long Kakao's SDK may take to load before the buttons fall back.
const SDK_TIMEOUT_MS = 15000;
// Where the widget's runtime files are listed (written by the build): MicroPython's, and Pyodide's for
// template buttons.
const RUNTIME = (bundle) => new URL("runtime/widget-runtime.mjs", bundle).href;

const WORDS = {
  ko: {
    preparing: "카카오톡 공유를 준비하고 있어요…",
    ready: "준비됐어요. 한 번 더 누르면 카카오톡으로 공유해요.",
    fallback: "지금은 카카오톡으로 공유할 수 없어요. 한 번 더 누르면 링크를 공유해요.",
    failed: "카카오톡으로 공유하지 못해 링크를 대신 공유해요.",
    copied: "링크를 복사했어요.",
    manual: "이 링크를 복사해 주세요:",
  },
  en: {
    preparing: "Getting KakaoTalk sharing ready…",
    ready: "Ready. Press again to share to KakaoTalk.",
    fallback: "KakaoTalk sharing is unavailable right now. Press again to share the link.",
    failed: "Could not share to KakaoTalk, so the link is shared instead.",
    copied: "Link copied.",
    manual: "Copy this link:",
  },
};

function metaContent(name) {
  const tag = document.querySelector(`meta[property="${name}" i], meta[name="${name}" i]`);
  return tag?.getAttribute("content")?.trim() || "";
}

// The link the fallback shares: the button's url, else og:url, the canonical link, the page's
// address — the same order Python uses for messages.
function pageLink(element) {
  const candidates = [
    [element.getAttribute("url"), document.baseURI],
    [metaContent("og:url"), location.href],
    [document.querySelector('link[rel~="canonical" i]')?.getAttribute("href"), location.href],
  ];
  for (const [value, base] of candidates) {
    if (!value || !value.trim()) continue;
    try {
      const url = new URL(value.trim(), base);
      if (url.protocol === "https:" || url.protocol === "http:") return url.href;
    } catch {
      // not a URL: try the next one
    }
  }
  return location.href;
}

function pageTitle() {
  return metaContent("og:title") || document.title.trim();
}

/** Move ``view`` to ``state``: "loading", "ready", or "fallback" with a reason; tell the page. */
function settle(view, state, reason = "") {
  const settled = state === "ready" || state === "fallback";
  const wasPending = settled && view.pending;
  if (settled) view.pending = false;
  view.set(state);
  if (state === "ready") {
    if (!performance.getEntriesByName(READY_MARK, "mark").length) performance.mark(READY_MARK);
    view.emit("kakao-share-ready", {});
    if (wasPending) view.say(WORDS[view.lang].ready);
  } else if (state === "fallback") {
    view.emit("kakao-share-fallback", { reason });
    if (wasPending) view.say(WORDS[view.lang].fallback);
  }
}

// --- sharing the link instead --------------------------------------------------------------------

function shareLink(view, note) {
  const url = pageLink(view.element);
  if (typeof navigator.share === "function") {
    navigator.share({ title: pageTitle(), url }).then(
      () => {
        if (note) view.say(note);
        view.emit("kakao-share-sent", { via: "web-share" });
      },
      (error) => {
        if (error?.name !== "AbortError") copyLink(view, url, note);
      },
    );
  } else {
    copyLink(view, url, note);
  }
}

async function copyLink(view, url, note) {
  const words = WORDS[view.lang];
  let copied = false;
  try {
    await navigator.clipboard.writeText(url);
    copied = true;
  } catch {
    copied = copyWithSelection(view.element.shadowRoot, url);
  }
  if (copied) {
    view.say([note, words.copied].filter(Boolean).join(" "));
    view.emit("kakao-share-sent", { via: "copy" });
  } else {
    // Nothing could copy: show the link, selected, for the visitor to copy.
    view.say(`${words.manual} ${url}`, 0);
    const text = view.status.firstChild;
    if (text) getSelection()?.setBaseAndExtent(text, words.manual.length + 1, text, text.length);
  }
}

function copyWithSelection(root, url) {
  const area = document.createElement("textarea");
  area.value = url;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  root.append(area);
  area.select();
  let copied = false;
  try {
    copied = document.execCommand("copy");
  } catch {
    copied = false;
  }
  area.remove();
  return copied;
}

// --- what the widget's Python reads -------------------------------------------------------------

// The page and the button as they are now, as plain values for kakao_share.portable.widget.prepare
// (its API: the page's address, title, language, canonical link, <meta> [name-or-property, content]
// pairs and JSON-LD texts; the button's attributes in document order and its inline template).
function readPage() {
  const canonical = document.querySelector('link[rel~="canonical" i][href]');
  return {
    url: location.href,
    base_url: document.baseURI,
    title: document.title,
    lang: document.documentElement.lang || null,
    canonical: canonical ? canonical.href : null,
    meta: [...document.querySelectorAll("meta[content]")].map((tag) => [
      tag.getAttribute("property") || tag.getAttribute("name") || "",
      tag.getAttribute("content") || "",
    ]),
    json_ld: [...document.querySelectorAll('script[type="application/ld+json" i]')].map((s) => s.textContent),
  };
}

function readButton(element) {
  const inline = element.querySelector(':scope > script[type="text/x-kakao-template" i]');
  return {
    attributes: [...element.attributes].map((attribute) => [attribute.name, attribute.value]),
    inline: inline ? inline.textContent : null,
  };
}

// --- the widget's Python, in its Web Worker ------------------------------------------------------

/** Start the widget's Python; returns ``call(request) -> Promise<answer>`` once it runs. */
async function startPython(bundle, runtimeUrl) {
  try {
    return await inWorker(bundle, runtimeUrl);
  } catch (refused) {
    if (!refused?.refused) throw refused;
    console.info(
      `${TAG}: kakao-share's Web Worker could not start (${refused.message}), so its Python runs on this ` +
        `page's main thread, in short tasks. A page with a Content-Security-Policy lets it run off the main ` +
        `thread with worker-src blob: ${bundle.origin} (see the README).`,
    );
  }
  const { startPython: start } = await import(new URL("widget/micropython.js", bundle).href);
  const handle = await start(runtimeUrl, nextTask);
  return async (request) => {
    await nextTask(); // each request in a task of its own: many buttons never make one long task
    return JSON.parse(handle(JSON.stringify(request)));
  };
}

/** A worker script must come from the page's own origin; the bundle may be elsewhere, so each worker is
 * a short module (a blob: URL) that imports the bundle's ``scripts`` (CORS). The last is the worker's;
 * the ones before it are what it imports, named here so that they download at the same time as it. */
function bundleWorker(bundle, scripts, name) {
  const source = scripts.map((script) => `import ${JSON.stringify(new URL(script, bundle).href)};`).join("\n");
  const blob = new Blob([source], { type: "text/javascript" });
  return new Worker(URL.createObjectURL(blob), { type: "module", name });
}

function inWorker(bundle, runtimeUrl) {
  return new Promise((resolve, reject) => {
    const refuse = (message) => reject(Object.assign(new Error(message), { refused: true }));
    let worker;
    try {
      if (typeof Worker !== "function") throw new Error("this browser has no Web Workers");
      worker = bundleWorker(bundle, ["widget/micropython.js", "widget/python-worker.js"], "kakao-share");
    } catch (error) {
      refuse(error?.message || String(error));
      return;
    }
    const waiting = new Map(); // seq -> resolve
    let seq = 0;
    worker.addEventListener("error", (event) => {
      event.preventDefault();
      refuse(event.message || "refused");
    });
    worker.addEventListener("message", ({ data }) => {
      if (data.type === "started") {
        resolve((request) => {
          seq += 1;
          worker.postMessage({ seq, request: JSON.stringify(request) });
          return new Promise((answered) => waiting.set(seq, answered));
        });
      } else if (data.type === "failed") {
        reject(new Error(data.reason));
      } else {
        waiting.get(data.seq)?.(JSON.parse(data.answer));
        waiting.delete(data.seq);
      }
    });
    worker.postMessage({ type: "start", runtime: runtimeUrl });
  });
}

// --- Kakao's SDK ---------------------------------------------------------------------------------

/** Kakao's SDK on this page: loaded once (the first button's ``sdk-*`` attributes decide which), then
 * ``Kakao.init`` once; calls made meanwhile wait. After a failure the next call tries again. */
function kakaoSdk() {
  let loading = false;
  let waiting = [];
  let appKey = null;
  const sdk = {
    build: null,
    version() {
      const kakao = window.Kakao;
      return kakao && typeof kakao === "object" ? String(kakao.VERSION || "0") : "";
    },
    /** Call ``then(problem)`` once the SDK is loaded (``problem`` is "" then) or could not be. */
    whenLoaded(build, then) {
      sdk.build ??= build;
      if (sdk.version()) {
        then("");
        return;
      }
      waiting.push(then);
      if (loading) return;
      loading = true;
      const url = sdk.build.src;
      const script = document.createElement("script");
      script.src = url;
      script.integrity = sdk.build.integrity;
      script.crossOrigin = "anonymous";
      const settle = (problem) => {
        if (!loading) return;
        loading = false;
        clearTimeout(timer);
        if (!problem && !sdk.version()) {
          problem = `${url} loaded but defined no window.Kakao: is it Kakao's JavaScript SDK?`;
        }
        if (problem) sdk.build = null; // the next button tries again, with its own attributes
        const callbacks = waiting;
        waiting = [];
        for (const callback of callbacks) callback(problem);
      };
      script.addEventListener("load", () => settle(""));
      script.addEventListener("error", () =>
        settle(
          `Kakao's SDK could not be loaded from ${url}: the browser blocked or failed it (a wrong integrity ` +
            "hash, a content security policy without t1.kakaocdn.net, an ad blocker, or no network)",
        ),
      );
      const timer = setTimeout(
        () => settle(`Kakao's SDK did not load within ${SDK_TIMEOUT_MS / 1000} s from ${url}`),
        SDK_TIMEOUT_MS,
      );
      document.head.append(script);
    },
    /** ``Kakao.init`` once for the page; returns a problem, or "". */
    init(key) {
      if (appKey !== null) {
        return appKey === key ? "" : "another button on this page uses another app key; a page can use one app key";
      }
      const problem = initKakao(key);
      if (!problem) appKey = key;
      return problem;
    },
  };
  return sdk;
}

// --- the runtime all buttons share ---------------------------------------------------------------

/** Called once by the loader; returns what it calls for each button from then on. */
export function attach({ bundle, views }) {
  const sdk = kakaoSdk();
  const prepared = new Map(); // id -> {generation, result, settings (JSON text, once ready), pageUrl}

  const report = (view, level, message) => console[level](`${TAG}: ${message}`, view.element);
  const warn = (view, lines) => lines && report(view, "warn", `this button works, but check:\n${lines}`);
  const current = (view, entry) => views.get(view.id) === view && prepared.get(view.id) === entry;
  const failButton = (view, entry, problem) => {
    if (!current(view, entry)) return;
    entry.settings = "";
    report(view, "error", `${problem}\n→ ${FALLBACK}.`);
    settle(view, "fallback", problem.split("\n", 1)[0]);
  };

  const runtime = {
    state: "idle", // idle | starting | running | failed
    reason: "",
    call: null, // the widget's Python, once it runs: request -> Promise<answer>
    watchdog: 0,
    idleScheduled: false,

    // Start when the browser is idle (the page has loaded by now), or when a button nears the viewport.
    schedule(view) {
      if (this.state !== "idle") return;
      nearViewport.observe(view.element);
      if (this.idleScheduled) return;
      this.idleScheduled = true;
      if (navigator.connection?.saveData) return; // only on the visitor's intent
      if (typeof requestIdleCallback === "function") requestIdleCallback(() => this.start(), { timeout: 4000 });
      else setTimeout(() => this.start(), 200);
    },

    async start() {
      if (this.state !== "idle") return;
      this.state = "starting";
      nearViewport.disconnect();
      for (const view of views.values()) settle(view, "loading");
      if (typeof WebAssembly !== "object" || typeof WebAssembly.instantiate !== "function") {
        this.fail("this browser has no WebAssembly, which kakao-share's Python runtime needs");
        return;
      }
      watchForBlocks(bundle, (reason) => this.fail(reason));
      this.watchdog = setTimeout(() => this.fail("the Python runtime did not start within 60 seconds"), 60_000);
      try {
        // Starting a worker costs the main thread tens of milliseconds on a phone: in a task of its own.
        await nextTask();
        this.attach(await startPython(bundle, RUNTIME(bundle)));
      } catch (error) {
        this.fail(`the Python runtime could not be loaded from ${bundle.href} (${error?.message || error})`);
      }
    },

    attach(call) {
      if (this.state !== "starting") return;
      clearTimeout(this.watchdog);
      this.call = call;
      this.state = "running";
      for (const view of views.values()) this.prepare(view);
    },

    fail(reason) {
      if (this.state === "running" || this.state === "failed") return;
      clearTimeout(this.watchdog);
      this.state = "failed";
      this.reason = reason;
      console.warn(`${TAG}: KakaoTalk sharing is unavailable: ${reason}. The buttons share the page's link instead.`);
      for (const view of views.values()) settle(view, "fallback", reason);
    },

    /** (Re)build the button's message in Python; it becomes ready once Kakao's SDK is. */
    async prepare(view) {
      settle(view, "loading");
      const entry = { generation: (prepared.get(view.id)?.generation || 0) + 1, result: null, settings: "" };
      prepared.set(view.id, entry);
      const { attributes, inline } = readButton(view.element);
      const page = readPage();
      entry.pageUrl = page.url;
      let result;
      try {
        result = await this.call({ op: "prepare", attributes, page, inline });
      } catch (error) {
        result = { failure: `the widget's Python failed (${error?.message || error})` };
      }
      if (!current(view, entry)) return; // the button changed or left the page meanwhile
      if (result.failure) {
        failButton(view, entry, result.failure);
        return;
      }
      warn(view, result.warning_lines);
      if (result.errors.length) {
        failButton(view, entry, `its configuration is invalid:\n${result.error_lines}`);
      } else if (result.needs_template) {
        // Jinja2 runs in the full runtime, in its own Web Worker; it answers rendered().
        entry.result = result;
        templates.render(view.id, entry.generation, JSON.stringify({ attributes, page, inline_template: inline }));
      } else {
        this.withSdk(view, entry, result, result.settings_json);
      }
    },

    /** The template worker's answer: a ``prepare()``-shaped result as JSON. */
    async rendered(id, generation, outcome) {
      const view = views.get(id);
      const entry = prepared.get(id);
      if (!view || !entry || entry.generation !== generation || !entry.result) return;
      const rendered = JSON.parse(outcome);
      if (rendered.warnings?.length) warn(view, (await this.call({ op: "lines", findings: rendered.warnings })).lines);
      if (rendered.problem) {
        failButton(view, entry, rendered.problem);
        return;
      }
      // The button's app key and SDK as read here; the message as the worker rendered it.
      const result = { ...entry.result, method: rendered.method, min_sdk_version: rendered.min_sdk_version };
      this.withSdk(view, entry, result, rendered.settings);
    },

    /** Make the button ready once the SDK is loaded and initialised with its app key. */
    withSdk(view, entry, result, settings) {
      const explicit = ["sdk-version", "sdk-src"].find((name) => view.element.hasAttribute(name));
      const wanted = result.sdk;
      const other = sdk.build && ["version", "src", "integrity"].some((key) => sdk.build[key] !== wanted[key]);
      if (explicit && other) {
        failButton(
          view,
          entry,
          `its configuration is invalid: ${explicit}: asks for another SDK than the page already loads for ` +
            `another button (Kakao SDK ${sdk.build.version} from ${sdk.build.src}); a page has one ` +
            "(fix: give every button the same sdk-version, sdk-integrity and sdk-src)",
        );
        return;
      }
      sdk.whenLoaded(wanted, async (problem) => {
        if (!current(view, entry)) return;
        problem ||= sdk.init(result.app_key);
        if (problem) {
          failButton(view, entry, `Kakao's SDK is unavailable: ${problem}`);
          return;
        }
        const check = { min_sdk_version: result.min_sdk_version, settings: JSON.parse(settings) };
        const tooOld = (await this.call({ op: "too_old", result: check, version: sdk.version() })).problem;
        if (!current(view, entry)) return;
        if (tooOld) {
          failButton(view, entry, `its configuration is invalid: ${tooOld}`);
          return;
        }
        entry.result = result;
        entry.settings = settings;
        settle(view, "ready");
      });
    },

    /** Share now, inside the click's task: "" when Kakao's window opened, else the reason. */
    share(view) {
      const entry = prepared.get(view.id);
      if (!entry?.settings) return "not ready";
      try {
        window.Kakao.Share[entry.result.method](JSON.parse(entry.settings));
        return "";
      } catch (error) {
        const problem = String(error?.message || error);
        report(view, "error", `sharing to KakaoTalk failed: ${problem}; ${FALLBACK}`);
        return problem;
      }
    },

    /** Whether the button's message was made for another address (a single-page app moved on). */
    stale(view) {
      const entry = prepared.get(view.id);
      return Boolean(entry?.settings && !entry.result.needs_template && entry.pageUrl !== location.href);
    },
  };

  const templates = templateRenderer(bundle, (id, generation, outcome) => {
    runtime.rendered(id, generation, outcome).catch((error) => {
      const view = views.get(id);
      const reason = `the widget's Python failed (${error?.message || error})`;
      console.error(`${TAG}: ${reason}`, view?.element);
      if (view) settle(view, "fallback", reason);
    });
  });

  const nearViewport =
    typeof IntersectionObserver === "function"
      ? new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && runtime.start(), {
          rootMargin: "300px",
        })
      : { observe() {}, disconnect() {} };

  // A single-page app moves on: its buttons' messages follow the page they are on now.
  const followPage = () => {
    if (runtime.call) for (const view of views.values()) if (runtime.stale(view)) runtime.prepare(view);
  };
  globalThis.navigation?.addEventListener?.("currententrychange", followPage);
  addEventListener("popstate", followPage);

  const buttons = {
    connected(view) {
      if (runtime.state === "failed") settle(view, "fallback", runtime.reason);
      else if (runtime.call) runtime.prepare(view);
      else runtime.schedule(view);
    },

    disconnected(view) {
      prepared.delete(view.id);
    },

    changed(view) {
      if (runtime.call) runtime.prepare(view);
    },

    start() {
      runtime.start();
    },

    click(view) {
      const words = WORDS[view.lang];
      if (view.state === "ready" && runtime.stale(view)) runtime.prepare(view); // then as "not ready yet"
      if (view.state === "ready") {
        // Synchronous all the way to Kakao's SDK: the popup opens in this click's own task.
        if (!runtime.share(view)) {
          view.say("");
          view.emit("kakao-share-sent", { via: "kakao" });
        } else {
          shareLink(view, words.failed);
        }
      } else if (view.state === "fallback") {
        shareLink(view, "");
      } else {
        // Not ready yet: say so, and be ready for the next click (never a popup after an await).
        view.pending = true;
        settle(view, "loading");
        view.say(words.preparing, 0);
        runtime.start();
      }
    },
  };
  for (const view of views.values()) buttons.connected(view);
  return buttons;
}

/** Kakao.init once for the page, with ``appKey``; returns a problem, or "". */
function initKakao(appKey) {
  const kakao = window.Kakao;
  try {
    if (!kakao.isInitialized()) kakao.init(appKey);
    else {
      const known = kakao.Auth?.getAppKey?.();
      if (known && known !== appKey) {
        return "Kakao's SDK is already initialised with a different app key; a page can use one app key";
      }
    }
  } catch (error) {
    return `Kakao.init failed: ${error?.message || error}`;
  }
  if (!kakao.Share) {
    return kakao.Link
      ? `Kakao SDK ${kakao.VERSION} has Kakao.Link but no Kakao.Share: load SDK 2.x`
      : `Kakao SDK ${kakao.VERSION} defines no Kakao.Share after init`;
  }
  return "";
}

/** Renders template buttons in the widget's Web Worker, started with the first of them. */
function templateRenderer(bundle, answer) {
  let worker = null; // a promise of the worker, once the first template button asks
  const waiting = new Map(); // id -> generation, until its answer comes
  const failAll = (problem) => {
    for (const [id, generation] of waiting) answer(id, generation, JSON.stringify({ problem }));
    waiting.clear();
  };
  const start = async () => {
    const { pyodide } = await import(RUNTIME(bundle));
    const started = bundleWorker(bundle, ["widget/template-worker.js"], "kakao-share templates");
    started.addEventListener("message", ({ data }) => {
      if (waiting.get(data.id) === data.generation) waiting.delete(data.id);
      answer(data.id, data.generation, data.outcome);
    });
    started.addEventListener("error", (event) => {
      event.preventDefault();
      worker = null;
      failAll(
        `kakao-share's Web Worker for templates could not start (${event.message || "blocked"}); ` +
          `a page with a Content-Security-Policy must allow worker-src blob: ${bundle.origin} (see the README)`,
      );
    });
    started.postMessage({ type: "start", pyodide, python: new URL("widget/template_worker.py", bundle).href });
    return started;
  };
  return {
    render(id, generation, payload) {
      waiting.set(id, generation);
      (worker ??= start()).then(
        (started) => started.postMessage({ id, generation, payload }),
        (error) => {
          worker = null;
          failAll(`kakao-share's Web Worker for templates could not start (${error?.message || error})`);
        },
      );
    },
  };
}

/** Give the page its main thread back before the next step (scheduler.yield where there is one). */
function nextTask() {
  if (globalThis.scheduler?.yield) return globalThis.scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

// Failures that leave no rejected promise behind: an HTTP error on one of the runtime's files, or the
// page's Content-Security-Policy refusing them (or WebAssembly compilation).
function watchForBlocks(bundle, fail) {
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (entry.name.startsWith(bundle.href) && entry.responseStatus >= 400) {
          fail(`${entry.name} answered HTTP ${entry.responseStatus}`);
        }
      }
    }).observe({ type: "resource", buffered: false });
  } catch {
    // older engines: the watchdog still ends the wait
  }
  document.addEventListener("securitypolicyviolation", (event) => {
    const blocked = event.blockedURI || "";
    const ours = (event.sourceFile || "").startsWith(bundle.href);
    if (blocked === "wasm-eval" && ours) {
      fail("the page's Content-Security-Policy does not allow WebAssembly: add 'wasm-unsafe-eval' to script-src");
    } else if (blocked.startsWith(bundle.origin) || (blocked === "eval" && ours)) {
      fail(
        `the page's Content-Security-Policy (${event.effectiveDirective}) blocks ${blocked}; ` +
          "see the README's Content-Security-Policy section",
      );
    }
  });
}
