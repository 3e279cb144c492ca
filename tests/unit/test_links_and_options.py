"""Links (URL rules, execution params), share options, picker settings and image info."""

from __future__ import annotations

import pytest
from kakao_share import (
    ImageInfo,
    Link,
    PickerSettings,
    SDKError,
    ShareOptions,
    TemplateError,
)

# --- web URLs -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com",
        "http://example.com/a/b?c=d#e",
        "HTTPS://EXAMPLE.COM/",
        "https://example.com:8443/path",
        "https://user@example.com/",
        "https://한국.example/경로",
        "https://[::1]:8000/",
    ],
)
def test_accepted_web_urls(url):
    assert Link(web_url=url).web_url == url


@pytest.mark.parametrize(
    ("url", "rule"),
    [
        ("javascript:alert(1)", "javascript: URLs are not allowed; only absolute http/https URLs"),
        ("JavaScript:alert(1)", "javascript: URLs are not allowed; only absolute http/https URLs"),
        ("data:text/html,<script>", "data: URLs are not allowed; only absolute http/https URLs"),
        ("/relative/path", "relative URLs are not allowed; only absolute http/https URLs"),
        ("example.com", "relative URLs are not allowed; only absolute http/https URLs"),
        ("//example.com/x", "relative URLs are not allowed; only absolute http/https URLs"),
        ("ftp://example.com/", "only absolute http/https URLs are allowed"),
        ("https://", "only absolute http/https URLs are allowed"),
        ("https:///path", "only absolute http/https URLs are allowed"),
        ("https://:80/", "only absolute http/https URLs are allowed"),
        ("https://exa mple.com", "must not contain spaces or line breaks; only absolute http/https URLs"),
        (" https://example.com", "must not contain spaces or line breaks; only absolute http/https URLs"),
        ("https://example.com/\nx", "must not contain spaces or line breaks; only absolute http/https URLs"),
        ("https://example.com\\@evil.com", "only absolute http/https URLs are allowed"),
        ("", "relative URLs are not allowed; only absolute http/https URLs"),
    ],
)
def test_refused_web_urls(url, rule):
    for field in ("web_url", "mobile_web_url"):
        with pytest.raises(TemplateError) as exc_info:
            Link(**{field: url})
        assert [(p.path, p.rule) for p in exc_info.value.problems] == [(field, rule)]
        assert exc_info.value.problems[0].fix


def test_image_urls_follow_the_same_rule():
    from kakao_share import Content

    with pytest.raises(TemplateError) as exc_info:
        Content(image_url="data:image/png;base64,AAAA", link=Link())
    assert exc_info.value.paths == ["image_url"]
    assert exc_info.value.problems[0].rule.startswith("image data: URLs are not allowed")
    Content(image_url="http://example.com/a.png", link=Link())  # allowed; check() warns


def test_link_url_property_prefers_mobile():
    assert Link(web_url="https://a.com", mobile_web_url="https://m.a.com").url == "https://m.a.com"
    assert Link(web_url="https://a.com").url == "https://a.com"
    assert Link(android_execution_params="a=b").url is None


# --- execution params -----------------------------------------------------------------------------


def test_execution_params_mapping_is_url_encoded():
    link = Link(android_execution_params={"product": "mug & cup", "id": 42}, ios_execution_params={"q": "한"})
    assert link.android_execution_params == "product=mug+%26+cup&id=42"
    assert link.ios_execution_params == "q=%ED%95%9C"
    assert link.model_dump(by_alias=True, exclude_none=True) == {
        "androidExecutionParams": "product=mug+%26+cup&id=42",
        "iosExecutionParams": "q=%ED%95%9C",
    }


def test_execution_params_query_string_is_kept():
    assert Link(ios_execution_params="a=1&b=%20x&c=d/e?f").ios_execution_params == "a=1&b=%20x&c=d/e?f"
    assert Link(android_execution_params="").android_execution_params is None
    assert Link(android_execution_params={}).android_execution_params is None


@pytest.mark.parametrize(
    ("value", "rule"),
    [
        ("a=b c", "is not a valid query string (contains ' ')"),
        ("a=b#frag", "is not a valid query string (contains '#')"),
        ('a="x"', "is not a valid query string (contains '\"')"),
        ("a=한", "is not a valid query string (contains '한')"),
        ("a=%zz", "has a '%' that is not followed by two hex digits"),
        ("?a=b", "must not start with '?'"),
        (5, "must be a query string or a mapping"),
    ],
)
def test_bad_execution_params(value, rule):
    with pytest.raises(TemplateError) as exc_info:
        Link(android_execution_params=value)
    assert [(p.path, p.rule) for p in exc_info.value.problems] == [("android_execution_params", rule)]


