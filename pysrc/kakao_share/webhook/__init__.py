"""Receive Kakao's share webhook on a server: the only way a site learns that a share was delivered.

Server-side only (not in the browser bundle); needs the ``webhook`` extra: ``pip install
'kakao-share[webhook]'``. Run it with ``kakao-share webhook --db sqlite:///events.db`` or mount
:func:`create_app` in an existing Starlette/FastAPI app::

    from kakao_share.webhook import EventStore, create_app

    store = EventStore("sqlite:///events.db")          # or "postgresql://user@host/db"
    app = create_app(store, admin_key=os.environ["KAKAO_ADMIN_KEY"], read_token=os.environ.get("READ_TOKEN"))

Every event is committed before Kakao gets its 2xx, and the resource id is unique in the database, so a
retry is stored once, across restarts and across receivers sharing one store.
"""

from __future__ import annotations

from ._app import DEFAULT_BODY_LIMIT, WEBHOOK_PATH, create_app
from ._errors import BadWebhookRequest, StoreError, StoreUnavailable
from ._event import KAKAO_PARAMS, ChatType, ShareEvent, parse_params
from ._reading import csv_lines, jsonl_lines, stats_document
from ._serving import RunningServer, ServeError, bind, serve_forever
from ._store import EventStore, Stats, StoredEvent

__all__ = [
    "DEFAULT_BODY_LIMIT",
    "KAKAO_PARAMS",
    "WEBHOOK_PATH",
    "BadWebhookRequest",
    "ChatType",
    "EventStore",
    "RunningServer",
    "ServeError",
    "ShareEvent",
    "Stats",
    "StoreError",
    "StoreUnavailable",
    "StoredEvent",
    "bind",
    "create_app",
    "csv_lines",
    "jsonl_lines",
    "parse_params",
    "serve_forever",
    "stats_document",
]
