"""The embeddable share widget on its example host pages: what each button sends to Kakao, how it falls
back when Kakao cannot be used, and that the host page's CSS, origin and Content-Security-Policy do not
get in its way.

The example pages in ``web/examples/`` are served as written, except that every button is told to load
the SDK build this test serves (``sdk-version`` / ``sdk-integrity``), as a site would for a version whose
hash is not built in. Expected messages are written out here from what each page says about itself.
"""

from __future__ import annotations

import re
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import sdk_calls
from kakao_fakes import FakeKakao
from kakao_share import (
    Button,
    Commerce,
    CommerceTemplate,
    Content,
    CustomTemplate,
    FeedTemplate,
    Link,
    LocationTemplate,
    ScrapTemplate,
)
from kakao_share.portable.sdk import DEFAULT_SDK_VERSION, PUBLISHED_SRI, sdk_url, version_tuple
from playwright.sync_api import APIResponse, BrowserContext, Page, Route, expect
from playwright.sync_api import Error as PlaywrightError
from pyhost import store_snapshot
from screenshots import screenshot_folder

from sitekit.snapshot import HEAP

SHOTS = screenshot_folder("widget")
APP_KEY = "0123456789abcdef0123456789abcdef"
SETTLED = (
    "() => [...document.querySelectorAll('kakao-share-button')].every(b => ['ready', 'fallback'].includes(b.state))"
)
STATES = "() => [...document.querySelectorAll('kakao-share-button')].map(b => b.state)"

BLOG_URL = "https://slowtrip.example.com/posts/jeju-spring-walk"
BLOG_FEED = FeedTemplate(
    content=Content(
        title="봄 제주 3박 4일, 천천히 걷는 여행",
        description="올레길 7코스부터 오름 일출까지, 봄 제주를 천천히 걸으며 기록한 여행 코스와 준비물.",
        image_url="https://slowtrip.example.com/images/jeju-spring-walk.jpg",
        image_width=1200,
        image_height=630,
        link=Link(web_url=BLOG_URL, mobile_web_url=BLOG_URL),
    )
)

# Records what the page's own code and the browser see: layout shifts, CSP violations, Web Share calls.
OBSERVE = """
window.__shifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shifts.push(entry.value);
}).observe({ type: "layout-shift", buffered: true });
window.__violations = [];
document.addEventListener("securitypolicyviolation",
  (e) => window.__violations.push(`${e.effectiveDirective} ${e.blockedURI}`));
"""
WEB_SHARE = "window.__shared = []; navigator.share = async (data) => { window.__shared.push(data); };"


def with_test_sdk(html: str, kakao: FakeKakao) -> str:
    """Every button told to load the SDK build this test serves."""
    return html.replace(
        "<kakao-share-button ", f'<kakao-share-button sdk-version="{kakao.version}" sdk-integrity="{kakao.integrity}" '
    )


def fetch(route: Route, url: str | None = None) -> APIResponse:
    """The response ``route``'s request gets from our server (at ``url`` instead, if given). A GET
    sent on a kept-alive connection just as the server closes it for idleness is reset; a browser
    sends it again on a new connection, and so does this."""
    try:
        return route.fetch(url=url)
    except PlaywrightError as error:
        if "ECONNRESET" not in error.message:
            raise
        return route.fetch(url=url)


@pytest.fixture
def examples(context: BrowserContext, site_url: str, kakao: FakeKakao) -> str:
    """The example pages, served as written except for :func:`with_test_sdk`."""

    def serve(route: Route) -> None:
        response = fetch(route)
        route.fulfill(response=response, body=with_test_sdk(response.text(), kakao))

    context.route(re.compile(r".*/examples/[^/]*\.html$"), serve)
    context.add_init_script(OBSERVE)
    return f"{site_url}/examples"


def settle(page: Page) -> list[str]:
    page.wait_for_function(SETTLED, timeout=60_000)
    return page.evaluate(STATES)


def console_lines(page: Page) -> list[str]:
    lines: list[str] = []
    page.on("console", lambda message: lines.append(f"{message.type}: {message.text}"))
    return lines


def screenshot(page: Page, name: str, widths=(1280, 360)) -> None:
    size = page.viewport_size
    for width in widths:
        page.set_viewport_size({"width": width, "height": 720 if width > 600 else 780})
        page.locator("kakao-share-button").first.scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / f"{name}-{width}.png"))
    page.set_viewport_size(size)


def box(page: Page, selector: str = "kakao-share-button") -> dict:
    return page.locator(selector).first.bounding_box()