def test_execution_params_mapping_values_must_be_strings_or_ints():
    with pytest.raises(TemplateError) as exc_info:
        Link(ios_execution_params={"flag": True})
    assert exc_info.value.paths == ["ios_execution_params.flag"]
    with pytest.raises(TemplateError) as exc_info:
        Link(ios_execution_params={"x": [1]})
    assert exc_info.value.paths == ["ios_execution_params.x"]


# --- share options ---------------------------------------------------------------------------------


def test_share_options_to_js_has_only_what_is_set():
    assert ShareOptions().to_js() == {}
    options = ShareOptions(
        install_talk=True,
        through_talk=False,
        server_callback_args={"order": "42"},
        extras={"campaign": "spring", "n": 1},
        picker_settings=PickerSettings(type="chat", limit=5),
    )
    assert options.to_js() == {
        "installTalk": True,
        "throughTalk": False,
        "serverCallbackArgs": {"order": "42"},
        "extras": {"campaign": "spring", "n": 1},
        "pickerSettings": {"type": "chat", "limit": 5},
    }
    assert ShareOptions(throughTalk=False).to_js() == {"throughTalk": False}
    assert ShareOptions(picker_settings={"limit": 3}).to_js() == {"pickerSettings": {"limit": 3}}


def test_server_callback_args_from_json_string():
    options = ShareOptions(server_callback_args='{"order": "42", "user": "k"}')
    assert options.server_callback_args == {"order": "42", "user": "k"}
    assert options.to_js() == {"serverCallbackArgs": {"order": "42", "user": "k"}}
    assert options.lcba == '{"order":"42","user":"k"}'
    assert ShareOptions().lcba is None


@pytest.mark.parametrize(
    ("value", "path", "rule_start"),
    [
        ({"order": 42}, "server_callback_args.order", "server callback args values must be strings"),
        ({"order": {"id": "1"}}, "server_callback_args.order", "server callback args must be flat"),
        ('{"order": [1]}', "server_callback_args.order", "server callback args must be flat"),
        ('{"order": 1}', "server_callback_args.order", "server callback args values must be strings"),
        ("{oops", "server_callback_args", "is not valid JSON"),
        ('["a"]', "server_callback_args", "must be a mapping or a JSON object string"),
        (7, "server_callback_args", "must be a mapping or a JSON object string"),
    ],
)
def test_bad_server_callback_args(value, path, rule_start):
    with pytest.raises(TemplateError) as exc_info:
        ShareOptions(server_callback_args=value)
    assert exc_info.value.paths == [path]
    assert exc_info.value.problems[0].rule.startswith(rule_start)


def test_share_option_types_are_strict():
    with pytest.raises(TemplateError) as exc_info:
        ShareOptions(install_talk="yes")
    assert [(p.path, p.rule) for p in exc_info.value.problems] == [("install_talk", "must be true or false")]
    with pytest.raises(TemplateError) as exc_info:
        ShareOptions(through_talk=1)
    assert exc_info.value.paths == ["through_talk"]
    with pytest.raises(TemplateError) as exc_info:
        ShareOptions(extras={"x": float("nan")})
    assert exc_info.value.paths == ["extras.x"]
    with pytest.raises(TemplateError) as exc_info:
        ShareOptions(extras={"x": object()})
    assert exc_info.value.paths == ["extras.x"]


def test_deprecated_callback_is_refused():
    with pytest.raises(TemplateError) as exc_info:
        ShareOptions(callback="x")
    assert exc_info.value.paths == ["callback"]
    assert "deprecated" in exc_info.value.problems[0].rule


def test_picker_settings_rules():
    assert PickerSettings(type="friend", limit=10).to_js() == {"type": "friend", "limit": 10}
    assert PickerSettings(type="chat", limit=5).to_js() == {"type": "chat", "limit": 5}
    with pytest.raises(TemplateError) as exc_info:
        PickerSettings(type="chat", limit=6)
    assert [(p.path, p.rule) for p in exc_info.value.problems] == [
        ("limit", "at most 5 when type is chat (KakaoTalk lets a user pick up to 5 group chatrooms)")
    ]
    with pytest.raises(TemplateError) as exc_info:
        ShareOptions(picker_settings={"type": "chat", "limit": 7})
    assert exc_info.value.paths == ["picker_settings.limit"]
    for bad in (0, 11):
        with pytest.raises(TemplateError) as exc_info:
            PickerSettings(limit=bad)
        assert [(p.path, p.rule) for p in exc_info.value.problems] == [("limit", "must be between 1 and 10")]
    with pytest.raises(TemplateError) as exc_info:
        PickerSettings(type="group")
    assert [(p.path, p.rule) for p in exc_info.value.problems] == [("type", "must be 'friend' or 'chat'")]
    with pytest.raises(TemplateError):
        PickerSettings(limit=2.0)


