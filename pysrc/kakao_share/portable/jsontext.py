"""A strict JSON reader that gives the same values and the same error messages on every Python.

MicroPython's ``json`` accepts what JSON forbids (``[1 2]``, ``{"a": 1,}``), mangles escaped
surrogate pairs and words its errors differently, while attribute and JSON-LD errors are shown to
site owners. This reader follows CPython's ``json.loads`` (``NaN`` and ``Infinity`` included) and its
messages (``Expecting value``, ``Extra data``, …) with the position in characters. It works on the
UTF-8 bytes, because indexing a MicroPython string is not O(1).
"""

from .text import new_object

try:  # noqa: SIM105 (no contextlib on MicroPython)
    from typing import Any
except ImportError:  # MicroPython: annotations are never evaluated there
    pass

__all__ = ["MAX_DEPTH", "JSONError", "Number", "loads"]

#: How deep arrays and objects may nest (deeper JSON is a mistake; MicroPython's default stack holds about 50).
MAX_DEPTH = 32

_SPACE = b" \t\n\r"
_DIGITS = b"0123456789"
_ESCAPES = {ord('"'): '"', ord("\\"): "\\", ord("/"): "/", ord("b"): "\b", ord("f"): "\f", ord("n"): "\n"}
_ESCAPES.update({ord("r"): "\r", ord("t"): "\t"})
_HEX = b"0123456789abcdefABCDEF"
_CONSTANTS: "tuple[tuple[bytes, Any], ...]" = ((b"null", None), (b"true", True), (b"false", False))
_CONSTANTS += ((b"NaN", float("nan")), (b"Infinity", float("inf")), (b"-Infinity", float("-inf")))
_CONSTANT_STARTS = b"ntfNI-"


class JSONError(ValueError):
    """Why the text is not JSON: ``msg``, and where (``pos`` in characters, ``lineno``, ``colno``)."""

    def __init__(self, msg: str, text: str, pos: int) -> None:
        self.msg = msg
        self.pos = pos
        self.lineno = text.count("\n", 0, pos) + 1
        self.colno = pos - text.rfind("\n", 0, pos)
        super().__init__(f"{msg}: line {self.lineno} column {self.colno} (char {pos})")


