"""Prepares every ``<kakao-share-button>`` ahead of the click and shares when the loader passes one on.

All buttons share one runtime, one SDK load and one ``Kakao.init``. A button is "ready" once its
message is built, validated and converted (``browser.prepare``) and the SDK is initialised, so the
click only calls the SDK, synchronously. Anything that keeps a button from Kakao is explained in the
console in the site owner's terms (attribute, rule, fix), and the button falls back to sharing the
page's link; the host page never sees an exception.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from typing import Any

import js
from kakao_share import (
    Finding,
    KakaoShareError,
    PopupBlocked,
    SDKError,
    TemplateError,
    TemplateRenderError,
    WidgetConfig,
    browser,
    check,
    min_sdk_version,
)
from kakao_share._share import ShareSettings
from pyodide.ffi import JsException
from pyodide.http import pyfetch

from ._dom import read_button, read_page

__all__ = ["Controller"]

TAG = "kakao-share-button"
FALLBACK = "the button shares the page's link instead"


@dataclass
class _Built:
    """A button's message, ready to send: what it was built from and for which address."""

    config: WidgetConfig
    template_source: str | None
    page_url: str
    prepared: browser.PreparedShare


@dataclass
class _Button:
    element: Any
    generation: int = 0
    built: _Built | None = None  # set only once the button is ready


