"""Reading the host page and a ``<kakao-share-button>`` into the plain values
:func:`kakao_share.portable.widget.prepare` takes. Only reading happens here: the portable modules
interpret what was read, the same on CPython, Pyodide and MicroPython."""

import js
from kakao_share.portable.attributes import INLINE_TEMPLATE_TYPE

try:  # noqa: SIM105 (MicroPython has no contextlib)
    from typing import Any
except ImportError:  # MicroPython: annotations are never evaluated there
    pass

__all__ = ["read_button", "read_page"]


def _all(selector: str) -> "list[Any]":
    found = js.document.querySelectorAll(selector)
    return [found.item(index) for index in range(found.length)]


def read_page() -> "dict[str, Any]":
    """The page's address, title, language, canonical link, ``<meta>`` tags and JSON-LD, as they are now."""
    document = js.document
    canonical = document.querySelector('link[rel~="canonical" i][href]')
    return {
        "url": str(js.location.href),
        "base_url": str(document.baseURI),
        "title": str(document.title),
        "lang": str(document.documentElement.lang or "") or None,
        "canonical": str(canonical.href) if canonical else None,
        "meta": [
            [tag.getAttribute("property") or tag.getAttribute("name") or "", tag.getAttribute("content") or ""]
            for tag in _all("meta[content]")
        ],
        "json_ld": [str(script.textContent) for script in _all('script[type="application/ld+json" i]')],
    }


def read_button(element: "Any") -> "tuple[dict[str, str], str | None]":
    """The element's attributes (name -> value) and the text of its inline template child, if any."""
    attributes = element.attributes
    values = {}
    for index in range(attributes.length):
        attribute = attributes.item(index)
        values[str(attribute.name)] = str(attribute.value)
    child = element.querySelector(':scope > script[type="' + INLINE_TEMPLATE_TYPE + '" i]')
    return values, (str(child.textContent) if child else None)
