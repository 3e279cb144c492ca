"""Small HTTP servers on 127.0.0.1 for the inspector's tests, each in a thread, stopped on exit."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import BaseHTTPRequestHandler, SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that hangs up mid-body (the inspector cutting a response short) is expected


@contextmanager
def serving(handler: Any) -> Iterator[ThreadingHTTPServer]:
    """Run ``handler`` on a free port of 127.0.0.1 until the block ends."""
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


@contextmanager
def static_site(root: Path) -> Iterator[ThreadingHTTPServer]:
    """Serve the files of ``root``."""
    with serving(partial(_Quiet, directory=str(root))) as server:
        yield server


def port_of(server: ThreadingHTTPServer) -> int:
    return int(server.server_address[1])


class Endless(BaseHTTPRequestHandler):
    """``/huge.png``: a PNG header, then zeros up to 1 GB with no Content-Length (or, at
    ``/declared.png``, with ``Content-Length: 1 GB``); ``/redirect?to=URL``: a 302 to URL. Counts what
    it sends in ``server.sent``."""

    protocol_version = "HTTP/1.0"
    GIGABYTE = 1 << 30

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        server: Any = self.server
        if self.path.startswith("/redirect?to="):
            self.send_response(302)
            self.send_header("Location", self.path.split("=", 1)[1])
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        if self.path == "/declared.png":
            self.send_header("Content-Length", str(self.GIGABYTE))
        self.end_headers()
        chunk = b"\x89PNG\r\n\x1a\n" + b"\x00" * 65528
        sent = 0
        try:
            while sent < self.GIGABYTE:
                self.wfile.write(chunk)
                sent += len(chunk)
                server.sent += len(chunk)
        except OSError:
            return  # the client hung up: what the test expects
