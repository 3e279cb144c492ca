"""The model base class and the small value types every model shares.

All models are frozen pydantic models that refuse unknown fields and accept both the snake_case
Python names and the camelCase names of Kakao's JavaScript SDK. Any validation failure surfaces as
:class:`~kakao_share.TemplateError` (never pydantic's ``ValidationError``), with snake_case paths.
"""

from __future__ import annotations

import ast
import inspect
import itertools
import json
import textwrap
from collections.abc import Mapping
from functools import cache
from typing import Annotated, Any, Self

from annotated_types import Ge, Le
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, Strict, StringConstraints, ValidationError
from pydantic.alias_generators import to_camel

from ._problems import MAX_SAFE_INTEGER, problem, template_error
from .portable.urls import WEB_URL_FIX, describe_bad_url, is_web_url

__all__ = [
    "FrozenDict",
    "ImageUrl",
    "JSInt",
    "KakaoModel",
    "NonEmptyStr",
    "StrMap",
    "WebUrl",
    "flat_str_map",
    "is_web_url",
    "unreadable_json",
]


class FrozenDict(dict):  # type: ignore[type-arg]
    """A ``dict`` that cannot change, so frozen models holding mappings stay immutable and hashable.

    It is still a real ``dict``: ``json.dumps``, equality with plain dicts and pydantic all work.
    """

    __slots__ = ()

    def _immutable(self, *args: Any, **kwargs: Any) -> Any:
        raise TypeError(f"{type(self).__name__} is immutable; build a new template instead")

    __setitem__ = __delitem__ = clear = pop = popitem = setdefault = update = _immutable
    __ior__ = _immutable

    def __hash__(self) -> int:  # type: ignore[override]  # dict sets __hash__ = None
        return hash(tuple(self.items()))

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (dict(self),))

    def __copy__(self) -> FrozenDict:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> FrozenDict:
        return self


def unreadable_json(exc: BaseException) -> str:
    """Why JSON text could not be read, for the errors ``json.loads`` raises besides a syntax error."""
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    if isinstance(exc, UnicodeDecodeError):
        return "the bytes are not UTF-8 text"
    return str(exc)  # e.g. an integer with more digits than Python converts


def flat_str_map(value: Any, *, what: str, allow_json: bool = False) -> Any:
    """Check a flat string-to-string mapping (optionally given as JSON text) and freeze it."""
    if value is None:
        return None
    if allow_json and isinstance(value, (str, bytes, bytearray)):
        try:
            value = json.loads(value)
        except (ValueError, RecursionError) as exc:  # bad JSON, bytes that are not UTF-8, nesting too deep
            reason = exc.msg if isinstance(exc, json.JSONDecodeError) else unreadable_json(exc)
            raise problem(
                "json_invalid",
                f"is not valid JSON ({reason})",
                'pass a dict, or a JSON object such as \'{"order": "42"}\'',
            ) from None
    if not isinstance(value, Mapping):
        kind = "a mapping or a JSON object string" if allow_json else "a mapping"
        raise problem("object_type_error", f"must be {kind} of strings to strings", "pass a dict of str to str")
    for key, item in value.items():
        if not isinstance(key, str):
            raise problem("string_type", f"{what} keys must be strings", "convert the keys with str()")
        if not isinstance(item, str):
            nested = isinstance(item, (Mapping, list, tuple))
            rule = f"{what} must be flat: nested values are not allowed" if nested else f"{what} values must be strings"
            raise problem(
                "string_type",
                rule + f" (got {type(item).__name__})",
                "convert the value with str(), or json.dumps() for nested data",
                at=(key,),
            )
    return value if isinstance(value, FrozenDict) else FrozenDict(value)


def _freeze(value: dict[str, str]) -> FrozenDict:
    return value if isinstance(value, FrozenDict) else FrozenDict(value)


def _check_web_url(value: str) -> str:
    if not is_web_url(value):
        raise problem("url", describe_bad_url(value), WEB_URL_FIX)
    return value


def _check_image_url(value: str) -> str:
    if not is_web_url(value):
        raise problem(
            "image_url",
            "image " + describe_bad_url(value).replace("only absolute", "Kakao fetches images from absolute"),
            "use a full, publicly reachable https address of the image (or upload it first)",
        )
    return value


