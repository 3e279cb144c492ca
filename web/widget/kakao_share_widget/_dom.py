"""Reading the host page and a ``<kakao-share-button>`` element into plain Python values.

Only reading happens here: the library interprets what was read (:class:`kakao_share.PageMetadata`,
:class:`kakao_share.WidgetConfig`), so that logic is tested on CPython.
"""

from __future__ import annotations

from typing import Any

import js
from kakao_share import PageMetadata
from kakao_share._widget import INLINE_TEMPLATE_TYPE

__all__ = ["read_button", "read_page"]


def read_page() -> PageMetadata:
    """The page's address, title, language, canonical link, ``<meta>`` tags and JSON-LD, as they are now."""
    document = js.document
    meta = [
        (tag.getAttribute("property") or tag.getAttribute("name") or "", tag.getAttribute("content") or "")
        for tag in document.querySelectorAll("meta[content]")
    ]
    canonical = document.querySelector('link[rel~="canonical" i][href]')
    json_ld = [script.textContent for script in document.querySelectorAll('script[type="application/ld+json" i]')]
    return PageMetadata(
        url=str(js.location.href),
        document_title=str(document.title),
        lang=str(document.documentElement.lang or "") or None,
        canonical=str(canonical.href) if canonical else None,
        meta=meta,
        json_ld=json_ld,
    )


def read_button(element: Any) -> tuple[dict[str, str], str | None]:
    """The element's attributes (name -> value) and the text of its inline template child, if any."""
    attributes = {str(attribute.name): str(attribute.value) for attribute in element.attributes}
    child = element.querySelector(f':scope > script[type="{INLINE_TEMPLATE_TYPE}" i]')
    return attributes, (str(child.textContent) if child else None)
