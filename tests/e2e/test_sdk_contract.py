"""The SDK contract: plain JavaScript calls ``Kakao.*`` in a page on the site's origin, and the tests
assert on what crosses the network boundary and on the errors thrown.

These tests hold the SDK double honest. They assert only facts from the specification
(``shared/kakao-share-spec.md``, sections 1-4), so they must pass unchanged against a real SDK build::

    KAKAO_SDK_FILE=/path/to/kakao.min.js .venv/bin/python -m pytest tests/e2e/test_sdk_contract.py

Facts that depend on the SDK version skip with a reason based on ``Kakao.VERSION``. The few tests that
check the double itself (it reports the version the test asks for; its key-order rule for unusual input)
say so and skip on a real build.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from kakao_fakes import (
    ANDROID_APP_LINK_PREFIX,
    APP_LINK_PREFIX,
    SHARER_URL,
    FakeKakao,
    KapiRequest,
    parse_multipart,
    using_real_sdk,
)
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
OBJECT_TYPE_ERROR = "objectType should be one of (feed, list, commerce, location, calendar, text)"
SIZE_LIMIT_ERROR = "Failed to send message because it exceeds the message size limit"


# --------------------------------------------------------------------------------------------------
# The page under test and helpers
# --------------------------------------------------------------------------------------------------


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


# --------------------------------------------------------------------------------------------------
# Fixtures
# --------------------------------------------------------------------------------------------------


def settle(context: BrowserContext) -> None:
    """Let popups and navigations commit before the guard inspects the pages' content."""
    for page in context.pages:
        try:
            if page.url == "about:blank" and page.opener() is not None:
                page.wait_for_url(lambda url: url != "about:blank", timeout=2_000)
            page.wait_for_load_state("load", timeout=2_000)
        except PlaywrightError:
            pass


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


# --------------------------------------------------------------------------------------------------
# Templates used below (keys in the documented order) and their exact template_object
# --------------------------------------------------------------------------------------------------

LINK = {"webUrl": "https://example.com/page", "mobileWebUrl": "https://m.example.com/page"}
SNAKE_LINK = {"web_url": "https://example.com/page", "mobile_web_url": "https://m.example.com/page"}
CONTENT = {
    "title": "Strawberry cheesecake",
    "description": "#cake #strawberry",
    "imageUrl": "https://example.com/cake.png",
    "imageWidth": 640,
    "imageHeight": 480,
    "link": LINK,
}
SNAKE_CONTENT = {
    "title": "Strawberry cheesecake",
    "description": "#cake #strawberry",
    "image_url": "https://example.com/cake.png",
    "image_width": 640,
    "image_height": 480,
    "link": SNAKE_LINK,
}
BUTTONS = [
    {"title": "Open on the web", "link": LINK},
    {"title": "Open the app", "link": {"androidExecutionParams": "key1=value1", "iosExecutionParams": "key1=value1"}},
]
SNAKE_BUTTONS = [
    {"title": "Open on the web", "link": SNAKE_LINK},
    {
        "title": "Open the app",
        "link": {"android_execution_params": "key1=value1", "ios_execution_params": "key1=value1"},
    },
]
SOCIAL = {"likeCount": 286, "commentCount": 45, "sharedCount": 845, "viewCount": 1000, "subscriberCount": 7}
SNAKE_SOCIAL = {"like_count": 286, "comment_count": 45, "shared_count": 845, "view_count": 1000, "subscriber_count": 7}

