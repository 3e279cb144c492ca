"""Widget benchmark: what the one-snippet share button costs the page that embeds it, against what a
site owner writes without us (Kakao's own snippet), side by side in one run.

Pages (a static server serves each host page; the bundle comes from the project's server on another
origin, as for a site embedding the widget; Kakao's SDK — here our test double, a local stand-in —
from a third origin, cached like Kakao's CDN):

* **no widget** — the blog-post example (``web/examples/blog-post.html``) with the snippet removed;
* **Kakao's snippet** — the same page with Kakao's SDK and one inline
  ``Kakao.init(…); Kakao.Share.createDefaultButton({container: '#kshare', objectType: 'feed', …})``;
* **kakao-share widget** — the blog-post example as written (a default feed button);
* **template button** — the event example (an inline Jinja2 template: Pyodide in a Web Worker).

Per visit, from navigation start: bytes transferred (the page's by DevTools' encoded lengths, its
workers' by their resource timing),
long tasks (``PerformanceObserver`` of type ``longtask``, observed from the document's start), the
longest, Total Blocking Time (each long task's time over 50 ms, until the button is ready + 0.5 s),
``kakao-share-widget:drawn``, ``…:ready`` (Kakao's snippet: when its button is created), and ``load``.
First visits use a fresh browser context each (empty cache); return visits reuse one context a first
visit primed. Each on loopback and over an emulated 10 Mbit/s, 40 ms RTT network, at 1× and 4× CPU
(``Emulation.setCPUThrottlingRate``). No Playwright routing (it turns the HTTP cache off); every
request is checked to stay on loopback.

    python bench/widget.py [--runs N] [--lighthouse N [--keep DIR]]

``--keep`` keeps each Lighthouse run's report and trace: its ``long-tasks``, ``mainthread-work-breakdown``,
``bootup-time`` and ``layout-shifts`` audits say what it counted against the page.

Not a test: numbers vary by machine. Only differences and ratios measured in the same run mean much.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _visits import NETWORKS, cold_then_warm, static_server, visit  # noqa: E402
from playwright.sync_api import BrowserContext, Page, sync_playwright  # noqa: E402

from sitekit import server  # noqa: E402
from sitekit.headers import IMMUTABLE_CACHE, REVALIDATE_CACHE  # noqa: E402
from tests.support.chromium import LAUNCH_ARGS, find_chromium  # noqa: E402

EXAMPLES = ROOT / "web" / "examples"
SDK_DOUBLE = Path(os.environ.get("KAKAO_SDK_FILE") or ROOT / "tests" / "e2e" / "kakao_sdk_double.js")
SDK_VERSION = "2.7.4"  # the double reports the version its URL names; any 2.7+ works
SNIPPET_SCRIPT = re.compile(r'\s*<script type="module" src="\.\./kakao-share-widget\.js"></script>')
SNIPPET_ELEMENT = re.compile(r"<kakao-share-button[^>]*></kakao-share-button>")
APP_KEY = "0123456789abcdef0123456789abcdef"
CPU_RATES = (1, 4)
#: Long tasks after the button is ready still count, for this long (a late task of ours).
TAIL_MS = 500

# Observes long tasks from the document's start (an init script runs before any of the page's).
OBSERVE = """
window.__longtasks = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) window.__longtasks.push([e.startTime, e.duration]);
}).observe({ type: "longtask", buffered: true });
"""
KAKAO_SNIPPET = """<div id="kshare"></div>
<script src="{cdn}/kakao_js_sdk/{version}/kakao.min.js" integrity="{integrity}" crossorigin="anonymous"></script>
<script>
  Kakao.init("{key}");
  Kakao.Share.createDefaultButton({{
    container: "#kshare", objectType: "feed",
    content: {{ title: "봄 제주 3박 4일, 천천히 걷는 여행", imageUrl: "https://slowtrip.example.com/images/jeju-spring-walk.jpg",
      link: {{ webUrl: location.href, mobileWebUrl: location.href }} }},
  }});
  performance.mark("kakao-share-widget:drawn"); performance.mark("kakao-share-widget:ready");
