// kakao-share's Python interpreter for PyScript (the `interpreter` of runtime/pyscript.json): Pyodide,
// restored from a memory snapshot on return visits.
//
// A first visit boots Pyodide the normal way (nothing more to download before the page is ready).
// A few seconds after every script on the page has run, once the browser is idle, the snapshot
// (Python's memory after importing kakao-share, pydantic and jinja2) is saved in the Cache Storage
// for next time, unless the visitor asked to save data or is on a slow connection. A return visit restores it,
// skipping the interpreter's start-up and the imports. If restoring fails for any reason, the page
// boots the normal way and says why in the console.
//
// The build writes this file next to its snapshot with SNAPSHOT filled in (sitekit/snapshot/).
import { loadPyodide as startPyodide } from "../pyodide.mjs";
import { createModule, loadPyodide as startWithoutStackSwitching, version } from "../pyodide-without-jspi.mjs";
import { installWheels, nativeLibraries, preloadLibraries } from "./outside-heap.mjs";

export { version };

/** What the build made: heap file and its size (the memory's, less its unused top), the memory's size,
 * the function table's, the packages asked for, the wheels, the lock. */
const SNAPSHOT = null; // filled in by the build

const PYODIDE_URL = new URL("../", import.meta.url).href;
const HEAP_URL = new URL(SNAPSHOT.heap, import.meta.url).href;
/** Entries of other builds of this same runtime are replaced by this one. */
const RUNTIME_URL = new URL("../../", import.meta.url).href;
const CACHE_NAME = "kakao-share-snapshot";
/** Marks a snapshot this browser could not restore, so that it is not downloaded again. */
const FAILED = "?restore-failed";
const DEFAULT_CHANNEL = "default channel";
const SLOW_CONNECTIONS = ["slow-2g", "2g", "3g"];
/** How long a page has run its scripts before its first visit downloads the snapshot (then once idle). */
const SAVE_AFTER_MS = 3000;
/** Performance mark of the moment Python is up; its detail says how: "snapshot" or "normal". */
const STARTED = "kakao-share:python-started";

/** What PyScript passes that can be applied to an interpreter already started by prepare(). */
const APPLICABLE_LATER = new Set(["indexURL", "packages", "stdout", "stderr"]);

let prepared = null;

/**
 * Start Python now, before PyScript asks for it (assets/boot.js calls this as soon as it knows this
 * module's URL, so that Pyodide loads while PyScript itself does). loadPyodide() then returns the
 * same interpreter.
 */
export function prepare() {
  if (!prepared) {
    prepared = start({ packages: SNAPSHOT.packages });
    prepared.catch(() => {}); // reported to whoever awaits it: PyScript, through loadPyodide()
  }
  return prepared;
}

/** PyScript calls this as it would call Pyodide's own loadPyodide. */
export async function loadPyodide(options = {}) {
  if (!prepared || Object.keys(options).some((key) => !APPLICABLE_LATER.has(key))) return start(options);
  const pyodide = await prepared;
  if (options.stdout) pyodide.setStdout({ batched: options.stdout });
  if (options.stderr) pyodide.setStderr({ batched: options.stderr });
  await loadMore(pyodide, options.packages);
  return pyodide;
}

async function start(options) {
  options = {
    ...options,
    // PyScript passes the folder of this file; Pyodide's files are one level up.
    indexURL: PYODIDE_URL,
    ...(options.lockFileURL || options.lockFileContents
      ? {}
      : { lockFileContents: SNAPSHOT.lock, packageBaseUrl: PYODIDE_URL }),
  };
  const stored = await storedSnapshot();
  if (stored) {
    try {
      const pyodide = await restore(options, stored);
      performance.mark(STARTED, { detail: "snapshot" });
      return pyodide;
    } catch (error) {
      console.warn(
        `kakao-share: could not restore the Python snapshot (${error?.message || error}); starting Python the normal way`,
      );
      if (!(error instanceof NotNow)) markFailed();
    }
  }
  // The normal way, as a first visit starts: without stack switching (../pyodide-without-jspi.mjs).
  const pyodide = await startWithoutStackSwitching(options);
  performance.mark(STARTED, { detail: "normal" });
  saveSnapshotWhenIdle();
  return pyodide;
}

/** A performance mark of a step of restoring, for profiles and benchmarks; its detail is the size of
 * Python's memory then (bytes). */
function step(name, Module) {
  performance.mark(`kakao-share:restore:${name}`, { detail: { memory: Module.HEAPU8.length } });
}

/** Load what `packages` names beyond what is loaded already (a page's own additions). */
async function loadMore(pyodide, packages = []) {
  const more = packages.filter((spec) => !(packageName(spec) in pyodide.loadedPackages));
  if (more.length) await pyodide.loadPackage(more);
}

