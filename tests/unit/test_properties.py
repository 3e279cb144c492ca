"""Property-based tests: the two wire forms agree, round trips hold, invalid input always raises.

``sdk_template_object`` below is an independent, generic re-implementation of what the JavaScript
SDK does to a ``sendDefault`` settings object (documented in ``kakao_share._wire``): recursive
camelCase -> snake_case, then ``object_type``, ``button_title``, the rest, the type-specific keys.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from kakao_share import (
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
)

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# --- an independent model of the SDK's conversion --------------------------------------------------

TYPE_SPECIFIC = {
    "list": ["header_title"],
    "location": ["address", "address_title"],
    "calendar": ["id_type", "id"],
    "text": ["text"],
}


def snake(key: str) -> str:
    return re.sub(r"[A-Z]", lambda m: "_" + m.group(0).lower(), key)


def convert(value: Any) -> Any:
    if isinstance(value, dict):
        return {snake(k): convert(v) for k, v in value.items()}
    if isinstance(value, list):
        return [convert(v) for v in value]
    return value


def sdk_template_object(js: dict[str, Any]) -> dict[str, Any]:
    converted = convert(js)
    out = {"object_type": converted.pop("object_type")}
    title = converted.pop("button_title", None)
    if title is not None:
        out["button_title"] = title
    specific = TYPE_SPECIFIC.get(out["object_type"], [])
    for key, value in converted.items():
        if key not in specific:
            out[key] = value
    for key in specific:
        if key in converted:
            out[key] = converted[key]
        elif key == "address_title":
            out[key] = ""
    return out


def js_stringify_length(value: Any) -> int:
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def ordered(value: Any) -> str:
    """Order-sensitive comparison key (dict equality ignores order)."""
    return json.dumps(value, ensure_ascii=False)


# --- strategies of valid models ---------------------------------------------------------------------

texts = st.text(max_size=20)
non_empty = st.text(min_size=1, max_size=20)
ints = st.integers(min_value=-(2**53 - 1), max_value=2**53 - 1)
small_ints = st.integers(min_value=0, max_value=10**9)
hosts = st.from_regex(r"[a-z][a-z0-9-]{0,10}\.(com|kr|co\.kr)", fullmatch=True)
paths = st.from_regex(r"(/[A-Za-z0-9._~%-]{0,8}){0,3}(\?[a-z]{1,4}=[a-z0-9]{0,4})?", fullmatch=True)
urls = st.builds(
    lambda scheme, host, path: f"{scheme}://{host}{path}", st.sampled_from(["https", "http"]), hosts, paths
)
queries = st.from_regex(r"[a-z]{1,5}=[a-z0-9%]{0,5}(&[a-z]{1,5}=[a-z0-9]{0,5}){0,2}", fullmatch=True).filter(
    lambda q: re.fullmatch(r"(?:[^%]|%[0-9A-Fa-f]{2})*", q) is not None
)


def model(cls, **fields):
    """Like st.builds, but only with the given fields (pydantic's signature lists the aliases too)."""
    return st.fixed_dictionaries(fields).map(lambda data: cls(**data))


def opt(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


links = model(
    Link,
    web_url=opt(urls),
    mobile_web_url=opt(urls),
    android_execution_params=opt(queries),
    ios_execution_params=opt(queries),
)
buttons = opt(st.lists(model(Button, title=non_empty, link=links), min_size=1, max_size=2).map(tuple))
contents = model(
    Content,
    title=opt(texts),
    description=opt(texts),
    image_url=opt(urls),
    image_width=opt(small_ints),
    image_height=opt(small_ints),
    link=links,
)
item_contents = model(
    ItemContent,
    profile_text=opt(texts),
    profile_image_url=opt(urls),
    title_image_url=opt(urls),
    title_image_text=opt(texts),
    title_image_category=opt(texts),
    items=opt(st.lists(model(ItemRow, item=non_empty, item_op=non_empty), min_size=1, max_size=5).map(tuple)),
    sum=opt(texts),
    sum_op=opt(texts),
)
socials = model(
    Social,
    like_count=opt(ints),
    comment_count=opt(ints),
    shared_count=opt(ints),
    view_count=opt(ints),
    subscriber_count=opt(ints),
)
commerces = model(
    Commerce,
    product_name=opt(texts),
    regular_price=ints,
    discount_price=opt(ints),
    discount_rate=opt(st.integers(0, 100)),
    fixed_discount_price=opt(ints),
    currency_unit=opt(texts),
    currency_unit_position=opt(st.sampled_from([0, 1])),
)

feeds = model(
    FeedTemplate,
    content=contents,
    item_content=opt(item_contents),
    social=opt(socials),
    button_title=opt(non_empty),
    buttons=buttons,
)
lists = model(
    ListTemplate,
    header_title=non_empty,
    header_link=links,
    contents=st.lists(contents, min_size=2, max_size=3).map(tuple),
    button_title=opt(non_empty),
    buttons=buttons,
)
locations = model(
    LocationTemplate,
    content=contents,
    address=non_empty,
    address_title=opt(non_empty),
    social=opt(socials),
    button_title=opt(non_empty),
    buttons=buttons,
)
commerce_templates = model(
    CommerceTemplate, content=contents, commerce=commerces, button_title=opt(non_empty), buttons=buttons
)
text_templates = model(TextTemplate, text=non_empty, link=links, button_title=opt(non_empty), buttons=buttons)
calendars = model(
    CalendarTemplate, id_type=st.sampled_from(["event", "calendar"]), id=non_empty, content=contents, buttons=buttons
)
default_templates = feeds | lists | locations | commerce_templates | text_templates | calendars

args = opt(st.dictionaries(st.text(min_size=1, max_size=8), texts, min_size=1, max_size=4))
customs = model(CustomTemplate, template_id=st.integers(1, 2**53 - 1), template_args=args)
scraps = model(ScrapTemplate, request_url=urls, template_id=opt(st.integers(1, 2**31)), template_args=args)
all_templates = default_templates | customs | scraps


# --- properties --------------------------------------------------------------------------------------


@FAST
@given(default_templates)
def test_sdk_conversion_of_to_js_is_exactly_to_template_object(template):
    assert ordered(sdk_template_object(template.to_js())) == ordered(template.to_template_object())
    params = template.validation_params()
    assert list(params) == ["link_ver", "template_object"]
    assert params["link_ver"] == "4.0"


@FAST
@given(all_templates)
def test_round_trips(template):
    assert parse_template(template.to_js()) == template
    assert parse_template(json.dumps(template.to_js())) == template
    assert parse_template(template.validation_params()) == template
    if hasattr(template, "to_template_object"):
        assert parse_template(template.to_template_object()) == template
    assert type(template).model_validate(template.model_dump()) == template


@FAST
@given(all_templates)
def test_payload_size_is_the_javascript_length_of_validation_params(template):
    assert template.payload_size == js_stringify_length(template.validation_params())


def _assert_clean(value: Any, path: str = "") -> None:
    assert value is not None, path
    if isinstance(value, dict):
        for key, item in value.items():
            _assert_clean(item, f"{path}.{key}")
    elif isinstance(value, list):
        assert value, f"empty list at {path}"
        for i, item in enumerate(value):
            _assert_clean(item, f"{path}[{i}]")
    else:
        assert isinstance(value, (str, int)), (path, value)


@FAST
@given(all_templates)
def test_to_js_has_no_none_and_no_empty_lists(template):
    js = template.to_js()
    _assert_clean(js)
    if hasattr(template, "object_type"):
        assert next(iter(js)) == "objectType"
        assert all(re.fullmatch(r"[a-z][A-Za-z]*", key) for key in _keys(js))
        assert all(re.fullmatch(r"[a-z][a-z_]*", key) for key in _keys(template.to_template_object()))


def _keys(value: Any):
    if isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _keys(item)
    elif isinstance(value, list):
        for item in value:
            yield from _keys(item)


# --- every invalid input raises TemplateError naming the spot ---------------------------------------


def _leaves(value: Any, loc: tuple = ()):
    """(location, value) of every scalar and every object in a to_js() dict."""
    if isinstance(value, dict):
        yield loc, value
        for key, item in value.items():
            yield from _leaves(item, (*loc, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _leaves(item, (*loc, i))
    else:
        yield loc, value


def _path(loc: tuple) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{snake(part)}" if out else snake(part))
    return out


def _set(root: Any, loc: tuple, value: Any) -> None:
    for part in loc[:-1]:
        root = root[part]
    root[loc[-1]] = value


def _delete(root: Any, loc: tuple) -> None:
    for part in loc[:-1]:
        root = root[part]
    del root[loc[-1]]


URL_KEYS = {"webUrl", "mobileWebUrl", "imageUrl", "profileImageUrl", "titleImageUrl"}
REQUIRED = {
    "content",
    "link",
    "item",
    "itemOp",
    "regularPrice",
    "headerTitle",
    "headerLink",
    "address",
    "idType",
    "id",
    "text",
    "commerce",
    "contents",
}


def _is_required(loc: tuple) -> bool:
    key = loc[-1]
    if key == "title":  # a button's title is required; a content's title is not
        return len(loc) >= 3 and loc[-3] == "buttons"
    return isinstance(key, str) and key in REQUIRED


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(default_templates, st.data())
def test_any_corruption_raises_with_the_path(template, data):
    js = template.to_js()
    spots = [(loc, v) for loc, v in _leaves(js) if loc and loc != ("objectType",)]
    loc, value = data.draw(st.sampled_from(spots))
    key = loc[-1]
    if isinstance(value, dict):
        kind = data.draw(st.sampled_from(["unknown_key", "not_object"]))
        if kind == "unknown_key":
            value["bogusKey"] = "x"
            expected = _path((*loc, "bogusKey"))
        else:
            if isinstance(key, int):  # a list entry (button/content/row) must be an object too
                pass
            _set(js, loc, "just a string")
            expected = _path(loc)
    elif isinstance(value, (bool, int)):
        _set(js, loc, data.draw(st.sampled_from([1.5, "7", True, None if key == "regularPrice" else 2.0])))
        expected = _path(loc)
    else:
        if key in URL_KEYS:
            bad = data.draw(
                st.sampled_from(["javascript:alert(1)", "data:text/html,x", "/relative", "https://a b.com"])
            )
        elif key in {"androidExecutionParams", "iosExecutionParams"}:
            bad = data.draw(st.sampled_from(["a=b c", "a=#", "?x=1", 5]))
        else:
            bad = data.draw(st.sampled_from([5, 1.5, ["x"], {"x": "y"}]))
        _set(js, loc, bad)
        expected = _path(loc)
    with pytest.raises(TemplateError) as raised:
        parse_template(js)
    assert raised.value.problems, "an error must list its problems"
    assert expected in raised.value.paths, (expected, raised.value.paths)
    assert all(finding.rule for finding in raised.value.problems)


@FAST
@given(default_templates, st.data())
def test_missing_required_fields_raise_with_the_path(template, data):
    js = template.to_js()
    spots = [loc for loc, _ in _leaves(js) if loc and _is_required(loc)]
    if not spots:
        return
    loc = data.draw(st.sampled_from(spots))
    _delete(js, loc)
    with pytest.raises(TemplateError) as raised:
        parse_template(js)
    assert _path(loc) in raised.value.paths
    assert "required field is missing" in [p.rule for p in raised.value.problems]
