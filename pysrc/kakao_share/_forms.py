"""The form engine: :class:`MessageForm` describes a message type's fields and converts what a user typed.

A page that lets people write a KakaoTalk message needs, per template type, which fields there are,
how they are labelled (Korean and English), which are required, which texts KakaoTalk cuts off where,
and which groups repeat (buttons, list contents, item rows, key/value arguments). :class:`MessageForm`
holds that, and converts between the form's values and the one settings object the SDK takes:

* **values** are flat: ``{path: text or bool}``, keyed by the same paths the library's errors use
  (``content.link.web_url``, ``buttons[1].title``; key/value rows as ``template_args[0].key`` and
  ``template_args[0].value``). A page names its inputs by these paths and reads them back as typed.
* :meth:`MessageForm.to_settings` turns values into the camelCase settings object (empty fields left out,
  whole numbers converted), ready for :func:`~kakao_share.parse_settings`, which reports problems by
  path; :meth:`MessageForm.locate` finds the input a problem belongs to.
* :meth:`MessageForm.values` is the way back, from a settings object (say, a shared link) to values,
  listing whatever the form cannot hold instead of dropping it silently.

Everything here is plain data and works the same on CPython and in the browser.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from ._exceptions import Finding
from ._form_convert import collect, misfit, place_object
from ._form_nodes import (
    FormField,
    FormGroup,
    FormNode,
    FormPairs,
    FormValues,
    count_rows,
    fill_blank,
    pair_row,
    walk_fields,
)
from ._i18n import Text
from ._problems import parse_path
from ._templates import DEFAULT_SHARE, ShareKind
from ._wire import snake_case

__all__ = ["FormField", "FormGroup", "FormNode", "FormPairs", "FormValues", "MessageForm"]


@dataclass(frozen=True)
class MessageForm:
    """The form of one message type (``message``) plus the share options every type takes (``options``)."""

    kind: str
    label: Text
    description: Text
    message: FormGroup
    options: FormGroup
    share: ShareKind = DEFAULT_SHARE
    """How this type is shared (the template class's ``share_kind``)."""

    @property
    def method(self) -> str:
        """The ``Kakao.Share`` function that sends this type: ``sendDefault``, ``sendScrap`` or ``sendCustom``."""
        return self.share.send_method

    @property
    def is_default(self) -> bool:
        return self.share == DEFAULT_SHARE

    def sections(self) -> tuple[FormGroup, FormGroup]:
        return (self.message, self.options)

    # --- values --------------------------------------------------------------------------------

    def blank(self) -> FormValues:
        """Values of an empty form: every input empty, repeated groups at their fewest rows."""
        values: FormValues = {}
        for section in self.sections():
            for node in section.children:
                fill_blank(node, node.name, values)
        return values

    def fields(self, values: Mapping[str, Any] | None = None) -> Iterator[tuple[str, FormField]]:
        """Every input as ``(path, field)``, with the rows ``values`` has (the fewest rows without)."""
        for section in self.sections():
            for node in section.children:
                yield from walk_fields(node, node.name, values or {})

    def rows(self, values: Mapping[str, Any], path: str) -> int:
        """How many rows the repeated group or key/value list at ``path`` has in ``values``."""
        return count_rows(values, path)

    def add_row(self, values: Mapping[str, Any], path: str) -> FormValues:
        """``values`` with one more, empty row in the group at ``path``."""
        node = self.node(path)
        out: FormValues = dict(values)
        row = f"{path}[{count_rows(values, path)}]"
        if isinstance(node, FormPairs):
            out[f"{row}.key"] = ""
            out[f"{row}.value"] = ""
        elif isinstance(node, FormGroup):
            for child in node.children:
                fill_blank(child, f"{row}.{child.name}", out)
        return out

    def remove_row(self, values: Mapping[str, Any], path: str, index: int) -> FormValues:
        """``values`` without row ``index`` of the group at ``path``; later rows move up."""
        head = f"{path}["
        out: FormValues = {}
        for key, value in values.items():
            if key.startswith(head):
                number, _, rest = key[len(head) :].partition("]")
                if number.isdigit():
                    i = int(number)
                    if i == index:
                        continue
                    if i > index:
                        key = f"{head}{i - 1}]{rest}"
            out[key] = value
        return out

    def node(self, path: str) -> FormNode | None:
        """The field or group a form path names (row numbers ignored), or None."""
        parts = [part for part in parse_path(path) if isinstance(part, str)]
        nodes: tuple[FormNode, ...] = self.message.children + self.options.children
        found: FormNode | None = None
        for part in parts:
            found = next((n for n in nodes if n.name == part), None)
            if found is None:
                return None
            nodes = found.children if isinstance(found, FormGroup) else ()
        return found

    # --- values -> settings ----------------------------------------------------------------------

    def to_settings(self, values: Mapping[str, Any]) -> tuple[dict[str, Any], list[Finding]]:
        """The camelCase settings object for ``Kakao.Share.<method>``, and what the form itself found wrong.

        Empty inputs are left out, whole numbers become integers (anything else in a number input is
        kept as typed, so validation reports it at that input), and key/value rows become an object.
        """
        problems: list[Finding] = []
        out: dict[str, Any] = {"objectType": self.kind} if self.is_default else {}
        for section in self.sections():
            for node in section.children:
                value = collect(node, node.name, values, problems)
                if value is not None:
                    out[node.key] = value
        return out, problems

    def settings(self, values: Mapping[str, Any]) -> tuple[dict[str, Any], list[Finding]]:
        """Deprecated name of :meth:`to_settings` ("settings" is the object, not this pair)."""
        warnings.warn("MessageForm.settings() is now MessageForm.to_settings()", DeprecationWarning, stacklevel=2)
        return self.to_settings(values)

    # --- settings -> values ----------------------------------------------------------------------

    def values(self, settings: Mapping[str, Any]) -> tuple[FormValues, list[Finding]]:
        """Values that show ``settings`` (camelCase or snake_case) in this form, and what did not fit.

        Nothing is dropped silently: a key the form has no input for, or a value of the wrong shape,
        becomes a :class:`Finding` at its path (code ``not_in_form``), and the rest is still filled in.
        """
        values = self.blank()
        for path in [p for p in values if "[" in p]:
            del values[path]  # rows come from the settings
        problems: list[Finding] = []
        data = dict(settings)
        kind = data.pop("objectType", data.pop("object_type", None))
        if self.is_default and kind != self.kind:
            problems.append(misfit("object_type", f"is {kind!r}, shown as a {self.kind} message"))
        elif not self.is_default and kind is not None:
            problems.append(misfit("object_type", f"{self.kind} messages have no object type"))
        rest = place_object(self.message.children + self.options.children, "", data, values, problems)
        for key in rest:
            problems.append(misfit(snake_case(key), "is not part of this form; left out"))
        for path, field in self.fields(values):
            values.setdefault(path, False if field.input == "checkbox" else "")
        return values, problems

    # --- problems -> inputs --------------------------------------------------------------------

    def locate(self, path: str, values: Mapping[str, Any]) -> str:
        """The form path to show a problem at ``path`` on: its input, else its nearest group ("" = the form).

        A problem inside a key/value mapping (``template_args["name"]``) goes to that row's value.
        """
        nodes: tuple[FormNode, ...] = self.message.children + self.options.children
        parts = parse_path(path)
        at = ""
        i = 0
        while i < len(parts):
            part = parts[i]
            node = next((n for n in nodes if n.name == part), None) if isinstance(part, str) else None
            if node is None:
                break
            at = f"{at}.{node.name}" if at else node.name
            i += 1
            if isinstance(node, FormPairs):
                if i < len(parts) and isinstance(parts[i], str):
                    row = pair_row(values, at, str(parts[i]))
                    if row is not None:
                        return f"{at}[{row}].value"
                return at
            if not isinstance(node, FormGroup):
                return at
            if node.repeat is not None:
                if i < len(parts) and isinstance(parts[i], int):
                    at = f"{at}[{parts[i]}]"
                    i += 1
                else:
                    return at
            nodes = node.children
        return at