TEMPLATES: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {
    "feed": (
        {
            "objectType": "feed",
            "content": CONTENT,
            "itemContent": {
                "profileText": "Kakao",
                "profileImageUrl": "https://example.com/profile.png",
                "titleImageUrl": "https://example.com/title.png",
                "titleImageText": "Cheesecake",
                "titleImageCategory": "Cake",
                "items": [{"item": "Cake1", "itemOp": "1000원"}, {"item": "Cake2", "itemOp": "2000원"}],
                "sum": "Total",
                "sumOp": "3000원",
            },
            "social": SOCIAL,
            "buttonTitle": "See more",
            "buttons": BUTTONS,
        },
        {
            "object_type": "feed",
            "button_title": "See more",
            "content": SNAKE_CONTENT,
            "item_content": {
                "profile_text": "Kakao",
                "profile_image_url": "https://example.com/profile.png",
                "title_image_url": "https://example.com/title.png",
                "title_image_text": "Cheesecake",
                "title_image_category": "Cake",
                "items": [{"item": "Cake1", "item_op": "1000원"}, {"item": "Cake2", "item_op": "2000원"}],
                "sum": "Total",
                "sum_op": "3000원",
            },
            "social": SNAKE_SOCIAL,
            "buttons": SNAKE_BUTTONS,
        },
    ),
    "list": (
        {
            "objectType": "list",
            "headerTitle": "Weekly picks",
            "headerLink": LINK,
            "contents": [CONTENT, {**CONTENT, "title": "Second"}],
            "buttonTitle": "All picks",
            "buttons": BUTTONS[:1],
        },
        {
            "object_type": "list",
            "button_title": "All picks",
            "header_link": SNAKE_LINK,
            "contents": [SNAKE_CONTENT, {**SNAKE_CONTENT, "title": "Second"}],
            "buttons": SNAKE_BUTTONS[:1],
            "header_title": "Weekly picks",
        },
    ),
    "commerce": (
        {
            "objectType": "commerce",
            "content": CONTENT,
            "commerce": {
                "productName": "Cheesecake",
                "regularPrice": 20000,
                "discountPrice": 15000,
                "discountRate": 25,
                "currencyUnit": "₩",
                "currencyUnitPosition": 1,
            },
            "buttonTitle": "Buy",
            "buttons": BUTTONS,
        },
        {
            "object_type": "commerce",
            "button_title": "Buy",
            "content": SNAKE_CONTENT,
            "commerce": {
                "product_name": "Cheesecake",
                "regular_price": 20000,
                "discount_price": 15000,
                "discount_rate": 25,
                "currency_unit": "₩",
                "currency_unit_position": 1,
            },
            "buttons": SNAKE_BUTTONS,
        },
    ),
    "location": (
        {
            "objectType": "location",
            "content": CONTENT,
            "address": "166 Pangyoyeok-ro, Bundang-gu, Seongnam-si",
            "addressTitle": "Kakao Pangyo office",
            "social": SOCIAL,
            "buttonTitle": "Directions",
            "buttons": BUTTONS[:1],
        },
        {
            "object_type": "location",
            "button_title": "Directions",
            "content": SNAKE_CONTENT,
            "social": SNAKE_SOCIAL,
            "buttons": SNAKE_BUTTONS[:1],
            "address": "166 Pangyoyeok-ro, Bundang-gu, Seongnam-si",
            "address_title": "Kakao Pangyo office",
        },
    ),
    "location-without-address-title": (
        {"objectType": "location", "content": CONTENT, "address": "Seongnam-si"},
        {"object_type": "location", "content": SNAKE_CONTENT, "address": "Seongnam-si", "address_title": ""},
    ),
    "calendar": (
        {"objectType": "calendar", "idType": "event", "id": "evt-1", "content": CONTENT, "buttons": BUTTONS[:1]},
        {
            "object_type": "calendar",
            "content": SNAKE_CONTENT,
            "buttons": SNAKE_BUTTONS[:1],
            "id_type": "event",
            "id": "evt-1",
        },
    ),
    "text": (  # the specification's own example
        {"objectType": "text", "text": "hello", "link": {"webUrl": "https://example.com"}, "buttonTitle": "go"},
        {"object_type": "text", "button_title": "go", "link": {"web_url": "https://example.com"}, "text": "hello"},
    ),
}
TEXT = TEMPLATES["text"][0]


# --------------------------------------------------------------------------------------------------
# Loading and initialising
# --------------------------------------------------------------------------------------------------


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
    for version in ("2.7.1", "2.8.0", "2.2.0"):
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


# --------------------------------------------------------------------------------------------------
# Desktop shares: popup + form POST
# --------------------------------------------------------------------------------------------------


def test_send_default_posts_the_form_into_the_sharer_popup(share_page: Page, kakao: FakeKakao) -> None:
    with share_page.context.expect_page() as popup_info:
        js_ok(share_page, "Kakao.Share.sendDefault(arg)", TEXT)
    popup = popup_info.value
    share = kakao.wait_for_share(share_page)

    assert share.method == "POST"
    assert share.url == SHARER_URL
    assert share.headers["content-type"].startswith("application/x-www-form-urlencoded")
    assert share.field_names == ["app_key", "ka", "validation_action", "validation_params"]
    assert share.app_key == APP_KEY
    assert share.ka == expected_ka(share_page)
    assert share.validation_action == "default"
    assert share.validation_params_raw == (
        '{"link_ver":"4.0","template_object":{"object_type":"text","button_title":"go",'
        '"link":{"web_url":"https://example.com"},"text":"hello"}}'
    )
    popup.wait_for_load_state()
    assert popup.evaluate("window.name") == "sharer"
    assert popup.url == SHARER_URL
    assert share_page.evaluate("window.__opens") == 1


@pytest.mark.parametrize("name", list(TEMPLATES))
def test_template_object_for_every_default_type(share_page: Page, kakao: FakeKakao, name: str) -> None:
    settings, template_object = TEMPLATES[name]
    js_ok(share_page, "Kakao.Share.sendDefault(arg)", settings)
    share = kakao.wait_for_share(share_page)
    assert share.validation_action == "default"
    assert share.validation_params_raw == compact({"link_ver": "4.0", "template_object": template_object})


def test_utf8_text_crosses_unchanged(share_page: Page, kakao: FakeKakao) -> None:
    text = '안녕하세요 👋 "quotes" & ampersands + plus = equals\\back\u2028sep'
    js_ok(share_page, "Kakao.Share.sendDefault(arg)", {**TEXT, "text": text})
    share = kakao.wait_for_share(share_page)
    assert share.template_object["text"] == text
    assert share.validation_params_raw == share_page.evaluate(
        "t => JSON.stringify({link_ver: '4.0', template_object: {object_type: 'text', button_title: 'go',"
        " link: {web_url: 'https://example.com'}, text: t}})",
        text,
    )


