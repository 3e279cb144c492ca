"""JavaScript values seen from Python, and plain JavaScript values made from Python data.

Everything handed to Kakao's SDK is a plain JavaScript object or array (``Object.fromEntries``), never
a Python proxy: the SDK keeps what it is given (button settings live until ``cleanup``), and a proxy
held by JavaScript would leak.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import js
from pyodide.ffi import JsException, to_js

try:  # Pyodide >= 0.27 keeps JavaScript's null apart from undefined/None
    from pyodide.ffi import jsnull
except ImportError:  # pragma: no cover
    jsnull = None

from .._base import is_web_url
from .._exceptions import SDKError

__all__ = ["JsException", "is_missing", "js_array", "js_object", "page_address", "plain", "sdk_error"]


def is_missing(value: Any) -> bool:
    """JavaScript's null and undefined, as Pyodide hands them over."""
    return value is None or value is jsnull


def plain(value: Any) -> Any:
    """Python data (dicts, lists, strings, numbers) as plain JavaScript objects and arrays."""
    return to_js(value, dict_converter=js.Object.fromEntries)


def js_array(items: Iterable[Any]) -> Any:
    """A JavaScript array of the given JavaScript values (kept as they are, not converted)."""
    array = js.Array.new()
    for item in items:
        array.push(item)
    return array


def js_object(**fields: Any) -> Any:
    """A plain JavaScript object whose properties are the given JavaScript values, as they are."""
    obj = js.Object.new()
    for key, value in fields.items():
        setattr(obj, key, value)
    return obj


def page_address() -> str | None:
    """The page's own address (``location.href``), or None when it is not an http(s) page."""
    href = getattr(js.location, "href", None)
    return href if isinstance(href, str) and is_web_url(href) else None


def sdk_error(exc: JsException) -> SDKError:
    """Our error for an exception the SDK threw (its own ``KakaoError`` messages are kept as they are)."""
    name = getattr(exc, "name", "") or ""
    message = getattr(exc, "message", "") or str(exc)
    return SDKError(f"Kakao SDK: {message}" if name != "KakaoError" else message)
