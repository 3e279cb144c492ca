"""Widget benchmark: what the one-snippet share button costs the page that embeds it.

In one run, side by side, on the same servers and browser:

* **with the widget** — the blog-post example page (``web/examples/blog-post.html``) served by a plain
  static server, its snippet loading the bundle from the project's server on another origin (as a site
  embedding the widget does), and Kakao's SDK (our test double) from the static server (``sdk-src``).
* **without the widget** — the same page with the snippet's script and element removed.
* **with an empty script** — the same page with, in the snippet's place, an empty module script from a
  third origin, cached like the loader: what any script a page adds from another origin costs it.

The host pages are served with ``Cache-Control: no-cache`` (a returning visitor asks for them again,
as from most static hosts).

Measured per visit, from navigation start: the host page's own ``load`` event, when the button is
drawn (``kakao-share-widget:drawn``) and when it is ready to share (``kakao-share-widget:ready``: Python
booted, message built, SDK loaded and initialised). *Cold* visits use a fresh browser context each
(empty cache); *warm* ones reuse one context whose cache a first visit primed; visits with and without
the widget alternate. Each is measured on loopback and over an emulated 10 Mbit/s, 40 ms RTT network
(Chromium's network emulation, as in ``bench/boot.py``). No Playwright routing is used (it turns the
HTTP cache off); every request is checked to stay on loopback.

    python bench/widget.py [--runs N]

Not a test: numbers vary by machine. Only ratios measured in the same run mean much.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import re
import shutil
import statistics
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _visits import NETWORKS, cold_then_warm, emulating, static_server, visit  # noqa: E402
from playwright.sync_api import BrowserContext, Page, sync_playwright  # noqa: E402

from sitekit import server  # noqa: E402
from sitekit.chromium import LAUNCH_ARGS, find_chromium  # noqa: E402
from sitekit.headers import LOADER_CACHE, REVALIDATE_CACHE  # noqa: E402

EXAMPLES = ROOT / "web" / "examples"
SDK_DOUBLE = ROOT / "tests" / "e2e" / "kakao_sdk_double.js"
SDK_VERSION = "2.7.4"  # the double reports the version its URL names; any 2.7+ works
SNIPPET_SCRIPT = re.compile(r'\s*<script type="module" src="\.\./kakao-share-widget\.js"></script>')
SNIPPET_ELEMENT = re.compile(r"\s*<kakao-share-button[^>]*></kakao-share-button>")

MEASURE = """() => {
  const nav = performance.getEntriesByType("navigation")[0];
  const mark = (name) => performance.getEntriesByName(name, "mark")[0]?.startTime ?? null;
  const loader = performance.getEntriesByType("resource").find((e) => e.name.endsWith("/kakao-share-widget.js"));
  return {load: nav.loadEventStart, drawn: mark("kakao-share-widget:drawn"), ready: mark("kakao-share-widget:ready"),
          loader: loader ? loader.responseEnd : null};
}"""


def _host_pages(folder: Path, bundle: str, elsewhere: str) -> dict[str, str]:
    """Write the page with the widget, without it, and with an empty module script from ``elsewhere``
    into ``folder``; return their file names by kind ("with", "without", "empty")."""
    html = (EXAMPLES / "blog-post.html").read_text(encoding="utf-8")
    integrity = "sha384-" + base64.b64encode(hashlib.sha384(SDK_DOUBLE.read_bytes()).digest()).decode()
    (folder / "kakao_js_sdk" / SDK_VERSION).mkdir(parents=True)
    shutil.copy(SDK_DOUBLE, folder / "kakao_js_sdk" / SDK_VERSION / "kakao.min.js")
    shutil.copy(EXAMPLES / "examples.css", folder / "examples.css")
    sdk = f'sdk-version="{SDK_VERSION}" sdk-integrity="{integrity}" sdk-src="kakao_js_sdk/{SDK_VERSION}/kakao.min.js"'
    with_widget = html.replace("../kakao-share-widget.js", f"{bundle}/kakao-share-widget.js").replace(
        "<kakao-share-button ", f"<kakao-share-button {sdk} "
    )
    without = SNIPPET_ELEMENT.sub("", SNIPPET_SCRIPT.sub("", html))
    if without == html or "kakao-share" in without.replace("kakao-share-widget examples", ""):
        raise SystemExit("could not remove the snippet from blog-post.html: update bench/widget.py")
    empty_script = SNIPPET_ELEMENT.sub("", html).replace("../kakao-share-widget.js", f"{elsewhere}/empty.js")
    pages = {"with": with_widget, "without": without, "empty": empty_script}
    for kind, text in pages.items():
        (folder / f"{kind}.html").write_text(text, encoding="utf-8")
    return {kind: f"{kind}.html" for kind in pages}


def _settled(page: Page, widget: bool) -> None:
    page.wait_for_function("() => performance.getEntriesByType('navigation')[0].loadEventEnd > 0")
    if not widget:
        return
    page.wait_for_function(
        "() => ['ready', 'fallback'].includes(document.querySelector('kakao-share-button').state)", timeout=120_000
    )
    if page.evaluate("document.querySelector('kakao-share-button').state") != "ready":
        raise SystemExit(f"{page.url}: the button fell back instead of becoming ready")


def _visitor(url: str, widget: bool, network: dict[str, Any] | None) -> Callable[[BrowserContext], dict[str, Any]]:
    return lambda context: visit(context, url, lambda page: _settled(page, widget), MEASURE, before=emulating(network))


def _cell(samples: list[dict[str, Any]], key: str) -> tuple[float, str]:
    values = sorted(s[key] / 1000 for s in samples)
    median = statistics.median(values)
    return median, f"{median:.2f} s [{values[0]:.2f}–{values[-1]:.2f}]"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="visits per cell (default 7)")
    args = parser.parse_args(argv)

    site = server.start(port=0)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        (Path(tmp) / "third").mkdir()
        (Path(tmp) / "third" / "empty.js").write_text("\n", encoding="utf-8")
        third = static_server(Path(tmp) / "third", cross_origin=True, cache_control=LOADER_CACHE)  # as the loader
        pages = _host_pages(Path(tmp), site.url, f"http://127.0.0.1:{third.server_port}")
        host = static_server(Path(tmp), cache_control=REVALIDATE_CACHE)  # every visit asks for the page again
        origin = f"http://127.0.0.1:{host.server_port}"
        browser = p.chromium.launch(executable_path=str(find_chromium()), args=LAUNCH_ARGS)
        results = {}
        for network_name, network in NETWORKS.items():
            visitors = {  # interleaved: without, empty script, with, without, ...
                kind: _visitor(f"{origin}/{pages[kind]}", kind == "with", network)
                for kind in ("without", "empty", "with")
            }
            results[network_name] = cold_then_warm(browser, visitors, args.runs)
        version = browser.version
        browser.close()
        host.shutdown()
        third.shutdown()
    site.stop()

    print(
        f"Widget on the blog-post example, {args.runs} visits per cell, Chromium {version}, "
        "host page, bundle and empty script on three origins; median [min–max] from navigation start\n"
    )
    print(
        "| network | visit | host `load`: without widget | with an empty script | with the widget "
        "| ratio to without | ratio to empty script | loader downloaded | button drawn | button ready |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for network_name, samples in results.items():
        for kind in ("cold", "warm"):
            base, base_text = _cell(samples["without"][kind], "load")
            empty, empty_text = _cell(samples["empty"][kind], "load")
            load, load_text = _cell(samples["with"][kind], "load")
            cells = [_cell(samples["with"][kind], key)[1] for key in ("loader", "drawn", "ready")]
            print(
                f"| {network_name} | {kind} | {base_text} | {empty_text} | {load_text} "
                f"| ×{load / base:.2f} | ×{load / empty:.2f} | " + " | ".join(cells) + " |"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
