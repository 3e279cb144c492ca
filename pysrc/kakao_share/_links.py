"""Where a tap on a KakaoTalk message goes: :class:`Link`."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Annotated, Any
from urllib.parse import urlencode

from pydantic import BeforeValidator

from ._base import KakaoModel, WebUrl
from ._problems import problem

__all__ = ["ExecutionParams", "Link", "encode_execution_params"]

# Characters RFC 3986 allows in a query, with %XX escapes checked separately. KakaoTalk appends the
# params to the app's scheme URL, so anything else (spaces, '#', quotes, non-ASCII) would break it.
_QUERY_OK = re.compile(r"[A-Za-z0-9\-._~!$&'()*+,;=:@/?]*")
_BAD_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")
_QUERY_CHARS = re.compile(r"(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})*")

_PARAMS_FIX = "pass a dict such as {'product_id': '42'} and it is encoded for you"


def _check_query(value: str) -> str | None:
    if not value:
        return None
    if value.startswith("?"):
        raise problem("execution_params", "must not start with '?'", "leave out the leading '?'")
    if _QUERY_CHARS.fullmatch(value) is None:
        if _BAD_ESCAPE.search(value) and _QUERY_OK.fullmatch(value.replace("%", "")):
            rule = "has a '%' that is not followed by two hex digits"
        else:
            bad = sorted({ch for ch in value if _QUERY_OK.fullmatch(ch) is None and ch != "%"})
            shown = ", ".join(repr(ch) for ch in bad[:5])
            rule = f"is not a valid query string (contains {shown})"
        raise problem("execution_params", rule, _PARAMS_FIX)
    return value


def encode_execution_params(value: Any) -> Any:
    """Mapping -> ``urlencode`` query string; query string -> checked as is; empty -> None."""
    if value is None:
        return None
    if isinstance(value, str):
        return _check_query(value)
    if isinstance(value, Mapping):
        pairs = []
        for key, item in value.items():
            if not isinstance(key, str) or not key:
                raise problem("execution_params", "keys must be non-empty strings", _PARAMS_FIX)
            if isinstance(item, bool) or not isinstance(item, (str, int)):
                raise problem(
                    "execution_params",
                    f"value of {key!r} must be a string or an integer",
                    "convert the value with str()",
                    at=(key,),
                )
            pairs.append((key, str(item)))
        return urlencode(pairs) or None
    raise problem("execution_params", "must be a query string or a mapping", _PARAMS_FIX)


ExecutionParams = Annotated[
    str | None,
    BeforeValidator(encode_execution_params, json_schema_input_type=str | dict[str, str | int] | None),
]
"""App-launch parameters: a query string (``key=value&...``) or a mapping that is url-encoded."""


class Link(KakaoModel):
    """Where a tap leads: a web page (PC / mobile) and/or the app on Android / iOS.

    Web URLs must be absolute ``http``/``https`` URLs on a domain registered for the app.
    The execution params are appended to the app's scheme URL when KakaoTalk opens the native app.
    """

    web_url: WebUrl | None = None
    """Page opened on a PC (KakaoTalk for Windows/macOS)."""

    mobile_web_url: WebUrl | None = None
    """Page opened on a phone when the app is not used."""

    android_execution_params: ExecutionParams = None
    """Query parameters passed to the Android app (mapping or ``key=value&...``)."""

    ios_execution_params: ExecutionParams = None
    """Query parameters passed to the iOS app (mapping or ``key=value&...``)."""

    @property
    def url(self) -> str | None:
        """The web address a browser would open (mobile first, like a phone would)."""
        return self.mobile_web_url or self.web_url
