"""What a web page says about itself, read into one object: :class:`Page`.

The share widget turns a page into a message without any code from the site owner: the Open Graph
tags most pages already have for link previews (falling back to Twitter cards, ``<title>``, the meta
description, ``<link rel="canonical">`` and the page's address), plus schema.org JSON-LD for richer
messages. This module only interprets what was read; reading the DOM is the browser's part.
:class:`kakao_share.PageMetadata` is this, with the message models on top.
"""

from .findings import finding
from .jsonld import JSON_LD_KINDS, describe, find, parse_json_ld
from .text import ascii_lower, collapse, is_digits, strip
from .urls import hostname, is_web_url, join

try:  # noqa: SIM105 (no contextlib on MicroPython)
    from typing import Any
except ImportError:  # MicroPython: annotations are never evaluated there
    pass

__all__ = ["IMAGE_KEYS", "Page"]

#: Where the image comes from, first present wins; the first three are Open Graph's.
IMAGE_KEYS = ("og:image:secure_url", "og:image", "og:image:url", "twitter:image", "twitter:image:src")
_TITLE_KEYS = ("og:title", "twitter:title")
_DESCRIPTION_KEYS = ("og:description", "twitter:description", "description")


def _size(value: "str | None") -> "int | None":
    """An image side in pixels, 1-99,999; anything else is None."""
    text = strip(value) if value is not None else ""
    return int(text) if is_digits(text) and 0 < int(text) < 100_000 else None


