"""The share event Kakao's webhook reports, and how one request's parameters become one event.

Kakao sends ``CHAT_TYPE``, ``HASH_CHAT_ID``, (for custom templates) ``TEMPLATE_ID`` and (to some apps)
``IS_SINGLE_CHATROOM`` itself; every other parameter is a key of the page's ``serverCallbackArgs``.
Values arrive as query parameters (GET), a JSON object or a form (POST); they are kept as strings, the
way the page wrote them, except ``IS_SINGLE_CHATROOM``, a boolean.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from enum import StrEnum
from typing import Annotated
from urllib.parse import parse_qsl

from pydantic import BaseModel, ConfigDict, Field

from ._errors import BadWebhookRequest

__all__ = ["IS_SINGLE_CHATROOM", "KAKAO_PARAMS", "ChatType", "ShareEvent", "kakao_boolean", "parse_params"]

#: Parameters Kakao adds itself; everything else came from the page's ``serverCallbackArgs``.
IS_SINGLE_CHATROOM = "IS_SINGLE_CHATROOM"
KAKAO_PARAMS = ("CHAT_TYPE", "HASH_CHAT_ID", "TEMPLATE_ID", IS_SINGLE_CHATROOM)


class ChatType(StrEnum):
    """Where the message was shared (``CHAT_TYPE``). Unknown future values are kept as plain strings."""

    MEMO = "MemoChat"
    DIRECT = "DirectChat"
    MULTI = "MultiChat"
    OPEN_DIRECT = "OpenDirectChat"
    OPEN_MULTI = "OpenMultiChat"


class ShareEvent(BaseModel):
    """One delivered share, as Kakao reported it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    resource_id: str = Field(min_length=1, max_length=200)
    """``X-Kakao-Resource-ID``: unique per webhook call, repeated by retries."""
    received_at: datetime
    """When this receiver got the call (timezone-aware, UTC)."""
    chat_type: ChatType | Annotated[str, Field(max_length=100)] | None = Field(default=None, union_mode="left_to_right")
    hash_chat_id: str | None = Field(default=None, max_length=200)
    """A hashed chat room id, stable per room for the app."""
    template_id: str | None = Field(default=None, max_length=100)
    is_single_chatroom: bool | None = None
    """``IS_SINGLE_CHATROOM``: no one but the sender is in the room (sent to some apps only)."""
    args: dict[str, str] = Field(default_factory=dict)
    """The page's ``serverCallbackArgs``."""

    @classmethod
    def from_params(cls, resource_id: str, params: Mapping[str, str], received_at: datetime) -> ShareEvent:
        return cls(
            resource_id=resource_id,
            received_at=received_at,
            chat_type=params.get("CHAT_TYPE"),
            hash_chat_id=params.get("HASH_CHAT_ID"),
            template_id=params.get("TEMPLATE_ID"),
            is_single_chatroom=kakao_boolean(IS_SINGLE_CHATROOM, params.get(IS_SINGLE_CHATROOM)),
            args={k: v for k, v in params.items() if k not in KAKAO_PARAMS},
        )


def kakao_boolean(name: str, raw: str | None) -> bool | None:
    """Kakao's booleans arrive as ``true``/``false`` (a JSON boolean or a query string's text)."""
    if raw is None or raw == "":
        return None
    if raw.lower() in {"true", "false"}:
        return raw.lower() == "true"
    raise BadWebhookRequest(400, f"{name} must be true or false, not {raw[:40]!r}")


def _as_text(value: object) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _decode(raw: bytes, what: str) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadWebhookRequest(400, f"{what} is not UTF-8 (byte {exc.start})") from None


def _pairs(encoded: str) -> dict[str, str]:
    try:
        return dict(parse_qsl(encoded, keep_blank_values=True, strict_parsing=False, errors="strict"))
    except UnicodeDecodeError as exc:
        raise BadWebhookRequest(400, f"a percent-encoded value is not UTF-8 (byte {exc.start})") from None


def parse_params(query: bytes, content_type: str, body: bytes) -> dict[str, str]:
    """The webhook's parameters: the query string, then a POST body (JSON object or form) over it."""
    params = _pairs(_decode(query, "the query string"))
    if not body:
        return params
    media_type = content_type.split(";", 1)[0].strip().lower()
    if media_type == "application/json" or media_type.endswith("+json"):
        try:
            decoded = json.loads(_decode(body, "the JSON body"))
        except ValueError as exc:
            raise BadWebhookRequest(400, f"the body is not valid JSON: {exc}") from None
        if not isinstance(decoded, dict):
            raise BadWebhookRequest(400, f"the JSON body must be an object, not {type(decoded).__name__}")
        params.update({str(k): _as_text(v) for k, v in decoded.items()})
    elif media_type == "application/x-www-form-urlencoded":
        params.update(_pairs(_decode(body, "the form body")))
    else:
        raise BadWebhookRequest(
            415, f"Content-Type {media_type or '(none)'!r} is not accepted: send application/json or a form"
        )
    return params
