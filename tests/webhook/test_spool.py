"""Store and forward: while PostgreSQL is down every call still gets its 2xx within Kakao's 3 s (the event
is committed to the receiver's local spool), and when PostgreSQL is back every event reaches it exactly
once — through duplicates, a ``kill -9``, two receivers with spools of their own, and a spool whose own
disk is full or read-only (then, and only then, 503 with nothing kept)."""

from __future__ import annotations

import contextlib
import itertools
import json
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
from helpers import (
    READ,
    call,
    can_mount,
    fill,
    health,
    remount,
    rows,
    share,
    small_disk,
    wait_until_forwarded,
    webhook_request,
)

from tests.support.http_load import load
from tests.support.postgres import TempPostgres

#: Kakao waits this long for an answer; a call answered later counts as failed (status 0).
KAKAO_WAITS = 3.0
_databases = itertools.count()


@pytest.fixture
def pg_url(postgres: TempPostgres) -> str:
    return postgres.create_database(f"spool_{next(_databases)}")


@contextlib.contextmanager
def postgres_down(postgres: TempPostgres) -> Iterator[None]:
    postgres.stop()
    try:
        yield
    finally:
        postgres.start()


def spooled(receiver) -> list[str]:
    """Resource ids in the receiver's spool file, read straight from it."""
    return [r["resource_id"] for r in rows(f"sqlite:///{receiver.spool}")]


def test_postgresql_down_during_a_load_every_call_is_answered_and_every_event_lands_once(
    start_receiver, postgres, pg_url
):
    receiver = start_receiver(pg_url)
    assert share(receiver.url, "before")[2]["ok"] is True
    wait_until_forwarded(receiver.url)  # in PostgreSQL (spooled only if it was slower than 1 s)
    events = [f"down-{i}" for i in range(400)]
    with postgres_down(postgres):
        requests = [webhook_request(e, n=e) for e in events]
        requests += [webhook_request(e, n=e) for e in events[:50]]  # retries of spooled events
        requests.append(webhook_request("before"))  # a retry of an event PostgreSQL already holds
        answers = load(receiver.url, requests, concurrency=20, timeout=KAKAO_WAITS)
        assert [a.status for a in answers] == [200] * len(requests), {a.error or a.status for a in answers}
        bodies = [json.loads(a.body) for a in answers]
        assert all(b == {"ok": True, "duplicate": False, "spooled": True} for b in bodies[:400])
        assert all(b == {"ok": True, "duplicate": True} for b in bodies[400:450])
        status, state = health(receiver.url)
        assert status == 200, state
        assert state["writing_to"] == "spool" and state["store"]["up"] is False
        assert state["spool"]["waiting"] == 401 and state["spool"]["up"] is True
        # the stats cannot count what PostgreSQL does not hold, but they say what waits
        status, _, stats = call(receiver.url, "/kakao/stats", headers=READ)
        assert status == 503 and stats["spool"]["waiting"] == 401 and stats["spool"]["oldest"]
        arrival = spooled(receiver)
        assert sorted(arrival) == sorted([*events, "before"])
    wait_until_forwarded(receiver.url)
    stored = [r["resource_id"] for r in rows(pg_url)]
    assert sorted(stored) == sorted([*events, "before"])  # each once
    assert stored == ["before", *(e for e in arrival if e != "before")]  # forwarded in arrival order
    assert spooled(receiver) == []
    status, _, stats = call(receiver.url, "/kakao/stats", headers=READ)
    assert status == 200 and stats["total"] == 401 and stats["spool"] == {"waiting": 0, "oldest": None}
    assert share(receiver.url, "after")[0] == 200
    log = receiver.log.read_text()
    assert "writing events to the spool" in log
    assert "takes events again: 401 spooled, 401 forwarded (1 of them stored already)" in log


