"""schema.org JSON-LD in a page (Product, Event, Article, Recipe) as plain values a message template uses.

Pages describe the same thing in many shapes: ``image`` is a URL, a list or an ``ImageObject``; a
price hides in ``offers`` (an object or a list, a number or ``"12,000"``); an author is a string, a
``Person`` or a list of them. :func:`describe` reads one node into a flat dict with one shape per
value (``product.price`` is a number, ``product.image`` an absolute URL), keeping the node itself as
``raw`` for anything else. Nothing here raises on odd input: a value that cannot be read is ``None``.
"""

from .findings import finding
from .jsontext import JSONError, loads
from .text import collapse
from .urls import is_web_url, join

try:  # noqa: SIM105 (no contextlib on MicroPython)
    from typing import Any
except ImportError:  # MicroPython: annotations are never evaluated there
    pass

__all__ = ["JSON_LD_KINDS", "describe", "find", "parse_json_ld"]

#: The kinds of thing :func:`find` and :func:`describe` know, as the template context names them.
JSON_LD_KINDS = ("product", "event", "article", "recipe")

_ARTICLE_TYPES = frozenset({"Article", "BlogPosting", "NewsArticle", "Report", "SocialMediaPosting", "TechArticle"})
_PRODUCT_TYPES = frozenset({"Product", "ProductGroup", "ProductModel", "IndividualProduct", "Vehicle", "Car"})
_DIGITS = "0123456789"


def parse_json_ld(texts: "list[str]") -> "tuple[list[dict[str, Any]], list[dict[str, str]]]":
    """Every node of the page's ``<script type="application/ld+json">`` texts (``@graph`` and lists
    flattened, in document order), and a finding for each text that is not JSON."""
    nodes: list[dict[str, Any]] = []
    problems = []
    for index, text in enumerate(texts):
        try:
            data = loads(text)
        except JSONError as exc:
            problems.append(
                finding(
                    f"json_ld[{index}]",
                    f"is not valid JSON ({exc.msg}, line {exc.lineno})",
                    'fix the JSON inside the page\'s <script type="application/ld+json">',
                    "json_ld_invalid",
                )
            )
            continue
        _flatten(data, nodes)
    return nodes, problems


def _flatten(data: "Any", out: "list[dict[str, Any]]") -> None:
    if isinstance(data, list):
        for item in data:
            _flatten(item, out)
    elif isinstance(data, dict):
        graph = data.get("@graph")
        if "@type" in data or graph is None:
            out.append(data)
        if graph is not None:
            _flatten(graph, out)


def _last_part(name: str) -> str:
    """``"https://schema.org/Product"``, ``"schema:Product"`` -> ``"Product"``."""
    for index in range(len(name) - 1, -1, -1):
        if name[index] in "/:#":
            return name[index + 1 :]
    return name


def _types(node: "dict[str, Any]") -> "set[str]":
    value = node.get("@type")
    names = value if isinstance(value, list) else [value]
    return {_last_part(name) for name in names if isinstance(name, str)}


def _is(kind: str, node: "dict[str, Any]") -> bool:
    types = _types(node)
    if kind == "product":
        return bool(types & _PRODUCT_TYPES)
    if kind == "event":
        return any(t.endswith("Event") or t == "Festival" for t in types)
    if kind == "article":
        return any(t in _ARTICLE_TYPES or t.endswith("Article") for t in types)
    return "Recipe" in types


def find(kind: str, nodes: "list[dict[str, Any]]") -> "dict[str, Any] | None":
    """The first node of ``kind`` (``product``, ``event``, ``article`` or ``recipe``), or None."""
    if kind not in JSON_LD_KINDS:
        raise ValueError("unknown kind {!r}; one of {}".format(kind, ", ".join(JSON_LD_KINDS)))
    for node in nodes:
        if _is(kind, node):
            return node
    return None


# --- reading values ---------------------------------------------------------------------------------


def _first(value: "Any") -> "Any":
    return value[0] if isinstance(value, list) and value else value


def _text(value: "Any") -> "str | None":
    value = _first(value)
    if isinstance(value, dict):
        value = value.get("@value", value.get("name"))
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str):
        return collapse(value)
    return None


def _names(value: "Any") -> "str | None":
    """A person, an organisation or a list of them, as "A, B"."""
    items = value if isinstance(value, list) else [value]
    names = [name for name in (_text(item) for item in items) if name]
    return ", ".join(names) or None


def _url(value: "Any", base: str) -> "str | None":
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, dict):
            item = item.get("url") or item.get("contentUrl") or item.get("@id")
        if isinstance(item, str) and item.strip():
            url = join(base, item.strip())
            if is_web_url(url):
                return url
    return None


def _digits_end(text: str, at: int, commas: bool) -> int:
    while at < len(text) and (text[at] in _DIGITS or (commas and text[at] == ",")):
        at += 1
    return at


def _number_at(text: str, at: int) -> int:
    """End of ``-?\\d[\\d,]*(\\.\\d+)?|-?\\.\\d+`` matched at ``at``, or -1."""
    start = at + 1 if text[at] == "-" else at
    if start < len(text) and text[start] in _DIGITS:
        end = _digits_end(text, start, True)
        if end + 1 < len(text) and text[end] == "." and text[end + 1] in _DIGITS:
            end = _digits_end(text, end + 1, False)
        return end
    if start + 1 < len(text) and text[start] == "." and text[start + 1] in _DIGITS:
        return _digits_end(text, start + 1, False)
    return -1