JSInt = Annotated[int, Strict(), Ge(-MAX_SAFE_INTEGER), Le(MAX_SAFE_INTEGER)]
"""An integer the SDK accepts: a real int (not bool, float or str) that JavaScript holds exactly."""

NonEmptyStr = Annotated[str, StringConstraints(min_length=1)]

WebUrl = Annotated[str, AfterValidator(_check_web_url), Field(json_schema_extra={"format": "uri"})]
"""An absolute http/https URL; ``javascript:``, ``data:`` and relative URLs are refused."""

ImageUrl = Annotated[str, AfterValidator(_check_image_url), Field(json_schema_extra={"format": "uri"})]
"""An absolute http/https image URL (https recommended; :func:`check` warns about http)."""

StrMap = Annotated[dict[str, str], AfterValidator(_freeze)]
"""A flat string-to-string mapping (what Kakao's template args and webhook args are in practice)."""


@cache
def _field_docs(cls: type) -> dict[str, str]:
    """Attribute docstrings of a model's fields, read from its source only when a schema is asked for.

    (pydantic's ``use_attribute_docstrings`` would do this at import time, which the browser pays for.)
    """
    docs: dict[str, str] = {}
    for klass in reversed(cls.__mro__):
        if not (isinstance(klass, type) and issubclass(klass, BaseModel)) or klass.__module__.startswith("pydantic"):
            continue
        try:
            tree = ast.parse(textwrap.dedent(inspect.getsource(klass)))
        except (OSError, TypeError, SyntaxError):  # pragma: no cover - no source available
            continue
        body = tree.body[0].body if tree.body and isinstance(tree.body[0], ast.ClassDef) else []
        for node, after in itertools.pairwise(body):
            if (
                isinstance(node, ast.AnnAssign)
                and isinstance(node.target, ast.Name)
                and isinstance(after, ast.Expr)
                and isinstance(after.value, ast.Constant)
                and isinstance(after.value.value, str)
            ):
                docs[node.target.id] = inspect.cleandoc(after.value.value)
    return docs


def _describe_fields(schema: dict[str, Any], cls: type) -> None:
    properties = schema.get("properties", {})
    for name, doc in _field_docs(cls).items():
        field = cls.model_fields.get(name)  # type: ignore[attr-defined]
        if field is None:
            continue
        for key in (field.alias, name):
            if key in properties and "description" not in properties[key]:
                properties[key]["description"] = doc
                break


class KakaoModel(BaseModel):
    """Base of every kakao-share model: frozen, strict about unknown fields, snake or camel input."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        alias_generator=to_camel,
        validate_by_name=True,
        validate_by_alias=True,
        serialize_by_alias=False,
        loc_by_alias=False,
        hide_input_in_errors=True,
        json_schema_extra=_describe_fields,
        field_title_generator=lambda name, _info: name.replace("_", " ").capitalize(),
    )

    def __init__(self, /, **data: Any) -> None:
        try:
            self.__pydantic_validator__.validate_python(data, self_instance=self)
        except ValidationError as exc:
            raise template_error(exc, type(self).__name__) from None

    # Tell pydantic this is still its own __init__: nested models are then validated in pydantic-core
    # (fast, and their errors keep full paths) instead of through this wrapper.
    __init__.__pydantic_base_init__ = True  # type: ignore[attr-defined]

    @classmethod
    def model_validate(cls, obj: Any, *args: Any, **kwargs: Any) -> Self:
        """Validate a dict (snake_case or camelCase keys); raises :class:`TemplateError`."""
        try:
            return super().model_validate(obj, *args, **kwargs)
        except ValidationError as exc:
            raise template_error(exc, cls.__name__) from None

    @classmethod
    def model_validate_json(cls, json_data: Any, *args: Any, **kwargs: Any) -> Self:
        """Validate a JSON document; raises :class:`TemplateError`."""
        try:
            return super().model_validate_json(json_data, *args, **kwargs)
        except ValidationError as exc:
            raise template_error(exc, cls.__name__) from None

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Any:
        """A copy with ``update`` applied — validated again, unlike pydantic's default."""
        if not update:
            return self
        data = {name: getattr(self, name) for name in type(self).model_fields}
        data.update(update)
        return type(self)(**data)

    def __repr_args__(self) -> Any:
        # Unset optional fields only add noise to a repr.
        for name, value in super().__repr_args__():
            if value is not None:
                yield name, value
