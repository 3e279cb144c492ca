"""The browser bridge: Python in a PyScript page driving Kakao's JavaScript SDK (``Kakao.Share``).

This is the one module of kakao-share that imports ``js`` and ``pyodide``; import it only in the browser::

    from kakao_share import browser, FeedTemplate, Content, Link

    await browser.load_sdk("YOUR_JAVASCRIPT_KEY")          # once, at start-up
    share = browser.prepare(FeedTemplate(...))              # validate and convert ahead of the click

    @when("click", "#share")
    def on_click(event):                                    # synchronous: no await before the SDK call
        share.send()

Why it is shaped like this:

* Everything is validated by the models *before* the SDK sees it, so Kakao's own (terser) errors only
  appear if the SDK and the models disagree, and nothing is ever half-sent.
* Browsers only let a page open a popup in the same task as the user's click. ``send_*`` and
  ``PreparedShare.send`` are plain functions that call the SDK synchronously; ``prepare`` does the work
  that may be slow (parsing, validation, conversion) before the click.
* Settings cross to JavaScript as plain objects (``to_js(..., dict_converter=Object.fromEntries)``):
  no Python proxies are handed to the SDK, so nothing leaks however many buttons come and go.
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import js
from pyodide.ffi import JsException, create_proxy, to_js

try:  # Pyodide >= 0.27 keeps JavaScript's null apart from undefined/None
    from pyodide.ffi import jsnull
except ImportError:  # pragma: no cover
    jsnull = None

from ._exceptions import (
    Finding,
    KakaoAPIError,
    PopupBlocked,
    SDKError,
    SDKInitError,
    SDKLoadError,
    SDKVersionError,
    TemplateError,
)
from ._images import ImageInfo
from ._options import ShareOptions
from ._share import share_settings
from ._templates import CustomTemplate, ScrapTemplate, Template, parse_template

__all__ = [
    "DEFAULT_SDK_VERSION",
    "PUBLISHED_SRI",
    "PreparedShare",
    "SDKInfo",
    "cleanup",
    "cleanup_sdk",
    "create_custom_button",
    "create_default_button",
    "create_scrap_button",
    "delete_image",
    "init",
    "load_sdk",
    "prepare",
    "scrap_image",
    "sdk_info",
    "send_custom",
    "send_default",
    "send_scrap",
    "upload_image",
]

#: SRI hashes Kakao publishes for its SDK builds (from Kakao's SDK download page). Other versions work
#: too, but their hash must be passed explicitly: a guessed hash silently blocks the script.
PUBLISHED_SRI = {
    "2.7.1": "sha384-kDljxUXHaJ9xAb2AzRd59KxjrFjzHa5TAoFQ6GbYTCAG0bjM55XohjjDT7tDDC01",
    "2.6.0": "sha384-6MFdIr0zOira1CHQkedUqJVql0YtcZA1P0nbPrQYJXVJZUkTk/oX4U9GhUIs3/z8",
    "2.5.0": "sha384-kYPsUbBPlktXsY6/oNHSUDZoTX6+YI51f63jCPEIPFP09ttByAdxd2mEjKuhdqn4",
    "2.2.0": "sha384-x+WG2i7pOR+oWb6O5GV5f1KN2Ko6N7PTGPS7UlasYWNxZMKQA63Cj/B2lbUmUfuC",
}
#: The SDK version loaded when none is named: the newest one whose SRI hash is published here.
DEFAULT_SDK_VERSION = "2.7.1"
SDK_URL = "https://t1.kakaocdn.net/kakao_js_sdk/{version}/kakao.min.js"
PICKER_MIN_VERSION = (2, 8, 0)


@dataclass(frozen=True)
class SDKInfo:
    """The SDK this page loaded."""

    version: str
    """``Kakao.VERSION`` as the loaded script reports it."""

    src: str | None
    """The script URL, or None when the page loaded the SDK itself."""

    @property
    def version_tuple(self) -> tuple[int, ...]:
        return _version_tuple(self.version)


_sdk: SDKInfo | None = None
_app_key: str | None = None


def _missing(value: Any) -> bool:
    """JavaScript's null and undefined, as Pyodide hands them over."""
    return value is None or value is jsnull


