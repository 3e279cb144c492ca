"""Serve ``web/`` and the share webhook from one ASGI app, run by uvicorn.

Static files come from servestatic (precompressed ``.br``/``.gz`` siblings, ETag/304, media types),
with our cache policy and cross-origin headers from :mod:`sitekit.headers`; dot-paths are hidden. Text
the build did not precompress (the widget's loader and scripts, pages, JSON answers) is gzipped as it is
sent, as static hosts do. Any
path that is not a file goes to the :mod:`kakao_share.webhook` receiver (``/kakao/webhook``,
``/kakao/events``, ``/kakao/stats``), whose events are kept in SQLite.

Without ``KAKAO_ADMIN_KEY`` the development server's webhook accepts unauthenticated calls, which it
allows only on a loopback address and announces loudly; set the key to serve on another address.
"""

from __future__ import annotations

import ipaddress
import os
import shutil
import sys
import tempfile
from pathlib import Path
from wsgiref.headers import Headers

from kakao_share.webhook import EventStore, RunningServer, ServeError, StoreError, bind, create_app, serve_forever
from kakao_share.webhook._cli import ADMIN_KEY_ENV, READ_TOKEN_ENV, read_token_from_env, unauthenticated_banner
from servestatic import ServeStaticASGI
from servestatic.responders import Redirect, StaticFile
from starlette.middleware.gzip import DEFAULT_EXCLUDED_CONTENT_TYPES, GZipMiddleware
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from . import _paths
from ._compress import MIN_COMPRESS_SIZE
from ._exceptions import BuildError
from .headers import CROSS_ORIGIN_HEADERS, MIME_TYPES, cache_control, is_cross_origin

__all__ = ["SiteServer", "check_built", "run", "site_app", "start"]


class _StaticFiles(ServeStaticASGI):
    """servestatic, reading the disk on every request (the development server serves files as edited)
    and serving ``/dir/index.html`` itself as well as ``/dir/``."""

    def find_file_at_path(self, path: str, url: str) -> StaticFile | Redirect:
        if self.index_file is not None and url.endswith("/" + self.index_file):
            return self.get_static_file(path, url)
        return super().find_file_at_path(path, url)


def _add_headers(headers: Headers, path: str, url: str) -> None:
    rel = url.lstrip("/")
    if rel == "" or rel.endswith("/"):
        rel += "index.html"
    headers["Cache-Control"] = cache_control(rel)
    if is_cross_origin(rel):
        for name, value in CROSS_ORIGIN_HEADERS.items():
            headers[name] = value


