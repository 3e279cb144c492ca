"""The local spool: where an event is committed when the main store cannot take it in time.

A SQLite file on the receiver's own disk, in WAL mode with ``synchronous=FULL`` (a commit is on the disk,
not in the OS's cache, before Kakao gets its 2xx), holding the store's own table: the resource id is
UNIQUE here too, so a retry of a spooled call is recognised as a duplicate. Rows leave the spool only
after the main store committed them (:mod:`._forwarding`).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import delete, func, select
from sqlalchemy.exc import SQLAlchemyError

from ._database import events_table, from_ms, reason
from ._errors import StoreUnavailable
from ._store import EventStore, StoredEvent

__all__ = ["Backlog", "Spool"]


@dataclass(frozen=True, slots=True)
class Backlog:
    """What waits in the spool: how many events, and when the oldest of them arrived."""

    waiting: int
    oldest: datetime | None


class Spool(EventStore):
    """A local spool file at ``path``; opened lazily when its folder cannot be written yet."""

    def __init__(self, path: str | os.PathLike[str], *, max_batch: int = 500, max_pending: int = 20_000) -> None:
        self.path = Path(path).absolute()
        super().__init__(f"sqlite:///{self.path}", max_batch=max_batch, max_pending=max_pending, wait_for_database=True)

    def backlog(self) -> Backlog:
        t = events_table
        with self._reading() as conn:
            waiting, oldest = conn.execute(select(func.count(), func.min(t.c.received_at))).one()
        return Backlog(int(waiting), None if oldest is None else from_ms(int(oldest)))

    def take(self, limit: int) -> list[StoredEvent]:
        """The oldest ``limit`` spooled events, in the order they arrived."""
        return list(self.events(limit=limit))

    def remove(self, ids: Sequence[int]) -> None:
        """Forget events the main store has committed."""
        try:
            with self._engine.begin() as conn:
                conn.execute(delete(events_table).where(events_table.c.id.in_(ids)))
        except SQLAlchemyError as exc:
            raise StoreUnavailable(f"the spool refused to forget forwarded events: {reason(exc)}") from None
