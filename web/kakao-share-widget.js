// kakao-share's embeddable "Share to KakaoTalk" button. The snippet (a stable contract):
//
//   <script type="module" src="https://SITE/kakao-share-widget.js"></script>
//   <kakao-share-button app-key="JAVASCRIPT_KEY"></kakao-share-button>
//
// This loader is deliberately small and plain: it draws every <kakao-share-button> at once, in its own
// shadow root (the page's CSS cannot reach it, its CSS cannot leak), and starts kakao-share's Python
// runtime from the same bundle only off the page's critical path: when the browser is idle after the
// page's load, or when a button nears the viewport, is hovered or focused — whichever comes first.
// Python (widget/kakao_share_widget) then reads the page and each button's attributes, builds and
// validates the message, loads Kakao's SDK once and marks each button ready; a click then shares
// synchronously, inside the click's own task (browsers block popups opened later).
//
// When Kakao cannot be used (no WebAssembly, the runtime or SDK blocked, no app key, a configuration
// mistake, which Python explains in the console) the button shares the page's link instead: through
// the Web Share API where the browser has it, else by copying it, with a visible confirmation.
//
// Page authors can follow a button through `button.state` ("idle" | "loading" | "ready" |
// "fallback"), the CSS custom states :state(ready) / :state(fallback), and the events
// kakao-share-ready, kakao-share-fallback (detail.reason) and kakao-share-sent (detail.via:
// "kakao" | "web-share" | "copy"), which bubble out of the button.

const TAG = "kakao-share-button";
const BUNDLE = new URL("./", import.meta.url);
const REGISTRY = "__kakaoShareWidget";
const PY_MODULES = ["__init__.py", "_dom.py", "_controller.py"];
// PyScript plugins the widget does not use; "error" would print Python errors into the host page.
const PY_PLUGINS = ["error", "py-editor", "py-terminal", "py-game", "codemirror", "donkey", "deprecations-manager"];
// What the widget's <script type="py"> runs; an import failure is reported, not left to the watchdog.
const PY_START = `
try:
    from kakao_share_widget import start
except BaseException as exc:
    import js
    js.window.${REGISTRY}.failed(f"the widget's Python could not start: {exc!r}")
else:
    start()
`;
const SIZES = ["medium", "small", "large"];
const THEMES = ["kakao", "light", "dark", "auto"];
// Attributes that change what is shared: a change prepares the button again.
const SHARE_ATTRIBUTES = [
  "app-key", "template-id", "template-args", "template-src", "scrap", "url", "callback-args",
  "install-talk", "picker-type", "picker-limit", "sdk-version", "sdk-integrity", "sdk-src",
];
const DISPLAY_ATTRIBUTES = ["text", "size", "theme", "lang"];
const STATUS_SECONDS = 6;

const WORDS = {
  ko: {
    kakao: "카카오톡 공유하기",
    share: "링크 공유하기",
    copy: "링크 복사하기",
    preparing: "카카오톡 공유를 준비하고 있어요…",
    ready: "준비됐어요. 한 번 더 누르면 카카오톡으로 공유해요.",
    fallback: "지금은 카카오톡으로 공유할 수 없어요. 한 번 더 누르면 링크를 공유해요.",
    failed: "카카오톡으로 공유하지 못해 링크를 대신 공유해요.",
    copied: "링크를 복사했어요.",
    manual: "이 링크를 복사해 주세요:",
  },
  en: {
    kakao: "Share to KakaoTalk",
    share: "Share link",
    copy: "Copy link",
    preparing: "Getting KakaoTalk sharing ready…",
    ready: "Ready. Press again to share to KakaoTalk.",
    fallback: "KakaoTalk sharing is unavailable right now. Press again to share the link.",
    failed: "Could not share to KakaoTalk, so the link is shared instead.",
    copied: "Link copied.",
    manual: "Copy this link:",
  },
};

