// kakao-share's embeddable "Share to KakaoTalk" button. The snippet (a stable contract):
//
//   <script type="module" src="https://SITE/kakao-share-widget.js"></script>
//   <kakao-share-button app-key="JAVASCRIPT_KEY"></kakao-share-button>
//
// This loader is on the host page's critical path (a page's `load` waits for it), so it does only what
// cannot wait: it draws every <kakao-share-button> at once in its own shadow root (the page's CSS cannot
// reach it, its CSS cannot leak) and keeps the button's state on screen. Everything else is in
// widget/button.js, imported after the page's `load` (or at once when a button is hovered, focused,
// touched or pressed): the runtime all buttons share, clicks, messages and the fallbacks. The two talk
// only through the `view` object below, which stays compatible across releases (a visitor may have this
// file cached for ten minutes while widget/button.js is new).
//
// Page authors can follow a button through `button.state` ("idle" | "loading" | "ready" |
// "fallback"), the CSS custom states :state(ready) / :state(fallback), and the events
// kakao-share-ready, kakao-share-fallback (detail.reason) and kakao-share-sent (detail.via:
// "kakao" | "web-share" | "copy"), which bubble out of the button.

const TAG = "kakao-share-button";
const BUNDLE = new URL("./", import.meta.url);
const SIZES = ["medium", "small", "large"];
const THEMES = ["kakao", "light", "dark", "auto"];
// Attributes that change what is shared (the button is prepared again) and how it looks.
const SHARE_ATTRIBUTES = [
  "app-key", "template-id", "template-args", "template-src", "scrap", "url", "callback-args",
  "install-talk", "picker-type", "picker-limit", "sdk-version", "sdk-integrity", "sdk-src",
];
const DISPLAY_ATTRIBUTES = ["text", "size", "theme", "lang"];
const LABELS = {
  ko: { kakao: "카카오톡 공유하기", share: "링크 공유하기", copy: "링크 복사하기" },
  en: { kakao: "Share to KakaoTalk", share: "Share link", copy: "Copy link" },
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
let markup = null;
function drawInto(root) {
  if ("adoptedStyleSheets" in root && typeof CSSStyleSheet === "function" && "replaceSync" in CSSStyleSheet.prototype) {
    // A constructed stylesheet needs no 'unsafe-inline' in the page's Content-Security-Policy.
    if (!sheet) (sheet = new CSSStyleSheet()).replaceSync(CSS);
    root.adoptedStyleSheets = [sheet];
  } else {
    root.append(Object.assign(document.createElement("style"), { textContent: CSS }));
  }
  markup ??= Object.assign(document.createElement("template"), { innerHTML: MARKUP });
  root.append(markup.content.cloneNode(true));
}

function pick(value, allowed, name, element) {
  if (value === null || value === "") return allowed[0];
  const wanted = value.trim().toLowerCase();
  if (allowed.includes(wanted)) return wanted;
  console.warn(`${TAG}: ${name}="${value}" is not one of ${allowed.join(", ")}; using ${allowed[0]}`, element);
  return allowed[0];
}

function markOnce(name) {
  try {
    if (!performance.getEntriesByName(name, "mark").length) performance.mark(name);
  } catch {
    // performance marks are a convenience
  }
}

// --- what widget/button.js sees of a button ------------------------------------------------------

let counter = 0;
const views = new Map(); // id -> view, while its button is connected

/** A drawn button's state on screen. widget/button.js moves it from state to state. */

/** "ko" for a Korean language tag (ko, ko-KR, ko_KR), "en" for anything else: kakao_share._i18n.language's rule. */
function language(tag) {
  const primary = String(tag || "").replace(/^[\t\n\f\r ]+|[\t\n\f\r ]+$/g, "").split(/[-_]/)[0];
  return primary.toLowerCase() === "ko" ? "ko" : "en";
}

class View {
  state = "idle"; // "idle" | "loading" | "ready" | "fallback"
  pending = false; // pressed before it was ready: the next settle tells the visitor
  #internals;
  #statusTimer = 0;

  constructor(element, internals) {
    this.id = ++counter;
    this.element = element;
    this.#internals = internals;
    const root = element.shadowRoot;
    drawInto(root);
    this.button = root.querySelector("button");
    this.wrap = root.querySelector(".wrap");
    this.status = root.querySelector(".status");
    this.faces = root.querySelectorAll("[data-face]");
  }

  /** "ko" or "en": the button's own lang, else its page's, else the browser's language. */
  get lang() {
    return language(this.element.closest("[lang]")?.getAttribute("lang") || navigator.language);
  }

  render() {
    const labels = LABELS[this.lang];
    const text = (this.element.getAttribute("text") || "").trim();
    const size = pick(this.element.getAttribute("size"), SIZES, "size", this.element);
    const theme = pick(this.element.getAttribute("theme"), THEMES, "theme", this.element);
    this.wrap.className = `wrap ${size} ${theme}`;
    for (const item of this.faces) item.lastChild.textContent = text || labels[item.dataset.face];
    this.show();
  }

  // The visible face follows the state; the button's size does not (no layout shift when Python
  // becomes ready or the button falls back).
  show() {
    const shown = this.state === "fallback" ? (navigator.share ? "share" : "copy") : "kakao";
    const busy = this.pending && this.state === "loading";
    for (const item of this.faces) item.classList.toggle("on", item.dataset.face === shown);
    this.button.classList.toggle("busy", busy);
    if (busy) this.button.setAttribute("aria-busy", "true");
    else this.button.removeAttribute("aria-busy");
  }

  set(state) {
    this.state = state;
    try {
      this.#internals?.states?.clear();
      this.#internals?.states?.add(state);
    } catch {
      // older engines name custom states differently; state and the events still work
    }
    this.show();
  }

  /** Show ``text`` in the status bubble (the button's live region) for ``seconds`` (0: until replaced). */
  say(text, seconds = 6) {
    clearTimeout(this.#statusTimer);
    this.status.textContent = text;
    this.status.classList.toggle("on", Boolean(text));
    if (text && seconds) this.#statusTimer = setTimeout(() => this.say(""), seconds * 1000);
  }

  emit(type, detail) {
    this.element.dispatchEvent(new CustomEvent(type, { bubbles: true, composed: true, detail }));
  }
}

// --- widget/button.js, loaded off the critical path ----------------------------------------------

let behaviour = null; // what widget/button.js's attach() returned
let loading = null;

function loadBehaviour() {
  loading ??= import(new URL("widget/button.js", BUNDLE).href).then(
    (module) => {
      behaviour = module.attach({ bundle: BUNDLE, views });
    },
    (error) => {
      const reason = `${new URL("widget/button.js", BUNDLE).href} could not be loaded (${error?.message || error})`;
      console.warn(`${TAG}: KakaoTalk sharing is unavailable: ${reason}.`);
      for (const view of views.values()) {
        view.pending = false;
        view.set("fallback");
        view.emit("kakao-share-fallback", { reason });
      }
    },
  );
  return loading;
}

function whenLoaded(callback) {
  if (document.readyState === "complete") callback();
  else addEventListener("load", () => callback(), { once: true });
}

class KakaoShareButton extends HTMLElement {
  static observedAttributes = [...SHARE_ATTRIBUTES, ...DISPLAY_ATTRIBUTES];

  #view = null;
  #internals = null;

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
    return this.#view?.state ?? "idle";
  }

  connectedCallback() {
    if (!this.#view) {
      const view = (this.#view = new View(this, this.#internals));
      view.button.addEventListener("click", () => this.#click());
      view.button.addEventListener("keydown", (event) => event.key === "Escape" && view.say(""));
      for (const type of ["pointerenter", "focusin", "touchstart"]) {
        this.addEventListener(type, () => loadBehaviour().then(() => behaviour?.start()), { once: true, passive: true });
      }
    }
    this.#view.render();
    markOnce("kakao-share-widget:drawn");
    views.set(this.#view.id, this.#view);
    if (behaviour) behaviour.connected(this.#view);
    else whenLoaded(() => loadBehaviour());
  }

  disconnectedCallback() {
    views.delete(this.#view.id);
    behaviour?.disconnected(this.#view);
  }

  attributeChangedCallback(name, before, after) {
    if (!this.#view || before === after) return;
    if (DISPLAY_ATTRIBUTES.includes(name)) this.#view.render();
    else if (this.isConnected) behaviour?.changed(this.#view);
  }

  #click() {
    const view = this.#view;
    // Once widget/button.js is here, a ready button shares synchronously, in this click's own task.
    if (behaviour) return behaviour.click(view);
    if (view.state === "fallback") return; // widget/button.js could not be loaded: nothing can share
    // Too early even for widget/button.js: show that the press was taken; it says the rest.
    view.pending = true;
    view.set("loading");
    loadBehaviour().then(() => behaviour?.click(view));
  }
}

if (!customElements.get(TAG)) customElements.define(TAG, KakaoShareButton);