@pytest.mark.parametrize(
    ("args", "lcba"),
    [
        ({"order": "42", "user": "kim"}, '{"order":"42","user":"kim"}'),
        ('{"raw": "string as given"}', '{"raw": "string as given"}'),
    ],
    ids=["object", "string"],
)
def test_server_callback_args_become_lcba_and_options_stay_home(
    share_page: Page, kakao: FakeKakao, args, lcba: str
) -> None:
    settings = {
        **TEXT,
        "serverCallbackArgs": args,
        "installTalk": True,
        "throughTalk": False,
        "extras": {"campaign": "spring"},
    }
    js_ok(share_page, "Kakao.Share.sendDefault(arg)", settings)
    share = kakao.wait_for_share(share_page)
    assert share.field_names == ["app_key", "ka", "validation_action", "validation_params", "lcba"]
    assert share.lcba == lcba
    assert "spring" not in share.body.decode()  # extras are not sent on this path


def test_defaults_are_written_into_the_callers_object(share_page: Page, kakao: FakeKakao) -> None:
    after = js_ok(share_page, "const s = arg; Kakao.Share.sendDefault(s); return s", TEXT)
    assert after["installTalk"] is False
    assert after["throughTalk"] is True
    kakao.wait_for_share(share_page)


def test_send_custom(share_page: Page, kakao: FakeKakao) -> None:
    js_ok(
        share_page,
        "Kakao.Share.sendCustom(arg)",
        {
            "templateId": 12345,
            "templateArgs": {"title": "제목", "imagePath": "/a.png"},
            "serverCallbackArgs": {"k": "v"},
        },
    )
    share = kakao.wait_for_share(share_page)
    assert share.field_names == ["app_key", "ka", "validation_action", "validation_params", "lcba"]
    assert share.validation_action == "custom"
    assert share.validation_params_raw == (
        '{"link_ver":"4.0","template_id":12345,"template_args":{"title":"제목","imagePath":"/a.png"}}'
    )
    assert share.lcba == '{"k":"v"}'


@pytest.mark.parametrize(
    ("settings", "params"),
    [
        (
            {"requestUrl": "https://example.com/article"},
            '{"link_ver":"4.0","request_url":"https://example.com/article","template_args":{}}',
        ),
        (
            {"requestUrl": "https://example.com/article", "templateId": 777, "templateArgs": {"a": "b"}},
            '{"link_ver":"4.0","request_url":"https://example.com/article","template_id":777,"template_args":{"a":"b"}}',
        ),
    ],
    ids=["url-only", "with-template"],
)
def test_send_scrap(share_page: Page, kakao: FakeKakao, settings, params: str) -> None:
    js_ok(share_page, "Kakao.Share.sendScrap(arg)", settings)
    share = kakao.wait_for_share(share_page)
    assert share.field_names == ["app_key", "ka", "validation_action", "validation_params"]
    assert share.validation_action == "scrap"
    assert share.validation_params_raw == params


def test_a_second_share_closes_the_previous_popup(share_page: Page, kakao: FakeKakao) -> None:
    context = share_page.context
    with context.expect_page() as first_info:
        js_ok(share_page, "Kakao.Share.sendDefault(arg)", TEXT)
    first = first_info.value
    kakao.wait_for_share(share_page)
    first.wait_for_load_state()  # (closing a popup in mid-navigation is up to Chromium's timing)
    with context.expect_page() as second_info:
        js_ok(share_page, "Kakao.Share.sendDefault(arg)", {**TEXT, "text": "second"})
    second = second_info.value
    share = kakao.wait_for_share(share_page)
    assert share.template_object["text"] == "second"
    kakao.wait_for(share_page, first.is_closed, what="the first popup to close")
    assert not second.is_closed()


def test_a_blocked_popup_throws_type_error_and_sends_nothing(share_page: Page, kakao: FakeKakao) -> None:
    share_page.evaluate("() => { window.open = function () { window.__opens += 1; return null; }; }")
    error = js_raises(share_page, "Kakao.Share.sendDefault(arg)", TEXT)
    assert error["name"] == "TypeError", error
    assert share_page.evaluate("window.__opens") == 1
    kakao.pump(share_page, 100)
    assert kakao.sharer_requests == []
    assert len(share_page.context.pages) == 1


# --------------------------------------------------------------------------------------------------
# Validation: synchronous, spec messages, nothing sent
# --------------------------------------------------------------------------------------------------

