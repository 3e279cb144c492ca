"""End-to-end harness: the project's own server on a free loopback port, Debian's (or Playwright's)
Chromium, and Kakao's network faked at the boundary. A test fails on any request that would leave
127.0.0.1 unanswered by a fake, on an uncaught page error, and on a PyScript error element.

Pages start Python one of two ways, chosen for the whole run with ``--boot``: ``normal`` (a first
visit: every test's browser context is fresh) or ``snapshot`` (a return visit: each context gets the
memory snapshot stored first, as a first visit would leave it, and every page that becomes ready must
have restored it).

A page whose renderer crashes fails its test with the crash's reason on record (``crashes.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from crashes import CrashWatch, chromium_diagnostics
from kakao_fakes import FakeKakao
from playwright.sync_api import Browser, BrowserContext, Page, Route
from playwright.sync_api import Error as PlaywrightError
from pyhost import PyHost, store_snapshot, wait_ready

from sitekit import server
from tests.support.chromium import LAUNCH_ARGS, find_chromium


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.e2e)


_CRASH_WATCH = pytest.StashKey[CrashWatch]()
_CRASHES_SEEN = pytest.StashKey[int]()


def _diagnostics_folder(pytestconfig: pytest.Config) -> Path:
    return Path(pytestconfig.getoption("--output")).absolute()


@pytest.fixture(scope="session")
def browser_type_launch_args(
    browser_type_launch_args: dict, pytestconfig: pytest.Config, delete_output_dir: None
) -> dict:
    # After pytest-playwright has emptied test-results/, which then keeps Chromium's log and crash dumps.
    args, env = chromium_diagnostics(_diagnostics_folder(pytestconfig), str(pytestconfig.getoption("--boot")))
    return {**browser_type_launch_args, "executable_path": str(find_chromium()), "args": LAUNCH_ARGS + args, "env": env}


@pytest.fixture(scope="session")
def browser(launch_browser: Callable[[], Browser], pytestconfig: pytest.Config) -> Iterator[Browser]:
    browser = launch_browser()
    boot = pytestconfig.getoption("--boot")
    folder = _diagnostics_folder(pytestconfig)
    pytestconfig.stash[_CRASH_WATCH] = CrashWatch(browser, folder / f"chromium-{boot}.log", folder / f"chromium-{boot}")
    yield browser
    browser.close()


@pytest.fixture
def crash_watch(browser: Browser, pytestconfig: pytest.Config) -> CrashWatch:
    return pytestconfig.stash[_CRASH_WATCH]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Generator[None, None, None]:
    watch = item.config.stash.get(_CRASH_WATCH, None)
    item.stash[_CRASHES_SEEN] = len(watch.crashes) if watch else 0
    return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """A renderer crash during any phase of a test fails that phase with the crash's report."""
    report = yield
    watch = item.config.stash.get(_CRASH_WATCH, None)
    if watch is None:
        return report
    watch.settle()
    crashes = watch.crashes[item.stash.get(_CRASHES_SEEN, 0) :]
    if crashes:
        item.stash[_CRASHES_SEEN] = len(watch.crashes)
        then = f"\n\nthe test then failed with: {call.excinfo.exconly()[:1000]}" if call.excinfo else ""
        report.outcome = "failed"
        report.longrepr = "renderer crash\n" + watch.report(crashes) + then
    return report


@pytest.fixture(scope="session")
def site() -> Iterator[server.SiteServer]:
    srv = server.start(port=0)
    yield srv
    srv.shutdown()
    srv.server_close()


@pytest.fixture(scope="session")
def site_url(site: server.SiteServer) -> str:
    return site.url


@pytest.fixture(scope="session")
def boot(pytestconfig: pytest.Config) -> str:
    """How pages start Python in this run: "normal" or "snapshot" (``--boot``)."""
    return str(pytestconfig.getoption("--boot"))


#: How a page started Python, as our interpreter marks it ("snapshot" or "normal"; null for pages
#: that did not start Python with it).
_BOOT_PATH = """() => performance.getEntriesByName("kakao-share:python-started")[0]?.detail ?? null"""


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


