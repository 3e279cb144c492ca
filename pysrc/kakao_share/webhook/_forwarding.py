"""Store and forward: Kakao gets its 2xx within 3 s even while the main store is down.

Kakao sends a webhook once, and switches off a webhook that fails often, so a 5xx is an event lost.
An event goes to the main store while it commits in time. When it does not (database down or failing
over, read-only, disk full, lock waits), the event is committed to the local :class:`~._spool.Spool`
instead, and every new event follows it there, in arrival order, until a background thread has
forwarded the whole spool to the store (in batches, oldest first); then events go to the store again.
The answer is 5xx only when the spool cannot commit either, and then nothing of the event is kept.

The resource id is UNIQUE in the store and in the spool, so a retry is a duplicate wherever the first
call is; a spooled event the store already holds (sent before the outage) is dropped when forwarded.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import logging
import shutil
import threading
import time
from datetime import datetime
from enum import StrEnum
from typing import Any

from ._errors import StoreUnavailable
from ._event import ShareEvent
from ._spool import Backlog, Spool
from ._store import EventStore, StoredEvent

__all__ = ["Outcome", "StoreAndForward"]

log = logging.getLogger("kakao_share.webhook")

#: Of Kakao's 3 s, how long the main store gets before the event goes to the spool instead.
DEFAULT_STORE_WITHIN = 1.5
#: Pause between attempts to reach a store that is down: from the first to the last, doubling.
_RETRY_DELAYS = (0.25, 2.0)
#: How long one forwarded batch may wait for the store's commit before it counts as failed.
_FORWARD_WAIT = 30.0
#: While the store is down, say how many events wait at most this often (seconds).
_PROGRESS_EVERY = 15.0


class Outcome(StrEnum):
    """What became of one call's event."""

    STORED = "stored"
    DUPLICATE = "duplicate"
    """This resource id is in the store or the spool already."""
    SPOOLED = "spooled"


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


