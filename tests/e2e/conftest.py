"""End-to-end harness: the project's own server on a free loopback port, Debian's (or Playwright's)
Chromium, and Kakao's network faked at the boundary. A test fails on any request that would leave
127.0.0.1 unanswered by a fake, on an uncaught page error, and on a PyScript error element.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from urllib.parse import urlsplit

import pytest
from kakao_fakes import FakeKakao
from playwright.sync_api import Browser, BrowserContext, Page, Route
from playwright.sync_api import Error as PlaywrightError
from pyhost import PyHost, wait_ready

from sitekit import server
from sitekit.chromium import LAUNCH_ARGS, find_chromium


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    return {**browser_type_launch_args, "executable_path": str(find_chromium()), "args": LAUNCH_ARGS}


@pytest.fixture(scope="session")
def site() -> Iterator[server.SiteServer]:
    srv = server.start(port=0)
    yield srv
    srv.shutdown()
    srv.server_close()


@pytest.fixture(scope="session")
def site_url(site: server.SiteServer) -> str:
    return site.url


class BoundaryGuard:
    """Fails the test on requests that escape the fakes and on errors the page did not handle."""

    def __init__(self) -> None:
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
                if "context was destroyed" not in str(exc):
                    raise
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
        assert not problems, "\n".join(problems)


@pytest.fixture
def guard() -> BoundaryGuard:
    return BoundaryGuard()


@pytest.fixture
def kakao() -> FakeKakao:
    return FakeKakao()


def _wire(context: BrowserContext, guard: BoundaryGuard, kakao: FakeKakao) -> BrowserContext:
    # Playwright tries routes last-registered first: the Kakao fakes answer their hosts, and the guard
    # sees everything else.
    context.route("**/*", guard.route)
    kakao.install(context)
    context.on("weberror", lambda err: guard.page_errors.append(str(err.error)))
    return context


@pytest.fixture
def context(context: BrowserContext, guard: BoundaryGuard, kakao: FakeKakao) -> Iterator[BrowserContext]:
    yield _wire(context, guard, kakao)
    guard.check(context.pages)


@pytest.fixture
def guarded_context(
    browser: Browser, guard: BoundaryGuard, kakao: FakeKakao
) -> Iterator[Callable[..., BrowserContext]]:
    """Make more contexts (a phone's, say) guarded and faked like ``context``: ``guarded_context(**options)``."""
    made: list[BrowserContext] = []

    def make(**options) -> BrowserContext:
        made.append(_wire(browser.new_context(**options), guard, kakao))
        return made[-1]

    yield make
    try:
        for ctx in made:
            guard.check(ctx.pages)
    finally:
        for ctx in made:
            ctx.close()


@pytest.fixture(scope="module")
def module_guard() -> BoundaryGuard:
    return BoundaryGuard()


@pytest.fixture(scope="module")
def module_kakao() -> FakeKakao:
    return FakeKakao()


@pytest.fixture(scope="module")
def module_context(browser: Browser, module_guard: BoundaryGuard, module_kakao: FakeKakao) -> Iterator[BrowserContext]:
    """One guarded, faked context for a whole module, whose tests honestly share one booted page."""
    context = _wire(browser.new_context(), module_guard, module_kakao)
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
