"""An HTML card that looks like the KakaoTalk message a template produces: :func:`render_preview`.

The card is rendered by the Jinja2 HTML files shipped in ``kakao_share/cards/`` (one per message
type, ``<type>.html.j2``) with autoescaping on, so every text of the message is shown as text. Links
get an ``href`` only when they are absolute http/https URLs; app-only links are shown as labels.
Scrap and custom templates, which only Kakao can render, become a labelled placeholder with their
request URL / id and args.

CSS classes (all prefixed ``ks-``; :data:`PREVIEW_CSS` styles them, scoped under ``.ks-card``):

=========================  =====================================================================
``ks-card``                the message; plus ``ks-card--<type>`` (feed, list, location, commerce,
                           text, calendar, scrap, custom) and ``ks-card--placeholder``
``ks-image``               the content image (``ks-thumb`` in list rows)
``ks-body``                the text block: ``ks-title``, ``ks-description``, ``ks-text``
``ks-list-header``         list header; ``ks-list-row`` each list content
``ks-profile``             item content profile (``ks-profile-image``, ``ks-profile-text``)
``ks-title-image``         item content title image block (``ks-title-image-text``, ``ks-category``)
``ks-items``               item rows (``ks-item``, ``ks-item-label``, ``ks-item-value``, ``ks-sum``)
``ks-social``              counters (``ks-count``)
``ks-price``               commerce prices (``ks-product``, ``ks-discount-rate``, ``ks-final-price``,
                           ``ks-regular-price``)
``ks-address``             location address; ``ks-calendar`` calendar event placeholder
``ks-buttons``             the buttons row; ``ks-button`` each (``ks-button--app`` without web link)
``ks-note``                explanatory text in placeholders; ``ks-args`` their id/argument list
=========================  =====================================================================
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from ._base import is_web_url

__all__ = ["PREVIEW_CSS", "render_preview"]

PREVIEW_CSS = """\
.ks-card{box-sizing:border-box;width:280px;margin:8px 0;border-radius:12px;overflow:hidden;background:#fff;
 color:#191919;font:14px/1.45 -apple-system,BlinkMacSystemFont,"Apple SD Gothic Neo","Malgun Gothic",sans-serif;
 box-shadow:0 1px 3px rgba(0,0,0,.18)}
