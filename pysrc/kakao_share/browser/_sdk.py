"""Loading Kakao's SDK into the page (with its SRI hash) and ``Kakao.init``, once per page."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

import js
from pyodide.ffi import create_proxy

from .._exceptions import SDKInitError, SDKLoadError
from .._sdk_builds import DEFAULT_SDK_VERSION, PUBLISHED_SRI, SDK_URL, sdk_url
from .._share import version_tuple
from ._interop import JsException, is_missing

__all__ = [
    "DEFAULT_SDK_VERSION",
    "PUBLISHED_SRI",
    "SDK_URL",
    "SDKInfo",
    "cleanup_sdk",
    "init",
    "load_sdk",
    "require_share",
    "sdk_info",
]


@dataclass(frozen=True)
class SDKInfo:
    """The SDK this page loaded."""

    version: str
    """``Kakao.VERSION`` as the loaded script reports it."""

    src: str | None
    """The script URL, or None when the page loaded the SDK itself."""

    @property
    def version_tuple(self) -> tuple[int, ...]:
        return version_tuple(self.version)


@dataclass
class _Page:
    """What this page's Python knows about the SDK (one per page, like ``window.Kakao``)."""

    sdk: SDKInfo | None = None
    app_key: str | None = None
    loading: asyncio.Future[SDKInfo] | None = None
    """The load under way: calls made meanwhile wait for it instead of adding the script again."""


_page = _Page()


async def load_sdk(
    app_key: str | None = None,
    *,
    version: str = DEFAULT_SDK_VERSION,
    integrity: str | None = None,
    src: str | None = None,
    timeout: float = 15.0,
) -> SDKInfo:
    """Load Kakao's SDK (once per page) with its SRI hash, and ``init`` it when ``app_key`` is given.

    ``integrity`` defaults to Kakao's published hash for ``version``; for other versions it is required.
    If the page already loaded the SDK itself, that one is used. Raises :class:`SDKLoadError` when the
    script is blocked (wrong hash, content security policy, blocker), fails, times out, or is the old
    v1 SDK; :class:`SDKInitError` for a different app key.

    Calls made while a load is under way wait for that load (its version wins); after a failed load, the
    next call tries again.
    """
    sdk = _page.sdk
    if sdk is None:
        if _page.loading is None:
            _page.loading = asyncio.ensure_future(_load(version, integrity, src, timeout))
            _page.loading.add_done_callback(_load_ended)
        # Shielded: one caller giving up (a timeout, a cancelled task) does not cancel the others' load.
        sdk = await asyncio.shield(_page.loading)
    if app_key is not None:
        init(app_key)
    return sdk


async def _load(version: str, integrity: str | None, src: str | None, timeout: float) -> SDKInfo:
    if _kakao() is not None:
        loaded = SDKInfo(version=str(js.Kakao.VERSION), src=None)
    else:
        url = src or sdk_url(version)
        sri = integrity if integrity is not None else PUBLISHED_SRI.get(version)
        if not sri:
            raise SDKLoadError(
                f"no SRI hash is known for Kakao SDK {version}: pass integrity='sha384-…' as published "
                "on Kakao's SDK download page (a guessed hash silently blocks the script)"
            )
        await _inject_script(url, sri, timeout)
        if _kakao() is None:
            raise SDKLoadError(f"{url} loaded but defined no window.Kakao: is it Kakao's JavaScript SDK?")
        loaded = SDKInfo(version=str(js.Kakao.VERSION), src=url)
    _page.sdk = loaded
    if loaded.version_tuple < (2,):
        raise SDKLoadError(
            f"this page loaded Kakao SDK {loaded.version} (v1, Kakao.Link): kakao-share needs SDK 2.x, "
            "whose Kakao.Share replaced Kakao.Link"
        )
    return loaded


def _load_ended(_: asyncio.Future[SDKInfo]) -> None:
    _page.loading = None


def _kakao() -> Any:
    kakao = getattr(js.window, "Kakao", None)
    return None if is_missing(kakao) else kakao


