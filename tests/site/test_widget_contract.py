"""The widget's loader (JavaScript, on the host page before any Python) and its Python read one contract:
the element's name and the attributes each side knows. The Python side is the home
(``kakao_share.portable.attributes``); this holds the loader's copies to it, so they cannot drift."""

from __future__ import annotations

import json
import re
from pathlib import Path

from kakao_share.portable import attributes

WEB = Path(__file__).resolve().parents[2] / "web"
LOADER = WEB / "kakao-share-widget.js"
BUTTON = WEB / "widget" / "button.js"


def _constant(name: str, script: Path = LOADER) -> object:
    """The value of ``const NAME = <JSON-like literal>;`` in ``script``."""
    text = script.read_text(encoding="utf-8")
    found = re.search(rf"^const {name} = (.+?);$", text, flags=re.M | re.S)
    assert found, f"{script.name} defines no const {name}"
    literal = re.sub(r",\s*([\]}])", r"\1", found.group(1))  # JSON has no trailing commas
    return json.loads(literal)


def test_the_loader_defines_the_element_python_reads():
    assert _constant("TAG") == attributes.TAG
    assert _constant("TAG", BUTTON) == attributes.TAG


def test_the_loader_watches_exactly_the_attributes_python_reads_and_draws_from():
    assert _constant("SHARE_ATTRIBUTES") == list(attributes.SHARE_ATTRIBUTES)
    assert _constant("DISPLAY_ATTRIBUTES") == list(attributes.DISPLAY_ATTRIBUTES)
