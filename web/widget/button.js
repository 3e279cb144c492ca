// What makes kakao-share's widget buttons work, imported by the loader (kakao-share-widget.js) after
// the host page's `load`, or at once when a button is hovered, focused, touched or pressed. The loader
// draws the buttons and hands each one over as a `view` (its state on screen); this module moves them
// from state to state.
//
// It starts the widget's Python on MicroPython (~0.2 MB, from the same bundle), off the page's critical
// path: when the browser is idle, or when a button nears the viewport or is interacted with — whichever
// comes first — in short tasks that give the page its main thread back in between. Python
// (widget/kakao_share_widget) then reads the page and each button's attributes, builds and validates the
// message, loads Kakao's SDK once and marks each button ready; a click then shares synchronously, inside
// the click's own task (browsers block popups opened later). Buttons whose message is a Jinja2 template
// are rendered by kakao-share's full runtime (Pyodide) in a Web Worker, started only on pages that have one.
//
// When Kakao cannot be used (no WebAssembly, the runtime or SDK blocked, no app key, a configuration
// mistake, which Python explains in the console) the button shares the page's link instead: through
// the Web Share API where the browser has it, else by copying it, with a visible confirmation.

const TAG = "kakao-share-button";
const READY_MARK = "kakao-share-widget:ready"; // in the page's performance timeline, for page authors
// Where MicroPython finds the widget's modules (on its sys.path).
const LIBRARY = "/lib/";
// Where the widget's runtime files are (runtime/widget-runtime.mjs, written by the build), once started.
let files = null;

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
      this.watchdog = setTimeout(() => this.fail("the Python runtime did not start within 60 seconds"), 60_000);
      try {
        // The interpreter, its wasm (compiled while it streams in) and the widget's byte-code, in parallel.
        files = await import(new URL("runtime/widget-runtime.mjs", bundle).href);
        const modules = fetchBytes(files.python);
        modules.catch(() => {}); // awaited below
        const { loadMicroPython } = await import(files.micropython);
        const micropython = await loadMicroPython({ url: files.micropythonWasm, heapsize: 2 * 1024 * 1024 });
        await nextTask();
        install(micropython, await modules);
        // One module per task (files.modules lists each after what it imports): no long task for the page.
        let widget = null;
        for (const name of files.modules) {
          await nextTask();
          widget = micropython.pyimport(name);
        }
        await nextTask();
        this.attach(widget.Controller(registry));
      } catch (error) {
        this.fail(`the Python runtime could not be loaded from ${bundle.href} (${error?.message || error})`);
      }
    },

    attach(py) {
      if (this.state !== "starting") return;
      clearTimeout(this.watchdog);
      this.py = py;
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

    // Each button is prepared in a task of its own, so that many buttons never make one long task.
    prepare(view) {
      settle(view, "loading");
      nextTask().then(() => {
        if (views.get(view.id) !== view) return;
        try {
          this.py.prepare(view.id, view.element);
        } catch (error) {
          settle(view, "fallback", String(error?.message || error));
        }
      });
    },

    share(view) {
      try {
        const problem = this.py.share(view.id);
        return problem ? { ok: false, reason: problem } : { ok: true };
      } catch (error) {
        console.error(`${TAG}: sharing failed`, error);
        return { ok: false, reason: String(error?.message || error) };
      }
    },
  };

  const templates = templateRenderer(bundle, (id, generation, outcome) => {
    try {
      runtime.py?.rendered(id, generation, outcome);
    } catch (error) {
      const view = views.get(id);
      const reason = `the widget's Python failed (${error?.message || error})`;
      console.error(`${TAG}: ${reason}`, view?.element);
      if (view) settle(view, "fallback", reason);
    }
  });

  const nearViewport =
    typeof IntersectionObserver === "function"
      ? new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && runtime.start(), {
          rootMargin: "300px",
        })
      : { observe() {}, disconnect() {} };

  // What the widget's Python calls (it is handed this object, nothing is put on the page's window).
  // The calls into Kakao's SDK that may throw are made here: MicroPython cannot catch JavaScript
  // exceptions.
  const registry = Object.freeze({
    update(id, state, reason) {
      const view = views.get(id);
      if (view) settle(view, state, reason);
    },
    render(id, generation, payload) {
      templates.render(id, generation, payload);
    },
    version() {
      const kakao = window.Kakao;
      return kakao && typeof kakao === "object" ? String(kakao.VERSION || "0") : "";
    },
    init(appKey) {
      return initKakao(appKey);
    },
    send(method, settings) {
      try {
        window.Kakao.Share[method](JSON.parse(settings));
        return "";
      } catch (error) {
        return String(error?.message || error);
      }
    },
  });

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
  let worker = null;
  const waiting = new Map(); // id -> generation, until its answer comes
  const failAll = (problem) => {
    for (const [id, generation] of waiting) answer(id, generation, JSON.stringify({ problem }));
    waiting.clear();
  };
  const start = () => {
    // A worker script must come from the page's own origin; the bundle may be elsewhere, so the worker is
    // a one-line module (a blob: URL) that imports the bundle's worker (CORS).
    const main = new URL("widget/template-worker.js", bundle).href;
    const blob = new Blob([`import ${JSON.stringify(main)};`], { type: "text/javascript" });
    const url = URL.createObjectURL(blob);
    worker = new Worker(url, { type: "module", name: "kakao-share templates" });
    worker.addEventListener("message", ({ data }) => {
      if (waiting.get(data.id) === data.generation) waiting.delete(data.id);
      answer(data.id, data.generation, data.outcome);
    });
    worker.addEventListener("error", (event) => {
      event.preventDefault();
      failAll(
        `kakao-share's Web Worker for templates could not start (${event.message || "blocked"}); ` +
          `a page with a Content-Security-Policy must allow worker-src blob: ${bundle.origin} (see the README)`,
      );
      worker = null;
    });
    worker.postMessage({
      type: "start",
      pyodide: files.pyodide,
      python: new URL("widget/template_worker.py", bundle).href,
    });
  };
  return {
    render(id, generation, payload) {
      waiting.set(id, generation);
      try {
        if (!worker) start();
        worker.postMessage({ id, generation, payload });
      } catch (error) {
        failAll(`kakao-share's Web Worker for templates could not start (${error?.message || error})`);
      }
    },
  };
}

/** The widget's Python modules (a pack: see sitekit/micropython) into MicroPython's file system. */
function install(micropython, data) {
  const bytes = new Uint8Array(data);
  const view = new DataView(data);
  const decoder = new TextDecoder();
  for (let at = 0; at < bytes.length; ) {
    const size = view.getUint16(at, true);
    const path = LIBRARY + decoder.decode(bytes.subarray(at + 2, at + 2 + size));
    at += 2 + size;
    const length = view.getUint32(at, true);
    micropython.FS.mkdirTree(path.slice(0, path.lastIndexOf("/")));
    micropython.FS.writeFile(path, bytes.subarray(at + 4, at + 4 + length));
    at += 4 + length;
  }
}

async function fetchBytes(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}`);
  return response.arrayBuffer();
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
