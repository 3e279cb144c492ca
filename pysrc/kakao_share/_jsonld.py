"""schema.org JSON-LD in a page (Product, Event, Article, Recipe) as plain values a message template uses.

Pages describe the same thing in many shapes: ``image`` is a URL, a list or an ``ImageObject``; a
price hides in ``offers`` (an object or a list, a number or ``"12,000"``); an author is a string, a
``Person`` or a list of them. :func:`describe` reads one node into a flat dict with one shape per
value (``product.price`` is a number, ``product.image`` an absolute URL), keeping the node itself as
``raw`` for anything else. Nothing here raises on odd input: a value that cannot be read is ``None``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any
from urllib.parse import urljoin

from ._base import is_web_url
from ._exceptions import Finding

__all__ = ["JSON_LD_KINDS", "describe", "find", "parse_json_ld"]

#: The kinds of thing :func:`find` and :func:`describe` know, as the template context names them.
JSON_LD_KINDS: tuple[str, ...] = ("product", "event", "article", "recipe")

_ARTICLE_TYPES = frozenset({"Article", "BlogPosting", "NewsArticle", "Report", "SocialMediaPosting", "TechArticle"})
_PRODUCT_TYPES = frozenset({"Product", "ProductGroup", "ProductModel", "IndividualProduct", "Vehicle", "Car"})


def parse_json_ld(texts: Sequence[str]) -> tuple[list[dict[str, Any]], list[Finding]]:
    """Every node of the page's ``<script type="application/ld+json">`` texts (``@graph`` and lists
    flattened, in document order), and a finding for each text that is not JSON."""
    nodes: list[dict[str, Any]] = []
    problems: list[Finding] = []
    for index, text in enumerate(texts):
        try:
            data = json.loads(text)
        except ValueError as exc:
            where = f"line {exc.lineno}" if isinstance(exc, json.JSONDecodeError) else "its text"
            problems.append(
                Finding(
                    f"json_ld[{index}]",
                    f"is not valid JSON ({exc.msg if isinstance(exc, json.JSONDecodeError) else exc}, {where})",
                    'fix the JSON inside the page\'s <script type="application/ld+json">',
                    code="json_ld_invalid",
                )
            )
            continue
        nodes.extend(_flatten(data))
    return nodes, problems


def _flatten(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _flatten(item)
    elif isinstance(data, dict):
        graph = data.get("@graph")
        if "@type" in data or graph is None:
            yield data
        if graph is not None:
            yield from _flatten(graph)


def _types(node: Mapping[str, Any]) -> set[str]:
    value = node.get("@type")
    names = value if isinstance(value, list) else [value]
    # "schema:Product" and "https://schema.org/Product" name the same type.
    return {re.split(r"[/:#]", name)[-1] for name in names if isinstance(name, str)}


def _is(kind: str, node: Mapping[str, Any]) -> bool:
    types = _types(node)
    if kind == "product":
        return bool(types & _PRODUCT_TYPES)
    if kind == "event":
        return any(t.endswith("Event") or t == "Festival" for t in types)
    if kind == "article":
        return any(t in _ARTICLE_TYPES or t.endswith("Article") for t in types)
    return "Recipe" in types


def find(kind: str, nodes: Sequence[Mapping[str, Any]]) -> Mapping[str, Any] | None:
    """The first node of ``kind`` (``product``, ``event``, ``article`` or ``recipe``), or None."""
    if kind not in JSON_LD_KINDS:
        raise ValueError(f"unknown kind {kind!r}; one of {', '.join(JSON_LD_KINDS)}")
    return next((node for node in nodes if _is(kind, node)), None)


# --- reading values ---------------------------------------------------------------------------------


def _first(value: Any) -> Any:
    return value[0] if isinstance(value, list) and value else value


def _text(value: Any) -> str | None:
    value = _first(value)
    if isinstance(value, Mapping):
        value = value.get("@value", value.get("name"))
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str):
        text = " ".join(value.split())
        return text or None
    return None


def _names(value: Any) -> str | None:
    """A person, an organisation or a list of them, as "A, B"."""
    items = value if isinstance(value, list) else [value]
    names = [name for name in (_text(item) for item in items) if name]
    return ", ".join(names) or None


def _url(value: Any, base: str) -> str | None:
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, Mapping):
            item = item.get("url") or item.get("contentUrl") or item.get("@id")
        if isinstance(item, str) and item.strip():
            url = urljoin(base, item.strip())
            if is_web_url(url):
                return url
    return None


_NUMBER = re.compile(r"-?\d[\d,]*(?:\.\d+)?|-?\.\d+")


def _number(value: Any) -> int | float | None:
    """``12000``, ``12000.0``, ``"12,000"`` and ``"₩12,000"`` -> ``12000``; ``"12.50"`` -> ``12.5``."""
    value = _first(value)
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        match = _NUMBER.search(value)
        if match is None:
            return None
        value = float(match.group().replace(",", ""))
    if isinstance(value, (int, float)) and value == value and abs(value) != float("inf"):
        return int(value) if float(value).is_integer() else float(value)
    return None


def _suffix(value: Any) -> str | None:
    """``"https://schema.org/InStock"`` -> ``"InStock"``."""
    text = _text(value)
    return re.split(r"[/:#]", text)[-1] if text else None


_DURATION = re.compile(r"P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:\d+(?:\.\d+)?S)?)?")


def _minutes(value: Any) -> int | None:
    """An ISO 8601 duration (``PT1H30M``) in whole minutes."""
    text = _text(value)
    match = _DURATION.fullmatch(text) if text else None
    if match is None or not any(match.groups()):
        return None
    days, hours, minutes = (int(part or 0) for part in match.groups())
    return (days * 24 + hours) * 60 + minutes


def _offer(node: Mapping[str, Any]) -> Mapping[str, Any]:
    offer = _first(node.get("offers"))
    return offer if isinstance(offer, Mapping) else {}


def _price(node: Mapping[str, Any]) -> dict[str, Any]:
    offer = _offer(node)
    spec = _first(offer.get("priceSpecification"))
    spec = spec if isinstance(spec, Mapping) else {}
    price = _number(offer.get("price", offer.get("lowPrice", spec.get("price"))))
    currency = _text(offer.get("priceCurrency", spec.get("priceCurrency")))
    return {"price": price, "price_currency": currency, "availability": _suffix(offer.get("availability"))}


def _rating(node: Mapping[str, Any]) -> dict[str, Any]:
    rating = _first(node.get("aggregateRating"))
    rating = rating if isinstance(rating, Mapping) else {}
    count = _number(rating.get("reviewCount", rating.get("ratingCount")))
    return {"rating": _number(rating.get("ratingValue")), "review_count": count}


def _address(value: Any) -> str | None:
    value = _first(value)
    if isinstance(value, Mapping):
        parts = ("streetAddress", "addressLocality", "addressRegion", "postalCode", "addressCountry")
        found = [_text(value.get(part)) for part in parts]
        return ", ".join(part for part in found if part) or None
    return _text(value)


def _common(node: Mapping[str, Any], base: str) -> dict[str, Any]:
    return {
        "name": _text(node.get("name") or node.get("headline")),
        "description": _text(node.get("description")),
        "image": _url(node.get("image"), base),
        "url": _url(node.get("url") or node.get("@id"), base),
    }


def describe(kind: str, node: Mapping[str, Any], base_url: str) -> dict[str, Any]:
    """One JSON-LD node as the flat dict a template gets (URLs made absolute against ``base_url``).

    Every kind has ``name``, ``description``, ``image``, ``url`` and ``raw`` (the node as written);
    the rest depends on the kind (see the README's table).
    """
    out = _common(node, base_url)
    if kind == "product":
        out |= {"sku": _text(node.get("sku")), "brand": _names(node.get("brand")), **_price(node), **_rating(node)}
    elif kind == "event":
        location = _first(node.get("location"))
        place = location if isinstance(location, Mapping) else {}
        out |= {
            "start_date": _text(node.get("startDate")),
            "end_date": _text(node.get("endDate")),
            "location": _text(place.get("name")) if place else _text(location),
            "address": _address(place.get("address")) if place else None,
            "organizer": _names(node.get("organizer")),
            "status": _suffix(node.get("eventStatus")),
            **_price(node),
        }
    elif kind == "article":
        out |= {
            "headline": _text(node.get("headline") or node.get("name")),
            "author": _names(node.get("author")),
            "date_published": _text(node.get("datePublished")),
            "date_modified": _text(node.get("dateModified")),
            "publisher": _names(node.get("publisher")),
            "section": _text(node.get("articleSection")),
        }
    elif kind == "recipe":
        ingredients = node.get("recipeIngredient")
        nutrition = node.get("nutrition")
        out |= {
            "author": _names(node.get("author")),
            "total_time": _text(node.get("totalTime")),
            "total_minutes": _minutes(node.get("totalTime")),
            "recipe_yield": _text(node.get("recipeYield")),
            "calories": _text(nutrition.get("calories")) if isinstance(nutrition, Mapping) else None,
            "ingredients": [t for t in map(_text, ingredients) if t] if isinstance(ingredients, list) else [],
            **_rating(node),
        }
    else:
        raise ValueError(f"unknown kind {kind!r}; one of {', '.join(JSON_LD_KINDS)}")
    out["raw"] = node
    return out
