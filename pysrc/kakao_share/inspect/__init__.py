"""Check every page's KakaoTalk share card before it goes live (server side: ``kakao-share inspect``).

    from kakao_share.inspect import inspect_site, render_html

    report = inspect_site("public/", domains=["example.com"])   # a folder, a file, a URL or a sitemap.xml
    report.to_json()            # {"pages": [{"url", "message", "findings": [...], ...}]}
    report.exit_status()        # 1 when any page has an error
    render_html(report, "ko")   # one self-contained page: every card and its findings

Needs the ``inspect`` extra (httpx, rich); the browser wheel leaves this package out.
"""

from ._exceptions import AddressRefused, FetchFailed, InspectError
from ._fetching import Fetched, Fetcher
from ._html import render_html
from ._inspect import inspect_site
from ._report import PageReport, Report, read_baseline
from ._rules import DEBUGGER_URL, MAX_IMAGE_BYTES, Graded

__all__ = [
    "DEBUGGER_URL",
    "MAX_IMAGE_BYTES",
    "AddressRefused",
    "FetchFailed",
    "Fetched",
    "Fetcher",
    "Graded",
    "InspectError",
    "PageReport",
    "Report",
    "inspect_site",
    "read_baseline",
    "render_html",
]
