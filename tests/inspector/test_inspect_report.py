"""The HTML report in Chromium: every page's card and findings, readable at 1280 and 360 px, and the
hostile page's text shown as text (no dialog, no injected element). Screenshots go to
``test-results/inspect-report/``; the README's docs/inspect.png is the desktop one."""

from __future__ import annotations

from pathlib import Path

import pytest
from kakao_share.inspect import inspect_site, render_html
from site_builder import DOMAINS, EVIL, EXPECTED, build_site

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results" / "inspect-report"

_INJECTED = """() => {
  const all = [...document.querySelectorAll("*")];
  return {
    scripts: document.scripts.length,
    handlers: all.filter((e) => [...e.attributes].some((a) => a.name.toLowerCase().startsWith("on"))).length,
    badImages: [...document.images].filter((i) => !/^(data:|https?:)/.test(i.getAttribute("src") || "")).length,
    javascriptLinks: [...document.links].filter((a) => !/^https?:/.test(a.href)).length,
  };
}"""


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("site")
    build_site(root / "public", "https://localhost", "http://localhost")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root)  # the report names the target as given: "public"
        report = inspect_site("public", domains=DOMAINS)
    out = {}
    for lang in ("en", "ko"):
        out[lang] = root / f"report-{lang}.html"
        out[lang].write_text(render_html(report, lang), encoding="utf-8")
    return out


@pytest.mark.parametrize(("lang", "width", "height"), [("en", 1280, 900), ("ko", 360, 740)])
def test_the_report_shows_every_card_and_runs_nothing_from_the_pages(browser, reports, lang, width, height):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        page.goto(reports[lang].as_uri())
        page.wait_for_load_state("load")
        assert page.locator("section.page").count() == len(EXPECTED)
        assert page.locator("html").get_attribute("lang") == lang
        assert page.evaluate(_INJECTED) == {"scripts": 0, "handlers": 0, "badImages": 0, "javascriptLinks": 0}
        hostile = page.locator("section.page", has_text="hostile.html")
        assert "<script>alert(1)</script>" in hostile.inner_text()
        assert EVIL.replace("&amp;", "&") not in page.content()  # never verbatim in the markup
        clean = page.locator("section.page", has=page.locator('h2 > a[href="https://localhost/"]'))
        assert clean.locator(".clean").count() == 1 and clean.locator(".findings").count() == 0
        image = clean.locator(".ks-card img")
        image.scroll_into_view_if_needed()  # previews load their images lazily
        assert image.evaluate("img => img.decode().then(() => img.naturalWidth)") == 800  # embedded: no network
        widget = page.locator("section.page", has_text="bad-widget.html")
        assert widget.locator(".findings li.error").count() == 2
        # Nothing wider than the screen: a phone reads it without scrolling sideways.
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.evaluate("window.scrollTo(0, 0)")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"report-{width}.png"))
        page.screenshot(path=str(SCREENSHOTS / f"report-{width}-full.png"), full_page=True)
        hostile.screenshot(path=str(SCREENSHOTS / f"hostile-{width}.png"))
    finally:
        context.close()
    assert dialogs == []
