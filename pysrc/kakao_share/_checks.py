"""Warnings about what Kakao accepts but shows badly: :func:`check`.

Construction already refuses what Kakao would reject. These findings cover input read as the page
meant it (relative and empty image URLs, given a base URL), Kakao's documented display limits
(texts cut off, images that show badly, counters hidden) and, optionally, links to domains the app
has not registered. ``strict=True`` turns them into a :class:`TemplateError`.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Iterator
from typing import Any
from urllib.parse import urlsplit

from pydantic import BaseModel

from ._components import Commerce, Content, ItemContent, ItemRow, Social
from ._exceptions import Finding, KakaoShareWarning, TemplateError
from ._links import Link
from ._page_urls import adjustments
from ._problems import format_path
from ._template_parsing import parse_template
from ._templates import ListTemplate, ScrapTemplate, Template, TextTemplate
from .portable.limits import HEADER_TITLE_LIMIT, ITEM_CONTENT_LIMITS, ITEM_LIMIT, SOCIAL_SHOWN, TEXT_LIMIT
from .portable.message import content_warnings, image_warnings

__all__ = ["check"]

Loc = tuple[str | int, ...]


def _walk(model: BaseModel, loc: Loc = ()) -> Iterator[tuple[Loc, BaseModel]]:
    """Every model inside ``model`` (depth first, in field order) with its location."""
    yield loc, model
    for name in type(model).model_fields:
        value = getattr(model, name)
        if isinstance(value, BaseModel):
            yield from _walk(value, (*loc, name))
        elif isinstance(value, tuple):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from _walk(item, (*loc, name, i))


def _finding(loc: Loc, code: str, rule: str, fix: str) -> Finding:
    return Finding(path=format_path(loc), rule=rule, fix=fix, code=code)


def _image(loc: Loc, url: str | None) -> Iterator[Finding]:
    for found in image_warnings(loc, url):
        yield Finding.from_portable(found)


def _length(loc: Loc, value: str | None, limit: int, rule: str, code: str = "text_truncated") -> Iterator[Finding]:
    if value is not None and len(value) > limit:
        rule = f"{rule}; this one has {len(value)}"
        yield Finding(
            format_path(loc), rule, f"shorten it to {limit} characters", code, {"limit": limit, "length": len(value)}
        )


def _content(loc: Loc, content: Content) -> Iterator[Finding]:
    for found in content_warnings(
        loc, content.title, content.description, content.image_url, content.image_width, content.image_height
    ):
        yield Finding.from_portable(found)


def _item_content(loc: Loc, item_content: ItemContent) -> Iterator[Finding]:
    for name, (limit, rule) in ITEM_CONTENT_LIMITS.items():
        yield from _length((*loc, name), getattr(item_content, name), limit, rule)
    yield from _image((*loc, "profile_image_url"), item_content.profile_image_url)
    yield from _image((*loc, "title_image_url"), item_content.title_image_url)


def _item_row(loc: Loc, row: ItemRow) -> Iterator[Finding]:
    yield from _length((*loc, "item"), row.item, ITEM_LIMIT, f"item labels show up to {ITEM_LIMIT} characters")
    if not any(ch.isdigit() for ch in row.item_op):
        yield _finding(
            (*loc, "item_op"),
            "item_op_not_price",
            "item_op is meant for prices (digits, currency symbols, commas, periods)",
            "put a price such as 15,000원 here, and other text in item",
        )


def _social(loc: Loc, social: Social) -> Iterator[Finding]:
    counts = [(name, getattr(social, name)) for name in type(social).model_fields]
    for name, value in counts:
        if value is not None and value < 0:
            yield _finding((*loc, name), "negative", "counts should not be negative", "use 0 or more")
    shown = [name for name, value in counts if value is not None]
    if len(shown) > SOCIAL_SHOWN:
        hidden = ", ".join(shown[SOCIAL_SHOWN:])
        yield _finding(
            loc,
            "social_hidden",
            f"KakaoTalk shows at most {SOCIAL_SHOWN} counters (likes, comments, shares, views, "
            f"subscribers, in that order); {hidden} will not show",
            f"set at most {SOCIAL_SHOWN} counters",
        )


def _commerce(loc: Loc, commerce: Commerce) -> Iterator[Finding]:
    for name in ("regular_price", "discount_price", "fixed_discount_price"):
        value = getattr(commerce, name)
        if value is not None and value < 0:
            yield _finding((*loc, name), "negative", "prices should not be negative", "use 0 or more")
    if commerce.discount_price is not None and commerce.discount_price > commerce.regular_price:
        yield _finding(
            (*loc, "discount_price"),
            "discount_above_regular",
            "the discounted price is higher than the regular price",
            "check regular_price and discount_price",
        )


def _link(loc: Loc, link: Link, domains: list[tuple[str | None, str, int | None]] | None) -> Iterator[Finding]:
    empty = not (link.web_url or link.mobile_web_url or link.android_execution_params or link.ios_execution_params)
    if empty and loc[-3:-2] == ("buttons",):
        yield _finding(
            loc,
            "button_not_shown",
            "the button's link has no target: Kakao silently leaves such a button out of the message",
            "set the button's web_url and/or mobile_web_url (or app execution params), or remove the button",
        )
    elif empty:
        yield _finding(
            loc,
            "link_empty",
            "the link has no target; tapping it does nothing",
            "set web_url and/or mobile_web_url (or app execution params)",
        )
    if domains is not None:
        for name in ("web_url", "mobile_web_url"):
            url = getattr(link, name)
            if url is not None:
                yield from _domain((*loc, name), url, domains)


def _parse_domain(entry: str) -> tuple[str | None, str, int | None]:
    text = entry.strip()
    if "://" not in text:
        text = "//" + text
    parts = urlsplit(text)
    scheme = parts.scheme.lower() or None
    host = (parts.hostname or "").lower()
    try:
        port = parts.port
    except ValueError:
        port = None
    if port is None and scheme is not None:
        port = 443 if scheme == "https" else 80
    return scheme, host, port


def _domain(loc: Loc, url: str, domains: list[tuple[str | None, str, int | None]]) -> Iterator[Finding]:
    scheme, host, port = _parse_domain(url)
    for want_scheme, want_host, want_port in domains:
        if want_host != host:
            continue
        if want_scheme is not None and want_scheme != scheme:
            continue
        if want_port is not None and want_port != port:
            continue
        return
    site = f"{scheme}://{host}" + ("" if port in (None, 80, 443) else f":{port}")
    yield _finding(
        loc,
        "domain_not_registered",
        f"{site} is not a registered domain of the app; Kakao refuses or drops such links",
        f"register {site} under the app's Web platform in Kakao's console, or link to a registered domain",
    )


def _findings(template: Template, domains: list[tuple[str | None, str, int | None]] | None) -> Iterator[Finding]:
    if isinstance(template, TextTemplate):
        yield from _length(
            ("text",), template.text, TEXT_LIMIT, f"KakaoTalk shows up to {TEXT_LIMIT} characters of text"
        )
    if isinstance(template, ListTemplate):
        yield from _length(
            ("header_title",),
            template.header_title,
            HEADER_TITLE_LIMIT,
            f"the header title shows up to {HEADER_TITLE_LIMIT} characters",
        )
    if isinstance(template, ScrapTemplate):
        if template.template_args and template.template_id is None:
            yield _finding(
                ("template_args",),
                "args_without_template",
                "template_args are ignored without template_id",
                "set template_id or drop template_args",
            )
        if domains is not None:
            yield from _domain(("request_url",), template.request_url, domains)
    for loc, model in _walk(template):
        if isinstance(model, Link):
            yield from _link(loc, model, domains)
        elif isinstance(model, Content):
            yield from _content(loc, model)
        elif isinstance(model, ItemContent):
            yield from _item_content(loc, model)
        elif isinstance(model, ItemRow):
            yield from _item_row(loc, model)
        elif isinstance(model, Social):
            yield from _social(loc, model)
        elif isinstance(model, Commerce):
            yield from _commerce(loc, model)


def check(
    template: Any,
    *,
    registered_domains: Iterable[str] | None = None,
    strict: bool = False,
    warn: bool = False,
) -> list[Finding]:
    """Findings about what Kakao accepts but truncates or shows badly, each with path, rule and fix.

    ``template`` is a template model (or anything :func:`parse_template` takes); what
    ``parse_template(..., base_url=...)`` read as the page meant it comes first. With
    ``registered_domains`` (``"example.com"``, ``"https://shop.example.com:8443"``), every web link
    whose site is not in the list is reported. ``strict=True`` raises :class:`TemplateError` when
    there is any finding; ``warn=True`` also emits each as a :class:`KakaoShareWarning`.
    Nothing is printed.
    """
    model = parse_template(template)
    if isinstance(registered_domains, str):
        registered_domains = [registered_domains]
    domains = None if registered_domains is None else [_parse_domain(d) for d in registered_domains]
    findings = [*adjustments(model), *_findings(model, domains)]
    if warn:
        for finding in findings:
            warnings.warn(str(finding), KakaoShareWarning, stacklevel=2)
    if strict and findings:
        raise TemplateError(findings, model=type(model).__name__)
    return findings
