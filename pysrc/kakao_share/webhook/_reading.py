"""Stored events as documents people and tools read: JSON lines, CSV, and the stats JSON charts use.

Shared by the HTTP endpoints and the ``kakao-share events`` command, so both write the same thing.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from datetime import timedelta, timezone
from typing import Any

from ._store import Stats, StoredEvent

__all__ = ["CSV_COLUMNS", "FORMATS", "csv_lines", "event_record", "jsonl_lines", "stats_document"]

CSV_COLUMNS = (
    "id",
    "resource_id",
    "received_at",
    "chat_type",
    "hash_chat_id",
    "template_id",
    "is_single_chatroom",
    "args",
)
#: format name → media type
FORMATS = {"jsonl": "application/x-ndjson", "csv": "text/csv; charset=utf-8"}
#: A spreadsheet runs a cell starting with one of these as a formula; callback arguments are page input.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def event_record(stored: StoredEvent) -> dict[str, Any]:
    e = stored.event
    return {
        "id": stored.id,
        "resource_id": e.resource_id,
        "received_at": e.received_at.isoformat(),
        "chat_type": None if e.chat_type is None else str(e.chat_type),
        "hash_chat_id": e.hash_chat_id,
        "template_id": e.template_id,
        "is_single_chatroom": e.is_single_chatroom,
        "args": e.args,
    }


def jsonl_lines(events: Iterable[StoredEvent]) -> Iterator[str]:
    for stored in events:
        yield json.dumps(event_record(stored), ensure_ascii=False) + "\n"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = json.dumps(value, ensure_ascii=False, sort_keys=True) if isinstance(value, dict) else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def csv_lines(events: Iterable[StoredEvent]) -> Iterator[str]:
    """CSV with a header; ``args`` as a JSON object; cells that a spreadsheet would run are quoted with '."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")

    def line(values: Iterable[Any]) -> str:
        writer.writerow([_cell(v) for v in values])
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    yield line(CSV_COLUMNS)
    for stored in events:
        record = event_record(stored)
        yield line(record[c] for c in CSV_COLUMNS)


def stats_document(stats: Stats, *, utc_offset_minutes: int = 0, top: int = 8) -> dict[str, Any]:
    """The chart's input: ``keys`` (most shares first; beyond ``top`` merged into ``other``) and one
    ``counts`` array per bucket, aligned with ``keys``. A ``null`` key means the parameter was absent."""
    ranked = sorted(stats.totals, key=lambda k: (-stats.totals[k], k is None, k or ""))
    kept = ranked if len(ranked) <= top + 1 else ranked[:top]  # never an 'other' of one key
    other = len(ranked) > len(kept)
    index = {k: i for i, k in enumerate(kept)}
    width = len(kept) + (1 if other else 0)
    zone = timezone(timedelta(minutes=utc_offset_minutes))
    buckets: dict[str, list[int]] = {}
    for start, key, count in stats.rows:
        counts = buckets.setdefault(start.astimezone(zone).isoformat(), [0] * width)
        counts[index.get(key, len(kept))] += count
    return {
        "bucket": stats.bucket,
        "by": stats.by,
        "utc_offset_minutes": utc_offset_minutes,
        "keys": kept,
        "other": other,
        "totals": [stats.totals[k] for k in kept]
        + ([sum(stats.totals[k] for k in ranked[len(kept) :])] if other else []),
        "total": sum(stats.totals.values()),
        "series": [{"start": start, "counts": counts} for start, counts in buckets.items()],
    }