// Colours follow Kakao's button guide for the yellow theme (#FEE500, label black at 85%).
const CSS = `
:host {
  display: inline-block !important; vertical-align: middle;
  box-sizing: content-box !important; width: auto !important; height: auto !important;
  min-width: 0 !important; min-height: 0 !important; max-width: none !important; max-height: none !important;
  padding: 0 !important; border: 0 none !important; background: none !important; outline: none !important;
  box-shadow: none !important; opacity: 1 !important; filter: none !important; transform: none !important;
  zoom: 1 !important; visibility: visible !important; clip-path: none !important; mask: none !important;
  overflow: visible !important; writing-mode: horizontal-tb !important; pointer-events: auto !important;
  animation: none !important; transition: none !important; contain: none !important;
}
:host([hidden]) { display: none !important; }
:host::before, :host::after { content: none !important; display: none !important; }
/* Block boxes only (no line box the host's font could stretch); the button keeps its own width. */
.wrap {
  all: initial; position: relative; display: block; width: max-content;
  --h: 40px; --px: 16px; --fs: 15px; --icon: 18px; --radius: 8px; --gap: 7px;
  --bg: #fee500; --fg: rgba(0, 0, 0, 0.85); --line: #fee500; --hover: #f5dc00; --mark: #000;
}
.small { --h: 32px; --px: 12px; --fs: 13px; --icon: 16px; --radius: 6px; --gap: 6px; }
.large { --h: 48px; --px: 20px; --fs: 16px; --icon: 20px; --radius: 10px; --gap: 8px; }
.light { --bg: #fff; --fg: #191919; --line: #d0d0d0; --hover: #f3f3f3; --mark: #191919; }
.dark { --bg: #1e1e1e; --fg: #fff; --line: #3c3c3c; --hover: #2d2d2d; --mark: #fee500; }
@media (prefers-color-scheme: dark) {
  .auto { --bg: #1e1e1e; --fg: #fff; --line: #3c3c3c; --hover: #2d2d2d; --mark: #fee500; }
}
@media (prefers-color-scheme: light) {
  .auto { --bg: #fff; --fg: #191919; --line: #d0d0d0; --hover: #f3f3f3; --mark: #191919; }
}
button {
  all: initial; box-sizing: border-box; display: flex; align-items: center; justify-content: center;
  height: var(--h); margin: 0; padding: 0 var(--px); border: 1px solid var(--line);
  border-radius: var(--radius); background: var(--bg); color: var(--fg); cursor: pointer;
  font-family: system-ui, -apple-system, "Apple SD Gothic Neo", "Malgun Gothic", "Noto Sans KR", "Segoe UI",
    Roboto, sans-serif;
  font-size: var(--fs); font-weight: 600; line-height: 1; letter-spacing: 0; white-space: nowrap;
  -webkit-tap-highlight-color: transparent; user-select: none; -webkit-user-select: none;
  transition: background-color 0.15s ease;
}
button:hover { background: var(--hover); }
button:focus-visible { outline: 3px solid #2563eb; outline-offset: 2px; }
/* One face per state (icon + label), stacked in one grid cell: the widest sets the button's width, so
   switching faces never changes the button's size. */
.faces { display: grid; }
.face { grid-area: 1 / 1; justify-self: center; display: flex; align-items: center; gap: var(--gap); visibility: hidden; }
.face.on { visibility: visible; }
.icon { position: relative; display: block; width: var(--icon); height: var(--icon); flex: none; }
.icon svg { position: absolute; inset: 0; width: 100%; height: 100%; fill: var(--mark); }
.spin { display: none; fill: none !important; stroke: var(--mark); stroke-width: 2.5; stroke-linecap: round;
  animation: turn 0.9s linear infinite; transform-origin: 50% 50%; }
.busy .spin { display: block; }
.busy .spin + svg { display: none; }
@keyframes turn { to { transform: rotate(360deg); } }
.status {
  position: absolute; left: 0; top: calc(100% + 6px); z-index: 2147483647; box-sizing: border-box;
  width: max-content; max-width: min(300px, 90vw); padding: 8px 12px; border-radius: 8px;
  background: #191919; color: #fff; font: 400 13px/1.45 system-ui, -apple-system, "Apple SD Gothic Neo",
    "Malgun Gothic", "Noto Sans KR", "Segoe UI", Roboto, sans-serif;
  white-space: normal; word-break: keep-all; overflow-wrap: anywhere; text-align: left; letter-spacing: 0;
  box-shadow: 0 4px 14px rgba(0, 0, 0, 0.25); opacity: 0; pointer-events: none; transition: opacity 0.15s;
}
.status.on { opacity: 1; pointer-events: auto; user-select: text; -webkit-user-select: text; }
.status:empty { padding: 0; }
@media (prefers-reduced-motion: reduce) {
  .spin { animation: none; }
  button, .status { transition: none; }
}
@media (forced-colors: active) {
  button { border-color: ButtonText; }
  .icon svg { fill: ButtonText; }
  .spin { stroke: ButtonText; }
}
`;

