"""Each template type: exact wire dicts, key order, and every rule Kakao enforces."""

from __future__ import annotations

import json

import pytest
from kakao_share import (
    PAYLOAD_LIMIT,
    Button,
    CalendarTemplate,
    Commerce,
    CommerceTemplate,
    Content,
    CustomTemplate,
    FeedTemplate,
    ItemContent,
    ItemRow,
    Link,
    ListTemplate,
    LocationTemplate,
    ScrapTemplate,
    Social,
    TemplateError,
    TextTemplate,
    parse_template,
    template_json_schema,
)
from pydantic import ValidationError

WEB = "https://example.com"
LINK = {"web_url": WEB}


def content(**extra):
    return {"title": "t", "image_url": "https://example.com/i.png", "link": LINK, **extra}


def problems(exc_info):
    return [(p.path, p.rule) for p in exc_info.value.problems]


# --- the example in kakao_share._wire (rule 2) ---------------------------------------------------


def test_text_template_matches_the_spec_example_byte_for_byte():
    t = TextTemplate(text="hello", link=Link(web_url="https://example.com"), button_title="go")
    assert t.to_js() == {
        "objectType": "text",
        "text": "hello",
        "link": {"webUrl": "https://example.com"},
        "buttonTitle": "go",
    }
    expected = (
        '{"link_ver":"4.0","template_object":{"object_type":"text","button_title":"go",'
        '"link":{"web_url":"https://example.com"},"text":"hello"}}'
    )
    assert json.dumps(t.validation_params(), ensure_ascii=False, separators=(",", ":")) == expected
    assert t.payload_size == len(expected)


# --- exact wire forms per type ------------------------------------------------------------------


def test_feed_full_wire_forms_and_key_order():
    t = FeedTemplate(
        content=Content(
            title="Mug",
            description="350 ml",
            image_url="https://example.com/m.png",
            image_width=640,
            image_height=480,
            link=Link(web_url=WEB, mobile_web_url="https://m.example.com", android_execution_params={"id": 7}),
        ),
        item_content=ItemContent(
            profile_text="Shop",
            items=[ItemRow(item="Mug", item_op="1,000원")],
            sum="Total",
            sum_op="1,000원",
        ),
        social=Social(like_count=3, comment_count=0),
        button_title="Open",
        buttons=[
            Button(title="Buy", link=Link(web_url=WEB)),
            Button(title="App", link=Link(ios_execution_params="a=b")),
        ],
    )
    assert t.to_js() == {
        "objectType": "feed",
        "content": {
            "title": "Mug",
            "description": "350 ml",
            "imageUrl": "https://example.com/m.png",
            "imageWidth": 640,
            "imageHeight": 480,
            "link": {"webUrl": WEB, "mobileWebUrl": "https://m.example.com", "androidExecutionParams": "id=7"},
        },
        "itemContent": {
            "profileText": "Shop",
            "items": [{"item": "Mug", "itemOp": "1,000원"}],
            "sum": "Total",
            "sumOp": "1,000원",
        },
        "social": {"likeCount": 3, "commentCount": 0},
        "buttonTitle": "Open",
        "buttons": [
            {"title": "Buy", "link": {"webUrl": WEB}},
            {"title": "App", "link": {"iosExecutionParams": "a=b"}},
        ],
    }
    obj = t.to_template_object()
    assert list(obj) == ["object_type", "button_title", "content", "item_content", "social", "buttons"]
    assert list(obj["content"]) == ["title", "description", "image_url", "image_width", "image_height", "link"]
    assert obj["content"]["link"] == {
        "web_url": WEB,
        "mobile_web_url": "https://m.example.com",
        "android_execution_params": "id=7",
    }
    assert obj["item_content"]["items"] == [{"item": "Mug", "item_op": "1,000원"}]
    assert obj["social"] == {"like_count": 3, "comment_count": 0}


def test_list_header_title_goes_after_shared_fields():
    t = ListTemplate(
        header_title="Today",
        header_link=Link(web_url=WEB),
        contents=[Content(**content()), Content(**content(title="u"))],
        buttons=[Button(title="More", link=Link(web_url=WEB))],
    )
    assert list(t.to_js()) == ["objectType", "headerTitle", "headerLink", "contents", "buttons"]
    obj = t.to_template_object()
    assert list(obj) == ["object_type", "header_link", "contents", "buttons", "header_title"]
    assert obj["header_title"] == "Today"
    assert obj["header_link"] == {"web_url": WEB}