</script>"""
MEASURE = """() => {
  const nav = performance.getEntriesByType("navigation")[0];
  const mark = (name) => performance.getEntriesByName(name, "mark")[0]?.startTime ?? null;
  return {load: nav.loadEventStart, drawn: mark("kakao-share-widget:drawn"), ready: mark("kakao-share-widget:ready"),
          longtasks: window.__longtasks};
}"""
WORKER_BYTES = "performance.getEntriesByType('resource').reduce((sum, e) => sum + e.transferSize, 0)"
PAGES = ("no widget", "Kakao's snippet", "kakao-share widget", "template button")


def _host_pages(folder: Path, bundle: str, cdn: str) -> dict[str, str]:
    """Write the four host pages into ``folder``; return their file names by name."""
    integrity = "sha384-" + base64.b64encode(hashlib.sha384(SDK_DOUBLE.read_bytes()).digest()).decode()
    src = f"{cdn}/kakao_js_sdk/{SDK_VERSION}/kakao.min.js"
    sdk = f'sdk-version="{SDK_VERSION}" sdk-integrity="{integrity}" sdk-src="{src}"'
    shutil.copy(EXAMPLES / "examples.css", folder / "examples.css")

    def widget(name: str) -> str:
        html = (EXAMPLES / name).read_text(encoding="utf-8")
        return html.replace("../kakao-share-widget.js", f"{bundle}/kakao-share-widget.js").replace(
            "<kakao-share-button ", f"<kakao-share-button {sdk} "
        )

    blog = (EXAMPLES / "blog-post.html").read_text(encoding="utf-8")
    without = SNIPPET_ELEMENT.sub("", SNIPPET_SCRIPT.sub("", blog))
    if without == blog or "<kakao-share-button" in without:
        raise SystemExit("could not remove the snippet from blog-post.html: update bench/widget.py")
    snippet = KAKAO_SNIPPET.format(cdn=cdn, version=SDK_VERSION, integrity=integrity, key=APP_KEY)
    pages = {
        "no widget": without,
        "Kakao's snippet": SNIPPET_ELEMENT.sub(lambda _: snippet, SNIPPET_SCRIPT.sub("", blog)),
        "kakao-share widget": widget("blog-post.html"),
        "template button": widget("event.html"),
    }
    names = {}
    for index, (name, text) in enumerate(pages.items()):
        names[name] = f"page{index}.html"
        (folder / names[name]).write_text(text, encoding="utf-8")
    return names


#: How often the benchmark looks at the page (ms): Playwright's default, every frame, would add a task per
#: frame to the main thread it measures (the template page takes seconds to be ready).
POLL_MS = 100


def _until(page: Page, widget: bool, worker_bytes: list[int]) -> None:
    page.wait_for_function("() => performance.getEntriesByType('navigation')[0].loadEventEnd > 0", polling=POLL_MS)
    if widget:
        page.wait_for_function(
            "() => ['ready', 'fallback'].includes(document.querySelector('kakao-share-button').state)",
            polling=POLL_MS,
            timeout=180_000,
        )
        if page.evaluate("document.querySelector('kakao-share-button').state") != "ready":
            raise SystemExit(f"{page.url}: the button fell back instead of becoming ready")
    page.wait_for_timeout(TAIL_MS)
    worker_bytes[0] = sum(int(worker.evaluate(WORKER_BYTES)) for worker in page.workers)


def _visitor(
    url: str, widget: bool, network: dict[str, Any] | None, cpu: int
) -> Callable[[BrowserContext], dict[str, Any]]:
    transferred = [0]  # bytes on the wire for the page (DevTools' encodedDataLength)
    worker_bytes = [0]  # and for its workers (their resource timing; the bundle sends Timing-Allow-Origin)

    def before(page: Page) -> None:
        transferred[0] = 0
        cdp = page.context.new_cdp_session(page)
        cdp.on(
            "Network.loadingFinished",
            lambda event: transferred.__setitem__(0, transferred[0] + event["encodedDataLength"]),
        )
        cdp.send("Network.enable")
        if network:
            cdp.send("Network.emulateNetworkConditions", network)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": cpu})

    def one(context: BrowserContext) -> dict[str, Any]:
        context.add_init_script(OBSERVE)
        sample = visit(context, url, lambda page: _until(page, widget, worker_bytes), MEASURE, before=before)
        end = (sample["ready"] or sample["load"]) + TAIL_MS
        tasks = [duration for start, duration in sample["longtasks"] if start <= end]
        sample.update(
            bytes=transferred[0] + worker_bytes[0],
            tasks=len(tasks),
            longest=max(tasks, default=0),
            tbt=sum(max(0, d - 50) for d in tasks),
        )
        return sample

    return one


#: Lighthouse for the benchmark only, installed on first use (12.2.3: the last release that runs on Node 20).
LIGHTHOUSE_VERSION = "12.2.3"
LIGHTHOUSE_PREFIX = ROOT / ".cache" / "lighthouse"
LIGHTHOUSE = LIGHTHOUSE_PREFIX / "node_modules" / "lighthouse" / "cli" / "index.js"
LIGHTHOUSE_PAGES = PAGES[:3]


def _ensure_lighthouse() -> None:
    """Install Lighthouse into ``.cache/lighthouse`` with npm the first time it is asked for, before any visit."""
    if LIGHTHOUSE.exists():
        return
    print(f"installing Lighthouse {LIGHTHOUSE_VERSION} into {LIGHTHOUSE_PREFIX} (npm, once)", file=sys.stderr)
    command = ["npm", "install", "--prefix", str(LIGHTHOUSE_PREFIX), "--no-audit", "--no-fund"]
    result = subprocess.run([*command, f"lighthouse@{LIGHTHOUSE_VERSION}"], capture_output=True, text=True)
    if result.returncode != 0 or not LIGHTHOUSE.exists():
        raise SystemExit(f"could not install Lighthouse {LIGHTHOUSE_VERSION} with npm:\n{result.stderr[-2000:]}")


def _lighthouse(url: str, runs: int, keep: Path | None = None) -> dict[str, float]:
    """Lighthouse's mobile defaults (simulated slow 4G, 4× CPU) on ``url``: medians of ``runs`` runs.

    With ``keep``, each run's report and trace are kept there (``<page>-<run>.report.json``, ``…trace.json``)."""
    flags = " ".join(["--headless=new", *LAUNCH_ARGS])
    samples = []
    for run in range(runs):
        saved = [] if keep is None else ["--save-assets", f"--output-path={keep / f'{Path(url).stem}-{run}.json'}"]
        result = subprocess.run(
            [
                "node",
                str(LIGHTHOUSE),
                url,
                "--output=json",
                *(saved or ["--output-path=stdout"]),
                "--quiet",
                "--only-categories=performance",
                f"--chrome-path={find_chromium()}",
                f"--chrome-flags={flags}",
            ],
            capture_output=True,
            text=True,
            timeout=300,
        )
        if result.returncode != 0:
            raise SystemExit(f"lighthouse failed on {url}:\n{result.stderr[-2000:]}")
        report = json.loads(result.stdout if keep is None else (keep / f"{Path(url).stem}-{run}.json").read_text())
        audits = report["audits"]
        samples.append(
            {
                "score": report["categories"]["performance"]["score"] * 100,
                "tbt": audits["total-blocking-time"]["numericValue"],
                "bytes": audits["total-byte-weight"]["numericValue"],
                "tti": audits["interactive"]["numericValue"],
            }
        )
    return {key: statistics.median(s[key] for s in samples) for key in samples[0]}


