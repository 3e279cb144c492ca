"""A table made by an earlier version, brought up to date when a store opens: the columns added since,
filled from where earlier versions kept those values, so no stored event reads differently."""

from __future__ import annotations

import logging
from collections.abc import Callable

from sqlalchemy import Engine, Text, cast, inspect, select, text, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import SQLAlchemyError

from ._database import events_table
from ._errors import BadWebhookRequest, StoreUnavailable
from ._event import IS_SINGLE_CHATROOM, kakao_boolean

__all__ = ["upgrade"]

log = logging.getLogger("kakao_share.webhook")


def _single_chatroom_from_args(conn: Connection) -> int:
    """Before it had a column, ``IS_SINGLE_CHATROOM`` was kept among the callback args, as text: move it.
    A value that is not a boolean stays among the args, as it was received."""
    table = events_table
    moved = 0
    rows = conn.execute(
        select(table.c.id, table.c.args).where(cast(table.c.args, Text).like(f"%{IS_SINGLE_CHATROOM}%"))
    ).all()
    for row_id, args in rows:
        raw = args.get(IS_SINGLE_CHATROOM) if isinstance(args, dict) else None
        if not isinstance(raw, str):
            continue
        try:
            value = kakao_boolean(IS_SINGLE_CHATROOM, raw)
        except BadWebhookRequest:
            continue
        rest = {k: v for k, v in args.items() if k != IS_SINGLE_CHATROOM}
        conn.execute(update(table).where(table.c.id == row_id).values(is_single_chatroom=value, args=rest))
        moved += 1
    return moved


#: How each column added after the first release is filled in rows stored before it existed.
_FILLS: dict[str, Callable[[Connection], int]] = {"is_single_chatroom": _single_chatroom_from_args}


def upgrade(engine: Engine, url: str) -> None:
    """Add the columns the table lacks (all nullable) and fill them, in one transaction: a store is either
    brought up to date or left as it was. Several receivers may open one store at once; the one that
    loses the race finds the columns there when it looks again."""
    for _attempt in range(2):
        present = {c["name"] for c in inspect(engine).get_columns(events_table.name)}
        missing = [c for c in events_table.columns if c.name not in present]
        if not missing:
            return
        try:
            with engine.begin() as conn:
                for column in missing:
                    kind = column.type.compile(dialect=engine.dialect)
                    conn.execute(text(f"ALTER TABLE {events_table.name} ADD COLUMN {column.name} {kind}"))
                    log.info("added the column %s to %s in %s", column.name, events_table.name, url)
                    fill = _FILLS.get(column.name)
                    if fill is not None:
                        log.info("filled %s in %d stored events", column.name, fill(conn))
            return
        except SQLAlchemyError:
            continue  # another receiver added them in between: look again
    raise StoreUnavailable(f"cannot add the columns {', '.join(c.name for c in missing)} to {events_table.name}")
