// The widget's Python on MicroPython: the interpreter, its wasm (compiled while it streams in) and the
// widget's byte-code pack, then its modules imported one per step. Used by the widget's Web Worker
// (widget/python-worker.js), and by widget/button.js on the host page's main thread only where a worker
// cannot start. Returns `handle(requestJson) -> answerJson` (web/widget/kakao_share_widget).

// Where MicroPython finds the widget's modules (on its sys.path).
const LIBRARY = "/lib/";

/** Start MicroPython with the files ``runtime/widget-runtime.mjs`` names; ``between()`` runs between steps. */
export async function startPython(runtimeUrl, between) {
  const files = await import(runtimeUrl);
  const modules = fetchBytes(files.python);
  modules.catch(() => {}); // awaited below
  // The wasm downloads into the HTTP cache (its URL is immutable) while the interpreter's module loads and
  // runs, instead of after: loadMicroPython's own request for it then reads the cache.
  fetchBytes(files.micropythonWasm).catch(() => {}); // its own request reports a failure
  // micropython.mjs publishes its loader as a global; on a host page (no worker) it is not ours to keep.
  const pageOwn = Object.getOwnPropertyDescriptor(globalThis, "loadMicroPython");
  const { loadMicroPython } = await import(files.micropython);
  if (pageOwn) Object.defineProperty(globalThis, "loadMicroPython", pageOwn);
  else delete globalThis.loadMicroPython;
  const micropython = await loadMicroPython({ url: files.micropythonWasm, heapsize: 2 * 1024 * 1024 });
  await between();
  install(micropython, await modules);
  // One module per step (files.modules lists each after what it imports).
  let widget = null;
  for (const name of files.modules) {
    await between();
    widget = micropython.pyimport(name);
  }
  const handle = widget.handle;
  return (request) => String(handle(request));
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
