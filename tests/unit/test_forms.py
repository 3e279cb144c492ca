"""Message forms: every model field has an input, and values <-> settings round-trip exactly."""

from __future__ import annotations

import pytest
from kakao_share import (
    MESSAGE_KINDS,
    FormField,
    FormGroup,
    FormPairs,
    ShareOptions,
    TemplateError,
    form_for_settings,
    message_form,
    parse_settings,
    parse_template,
    share_settings,
)
from kakao_share._options import PickerSettings
from pydantic import BaseModel

LINK = {"web_url": "https://example.com/p", "mobile_web_url": "https://m.example.com/p"}
CONTENT = {"title": "Title", "description": "Body", "image_url": "https://example.com/a.png", "link": LINK}
FULL = {
    "feed": {
        "object_type": "feed",
        "content": {**CONTENT, "image_width": 640, "image_height": 480},
        "item_content": {
            "profile_text": "Shop",
            "profile_image_url": "https://example.com/p.png",
            "title_image_url": "https://example.com/t.png",
            "title_image_text": "Order",
            "title_image_category": "Food",
            "items": [{"item": "Cake", "item_op": "1,000원"}, {"item": "Tea", "item_op": "2,000원"}],
            "sum": "Total",
            "sum_op": "3,000원",
        },
        "social": {"like_count": 1, "comment_count": 2, "shared_count": 3},
        "buttons": [{"title": "Open", "link": LINK}, {"title": "App", "link": {"android_execution_params": "a=1"}}],
    },
    "list": {
        "object_type": "list",
        "header_title": "Top",
        "header_link": LINK,
        "contents": [CONTENT, {**CONTENT, "title": "Two"}, {**CONTENT, "title": "Three"}],
        "button_title": "More",
    },
    "location": {
        "object_type": "location",
        "content": CONTENT,
        "address": "판교역로 166",
        "address_title": "Kakao",
        "social": {"view_count": 9},
    },
    "commerce": {
        "object_type": "commerce",
        "content": CONTENT,
        "commerce": {
            "product_name": "Mug",
            "regular_price": 20000,
            "discount_price": 15000,
            "discount_rate": 25,
            "fixed_discount_price": 5000,
            "currency_unit": "$",
            "currency_unit_position": 1,
        },
    },
    "text": {"object_type": "text", "text": "Hi", "link": LINK, "button_title": "Go", "buttons": []},
    "calendar": {"object_type": "calendar", "id_type": "event", "id": "evt-1", "content": CONTENT},
    "scrap": {"request_url": "https://example.com/a", "template_id": 12, "template_args": {"k": "v"}},
    "custom": {"template_id": 10123, "template_args": {"name": "지수", "price": "1,000원"}},
}
OPTIONS = ShareOptions(
    install_talk=True,
    server_callback_args={"order": "A-1", "user": "u"},
    picker_settings=PickerSettings(type="chat", limit=5),
)
MODELS = {kind: type(parse_template(data)) for kind, data in FULL.items()}
#: Options the form leaves out on purpose: the SDK defaults are what a playground user wants.
NOT_IN_FORM = {"through_talk", "extras"}


def _model_of(annotation: object) -> type[BaseModel] | None:
    seen = [annotation]
    while seen:
        item = seen.pop()
        if isinstance(item, type) and issubclass(item, BaseModel):
            return item
        seen.extend(getattr(item, "__args__", ()))
        origin = getattr(item, "__origin__", None)
        if origin is not None:
            seen.append(origin)
        metadata = getattr(item, "__metadata__", None)
        if metadata is not None:
            seen.append(item.__origin__)
    return None


def _assert_covers(nodes: tuple, model: type[BaseModel], skip: set[str], where: str) -> None:
    names = {node.name for node in nodes}
    fields = set(model.model_fields) - skip
    assert names == fields, f"{where}: form has {sorted(names - fields)} extra, lacks {sorted(fields - names)}"
    for node in nodes:
        if isinstance(node, FormGroup):
            inner = _model_of(model.model_fields[node.name].annotation)
            assert inner is not None, f"{where}.{node.name} is not a model"
            _assert_covers(node.children, inner, set(), f"{where}.{node.name}")
        elif isinstance(node, FormPairs):
            assert _model_of(model.model_fields[node.name].annotation) is None


@pytest.mark.parametrize("kind", MESSAGE_KINDS)
def test_every_model_field_has_an_input_and_no_input_is_invented(kind):
    form = message_form(kind)
    _assert_covers(form.message.children, MODELS[kind], {"object_type"}, kind)
    _assert_covers(form.options.children, ShareOptions, NOT_IN_FORM, "options")


