"""What the page inspector raises: :class:`InspectError`, :class:`FetchFailed` and :class:`AddressRefused`."""

from __future__ import annotations

from .. import KakaoShareError
from .._i18n import Text

__all__ = ["AddressRefused", "FetchFailed", "InspectError"]


class InspectError(KakaoShareError):
    """The target cannot be inspected (no such folder or file, a URL that is not http(s), nothing to read)."""


class FetchFailed(InspectError):
    """A fetch that gave no response: network error, refused address, too many redirects, another site.
    The inspector reports it as a finding about what it tried to fetch, in the report's language:
    ``reason`` says why in English (the message) and Korean."""

    def __init__(self, message: str, korean: str | None = None) -> None:
        super().__init__(message)
        self.reason = Text(message, korean or message)


class AddressRefused(FetchFailed):
    """A fetch would have connected to an address the inspection may not reach (private, loopback,
    link-local); raised before any connection is opened."""
