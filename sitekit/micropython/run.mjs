// Runs Python on MicroPython (micropython.mjs) under Node, for the build's checks and the tests.
//   node run.mjs job.json   with {"interpreter": ".../micropython.mjs", "pack": "files.pack", "code": "..."}
// The pack's modules are written under /lib (on MicroPython's sys.path) before the code runs; an
// exception in the code exits with status 1 after printing its traceback.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const job = JSON.parse(readFileSync(process.argv[2], "utf8"));
const { loadMicroPython } = await import(pathToFileURL(job.interpreter).href);
const mp = await loadMicroPython({ stdout: (line) => console.log(line), stderr: (line) => console.error(line) });

const data = readFileSync(job.pack);
const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
for (let at = 0; at < data.length; ) {
  const size = view.getUint16(at, true);
  const name = new TextDecoder().decode(data.subarray(at + 2, at + 2 + size));
  at += 2 + size;
  const length = view.getUint32(at, true);
  const path = `/lib/${name}`;
  mp.FS.mkdirTree(path.slice(0, path.lastIndexOf("/")));
  mp.FS.writeFile(path, data.subarray(at + 4, at + 4 + length));
  at += 4 + length;
}
try {
  mp.runPython(job.code);
} catch (error) {
  console.error(String(error?.message ?? error));
  process.exit(1);
}
