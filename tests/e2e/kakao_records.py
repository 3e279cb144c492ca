"""What crossed the boundary to Kakao: its hosts and paths, and one record per kind of request.

``ShareRequest`` (sharer.kakao.com: the desktop share), ``KapiRequest`` (kapi.kakao.com: images and the
mobile template validation) and ``AppLinkRequest`` (the navigation that launches KakaoTalk on a phone)
decode what the page sent, so tests read fields instead of parsing bodies.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from http_parsing import MultipartPart, Pairs, json_or_none

__all__ = [
    "ANDROID_APP_LINK_PREFIX",
    "APP_LINK_HOST",
    "APP_LINK_PREFIX",
    "APP_LINK_SCHEMES",
    "DELETE_PATH",
    "KAKAO_HOSTS",
    "KAPI_HOST",
    "SCRAP_PATH",
    "SDK_HOST",
    "SHARER_FAILED_PATH",
    "SHARER_HOST",
    "SHARER_URL",
    "UPLOAD_PATH",
    "VALIDATE_PREFIX",
    "AppLinkRequest",
    "KapiRequest",
    "ShareRequest",
]

SDK_HOST = "t1.kakaocdn.net"
SHARER_HOST = "sharer.kakao.com"
KAPI_HOST = "kapi.kakao.com"
APP_LINK_HOST = "talk-apps.kakao.com"
KAKAO_HOSTS = (SDK_HOST, SHARER_HOST, KAPI_HOST, APP_LINK_HOST)

SHARER_URL = f"https://{SHARER_HOST}/picker/link"
SHARER_FAILED_PATH = "/picker/failed"
APP_LINK_PREFIX = f"https://{APP_LINK_HOST}/scheme/kakaolink%3A%2F%2Fsend"
ANDROID_APP_LINK_PREFIX = "intent://send?"
APP_LINK_SCHEMES = ("intent:", "kakaolink:")
UPLOAD_PATH = "/v2/api/talk/message/image/upload"
SCRAP_PATH = "/v2/api/talk/message/image/scrap"
DELETE_PATH = "/v2/api/talk/message/image/delete"
VALIDATE_PREFIX = "/v2/api/kakaolink/talk/template/"


@dataclass(frozen=True)
class ShareRequest:
    """A request to ``sharer.kakao.com`` (the share POST, the popup's first GET, the failed page)."""

    method: str
    url: str
    path: str
    query: Pairs
    headers: dict[str, str]
    fields: Pairs  #: decoded form fields, in the order they were posted
    body: bytes = b""

    @property
    def is_share(self) -> bool:
        """The form POST to ``/picker/link`` (what a share is on the desktop path)."""
        return self.method == "POST" and self.path == "/picker/link"

    @property
    def field_names(self) -> list[str]:
        return [name for name, _ in self.fields]

    @property
    def form(self) -> dict[str, str]:
        return dict(self.fields)

    @property
    def query_dict(self) -> dict[str, str]:
        return dict(self.query)

    def field(self, name: str) -> str | None:
        return self.form.get(name)

    @property
    def app_key(self) -> str | None:
        return self.field("app_key")

    @property
    def ka(self) -> str | None:
        return self.field("ka")

    @property
    def validation_action(self) -> str | None:
        return self.field("validation_action")

    @property
    def validation_params_raw(self) -> str | None:
        """The ``validation_params`` field exactly as posted (compare JSON byte for byte with this)."""
        return self.field("validation_params")

    @property
    def validation_params(self) -> Any:
        return json_or_none(self.validation_params_raw)

    @property
    def template_object(self) -> dict[str, Any] | None:
        params = self.validation_params
        return params.get("template_object") if isinstance(params, dict) else None

    @property
    def lcba(self) -> str | None:
        return self.field("lcba")


@dataclass(frozen=True)
class KapiRequest:
    """A request to ``kapi.kakao.com`` (preflights included, with ``preflight=True``)."""

    method: str
    url: str
    path: str
    query: Pairs
    headers: dict[str, str]
    body: bytes
    endpoint: str  #: "upload" | "scrap" | "delete" | "validate" | "unknown"
    form: Pairs = ()  #: decoded url-encoded body
    parts: tuple[MultipartPart, ...] = ()  #: multipart body
    preflight: bool = False

    @property
    def content_type(self) -> str | None:
        return self.headers.get("content-type")

    @property
    def authorization(self) -> str | None:
        return self.headers.get("authorization")

    @property
    def ka(self) -> str | None:
        return self.headers.get("ka")

    @property
    def query_dict(self) -> dict[str, str]:
        return dict(self.query)

    @property
    def form_dict(self) -> dict[str, str]:
        return dict(self.form)

    @property
    def file_parts(self) -> list[MultipartPart]:
        return [part for part in self.parts if part.name == "file"]

    @property
    def validation_kind(self) -> str | None:
        """``default`` | ``validate`` | ``scrap`` for a template validation."""
        return self.path[len(VALIDATE_PREFIX) :] if self.endpoint == "validate" else None

    @property
    def template_object_raw(self) -> str | None:
        return self.query_dict.get("template_object")

    @property
    def template_object(self) -> Any:
        return json_or_none(self.template_object_raw)

    @property
    def template_args(self) -> Any:
        return json_or_none(self.query_dict.get("template_args"))


@dataclass(frozen=True)
class AppLinkRequest:
    """An app-link navigation that launches KakaoTalk: the iOS universal link to
    ``talk-apps.kakao.com`` (routed and answered), or an Android ``intent://`` URL (seen, not routable)."""

    url: str
    headers: dict[str, str]

    @property
    def platform(self) -> str:
        return "android" if self.url.startswith("intent:") else "ios"

    @property
    def scheme_url(self) -> str:
        """The ``kakaolink://send?...`` URL the link carries: the universal link's path decoded once,
        or an intent's ``//send?...`` part under ``kakaolink:`` (Chromium reports intent URLs without
        their ``#Intent;...`` fragment, so the intent's own ``scheme=`` cannot be checked)."""
        if self.url.startswith("intent:"):
            return "kakaolink:" + self.url.partition("#")[0][len("intent:") :]
        path = urlsplit(self.url).path
        prefix = "/scheme/"
        return unquote(path[len(prefix) :]) if path.startswith(prefix) else ""

    @property
    def params(self) -> dict[str, str]:
        return dict(parse_qsl(urlsplit(self.scheme_url).query, keep_blank_values=True))

    @property
    def fully_decoded(self) -> str:
        """The URL unquoted until stable (for 'does the link carry X' checks)."""
        text, previous = self.url, None
        while text != previous:
            previous, text = text, unquote(text)
        return text
