"""Small helpers for building the page from Python: elements with text, never HTML strings."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import js
from pyodide.ffi import create_proxy

try:  # Pyodide >= 0.27 hands JavaScript's null over as jsnull, not None
    from pyodide.ffi import jsnull
except ImportError:  # pragma: no cover
    jsnull = None

document = js.document


def present(value: Any) -> Any:
    """``value``, or None for JavaScript's null (what DOM look-ups return when nothing matches)."""
    return None if value is None or value is jsnull else value


def h(tag: str, attrs: dict[str, Any] | None = None, *children: Any) -> Any:
    """``<tag attrs>children</tag>``; strings become text nodes, ``None``/``False`` attributes are left out."""
    element = document.createElement(tag)
    for name, value in (attrs or {}).items():
        if value is None or value is False:
            continue
        element.setAttribute(name, "" if value is True else str(value))
    for child in children:
        if child is not None:
            element.append(child)  # a str is appended as a text node
    return element


def by_id(element_id: str) -> Any:
    return present(document.getElementById(element_id))


def find(selector: str, root: Any = None) -> Any:
    """The first element matching ``selector`` in ``root`` (the document by default), or None."""
    return present((root or document).querySelector(selector))


def closest(element: Any, selector: str) -> Any:
    """``element`` or its nearest ancestor matching ``selector``, or None."""
    return present(element.closest(selector)) if present(element) is not None else None


def text(element_id: str, value: str) -> None:
    element = by_id(element_id)
    if element is not None:
        element.textContent = value


def slug(path: str) -> str:
    """An id-safe form of a form path: ``buttons[0].link.web_url`` -> ``buttons-0-link-web_url``."""
    return re.sub(r"[^A-Za-z0-9_]+", "-", path).strip("-") or "message"


class Listeners:
    """Event listeners added from Python, kept alive (and removable) in one place."""

    def __init__(self) -> None:
        self._proxies: list[Any] = []

    def on(self, target: Any, event: str, handler: Callable[[Any], Any]) -> None:
        proxy = create_proxy(handler)
        self._proxies.append(proxy)
        target.addEventListener(event, proxy)