class _HiddenPaths:
    """404 for any path with a segment starting with a dot; 400 for a NUL byte in the path."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            path: str = scope["path"]
            if "\x00" in path:
                await PlainTextResponse("a NUL byte in the path", 400)(scope, receive, send)
                return
            if any(segment.startswith(".") for segment in path.split("/")):
                await PlainTextResponse("Not Found", 404)(scope, receive, send)
                return
        await self.app(scope, receive, send)


#: Binary media that gzip barely shrinks (zips are deflated; wasm and packs have ``.br`` siblings if worth it).
_NOT_GZIPPED = (*DEFAULT_EXCLUDED_CONTENT_TYPES, "application/zip", "application/wasm", "application/octet-stream")


def site_app(root: Path, fallback: ASGIApp) -> ASGIApp:
    """Files under ``root`` first, then ``fallback`` (the webhook receiver, which 404s the rest)."""
    static = _StaticFiles(
        fallback,
        root=root,
        autorefresh=True,
        index_file=True,
        max_age=None,
        allow_all_origins=False,
        mimetypes=MIME_TYPES,
        add_headers_function=_add_headers,
        immutable_file_test=lambda _path, _url: False,
    )
    return _HiddenPaths(GZipMiddleware(static, minimum_size=MIN_COMPRESS_SIZE, exclude_content_types=_NOT_GZIPPED))


def check_built(root: Path = _paths.WEB) -> None:
    if not (root / "runtime" / "pyscript.json").exists():
        raise BuildError(
            "web/runtime/ is not built: run `python serve.py build` first (or `make serve`, which does it)"
        )


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def _webhook_store(host: str, admin_key: str | None, db: str) -> EventStore:
    if admin_key is None and not _is_loopback(host):
        raise BuildError(
            f"serving on {host} would expose an unauthenticated webhook: set {ADMIN_KEY_ENV} "
            "(the Kakao app's admin key; any value for local testing) or serve on 127.0.0.1"
        )
    try:
        return EventStore(db)
    except StoreError as exc:
        raise BuildError(str(exc)) from None


class SiteServer:
    """The site served in a background thread (tests, benchmarks): ``.url``, ``.store``, ``stop()``."""

    def __init__(
        self,
        root: Path,
        host: str,
        port: int,
        *,
        admin_key: str | None,
        read_token: str | None,
        db: str | None,
        verbose: bool,
    ) -> None:
        self.root = root.resolve()
        self.admin_key = admin_key
        self.read_token = read_token
        self._tmp = None if db else tempfile.mkdtemp(prefix="kakao-share-site-")
        self.store = _webhook_store(host, admin_key, db or f"sqlite:///{self._tmp}/events.db")
        app = create_app(self.store, admin_key=admin_key, read_token=read_token, allow_unauthenticated=True)
        try:
            sock = bind(host, port)
        except ServeError as exc:
            self._release()
            raise BuildError(str(exc)) from None
        self._server = RunningServer(site_app(self.root, app), sock, log_level="info" if verbose else "warning")
        self.url = self._server.url

    def stop(self) -> None:
        self._server.stop()
        self._release()

    def _release(self) -> None:
        self.store.close()
        if self._tmp:
            shutil.rmtree(self._tmp, ignore_errors=True)
            self._tmp = None

    # socketserver's names, which callers of the previous server use
    def shutdown(self) -> None:
        self.stop()

    def server_close(self) -> None:
        """Nothing left to release after :meth:`stop`."""


def start(
    host: str = "127.0.0.1",
    port: int = 0,
    root: Path = _paths.WEB,
    *,
    verbose: bool = False,
    admin_key: str | None = None,
    read_token: str | None = None,
    db: str | None = None,
) -> SiteServer:
    """Serve in a background thread; ``port=0`` picks a free port. Without ``db``, events go to a
    temporary SQLite file removed by ``stop()``; without ``admin_key`` the webhook is unauthenticated."""
    check_built(root)
    return SiteServer(root, host, port, admin_key=admin_key, read_token=read_token, db=db, verbose=verbose)


def run(host: str = "127.0.0.1", port: int = 8000, root: Path = _paths.WEB, *, db: str | None = None) -> None:
    """``serve.py serve``: the site and the webhook until Ctrl+C."""
    check_built(root)
    admin_key = os.environ.get(ADMIN_KEY_ENV) or None
    store = _webhook_store(host, admin_key, db or f"sqlite:///{_paths.WEBHOOK_DB}")
    read_token, generated = read_token_from_env()
    try:
        sock = bind(host, port)
    except ServeError as exc:
        store.close()
        raise BuildError(str(exc)) from None
    webhook = create_app(
        store, admin_key=admin_key, read_token=read_token, allow_unauthenticated=True, close_store=True
    )
    url = f"http://{host}:{sock.getsockname()[1]}"
    if admin_key is None:
        print(unauthenticated_banner(f"{url}/kakao/webhook"), file=sys.stderr)
    print(f"serving {root} at {url}/  (Ctrl+C stops)", file=sys.stderr)
    print(f"webhook: {url}/kakao/webhook -> {store.url}", file=sys.stderr)
    if generated:
        print(f"share stats: {url}/stats.html#token={read_token}  (token generated for this run)", file=sys.stderr)
    else:
        print(f"share stats: {url}/stats.html  (with the token in {READ_TOKEN_ENV})", file=sys.stderr)
    serve_forever(site_app(root.resolve(), webhook), sock)
