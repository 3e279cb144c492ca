"""What the browser benchmarks share: a quiet static server, visits that must stay on loopback, and the
cold-then-warm series every table reports."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, cast

from playwright.sync_api import Browser, BrowserContext, Page

__all__ = ["cold_then_warm", "static_server", "visit"]

Samples = dict[str, list[dict[str, Any]]]


def static_server(folder: Path) -> ThreadingHTTPServer:
    """Serve ``folder`` on a free loopback port from a background thread (plain static files)."""

    class Quiet(SimpleHTTPRequestHandler):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=str(folder), **kwargs)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


def visit(context: BrowserContext, url: str, until: Callable[[Page], None], measure: str) -> dict[str, Any]:
    """Open ``url``, wait ``until`` it is done, and return the ``measure`` script's result.

    Stops the benchmark if the page asked for anything off loopback.
    """
    page = context.new_page()
    escaped: list[str] = []
    page.on("request", lambda r: None if r.url.startswith(("http://127.0.0.1:", "data:")) else escaped.append(r.url))
    try:
        page.goto(url)
        until(page)
        if escaped:
            raise SystemExit(f"{url} made requests off loopback: {escaped}")
        return cast(dict[str, Any], page.evaluate(measure))
    finally:
        page.close()


def cold_then_warm(browser: Browser, one_visit: Callable[[BrowserContext], dict[str, Any]], runs: int) -> Samples:
    """``runs`` cold visits (a fresh context each: empty cache), then ``runs`` warm ones (one context whose
    cache a first visit primed, like a returning visitor)."""
    cold = []
    for _ in range(runs):
        context = browser.new_context()
        cold.append(one_visit(context))
        context.close()
    context = browser.new_context()
    one_visit(context)  # prime the cache
    time.sleep(2)  # let Chromium finish writing its HTTP and compiled-wasm caches, as between real visits
    warm = [one_visit(context) for _ in range(runs)]
    context.close()
    return {"cold": cold, "warm": warm}
