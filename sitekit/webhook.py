"""Receive Kakao's share webhook: the only way a site learns that a share was delivered.

Kakao calls the URL registered in the app console (GET or POST, as registered) after a message that
carried ``serverCallbackArgs`` is sent. It authenticates with the app's *admin key*
(``Authorization: KakaoAK <admin key>``), marks each call with a unique ``X-Kakao-Resource-ID`` (retries
repeat it) and must get a 2xx within 3 seconds, so the handler only checks, records and answers.
"""

from __future__ import annotations

import hmac
import json
import os
import threading
import time
from collections import OrderedDict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

#: Parameters Kakao adds itself; everything else came from the page's ``serverCallbackArgs``.
KAKAO_PARAMS = ("CHAT_TYPE", "HASH_CHAT_ID", "TEMPLATE_ID")
CHAT_TYPES = {"MemoChat", "DirectChat", "MultiChat", "OpenDirectChat", "OpenMultiChat"}


@dataclass(frozen=True)
class ShareEvent:
    """One delivered share, as Kakao reported it."""

    resource_id: str
    chat_type: str | None
    hash_chat_id: str | None
    template_id: str | None
    args: dict[str, str] = field(default_factory=dict)
    received_at: float = 0.0


class WebhookInbox:
    """Checks, de-duplicates and records webhook calls; the server hands it each request."""

    def __init__(
        self, *, admin_key: str | None, path: str = "/kakao/webhook", log_file: Path | None = None, keep: int = 1000
    ) -> None:
        self.admin_key = admin_key
        self.path = path
        self.log_file = log_file
        self._keep = keep
        self._events: OrderedDict[str, ShareEvent] = OrderedDict()
        self._lock = threading.Lock()

    @classmethod
    def from_env(cls) -> WebhookInbox:
        """``KAKAO_ADMIN_KEY`` turns on authentication; ``KAKAO_WEBHOOK_LOG`` appends events as JSON lines."""
        log = os.environ.get("KAKAO_WEBHOOK_LOG")
        return cls(admin_key=os.environ.get("KAKAO_ADMIN_KEY") or None, log_file=Path(log) if log else None)

    @property
    def events(self) -> list[ShareEvent]:
        with self._lock:
            return list(self._events.values())

    def receive(self, method: str, target: str, headers: dict[str, str], body: bytes) -> tuple[int, str]:
        """Handle one call; returns (HTTP status, JSON body)."""
        headers = {k.lower(): v for k, v in headers.items()}
        if self.admin_key is not None:
            expected = f"KakaoAK {self.admin_key}"
            if not hmac.compare_digest(headers.get("authorization", "").encode(), expected.encode()):
                return 401, json.dumps({"error": "Authorization must be 'KakaoAK <admin key>'"})
        resource_id = headers.get("x-kakao-resource-id", "").strip()
        if not resource_id:
            return 400, json.dumps({"error": "X-Kakao-Resource-ID header is missing"})
        params = dict(parse_qsl(urlsplit(target).query, keep_blank_values=True))
        if method == "POST" and body:
            ctype = headers.get("content-type", "")
            try:
                if "json" in ctype:
                    decoded = json.loads(body)
                    if not isinstance(decoded, dict):
                        raise ValueError("not an object")
                    params.update({str(k): str(v) for k, v in decoded.items()})
                else:
                    params.update(parse_qsl(body.decode("utf-8"), keep_blank_values=True))
            except (ValueError, UnicodeDecodeError) as exc:
                return 400, json.dumps({"error": f"unreadable body: {exc}"})
        event = ShareEvent(
            resource_id=resource_id,
            chat_type=params.get("CHAT_TYPE"),
            hash_chat_id=params.get("HASH_CHAT_ID"),
            template_id=params.get("TEMPLATE_ID"),
            args={k: v for k, v in params.items() if k not in KAKAO_PARAMS},
            received_at=time.time(),
        )
        with self._lock:
            if resource_id in self._events:
                return 200, json.dumps({"ok": True, "duplicate": True})
            self._events[resource_id] = event
            while len(self._events) > self._keep:
                self._events.popitem(last=False)
            if self.log_file is not None:
                with self.log_file.open("a", encoding="utf-8") as fh:
                    fh.write(json.dumps(asdict(event), ensure_ascii=False) + "\n")
        return 200, json.dumps({"ok": True, "duplicate": False})