CONTENT_NO_LINK = {"title": "t", "imageUrl": "https://example.com/i.png"}
ERRORS = [
    # (id, function, settings, error name, message)
    ("null", "sendDefault", None, "KakaoError", OBJECT_TYPE_ERROR),
    ("string", "sendDefault", "text", "KakaoError", OBJECT_TYPE_ERROR),
    ("unknown-type", "sendDefault", {"objectType": "video"}, "KakaoError", OBJECT_TYPE_ERROR),
    (
        "missing-link",
        "sendDefault",
        {"objectType": "text", "text": "hi"},
        "KakaoError",
        "Missing required keys: link at Share.sendDefault",
    ),
    (
        "unknown-key",
        "sendDefault",
        {**TEXT, "color": "red"},
        "KakaoError",
        "Invalid parameter keys: color at Share.sendDefault",
    ),
    (
        "button-title-type",
        "sendDefault",
        {**TEXT, "buttonTitle": 5},
        "KakaoError",
        'Illegal argument for "buttonTitle" in Share.sendDefault',
    ),
    (
        "install-talk-type",
        "sendDefault",
        {**TEXT, "installTalk": "yes"},
        "KakaoError",
        'Illegal argument for "installTalk" in Share.sendDefault',
    ),
    (
        "content-without-link",
        "sendDefault",
        {"objectType": "feed", "content": CONTENT_NO_LINK},
        "KakaoError",
        'Missing required keys: link at parameter "content" in defaultObject',
    ),
    (
        "image-width-float",
        "sendDefault",
        {"objectType": "feed", "content": {**CONTENT, "imageWidth": 1.5}},
        "KakaoError",
        'Illegal argument for "imageWidth" in parameter "content" in defaultObject',
    ),
    (
        "image-width-string",
        "sendDefault",
        {"objectType": "feed", "content": {**CONTENT, "imageWidth": "1"}},
        "KakaoError",
        'Illegal argument for "imageWidth" in parameter "content" in defaultObject',
    ),
    (
        "link-unknown-key",
        "sendDefault",
        {**TEXT, "link": {"url": "https://example.com"}},
        "KakaoError",
        'Invalid parameter keys: url at parameter "link" in Share',
    ),
    ("link-as-string", "sendDefault", {**TEXT, "link": "https://example.com"}, "Error", "params should be an Object"),
    (
        "three-buttons",
        "sendDefault",
        {**TEXT, "buttons": BUTTONS + BUTTONS[:1]},
        "KakaoError",
        'Illegal argument for "buttons" in Share: size of buttons should be up to 2',
    ),
    (
        "one-list-item",
        "sendDefault",
        {**TEMPLATES["list"][0], "contents": [CONTENT]},
        "KakaoError",
        'Illegal argument for "contents" in Share: size of contents should be more than 1 and up to 3',
    ),
    (
        "four-list-items",
        "sendDefault",
        {**TEMPLATES["list"][0], "contents": [CONTENT] * 4},
        "KakaoError",
        'Illegal argument for "contents" in Share: size of contents should be more than 1 and up to 3',
    ),
    (
        "calendar-button-title",
        "sendDefault",
        {**TEMPLATES["calendar"][0], "buttonTitle": "x"},
        "KakaoError",
        "Invalid parameter keys: buttonTitle at Share.sendDefault",
    ),
    (
        "custom-without-id",
        "sendCustom",
        {"templateArgs": {"a": "b"}},
        "KakaoError",
        "Missing required keys: templateId at Share.sendCustom",
    ),
    (
        "custom-float-id",
        "sendCustom",
        {"templateId": 1.5},
        "KakaoError",
        'Illegal argument for "templateId" in Share.sendCustom',
    ),
    (
        "custom-string-id",
        "sendCustom",
        {"templateId": "1"},
        "KakaoError",
        'Illegal argument for "templateId" in Share.sendCustom',
    ),
    (
        "scrap-without-url",
        "sendScrap",
        {"templateId": 1},
        "KakaoError",
        "Missing required keys: requestUrl at Share.sendScrap",
    ),
    (
        "button-without-container",
        "createDefaultButton",
        TEXT,
        "KakaoError",
        "Missing required keys: container at Share.createDefaultButton",
    ),
    (
        "container-not-found",
        "createDefaultButton",
        {**TEXT, "container": "#no-such-element"},
        "KakaoError",
        "container is required for KakaoTalk sharing: pass in element or id",
    ),
]


@pytest.mark.parametrize(
    ("function", "settings", "name", "message"), [e[1:] for e in ERRORS], ids=[e[0] for e in ERRORS]
)
def test_validation_errors(
    share_page: Page, kakao: FakeKakao, function: str, settings, name: str, message: str
) -> None:
    error = js_raises(share_page, f"Kakao.Share.{function}(arg)", settings)
    assert error["error"], error
    assert (error["name"], error["message"]) == (name, message)
    assert_nothing_sent(share_page, kakao)


def versioned_share_page(context: BrowserContext, kakao: FakeKakao, site_url: str, version: str) -> Page:
    """An initialised contract page loading the SDK from ``version``'s URL (the double reports that
    version; a real build reports its own, and the tests branch on ``Kakao.VERSION``)."""
    kakao.version = version
    page = open_sdk_page(context, site_url)
    js_ok(page, "Kakao.init(arg)", APP_KEY)
    return page


