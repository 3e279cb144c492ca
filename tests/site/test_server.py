"""The local server: what a browser gets for each kind of file, and the errors a developer sees."""

from __future__ import annotations

import gzip
import http.client
import json
import os
import socket
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from sitekit import server
from sitekit.bundle import BuildError

RUNTIME = Path(__file__).resolve().parents[2] / "web" / "runtime"


@pytest.fixture(scope="module")
def site():
    srv = server.start(port=0, admin_key="admin-secret")
    yield srv
    srv.stop()


def get(site, path, method="GET", headers=None, body=None):
    conn = http.client.HTTPConnection(urlsplit(site.url).netloc, timeout=10)
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


@pytest.mark.parametrize("path", ["/kakao-share-widget.js", "/widget/button.js", "/index.html"])
def test_text_without_a_precompressed_sibling_is_gzipped_as_it_is_sent(site, path):
    # The widget's loader and button script are on host pages' first visit: sent gzipped, as static hosts do.
    plain = (RUNTIME.parent / path.lstrip("/")).read_bytes()
    resp, body = get(site, path, headers={"Accept-Encoding": "gzip, deflate, br, zstd"})
    assert resp.getheader("Content-Encoding") == "gzip"
    assert resp.getheader("Vary") == "Accept-Encoding"
    assert len(body) < len(plain) / 2
    assert gzip.decompress(body) == plain
    resp, body = get(site, path)
    assert resp.getheader("Content-Encoding") is None
    assert body == plain


def test_zips_are_not_gzipped_again(site):
    # The build gives a wheel no compressed sibling when compressing gains little; nor does the server.
    wheel = next(p for p in (RUNTIME / "wheels").glob("pydantic-*.whl") if not p.with_name(p.name + ".gz").exists())
    resp, body = get(site, f"/runtime/wheels/{wheel.name}", headers={"Accept-Encoding": "gzip"})
    assert resp.getheader("Content-Encoding") is None
    assert body == wheel.read_bytes()


def test_the_widget_loader_is_reused_for_ten_minutes(small_site):
    # One URL that site owners paste, on their pages' critical path: not asked again on every view.
    resp, _ = get(small_site, "/kakao-share-widget.js", "HEAD")
    assert resp.getheader("Cache-Control") == "public, max-age=600"
    assert get(small_site, "/assets/boot.js", "HEAD")[0].getheader("Cache-Control") == "no-cache"


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


@pytest.fixture(scope="module")
def small_site(tmp_path_factory):
    """A site of a few files, with a hidden folder and a widget, beside the real one."""
    root = tmp_path_factory.mktemp("web")
    (root / "runtime").mkdir()
    (root / "runtime" / "pyscript.json").write_text("{}")
    (root / "index.html").write_text("<!doctype html><title>small</title>")
    (root / "kakao-share-widget.js").write_text("export {}")
    (root / "assets").mkdir()
    (root / "assets" / "boot.js").write_text("export {}")
    (root / "widget").mkdir()
    (root / "widget" / "main.py").write_text("")
    (root / ".secret").mkdir()
    (root / ".secret" / "notes.txt").write_text("hidden")
    srv = server.start(port=0, root=root)
    yield srv
    srv.stop()


def test_dot_folders_are_hidden_too(small_site):
    assert get(small_site, "/.secret/notes.txt")[0].status == 404
    assert get(small_site, "/.secret/")[0].status == 404


def test_widget_and_runtime_load_from_other_origins_and_pages_do_not(small_site):
    for path in ("/kakao-share-widget.js", "/assets/boot.js", "/widget/main.py", "/runtime/pyscript.json"):
        resp, _ = get(small_site, path, headers={"Origin": "https://shop.example"})
        assert resp.status == 200, path
        assert resp.getheader("Access-Control-Allow-Origin") == "*", path
        assert resp.getheader("Cross-Origin-Resource-Policy") == "cross-origin", path
    resp, _ = get(small_site, "/index.html", headers={"Origin": "https://shop.example"})
    assert resp.getheader("Access-Control-Allow-Origin") is None


def raw_exchange(site, request: bytes) -> bytes:
    with socket.create_connection(urlsplit(site.url).netloc.split(":"), timeout=10) as sock:
        sock.sendall(request)
        return sock.recv(4096)