def test_min_sdk_version_of_options():
    assert ShareOptions().min_sdk_version is None
    assert ShareOptions(picker_settings={"type": "friend"}).min_sdk_version == (2, 8, 0)
    assert ShareOptions(picker_settings={}).min_sdk_version is None


def test_share_options_are_frozen_and_comparable():
    a = ShareOptions(server_callback_args={"a": "b"})
    assert a == ShareOptions(serverCallbackArgs='{"a": "b"}')
    assert hash(a) == hash(ShareOptions(server_callback_args={"a": "b"}))
    with pytest.raises(TypeError):
        a.server_callback_args["a"] = "c"  # type: ignore[index]


def test_share_options_schema():
    schema = ShareOptions.model_json_schema()
    assert set(schema["properties"]) == {"installTalk", "throughTalk", "serverCallbackArgs", "extras", "pickerSettings"}


# --- image info ------------------------------------------------------------------------------------


def test_image_info_from_kakao_response():
    body = {
        "infos": {
            "original": {
                "url": "https://k.kakaocdn.net/dn/x/img.png",
                "content_type": "image/png",
                "length": 12345,
                "width": 640,
                "height": 480,
            }
        }
    }
    info = ImageInfo.from_response(body)
    assert info == ImageInfo(
        url="https://k.kakaocdn.net/dn/x/img.png", content_type="image/png", length=12345, width=640, height=480
    )
    assert ImageInfo.from_response(body["infos"]["original"]) == info
    with pytest.raises(SDKError):
        ImageInfo.from_response({"infos": {}})
    with pytest.raises(SDKError):
        ImageInfo.from_response({"infos": {"original": {"width": 1}}})


def test_an_upload_over_kakaos_5_mb_is_refused_before_sending():
    from kakao_share._images import MAX_IMAGE_BYTES, check_upload_size

    check_upload_size(0, "photo.jpg", MAX_IMAGE_BYTES)  # exactly 5 MB is fine
    with pytest.raises(TemplateError) as exc_info:
        check_upload_size(1, "poster.png", MAX_IMAGE_BYTES + 1)
    [problem] = exc_info.value.problems
    assert (problem.path, problem.code) == ("files[1]", "image_too_large")
    assert problem.rule == "poster.png is 5.0 MB; Kakao takes images of at most 5 MB"
    assert "smaller" in problem.fix


# --- share_settings / min_sdk_version -------------------------------------------------------------


def test_share_settings_merges_template_and_options():
    from kakao_share import TextTemplate, min_sdk_version, share_settings

    template = TextTemplate(text="hi", link={"web_url": "https://example.com"})
    assert share_settings(template) == {"objectType": "text", "text": "hi", "link": {"webUrl": "https://example.com"}}
    settings = share_settings(template, {"install_talk": True, "server_callback_args": {"k": "v"}})
    assert settings == {
        "objectType": "text",
        "text": "hi",
        "link": {"webUrl": "https://example.com"},
        "installTalk": True,
        "serverCallbackArgs": {"k": "v"},
    }
    assert share_settings({"templateId": 3}, ShareOptions(through_talk=False)) == {
        "templateId": 3,
        "throughTalk": False,
    }
    with pytest.raises(TemplateError) as exc_info:
        share_settings(template, {"picker_settings": {"type": "chat", "limit": 9}})
    assert exc_info.value.paths == ["picker_settings.limit"]
    assert min_sdk_version(template) is None
    assert min_sdk_version(template, {"picker_settings": {"limit": 2}}) == (2, 8, 0)
    assert min_sdk_version({"objectType": "feed", "content": {"link": {}}}) == (2, 7, 0)


def test_the_picker_range_rule_is_only_for_the_picker_limit():
    from typing import Annotated

    from annotated_types import Le
    from kakao_share._base import KakaoModel

    class Page(KakaoModel):
        limit: Annotated[int, Le(3)]

    with pytest.raises(TemplateError) as exc_info:
        Page(limit=4)
    assert [(p.path, p.rule) for p in exc_info.value.problems] == [("limit", "must be at most 3")]
    with pytest.raises(TemplateError) as picker:
        ShareOptions(picker_settings={"limit": 11})
    assert [(p.path, p.rule) for p in picker.value.problems] == [("picker_settings.limit", "must be between 1 and 10")]