@pytest.mark.parametrize("version", ["2.8.0", "2.6.0"])
def test_content_title_and_image_are_required_before_2_7(
    sdk_context: BrowserContext, kakao: FakeKakao, site_url: str, version: str
) -> None:
    page = versioned_share_page(sdk_context, kakao, site_url, version)
    settings = {"objectType": "feed", "content": {"link": LINK}}
    if version_of(page) >= (2, 7, 0):
        js_ok(page, "Kakao.Share.sendDefault(arg)", settings)
        assert kakao.wait_for_share(page).template_object == {"object_type": "feed", "content": {"link": SNAKE_LINK}}
    else:
        error = js_raises(page, "Kakao.Share.sendDefault(arg)", settings)
        assert error["name"] == "KakaoError"
        assert error["message"].startswith("Missing required keys: ")
        assert {"title", "imageUrl"} <= set(re.split(r"[ ,]", error["message"]))
        assert_nothing_sent(page, kakao)


@pytest.mark.parametrize("version", ["2.8.0", "2.6.0"])
def test_callback_is_rejected_from_2_7(
    sdk_context: BrowserContext, kakao: FakeKakao, site_url: str, version: str
) -> None:
    page = versioned_share_page(sdk_context, kakao, site_url, version)
    code = "arg.callback = function () {}; Kakao.Share.sendDefault(arg)"
    if version_of(page) >= (2, 7, 0):
        error = js_raises(page, code, TEXT)
        assert error["name"] == "KakaoError", error
        assert "callback" in error["message"]
        assert_nothing_sent(page, kakao)
    else:  # accepted (deprecated) by 2.2-2.6, and not sent
        js_ok(page, code, TEXT)
        assert kakao.wait_for_share(page).field_names == ["app_key", "ka", "validation_action", "validation_params"]


@pytest.mark.parametrize("version", ["2.8.0", "2.7.1"])
def test_picker_settings_need_2_8_0(sdk_context: BrowserContext, kakao: FakeKakao, site_url: str, version: str) -> None:
    page = versioned_share_page(sdk_context, kakao, site_url, version)
    settings = {**TEXT, "pickerSettings": {"type": "friend", "limit": 5}}
    if version_of(page) >= (2, 8, 0):
        js_ok(page, "Kakao.Share.sendDefault(arg)", settings)
        share = kakao.wait_for_share(page)
        assert share.validation_action == "default"
        if not using_real_sdk():  # how 2.8.0 sends them is undocumented: this is the double's choice
            assert "picker" not in share.validation_params_raw.lower(), "not part of validation_params"
            assert share.scheme_params == {"list": "friend", "limit": 5}
            js_ok(page, "Kakao.Share.sendDefault(arg)", TEXT)
            assert "scheme_params" not in kakao.wait_for_share(page).field_names, "sent only when set"
    else:
        error = js_raises(page, "Kakao.Share.sendDefault(arg)", settings)
        assert error["name"] == "KakaoError", error
        assert "pickerSettings" in error["message"]
        assert_nothing_sent(page, kakao)


@pytest.mark.skipif(using_real_sdk(), reason="the double's documented rule for keys out of the usual order")
def test_the_double_keeps_the_callers_key_order(share_page: Page, kakao: FakeKakao) -> None:
    settings = {
        "buttons": BUTTONS[:1],
        "social": SOCIAL,
        "objectType": "feed",
        "buttonTitle": "b",
        "content": {"link": LINK, "title": "t", "imageUrl": "https://example.com/i.png"},
    }
    js_ok(share_page, "Kakao.Share.sendDefault(arg)", settings)
    share = kakao.wait_for_share(share_page)
    assert list(share.template_object) == ["object_type", "button_title", "buttons", "social", "content"]
    assert list(share.template_object["content"]) == ["link", "title", "image_url"]
    js_ok(
        share_page,
        "Kakao.Share.sendDefault(arg)",
        {"text": "t", "objectType": "text", "link": LINK, "pickerSettings": {"type": "chat", "limit": 3}},
    )
    share = kakao.wait_for_share(share_page)
    assert list(share.template_object) == ["object_type", "link", "text"]
    assert share.field_names[-1] == "scheme_params"
    assert share.scheme_params == {"list": "chat", "limit": 3}


# --------------------------------------------------------------------------------------------------
# create*Button and cleanup
# --------------------------------------------------------------------------------------------------


def test_a_button_click_shares_once_and_stops_the_event(share_page: Page, kakao: FakeKakao) -> None:
    js_ok(share_page, "Kakao.Share.createDefaultButton(Object.assign({container: '#btn'}, arg))", TEXT)
    assert_nothing_sent(share_page, kakao)  # creating a button sends nothing
    share_page.click("#btn")
    share = kakao.wait_for_share(share_page)
    assert share.validation_action == "default"
    assert share.template_object == TEMPLATES["text"][1]
    kakao.expect_no_share(share_page, within_ms=200)
    assert share_page.evaluate("[location.hash, window.__parentClicks, window.__opens]") == ["", 0, 1]


