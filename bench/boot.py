"""Boot benchmark: how long until a kakao-share page is usable, against a plain-JavaScript page.

In one interleaved run, on the same server and browser, on two networks (loopback, and Chromium's
emulation of a mobile network: 10 Mbit/s down, 5 Mbit/s up, 40 ms round trips).

Two kakao-share pages: a **boot page** that only imports kakao_share and marks ``<html data-ready>``
(what starting the runtime costs), and the **playground** (``web/index.html``: the page visitors meet,
with its own Python and DOM work on top). Each is visited three ways:

* **first visit** — an empty browser profile: PyScript boots Pyodide, loads pydantic + jinja2 +
  kakao_share, and the page runs. Once idle, the page downloads the memory snapshot for next time:
  reported apart, as transfer *after* ready.
* **return visit** — a profile a first visit left behind: the snapshot is restored.
* **return visit, no snapshot** — the fallback: a returning visitor whose browser has no snapshot (here:
  Save-Data on, so none was saved), booting the normal way from a warm HTTP cache.

And side by side, **plain JS**: a page that loads the Kakao SDK (our test double, from a second
loopback server) and calls ``Kakao.init``: what a site without Python pays, first and return visit.

Every visitor is a real (persistent) Chromium profile, so return visits get what returning visitors
get: the HTTP cache, V8's code cache, the Cache Storage. Time is navigation start → the page's
``kakao-share:ready`` performance mark; transfer is what crossed the wire (encoded bodies + headers)
before that mark. No Playwright routing is used (it turns the HTTP cache off); instead every request is
checked to stay on loopback.

    python bench/boot.py [--runs N] [--before OTHER_CHECKOUT/web]

Not a test: numbers vary by machine. Only ratios measured in the same run mean much.
"""

from __future__ import annotations

import argparse
import itertools
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _visits import NETWORKS, emulating, static_server, visit  # noqa: E402
from playwright.sync_api import BrowserContext, Page, Playwright, sync_playwright  # noqa: E402

from sitekit import server  # noqa: E402
from tests.support.chromium import LAUNCH_ARGS, find_chromium  # noqa: E402

SDK_DOUBLE = ROOT / "tests" / "e2e" / "kakao_sdk_double.js"
WEB = ROOT / "web"
BASELINE_HTML = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>plain JS</title>
<link rel="icon" href="data:,"><script src="kakao.min.js"></script></head><body><p>plain JS</p>
<script>Kakao.init("0123456789abcdef0123456789abcdef");
performance.mark("kakao-share:ready"); document.documentElement.setAttribute("data-ready", "");</script>
</body></html>"""

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
    return static_server(folder)


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
        def ready(page: Page) -> None:
            page.wait_for_selector("html[data-ready], html[data-error]", state="attached", timeout=180_000)
            error = page.evaluate("document.documentElement.getAttribute('data-error')")
            if error:
                raise SystemExit(f"{url} failed to boot: {error}")
            if until_snapshot_decided:
                page.wait_for_function(SNAPSHOT_DECIDED, timeout=180_000)

        try:
            result = visit(self.context, url, ready, MEASURE, before=emulating(network))
        finally:
            time.sleep(1)  # let Chromium finish writing its caches, as between real visits
        if result["ms"] is None:
            raise SystemExit(f"{url} has no kakao-share:ready mark")
        return result

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


#: A page that only starts kakao-share: what the boot itself costs, apart from any page's own work.
BOOT_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>kakao-share boot</title>
<link rel="icon" href="data:,"><script type="module" src="assets/page.js"></script></head>
<body><p id="status" role="status">Starting Python…</p>
<script type="py">
import kakao_share
from pyscript import document
document.getElementById("status").textContent = f"kakao-share {kakao_share.__version__} is ready."
document.documentElement.setAttribute("data-ready", "")
</script></body></html>
"""

#: The kakao-share pages measured: (name, path under the site).
PAGES = [("boot page (import kakao_share)", "boot.html"), ("playground (web/index.html)", "index.html")]
VISITS = ("first visit", "return visit", "return visit, no snapshot")
#: With ``--before DIR``: the boot page on the runtime built in another checkout's ``web/`` (say, the
#: commit before a change), measured in the same run.
BEFORE = "boot page, runtime --before"


def _site(folder: Path, web: Path = WEB) -> Path:
    """A copy of ``web`` with the boot page added (the server serves no links out of its folder)."""
    shutil.copytree(web, folder)
    (folder / "boot.html").write_text(BOOT_PAGE, encoding="utf-8")
    return folder


Cells = dict[tuple[str, str, str], Cell]


@dataclass(frozen=True)
class Target:
    """A page measured: its row name, its URL, and whether its runtime has a snapshot to restore."""

    name: str
    url: str
    snapshot: bool = True


