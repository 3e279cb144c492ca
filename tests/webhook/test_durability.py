"""Every acknowledged event is in the store, once: under concurrent retries, across restarts and
receivers, through store failures, and when the receiver is killed mid-load.

A store that takes over 1.5 s to commit (as under a heavy load) sends events through the receiver's
spool: the answer then says ``"spooled": true`` (not known to be a duplicate), and the row reaches the
store when the spool is forwarded, which these tests wait for."""

from __future__ import annotations

import json
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from helpers import can_mount, fill, rows, share, small_disk, wait_until_forwarded, webhook_request

from tests.support.http_load import Answer, load


def test_200_concurrent_duplicates_make_one_row(shared_receiver, shared_db):
    requests = [webhook_request("dup-storm", n="1")] * 200
    answers = load(shared_receiver.url, requests, concurrency=200)
    assert [a.status for a in answers] == [200] * 200, {a.error or a.status for a in answers}
    bodies = [json.loads(a.body) for a in answers]
    assert sum(b == {"ok": True, "duplicate": False} for b in bodies) <= 1  # stored as new once at most
    assert any(b["duplicate"] is False for b in bodies)
    wait_until_forwarded(shared_receiver.url)
    assert len(rows(shared_db, "dup-storm")) == 1


def test_a_retry_after_a_restart_is_still_one_row(start_receiver, db_url):
    first = start_receiver(db_url)
    assert share(first.url, "restart-1")[2]["duplicate"] is False
    first.stop()
    second = start_receiver(db_url, spool=first.spool)
    answer = share(second.url, "restart-1")[2]
    assert answer["duplicate"] is True or answer["spooled"] is True, answer
    wait_until_forwarded(second.url)
    assert len(rows(db_url, "restart-1")) == 1


def test_two_receivers_on_one_store_store_a_call_once(start_receiver, db_url):
    one, two = start_receiver(db_url), start_receiver(db_url)
    requests = [webhook_request(f"both-{i}") for i in range(100)]

    with ThreadPoolExecutor(2) as pool:
        per_receiver = list(pool.map(lambda r: load(r.url, requests, concurrency=20), (one, two)))
    answers = [a for answers in per_receiver for a in answers]
    assert {a.status for a in answers} == {200}
    bodies = [(a.request.headers["X-Kakao-Resource-ID"], json.loads(a.body)) for a in answers]
    assert {i for i, body in bodies if body["duplicate"] is False} == {f"both-{i}" for i in range(100)}
    stored_as_new = [i for i, body in bodies if body == {"ok": True, "duplicate": False}]
    assert len(stored_as_new) == len(set(stored_as_new))  # the store took each as new once at most
    wait_until_forwarded(one.url)
    wait_until_forwarded(two.url)
    assert len(rows(db_url)) == 100


# --- store failures ------------------------------------------------------------------------------


@pytest.mark.skipif(not can_mount(), reason="mounting a small disk needs root")
def test_sqlite_disk_full_without_a_spool_answers_5xx_and_the_retry_is_stored(start_receiver, tmp_path):
    with small_disk(tmp_path / "disk") as disk:
        url = f"sqlite:///{disk}/events.db"
        receiver = start_receiver(url, "--no-spool")
        assert share(receiver.url, "before-full")[0] == 200
        filler = fill(disk)
        statuses = [share(receiver.url, f"full-{i}", padding="x" * 4000)[0] for i in range(5)]
        assert all(500 <= s < 600 for s in statuses), statuses
        filler.unlink()
        retries = [share(receiver.url, f"full-{i}", padding="x" * 4000) for i in range(5)]
        assert [(s, body) for s, _, body in retries] == [(200, {"ok": True, "duplicate": False})] * 5
        receiver.stop()
        assert sorted(r["resource_id"] for r in rows(url)) == ["before-full"] + [f"full-{i}" for i in range(5)]


def test_without_a_spool_postgresql_read_only_or_down_answers_5xx_and_the_retry_is_stored(start_receiver, postgres):
    import psycopg

    url = postgres.create_database("failures")
    receiver = start_receiver(url, "--no-spool")
    assert share(receiver.url, "pg-ok")[0] == 200

    def read_only(on: bool) -> None:
        """Make the database read-only (or writable again) for the receiver's sessions, from their next one."""
        with psycopg.connect(postgres.url, autocommit=True) as conn:
            conn.execute(f"ALTER DATABASE failures SET default_transaction_read_only = {'on' if on else 'off'}")
            conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'failures'")

    read_only(True)
    try:
        assert share(receiver.url, "pg-ro")[0] == 503
    finally:
        read_only(False)
    assert share(receiver.url, "pg-ro")[2] == {"ok": True, "duplicate": False}

    postgres.stop()
    try:
        assert share(receiver.url, "pg-down")[0] == 503
    finally:
        postgres.start()
    assert share(receiver.url, "pg-down")[2] == {"ok": True, "duplicate": False}
    assert sorted(r["resource_id"] for r in rows(url)) == ["pg-down", "pg-ok", "pg-ro"]


# --- kill -9 -------------------------------------------------------------------------------------

EVENTS = 3000


def test_kill_9_during_a_load_loses_no_acknowledged_event(start_receiver, db_url):
    receiver = start_receiver(db_url)
    acknowledged: list[str] = []
    killed = threading.Event()

    def on_answer(answer: Answer) -> None:
        if answer.status == 200:
            acknowledged.append(answer.request.headers["X-Kakao-Resource-ID"])
            if len(acknowledged) == EVENTS // 3 and not killed.is_set():
                killed.set()
                threading.Thread(target=receiver.kill9).start()

    requests = [webhook_request(f"k-{i}", order=f"o-{i}", note="안녕 " * 5) for i in range(EVENTS)]
    answers = load(receiver.url, requests, concurrency=50, timeout=5, on_answer=on_answer)
    assert killed.is_set(), "the load finished before the kill"
    assert len(answers) == EVENTS
    assert any(a.status == 0 for a in answers), "no request saw the kill"
    # every acknowledged event is in the store, or in the spool (a store slower than 1.5 s under the load)
    stored = {r["resource_id"]: r for r in rows(db_url) + rows(f"sqlite:///{receiver.spool}")}
    missing = set(acknowledged) - stored.keys()
    assert not missing, f"{len(missing)} acknowledged events are neither in the store nor in the spool"
    for resource_id, row in stored.items():  # whole rows only: every column as sent
        i = resource_id.removeprefix("k-")
        assert (row["chat_type"], row["hash_chat_id"]) == ("DirectChat", f"room-{resource_id}")
        assert row["args"] == {"order": f"o-{i}", "note": "안녕 " * 5}
    # and a new receiver on the same store and spool forwards the spool and takes the rest, each once
    again = start_receiver(db_url, spool=receiver.spool)
    answers = load(again.url, requests, concurrency=50)
    assert {a.status for a in answers} == {200}
    wait_until_forwarded(again.url)
    assert len(rows(db_url)) == EVENTS
