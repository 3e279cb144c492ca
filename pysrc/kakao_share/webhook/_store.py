"""Where events are kept: one table behind SQLAlchemy Core, SQLite (WAL) by default, PostgreSQL by URL.

The resource id is UNIQUE, so the database itself refuses a second copy of a call, across restarts and
across any number of receivers sharing the store. A webhook is acknowledged only after its row is
committed: :meth:`EventStore.add` returns once the commit is done and raises :class:`StoreUnavailable`
when it is not, so the caller can commit the event to the local spool instead (:mod:`._forwarding`).

One writer thread per store takes events from a queue and commits them in batches: a batch costs one
commit (one fsync with SQLite's ``synchronous=FULL``), which is what lets a single machine take
thousands of events a second with every acknowledged event on disk.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import logging
import queue
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Engine,
    create_engine,
    event,
    func,
    insert,
    select,
)
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError, NoSuchModuleError, SQLAlchemyError

from ._database import (
    engine_url,
    events_table,
    from_ms,
    metadata,
    on_sqlite_connect,
    prepare_sqlite_file,
    reason,
    to_json,
    to_ms,
)
from ._errors import StoreError, StoreUnavailable
from ._event import ShareEvent
from ._upgrade import upgrade

__all__ = ["BUCKETS", "EventStore", "Stats", "StoredEvent"]

log = logging.getLogger("kakao_share.webhook")

#: Stats bucket sizes, in milliseconds.
BUCKETS = {"hour": 3_600_000, "day": 86_400_000}
#: Seconds to wait for a PostgreSQL connection: a database that is gone must not hold a write for long.
_CONNECT_TIMEOUT = 3
_STOP = object()


@dataclass(frozen=True, slots=True)
class StoredEvent:
    """An event as stored: ``id`` orders events and pages through them (``after_id``)."""

    id: int
    event: ShareEvent


@dataclass(frozen=True, slots=True)
class Stats:
    """Share counts per time bucket and key, for charts: ``rows`` are (bucket start, key, count)."""

    bucket: str
    by: str
    rows: list[tuple[datetime, str | None, int]]
    totals: dict[str | None, int]


@dataclass(slots=True)
class _Pending:
    event: ShareEvent
    future: concurrent.futures.Future[bool]


class EventStore:
    """Keep share events in a database given by URL: ``sqlite:///events.db`` or ``postgresql://…``.

    Creates its table when missing, and adds columns a newer version has to a table an older one made.
    ``add`` (async) and ``add_blocking`` commit one event and say whether it was new; ``events`` and
    ``stats`` read. ``close`` finishes pending writes.

    ``wait_for_database=True`` lets the store start while its database cannot be reached (a receiver with a
    spool, restarted during a database outage): the table is then made at the first write that reaches it.
    """

    def __init__(
        self, url: str, *, max_batch: int = 500, max_pending: int = 20_000, wait_for_database: bool = False
    ) -> None:
        parsed = engine_url(url)
        self.url = parsed.render_as_string(hide_password=True)
        sqlite = parsed.get_backend_name() == "sqlite"
        self._sqlite_file = Path(parsed.database) if sqlite and parsed.database else None
        kwargs: dict[str, Any] = {"json_serializer": to_json}
        if self._sqlite_file is None:
            kwargs["pool_pre_ping"] = True  # a restarted server leaves dead connections in the pool
            kwargs["connect_args"] = {"connect_timeout": _CONNECT_TIMEOUT}
        try:
            self._engine: Engine = create_engine(parsed, **kwargs)
        except (NoSuchModuleError, ImportError) as exc:
            raise StoreError(f"no driver for {self.url}: {exc} (install kakao-share[webhook])") from None
        if self._sqlite_file is not None:
            event.listen(self._engine, "connect", on_sqlite_connect)
        self._ready = False
        self._failing: str | None = None
        try:
            self._prepare()
        except StoreUnavailable as exc:
            if not wait_for_database:
                self._engine.dispose()
                raise StoreError(f"cannot open the event store {self.url}: {exc}") from None
            log.warning("the event store %s cannot be opened yet (%s): trying again at each write", self.url, exc)
        self._max_batch = max_batch
        self._queue: queue.Queue[_Pending | object] = queue.Queue(maxsize=max_pending)
        self._closed = False
        self._writer = threading.Thread(target=self._write_loop, name="kakao-share-event-writer", daemon=True)
        self._writer.start()

    def _prepare(self) -> None:
        """Make the file, the table and any missing column, once; :class:`StoreUnavailable` if it cannot."""
        if self._ready:
            return
        try:
            if self._sqlite_file is not None:
                prepare_sqlite_file(self._sqlite_file)
            try:
                metadata.create_all(self._engine)
            except SQLAlchemyError:
                # Another receiver starting on the same new store may have created it in between.
                metadata.create_all(self._engine)
            upgrade(self._engine, self.url)
        except SQLAlchemyError as exc:
            raise StoreUnavailable(reason(exc)) from None
        except OSError as exc:
            raise StoreUnavailable(f"{exc.strerror}: {exc.filename}") from None
        self._ready = True

    @contextlib.contextmanager
    def _reading(self) -> Iterator[Connection]:
        """A connection for reading; :class:`StoreUnavailable` when the database cannot be reached."""
        self._prepare()
        try:
            with self._engine.connect() as conn:
                yield conn
        except SQLAlchemyError as exc:
            raise StoreUnavailable(reason(exc)) from None

    def ping(self) -> None:
        """Reach the database (and make the table if that is still to do); :class:`StoreUnavailable` if not."""
        with self._reading() as conn:
            conn.execute(select(events_table.c.id).limit(0))

    # --- writing -----------------------------------------------------------------------------------
    def submit(self, event: ShareEvent) -> concurrent.futures.Future[bool]:
        """Queue an event; the future resolves to True (stored) or False (already stored) after the commit."""
        if self._closed:
            raise StoreUnavailable("the event store is closed")
        pending = _Pending(event, concurrent.futures.Future())
        try:
            self._queue.put_nowait(pending)
        except queue.Full:
            raise StoreUnavailable("too many events waiting to be written; retry later") from None
        return pending.future

    async def add(self, event: ShareEvent, *, timeout: float = 2.5) -> bool:
        """Store an event; True if it is new, False if this resource id was stored before.

        Raises :class:`StoreUnavailable` when the row was not committed within ``timeout`` seconds (it may
        still be, later: a retry then finds it).
        """
        future = self.submit(event)
        try:
            return await asyncio.wait_for(asyncio.wrap_future(future), timeout)
        except TimeoutError:
            raise StoreUnavailable(f"the event store did not commit within {timeout:g} s") from None

    def add_blocking(self, event: ShareEvent, *, timeout: float = 30.0) -> bool:
        """:meth:`add` for code without an event loop (imports, scripts)."""
        try:
            return self.submit(event).result(timeout)
        except concurrent.futures.TimeoutError:
            raise StoreUnavailable(f"the event store did not commit within {timeout:g} s") from None

    def _write_loop(self) -> None:
        while True:
            first = self._queue.get()
            if first is _STOP:
                return
            batch = [first]
            while len(batch) < self._max_batch:
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
                if item is _STOP:
                    self._queue.put(_STOP)  # finish this batch, then stop
                    break
                batch.append(item)
            pending = [p for p in batch if isinstance(p, _Pending) and p.future.set_running_or_notify_cancel()]
            if not pending:
                continue
            try:
                self._write(pending)
            except Exception as exc:  # never leave a caller waiting, never lose the writer
                log.exception("event store writer failed")
                for p in pending:
                    if not p.future.done():
                        p.future.set_exception(StoreUnavailable(f"the event store failed: {exc.__class__.__name__}"))

    def _write(self, pending: list[_Pending]) -> None:
        try:
            self._prepare()
        except StoreUnavailable as exc:
            self._failed(str(exc))
            for p in pending:
                p.future.set_exception(StoreUnavailable(f"the event store cannot be opened: {exc}"))
            return
        firsts: dict[str, _Pending] = {}
        for p in pending:
            firsts.setdefault(p.event.resource_id, p)
        rows = [self._row(p.event) for p in firsts.values()]
        outcomes: dict[str, bool | BaseException]
        try:
            with self._engine.begin() as conn:
                conn.execute(insert(events_table), rows)
            outcomes = dict.fromkeys(firsts, True)
            self._succeeded()
        except IntegrityError:
            # Some id is stored already (a retry, or another receiver won the race): one row at a time.
            outcomes = {row["resource_id"]: self._insert_one(row) for row in rows}
        except SQLAlchemyError as exc:
            self._failed(reason(exc))
            outcomes = dict.fromkeys(firsts, StoreUnavailable(f"the event store refused the write: {reason(exc)}"))
        for p in pending:
            outcome = outcomes[p.event.resource_id]
            if isinstance(outcome, BaseException):
                p.future.set_exception(outcome)
            else:
                p.future.set_result(outcome and firsts[p.event.resource_id] is p)

    def _failed(self, reason: str) -> None:
        """Say so once when writes start failing (a store that is down fails every write until it is back)."""
        if self._failing is None:
            log.error("event store %s: a write failed: %s", self.url, reason)
        self._failing = self._failing or reason

    def _succeeded(self) -> None:
        if self._failing is not None:
            log.info("event store %s: writes succeed again", self.url)
            self._failing = None

    def _insert_one(self, row: dict[str, Any]) -> bool | BaseException:
        try:
            with self._engine.begin() as conn:
                conn.execute(insert(events_table), row)
        except IntegrityError:
            return False
        except SQLAlchemyError as exc:
            self._failed(reason(exc))
            return StoreUnavailable(f"the event store refused the write: {reason(exc)}")
        self._succeeded()
        return True

    @staticmethod
    def _row(event: ShareEvent) -> dict[str, Any]:
        return {
            "resource_id": event.resource_id,
            "received_at": to_ms(event.received_at),
            "chat_type": None if event.chat_type is None else str(event.chat_type),
            "hash_chat_id": event.hash_chat_id,
            "template_id": event.template_id,
            "is_single_chatroom": event.is_single_chatroom,
            "args": event.args,
        }

    # --- reading -----------------------------------------------------------------------------------
    def events(
        self,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        after_id: int = 0,
        limit: int | None = None,
    ) -> Iterator[StoredEvent]:
        """Stored events in arrival order, optionally between ``since`` (inclusive) and ``until``."""
        t = events_table
        query = select(t).where(t.c.id > after_id).order_by(t.c.id)
        if since is not None:
            query = query.where(t.c.received_at >= to_ms(since))
        if until is not None:
            query = query.where(t.c.received_at < to_ms(until))
        if limit is not None:
            query = query.limit(limit)
        with self._reading() as conn:
            for row in conn.execute(query.execution_options(yield_per=1000)):
                yield StoredEvent(
                    id=row.id,
                    event=ShareEvent(
                        resource_id=row.resource_id,
                        received_at=from_ms(row.received_at),
                        chat_type=row.chat_type,
                        hash_chat_id=row.hash_chat_id,
                        template_id=row.template_id,
                        is_single_chatroom=row.is_single_chatroom,
                        args=row.args,
                    ),
                )

    def count(self) -> int:
        with self._reading() as conn:
            return int(conn.execute(select(func.count()).select_from(events_table)).scalar_one())

    def stats(
        self,
        *,
        bucket: str = "day",
        by: str = "chat_type",
        since: datetime | None = None,
        until: datetime | None = None,
        utc_offset_minutes: int = 0,
    ) -> Stats:
        """Shares per ``bucket`` and per ``by``: ``chat_type``, ``template_id`` or ``arg:<name>``.

        Buckets start at midnight (or the hour) of the zone ``utc_offset_minutes`` east of UTC.
        """
        t = events_table
        if bucket not in BUCKETS:
            raise ValueError(f"bucket must be one of {', '.join(BUCKETS)}, not {bucket!r}")
        size = BUCKETS[bucket]
        offset = utc_offset_minutes * 60_000
        start: ColumnElement[int] = ((t.c.received_at + offset) // size) * size - offset
        key: ColumnElement[Any]
        if by in {"chat_type", "template_id"}:
            key = t.c[by]
        elif by.startswith("arg:") and len(by) > 4:
            key = t.c.args[by[4:]].as_string()
        else:
            raise ValueError(f"by must be chat_type, template_id or arg:<name>, not {by!r}")
        query = select(start.label("start"), key.label("key"), func.count().label("n"))
        if since is not None:
            query = query.where(t.c.received_at >= to_ms(since))
        if until is not None:
            query = query.where(t.c.received_at < to_ms(until))
        query = query.group_by(start, key).order_by(start)
        rows: list[tuple[datetime, str | None, int]] = []
        totals: dict[str | None, int] = {}
        with self._reading() as conn:
            for row in conn.execute(query):
                rows.append((from_ms(int(row.start)), row.key, int(row.n)))
                totals[row.key] = totals.get(row.key, 0) + int(row.n)
        return Stats(bucket=bucket, by=by, rows=rows, totals=totals)

    # --- lifecycle ---------------------------------------------------------------------------------
    def close(self) -> None:
        """Write what is queued, then release the database."""
        if self._closed:
            return
        self._closed = True
        self._queue.put(_STOP)
        self._writer.join()
        self._engine.dispose()

    def __enter__(self) -> EventStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
