"""Boot benchmark: how long until a kakao-share page is usable, against a plain-JavaScript page.

In one interleaved run, on the same server and browser, for each network (loopback, and Chromium's
emulation of a mobile network: 10 Mbit/s down, 5 Mbit/s up, 40 ms round trips):

* **first visit** — an empty browser profile: PyScript boots Pyodide, loads pydantic + jinja2 +
  kakao_share, imports them and marks ``<html data-ready>``. Once idle, the page downloads the memory
  snapshot for next time: reported apart, as transfer *after* ready.
* **return visit** — a profile a first visit left behind: the snapshot is restored.
* **return visit, no snapshot** — the fallback: a returning visitor whose browser has no snapshot (here:
  Save-Data on, so none was saved), booting the normal way from a warm HTTP cache.
* **plain JS** — a page that loads the Kakao SDK (our test double, from a second loopback server) and
  calls ``Kakao.init``: what a site without Python pays, first and return visit.

Every visitor is a real (persistent) Chromium profile, so return visits get what returning visitors
get: the HTTP cache, V8's code cache, the Cache Storage. Time is navigation start → the page's
``kakao-share:ready`` performance mark; transfer is what crossed the wire (encoded bodies + headers)
before that mark. No Playwright routing is used (it turns the HTTP cache off); instead every request is
checked to stay on loopback.

    python bench/boot.py [--runs N]

Not a test: numbers vary by machine. Only ratios measured in the same run mean much.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import BrowserContext, Playwright, sync_playwright  # noqa: E402

from sitekit import server  # noqa: E402
from sitekit.chromium import LAUNCH_ARGS, find_chromium  # noqa: E402

SDK_DOUBLE = ROOT / "tests" / "e2e" / "kakao_sdk_double.js"
BASELINE_HTML = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>plain JS</title>
<link rel="icon" href="data:,"><script src="kakao.min.js"></script></head><body><p>plain JS</p>
<script>Kakao.init("0123456789abcdef0123456789abcdef");
performance.mark("kakao-share:ready"); document.documentElement.setAttribute("data-ready", "");</script>
</body></html>"""

#: Chromium's network emulation (DevTools protocol): latency is added to each round trip.
NETWORKS: dict[str, dict[str, Any] | None] = {
    "loopback": None,
    "10 Mbit/s, 40 ms RTT": {
        "offline": False,
        "latency": 40,
        "downloadThroughput": 10_000_000 / 8,
        "uploadThroughput": 5_000_000 / 8,
    },
}
SAVE_DATA = "Object.defineProperty(navigator, 'connection', {value: {saveData: true, effectiveType: '4g'}})"

MEASURE = """() => {
  const ready = performance.getEntriesByName("kakao-share:ready")[0];
  const nav = performance.getEntriesByType("navigation")[0];
  const entries = [nav, ...performance.getEntriesByType("resource")];
  const before = entries.filter((e) => !ready || e.startTime <= ready.startTime);
  const after = entries.filter((e) => ready && e.startTime > ready.startTime);
  const sum = (list) => list.reduce((total, e) => total + e.transferSize, 0);
  return {
    ms: ready ? ready.startTime : null,
    bytes: sum(before),
    after: sum(after),
    restored: performance.getEntriesByName("kakao-share:python-started")[0]?.detail === "snapshot",
    phases: Object.fromEntries(
      ["kakao-share:restore:wasm ready", "kakao-share:python-started"]
        .map((name) => [name.split(":").pop(), performance.getEntriesByName(name)[0]?.startTime])
        .filter(([, at]) => at !== undefined),
    ),
  };
}"""
SNAPSHOT_DECIDED = (
    "performance.getEntriesByName('kakao-share:snapshot-saved').length"
    " + performance.getEntriesByName('kakao-share:snapshot-not-saved').length > 0"
)


def _baseline_server(folder: Path) -> ThreadingHTTPServer:
    (folder / "index.html").write_text(BASELINE_HTML, encoding="utf-8")
    shutil.copy(SDK_DOUBLE, folder / "kakao.min.js")

    class Quiet(SimpleHTTPRequestHandler):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=str(folder), **kwargs)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


class Visitor:
    """One browser profile on disk, kept between visits like a real visitor's."""

    def __init__(self, playwright: Playwright, folder: Path, *, save_data: bool = False) -> None:
        self.context: BrowserContext = playwright.chromium.launch_persistent_context(
            str(folder), executable_path=str(find_chromium()), args=LAUNCH_ARGS
        )
        if save_data:
            self.context.add_init_script(SAVE_DATA)

    def visit(
        self, url: str, network: dict[str, Any] | None, *, until_snapshot_decided: bool = False
    ) -> dict[str, Any]:
        page = self.context.new_page()
        escaped: list[str] = []
        page.on(
            "request", lambda r: None if r.url.startswith(("http://127.0.0.1:", "data:")) else escaped.append(r.url)
        )
        if network:
            cdp = self.context.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.emulateNetworkConditions", network)
        try:
            page.goto(url)
            page.wait_for_selector("html[data-ready], html[data-error]", state="attached", timeout=180_000)
            error = page.evaluate("document.documentElement.getAttribute('data-error')")
            if error:
                raise SystemExit(f"{url} failed to boot: {error}")
            if until_snapshot_decided:
                page.wait_for_function(SNAPSHOT_DECIDED, timeout=180_000)
            result: dict[str, Any] = page.evaluate(MEASURE)
            if result["ms"] is None:
                raise SystemExit(f"{url} has no kakao-share:ready mark")
            if escaped:
                raise SystemExit(f"{url} made requests off loopback: {escaped}")
            return result
        finally:
            page.close()
            time.sleep(1)  # let Chromium finish writing its caches, as between real visits

    def version(self) -> str:
        page = self.context.new_page()
        try:
            product = self.context.new_cdp_session(page).send("Browser.getVersion")["product"]
            return str(product).split("/", 1)[-1]
        finally:
            page.close()

    def close(self) -> None:
        self.context.close()


