"""Text helpers that behave the same on every Python (MicroPython's ``str`` methods are ASCII-only).

CPython's ``str.split()`` and ``str.strip()`` treat Unicode spaces (``\\xa0``, ``\\u3000``, …) as
whitespace and MicroPython's do not; Korean pages use both, so the portable modules use these.
"""

import sys

try:  # noqa: SIM105 (no contextlib on MicroPython)
    from typing import Any
except ImportError:  # MicroPython: annotations are never evaluated there
    pass

__all__ = [
    "MICROPYTHON",
    "WHITESPACE",
    "ascii_lower",
    "collapse",
    "is_digits",
    "json_length",
    "new_object",
    "strip",
    "utf16_length",
    "words",
]

MICROPYTHON = sys.implementation.name == "micropython"

#: A JSON object's type: MicroPython's dict does not keep insertion order, its OrderedDict does.
_OBJECT: "Any" = dict
if MICROPYTHON:  # pragma: no cover
    from collections import OrderedDict

    _OBJECT = OrderedDict

#: What CPython's ``str.split()`` / ``str.strip()`` count as whitespace.
WHITESPACE = frozenset(
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
    "\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)


def new_object() -> "dict[str, Any]":
    """An empty JSON object that keeps insertion order on every Python (a plain dict on CPython)."""
    result: dict[str, Any] = _OBJECT()
    return result


#: The whitespace MicroPython's own ``str.split()`` does not know (it knows ASCII's ``\t\n\v\f\r`` and space).
_OTHER_WHITESPACE = tuple(sorted(WHITESPACE - frozenset("\t\n\x0b\x0c\r ")))


def _ascii(text: str) -> bool:
    return len(text.encode()) == len(text)


def words(text: str) -> list[str]:
    """``text.split()`` as CPython does it."""
    # str.replace and str.split run in C, a loop over characters would not; the first four are \x1c-\x1f
    for ch in _OTHER_WHITESPACE[:4] if _ascii(text) else _OTHER_WHITESPACE:
        if ch in text:
            text = text.replace(ch, " ")
    return text.split()


def strip(text: str) -> str:
    """``text.strip()`` as CPython does it."""
    text = text.strip()
    while text and (text[0] in WHITESPACE or text[-1] in WHITESPACE):
        text = text[1:] if text[0] in WHITESPACE else text[:-1]
        text = text.strip()
    return text


def collapse(value: "str | None") -> "str | None":
    """Whitespace collapsed to single spaces; None if nothing is left."""
    if value is None:
        return None
    return " ".join(words(value)) or None


_ASCII_LOWER = {code: code + 32 for code in range(ord("A"), ord("Z") + 1)}


def ascii_lower(text: str) -> str:
    """Lower-case ASCII letters only (what HTML does to attribute names)."""
    if MICROPYTHON:  # pragma: no cover - its str.lower() changes ASCII letters only, in C
        return text.lower()
    return text.translate(_ASCII_LOWER)


def is_digits(text: str) -> bool:
    """True for a non-empty run of ASCII digits."""
    return bool(text) and all("0" <= ch <= "9" for ch in text)


def utf16_length(text: str) -> int:
    """``text.length`` in JavaScript: characters outside the BMP count twice."""
    data = text.encode()
    return len(text) + (sum(data.count(lead) for lead in _ASTRAL_LEADS) if len(data) != len(text) else 0)


#: Characters JSON.stringify writes as two characters (``\"``, ``\n``, ...); other controls take six (``\u0001``).
_SHORT_ESCAPES = '"\\\b\f\n\r\t'
_LONG_ESCAPES = tuple(chr(code) for code in range(0x20) if chr(code) not in _SHORT_ESCAPES)
#: The first byte of a character outside the BMP in UTF-8 (JavaScript counts such a character twice).
_ASTRAL_LEADS = tuple(bytes([lead]) for lead in range(0xF0, 0xF5))


def _string_length(text: str) -> int:
    size = 2 + len(text)  # counted with str.count, which runs in C on MicroPython too
    for ch in _SHORT_ESCAPES:
        size += text.count(ch)
    if text and min(text) < " ":
        for ch in _LONG_ESCAPES:
            size += 5 * text.count(ch)
    data = text.encode()
    if len(data) != len(text):
        size += sum(data.count(lead) for lead in _ASTRAL_LEADS)
    return size


def json_length(value: "Any") -> int:
    """Length of ``JSON.stringify(value)`` (compact) in UTF-16 code units, without building the text."""
    if value is None or value is True:
        return 4
    if value is False:
        return 5
    if isinstance(value, str):
        return _string_length(value)
    if isinstance(value, int):
        return len(str(value))
    if isinstance(value, dict):
        size = 2 + max(len(value) - 1, 0)  # braces and commas
        for key, item in value.items():
            size += _string_length(key) + 1 + json_length(item)
        return size
    if isinstance(value, (list, tuple)):
        return 2 + max(len(value) - 1, 0) + sum(json_length(item) for item in value)
    raise TypeError("not a JSON value: " + type(value).__name__)
