"""Kakao's documented error codes explained (cause and fix), in English and Korean."""

from __future__ import annotations

import pytest
from kakao_share import APIErrorHelp, Finding, KakaoAPIError, explain_api_error, finding_text, language
from kakao_share._api_errors import API_ERRORS


@pytest.mark.parametrize("code", [-401, 4002, 4006, 4007, 4011, 4019, -10, -602, -911])
def test_the_codes_the_playground_meets_are_explained_in_both_languages(code):
    for lang in ("en", "ko"):
        help_ = explain_api_error(code, lang=lang)
        assert isinstance(help_, APIErrorHelp)
        assert help_.code == code and help_.cause and help_.fix
    assert explain_api_error(code, lang="ko").cause != explain_api_error(code, lang="en").cause


def test_every_entry_has_a_status_and_korean_text():
    for code, (status, cause, fix) in API_ERRORS.items():
        assert 400 <= status < 600, code
        assert cause.en and cause.ko and fix.en and fix.ko, code


def test_domain_mismatch_names_the_origin_to_register():
    message = "domain mismatched! caller=https://shop.example.com:8443. check out registered web domains."
    help_ = explain_api_error(-401, message)
    assert "registered web domain" in help_.cause
    assert "Register https://shop.example.com:8443" in help_.fix
    assert "https://shop.example.com:8443" in explain_api_error("-401", message, lang="ko-KR").fix
    plain = explain_api_error(-401, "InvalidTokenException")
    assert "JavaScript key" in plain.fix and "web domain" in plain.fix


@pytest.mark.parametrize("code", [None, "abc", True, 12345, -999, 3.5])
def test_unknown_codes_are_not_explained(code):
    assert explain_api_error(code) is None


def test_kakao_api_error_explains_itself():
    error = KakaoAPIError("daily quota exceeded", code=4006, status=400)
    assert error.explain().code == 4006
    assert "quota" in error.explain().cause
    assert "쿼터" in error.explain("ko").cause
    assert KakaoAPIError("?", code=None).explain() is None
    assert str(error) == "daily quota exceeded"


@pytest.mark.parametrize(
    ("tag", "lang"), [("ko", "ko"), ("ko-KR", "ko"), ("KO_kr", "ko"), ("en-US", "en"), ("", "en"), (None, "en")]
)
def test_language_tags(tag, lang):
    assert language(tag) == lang


def test_findings_are_worded_in_korean_with_their_numbers():
    from kakao_share import TemplateError, TextTemplate, check

    button = {"title": "b", "link": {"web_url": "https://a.example"}}
    with pytest.raises(TemplateError) as exc_info:
        TextTemplate(text="t", link={}, buttons=[button] * 3)
    (too_many,) = exc_info.value.problems
    assert too_many.values["max_length"] == 2
    assert finding_text(too_many, "ko") == ("최대 2개까지 넣을 수 있습니다", "2개를 넘는 항목을 지우세요")
    assert finding_text(too_many, "en") == ("at most 2 buttons", "remove buttons beyond the first 2")
    (cut,) = [f for f in check(TextTemplate(text="가" * 250, link={})) if f.code == "text_truncated"]
    assert finding_text(cut, "ko")[0] == "카카오톡에는 200자까지만 보입니다 (지금 250자)"
    # a finding made by hand without its values keeps its own words rather than guessing numbers
    bare = Finding("buttons", "at most 2 buttons", "remove buttons beyond the first 2", "too_long")
    assert finding_text(bare, "ko") == ("at most 2 buttons", "remove buttons beyond the first 2")
    unknown = Finding("x", "some new rule", "do this", "brand_new_code")
    assert finding_text(unknown, "ko") == ("some new rule", "do this")
    assert finding_text(unknown, "en") == ("some new rule", "do this")


def test_form_wording_replaces_programmer_wording():
    missing = Finding("content.title", "required field is missing", "add `title`", "missing")
    assert finding_text(missing, "en") == ("required", "fill it in")
    assert finding_text(missing, "ko") == ("필수 항목입니다", "값을 입력하세요")


def test_a_range_is_worded_for_its_own_field():
    from kakao_share import CommerceTemplate, ShareOptions, TemplateError

    with pytest.raises(TemplateError) as rate:
        CommerceTemplate(content={"title": "t", "link": {}}, commerce={"regular_price": 1, "discount_rate": 101})
    assert finding_text(rate.value.problems[0], "ko")[0] == "0부터 100까지의 백분율이어야 합니다"
    with pytest.raises(TemplateError) as picker:
        ShareOptions(picker_settings={"limit": 11})
    assert finding_text(picker.value.problems[0], "ko")[0] == "1부터 10까지여야 합니다"
    other = Finding("social.like_count", "must be at least 0", "", "out_of_range")
    assert finding_text(other, "ko") == ("must be at least 0", "")  # no wording claims a range it does not know