def test_location_address_title_defaults_to_empty_string_only_on_the_wire():
    t = LocationTemplate(content=Content(**content()), address="Seoul")
    assert t.to_js() == {
        "objectType": "location",
        "content": {"title": "t", "imageUrl": "https://example.com/i.png", "link": {"webUrl": WEB}},
        "address": "Seoul",
    }
    obj = t.to_template_object()
    assert list(obj) == ["object_type", "content", "address", "address_title"]
    assert obj["address_title"] == ""
    t2 = LocationTemplate(
        content=Content(**content()),
        address="Seoul",
        address_title="Office",
        social=Social(view_count=1),
        button_title="Go",
    )
    assert list(t2.to_template_object()) == [
        "object_type",
        "button_title",
        "content",
        "social",
        "address",
        "address_title",
    ]
    assert t2.to_template_object()["address_title"] == "Office"


def test_calendar_id_fields_go_last():
    t = CalendarTemplate(id_type="event", id="abc123", content=Content(**content()))
    assert t.to_js() == {
        "objectType": "calendar",
        "idType": "event",
        "id": "abc123",
        "content": {"title": "t", "imageUrl": "https://example.com/i.png", "link": {"webUrl": WEB}},
    }
    assert list(t.to_template_object()) == ["object_type", "content", "id_type", "id"]


def test_commerce_wire_forms():
    t = CommerceTemplate(
        content=Content(**content()),
        commerce=Commerce(
            product_name="Mug",
            regular_price=10000,
            discount_price=8000,
            discount_rate=20,
            currency_unit="원",
            currency_unit_position=0,
        ),
    )
    assert t.to_js()["commerce"] == {
        "productName": "Mug",
        "regularPrice": 10000,
        "discountPrice": 8000,
        "discountRate": 20,
        "currencyUnit": "원",
        "currencyUnitPosition": 0,
    }
    obj = t.to_template_object()
    assert list(obj) == ["object_type", "content", "commerce"]
    assert obj["commerce"] == {
        "product_name": "Mug",
        "regular_price": 10000,
        "discount_price": 8000,
        "discount_rate": 20,
        "currency_unit": "원",
        "currency_unit_position": 0,
    }


def test_custom_wire_forms():
    t = CustomTemplate(template_id=1234, template_args={"NAME": "Kim", "PRICE": "1,000"})
    assert t.to_js() == {"templateId": 1234, "templateArgs": {"NAME": "Kim", "PRICE": "1,000"}}
    assert t.validation_params() == {
        "link_ver": "4.0",
        "template_id": 1234,
        "template_args": {"NAME": "Kim", "PRICE": "1,000"},
    }
    bare = CustomTemplate(templateId=5)
    assert bare.to_js() == {"templateId": 5}
    assert bare.validation_params() == {"link_ver": "4.0", "template_id": 5, "template_args": {}}
    assert CustomTemplate(template_id=5, template_args={}) == bare


def test_scrap_wire_forms():
    t = ScrapTemplate(request_url="https://example.com/post/1")
    assert t.to_js() == {"requestUrl": "https://example.com/post/1"}
    assert json.dumps(t.validation_params(), separators=(",", ":")) == (
        '{"link_ver":"4.0","request_url":"https://example.com/post/1","template_args":{}}'
    )
    t2 = ScrapTemplate(request_url="https://example.com/", template_id=9, template_args={"A": "b"})
    assert t2.to_js() == {"requestUrl": "https://example.com/", "templateId": 9, "templateArgs": {"A": "b"}}
    assert list(t2.validation_params()) == ["link_ver", "request_url", "template_id", "template_args"]


def test_wire_forms_never_contain_none_or_empty_lists():
    t = FeedTemplate(content=Content(link=Link()), buttons=[], social=None)
    assert t.to_js() == {"objectType": "feed", "content": {"link": {}}}
    assert t.to_template_object() == {"object_type": "feed", "content": {"link": {}}}
    assert t.buttons is None


def test_to_js_returns_fresh_dicts():
    t = FeedTemplate(content=Content(**content()))
    first = t.to_js()
    first["content"]["title"] = "changed"
    first["objectType"] = "list"
    assert t.to_js()["content"]["title"] == "t"
    obj = t.to_template_object()
    obj["content"]["link"]["web_url"] = "x"
    assert t.to_template_object()["content"]["link"]["web_url"] == WEB


