"""Calls as Kakao makes them, over http.client (what a plain client sends, no magic)."""

from __future__ import annotations

import http.client
import json
from urllib.parse import urlsplit

from conftest import ADMIN_KEY


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
