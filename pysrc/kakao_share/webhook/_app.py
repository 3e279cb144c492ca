"""The receiver as an ASGI application (Starlette): the webhook, the event export and the stats.

Routes are relative, so the app can run alone (``kakao-share webhook``) or be mounted in a site's own
Starlette/FastAPI app:

- ``GET|POST /kakao/webhook``: Kakao's call. The admin key (any of several) is checked in constant time
  before any of the body is read; bodies are bounded; the answer comes after the event is committed, to
  the store or, while the store cannot take it, to the local spool; 5xx only when neither committed.
- ``GET /kakao/events``: stored events as JSON lines or CSV (``Authorization: Bearer <read token>``).
- ``GET /kakao/stats``: share counts per hour/day and per chat type, template or callback argument
  (same token): the data behind the demo site's ``stats.html``, with what waits in the spool.
- ``GET /kakao/health``: the store's and the spool's state (same token), 503 when no event could be kept.
"""

from __future__ import annotations

import asyncio
import hmac
from collections.abc import AsyncIterator, Callable, Coroutine, Sequence
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
from ._forwarding import DEFAULT_STORE_WITHIN, Outcome, StoreAndForward
from ._reading import FORMATS, csv_lines, jsonl_lines, stats_document
from ._spool import Spool
from ._store import BUCKETS, EventStore

__all__ = ["DEFAULT_BODY_LIMIT", "WEBHOOK_PATH", "admin_keys", "create_app"]

WEBHOOK_PATH = "/kakao/webhook"
EVENTS_PATH = "/kakao/events"
STATS_PATH = "/kakao/stats"
HEALTH_PATH = "/kakao/health"
#: Kakao's calls carry a few short parameters; 8 KB is generous.
DEFAULT_BODY_LIMIT = 8 * 1024
#: Kakao waits 3 s for the status: the event is committed (to the store or the spool) within this, or 503.
DEFAULT_ANSWER_WITHIN = 2.5
#: How long the health check waits for the store to answer.
_PING_WITHIN = 1.0
#: How far back stats look when the request does not say.
_DEFAULT_SPAN = {"hour": timedelta(hours=48), "day": timedelta(days=30)}

Endpoint = Callable[[Request], Coroutine[Any, Any, Response]]


def _error(status: int, message: str, **headers: str) -> JSONResponse:
    # The body may be unread: closing the connection keeps the rest of it from being read at all.
    return JSONResponse({"ok": False, "error": message}, status, headers={"Connection": "close", **headers})


def _same_secret(given: str, expected: bytes) -> bool:
    return hmac.compare_digest(given.encode("latin-1", "replace"), expected)


def _any_secret(given: str, expected: Sequence[bytes]) -> bool:
    """Compared with every one, with no early exit: the time taken does not say which key matched."""
    found = False
    for candidate in expected:
        found |= _same_secret(given, candidate)
    return found


def admin_keys(keys: str | Sequence[str] | None) -> list[str]:
    """Admin keys from one string (comma-separated, as ``KAKAO_ADMIN_KEY``) or a list: an app can have
    several, and accepting the old and the new one lets a key be rotated without a refused webhook."""
    given = [keys] if isinstance(keys, str) else list(keys or ())
    return [key.strip() for item in given for key in item.split(",") if key.strip()]


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
    admin_key: str | Sequence[str] | None,
    read_token: str | None = None,
    spool: Spool | None = None,
    allow_unauthenticated: bool = False,
    body_limit: int = DEFAULT_BODY_LIMIT,
    answer_within: float = DEFAULT_ANSWER_WITHIN,
    store_within: float = DEFAULT_STORE_WITHIN,
    close_store: bool = False,
) -> Starlette:
    """The receiver's ASGI app over ``store``.

    ``admin_key`` is the Kakao app's admin key, or several (a list, or one comma-separated string); without
    one the app refuses to be built unless ``allow_unauthenticated=True`` (local testing: anyone can then
    write events). ``read_token`` guards the export, stats and health endpoints (``Authorization: Bearer
    <token>``); without one they answer 403. With a ``spool``, an event the store does not commit within
    ``store_within`` seconds is committed there and forwarded later; without one the answer is then 503.
    ``close_store`` closes the store (and the spool) at the app's shutdown (when the app owns them).
    """
    keys = admin_keys(admin_key)
    if not keys and not allow_unauthenticated:
        raise ValueError(
            "no admin key: pass the Kakao app's admin key, or allow_unauthenticated=True for local testing only"
        )
    expected_auth = [f"KakaoAK {key}".encode() for key in keys]
    expected_read = f"Bearer {read_token}".encode() if read_token else None
    intake = StoreAndForward(store, spool, store_within=store_within)

    async def webhook(request: Request) -> Response:
        if expected_auth and not _any_secret(request.headers.get("authorization", ""), expected_auth):
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
            outcome = await intake.add(event, timeout=answer_within)
        except StoreUnavailable as exc:
            return JSONResponse({"ok": False, "error": str(exc)}, 503, headers={"Retry-After": "1"})
        if outcome is Outcome.SPOOLED:
            return JSONResponse({"ok": True, "duplicate": False, "spooled": True})
        return JSONResponse({"ok": True, "duplicate": outcome is Outcome.DUPLICATE})

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
            except StoreUnavailable as exc:
                spooled = await run_in_threadpool(intake.spool_state)
                return JSONResponse({"ok": False, "error": str(exc), "spool": spooled}, 503)

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
        document["spool"] = await run_in_threadpool(intake.spool_state)
        return JSONResponse(document, headers={"Cache-Control": "no-store"})

    @reader
    async def health(_request: Request) -> Response:
        # An executor future, not run_in_threadpool: a database that hangs must not hold the answer.
        ping = asyncio.get_running_loop().run_in_executor(None, store.ping)
        try:
            await asyncio.wait_for(ping, _PING_WITHIN)
            store_error = None
        except StoreUnavailable as exc:
            store_error = str(exc)
        except TimeoutError:
            store_error = f"no answer within {_PING_WITHIN:g} s"
        document = await run_in_threadpool(intake.health, store_error)
        return JSONResponse(document, 200 if document["ok"] else 503, headers={"Cache-Control": "no-store"})

    @asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        yield
        await run_in_threadpool(intake.close if close_store else intake.stop)
        if close_store:
            await run_in_threadpool(store.close)

    return Starlette(
        routes=[
            Route(WEBHOOK_PATH, webhook, methods=["GET", "POST"]),
            Route(EVENTS_PATH, events, methods=["GET"]),
            Route(STATS_PATH, stats, methods=["GET"]),
            Route(HEALTH_PATH, health, methods=["GET"]),
        ],
        lifespan=lifespan,
    )
