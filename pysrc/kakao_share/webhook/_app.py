"""The receiver as an ASGI application (Starlette): the webhook, the event export and the stats.

Routes are relative, so the app can run alone (``kakao-share webhook``) or be mounted in a site's own
Starlette/FastAPI app:

- ``GET|POST /kakao/webhook``: Kakao's call. The admin key is checked (constant time) before any of
  the body is read; bodies are bounded; the answer comes after the row is committed, 5xx when it was not.
- ``GET /kakao/events``: stored events as JSON lines or CSV (``Authorization: Bearer <read token>``).
- ``GET /kakao/stats``: share counts per hour/day and per chat type, template or callback argument
  (same token): the data behind the demo site's ``stats.html``.
"""

from __future__ import annotations

import hmac
from collections.abc import AsyncIterator, Callable, Coroutine
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

from pydantic import ValidationError
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from ._errors import BadWebhookRequest, StoreUnavailable
from ._event import ShareEvent, parse_params
from ._reading import FORMATS, csv_lines, jsonl_lines, stats_document
from ._store import BUCKETS, EventStore

__all__ = ["DEFAULT_BODY_LIMIT", "WEBHOOK_PATH", "create_app"]

WEBHOOK_PATH = "/kakao/webhook"
EVENTS_PATH = "/kakao/events"
STATS_PATH = "/kakao/stats"
#: Kakao's calls carry a few short parameters; 8 KB is generous.
DEFAULT_BODY_LIMIT = 8 * 1024
#: Kakao waits 3 s for the status; answering 503 before that lets its retry (if any) find a healthy store.
DEFAULT_ANSWER_WITHIN = 2.5
#: How far back stats look when the request does not say.
_DEFAULT_SPAN = {"hour": timedelta(hours=48), "day": timedelta(days=30)}

Endpoint = Callable[[Request], Coroutine[Any, Any, Response]]


def _error(status: int, message: str, **headers: str) -> JSONResponse:
    # The body may be unread: closing the connection keeps the rest of it from being read at all.
    return JSONResponse({"ok": False, "error": message}, status, headers={"Connection": "close", **headers})


def _same_secret(given: str, expected: bytes) -> bool:
    return hmac.compare_digest(given.encode("latin-1", "replace"), expected)


def _parse_time(request: Request, name: str) -> datetime | None:
    raw = request.query_params.get(name)
    if not raw:
        return None
    try:
        moment = datetime.fromisoformat(raw)
    except ValueError:
        raise BadWebhookRequest(400, f"{name} must be an ISO 8601 date or time, not {raw!r}") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _parse_int(request: Request, name: str, default: int, low: int, high: int) -> int:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise BadWebhookRequest(400, f"{name} must be a whole number, not {raw!r}") from None
    if not low <= value <= high:
        raise BadWebhookRequest(400, f"{name} must be between {low} and {high}, not {value}")
    return value