@pytest.mark.parametrize("kind", MESSAGE_KINDS)
def test_every_label_and_hint_is_in_korean_and_english(kind):
    form = message_form(kind)
    for path, field in form.fields(form.blank()):
        assert field.label.en and field.label.ko, path
        assert field.label.ko != field.label.en, path
        if field.hint is not None:
            assert field.hint.en and field.hint.ko, path
    assert form.label.ko and form.description.ko


@pytest.mark.parametrize("kind", MESSAGE_KINDS)
def test_settings_round_trip_through_form_values(kind):
    template = parse_template(FULL[kind])
    settings = share_settings(template, OPTIONS)
    form = form_for_settings(settings, template.send_method)
    assert form is not None and form.kind == kind
    values, problems = form.values(settings)
    assert problems == []
    again, problems = form.to_settings(values)
    assert problems == []
    assert again == settings
    assert list(again) == list(settings)  # the form writes keys in the SDK's order
    assert parse_settings(again) == (template, OPTIONS)


def test_blank_form_has_the_fewest_rows_and_every_input():
    form = message_form("list")
    values = form.blank()
    assert form.rows(values, "contents") == 2
    assert form.rows(values, "buttons") == 0
    assert "contents[1].link.web_url" in values
    assert values["install_talk"] is False
    assert set(values) == {path for path, _ in form.fields(values)}


def test_empty_inputs_are_left_out_and_required_groups_stay():
    form = message_form("text")
    settings, problems = form.to_settings(form.blank())
    assert problems == []
    assert settings == {"objectType": "text", "link": {}}


def test_whole_numbers_become_integers_and_anything_else_is_reported_at_its_input():
    form = message_form("commerce")
    values = form.blank()
    values["commerce.regular_price"] = " 18000 "
    values["commerce.discount_rate"] = "12.5"
    values["commerce.currency_unit_position"] = "1"
    values["content.title"] = "Mug"
    settings, _ = form.to_settings(values)
    assert settings["commerce"]["regularPrice"] == 18000
    assert settings["commerce"]["currencyUnitPosition"] == 1
    with pytest.raises(TemplateError) as caught:
        parse_settings(settings)
    assert [form.locate(p.path, values) for p in caught.value.problems] == ["commerce.discount_rate"]


def test_rows_are_added_and_removed_with_later_rows_moving_up():
    form = message_form("feed")
    values = form.blank()
    values = form.add_row(values, "buttons")
    values = form.add_row(values, "buttons")
    values["buttons[0].title"] = "first"
    values["buttons[1].title"] = "second"
    values["buttons[1].link.web_url"] = "https://example.com/2"
    values = form.remove_row(values, "buttons", 0)
    assert form.rows(values, "buttons") == 1
    assert values["buttons[0].title"] == "second"
    assert values["buttons[0].link.web_url"] == "https://example.com/2"
    assert "buttons[1].title" not in values


def test_too_many_rows_are_an_error_at_the_group():
    form = message_form("feed")
    values = form.blank()
    values["content.title"] = "x"
    for _ in range(3):
        values = form.add_row(values, "buttons")
    for i in range(3):
        values[f"buttons[{i}].title"] = str(i)
    settings, _ = form.to_settings(values)
    with pytest.raises(TemplateError) as caught:
        parse_settings(settings)
    assert [form.locate(p.path, values) for p in caught.value.problems] == ["buttons"]
    assert form.node("buttons").repeat == (0, 2)


def test_key_value_rows_become_a_mapping_and_problems_point_at_the_row():
    form = message_form("custom")
    values = form.blank()
    values["template_id"] = "7"
    for key, value in (("name", "Kim"), ("", "orphan"), ("name", "again"), ("", "")):
        values = form.add_row(values, "template_args")
        row = form.rows(values, "template_args") - 1
        values[f"template_args[{row}].key"] = key
        values[f"template_args[{row}].value"] = value
    settings, problems = form.to_settings(values)
    assert settings == {"templateId": 7, "templateArgs": {"name": "Kim"}}
    assert [(p.path, p.code) for p in problems] == [
        ("template_args[1].key", "key_missing"),
        ("template_args[2].key", "duplicate_key"),
    ]
    assert form.locate('template_args["name"]', values) == "template_args[0].value"
    assert form.locate('template_args["gone"]', values) == "template_args"


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("content.link.web_url", "content.link.web_url"),
        ("buttons[1].link", "buttons[1].link"),
        ("buttons", "buttons"),
        ("", ""),
        ("content.nonsense", "content"),
        ("picker_settings.limit", "picker_settings.limit"),
        ('server_callback_args["a"]', "server_callback_args"),
    ],
)
def test_locate_finds_the_nearest_input(path, expected):
    form = message_form("feed")
    assert form.locate(path, form.blank()) == expected