const ICONS = {
  kakao: '<ellipse cx="12" cy="10.6" rx="10" ry="8.1"/><path d="M6.6 15.6 5.3 21.1l5.6-3.6z"/>',
  share:
    '<circle cx="18" cy="5.5" r="3"/><circle cx="6" cy="12" r="3"/><circle cx="18" cy="18.5" r="3"/>' +
    '<path d="m7.3 10.9 9.4-5 .9 1.8-9.4 5zm.9 1.3 9.4 5-.9 1.7-9.4-5z"/>',
  copy:
    '<path d="M8 2h11a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2h-2v-2h2V4H8v2H6V4a2 2 0 0 1 2-2z"/>' +
    '<path d="M5 7h11a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V9a2 2 0 0 1 2-2zm0 2v11h11V9z"/>',
};
const SPINNER = '<svg viewBox="0 0 24 24" data-icon="busy" class="spin"><circle cx="12" cy="12" r="8.5" stroke-dasharray="38 60"/></svg>';
const face = (name) =>
  `<span class="face" data-face="${name}"><span class="icon" aria-hidden="true">${name === "kakao" ? SPINNER : ""}` +
  `<svg viewBox="0 0 24 24" data-icon="${name}">${ICONS[name]}</svg></span><span class="label"></span></span>`;
const MARKUP =
  `<span class="wrap"><button type="button"><span class="faces">${Object.keys(ICONS).map(face).join("")}</span>` +
  '</button><span class="status" role="status" aria-live="polite"></span></span>';

let sheet = null;
function styles(root) {
  if ("adoptedStyleSheets" in root && typeof CSSStyleSheet === "function" && "replaceSync" in CSSStyleSheet.prototype) {
    // A constructed stylesheet needs no 'unsafe-inline' in the page's Content-Security-Policy.
    sheet ??= new CSSStyleSheet();
    if (!sheet.cssRules.length) sheet.replaceSync(CSS);
    root.adoptedStyleSheets = [sheet];
  } else {
    const style = document.createElement("style");
    style.textContent = CSS;
    root.append(style);
  }
}

let markup = null;
function drawInto(root) {
  markup ??= Object.assign(document.createElement("template"), { innerHTML: MARKUP });
  styles(root);
  root.append(markup.content.cloneNode(true));
}

function languageOf(element) {
  const lang = element.closest("[lang]")?.getAttribute("lang") || navigator.language || "";
  return lang.toLowerCase().startsWith("ko") ? "ko" : "en";
}

function pick(value, allowed, name, element) {
  if (value === null || value === "") return allowed[0];
  const wanted = value.trim().toLowerCase();
  if (allowed.includes(wanted)) return wanted;
  console.warn(`${TAG}: ${name}="${value}" is not one of ${allowed.join(", ")}; using ${allowed[0]}`, element);
  return allowed[0];
}

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

function markOnce(name) {
  try {
    if (!performance.getEntriesByName(name, "mark").length) performance.mark(name);
  } catch {
    // performance marks are a convenience
  }
}

// --- one button ----------------------------------------------------------------------------------

let counter = 0;
const buttons = new Map(); // id -> element, while connected
const SETTLE = Symbol("settle"); // how the runtime tells a button it is ready or falls back (not public)

class KakaoShareButton extends HTMLElement {
  static observedAttributes = [...SHARE_ATTRIBUTES, ...DISPLAY_ATTRIBUTES];

