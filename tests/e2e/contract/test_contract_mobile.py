"""Phones: the template validated by kapi, then the app link that launches KakaoTalk (or the failed page)."""

from __future__ import annotations

import json

import pytest
from contract_page import (
    ANDROID_UA,
    APP_KEY,
    compact,
    expected_ka,
    js,
    js_ok,
)
from contract_samples import (
    SIZE_LIMIT_ERROR,
    TEMPLATES,
    TEXT,
)
from kakao_fakes import (
    ANDROID_APP_LINK_PREFIX,
    APP_LINK_PREFIX,
    FakeKakao,
    using_real_sdk,
)
from playwright.sync_api import Page


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


@pytest.mark.skipif(using_real_sdk(), reason="the double's rule: it does not invent a wire form for picker settings")
def test_the_double_puts_picker_settings_nowhere_on_the_mobile_path(mobile_page: Page, kakao: FakeKakao) -> None:
    js_ok(mobile_page, "Kakao.Share.sendDefault(arg)", {**TEXT, "pickerSettings": {"type": "chat", "limit": 3}})
    validation = kakao.wait_for_kapi(mobile_page, "validate")
    assert sorted(validation.query_dict) == ["link_ver", "template_object"]
    assert "picker" not in validation.template_object_raw.lower()
    link = kakao.wait_for_app_link(mobile_page)
    assert "list" not in link.params and "limit" not in link.params
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
