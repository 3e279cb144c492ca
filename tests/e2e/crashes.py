"""Renderer crashes made loud: a test whose page crashed fails with the page, its boot path and Chromium's
reason, instead of a timeout or an error in some later step.

For every page it records the last console lines, which include a line per ``kakao-share:`` performance
mark with the renderer's JavaScript heap at that moment (so a crash during a restore shows how far it got
and what memory it held). Chromium's own log goes to ``test-results/chromium-<boot>.log`` and its crash
dumps under ``test-results/chromium-<boot>/``; a crash's report names both, with Chromium's termination
status and exit code (``Target.targetCrashed``), and the machine's available memory and load at the time.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Frame, Page
from playwright.sync_api import Error as PlaywrightError

__all__ = ["CrashWatch", "chromium_diagnostics"]

#: Lines of a page's console kept for its crash report.
CONSOLE_LINES = 40
#: Lines of Chromium's log quoted in a crash report (the whole log is kept).
LOG_LINES = 25

#: Mirrors the page's kakao-share performance marks into its console, with the JavaScript heap's size.
_MARKS_TO_CONSOLE = """
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (!entry.name.startsWith("kakao-share:")) continue;
    const heap = performance.memory ? `${(performance.memory.usedJSHeapSize / 2 ** 20).toFixed(1)} MB` : "?";
    console.debug(`[mark] ${entry.name} ${JSON.stringify(entry.detail ?? null)} js-heap=${heap}`);
  }
}).observe({ type: "mark", buffered: true });
"""


def chromium_diagnostics(folder: Path, boot: str) -> tuple[list[str], dict[str, str]]:
    """Launch arguments and environment that keep Chromium's log and crash dumps in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    args = [
        "--enable-logging",
        f"--log-file={folder / f'chromium-{boot}.log'}",
        "--v=0",
        # performance.memory to the byte, not rounded (the marks' heap sizes).
        "--enable-precise-memory-info",
    ]
    # Chromium's crash handler writes minidumps under $XDG_CONFIG_HOME/chromium/Crash Reports.
    env = {**os.environ, "XDG_CONFIG_HOME": str(folder / f"chromium-{boot}")}
    return args, env


@dataclass
class _Watched:
    url: str
    boot: str
    console: deque[str] = field(default_factory=lambda: deque(maxlen=CONSOLE_LINES))


@dataclass
class Crash:
    """One renderer that died, as Playwright saw it on a page or Chromium reported it for a target."""

    description: str
    at: float = field(default_factory=time.time)


class CrashWatch:
    """Records every crash of the run's browser: pages watched through ``watch`` and every target."""

    def __init__(self, browser: Browser, log: Path, dumps: Path) -> None:
        self.log, self.dumps = log, dumps
        self.crashes: list[Crash] = []
        self._targets: dict[str, str] = {}
        self._cdp = browser.new_browser_cdp_session()
        self._cdp.on("Target.targetCreated", self._target_seen)
        self._cdp.on("Target.targetInfoChanged", self._target_seen)
        self._cdp.on("Target.targetCrashed", self._target_crashed)
        self._cdp.send("Target.setDiscoverTargets", {"discover": True})

    def watch(self, context: BrowserContext, boot: str) -> None:
        """Watch ``context``'s pages; ``boot`` is the path they are expected to take ("snapshot"/"normal")."""
        context.add_init_script(_MARKS_TO_CONSOLE)
        context.on("page", lambda page: self._watch_page(page, boot))

    def _watch_page(self, page: Page, boot: str) -> None:
        watched = _Watched(page.url, boot)

        def on_console(message: ConsoleMessage) -> None:
            watched.console.append(f"{message.type}: {message.text}")

        def on_navigated(frame: Frame) -> None:
            if frame == page.main_frame:
                watched.url = frame.url

        page.on("console", on_console)
        page.on("framenavigated", on_navigated)
        page.on("crash", lambda _page: self._page_crashed(watched))

    def _page_crashed(self, watched: _Watched) -> None:
        console = "\n".join(f"    {line}" for line in watched.console) or "    (nothing)"
        self.crashes.append(
            Crash(
                f"the renderer of {watched.url} crashed (boot path: {watched.boot}); "
                f"{_machine()}\n  its last console lines:\n{console}"
            )
        )

    def _target_seen(self, event: dict) -> None:
        info = event["targetInfo"]
        self._targets[info["targetId"]] = info.get("url", "")

    def _target_crashed(self, event: dict) -> None:
        url = self._targets.get(event["targetId"], "?")
        self.crashes.append(
            Crash(f"Chromium: target {url} ended with status {event['status']!r}, exit code {event['errorCode']}")
        )

    @contextlib.contextmanager
    def provoked(self) -> Iterator[list[Crash]]:
        """Crashes inside the block are the test's own doing: handed to it, not failing it."""
        start = len(self.crashes)
        caught: list[Crash] = []
        yield caught
        self.settle()
        caught += self.crashes[start:]
        del self.crashes[start:]

    def settle(self) -> None:
        """Take in the events Chromium has sent so far (a crash's may still be on its way)."""
        with contextlib.suppress(PlaywrightError):  # the browser is closing: nothing more to hear
            self._cdp.send("Target.getTargets")

    def report(self, crashes: list[Crash]) -> str:
        """What a test whose pages crashed fails with."""
        lines = [crash.description for crash in crashes]
        lines.append(f"Chromium's log: {self.log}; crash dumps: {self.dumps}")
        lines += [f"    {line}" for line in self._log_tail()]
        return "\n".join(lines)

    def _log_tail(self) -> list[str]:
        try:
            text = self.log.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return []
        # D-Bus complaints are Chromium's every start on a machine without a session bus: noise here.
        return [line for line in text.splitlines() if "dbus" not in line.lower()][-LOG_LINES:]


def _machine() -> str:
    try:
        meminfo = Path("/proc/meminfo").read_text(encoding="utf-8").splitlines()
        available = next(line.split()[1] for line in meminfo if line.startswith("MemAvailable:"))
        memory = f"{int(available) // 1024} MB available"
    except (OSError, StopIteration):
        memory = "available memory unknown"
    return f"machine: {memory}, load {os.getloadavg()[0]:.1f}"