def _version_tuple(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", version)[:3])


def _dotted(version: tuple[int, ...]) -> str:
    return ".".join(map(str, version))


# --- loading and initialising ----------------------------------------------------------------------


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
    """
    global _sdk
    if _sdk is None:
        if _kakao() is not None:
            _sdk = SDKInfo(version=str(js.Kakao.VERSION), src=None)
        else:
            url = src or SDK_URL.format(version=version)
            sri = integrity if integrity is not None else PUBLISHED_SRI.get(version)
            if not sri:
                raise SDKLoadError(
                    f"no SRI hash is known for Kakao SDK {version}: pass integrity='sha384-…' as published "
                    "on Kakao's SDK download page (a guessed hash silently blocks the script)"
                )
            await _inject_script(url, sri, timeout)
            if _kakao() is None:
                raise SDKLoadError(f"{url} loaded but defined no window.Kakao: is it Kakao's JavaScript SDK?")
            _sdk = SDKInfo(version=str(js.Kakao.VERSION), src=url)
        if _sdk.version_tuple < (2,):
            raise SDKLoadError(
                f"this page loaded Kakao SDK {_sdk.version} (v1, Kakao.Link): kakao-share needs SDK 2.x, "
                "whose Kakao.Share replaced Kakao.Link"
            )
    if app_key is not None:
        init(app_key)
    return _sdk


def _kakao() -> Any:
    kakao = getattr(js.window, "Kakao", None)
    return None if _missing(kakao) else kakao


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
    global _app_key
    kakao = _require_loaded()
    if not isinstance(app_key, str) or not app_key.strip():
        raise SDKInitError("app_key must be the app's JavaScript key (a non-empty string)")
    if kakao.isInitialized():
        known = _app_key or _page_app_key(kakao)
        if known is not None and known != app_key:
            raise SDKInitError(
                "Kakao's SDK is already initialised with a different app key; a page can use one app "
                "key (call browser.cleanup_sdk() first to switch)"
            )
        _app_key = known or app_key
    else:
        try:
            kakao.init(app_key)
        except JsException as exc:
            raise SDKInitError(f"Kakao.init failed: {exc.message}") from None
        _app_key = app_key
    if _missing(getattr(kakao, "Share", None)):
        if not _missing(getattr(kakao, "Link", None)):
            raise SDKLoadError(f"Kakao SDK {kakao.VERSION} has Kakao.Link but no Kakao.Share: load SDK 2.x")
        raise SDKLoadError(f"Kakao SDK {kakao.VERSION} defines no Kakao.Share after init")


def _page_app_key(kakao: Any) -> str | None:
    """The key the page itself initialised the SDK with, where the SDK tells (``Kakao.Auth.getAppKey``)."""
    auth = getattr(kakao, "Auth", None)
    getter: Any = None if _missing(auth) else getattr(auth, "getAppKey", None)
    if _missing(getter):
        return None
    try:
        key = getter()
    except JsException:
        return None
    return key if isinstance(key, str) else None


def cleanup_sdk() -> None:
    """``Kakao.cleanup()``: forget the app key (and every share button), so ``init`` can take another."""
    global _app_key
    kakao = _require_loaded()
    kakao.cleanup()
    _app_key = None


def sdk_info() -> SDKInfo | None:
    """The loaded SDK, or None before :func:`load_sdk`."""
    return _sdk


def _require_loaded() -> Any:
    kakao = _kakao()
    if _sdk is None or kakao is None:
        raise SDKLoadError("Kakao's SDK is not loaded: await browser.load_sdk(app_key) first")
    return kakao


def _require_share() -> Any:
    kakao = _require_loaded()
    if not kakao.isInitialized() or _missing(getattr(kakao, "Share", None)):
        raise SDKInitError("Kakao's SDK is not initialised: pass app_key to load_sdk() or call browser.init()")
    return kakao.Share


# --- sharing ---------------------------------------------------------------------------------------

Options = ShareOptions | Mapping[str, Any] | None
"""Share options as a model or a dict of its fields (snake_case or camelCase)."""


def _options(options: Options, extra: Mapping[str, Any]) -> ShareOptions:
    if isinstance(options, ShareOptions) and not extra:
        return options
    base = options.model_dump(exclude_none=True) if isinstance(options, ShareOptions) else dict(options or {})
    return ShareOptions.model_validate({**base, **extra})


@dataclass(frozen=True)
class PreparedShare:
    """A validated template plus options, converted once, ready to send from a click handler.

    ``send()`` and ``create_button()`` only build the plain JavaScript object and call the SDK, so they
    stay inside the click's task (browsers block popups opened after an ``await``).
    """

    template: Template
    options: ShareOptions
    settings: Mapping[str, Any]
    """The settings object the SDK gets (template + options), as plain Python data."""

    @property
    def method(self) -> str:
        return self.template.send_method

    def send(self) -> None:
        """Share now (desktop: Kakao's popup; mobile: KakaoTalk). Raises :class:`PopupBlocked` if blocked."""
        share = _require_share()
        self._check_version()
        _call_sdk(share, self.method, dict(self.settings))

    def create_button(self, container: Any) -> None:
        """Make ``container`` (an element or CSS selector) share this on every click, via the SDK."""
        share = _require_share()
        self._check_version()
        element = _container(container, f"create_{_snake(self.method[4:])}_button")
        method = "create" + self.method[4:] + "Button"
        _call_sdk(share, method, {"container": element, **self.settings})

    def _check_version(self) -> None:
        loaded = _sdk.version_tuple if _sdk else ()
        for needed, what in (
            (self.options.min_sdk_version, "picker settings"),
            (self.template.min_sdk_version, "this template (content without title or image)"),
        ):
            if needed is not None and loaded < needed:
                raise SDKVersionError(
                    f"{what} need Kakao SDK {_dotted(needed)} or later; this page loaded "
                    f"{_sdk.version if _sdk else '?'} (pass version= and integrity= to load_sdk)"
                )


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)([A-Z])", r"_\1", name).lower()


def prepare(template: Any, options: Options = None, **option_fields: Any) -> PreparedShare:
    """Validate ``template`` (a model, dict or JSON) and the share options now, before any click."""
    model = parse_template(template)
    opts = _options(options, option_fields)
    return PreparedShare(template=model, options=opts, settings=share_settings(model, opts))


def _typed(template: Any, kind: type | None, name: str, hint: str) -> Template:
    """Parse ``template`` and check it is the kind ``name`` sends (None: a default template)."""
    model = parse_template(template)
    wrong = isinstance(model, (CustomTemplate, ScrapTemplate)) if kind is None else not isinstance(model, kind)
    if wrong:
        raise TemplateError(
            [Finding("", f"{name} takes {hint}, not {type(model).__name__}", code="wrong_template")], model=name
        )
    return model


def _default(template: Any, name: str) -> Template:
    return _typed(template, None, name, "a default template (feed, list, location, commerce, text, calendar)")


def _custom(template: Any, template_args: Mapping[str, str] | None, name: str) -> Template:
    if isinstance(template, int) and not isinstance(template, bool):
        template = CustomTemplate(template_id=template, template_args=template_args)
    return _typed(template, CustomTemplate, name, "a template id or CustomTemplate")


def _scrap(template: Any, name: str) -> Template:
    if isinstance(template, str) and not template.lstrip().startswith("{"):
        template = ScrapTemplate(request_url=template)
    return _typed(template, ScrapTemplate, name, "a URL or ScrapTemplate")


def send_default(template: Any, options: Options = None, **option_fields: Any) -> None:
    """Share a default template (feed, list, location, commerce, text, calendar)."""
    prepare(_default(template, "send_default"), options, **option_fields).send()


def send_custom(
    template: Any, template_args: Mapping[str, str] | None = None, options: Options = None, **option_fields: Any
) -> None:
    """Share a template built in Kakao's console: ``send_custom(12345, {"name": "…"})`` or a CustomTemplate."""
    prepare(_custom(template, template_args, "send_custom"), options, **option_fields).send()


def send_scrap(template: Any, options: Options = None, **option_fields: Any) -> None:
    """Share a web page Kakao scrapes: ``send_scrap("https://…")`` or a ScrapTemplate."""
    prepare(_scrap(template, "send_scrap"), options, **option_fields).send()


def create_default_button(container: Any, template: Any, options: Options = None, **option_fields: Any) -> None:
    """Make ``container`` share a default template on click (``Kakao.Share.createDefaultButton``)."""
    prepare(_default(template, "create_default_button"), options, **option_fields).create_button(container)


def create_custom_button(
    container: Any,
    template: Any,
    template_args: Mapping[str, str] | None = None,
    options: Options = None,
    **option_fields: Any,
) -> None:
    """Make ``container`` share a console template on click (``Kakao.Share.createCustomButton``)."""
    model = _custom(template, template_args, "create_custom_button")
    prepare(model, options, **option_fields).create_button(container)


def create_scrap_button(container: Any, template: Any, options: Options = None, **option_fields: Any) -> None:
    """Make ``container`` share a scraped page on click (``Kakao.Share.createScrapButton``)."""
    prepare(_scrap(template, "create_scrap_button"), options, **option_fields).create_button(container)


def cleanup() -> None:
    """Remove every listener the ``create_*_button`` calls added (``Kakao.Share.cleanup``)."""
    _require_share().cleanup()


def _container(container: Any, name: str) -> Any:
    if isinstance(container, str):
        element = js.document.querySelector(container)
        if _missing(element):
            raise TemplateError(
                [
                    Finding(
                        "container",
                        f"no element matches the selector {container!r}",
                        "check the selector, or create the element before the button",
                    )
                ],
                model=name,
            )
        return element
    if _missing(container) or getattr(container, "nodeType", None) != 1:
        raise TemplateError([Finding("container", "must be a DOM element or a CSS selector string")], model=name)
    return container


def _js(value: Any) -> Any:
    return to_js(value, dict_converter=js.Object.fromEntries)


def _call_sdk(share: Any, method: str, settings: dict[str, Any]) -> Any:
    """Call ``Kakao.Share.<method>(settings)`` synchronously, turning its errors into ours.

    ``window.open`` is watched only for the duration of this call, to tell a blocked popup (the SDK
    then fails with a TypeError on ``null``) from any other error.
    """
    container = settings.pop("container", None)
    payload = _js(settings)
    if container is not None:
        payload.container = container
    blocked = _PopupWatch()
    with blocked:
        try:
            return getattr(share, method)(payload)
        except JsException as exc:
            if blocked.happened:
                raise PopupBlocked() from None
            raise _sdk_error(exc) from None
    if blocked.happened:  # pragma: no cover - an SDK that swallowed the failure
        raise PopupBlocked()
    return None


class _PopupWatch:
    """Wraps ``window.open`` for one synchronous SDK call and notes whether it returned null."""

    def __init__(self) -> None:
        self.happened = False
        self._original: Any = None
        self._proxy: Any = None

    def _open(self, *args: Any) -> Any:
        handle = self._original.apply(js.window, _js(list(args)))
        if _missing(handle):
            self.happened = True
        return handle

    def __enter__(self) -> _PopupWatch:
        self._original = js.window.open
        self._proxy = create_proxy(self._open)
        js.window.open = self._proxy
        return self

    def __exit__(self, *exc: object) -> None:
        js.window.open = self._original
        self._proxy.destroy()


def _sdk_error(exc: JsException) -> SDKError:
    name = getattr(exc, "name", "") or ""
    message = getattr(exc, "message", "") or str(exc)
    return SDKError(f"Kakao SDK: {message}" if name != "KakaoError" else message)


# --- images ----------------------------------------------------------------------------------------

FileLike = Any  # a JS File/Blob, or (filename, bytes[, content type]) from Python


def _js_file(item: FileLike) -> Any:
    if isinstance(item, tuple):
        name, data, *rest = item
        content_type = rest[0] if rest else "application/octet-stream"
        buffer = to_js(memoryview(bytes(data)))
        return js.File.new([buffer], name, _js({"type": content_type}))
    if getattr(item, "size", None) is None:
        raise TemplateError(
            [Finding("files", "each file must be a File/Blob or a (name, bytes, type) tuple")], model="upload_image"
        )
    return item


def _js_files(files: Any) -> Any:
    """Always a JS array: the SDK sends an empty body when given a single File."""
    if hasattr(files, "item") and hasattr(files, "length") and not isinstance(files, (list, tuple)):
        files = [files.item(i) for i in range(files.length)]  # a FileList
    elif isinstance(files, tuple) or getattr(files, "size", None) is not None:
        files = [files]
    items = [_js_file(f) for f in files]
    if not items:
        raise TemplateError([Finding("files", "at least one file is needed")], model="upload_image")
    array = js.Array.new()
    for item in items:
        array.push(item)
    return array


_call_rejecting_with_errors: Any = None


async def _image_call(method: str, settings: Any) -> Any:
    """Await ``Kakao.Share.<method>(settings)``, with Kakao's error body kept on the exception.

    The SDK rejects image calls with Kakao's parsed JSON body, a plain object, and Pyodide 314 never
    returns from awaiting a promise rejected with a non-Error value (and crashes when a promise is
    passed back into JavaScript as an argument). So one small JavaScript function makes the call and
    turns a rejection into an ``Error`` whose ``body`` is Kakao's answer.
    """
    global _call_rejecting_with_errors
    share = _require_share()
    if _call_rejecting_with_errors is None:
        _call_rejecting_with_errors = js.Function.new(
            "target",
            "method",
            "settings",
            "return target[method](settings).catch((reason) => { if (reason instanceof Error) throw reason;"
            " const error = new Error(JSON.stringify(reason)); error.name = 'KakaoAPIError';"
            " error.body = reason; throw error; });",
        )
    try:
        result = await _call_rejecting_with_errors(share, method, settings)
    except JsException as exc:
        raise _api_error(exc) from None
    return result.to_py() if hasattr(result, "to_py") else result


def _api_error(exc: JsException) -> SDKError:
    body: Any = getattr(exc, "body", None)
    data = body.to_py() if hasattr(body, "to_py") else None
    if isinstance(data, Mapping):
        return KakaoAPIError(str(data.get("msg") or data.get("message") or json.dumps(data)), code=data.get("code"))
    return _sdk_error(exc)


async def upload_image(files: Any) -> ImageInfo:
    """Upload image files to Kakao (``Kakao.Share.uploadImage``); returns where Kakao serves them."""
    return ImageInfo.from_response(await _image_call("uploadImage", _js_object(file=_js_files(files))))


async def scrap_image(image_url: str) -> ImageInfo:
    """Have Kakao copy an image from a URL (``Kakao.Share.scrapImage``)."""
    return ImageInfo.from_response(await _image_call("scrapImage", _js({"imageUrl": _image_url(image_url)})))


async def delete_image(image_url: str) -> None:
    """Delete an image uploaded to Kakao (``Kakao.Share.deleteImage``)."""
    await _image_call("deleteImage", _js({"imageUrl": _image_url(image_url)}))


def _image_url(value: Any) -> str:
    if not isinstance(value, str) or not re.match(r"^https?://", value):
        raise TemplateError([Finding("image_url", "must be an absolute http(s) URL")], model="image")
    return value


def _js_object(**fields: Any) -> Any:
    obj = js.Object.new()
    for key, value in fields.items():
        setattr(obj, key, value)
    return obj
