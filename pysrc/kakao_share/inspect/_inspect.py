"""One inspection from target to :class:`Report`: :func:`inspect_site`.

Pages are read as the widget reads them, each share built with :class:`kakao_share.WidgetConfig` and
checked with :func:`kakao_share.check`; then every card image is fetched once, and titles and images
are compared across pages. Fetches run on a bounded pool of threads.
"""

from __future__ import annotations

import base64
import contextlib
from collections import defaultdict
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from .. import (
    Finding,
    PageMetadata,
    ScrapTemplate,
    ShareOptions,
    Template,
    TemplateError,
    WidgetConfig,
    check,
    render_preview,
    share_settings,
)
from .._problems import format_path
from ._discovery import Source, Target, open_target
from ._exceptions import FetchFailed, InspectError
from ._fetching import Fetched, Fetcher, Resolver, system_resolver
from ._imagesize import read_header
from ._reading import ReadPage, read_html
from ._report import PageReport, Report
from ._rules import MAX_IMAGE_BYTES, Graded, grade, image_findings, page_findings, page_unreachable, repeated

__all__ = ["Progress", "inspect_site"]

#: Called with (stage: "pages" or "images", done, total) as the inspection goes.
Progress = Callable[[str, int, int], None]
#: The largest message template (template-src) read.
TEMPLATE_LIMIT = 100_000
#: Images up to this size are embedded in the HTML report, so it shows them offline.
EMBED_LIMIT = 512 * 1024


@dataclass
class _Inspected:
    """One page's report, with what the cross-page checks and the image fetches need."""

    report: PageReport
    page: ReadPage | None
    title_given: bool
    images: list[tuple[str, str]] = field(default_factory=list)
    """(field path, address) of every image its cards show: the page's own, then its templates'."""


def _quiet(stage: str, done: int, total: int) -> None:
    pass


class _Inspection:
    def __init__(self, target: Target, domains: list[str] | None) -> None:
        self.target = target
        self.domains = domains

    def _checked(self, template: Template, prefix: str, page: ReadPage) -> list[Graded]:
        findings = check(template, registered_domains=self.domains)
        images = dict(_images(template))
        kept = [
            f
            for f in findings
            if not (f.code == "image_not_https" and f.path in images and _staged(images[f.path], page.metadata))
        ]
        return grade(kept, prefix=prefix)

    def _template_source(self, config: WidgetConfig) -> str:
        url = str(config.template_src)
        try:
            fetched = self.target.read(url, TEMPLATE_LIMIT)
        except FetchFailed as exc:
            raise TemplateError([_unreachable(str(exc))], model="<kakao-share-button>") from None
        if fetched.status >= 400:
            raise TemplateError([_unreachable(f"HTTP {fetched.status}")], model="<kakao-share-button>")
        return fetched.body.decode("utf-8", errors="replace")

    def page(self, source: Source) -> _Inspected:
        report = PageReport(source.url)
        images: list[tuple[str, str]] = []
        if source.html is None:
            report.findings.append(page_unreachable(source.problem))
            return _Inspected(report, None, False)
        read = read_html(source.html, source.url)
        page = read.metadata
        report.og = {key: value for key, value in page.tags.items() if key.startswith("og:")}
        report.image = page.image
        if page.image is not None:
            images.append(("og:image", page.image))
        report.findings.extend(page_findings(page, addressed=self.target.addressed))
        report.findings.extend(grade(page.problems))
        if not read.buttons:
            try:
                feed = page.feed()
            except TemplateError as exc:
                report.findings.extend(grade(exc.problems, prefix="feed", severity="error"))
            else:
                report.message = share_settings(feed, ShareOptions())
                report.findings.extend(self._checked(feed, "feed", read))
                report.previews.append(("feed", render_preview(feed, include_style=False)))
        for index, button in enumerate(read.buttons):
            prefix = f"button[{index}]"
            try:
                config = WidgetConfig.from_attributes(
                    button.attributes, page_url=read.base_url, inline_template=button.inline_template
                )
                report.findings.extend(grade(config.warnings(), prefix=prefix))
                source_text = self._template_source(config) if config.template_src else None
                parts = config.share_parts(page, source_text)
                scraped = page.feed() if isinstance(parts.template, ScrapTemplate) else None
            except TemplateError as exc:
                report.findings.extend(grade(exc.problems, prefix=prefix, severity="error"))
                report.buttons.append(None)
                continue
            message = share_settings(parts.template, parts.options)
            report.buttons.append(message)
            if report.message is None:
                report.message = message
            report.findings.extend(self._checked(parts.template, prefix, read))
            images.extend((f"{prefix}.{path}", url) for path, url in _images(parts.template) if url != page.image)
            if scraped is not None:
                # Kakao builds a scrap card from the page's Open Graph tags: show those, as a feed.
                label, shown = f"{prefix} scrap", render_preview(scraped, include_style=False)
            else:
                label, shown = prefix, render_preview(parts.template, include_style=False)
            report.previews.append((label, shown))
        title_given = not any(f.finding.code == "title_missing" for f in report.findings)
        return _Inspected(report, read, title_given, images)

    def image(self, url: str) -> tuple[list[Graded], str | None]:
        """Findings about the image at ``url`` (at path ""), and a ``data:`` URI of it for the report.
        Its bytes (up to just over Kakao's limit) are dropped here, so at most ``concurrency`` are held."""
        try:
            fetched: Fetched | None = self.target.read(url, MAX_IMAGE_BYTES + 1)
            problem = None
        except FetchFailed as exc:
            fetched, problem = None, exc.reason
        return image_findings(fetched, problem, ""), _embedded(fetched)