  #id = ++counter;
  #state = "idle";
  #pending = false;
  #parts = null;
  #internals = null;
  #statusTimer = 0;

  constructor() {
    super();
    try {
      this.#internals = this.attachInternals();
    } catch {
      // custom states are optional
    }
    this.attachShadow({ mode: "open", delegatesFocus: true });
  }

  /** "idle" | "loading" | "ready" | "fallback" */
  get state() {
    return this.#state;
  }

  connectedCallback() {
    if (!this.#parts) {
      drawInto(this.shadowRoot);
      const root = this.shadowRoot;
      this.#parts = {
        button: root.querySelector("button"),
        wrap: root.querySelector(".wrap"),
        status: root.querySelector(".status"),
        faces: root.querySelectorAll("[data-face]"),
      };
      this.#parts.button.addEventListener("click", () => this.#click());
      this.#parts.button.addEventListener("keydown", (event) => {
        if (event.key === "Escape") this.#say("");
      });
      for (const type of ["pointerenter", "focusin", "touchstart"]) {
        this.addEventListener(type, () => runtime.start(), { once: true, passive: true });
      }
    }
    this.#render();
    markOnce("kakao-share-widget:drawn");
    buttons.set(this.#id, this);
    runtime.schedule(this);
    if (runtime.state === "failed") this[SETTLE]("fallback", runtime.reason);
    else if (runtime.py) this.#prepare();
  }

  disconnectedCallback() {
    buttons.delete(this.#id);
    runtime.forget(this.#id);
  }

  attributeChangedCallback(name, before, after) {
    if (!this.#parts || before === after) return;
    if (DISPLAY_ATTRIBUTES.includes(name)) this.#render();
    else if (runtime.py && this.isConnected) this.#prepare();
  }

  #prepare() {
    this.#set("loading");
    runtime.prepare(this.#id, this);
  }

  #render() {
    const words = WORDS[languageOf(this)];
    const text = (this.getAttribute("text") || "").trim();
    const size = pick(this.getAttribute("size"), SIZES, "size", this);
    const theme = pick(this.getAttribute("theme"), THEMES, "theme", this);
    this.#parts.wrap.className = `wrap ${size} ${theme}`;
    for (const item of this.#parts.faces) item.lastChild.textContent = text || words[item.dataset.face];
    this.#show();
  }

  // The visible face follows the state; the button's size does not (no layout shift when Python
  // becomes ready or the button falls back).
  #show() {
    const fallback = this.#state === "fallback";
    const shown = fallback ? (navigator.share ? "share" : "copy") : "kakao";
    const busy = this.#pending && this.#state === "loading";
    for (const item of this.#parts.faces) item.classList.toggle("on", item.dataset.face === shown);
    this.#parts.button.classList.toggle("busy", busy);
    if (busy) this.#parts.button.setAttribute("aria-busy", "true");
    else this.#parts.button.removeAttribute("aria-busy");
  }

  #set(state) {
    this.#state = state;
    try {
      this.#internals?.states?.clear();
      this.#internals?.states?.add(state);
    } catch {
      // older engines name custom states differently; state and the events still work
    }
    if (this.#parts) this.#show();
  }

  /** The runtime (or Python) moved this button on: "loading", "ready", or "fallback" with a reason. */
  [SETTLE](state, reason = "") {
    const settled = state === "ready" || state === "fallback";
    const wasPending = settled && this.#pending;
    if (settled) this.#pending = false;
    this.#set(state);
    if (state === "ready") {
      markOnce("kakao-share-widget:ready");
      this.#emit("kakao-share-ready", {});
      if (wasPending) this.#say(WORDS[languageOf(this)].ready);
    } else if (state === "fallback") {
      this.#emit("kakao-share-fallback", { reason });
      if (wasPending) this.#say(WORDS[languageOf(this)].fallback);
    }
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { bubbles: true, composed: true, detail }));
  }

  #click() {
    const words = WORDS[languageOf(this)];
    if (this.#state === "ready") {
      // Synchronous all the way to Kakao's SDK: the popup opens in this click's own task.
      const outcome = runtime.share(this.#id);
      if (outcome.ok) {
        this.#say("");
        this.#emit("kakao-share-sent", { via: "kakao" });
      } else {
        this.#shareLink(words.failed);
      }
    } else if (this.#state === "fallback") {
      this.#shareLink("");
    } else {
      // Not ready yet: say so, and be ready for the next click (never a popup after an await).
      this.#pending = true;
      this.#set("loading");
      this.#say(words.preparing, 0);
      runtime.start();
    }
  }

  #shareLink(note) {
    const url = pageLink(this);
    if (typeof navigator.share === "function") {
      navigator.share({ title: pageTitle(), url }).then(
        () => {
          if (note) this.#say(note);
          this.#emit("kakao-share-sent", { via: "web-share" });
        },
        (error) => {
          if (error?.name !== "AbortError") this.#copy(url, note);
        },
      );
    } else {
      this.#copy(url, note);
    }
  }

  async #copy(url, note) {
    const words = WORDS[languageOf(this)];
    let copied = false;
    try {
      await navigator.clipboard.writeText(url);
      copied = true;
    } catch {
      copied = this.#copyWithSelection(url);
    }
    if (copied) {
      this.#say([note, words.copied].filter(Boolean).join(" "));
      this.#emit("kakao-share-sent", { via: "copy" });
    } else {
      // Nothing could copy: show the link, selected, for the visitor to copy.
      this.#say(`${words.manual} ${url}`, 0);
      const text = this.#parts.status.firstChild;
      if (text) getSelection()?.setBaseAndExtent(text, words.manual.length + 1, text, text.length);
    }
  }

  #copyWithSelection(url) {
    const area = document.createElement("textarea");
    area.value = url;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    this.shadowRoot.append(area);
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

  // The status bubble is the button's live region: screen readers hear what sighted visitors read.
  #say(text, seconds = STATUS_SECONDS) {
    const status = this.#parts.status;
    clearTimeout(this.#statusTimer);
    status.textContent = text;
    status.classList.toggle("on", Boolean(text));
    if (text && seconds) this.#statusTimer = setTimeout(() => this.#say(""), seconds * 1000);
  }
}

