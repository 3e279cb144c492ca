"""Sharing: ``send_*`` now, ``create_*_button`` on every click, and :class:`PreparedShare` for both.

Browsers let a page open a popup only in the same task as the user's click, so everything that may
be slow (parsing, validation, conversion) happens in :func:`prepare`, before the click; ``send()``
and ``create_button()`` only build the plain JavaScript object and call the SDK, synchronously.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import js
from pyodide.ffi import create_proxy

from .._exceptions import KakaoShareWarning, PopupBlocked
from .._options import Options, ShareOptions
from .._page_urls import adjustments
from .._problems import invalid
from .._share import check_sdk_version, settings_for, share_settings
from .._templates import CUSTOM_SHARE, DEFAULT_SHARE, SCRAP_SHARE, ShareKind, Template
from ._interop import JsException, is_missing, page_address, plain, sdk_error
from ._sdk import require_share

__all__ = [
    "PreparedShare",
    "cleanup",
    "create_custom_button",
    "create_default_button",
    "create_scrap_button",
    "prepare",
    "send_custom",
    "send_default",
    "send_scrap",
]


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
        """The ``Kakao.Share`` function :meth:`send` calls."""
        return self.template.share_kind.send_method

    def send(self) -> None:
        """Share now (desktop: Kakao's popup; mobile: KakaoTalk). Raises :class:`PopupBlocked` if blocked."""
        share, sdk = require_share()
        check_sdk_version(sdk.version, self.template, self.options)
        _call_sdk(share, self.template.share_kind.send_method, self.settings)

    def create_button(self, container: Any) -> None:
        """Make ``container`` (an element or CSS selector) share this on every click, via the SDK."""
        share, sdk = require_share()
        check_sdk_version(sdk.version, self.template, self.options)
        kind = self.template.share_kind
        element = _element(container, f"create_{kind.action}_button")
        _call_sdk(share, kind.button_method, self.settings, container=element)


def _prepared(
    kind: ShareKind | None,
    template: Any,
    options: Options,
    option_fields: Mapping[str, Any],
    *,
    caller: str,
    template_args: Mapping[str, str] | None = None,
) -> PreparedShare:
    model, opts = settings_for(
        kind, template, options, option_fields, template_args=template_args, base_url=page_address(), caller=caller
    )
    for finding in adjustments(model):  # a relative or empty image URL, read as the page meant it
        warnings.warn(str(finding), KakaoShareWarning, stacklevel=3)
    return PreparedShare(template=model, options=opts, settings=share_settings(model, opts))


def prepare(template: Any, options: Options = None, **option_fields: Any) -> PreparedShare:
    """Validate any template and the share options now, before any click.

    ``template`` is a template model or the settings object JavaScript passes to ``Kakao.Share``
    (dict or JSON; options written inside it are split out, see :func:`kakao_share.parse_settings`).
    ``options`` and keyword options are merged over those, field by field. Relative image URLs are
    resolved against the page's address and empty ones dropped; ``check(prepared.template)`` lists
    what was changed (each change is also emitted as a :class:`KakaoShareWarning`).
    """
    return _prepared(None, template, options, option_fields, caller="prepare")


def send_default(template: Any, options: Options = None, **option_fields: Any) -> None:
    """Share a default template (feed, list, location, commerce, text, calendar) or its settings object."""
    _prepared(DEFAULT_SHARE, template, options, option_fields, caller="send_default").send()


def send_custom(
    template: Any, template_args: Mapping[str, str] | None = None, options: Options = None, **option_fields: Any
) -> None:
    """Share a template built in Kakao's console: ``send_custom(12345, {"name": "…"})``, a CustomTemplate,
    or its settings object (``{"templateId": 12345, "templateArgs": {...}, ...}``)."""
    _prepared(CUSTOM_SHARE, template, options, option_fields, template_args=template_args, caller="send_custom").send()


def send_scrap(template: Any, options: Options = None, **option_fields: Any) -> None:
    """Share a web page Kakao scrapes: ``send_scrap("https://…")``, a ScrapTemplate, or its settings object."""
    _prepared(SCRAP_SHARE, template, options, option_fields, caller="send_scrap").send()


def create_default_button(container: Any, template: Any, options: Options = None, **option_fields: Any) -> None:
    """Make ``container`` share a default template on click (``Kakao.Share.createDefaultButton``)."""
    _prepared(DEFAULT_SHARE, template, options, option_fields, caller="create_default_button").create_button(container)


def create_custom_button(
    container: Any,
    template: Any,
    template_args: Mapping[str, str] | None = None,
    options: Options = None,
    **option_fields: Any,
) -> None:
    """Make ``container`` share a console template on click (``Kakao.Share.createCustomButton``)."""
    _prepared(
        CUSTOM_SHARE, template, options, option_fields, template_args=template_args, caller="create_custom_button"
    ).create_button(container)


def create_scrap_button(container: Any, template: Any, options: Options = None, **option_fields: Any) -> None:
    """Make ``container`` share a scraped page on click (``Kakao.Share.createScrapButton``)."""
    _prepared(SCRAP_SHARE, template, options, option_fields, caller="create_scrap_button").create_button(container)


def cleanup() -> None:
    """Remove every listener the ``create_*_button`` calls added (``Kakao.Share.cleanup``)."""
    share, _ = require_share()
    share.cleanup()


def _element(container: Any, caller: str) -> Any:
    """The DOM element ``container`` names (an element, or a CSS selector matching one)."""
    if isinstance(container, str):
        try:
            element = js.document.querySelector(container)
        except JsException:
            raise invalid(
                "container", f"{container!r} is not a valid CSS selector", code="selector", model=caller
            ) from None
        if is_missing(element):
            raise invalid(
                "container",
                f"no element matches the selector {container!r}",
                "check the selector, or create the element before the button",
                code="not_found",
                model=caller,
            )
        return element
    if is_missing(container) or getattr(container, "nodeType", None) != 1:
        raise invalid("container", "must be a DOM element or a CSS selector string", code="type", model=caller)
    return container


def _call_sdk(share: Any, method: str, settings: Mapping[str, Any], *, container: Any = None) -> None:
    """Call ``Kakao.Share.<method>(settings)`` synchronously, turning its errors into ours.

    ``window.open`` is watched for the duration of this call only: a blocked popup (``window.open``
    returned null) raises :class:`PopupBlocked`, whether the SDK then fails on the null (as 2.x does)
    or carries on without a word.
    """
    payload = plain(dict(settings))
    if container is not None:
        payload.container = container
    watch = _PopupWatch()
    with watch:
        try:
            getattr(share, method)(payload)
        except JsException as exc:
            if watch.blocked:
                raise PopupBlocked() from None
            raise sdk_error(exc) from None
    if watch.blocked:
        raise PopupBlocked()


class _PopupWatch:
    """Wraps ``window.open`` for one synchronous SDK call and notes whether it returned null."""

    def __init__(self) -> None:
        self.blocked = False
        self._original: Any = None
        self._proxy: Any = None

    def _open(self, *args: Any) -> Any:
        handle = self._original.apply(js.window, plain(list(args)))
        if is_missing(handle):
            self.blocked = True
        return handle

    def __enter__(self) -> _PopupWatch:
        self._original = js.window.open
        self._proxy = create_proxy(self._open)
        js.window.open = self._proxy
        return self

    def __exit__(self, *exc: object) -> None:
        js.window.open = self._original
        self._proxy.destroy()
