"""Turning pydantic's validation errors into :class:`Finding` objects users can act on.

Validators inside the models raise :func:`problem` (a ``PydanticCustomError`` whose context carries
the plain-words rule, a fix hint and optionally a sub-path); pydantic's own errors (missing field,
wrong type, too many items, ...) are translated here. Paths always use the snake_case field names.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import ValidationError
from pydantic_core import PydanticCustomError

from ._exceptions import Finding, TemplateError
from ._wire import snake_case
from .portable.findings import format_path
from .portable.limits import MAX_SAFE_INTEGER, RANGE_RULES

__all__ = ["MAX_SAFE_INTEGER", "findings_from", "format_path", "invalid", "parse_path", "problem", "template_error"]

#: Nouns for size limits, so the rule reads "at most 2 buttons" rather than "at most 2 items".
_NOUNS = {"buttons": "buttons", "contents": "contents", "items": "item rows"}


def problem(
    code: str, rule: str, fix: str = "", *, at: tuple[str | int, ...] = (), **values: int | str
) -> PydanticCustomError:
    """An error to raise inside a validator; ``at`` extends the location pydantic knows, ``values`` are the
    finding's :attr:`~kakao_share.Finding.values`."""
    return PydanticCustomError(code, "{rule}", {"rule": rule, "fix": fix, "at": at, **values})


def invalid(path: str, rule: str, fix: str = "", *, code: str = "invalid", model: str | None = None) -> TemplateError:
    """A :class:`TemplateError` with one problem (for checks made outside the models)."""
    return TemplateError([Finding(path, rule, fix, code)], model=model)


_PATH_TOKEN = re.compile(r'\.?([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]')


def parse_path(path: str) -> list[str | int]:
    """Inverse of :func:`format_path` (used to locate a path in rendered JSON)."""
    parts: list[str | int] = []
    pos = 0
    while pos < len(path):
        m = _PATH_TOKEN.match(path, pos)
        if not m:
            break
        if m.group(1) is not None:
            parts.append(m.group(1))
        elif m.group(2) is not None:
            parts.append(int(m.group(2)))
        else:
            parts.append(re.sub(r"\\(.)", r"\1", m.group(3)))
        pos = m.end()
    return parts


def _clean_loc(loc: tuple[Any, ...], kind: str, tags: frozenset[str]) -> list[str | int]:
    parts: list[str | int] = []
    for i, part in enumerate(loc):
        if isinstance(part, str):
            if i == 0 and part in tags:
                continue  # discriminated-union tag
            if part == "[key]":
                continue
            parts.append(part)
        else:
            parts.append(part)
    if kind == "extra_forbidden" and parts and isinstance(parts[-1], str):
        # the unknown key is reported as given, which may be camelCase
        parts[-1] = snake_case(parts[-1])
    return parts


def _field_name(parts: list[str | int]) -> str:
    for part in reversed(parts):
        if isinstance(part, str):
            return part
    return ""


def _scoped(model: str, parts: list[str | int]) -> str:
    """``parent.field`` of the last field, the model (``PickerSettings`` -> ``picker_settings``) at the top."""
    named = [snake_case(model[:1].lower() + model[1:]), *(part for part in parts if isinstance(part, str))]
    return ".".join(named[-2:])


