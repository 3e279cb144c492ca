"""What a web page says about itself, read into one object: :class:`PageMetadata`.

The share widget turns a page into a message without any code from the site owner: the Open Graph
tags most pages already have for link previews (falling back to Twitter cards, ``<title>``, the meta
description, ``<link rel="canonical">`` and the page's address), plus schema.org JSON-LD for richer
messages. This module only interprets what was read; reading the DOM is the browser's part. The reading
rules themselves are :class:`kakao_share.portable.page.Page` (they also run on MicroPython); this
adds the message models.

    page = PageMetadata(url="https://blog.example.com/p/7", document_title="Spring notes",
                        meta=[("og:image", "/img/cover.jpg")])
    page.feed()       # FeedTemplate: title, description, image and link from the page
    page.context()    # variables for a Jinja2 message template (see render_template)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from ._components import Content
from ._exceptions import Finding
from ._links import Link
from ._templates import FeedTemplate
from .portable.page import Page

__all__ = ["PageMetadata"]


@dataclass(frozen=True)
class PageMetadata:
    """A page's own description of itself, as the browser found it.

    Only ``url`` is required. Which tag wins for each value, and how relative and non-web URLs are
    treated, is :class:`kakao_share.portable.page.Page`'s table; skipped values are in :attr:`problems`.
    """

    url: str
    """The page's address (``location.href``)."""

    document_title: str | None = None
    """The text of ``<title>``."""

    lang: str | None = None
    """The page's language (``<html lang>``)."""

    canonical: str | None = None
    """``<link rel="canonical">``'s ``href``."""

    meta: Iterable[tuple[str, str]] = ()
    """``<meta>`` tags as (``property`` or ``name``, ``content``) pairs in document order."""

    json_ld: Iterable[str] = ()
    """The texts of the page's ``<script type="application/ld+json">`` elements."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "meta", tuple((str(k), str(v)) for k, v in self.meta))
        object.__setattr__(self, "json_ld", tuple(str(text) for text in self.json_ld))

    @cached_property
    def _page(self) -> Page:
        return Page(self.url, self.document_title, self.lang, self.canonical, self.meta, self.json_ld)

    @property
    def tags(self) -> dict[str, str]:
        """Every ``<meta>`` tag's first value, by lower-case ``property``/``name``."""
        return self._page.tags()

    @property
    def share_url(self) -> str:
        """The address to share: ``og:url``, the canonical link, or the page's own address."""
        return self._page.share_url()

    @property
    def share_title(self) -> str:
        """The page's title, or its host name when it has none."""
        return self._page.share_title()

    @property
    def description(self) -> str | None:
        return self._page.description()

    @property
    def image(self) -> str | None:
        """The absolute URL of the page's preview image."""
        return self._page.image()

    @property
    def image_size(self) -> tuple[int | None, int | None]:
        """``og:image:width`` and ``og:image:height`` (only when the image is the Open Graph one)."""
        return self._page.image_size()

    @property
    def json_ld_nodes(self) -> list[dict[str, Any]]:
        """Every JSON-LD node of the page (``@graph`` and lists flattened)."""
        return self._page.json_ld_nodes()

    def item(self, kind: str) -> dict[str, Any] | None:
        """The first JSON-LD ``product``, ``event``, ``article`` or ``recipe``, described (or None)."""
        return self._page.item(kind)

    @property
    def problems(self) -> list[Finding]:
        """What was skipped while reading: JSON-LD that is not JSON, URLs that are not http(s)."""
        return [Finding.from_portable(found) for found in self._page.problems()]

    def context(self, *, data: Mapping[str, str] | None = None, url: str | None = None) -> dict[str, Any]:
        """The variables of a message template filled from this page (see :meth:`Page.context`).

        ``url``, ``title``, ``description``, ``image`` (+ ``image_width``/``image_height``),
        ``site_name``, ``lang``; ``og`` / ``twitter`` (their tags without the prefix, ``:`` as ``_``)
        and ``meta`` (every tag by name); ``product``, ``event``, ``article``, ``recipe`` (the first
        JSON-LD node of each kind, described, or None) and ``jsonld`` (all nodes); ``data`` (the
        button's ``data-*`` values). ``url`` overrides the shared address.
        """
        return self._page.context(dict(data or {}), url)

    def feed(self, *, url: str | None = None) -> FeedTemplate:
        """A feed message of the page: its title, description and image, linking to ``url`` or the page."""
        link = url or self.share_url
        width, height = self.image_size
        content = Content(
            title=self.share_title,
            description=self.description,
            image_url=self.image,
            image_width=width,
            image_height=height,
            link=Link(web_url=link, mobile_web_url=link),
        )
        return FeedTemplate(content=content)
