"""The pieces of a message form: inputs, groups, key/value rows, and how form paths count their rows.

A form path names one input the way the library's errors do (``buttons[1].title``); these helpers list,
count and blank the inputs of a node under such a path. :mod:`kakao_share._forms` builds on them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from pydantic.alias_generators import to_camel

from ._i18n import Text

__all__ = [
    "FormField",
    "FormGroup",
    "FormNode",
    "FormPairs",
    "FormValues",
    "Input",
    "count_rows",
    "fill_blank",
    "pair_row",
    "walk_fields",
]

FormValues = dict[str, str | bool]
"""What a user typed: ``{path: text}`` (``{path: bool}`` for checkboxes)."""

Input = Literal["text", "textarea", "url", "image", "integer", "select", "checkbox"]


@dataclass(frozen=True)
class FormField:
    """One input. ``name`` is the snake_case field of the model; :attr:`key` its camelCase name."""

    name: str
    label: Text
    input: Input = "text"
    """``url`` and ``image`` are URLs (``image`` can be filled by an upload); ``integer`` a whole number."""
    required: bool = False
    hint: Text | None = None
    limit: int | None = None
    """How many characters KakaoTalk shows (longer text is accepted but cut)."""
    choices: tuple[tuple[str, Text], ...] = ()
    """(value, label) pairs to pick from (a ``select``, or an ``integer`` picked from a list); the value
    ``""`` means "not set"."""
    minimum: int | None = None
    maximum: int | None = None

    @property
    def key(self) -> str:
        return to_camel(self.name)


@dataclass(frozen=True)
class FormPairs:
    """Key/value rows for a flat string-to-string mapping (template arguments, server callback arguments)."""

    name: str
    label: Text
    hint: Text | None = None

    @property
    def key(self) -> str:
        return to_camel(self.name)


@dataclass(frozen=True)
class FormGroup:
    """A set of inputs: an object (``content``, a ``link``) or, with :attr:`repeat`, a list of them."""

    name: str
    label: Text
    children: tuple[FormNode, ...]
    required: bool = False
    """Sent as ``{}`` when every input in it is empty (``link``); optional groups are then left out."""
    repeat: tuple[int, int] | None = None
    """``(fewest, most)`` rows for a list (``buttons``: ``(0, 2)``)."""
    row_label: Text | None = None
    """Label of one row, with ``{n}`` for its 1-based number (``Button {n}``)."""
    hint: Text | None = None
    since: tuple[int, int, int] | None = None
    """Oldest JavaScript SDK that supports the group, when it needs a recent one."""

    @property
    def key(self) -> str:
        return to_camel(self.name)


FormNode = FormField | FormGroup | FormPairs


def fill_blank(node: FormNode, path: str, out: FormValues) -> None:
    if isinstance(node, FormField):
        out[path] = False if node.input == "checkbox" else ""
    elif isinstance(node, FormGroup):
        rows = [f"{path}[{i}]" for i in range(node.repeat[0])] if node.repeat else [path]
        for row in rows:
            for child in node.children:
                fill_blank(child, f"{row}.{child.name}", out)


def count_rows(values: Mapping[str, Any], path: str) -> int:
    head = f"{path}["
    count = 0
    for key in values:
        if key.startswith(head):
            number = key[len(head) :].partition("]")[0]
            if number.isdigit():
                count = max(count, int(number) + 1)
    return count


def walk_fields(node: FormNode, path: str, values: Mapping[str, Any]) -> Iterator[tuple[str, FormField]]:
    if isinstance(node, FormField):
        yield path, node
    elif isinstance(node, FormGroup):
        if node.repeat:
            count = max(count_rows(values, path), node.repeat[0]) if values else node.repeat[0]
            rows = [f"{path}[{i}]" for i in range(count)]
        else:
            rows = [path]
        for row in rows:
            for child in node.children:
                yield from walk_fields(child, f"{row}.{child.name}", values)
    else:
        for i in range(count_rows(values, path)):
            yield f"{path}[{i}].key", FormField("key", Text("Key", "키"))
            yield f"{path}[{i}].value", FormField("value", Text("Value", "값"))


def pair_row(values: Mapping[str, Any], path: str, key: str) -> int | None:
    for i in range(count_rows(values, path)):
        if values.get(f"{path}[{i}].key") == key:
            return i
    return None
