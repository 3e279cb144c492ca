"""Return visits under stress: many pages restoring the memory snapshot at once, beside CPU-bound processes
and a disk writer, must all come up from the snapshot without a renderer crash (issue: renderers died
restoring on a busy machine). Bounded: a fixed number of visits; the load is started and always stopped here.

Runs in the return-visit pass (``--boot=snapshot``), which is about restoring. Its browser profiles have no
Playwright routes, so that the HTTP cache (and V8's cache of compiled wasm) works as on a real return visit;
the page comes from another loopback origin, as a site using our bundle would serve it, and asks nothing of Kakao.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from crashes import CrashWatch
from playwright.sync_api import Browser, BrowserContext, Page
from pyhost import store_snapshot, wait_ready
from static_site import OTHER_PAGE, static_server

pytestmark = [
    pytest.mark.skipif(
        "config.getoption('--boot') != 'snapshot'", reason="a return-visit test: runs in the --boot=snapshot pass"
    ),
    # A fixed amount of work, slower the busier the machine already is.
    pytest.mark.timeout(480),
]

#: Return visits in all, and how many restore at the same time (one browser profile each).
VISITS = 20
AT_ONCE = 4
CPU_HOGS = 2

#: Writes and syncs 32 MB over and over (one file, rewritten), until stopped.
DISK_WRITER = """
import os, sys
block = os.urandom(1 << 20)
while True:
    with open(sys.argv[1], "wb") as file:
        for _ in range(32):
            file.write(block)
        file.flush()
        os.fsync(file.fileno())
"""

BOOT_PATH = "performance.getEntriesByName('kakao-share:python-started')[0]?.detail ?? null"


@pytest.fixture
def busy_machine(tmp_path: Path) -> Iterator[None]:
    """Two CPU-bound processes and a disk writer beside the browser, for the test's duration."""
    hogs: list[subprocess.Popen[bytes]] = []
    try:
        hogs += [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(CPU_HOGS)]
        hogs.append(subprocess.Popen([sys.executable, "-c", DISK_WRITER, str(tmp_path / "disk-writer.bin")]))
        yield
    finally:
        for hog in hogs:
            hog.kill()
        for hog in hogs:
            hog.wait(timeout=10)


def _renderer_peaks(browser: Browser) -> list[int]:
    """Peak resident memory (MB, from /proc) of each live renderer process of ``browser``."""
    session = browser.new_browser_cdp_session()
    try:
        processes = session.send("SystemInfo.getProcessInfo")["processInfo"]
    finally:
        session.detach()
    peaks = []
    for process in processes:
        if process["type"] != "renderer":
            continue
        try:
            status = Path(f"/proc/{process['id']}/status").read_text(encoding="utf-8")
        except OSError:
            continue
        peaks += [int(line.split()[1]) // 1024 for line in status.splitlines() if line.startswith("VmHWM:")]
    return peaks


@pytest.fixture
def profiles(browser: Browser, crash_watch: CrashWatch) -> Iterator[list[BrowserContext]]:
    """``AT_ONCE`` browser profiles, watched for crashes, closed afterwards."""
    made: list[BrowserContext] = []
    try:
        for _ in range(AT_ONCE):
            made.append(browser.new_context())
            crash_watch.watch(made[-1], "snapshot")
        yield made
    finally:
        for context in made:
            context.close()


def test_return_visits_at_once_on_a_busy_machine_all_restore_the_snapshot_without_a_crash(
    browser: Browser,
    profiles: list[BrowserContext],
    site_url: str,
    crash_watch: CrashWatch,
    tmp_path: Path,
    busy_machine: None,
):
    (tmp_path / "page.html").write_text(OTHER_PAGE.format(site=site_url), encoding="utf-8")
    (tmp_path / "blank.html").write_text("<!doctype html><title>blank</title>", encoding="utf-8")
    page_errors: list[str] = []
    started: list[str | None] = []
    peaks: list[int] = []
    crashes_before = len(crash_watch.crashes)
    with static_server(tmp_path) as other:
        for context in profiles:
            context.on("weberror", lambda error: page_errors.append(str(error.error)))
            store_snapshot(context, site_url, origin_page=f"{other}/blank.html")
        for _ in range(VISITS // AT_ONCE):
            pages: list[Page] = [context.new_page() for context in profiles]
            for page in pages:
                page.goto(f"{other}/page.html", wait_until="commit")
            for page in pages:
                wait_ready(page)
                started.append(page.evaluate(BOOT_PATH))
            peaks += _renderer_peaks(browser)
            for page in pages:
                page.close()
    crash_watch.settle()
    crashes = crash_watch.crashes[crashes_before:]
    assert not crashes, crash_watch.report(crashes)
    assert not page_errors
    assert started == ["snapshot"] * VISITS, started
    print(f"renderer peak resident memory: {max(peaks)} MB (largest of {len(peaks)} samples)")
