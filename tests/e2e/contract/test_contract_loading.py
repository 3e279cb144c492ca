"""Loading the SDK and ``Kakao.init``: the globals, SRI, ``kakaoAsyncInit``, init errors; nothing is sent."""

from __future__ import annotations

import re

import pytest
from contract_page import (
    APP_KEY,
    js_ok,
    js_raises,
    open_sdk_page,
)
from kakao_fakes import (
    FakeKakao,
    using_real_sdk,
)
from playwright.sync_api import BrowserContext, Page


def test_loading_defines_the_globals_and_sends_nothing(sdk_page: Page, kakao: FakeKakao) -> None:
    shape = sdk_page.evaluate(
        """() => ({version: Kakao.VERSION, init: typeof Kakao.init, isInitialized: typeof Kakao.isInitialized,
                   cleanup: typeof Kakao.cleanup, share: typeof Kakao.Share, initialized: Kakao.isInitialized(),
                   loadError: window.__sdkLoadError})"""
    )
    assert re.fullmatch(r"\d+\.\d+\.\d+", shape["version"]), shape
    assert shape == {
        **shape,
        "init": "function",
        "isInitialized": "function",
        "cleanup": "function",
        "share": "undefined",
        "initialized": False,
        "loadError": False,
    }
    assert kakao.sdk_requests == [kakao.sdk_url]
    kakao.pump(sdk_page, 50)
    assert (kakao.sharer_requests, kakao.kapi_requests, kakao.app_links) == ([], [], [])


@pytest.mark.skipif(using_real_sdk(), reason="the double's feature: a real build reports its own version")
def test_the_double_reports_the_version_in_its_url(
    sdk_context: BrowserContext, kakao: FakeKakao, site_url: str
) -> None:
    for version in ("2.7.1", "2.8.3", "2.2.0"):
        kakao.version = version
        page = open_sdk_page(sdk_context, site_url)
        assert page.evaluate("Kakao.VERSION") == version
        page.close()


def test_a_wrong_integrity_hash_blocks_the_sdk(sdk_context: BrowserContext, site_url: str) -> None:
    page = open_sdk_page(sdk_context, site_url, "?sri=wrong")
    assert page.evaluate("typeof window.Kakao") == "undefined"
    assert page.evaluate("window.__sdkLoadError") is True


def test_kakao_async_init_is_called_on_load(sdk_context: BrowserContext, site_url: str) -> None:
    page = open_sdk_page(sdk_context, site_url, "?async=1")
    page.wait_for_function("window.__asyncInitCalls > 0", timeout=5_000)
    assert page.evaluate("[window.__asyncInitCalls, window.__asyncInitSawKakao]") == [1, True]


def test_init_errors_and_cleanup(sdk_page: Page, kakao: FakeKakao) -> None:
    for bad in (None, 12345, {"key": APP_KEY}):
        error = js_raises(sdk_page, "Kakao.init(arg)", bad)
        assert (error["name"], error["message"]) == ("KakaoError", "Kakao.init: App key must be provided")
    error = js_raises(sdk_page, "Kakao.init()")
    assert error["message"] == "Kakao.init: App key must be provided"
    assert sdk_page.evaluate("Kakao.isInitialized()") is False

    js_ok(sdk_page, "Kakao.init(arg)", APP_KEY)
    assert sdk_page.evaluate("[Kakao.isInitialized(), typeof Kakao.Share]") == [True, "object"]
    error = js_raises(sdk_page, "Kakao.init(arg)", APP_KEY)
    assert (error["name"], error["message"]) == ("KakaoError", "Kakao.init: Already initialized")

    js_ok(sdk_page, "Kakao.cleanup()")
    assert sdk_page.evaluate("Kakao.isInitialized()") is False
    js_ok(sdk_page, "Kakao.init(arg)", "another-key")  # the format is not checked
    assert sdk_page.evaluate("Kakao.isInitialized()") is True
    kakao.pump(sdk_page, 50)
    assert (kakao.sharer_requests, kakao.kapi_requests) == ([], []), "init and cleanup call nothing"
