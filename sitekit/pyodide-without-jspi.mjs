// Pyodide's loader, starting Pyodide without WebAssembly stack switching (JSPI): what every page of
// kakao-share starts Python with (the snapshot's interpreter.mjs, the widget's template worker), and
// what a PyScript app names as its `interpreter` to take Pyodide from a kakao-share site.
//
// With JSPI (Chrome and Edge since 137), Pyodide runs every script PyScript starts (runPythonAsync) and
// every asyncio callback on a stack of its own, and Chromium's renderer then crashes now and then with a
// segmentation fault while such a stack imports heavy packages (pyodide/pyodide#6106; here: the
// playground's first boot, and a PyScript app importing kakao-share, on a busy machine; the crash dumps
// show the renderer's main thread reading just past the end of such a stack). kakao-share needs nothing
// JSPI adds (pyodide.ffi.run_sync, a time.sleep that waits), so Python runs on the page's own stack, as
// in Firefox and Safari.
//
// The build copies this file next to Pyodide's own pyodide.mjs (sitekit/_boot.py).
import { loadPyodide as startPyodide, version } from "./pyodide.mjs";

export { version };

/** Pyodide's own files: this module's folder. */
const INDEX_URL = new URL("./", import.meta.url).href;
/** What a browser offers for WebAssembly stack switching; Pyodide uses it where it finds it. */
const STACK_SWITCHING = ["Suspending", "Suspender"];
// Every way of starting needs Pyodide's Emscripten module: start loading it now.
const emscriptenModule = import("./pyodide.asm.mjs");

/** Pyodide's loadPyodide (PyScript calls it so), started without stack switching. */
export function loadPyodide(options = {}) {
  return startPyodide({ indexURL: INDEX_URL, ...options, createPyodideModule: createModule });
}

/**
 * Create Pyodide's Emscripten module without stack switching; for a loader that must add steps of its
 * own (restoring a snapshot). The module decides whether to use JSPI synchronously as it is called, so
 * hiding the constructors for that one call is invisible to every other script on the page.
 */
export async function createModule(settings) {
  const { default: create } = await emscriptenModule;
  const hidden = STACK_SWITCHING.flatMap((name) => {
    const property = Object.getOwnPropertyDescriptor(WebAssembly, name);
    return property && delete WebAssembly[name] ? [[name, property]] : [];
  });
  try {
    return create(settings);
  } finally {
    for (const [name, property] of hidden) Object.defineProperty(WebAssembly, name, property);
  }
}
