"""Where the end-to-end tests leave screenshots of what visitors see, one folder per page:
``test-results/<page>/`` (desktop 1280 px and phone 360 px wide). Look at them after a change.

pytest-playwright empties ``test-results/`` when a session starts, and Playwright creates a
screenshot's folder as it saves it, so nothing here creates folders."""

from __future__ import annotations

from pathlib import Path

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results"


def screenshot_folder(page_name: str) -> Path:
    """``test-results/<page_name>/``."""
    return SCREENSHOTS / page_name
