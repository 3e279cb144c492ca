// Runs Python on MicroPython under Node for the tests (tests/support/micropython.py writes the job):
//   node micropython.mjs job.json   with {"interpreter": ".../micropython.mjs", "heapsize": bytes or null,
//                                         "files": {"/lib/pkg/mod.py": "<base64>", ...}, "code": "..."}
// The files are written into MicroPython's file system, /lib is put first on sys.path, then the code runs with
// its output on stdout. A Python exception exits with status 1 and MicroPython's traceback on stderr.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const job = JSON.parse(readFileSync(process.argv[2], "utf8"));
const { loadMicroPython } = await import(pathToFileURL(job.interpreter).href);
const options = {
  stdout: (line) => process.stdout.write(line + "\n"),
  stderr: (line) => process.stderr.write(line + "\n"),
};
if (job.heapsize) options.heapsize = job.heapsize;
const mp = await loadMicroPython(options);
for (const [path, data] of Object.entries(job.files)) {
  const folder = path.slice(0, path.lastIndexOf("/"));
  if (folder) mp.FS.mkdirTree(folder);
  mp.FS.writeFile(path, Buffer.from(data, "base64"));
}
try {
  mp.runPython("import sys\nsys.path.insert(0, '/lib')\n" + job.code);
} catch (error) {
  process.stderr.write(String(error?.message ?? error) + "\n");
  process.exitCode = 1;
}
