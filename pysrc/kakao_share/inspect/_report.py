"""The result of an inspection: :class:`Report` of :class:`PageReport`, its JSON contract and baseline.

JSON (``Report.to_json``), stable::

    {"pages": [{"url": str,
                "message": {…} | null,       # the settings object the page's (first) share sends
                "findings": [{"severity": "error" | "warning", "code": str, "path": str,
                              "rule": str, "fix": str}, …],
                "buttons": [{"message": {…} | null}, …],   # every <kakao-share-button>, in order
                "og": {"og:title": str, …},                 # the Open Graph tags Kakao's scraper reads
                "card_changed": bool}, …]}                  # differs from --baseline
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from ._exceptions import InspectError
from ._rules import Graded

__all__ = ["FailOn", "PageReport", "Report", "read_baseline"]

FailOn = Literal["error", "warning"]


@dataclass
class PageReport:
    """What one page shares and what is wrong with it."""

    url: str
    message: dict[str, Any] | None = None
    buttons: list[dict[str, Any] | None] = field(default_factory=list)
    og: dict[str, str] = field(default_factory=dict)
    findings: list[Graded] = field(default_factory=list)
    previews: list[tuple[str, str]] = field(default_factory=list)
    """(what it shows, HTML from :func:`kakao_share.render_preview`) for each share of the page."""
    image: str | None = None
    """The card's image address, and its bytes as a ``data:`` URI when small enough to embed."""
    image_data: str | None = None
    card_changed: bool = False

    def count(self, severity: str) -> int:
        return sum(1 for graded in self.findings if graded.severity == severity)

    def to_json(self, lang: str = "en") -> dict[str, Any]:
        return {
            "url": self.url,
            "message": self.message,
            "findings": [graded.to_json(lang) for graded in self.findings],
            "buttons": [{"message": message} for message in self.buttons],
            "og": self.og,
            "card_changed": self.card_changed,
        }


@dataclass
class Report:
    """Every inspected page, in the order they were found."""

    target: str
    pages: list[PageReport]

    def count(self, severity: str) -> int:
        return sum(page.count(severity) for page in self.pages)

    def to_json(self, lang: str = "en") -> dict[str, Any]:
        return {"pages": [page.to_json(lang) for page in self.pages]}

    def exit_status(self, fail_on: FailOn = "error") -> int:
        """1 when there is an error (or, with ``fail_on="warning"``, any finding), else 0."""
        failing = self.count("error") + (self.count("warning") if fail_on == "warning" else 0)
        return 1 if failing else 0

    def compare(self, baseline: Mapping[str, Mapping[str, Any]]) -> None:
        """Mark the pages whose card (message or Open Graph tags) differs from ``baseline``'s."""
        for page in self.pages:
            old = baseline.get(page.url)
            page.card_changed = old is not None and (
                old.get("message") != page.message or old.get("og", page.og) != page.og
            )


def read_baseline(path: str | Path) -> dict[str, dict[str, Any]]:
    """A previous ``--format json`` output, by page address. Raises :class:`InspectError`."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        pages = data["pages"]
        return {str(page["url"]): dict(page) for page in pages}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise InspectError(f"the baseline {path} is not a previous inspect --format json output: {exc}") from exc
