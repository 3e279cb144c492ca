"""WidgetConfig: a <kakao-share-button>'s attributes, validated, with mistakes explained as attributes."""

from __future__ import annotations

import pytest
from kakao_share import (
    CustomTemplate,
    FeedTemplate,
    PageMetadata,
    ScrapTemplate,
    ShareOptions,
    TemplateError,
    TemplateRenderError,
    WidgetConfig,
)

PAGE_URL = "https://blog.example.com/posts/7"
KEY = "0123456789abcdef0123456789abcdef"
PAGE = PageMetadata(url=PAGE_URL, meta=[("og:title", "Spring notes")])


def config(**attributes: str) -> WidgetConfig:
    return WidgetConfig.from_attributes({"app-key": KEY, **attributes}, page_url=PAGE_URL)


def problems(attributes: dict[str, str], inline: str | None = None) -> list[tuple[str, str, str]]:
    with pytest.raises(TemplateError) as err:
        WidgetConfig.from_attributes(attributes, page_url=PAGE_URL, inline_template=inline)
    assert err.value.model == "<kakao-share-button>"
    return [(p.path, p.rule, p.fix) for p in err.value.problems]


def test_just_an_app_key_shares_a_feed_of_the_page():
    template, options = config().share_parts(PAGE)
    assert isinstance(template, FeedTemplate)
    assert template.content.title == "Spring notes"
    assert template.content.link.web_url == PAGE_URL
    assert options == ShareOptions()


def test_a_console_template_with_its_arguments():
    template, _ = config(**{"template-id": " 10123 ", "template-args": '{"name": "Jisu"}'}).share_parts(PAGE)
    assert template == CustomTemplate(template_id=10123, template_args={"name": "Jisu"})


def test_scrap_shares_the_page_or_the_given_url():
    assert config(scrap="").share_parts(PAGE).template == ScrapTemplate(request_url=PAGE_URL)
    template, _ = config(scrap="scrap", url="/other?x=1", **{"template-id": "5"}).share_parts(PAGE)
    assert template == ScrapTemplate(request_url="https://blog.example.com/other?x=1", template_id=5)


def test_share_options_from_attributes():
    _, options = config(
        **{"callback-args": '{"post": "7"}', "install-talk": "", "picker-type": "chat", "picker-limit": "3"}
    ).share_parts(PAGE)
    assert options.to_js() == {
        "installTalk": True,
        "serverCallbackArgs": {"post": "7"},
        "pickerSettings": {"type": "chat", "limit": 3},
    }
    assert config(**{"install-talk": "false"}).options.install_talk is None


def test_inline_template_is_filled_from_the_page_and_data_attributes():
    source = '{"object_type": "text", "text": {{ title ~ " " ~ data.sale_price }}, "link": {"web_url": {{ url }}}}'
    widget = WidgetConfig.from_attributes(
        {"app-key": KEY, "data-sale-price": "9,000", "DATA-Extra": "x"}, page_url=PAGE_URL, inline_template=source
    )
    assert widget.data == {"sale_price": "9,000", "extra": "x"}
    template, _ = widget.share_parts(PAGE)
    assert template.text == "Spring notes 9,000"
    assert widget.template_name == '<script type="text/x-kakao-template">'


def test_template_src_is_read_against_the_page_and_needs_its_text():
    widget = config(**{"template-src": "../share.json.j2"})
    assert widget.template_src == "https://blog.example.com/share.json.j2"
    with pytest.raises(ValueError, match="fetched first"):
        widget.share_parts(PAGE)
    with pytest.raises(TemplateRenderError) as err:
        widget.share_parts(PAGE, '{\n  "object_type": "text",\n  "text": {{ product.name }}\n}')
    assert err.value.name == "https://blog.example.com/share.json.j2"
    assert err.value.lineno == 3


def test_every_mistake_is_reported_at_once_as_attribute_rule_and_fix():
    found = problems(
        {
            "template-id": "12a",
            "template-args": '{"count": 3}',
            "picker-limit": "20",
            "scrap": "yes",
            "tempalte-src": "x.j2",
            "style": "color: red",
            "data-x": "kept",
        }
    )
    paths = [path for path, _, _ in found]
    assert paths == ["tempalte-src", "app-key", "template-id", "template-args.count", "scrap", "picker-limit"]
    by_path = {path: (rule, fix) for path, rule, fix in found}
    assert by_path["tempalte-src"] == ("is not an attribute of <kakao-share-button>", "did you mean template-src?")
    assert by_path["template-id"] == ("must be a whole number", 'write it as digits only, e.g. template-id="12345"')
    assert by_path["template-args.count"] == ("values must be strings, not 3", 'put the value in quotes: "3"')
    assert by_path["scrap"][1] == "write scrap alone to turn it on"
    assert by_path["app-key"][0] == "is required: the app's JavaScript key"
    assert all(fix for _, _, fix in found)


