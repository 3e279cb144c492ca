"""parse_settings: the one object JavaScript passes to Kakao.Share.send*, split into template and options."""

from __future__ import annotations

import json

import pytest
from kakao_share import (
    CustomTemplate,
    LocationTemplate,
    ScrapTemplate,
    ShareOptions,
    TemplateError,
    TextTemplate,
    parse_settings,
    share_settings,
)

LINK = {"webUrl": "https://example.com/p/1", "mobileWebUrl": "https://m.example.com/p/1"}
CONTENT = {"title": "Kakao Pangyo", "imageUrl": "https://example.com/a.png", "link": LINK}


def test_options_written_beside_the_template_are_split_out():
    # As every JavaScript example writes it: the options in the same object as the template.
    settings = {"objectType": "location", "content": CONTENT, "address": "판교역로 166", "installTalk": True}
    template, options = parse_settings(settings)
    assert isinstance(template, LocationTemplate)
    assert template.address == "판교역로 166"
    assert options == ShareOptions(install_talk=True)


def test_it_is_the_inverse_of_share_settings():
    settings = {
        "objectType": "text",
        "text": "See you at 7",
        "link": LINK,
        "buttonTitle": "Directions",
        "installTalk": False,
        "serverCallbackArgs": {"order_id": "A-17"},
        "pickerSettings": {"type": "chat", "limit": 5},
    }
    parsed = parse_settings(settings)
    assert share_settings(parsed.template, parsed.options) == settings
    assert parsed.options.lcba == '{"order_id":"A-17"}'


@pytest.mark.parametrize(
    ("settings", "kind"),
    [
        ({"templateId": 10123, "templateArgs": {"name": "Jisu"}, "throughTalk": False}, CustomTemplate),
        ({"requestUrl": "https://example.com/article/7", "serverCallbackArgs": '{"a": "1"}'}, ScrapTemplate),
        (
            {"object_type": "text", "text": "hi", "link": {"web_url": "https://example.com"}, "install_talk": True},
            TextTemplate,
        ),
    ],
)
def test_custom_scrap_and_snake_case_settings(settings, kind):
    template, options = parse_settings(settings)
    assert isinstance(template, kind)
    assert (
        options.to_js()
        == ShareOptions.model_validate(
            {k: v for k, v in settings.items() if k in {"throughTalk", "serverCallbackArgs", "install_talk"}}
        ).to_js()
    )


def test_json_text_and_no_options():
    template, options = parse_settings(json.dumps({"objectType": "text", "text": "hi", "link": LINK}))
    assert isinstance(template, TextTemplate)
    assert options == ShareOptions()
    assert options.to_js() == {}


def test_problems_in_both_parts_are_reported_together():
    settings = {"objectType": "text", "link": LINK, "installTalk": "yes", "pickerSettings": {"limit": 11}}
    with pytest.raises(TemplateError) as err:
        parse_settings(settings)
    assert set(err.value.paths) == {"text", "install_talk", "picker_settings.limit"}
    assert err.value.model == "share settings"


def test_a_problem_in_one_part_names_that_part():
    with pytest.raises(TemplateError) as err:
        parse_settings({"objectType": "text", "text": "hi", "link": LINK, "serverCallbackArgs": {"n": 1}})
    assert err.value.paths == ["server_callback_args.n"]
    assert err.value.model == "ShareOptions"


@pytest.mark.parametrize("bad", ["[1, 2]", "{not json", 42, None])
def test_not_an_object(bad):
    with pytest.raises(TemplateError) as err:
        parse_settings(bad)
    assert err.value.paths == [""]
    assert "share settings" in str(err.value) or "JSON" in str(err.value)


def test_the_deprecated_callback_is_named():
    with pytest.raises(TemplateError) as err:
        parse_settings({"objectType": "text", "text": "hi", "link": LINK, "callback": "f"})
    assert err.value.paths == ["callback"]
    assert "deprecated" in err.value.problems[0].rule