def _describe(err: dict[str, Any], parts: list[str | int], model: str = "") -> tuple[str, str, str]:
    """Return (code, rule, fix) for one pydantic error dict (``model``: the title of the failed model)."""
    kind: str = err["type"]
    ctx: dict[str, Any] = err.get("ctx") or {}
    field = _field_name(parts)
    if "rule" in ctx:
        return kind, ctx["rule"], ctx.get("fix", "")
    if kind == "missing":
        return kind, "required field is missing", f"add `{field}`" if field else "add the field"
    if kind == "extra_forbidden":
        if field == "button_title":
            return (
                kind,
                "this template type does not take a button title",
                "remove `button_title` (calendar messages have no default button to rename)",
            )
        if field == "callback":
            return kind, "the deprecated `callback` option is not supported (SDK 2.7 rejects it)", "remove it"
        if field == "container":
            return (
                kind,
                "the container is not part of the message",
                "pass it as the first argument of browser.create_*_button",
            )
        return kind, "unknown field", "remove it or check the spelling"
    if kind in {"int_type", "int_parsing", "int_from_float"}:
        return "int_type", "must be an integer (not a float, string or bool)", "pass a whole number such as 3"
    if kind in {"string_type", "string_sub_type"}:
        return "string_type", "must be a string", "convert the value with str()"
    if kind == "string_unicode":
        return kind, "must be valid Unicode text (it has an unpaired surrogate)", "remove the broken character"
    if kind == "bool_type":
        return kind, "must be true or false", "pass True or False"
    if kind in {"too_long", "too_short"}:
        noun = _NOUNS.get(field, "entries")
        if kind == "too_long":
            return (
                kind,
                f"at most {ctx.get('max_length')} {noun}",
                f"remove {noun} beyond the first {ctx.get('max_length')}",
            )
        return kind, f"at least {ctx.get('min_length')} {noun}", f"add {noun} up to {ctx.get('min_length')}"
    if kind == "string_too_short":
        return kind, "must not be empty", f"give `{field}` some text or leave it out" if field else ""
    if kind in {"greater_than_equal", "less_than_equal", "greater_than", "less_than"}:
        special = RANGE_RULES.get(_scoped(model, parts)) or RANGE_RULES.get(field)
        if special:
            return "out_of_range", special[0], special[1]
        limit = ctx.get("ge", ctx.get("le", ctx.get("gt", ctx.get("lt"))))
        if isinstance(limit, int) and abs(limit) == MAX_SAFE_INTEGER:
            return (
                "out_of_range",
                f"must be a safe JavaScript integer (between -{MAX_SAFE_INTEGER} and {MAX_SAFE_INTEGER})",
                "JavaScript numbers hold integers exactly only up to 2**53 - 1",
            )
        bound = {
            "greater_than_equal": f"must be at least {limit}",
            "less_than_equal": f"must be at most {limit}",
            "greater_than": f"must be greater than {limit}",
            "less_than": f"must be less than {limit}",
        }[kind]
        return "out_of_range", bound, ""
    if kind in {"model_type", "model_attributes_type", "dict_type", "mapping_type"}:
        return "object_type_error", "must be an object (a dict or the matching model)", ""
    if kind in {"tuple_type", "list_type", "iterable_type"}:
        return "list_type", "must be a list", "wrap the value(s) in a list"
    if kind == "literal_error":
        return kind, "must be " + str(ctx.get("expected", "one of the allowed values")), ""
    if kind in {"union_tag_invalid", "union_tag_not_found"}:
        expected = str(ctx.get("expected_tags", "")).replace("'", "")
        return (
            "object_type",
            f"object_type must be one of {expected}" if expected else "object_type is missing",
            "set object_type (objectType) to one of the default template types",
        )
    if kind == "json_invalid":
        return kind, f"not valid JSON ({ctx.get('error', '')})", ""
    if kind == "value_error":
        msg = str(ctx.get("error", err.get("msg", "")))
        return kind, msg, ""
    msg = str(err.get("msg", kind))
    msg = msg.replace("Input should be", "must be").replace("Input ", "")
    return kind, msg[:1].lower() + msg[1:], ""


_NOT_VALUES = frozenset({"rule", "fix", "at", "error"})


def findings_from(
    exc: ValidationError, prefix: tuple[str | int, ...] = (), *, tags: frozenset[str] = frozenset()
) -> list[Finding]:
    """All problems of a pydantic ``ValidationError`` as findings, duplicates removed.

    ``tags`` are the discriminator values of a tagged union, which pydantic puts first in a location.
    """
    out: list[Finding] = []
    seen: set[tuple[str, str]] = set()
    for err in exc.errors(include_url=False, include_input=False):
        ctx = err.get("ctx") or {}
        parts = list(prefix) + _clean_loc(tuple(err["loc"]), err["type"], tags) + list(ctx.get("at") or ())
        code, rule, fix = _describe(dict(err), parts, exc.title)
        path = format_path(parts)
        key = (path, rule)
        if key in seen:
            continue
        seen.add(key)
        values = {k: v for k, v in ctx.items() if k not in _NOT_VALUES and isinstance(v, int | str)}
        out.append(Finding(path=path, rule=rule, fix=fix, code=code, values=values))
    return out


def template_error(
    exc: ValidationError,
    model: str | None = None,
    prefix: tuple[str | int, ...] = (),
    *,
    tags: frozenset[str] = frozenset(),
) -> TemplateError:
    """Our error for a pydantic ``ValidationError`` (call as ``raise template_error(e) from None``)."""
    return TemplateError(findings_from(exc, prefix, tags=tags), model=model or exc.title)