def test_buttons_take_an_element_and_send_their_kind(share_page: Page, kakao: FakeKakao) -> None:
    js_ok(
        share_page,
        "arg.container = document.getElementById('btn2'); Kakao.Share.createCustomButton(arg)",
        {"templateId": 42, "templateArgs": {"x": "y"}},
    )
    js_ok(
        share_page,
        "Kakao.Share.createScrapButton(Object.assign({container: '#btn'}, arg))",
        {"requestUrl": "https://example.com/a"},
    )
    share_page.click("#btn2")
    share = kakao.wait_for_share(share_page)
    assert share.validation_action == "custom"
    assert share.validation_params == {"link_ver": "4.0", "template_id": 42, "template_args": {"x": "y"}}
    share_page.click("#btn")
    share = kakao.wait_for_share(share_page)
    assert share.validation_action == "scrap"
    assert share.validation_params["request_url"] == "https://example.com/a"


def test_two_buttons_on_one_element_send_twice(share_page: Page, kakao: FakeKakao) -> None:
    for text in ("one", "two"):
        js_ok(
            share_page,
            "Kakao.Share.createDefaultButton(Object.assign({container: '#btn'}, arg))",
            {**TEXT, "text": text},
        )
    share_page.click("#btn")
    assert share_page.evaluate("window.__opens") == 2
    shares = kakao.wait_for_shares(share_page, 1)
    kakao.pump(share_page, 200)
    assert [s.template_object["text"] for s in kakao.shares][-1] == "two"
    assert len(shares) >= 1


def test_share_cleanup_removes_the_listeners(share_page: Page, kakao: FakeKakao) -> None:
    js_ok(share_page, "Kakao.Share.createDefaultButton(Object.assign({container: '#btn'}, arg))", TEXT)
    js_ok(share_page, "Kakao.Share.createCustomButton({container: '#btn2', templateId: 1})")
    js_ok(share_page, "Kakao.Share.cleanup()")
    share_page.click("#btn")
    share_page.click("#btn2")
    assert share_page.evaluate("[location.hash, window.__parentClicks, window.__opens]") == ["#clicked", 2, 0]
    kakao.expect_no_share(share_page, within_ms=200)


# --------------------------------------------------------------------------------------------------
# Images
# --------------------------------------------------------------------------------------------------

PNG_1x1 = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)
_MAKE_FILES = """
  const png = Uint8Array.from(atob(arg.png), c => c.charCodeAt(0));
  const files = [new File([png], 'pixel.png', {type: 'image/png'}),
                 new File(['second file\\r\\n--not-a-boundary'], '두번째.txt', {type: 'text/plain'})];
"""


def assert_kapi_headers(page: Page, request: KapiRequest) -> None:
    assert request.authorization == f"KakaoAK {APP_KEY}"
    assert request.ka == expected_ka(page)


@pytest.mark.parametrize("container", ["FileList", "Array"])
def test_upload_image_sends_one_file_part_per_file(share_page: Page, kakao: FakeKakao, container: str) -> None:
    code = (
        _MAKE_FILES
        + (
            "const dt = new DataTransfer(); files.forEach(f => dt.items.add(f)); const list = dt.files;"
            if container == "FileList"
            else "const list = files;"
        )
        + "return await Kakao.Share.uploadImage({file: list});"
    )
    result = js_ok(share_page, code, {"png": base64.b64encode(PNG_1x1).decode()})
    upload = kakao.wait_for_kapi(share_page, "upload")
    assert (upload.method, upload.url) == ("POST", "https://kapi.kakao.com/v2/api/talk/message/image/upload")
    assert upload.content_type.startswith("multipart/form-data; boundary=")
    assert_kapi_headers(share_page, upload)
    files = upload.file_parts
    assert [(p.filename, p.content_type, p.data) for p in files] == [
        ("pixel.png", "image/png", PNG_1x1),
        ("두번째.txt", "text/plain", b"second file\r\n--not-a-boundary"),
    ]
    original = result["infos"]["original"]
    assert set(original) == {"url", "content_type", "length", "width", "height"}
    if not using_real_sdk():
        assert original == {**original, "content_type": "image/png", "length": len(PNG_1x1), "width": 1, "height": 1}


def test_upload_image_with_a_single_file_sends_an_empty_body(share_page: Page, kakao: FakeKakao) -> None:
    outcome = js(
        share_page,
        _MAKE_FILES + "return await Kakao.Share.uploadImage({file: files[0]});",
        {"png": base64.b64encode(PNG_1x1).decode()},
    )
    upload = kakao.wait_for_kapi(share_page, "upload")
    assert upload.parts == ()
    assert not outcome["ok"], "the fake answers an upload without a file with an error"


def test_upload_image_rejects_with_kakaos_error_body(share_page: Page, kakao: FakeKakao) -> None:
    body = {"code": -401, "msg": "this app key is not allowed"}
    kakao.fail("upload", status=401, body=body)
    outcome = js(
        share_page,
        _MAKE_FILES + "return await Kakao.Share.uploadImage({file: files});",
        {"png": base64.b64encode(PNG_1x1).decode()},
    )
    assert outcome == {"ok": False, "error": False, "value": body}


