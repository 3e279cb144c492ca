// Starts kakao-share's Python runtime (PyScript + Pyodide, from this bundle) on a page.
//
// Every URL is resolved against this module's own address, so one bundle serves pages in
// sub-folders, a site exported under a sub-path (https://user.example.io/project/) and the share
// widget on somebody else's page (the bundle on another origin, fetched with CORS).
//
//   import { boot } from "<bundle>/assets/boot.js";
//   await boot();   // once per page: later calls return the same promise
//
// PyScript takes one configuration for all Python on the page. It comes from the bundle
// (runtime/pyscript.json: our interpreter, our packages); a page may add to it with a `config`
// attribute on its first <script type="py"> (inline JSON or the URL of a .json file), whose
// `packages` are added to ours and whose other keys win.

const RUNTIME = new URL("../runtime/", import.meta.url);

/** Where the bundle's runtime lives (ends with "/"). */
export const runtimeURL = RUNTIME.href;

let started = null;

/**
 * Configure PyScript for every <script type="py"> on the page and start it.
 * @param {{css?: boolean}} options css: add PyScript's stylesheet (pages yes, widgets on others' pages no)
 * @returns {Promise<void>} settles when PyScript's module has loaded (Python then boots on its own)
 */
export function boot({ css = true } = {}) {
  started ??= start(css);
  return started;
}

async function start(css) {
  const scripts = [...document.querySelectorAll('script[type="py"]:not([worker])')];
  if (!scripts.length) throw new Error('kakao-share: no <script type="py"> on the page to run');
  const runtime = runtimeConfig();
  runtime.then(startInterpreter, () => {});
  const [ours, theirs] = await Promise.all([runtime, pageConfig(scripts[0])]);
  const config = JSON.stringify({
    ...ours,
    ...theirs,
    interpreter: ours.interpreter,
    packages: [...ours.packages, ...(theirs.packages || [])],
  });
  for (const script of scripts) script.setAttribute("config", config);
  if (css) {
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = new URL("pyscript/core.css", RUNTIME).href;
    document.head.append(link);
  }
  await import(new URL("pyscript/core.js", RUNTIME).href);
}

/**
 * Start Python as soon as the interpreter is known, while PyScript itself loads: PyScript then asks
 * the same module (one per URL) for the interpreter and gets the one already starting.
 */
function startInterpreter(config) {
  import(config.interpreter).then((interpreter) => interpreter.prepare?.()).catch(() => {
    // PyScript imports the interpreter again and reports what is wrong with it
  });
}

async function fetchJSON(url, what) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`could not load ${what} ${url} (HTTP ${response.status})`);
  return response.json();
}

async function runtimeConfig() {
  const url = new URL("pyscript.json", RUNTIME);
  const config = await fetchJSON(url, "the runtime configuration");
  // Paths in pyscript.json are relative to the file itself.
  config.interpreter = new URL(config.interpreter, url).href;
  return config;
}

async function pageConfig(script) {
  const value = (script.getAttribute("config") || "").trim();
  if (!value) return {};
  if (value.startsWith("{")) return JSON.parse(value);
  if (!/\.json(?:[?#].*)?$/.test(value)) {
    throw new Error(`kakao-share: a page's config must be inline JSON or a .json file, not ${value}`);
  }
  return fetchJSON(new URL(value, document.baseURI), "the page configuration");
}
