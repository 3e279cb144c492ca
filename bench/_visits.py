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

__all__ = ["NETWORKS", "cold_then_warm", "emulating", "static_server", "visit"]

Samples = dict[str, list[dict[str, Any]]]

#: Chromium's network emulation (DevTools protocol): latency is added to each round trip.
NETWORKS: dict[str, dict[str, Any] | None] = {
    "loopback": None,
    "10 Mbit/s, 40 ms RTT": {
        "offline": False,
        "latency": 40,
        "downloadThroughput": 10_000_000 / 8,
        "uploadThroughput": 5_000_000 / 8,
    },
}


def emulating(network: dict[str, Any] | None) -> Callable[[Page], None]:
    """What :func:`visit` runs ``before`` opening a page so that it loads over ``network``."""

    def emulate(page: Page) -> None:
        if network:
            cdp = page.context.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.emulateNetworkConditions", network)

    return emulate


def static_server(folder: Path, *, cross_origin: bool = False, cache_control: str | None = None) -> ThreadingHTTPServer:
    """Serve ``folder`` on a free loopback port from a background thread (plain static files), readable
    from other origins if ``cross_origin``, with ``cache_control`` if given (else the browser guesses
    from Last-Modified)."""

    class Quiet(SimpleHTTPRequestHandler):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=str(folder), **kwargs)

        def end_headers(self) -> None:
            if cross_origin:
                self.send_header("Access-Control-Allow-Origin", "*")
            if cache_control:
                self.send_header("Cache-Control", cache_control)
            super().end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


def visit(
    context: BrowserContext,
    url: str,
    until: Callable[[Page], None],
    measure: str,
    *,
    before: Callable[[Page], None] | None = None,
) -> dict[str, Any]:
    """Open ``url`` (after ``before(page)``, say to emulate a network), wait ``until`` it is done, and
    return the ``measure`` script's result.

    Stops the benchmark if the page asked for anything off loopback.
    """
    page = context.new_page()
    escaped: list[str] = []
    page.on(
        "request",
        lambda r: (
            None
            if r.url.startswith(("http://127.0.0.1:", "data:", "blob:http://127.0.0.1:"))
            else escaped.append(r.url)
        ),
    )
    try:
        if before:
            before(page)
        page.goto(url)
        until(page)
        if escaped:
            raise SystemExit(f"{url} made requests off loopback: {escaped}")
        return cast(dict[str, Any], page.evaluate(measure))
    finally:
        page.close()


def cold_then_warm(
    browser: Browser, visits: dict[str, Callable[[BrowserContext], dict[str, Any]]], runs: int
) -> dict[str, Samples]:
    """For each named visit: ``runs`` cold visits (a fresh context each: empty cache), then ``runs`` warm
    ones (one context whose cache a first visit primed, like a returning visitor).

    Several visits are interleaved (A, B, A, B, ...), so a machine that gets busier or quieter during the
    run weighs on each the same.
    """
    results: dict[str, Samples] = {name: {"cold": [], "warm": []} for name in visits}
    for _ in range(runs):
        for name, one_visit in visits.items():
            context = browser.new_context()
            results[name]["cold"].append(one_visit(context))
            context.close()
    contexts = {name: browser.new_context() for name in visits}
    for name, one_visit in visits.items():
        one_visit(contexts[name])  # prime the cache
    time.sleep(2)  # let Chromium finish writing its HTTP and compiled-wasm caches, as between real visits
    for _ in range(runs):
        for name, one_visit in visits.items():
            results[name]["warm"].append(one_visit(contexts[name]))
    for context in contexts.values():
        context.close()
    return results