def test_send_method_and_validation_action():
    assert FeedTemplate.send_method == "sendDefault" and FeedTemplate.validation_action == "default"
    assert CustomTemplate.send_method == "sendCustom" and CustomTemplate.validation_action == "custom"
    assert ScrapTemplate.send_method == "sendScrap" and ScrapTemplate.validation_action == "scrap"


# --- camelCase and snake_case input --------------------------------------------------------------


def test_camel_and_snake_input_give_equal_models():
    snake = FeedTemplate(content={"title": "a", "image_url": "https://e.com/i.png", "link": {"mobile_web_url": WEB}})
    camel = FeedTemplate(content={"title": "a", "imageUrl": "https://e.com/i.png", "link": {"mobileWebUrl": WEB}})
    assert snake == camel
    assert hash(snake) == hash(camel)
    assert FeedTemplate.model_validate({"objectType": "feed", "content": {"link": {}}}) == FeedTemplate(
        content=Content(link=Link())
    )


def test_models_are_frozen():
    t = TextTemplate(text="x", link=Link())
    with pytest.raises(ValidationError, match="frozen"):
        t.text = "y"  # type: ignore[misc]
    with pytest.raises(TypeError):
        CustomTemplate(template_id=1, template_args={"a": "b"}).template_args["a"] = "c"  # type: ignore[index]


def test_repr_leaves_out_unset_fields():
    t = TextTemplate(text="hi", link=Link(web_url=WEB))
    assert repr(t) == "TextTemplate(object_type='text', text='hi', link=Link(web_url='https://example.com'))"


def test_model_copy_validates_the_update():
    t = TextTemplate(text="hi", link=Link(web_url=WEB))
    assert t.model_copy(update={"text": "bye"}).text == "bye"
    with pytest.raises(TemplateError) as exc_info:
        t.model_copy(update={"buttons": [{"title": "a", "link": {}}] * 3})
    assert problems(exc_info) == [("buttons", "at most 2 buttons")]


# --- rules: errors with paths ---------------------------------------------------------------------


def test_missing_required_fields_are_named():
    with pytest.raises(TemplateError) as exc_info:
        FeedTemplate()
    assert problems(exc_info) == [("content", "required field is missing")]
    with pytest.raises(TemplateError) as exc_info:
        FeedTemplate(content={"title": "x"})
    assert problems(exc_info) == [("content.link", "required field is missing")]
    with pytest.raises(TemplateError) as exc_info:
        ListTemplate(contents=[content(), content()])
    assert {p for p, _ in problems(exc_info)} == {"header_title", "header_link"}
    with pytest.raises(TemplateError) as exc_info:
        TextTemplate(link=LINK)
    assert problems(exc_info) == [("text", "required field is missing")]
    with pytest.raises(TemplateError) as exc_info:
        LocationTemplate(content=content())
    assert problems(exc_info) == [("address", "required field is missing")]
    with pytest.raises(TemplateError) as exc_info:
        CommerceTemplate(content=content())
    assert problems(exc_info) == [("commerce", "required field is missing")]
    with pytest.raises(TemplateError) as exc_info:
        CommerceTemplate(content=content(), commerce={"discount_price": 1})
    assert problems(exc_info) == [("commerce.regular_price", "required field is missing")]
    with pytest.raises(TemplateError) as exc_info:
        CalendarTemplate(content=content())
    assert {p for p, _ in problems(exc_info)} == {"id_type", "id"}
    with pytest.raises(TemplateError) as exc_info:
        FeedTemplate(content=content(), buttons=[{"title": "x"}])
    assert problems(exc_info) == [("buttons[0].link", "required field is missing")]
    with pytest.raises(TemplateError) as exc_info:
        FeedTemplate(content=content(), item_content={"items": [{"item": "a"}]})
    assert problems(exc_info) == [("item_content.items[0].item_op", "required field is missing")]


def test_at_most_two_buttons():
    button = {"title": "b", "link": LINK}
    FeedTemplate(content=content(), buttons=[button, button])
    with pytest.raises(TemplateError) as exc_info:
        FeedTemplate(content=content(), buttons=[button] * 3)
    assert problems(exc_info) == [("buttons", "at most 2 buttons")]
    assert exc_info.value.problems[0].fix
    for cls, kwargs in [
        (TextTemplate, {"text": "x", "link": LINK}),
        (CalendarTemplate, {"id_type": "event", "id": "1", "content": content()}),
        (LocationTemplate, {"content": content(), "address": "a"}),
    ]:
        with pytest.raises(TemplateError) as exc_info:
            cls(**kwargs, buttons=[button] * 3)
        assert problems(exc_info) == [("buttons", "at most 2 buttons")]


