"""HTTP bodies as Kakao's fakes receive them: url-encoded forms, multipart parts, JSON, image sizes.

Written for the fakes (no web framework inside Playwright's route handlers): bytes are kept exact, so
tests can compare a posted file byte for byte with what the page sent.
"""

from __future__ import annotations

import json
import re
import struct
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

__all__ = [
    "MultipartPart",
    "Pairs",
    "image_size",
    "json_or_none",
    "parse_form",
    "parse_header_params",
    "parse_multipart",
]

Pairs = tuple[tuple[str, str], ...]


def parse_form(body: bytes | str | None) -> Pairs:
    """``application/x-www-form-urlencoded`` -> decoded (name, value) pairs in order."""
    if not body:
        return ()
    text = body.decode("ascii", "replace") if isinstance(body, bytes) else body
    return tuple(parse_qsl(text, keep_blank_values=True, encoding="utf-8", errors="strict"))


_PARAM = re.compile(r';\s*([^=;\s]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)')


def parse_header_params(value: str) -> tuple[str, dict[str, str]]:
    """``form-data; name="file"; filename="a.png"`` -> ("form-data", {"name": "file", ...})."""
    main, _, rest = value.partition(";")
    params: dict[str, str] = {}
    for key, raw in _PARAM.findall(";" + rest):
        raw = raw.strip()
        if raw.startswith('"') and raw.endswith('"') and len(raw) >= 2:
            raw = re.sub(r"\\(.)", r"\1", raw[1:-1])
        params[key.lower()] = raw
    return main.strip().lower(), params


@dataclass(frozen=True)
class MultipartPart:
    """One part of a ``multipart/form-data`` body."""

    name: str | None
    filename: str | None
    content_type: str | None
    data: bytes
    headers: dict[str, str] = field(default_factory=dict)


def parse_multipart(body: bytes | None, content_type: str) -> tuple[MultipartPart, ...]:
    """Split a ``multipart/form-data`` body (RFC 7578) into its parts, bytes untouched."""
    _, params = parse_header_params(content_type or "")
    boundary = params.get("boundary")
    if not body or not boundary:
        return ()
    delimiter = b"--" + boundary.encode("latin-1")
    # The first delimiter may start the body or follow a preamble line.
    if body.startswith(delimiter):
        pos = len(delimiter)
    else:
        found = body.find(b"\r\n" + delimiter)
        if found < 0:
            raise ValueError("multipart body without its boundary")
        pos = found + 2 + len(delimiter)
    parts: list[MultipartPart] = []
    while True:
        if body.startswith(b"--", pos):
            return tuple(parts)  # close delimiter
        line_end = body.find(b"\r\n", pos)
        if line_end < 0 or body[pos:line_end].strip(b" \t"):
            raise ValueError("malformed multipart delimiter line")
        start = line_end + 2
        end = body.find(b"\r\n" + delimiter, start)
        if end < 0:
            raise ValueError("multipart body is not closed")
        raw = body[start:end]
        head, sep, data = raw.partition(b"\r\n\r\n")
        if not sep:  # a part with no headers at all
            head, data = b"", raw[2:] if raw.startswith(b"\r\n") else raw
        headers: dict[str, str] = {}
        for line in head.split(b"\r\n"):
            if b":" in line:
                key, _, value = line.partition(b":")
                headers[key.decode("latin-1").strip().lower()] = value.decode("utf-8", "replace").strip()
        _, disposition = parse_header_params(headers.get("content-disposition", ""))
        parts.append(
            MultipartPart(
                name=disposition.get("name"),
                filename=disposition.get("filename"),
                content_type=headers.get("content-type"),
                data=data,
                headers=headers,
            )
        )
        pos = end + 2 + len(delimiter)


def json_or_none(text: str | None) -> Any:
    """``text`` parsed as JSON, or None when it is absent or not JSON."""
    if text is None:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return None


def image_size(data: bytes) -> tuple[int, int]:
    """(width, height) of a PNG, GIF or JPEG; (0, 0) for anything else."""
    if data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) >= 24:
        return struct.unpack(">II", data[16:24])
    if data[:6] in (b"GIF87a", b"GIF89a") and len(data) >= 10:
        return struct.unpack("<HH", data[6:10])
    if data[:2] == b"\xff\xd8":
        pos = 2
        while pos + 9 < len(data):
            if data[pos] != 0xFF:
                break
            marker = data[pos + 1]
            length = struct.unpack(">H", data[pos + 2 : pos + 4])[0]
            if marker in (0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF):
                height, width = struct.unpack(">HH", data[pos + 5 : pos + 9])
                return width, height
            pos += 2 + length
    return 0, 0
