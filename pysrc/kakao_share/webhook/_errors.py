"""What the receiver can refuse or fail at, in the library's one exception hierarchy."""

from __future__ import annotations

from .._exceptions import KakaoShareError

__all__ = ["BadWebhookRequest", "StoreError", "StoreUnavailable"]


class BadWebhookRequest(KakaoShareError):
    """A webhook call this receiver refuses; ``status`` is the HTTP status it answers with."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class StoreError(KakaoShareError):
    """The event store cannot be opened or used as configured (a bad URL, an unsupported database)."""


class StoreUnavailable(StoreError):
    """A write did not commit (disk full, read-only, database down, too slow): spool it, or answer 5xx."""
