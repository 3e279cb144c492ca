// What makes kakao-share's widget buttons work, imported by the loader (kakao-share-widget.js) after
// the host page's `load`, or at once when a button is hovered, focused, touched or pressed. The loader
// draws the buttons and hands each one over as a `view` (its state on screen); this module moves them
// from state to state.
//
// It starts kakao-share's Python runtime from the same bundle, off the page's critical path: when the
// browser is idle, or when a button nears the viewport or is interacted with — whichever comes first.
// Python (widget/kakao_share_widget) then reads the page and each button's attributes, builds and
// validates the message, loads Kakao's SDK once and marks each button ready; a click then shares
// synchronously, inside the click's own task (browsers block popups opened later).
//
// When Kakao cannot be used (no WebAssembly, the runtime or SDK blocked, no app key, a configuration
// mistake, which Python explains in the console) the button shares the page's link instead: through
// the Web Share API where the browser has it, else by copying it, with a visible confirmation.

const TAG = "kakao-share-button";
const REGISTRY = "__kakaoShareWidget";
const READY_MARK = "kakao-share-widget:ready"; // in the page's performance timeline, for page authors
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

// --- the runtime all buttons share ---------------------------------------------------------------

/** Called once by the loader; returns what it calls for each button from then on. */
export function attach({ bundle, views }) {
  const runtime = {
    state: "idle", // idle | starting | running | failed
    reason: "",
    py: null, // the Python controller, once it runs
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
      const script = document.createElement("script");
      script.type = "py";
      script.id = "kakao-share-widget-py";
      script.setAttribute("target", script.id); // no output element in the page
      script.textContent = PY_START;
      const files = Object.fromEntries(
        PY_MODULES.map((name) => [new URL(`widget/kakao_share_widget/${name}`, bundle).href, `./kakao_share_widget/${name}`]),
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
        const { boot } = await import(new URL("assets/boot.js", bundle).href);
        await boot({ css: false });
        // PyScript compiles its worker hooks with Function() while it sets up, which a strict
        // Content-Security-Policy refuses; the widget starts no PyScript worker, so it needs none of them.
        // (boot() has just loaded core.js; PyScript sets up after its first plugin has loaded.)
        const { hooks } = await import(new URL("runtime/pyscript/core.js", bundle).href);
        for (const name of Object.keys(hooks.worker)) if (name.startsWith("on")) hooks.worker[name].clear();
      } catch (error) {
        this.fail(`the Python runtime could not be loaded from ${bundle.href} (${error?.message || error})`);
      }
    },

    fail(reason) {
      if (this.state === "running" || this.state === "failed") return;
      clearTimeout(this.watchdog);
      this.state = "failed";
      this.reason = reason;
      console.warn(`${TAG}: KakaoTalk sharing is unavailable: ${reason}. The buttons share the page's link instead.`);
      for (const view of views.values()) settle(view, "fallback", reason);
    },

    prepare(view) {
      settle(view, "loading");
      try {
        this.py.prepare(view.id, view.element);
      } catch (error) {
        settle(view, "fallback", String(error?.message || error));
      }
    },

    share(view) {
      try {
        return JSON.parse(this.py.share(view.id));
      } catch (error) {
        console.error(`${TAG}: sharing failed`, error);
        return { ok: false, reason: String(error?.message || error) };
      }
    },
  };

  const nearViewport =
    typeof IntersectionObserver === "function"
      ? new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && runtime.start(), {
          rootMargin: "300px",
        })
      : { observe() {}, disconnect() {} };

  // Python calls these (window.__kakaoShareWidget) once it runs.
  const registry = Object.freeze({
    attach(py) {
      clearTimeout(runtime.watchdog);
      runtime.py = py;
      runtime.state = "running";
      for (const view of views.values()) runtime.prepare(view);
    },
    update(id, state, reason) {
      const view = views.get(id);
      if (view) settle(view, state, reason);
    },
    failed(reason) {
      runtime.fail(reason);
    },
  });
  Object.defineProperty(window, REGISTRY, { value: registry });

  const buttons = {
    connected(view) {
      if (runtime.state === "failed") settle(view, "fallback", runtime.reason);
      else if (runtime.py) runtime.prepare(view);
      else runtime.schedule(view);
    },

    disconnected(view) {
      try {
        runtime.py?.forget(view.id);
      } catch {
        // the runtime is gone; nothing to forget
      }
    },

    changed(view) {
      if (runtime.py) runtime.prepare(view);
    },

    start() {
      runtime.start();
    },

    click(view) {
      const words = WORDS[view.lang];
      if (view.state === "ready") {
        // Synchronous all the way to Kakao's SDK: the popup opens in this click's own task.
        const outcome = runtime.share(view);
        if (outcome.ok) {
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