class StoreAndForward:
    """Events into ``store``, through ``spool`` while the store cannot take them; without a spool, a
    store that does not commit in time is a :class:`StoreUnavailable` (the caller answers 5xx)."""

    def __init__(
        self,
        store: EventStore,
        spool: Spool | None = None,
        *,
        store_within: float = DEFAULT_STORE_WITHIN,
        batch: int = 500,
    ) -> None:
        self.store = store
        self.spool = spool
        self.store_within = store_within
        self.batch = batch
        self._lock = threading.Lock()
        self._spooling = False
        self._spool_error: str | None = None
        self._switched_at = time.monotonic()
        self._forwarded = 0  # since the last switch to the spool
        self._dropped = 0  # spooled events the store held already
        self._spooled = 0
        self._wake = threading.Event()
        self._closing = threading.Event()
        self._thread: threading.Thread | None = None
        if spool is None:
            return
        backlog = self._backlog()
        if backlog is not None and backlog.waiting:
            self._spooling = True
            log.warning(
                "%d events wait in the spool %s from an earlier run (oldest %s): forwarding them to the store "
                "before anything new",
                backlog.waiting,
                spool.path,
                _iso(backlog.oldest),
            )
        self._thread = threading.Thread(target=self._forward_loop, name="kakao-share-forwarder", daemon=True)
        self._thread.start()

    # --- taking an event ---------------------------------------------------------------------------
    async def add(self, event: ShareEvent, *, timeout: float) -> Outcome:
        """Commit ``event`` to the store or the spool within ``timeout`` seconds, or raise StoreUnavailable."""
        if self.spool is None:
            return Outcome.STORED if await self.store.add(event, timeout=timeout) else Outcome.DUPLICATE
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        storing: asyncio.Future[bool] | None = None
        if not self._spooling:
            try:
                storing = asyncio.wrap_future(self.store.submit(event))
                new = await asyncio.wait_for(asyncio.shield(storing), self.store_within)
            except TimeoutError:  # still queued or being written: spool it, and keep the write in reserve
                self._to_spool(f"no commit within {self.store_within:g} s")
            except StoreUnavailable as exc:
                storing = None
                self._to_spool(str(exc))
            else:
                return Outcome.STORED if new else Outcome.DUPLICATE
        try:
            new = await self.spool.add(event, timeout=max(deadline - loop.time(), 0.05))
        except StoreUnavailable as exc:
            if self._spool_error is None:
                log.error("the spool %s cannot commit events either: %s", self.spool.path, exc)
            self._spool_error = str(exc)
            if storing is not None:  # a slow store may still commit it in time
                with contextlib.suppress(TimeoutError, StoreUnavailable):
                    new = await asyncio.wait_for(storing, max(deadline - loop.time(), 0))
                    return Outcome.STORED if new else Outcome.DUPLICATE
            raise StoreUnavailable(f"neither the store nor the spool committed the event: {exc}") from None
        finally:
            if storing is not None and not storing.done():
                storing.cancel()  # the spool has it (a write already under way may still land: one row)
        if self._spool_error is not None:
            log.warning("the spool %s commits events again", self.spool.path)
            self._spool_error = None
        self._wake.set()
        if not new:
            return Outcome.DUPLICATE
        self._spooled += 1
        return Outcome.SPOOLED

    def _to_spool(self, reason: str) -> None:
        with self._lock:
            if self._spooling:
                return
            self._spooling = True
            self._switched_at = time.monotonic()
            self._forwarded = self._dropped = self._spooled = 0
        assert self.spool is not None
        log.warning(
            "the store %s did not commit (%s): writing events to the spool %s", self.store.url, reason, self.spool.path
        )
        self._wake.set()

    def _back_to_store(self) -> None:
        with self._lock:
            self._spooling = False
            took = time.monotonic() - self._switched_at
        log.warning(
            "the store %s takes events again: %d spooled, %d forwarded (%d of them stored already) in %.1f s; "
            "writing events to the store",
            self.store.url,
            self._spooled,
            self._forwarded,
            self._dropped,
            took,
        )

    # --- forwarding ----------------------------------------------------------------------------------
    def _backlog(self) -> Backlog | None:
        """What waits in the spool; None when it cannot be read."""
        assert self.spool is not None
        try:
            return self.spool.backlog()
        except StoreUnavailable:
            return None

    def _forward_loop(self) -> None:
        assert self.spool is not None
        delay = _RETRY_DELAYS[0]
        said = time.monotonic()
        while not self._closing.is_set():
            try:
                batch = self.spool.take(self.batch)
            except StoreUnavailable:
                batch = []
            try:
                if batch:
                    self._forward(batch)
                elif self._spooling:
                    self.store.ping()
                    self._back_to_store()
            except Exception as exc:  # the store failed (StoreUnavailable) or anything else: never stop forwarding
                if not isinstance(exc, StoreUnavailable):
                    log.exception("forwarding from the spool failed")
                if time.monotonic() - said > _PROGRESS_EVERY:
                    said = time.monotonic()
                    backlog = self._backlog()
                    log.warning(
                        "the store %s is still unavailable (%s): %s events wait in the spool",
                        self.store.url,
                        exc,
                        "?" if backlog is None else backlog.waiting,
                    )
                self._closing.wait(delay)
                delay = min(delay * 2, _RETRY_DELAYS[1])
                continue
            delay = _RETRY_DELAYS[0]
            if not batch:
                self._wake.wait(1.0)
                self._wake.clear()

    def _forward(self, batch: list[StoredEvent]) -> None:
        """Commit a batch to the store, oldest first, then forget it in the spool."""
        assert self.spool is not None
        futures: list[concurrent.futures.Future[bool]] = []
        failure: BaseException | None = None
        for stored in batch:
            try:
                futures.append(self.store.submit(stored.event))
            except StoreUnavailable as exc:  # its queue is full: forward the rest next time
                failure = exc
                break
        concurrent.futures.wait(futures, timeout=_FORWARD_WAIT)
        committed: list[int] = []
        for stored, future in zip(batch, futures, strict=False):
            if not future.done():
                future.cancel()
                failure = failure or StoreUnavailable(f"the store did not commit within {_FORWARD_WAIT:g} s")
            elif future.cancelled() or future.exception() is not None:
                failure = failure or future.exception() or StoreUnavailable("cancelled")
            else:
                committed.append(stored.id)
                self._forwarded += 1
                self._dropped += not future.result()
        if committed:
            self.spool.remove(committed)
        if failure is not None:
            raise StoreUnavailable(str(failure))

    # --- state -------------------------------------------------------------------------------------
    @property
    def spooling(self) -> bool:
        """New events go to the spool (the store failed, or forwarding has not caught up yet)."""
        return self._spooling

    def spool_state(self) -> dict[str, Any] | None:
        """How many events wait in the spool and since when (``None`` without a spool)."""
        if self.spool is None:
            return None
        backlog = self._backlog()
        return {
            "waiting": None if backlog is None else backlog.waiting,
            "oldest": None if backlog is None else _iso(backlog.oldest),
        }

    def health(self, store_error: str | None) -> dict[str, Any]:
        """The store's and the spool's state; ``store_error`` is what reaching the store just said."""
        store = {"url": self.store.url, "up": store_error is None, "error": store_error}
        document: dict[str, Any] = {"writing_to": "spool" if self._spooling else "store", "store": store}
        if self.spool is None:
            document["spool"] = None
            document["ok"] = store_error is None
            return document
        try:
            backlog: Backlog | None = self.spool.backlog()
            spool_error = self._spool_error  # the last write's, if it failed
        except StoreUnavailable as exc:
            backlog, spool_error = None, str(exc)
        try:
            free: int | None = shutil.disk_usage(self.spool.path.parent).free
        except OSError:
            free = None
        spool_up = spool_error is None
        document["spool"] = {
            "path": str(self.spool.path),
            "up": spool_up,
            "error": spool_error,
            "waiting": None if backlog is None else backlog.waiting,
            "oldest": None if backlog is None else _iso(backlog.oldest),
            "free_bytes": free,
            "forwarded": self._forwarded,
        }
        document["ok"] = store_error is None or spool_up
        return document

    def stop(self) -> None:
        """Stop forwarding; what is spooled stays there for the next run."""
        self._closing.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(_FORWARD_WAIT + 5)

    def close(self) -> None:
        """Stop forwarding, then close the spool."""
        self.stop()
        if self.spool is not None:
            self.spool.close()
