"""The image panel: upload a file or scrap a URL to Kakao's image server, into an image input of the form.

Needs the SDK loaded (Kakao's image API goes through it); the result's URL and size fill the form.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from kakao_share import ImageInfo, KakaoAPIError, KakaoShareError, browser

from .dom import by_id, h, slug
from .error_codes import show_api_error
from .i18n import t

if TYPE_CHECKING:
    from .app import Playground

__all__ = ["ImagePanel"]

_CONTROLS = ("img-target", "img-file", "img-upload", "img-url", "img-scrap")


def _size(length: int | None) -> str:
    if length is None:
        return "?"
    return f"{length / 1024:.1f} KB" if length >= 1024 else f"{length} B"


class ImagePanel:
    """``#img-*``: the image input to fill, a file or URL, and what Kakao answered."""

    def __init__(self, app: Playground) -> None:
        self.app = app

    def _targets(self) -> list[tuple[str, str]]:
        app = self.app
        return [(path, app.describe(path)) for path, field in app.form.fields(app.values) if field.input == "image"]

    def render_targets(self) -> None:
        """Offer the form's image inputs (keeping the chosen one); disable the panel when there are none."""
        lang = self.app.lang
        select = by_id("img-target")
        previous = select.value
        targets = self._targets()
        select.replaceChildren(*[h("option", {"value": path}, label) for path, label in targets])
        if previous and any(path == previous for path, _ in targets):
            select.value = previous
        for name in _CONTROLS:
            by_id(name).disabled = not targets
        result = by_id("img-result")
        if not targets:
            result.textContent = t("img_no_target", lang)
            result.classList.remove("failed")
        elif result.textContent == t("img_no_target", lang):
            result.textContent = ""

    def _ready(self) -> str | None:
        if self.app.sdk.state != "ready":
            return t("img_need_sdk", self.app.lang)
        if not by_id("img-target").value:
            return t("img_no_target", self.app.lang)
        return None

    async def upload(self) -> None:
        files = by_id("img-file").files
        missing = files is None or files.length == 0
        await self._run("img_no_file" if missing else None, "img_uploading", lambda: browser.upload_image(files))

    async def scrap(self) -> None:
        url = str(by_id("img-url").value).strip()
        await self._run(None if url else "img_no_url", "img_scraping", lambda: browser.scrap_image(url))

    async def _run(self, missing: str | None, working: str, call: Callable[[], Awaitable[ImageInfo]]) -> None:
        """Say why the panel cannot send (the SDK, the target, then ``missing``), or send ``call``."""
        problem = self._ready()
        if problem is None and missing is not None:
            problem = t(missing, self.app.lang)
        if problem:
            self._result(problem, failed=True)
            return
        self._result(t(working, self.app.lang))
        await self._call(call())

    async def _call(self, call: Awaitable[ImageInfo]) -> None:
        app = self.app
        target = by_id("img-target").value
        try:
            info = await call
        except KakaoAPIError as exc:
            self._result(t("img_failed", app.lang, reason=exc.message), failed=True)
            show_api_error(by_id("img-error"), exc.code, exc.message, app.lang)
            return
        except KakaoShareError as exc:
            self._result(t("img_failed", app.lang, reason=str(exc)), failed=True)
            return
        app.values[target] = info.url
        parent = target.rpartition(".")[0]
        for name, size in (("image_width", info.width), ("image_height", info.height)):
            path = f"{parent}.{name}" if parent else name
            if path in app.values and size is not None:
                app.values[path] = str(size)
        for path in (target, f"{parent}.image_width", f"{parent}.image_height"):
            control = by_id("f-" + slug(path))
            if control is not None:
                control.value = app.values[path]
        app.mark_edited()
        app.update()
        self._result(
            t(
                "img_done",
                app.lang,
                url=info.url,
                width=info.width if info.width is not None else "?",
                height=info.height if info.height is not None else "?",
                size=_size(info.length),
                target=app.describe(target),
            )
        )

    def _result(self, message: str, *, failed: bool = False) -> None:
        element = by_id("img-result")
        element.textContent = message
        element.classList.toggle("failed", failed)
        if not failed:
            by_id("img-error").replaceChildren()
        self.app.say(message)