def test_scrap_image(share_page: Page, kakao: FakeKakao) -> None:
    image_url = "https://example.com/images/cake photo.jpg?size=large&x=1"
    result = js_ok(share_page, "return await Kakao.Share.scrapImage({imageUrl: arg})", image_url)
    scrap = kakao.wait_for_kapi(share_page, "scrap")
    assert (scrap.method, scrap.path) == ("POST", "/v2/api/talk/message/image/scrap")
    assert scrap.content_type.startswith("application/x-www-form-urlencoded")
    assert scrap.form == (("image_url", image_url),)
    assert_kapi_headers(share_page, scrap)
    assert set(result["infos"]["original"]) == {"url", "content_type", "length", "width", "height"}

    kakao.fail("scrap", status=400, body={"code": -2, "msg": "image_url is not an image"})
    outcome = js(share_page, "return await Kakao.Share.scrapImage({imageUrl: arg})", image_url)
    assert outcome == {"ok": False, "error": False, "value": {"code": -2, "msg": "image_url is not an image"}}


def test_delete_image(share_page: Page, kakao: FakeKakao) -> None:
    image_url = "https://k.kakaocdn.net/dn/abc/def/pixel.png"
    outcome = js(share_page, "return await Kakao.Share.deleteImage({imageUrl: arg})", image_url)
    assert outcome["ok"], outcome
    deletion = kakao.wait_for_kapi(share_page, "delete")
    assert (deletion.method, deletion.path) == ("DELETE", "/v2/api/talk/message/image/delete")
    assert deletion.query == (("image_url", image_url),)
    assert_kapi_headers(share_page, deletion)

    kakao.fail("delete", status=403, body={"code": -3, "msg": "not yours"})
    outcome = js(share_page, "return await Kakao.Share.deleteImage({imageUrl: arg})", image_url)
    assert outcome == {"ok": False, "error": False, "value": {"code": -3, "msg": "not yours"}}


# --------------------------------------------------------------------------------------------------
# Mobile user agents: kapi validation, then the app link
# --------------------------------------------------------------------------------------------------


def test_mobile_share_validates_with_kapi_then_opens_the_app_link(mobile_page: Page, kakao: FakeKakao) -> None:
    ka = expected_ka(mobile_page)
    js_ok(mobile_page, "Kakao.Share.sendDefault(arg)", {**TEXT, "serverCallbackArgs": {"order": "A-42"}})
    validation = kakao.wait_for_kapi(mobile_page, "validate")
    assert (validation.method, validation.path) == ("GET", "/v2/api/kakaolink/talk/template/default")
    assert validation.query_dict["link_ver"] == "4.0"
    assert validation.template_object_raw == compact(TEMPLATES["text"][1])
    assert validation.authorization == f"KakaoAK {APP_KEY}"
    assert validation.ka == ka

    link = kakao.wait_for_app_link(mobile_page)
    assert link.url.startswith(APP_LINK_PREFIX), link.url
    mobile_page.wait_for_url(lambda url: url.startswith(APP_LINK_PREFIX))
    decoded = link.fully_decoded
    assert "extras" in decoded and "A-42" in decoded, decoded
    assert kakao.shares == [], "the mobile path posts no form"


@pytest.mark.parametrize("mobile_ua", [ANDROID_UA], ids=["android"])
def test_android_share_launches_an_intent(mobile_page: Page, kakao: FakeKakao) -> None:
    js_ok(mobile_page, "Kakao.Share.sendDefault(arg)", {**TEXT, "serverCallbackArgs": {"order": "B-7"}})
    validation = kakao.wait_for_kapi(mobile_page, "validate")
    assert validation.template_object_raw == compact(TEMPLATES["text"][1])
    link = kakao.wait_for_app_link(mobile_page)
    assert link.url.startswith(ANDROID_APP_LINK_PREFIX), link.url  # (Chromium hides the #Intent;... part)
    assert link.scheme_url.startswith("kakaolink://send?")
    assert "B-7" in link.fully_decoded


def test_mobile_custom_share_validates_the_template_id(mobile_page: Page, kakao: FakeKakao) -> None:
    js_ok(mobile_page, "Kakao.Share.sendCustom(arg)", {"templateId": 321, "templateArgs": {"name": "kim"}})
    validation = kakao.wait_for_kapi(mobile_page, "validate")
    assert validation.path == "/v2/api/kakaolink/talk/template/validate"
    assert validation.query_dict["template_id"] == "321"
    assert validation.template_args == {"name": "kim"}
    assert kakao.wait_for_app_link(mobile_page).url.startswith(APP_LINK_PREFIX)
    mobile_page.wait_for_url(lambda url: url.startswith(APP_LINK_PREFIX))