def create_app(
    store: EventStore,
    *,
    admin_key: str | None,
    read_token: str | None = None,
    allow_unauthenticated: bool = False,
    body_limit: int = DEFAULT_BODY_LIMIT,
    answer_within: float = DEFAULT_ANSWER_WITHIN,
    close_store: bool = False,
) -> Starlette:
    """The receiver's ASGI app over ``store``.

    ``admin_key`` is the Kakao app's admin key; without one the app refuses to be built unless
    ``allow_unauthenticated=True`` (local testing: anyone can then write events). ``read_token`` guards
    the export and stats endpoints (``Authorization: Bearer <token>``); without one they answer 403.
    ``close_store`` closes the store at the app's shutdown (when the app owns it).
    """
    if not admin_key and not allow_unauthenticated:
        raise ValueError(
            "no admin key: pass the Kakao app's admin key, or allow_unauthenticated=True for local testing only"
        )
    expected_auth = f"KakaoAK {admin_key}".encode() if admin_key else None
    expected_read = f"Bearer {read_token}".encode() if read_token else None

    async def webhook(request: Request) -> Response:
        if expected_auth is not None and not _same_secret(request.headers.get("authorization", ""), expected_auth):
            return _error(401, "Authorization must be 'KakaoAK <admin key>'", **{"WWW-Authenticate": "KakaoAK"})
        resource_id = request.headers.get("x-kakao-resource-id", "").strip()
        if not resource_id:
            return _error(400, "the X-Kakao-Resource-ID header is missing")
        declared = request.headers.get("content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > body_limit):
            return _error(413, f"the body is larger than {body_limit} bytes")
        body = bytearray()
        async for chunk in request.stream():
            body += chunk
            if len(body) > body_limit:
                return _error(413, f"the body is larger than {body_limit} bytes")
        try:
            params = parse_params(request.scope["query_string"], request.headers.get("content-type", ""), bytes(body))
            event = ShareEvent.from_params(resource_id, params, datetime.now(UTC))
        except BadWebhookRequest as exc:
            return _error(exc.status, exc.message)
        except ValidationError as exc:
            problem = exc.errors()[0]
            where = ".".join(str(p) for p in problem["loc"])
            return _error(400, f"{where}: {problem['msg']}")
        try:
            new = await store.add(event, timeout=answer_within)
        except StoreUnavailable as exc:
            return JSONResponse({"ok": False, "error": str(exc)}, 503, headers={"Retry-After": "1"})
        return JSONResponse({"ok": True, "duplicate": not new})

    def reader(endpoint: Endpoint) -> Endpoint:
        async def guarded(request: Request) -> Response:
            if expected_read is None:
                return _error(403, "reading events is off: start the receiver with a read token")
            if not _same_secret(request.headers.get("authorization", ""), expected_read):
                return _error(401, "Authorization must be 'Bearer <read token>'", **{"WWW-Authenticate": "Bearer"})
            try:
                return await endpoint(request)
            except BadWebhookRequest as exc:
                return _error(exc.status, exc.message)

        return guarded

    @reader
    async def events(request: Request) -> Response:
        fmt = request.query_params.get("format", "jsonl")
        if fmt not in FORMATS:
            raise BadWebhookRequest(400, f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
        found = store.events(
            since=_parse_time(request, "since"),
            until=_parse_time(request, "until"),
            after_id=_parse_int(request, "after_id", 0, 0, 2**62),
            limit=_parse_int(request, "limit", 10_000, 1, 1_000_000),
        )
        lines = jsonl_lines(found) if fmt == "jsonl" else csv_lines(found)
        disposition = f'attachment; filename="kakao-share-events.{fmt}"'
        return StreamingResponse(lines, media_type=FORMATS[fmt], headers={"Content-Disposition": disposition})

    @reader
    async def stats(request: Request) -> Response:
        bucket = request.query_params.get("bucket", "day")
        if bucket not in BUCKETS:
            raise BadWebhookRequest(400, f"bucket must be one of {', '.join(BUCKETS)}, not {bucket!r}")
        by = request.query_params.get("by", "chat_type")
        if by not in {"chat_type", "template_id"} and not (by.startswith("arg:") and len(by) > 4):
            raise BadWebhookRequest(400, f"by must be chat_type, template_id or arg:<name>, not {by!r}")
        offset = _parse_int(request, "utc_offset_minutes", 0, -14 * 60, 14 * 60)
        until = _parse_time(request, "until")
        since = _parse_time(request, "since") or (until or datetime.now(UTC)) - _DEFAULT_SPAN[bucket]
        top = _parse_int(request, "top", 8, 1, 50)
        result = await run_in_threadpool(
            store.stats,
            bucket=bucket,
            by=by,
            since=since,
            until=until,
            utc_offset_minutes=offset,
        )
        document = stats_document(result, utc_offset_minutes=offset, top=top)
        document["since"] = since.isoformat()
        document["until"] = until.isoformat() if until else None
        return JSONResponse(document, headers={"Cache-Control": "no-store"})

    @asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        yield
        if close_store:
            await run_in_threadpool(store.close)

    return Starlette(
        routes=[
            Route(WEBHOOK_PATH, webhook, methods=["GET", "POST"]),
            Route(EVENTS_PATH, events, methods=["GET"]),
            Route(STATS_PATH, stats, methods=["GET"]),
        ],
        lifespan=lifespan,
    )