@pytest.mark.parametrize(
    "request_bytes",
    [
        b"GET /%00index.html HTTP/1.1\r\nHost: x\r\n\r\n",
        b"POST /kakao/webhook HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n",
        b"POST /kakao/webhook HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n",
        b"NOT HTTP AT ALL\r\n\r\n",
    ],
    ids=["nul-in-path", "content-length-abc", "content-length-negative", "garbage"],
)
def test_malformed_requests_get_400_not_a_dropped_connection(small_site, request_bytes):
    answer = raw_exchange(small_site, request_bytes)
    assert answer.startswith(b"HTTP/1.1 400 "), answer[:80]


def _server_side_sockets(port: int) -> list[socket.socket]:
    """Duplicates of this process's accepted connections on ``port`` (the server runs in a thread here)."""
    found = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            dup = os.dup(int(fd))
        except OSError:  # the listing's own descriptor, closed by now
            continue
        try:
            sock = socket.socket(fileno=dup)
        except OSError:  # not a socket; the duplicate must not keep a pipe (Playwright's) open
            os.close(dup)
            continue
        try:
            inet = sock.family in {socket.AF_INET, socket.AF_INET6} and sock.type == socket.SOCK_STREAM
            if inet and sock.getsockname()[1] == port and sock.getpeername():
                found.append(sock)
                continue
        except OSError:
            pass
        sock.close()
    return found


def test_connections_are_answered_without_nagle_delay(small_site):
    """Small responses over keep-alive waited ~44 ms with the old server: TCP_NODELAY is set now."""
    conn = http.client.HTTPConnection(urlsplit(small_site.url).netloc, timeout=10)
    conn.request("GET", "/index.html")
    conn.getresponse().read()
    accepted = _server_side_sockets(urlsplit(small_site.url).port)
    try:
        assert accepted, "no accepted connection found"
        assert all(s.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) for s in accepted)
    finally:
        for s in accepted:
            s.close()
        conn.close()


def test_a_burst_of_connections_is_queued_not_reset(small_site):
    """Python's default listen queue of 5 reset connections under 50 concurrent clients."""
    host, port = urlsplit(small_site.url).netloc.split(":")
    socks = [socket.create_connection((host, int(port)), timeout=10) for _ in range(200)]
    try:
        for sock in socks:
            sock.sendall(b"GET /index.html HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        answers = [sock.recv(64) for sock in socks]
    finally:
        for sock in socks:
            sock.close()
    assert all(a.startswith(b"HTTP/1.1 200 ") for a in answers)


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


# --- webhook (the receiver's own behaviour is tested in tests/webhook) ------------------------------


def kakao_headers(resource_id="r-1", key="admin-secret"):
    return {"Authorization": f"KakaoAK {key}", "X-Kakao-Resource-ID": resource_id, "User-Agent": "KakaoOpenAPI/1.0"}


def stored(site, resource_id):
    return [s.event for s in site.store.events() if s.event.resource_id == resource_id]


def test_webhook_records_a_share_with_the_pages_callback_args(site):
    resp, body = get(
        site,
        "/kakao/webhook?CHAT_TYPE=MemoChat&HASH_CHAT_ID=abc&TEMPLATE_ID=42&order=7",
        headers=kakao_headers("r-get"),
    )
    assert resp.status == 200
    assert json.loads(body) == {"ok": True, "duplicate": False}
    [event] = stored(site, "r-get")
    assert (event.chat_type, event.hash_chat_id, event.template_id) == ("MemoChat", "abc", "42")
    assert event.args == {"order": "7"}


def test_webhook_post_form_and_retries_are_deduplicated(site):
    body = "CHAT_TYPE=DirectChat&HASH_CHAT_ID=h&item=%EC%95%88%EB%85%95"
    headers = {**kakao_headers("r-post"), "Content-Type": "application/x-www-form-urlencoded"}
    first, _ = get(site, "/kakao/webhook", "POST", headers, body)
    again, data = get(site, "/kakao/webhook", "POST", headers, body)
    assert first.status == again.status == 200
    assert json.loads(data)["duplicate"] is True
    [event] = stored(site, "r-post")
    assert event.args == {"item": "안녕"}


def test_webhook_refuses_calls_without_the_admin_key(site):
    resp, _ = get(site, "/kakao/webhook?CHAT_TYPE=MemoChat", headers=kakao_headers("r-bad", key="wrong"))
    assert resp.status == 401
    assert stored(site, "r-bad") == []


def test_without_an_admin_key_the_webhook_is_only_served_on_loopback(tmp_path):
    with pytest.raises(BuildError, match="KAKAO_ADMIN_KEY"):
        server.start(host="0.0.0.0", port=0)
