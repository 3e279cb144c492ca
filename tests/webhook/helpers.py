"""Calls as Kakao makes them, over http.client (what a plain client sends, no magic), the keys the test
receivers run with, and the stored rows read straight from the database."""

from __future__ import annotations

import http.client
import json
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import create_engine, text

ADMIN_KEY = "test-admin-key"
READ_TOKEN = "test-read-token"


def kakao_headers(resource_id: str, key: str | None = ADMIN_KEY, **extra: str) -> dict[str, str]:
    headers = {"X-Kakao-Resource-ID": resource_id, "User-Agent": "KakaoOpenAPI/1.0", **extra}
    if key is not None:
        headers["Authorization"] = f"KakaoAK {key}"
    return headers


def call(base: str, path: str, method: str = "GET", headers=None, body: bytes | str | None = None):
    """(status, headers, parsed JSON body or raw bytes)."""
    conn = http.client.HTTPConnection(urlsplit(base).netloc, timeout=30)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        resp = conn.getresponse()
        data = resp.read()
    finally:
        conn.close()
    try:
        return resp.status, resp, json.loads(data)
    except ValueError:
        return resp.status, resp, data


def share(base: str, resource_id: str, **args: str):
    """A POST JSON webhook call, the way Kakao sends it."""
    body = json.dumps({"CHAT_TYPE": "MemoChat", "HASH_CHAT_ID": "room-1", **args})
    return call(
        base, "/kakao/webhook", "POST", kakao_headers(resource_id, **{"Content-Type": "application/json"}), body
    )


def rows(db_url: str, *resource_ids: str) -> list[dict[str, Any]]:
    """The stored rows (of these resource ids), read straight from the database."""
    url = db_url.replace("postgresql://", "postgresql+psycopg://", 1)
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            result = conn.execute(text("SELECT * FROM kakao_share_events ORDER BY id"))
            found = [dict(r._mapping) for r in result if not resource_ids or r.resource_id in resource_ids]
    finally:
        engine.dispose()
    for row in found:  # SQLite hands JSON back as text to a plain query
        if isinstance(row["args"], str):
            row["args"] = json.loads(row["args"])
    return found
