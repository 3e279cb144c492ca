"""Run Python inside a booted page from a test, and get a plain value or the exception back.

A ``<script type="py">`` added to the page joins PyScript's one interpreter; the harness adds one that
exposes an async ``run(code)`` to JavaScript, so ``page.evaluate`` can await any Python snippet (top-level
``await`` allowed, the last expression is the result).
"""

from __future__ import annotations

import json
from typing import Any

from playwright.sync_api import BrowserContext, Page

READY = "html[data-ready], html[data-error]"

_BOOTSTRAP = r"""
import json, traceback
import js
from pyodide.code import eval_code_async
from pyodide.ffi import create_proxy

_namespace = {"__name__": "__test__"}

async def _run(code):
    try:
        value = await eval_code_async(code, _namespace)
        return json.dumps({"ok": True, "value": value}, default=repr)
    except BaseException as exc:
        return json.dumps({
            "ok": False,
            "type": type(exc).__name__,
            "qualname": type(exc).__module__ + "." + type(exc).__qualname__,
            "mro": [c.__name__ for c in type(exc).__mro__],
            "message": str(exc),
            "attrs": {k: repr(v) for k, v in vars(exc).items()} if hasattr(exc, "__dict__") else {},
            "traceback": traceback.format_exc(),
        })

js.window.__ksTestRun = create_proxy(_run)
"""


class PageError(Exception):
    """A Python exception raised in the page, as the test sees it."""

    def __init__(
        self,
        type: str,
        qualname: str,
        mro: list[str],
        message: str,
        attrs: dict[str, str],
        traceback: str,
    ) -> None:
        super().__init__(message)
        self.type, self.qualname, self.mro = type, qualname, mro
        self.message, self.attrs, self.traceback = message, attrs, traceback

    def __str__(self) -> str:
        return f"{self.qualname}: {self.message}\n{self.traceback}"

    def is_a(self, name: str) -> bool:
        return name in self.mro


#: What a first visit does once idle, done up front: store the snapshot the runtime's interpreter names.
_STORE_SNAPSHOT = """async (runtime) => {
  const config = await (await fetch(runtime + "pyscript.json")).json();
  const interpreter = await import(new URL(config.interpreter, runtime).href);
  return interpreter.saveSnapshot();
}"""


def store_snapshot(context: BrowserContext, site_url: str, origin_page: str | None = None) -> None:
    """Leave ``context`` as a first visit leaves a browser: with the memory snapshot stored, for the
    site's own pages or (``origin_page``, any page of another origin) for that origin's."""
    page = context.new_page()
    try:
        page.goto(origin_page or f"{site_url}/runtime/pyscript.json")
        assert page.evaluate(_STORE_SNAPSHOT, f"{site_url}/runtime/") is True
    finally:
        page.close()


class BootFailed(AssertionError):
    pass


def wait_ready(page: Page, timeout: float = 60_000) -> None:
    page.wait_for_selector(READY, state="attached", timeout=timeout)
    error = page.evaluate("document.documentElement.getAttribute('data-error')")
    if error is not None:
        raise BootFailed(f"page did not boot: {error}")


class PyHost:
    def __init__(self, page: Page) -> None:
        self.page = page
        page.evaluate(
            """code => { const s = document.createElement('script'); s.type = 'py';
                         s.textContent = code; document.body.append(s); }""",
            _BOOTSTRAP,
        )
        page.wait_for_function("typeof window.__ksTestRun === 'function'", timeout=10_000)

    def run(self, code: str) -> Any:
        """Run ``code`` in the page; return its last expression (JSON-able) or raise ``PageError``."""
        outcome = json.loads(self.page.evaluate("code => window.__ksTestRun(code)", code))
        if not outcome.pop("ok"):
            raise PageError(**outcome)
        return outcome["value"]
