"""What Kakao's calls get, and what ends up in the store: accepted calls become rows, refused calls
leave nothing behind, and nothing a caller sends makes the receiver read or hold more than a few KB."""

from __future__ import annotations

import json
import select
import socket
from urllib.parse import urlsplit

import pytest
from helpers import call, kakao_headers, rows, share
from sqlalchemy import create_engine, text


def test_get_call_is_stored_with_the_pages_callback_args(shared_receiver, shared_db):
    ids = ("get-1",)
    status, _, body = call(
        shared_receiver.url,
        "/kakao/webhook?CHAT_TYPE=DirectChat&HASH_CHAT_ID=h-9&TEMPLATE_ID=123&order=A-17&note=%EC%95%88%EB%85%95",
        headers=kakao_headers("get-1"),
    )
    assert (status, body) == (200, {"ok": True, "duplicate": False})
    [row] = rows(shared_db, *ids)
    assert (row["resource_id"], row["chat_type"], row["hash_chat_id"], row["template_id"]) == (
        "get-1",
        "DirectChat",
        "h-9",
        "123",
    )
    assert row["args"] == {"order": "A-17", "note": "안녕"}


def test_post_json_form_and_chunked_bodies_are_all_read(shared_receiver, shared_db):
    ids = ("json-1", "form-1", "chunked-1")
    assert share(shared_receiver.url, "json-1", product="mug", qty=2)[0] == 200
    form = "CHAT_TYPE=MultiChat&HASH_CHAT_ID=h&product=cup"
    headers = kakao_headers("form-1", **{"Content-Type": "application/x-www-form-urlencoded"})
    assert call(shared_receiver.url, "/kakao/webhook", "POST", headers, form)[0] == 200
    # http.client sends an iterable body chunked (Transfer-Encoding: chunked, no Content-Length).
    chunks = iter([b'{"CHAT_TYPE": "OpenMultiChat", ', b'"product": "plate"}'])
    headers = kakao_headers("chunked-1", **{"Content-Type": "application/json"})
    assert call(shared_receiver.url, "/kakao/webhook", "POST", headers, chunks)[0] == 200
    stored = {r["resource_id"]: (r["chat_type"], r["args"]) for r in rows(shared_db, *ids)}
    assert stored == {
        "json-1": ("MemoChat", {"product": "mug", "qty": "2"}),
        "form-1": ("MultiChat", {"product": "cup"}),
        "chunked-1": ("OpenMultiChat", {"product": "plate"}),
    }


JSON_BODY = {"Content-Type": "application/json"}


@pytest.mark.parametrize(
    ("name", "headers", "body", "status"),
    [
        ("no key", kakao_headers("bad-1", key=None), None, 401),
        ("wrong key", kakao_headers("bad-2", key="not-the-key"), None, 401),
        ("key of another scheme", {**kakao_headers("bad-3"), "Authorization": "Bearer test-admin-key"}, None, 401),
        ("no resource id", {"Authorization": "KakaoAK test-admin-key"}, None, 400),
        ("oversized", kakao_headers("bad-4", **JSON_BODY), json.dumps({"a": "x" * 9000}), 413),
        ("malformed JSON", kakao_headers("bad-6", **JSON_BODY), '{"CHAT_TYPE": ', 400),
        ("JSON array", kakao_headers("bad-7", **JSON_BODY), "[1, 2]", 400),
        ("not UTF-8", kakao_headers("bad-8", **JSON_BODY), b'{"a": "\xff"}', 400),
        ("unknown body type", kakao_headers("bad-9", **{"Content-Type": "text/plain"}), "CHAT_TYPE=x", 415),
        ("resource id too long", kakao_headers("r" * 201), None, 400),
    ],
)
def test_refused_calls_get_the_right_status_and_store_nothing(shared_receiver, shared_db, name, headers, body, status):
    method = "GET" if body is None else "POST"
    before = len(rows(shared_db))
    got, resp, answer = call(shared_receiver.url, "/kakao/webhook?CHAT_TYPE=MemoChat", method, headers, body)
    assert got == status, (name, answer)
    assert answer["ok"] is False and answer["error"]
    if status == 401:
        assert resp.getheader("WWW-Authenticate") == "KakaoAK"
    assert len(rows(shared_db)) == before


def _stream_until_answered(url: str, head: bytes, megabytes: int) -> bytes:
    """Send a request head, then up to ``megabytes`` of body, stopping as soon as the server answers."""
    parts = urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port), timeout=30) as sock:
        sock.sendall(head)
        block = b"x" * (1 << 20)
        for _ in range(megabytes):
            if select.select([sock], [], [], 0)[0]:
                break
            try:
                sock.sendall(block)
            except (BrokenPipeError, ConnectionResetError):
                break
        select.select([sock], [], [], 10)
        return sock.recv(4096)


