"""Reading an HTML page as the widget reads the DOM: :func:`read_html`.

The widget's browser code hands the library the page's address, ``<title>``, ``<html lang>``, the
canonical link, every ``<meta content>`` as (property or name, content), the JSON-LD scripts and each
``<kakao-share-button>``'s attributes with its inline template child. This module gathers the same
values from HTML text with the standard library's parser; :class:`kakao_share.PageMetadata` and
:class:`kakao_share.WidgetConfig` interpret them exactly as they do in the page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin

from .. import PageMetadata
from ..portable.attributes import INLINE_TEMPLATE_TYPE
from ..portable.attributes import TAG as BUTTON

__all__ = ["ButtonTag", "ReadPage", "read_html"]

_VOID = frozenset(
    "area base br col embed hr img input link meta param source track wbr".split()  # noqa: SIM905
)


@dataclass(frozen=True)
class ButtonTag:
    """One ``<kakao-share-button>`` as written: its attributes and inline template (if any)."""

    attributes: dict[str, str]
    inline_template: str | None


@dataclass(frozen=True)
class ReadPage:
    """What a page says: its metadata as :class:`PageMetadata`, its base URL, buttons and links."""

    metadata: PageMetadata
    base_url: str
    """``document.baseURI``: the page's address, or its ``<base href>``."""
    buttons: list[ButtonTag]
    links: list[str]
    """Absolute addresses of its ``<a href>`` and ``<area href>``, without fragments, in order."""


@dataclass
class _Button:
    attributes: dict[str, str]
    depth: int = 0
    template: list[str] | None = None
    templates: list[str] = field(default_factory=list)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title: list[str] | None = None
        self.title_done = False
        self.lang: str | None = None
        self.base: str | None = None
        self.canonical: str | None = None
        self.meta: list[tuple[str, str]] = []
        self.json_ld: list[str] = []
        self.script: list[str] | None = None
        self.links: list[str] = []
        self.buttons: list[ButtonTag] = []
        self.button: _Button | None = None
        self.svg = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values: dict[str, str] = {}
        for name, value in attrs:
            values.setdefault(name, value or "")  # the DOM keeps an attribute's first value
        button = self.button
        if button is not None and tag not in _VOID:
            button.depth += 1
            if (
                button.depth == 1
                and tag == "script"
                and values.get("type", "").strip().lower() == INLINE_TEMPLATE_TYPE
                and not button.templates
            ):
                button.template = []
        if tag == "svg":
            self.svg += 1
        elif tag == "html" and self.lang is None:
            self.lang = values.get("lang") or None
        elif tag == "title" and not self.svg and self.title is None:
            self.title = []
        elif tag == "base" and self.base is None and "href" in values:
            self.base = values["href"]
        elif tag == "link" and "canonical" in values.get("rel", "").lower().split() and "href" in values:
            self.canonical = self.canonical or values["href"]
        elif tag == "meta" and "content" in values:
            self.meta.append((values.get("property") or values.get("name") or "", values["content"]))
        elif tag == "script" and values.get("type", "").strip().lower() == "application/ld+json":
            self.script = []
        elif tag in ("a", "area") and "href" in values:
            self.links.append(values["href"])
        elif tag == BUTTON and button is None:
            self.button = _Button(values)

    def handle_endtag(self, tag: str) -> None:
        if tag == "svg" and self.svg:
            self.svg -= 1
        if tag == "title" and self.title is not None:
            self.title_done = True
        if tag == "script" and self.script is not None:
            self.json_ld.append("".join(self.script))
            self.script = None
        button = self.button
        if button is None:
            return
        if tag == BUTTON and button.depth == 0:
            inline = button.templates[0] if button.templates else None
            self.buttons.append(ButtonTag(button.attributes, inline))
            self.button = None
            return
        if tag == "script" and button.template is not None and button.depth == 1:
            button.templates.append("".join(button.template))
            button.template = None
        if tag not in _VOID and button.depth > 0:
            button.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.title is not None and not self.title_done:
            self.title.append(data)
        if self.script is not None:
            self.script.append(data)
        if self.button is not None and self.button.template is not None:
            self.button.template.append(data)

    def close(self) -> None:
        super().close()
        if self.button is not None:  # an element left open runs to the end of the document
            inline = self.button.templates[0] if self.button.templates else None
            self.buttons.append(ButtonTag(self.button.attributes, inline))
            self.button = None


def read_html(text: str, url: str) -> ReadPage:
    """Read the page ``text`` found at ``url``."""
    reader = _Reader()
    reader.feed(text)
    reader.close()
    base = urljoin(url, reader.base.strip()) if reader.base else url
    metadata = PageMetadata(
        url=url,
        document_title=" ".join("".join(reader.title).split()) if reader.title is not None else None,
        lang=reader.lang,
        canonical=urljoin(base, reader.canonical.strip()) if reader.canonical else None,
        meta=reader.meta,
        json_ld=reader.json_ld,
    )
    links = [urldefrag(urljoin(base, href.strip()))[0] for href in reader.links]
    return ReadPage(metadata, base, reader.buttons, links)