@pytest.mark.parametrize(
    ("attributes", "path", "rule"),
    [
        ({"template-args": '{"a": "1"}'}, "template-args", "no template-id"),
        ({"template-args": "{bad"}, "template-args", "not valid JSON"),
        ({"template-args": '["a"]'}, "template-args", "must be a JSON object"),
        ({"callback-args": '{"a": {"b": "c"}}'}, "callback-args.a", "nested"),
        ({"scrap": "", "template-src": "t.j2"}, "scrap", "cannot use"),
        ({"template-id": "0"}, "template-id", "positive integer"),
        ({"picker-limit": "0"}, "picker-limit", "from 1 to 10"),
        ({"picker-type": "friends"}, "picker-type", "friend or chat"),
        ({"picker-type": "chat", "picker-limit": "8"}, "picker-limit", "at most 5"),
        ({"url": "javascript:alert(1)"}, "url", "javascript: URLs are not allowed"),
        ({"url": " "}, "url", "is empty"),
        ({"sdk-version": "latest"}, "sdk-version", "such as 2.8.3"),
        ({"sdk-integrity": "sha384-abc"}, "sdk-integrity", "no sdk-version"),
        ({"sdk-version": "2.9.0"}, "sdk-integrity", "is needed for Kakao SDK 2.9.0"),
        ({"sdk-version": "2.8.0", "sdk-integrity": "md5-x"}, "sdk-integrity", "SRI hash"),
    ],
)
def test_mistakes_name_the_attribute(attributes, path, rule):
    [(found_path, found_rule, fix)] = problems({"app-key": KEY, **attributes})
    assert found_path == path
    assert rule in found_rule
    assert fix


def test_a_template_id_and_a_jinja_template_are_not_both_allowed():
    [(path, rule, _)] = problems({"app-key": KEY, "template-id": "1"}, inline="{}")
    assert path == "template-id"
    assert "not both" in rule
    [(path, _, _)] = problems({"app-key": KEY, "template-src": "t.j2"}, inline="{}")
    assert path == "template-src"


def test_a_message_kakao_would_refuse_is_reported_for_the_element():
    with pytest.raises(TemplateError) as err:
        config(scrap="", url="https://example.com/" + "x" * 10_000).share_parts(PAGE)
    assert err.value.model == "<kakao-share-button>"
    assert "payload" in err.value.problems[0].rule


def test_presentation_and_global_attributes_are_not_mistakes():
    widget = config(
        text="Share", size="large", theme="dark", lang="ko", id="b", **{"aria-label": "Share", "class": "x"}
    )
    assert widget.app_key == KEY


def test_an_app_key_that_is_still_a_placeholder_is_a_warning():
    assert config().warnings() == []
    [warning] = WidgetConfig.from_attributes({"app-key": "JAVASCRIPT_KEY"}, page_url=PAGE_URL).warnings()
    assert warning.path == "app-key"
    assert "32 characters" in warning.rule


def test_a_self_hosted_sdk_is_read_against_the_page():
    widget = config(**{"sdk-src": "/vendor/kakao.min.js", "sdk-version": "2.7.4", "sdk-integrity": "sha384-AbC+/9="})
    assert (widget.sdk_src, widget.sdk_version, widget.sdk_integrity) == (
        "https://blog.example.com/vendor/kakao.min.js",
        "2.7.4",
        "sha384-AbC+/9=",
    )


def test_the_sdk_build_defaults_to_the_published_one():
    assert config().sdk_build == ("2.8.3", None, None)
    assert config(**{"sdk-version": "2.7.1"}).sdk_build == ("2.7.1", None, None)  # its hash is published
    assert config(**{"sdk-version": "2.7.9"}).sdk_build == ("2.7.9", None, None)


def test_the_old_name_of_share_parts_still_works_and_says_it_is_deprecated():
    with pytest.warns(DeprecationWarning, match=r"WidgetConfig\.share_parts\(\)"):
        assert config().settings(PAGE) == config().share_parts(PAGE)