def test_list_needs_two_or_three_contents():
    base = {"header_title": "h", "header_link": LINK}
    ListTemplate(**base, contents=[content()] * 2)
    ListTemplate(**base, contents=[content()] * 3)
    with pytest.raises(TemplateError) as exc_info:
        ListTemplate(**base, contents=[content()])
    assert problems(exc_info) == [("contents", "at least 2 contents")]
    with pytest.raises(TemplateError) as exc_info:
        ListTemplate(**base, contents=[content()] * 4)
    assert problems(exc_info) == [("contents", "at most 3 contents")]


def test_at_most_five_item_rows():
    row = {"item": "a", "item_op": "1"}
    FeedTemplate(content=content(), item_content={"items": [row] * 5})
    with pytest.raises(TemplateError) as exc_info:
        FeedTemplate(content=content(), item_content={"items": [row] * 6})
    assert problems(exc_info) == [("item_content.items", "at most 5 item rows")]


def test_calendar_refuses_button_title_in_either_spelling():
    for key in ("button_title", "buttonTitle"):
        with pytest.raises(TemplateError) as exc_info:
            CalendarTemplate(**{"id_type": "event", "id": "1", "content": content(), key: "Go"})
        assert problems(exc_info) == [("button_title", "this template type does not take a button title")]
    with pytest.raises(TemplateError) as exc_info:
        CalendarTemplate(id_type="day", id="1", content=content())
    assert problems(exc_info) == [("id_type", "must be 'event' or 'calendar'")]


@pytest.mark.parametrize("bad", [1.5, 1.0, "1", True, None.__class__])
def test_integers_must_be_real_ints(bad):
    with pytest.raises(TemplateError) as exc_info:
        Social(like_count=bad)
    assert problems(exc_info) == [("like_count", "must be an integer (not a float, string or bool)")]


def test_integers_must_fit_a_javascript_number():
    Social(like_count=2**53 - 1)
    with pytest.raises(TemplateError) as exc_info:
        Social(like_count=2**53)
    assert exc_info.value.paths == ["like_count"]
    assert "safe JavaScript integer" in exc_info.value.problems[0].rule


def test_commerce_number_rules():
    with pytest.raises(TemplateError) as exc_info:
        Commerce(regular_price=100, currency_unit_position=2)
    assert problems(exc_info) == [
        ("currency_unit_position", "must be 0 (currency unit after the number) or 1 (before it)")
    ]
    with pytest.raises(TemplateError) as exc_info:
        Commerce(regular_price=100, currency_unit_position=True)
    assert exc_info.value.paths == ["currency_unit_position"]
    for rate in (-1, 101):
        with pytest.raises(TemplateError) as exc_info:
            Commerce(regular_price=100, discount_rate=rate)
        assert problems(exc_info) == [("discount_rate", "must be a percentage from 0 to 100")]
    assert Commerce(regular_price=100, discount_rate=0).discount_rate == 0
    assert Commerce(regular_price=100, discount_rate=100).discount_rate == 100
    with pytest.raises(TemplateError) as exc_info:
        Commerce(regular_price="100")
    assert exc_info.value.paths == ["regular_price"]


def test_template_id_is_a_positive_integer():
    for bad in (0, -1):
        with pytest.raises(TemplateError) as exc_info:
            CustomTemplate(template_id=bad)
        assert exc_info.value.paths == ["template_id"]
        assert "positive integer" in exc_info.value.problems[0].rule
    for bad in ("12", 12.0, True):
        with pytest.raises(TemplateError) as exc_info:
            CustomTemplate(template_id=bad)
        assert exc_info.value.paths == ["template_id"]
    with pytest.raises(TemplateError) as exc_info:
        ScrapTemplate(request_url=WEB, template_id=0)
    assert exc_info.value.paths == ["template_id"]


