"""Serve ``web/`` locally: right MIME types, precompressed runtime files, caching that lets a returning
visitor skip the runtime download, and the Kakao share webhook.

Standard library only (``http.server``), because it only ever serves loopback: development, tests and
the demo. Production sites use ``serve.py export`` and any static host.
"""

from __future__ import annotations

import errno
import mimetypes
import re
import sys
import threading
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from . import _paths
from .bundle import BuildError
from .webhook import WebhookInbox

MIME_TYPES = {
    ".wasm": "application/wasm",
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".whl": "application/zip",
    ".zip": "application/zip",
    ".json": "application/json",
    ".py": "text/x-python; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
}

#: Runtime paths whose content never changes under the same URL: the versioned Pyodide folder (except
#: the lock, which lists the app wheel), content-hashed PyScript chunks and content-addressed app wheels.
_IMMUTABLE = re.compile(r"^runtime/(?:pyodide-[0-9.]+/(?!pyodide-lock\.json$).+|pyscript/.+-[A-Za-z0-9_-]{8}\.js)$")
IMMUTABLE_CACHE = "public, max-age=31536000, immutable"
REVALIDATE_CACHE = "no-cache"


def cache_control(rel_path: str) -> str:
    """The Cache-Control a file under ``web/`` is served with (also written by the exporter)."""
    return IMMUTABLE_CACHE if _IMMUTABLE.match(rel_path) else REVALIDATE_CACHE


def _pick_encoding(accept: str, path: Path) -> tuple[Path, str | None]:
    offered = {part.split(";")[0].strip().lower() for part in accept.split(",")}
    for encoding, suffix in (("br", ".br"), ("gzip", ".gz")):
        candidate = path.with_name(path.name + suffix)
        if encoding in offered and candidate.exists():
            return candidate, encoding
    return path, None


class SiteHandler(SimpleHTTPRequestHandler):
    """Static files from ``web/`` plus ``/kakao/webhook``."""

    server: SiteServer
    protocol_version = "HTTP/1.1"

    def server_root(self) -> Path:
        return self.server.root

    def log_message(self, format: str, *args: Any) -> None:
        if self.server.verbose:
            super().log_message(format, *args)

    # --- webhook -------------------------------------------------------------------------------
    def _webhook(self) -> bool:
        if urlsplit(self.path).path != self.server.inbox.path:
            return False
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        status, payload = self.server.inbox.receive(self.command, self.path, dict(self.headers), body)
        data = payload.encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
        return True

    def do_POST(self) -> None:
        if not self._webhook():
            self.send_error(HTTPStatus.METHOD_NOT_ALLOWED)

    # --- static files --------------------------------------------------------------------------
    def do_GET(self) -> None:
        if self._webhook():
            return
        self._static(head=False)

    def do_HEAD(self) -> None:
        self._static(head=True)

    def _static(self, head: bool) -> None:
        root = self.server_root()
        rel = unquote(urlsplit(self.path).path).lstrip("/")
        path = (root / rel).resolve()
        if root != path and root not in path.parents:
            self.send_error(HTTPStatus.NOT_FOUND)
            return
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                self.send_response(HTTPStatus.MOVED_PERMANENTLY)
                self.send_header("Location", urlsplit(self.path).path + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            path = path / "index.html"
            rel = str(path.relative_to(root))
        if not path.is_file() or path.suffix in {".br", ".gz"} or path.name.startswith("."):
            self.send_error(HTTPStatus.NOT_FOUND)
            return
        body_path, encoding = _pick_encoding(self.headers.get("Accept-Encoding", ""), path)
        stat = body_path.stat()
        etag = f'"{stat.st_size:x}-{stat.st_mtime_ns:x}{"-" + encoding if encoding else ""}"'
        if etag in {t.strip() for t in self.headers.get("If-None-Match", "").split(",")}:
            self.send_response(HTTPStatus.NOT_MODIFIED)
            self.send_header("ETag", etag)
            self.send_header("Cache-Control", cache_control(rel))
            self.end_headers()
            return
        self.send_response(HTTPStatus.OK)
        ctype = MIME_TYPES.get(path.suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(stat.st_size))
        self.send_header("Cache-Control", cache_control(rel))
        self.send_header("ETag", etag)
        self.send_header("Vary", "Accept-Encoding")
        if encoding:
            self.send_header("Content-Encoding", encoding)
        self.end_headers()
        if head:
            return
        with body_path.open("rb") as fh:
            try:
                while block := fh.read(1 << 16):
                    self.wfile.write(block)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the browser went away mid-download (navigation, test teardown): nothing to do


class SiteServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(
        self, host: str, port: int, root: Path, *, inbox: WebhookInbox | None = None, verbose: bool = True
    ) -> None:
        self.root = root.resolve()
        self.verbose = verbose
        self.inbox = inbox or WebhookInbox.from_env()
        super().__init__((host, port), SiteHandler)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host!s}:{port}"


def check_built(root: Path = _paths.WEB) -> None:
    if not (root / "runtime" / "pyscript.json").exists():
        raise BuildError(
            "web/runtime/ is not built: run `python serve.py build` first (or `make serve`, which does it)"
        )


def start(
    host: str = "127.0.0.1",
    port: int = 0,
    root: Path = _paths.WEB,
    *,
    verbose: bool = False,
    inbox: WebhookInbox | None = None,
) -> SiteServer:
    """Start serving in a background thread (tests, benchmarks); ``port=0`` picks a free port."""
    check_built(root)
    server = _bind(host, port, root, verbose=verbose, inbox=inbox)
    threading.Thread(target=server.serve_forever, name="kakao-share-site", daemon=True).start()
    return server


def _bind(host: str, port: int, root: Path, **kwargs: Any) -> SiteServer:
    try:
        return SiteServer(host, port, root, **kwargs)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise BuildError(f"port {port} on {host} is in use: stop what is using it or pass --port N") from None
        if exc.errno == errno.EADDRNOTAVAIL:
            raise BuildError(f"cannot listen on {host}: not an address of this machine") from None
        raise


def run(host: str = "127.0.0.1", port: int = 8000, root: Path = _paths.WEB) -> None:
    check_built(root)
    server = _bind(host, port, root, verbose=True)
    print(f"serving {root} at {server.url}/  (webhook: {server.url}{server.inbox.path}; Ctrl+C stops)", file=sys.stderr)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


__all__ = ["SiteServer", "cache_control", "check_built", "run", "start"]