@pytest.mark.parametrize(
    ("head", "status"),
    [
        (
            b"POST /kakao/webhook HTTP/1.1\r\nHost: x\r\nContent-Length: 1073741824\r\n"
            b"X-Kakao-Resource-ID: big-1\r\n\r\n",
            401,
        ),
        (
            b"POST /kakao/webhook HTTP/1.1\r\nHost: x\r\nContent-Length: 1073741824\r\n"
            b"Authorization: KakaoAK test-admin-key\r\nX-Kakao-Resource-ID: big-2\r\n\r\n",
            413,
        ),
        (
            b"POST /kakao/webhook HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
            b"Authorization: KakaoAK test-admin-key\r\nX-Kakao-Resource-ID: big-3\r\n"
            b"Content-Type: application/json\r\n\r\n40000000\r\n",
            413,
        ),
    ],
    ids=["1GB-without-key", "1GB-with-key", "1GB-chunked-with-key"],
)
def test_a_huge_body_is_refused_without_being_held_in_memory(shared_receiver, shared_db, head, status):
    before = shared_receiver.rss_kb
    answer = _stream_until_answered(shared_receiver.url, head, megabytes=64)
    after = shared_receiver.rss_kb
    assert answer.startswith(f"HTTP/1.1 {status} ".encode()), answer[:60]
    assert after - before < 16 * 1024, f"RSS grew by {(after - before) / 1024:.0f} MB"
    assert rows(shared_db, "big-1", "big-2", "big-3") == []
    # and it still serves
    resource_id = f"after-{status}-{len(head)}"
    assert share(shared_receiver.url, resource_id)[0] == 200
    assert len(rows(shared_db, resource_id)) == 1


def test_is_single_chatroom_is_a_typed_column_not_a_callback_arg(shared_receiver, shared_db):
    ids = ("single-get", "single-json", "single-absent")
    assert call(
        shared_receiver.url,
        "/kakao/webhook?CHAT_TYPE=MultiChat&IS_SINGLE_CHATROOM=true&order=1",
        headers=kakao_headers("single-get"),
    )[2] == {"ok": True, "duplicate": False}
    assert share(shared_receiver.url, "single-json", IS_SINGLE_CHATROOM=False, order="2")[0] == 200  # JSON false
    assert share(shared_receiver.url, "single-absent", order="3")[0] == 200
    stored = {r["resource_id"]: (r["is_single_chatroom"], r["args"]) for r in rows(shared_db, *ids)}
    assert stored == {
        "single-get": (True, {"order": "1"}),
        "single-json": (False, {"order": "2"}),
        "single-absent": (None, {"order": "3"}),
    }
    status, _, body = call(
        shared_receiver.url, "/kakao/webhook?IS_SINGLE_CHATROOM=maybe", headers=kakao_headers("single-bad")
    )
    assert status == 400 and "IS_SINGLE_CHATROOM must be true or false" in body["error"]
    assert rows(shared_db, "single-bad") == []


def test_a_store_made_by_the_previous_version_gets_the_new_column(start_receiver, db_url):
    # The table as the previous version created it (no is_single_chatroom), with one event in it.
    engine = create_engine(db_url.replace("postgresql://", "postgresql+psycopg://", 1))
    key = "INTEGER" if engine.dialect.name == "sqlite" else "BIGSERIAL"
    try:
        with engine.begin() as conn:
            conn.execute(
                text(
                    f"CREATE TABLE kakao_share_events (id {key} PRIMARY KEY, resource_id VARCHAR(200) NOT NULL "
                    "UNIQUE, received_at BIGINT NOT NULL, chat_type VARCHAR(100), hash_chat_id VARCHAR(200), "
                    "template_id VARCHAR(100), args JSON NOT NULL)"
                )
            )
            # It kept IS_SINGLE_CHATROOM among the callback args, as text.
            conn.execute(
                text(
                    "INSERT INTO kakao_share_events (resource_id, received_at, chat_type, args) VALUES "
                    "('old-1', 0, 'MemoChat', '{}'), "
                    """('old-2', 1, 'MultiChat', '{"IS_SINGLE_CHATROOM":"true","order":"7"}'), """
                    """('old-3', 2, 'MultiChat', '{"IS_SINGLE_CHATROOM":"false"}'), """
                    """('old-4', 3, 'MultiChat', '{"IS_SINGLE_CHATROOM":"maybe","order":"9"}')"""
                )
            )
    finally:
        engine.dispose()
    receiver = start_receiver(db_url)
    assert share(receiver.url, "new-1", IS_SINGLE_CHATROOM=True)[0] == 200
    stored = {r["resource_id"]: (r["is_single_chatroom"], r["args"]) for r in rows(db_url)}
    assert stored == {
        "old-1": (None, {}),
        "old-2": (True, {"order": "7"}),
        "old-3": (False, {}),
        # not a boolean: kept among the args as it was received
        "old-4": (None, {"IS_SINGLE_CHATROOM": "maybe", "order": "9"}),
        "new-1": (True, {}),
    }
    log = receiver.log.read_text()
    assert "added the column is_single_chatroom" in log
    assert "filled is_single_chatroom in 2 stored events" in log