@dataclass
class Cell:
    """The visits of one kind on one network."""

    samples: list[dict[str, Any]] = field(default_factory=list)

    def seconds(self) -> str:
        ms = sorted(s["ms"] / 1000 for s in self.samples)
        return f"{statistics.median(ms):.2f} s [{ms[0]:.2f}–{ms[-1]:.2f}]"

    def median(self) -> float:
        return float(statistics.median(s["ms"] for s in self.samples)) / 1000

    def phase(self, name: str) -> str:
        """Median time of a performance mark the interpreter sets (``phases`` in MEASURE)."""
        times = [s["phases"][name] for s in self.samples if name in s.get("phases", {})]
        return f"{statistics.median(times) / 1000:.2f} s" if times else "–"

    def transfer(self) -> str:
        before = statistics.median(s["bytes"] for s in self.samples) / 1e6
        after = statistics.median(s["after"] for s in self.samples) / 1e6
        return f"{before:.2f} MB" + (f" (+{after:.2f} MB after ready)" if after >= 0.01 else "")


def run(runs: int) -> tuple[str, dict[tuple[str, str], Cell]]:
    cells: dict[tuple[str, str], Cell] = {}
    srv = server.start(port=0)
    ours = srv.url + "/index.html"
    with tempfile.TemporaryDirectory(prefix="kakao-share-bench-") as tmp, sync_playwright() as p:
        profiles = Path(tmp)
        (profiles / "site").mkdir()
        baseline = _baseline_server(profiles / "site")
        plain = f"http://127.0.0.1:{baseline.server_port}/index.html"
        made = iter(range(1_000_000))

        def fresh(**options: Any) -> Visitor:
            return Visitor(p, profiles / f"profile-{next(made)}", **options)

        # Returning visitors: each has made a first visit (and, for the snapshot, stored it).
        returning = fresh()
        returning.visit(ours, None, until_snapshot_decided=True)
        fallback = fresh(save_data=True)
        fallback.visit(ours, None, until_snapshot_decided=True)
        plain_returning = fresh()
        plain_returning.visit(plain, None)
        version = returning.version()

        for _ in range(runs):
            for network_name, network in NETWORKS.items():
                first = fresh()
                cell = cells.setdefault((network_name, "first visit"), Cell())
                cell.samples.append(first.visit(ours, network, until_snapshot_decided=True))
                first.close()
                sample = returning.visit(ours, network)
                if not sample["restored"]:
                    raise SystemExit("a return visit did not restore the snapshot")
                cells.setdefault((network_name, "return visit"), Cell()).samples.append(sample)
                sample = fallback.visit(ours, network)
                if sample["restored"]:
                    raise SystemExit("a visitor with Save-Data restored a snapshot it should not have saved")
                cells.setdefault((network_name, "return visit, no snapshot"), Cell()).samples.append(sample)
                plain_first = fresh()
                cells.setdefault((network_name, "plain JS first"), Cell()).samples.append(
                    plain_first.visit(plain, network)
                )
                plain_first.close()
                cells.setdefault((network_name, "plain JS return"), Cell()).samples.append(
                    plain_returning.visit(plain, network)
                )
        for visitor in (returning, fallback, plain_returning):
            visitor.close()
        baseline.shutdown()
    srv.shutdown()
    return version, cells


def report(version: str, runs: int, cells: dict[tuple[str, str], Cell]) -> str:
    lines = [
        f"Boot to ready, {runs} visits per cell, interleaved, Chromium {version}; median [min–max];"
        " transfer before ready",
        "",
        "| network | visit | kakao-share | transfer | plain JS | transfer |",
        "|---|---|---|---|---|---|",
    ]
    for network in NETWORKS:
        plain = {"first visit": "plain JS first", "return visit": "plain JS return"}
        for visit in ("first visit", "return visit", "return visit, no snapshot"):
            ours = cells[(network, visit)]
            base = cells.get((network, plain.get(visit, "")))
            base_cols = f"{base.seconds()} | {base.transfer()}" if base else "– | –"
            lines.append(f"| {network} | {visit} | {ours.seconds()} | {ours.transfer()} | {base_cols} |")
    lines += [
        "",
        "Where the time goes (medians): the wasm compiled and instantiated (a restore's first step), Python",
        "up (restored or started), the page ready (PyScript's own start-up and the page's Python)",
        "",
        "| network | visit | wasm ready | Python up | page ready |",
        "|---|---|---|---|---|",
    ]
    for network in NETWORKS:
        for visit in ("first visit", "return visit", "return visit, no snapshot"):
            cell = cells[(network, visit)]
            lines.append(
                f"| {network} | {visit} | {cell.phase('wasm ready')} | {cell.phase('python-started')} "
                f"| {cell.median():.2f} s |"
            )
    lines.append("")
    for network in NETWORKS:
        first, back = cells[(network, "first visit")].median(), cells[(network, "return visit")].median()
        fallback = cells[(network, "return visit, no snapshot")].median()
        plain_first = cells[(network, "plain JS first")].median()
        plain_back = cells[(network, "plain JS return")].median()
        lines.append(
            f"{network}: return visit / first visit ×{back / first:.2f}; return visit / no snapshot "
            f"×{back / fallback:.2f}; kakao-share / plain JS: first ×{first / plain_first:.0f}, "
            f"return ×{back / plain_back:.0f}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="visits per cell (default 7)")
    args = parser.parse_args(argv)
    version, cells = run(args.runs)
    print(report(version, args.runs, cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
