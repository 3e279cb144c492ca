// Make the Pyodide memory snapshot pages restore on return visits (run by sitekit/snapshot/__init__.py).
//
//   node make.mjs <plan.json>
//   plan = {pyodide: dir of the served runtime, wheels: [{package, file}], imports: [module, ...],
//           warm_up: Python source, hash_seed: int, entropy_seed: int, output: file}
//
// Boots the served Pyodide (the same pyodide.asm.* a page gets: a snapshot only restores into the build
// it was made by), puts the wheels and native libraries in place exactly as the page will
// (outside-heap.mjs), imports the modules, and writes the heap. Prints one JSON line of facts the page
// needs to restore it.
//
// The result is reproducible: the hash seed is given, and randomness and clocks are deterministic while
// it runs, so the same inputs give the same bytes (the page reseeds `random` after restoring).
import nodeCrypto from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { installWheels, nativeLibraries, paddedTableSize, preloadLibraries } from "./outside-heap.mjs";

// Pyodide's errors carry the Python traceback in .message; print that, not a minified stack.
const fail = (error) => {
  console.error(error?.message || String(error));
  process.exit(1);
};
process.on("uncaughtException", fail);
process.on("unhandledRejection", fail);

const plan = JSON.parse(readFileSync(process.argv[2], "utf8"));

// Deterministic entropy and clocks for the duration of the build.
let state = plan.entropy_seed >>> 0;
const fill = (view) => {
  const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  for (let i = 0; i < bytes.length; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    bytes[i] = state >>> 24;
  }
  return view;
};
nodeCrypto.randomFillSync = fill;
globalThis.crypto.getRandomValues = fill;
let wallClock = Date.UTC(2026, 0, 1);
Date.now = () => (wallClock += 1);
let monotonic = 0;
performance.now = () => (monotonic += 0.001);

const dir = plan.pyodide.replace(/\/?$/, "/");
const { loadPyodide } = await import(pathToFileURL(dir + "pyodide.mjs").href);
const createModule = (await import(pathToFileURL(dir + "pyodide.asm.mjs").href)).default;
const wheels = plan.wheels.map(({ file }) => ({ bytes: new Uint8Array(readFileSync(file)) }));
const libraries = nativeLibraries(wheels);
const facts = {};

const createPyodideModule = (settings) => {
  settings.preRun.push((Module) => {
    Module.addRunDependency("kakao-share:outside-heap");
    installWheels(Module, wheels);
    facts.table_size = paddedTableSize(Module.wasmTable.length);
    const compiled = libraries.map(({ name, bytes }) => ({ name, module: new WebAssembly.Module(bytes) }));
    preloadLibraries(Module, compiled, facts.table_size).then(
      () => Module.removeRunDependency("kakao-share:outside-heap"),
      fail,
    );
  });
  return createModule(settings);
};

const pyodide = await loadPyodide({
  indexURL: dir,
  _makeSnapshot: true,
  // What a browser gets by default; Node would otherwise use this script's path.
  _sysExecutable: "./this.program",
  env: { PYTHONHASHSEED: String(plan.hash_seed) },
  createPyodideModule,
});
// In a namespace of its own: the page's __main__ must not see these imports.
const namespace = pyodide.toPy({ imports: plan.imports, warm_up: plan.warm_up });
pyodide.runPython(
  [
    "import importlib, os, sys",
    "for name in imports: importlib.import_module(name)",
    "exec(warm_up, {'__name__': '__warm_up__'})",
    // The page's own start-up adds these again after restoring.
    "sys.path.remove('')",
    "os.environ.pop('PYTHONHASHSEED')",
  ].join("\n"),
  { globals: namespace },
);
namespace.destroy();
pyodide.runPython("import gc; gc.collect()", { globals: pyodide.toPy({}) });
// Pyodide refuses to snapshot while its list of loaded packages holds anything; the page fills it in.
for (const name of Object.keys(pyodide.loadedPackages)) delete pyodide.loadedPackages[name];
const snapshot = pyodide.makeMemorySnapshot();
// The top of the memory is unused (zeros): leave it out; the page grows its memory to the full size.
facts.memory = pyodide._module.HEAP8.length;
let used = snapshot.length;
while (used > 0 && snapshot[used - 1] === 0) used--;
used = Math.min(snapshot.length, Math.ceil(used / 65536) * 65536);
writeFileSync(plan.output, snapshot.subarray(0, used));
facts.bytes = used;
console.log(JSON.stringify(facts));