.ks-card *{box-sizing:border-box}
.ks-card a{color:inherit;text-decoration:none}
.ks-card .ks-content{display:block}
.ks-card .ks-image{display:block;width:100%;height:auto;max-height:320px;aspect-ratio:auto 1.9/1;object-fit:cover;
 background:#f2f2f2}
.ks-card .ks-body{padding:12px 14px 4px}
.ks-card .ks-title{margin:0 0 2px;font-size:15px;font-weight:600;display:-webkit-box;-webkit-line-clamp:2;
 -webkit-box-orient:vertical;overflow:hidden;overflow-wrap:anywhere}
.ks-card .ks-description{margin:0;color:#777;font-size:13px;display:-webkit-box;-webkit-line-clamp:4;
 -webkit-box-orient:vertical;overflow:hidden;white-space:pre-line;overflow-wrap:anywhere}
.ks-card .ks-text{margin:0;padding:14px;white-space:pre-line;overflow-wrap:anywhere}
.ks-card .ks-list-header{padding:12px 14px;font-weight:600;border-bottom:1px solid #eee;display:block}
.ks-card .ks-list-row{display:flex;gap:10px;align-items:center;padding:10px 14px;border-bottom:1px solid #f3f3f3}
.ks-card .ks-list-row .ks-body{padding:0;flex:1;min-width:0}
.ks-card .ks-thumb{width:56px;height:56px;border-radius:6px;object-fit:cover;flex:none;background:#f2f2f2}
.ks-card .ks-profile{display:flex;align-items:center;gap:6px;padding:10px 14px 0;font-size:12px}
.ks-card .ks-profile-image{width:20px;height:20px;border-radius:50%;object-fit:cover}
.ks-card .ks-title-image{display:flex;align-items:center;gap:10px;padding:10px 14px}
.ks-card .ks-title-image img{width:52px;height:52px;object-fit:cover;border-radius:6px}
.ks-card .ks-title-image-text{font-weight:600}
.ks-card .ks-category{color:#999;font-size:12px}
.ks-card .ks-items{margin:0;padding:4px 14px 8px;list-style:none;font-size:13px}
.ks-card .ks-item,.ks-card .ks-sum{display:flex;justify-content:space-between;gap:8px}
.ks-card .ks-item-label{color:#777}
.ks-card .ks-sum{border-top:1px solid #eee;margin-top:4px;padding-top:4px;font-weight:700}
.ks-card .ks-social{display:flex;gap:10px;padding:4px 14px 8px;color:#999;font-size:12px}
.ks-card .ks-price{padding:0 14px 6px}
.ks-card .ks-product{display:block;color:#555;font-size:13px}
.ks-card .ks-discount-rate{color:#f0452f;font-weight:700;margin-right:4px}
.ks-card .ks-final-price{font-size:17px;font-weight:700}
.ks-card .ks-regular-price{color:#aaa;font-size:12px;margin-left:4px}
.ks-card .ks-address,.ks-card .ks-calendar{padding:0 14px 8px;color:#555;font-size:13px}
.ks-card .ks-buttons{display:flex;gap:6px;padding:8px 14px 12px}
.ks-card .ks-button{flex:1;display:block;padding:8px 4px;border-radius:6px;background:#f2f2f2;text-align:center;
 font-size:13px;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.ks-card .ks-button--app{color:#777}
.ks-card--placeholder{border:1px dashed #bbb;box-shadow:none}
.ks-card .ks-note{margin:0;padding:12px 14px 4px;color:#555;font-size:13px}
.ks-card .ks-args{margin:0;padding:4px 14px 12px;font-size:12px;overflow-wrap:anywhere}
.ks-card .ks-args dt{color:#999}
.ks-card .ks-args dd{margin:0 0 4px}
"""
"""The stylesheet of the preview card; every rule is scoped under ``.ks-card``."""

TEXT_SHOWN = 200
DEFAULT_BUTTON = "자세히 보기"
LOCATION_BUTTON = "위치 보기"


def _href(link: Any) -> str | None:
    """The web URL a preview may link to, or None (app-only link or anything not http/https)."""
    if link is None:
        return None
    for url in (getattr(link, "web_url", None), getattr(link, "mobile_web_url", None)):
        if isinstance(url, str) and is_web_url(url):
            return url
    return None


def _src(url: Any) -> str | None:
    return url if isinstance(url, str) and is_web_url(url) else None


def _price(amount: int | None, commerce: Any) -> str:
    if amount is None:
        return ""
    unit = commerce.currency_unit if commerce.currency_unit is not None else "원"
    number = f"{amount:,}"
    return f"{unit}{number}" if commerce.currency_unit_position == 1 else f"{number}{unit}"


def _shorten(text: str | None, limit: int = TEXT_SHOWN) -> str:
    if text is None:
        return ""
    return text if len(text) <= limit else text[:limit] + "…"


@lru_cache(maxsize=1)
def _environment() -> Any:
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(
        loader=PackageLoader(__package__, "cards"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        href=_href,
        src=_src,
        price=_price,
        shorten=_shorten,
        DEFAULT_BUTTON=DEFAULT_BUTTON,
        LOCATION_BUTTON=LOCATION_BUTTON,
    )
    return env


_SOCIAL = (
    ("like_count", "좋아요"),
    ("comment_count", "댓글"),
    ("shared_count", "공유"),
    ("view_count", "조회"),
    ("subscriber_count", "구독자"),
)


def _social(social: Any) -> list[tuple[str, str]]:
    """The counters KakaoTalk shows: the first three that are set, in Kakao's order."""
    if social is None:
        return []
    shown = [(label, f"{getattr(social, name):,}") for name, label in _SOCIAL if getattr(social, name) is not None]
    return shown[:3]


def render_preview(template: Any, *, include_style: bool = True) -> str:
    """An HTML fragment (one ``<article class="ks-card">``) that looks like the KakaoTalk message.

    ``template`` is a template model or anything :func:`parse_template` takes. With
    ``include_style`` (the default) a ``<style>`` element with :data:`PREVIEW_CSS` comes first.
    Every text is HTML-escaped; only http/https URLs become links or image sources.
    """
    from ._template_parsing import parse_template

    model = parse_template(template)
    kind = getattr(model, "object_type", None) or model.validation_action
    card = _environment().get_template(f"{kind}.html.j2")
    html: str = card.render(t=model, kind=kind, social=_social(getattr(model, "social", None)))
    if include_style:
        # PREVIEW_CSS is our own constant (no "</style"), so it goes in verbatim.
        html = f"<style>{PREVIEW_CSS}</style>\n" + html
    return html