class Controller:
    """What the loader calls: ``prepare(id, element)``, ``share(id)`` (synchronous) and ``forget(id)``."""

    def __init__(self, registry: Any) -> None:
        self._registry = registry
        self._buttons: dict[int, _Button] = {}
        self._sdk: asyncio.Future[browser.SDKInfo] | None = None
        self._sdk_build: tuple[str, str | None, str | None] = ("", None, None)
        self._sources: dict[str, asyncio.Future[str]] = {}
        self._tasks: set[asyncio.Future[None]] = set()

    # --- called by the loader ---------------------------------------------------------------------

    def prepare(self, button_id: int, element: Any) -> None:
        """(Re)build the button's message in the background; the loader hears back through ``update``."""
        entry = self._buttons.get(button_id)
        if entry is None:
            entry = self._buttons[button_id] = _Button(element)
        entry.element = element
        entry.generation += 1
        entry.built = None
        task = asyncio.ensure_future(self._prepare(button_id, entry, entry.generation))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def forget(self, button_id: int) -> None:
        self._buttons.pop(button_id, None)

    def share(self, button_id: int) -> str:
        """Share now, inside the click's task. Returns JSON ``{"ok": bool, "reason"?: str}``."""
        entry = self._buttons.get(button_id)
        built = entry.built if entry else None
        if entry is None or built is None:
            return json.dumps({"ok": False, "reason": "not ready"})
        try:
            if str(js.location.href) != built.page_url:  # a single-page app moved on: so does the message
                built = entry.built = self._build(built.config, built.template_source)[0]
            built.prepared.send()
        except PopupBlocked as exc:
            self._report(entry.element, "error", f"the browser blocked Kakao's share window ({exc}); {FALLBACK}")
            return json.dumps({"ok": False, "reason": "popup blocked"})
        except KakaoShareError as exc:
            self._report(entry.element, "error", f"sharing to KakaoTalk failed: {exc}; {FALLBACK}")
            return json.dumps({"ok": False, "reason": str(exc)})
        return json.dumps({"ok": True})

    # --- preparing --------------------------------------------------------------------------------

    async def _prepare(self, button_id: int, entry: _Button, generation: int) -> None:
        built: _Built | None = None
        problem: str | None = None
        try:
            attributes, inline = read_button(entry.element)
            # Attributes are read like the browser reads href: against the document's base URL.
            config = WidgetConfig.from_attributes(attributes, page_url=str(js.document.baseURI), inline_template=inline)
            self._warn(entry.element, config.warnings())
            source = await self._template_source(config) if config.template_src else None
            built, settings, findings = self._build(config, source)
            self._warn(entry.element, findings)
            await self._load_sdk(config)
            browser.init(str(config.app_key))
            self._check_version(settings)
        except TemplateRenderError as exc:
            problem = f"its message template failed: {exc}"
        except TemplateError as exc:
            problem = f"its configuration is invalid: {exc}"
        except SDKError as exc:
            problem = f"Kakao's SDK is unavailable: {exc}"
        except Exception as exc:  # the host page must never see an exception from the widget
            problem = f"an unexpected error occurred: {exc!r}"
        if self._buttons.get(button_id) is not entry or entry.generation != generation:
            return  # the button changed or left the page meanwhile
        if problem is not None or built is None:
            self._report(entry.element, "error", f"{problem}\n→ {FALLBACK}.")
            self._registry.update(button_id, "fallback", str(problem).split("\n", 1)[0])
        else:
            entry.built = built
            self._registry.update(button_id, "ready", "")

    @staticmethod
    def _build(config: WidgetConfig, source: str | None) -> tuple[_Built, ShareSettings, list[Finding]]:
        """Read the page and build the message (synchronous: also used inside a click).

        Returns it with the settings it was made from and what the site owner should check.
        """
        page = read_page()
        settings = config.settings(page, source)
        prepared = browser.prepare(settings.template, settings.options)
        return _Built(config, source, page.url, prepared), settings, [*page.problems, *check(settings.template)]

    async def _template_source(self, config: WidgetConfig) -> str:
        url = str(config.template_src)
        if url not in self._sources:
            self._sources[url] = asyncio.ensure_future(_fetch_text(url))
        return await self._sources[url]

    async def _load_sdk(self, config: WidgetConfig) -> None:
        """Load the SDK once for every button; the first button's sdk-* attributes decide which."""
        if self._sdk is None:
            self._sdk_build = config.sdk_build
            version, integrity, src = config.sdk_build
            self._sdk = asyncio.ensure_future(browser.load_sdk(version=version, integrity=integrity, src=src))
        elif (config.sdk_version or config.sdk_src) and config.sdk_build != self._sdk_build:
            loaded = " from ".join(part for part in (self._sdk_build[0], self._sdk_build[2]) if part)
            raise TemplateError(
                [
                    Finding(
                        "sdk-version" if config.sdk_version else "sdk-src",
                        f"asks for another SDK than the page already loads for another button (Kakao SDK {loaded}); "
                        "a page has one",
                        "give every button the same sdk-version, sdk-integrity and sdk-src",
                    )
                ],
                model=f"<{TAG}>",
            )
        await self._sdk

    @staticmethod
    def _check_version(settings: ShareSettings) -> None:
        needed = min_sdk_version(settings.template, settings.options)
        info = browser.sdk_info()
        if needed is None or info is None or info.version_tuple >= needed:
            return
        what = "picker settings" if settings.options.min_sdk_version else "a message without title or image"
        wanted = ".".join(map(str, needed))
        raise TemplateError(
            [
                Finding(
                    "sdk-version",
                    f"the page loads Kakao SDK {info.version}, but {what} need {wanted} or later",
                    f'add sdk-version="{wanted}" (or newer) and its sdk-integrity from Kakao\'s SDK download page',
                )
            ],
            model=f"<{TAG}>",
        )

    # --- telling the site owner -------------------------------------------------------------------

    @staticmethod
    def _report(element: Any, level: str, message: str) -> None:
        getattr(js.console, level)(f"{TAG}: {message}", element)

    def _warn(self, element: Any, findings: list[Finding]) -> None:
        if findings:
            lines = "\n".join(f"  {finding}" for finding in findings)
            self._report(element, "warn", f"this button works, but check:\n{lines}")


async def _fetch_text(url: str) -> str:
    """The text at ``url`` (a message template), or a TemplateError naming template-src."""
    try:
        response = await pyfetch(url)
        if not response.ok:
            raise TemplateError(
                [
                    Finding(
                        "template-src",
                        f"could not be loaded from {url} (HTTP {response.status})",
                        "check the address (relative addresses are read against the page's)",
                    )
                ],
                model=f"<{TAG}>",
            )
        return str(await response.string())
    except (OSError, JsException) as exc:
        raise TemplateError(
            [
                Finding(
                    "template-src",
                    f"could not be loaded from {url} ({exc})",
                    "check the address; a template on another site must be served with CORS headers",
                )
            ],
            model=f"<{TAG}>",
        ) from None
