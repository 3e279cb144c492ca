"""The key-order table in kakao_share._wire's docstring is what the models really do."""

from __future__ import annotations

import re

import kakao_share._wire as wire
from kakao_share import (
    Button,
    CalendarTemplate,
    Commerce,
    CommerceTemplate,
    Content,
    FeedTemplate,
    ItemContent,
    ItemRow,
    Link,
    ListTemplate,
    LocationTemplate,
    Social,
    TextTemplate,
)
from kakao_share._templates import DEFAULT_TEMPLATE_CLASSES, OBJECT_TYPES

ROWS = {
    "feed": FeedTemplate,
    "list": ListTemplate,
    "location": LocationTemplate,
    "commerce": CommerceTemplate,
    "text": TextTemplate,
    "calendar": CalendarTemplate,
    "link": Link,
    "button": Button,
    "content": Content,
    "itemContent": ItemContent,
    "item row": ItemRow,
    "social": Social,
}


def documented_orders() -> dict[str, list[str]]:
    doc = wire.__doc__
    table = doc.split("lists in the caller's order:")[1].split("(``test_wire.py``")[0]
    rows: dict[str, list[str]] = {}
    last = None
    for line in table.splitlines():
        if not line.strip() or set(line.strip()) <= {"=", " "}:
            continue
        m = re.match(r"\s{5}(\S+(?: row)?)\s{2,}(.*)", line)
        if m and not line.startswith(" " * 19):
            last = m.group(1)
            rows.setdefault(last, [])
            rows[last] += [k.strip() for k in m.group(2).split(",") if k.strip()]
        elif last:
            rows[last] += [k.strip() for k in line.split(",") if k.strip()]
    return rows


def test_docstring_table_matches_field_order():
    rows = documented_orders()
    commerce_rows = rows.pop("commerce")
    # "commerce" appears twice: the template, then the component
    assert set(rows) | {"commerce"} == set(ROWS) | {"commerce"}
    for name, cls in ROWS.items():
        if name == "commerce":
            continue
        assert rows[name] == [f.alias for f in cls.model_fields.values()], name
    template_fields = [f.alias for f in CommerceTemplate.model_fields.values()]
    component_fields = [f.alias for f in Commerce.model_fields.values()]
    assert commerce_rows == template_fields + component_fields


def test_type_specific_keys_are_fields_of_their_template():
    assert set(wire.TYPE_SPECIFIC) == set(OBJECT_TYPES)
    for cls in DEFAULT_TEMPLATE_CLASSES:
        kind = cls.model_fields["object_type"].default
        for name, _default in wire.TYPE_SPECIFIC[kind]:
            assert name in cls.model_fields, (kind, name)


def test_type_specific_keys_go_last_in_the_wire_form():
    link = {"web_url": "https://example.com"}
    button = {"title": "Open", "link": link}
    location = LocationTemplate(content={"title": "Cafe", "link": link}, address="Seoul", buttons=[button])
    wire_form = location.to_template_object()
    assert list(wire_form)[-2:] == ["address", "address_title"]
    assert wire_form["address_title"] == ""  # sent empty when not set, as the SDK does
    text = TextTemplate(text="hi", link=link, button_title="Go").to_template_object()
    assert list(text)[:2] == ["object_type", "button_title"]
    assert list(text)[-1] == "text"
    calendar = CalendarTemplate(id_type="event", id="e1", content={"title": "Party", "link": link})
    assert list(calendar.to_template_object())[-2:] == ["id_type", "id"]


def test_snake_case():
    assert wire.snake_case("imageUrl") == "image_url"
    assert wire.snake_case("androidExecutionParams") == "android_execution_params"
    assert wire.snake_case("id") == "id"


def test_payload_size_counts_utf16_units():
    assert wire.payload_size({"a": "😀"}) == len('{"a":""}') + 2
    assert wire.payload_size({"a": "한"}) == len('{"a":""}') + 1
    assert wire.payload_size({"a": "\n"}) == len('{"a":"\\n"}')