def _median(samples: list[dict[str, Any]], key: str) -> float:
    values = [s[key] for s in samples if s[key] is not None]
    return statistics.median(values) if values else float("nan")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="visits per cell (default 3)")
    parser.add_argument("--lighthouse", type=int, default=0, metavar="N", help="also N Lighthouse runs per page")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="keep Lighthouse's reports and traces in DIR")
    args = parser.parse_args(argv)
    if args.lighthouse:
        _ensure_lighthouse()
    load = os.getloadavg()

    site = server.start(port=0)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        cdn_dir = Path(tmp) / "cdn"
        (cdn_dir / "kakao_js_sdk" / SDK_VERSION).mkdir(parents=True)
        shutil.copy(SDK_DOUBLE, cdn_dir / "kakao_js_sdk" / SDK_VERSION / "kakao.min.js")
        cdn = static_server(cdn_dir, cross_origin=True, cache_control=IMMUTABLE_CACHE)
        host_dir = Path(tmp) / "host"
        host_dir.mkdir()
        pages = _host_pages(host_dir, site.url, f"http://127.0.0.1:{cdn.server_port}")
        host = static_server(host_dir, cache_control=REVALIDATE_CACHE)
        origin = f"http://127.0.0.1:{host.server_port}"
        browser = p.chromium.launch(executable_path=str(find_chromium()), args=LAUNCH_ARGS)
        results = {}
        for network_name, network in NETWORKS.items() if args.runs else ():  # --runs 0: Lighthouse only
            for cpu in CPU_RATES:
                visitors = {
                    name: _visitor(f"{origin}/{pages[name]}", name in PAGES[2:], network, cpu) for name in PAGES
                }
                results[(network_name, cpu)] = cold_then_warm(browser, visitors, args.runs)
        version = browser.version
        browser.close()
        # The visits' table first: Lighthouse takes minutes more.
        _print_visits(results, version, args.runs, load)
        scores = {
            name: _lighthouse(f"{origin}/{pages[name]}", args.lighthouse, args.keep)
            for name in LIGHTHOUSE_PAGES
            if args.lighthouse
        }
        host.shutdown()
        cdn.shutdown()
    site.stop()
    if scores:
        print(f"\nLighthouse {LIGHTHOUSE_VERSION}, mobile defaults, median of {args.lighthouse}\n")
        print("| page | performance score | TBT | total bytes | Time to Interactive |")
        print("|---|---|---|---|---|")
        for name, found in scores.items():
            print(
                f"| {name} | {found['score']:.0f} | {found['tbt']:.0f} ms | {found['bytes'] / 1000:.0f} KB "
                f"| {found['tti'] / 1000:.1f} s |"
            )
    return 0


