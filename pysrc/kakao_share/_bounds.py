"""What a model field allows, read from its constraints: so forms and pages show the models' numbers."""

from __future__ import annotations

from typing import Any, get_args

from annotated_types import BaseMetadata, Ge, Gt, Le, Lt, MaxLen, MinLen
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from .portable.limits import MAX_SAFE_INTEGER

__all__ = ["bounds", "number_bounds", "row_bounds"]


def _constraints(annotation: Any) -> list[Any]:
    found: list[Any] = []
    for arg in get_args(annotation):
        if isinstance(arg, BaseMetadata):
            found.append(arg)
        elif isinstance(arg, FieldInfo):
            found.extend(arg.metadata)
        else:
            found.extend(_constraints(arg))
    return found


def _whole(bound: object) -> int:
    assert isinstance(bound, int), f"a form bound must be a whole number, not {bound!r}"
    return bound


def bounds(model: type[BaseModel], name: str) -> tuple[int | None, int | None]:
    """``(lowest, highest)`` a field of ``model`` allows: a number's range or a list's length (None: open).

    Read from the field's constraints, nested ones included (``Annotated[tuple[...], Field(max_length=2)]
    | None``); the bounds of any JavaScript integer (``JSInt``) count as open.
    """
    info = model.model_fields[name]
    low: int | None = None
    high: int | None = None
    for c in [*info.metadata, *_constraints(info.annotation)]:
        if isinstance(c, Ge):
            low = _whole(c.ge)
        elif isinstance(c, MinLen):
            low = c.min_length
        elif isinstance(c, Gt):
            low = _whole(c.gt) + 1
        elif isinstance(c, Le):
            high = _whole(c.le)
        elif isinstance(c, MaxLen):
            high = c.max_length
        elif isinstance(c, Lt):
            high = _whole(c.lt) - 1
    return (None if low == -MAX_SAFE_INTEGER else low, None if high == MAX_SAFE_INTEGER else high)


def row_bounds(model: type[BaseModel], name: str) -> tuple[int, int]:
    """``(fewest, most)`` rows of a list field, for a form's ``repeat``."""
    low, high = bounds(model, name)
    assert high is not None, f"{model.__name__}.{name} has no most rows"
    return (low or 0, high)


def number_bounds(model: type[BaseModel], name: str) -> dict[str, int | None]:
    """``minimum=`` and ``maximum=`` of a number field, for a form's input."""
    low, high = bounds(model, name)
    return {"minimum": low, "maximum": high}
