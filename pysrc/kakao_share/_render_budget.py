"""What one Jinja2 render may spend, and the counters that hold it to that (see :mod:`kakao_share._sandbox`)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextvars import ContextVar
from typing import Any

from jinja2.exceptions import SecurityError

__all__ = [
    "BUDGET",
    "MAX_INDENT",
    "MAX_ITERATIONS",
    "MAX_OUTPUT",
    "MAX_POWER_BITS",
    "Budget",
    "RenderLimitError",
    "bounded_range",
    "checked",
    "concat",
    "counted_loop",
    "join_output",
    "size_of",
    "spend",
    "too_big",
]

MAX_OUTPUT = 100_000
"""Largest document, and largest value, a render may make (a message is at most 10,000 characters)."""

MAX_ITERATIONS = 10_000
"""Most loop iterations one render may run, all loops together (also the longest ``range()``)."""

MAX_POWER_BITS = 100_000
"""Largest integer, in bits, ``**`` may compute."""

MAX_INDENT = 16
"""Largest ``indent`` of the ``tojson`` filter."""


class RenderLimitError(SecurityError):
    """A template asked for more than a render may do (see the limits of :mod:`kakao_share._sandbox`)."""


class Budget:
    """What one render has spent so far."""

    __slots__ = ("iterations", "written")

    def __init__(self) -> None:
        self.iterations = 0
        self.written = 0


BUDGET: ContextVar[Budget | None] = ContextVar("kakao_share_render_budget", default=None)


def too_big(what: str, size: int, limit: int = MAX_OUTPUT) -> RenderLimitError:
    return RenderLimitError(f"{what} would make {size:,}; a template may make at most {limit:,}")


def size_of(value: Any, limit: int = MAX_OUTPUT) -> int:
    """The size of ``value`` (characters of strings, elements of containers, through nesting), counted
    only until it passes ``limit`` (so a huge value costs no more to measure than a small one)."""
    total = 0
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str | bytes):
            total += len(item)
        elif isinstance(item, int) and not isinstance(item, bool):
            total += item.bit_length() // 3 + 1  # about its decimal digits
        elif isinstance(item, Mapping):
            total += len(item)
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list | tuple | set | frozenset):
            total += len(item)
            stack.extend(item)
        else:
            total += 1
        if total > limit:
            return total
    return total


def checked(value: Any, what: str = "a value") -> Any:
    """``value`` if its size is within :data:`MAX_OUTPUT`, else :class:`RenderLimitError`."""
    size = size_of(value)
    if size > MAX_OUTPUT:
        raise too_big(what, size)
    return value


def spend(characters: int) -> None:
    budget = BUDGET.get()
    if budget is None:  # compiling (constant folding), not rendering
        return
    budget.written += characters
    if budget.written > MAX_OUTPUT:
        raise RenderLimitError(f"the values the template wrote add up to more than {MAX_OUTPUT:,} characters")


def counted_loop(iterable: Any) -> Any:
    """Every ``{% for %}`` iterates through this: counts the iterations of the render."""
    budget = BUDGET.get()
    if budget is None:
        return iterable

    def counted(items: Iterable[Any]) -> Iterator[Any]:
        for item in items:
            budget.iterations += 1
            if budget.iterations > MAX_ITERATIONS:
                raise RenderLimitError(f"the template ran more than {MAX_ITERATIONS:,} loop iterations")
            yield item

    return counted(iterable)


def bounded_range(*args: int) -> range:
    numbers = range(*args)
    if len(numbers) > MAX_ITERATIONS:
        raise too_big("range()", len(numbers), MAX_ITERATIONS)
    return numbers


def concat(*values: Any) -> str:
    """``a ~ b``: the same strings Jinja2 joins, checked before they are joined."""
    parts = [str(checked(value, "a value joined with ~")) for value in values]
    total = sum(map(len, parts))
    if total > MAX_OUTPUT:
        raise too_big("joining with ~", total)
    return "".join(parts)


def join_output(parts: Iterable[str]) -> str:
    """What Jinja2 uses to join written output (the document, blocks, macros): checked as it goes."""
    kept: list[str] = []
    total = 0
    for part in parts:
        total += len(part)
        if total > MAX_OUTPUT:
            raise RenderLimitError(f"the template wrote more than {MAX_OUTPUT:,} characters")
        kept.append(part)
    return "".join(kept)
