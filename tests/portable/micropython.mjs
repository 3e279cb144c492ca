// Runs Python on MicroPython (the widget's runtime) under Node, for the tests of kakao_share.portable.
// Reads a job as JSON on stdin: {"files": {"/lib/pkg/mod.py": "source", ...}, "code": "python", "heapsize": n}.
// The files are written into MicroPython's file system, /lib is put first on sys.path, then "code" runs;
// its output goes to stdout. A Python exception exits with status 1 and MicroPython's traceback on stderr.
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const moduleUrl = pathToFileURL(
  resolve(root, "node_modules/@micropython/micropython-webassembly-pyscript/micropython.mjs"),
);
const { loadMicroPython } = await import(moduleUrl.href);

const job = JSON.parse(readFileSync(0, "utf8"));
const out = [];
const mp = await loadMicroPython({
  heapsize: job.heapsize ?? 8 * 1024 * 1024,
  stdout: (line) => out.push(line),
  stderr: (line) => process.stderr.write(line + "\n"),
});
for (const [path, text] of Object.entries(job.files)) {
  const parts = path.split("/").filter(Boolean);
  for (let i = 1; i < parts.length; i++) {
    const dir = "/" + parts.slice(0, i).join("/");
    if (!mp.FS.analyzePath(dir).exists) mp.FS.mkdir(dir);
  }
  mp.FS.writeFile(path, text);
}
let status = 0;
try {
  mp.runPython("import sys\nsys.path.insert(0, '/lib')\n" + job.code);
} catch (error) {
  process.stderr.write(String(error.message ?? error) + "\n");
  status = 1;
}
process.stdout.write(out.join("\n") + (out.length ? "\n" : ""));
process.exitCode = status;
