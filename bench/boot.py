"""Boot benchmark: how long until a kakao-share page is usable, cold and warm, against plain JavaScript.

In one run, side by side, on the same server and browser:

* **kakao-share** — ``web/index.html``: PyScript boots Pyodide, loads pydantic + jinja2 + kakao_share,
  imports them and marks ``<html data-ready>``.
* **plain JS** — a page that loads the Kakao SDK (our test double, from a second loopback server) and
  calls ``Kakao.init``: what a site without Python pays.

*Cold* is a fresh browser context (empty HTTP cache); *warm* reuses one context whose cache a first
visit primed, like a returning visitor. Time is navigation start → the page's ``kakao-share:ready``
performance mark; bytes are what crossed the wire (encoded bodies + headers). No Playwright routing is
used (it turns the HTTP cache off); instead every request is checked to stay on loopback.

    python bench/boot.py [--runs N] [--markdown]

Not a test: numbers vary by machine. Only ratios measured in the same run mean much.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _visits import cold_then_warm, static_server, visit  # noqa: E402
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright  # noqa: E402

from sitekit import server  # noqa: E402
from sitekit.chromium import LAUNCH_ARGS, find_chromium  # noqa: E402

SDK_DOUBLE = ROOT / "tests" / "e2e" / "kakao_sdk_double.js"
BASELINE_HTML = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>plain JS</title>
<link rel="icon" href="data:,"><script src="kakao.min.js"></script></head><body><p>plain JS</p>
<script>Kakao.init("0123456789abcdef0123456789abcdef");
performance.mark("kakao-share:ready"); document.documentElement.setAttribute("data-ready", "");</script>
</body></html>"""


def _baseline_server(folder: Path) -> ThreadingHTTPServer:
    (folder / "index.html").write_text(BASELINE_HTML, encoding="utf-8")
    shutil.copy(SDK_DOUBLE, folder / "kakao.min.js")
    return static_server(folder)


MEASURE = """() => {
  const ready = performance.getEntriesByName("kakao-share:ready")[0];
  const nav = performance.getEntriesByType("navigation")[0];
  const bytes = performance.getEntriesByType("resource").reduce((sum, e) => sum + e.transferSize, nav.transferSize);
  return {ms: ready ? ready.startTime : null, bytes};
}"""


def _booted(page: Page) -> None:
    page.wait_for_selector("html[data-ready], html[data-error]", state="attached", timeout=120_000)
    error = page.evaluate("document.documentElement.getAttribute('data-error')")
    if error:
        raise SystemExit(f"{page.url} failed to boot: {error}")


def _visit(context: BrowserContext, url: str) -> dict[str, Any]:
    result = visit(context, url, _booted, MEASURE)
    if result["ms"] is None:
        raise SystemExit(f"{url} has no kakao-share:ready mark")
    return result


def measure(browser: Browser, url: str, runs: int) -> dict[str, list[dict[str, Any]]]:
    return cold_then_warm(browser, {url: lambda context: _visit(context, url)}, runs)[url]


def _summary(samples: list[dict[str, Any]]) -> tuple[float, float, float, float]:
    ms = sorted(s["ms"] / 1000 for s in samples)
    return statistics.median(ms), ms[0], ms[-1], statistics.median(s["bytes"] for s in samples) / 1e6


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="visits per cell (default 7)")
    args = parser.parse_args(argv)

    srv = server.start(port=0)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        baseline = _baseline_server(Path(tmp))
        browser = p.chromium.launch(executable_path=str(find_chromium()), args=LAUNCH_ARGS)
        results = {
            "kakao-share (web/index.html)": measure(browser, srv.url + "/index.html", args.runs),
            "plain JS (SDK + Kakao.init)": measure(
                browser, f"http://127.0.0.1:{baseline.server_port}/index.html", args.runs
            ),
        }
        version = browser.version
        browser.close()
        baseline.shutdown()
    srv.shutdown()

    print(f"Boot to ready, {args.runs} visits per cell, Chromium {version}, loopback; median [min–max]\n")
    print("| page | cold | warm | cold transfer | warm transfer |")
    print("|---|---|---|---|---|")
    medians = {}
    for name, cells in results.items():
        cold, warm = _summary(cells["cold"]), _summary(cells["warm"])
        medians[name] = (cold[0], warm[0])
        print(
            f"| {name} | {cold[0]:.2f} s [{cold[1]:.2f}–{cold[2]:.2f}] | {warm[0]:.2f} s [{warm[1]:.2f}–{warm[2]:.2f}] "
            f"| {cold[3]:.2f} MB | {warm[3]:.2f} MB |"
        )
    ours, base = medians.values()
    print(f"\nkakao-share / plain JS: cold ×{ours[0] / base[0]:.0f}, warm ×{ours[1] / base[1]:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