class BoundaryGuard:
    """Fails the test on requests that escape the fakes, on errors the page did not handle, and on a
    page that started Python another way than the run's ``--boot`` asks for."""

    def __init__(self, boot: str = "normal") -> None:
        self.boot = boot
        #: Origins whose snapshot the test's contexts got stored (``--boot snapshot``).
        self.stored_on: set[str] = set()
        self.escaped: list[str] = []
        self.page_errors: list[str] = []
        self.expected_page_errors = 0

    def route(self, route: Route) -> None:
        url = route.request.url
        host = urlsplit(url).hostname or ""
        if url.startswith(("data:", "blob:")) or host == "127.0.0.1":
            route.fallback()
            return
        self.escaped.append(url)
        route.abort("blockedbyclient")

    @staticmethod
    def _py_errors(page: Page) -> list[str]:
        for _ in range(3):  # a share may be navigating the page (the app link on phones)
            if page.is_closed():
                return []
            try:
                page.wait_for_load_state("domcontentloaded")
                return page.locator(".py-error").all_text_contents()
            except PlaywrightError as exc:
                if "Target crashed" in str(exc):
                    return []  # the crash fails the test with its own report (crashes.py)
                if "context was destroyed" not in str(exc) and not page.is_closed():
                    raise  # (a popup such as Kakao's sharer may close itself while this waits)
        return page.locator(".py-error").all_text_contents()

    def check(self, pages: list[Page]) -> None:
        problems = []
        if self.escaped:
            problems.append(f"requests left 127.0.0.1 without a fake: {self.escaped}")
        unexpected = self.page_errors[self.expected_page_errors :]
        if unexpected:
            problems.append(f"uncaught page errors: {unexpected}")
        for page in pages:
            shown = self._py_errors(page)
            if shown:
                problems.append(f"PyScript error shown in {page.url}: {shown}")
            if self.boot == "snapshot" and not page.is_closed() and _origin(page.url) in self.stored_on:
                try:
                    started = page.evaluate(_BOOT_PATH)
                except PlaywrightError as exc:
                    if "Target crashed" in str(exc):
                        continue
                    raise
                if started not in (None, "snapshot"):
                    problems.append(f"{page.url} started Python the {started} way, not from the snapshot")
        assert not problems, "\n".join(problems)


@pytest.fixture
def guard(boot: str) -> BoundaryGuard:
    return BoundaryGuard(boot)


@pytest.fixture
def kakao() -> FakeKakao:
    return FakeKakao()


def _wire(
    context: BrowserContext,
    guard: BoundaryGuard,
    kakao: FakeKakao,
    site_url: str,
    watch: CrashWatch,
    *,
    store: bool | None = None,
) -> BrowserContext:
    stored = (guard.boot == "snapshot") if store is None else store
    watch.watch(context, "snapshot" if stored else "normal")
    # Playwright tries routes last-registered first: the Kakao fakes answer their hosts, and the guard
    # sees everything else.
    context.route("**/*", guard.route)
    kakao.install(context)
    context.on("weberror", lambda err: guard.page_errors.append(str(err.error)))
    if stored:
        store_snapshot(context, site_url)
        guard.stored_on.add(_origin(site_url))
    return context


@pytest.fixture
def context(
    context: BrowserContext, guard: BoundaryGuard, kakao: FakeKakao, site_url: str, crash_watch: CrashWatch
) -> Iterator[BrowserContext]:
    yield _wire(context, guard, kakao, site_url, crash_watch)
    guard.check(context.pages)


@pytest.fixture
def guarded_context(
    browser: Browser, guard: BoundaryGuard, kakao: FakeKakao, site_url: str, crash_watch: CrashWatch
) -> Iterator[Callable[..., BrowserContext]]:
    """Make more contexts (a phone's, say) guarded and faked like ``context``: ``guarded_context(**options)``.

    ``store_snapshot=True/False`` overrides ``--boot`` for that context (a test of the boot paths).
    """
    made: list[BrowserContext] = []

    def make(*, store_snapshot: bool | None = None, **options) -> BrowserContext:
        made.append(_wire(browser.new_context(**options), guard, kakao, site_url, crash_watch, store=store_snapshot))
        return made[-1]

    yield make
    try:
        for ctx in made:
            guard.check(ctx.pages)
    finally:
        for ctx in made:
            ctx.close()


@pytest.fixture(scope="module")
def module_guard(boot: str) -> BoundaryGuard:
    return BoundaryGuard(boot)


@pytest.fixture(scope="module")
def module_kakao() -> FakeKakao:
    return FakeKakao()


@pytest.fixture(scope="module")
def module_context(
    browser: Browser, module_guard: BoundaryGuard, module_kakao: FakeKakao, site_url: str, pytestconfig: pytest.Config
) -> Iterator[BrowserContext]:
    """One guarded, faked context for a whole module, whose tests honestly share one booted page."""
    watch = pytestconfig.stash[_CRASH_WATCH]
    context = _wire(browser.new_context(), module_guard, module_kakao, site_url, watch)
    try:
        yield context
        module_guard.check(context.pages)
    finally:
        context.close()


@pytest.fixture
def booted_page(page: Page, site_url: str) -> Page:
    page.goto(f"{site_url}/index.html")
    wait_ready(page)
    return page


@pytest.fixture
def py(booted_page: Page) -> PyHost:
    return PyHost(booted_page)
