"""The local server: what a browser gets for each kind of file, and the errors a developer sees."""

from __future__ import annotations

import http.client
import json
import socket
from pathlib import Path

import pytest

from sitekit import server
from sitekit.bundle import BuildError
from sitekit.webhook import WebhookInbox

RUNTIME = Path(__file__).resolve().parents[2] / "web" / "runtime"


@pytest.fixture(scope="module")
def site():
    srv = server.start(port=0, inbox=WebhookInbox(admin_key="admin-secret"))
    yield srv
    srv.shutdown()
    srv.server_close()


def get(site, path, method="GET", headers=None, body=None):
    conn = http.client.HTTPConnection(*site.server_address[:2], timeout=10)
    conn.request(method, path, body=body, headers=headers or {})
    resp = conn.getresponse()
    data = resp.read()
    conn.close()
    return resp, data


def pyodide_dir() -> str:
    return next(p.name for p in RUNTIME.iterdir() if p.name.startswith("pyodide-"))


@pytest.mark.parametrize(
    ("name", "ctype"),
    [
        ("pyodide.asm.wasm", "application/wasm"),
        ("pyodide.mjs", "text/javascript"),
        ("python_stdlib.zip", "application/zip"),
        ("pyodide-lock.json", "application/json"),
    ],
)
def test_runtime_files_have_the_mime_type_browsers_require(site, name, ctype):
    resp, _ = get(site, f"/runtime/{pyodide_dir()}/{name}", "HEAD")
    assert resp.status == 200
    assert resp.getheader("Content-Type").startswith(ctype)


def test_wheels_are_served_as_zip(site):
    wheel = next((RUNTIME / pyodide_dir()).glob("pydantic-*.whl")).name
    resp, _ = get(site, f"/runtime/{pyodide_dir()}/{wheel}", "HEAD")
    assert resp.getheader("Content-Type") == "application/zip"


def test_big_files_are_sent_compressed_when_the_browser_accepts_it(site):
    path = f"/runtime/{pyodide_dir()}/pyodide.asm.wasm"
    plain = (RUNTIME / pyodide_dir() / "pyodide.asm.wasm").read_bytes()
    resp, body = get(site, path, headers={"Accept-Encoding": "gzip, deflate, br, zstd"})
    assert resp.getheader("Content-Encoding") == "br"
    assert resp.getheader("Vary") == "Accept-Encoding"
    assert len(body) < len(plain) / 2
    import brotli

    assert brotli.decompress(body) == plain
    resp, body = get(site, path, headers={"Accept-Encoding": "gzip"})
    assert resp.getheader("Content-Encoding") == "gzip"
    import gzip

    assert gzip.decompress(body) == plain
    resp, body = get(site, path)
    assert resp.getheader("Content-Encoding") is None
    assert body == plain


def test_versioned_runtime_is_cached_forever_and_entry_points_revalidate(site):
    resp, _ = get(site, f"/runtime/{pyodide_dir()}/pyodide.asm.wasm", "HEAD")
    assert "immutable" in resp.getheader("Cache-Control")
    for entry in (
        "/index.html",
        "/runtime/pyscript.json",
        f"/runtime/{pyodide_dir()}/pyodide-lock.json",
        "/runtime/pyscript/core.js",
    ):
        resp, _ = get(site, entry, "HEAD")
        assert resp.status == 200, entry
        assert resp.getheader("Cache-Control") == "no-cache", entry


def test_revalidation_answers_not_modified(site):
    resp, _ = get(site, "/index.html")
    etag = resp.getheader("ETag")
    resp, body = get(site, "/index.html", headers={"If-None-Match": etag})
    assert resp.status == 304
    assert body == b""


def test_no_file_outside_web_and_no_hidden_build_state(site):
    assert get(site, "/../pyproject.toml")[0].status == 404
    assert get(site, "/%2e%2e/pyproject.toml")[0].status == 404
    assert get(site, "/runtime/.build-state.json")[0].status == 404


def test_directory_serves_its_index(site):
    resp, body = get(site, "/")
    assert resp.status == 200
    assert b"kakao-share" in body


def test_port_in_use_is_a_clear_error():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(BuildError, match=f"port {port} .* in use"):
            server.start(port=port)


def test_missing_build_is_a_clear_error(tmp_path):
    with pytest.raises(BuildError, match=r"python serve\.py build"):
        server.start(port=0, root=tmp_path)


# --- webhook ---------------------------------------------------------------------------------------


def kakao_headers(resource_id="r-1", key="admin-secret"):
    return {"Authorization": f"KakaoAK {key}", "X-Kakao-Resource-ID": resource_id, "User-Agent": "KakaoOpenAPI/1.0"}


def test_webhook_records_a_share_with_the_pages_callback_args(site):
    resp, body = get(
        site,
        "/kakao/webhook?CHAT_TYPE=MemoChat&HASH_CHAT_ID=abc&TEMPLATE_ID=42&order=7",
        headers=kakao_headers("r-get"),
    )
    assert resp.status == 200
    assert json.loads(body) == {"ok": True, "duplicate": False}
    event = next(e for e in site.inbox.events if e.resource_id == "r-get")
    assert (event.chat_type, event.hash_chat_id, event.template_id) == ("MemoChat", "abc", "42")
    assert event.args == {"order": "7"}


def test_webhook_post_form_and_retries_are_deduplicated(site):
    body = "CHAT_TYPE=DirectChat&HASH_CHAT_ID=h&item=%EC%95%88%EB%85%95"
    headers = {**kakao_headers("r-post"), "Content-Type": "application/x-www-form-urlencoded"}
    first, _ = get(site, "/kakao/webhook", "POST", headers, body)
    again, data = get(site, "/kakao/webhook", "POST", headers, body)
    assert first.status == again.status == 200
    assert json.loads(data)["duplicate"] is True
    events = [e for e in site.inbox.events if e.resource_id == "r-post"]
    assert len(events) == 1
    assert events[0].args == {"item": "안녕"}


def test_webhook_refuses_calls_without_the_admin_key(site):
    resp, _ = get(site, "/kakao/webhook?CHAT_TYPE=MemoChat", headers=kakao_headers("r-bad", key="wrong"))
    assert resp.status == 401
    assert all(e.resource_id != "r-bad" for e in site.inbox.events)