def _staged(image: str, page: PageMetadata) -> bool:
    """Whether an http: image is not the template's mistake: the page's own image (reported at its tag,
    as written) or on the site of a page read over plain http (a local preview, as it is served)."""
    parts, site = urlsplit(image), urlsplit(page.url)
    return image == page.image or (site.scheme == "http" and parts.netloc.lower() == site.netloc.lower())


def _embedded(fetched: Fetched | None) -> str | None:
    """A small image as a ``data:`` URI (its type read from its bytes), so the HTML report shows it offline."""
    if fetched is None or not fetched.complete or len(fetched.body) > EMBED_LIMIT:
        return None
    header = read_header(fetched.body)
    if header is None:
        return None
    return f"data:{header.mime};base64,{base64.b64encode(fetched.body).decode('ascii')}"


def _unreachable(why: str) -> Finding:
    return Finding(
        "template-src",
        f"the message template cannot be read: {why}",
        "publish the template at that address",
        "template_unreachable",
    )


def _images(template: Template) -> list[tuple[str, str]]:
    """(field path, address) of every http(s) image a template shows (``content.image_url``, …)."""
    found: list[tuple[str, str]] = []

    def walk(value: Any, loc: tuple[str | int, ...]) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if key.endswith("image_url") and isinstance(item, str) and item.startswith(("https://", "http://")):
                    found.append((format_path((*loc, key)), item))
                walk(item, (*loc, key))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, (*loc, index))

    walk(template.model_dump(), ())
    return found


def _repeats(reads: Iterable[_Inspected]) -> None:
    titles: dict[str, list[PageReport]] = defaultdict(list)
    images: dict[str, list[PageReport]] = defaultdict(list)
    for read in reads:
        if read.page is None:
            continue
        if read.title_given:
            titles[read.page.metadata.share_title].append(read.report)
        if read.report.image:
            images[read.report.image].append(read.report)
    for kind, groups in (("title", titles), ("image", images)):
        for value, pages in groups.items():
            for page in pages if len(pages) > 1 else ():
                page.findings.append(repeated(kind, value, [p.url for p in pages if p is not page]))


def inspect_site(
    target: str,
    *,
    domains: Iterable[str] | None = None,
    base_url: str | None = None,
    max_pages: int = 200,
    concurrency: int = 8,
    baseline: dict[str, dict[str, Any]] | None = None,
    progress: Progress = _quiet,
    resolve: Resolver = system_resolver,
) -> Report:
    """Inspect every page of ``target`` (a folder, an HTML file, a site's address or its sitemap.xml).

    ``domains``: the app's registered domains (links elsewhere are errors). ``base_url``: where a folder
    is published (default: ``https://<first domain>/``). ``baseline``: a previous report's pages by
    address (:func:`read_baseline`), to mark changed cards. Raises :class:`InspectError`.
    """
    if max_pages < 1 or concurrency < 1:
        raise InspectError("max_pages and concurrency must be at least 1")
    registered = list(domains) if domains is not None else None
    if base_url is None and registered:
        first = registered[0]
        base_url = first if "://" in first else f"https://{first}/"
    with contextlib.ExitStack() as stack:

        def fetcher_for(url: str | None) -> Fetcher:
            if url is None:
                return stack.enter_context(Fetcher(concurrency=concurrency, resolve=resolve))
            return stack.enter_context(Fetcher.for_target(url, concurrency=concurrency, resolve=resolve))

        site = open_target(target, fetcher_for, base_url=base_url, max_pages=max_pages, concurrency=concurrency)
        sources = site.pages(lambda done, total: progress("pages", done, total))
        inspection = _Inspection(site, registered)
        with ThreadPoolExecutor(concurrency) as pool:
            reads = list(pool.map(inspection.page, sources))
            urls = list(dict.fromkeys(url for read in reads for _, url in read.images))
            results: dict[str, tuple[list[Graded], str | None]] = {}
            progress("images", 0, len(urls))
            for done, (url, result) in enumerate(zip(urls, pool.map(inspection.image, urls), strict=True), 1):
                results[url] = result
                progress("images", done, len(urls))
    for read in reads:
        for path, url in read.images:
            findings, data = results[url]
            read.report.findings.extend(graded.at(path) for graded in findings)
            if url == read.report.image:
                read.report.image_data = data
    _repeats(reads)
    report = Report(target, [read.report for read in reads])
    if baseline is not None:
        report.compare(baseline)
    return report