def _number(value: "Any") -> "int | float | None":
    """``12000``, ``12000.0``, ``"12,000"`` and ``"₩12,000"`` -> ``12000``; ``"12.50"`` -> ``12.5``."""
    value = _first(value)
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        text = value
        value = None
        for at in range(len(text)):
            end = _number_at(text, at)
            if end >= 0:
                value = float(text[at:end].replace(",", ""))
                break
    if isinstance(value, (int, float)) and value == value and abs(value) != float("inf"):
        return int(value) if float(value) == int(value) else float(value)
    return None


def _suffix(value: "Any") -> "str | None":
    """``"https://schema.org/InStock"`` -> ``"InStock"``."""
    text = _text(value)
    return _last_part(text) if text else None


def _minutes(value: "Any") -> "int | None":
    """An ISO 8601 duration (``PT1H30M``, ``P1DT2H``) in whole minutes (seconds dropped)."""
    text = _text(value)
    if not text or text[0] != "P":
        return None
    found = {}
    units = "D"  # the units allowed next, in order
    number = ""
    for ch in text[1:]:
        if ch in _DIGITS or (ch == "." and units == "S" and number):
            number += ch
        elif ch == "T" and not number and "T" in units + "T" and "H" not in found and "M" not in found:
            units = "HMS"
        elif ch in units and number and (ch == "S" or "." not in number):
            found[ch] = number
            units = units[units.index(ch) + 1 :] if ch != "D" else "T"
            number = ""
        else:
            return None
    if number or not found:
        return None
    days, hours, minutes = (int(found.get(unit, "0")) for unit in "DHM")
    if not any(unit in found for unit in "DHM"):
        return None
    return (days * 24 + hours) * 60 + minutes


def _offer(node: "dict[str, Any]") -> "dict[str, Any]":
    offer = _first(node.get("offers"))
    return offer if isinstance(offer, dict) else {}


def _price(node: "dict[str, Any]") -> "dict[str, Any]":
    offer = _offer(node)
    spec = _first(offer.get("priceSpecification"))
    spec = spec if isinstance(spec, dict) else {}
    price = _number(offer.get("price", offer.get("lowPrice", spec.get("price"))))
    currency = _text(offer.get("priceCurrency", spec.get("priceCurrency")))
    return {"price": price, "price_currency": currency, "availability": _suffix(offer.get("availability"))}


def _rating(node: "dict[str, Any]") -> "dict[str, Any]":
    rating = _first(node.get("aggregateRating"))
    rating = rating if isinstance(rating, dict) else {}
    count = _number(rating.get("reviewCount", rating.get("ratingCount")))
    return {"rating": _number(rating.get("ratingValue")), "review_count": count}


def _address(value: "Any") -> "str | None":
    value = _first(value)
    if isinstance(value, dict):
        parts = ("streetAddress", "addressLocality", "addressRegion", "postalCode", "addressCountry")
        found = [_text(value.get(part)) for part in parts]
        return ", ".join(part for part in found if part) or None
    return _text(value)


def describe(kind: str, node: "dict[str, Any]", base_url: str) -> "dict[str, Any]":
    """One JSON-LD node as the flat dict a template gets (URLs made absolute against ``base_url``).

    Every kind has ``name``, ``description``, ``image``, ``url`` and ``raw`` (the node as written);
    the rest depends on the kind (see the README's table).
    """
    out: dict[str, Any] = {
        "name": _text(node.get("name") or node.get("headline")),
        "description": _text(node.get("description")),
        "image": _url(node.get("image"), base_url),
        "url": _url(node.get("url") or node.get("@id"), base_url),
    }
    if kind == "product":
        out["sku"] = _text(node.get("sku"))
        out["brand"] = _names(node.get("brand"))
        out.update(_price(node))
        out.update(_rating(node))
    elif kind == "event":
        location = _first(node.get("location"))
        place = location if isinstance(location, dict) else {}
        out["start_date"] = _text(node.get("startDate"))
        out["end_date"] = _text(node.get("endDate"))
        out["location"] = _text(place.get("name")) if place else _text(location)
        out["address"] = _address(place.get("address")) if place else None
        out["organizer"] = _names(node.get("organizer"))
        out["status"] = _suffix(node.get("eventStatus"))
        out.update(_price(node))
    elif kind == "article":
        out["headline"] = _text(node.get("headline") or node.get("name"))
        out["author"] = _names(node.get("author"))
        out["date_published"] = _text(node.get("datePublished"))
        out["date_modified"] = _text(node.get("dateModified"))
        out["publisher"] = _names(node.get("publisher"))
        out["section"] = _text(node.get("articleSection"))
    elif kind == "recipe":
        ingredients = node.get("recipeIngredient")
        nutrition = node.get("nutrition")
        out["author"] = _names(node.get("author"))
        out["total_time"] = _text(node.get("totalTime"))
        out["total_minutes"] = _minutes(node.get("totalTime"))
        out["recipe_yield"] = _text(node.get("recipeYield"))
        out["calories"] = _text(nutrition.get("calories")) if isinstance(nutrition, dict) else None
        out["ingredients"] = [t for t in (_text(i) for i in ingredients) if t] if isinstance(ingredients, list) else []
        out.update(_rating(node))
    else:
        raise ValueError("unknown kind {!r}; one of {}".format(kind, ", ".join(JSON_LD_KINDS)))
    out["raw"] = node
    return out
