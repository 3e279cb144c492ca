"""Calls as Kakao makes them, over http.client (what a plain client sends, no magic), the keys the test
receivers run with, the stored rows read straight from the database, and small disks to fill."""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from sqlalchemy import create_engine, text

from tests.support.http_load import Request

ADMIN_KEY = "test-admin-key"
READ_TOKEN = "test-read-token"
READ = {"Authorization": f"Bearer {READ_TOKEN}"}


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


def share(base: str, resource_id: str, **args: object):
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


def webhook_request(resource_id: str, **args: str) -> Request:
    """A Kakao-style POST for :func:`tests.support.http_load.load`."""
    body = json.dumps({"CHAT_TYPE": "DirectChat", "HASH_CHAT_ID": f"room-{resource_id}", **args}).encode()
    headers = {
        "Authorization": f"KakaoAK {ADMIN_KEY}",
        "X-Kakao-Resource-ID": resource_id,
        "Content-Type": "application/json",
    }
    return Request("POST", "/kakao/webhook", headers, body)


def health(base: str) -> tuple[int, dict[str, Any]]:
    status, _, body = call(base, "/kakao/health", headers=READ)
    return status, body


def wait_until_forwarded(base: str, within: float = 60) -> dict[str, Any]:
    """Poll the health endpoint until the spool is empty and events go to the store again."""
    deadline = time.monotonic() + within
    while True:
        status, body = health(base)
        if status == 200 and body["writing_to"] == "store" and body["spool"]["waiting"] == 0:
            return body
        if time.monotonic() > deadline:
            raise AssertionError(f"the spool was not forwarded within {within} s: {body}")
        time.sleep(0.2)


def can_mount() -> bool:
    return os.geteuid() == 0 and shutil.which("mount") is not None


@contextlib.contextmanager
def small_disk(folder: Path, *options: str) -> Iterator[Path]:
    """A 4 MB tmpfs at ``folder`` (root only): a real 'No space left on device' once filled, or with
    ``"ro"`` a real read-only file system (as Linux leaves a disk after I/O errors)."""
    folder.mkdir()
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", ",".join(["size=4m", "mode=0700", *options]), "tmpfs", str(folder)],
        capture_output=True,
    )
    if result.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {result.stderr.decode().strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=True)


def remount(folder: Path, option: str) -> None:
    subprocess.run(["mount", "-o", f"remount,{option}", str(folder)], check=True, capture_output=True)


def fill(folder: Path) -> Path:
    filler = folder / "filler"
    with filler.open("wb") as fh, contextlib.suppress(OSError):
        while True:
            fh.write(b"\0" * 65536)
            fh.flush()
            os.fsync(fh.fileno())
    return filler
