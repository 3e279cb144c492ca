// Runs compile_zip.py inside Pyodide on Node: the same CPython build (and bytecode magic) as the page.
// Usage: node run.mjs <pyodide dir> <plan.json>
//   plan = {probe: {wheels: [...], imports: [...]}, jobs: [{src, dst, prefix, keep_source, key}]}
// Jobs whose key names a zip the probe saw are compiled for those members only; "all" compiles every
// module. Paths are host paths. Prints one JSON line per job.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const [indexDir, planFile] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(join(indexDir, "pyodide.mjs")).href);
const py = await loadPyodide({ indexURL: indexDir + "/" });
py.FS.mkdirTree("/host");
py.FS.mount(py.FS.filesystems.NODEFS, { root: "/" }, "/host");
py.runPython(readFileSync(join(dirname(fileURLToPath(import.meta.url)), "compile_zip.py"), "utf8"));

// Pyodide's errors carry the Python traceback in .message; print that, not a minified stack.
process.on("uncaughtException", (err) => { console.error(err && err.message || err); process.exit(1); });
process.on("unhandledRejection", (err) => { console.error(err && err.message || err); process.exit(1); });

const plan = JSON.parse(readFileSync(planFile, "utf8"));
const host = (p) => "/host" + p;
const used = py.globals.get("probe")(plan.probe.wheels.map(host), plan.probe.imports)
  .toJs({ dict_converter: Object.fromEntries });
const compileZip = py.globals.get("compile_zip");
for (const job of plan.jobs) {
  const only = job.key === "all" ? undefined : (used[job.key === "stdlib" ? "stdlib" : host(job.key)] || []);
  const [compiled, kept] = compileZip(host(job.src), host(job.dst), job.prefix, job.keep_source, only).toJs();
  console.log(JSON.stringify({ dst: job.dst, compiled, kept_source: kept }));
}
