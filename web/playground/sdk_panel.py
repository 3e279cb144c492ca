"""The SDK panel: the app key, SDK version and integrity a visitor loads Kakao's SDK with, and its state.

What was loaded is remembered in ``localStorage`` (and can come from the address: ``?app_key=…``), so a
return visit loads the same SDK.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import js
from kakao_share import KakaoShareError, browser

from .dom import by_id, text
from .i18n import t
from .storage import store, stored

if TYPE_CHECKING:
    from .app import Playground

__all__ = ["SdkPanel"]


def _param(name: str) -> str | None:
    value = js.URLSearchParams.new(js.location.search).get(name)
    return value if isinstance(value, str) and value else None


class SdkPanel:
    """``#sdk-form``: loads the SDK (or switches its key) and says how that went."""

    def __init__(self, app: Playground) -> None:
        self.app = app
        self.state = "idle"
        """``idle``, ``loading``, ``ready`` or ``failed``."""
        self.reason = ""
        """Why loading failed (for ``failed``)."""

    def fill(self) -> None:
        """Fill the inputs from the address, else what was stored, else the default build."""
        key = _param("app_key") or stored("app-key") or ""
        version = _param("sdk_version") or stored("sdk-version") or browser.DEFAULT_SDK_VERSION
        # An SRI hash has no spaces: a "+" pasted into a URL unescaped arrives as one.
        pasted = (_param("sdk_integrity") or "").replace(" ", "+")
        integrity = pasted or stored("sdk-integrity") or browser.PUBLISHED_SRI.get(version, "")
        by_id("app-key").value = key
        by_id("sdk-version").value = version
        by_id("sdk-integrity").value = integrity

    def args(self) -> dict[str, str | None]:
        """The inputs as the generated code's SDK arguments."""
        return {
            "app_key": by_id("app-key").value.strip() or None,
            "sdk_version": by_id("sdk-version").value.strip() or None,
            "integrity": by_id("sdk-integrity").value.strip() or None,
        }

    def on_input(self, event: Any) -> None:
        if event.target.id == "sdk-version":
            version = str(event.target.value).strip()
            known = browser.PUBLISHED_SRI.get(version)
            if known:
                by_id("sdk-integrity").value = known
        self.render()
        self.app.update()

    def on_submit(self, event: Any) -> None:
        event.preventDefault()
        self.app.spawn(self.load())

    def render(self) -> None:
        lang = self.app.lang
        info = browser.sdk_info()
        state = self.state
        if state == "loading":
            message = t("sdk_loading", lang, version=by_id("sdk-version").value.strip())
        elif state == "ready" and info is not None:
            message = t("sdk_ready", lang, version=info.version, key=self._masked_key())
        elif state == "failed":
            message = t("sdk_failed", lang, reason=self.reason)
        else:
            message = t("sdk_idle", lang)
        element = by_id("sdk-state")
        element.textContent = message
        element.dataset.state = state
        loaded = info is not None
        by_id("sdk-version").disabled = loaded
        by_id("sdk-integrity").disabled = loaded
        text("sdk-load", t("sdk_use_key" if loaded else "sdk_load", lang))
        version = by_id("sdk-version").value.strip()
        if loaded and info is not None:
            hint = t("sdk_reload", lang, version=info.version)
        elif browser.PUBLISHED_SRI.get(version) == by_id("sdk-integrity").value.strip():
            hint = t("sdk_sri_known", lang, version=version)
        else:
            hint = t("sdk_sri_needed", lang)
        text("sdk-integrity-hint", hint)

    @staticmethod
    def _masked_key() -> str:
        key = str(by_id("app-key").value).strip()
        return key[:4] + "…" if len(key) > 6 else key

    async def load(self) -> None:
        """Load the SDK with the inputs (or, when loaded already, switch to the key)."""
        app = self.app
        key = by_id("app-key").value.strip()
        if not key:
            self.state, self.reason = "failed", t("sdk_key_missing", app.lang)
            self.render()
            app.say(by_id("sdk-state").textContent)
            by_id("app-key").focus()
            return
        version = by_id("sdk-version").value.strip() or browser.DEFAULT_SDK_VERSION
        integrity = by_id("sdk-integrity").value.strip() or None
        self.state = "loading"
        self.render()
        app.refresh_share()
        app.say(by_id("sdk-state").textContent)
        try:
            if browser.sdk_info() is not None:  # loaded already: switch the key
                browser.cleanup_sdk()
                browser.init(key)
            else:
                await browser.load_sdk(key, version=version, integrity=integrity)
        except KakaoShareError as exc:
            self.state, self.reason = "failed", str(exc)
        else:
            self.state, self.reason = "ready", ""
            store("app-key", key)
            store("sdk-version", version)
            store("sdk-integrity", integrity or "")
        self.render()
        app.update()
        app.say(by_id("sdk-state").textContent)