def test_kill_9_with_events_in_the_spool_they_reach_the_store_after_a_restart(start_receiver, postgres, pg_url):
    first = start_receiver(pg_url)
    events = [f"k9-{i}" for i in range(200)]
    with postgres_down(postgres):
        answers = load(first.url, [webhook_request(e) for e in events], concurrency=20, timeout=KAKAO_WAITS)
        assert {a.status for a in answers} == {200}
        first.kill9()
        assert sorted(spooled(first)) == sorted(events)
        # restarted while PostgreSQL is still down: it starts, and keeps taking calls
        second = start_receiver(pg_url, spool=first.spool)
        assert "200 events wait in the spool" in second.log.read_text()
        assert share(second.url, "k9-new")[2] == {"ok": True, "duplicate": False, "spooled": True}
        assert share(second.url, "k9-7")[2] == {"ok": True, "duplicate": True}
    wait_until_forwarded(second.url)
    assert sorted(r["resource_id"] for r in rows(pg_url)) == sorted([*events, "k9-new"])


def test_two_receivers_with_their_own_spools_give_one_row_per_event(start_receiver, postgres, pg_url):
    one, two = start_receiver(pg_url), start_receiver(pg_url)
    assert one.spool != two.spool
    requests = [webhook_request(f"pair-{i}") for i in range(100)]
    with postgres_down(postgres):
        with ThreadPoolExecutor(2) as pool:
            per_receiver = list(
                pool.map(lambda r: load(r.url, requests, concurrency=10, timeout=KAKAO_WAITS), (one, two))
            )
        assert {a.status for answers in per_receiver for a in answers} == {200}
        assert len(spooled(one)) == len(spooled(two)) == 100
    wait_until_forwarded(one.url)
    wait_until_forwarded(two.url)
    stored = [r["resource_id"] for r in rows(pg_url)]
    assert len(stored) == 100 and set(stored) == {f"pair-{i}" for i in range(100)}


# --- the spool's own disk ------------------------------------------------------------------------

needs_root = pytest.mark.skipif(not can_mount(), reason="mounting a small disk needs root")


@needs_root
def test_spool_disk_full_answers_503_keeps_nothing_then_recovers(start_receiver, postgres, pg_url, tmp_path):
    with small_disk(tmp_path / "disk") as disk:
        receiver = start_receiver(pg_url, spool=disk / "spool.db")
        with postgres_down(postgres):
            assert share(receiver.url, "full-before")[2] == {"ok": True, "duplicate": False, "spooled": True}
            filler = fill(disk)
            answers = [share(receiver.url, f"full-{i}", padding="x" * 4000) for i in range(5)]
            assert [s for s, _, _ in answers] == [503] * 5, answers
            status, state = health(receiver.url)
            assert status == 503 and state["spool"]["up"] is False and "full" in state["spool"]["error"]
            assert spooled(receiver) == ["full-before"]  # nothing of the refused calls
            filler.unlink()
            retries = [share(receiver.url, f"full-{i}", padding="x" * 4000)[2] for i in range(5)]
            assert retries == [{"ok": True, "duplicate": False, "spooled": True}] * 5
        wait_until_forwarded(receiver.url)
        stored = sorted(r["resource_id"] for r in rows(pg_url))
        assert stored == ["full-0", "full-1", "full-2", "full-3", "full-4", "full-before"]


@needs_root
def test_spool_read_only_answers_503_keeps_nothing_then_recovers(start_receiver, postgres, pg_url, tmp_path):
    with small_disk(tmp_path / "disk", "ro") as disk:
        receiver = start_receiver(pg_url, spool=disk / "spool.db")
        assert share(receiver.url, "ro-0")[2] == {"ok": True, "duplicate": False}  # the store needs no spool
        with postgres_down(postgres):
            assert [share(receiver.url, f"ro-{i}")[0] for i in range(1, 4)] == [503] * 3
            status, state = health(receiver.url)
            assert status == 503 and state["spool"]["up"] is False
            assert not (disk / "spool.db").exists()
            remount(disk, "rw")
            retries = [share(receiver.url, f"ro-{i}")[2] for i in range(1, 4)]
            assert retries == [{"ok": True, "duplicate": False, "spooled": True}] * 3
        wait_until_forwarded(receiver.url)
        assert sorted(r["resource_id"] for r in rows(pg_url)) == ["ro-0", "ro-1", "ro-2", "ro-3"]
