"""The portable helpers give what CPython's own library gives (json, str, difflib, urllib), on generated input.

MicroPython lacks or differs from these, so kakao_share.portable has its own; here they are held to the
originals on CPython (test_on_micropython then holds MicroPython to the same unit tests).
"""

from __future__ import annotations

import difflib
import json
import re
from typing import get_args
from urllib.parse import urljoin

from hypothesis import given, settings
from hypothesis import strategies as st
from kakao_share import PickerSettings, WidgetConfig
from kakao_share.portable.attributes import DISPLAY_ATTRIBUTES, SHARE_ATTRIBUTES, close_match
from kakao_share.portable.jsontext import JSONError, loads
from kakao_share.portable.limits import PICKER_TYPES
from kakao_share.portable.text import json_length, strip, utf16_length, words
from kakao_share.portable.urls import is_web_url, join

unicode_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=30)
json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), unicode_text),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(unicode_text, inner, max_size=3)),
    max_leaves=12,
)
json_texts = st.one_of(
    json_values.map(json.dumps),
    json_values.map(lambda v: json.dumps(v, ensure_ascii=False, indent=1)),
    st.text(st.sampled_from('{}[]",:0123456789.-+eE \\n\tatrufnlsNIy\\/u'), max_size=24),
)


@settings(max_examples=400, deadline=None)
@given(json_texts)
def test_json_reads_as_json_loads_reads(text):
    try:
        expected = ("ok", json.loads(text))
    except json.JSONDecodeError as exc:
        expected = ("error", exc.msg, exc.pos)
    try:
        got = ("ok", loads(text))
    except JSONError as exc:
        got = ("error", exc.msg, exc.pos)
    if expected[0] == "error" and expected[1].startswith("Illegal trailing comma"):  # CPython 3.13+ wording
        assert got[0] == "error"
        return
    assert repr(got) == repr(expected)


@settings(max_examples=300, deadline=None)
@given(json_values)
def test_json_length_is_the_compact_json_length_in_utf16(value):
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    if "NaN" in text or "Infinity" in text or any(isinstance(v, float) for v in _leaves(value)):
        return  # floats are written differently by JavaScript; the messages hold no floats
    assert json_length(value) == len(text.encode("utf-16-le")) // 2
    assert utf16_length(text) == len(text.encode("utf-16-le")) // 2


def _leaves(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from _leaves(item)
    elif isinstance(value, list):
        for item in value:
            yield from _leaves(item)
    else:
        yield value


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        st.one_of(st.characters(exclude_categories=("Cs",)), st.sampled_from(" \u3000\xa0\x1c\u2028\t")), max_size=20
    )
)
def test_whitespace_as_cpython_splits_and_strips(text):
    assert words(text) == text.split()
    assert strip(text) == text.strip()


KNOWN = [*SHARE_ATTRIBUTES, *DISPLAY_ATTRIBUTES]


@settings(max_examples=400, deadline=None)
@given(
    st.one_of(
        st.text(st.sampled_from("abcdeiklmnoprstuvy-"), max_size=14),
        st.builds(
            lambda n, i, c: n[:i] + c + n[i + 1 :], st.sampled_from(KNOWN), st.integers(0, 12), st.text(max_size=2)
        ),
    )
)
def test_did_you_mean_as_difflib_says(word):
    found = difflib.get_close_matches(word, KNOWN, n=1, cutoff=0.75)
    assert close_match(word, KNOWN) == (found[0] if found else None)


segment = st.sampled_from(["a", "b.png", ".", "..", "%20", "ü", "x;y"])


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(["https://a.example.com", "https://a.example.com/d/p?q#f", "http://b.kr:8080/x/y/"]),
    st.builds(
        lambda lead, parts, query, fragment: lead + "/".join(parts) + query + fragment,
        st.sampled_from(["", "/", "//cdn.example.com/"]),
        st.lists(segment, max_size=4),
        st.sampled_from(["", "?k=v"]),  # (a bare "?" or "#": urllib drops it, a browser keeps it, so do we)
        st.sampled_from(["", "#top"]),
    ),
)
def test_relative_urls_resolve_as_urljoin_resolves_them(base, ref):
    assert join(base, ref) == urljoin(base, ref)


# The web-URL rule as the models wrote it before it moved (a regular expression), kept here as the oracle.
_OLD_WEB_URL = re.compile(
    r"https?://(?:[^\x00-\x20\x7f\\/?#@]*@)?(?:\[[0-9A-Fa-f:.]+\]|[^\x00-\x20\x7f\\/?#@:\[\]]+)"
    r"(?::[0-9]*)?(?:[/?#][^\x00-\x20\x7f\\]*)?",
    re.IGNORECASE,
)


@settings(max_examples=500, deadline=None)
@given(
    st.builds(
        lambda a, b, c: a + b + c,
        st.sampled_from(["https://", "http://", "HTTP://", "ftp://", "", "https:/"]),
        st.text(st.sampled_from("ab.:@[]1/?#\\ \x7f\x00é"), max_size=12),
        st.sampled_from(["", "/p", "?q", "#f", " "]),
    )
)
def test_the_web_url_rule_is_the_models_old_rule(url):
    assert is_web_url(url) == (_OLD_WEB_URL.fullmatch(url) is not None)


def test_the_models_picker_types_are_the_portable_ones():
    assert get_args(PickerSettings.model_fields["type"].annotation)[0].__args__ == PICKER_TYPES
    assert get_args(WidgetConfig.model_fields["picker_type"].annotation)[0].__args__ == PICKER_TYPES
