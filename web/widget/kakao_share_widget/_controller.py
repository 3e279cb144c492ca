"""Prepares every ``<kakao-share-button>`` ahead of the click and shares when the loader passes one on.

All buttons share one MicroPython, one SDK load and one ``Kakao.init``. A button is "ready" once its
message is built and validated (``kakao_share.portable.widget.prepare``; for a Jinja2 template, by the
full runtime in a Web Worker) and the SDK is initialised, so the click only hands the settings to the
SDK, synchronously. Calls into JavaScript that may throw go through the loader's registry (MicroPython
cannot catch a JavaScript exception). Anything that keeps a button from Kakao is explained in the
console in the site owner's terms (attribute, rule, fix), and the button falls back to sharing the
page's link; the host page never sees an exception.
"""

import json

import js
from kakao_share.portable.findings import finding_text
from kakao_share.portable.widget import prepare, sdk_too_old

from ._dom import read_button, read_page

try:  # noqa: SIM105 (MicroPython has no contextlib)
    from typing import Any
except ImportError:  # MicroPython: annotations are never evaluated there
    pass

__all__ = ["Controller"]

TAG = "kakao-share-button"
FALLBACK = "the button shares the page's link instead"
#: How long Kakao's SDK may take to load before the buttons fall back.
SDK_TIMEOUT_MS = 15000


class _Button:
    """One button: what it is being prepared from, and once ready, what a click sends."""

    def __init__(self, element: "Any") -> None:
        self.element = element
        self.generation = 0
        self.result: dict[str, Any] | None = None  # prepare()'s result (a template's: the worker's)
        self.settings = ""  # the settings as JSON, once the button is ready
        self.page_url = ""


