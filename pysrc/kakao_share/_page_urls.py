"""What a page means by a relative or empty image URL, when the page's address is known.

Kakao's SDK passes ``imageUrl: "/img/mug.jpg"`` and ``imageUrl: ""`` on unchanged, and KakaoTalk then
shows a broken image: Kakao fetches images from absolute addresses only. A browser would read the
first against the page's address and the second as no image at all. Given that address
(``parse_template(data, base_url=location.href)``, which the browser bridge passes), the models do the
same, and :func:`kakao_share.check` reports each change as a finding, so nothing happens silently.
Without a base URL both stay errors.
"""

from __future__ import annotations

import weakref
from collections.abc import Mapping
from functools import cache
from typing import Any, TypeVar, get_args

from ._base import ImageUrl, KakaoModel, is_web_url
from ._exceptions import Finding
from ._problems import format_path
from .portable.urls import has_scheme, join

__all__ = ["adjustments", "resolve_image_urls", "with_adjustments"]

Loc = tuple[str | int, ...]
M = TypeVar("M", bound=KakaoModel)

#: Findings about input that was read as the page meant it, by ``id()`` of the model built from it
#: (kept outside the model, so equality, hashing and serialisation stay those of its fields).
_ADJUSTMENTS: dict[int, tuple[Finding, ...]] = {}


def _flatten(annotation: Any) -> list[Any]:
    """Every type inside an annotation: ``Content | None`` -> [Content, NoneType], recursively."""
    out = [annotation]
    for arg in get_args(annotation):
        out.extend(_flatten(arg))
    return out


@cache
def _shape(cls: type[KakaoModel]) -> tuple[dict[str, str], frozenset[str], dict[str, type[KakaoModel]]]:
    """For a model class: its input keys (alias and name) -> field name, its image URL fields, and
    the fields holding nested models (alone or in a list), by field name."""
    keys: dict[str, str] = {}
    images: set[str] = set()
    nested: dict[str, type[KakaoModel]] = {}
    for name, field in cls.model_fields.items():
        keys[name] = name
        if field.alias:
            keys[field.alias] = name
        types = _flatten(field.annotation)
        if ImageUrl in types:
            images.add(name)
        models = [t for t in types if isinstance(t, type) and issubclass(t, KakaoModel)]
        if models:
            nested[name] = models[0]
    return keys, frozenset(images), nested


def _resolve(value: str, base_url: str, loc: Loc) -> tuple[str | None, Finding | None]:
    if value == "":
        finding = Finding(
            format_path(loc),
            "an empty image URL was read as no image",
            "leave the field out, or give the image's address",
            code="image_url_empty",
        )
        return None, finding
    if has_scheme(value) or value != value.strip():
        return value, None
    resolved = join(base_url, value)
    if not is_web_url(resolved):
        return value, None
    finding = Finding(
        format_path(loc),
        f"the relative image URL {value!r} was resolved against the page's address to {resolved}",
        "write the absolute address, so the message shows the same image wherever it is shared from",
        code="image_url_resolved",
    )
    return resolved, finding


def resolve_image_urls(
    data: Mapping[str, Any], cls: type[KakaoModel], base_url: str
) -> tuple[Mapping[str, Any], tuple[Finding, ...]]:
    """``data`` (input for ``cls``) with relative image URLs resolved and empty ones removed.

    Only fields the models declare as image URLs are touched (never template args or app
    parameters that happen to use the same key). Returns the new data and one finding per change.
    """
    findings: list[Finding] = []

    def visit(value: Any, model: type[KakaoModel], loc: Loc) -> Any:
        if not isinstance(value, Mapping):
            return value
        keys, images, nested = _shape(model)
        out = dict(value)
        for key, item in value.items():
            name = keys.get(key) if isinstance(key, str) else None
            if name is None:
                continue
            if name in images and isinstance(item, str):
                fixed, finding = _resolve(item, base_url, (*loc, name))
                if finding is not None:
                    findings.append(finding)
                    if fixed is None:
                        del out[key]
                    else:
                        out[key] = fixed
            elif name in nested:
                inner = nested[name]
                if isinstance(item, (list, tuple)):
                    out[key] = [visit(entry, inner, (*loc, name, i)) for i, entry in enumerate(item)]
                else:
                    out[key] = visit(item, inner, (*loc, name))
        return out

    result = visit(data, cls, ())
    return (result, tuple(findings)) if findings else (data, ())


def with_adjustments(model: M, findings: tuple[Finding, ...]) -> M:
    """Remember ``findings`` about the input ``model`` was built from (see :func:`adjustments`)."""
    if findings:
        key = id(model)
        _ADJUSTMENTS[key] = findings
        weakref.finalize(model, _ADJUSTMENTS.pop, key, None)
    return model


def adjustments(model: object) -> tuple[Finding, ...]:
    """What was read as the page meant it when ``model`` was parsed (empty for most models)."""
    return _ADJUSTMENTS.get(id(model), ())
