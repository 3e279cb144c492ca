"""Reading a template from a dict or JSON text: :func:`parse_template` picks the class, and the schema."""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from pydantic import TypeAdapter, ValidationError

from ._base import is_web_url, unreadable_json
from ._exceptions import Finding, TemplateError
from ._page_urls import resolve_image_urls, with_adjustments
from ._problems import invalid, template_error
from ._templates import (
    OBJECT_TYPES,
    TEMPLATE_BY_OBJECT_TYPE,
    TEMPLATE_CLASSES,
    CustomTemplate,
    DefaultTemplate,
    ScrapTemplate,
    Template,
)

__all__ = ["json_object", "parse_template", "template_json_schema"]


@lru_cache(maxsize=1)
def _default_adapter() -> TypeAdapter[Any]:
    return TypeAdapter(DefaultTemplate)


def template_json_schema() -> dict[str, Any]:
    """JSON schema of any default template (a ``oneOf`` keyed on ``objectType``), for editors."""
    return _default_adapter().json_schema()


def _error(path: str, rule: str, fix: str = "", code: str = "invalid") -> TemplateError:
    return invalid(path, rule, fix, code=code, model="template")


def json_object(data: Any, what: str) -> Mapping[str, Any]:
    """``data`` as a mapping: a dict as is, JSON text decoded; anything else is a :class:`TemplateError`."""
    if isinstance(data, (str, bytes, bytearray)):
        try:
            data = json.loads(data)
        except json.JSONDecodeError as exc:
            raise _error(
                "", f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})", code="json_invalid"
            ) from None
        except (ValueError, RecursionError) as exc:  # bytes that are not UTF-8, nesting too deep, ...
            raise _error("", f"not valid JSON: {unreadable_json(exc)}", code="json_invalid") from None
    if not isinstance(data, Mapping):
        raise _error("", f"{what} must be a JSON object (a dict)", code="object_type_error")
    return data


def parse_template(data: Any, *, base_url: str | None = None) -> Template:
    """Build the right template class from a dict or JSON text (snake_case or camelCase keys).

    Accepts what ``to_js()`` or ``to_template_object()`` produce, a full ``validation_params``
    document (``{"link_ver": ..., ...}``), or an existing template (returned as is). A dict with
    ``object_type`` is a default template, one with ``request_url`` a scrap template and one with
    only ``template_id`` a custom template. Raises :class:`TemplateError`.

    ``base_url`` is the address of the page the message is shared from. With it, a relative image
    URL (``/img/a.png``) is resolved against that page and an empty one means no image, as a browser
    would read them; each change is reported by :func:`check` on the result. Without it both are
    errors (Kakao cannot fetch such images).
    """
    if isinstance(data, TEMPLATE_CLASSES):
        template: Template = data
        return template
    if base_url is not None and not (isinstance(base_url, str) and is_web_url(base_url)):
        raise invalid("base_url", "must be the page's absolute http(s) address", code="url", model="template")
    data = json_object(data, "a template")
    if "link_ver" in data:
        data = {key: value for key, value in data.items() if key != "link_ver"}
        if "template_object" in data:
            inner = data.pop("template_object")
            if data:
                raise _error(next(iter(data)), "unknown field next to template_object", "remove it", "extra_forbidden")
            data = inner
            if not isinstance(data, Mapping):
                raise _error("template_object", "must be an object", code="object_type_error")
    if "object_type" in data or "objectType" in data:
        kind = data.get("object_type", data.get("objectType"))
        cls = TEMPLATE_BY_OBJECT_TYPE.get(kind) if isinstance(kind, str) else None
        adjustments: tuple[Finding, ...] = ()
        if cls is not None and base_url is not None:
            data, adjustments = resolve_image_urls(data, cls, base_url)
        try:
            model: Template = _default_adapter().validate_python(data)
        except ValidationError as exc:
            name = cls.__name__ if cls is not None else "template"
            raise template_error(exc, name, tags=frozenset(OBJECT_TYPES)) from None
        return with_adjustments(model, adjustments)
    if "request_url" in data or "requestUrl" in data:
        return ScrapTemplate.model_validate(data)
    if "template_id" in data or "templateId" in data:
        return CustomTemplate.model_validate(data)
    raise _error(
        "object_type",
        "cannot tell the template type: no object_type (default templates), request_url (scrap) "
        "or template_id (custom)",
        "add objectType: " + ", ".join(OBJECT_TYPES),
        "missing",
    )