class _SDK:
    """Kakao's SDK on this page: loaded once (the first button's ``sdk-*`` attributes decide which),
    then ``Kakao.init`` once; calls made meanwhile wait. After a failure the next call tries again."""

    def __init__(self, registry: "Any") -> None:
        self._registry = registry
        self.build: dict[str, str] | None = None
        self.explicit = False  # the first button named its build (sdk-version / sdk-src)
        self.app_key: str | None = None
        self._loading = False
        self._waiting: list[Any] = []

    def when_loaded(self, build: "dict[str, str]", explicit: bool, then: "Any") -> None:
        """Call ``then(problem)`` once the SDK is loaded (``problem`` is "" then) or could not be."""
        if self.build is None:
            self.build, self.explicit = build, explicit
        if self.version():
            then("")
            return
        self._waiting.append(then)
        if self._loading:
            return
        self._loading = True
        url = self.build["src"]
        script = js.document.createElement("script")
        script.src = url
        script.integrity = self.build["integrity"]
        script.crossOrigin = "anonymous"
        timer = [None]

        def settle(problem: str) -> None:
            if not self._loading:
                return
            self._loading = False
            js.clearTimeout(timer[0])
            if not problem and not self.version():
                problem = url + " loaded but defined no window.Kakao: is it Kakao's JavaScript SDK?"
            if problem:
                self.build = None  # the next button tries again, with its own attributes
            waiting, self._waiting = self._waiting, []
            for callback in waiting:
                callback(problem)

        script.addEventListener("load", lambda _event: settle(""))
        script.addEventListener(
            "error",
            lambda _event: settle(
                "Kakao's SDK could not be loaded from " + url + ": the browser blocked or failed it (a wrong "
                "integrity hash, a content security policy without t1.kakaocdn.net, an ad blocker, or no network)"
            ),
        )
        timer[0] = js.setTimeout(
            lambda: settle("Kakao's SDK did not load within " + str(SDK_TIMEOUT_MS // 1000) + " s from " + url),
            SDK_TIMEOUT_MS,
        )
        js.document.head.append(script)

    def version(self) -> str:
        """``Kakao.VERSION`` of the SDK on the page, or "" while there is none."""
        return str(self._registry.version())

    def init(self, app_key: str) -> str:
        """``Kakao.init`` once for the page; returns a problem, or ""."""
        if self.app_key is not None:
            if self.app_key != app_key:
                return "another button on this page uses another app key; a page can use one app key"
            return ""
        problem = str(self._registry.init(app_key))
        if not problem:
            self.app_key = app_key
        return problem


class Controller:
    """What the loader calls: ``prepare(id, element)``, ``rendered(id, generation, json)``,
    ``share(id)`` (synchronous) and ``forget(id)``; it answers through ``registry``."""

    def __init__(self, registry: "Any") -> None:
        self._registry = registry
        self._buttons: dict[int, _Button] = {}
        self._sdk = _SDK(registry)

    # --- called by the loader ---------------------------------------------------------------------

    def prepare(self, button_id: int, element: "Any") -> None:
        """(Re)build the button's message; the loader hears back through ``registry.update``."""
        entry = self._buttons.get(button_id)
        if entry is None:
            entry = self._buttons[button_id] = _Button(element)
        entry.element = element
        entry.generation += 1
        entry.result = None
        entry.settings = ""
        try:
            attributes, inline = read_button(element)
            page = read_page()
            result = prepare(attributes, page, inline)
        except Exception as exc:  # the host page must never see an exception from the widget
            self._fail(button_id, entry, "an unexpected error occurred: " + repr(exc))
            return
        self._warn(element, result["warnings"])
        if result["errors"]:
            self._fail(button_id, entry, "its configuration is invalid:\n" + self._lines(result["errors"]))
        elif result["needs_template"]:
            # Jinja2 runs in the full runtime, in a Web Worker: the loader hands this over and calls
            # rendered() with the outcome.
            entry.result = result
            payload = {"attributes": attributes, "page": page, "inline_template": inline}
            self._registry.render(button_id, entry.generation, json.dumps(payload))
        else:
            self._with_sdk(
                button_id, entry, entry.generation, result, "sdk-version" in attributes or "sdk-src" in attributes
            )

    def rendered(self, button_id: int, generation: int, outcome: str) -> None:
        """The worker's answer for a template button: a ``prepare()``-shaped result as JSON."""
        entry = self._buttons.get(button_id)
        if entry is None or entry.generation != generation or entry.result is None:
            return  # the button changed or left the page meanwhile
        rendered = json.loads(outcome)
        self._warn(entry.element, rendered.get("warnings") or [])
        if rendered.get("problem"):
            self._fail(button_id, entry, rendered["problem"])
            return
        # The button's app key and SDK as read here; the message as the worker rendered it.
        result = dict(entry.result)
        for key in ("method", "settings", "min_sdk_version"):
            result[key] = rendered[key]
        attributes, _ = read_button(entry.element)
        self._with_sdk(button_id, entry, generation, result, "sdk-version" in attributes or "sdk-src" in attributes)

    def forget(self, button_id: int) -> None:
        self._buttons.pop(button_id, None)

    def share(self, button_id: int) -> str:
        """Share now, inside the click's task. Returns "" when Kakao's window opened, else the reason."""
        entry = self._buttons.get(button_id)
        if entry is None or entry.result is None or not entry.settings:
            return "not ready"
        if str(js.location.href) != entry.page_url and not entry.result.get("needs_template"):
            # A single-page app moved on: so does the message (a template's stays as the worker made it).
            try:
                attributes, inline = read_button(entry.element)
                result = prepare(attributes, read_page(), inline)
                if result["ok"]:
                    self._keep(entry, result)
            except Exception as exc:
                self._report(entry.element, "warn", "the message could not follow the page (" + repr(exc) + ")")
        problem = str(self._registry.send(entry.result["method"], entry.settings))
        if problem:
            self._report(entry.element, "error", "sharing to KakaoTalk failed: " + problem + "; " + FALLBACK)
        return problem

    # --- preparing --------------------------------------------------------------------------------

    def _with_sdk(
        self, button_id: int, entry: _Button, generation: int, result: "dict[str, Any]", explicit: bool
    ) -> None:
        """Make the button ready once the SDK is loaded and initialised with its app key."""
        sdk = self._sdk
        if explicit and sdk.build is not None and sdk.build != result["sdk"]:
            other = sdk.build["version"] + " from " + sdk.build["src"]
            self._fail(
                button_id,
                entry,
                "its configuration is invalid: "
                + ("sdk-version" if "sdk-version" in read_button(entry.element)[0] else "sdk-src")
                + ": asks for another SDK than the page already loads for another button (Kakao SDK "
                + other
                + "); a page has one (fix: give every button the same sdk-version, sdk-integrity and sdk-src)",
            )
            return

        def loaded(problem: str) -> None:
            if self._buttons.get(button_id) is not entry or entry.generation != generation:
                return
            if problem:
                self._fail(button_id, entry, "Kakao's SDK is unavailable: " + problem)
                return
            problem = sdk.init(result["app_key"])
            if problem:
                self._fail(button_id, entry, "Kakao's SDK is unavailable: " + problem)
                return
            too_old = sdk_too_old(result, sdk.version())
            if too_old is not None:
                self._fail(button_id, entry, "its configuration is invalid: " + finding_text(too_old))
                return
            self._keep(entry, result)
            self._registry.update(button_id, "ready", "")

        sdk.when_loaded(result["sdk"], explicit, loaded)

    @staticmethod
    def _keep(entry: _Button, result: "dict[str, Any]") -> None:
        entry.result = result
        settings = result["settings"]  # a template's comes from the worker as JSON text, in its key order
        entry.settings = settings if isinstance(settings, str) else json.dumps(settings)
        entry.page_url = str(js.location.href)

    def _fail(self, button_id: int, entry: _Button, problem: str) -> None:
        entry.result = None
        entry.settings = ""
        self._report(entry.element, "error", problem + "\n→ " + FALLBACK + ".")
        self._registry.update(button_id, "fallback", problem.split("\n", 1)[0])

    # --- telling the site owner -------------------------------------------------------------------

    @staticmethod
    def _lines(findings: "list[dict[str, str]]") -> str:
        return "\n".join("  " + finding_text(problem) for problem in findings)

    @staticmethod
    def _report(element: "Any", level: str, message: str) -> None:
        getattr(js.console, level)(TAG + ": " + message, element)

    def _warn(self, element: "Any", findings: "list[dict[str, str]]") -> None:
        if findings:
            self._report(element, "warn", "this button works, but check:\n" + self._lines(findings))
