"""The playground's page-independent Python (web/playground): presets, evaluation, links, words."""

from __future__ import annotations

import string
import sys
from pathlib import Path

import pytest
from kakao_share import ShareLink, TemplateError, check, form_for_settings, message_form, parse_settings

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "web"))

from playground.i18n import UI
from playground.logic import Change, evaluate, restore
from playground.presets import PRESETS

BASE = "https://user.example.io/project/playground/"


@pytest.mark.parametrize("preset", PRESETS, ids=lambda p: p.name)
def test_presets_are_valid_messages_kakao_shows_in_full(preset):
    settings = preset.build(BASE)
    template, _options = parse_settings(settings)
    assert check(template) == []
    assert preset.label.en and preset.label.ko
    form = form_for_settings(settings)
    values, problems = form.values(settings)
    assert problems == []
    evaluation = evaluate(form, values)
    assert evaluation.valid and evaluation.template == template
    assert ShareLink.parse(evaluation.link).split().template == template
    assert not restore(evaluation.link).needs_edit


def test_presets_cover_the_promised_starting_points():
    assert [p.name for p in PRESETS] == ["product", "event", "article", "restaurant", "receipt"]
    kinds = {p.name: p.build(BASE).get("objectType") for p in PRESETS}
    assert kinds == {
        "product": "commerce",
        "event": "feed",
        "article": "list",
        "restaurant": "location",
        "receipt": "feed",
    }
    assert PRESETS[4].build(BASE)["itemContent"]["items"]


def test_evaluation_of_an_invalid_form_places_problems_and_blocks_code():
    form = message_form("text")
    values = form.blank()
    values["link.web_url"] = "javascript:alert(1)"
    evaluation = evaluate(form, values)
    assert not evaluation.valid
    assert set(evaluation.errors) == {"text", "link.web_url"}
    assert evaluation.code == {} and evaluation.preview is None
    assert evaluation.problem_count() == 2
    restored = restore(evaluation.link)
    assert restored.form.kind == "text" and restored.values["link.web_url"] == "javascript:alert(1)"


def test_evaluation_of_a_valid_form_has_code_preview_and_link():
    form = message_form("custom")
    values = form.add_row(form.blank(), "template_args")
    values.update({"template_id": "12", "template_args[0].key": "name", "template_args[0].value": "Kim"})
    evaluation = evaluate(form, values, app_key="KEY", sdk_version="2.8.0", integrity="sha384-x")
    assert evaluation.valid and evaluation.needs is None
    assert set(evaluation.code) == {"python", "javascript", "button", "json"}
    assert 'Kakao.init("KEY")' in evaluation.code["javascript"]
    assert "createCustomButton" in evaluation.code["button"]
    assert "ks-card--custom" in evaluation.preview
    expected = ShareLink("sendCustom", {"templateId": 12, "templateArgs": {"name": "Kim"}})
    assert ShareLink.parse(evaluation.link) == expected


def test_warnings_do_not_block_sharing():
    form = message_form("text")
    values = form.blank()
    values.update({"text": "가" * 201, "link.web_url": "https://example.com"})
    evaluation = evaluate(form, values)
    assert evaluation.valid
    assert list(evaluation.warnings) == ["text"]


def test_restoring_an_unknown_type_shows_a_feed_and_says_why():
    restored = restore(ShareLink("sendDefault", {"objectType": "memo", "text": "x"}).fragment())
    assert restored.form.kind == "feed"
    assert restored.problems[0].path == "object_type"


LINK = {"webUrl": "https://example.com"}
CONTENT = {"title": "Mug", "imageUrl": "https://example.com/mug.png"}


@pytest.mark.parametrize(
    ("settings", "wrong", "change"),
    [
        ({"objectType": "feed", "content": CONTENT}, ("content.link", "missing"), Change("content.link", None, "{}")),
        ({"objectType": "text", "text": "hi"}, ("link", "missing"), Change("link", None, "{}")),
        (
            {
                "objectType": "calendar",
                "idType": "event",
                "id": "e1",
                "content": {**CONTENT, "link": LINK},
                "buttonTitle": "Go",
            },
            ("button_title", "extra_forbidden"),
            None,  # the form says it left button_title out
        ),
        (
            {"objectType": "commerce", "content": {**CONTENT, "link": LINK}, "commerce": {"regularPrice": "1000"}},
            ("commerce.regular_price", "int_type"),
            Change("commerce.regular_price", '"1000"', "1000"),
        ),
    ],
    ids=["feed-without-content-link", "text-without-link", "calendar-with-button-title", "price-as-text"],
)
def test_a_link_to_an_invalid_message_says_what_was_wrong_and_what_the_form_changed(settings, wrong, change):
    restored = restore(ShareLink("sendDefault", settings).fragment())
    assert [(item.path, item.code) for item in restored.wrong] == [wrong]
    assert restored.changes == ([change] if change else [])
    assert restored.needs_edit


def test_a_link_in_snake_case_is_the_same_message():
    settings = {"object_type": "text", "text": "hi", "link": {"web_url": "https://example.com"}}
    restored = restore(ShareLink("sendDefault", settings).fragment())
    assert (restored.wrong, restored.changes, restored.needs_edit) == ([], [], False)


def test_the_pages_own_keys_are_not_a_change():
    settings = {"template_id": "12a", "template_args": {"order_id": "A-1"}}
    restored = restore(ShareLink("sendCustom", settings).fragment())
    assert [item.path for item in restored.wrong] == ["template_id"]
    assert restored.changes == []  # the form shows "12a" as it is, and the key order_id as written


def test_restoring_a_malformed_link_raises():
    with pytest.raises(TemplateError):
        restore("#share=%%%")


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(UI))
def test_every_ui_text_has_both_languages_with_the_same_placeholders(key):
    text = UI[key]
    assert text.en and text.ko
    assert _fields(text.en) == _fields(text.ko), key