def run(runs: int, before: Path | None = None) -> tuple[str, Cells]:
    cells: Cells = {}
    with tempfile.TemporaryDirectory(prefix="kakao-share-bench-") as tmp, sync_playwright() as p:
        folder = Path(tmp)
        servers = [server.start(port=0, root=_site(folder / "site"))]
        targets = [Target(name, f"{servers[0].url}/{path}") for name, path in PAGES]
        if before:
            servers.append(server.start(port=0, root=_site(folder / "before", before)))
            targets.append(Target(BEFORE, f"{servers[1].url}/boot.html", snapshot=False))
        (folder / "plain").mkdir()
        baseline = _baseline_server(folder / "plain")
        plain_url = f"http://127.0.0.1:{baseline.server_port}/index.html"
        made = itertools.count()

        def fresh(**options: Any) -> Visitor:
            return Visitor(p, folder / f"profile-{next(made)}", **options)

        # Returning visitors, one per page and kind: each has made a first visit (and stored the
        # snapshot, unless Save-Data is on).
        returning, fallback = {}, {}
        for target in targets:
            returning[target] = fresh()
            returning[target].visit(target.url, None, until_snapshot_decided=target.snapshot)
            if target.snapshot:
                fallback[target] = fresh(save_data=True)
                fallback[target].visit(target.url, None, until_snapshot_decided=True)
        plain_returning = fresh()
        plain_returning.visit(plain_url, None)
        version = plain_returning.version()

        def record(key: tuple[str, str, str], sample: dict[str, Any]) -> None:
            cells.setdefault(key, Cell()).samples.append(sample)

        for _ in range(runs):
            for network_name, network in NETWORKS.items():
                for target in targets:
                    first = fresh()
                    sample = first.visit(target.url, network, until_snapshot_decided=target.snapshot)
                    record((network_name, target.name, VISITS[0]), sample)
                    first.close()
                    sample = returning[target].visit(target.url, network)
                    if target.snapshot and not sample["restored"]:
                        raise SystemExit(f"a return visit to {target.url} did not restore the snapshot")
                    record((network_name, target.name, VISITS[1]), sample)
                    if target in fallback:
                        sample = fallback[target].visit(target.url, network)
                        if sample["restored"]:
                            raise SystemExit("a visitor with Save-Data restored a snapshot it should not have saved")
                        record((network_name, target.name, VISITS[2]), sample)
                plain_first = fresh()
                record((network_name, "plain JS", VISITS[0]), plain_first.visit(plain_url, network))
                plain_first.close()
                record((network_name, "plain JS", VISITS[1]), plain_returning.visit(plain_url, network))
        for visitor in (*returning.values(), *fallback.values(), plain_returning):
            visitor.close()
        baseline.shutdown()
        for srv in servers:
            srv.shutdown()
    return version, cells


def report(version: str, runs: int, cells: Cells) -> str:
    lines = [
        f"Boot to ready, {runs} visits per cell, interleaved, Chromium {version}; median [min–max];"
        " transfer before ready",
        "",
        "| network | page | visit | ready | transfer | wasm ready | Python up |",
        "|---|---|---|---|---|---|---|",
    ]
    for network in NETWORKS:
        for page in [name for name, _ in PAGES] + [BEFORE, "plain JS"]:
            for kind in VISITS:
                cell = cells.get((network, page, kind))
                if cell:
                    lines.append(
                        f"| {network} | {page} | {kind} | {cell.seconds()} | {cell.transfer()} "
                        f"| {cell.phase('wasm ready')} | {cell.phase('python-started')} |"
                    )
    lines += [
        "",
        "wasm ready: Pyodide's wasm compiled and instantiated (a restore's first step); Python up: restored",
        "or started (before PyScript's own start-up and the page's Python); medians.",
        "",
    ]
    for network in NETWORKS:
        plain = cells[(network, "plain JS", VISITS[0])].median(), cells[(network, "plain JS", VISITS[1])].median()
        for page, _ in PAGES:
            first, back, fallback = (cells[(network, page, kind)].median() for kind in VISITS)
            lines.append(
                f"{network}, {page}: return / first ×{back / first:.2f}; return / no snapshot ×{back / fallback:.2f};"
                f" / plain JS: first ×{first / plain[0]:.0f}, return ×{back / plain[1]:.0f}"
            )
        if (network, BEFORE, VISITS[0]) in cells:
            ours = [cells[(network, PAGES[0][0], kind)] for kind in VISITS[:2]]
            old = [cells[(network, BEFORE, kind)] for kind in VISITS[:2]]
            lines.append(
                f"{network}, boot page against --before: first visit ×{ours[0].median() / old[0].median():.2f} "
                f"({ours[0].transfer()} against {old[0].transfer()}), "
                f"return visit ×{ours[1].median() / old[1].median():.2f}"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="visits per cell (default 7)")
    parser.add_argument(
        "--before",
        type=Path,
        metavar="WEB",
        help="also measure the boot page on the runtime built in WEB (a web/ folder)",
    )
    args = parser.parse_args(argv)
    version, cells = run(args.runs, args.before)
    print(report(version, args.runs, cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