def test_template_args_are_flat_string_maps():
    with pytest.raises(TemplateError) as exc_info:
        CustomTemplate(template_id=1, template_args={"COUNT": 3})
    assert exc_info.value.paths == ["template_args.COUNT"]
    assert exc_info.value.problems[0].rule.startswith("template args values must be strings")
    with pytest.raises(TemplateError) as exc_info:
        CustomTemplate(template_id=1, template_args={"X": {"y": "z"}})
    assert exc_info.value.paths == ["template_args.X"]
    assert "flat" in exc_info.value.problems[0].rule
    with pytest.raises(TemplateError) as exc_info:
        CustomTemplate(template_id=1, template_args={"my key": 1})
    assert exc_info.value.paths == ['template_args["my key"]']
    with pytest.raises(TemplateError) as exc_info:
        CustomTemplate(template_id=1, template_args=["a"])
    assert exc_info.value.paths == ["template_args"]


def test_unknown_fields_are_refused_with_snake_case_paths():
    with pytest.raises(TemplateError) as exc_info:
        FeedTemplate(content={"link": {"url": WEB}})
    assert problems(exc_info) == [("content.link.url", "unknown field")]
    with pytest.raises(TemplateError) as exc_info:
        FeedTemplate(content={"link": {}, "imageURL": "x"})
    assert exc_info.value.paths == ["content.image_u_r_l"]


def test_strings_must_be_strings_and_required_texts_non_empty():
    with pytest.raises(TemplateError) as exc_info:
        TextTemplate(text=5, link=LINK)
    assert problems(exc_info) == [("text", "must be a string")]
    with pytest.raises(TemplateError) as exc_info:
        TextTemplate(text="", link=LINK)
    assert problems(exc_info) == [("text", "must not be empty")]
    with pytest.raises(TemplateError) as exc_info:
        FeedTemplate(content=content(), buttons=[{"title": "", "link": LINK}])
    assert problems(exc_info) == [("buttons[0].title", "must not be empty")]


def test_unpaired_surrogates_are_refused():
    with pytest.raises(TemplateError) as exc_info:
        TextTemplate(text="a\ud800", link=LINK)
    assert problems(exc_info) == [("text", "must be valid Unicode text (it has an unpaired surrogate)")]


def test_link_given_as_string_is_refused():
    with pytest.raises(TemplateError) as exc_info:
        TextTemplate(text="x", link=WEB)
    assert exc_info.value.paths == ["link"]
    assert exc_info.value.problems[0].rule == "must be an object (a dict or the matching model)"


def test_several_problems_are_reported_together_with_paths():
    with pytest.raises(TemplateError) as exc_info:
        FeedTemplate(
            content={"link": {"web_url": "javascript:alert(1)"}, "image_width": "640"},
            buttons=[{"title": "a", "link": LINK}, {"title": "b", "link": {"web_url": "/relative"}}],
        )
    assert exc_info.value.paths == ["content.image_width", "content.link.web_url", "buttons[1].link.web_url"]
    text = str(exc_info.value)
    assert text.startswith("3 problems in FeedTemplate:")
    assert "content.link.web_url: javascript: URLs are not allowed" in text
    assert "buttons[1].link.web_url: relative URLs are not allowed" in text


# --- payload limit ---------------------------------------------------------------------------------


def _text_of_size(total: int) -> str:
    overhead = TextTemplate(text="x", link=Link()).payload_size - 1
    return "a" * (total - overhead)


def test_payload_limit_is_exactly_ten_thousand_characters():
    ok = TextTemplate(text=_text_of_size(PAYLOAD_LIMIT), link=Link())
    assert ok.payload_size == PAYLOAD_LIMIT
    assert len(json.dumps(ok.validation_params(), separators=(",", ":"))) == PAYLOAD_LIMIT
    with pytest.raises(TemplateError) as exc_info:
        TextTemplate(text=_text_of_size(PAYLOAD_LIMIT + 1), link=Link())
    (finding,) = exc_info.value.problems
    assert finding.path == ""
    assert finding.code == "payload_too_large"
    assert finding.rule == "the message payload is 10,001 characters; Kakao accepts at most 10,000"
    assert "(template): the message payload is 10,001 characters" in str(exc_info.value)


def test_payload_size_counts_like_javascript_string_length():
    # escapes count as written, astral characters count twice, Hangul once
    t = TextTemplate(text='"\n😀한', link=Link())
    js_json = '{"link_ver":"4.0","template_object":{"object_type":"text","link":{},"text":"\\"\\n😀한"}}'
    assert t.payload_size == len(js_json) + 1  # the emoji is 2 UTF-16 code units


