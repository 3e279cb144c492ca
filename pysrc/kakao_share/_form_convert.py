"""Between a form's flat values and the SDK's settings object, both ways, reporting what does not fit."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ._exceptions import Finding
from ._form_nodes import FormField, FormGroup, FormNode, FormPairs, FormValues, count_rows, fill_blank
from ._wire import snake_case

__all__ = ["collect", "misfit", "place", "place_object"]

_INTEGER = re.compile(r"\s*[+-]?\d+\s*")


def misfit(path: str, rule: str) -> Finding:
    return Finding(path, rule, "edit the message in the form", "not_in_form")


def _scalar(field: FormField, raw: Any) -> Any:
    if field.input == "checkbox":
        return True if raw is True else None
    if not isinstance(raw, str) or raw == "":
        return None
    if field.input == "integer":
        return int(raw) if _INTEGER.fullmatch(raw) else raw
    return raw


def collect(node: FormNode, path: str, values: Mapping[str, Any], problems: list[Finding]) -> Any:
    if isinstance(node, FormField):
        return _scalar(node, values.get(path))
    if isinstance(node, FormPairs):
        mapping: dict[str, str] = {}
        for i in range(count_rows(values, path)):
            key = values.get(f"{path}[{i}].key") or ""
            value = values.get(f"{path}[{i}].value") or ""
            if not isinstance(key, str) or not isinstance(value, str) or (key == "" and value == ""):
                continue
            if key == "":
                problems.append(
                    Finding(f"{path}[{i}].key", "the key is empty", "enter a key or remove the row", "key_missing")
                )
            elif key in mapping:
                problems.append(
                    Finding(f"{path}[{i}].key", f"the key {key!r} is used twice", "use each key once", "duplicate_key")
                )
            else:
                mapping[key] = value
        return mapping or None
    if node.repeat is not None:
        count = count_rows(values, path)
        if count == 0:
            return None
        return [_object(node, f"{path}[{i}]", values, problems) for i in range(count)]
    obj = _object(node, path, values, problems)
    if obj or node.required:
        return obj
    return None


def _object(group: FormGroup, path: str, values: Mapping[str, Any], problems: list[Finding]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for child in group.children:
        value = collect(child, f"{path}.{child.name}", values, problems)
        if value is not None:
            out[child.key] = value
    return out


def _take(data: dict[str, Any], node: FormNode) -> tuple[bool, Any]:
    for key in (node.key, node.name):
        if key in data:
            return True, data.pop(key)
    return False, None


def place_object(
    nodes: tuple[FormNode, ...], path: str, data: dict[str, Any], values: FormValues, problems: list[Finding]
) -> list[str]:
    """Put ``data``'s entries into ``values``; return the keys no node took."""
    for node in nodes:
        present, value = _take(data, node)
        if present:
            place(node, f"{path}.{node.name}" if path else node.name, value, values, problems)
    return list(data)


def place(node: FormNode, path: str, value: Any, values: FormValues, problems: list[Finding]) -> None:
    if value is None:
        return
    if isinstance(node, FormField):
        if node.input == "checkbox":
            if isinstance(value, bool):
                values[path] = value
            else:
                problems.append(misfit(path, "must be true or false; left out"))
        elif isinstance(value, str):
            values[path] = value
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            values[path] = repr(value) if isinstance(value, float) else str(value)
        else:
            problems.append(misfit(path, f"must be a single value, not {type(value).__name__}; left out"))
        return
    if isinstance(node, FormPairs):
        if not isinstance(value, Mapping):
            problems.append(misfit(path, "must be an object of keys and values; left out"))
            return
        for i, (key, item) in enumerate(value.items()):
            values[f"{path}[{i}].key"] = str(key)
            if isinstance(item, str):
                values[f"{path}[{i}].value"] = item
            else:
                values[f"{path}[{i}].value"] = ""
                problems.append(misfit(f"{path}[{i}].value", f"must be text, not {type(item).__name__}; left out"))
        return
    if node.repeat is not None:
        if not isinstance(value, (list, tuple)):
            problems.append(misfit(path, "must be a list; left out"))
            return
        for i, item in enumerate(value):
            _place_group_object(node, f"{path}[{i}]", item, values, problems)
        return
    _place_group_object(node, path, value, values, problems)


def _place_group_object(group: FormGroup, path: str, value: Any, values: FormValues, problems: list[Finding]) -> None:
    for child in group.children:
        fill_blank(child, f"{path}.{child.name}", values)
    if not isinstance(value, Mapping):
        problems.append(misfit(path, "must be an object; left out"))
        return
    rest = place_object(group.children, path, dict(value), values, problems)
    for key in rest:
        problems.append(misfit(f"{path}.{snake_case(key)}", "is not part of this form; left out"))
