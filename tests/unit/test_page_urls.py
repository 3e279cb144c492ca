"""Relative and empty image URLs, read as the page meant them when its address is known (``base_url``)."""

from __future__ import annotations

import pytest
from kakao_share import Finding, TemplateError, check, parse_settings, parse_template, share_settings

PAGE = "https://shop.example.com/products/mug?ref=home"
LINK = {"webUrl": "https://shop.example.com/products/mug"}


def feed(**content):
    return {"objectType": "feed", "content": {"title": "Mug", "link": LINK, **content}}


@pytest.mark.parametrize(
    ("given", "resolved"),
    [
        ("/placeholder-product.jpg", "https://shop.example.com/placeholder-product.jpg"),
        ("img/mug.png", "https://shop.example.com/products/img/mug.png"),
        ("../mug.png", "https://shop.example.com/mug.png"),
        ("//cdn.example.com/mug.png", "https://cdn.example.com/mug.png"),
    ],
)
def test_a_relative_image_url_is_resolved_against_the_page(given, resolved):
    template = parse_template(feed(imageUrl=given), base_url=PAGE)
    assert template.content.image_url == resolved
    assert check(template) == [
        Finding(
            "content.image_url",
            f"the relative image URL {given!r} was resolved against the page's address to {resolved}",
            "write the absolute address, so the message shows the same image wherever it is shared from",
            code="image_url_resolved",
        )
    ]


def test_an_empty_image_url_means_no_image():
    template = parse_template(feed(imageUrl=""), base_url=PAGE)
    assert template.content.image_url is None
    assert "imageUrl" not in template.to_js()["content"]
    assert [(f.path, f.code, f.rule) for f in check(template)] == [
        ("content.image_url", "image_url_empty", "an empty image URL was read as no image")
    ]


def test_every_image_field_and_nested_list_is_covered_in_either_spelling():
    data = {
        "object_type": "list",
        "header_title": "New",
        "header_link": LINK,
        "contents": [
            {"title": "a", "image_url": "a.png", "link": LINK},
            {"title": "b", "imageUrl": "https://cdn.example.com/b.png", "link": LINK},
        ],
    }
    template = parse_template(data, base_url=PAGE)
    assert [c.image_url for c in template.contents] == [
        "https://shop.example.com/products/a.png",
        "https://cdn.example.com/b.png",
    ]
    feed_data = {
        **feed(),
        "itemContent": {"profileImageUrl": "", "titleImageUrl": "/t.png", "items": [{"item": "a", "itemOp": "1원"}]},
    }
    findings = check(parse_template(feed_data, base_url=PAGE))
    assert [(f.path, f.code) for f in findings[:2]] == [
        ("item_content.profile_image_url", "image_url_empty"),
        ("item_content.title_image_url", "image_url_resolved"),
    ]


def test_only_image_fields_are_touched():
    # App parameters and template args may use the same names; they are the app's data, not URLs.
    data = {
        **feed(imageUrl="https://cdn.example.com/a.png"),
        "buttons": [{"title": "App", "link": {"androidExecutionParams": {"image_url": "/x"}}}],
    }
    template = parse_template(data, base_url=PAGE)
    assert template.buttons[0].link.android_execution_params == "image_url=%2Fx"
    assert check(template) == []
    custom = parse_template({"templateId": 3, "templateArgs": {"imageUrl": "/a.png"}}, base_url=PAGE)
    assert custom.template_args == {"imageUrl": "/a.png"}


def test_link_urls_and_non_http_images_stay_errors():
    with pytest.raises(TemplateError) as err:
        parse_template({**feed(imageUrl="data:image/png;base64,AA"), "buttons": []}, base_url=PAGE)
    assert err.value.paths == ["content.image_url"]
    with pytest.raises(TemplateError) as err:
        parse_template({"objectType": "text", "text": "t", "link": {"webUrl": "/p"}}, base_url=PAGE)
    assert err.value.paths == ["link.web_url"]


def test_without_a_base_url_the_current_errors_stay():
    with pytest.raises(TemplateError) as err:
        parse_template(feed(imageUrl="/placeholder-product.jpg"))
    assert err.value.paths == ["content.image_url"]
    assert "relative URLs are not allowed" in err.value.problems[0].rule
    with pytest.raises(TemplateError) as err:
        parse_template(feed(imageUrl=""))
    assert err.value.paths == ["content.image_url"]


@pytest.mark.parametrize("bad", ["/relative", "file:///tmp/page.html", "about:blank", 42])
def test_the_base_url_must_be_a_web_address(bad):
    with pytest.raises(TemplateError) as err:
        parse_template(feed(imageUrl="/a.png"), base_url=bad)
    assert err.value.paths == ["base_url"]


def test_a_resolved_template_equals_one_written_absolute():
    resolved = parse_template(feed(imageUrl="/a.png"), base_url=PAGE)
    written = parse_template(feed(imageUrl="https://shop.example.com/a.png"))
    assert resolved == written and hash(resolved) == hash(written)
    assert check(written) == []  # the finding belongs to the parse that resolved the URL
    assert resolved.to_js() == written.to_js()


def test_parse_settings_passes_the_base_url_on():
    template, options = parse_settings({**feed(imageUrl="/a.png"), "installTalk": True}, base_url=PAGE)
    assert share_settings(template, options)["content"]["imageUrl"] == "https://shop.example.com/a.png"
    assert [f.code for f in check(template)] == ["image_url_resolved"]


def test_check_strict_counts_what_was_resolved():
    template = parse_template(feed(imageUrl="/a.png"), base_url=PAGE)
    with pytest.raises(TemplateError) as err:
        check(template, strict=True)
    assert err.value.paths == ["content.image_url"]
