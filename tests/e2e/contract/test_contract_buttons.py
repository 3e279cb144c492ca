"""``create*Button`` and ``Kakao.Share.cleanup``: one share per click, the click's event stopped."""

from __future__ import annotations

from contract_page import (
    assert_nothing_sent,
    js_ok,
)
from contract_samples import (
    TEMPLATES,
    TEXT,
)
from kakao_fakes import (
    FakeKakao,
)
from playwright.sync_api import Page


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
