"""Kakao's network, faked inside Playwright: the SDK script, the sharer, kapi and the app-link host.

Everything a page sends to Kakao's hosts is answered here and recorded (as the records of
``kakao_records``), so tests assert on exactly what crossed the boundary. The SDK served is the double
in ``kakao_sdk_double.js`` unless ``KAKAO_SDK_FILE`` names a real SDK build. The double is served at every
version's address and plays that version; a real build only at its own version's address (read from its
header), so a page asking for another version fails to load it, as it would with that file on Kakao's CDN.

Quick reference (``kakao`` is the ``FakeKakao`` fixture; routes are installed on the browser context, so
requests from popups are recorded too)::

    kakao.version = "2.7.1"               # before the page loads the SDK: the URL path says 2.7.1
    kakao.served_version("2.7.1")         # what a page asking for 2.7.1 gets: 2.7.1 (a real build: its own)
    kakao.serve_as_published(context)     # pages asking for a published build by its hash get the served file
    kakao.fail("upload", status=401, body={"code": -401, "msg": "invalid key"})
    share = kakao.wait_for_share(page)    # next POST to sharer.kakao.com/picker/link -> ShareRequest
    share.fields                           # (("app_key", ...), ("ka", ...), ...) decoded, in order
    share.validation_params                # parsed JSON;  share.template_object, share.lcba
    upload = kakao.wait_for_kapi(page, "upload")   # KapiRequest: .headers, .parts, .form, .query
    link = kakao.wait_for_app_link(page)  # mobile: AppLinkRequest (iOS universal link / Android intent)
    kakao.expect_no_share(page, within_ms=300)

Response shapes are Kakao's: image calls answer
``{"infos": {"original": {"url", "content_type", "length", "width", "height"}}}``; template validation
answers ``{"template_id", "template_args", "template_msg", "warning_msg", "argument_msg"}``; errors answer the
status and JSON body given to :meth:`FakeKakao.fail` (Kakao's ``{"code", "msg"}`` shape by default).
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import parse_qsl, urlsplit

from http_parsing import MultipartPart, image_size, json_or_none, parse_form, parse_header_params, parse_multipart
from kakao_records import (
    ANDROID_APP_LINK_PREFIX,
    APP_LINK_HOST,
    APP_LINK_PREFIX,
    APP_LINK_SCHEMES,
    DELETE_PATH,
    KAKAO_HOSTS,
    KAPI_HOST,
    SCRAP_PATH,
    SDK_HOST,
    SHARER_FAILED_PATH,
    SHARER_HOST,
    SHARER_URL,
    UPLOAD_PATH,
    VALIDATE_PREFIX,
    AppLinkRequest,
    KapiRequest,
    ShareRequest,
)
from kakao_share._sdk_builds import DEFAULT_SDK_VERSION, PUBLISHED_SRI
from playwright.sync_api import BrowserContext, Page, Route
from playwright.sync_api import Error as PlaywrightError

__all__ = [
    "ANDROID_APP_LINK_PREFIX",
    "APP_LINK_HOST",
    "APP_LINK_PREFIX",
    "APP_LINK_SCHEMES",
    "DEFAULT_SDK_VERSION",
    "DELETE_PATH",
    "DOUBLE",
    "FAILABLE",
    "KAKAO_HOSTS",
    "KAPI_ENDPOINTS",
    "KAPI_HOST",
    "SCRAP_PATH",
    "SDK_HOST",
    "SHARER_FAILED_PATH",
    "SHARER_HOST",
    "SHARER_URL",
    "UPLOAD_PATH",
    "VALIDATE_PREFIX",
    "AppLinkRequest",
    "FakeKakao",
    "KapiRequest",
    "MultipartPart",
    "ShareRequest",
    "image_size",
    "parse_form",
    "parse_header_params",
    "parse_multipart",
    "sdk_file",
    "sdk_file_version",
    "using_real_sdk",
]

HERE = Path(__file__).resolve().parent
DOUBLE = HERE / "kakao_sdk_double.js"
_VERSION_IN_URL = re.compile(r"/kakao_js_sdk/(\d+\.\d+\.\d+)/kakao\.min\.js$")
_VERSION_IN_HEADER = re.compile(rb"Kakao (?:Javascript |JavaScript )?SDK for [^\n]*?- v(\d+\.\d+\.\d+)", re.I)


#: kapi endpoint names accepted by :meth:`FakeKakao.fail` and :meth:`FakeKakao.wait_for_kapi`.
#: ``validate`` is every template validation (``default``, ``validate``, ``scrap``) of the mobile path.
KAPI_ENDPOINTS = ("upload", "scrap", "delete", "validate")
FAILABLE = (*KAPI_ENDPOINTS, "sdk", "sharer")


def sdk_file() -> Path:
    """The SDK build tests run against: ``$KAKAO_SDK_FILE`` or our double."""
    override = os.environ.get("KAKAO_SDK_FILE")
    return Path(override).resolve() if override else DOUBLE


def using_real_sdk() -> bool:
    return bool(os.environ.get("KAKAO_SDK_FILE"))


def sdk_file_version(body: bytes) -> str:
    """The version a real SDK build names in its header comment (its product name, a dash, ``v2.7.1``)."""
    found = _VERSION_IN_HEADER.search(body[:2_000])
    if not found:
        raise ValueError("KAKAO_SDK_FILE names no SDK version (vX.Y.Z) in its header comment: is it Kakao's SDK?")
    return found.group(1).decode()


def _sri(body: bytes) -> str:
    return "sha384-" + base64.b64encode(hashlib.sha384(body).digest()).decode()


@dataclass
class _Failure:
    status: int
    body: Any
    times: int | None
    headers: dict[str, str]


T = TypeVar("T")

_SHARER_PAGE = (
    "<!doctype html><html><head><meta charset='utf-8'><title>KakaoTalk share (fake)</title></head>"
    "<body><p>fake sharer: {what}</p></body></html>"
)
_APP_LINK_PAGE = (
    "<!doctype html><html><head><meta charset='utf-8'><title>KakaoTalk (fake app link)</title></head>"
    "<body><p>fake app link</p></body></html>"
)


_SERVE_AS_PUBLISHED = """(() => {
  const published = @PUBLISHED@, served = @SERVED@;
  const asked = (window.__sdkAsked = []);
  const property = Object.getOwnPropertyDescriptor(HTMLScriptElement.prototype, "integrity");
  Object.defineProperty(HTMLScriptElement.prototype, "integrity", {
    ...property,
    set(value) {
      const version = /\\/kakao_js_sdk\\/([\\d.]+)\\/kakao\\.min\\.js$/.exec(this.src || "");
      if (version) asked.push({ src: this.src, integrity: value });
      property.set.call(this, version && published[version[1]] === value ? served : value);
    },
  });
})();"""


class FakeKakao:
    """Routes Kakao's hosts to local fakes and records what the page sent.

    ``version`` picks the SDK URL (``.../kakao_js_sdk/<version>/kakao.min.js``) of the pages a test
    builds; set it before the page loads the SDK. It starts as the library's default for the double
    (which plays whatever version its URL names) and as the file's own version for a real build (served
    at that version's URL only). A real build whose version has a published hash must match it.
    """

    def __init__(self, sdk_path: Path | None = None, version: str | None = None) -> None:
        self.sdk_path = sdk_path or sdk_file()
        self.sdk_body = self.sdk_path.read_bytes()
        #: The version a real build says it is (None for the double).
        self.file_version = None if self.sdk_path == DOUBLE else sdk_file_version(self.sdk_body)
        published = PUBLISHED_SRI.get(self.file_version or "")
        if published and published != self.integrity:
            raise ValueError(
                f"{self.sdk_path} says it is Kakao SDK {self.file_version}, but its sha384 ({self.integrity}) "
                f"is not the published {published}: not that build"
            )
        self.version = version or self.file_version or DEFAULT_SDK_VERSION
        self.sdk_requests: list[str] = []
        self.sharer_requests: list[ShareRequest] = []
        self.kapi_requests: list[KapiRequest] = []
        self.preflights: list[KapiRequest] = []
        self.app_links: list[AppLinkRequest] = []
        self.handler_errors: list[str] = []
        self._failures: dict[str, _Failure] = {}
        self._share_cursor = 0
        self._uploads = 0

    # ---- configuration -------------------------------------------------------------------------
    @classmethod
    def for_version(cls, version: str) -> FakeKakao:
        return cls(version=version)

    def served_version(self, wanted: str) -> str:
        """The version a test gets when it wants ``wanted``: that one from the double, a real build's own."""
        return self.file_version or wanted

    def serves(self, version: str) -> bool:
        """Whether a page asking for ``version`` gets an SDK (the double: any; a real build: its own)."""
        return self.file_version in (None, version)

    @property
    def sdk_url(self) -> str:
        return f"https://{SDK_HOST}/kakao_js_sdk/{self.version}/kakao.min.js"

    @property
    def integrity(self) -> str:
        """The SRI value of the file actually served (the page must be given it, as in production)."""
        return _sri(self.sdk_body)

    def script_tag(self, integrity: str | None = None) -> str:
        """The ``<script>`` element a page uses to load the served SDK."""
        return (
            f'<script src="{self.sdk_url}" integrity="{integrity or self.integrity}" crossorigin="anonymous"></script>'
        )

    def serve_as_published(self, context: BrowserContext) -> None:
        """Let pages that ask for a published build by its published hash (the defaults) load the file served.

        Kakao's CDN serves the bytes its published hash pins; the fakes serve the double or a real build,
        whose hash differs unless it is that very build. So where a page sets a script's ``integrity`` to
        the published hash of the version in its ``src``, this swaps in the served file's hash, and records
        what the page asked for in ``window.__sdkAsked`` (``[{src, integrity}]``) for the test to assert.
        """
        context.add_init_script(
            _SERVE_AS_PUBLISHED.replace("@PUBLISHED@", json.dumps(PUBLISHED_SRI)).replace(
                "@SERVED@", json.dumps(self.integrity)
            )
        )

    def fail(
        self,
        endpoint: str,
        status: int = 400,
        body: Any = None,
        *,
        times: int | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        """Answer ``endpoint`` with an error until :meth:`clear_failures` (or ``times`` answers).

        ``endpoint``: ``upload``, ``scrap`` (image scrap), ``delete``, ``validate`` (mobile template
        validation), ``sdk`` (the script) or ``sharer``. ``body`` is sent as JSON (a ``str`` as is);
        by default Kakao's error shape ``{"code": -<status>, "msg": ...}``.
        """
        if endpoint not in FAILABLE:
            raise ValueError(f"unknown endpoint {endpoint!r}; one of {FAILABLE}")
        if body is None:
            body = {"code": -status, "msg": f"fake {endpoint} failure"}
        self._failures[endpoint] = _Failure(status, body, times, dict(headers or {}))

    def clear_failures(self) -> None:
        self._failures.clear()

    def reset(self) -> None:
        """Forget every record (failures stay)."""
        self.sdk_requests.clear()
        self.sharer_requests.clear()
        self.kapi_requests.clear()
        self.preflights.clear()
        self.app_links.clear()
        self._share_cursor = 0

    # ---- views ---------------------------------------------------------------------------------
    @property
    def shares(self) -> list[ShareRequest]:
        """Every desktop share: the form POSTs to ``/picker/link``, in arrival order."""
        return [r for r in self.sharer_requests if r.is_share]

    def kapi(self, endpoint: str | None = None) -> list[KapiRequest]:
        """Recorded kapi requests (not preflights), optionally of one endpoint."""
        return [r for r in self.kapi_requests if endpoint is None or r.endpoint == endpoint]

    @property
    def uploads(self) -> list[KapiRequest]:
        return self.kapi("upload")

    @property
    def image_scraps(self) -> list[KapiRequest]:
        return self.kapi("scrap")

    @property
    def deletions(self) -> list[KapiRequest]:
        return self.kapi("delete")

    @property
    def validations(self) -> list[KapiRequest]:
        return self.kapi("validate")

    @property
    def failed_pages(self) -> list[ShareRequest]:
        return [r for r in self.sharer_requests if r.path == SHARER_FAILED_PATH]

    # ---- waiting -------------------------------------------------------------------------------
    @staticmethod
    def pump(target: Page | BrowserContext, ms: float) -> None:
        """Let Playwright deliver events (route handlers run only while the sync API waits)."""
        page = target if isinstance(target, Page) else None
        if page is None or page.is_closed():
            page = next((p for p in getattr(target, "pages", []) if not p.is_closed()), None)
            if page is None and isinstance(target, Page):
                page = next((p for p in target.context.pages if not p.is_closed()), None)
        if page is not None:
            page.wait_for_timeout(ms)
            return
        context = target if isinstance(target, BrowserContext) else target.context
        with contextlib.suppress(PlaywrightError):
            context.wait_for_event("page", timeout=ms)

    def wait_for(
        self, target: Page | BrowserContext, probe: Callable[[], T], timeout: float = 5_000, what: str = "condition"
    ) -> T:
        """Pump events until ``probe()`` returns something truthy; return it."""
        deadline = time.monotonic() + timeout / 1000
        while True:
            value = probe()
            if value:
                return value
            if time.monotonic() >= deadline:
                raise AssertionError(f"timed out after {timeout:.0f} ms waiting for {what}; {self.summary()}")
            self.pump(target, 20)

    def wait_for_share(self, target: Page | BrowserContext, timeout: float = 5_000) -> ShareRequest:
        """The next desktop share not yet returned by this method (shares arrive from the popup)."""
        index = self._share_cursor
        self.wait_for(target, lambda: len(self.shares) > index, timeout, f"share #{index + 1}")
        self._share_cursor = index + 1
        return self.shares[index]

    def wait_for_shares(self, target: Page | BrowserContext, count: int, timeout: float = 5_000) -> list[ShareRequest]:
        """All shares once at least ``count`` have arrived (moves the cursor past them)."""
        self.wait_for(target, lambda: len(self.shares) >= count, timeout, f"{count} shares")
        self._share_cursor = max(self._share_cursor, len(self.shares))
        return list(self.shares)

    def wait_for_kapi(
        self, target: Page | BrowserContext, endpoint: str, count: int = 1, timeout: float = 5_000
    ) -> KapiRequest:
        """The ``count``-th recorded request to a kapi endpoint."""
        if endpoint not in KAPI_ENDPOINTS:
            raise ValueError(f"unknown endpoint {endpoint!r}; one of {KAPI_ENDPOINTS}")
        self.wait_for(target, lambda: len(self.kapi(endpoint)) >= count, timeout, f"kapi {endpoint}")
        return self.kapi(endpoint)[count - 1]

    def wait_for_app_link(self, target: Page | BrowserContext, timeout: float = 5_000) -> AppLinkRequest:
        self.wait_for(target, lambda: self.app_links, timeout, "an app-link navigation")
        return self.app_links[-1]

    def expect_no_share(self, target: Page | BrowserContext, within_ms: float = 300) -> None:
        """Pump for ``within_ms`` and assert no share arrived beyond those already returned."""
        before = len(self.shares)
        deadline = time.monotonic() + within_ms / 1000
        while time.monotonic() < deadline:
            self.pump(target, 25)
        extra = self.shares[before:]
        assert not extra, f"unexpected share(s): {extra}"

    def summary(self) -> str:
        return (
            f"recorded: {len(self.sdk_requests)} sdk, {len(self.sharer_requests)} sharer "
            f"({len(self.shares)} shares), {len(self.kapi_requests)} kapi, {len(self.app_links)} app links"
            + (f"; handler errors: {self.handler_errors}" if self.handler_errors else "")
        )

    # ---- routes --------------------------------------------------------------------------------
    def install(self, context: BrowserContext) -> None:
        context.route(f"https://{SDK_HOST}/**", self._guarded(self._serve_sdk))
        context.route(f"https://{SHARER_HOST}/**", self._guarded(self._serve_sharer))
        context.route(f"https://{KAPI_HOST}/**", self._guarded(self._serve_kapi))
        context.route(f"https://{APP_LINK_HOST}/**", self._guarded(self._serve_app_link))
        # Android's intent:// navigation never reaches a route; Chromium still reports it as a request.
        context.on("request", self._watch_app_scheme)

    def _watch_app_scheme(self, request: Any) -> None:
        if request.url.startswith(APP_LINK_SCHEMES):
            self.app_links.append(AppLinkRequest(url=request.url, headers=dict(request.headers)))

    def _guarded(self, handler: Callable[[Route], None]) -> Callable[[Route], None]:
        def run(route: Route) -> None:
            try:
                handler(route)
            except PlaywrightError as exc:  # the request went away (popup closed, navigation replaced)
                self.handler_errors.append(f"{route.request.url}: {exc}")
            except Exception as exc:
                self.handler_errors.append(f"{route.request.url}: {exc!r}")
                with contextlib.suppress(PlaywrightError):
                    route.fulfill(status=500, body=f"fake kakao error: {exc!r}")

        return run

    def _take_failure(self, endpoint: str) -> _Failure | None:
        failure = self._failures.get(endpoint)
        if failure is None:
            return None
        if failure.times is not None:
            failure.times -= 1
            if failure.times <= 0:
                del self._failures[endpoint]
        return failure

    @staticmethod
    def _body_text(body: Any) -> str:
        return body if isinstance(body, str) else json.dumps(body, ensure_ascii=False)

    def _serve_sdk(self, route: Route) -> None:
        self.sdk_requests.append(route.request.url)
        asked = _VERSION_IN_URL.search(urlsplit(route.request.url).path)
        if not asked or not self.serves(asked.group(1)):
            route.fulfill(status=404, body=f"not found (KAKAO_SDK_FILE is {self.file_version})")
            return
        failure = self._take_failure("sdk")
        if failure:
            route.fulfill(status=failure.status, body=self._body_text(failure.body))
            return
        route.fulfill(
            status=200,
            body=self.sdk_body,
            headers={"Content-Type": "text/javascript", "Access-Control-Allow-Origin": "*"},
        )

    def _serve_sharer(self, route: Route) -> None:
        request = route.request
        parts = urlsplit(request.url)
        headers = request.all_headers()
        body = request.post_data_buffer or b""
        content_type = headers.get("content-type", "")
        fields = parse_form(body) if "x-www-form-urlencoded" in content_type else ()
        record = ShareRequest(
            method=request.method,
            url=request.url,
            path=parts.path,
            query=tuple(parse_qsl(parts.query, keep_blank_values=True)),
            headers=headers,
            fields=fields,
            body=body,
        )
        self.sharer_requests.append(record)
        failure = self._take_failure("sharer") if record.is_share else None
        if failure:
            route.fulfill(status=failure.status, body=self._body_text(failure.body))
            return
        if request.method == "GET" and record.path == "/picker/link":
            # The popup's own first load (window.open with the sharer URL). Answered "204 No Content",
            # which commits nothing: an instant 200 could commit in the popup after the SDK's form POST
            # started and make Chromium drop the POST (a race real network latency never loses).
            route.fulfill(status=204, body="")
            return
        what = record.validation_action or record.path
        route.fulfill(status=200, content_type="text/html; charset=utf-8", body=_SHARER_PAGE.format(what=what))

    def _serve_app_link(self, route: Route) -> None:
        self.app_links.append(AppLinkRequest(url=route.request.url, headers=route.request.all_headers()))
        route.fulfill(status=200, content_type="text/html; charset=utf-8", body=_APP_LINK_PAGE)

    @staticmethod
    def _endpoint(method: str, path: str) -> str:
        if path == UPLOAD_PATH:
            return "upload"
        if path == SCRAP_PATH:
            return "scrap"
        if path == DELETE_PATH:
            return "delete"
        if path.startswith(VALIDATE_PREFIX) and path[len(VALIDATE_PREFIX) :] in ("default", "validate", "scrap"):
            return "validate"
        return "unknown"

    @staticmethod
    def _cors(headers: dict[str, str]) -> dict[str, str]:
        return {"Access-Control-Allow-Origin": headers.get("origin") or "*", "Vary": "Origin"}

    def _serve_kapi(self, route: Route) -> None:
        request = route.request
        parts = urlsplit(request.url)
        headers = request.all_headers()
        method = request.method
        endpoint = self._endpoint(method, parts.path)
        body = request.post_data_buffer or b""
        content_type = headers.get("content-type", "")
        record = KapiRequest(
            method=method,
            url=request.url,
            path=parts.path,
            query=tuple(parse_qsl(parts.query, keep_blank_values=True)),
            headers=headers,
            body=body,
            endpoint=endpoint,
            form=parse_form(body) if "x-www-form-urlencoded" in content_type else (),
            parts=parse_multipart(body, content_type) if "multipart/form-data" in content_type else (),
            preflight=method == "OPTIONS",
        )
        cors = self._cors(headers)
        if record.preflight:
            # Chromium under Playwright answers preflights itself; this serves other engines.
            self.preflights.append(record)
            route.fulfill(
                status=200,
                headers={
                    **cors,
                    "Access-Control-Allow-Methods": "GET, POST, PUT, DELETE, OPTIONS",
                    "Access-Control-Allow-Headers": headers.get("access-control-request-headers")
                    or "Authorization, KA, Content-Type",
                    "Access-Control-Max-Age": "1728000",
                },
                body="",
            )
            return
        self.kapi_requests.append(record)
        expected_method = {"upload": "POST", "scrap": "POST", "delete": "DELETE", "validate": "GET"}.get(endpoint)
        if endpoint == "unknown" or method != expected_method:
            self._json(route, 404, {"code": -1, "msg": f"fake kapi: no {method} {parts.path}"}, cors)
            return
        failure = self._take_failure(endpoint)
        if failure:
            self._json(route, failure.status, failure.body, {**cors, **failure.headers})
            return
        if not (record.authorization or "").startswith("KakaoAK "):
            self._json(route, 401, {"code": -401, "msg": "fake kapi: no KakaoAK authorization"}, cors)
            return
        status, answer = getattr(self, f"_answer_{endpoint}")(record)
        self._json(route, status, answer, cors)

    def _json(self, route: Route, status: int, body: Any, headers: dict[str, str]) -> None:
        route.fulfill(
            status=status,
            headers={**headers, "Content-Type": "application/json;charset=UTF-8"},
            body=self._body_text(body),
        )

    @staticmethod
    def _image_info(url: str, content_type: str, data: bytes) -> dict[str, Any]:
        width, height = image_size(data)
        return {
            "infos": {
                "original": {
                    "url": url,
                    "content_type": content_type,
                    "length": len(data),
                    "width": width,
                    "height": height,
                }
            }
        }

    def _answer_upload(self, record: KapiRequest) -> tuple[int, Any]:
        files = record.file_parts
        if not files:
            return 400, {"code": -2, "msg": "file is required (fake kapi: the multipart body has no file part)"}
        first = files[0]
        self._uploads += 1
        digest = hashlib.sha1(first.data).hexdigest()[:12]
        url = f"https://k.kakaocdn.net/dn/fake{self._uploads}/{digest}/{first.filename or 'image'}"
        return 200, self._image_info(url, first.content_type or "application/octet-stream", first.data)

    def _answer_scrap(self, record: KapiRequest) -> tuple[int, Any]:
        image_url = record.form_dict.get("image_url")
        if not image_url:
            return 400, {"code": -2, "msg": "image_url is required"}
        digest = hashlib.sha1(image_url.encode()).hexdigest()[:12]
        name = urlsplit(image_url).path.rsplit("/", 1)[-1] or "image"
        suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        content_type = {
            "png": "image/png",
            "gif": "image/gif",
            "jpg": "image/jpeg",
            "jpeg": "image/jpeg",
            "webp": "image/webp",
        }.get(suffix, "image/jpeg")
        return 200, self._image_info(f"https://k.kakaocdn.net/dn/fakescrap/{digest}/{name}", content_type, b"")

    def _answer_delete(self, record: KapiRequest) -> tuple[int, Any]:
        if not record.query_dict.get("image_url"):
            return 400, {"code": -2, "msg": "image_url is required"}
        return 200, {}

    def _answer_validate(self, record: KapiRequest) -> tuple[int, Any]:
        query = record.query_dict
        kind = record.validation_kind
        if query.get("link_ver") != "4.0":
            return 400, {"code": -2, "msg": "link_ver must be 4.0"}
        args = json_or_none(query.get("template_args")) or {}
        if kind == "default":
            template = record.template_object
            if not isinstance(template, dict):
                return 400, {"code": -2, "msg": "template_object is required"}
            template_id, content = 0, template
        elif kind == "validate":
            if not query.get("template_id", "").isdigit():
                return 400, {"code": -2, "msg": "template_id is required"}
            template_id, content = int(query["template_id"]), {}
        else:
            if not query.get("request_url"):
                return 400, {"code": -2, "msg": "request_url is required"}
            raw_id = query.get("template_id", "")
            template_id, content = (int(raw_id) if raw_id.isdigit() else 0), {"request_url": query["request_url"]}
        return 200, {
            "template_id": template_id,
            "template_args": args,
            "template_msg": {"P": {}, "C": content},
            "warning_msg": {},
            "argument_msg": {},
        }
