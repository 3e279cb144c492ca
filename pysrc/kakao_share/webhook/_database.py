"""The events table and how a database URL becomes an engine: SQLite made safe to share, PostgreSQL by psycopg."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import JSON, BigInteger, Boolean, Column, Integer, MetaData, String, Table
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from ._errors import StoreError

__all__ = [
    "engine_url",
    "events_table",
    "from_ms",
    "metadata",
    "on_sqlite_connect",
    "prepare_sqlite_file",
    "reason",
    "to_json",
    "to_ms",
]

metadata = MetaData()
events_table = Table(
    "kakao_share_events",
    metadata,
    Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True),
    Column("resource_id", String(200), nullable=False, unique=True),
    Column("received_at", BigInteger, nullable=False, index=True, comment="milliseconds since the epoch, UTC"),
    Column("chat_type", String(100)),
    Column("hash_chat_id", String(200)),
    Column("template_id", String(100)),
    Column("args", JSON, nullable=False),
    # Columns added after the first release: nullable, added to existing tables when a store opens.
    Column("is_single_chatroom", Boolean),
)


def to_ms(moment: datetime) -> int:
    return int(moment.timestamp() * 1000)


def from_ms(ms: int) -> datetime:
    return datetime.fromtimestamp(ms / 1000, tz=UTC)


def to_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def reason(exc: SQLAlchemyError) -> str:
    """The database's own message, on one line, without SQLAlchemy's statement and parameters (they hold
    event data)."""
    return " ".join(str(getattr(exc, "orig", None) or exc.__class__.__name__).split())


def engine_url(url: str) -> URL:
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreError(f"not a database URL: {url!r} (use sqlite:///path/events.db or postgresql://…)") from None
    backend = parsed.get_backend_name()
    if backend == "postgresql" and parsed.drivername in {"postgresql", "postgres"}:
        return parsed.set(drivername="postgresql+psycopg")  # psycopg 3 is the driver the extra installs
    if backend == "sqlite":
        if not parsed.database or parsed.database == ":memory:":
            raise StoreError("SQLite needs a file (sqlite:///path/events.db): an in-memory store loses every event")
        return parsed
    if backend != "postgresql":
        raise StoreError(f"unsupported database {backend!r}: use sqlite:///path/events.db or postgresql://…")
    return parsed


def prepare_sqlite_file(path: Path) -> None:
    """Create the database file readable by its owner only: it holds chat hashes and callback arguments.

    SQLite gives its ``-wal`` and ``-shm`` files the database file's permissions.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    os.close(os.open(path, os.O_CREAT | os.O_RDWR, 0o600))


def on_sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout = 5000")  # other receivers on the same file wait their turn
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = FULL")  # a commit is on disk, not just handed to the OS
    cursor.close()