def _quoted(value: str) -> str:
    """A value shown inside a message, quoted (the same on every Python, unlike ``repr``)."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


class Page:
    """A page's own description of itself, as the browser found it.

    Only ``url`` is required. Values resolve in this order (the first present wins):

    ============  ======================================================================
    share_url     ``og:url``, ``<link rel="canonical">``, ``url``
    share_title   ``og:title``, ``twitter:title``, ``<title>``, the address's host name
    description   ``og:description``, ``twitter:description``, ``<meta name="description">``
    image         ``og:image`` (``og:image:secure_url``, ``og:image:url``), ``twitter:image``
    ============  ======================================================================

    Relative URLs are read against ``url``, as the browser would; anything that is not then an
    absolute http(s) URL is skipped and reported in :meth:`problems`.
    """

    def __init__(
        self,
        url: str,
        title: "str | None" = None,
        lang: "str | None" = None,
        canonical: "str | None" = None,
        meta: "Any" = (),
        json_ld: "Any" = (),
    ) -> None:
        self.url = url
        self.document_title = title
        self.lang = lang
        self.canonical = canonical
        self.meta = tuple((str(key), str(value)) for key, value in meta)
        self.json_ld = tuple(str(text) for text in json_ld)
        self._tags: dict[str, str] | None = None
        self._share_url: tuple[str, list[dict[str, str]]] | None = None
        self._image: tuple[str | None, list[dict[str, str]]] | None = None
        self._nodes: tuple[list[dict[str, Any]], list[dict[str, str]]] | None = None

    @classmethod
    def from_dict(cls, page: "dict[str, Any]") -> "Page":
        """From what the widget reads off the DOM (see :func:`kakao_share.portable.widget.prepare`)."""
        return cls(
            page["url"],
            page.get("title"),
            page.get("lang") or None,
            page.get("canonical") or None,
            page.get("meta") or (),
            page.get("json_ld") or (),
        )

    # --- tags -------------------------------------------------------------------------------------

    def tags(self) -> "dict[str, str]":
        """Every ``<meta>`` tag's first value, by lower-case ``property``/``name``."""
        if self._tags is None:
            tags: dict[str, str] = {}
            for key, value in self.meta:
                key = ascii_lower(strip(key))
                value = strip(value)
                if key and key not in tags and value:
                    tags[key] = value
            self._tags = tags
        return self._tags

    def group(self, prefix: str) -> "dict[str, str]":
        """``og:image:width`` -> ``{"image_width": ...}`` for ``prefix="og:"``."""
        tags = self.tags()
        return {k[len(prefix) :].replace(":", "_"): v for k, v in tags.items() if k.startswith(prefix)}

    def first(self, keys: "tuple[str, ...]") -> "str | None":
        tags = self.tags()
        for key in keys:
            if key in tags:
                return tags[key]
        return None

    def _web_url(self, what: str, value: "str | None", skipped: "list[dict[str, str]]") -> "str | None":
        if value is None:
            return None
        url = join(self.url, value)
        if is_web_url(url):
            return url
        skipped.append(
            finding(what, _quoted(value) + " is not an http(s) address", "use a full https:// URL", "url_skipped")
        )
        return None

    # --- resolved values --------------------------------------------------------------------------

    def share_url(self) -> str:
        """The address to share: ``og:url``, the canonical link, or the page's own address."""
        if self._share_url is None:
            skipped: list[dict[str, str]] = []
            found = self.url
            for what, value in (("og:url", self.first(("og:url",))), ("canonical", self.canonical)):
                url = self._web_url(what, value, skipped)
                if url is not None:
                    found = url
                    break
            self._share_url = (found, skipped)
        return self._share_url[0]

    def share_title(self) -> str:
        """The page's title, or its host name when it has none."""
        title = collapse(self.first(_TITLE_KEYS)) or collapse(self.document_title)
        return title or hostname(self.url) or self.url

    def description(self) -> "str | None":
        return collapse(self.first(_DESCRIPTION_KEYS))

    def site_name(self) -> "str | None":
        return collapse(self.first(("og:site_name",)))

    def image(self) -> "str | None":
        """The absolute URL of the page's preview image."""
        if self._image is None:
            skipped: list[dict[str, str]] = []
            found = None
            for key in IMAGE_KEYS:
                found = self._web_url(key, self.tags().get(key), skipped)
                if found is not None:
                    break
            self._image = (found, skipped)
        return self._image[0]

    def image_size(self) -> "tuple[int | None, int | None]":
        """``og:image:width`` and ``og:image:height`` (only when the image is the Open Graph one)."""
        if self.image() is None or self.first(IMAGE_KEYS[:3]) is None:
            return None, None
        tags = self.tags()
        return _size(tags.get("og:image:width")), _size(tags.get("og:image:height"))

    def _json_ld(self) -> "tuple[list[dict[str, Any]], list[dict[str, str]]]":
        if self._nodes is None:
            self._nodes = parse_json_ld(list(self.json_ld))
        return self._nodes

    def json_ld_nodes(self) -> "list[dict[str, Any]]":
        """Every JSON-LD node of the page (``@graph`` and lists flattened)."""
        return self._json_ld()[0]

    def item(self, kind: str) -> "dict[str, Any] | None":
        """The first JSON-LD ``product``, ``event``, ``article`` or ``recipe``, described (or None)."""
        node = find(kind, self.json_ld_nodes())
        return None if node is None else describe(kind, node, self.url)

    def problems(self) -> "list[dict[str, str]]":
        """What was skipped while reading: JSON-LD that is not JSON, URLs that are not http(s)."""
        self.share_url()
        self.image()
        assert self._share_url is not None and self._image is not None
        return self._json_ld()[1] + self._share_url[1] + self._image[1]

    # --- what a message template gets -------------------------------------------------------------

    def context(self, data: "dict[str, str] | None" = None, url: "str | None" = None) -> "dict[str, Any]":
        """The variables of a message template filled from this page.

        ``url``, ``title``, ``description``, ``image`` (+ ``image_width``/``image_height``),
        ``site_name``, ``lang``; ``og`` / ``twitter`` (their tags without the prefix, ``:`` as ``_``)
        and ``meta`` (every tag by name); ``product``, ``event``, ``article``, ``recipe`` (the first
        JSON-LD node of each kind, described, or None) and ``jsonld`` (all nodes); ``data`` (the
        button's ``data-*`` values). ``url`` overrides the shared address.
        """
        width, height = self.image_size()
        context = {
            "url": url or self.share_url(),
            "title": self.share_title(),
            "description": self.description(),
            "image": self.image(),
            "image_width": width,
            "image_height": height,
            "site_name": self.site_name(),
            "lang": self.lang,
            "og": self.group("og:"),
            "twitter": self.group("twitter:"),
            "meta": dict(self.tags()),
            "jsonld": self.json_ld_nodes(),
            "data": dict(data or {}),
        }
        for kind in JSON_LD_KINDS:
            context[kind] = self.item(kind)
        return context
