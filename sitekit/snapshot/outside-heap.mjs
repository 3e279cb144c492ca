// What a Pyodide memory snapshot does not hold, put back the same way when the snapshot is made (at
// build time, in Node) and when a page restores it (in the browser): the site-packages files and the
// native libraries (pydantic-core's .so).
//
// A heap snapshot is only valid if everything outside the heap that the heap points at is exactly as
// it was. Files live in Emscripten's JavaScript file system, so both sides unpack the same wheels the
// same way. A native library's data sits in the heap at the address it was loaded at, and its
// functions in the wasm function table at the index it was loaded at; both sides therefore load
// libraries before Python starts (where Emscripten takes their memory from the heap base, always the
// same address), after growing the function table to the same fixed size (browsers and Node add a
// different number of entries of their own before that point).

/** Files of a wheel written *stored* (uncompressed), as the build writes them: [[name, bytes], ...]. */
export function storedZipMembers(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = bytes.length - 22;
  while (end >= 0 && view.getUint32(end, true) !== 0x06054b50) end--;
  if (end < 0) throw new Error("not a zip archive");
  const decoder = new TextDecoder();
  const members = [];
  let at = view.getUint32(end + 16, true);
  for (let count = view.getUint16(end + 10, true); count > 0; count--) {
    if (view.getUint32(at, true) !== 0x02014b50) throw new Error("corrupt zip directory");
    const method = view.getUint16(at + 10, true);
    const size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const local = view.getUint32(at + 42, true);
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    if (name.endsWith("/")) continue;
    if (method !== 0) throw new Error(`${name} is compressed in its wheel; the build writes wheels stored`);
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    members.push([name, bytes.subarray(start, start + size)]);
  }
  return members;
}

/** The native libraries in wheels: [{name, bytes}], `name` relative to site-packages. */
export function nativeLibraries(wheels) {
  return wheels.flatMap((wheel) =>
    storedZipMembers(wheel.bytes)
      .filter(([name]) => name.endsWith(".so"))
      .map(([name, bytes]) => ({ name, bytes })),
  );
}

/**
 * Files and folders the wheels are unpacked into carry this one modification time on both sides:
 * caches the snapshot holds that are keyed on modification times (Python's import system, Jinja2's
 * template cache) then stay valid after a restore, and the snapshot is reproducible.
 */
export const INSTALLED_AT = Date.UTC(2020, 0, 1);

/**
 * Unpack wheels into site-packages as Pyodide's installer would (files, plus its INSTALLER and
 * PYODIDE_SOURCE records); the file system keeps views of the wheels' bytes, no copies.
 * @param wheels [{bytes}] in a fixed order
 */
export function installWheels(Module, wheels) {
  const { FS } = Module;
  const site = Module.API.sitePackages;
  const paths = [];
  const made = new Set([site]);
  const write = (path, data) => {
    for (let end = path.indexOf("/", site.length + 1); end !== -1; end = path.indexOf("/", end + 1)) {
      const folder = path.slice(0, end);
      if (!made.has(folder)) {
        FS.mkdir(folder);
        made.add(folder);
      }
    }
    FS.writeFile(path, data, { canOwn: true });
    paths.push(path);
  };
  const encoder = new TextEncoder();
  for (const wheel of wheels) {
    const distInfo = new Set();
    for (const [name, data] of storedZipMembers(wheel.bytes)) {
      write(`${site}/${name}`, data);
      const top = name.split("/")[0];
      if (top.endsWith(".dist-info")) distInfo.add(top);
    }
    for (const folder of distInfo) {
      write(`${site}/${folder}/INSTALLER`, encoder.encode("pyodide.loadPackage"));
      write(`${site}/${folder}/PYODIDE_SOURCE`, encoder.encode("pyodide"));
    }
  }
  for (const path of [...paths, ...made]) FS.utime(path, INSTALLED_AT, INSTALLED_AT);
}

/**
 * Grow the function table to `tableSize`, then load `libraries` ([{name, module}]: `module` compiled or
 * bytes) so that Python's later dlopen() finds each already loaded, by its path. Must run before
 * Python starts (a pre-run step). Returns each library's table base.
 */
export async function preloadLibraries(Module, libraries, tableSize) {
  const { wasmTable } = Module;
  if (wasmTable.length > tableSize) {
    throw new Error(`the function table has ${wasmTable.length} entries before the libraries, more than ${tableSize}`);
  }
  wasmTable.grow(tableSize - wasmTable.length);
  const bases = [];
  for (const { name, module } of libraries) {
    const path = `${Module.API.sitePackages}/${name}`;
    bases.push(wasmTable.length);
    const library = Module.newDSO(path, undefined, "loading");
    library.refcount = Infinity;
    library.global = false;
    library.exports = await Module.loadWebAssemblyModule(module, { loadAsync: true, nodelete: true }, path, {});
  }
  return bases;
}

/** The fixed table size both sides grow to: what Node has, with room for what a browser adds. */
export function paddedTableSize(length) {
  return Math.ceil((length + 64) / 256) * 256;
}
