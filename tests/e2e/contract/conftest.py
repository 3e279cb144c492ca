"""The SDK contract: plain JavaScript calls ``Kakao.*`` in a page on the site's origin, and the tests
assert on what crosses the network boundary and on the errors thrown.

These tests hold the SDK double (``kakao_sdk_double.js``) honest. They assert only what Kakao documents
or what real SDK builds were observed to do, so they must pass unchanged against a real build::

    KAKAO_SDK_FILE=/path/to/kakao.min.js .venv/bin/python -m pytest tests/e2e/contract

Facts that depend on the SDK version branch (or skip with a reason) on ``Kakao.VERSION``. The few tests
that check the double itself (it reports the version the test asks for; its choices for unusual input)
say so and skip on a real build.

Fixtures here: the contract page (desktop and phone), with the SDK loaded, initialised or not.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from contract_page import APP_KEY, IPHONE_UA, js_ok, open_sdk_page, serve_sdk_page, settle
from kakao_fakes import FakeKakao
from playwright.sync_api import BrowserContext, Page


@pytest.fixture
def sdk_context(context: BrowserContext, kakao: FakeKakao, site_url: str) -> Iterator[BrowserContext]:
    serve_sdk_page(context, kakao, site_url)
    yield context
    settle(context)


@pytest.fixture
def sdk_page(sdk_context: BrowserContext, site_url: str) -> Page:
    """The contract page with the SDK loaded, not initialised."""
    return open_sdk_page(sdk_context, site_url)


@pytest.fixture
def share_page(sdk_page: Page) -> Page:
    """The contract page with ``Kakao.init(APP_KEY)`` done."""
    js_ok(sdk_page, "Kakao.init(arg)", APP_KEY)
    return sdk_page


@pytest.fixture
def mobile_ua() -> str:
    return IPHONE_UA


@pytest.fixture
def mobile_context(guarded_context, kakao: FakeKakao, site_url: str, mobile_ua: str) -> Iterator[BrowserContext]:
    """A context with a phone's user agent (iPhone unless ``mobile_ua`` is overridden), guarded and
    faked like the ``context`` fixture (conftest's ``guarded_context``)."""
    context = guarded_context(
        user_agent=mobile_ua, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    serve_sdk_page(context, kakao, site_url)
    yield context
    settle(context)


@pytest.fixture
def mobile_page(mobile_context: BrowserContext, site_url: str) -> Page:
    page = open_sdk_page(mobile_context, site_url)
    js_ok(page, "Kakao.init(arg)", APP_KEY)
    return page