/**
 * Download the snapshot into the Cache Storage (what a first visit does once idle), unless it is there;
 * resolves to true once it is stored. Exported so that a test can prepare a return visit.
 */
export async function saveSnapshot() {
  // One download per browser, however many tabs of the site are open.
  await (navigator.locks ? navigator.locks.request(CACHE_NAME, downloadSnapshot) : downloadSnapshot());
  performance.mark("kakao-share:snapshot-saved");
  return true;
}

async function downloadSnapshot() {
  const cache = await caches.open(CACHE_NAME);
  if (await cache.match(HEAP_URL)) return;
  const response = await fetch(HEAP_URL, { priority: "low" });
  if (!response.ok) throw new Error(`could not download ${HEAP_URL} (HTTP ${response.status})`);
  await cache.put(HEAP_URL, response);
  for (const request of await cache.keys()) {
    if (request.url.startsWith(RUNTIME_URL) && !request.url.startsWith(HEAP_URL)) await cache.delete(request);
  }
}

async function storedSnapshot() {
  try {
    const cache = await caches.open(CACHE_NAME);
    return (await cache.match(HEAP_URL)) || null;
  } catch {
    return null; // no Cache Storage here (not a secure context, an opaque origin): boot normally
  }
}

/** Drop a snapshot this browser could not restore, and remember not to download it again. */
async function markFailed() {
  try {
    const cache = await caches.open(CACHE_NAME);
    await cache.delete(HEAP_URL);
    await cache.put(HEAP_URL + FAILED, new Response(""));
  } catch {
    // nothing to do: the next visit will try again
  }
}

/** Why a first visit should not download the snapshot, or null. */
function reasonNotToSave() {
  const connection = navigator.connection || {};
  if (typeof document === "undefined") return "not a page (a worker): the page saves it";
  if (!("caches" in globalThis)) return "no Cache Storage (not a secure context)";
  if (connection.saveData) return "the visitor asked to save data";
  if (SLOW_CONNECTIONS.includes(connection.effectiveType)) return `a slow connection (${connection.effectiveType})`;
  return null;
}

function saveSnapshotWhenIdle() {
  const reason = reasonNotToSave();
  if (reason) {
    performance.mark("kakao-share:snapshot-not-saved", { detail: reason });
    return;
  }
  let begun = false;
  const begin = () => {
    if (begun) return;
    begun = true;
    const save = async () => {
      const cache = await caches.open(CACHE_NAME);
      if (await cache.match(HEAP_URL + FAILED)) return; // this browser could not restore this snapshot
      await saveSnapshot();
    };
    const run = () => save().catch((error) => console.info(`kakao-share: snapshot not saved: ${error?.message || error}`));
    // A visitor who leaves at once does not pay for it, nor does one who starts using the page at once.
    setTimeout(() => {
      if (globalThis.requestIdleCallback) requestIdleCallback(run, { timeout: 5000 });
      else run();
    }, SAVE_AFTER_MS);
  };
  // PyScript fires py:all-done once every script on the page has run; a page whose scripts never
  // finish still gets the snapshot, later.
  addEventListener("py:all-done", begin, { once: true });
  setTimeout(begin, 30_000);
}

async function fetchBytes(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`could not load ${url} (HTTP ${response.status})`);
  return new Uint8Array(await response.arrayBuffer());
}

