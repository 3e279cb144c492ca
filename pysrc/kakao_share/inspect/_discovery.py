"""Which pages to inspect and how to read what they point at: :func:`open_target`.

A target is a folder of built HTML (any static site generator's output), one HTML file, a site's
address (crawled through its same-site links) or its ``sitemap.xml``. Each kind gives the pages as
(address, HTML) and reads the files the pages name (images, message templates): from disk for the
files of a folder, over HTTP otherwise, never following links to another site.
"""

from __future__ import annotations

import codecs
import contextlib
import html
import mimetypes
import re
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import quote, unquote, urldefrag, urljoin, urlsplit

from .._i18n import Text
from ._exceptions import FetchFailed, InspectError
from ._fetching import Fetched, Fetcher, origin
from ._reading import read_html

__all__ = ["PAGE_LIMIT", "Source", "Target", "decode_html", "open_target"]

#: The largest page read (bytes); a longer one is read up to here.
PAGE_LIMIT = 5 * 1024 * 1024
#: Where a folder is taken to be published when neither --base-url nor --domain says.
DEFAULT_BASE = "https://localhost/"
_HTML_SUFFIXES = (".html", ".htm")
_NOT_PAGES = re.compile(
    r"\.(png|jpe?g|gif|webp|svg|ico|css|js|mjs|json|xml|txt|pdf|zip|gz|mp4|webm|mp3|woff2?|ttf|wasm)$", re.I
)
_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_-]+)""", re.I)
_LOC = re.compile(r"<loc>\s*(.*?)\s*</loc>", re.S | re.I)

#: Called with (pages done, pages known) as pages are read.
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Source:
    """One page: its address and HTML, or why it could not be read."""

    url: str
    html: str | None
    problem: Text | None = None


def decode_html(body: bytes) -> str:
    """HTML bytes as text: the charset its ``<meta>`` names, else UTF-8 (undecodable bytes replaced)."""
    match = _CHARSET.search(body[:2048])
    encoding = "utf-8"
    if match:
        with contextlib.suppress(LookupError):
            encoding = codecs.lookup(match.group(1).decode("ascii")).name
    return body.decode(encoding, errors="replace")


class Target:
    """Pages to inspect and a way to read the files they name."""

    site: str
    """The origin pages belong to (``https://example.com``)."""
    addressed: bool
    """Whether page addresses are where the pages are really published (False for a folder without
    --base-url or --domain: then only paths are compared)."""

    def __init__(self, fetcher: Fetcher, site: str, addressed: bool) -> None:
        self.fetcher = fetcher
        self.site = site
        self.addressed = addressed

    def pages(self, progress: Progress) -> list[Source]:
        raise NotImplementedError

    def read(self, url: str, limit: int) -> Fetched:
        """The file at ``url``, at most ``limit`` bytes. Raises :class:`FetchFailed`."""
        return self.fetcher.get(url, limit=limit)


class _Files(Target):
    """A folder (or one file) of built HTML, published at ``base``."""

    def __init__(self, fetcher: Fetcher, root: Path, files: list[Path], base: str, addressed: bool) -> None:
        super().__init__(fetcher, origin(base), addressed)
        self.root = root
        self.files = files
        self.base = base

    def url_of(self, path: Path) -> str:
        relative = path.relative_to(self.root).as_posix()
        if relative == "index.html" or relative.endswith("/index.html"):
            relative = relative[: -len("index.html")]
        return urljoin(self.base, quote(relative))

    def local_path(self, url: str) -> Path | None:
        """The file of the folder ``url`` names (http or https, on the base's host), or None."""
        parts, base = urlsplit(url), urlsplit(self.base)
        if parts.scheme not in ("http", "https") or parts.netloc.lower() != base.netloc.lower():
            return None
        path = unquote(parts.path)
        if not path.startswith(base.path):
            return None
        relative = PurePosixPath(path[len(base.path) :])
        candidate = (self.root / relative).resolve()
        if path.endswith("/") or candidate.is_dir():
            candidate = candidate / "index.html"
        return candidate if candidate.is_relative_to(self.root) else None

    def pages(self, progress: Progress) -> list[Source]:
        out = []
        for done, path in enumerate(self.files, 1):
            with path.open("rb") as file:
                data = file.read(PAGE_LIMIT)
            out.append(Source(self.url_of(path), decode_html(data)))
            progress(done, len(self.files))
        return out

    def read(self, url: str, limit: int) -> Fetched:
        path = self.local_path(url)
        if path is None:
            return super().read(url, limit)
        if not path.is_file():
            return Fetched(url, 404, "", b"", True, None)
        size = path.stat().st_size
        with path.open("rb") as file:
            body = file.read(limit)
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return Fetched(url, 200, content_type, body, size <= limit, size)


class _Crawl(Target):
    """A site read over HTTP from ``start``, following its same-site links (or its sitemap)."""

    def __init__(self, fetcher: Fetcher, start: str, max_pages: int, concurrency: int) -> None:
        super().__init__(fetcher, origin(start), True)
        self.start = start
        self.max_pages = max_pages
        self.concurrency = concurrency

    def _page(self, url: str) -> tuple[Source | None, list[str]]:
        """The page at ``url`` and its same-site links; no page when it is not HTML."""
        try:
            fetched = self.fetcher.get(url, limit=PAGE_LIMIT, site=self.site)
        except FetchFailed as exc:
            return Source(url, None, exc.reason), []
        if fetched.status >= 400:
            status = f"HTTP {fetched.status}"
            return Source(url, None, Text(status, status)), []
        if fetched.content_type not in ("text/html", "application/xhtml+xml"):
            return None, []
        text = decode_html(fetched.body)
        links = read_html(text, fetched.url).links
        return Source(fetched.url, text), [link for link in links if self._follows(link)]

    def _follows(self, url: str) -> bool:
        return (
            origin(url) == self.site
            and urlsplit(url).scheme in ("http", "https")
            and not _NOT_PAGES.search(urlsplit(url).path)
        )

    def _sitemap(self, url: str, depth: int = 0) -> list[str]:
        try:
            fetched = self.fetcher.get(url, limit=PAGE_LIMIT, site=self.site)
        except FetchFailed as exc:
            raise InspectError(f"the sitemap {url} cannot be read: {exc}") from exc
        if fetched.status >= 400:
            raise InspectError(f"the sitemap {url} answered HTTP {fetched.status}")
        urls: list[str] = []
        for raw in _LOC.findall(fetched.body.decode("utf-8", errors="replace")):
            loc = urldefrag(html.unescape(raw))[0]
            if origin(loc) != self.site:
                continue
            if loc.lower().endswith(".xml") and depth < 1:
                urls.extend(self._sitemap(loc, depth + 1))
            else:
                urls.append(loc)
        return list(dict.fromkeys(urls))

    def pages(self, progress: Progress) -> list[Source]:
        sitemap = urlsplit(self.start).path.lower().endswith(".xml")
        queue = self._sitemap(self.start)[: self.max_pages] if sitemap else [urldefrag(self.start)[0]]
        seen = {_page_key(url) for url in queue}
        found: list[Source] = []
        with ThreadPoolExecutor(self.concurrency) as pool:
            while queue and len(found) < self.max_pages:
                batch, queue = queue[: self.concurrency], queue[self.concurrency :]
                for asked, (source, links) in zip(batch, pool.map(self._page, batch), strict=True):
                    # A redirect to a page already read (/blog -> /blog/) is that page again.
                    again = (
                        source is not None
                        and _page_key(source.url) != _page_key(asked)
                        and (_page_key(source.url) in {_page_key(f.url) for f in found})
                    )
                    if source is not None and not again and len(found) < self.max_pages:
                        found.append(source)
                    for link in links if not sitemap else ():
                        if _page_key(link) not in seen:
                            seen.add(_page_key(link))
                            queue.append(link)
                    progress(len(found), min(self.max_pages, len(found) + len(queue)))
        return found


def _page_key(url: str) -> str:
    """One key for the addresses of one page: ``/blog/index.html`` and ``/blog/`` are the same."""
    return url[: -len("index.html")] if url.endswith("/index.html") else url


def _html_files(root: Path) -> Iterator[Path]:
    for path in sorted(root.rglob("*")):
        if path.suffix.lower() in _HTML_SUFFIXES and path.is_file() and not path.is_symlink():
            yield path


def open_target(
    target: str,
    fetcher_for: Callable[[str | None], Fetcher],
    *,
    base_url: str | None = None,
    max_pages: int = 200,
    concurrency: int = 8,
) -> Target:
    """The pages of ``target``: a folder, an HTML file, or an http(s) address (a site or its sitemap).

    ``fetcher_for(url)`` makes the :class:`Fetcher` for a site at ``url`` (see :meth:`Fetcher.for_target`),
    ``fetcher_for(None)`` the one for the public images a folder's pages name.
    ``base_url`` is where a folder or file is published. Raises :class:`InspectError`.
    """
    scheme = urlsplit(target).scheme.lower()
    if scheme in ("http", "https"):
        return _Crawl(fetcher_for(target), target, max_pages, concurrency)
    if "://" in target:
        raise InspectError(f"{target} is neither a folder, a file nor an http(s) address")
    path = Path(target).resolve()
    if path.is_dir():
        root, files = path, list(_html_files(path))[:max_pages]
    elif path.is_file():
        root, files = path.parent, [path]
    else:
        raise InspectError(f"{target} does not exist")
    if not files:
        raise InspectError(f"{target} holds no .html files")
    base = base_url or DEFAULT_BASE
    if not urlsplit(base).scheme.startswith("http"):
        raise InspectError(f"--base-url {base} is not an http(s) address")
    if not base.endswith("/"):
        base += "/"
    return _Files(fetcher_for(None), root, files, base, addressed=base_url is not None)
