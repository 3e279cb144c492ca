"""Desktop shares: a popup named ``sharer`` and a form POST into it, with the exact fields and JSON."""

from __future__ import annotations

import pytest
from contract_page import (
    APP_KEY,
    compact,
    expected_ka,
    js_ok,
    js_raises,
)
from contract_samples import (
    TEMPLATES,
    TEXT,
)
from kakao_fakes import (
    SHARER_URL,
    FakeKakao,
)
from playwright.sync_api import Page


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
