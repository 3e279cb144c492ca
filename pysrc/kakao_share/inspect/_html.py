"""The inspection as one self-contained HTML page: :func:`render_html`.

Every page's card preview (:func:`kakao_share.render_preview`) beside its findings, in Korean or
English, laid out for a phone as well as a desktop. Nothing from an inspected page reaches the HTML
unescaped (Jinja2 autoescaping; the previews escape their own text), the page's CSP allows no script
at all, and card images are embedded as ``data:`` URIs when small, so the file shows offline.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from .. import PREVIEW_CSS, Text, language
from ._report import PageReport, Report
from ._rules import DEBUGGER_URL

__all__ = ["render_html"]

_WORDS = {
    "title": Text("Kakao share cards", "카카오톡 공유 카드 점검"),
    "summary": Text(
        "{pages} pages · {errors} errors · {warnings} warnings",
        "페이지 {pages}개 · 오류 {errors}개 · 경고 {warnings}개",
    ),
    "error": Text("error", "오류"),
    "warning": Text("warning", "경고"),
    "clean": Text("No problems found.", "문제가 없습니다."),
    "fix": Text("Fix", "고치는 법"),
    "feed": Text("Card the widget shares", "위젯이 공유하는 카드"),
    "scrap": Text("Open Graph tags Kakao's scraper reads", "카카오 스크래퍼가 읽는 Open Graph 태그"),
    "button": Text("Message of {which}", "{which}의 메시지"),
    "og": Text("Open Graph tags", "Open Graph 태그"),
    "changed": Text(
        "This card changed since the baseline. KakaoTalk may still show the old card, which Kakao cached when "
        "the address was first shared:",
        "기준 보고서 이후 카드가 바뀌었습니다. 카카오톡은 이 주소를 처음 공유할 때 저장한 예전 카드를 계속 보여 줄 수 "
        "있습니다:",
    ),
    "debugger": Text("refresh it with Kakao's sharing debugger", "카카오 공유 디버거에서 캐시를 초기화하세요"),
    "no_card": Text("No card: the share is misconfigured.", "카드 없음: 공유 설정이 잘못되었습니다."),
}

_CSS = """
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 -apple-system,BlinkMacSystemFont,"Apple SD Gothic Neo","Malgun Gothic","Noto Sans CJK KR",
 sans-serif;color:#191919;background:#f4f4f4}
header{padding:16px;background:#fee500}
header h1{margin:0;font-size:20px}
header p{margin:4px 0 0}
main{padding:12px;max-width:1200px;margin:0 auto}
.page{background:#fff;border-radius:10px;margin:0 0 14px;padding:14px;box-shadow:0 1px 2px rgba(0,0,0,.08)}
.page h2{margin:0 0 10px;font-size:15px;overflow-wrap:anywhere}
.page h2 a{color:#0b57d0}
.counts{font-weight:400;color:#555;margin-left:6px}
.body{display:grid;grid-template-columns:minmax(0,340px) minmax(0,1fr);gap:16px;align-items:start}
@media (max-width:700px){.body{grid-template-columns:minmax(0,1fr)}}
.cards figure{margin:0 0 12px}
.cards figcaption{font-size:12px;color:#666;margin:0 0 4px}
.cards .ks-card{max-width:100%}
.findings{list-style:none;margin:0;padding:0}
.findings li{border-left:4px solid #999;padding:6px 10px;margin:0 0 8px;background:#fafafa;overflow-wrap:anywhere}
.findings li.error{border-color:#d93025;background:#fdf0ef}
.findings li.warning{border-color:#e8a100;background:#fff8e6}
.badge{display:inline-block;font-size:12px;font-weight:700;text-transform:uppercase;margin-right:6px}
.error .badge{color:#b3261e}
.warning .badge{color:#8a5a00}
code{font-size:13px;background:#eee;padding:0 3px;border-radius:3px}
.fix{display:block;color:#333;font-size:14px}
html[lang=ko] .findings li,html[lang=ko] .changed{word-break:keep-all}
.clean{color:#137333;margin:0}
.changed{background:#e8f0fe;border-radius:6px;padding:8px 10px;margin:0 0 10px}
details{margin-top:8px;font-size:13px}
details dl{margin:6px 0 0;display:grid;grid-template-columns:max-content minmax(0,1fr);gap:2px 10px}
details dd{margin:0;overflow-wrap:anywhere}
"""


@lru_cache(maxsize=1)
def _template() -> Any:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(
        loader=FileSystemLoader(Path(__file__).parent),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env.get_template("report.html.j2")


def _card(page: PageReport, html: str) -> Markup:
    """A preview (already escaped by render_preview), its image embedded when the report has it."""
    if page.image and page.image_data:
        html = html.replace(f'src="{escape(page.image)}"', f'src="{page.image_data}"')
    return Markup(html)  # render_preview's output: every text in it is escaped


def _label(raw: str, lang: str) -> str:
    if raw == "feed":
        return _WORDS["feed"].get(lang)
    if raw.endswith(" scrap"):
        return _WORDS["scrap"].get(lang)
    return _WORDS["button"].format(which=raw).get(lang)


def render_html(report: Report, lang: str = "en") -> str:
    """The report as one HTML document in ``lang`` (``ko`` or ``en``)."""
    lang = language(lang)
    words = {key: text.get(lang) for key, text in _WORDS.items()}
    pages = []
    # The worst first: pages with errors, then with warnings, then the clean ones (each in found order).
    for page in sorted(report.pages, key=lambda p: (-p.count("error"), -p.count("warning"))):
        findings = []
        for graded in page.findings:
            rule, fix = graded.text(lang)
            data = graded.to_json(lang) | {"rule": rule, "fix": fix, "label": words[graded.severity]}
            findings.append(data)
        counts = f"{words['error']} {page.count('error')} · {words['warning']} {page.count('warning')}"
        pages.append(
            {
                "url": page.url,
                "href": page.url if page.url.startswith(("https://", "http://")) else None,
                "counts": counts,
                "changed": page.card_changed,
                "cards": [(_label(label, lang), _card(page, html)) for label, html in page.previews],
                "findings": findings,
                "og": page.og,
            }
        )
    summary = (
        _WORDS["summary"]
        .format(pages=len(report.pages), errors=report.count("error"), warnings=report.count("warning"))
        .get(lang)
    )
    html: str = _template().render(
        lang=lang,
        w=words,
        css=Markup(PREVIEW_CSS + _CSS),  # our own constants
        report=report,
        summary=summary,
        pages=pages,
        debugger=DEBUGGER_URL,
    )
    return html
