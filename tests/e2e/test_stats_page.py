"""web/stats.html: shares over time by chat type and by template/argument, from the receiver's stats
endpoint, in Korean and English, with the numbers in a table too, and what waits in the receiver's spool.
Screenshots at 1280 and 360 px go to test-results/stats/."""

from __future__ import annotations

import http.client
import re
import socket
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from kakao_share.webhook import EventStore, RunningServer, ShareEvent, Spool, bind, create_app
from playwright.sync_api import Page, expect
from screenshots import screenshot_folder

from sitekit import _paths, server

SHOTS = screenshot_folder("stats")
READ_TOKEN = "stats-page-token"
XSS = '<img src=x onerror="document.title=1">'


@pytest.fixture(scope="module")
def stats_site() -> Iterator[server.SiteServer]:
    srv = server.start(port=0, admin_key="stats-admin-key", read_token=READ_TOKEN)
    now = datetime.now(UTC)
    plan = [  # (days ago, chat type, template, product)
        *[(d, "DirectChat", "101", "mug") for d in (0, 0, 0, 1, 2, 2, 5, 9)],
        *[(d, "MultiChat", "101", "cup") for d in (0, 1, 1, 3, 3, 3, 12)],
        *[(d, "MemoChat", "202", "mug") for d in (0, 4, 20)],
        (2, "OpenMultiChat", "202", XSS),
    ]
    for i, (days, chat, template, product) in enumerate(plan):
        event = ShareEvent(
            resource_id=f"seed-{i}",
            received_at=now - timedelta(days=days, minutes=i),
            chat_type=chat,
            template_id=template,
            args={"product": product},
        )
        assert srv.store.add_blocking(event)
    # and one the way Kakao sends it
    conn = http.client.HTTPConnection(urlsplit(srv.url).netloc, timeout=10)
    conn.request(
        "GET",
        "/kakao/webhook?CHAT_TYPE=DirectChat&HASH_CHAT_ID=h&TEMPLATE_ID=101&product=mug",
        headers={"Authorization": "KakaoAK stats-admin-key", "X-Kakao-Resource-ID": "live-1"},
    )
    assert conn.getresponse().status == 200
    conn.close()
    yield srv
    srv.stop()


def open_stats(page: Page, site: server.SiteServer, query: str = "") -> Page:
    page.goto(f"{site.url}/stats.html{query}#token={READ_TOKEN}")
    expect(page.locator("html")).to_have_attribute("data-ready", "")
    return page


def table_rows(page: Page, section: str) -> list[list[str]]:
    page.locator(f"#{section} summary").click()
    return [
        [c.strip() for c in row.locator("th, td").all_text_contents()]
        for row in page.locator(f"#{section} table tbody tr").all()
    ]


@pytest.mark.parametrize(
    ("locale", "width", "title", "direct"),
    [("ko-KR", 1280, "공유 통계", "1:1 채팅"), ("en-US", 360, "Share statistics", "Direct chat")],
)
def test_charts_and_tables_in_the_browsers_language(guarded_context, stats_site, locale, width, title, direct):
    context = guarded_context(locale=locale, viewport={"width": width, "height": 900})
    page = open_stats(context.new_page(), stats_site)
    lang = locale[:2]
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.locator("h1")).to_have_text(title)
    expect(page.locator("#status")).to_contain_text("20")
    chart = page.locator("#by-chat-type svg[role=img]")
    assert f"{direct} 9" in chart.get_attribute("aria-label")
    assert page.locator("#by-chat-type svg rect").count() >= 10  # one segment per day and chat type
    expect(page.locator("#by-chat-type .legend")).to_contain_text(f"{direct} (9)")
    # the fragment's token left the address bar
    assert "token" not in page.url
    page.screenshot(path=SHOTS / f"stats-{lang}-{width}.png", full_page=True)
    rows = table_rows(page, "by-chat-type")
    assert sum(int(r[-1]) for r in rows) == 20  # the Total column adds up to every share
    page.screenshot(path=SHOTS / f"stats-{lang}-{width}-table.png", full_page=True)
    # the second chart: by template
    expect(page.locator("#by-key .legend")).to_contain_text("101 (16)")
    expect(page.locator("#by-key .legend")).to_contain_text("202 (4)")


