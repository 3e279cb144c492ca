"""Small helpers for building the page from Python: elements with text, never HTML strings."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import js
from pyodide.ffi import create_proxy

document = js.document


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
    return document.getElementById(element_id)


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
