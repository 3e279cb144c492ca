"""The two wire forms of a template, and the exact rules that connect them.

This module docstring is the single reference for the key order; a JavaScript test double of the SDK
must reproduce it byte for byte.

1. ``to_js()`` — the plain dict handed to ``Kakao.Share.sendDefault`` / ``sendCustom`` / ``sendScrap``.

   * camelCase keys; unset fields are omitted (never ``None``, never an empty list);
   * default templates: keys in the order the models declare their fields (``objectType`` first),
     nested objects likewise, lists in the caller's order:

     ============  ==========================================================================
     feed          objectType, content, itemContent, social, buttonTitle, buttons
     list          objectType, headerTitle, headerLink, contents, buttonTitle, buttons
     location      objectType, content, address, addressTitle, social, buttonTitle, buttons
     commerce      objectType, content, commerce, buttonTitle, buttons
     text          objectType, text, link, buttonTitle, buttons
     calendar      objectType, idType, id, content, buttons
     link          webUrl, mobileWebUrl, androidExecutionParams, iosExecutionParams
     button        title, link
     content       title, description, imageUrl, imageWidth, imageHeight, link
     itemContent   profileText, profileImageUrl, titleImageUrl, titleImageText,
                   titleImageCategory, items, sum, sumOp
     item row      item, itemOp
     social        likeCount, commentCount, sharedCount, viewCount, subscriberCount
     commerce      productName, regularPrice, discountPrice, discountRate, fixedDiscountPrice,
                   currencyUnit, currencyUnitPosition
     ============  ==========================================================================

     (``test_wire.py`` holds this table to the models.)
   * custom: ``{"templateId": int, "templateArgs"?: {...}}`` (args omitted when empty);
   * scrap: ``{"requestUrl": str, "templateId"?: int, "templateArgs"?: {...}}``.

2. ``to_template_object()`` — what the SDK derives from (1) for a default template and posts to Kakao
   (snake_case, the ``template_object`` of ``validation_params``). Given the ``to_js()`` dict ``js``:

   a. ``object_type`` (from ``objectType``);
   b. ``button_title``, only if ``buttonTitle`` is set;
   c. every other key of ``js`` in ``js``'s own order, **except** the type-specific keys below,
      with each key converted camelCase -> snake_case (an upper-case letter ``X`` becomes ``_x``),
      recursively through nested objects and arrays, nested key order unchanged;
   d. the type-specific keys, in this fixed order:

      ==========  ============================================================
      list        ``header_title``
      location    ``address``, ``address_title`` (``""`` when not given)
      calendar    ``id_type``, ``id``
      text        ``text``
      feed        (none)
      commerce    (none)
      ==========  ============================================================

   Example: ``{"objectType": "text", "text": "hello", "link": {"webUrl": "https://example.com"},
   "buttonTitle": "go"}`` -> ``{"object_type": "text", "button_title": "go", "link": {"web_url":
   "https://example.com"}, "text": "hello"}``.

3. ``validation_params()`` — the ``validation_params`` form field, always with ``link_ver`` first:

   * default: ``{"link_ver": "4.0", "template_object": <2>}``
   * custom:  ``{"link_ver": "4.0", "template_id": int, "template_args": {...}}`` — ``template_args``
     is always present (``{}`` when none), keys as given;
   * scrap:   ``{"link_ver": "4.0", "request_url": str, ["template_id": int,] "template_args": {...}}``
     — ``template_id`` only when set, ``template_args`` always (``{}`` when none).

4. Payload size: ``JSON.stringify(validation_params())`` in compact form (no spaces), measured like
   JavaScript's ``String.length`` (UTF-16 code units). Over :data:`PAYLOAD_LIMIT` (10,000) is an error.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from .portable.limits import LINK_VER, PAYLOAD_LIMIT
from .portable.message import custom_params, default_params, scrap_params
from .portable.text import utf16_length

__all__ = [
    "LINK_VER",
    "PAYLOAD_LIMIT",
    "compact_json",
    "custom_params",
    "default_params",
    "order_template_object",
    "payload_size",
    "scrap_params",
    "snake_case",
    "utf16_length",
]

_UPPER = re.compile(r"[A-Z]")

#: The keys each default type moves to the end, and the value used when a key is not set.
TYPE_SPECIFIC: dict[str, tuple[tuple[str, Any], ...]] = {
    "feed": (),
    "commerce": (),
    "list": (("header_title", None),),
    "location": (("address", None), ("address_title", "")),
    "calendar": (("id_type", None), ("id", None)),
    "text": (("text", None),),
}

_HEAD = frozenset({"object_type", "button_title"})


@lru_cache(maxsize=512)
def snake_case(key: str) -> str:
    """``imageUrl`` -> ``image_url`` (how the SDK converts keys)."""
    return _UPPER.sub(lambda m: "_" + m.group(0).lower(), key)


def order_template_object(data: Mapping[str, Any]) -> dict[str, Any]:
    """Put a snake_case default-template dict into the SDK's key order (rule 2 above)."""
    object_type = data["object_type"]
    specific = TYPE_SPECIFIC[object_type]
    out: dict[str, Any] = {"object_type": object_type}
    if data.get("button_title") is not None:
        out["button_title"] = data["button_title"]
    skip = _HEAD.union(name for name, _ in specific)
    for key, value in data.items():
        if key not in skip:
            out[key] = value
    for key, default in specific:
        value = data.get(key)
        if value is None:
            value = default
        if value is not None:
            out[key] = value
    return out


def compact_json(value: Any) -> str:
    """Compact JSON as ``JSON.stringify`` writes it (non-ASCII kept, no spaces)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def payload_size(params: Any) -> int:
    """Length of the compact JSON in UTF-16 code units, like JavaScript's ``String.length``."""
    text = compact_json(params)
    return len(text) if text.isascii() else utf16_length(text)