def test_mobile_validation_failure_goes_to_the_failed_page(mobile_page: Page, kakao: FakeKakao) -> None:
    kakao.fail("validate", status=400, body={"code": -402, "msg": "template is invalid"})
    js_ok(mobile_page, "Kakao.Share.sendScrap(arg)", {"requestUrl": "https://example.com/a"})
    validation = kakao.wait_for_kapi(mobile_page, "validate")
    assert validation.path == "/v2/api/kakaolink/talk/template/scrap"
    assert validation.query_dict["request_url"] == "https://example.com/a"
    kakao.wait_for(mobile_page, lambda: kakao.failed_pages, what="the failed page")
    failed = kakao.failed_pages[-1]
    mobile_page.wait_for_url(lambda url: "/picker/failed" in url)
    assert failed.query_dict.get("app_key") == APP_KEY
    assert "error" in failed.query_dict
    assert kakao.app_links == []


@pytest.mark.skipif(using_real_sdk(), reason="the double's documented choice for picker settings on the wire")
def test_the_double_sends_picker_settings_on_the_mobile_path(mobile_page: Page, kakao: FakeKakao) -> None:
    js_ok(mobile_page, "Kakao.Share.sendDefault(arg)", {**TEXT, "pickerSettings": {"type": "chat", "limit": 3}})
    validation = kakao.wait_for_kapi(mobile_page, "validate")
    assert json.loads(validation.query_dict["scheme_params"]) == {"list": "chat", "limit": 3}
    assert "picker" not in validation.template_object_raw.lower()
    link = kakao.wait_for_app_link(mobile_page)
    assert (link.params["list"], link.params["limit"]) == ("chat", "3")
    assert json.loads(link.params["extras"])["KA"].startswith("sdk/")
    mobile_page.wait_for_url(lambda url: url.startswith(APP_LINK_PREFIX))


def test_mobile_payload_over_the_limit_fails(mobile_page: Page, kakao: FakeKakao, guard) -> None:
    errors: list[str] = []
    mobile_page.on("pageerror", lambda err: errors.append(str(err)))
    outcome = js(mobile_page, "Kakao.Share.sendDefault(arg)", {**TEXT, "text": "가" * 10_001})
    kakao.pump(mobile_page, 300)
    if not outcome["ok"]:
        assert outcome["message"].startswith(SIZE_LIMIT_ERROR), outcome
    elif errors:
        guard.expected_page_errors += len(errors)
        assert any(SIZE_LIMIT_ERROR in e for e in errors), errors
    else:
        assert kakao.failed_pages, "the payload limit must fail somehow"
    assert kakao.app_links == []


# --------------------------------------------------------------------------------------------------
# The fake itself
# --------------------------------------------------------------------------------------------------


def test_the_multipart_parser_keeps_bytes_exact() -> None:
    boundary = "----b0undary"
    body = (
        b'------b0undary\r\nContent-Disposition: form-data; name="file"; filename="a \\"q\\".png"\r\n'
        b"Content-Type: image/png\r\n\r\n\x89PNG\r\n\r\n------b0undar\r\n------b0undary\r\n"
        b'Content-Disposition: form-data; name="note"\r\n\r\n\r\n------b0undary--\r\n'
    )
    file, note = parse_multipart(body, f"multipart/form-data; boundary={boundary}")
    assert (file.name, file.filename, file.content_type) == ("file", 'a "q".png', "image/png")
    assert file.data == b"\x89PNG\r\n\r\n------b0undar"
    assert (note.name, note.filename, note.data) == ("note", None, b"")
    assert parse_multipart(b"------b0undary--\r\n", f"multipart/form-data; boundary={boundary}") == ()
    assert parse_multipart(b"", f"multipart/form-data; boundary={boundary}") == ()


def test_the_fake_answers_cors_preflights(kakao: FakeKakao) -> None:
    class Request:
        url = "https://kapi.kakao.com/v2/api/talk/message/image/upload"
        method = "OPTIONS"
        post_data_buffer = None

        @staticmethod
        def all_headers():
            return {
                "origin": "http://127.0.0.1:1",
                "access-control-request-method": "POST",
                "access-control-request-headers": "authorization,ka",
            }

    class FakeRoute:
        request = Request()
        answer: dict | None = None

        def fulfill(self, **kwargs):
            self.answer = kwargs

    route = FakeRoute()
    kakao._serve_kapi(route)
    assert route.answer["status"] == 200
    assert route.answer["headers"]["Access-Control-Allow-Origin"] == "http://127.0.0.1:1"
    assert route.answer["headers"]["Access-Control-Allow-Headers"] == "authorization,ka"
    assert [p.preflight for p in kakao.preflights] == [True] and kakao.kapi_requests == []


def test_the_app_link_url_decodes(kakao: FakeKakao) -> None:
    from kakao_fakes import AppLinkRequest

    inner = "kakaolink://send?linkver=4.0&extras=" + quote('{"lcba":"{\\"k\\":\\"v\\"}"}', safe="")
    link = AppLinkRequest(url="https://talk-apps.kakao.com/scheme/" + quote(inner, safe=""), headers={})
    assert link.url.startswith(APP_LINK_PREFIX)
    assert link.scheme_url == inner
    assert json.loads(link.params["extras"]) == {"lcba": '{"k":"v"}'}
