"""Reading what was stored: the export (JSON lines, CSV) and the stats behind the chart, behind a read
token; and the same export from the command line."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import pytest
from helpers import READ_TOKEN, call, share

READ = {"Authorization": f"Bearer {READ_TOKEN}"}


@pytest.fixture(scope="module")
def filled(shared_receiver, shared_db):
    share(shared_receiver.url, "read-1", CHAT_TYPE="MemoChat", product="mug")
    share(shared_receiver.url, "read-2", CHAT_TYPE="DirectChat", product="mug", TEMPLATE_ID="77")
    share(shared_receiver.url, "read-3", CHAT_TYPE="DirectChat", product="=HYPERLINK(1)")
    share(shared_receiver.url, "read-4", CHAT_TYPE="NewKindOfChat")
    return shared_receiver


@pytest.mark.parametrize("path", ["/kakao/events", "/kakao/stats"])
@pytest.mark.parametrize(
    "headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": "KakaoAK test-admin-key"}]
)
def test_reading_needs_the_read_token(filled, path, headers):
    status, _, body = call(filled.url, path, headers=headers)
    assert status == 401
    assert "hash" not in json.dumps(body).lower() and "read-1" not in json.dumps(body)


def test_events_as_json_lines(filled):
    status, resp, body = call(filled.url, "/kakao/events", headers=READ)
    assert status == 200 and resp.getheader("Content-Type").startswith("application/x-ndjson")
    records = {r["resource_id"]: r for r in map(json.loads, body.decode().splitlines())}
    assert records["read-2"]["chat_type"] == "DirectChat"
    assert records["read-2"]["template_id"] == "77"
    assert records["read-2"]["hash_chat_id"] == "room-1"
    assert records["read-2"]["args"] == {"product": "mug"}
    assert records["read-4"]["chat_type"] == "NewKindOfChat"


def test_events_as_csv_a_spreadsheet_cannot_run(filled):
    status, resp, body = call(filled.url, "/kakao/events?format=csv&limit=1000", headers=READ)
    assert status == 200 and resp.getheader("Content-Type").startswith("text/csv")
    table = {r["resource_id"]: r for r in csv.DictReader(io.StringIO(body.decode()))}
    assert json.loads(table["read-1"]["args"]) == {"product": "mug"}
    assert table["read-1"]["chat_type"] == "MemoChat"
    assert not any(cell.startswith("=") for row in table.values() for cell in row.values())


def test_stats_count_shares_per_day_and_key(filled):
    status, _, doc = call(filled.url, "/kakao/stats?by=chat_type&bucket=day", headers=READ)
    assert status == 200
    totals = dict(zip(doc["keys"], doc["totals"], strict=True))
    assert totals["DirectChat"] >= 2 and totals["NewKindOfChat"] >= 1
    assert sum(sum(point["counts"]) for point in doc["series"]) == doc["total"]
    status, _, doc = call(filled.url, "/kakao/stats?by=arg:product&bucket=hour&utc_offset_minutes=540", headers=READ)
    assert status == 200
    assert dict(zip(doc["keys"], doc["totals"], strict=True))["mug"] >= 2
    assert all(point["start"].endswith("+09:00") for point in doc["series"])


@pytest.mark.parametrize(
    "query", ["bucket=week", "by=nothing", "utc_offset_minutes=abc", "since=yesterday", "format=xml"]
)
def test_bad_reading_parameters_are_named(filled, query):
    path = "/kakao/events" if query.startswith("format") else "/kakao/stats"
    status, _, body = call(filled.url, f"{path}?{query}", headers=READ)
    assert status == 400
    assert query.split("=")[0] in body["error"]


def test_the_command_line_export_writes_a_private_file(filled, shared_db, tmp_path):
    out = tmp_path / "events.csv"
    cmd = [sys.executable, "-m", "kakao_share.webhook", "events", "--db", shared_db, "--format", "csv", "-o", str(out)]
    subprocess.run(cmd, check=True, timeout=60)
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    ids = {r["resource_id"] for r in csv.DictReader(out.open(encoding="utf-8"))}
    assert {"read-1", "read-2", "read-3", "read-4"} <= ids


def test_the_sqlite_store_is_readable_by_its_owner_only(filled, shared_db):
    if not shared_db.startswith("sqlite"):
        pytest.skip("file modes are SQLite's")
    path = shared_db.removeprefix("sqlite:///")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            assert os.stat(path + suffix).st_mode & 0o077 == 0, suffix