async function restore(options, stored) {
  if (!stored.body) throw new Error("the stored snapshot has no body");
  const wheels = Promise.all(SNAPSHOT.wheels.map(({ file }) => fetchBytes(new URL(file, PYODIDE_URL))));
  const libraries = wheels.then((bytes) =>
    Promise.all(
      nativeLibraries(bytes.map((b) => ({ bytes: b }))).map(async ({ name, bytes }) => ({
        name,
        module: await WebAssembly.compile(bytes),
      })),
    ),
  );
  let failed;
  const failure = new Promise((_, reject) => (failed = reject));
  for (const part of [wheels, libraries]) part.catch(failed);
  // Pyodide fetches its wasm as soon as it is called; the Emscripten module is awaited only once needed.
  const createPyodideModule = async (settings) => {
    settings.preRun.push((Module) => {
      Module.addRunDependency("kakao-share:snapshot");
      step("wasm ready", Module);
      (async () => {
        // This Pyodide build sizes its memory itself: grow it to the snapshot's before anything else,
        // so that a browser short of memory boots the normal way before more is spent.
        if (!Module.growMemory(SNAPSHOT.memory)) throw new NotNow("the browser could not give Python its memory");
        step("memory grown", Module);
        installWheels(Module, (await wheels).map((bytes) => ({ bytes })));
        step("files in place", Module);
        await preloadLibraries(Module, await libraries, SNAPSHOT.table_size);
        step("native libraries loaded", Module);
      })().then(() => Module.removeRunDependency("kakao-share:snapshot"), failed);
    });
    const Module = await createModule(settings);
    // The runtime is initialised, and Pyodide bootstraps from the snapshot as soon as it gets the module:
    // copy the stored memory into place now, as it is read, and hand Pyodide only its header.
    const header = await readInto(Module.HEAPU8, stored.body);
    step("snapshot read", Module);
    const restoreSnapshot = Module.API.restoreSnapshot;
    Module.API.restoreSnapshot = () => restoreSnapshot(header);
    return Module;
  };
  const pyodide = await Promise.race([
    startPyodide({ ...options, packages: [], _loadSnapshot: new Uint8Array(0), createPyodideModule }),
    failure,
  ]);
  step("Pyodide restored", pyodide._module);
  // What a normal start records, and what was frozen at build time.
  for (const { package: name } of SNAPSHOT.wheels) pyodide.loadedPackages[name] = DEFAULT_CHANNEL;
  const lang = (globalThis.navigator?.language ?? "C").replace("-", "_") + ".UTF-8";
  const namespace = pyodide.toPy({ lang });
  try {
    pyodide.runPython(AFTER_RESTORE, { globals: namespace });
  } finally {
    namespace.destroy();
  }
  await loadMore(pyodide, options.packages);
  return pyodide;
}

/**
 * Copy a snapshot, as its stream delivers it, straight into Python's memory: Pyodide's snapshot is a
 * header (whose second 32-bit word is its length) followed by the memory from address 0. Returns the
 * header, which is what Pyodide's own restore then reads (its checks and Python's state); nothing holds
 * the whole snapshot outside the memory it belongs in.
 */
async function readInto(memory, body) {
  const reader = body.getReader();
  let header = new Uint8Array(8); // until its length is known: the magic number and that length
  let headerLength = null;
  let at = 0; // offset in the snapshot of the next byte
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    let chunk = read.value;
    while (chunk.length) {
      if (headerLength === null || at < headerLength) {
        const part = chunk.subarray(0, (headerLength ?? 8) - at);
        header.set(part, at);
        at += part.length;
        chunk = chunk.subarray(part.length);
        if (headerLength === null && at === 8) {
          headerLength = new DataView(header.buffer).getUint32(4, true);
          if (headerLength < 8 || headerLength % 4 || headerLength > SNAPSHOT.bytes) {
            throw new Error("the stored snapshot's header is damaged");
          }
          const start = header;
          header = new Uint8Array(headerLength);
          header.set(start);
        }
        continue;
      }
      if (at + chunk.length > SNAPSHOT.bytes || at - headerLength + chunk.length > memory.length) {
        await reader.cancel();
        throw new Error(`the stored snapshot has more than ${SNAPSHOT.bytes} bytes`);
      }
      memory.set(chunk, at - headerLength);
      at += chunk.length;
      chunk = chunk.subarray(chunk.length);
    }
  }
  if (at !== SNAPSHOT.bytes) throw new Error(`the stored snapshot has ${at} bytes, not ${SNAPSHOT.bytes}`);
  return header;
}

/** The browser could not give a restore what it needs right now: boot normally, and try again next visit. */
class NotNow extends Error {}

/** "Jinja2>=3" → "jinja2"; URLs and paths stay as they are (never in the snapshot). */
function packageName(spec) {
  if (/[/:]/.test(spec)) return spec;
  return spec
    .split(/[<>=!~;[ ]/)[0]
    .toLowerCase()
    .replace(/[._]+/g, "-");
}

const AFTER_RESTORE = `
import locale, os, sys
import pyodide_js
from pyodide import _package_loader
# Pyodide's package loader kept the build's (emptied) list of loaded packages; point it at this page's
# and record what site-packages holds, as a normal start does.
_package_loader.loadedPackages = pyodide_js.loadedPackages
_package_loader.init_loaded_packages()
# The browser's language, as Emscripten sets it on a normal start (the build ran without one).
os.environ["LANG"] = lang
locale.setlocale(locale.LC_CTYPE, "")
# The build's random state is the same for everyone: draw a fresh one.
if "random" in sys.modules:
    sys.modules["random"].seed()
# The native library answers: its memory and function table are where the snapshot expects them.
import pydantic_core
if pydantic_core.SchemaValidator({"type": "int"}).validate_python("7") != 7:
    raise RuntimeError("pydantic-core does not work after restoring")
`;
