// The widget's Web Worker for its Python: MicroPython builds and validates every button's message here,
// off the host page's main thread. Started by widget/button.js (through a short blob: module, as the
// bundle may be on another origin). It answers {type: "start", runtime} with {type: "started"} or
// {type: "failed", reason}, then each {seq, request} (JSON text) with {seq, answer} (JSON text).

import { startPython } from "./micropython.js";

let handle = null;
let refused = ""; // what the page's Content-Security-Policy (which a blob: worker inherits) refused here

addEventListener("securitypolicyviolation", (event) => {
  refused =
    event.blockedURI === "wasm-eval"
      ? "the page's Content-Security-Policy does not allow WebAssembly: add 'wasm-unsafe-eval' to script-src"
      : `the page's Content-Security-Policy (${event.effectiveDirective}) blocks ${event.blockedURI}`;
});

addEventListener("message", async ({ data }) => {
  if (data.type === "start") {
    handle = startPython(data.runtime, async () => {});
    try {
      await handle;
      postMessage({ type: "started" });
    } catch (error) {
      postMessage({ type: "failed", reason: refused || String(error?.message || error) });
    }
    return;
  }
  postMessage({ seq: data.seq, answer: (await handle)(data.request) });
});