// --- the runtime all buttons share ---------------------------------------------------------------

const runtime = {
  state: "idle", // idle | starting | running | failed
  reason: "",
  py: null, // the Python controller, once it runs
  watchdog: 0,
  idleScheduled: false,

  // Start when the browser is idle after the page's load, or when a button nears the viewport.
  schedule(element) {
    whenLoaded(() => {
      if (this.state !== "idle") return;
      nearViewport.observe(element);
      if (this.idleScheduled) return;
      this.idleScheduled = true;
      if (navigator.connection?.saveData) return; // only on the visitor's intent
      if (typeof requestIdleCallback === "function") requestIdleCallback(() => this.start(), { timeout: 4000 });
      else setTimeout(() => this.start(), 200);
    });
  },

  async start() {
    if (this.state !== "idle") return;
    this.state = "starting";
    nearViewport.disconnect();
    for (const element of buttons.values()) element[SETTLE]("loading");
    if (typeof WebAssembly !== "object" || typeof WebAssembly.instantiate !== "function") {
      this.fail("this browser has no WebAssembly, which kakao-share's Python runtime needs");
      return;
    }
    watchForBlocks();
    const script = document.createElement("script");
    script.type = "py";
    script.id = "kakao-share-widget-py";
    script.setAttribute("target", script.id); // no output element in the page
    script.textContent = PY_START;
    const files = Object.fromEntries(
      PY_MODULES.map((name) => [new URL(`widget/kakao_share_widget/${name}`, BUNDLE).href, `./kakao_share_widget/${name}`]),
    );
    const plugins = PY_PLUGINS.map((name) => `!${name}`);
    script.setAttribute("config", JSON.stringify({ files, plugins }));
    // PyScript also configures MicroPython, and without a configuration of its own that branch loads
    // every plugin (some compile code with Function(), which a strict Content-Security-Policy
    // refuses). The same plugin list, in <head> where nothing renders.
    const micropython = document.createElement("mpy-config");
    micropython.hidden = true;
    micropython.textContent = JSON.stringify({ plugins });
    document.head.append(micropython, script);
    this.watchdog = setTimeout(() => this.fail("the Python runtime did not start within 60 seconds"), 60_000);
    try {
      const { boot } = await import(new URL("assets/boot.js", BUNDLE).href);
      await boot({ css: false });
      // PyScript compiles its worker hooks with Function() while it sets up, which a strict
      // Content-Security-Policy refuses; the widget starts no PyScript worker, so it needs none of them.
      // (boot() has just loaded core.js; PyScript sets up after its first plugin has loaded.)
      const { hooks } = await import(new URL("runtime/pyscript/core.js", BUNDLE).href);
      for (const name of Object.keys(hooks.worker)) if (name.startsWith("on")) hooks.worker[name].clear();
    } catch (error) {
      this.fail(`the Python runtime could not be loaded from ${BUNDLE.href} (${error?.message || error})`);
    }
  },

  fail(reason) {
    if (this.state === "running" || this.state === "failed") return;
    clearTimeout(this.watchdog);
    this.state = "failed";
    this.reason = reason;
    console.warn(`${TAG}: KakaoTalk sharing is unavailable: ${reason}. The buttons share the page's link instead.`);
    for (const element of buttons.values()) element[SETTLE]("fallback", reason);
  },

  prepare(id, element) {
    try {
      this.py.prepare(id, element);
    } catch (error) {
      element[SETTLE]("fallback", String(error?.message || error));
    }
  },

  forget(id) {
    try {
      this.py?.forget(id);
    } catch {
      // the runtime is gone; nothing to forget
    }
  },

  share(id) {
    try {
      return JSON.parse(this.py.share(id));
    } catch (error) {
      console.error(`${TAG}: sharing failed`, error);
      return { ok: false, reason: String(error?.message || error) };
    }
  },
};