def test_by_callback_argument_shows_page_values_as_text(guarded_context, stats_site):
    context = guarded_context(locale="en-US", viewport={"width": 1280, "height": 900})
    page = open_stats(context.new_page(), stats_site, "?arg=product")
    expect(page.locator("#by-key-title")).to_have_text("Shares by callback argument “product”")
    legend = page.locator("#by-key .legend")
    expect(legend).to_contain_text("mug (12)")
    expect(legend).to_contain_text(XSS + " (1)")
    assert page.locator("img").count() == 0
    assert page.title() != "1"
    page.screenshot(path=SHOTS / "stats-en-1280-argument.png", full_page=True)


def test_a_wrong_token_says_so(guarded_context, stats_site):
    page = guarded_context(locale="ko-KR").new_page()
    page.goto(f"{stats_site.url}/stats.html#token=wrong")
    expect(page.locator("#status")).to_have_text("읽기 토큰이 맞지 않습니다.")
    expect(page.locator("#by-chat-type")).to_be_hidden()


# --- the spool ----------------------------------------------------------------------------------


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def site_with_spool(tmp_path: Path) -> Iterator[str]:
    """The site over a store that is down (PostgreSQL URL on a loopback port where nothing listens) and a
    spool: events Kakao sends wait in the spool."""
    store = EventStore(f"postgresql://nobody@127.0.0.1:{_closed_port()}/shares", wait_for_database=True)
    spool = Spool(tmp_path / "spool.db")
    app = create_app(store, spool=spool, admin_key="stats-admin-key", read_token=READ_TOKEN, close_store=True)
    site = RunningServer(server.site_app(_paths.WEB, app), bind("127.0.0.1", 0))
    yield site.url
    site.stop()


def test_what_waits_in_the_spool_is_shown_while_the_store_is_down(guarded_context, site_with_spool):
    url = site_with_spool
    for i in range(3):
        conn = http.client.HTTPConnection(urlsplit(url).netloc, timeout=10)
        conn.request(
            "GET",
            "/kakao/webhook?CHAT_TYPE=DirectChat&product=mug",
            headers={"Authorization": "KakaoAK stats-admin-key", "X-Kakao-Resource-ID": f"spooled-{i}"},
        )
        assert conn.getresponse().status == 200
        conn.close()
    for locale, width, waiting, down in [
        ("ko-KR", 1280, "이벤트 3건이 수신기의 스풀에서 저장소를 기다리고 있습니다", "저장소에 연결할 수 없어"),
        ("en-US", 360, "3 events wait in the receiver's spool for the store (since ", "the store cannot be reached"),
    ]:
        page = guarded_context(locale=locale, viewport={"width": width, "height": 900}).new_page()
        page.goto(f"{url}/stats.html#token={READ_TOKEN}")
        expect(page.locator("html")).to_have_attribute("data-error", re.compile(down))
        expect(page.locator("#spool")).to_contain_text(waiting)
        expect(page.locator("#status")).to_contain_text(down)
        expect(page.locator("#by-chat-type")).to_be_hidden()
        page.screenshot(path=SHOTS / f"stats-{locale[:2]}-{width}-spool.png", full_page=True)


def test_an_empty_spool_says_every_share_is_in_the_store(guarded_context, stats_site, tmp_path):
    store = EventStore(f"sqlite:///{tmp_path}/events.db")
    app = create_app(store, spool=Spool(tmp_path / "spool.db"), admin_key="k", read_token=READ_TOKEN, close_store=True)
    site = RunningServer(server.site_app(_paths.WEB, app), bind("127.0.0.1", 0))
    try:
        for locale, width, text in [
            ("en-US", 1280, "No events waiting in the spool: every share received is in the store."),
            ("ko-KR", 360, "스풀에서 기다리는 이벤트 없음: 받은 공유는 모두 저장소에 있습니다."),
        ]:
            page = guarded_context(locale=locale, viewport={"width": width, "height": 900}).new_page()
            page.goto(f"{site.url}/stats.html#token={READ_TOKEN}")
            expect(page.locator("html")).to_have_attribute("data-ready", "")
            expect(page.locator("#spool")).to_have_text(text)
            page.screenshot(path=SHOTS / f"stats-{locale[:2]}-{width}-spool-empty.png", full_page=True)
    finally:
        site.stop()
    # a receiver without a spool says nothing of one
    page = open_stats(guarded_context(locale="en-US").new_page(), stats_site)
    expect(page.locator("#spool")).to_be_hidden()
