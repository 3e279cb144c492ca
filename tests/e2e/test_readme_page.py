"""The README's quick-start page works as printed: it boots, and a click shares the feed message."""

from __future__ import annotations

import re
from pathlib import Path

from kakao_fakes import FakeKakao
from kakao_share import Button, Content, FeedTemplate, Link
from playwright.sync_api import BrowserContext, Page
from pyhost import wait_ready

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
PAGE = re.search(r"```html\n(.*?)```", README, flags=re.S).group(1)
LOAD = 'await browser.load_sdk("YOUR_JAVASCRIPT_KEY")'


def test_readme_quick_start_page_shares_on_click(context: BrowserContext, page: Page, site_url: str, kakao: FakeKakao):
    assert LOAD in PAGE
    # The only change: load the SDK this test serves (its version and SRI hash) instead of 2.7.1.
    html = PAGE.replace(LOAD, LOAD[:-1] + f", version={kakao.version!r}, integrity={kakao.integrity!r})")
    context.route(
        f"{site_url}/readme-quick-start.html", lambda route: route.fulfill(body=html, content_type="text/html")
    )
    page.goto(f"{site_url}/readme-quick-start.html")
    wait_ready(page)
    button = page.get_by_role("button", name="Share to KakaoTalk")
    assert button.is_enabled()
    button.click()
    share = kakao.wait_for_share(page)
    assert share.app_key == "YOUR_JAVASCRIPT_KEY"
    link = Link(web_url="https://shop.example.com/mug", mobile_web_url="https://shop.example.com/mug")
    expected = FeedTemplate(
        content=Content(
            title="Classic mug",
            description="Stoneware, 350 ml",
            image_url="https://shop.example.com/mug.jpg",
            link=link,
        ),
        buttons=[Button(title="View", link=link)],
    )
    assert share.validation_params == expected.validation_params()
    kakao.expect_no_share(page)