def test_payload_limit_applies_to_custom_and_scrap():
    with pytest.raises(TemplateError) as exc_info:
        CustomTemplate(template_id=1, template_args={"A": "x" * PAYLOAD_LIMIT})
    assert exc_info.value.problems[0].code == "payload_too_large"
    with pytest.raises(TemplateError) as exc_info:
        ScrapTemplate(request_url=WEB + "/" + "a" * PAYLOAD_LIMIT)
    assert exc_info.value.problems[0].code == "payload_too_large"


# --- parse_template ----------------------------------------------------------------------------


def test_parse_template_picks_the_class():
    assert type(parse_template({"objectType": "feed", "content": {"link": {}}})) is FeedTemplate
    assert type(parse_template({"object_type": "text", "text": "x", "link": {}})) is TextTemplate
    assert type(parse_template({"requestUrl": WEB})) is ScrapTemplate
    assert type(parse_template({"requestUrl": WEB, "templateId": 3})) is ScrapTemplate
    assert type(parse_template({"templateId": 3})) is CustomTemplate
    assert type(parse_template('{"template_id": 3, "template_args": {"a": "b"}}')) is CustomTemplate


def test_parse_template_accepts_validation_params_documents():
    t = TextTemplate(text="hello", link=Link(web_url=WEB), button_title="go")
    assert parse_template(t.validation_params()) == t
    assert parse_template(json.dumps(t.validation_params())) == t
    c = CustomTemplate(template_id=3, template_args={"a": "b"})
    assert parse_template(c.validation_params()) == c
    s = ScrapTemplate(request_url=WEB, template_id=4)
    assert parse_template(s.validation_params()) == s


def test_parse_template_errors():
    with pytest.raises(TemplateError) as exc_info:
        parse_template({"objectType": "video"})
    assert problems(exc_info) == [("", "object_type must be one of feed, list, location, commerce, text, calendar")]
    with pytest.raises(TemplateError) as exc_info:
        parse_template({"title": "x"})
    assert exc_info.value.paths == ["object_type"]
    with pytest.raises(TemplateError) as exc_info:
        parse_template("{not json")
    assert exc_info.value.problems[0].code == "json_invalid"
    with pytest.raises(TemplateError) as exc_info:
        parse_template([1, 2])
    assert exc_info.value.paths == [""]
    with pytest.raises(TemplateError) as exc_info:
        parse_template({"objectType": "text", "text": "x", "link": {"webUrl": "ftp://x"}})
    assert problems(exc_info) == [("link.web_url", "only absolute http/https URLs are allowed")]
    assert "TextTemplate" in str(exc_info.value)


def test_parse_template_strict_ints_from_json():
    with pytest.raises(TemplateError) as exc_info:
        parse_template('{"objectType":"feed","content":{"link":{},"imageWidth":1.5}}')
    assert exc_info.value.paths == ["content.image_width"]


def test_template_error_is_a_value_error_and_kakao_share_error():
    from kakao_share import KakaoShareError

    with pytest.raises(ValueError, match="must be a string"):
        TextTemplate(text=1, link={})
    with pytest.raises(KakaoShareError):
        TextTemplate(text=1, link={})


# --- schema and versions -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "cls",
    [
        FeedTemplate,
        ListTemplate,
        LocationTemplate,
        CommerceTemplate,
        TextTemplate,
        CalendarTemplate,
        ScrapTemplate,
        CustomTemplate,
    ],
)
def test_json_schema_works(cls):
    schema = cls.model_json_schema()
    assert schema["type"] == "object"
    assert schema["additionalProperties"] is False
    json.dumps(schema)


def test_json_schema_uses_sdk_names_and_documents_fields():
    schema = FeedTemplate.model_json_schema()
    assert "objectType" in schema["properties"] and "buttonTitle" in schema["properties"]
    assert schema["properties"]["buttons"]["anyOf"][0]["maxItems"] == 2
    assert "description" in schema["$defs"]["Content"]["properties"]["imageUrl"]
    union = template_json_schema()
    assert union["discriminator"]["propertyName"] == "objectType"
    assert len(union["oneOf"]) == 6


def test_min_sdk_version():
    full = FeedTemplate(content=Content(**content()))
    assert full.min_sdk_version is None
    assert FeedTemplate(content=Content(link=Link())).min_sdk_version == (2, 7, 0)
    lst = ListTemplate(header_title="h", header_link=LINK, contents=[content(), {"title": "x", "link": LINK}])
    assert lst.min_sdk_version == (2, 7, 0)
    assert TextTemplate(text="x", link=LINK).min_sdk_version is None
    assert CustomTemplate(template_id=1).min_sdk_version is None
