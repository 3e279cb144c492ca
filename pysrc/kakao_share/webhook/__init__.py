"""Receive Kakao's share webhook on a server: the only way a site learns that a share was delivered.

Server-side only (not in the browser bundle); needs the ``webhook`` extra: ``pip install
'kakao-share[webhook]'``. Run it with ``kakao-share webhook --db sqlite:///events.db`` or mount
:func:`create_app` in an existing Starlette/FastAPI app::

    from kakao_share.webhook import EventStore, create_app

    store = EventStore("postgresql://user@host/db")     # or "sqlite:///events.db"
    app = create_app(
        store,
        spool=Spool("/var/lib/kakao-share/spool.db"),   # where events wait while the store is down
        admin_key=os.environ["KAKAO_ADMIN_KEY"],        # one key, or several separated by commas
        read_token=os.environ.get("READ_TOKEN"),
    )

Every event is committed before Kakao gets its 2xx, to the store or (while the store cannot take it) to
the local spool, and the resource id is unique in both, so a retry is stored once, across restarts and
across receivers sharing one store.
"""

from __future__ import annotations

from ._app import DEFAULT_BODY_LIMIT, WEBHOOK_PATH, admin_keys, create_app
from ._errors import BadWebhookRequest, StoreError, StoreUnavailable
from ._event import KAKAO_PARAMS, ChatType, ShareEvent, parse_params
from ._forwarding import Outcome, StoreAndForward
from ._reading import csv_lines, jsonl_lines, stats_document
from ._serving import RunningServer, ServeError, bind, serve_forever
from ._spool import Backlog, Spool
from ._store import EventStore, Stats, StoredEvent

__all__ = [
    "DEFAULT_BODY_LIMIT",
    "KAKAO_PARAMS",
    "WEBHOOK_PATH",
    "Backlog",
    "BadWebhookRequest",
    "ChatType",
    "EventStore",
    "Outcome",
    "RunningServer",
    "ServeError",
    "ShareEvent",
    "Spool",
    "Stats",
    "StoreAndForward",
    "StoreError",
    "StoreUnavailable",
    "StoredEvent",
    "admin_keys",
    "bind",
    "create_app",
    "csv_lines",
    "jsonl_lines",
    "parse_params",
    "serve_forever",
    "stats_document",
]
