"""What a web page says about itself, read into one object: :class:`PageMetadata`.

The share widget turns a page into a message without any code from the site owner: the Open Graph
tags most pages already have for link previews (falling back to Twitter cards, ``<title>``, the meta
description, ``<link rel="canonical">`` and the page's address), plus schema.org JSON-LD for richer
messages. This module only interprets what was read; reading the DOM is the browser's part.

    page = PageMetadata(url="https://blog.example.com/p/7", document_title="Spring notes",
                        meta=[("og:image", "/img/cover.jpg")])
    page.feed()       # FeedTemplate: title, description, image and link from the page
    page.context()    # variables for a Jinja2 message template (see render_template)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any
from urllib.parse import urljoin, urlsplit

from ._base import is_web_url
from ._components import Content
from ._exceptions import Finding
from ._jsonld import JSON_LD_KINDS, describe, find, parse_json_ld
from ._links import Link
from ._templates import FeedTemplate

__all__ = ["PageMetadata"]


def _clean(value: str | None) -> str | None:
    """Whitespace collapsed (titles and descriptions often carry the page's line breaks); None if empty."""
    if value is None:
        return None
    text = " ".join(value.split())
    return text or None


def _size(value: str | None) -> int | None:
    return int(value) if value is not None and value.strip().isdigit() and 0 < int(value) < 100_000 else None


@dataclass(frozen=True)
class PageMetadata:
    """A page's own description of itself, as the browser found it.

    Only ``url`` is required. Values resolve in this order (the first present wins):

    ============  ======================================================================
    share_url     ``og:url``, ``<link rel="canonical">``, ``url``
    share_title   ``og:title``, ``twitter:title``, ``<title>``, the address's host name
    description   ``og:description``, ``twitter:description``, ``<meta name="description">``
    image         ``og:image`` (``og:image:secure_url``, ``og:image:url``), ``twitter:image``
    ============  ======================================================================

    Relative URLs are read against ``url``, as the browser would; anything that is not then an
    absolute http(s) URL is skipped and reported in :attr:`problems`.
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

    _skipped: list[Finding] = field(default_factory=list, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "meta", tuple((str(k), str(v)) for k, v in self.meta))
        object.__setattr__(self, "json_ld", tuple(str(text) for text in self.json_ld))

    # --- tags -------------------------------------------------------------------------------------

    @cached_property
    def tags(self) -> dict[str, str]:
        """Every ``<meta>`` tag's first value, by lower-case ``property``/``name``."""
        out: dict[str, str] = {}
        for key, value in self.meta:
            key = key.strip().lower()
            if key and key not in out and value.strip():
                out[key] = value.strip()
        return out

    def _group(self, prefix: str) -> dict[str, str]:
        """``og:image:width`` -> ``{"image_width": ...}`` for ``prefix="og:"``."""
        return {k[len(prefix) :].replace(":", "_"): v for k, v in self.tags.items() if k.startswith(prefix)}

    def _first(self, *keys: str) -> str | None:
        return next((self.tags[k] for k in keys if k in self.tags), None)

    def _web_url(self, what: str, value: str | None) -> str | None:
        if value is None:
            return None
        url = urljoin(self.url, value)
        if is_web_url(url):
            return url
        self._skipped.append(
            Finding(what, f"{value!r} is not an http(s) address", "use a full https:// URL", code="url_skipped")
        )
        return None

    # --- resolved values --------------------------------------------------------------------------

    @cached_property
    def share_url(self) -> str:
        """The address to share: ``og:url``, the canonical link, or the page's own address."""
        for what, value in (("og:url", self._first("og:url")), ("canonical", self.canonical)):
            url = self._web_url(what, value)
            if url is not None:
                return url
        return self.url

    @cached_property
    def share_title(self) -> str:
        """The page's title, or its host name when it has none."""
        title = _clean(self._first("og:title", "twitter:title")) or _clean(self.document_title)
        return title or urlsplit(self.url).hostname or self.url

    @cached_property
    def description(self) -> str | None:
        return _clean(self._first("og:description", "twitter:description", "description"))

    @cached_property
    def image(self) -> str | None:
        """The absolute URL of the page's preview image."""
        for key in ("og:image:secure_url", "og:image", "og:image:url", "twitter:image", "twitter:image:src"):
            url = self._web_url(key, self.tags.get(key))
            if url is not None:
                return url
        return None

    @property
    def image_size(self) -> tuple[int | None, int | None]:
        """``og:image:width`` and ``og:image:height`` (only when the image is the Open Graph one)."""
        if self.image is None or self._first("og:image:secure_url", "og:image", "og:image:url") is None:
            return None, None
        return _size(self.tags.get("og:image:width")), _size(self.tags.get("og:image:height"))

    @cached_property
    def _json_ld(self) -> tuple[list[dict[str, Any]], list[Finding]]:
        return parse_json_ld(list(self.json_ld))

    @property
    def json_ld_nodes(self) -> list[dict[str, Any]]:
        """Every JSON-LD node of the page (``@graph`` and lists flattened)."""
        return self._json_ld[0]

    def item(self, kind: str) -> dict[str, Any] | None:
        """The first JSON-LD ``product``, ``event``, ``article`` or ``recipe``, described (or None)."""
        node = find(kind, self.json_ld_nodes)
        return None if node is None else describe(kind, node, self.url)

    @property
    def problems(self) -> list[Finding]:
        """What was skipped while reading: JSON-LD that is not JSON, URLs that are not http(s)."""
        for name in ("share_url", "image"):
            getattr(self, name)  # resolving them records what they skipped
        return [*self._json_ld[1], *self._skipped]

    # --- what the widget makes of it --------------------------------------------------------------

    def context(self, *, data: Mapping[str, str] | None = None, url: str | None = None) -> dict[str, Any]:
        """The variables of a message template filled from this page.

        ``url``, ``title``, ``description``, ``image`` (+ ``image_width``/``image_height``),
        ``site_name``, ``lang``; ``og`` / ``twitter`` (their tags without the prefix, ``:`` as ``_``)
        and ``meta`` (every tag by name); ``product``, ``event``, ``article``, ``recipe`` (the first
        JSON-LD node of each kind, described, or None) and ``jsonld`` (all nodes); ``data`` (the
        button's ``data-*`` values). ``url`` overrides the shared address.
        """
        width, height = self.image_size
        context: dict[str, Any] = {
            "url": url or self.share_url,
            "title": self.share_title,
            "description": self.description,
            "image": self.image,
            "image_width": width,
            "image_height": height,
            "site_name": _clean(self._first("og:site_name")),
            "lang": self.lang,
            "og": self._group("og:"),
            "twitter": self._group("twitter:"),
            "meta": dict(self.tags),
            "jsonld": self.json_ld_nodes,
            "data": dict(data or {}),
        }
        for kind in JSON_LD_KINDS:
            context[kind] = self.item(kind)
        return context

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
