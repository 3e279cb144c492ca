// Boot and status for kakao-share's own pages: <script type="module" src="assets/page.js"></script>
// (from a sub-folder: ../assets/page.js).
//
// The page's Python sets data-ready on <html> when the page is usable; this script sets data-error
// with the reason when the runtime fails first, so tests, benchmarks and any outside check wait on one
// signal instead of guessing. It also leaves a performance mark ("kakao-share:ready") at the moment the
// page became ready, for benchmarks.
import { boot, runtimeURL } from "./boot.js";

const root = document.documentElement;

function fail(reason) {
  if (root.hasAttribute("data-ready") || root.hasAttribute("data-error")) return;
  root.setAttribute("data-error", String(reason || "unknown error").slice(0, 2000));
  root.setAttribute("aria-busy", "false");
}

addEventListener("error", (event) => fail(event.message || event.error));
addEventListener("unhandledrejection", (event) => fail((event.reason && event.reason.message) || event.reason));

// Pyodide only logs a warning and waits forever when one of its files fails to load (a wasm 404
// leaves no rejected promise), so watch the runtime's own downloads for HTTP errors.
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (entry.name.startsWith(runtimeURL) && entry.responseStatus >= 400) {
      fail(`could not load ${entry.name.slice(runtimeURL.length)} (HTTP ${entry.responseStatus})`);
    }
  }
}).observe({ type: "resource", buffered: true });

// PyScript reports Python exceptions in elements with class py-error.
const watcher = new MutationObserver(() => {
  if (root.hasAttribute("data-ready")) {
    performance.mark("kakao-share:ready");
    watcher.disconnect();
    return;
  }
  const shown = document.querySelector(".py-error");
  if (shown) fail(shown.textContent.trim());
});
watcher.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ["data-ready"] });

boot().catch((error) => fail(error.message || error));
