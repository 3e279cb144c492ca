"""The harness's crash reports: a page whose renderer dies names itself, its boot path and Chromium's reason."""

from __future__ import annotations

import pytest
from crashes import CrashWatch
from playwright.sync_api import BrowserContext
from playwright.sync_api import Error as PlaywrightError
from pyhost import wait_ready


def test_a_crashed_page_is_reported_with_its_url_boot_path_and_chromiums_reason(
    context: BrowserContext, crash_watch: CrashWatch, site_url: str, boot: str
):
    page = context.new_page()
    page.goto(f"{site_url}/index.html")
    wait_ready(page)
    with crash_watch.provoked() as crashes:
        with pytest.raises(PlaywrightError):
            page.goto("chrome://crash")  # Chromium's own way to crash a renderer; the navigation never ends
        with pytest.raises(PlaywrightError, match="Target crashed"):
            page.evaluate("1")
    report = crash_watch.report(crashes)
    assert f"the renderer of {site_url}/index.html crashed (boot path: {boot})" in report
    assert "status 'crashed'" in report
    # The console lines kept include the marks of how Python started, with the heap's size then.
    assert f'[mark] kakao-share:python-started "{boot}" js-heap=' in report
    assert str(crash_watch.log) in report and crash_watch.log.exists()