def test_values_report_what_the_form_cannot_hold_and_keep_the_rest():
    form = message_form("text")
    values, problems = form.values(
        {
            "objectType": "text",
            "text": "Hi",
            "link": {"webUrl": "https://example.com", "url": "nope"},
            "extras": {"a": 1},
            "serverCallbackArgs": {"n": 1, "s": "ok"},
            "buttons": "not a list",
        }
    )
    assert values["text"] == "Hi"
    assert values["link.web_url"] == "https://example.com"
    assert values["server_callback_args[1].value"] == "ok"
    assert {p.path for p in problems} == {"link.url", "extras", "server_callback_args[0].value", "buttons"}
    assert all(p.code == "not_in_form" for p in problems)


def test_values_of_another_type_say_so():
    form = message_form("feed")
    _values, problems = form.values({"objectType": "text", "text": "Hi"})
    assert {p.path for p in problems} == {"object_type", "text"}


@pytest.mark.parametrize(
    ("settings", "method", "kind"),
    [
        ({"objectType": "list"}, None, "list"),
        ({"requestUrl": "https://e.com"}, None, "scrap"),
        ({"templateId": 1}, None, "custom"),
        ({"templateId": 1}, "sendScrap", "scrap"),
        ({}, "sendCustom", "custom"),
        ({"objectType": "nope"}, "sendDefault", None),
        ({"objectType": "feed"}, "sendEmail", None),
        ({}, None, None),
    ],
)
def test_form_for_settings(settings, method, kind):
    form = form_for_settings(settings, method)
    assert (form.kind if form else None) == kind


def test_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="no message type 'memo'"):
        message_form("memo")


def test_limits_come_from_the_documented_display_limits():
    form = message_form("feed")
    limits = {path: field.limit for path, field in form.fields(form.add_row(form.blank(), "item_content.items"))}
    assert limits["item_content.profile_text"] == 16
    assert limits["item_content.items[0].item"] == 6
    assert limits["item_content.sum_op"] == 11
    assert message_form("text").node("text").limit == 200
    assert isinstance(message_form("text").node("text"), FormField)


def test_picker_group_says_which_sdk_it_needs():
    picker = message_form("feed").node("picker_settings")
    assert isinstance(picker, FormGroup)
    assert picker.since == ShareOptions(picker_settings={"type": "friend"}).min_sdk_version == (2, 8, 0)


def test_kinds_and_send_methods_come_from_the_template_classes():
    from kakao_share import CustomTemplate, ScrapTemplate
    from kakao_share._templates import DEFAULT_TEMPLATE_CLASSES

    object_types = [cls.model_fields["object_type"].default for cls in DEFAULT_TEMPLATE_CLASSES]
    assert list(MESSAGE_KINDS) == [*object_types, "scrap", "custom"]
    for kind in object_types:
        assert message_form(kind).method == "sendDefault"
    assert message_form("scrap").method == ScrapTemplate.send_method == "sendScrap"
    assert message_form("custom").method == CustomTemplate.send_method == "sendCustom"
    assert form_for_settings({"requestUrl": "https://a.example"}, "sendScrap") is message_form("scrap")
    assert form_for_settings({}, "sendCustom") is message_form("custom")
    assert form_for_settings({"objectType": "text"}, "sendDefault") is message_form("text")
    assert form_for_settings({}, "sendSomething") is None


def test_form_bounds_are_the_models_constraints():
    from kakao_share import FeedTemplate
    from kakao_share.portable import limits

    feed = message_form("feed")
    assert feed.node("buttons").repeat == (0, limits.MAX_BUTTONS)
    assert feed.node("item_content.items").repeat == (0, limits.MAX_ITEM_ROWS)
    assert message_form("list").node("contents").repeat == limits.LIST_CONTENTS
    rate = message_form("commerce").node("commerce.discount_rate")
    assert (rate.minimum, rate.maximum) == limits.DISCOUNT_RATE
    picker = feed.node("picker_settings.limit")
    assert (picker.minimum, picker.maximum) == limits.PICKER_LIMIT
    assert message_form("custom").node("template_id").minimum == 1  # TemplateId is Gt(0)
    # and the models reject one more than the form offers
    too_many = {"title": "b", "link": {"web_url": "https://a.example"}}
    with pytest.raises(TemplateError):
        FeedTemplate.model_validate({"content": {"link": {}}, "buttons": [too_many] * (limits.MAX_BUTTONS + 1)})


def test_old_names_still_work_and_say_so():
    import kakao_share
    from kakao_share import ShareParts

    form = message_form("text")
    with pytest.warns(DeprecationWarning, match="to_settings"):
        assert form.settings(form.blank()) == form.to_settings(form.blank())
    with pytest.warns(DeprecationWarning, match="ShareParts"):
        assert kakao_share.ShareSettings is ShareParts