function whenLoaded(callback) {
  if (document.readyState === "complete") callback();
  else addEventListener("load", () => callback(), { once: true });
}

const nearViewport =
  typeof IntersectionObserver === "function"
    ? new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && runtime.start(), {
        rootMargin: "300px",
      })
    : { observe() {}, disconnect() {} };

// Failures that leave no rejected promise behind: an HTTP error on one of the runtime's files, or the
// page's Content-Security-Policy refusing them (or WebAssembly compilation).
function watchForBlocks() {
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (entry.name.startsWith(BUNDLE.href) && entry.responseStatus >= 400) {
          runtime.fail(`${entry.name} answered HTTP ${entry.responseStatus}`);
        }
      }
    }).observe({ type: "resource", buffered: false });
  } catch {
    // older engines: the watchdog still ends the wait
  }
  document.addEventListener("securitypolicyviolation", (event) => {
    const blocked = event.blockedURI || "";
    const ours = (event.sourceFile || "").startsWith(BUNDLE.href);
    if (blocked === "wasm-eval" && ours) {
      runtime.fail("the page's Content-Security-Policy does not allow WebAssembly: add 'wasm-unsafe-eval' to script-src");
    } else if (blocked.startsWith(BUNDLE.origin) || (blocked === "eval" && ours)) {
      runtime.fail(
        `the page's Content-Security-Policy (${event.effectiveDirective}) blocks ${blocked}; ` +
          "see the README's Content-Security-Policy section",
      );
    }
  });
}

// Python calls these (window.__kakaoShareWidget) once it runs.
const registry = Object.freeze({
  attach(py) {
    clearTimeout(runtime.watchdog);
    runtime.py = py;
    runtime.state = "running";
    for (const [id, element] of buttons) {
      element[SETTLE]("loading");
      runtime.prepare(id, element);
    }
  },
  update(id, state, reason) {
    buttons.get(id)?.[SETTLE](state, reason);
  },
  failed(reason) {
    runtime.fail(reason);
  },
});

if (!customElements.get(TAG)) {
  Object.defineProperty(window, REGISTRY, { value: registry });
  customElements.define(TAG, KakaoShareButton);
}
