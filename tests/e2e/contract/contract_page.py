"""The contract page: a plain page on the site's origin that loads the SDK as served by the fakes,
and the means to call ``Kakao.*`` in it from a test and read the outcome.

The SDK is loaded with a ``<script>`` element and the served file's SRI hash, as a production page
does (``?sri=wrong`` gives a valid-looking hash of other bytes; ``?async=1`` defines
``window.kakaoAsyncInit`` first). ``window.__opens`` counts popups without blocking them.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from kakao_fakes import FakeKakao
from playwright.sync_api import BrowserContext, Page
from playwright.sync_api import Error as PlaywrightError

APP_KEY = "test-app-key-0123456789abcdef"
SDK_PAGE = "/__sdk__.html"
ANDROID_UA = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Mobile Safari/537.36"
)
IPHONE_UA = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)


def _page_html(kakao: FakeKakao, query: dict[str, list[str]]) -> str:
    integrity = kakao.integrity
    if "sri" in query:  # a valid-looking hash of other bytes
        integrity = "sha384-" + base64.b64encode(hashlib.sha384(b"not the sdk").digest()).decode()
    async_init = (
        "<script>window.__asyncInitCalls = 0;"
        "window.kakaoAsyncInit = function () { window.__asyncInitCalls += 1;"
        " window.__asyncInitSawKakao = typeof window.Kakao === 'object'; };</script>"
        if "async" in query
        else ""
    )
    script = (
        f'<script src="{kakao.sdk_url}" integrity="{integrity}" crossorigin="anonymous"'
        ' onerror="window.__sdkLoadError = true"></script>'
    )
    return _PAGE.replace("<!--ASYNC-->", async_init).replace("<!--SDK-->", script)


_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>SDK contract</title>
<script>window.__sdkLoadError = false; window.__parentClicks = 0; window.__opens = 0;</script>
<!--ASYNC-->
<!--SDK-->
</head><body>
<div id="parent"><a id="btn" href="#clicked">Share</a> <button id="btn2" type="button">Share 2</button></div>
<script>
document.getElementById('parent').addEventListener('click', function () { window.__parentClicks += 1; });
// Count popups without blocking them (a boundary observation: a desktop share opens one window).
(function () {
  var open = window.open;
  window.open = function () { window.__opens += 1; return open.apply(window, arguments); };
})();
</script>
</body></html>"""


def serve_sdk_page(context: BrowserContext, kakao: FakeKakao, site_url: str) -> None:
    def handle(route):
        query = parse_qs(urlsplit(route.request.url).query, keep_blank_values=True)
        route.fulfill(status=200, content_type="text/html; charset=utf-8", body=_page_html(kakao, query))

    context.route(f"{site_url}{SDK_PAGE}*", handle)


def open_sdk_page(context: BrowserContext, site_url: str, query: str = "") -> Page:
    page = context.new_page()
    page.goto(f"{site_url}{SDK_PAGE}{query}")
    return page


_CALL = """async ([code, arg]) => {
  try {
    const AsyncFunction = (async () => {}).constructor;
    const value = await (new AsyncFunction('arg', code))(arg);
    return {ok: true, value: value === undefined ? null : value};
  } catch (e) {
    if (e instanceof Error) {
      return {ok: false, error: true, name: e.name, message: e.message,
              ctor: e.constructor && e.constructor.name};
    }
    return {ok: false, error: false, value: e === undefined ? null : e};
  }
}"""


def js(page: Page, code: str, arg: Any = None) -> dict[str, Any]:
    """Run ``code`` (a function body; ``arg`` is bound) in the page; the outcome as a dict."""
    return page.evaluate(_CALL, [code, arg])


def js_ok(page: Page, code: str, arg: Any = None) -> Any:
    outcome = js(page, code, arg)
    assert outcome["ok"], f"expected success, got {outcome}"
    return outcome["value"]


def js_raises(page: Page, code: str, arg: Any = None) -> dict[str, Any]:
    outcome = js(page, code, arg)
    assert not outcome["ok"], f"expected an exception, got {outcome}"
    return outcome


def version_of(page: Page) -> tuple[int, ...]:
    return tuple(int(x) for x in re.findall(r"\d+", page.evaluate("Kakao.VERSION"))[:3])


def require_version(page: Page, minimum: str | None = None, below: str | None = None) -> None:
    have = version_of(page)
    shown = page.evaluate("Kakao.VERSION")
    if minimum and have < tuple(int(x) for x in minimum.split(".")):
        pytest.skip(f"needs SDK >= {minimum}; loaded Kakao.VERSION is {shown}")
    if below and have >= tuple(int(x) for x in below.split(".")):
        pytest.skip(f"needs SDK < {below}; loaded Kakao.VERSION is {shown}")


def expected_ka(page: Page) -> str:
    return page.evaluate(
        """() => 'sdk/' + Kakao.VERSION + ' os/javascript sdk_type/javascript lang/' + navigator.language
              + ' device/' + navigator.platform.replace(/ /g, '_')
              + ' origin/' + encodeURIComponent(location.protocol + '//' + location.host)"""
    )


def compact(value: Any) -> str:
    """JSON as ``JSON.stringify`` writes it."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def assert_nothing_sent(page: Page, kakao: FakeKakao) -> None:
    assert page.evaluate("window.__opens") == 0, "a popup was opened"
    kakao.pump(page, 50)
    assert kakao.sharer_requests == [], kakao.sharer_requests
    assert kakao.kapi_requests == [], kakao.kapi_requests


def settle(context: BrowserContext) -> None:
    """Let popups and navigations commit before the guard inspects the pages' content."""
    for page in context.pages:
        try:
            if page.url == "about:blank" and page.opener() is not None:
                page.wait_for_url(lambda url: url != "about:blank", timeout=2_000)
            page.wait_for_load_state("load", timeout=2_000)
        except PlaywrightError:
            pass


def versioned_share_page(context: BrowserContext, kakao: FakeKakao, site_url: str, version: str) -> Page:
    """An initialised contract page loading the SDK from ``version``'s URL (the double reports that
    version; a real build is served at its own version's URL only, and the tests branch on ``Kakao.VERSION``)."""
    kakao.version = kakao.served_version(version)
    page = open_sdk_page(context, site_url)
    js_ok(page, "Kakao.init(arg)", APP_KEY)
    return page