def test_blog_post_shares_a_feed_of_its_open_graph_tags(page: Page, examples: str, kakao: FakeKakao):
    page.goto(f"{examples}/blog-post.html")
    # Drawn by the loader at once, in the page's language, before any of the Python runtime loads.
    button = page.get_by_role("button", name="카카오톡 공유하기")
    expect(button).to_be_visible()
    drawn = box(page)
    assert drawn["height"] == 40
    timing = page.evaluate(
        """() => ({
            load: performance.getEntriesByType("navigation")[0].loadEventStart,
            bundle: performance.getEntriesByType("resource")
                .filter(e => e.name.startsWith(location.origin) && !e.name.includes("/examples/"))
                .map(e => [new URL(e.name).pathname, e.startTime]),
        })"""
    )
    assert timing["load"] > 0
    # Off the critical path: of the bundle, only the loader is requested before the page's load event.
    early = [path for path, start in timing["bundle"] if start < timing["load"]]
    assert early == ["/kakao-share-widget.js"], timing
    # Whatever the first draw moved (see the README on reserving the space), nothing moves after it.
    page.evaluate("new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    shifts = page.evaluate("window.__shifts.length")

    assert settle(page) == ["ready"]
    assert box(page) == drawn
    assert page.evaluate("window.__shifts.length") == shifts
    marks = page.evaluate(
        "['drawn', 'ready'].map(n => performance.getEntriesByName('kakao-share-widget:' + n)[0].startTime)"
    )
    assert marks[0] < marks[1]

    # Keyboard: focus shows a ring, Enter shares.
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(button).to_be_focused()
    assert button.evaluate("b => getComputedStyle(b).outlineStyle") == "solid"
    screenshot(page, "blog-post")
    page.keyboard.press("Enter")
    share = kakao.wait_for_share(page)
    assert share.app_key == APP_KEY
    assert share.validation_action == "default"
    assert share.validation_params == BLOG_FEED.validation_params()
    assert share.lcba is None
    kakao.expect_no_share(page)


#: The rule the README gives site owners to reserve the button's box before the loader draws it.
RESERVE_RULE = re.search(
    r"```css\n\s*(kakao-share-button:not\(:defined\).*?)```",
    (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8"),
    re.S,
)


def test_the_readme_rule_reserves_each_size_so_the_first_draw_moves_nothing(
    context: BrowserContext, page: Page, site_url: str, kakao: FakeKakao
):
    assert RESERVE_RULE, "README.md: the css block reserving kakao-share-button:not(:defined) is gone"
    buttons = "".join(
        f'<div><kakao-share-button app-key="{APP_KEY}"{size}></kakao-share-button></div>'
        for size in ("", ' size="small"', ' size="large"')
    )
    html = (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><style>{RESERVE_RULE[1]}</style></head>'
        f"<body><p>Before the buttons.</p>{buttons}<p id=after>After the buttons.</p></body></html>"
    )
    context.route(f"{site_url}/reserved.html", lambda route: route.fulfill(body=html, content_type="text/html"))
    context.add_init_script(OBSERVE)
    page.goto(f"{site_url}/reserved.html")  # painted without the widget: its loader comes later (a slow network)
    heights = "() => [...document.querySelectorAll('kakao-share-button')].map(b => b.getBoundingClientRect().height)"
    reserved, below = page.evaluate(heights), box(page, "#after")
    assert reserved == [40, 32, 48]
    page.evaluate(f"import({site_url + '/kakao-share-widget.js'!r})")
    expect(page.get_by_role("button", name="Share to KakaoTalk")).to_have_count(3)
    page.evaluate("new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    # Drawn: each button fills the box its rule reserved, and nothing on the page moved.
    assert page.evaluate(heights) == reserved
    assert box(page, "#after") == below
    assert page.evaluate("window.__shifts") == []


def test_product_page_under_a_sub_path_shares_a_commerce_message_priced_from_its_json_ld(
    context: BrowserContext, page: Page, site_url: str, kakao: FakeKakao
):
    # The exported site hosted under a sub-path (https://user.example.io/project/): the page, its template
    # and the whole bundle come from under it.
    base = f"http://127.0.0.1:{_free_port()}/project"

    def under_sub_path(route: Route) -> None:
        response = fetch(route, site_url + route.request.url[len(base) :])
        html = route.request.url.endswith(".html")
        route.fulfill(response=response, body=with_test_sdk(response.text(), kakao) if html else response.body())

    context.route(f"{base}/**", under_sub_path)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{base}/examples/product.html")
    assert settle(page) == ["ready"]
    page.get_by_role("button", name="Share to KakaoTalk").click()
    share = kakao.wait_for_share(page)
    url = "https://onggi.example.com/shop/celadon-mug"
    link = Link(web_url=url, mobile_web_url=url)
    expected = CommerceTemplate(
        content=Content(
            title="Handmade stoneware mug, 350 ml",
            description="A wheel-thrown stoneware mug with a celadon glaze. Dishwasher safe.",
            image_url="https://onggi.example.com/images/celadon-mug.jpg",
            link=link,
        ),
        commerce=Commerce(
            product_name="Onggi Studio",
            regular_price=32000,  # the button's data-regular-price
            discount_price=25600,  # the JSON-LD offer's price, "25600"
            discount_rate=20,
            currency_unit="원",
            currency_unit_position=0,
        ),
        buttons=[Button(title="Buy now", link=link)],
    )
    assert share.validation_params == expected.validation_params()
    assert f"{base}/examples/product-share.json.j2" in requests
    assert not [url for url in requests if url.startswith(site_url)]  # everything came from under the sub-path


def test_event_page_shares_its_inline_template_filled_from_json_ld(page: Page, examples: str, kakao: FakeKakao):
    page.goto(f"{examples}/event.html")
    assert settle(page) == ["ready"]
    page.get_by_role("button", name="카카오톡 공유하기").click()
    share = kakao.wait_for_share(page)
    url = "https://hangyeol.example.com/events/seoul-jazz-night-2025"
    expected = LocationTemplate(
        content=Content(
            title="2025 서울 재즈 나이트",
            description="2025-05-24 19:00 · 한결홀 · 전석 자유석",
            image_url="https://hangyeol.example.com/images/jazz-night.jpg",
            link=Link(web_url=url, mobile_web_url=url),
        ),
        address="성수이로 20, 서울 성동구, KR",
        address_title="한결홀",
        button_title="공연 보기",
    )
    assert share.validation_params == expected.validation_params()


def test_several_buttons_share_through_one_sdk_load_and_one_init(
    context: BrowserContext, page: Page, examples: str, kakao: FakeKakao
):
    sdk_calls.watch(context)
    page.goto(f"{examples}/several-buttons.html")
    assert settle(page) == ["ready"] * 5
    screenshot(page, "several-buttons")
    feed_url = "https://picks.example.com/weekly/kitchen-upgrades"
    feed = FeedTemplate(
        content=Content(
            title="Weekly picks: five small kitchen upgrades",
            description="Tools under ₩30,000 that make cooking at home easier.",
            image_url="https://picks.example.com/images/kitchen-upgrades.jpg",
            link=Link(web_url=feed_url, mobile_web_url=feed_url),
        )
    )
    expected = {
        "feed": ("default", feed.validation_params(), None),
        "custom": (
            "custom",
            CustomTemplate(
                template_id=10123, template_args={"pick": "Cast-iron pan", "week": "23"}
            ).validation_params(),
            None,
        ),
        "scrap": ("scrap", ScrapTemplate(request_url=feed_url + "?from=kakao").validation_params(), None),
        "callback": ("default", feed.validation_params(), '{"campaign":"weekly-23"}'),
        "large": ("default", feed.validation_params(), None),
    }
    for element_id, (action, params, lcba) in expected.items():
        page.locator(f"#{element_id} button").click()
        share = kakao.wait_for_share(page)
        assert (share.validation_action, share.validation_params, share.lcba) == (action, params, lcba), element_id
        assert share.app_key == APP_KEY
    assert len(kakao.sdk_requests) == 1
    assert sdk_calls.count(page, "init") == 1
    labels = page.locator("kakao-share-button button").all_inner_texts()
    assert labels == ["Share to KakaoTalk"] * 3 + ["Share the list", "카카오톡 공유하기"]


def test_a_click_before_python_is_ready_says_so_and_shares_on_the_next_click(
    context: BrowserContext, page: Page, examples: str, kakao: FakeKakao
):
    held: list[Route] = []
    # The widget's Python waits for this file until the test lets it through.
    context.route("**/runtime/widget-python-*.pack", lambda route: held.append(route))
    page.emulate_media(reduced_motion="reduce")
    popups: list[Page] = []
    context.on("page", lambda popup: popups.append(popup))
    page.goto(f"{examples}/blog-post.html")
    button = page.get_by_role("button", name="카카오톡 공유하기")
    drawn = box(page)
    button.click()
    status = page.get_by_role("status")
    expect(status).to_have_text("카카오톡 공유를 준비하고 있어요…")
    expect(button).to_have_attribute("aria-busy", "true")
    spinner = page.locator("kakao-share-button svg[data-icon=busy]")
    expect(spinner).to_be_visible()
    assert spinner.evaluate("s => getComputedStyle(s).animationName") == "none"  # reduced motion
    screenshot(page, "preparing")
    assert box(page) == drawn
    kakao.expect_no_share(page)
    assert popups == []  # nothing was opened, so nothing could be blocked

    page.wait_for_function("() => document.querySelector('kakao-share-button').state === 'loading'")
    kakao.wait_for(page, lambda: held, timeout=60_000, what="the widget's Python to be requested")
    held[0].continue_()
    assert settle(page) == ["ready"]
    expect(status).to_have_text("준비됐어요. 한 번 더 누르면 카카오톡으로 공유해요.")
    screenshot(page, "ready-again", widths=(360,))
    expect(button).not_to_have_attribute("aria-busy", "true")
    button.click()
    assert kakao.wait_for_share(page).validation_params == BLOG_FEED.validation_params()


def test_when_kakao_is_blocked_the_button_shares_the_page_link_with_web_share(
    context: BrowserContext, page: Page, examples: str, kakao: FakeKakao
):
    context.route("https://t1.kakaocdn.net/**", lambda route: route.abort("blockedbyclient"))
    context.add_init_script(WEB_SHARE)
    lines = console_lines(page)
    page.goto(f"{examples}/blog-post.html")
    assert settle(page) == ["fallback"]
    assert any("Kakao's SDK is unavailable" in line and "could not be loaded" in line for line in lines), lines
    button = page.get_by_role("button", name="링크 공유하기")
    expect(button).to_be_visible()
    button.click()
    page.wait_for_function("() => window.__shared.length === 1")
    assert page.evaluate("window.__shared") == [{"title": "봄 제주 3박 4일, 천천히 걷는 여행", "url": BLOG_URL}]
    assert kakao.shares == []


def test_without_webassembly_or_web_share_the_link_is_copied_with_a_confirmation(
    context: BrowserContext, page: Page, examples: str, kakao: FakeKakao, site_url: str
):
    context.add_init_script("delete window.WebAssembly; delete Navigator.prototype.share;")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url)
    lines = console_lines(page)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{examples}/hostile-css.html")
    assert settle(page) == ["fallback"]
    assert any("no WebAssembly" in line for line in lines), lines
    assert not [url for url in requests if "/runtime/" in url or "/kakao_share_widget/" in url]  # no Python
    page.get_by_role("button", name="Copy link").click()
    status = page.get_by_role("status")
    expect(status).to_have_text("Link copied.")
    expect(status).to_have_css("opacity", "1")
    assert page.evaluate("navigator.clipboard.readText()") == page.url
    screenshot(page, "copied")
    assert kakao.shares == []


def test_when_the_rest_of_the_widget_cannot_be_loaded_the_console_says_why_and_the_page_works(
    context: BrowserContext, page: Page, examples: str, kakao: FakeKakao
):
    # The loader draws the button; what makes it work comes from widget/button.js, here missing.
    context.route("**/widget/button.js", lambda route: route.fulfill(status=404, body="not here"))
    lines = console_lines(page)
    page.goto(f"{examples}/blog-post.html")
    assert settle(page) == ["fallback"]
    assert any("widget/button.js could not be loaded" in line for line in lines), lines
    expect(page.get_by_role("button", name=re.compile("^링크 (공유|복사)하기$"))).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("봄 제주 3박 4일, 천천히 걷는 여행")
    assert kakao.shares == []


def test_hostile_css_does_not_change_the_button(page: Page, examples: str, kakao: FakeKakao):
    looks = """b => { const s = getComputedStyle(b); const label = getComputedStyle(b.querySelector('.face.on .label'));
        const icon = getComputedStyle(b.querySelector('.face.on svg[data-icon=kakao]'));
        return [s.width, s.height, s.paddingLeft, s.borderTopWidth, s.borderTopLeftRadius, s.backgroundColor, s.color,
                s.fontFamily, s.fontSize, s.fontWeight, s.letterSpacing, s.textTransform, s.textShadow,
                label.color, label.webkitTextFillColor, icon.width, icon.fill] }"""
    page.goto(f"{examples}/several-buttons.html")
    plain = page.locator("#feed button").evaluate(looks)
    page.goto(f"{examples}/hostile-css.html")
    button = page.get_by_role("button", name="Share to KakaoTalk")
    assert button.evaluate(looks) == plain
    assert box(page) == box(page, "kakao-share-button button")  # the host is exactly the button
    screenshot(page, "hostile-css")
    assert settle(page) == ["ready"]
    assert button.evaluate(looks) == plain
    button.click()
    assert kakao.wait_for_share(page).validation_action == "default"


# Test pages carry an og:image: a card without one needs Kakao SDK 2.7, and the suite also runs against
# real builds older than that (KAKAO_SDK_FILE).
BROKEN_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Mistakes</title>
<meta property="og:title" content="A page with mistakes">
<meta property="og:image" content="https://mistakes.example.com/cover.jpg">
<script type="module" src="@SITE@/kakao-share-widget.js"></script></head>
<body><p id="count">0</p>
<button id="own" onclick="count.textContent = Number(count.textContent) + 1">Own button</button>
<kakao-share-button id="bad-attributes" @SDK@ app-key="@KEY@" template-id="12a" picker-limit="20" tempalte-args="x">
</kakao-share-button>
<kakao-share-button id="no-key" @SDK@></kakao-share-button>
<kakao-share-button id="bad-template" @SDK@ app-key="@KEY@"><script type="text/x-kakao-template">{
  "object_type": "text",
  "text": {{ product.name }},
  "link": {"web_url": {{ url }}}
}</script></kakao-share-button>
<kakao-share-button id="missing-template" @SDK@ app-key="@KEY@" template-src="no-such-template.json.j2">
</kakao-share-button>
<kakao-share-button id="good" @SDK@ app-key="@KEY@" text="<img src=x onerror=window.__xss=1>Share"></kakao-share-button>
</body></html>"""


def test_configuration_mistakes_are_reported_and_the_page_keeps_working(
    context: BrowserContext, page: Page, site_url: str, kakao: FakeKakao
):
    sdk = f'sdk-version="{kakao.version}" sdk-integrity="{kakao.integrity}"'
    html = BROKEN_PAGE.replace("@SITE@", site_url).replace("@SDK@", sdk).replace("@KEY@", APP_KEY)
    context.route(f"{site_url}/mistakes.html", lambda route: route.fulfill(body=html, content_type="text/html"))
    lines = console_lines(page)
    page.goto(f"{site_url}/mistakes.html")
    assert settle(page) == ["fallback", "fallback", "fallback", "fallback", "ready"]
    errors = "\n".join(line for line in lines if line.startswith("error:"))
    # Each mistake: the attribute (or template line), the rule and the fix.
    assert 'template-id: must be a whole number (fix: write it as digits only, e.g. template-id="12345")' in errors
    assert 'picker-limit: must be from 1 to 10 (fix: write a number from 1 to 10, e.g. picker-limit="5")' in errors
    assert "tempalte-args: is not an attribute of <kakao-share-button> (fix: did you mean template-args?)" in errors
    assert "app-key: is required: the app's JavaScript key (fix: add app-key=" in errors
    assert '<script type="text/x-kakao-template">, line 3: undefined value' in errors
    assert "product" in errors
    missing = f"{site_url}/no-such-template.json.j2"
    assert f"template-src: could not be loaded from {missing} (HTTP 404) (fix: check the address" in errors
    # Text from attributes is text, never markup.
    label = "<img src=x onerror=window.__xss=1>Share"
    expect(page.locator("#good").get_by_role("button", name=label, exact=True)).to_be_visible()
    assert page.evaluate("window.__xss") is None
    # The page is unbroken: its own script works, nothing was thrown at it, the valid button shares.
    page.locator("#own").click()
    expect(page.locator("#count")).to_have_text("1")
    page.locator("#good button").click()
    assert kakao.wait_for_share(page).template_object["content"]["title"] == "A page with mistakes"
    page.locator("#bad-attributes button").click()
    expect(page.locator("#bad-attributes").get_by_role("status")).to_contain_text("Link copied")
    assert len(kakao.shares) == 1
    # A single-page app moves on: the button prepares its message again (in the worker), and the next
    # share follows the page it is on now.
    page.evaluate("history.pushState({}, '', '/moved-on'); document.title = 'Moved on'")
    page.wait_for_function("document.querySelector('#good').state === 'ready'")
    page.locator("#good button").click()
    content = kakao.wait_for_share(page).template_object["content"]
    assert (content["link"]["web_url"], content["title"]) == (f"{site_url}/moved-on", "A page with mistakes")


PICKER_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Picker</title>
<script type="module" src="@SITE@/kakao-share-widget.js"></script></head><body>
<kakao-share-button app-key="@KEY@" picker-type="friend" picker-limit="3"></kakao-share-button></body></html>"""


def test_picker_settings_share_through_the_default_sdk_with_no_other_attribute(
    context: BrowserContext, page: Page, site_url: str, kakao: FakeKakao
):
    if not kakao.serves(DEFAULT_SDK_VERSION):
        pytest.skip(f"about the default SDK {DEFAULT_SDK_VERSION}; KAKAO_SDK_FILE is {kakao.file_version}")
    html = PICKER_PAGE.replace("@SITE@", site_url).replace("@KEY@", APP_KEY)
    context.route(f"{site_url}/picker.html", lambda route: route.fulfill(body=html, content_type="text/html"))
    sdk_calls.watch(context)
    kakao.serve_as_published(context)
    page.goto(f"{site_url}/picker.html")
    assert settle(page) == ["ready"]
    default = {"src": sdk_url(DEFAULT_SDK_VERSION), "integrity": PUBLISHED_SRI[DEFAULT_SDK_VERSION]}
    assert page.evaluate("window.__sdkAsked") == [default]
    page.get_by_role("button", name="Share to KakaoTalk").click()
    kakao.wait_for_share(page)
    [[settings]] = sdk_calls.calls(page, "Share.sendDefault")
    assert settings["pickerSettings"] == {"type": "friend", "limit": 3}


def test_a_button_asking_more_than_its_sdk_build_can_do_names_the_version_it_needs(
    context: BrowserContext, page: Page, site_url: str, kakao: FakeKakao
):
    old = kakao.file_version or "2.7.4"  # a build older than picker settings (2.8.0)
    if version_tuple(old) >= (2, 8):
        pytest.skip(f"about a build older than 2.8; KAKAO_SDK_FILE is {old}")
    sdk = f'sdk-version="{old}" sdk-integrity="{kakao.integrity}"'
    html = (
        PICKER_PAGE.replace("@SITE@", site_url)
        .replace("@KEY@", APP_KEY)
        .replace("<kakao-share-button ", f"<kakao-share-button {sdk} ")
    )
    context.route(f"{site_url}/picker.html", lambda route: route.fulfill(body=html, content_type="text/html"))
    lines = console_lines(page)
    page.goto(f"{site_url}/picker.html")
    assert settle(page) == ["fallback"]
    errors = "\n".join(line for line in lines if line.startswith("error:"))
    assert f"sdk-version: picker settings: needs Kakao SDK 2.8.0 or later; this page loaded {old}" in errors
    assert 'add sdk-version="2.8.0" (or newer)' in errors
    page.locator("kakao-share-button button").click()  # the fallback: the page's link is copied
    expect(page.get_by_role("status")).to_contain_text("Link copied")
    assert kakao.shares == []


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


#: The hash of the SDK's share form's style attribute, "display:none" (README).
SDK_FORM_STYLE = "sha256-aqNNdDLnnrDOnTNdkJpYlAxKVJtLt9CtFLklmInuUAE="


# The policy the README documents for a host page, with SITE = where the bundle is hosted; ``quiet``
# adds the optional directive that allows the one style attribute Kakao's SDK sets (its share form's).
def csp(site: str, *, quiet: bool = True) -> str:
    return (
        "default-src 'self'; "
        f"script-src 'self' {site}/ https://t1.kakaocdn.net 'wasm-unsafe-eval'; "
        f"connect-src 'self' {site}/ https://kapi.kakao.com; "
        "img-src 'self' data: https:; style-src 'self'; "
        + (f"style-src-attr 'unsafe-hashes' '{SDK_FORM_STYLE}'; " if quiet else "")
        + "form-action 'self' https://sharer.kakao.com; base-uri 'self'; object-src 'none'; "
        f"worker-src blob: {site}/"
    )


HOST_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Elsewhere</title>
<meta property="og:title" content="A post on another site"><link rel="canonical" href="{canonical}">
<meta property="og:image" content="https://elsewhere.example.com/cover.jpg">
<script type="module" src="{bundle}/kakao-share-widget.js"></script></head>
<body><h1>A post on another site</h1>
<kakao-share-button app-key="{key}" sdk-version="{version}" sdk-integrity="{integrity}"></kakao-share-button>
</body></html>"""


@pytest.fixture
def other_site() -> Iterator[tuple[str, dict[str, tuple[str, dict[str, str]]]]]:
    """Another origin on loopback, serving the pages a test puts in its dict (path -> body, headers).

    A real server, not a Playwright route: Chromium does not count a routed document as loopback, and
    refuses its cross-origin requests to 127.0.0.1 (local network access).
    """
    pages: dict[str, tuple[str, dict[str, str]]] = {}

    class Pages(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body, headers = pages.get(self.path, ("not found", {}))
            data = body.encode()
            self.send_response(200 if self.path in pages else 404)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Pages)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}", pages
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.parametrize("quiet", [True, False], ids=["documented-policy", "without-style-src-attr"])
def test_a_page_on_another_origin_with_a_strict_csp_loads_the_bundle(
    context: BrowserContext, page: Page, site_url: str, kakao: FakeKakao, other_site, quiet: bool
):
    # The bundle comes straight from the project's server (its CORS headers); the page from elsewhere.
    host, pages = other_site
    html = HOST_PAGE.format(
        canonical=f"{host}/post", bundle=site_url, key=APP_KEY, version=kakao.version, integrity=kakao.integrity
    )
    policy = csp(site_url, quiet=quiet)
    pages["/post"] = (html, {"Content-Type": "text/html; charset=utf-8", "Content-Security-Policy": policy})
    context.add_init_script(OBSERVE)
    page.goto(f"{host}/post")
    assert settle(page) == ["ready"]
    page.get_by_role("button", name="Share to KakaoTalk").click()
    share = kakao.wait_for_share(page)
    assert share.template_object["content"]["title"] == "A post on another site"
    assert share.template_object["content"]["link"] == {"web_url": f"{host}/post", "mobile_web_url": f"{host}/post"}
    # Without the optional directive the browser refuses the SDK's form a style attribute: harmless, the
    # form is submitted and removed in one task (never painted, nothing moves) and the share went out.
    refused = [] if quiet else ["style-src-attr inline"]
    assert page.evaluate("window.__violations") == refused
    assert page.evaluate("[document.forms.length, window.__shifts]") == [0, []]


def test_a_policy_without_wasm_unsafe_eval_makes_the_button_share_the_link(
    context: BrowserContext, page: Page, site_url: str, kakao: FakeKakao
):
    html = HOST_PAGE.format(
        canonical=f"{site_url}/post", bundle="", key=APP_KEY, version=kakao.version, integrity=kakao.integrity
    )
    headers = {"Content-Type": "text/html; charset=utf-8", "Content-Security-Policy": "script-src 'self'"}
    context.route(f"{site_url}/strict.html", lambda route: route.fulfill(body=html, headers=headers))
    lines = console_lines(page)
    page.goto(f"{site_url}/strict.html")
    assert settle(page) == ["fallback"]
    assert any("add 'wasm-unsafe-eval' to script-src" in line for line in lines), lines
    expect(page.get_by_role("button", name="Copy link")).to_be_visible()


def test_a_policy_refusing_workers_runs_python_on_the_main_thread_and_still_shares(
    context: BrowserContext, page: Page, site_url: str, kakao: FakeKakao
):
    html = HOST_PAGE.format(
        canonical=f"{site_url}/post", bundle="", key=APP_KEY, version=kakao.version, integrity=kakao.integrity
    )
    policy = csp(site_url).replace(f"worker-src blob: {site_url}/", "worker-src 'none'")
    headers = {"Content-Type": "text/html; charset=utf-8", "Content-Security-Policy": policy}
    context.route(f"{site_url}/no-workers.html", lambda route: route.fulfill(body=html, headers=headers))
    requests = _requests(context)
    lines = console_lines(page)
    page.goto(f"{site_url}/no-workers.html")
    assert settle(page) == ["ready"], lines
    assert any("Web Worker could not start" in line and "main thread" in line for line in lines), lines
    loaded_here = page.evaluate("performance.getEntriesByType('resource').map(e => e.name)")
    assert [url for url in loaded_here if url.endswith("/micropython.wasm")], loaded_here  # on this page
    assert [url for url in requests if url.endswith("/micropython.wasm")]
    # MicroPython's loader does not stay on the page's globals (its runtime needs `Module` to stay).
    assert page.evaluate("typeof window.loadMicroPython") == "undefined"
    page.get_by_role("button", name="Share to KakaoTalk").click()
    assert kakao.wait_for_share(page).template_object["content"]["title"] == "A post on another site"


def _requests(context: BrowserContext) -> list[str]:
    """Every URL the context requests from now on, workers' included."""
    urls: list[str] = []
    context.on("request", lambda request: urls.append(request.url))
    return urls


def test_a_page_without_template_buttons_loads_micropython_and_no_pyodide_file(
    context: BrowserContext, page: Page, examples: str, site_url: str, kakao: FakeKakao
):
    store_snapshot(context, site_url)  # as a visit to the site's PyScript pages leaves the browser
    requests = _requests(context)
    page.goto(f"{examples}/several-buttons.html")
    assert settle(page) == ["ready"] * 5
    page.locator("#custom button").click()
    assert kakao.wait_for_share(page).validation_action == "custom"
    runtime = [url.split("/runtime/", 1)[1] for url in requests if "/runtime/" in url]
    assert "micropython-1.27.0/micropython.wasm" in runtime, runtime
    assert not [path for path in runtime if path.startswith(("pyodide-", "pyscript/", "wheels/"))], runtime
    assert not [url for url in requests if "snapshot" in url]
    # MicroPython ran in the widget's worker: the page itself never fetched it, nor has its globals.
    loaded_here = page.evaluate("performance.getEntriesByType('resource').map(e => e.name)")
    assert not [url for url in loaded_here if "/runtime/micropython-" in url or ".pack" in url], loaded_here
    assert page.evaluate("typeof window.loadMicroPython === 'undefined' && typeof window.Module === 'undefined'")
    assert [worker.url for worker in page.workers] and all(w.url.startswith("blob:") for w in page.workers)


#: The performance marks a worker made.
WORKER_MARKS = "performance.getEntriesByType('mark').map(mark => mark.name)"


def test_template_buttons_render_in_a_worker_and_the_page_never_fetches_the_snapshot(
    context: BrowserContext, page: Page, examples: str, site_url: str, kakao: FakeKakao
):
    store_snapshot(context, site_url)  # as a visit to the site's PyScript pages leaves the browser
    requests = _requests(context)
    page.goto(f"{examples}/event.html")
    assert settle(page) == ["ready"]
    page.get_by_role("button", name="카카오톡 공유하기").click()
    share = kakao.wait_for_share(page)
    assert share.template_object["content"]["title"] == "2025 서울 재즈 나이트"  # rendered by Jinja2
    assert [url for url in requests if url.endswith("/pyodide.asm.wasm")], "Pyodide was not loaded"
    # Neither downloaded nor restored from the browser's Cache Storage, where the snapshot is.
    assert not [url for url in requests if url.endswith(f"/{HEAP}")]
    marks = [mark for w in page.workers for mark in w.evaluate(WORKER_MARKS)]
    assert not [mark for mark in marks if mark.startswith("kakao-share:restore")], marks
    # Pyodide ran in the worker: the page itself (its resource timeline, its globals) never had it.
    loaded_here = page.evaluate("performance.getEntriesByType('resource').map(e => e.name)")
    assert not [url for url in loaded_here if "/pyodide-" in url], loaded_here
    assert page.evaluate("typeof window.loadPyodide === 'undefined' && typeof window.pyodide === 'undefined'")
    assert [worker.url for worker in page.workers] and all(w.url.startswith("blob:") for w in page.workers)


TEMPLATE_PAGE = """<!doctype html><html lang="ko"><head><meta charset="utf-8"><title>Templates elsewhere</title>
<meta property="og:title" content="다른 사이트의 글">
<script type="module" src="{bundle}/kakao-share-widget.js"></script></head>
<body><kakao-share-button app-key="{key}" sdk-version="{version}" sdk-integrity="{integrity}" data-who="하늘">
<script type="text/x-kakao-template">{{"object_type": "text", "text": {{{{ title ~ " · " ~ data.who }}}},
 "link": {{"web_url": {{{{ url }}}}}}}}</script></kakao-share-button>
</body></html>"""


def test_a_template_button_on_another_origin_with_the_documented_csp_renders_in_its_worker(
    context: BrowserContext, page: Page, site_url: str, kakao: FakeKakao, other_site
):
    host, pages = other_site
    html = TEMPLATE_PAGE.format(bundle=site_url, key=APP_KEY, version=kakao.version, integrity=kakao.integrity)
    policy = csp(site_url)
    pages["/post"] = (html, {"Content-Type": "text/html; charset=utf-8", "Content-Security-Policy": policy})
    context.add_init_script(OBSERVE)
    lines = console_lines(page)
    page.goto(f"{host}/post")
    assert settle(page) == ["ready"], lines
    page.get_by_role("button", name="카카오톡 공유하기").click()
    share = kakao.wait_for_share(page)
    assert share.template_object["text"] == "다른 사이트의 글 · 하늘"
    assert page.evaluate("window.__violations") == []
