"""kakao_share.portable.widget.prepare: one button and the page in, the SDK call the widget makes out."""

from kakao_share.portable.limits import PAYLOAD_LIMIT
from kakao_share.portable.sdk import PUBLISHED_SRI
from kakao_share.portable.widget import finding_text, prepare, sdk_too_old
from portable_helpers import keys, plain

KEY = "0123456789abcdef0123456789abcdef"
PAGE = {
    "url": "https://blog.example.com/posts/7",
    "title": "Spring notes",
    "meta": [["og:description", "Cherry blossoms"], ["og:image", "/cover.jpg"], ["og:image:width", "120"]],
}


def test_a_feed_of_the_page_with_options():
    result = prepare(
        [("app-key", KEY), ("install-talk", ""), ("callback-args", '{"post": "7"}'), ("picker-type", "friend")], PAGE
    )
    assert result["ok"] and result["errors"] == [] and not result["needs_template"]
    assert result["method"] == "sendDefault"
    link = {"webUrl": PAGE["url"], "mobileWebUrl": PAGE["url"]}
    content = {
        "title": "Spring notes",
        "description": "Cherry blossoms",
        "imageUrl": "https://blog.example.com/cover.jpg",
        "imageWidth": 120,
        "link": link,
    }
    expected = {
        "objectType": "feed",
        "content": content,
        "installTalk": True,
        "serverCallbackArgs": {"post": "7"},
        "pickerSettings": {"type": "friend"},
    }
    assert plain(result["settings"]) == expected
    # The SDK posts the keys in this order (dict literals keep none on MicroPython: spelt out).
    link_keys = [("webUrl", None), ("mobileWebUrl", None)]
    content_keys = [("title", None), ("description", None), ("imageUrl", None), ("imageWidth", None)]
    assert keys(result["settings"]) == [
        ("objectType", None),
        ("content", content_keys + [("link", link_keys)]),  # noqa: RUF005 (MicroPython has no starred lists)
        ("installTalk", None),
        ("serverCallbackArgs", [("post", None)]),
        ("pickerSettings", [("type", None)]),
    ]
    assert result["min_sdk_version"] == "2.8.0"
    assert result["app_key"] == KEY
    assert plain(result["sdk"]) == {
        "version": "2.8.3",
        "integrity": PUBLISHED_SRI["2.8.3"],
        "src": "https://t1.kakaocdn.net/kakao_js_sdk/2.8.3/kakao.min.js",
    }
    assert [w["code"] for w in result["warnings"]] == ["image_small"]
    assert result["warnings"][0]["path"] == "content.image_width"


def test_console_and_scrap_templates():
    result = prepare({"app-key": KEY, "template-id": "42", "template-args": '{"b": "2", "a": "1"}'}, PAGE)
    assert result["method"] == "sendCustom"
    assert keys(result["settings"]) == [("templateId", None), ("templateArgs", [("b", None), ("a", None)])]
    result = prepare({"app-key": KEY, "scrap": "", "url": "/elsewhere"}, PAGE)
    assert (result["method"], plain(result["settings"])) == (
        "sendScrap",
        {"requestUrl": "https://blog.example.com/elsewhere"},
    )
    assert result["min_sdk_version"] is None
    result = prepare({"app-key": KEY, "template-id": "42", "template-args": "{}"}, PAGE)
    assert plain(result["settings"]) == {"templateId": 42}


def test_a_message_kakao_would_refuse_is_an_error():
    result = prepare({"app-key": KEY, "scrap": "", "url": "https://example.com/" + "x" * PAYLOAD_LIMIT}, PAGE)
    assert not result["ok"] and result["settings"] is None and result["sdk"] is None
    [error] = result["errors"]
    assert (error["path"], error["code"]) == ("", "payload_too_large")
    assert "10,0" in error["rule"]
    result = prepare({"app-key": KEY}, {"url": "file:///home/me/page.html"})
    assert [e["path"] for e in result["errors"]] == ["web_url", "mobile_web_url"]
    result = prepare({"app-key": KEY, "scrap": ""}, {"url": "file:///home/me/page.html"})
    assert [(e["path"], e["code"]) for e in result["errors"]] == [("url", "url")]


def test_attribute_errors_and_warnings():
    result = prepare({"template-id": "x", "app-key": "placeholder"}, PAGE)
    assert not result["ok"] and result["method"] is None and result["app_key"] is None
    assert [finding_text(e) for e in result["errors"]] == [
        'template-id: must be a whole number (fix: write it as digits only, e.g. template-id="12345")'
    ]
    result = prepare({"app-key": "placeholder"}, {"url": PAGE["url"], "json_ld": ["{"]})
    assert [w["code"] for w in result["warnings"]] == ["app_key_format", "json_ld_invalid"]


def test_buttons_with_a_template_are_left_to_the_full_runtime():
    result = prepare({"app-key": KEY, "template-src": "share.json.j2", "sdk-version": "2.7.4"}, PAGE)
    assert result["ok"] and result["needs_template"] and result["settings"] is None
    assert result["template_src"] == "https://blog.example.com/posts/share.json.j2"
    assert result["sdk"]["integrity"] == PUBLISHED_SRI["2.7.4"]
    result = prepare({"app-key": KEY}, PAGE, '{"object_type": "text"}')
    assert result["needs_template"] and result["template_src"] is None
    based = prepare(
        {"app-key": KEY, "template-src": "t.j2"}, {"url": PAGE["url"], "base_url": "https://cdn.example.com/"}
    )
    assert based["template_src"] == "https://cdn.example.com/t.j2"


def test_an_old_sdk_is_reported_before_the_click():
    result = prepare({"app-key": KEY}, {"url": PAGE["url"], "title": "no image"})
    assert result["min_sdk_version"] == "2.7.0"
    found = sdk_too_old(result, "2.6.0")
    assert (
        found["path"] == "sdk-version"
        and found["rule"]
        == "content without a title or an image: needs Kakao SDK 2.7.0 or later; this page loaded 2.6.0"
    )
    assert sdk_too_old(result, "2.7.4") is None
    picker = prepare({"app-key": KEY, "picker-limit": "2"}, PAGE)
    assert "picker settings" in sdk_too_old(picker, "2.7.1")["rule"]