def _print_visits(
    results: dict[tuple[str, int], dict[str, dict[str, list[dict[str, Any]]]]],
    version: str,
    runs: int,
    load: tuple[float, float, float],
) -> None:
    print(
        f"Chromium {version}, {runs} visits per cell (median), load average {load[0]:.2f} / {load[1]:.2f} "
        "at the start; host page, bundle and SDK stand-in on three loopback origins\n",
        flush=True,
    )
    print(
        "| network | CPU | page | visit | transferred | long tasks | longest | TBT | TBT vs Kakao's snippet "
        "| drawn | ready | load |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for (network_name, cpu), samples in results.items():
        for kind in ("cold", "warm"):
            anchor = _median(samples["Kakao's snippet"][kind], "tbt")
            for name in PAGES:
                cell = samples[name][kind]
                tbt = _median(cell, "tbt")
                ready = "–" if name == "no widget" else f"{_median(cell, 'ready') / 1000:.2f} s"
                drawn = "–" if name == "no widget" else f"{_median(cell, 'drawn') / 1000:.2f} s"
                print(
                    f"| {network_name} | {cpu}× | {name} | {'first' if kind == 'cold' else 'return'} "
                    f"| {_median(cell, 'bytes') / 1e6:.3f} MB | {_median(cell, 'tasks'):.0f} "
                    f"| {_median(cell, 'longest'):.0f} ms | {tbt:.0f} ms | {tbt - anchor:+.0f} ms "
                    f"| {drawn} | {ready} | {_median(cell, 'load') / 1000:.2f} s |",
                    flush=True,
                )


if __name__ == "__main__":
    sys.exit(main())