async def _inject_script(url: str, integrity: str, timeout: float) -> None:
    loop = asyncio.get_running_loop()
    done: asyncio.Future[str | None] = loop.create_future()
    script = js.document.createElement("script")
    script.src = url
    script.integrity = integrity
    script.crossOrigin = "anonymous"

    def settle(outcome: str | None) -> None:
        if not done.done():
            done.set_result(outcome)

    on_load = create_proxy(lambda _event: settle(None))
    on_error = create_proxy(lambda _event: settle("error"))
    script.addEventListener("load", on_load)
    script.addEventListener("error", on_error)
    try:
        js.document.head.append(script)
        try:
            outcome = await asyncio.wait_for(done, timeout)
        except TimeoutError:
            raise SDKLoadError(f"Kakao's SDK did not load within {timeout:g} s from {url}") from None
        if outcome == "error":
            raise SDKLoadError(
                f"Kakao's SDK could not be loaded from {url}: the browser blocked or failed it (a wrong "
                "integrity hash, a content security policy without t1.kakaocdn.net, an ad blocker, or "
                "no network)"
            )
    finally:
        script.removeEventListener("load", on_load)
        script.removeEventListener("error", on_error)
        on_load.destroy()
        on_error.destroy()


def init(app_key: str) -> None:
    """``Kakao.init`` once: repeating it with the same key is fine, another key is an error."""
    kakao, _ = _require_loaded()
    if not isinstance(app_key, str) or not app_key.strip():
        raise SDKInitError("app_key must be the app's JavaScript key (a non-empty string)")
    if kakao.isInitialized():
        known = _page.app_key or _page_app_key(kakao)
        if known is not None and known != app_key:
            raise SDKInitError(
                "Kakao's SDK is already initialised with a different app key; a page can use one app "
                "key (call browser.cleanup_sdk() first to switch)"
            )
        _page.app_key = known or app_key
    else:
        try:
            kakao.init(app_key)
        except JsException as exc:
            raise SDKInitError(f"Kakao.init failed: {exc.message}") from None
        _page.app_key = app_key
    if is_missing(getattr(kakao, "Share", None)):
        if not is_missing(getattr(kakao, "Link", None)):
            raise SDKLoadError(f"Kakao SDK {kakao.VERSION} has Kakao.Link but no Kakao.Share: load SDK 2.x")
        raise SDKLoadError(f"Kakao SDK {kakao.VERSION} defines no Kakao.Share after init")


def _page_app_key(kakao: Any) -> str | None:
    """The key the page itself initialised the SDK with, where the SDK tells (``Kakao.Auth.getAppKey``)."""
    auth = getattr(kakao, "Auth", None)
    getter: Any = None if is_missing(auth) else getattr(auth, "getAppKey", None)
    if is_missing(getter):
        return None
    try:
        key = getter()
    except JsException:
        return None
    return key if isinstance(key, str) else None


def cleanup_sdk() -> None:
    """``Kakao.cleanup()``: forget the app key (and every share button), so ``init`` can take another."""
    kakao, _ = _require_loaded()
    kakao.cleanup()
    _page.app_key = None


def sdk_info() -> SDKInfo | None:
    """The loaded SDK, or None before :func:`load_sdk`."""
    return _page.sdk


def _require_loaded() -> tuple[Any, SDKInfo]:
    kakao = _kakao()
    if _page.sdk is None or kakao is None:
        raise SDKLoadError("Kakao's SDK is not loaded: await browser.load_sdk(app_key) first")
    return kakao, _page.sdk


def require_share() -> tuple[Any, SDKInfo]:
    """``Kakao.Share`` and the loaded SDK, or the error that says what to do first."""
    kakao, info = _require_loaded()
    if not kakao.isInitialized() or is_missing(getattr(kakao, "Share", None)):
        raise SDKInitError("Kakao's SDK is not initialised: pass app_key to load_sdk() or call browser.init()")
    return kakao.Share, info