class Number:
    """A number as written (``loads(..., keep_numbers=True)``), for showing it back unchanged."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text


def loads(text: str, keep_numbers: bool = False) -> "Any":
    """``json.loads(text)``; numbers as :class:`Number` with ``keep_numbers``. Raises :class:`JSONError`."""
    return _Reader(text, keep_numbers).document()


class _Reader:
    def __init__(self, text: str, keep_numbers: bool) -> None:
        self.text = text
        self.data = text.encode()
        self.keep_numbers = keep_numbers

    def fail(self, msg: str, at: int) -> JSONError:
        return JSONError(msg, self.text, len(self.data[:at].decode()))

    def skip(self, at: int) -> int:
        data = self.data
        while at < len(data) and data[at] in _SPACE:
            at += 1
        return at

    def document(self) -> "Any":
        value, at = self.value(self.skip(0), 0)
        at = self.skip(at)
        if at != len(self.data):
            raise self.fail("Extra data", at)
        return value

    def value(self, at: int, depth: int) -> "tuple[Any, int]":
        data = self.data
        if at >= len(data):
            raise self.fail("Expecting value", at)
        byte = data[at]
        if byte == 0x22:  # "
            return self.string(at)
        if byte == 0x7B or byte == 0x5B:  # { [
            if depth >= MAX_DEPTH:
                raise self.fail(f"Nested deeper than {MAX_DEPTH} levels", at)
            return self.object(at, depth + 1) if byte == 0x7B else self.array(at, depth + 1)
        if byte in _CONSTANT_STARTS:
            for word, constant in _CONSTANTS:
                if data[at : at + len(word)] == word:
                    return constant, at + len(word)
        return self.number(at)

    def number(self, start: int) -> "tuple[Any, int]":
        data = self.data
        at = start + 1 if data[start] == 0x2D else start  # -
        if at >= len(data) or data[at] not in _DIGITS:
            raise self.fail("Expecting value", start)
        at = at + 1 if data[at] == 0x30 else self.digits(at)  # a leading 0 stands alone
        integer = True
        if at + 1 < len(data) and data[at] == 0x2E and data[at + 1] in _DIGITS:  # .
            at = self.digits(at + 1)
            integer = False
        if at < len(data) and data[at] in b"eE":
            sign = at + 2 if at + 1 < len(data) and data[at + 1] in b"+-" else at + 1
            if sign < len(data) and data[sign] in _DIGITS:
                at = self.digits(sign)
                integer = False
        text = data[start:at].decode()
        if self.keep_numbers:
            return Number(text), at
        return (int(text) if integer else float(text)), at

    def digits(self, at: int) -> int:
        data = self.data
        while at < len(data) and data[at] in _DIGITS:
            at += 1
        return at

    def string(self, start: int) -> "tuple[str, int]":
        data = self.data
        parts = []
        at = start + 1
        while True:  # whole runs at a time: bytes.find and min run in C, a loop over bytes would not
            quote = data.find(b'"', at)
            end = len(data) if quote < 0 else quote
            backslash = data.find(b"\\", at, end)
            end = end if backslash < 0 else backslash
            run = data[at:end]
            if run and min(run) < 0x20:
                raise self.fail("Invalid control character at", at + next(i for i, b in enumerate(run) if b < 0x20))
            if end >= len(data) - (backslash >= 0):
                raise self.fail("Unterminated string starting at", start)
            parts.append(run.decode())
            if backslash < 0:
                return "".join(parts), quote + 1
            escape = data[backslash + 1]
            if escape == 0x75:  # u
                char, at = self.unicode_escape(backslash)
                parts.append(char)
            elif escape in _ESCAPES:
                parts.append(_ESCAPES[escape])
                at = backslash + 2
            else:
                raise self.fail("Invalid \\escape", backslash)

    def hex4(self, at: int) -> int:
        digits = self.data[at + 2 : at + 6]
        if len(digits) != 4 or any(byte not in _HEX for byte in digits):
            raise self.fail("Invalid \\uXXXX escape", at + 1)
        return int(digits.decode(), 16)

    def unicode_escape(self, at: int) -> "tuple[str, int]":
        code = self.hex4(at)
        at += 6
        if 0xD800 <= code <= 0xDBFF and self.data[at : at + 2] == b"\\u":
            low = self.hex4(at)
            if 0xDC00 <= low <= 0xDFFF:
                return chr(0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)), at + 6
        if 0xD800 <= code <= 0xDFFF:
            return "\ufffd", at  # a lone surrogate is no character (MicroPython cannot hold one)
        return chr(code), at

    def array(self, start: int, depth: int) -> "tuple[list[Any], int]":
        data = self.data
        out: list[Any] = []
        at = self.skip(start + 1)
        if at < len(data) and data[at] == 0x5D:  # ]
            return out, at + 1
        while True:
            item, at = self.value(at, depth)
            out.append(item)
            at = self.skip(at)
            if at < len(data) and data[at] == 0x5D:
                return out, at + 1
            if at >= len(data) or data[at] != 0x2C:  # ,
                raise self.fail("Expecting ',' delimiter", at)
            at = self.skip(at + 1)

    def object(self, start: int, depth: int) -> "tuple[dict[str, Any], int]":
        data = self.data
        out = new_object()
        at = self.skip(start + 1)
        if at < len(data) and data[at] == 0x7D:  # }
            return out, at + 1
        while True:
            if at >= len(data) or data[at] != 0x22:
                raise self.fail("Expecting property name enclosed in double quotes", at)
            key, at = self.string(at)
            at = self.skip(at)
            if at >= len(data) or data[at] != 0x3A:  # :
                raise self.fail("Expecting ':' delimiter", at)
            out[key], at = self.value(self.skip(at + 1), depth)
            at = self.skip(at)
            if at < len(data) and data[at] == 0x7D:
                return out, at + 1
            if at >= len(data) or data[at] != 0x2C:
                raise self.fail("Expecting ',' delimiter", at)
            at = self.skip(at + 1)
