"""Running an ASGI app with uvicorn on a socket we bind ourselves: clear errors for a taken port or a
foreign address, a deep listen queue, and no access log (webhook query strings carry chat hashes)."""

from __future__ import annotations

import errno
import socket
import threading

import uvicorn
from starlette.types import ASGIApp

__all__ = ["BACKLOG", "RunningServer", "ServeError", "bind", "serve_forever"]

#: Connections the kernel queues while the app is busy (Python's socketserver default is 5).
BACKLOG = 2048


class ServeError(RuntimeError):
    """The server cannot start as asked (port in use, address not on this machine)."""


def bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # proto=IPPROTO_TCP matters: asyncio sets TCP_NODELAY only on sockets that say so (otherwise small
    # answers over keep-alive wait ~40 ms for Nagle and delayed ACKs).
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise ServeError(f"port {port} on {host} is in use: stop what is using it or pass --port N") from None
        if exc.errno in {errno.EADDRNOTAVAIL, errno.EAFNOSUPPORT}:
            raise ServeError(f"cannot listen on {host}: not an address of this machine") from None
        raise ServeError(f"cannot listen on {host}:{port}: {exc.strerror}") from None
    except socket.gaierror as exc:
        sock.close()
        raise ServeError(f"cannot listen on {host}: {exc.strerror}") from None
    sock.listen(BACKLOG)
    return sock


def _config(app: ASGIApp, *, log_level: str) -> uvicorn.Config:
    return uvicorn.Config(
        app, access_log=False, log_level=log_level, server_header=False, backlog=BACKLOG, timeout_graceful_shutdown=5
    )


def serve_forever(app: ASGIApp, sock: socket.socket, *, log_level: str = "info") -> None:
    """Serve until Ctrl+C / SIGTERM."""
    uvicorn.Server(_config(app, log_level=log_level)).run(sockets=[sock])


class RunningServer:
    """A server in a background thread (tests, the development server); ``stop()`` ends it."""

    def __init__(self, app: ASGIApp, sock: socket.socket, *, log_level: str = "warning") -> None:
        host, port = sock.getsockname()[:2]
        self.url = f"http://{host}:{port}" if ":" not in host else f"http://[{host}]:{port}"
        self._sock = sock
        self._server = uvicorn.Server(_config(app, log_level=log_level))
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [sock]}, daemon=True)
        self._thread.start()
        while not self._server.started and self._thread.is_alive():
            self._thread.join(0.01)
        if not self._server.started:
            raise ServeError("the server did not start (see the log above)")

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(10)
        self._sock.close()
