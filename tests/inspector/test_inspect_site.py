"""The inspector on a site the tests build, with one page per mistake and one clean page: read as a
folder, served over HTTP on 127.0.0.1 (crawled, and through its sitemap), and through the command."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from kakao_share.inspect import DEBUGGER_URL, Report, inspect_site, read_baseline, render_html
from kakao_share.webhook._cli import main
from servers import port_of, static_site
from site_builder import DOMAINS, EXPECTED, build_site, png


def _codes(report: Report) -> dict[str, set[str]]:
    """Finding codes by page file name."""
    out = {}
    for page in report.pages:
        name = urlsplit(page.url).path.rsplit("/", 1)[1] or "index.html"
        out[name] = {graded.finding.code for graded in page.findings}
    return out


def _link_elsewhere_and_home(index: Path, port: int) -> None:
    """Links the crawl must not follow (another site, even on loopback) or must not read twice ("/")."""
    extra = f'<a href="http://localhost:{port}/x.html">x</a><a href="/index.html">home</a>'
    index.write_text(index.read_text().replace("</body>", extra + "</body>"))


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("site")
    build_site(root, "https://localhost", "http://localhost")
    return root


def test_a_folder_gets_the_expected_findings_on_each_page(folder):
    report = inspect_site(str(folder), domains=DOMAINS)
    assert _codes(report) == EXPECTED
    clean = next(page for page in report.pages if page.url == "https://localhost/")
    assert clean.findings == []
    assert clean.message == {
        "objectType": "feed",
        "content": {
            "title": "kakao-share inspect: the clean page",
            "description": "Every card checked before it goes live.",
            "imageUrl": "https://localhost/img/index.png",
            "link": {"webUrl": "https://localhost/", "mobileWebUrl": "https://localhost/"},
        },
    }
    assert report.exit_status() == 1


def test_the_same_site_served_over_http_gets_the_same_findings(tmp_path):
    with static_site(tmp_path) as server:
        port = port_of(server)
        build_site(tmp_path, f"http://127.0.0.1:{port}", f"http://localhost:{port}")
        _link_elsewhere_and_home(tmp_path / "index.html", port)
        crawled = inspect_site(f"http://127.0.0.1:{port}/", domains=DOMAINS, concurrency=4)
        names = "".join(f"<url><loc>http://127.0.0.1:{port}/{name}</loc></url>" for name in EXPECTED)
        (tmp_path / "sitemap.xml").write_text(f"<urlset>{names}</urlset>", encoding="utf-8")
        mapped = inspect_site(f"http://127.0.0.1:{port}/sitemap.xml", domains=DOMAINS)
    assert _codes(crawled) == EXPECTED
    assert _codes(mapped) == EXPECTED
    assert len(crawled.pages) == len(EXPECTED)


def test_the_crawl_stops_at_max_pages_and_stays_on_the_site(tmp_path):
    with static_site(tmp_path) as server:
        port = port_of(server)
        build_site(tmp_path, f"http://127.0.0.1:{port}", f"http://localhost:{port}")
        index = tmp_path / "index.html"
        _link_elsewhere_and_home(index, port)
        report = inspect_site(f"http://127.0.0.1:{port}/", domains=DOMAINS, max_pages=3)
        (missing,) = inspect_site(f"http://127.0.0.1:{port}/gone.html").pages
    assert [(g.severity, g.finding.code) for g in missing.findings] == [("error", "page_unreachable")]
    assert len(report.pages) == 3
    assert all(page.url.startswith(f"http://127.0.0.1:{port}/") for page in report.pages)


def test_json_output_keeps_its_contract_and_the_exit_status_says_errors(folder, capsys):
    status = main(["inspect", str(folder), "--format", "json", *[f"--domain={d}" for d in DOMAINS]])
    out = json.loads(capsys.readouterr().out)
    assert status == 1
    assert set(out) == {"pages"}
    assert len(out["pages"]) == len(EXPECTED)
    for page in out["pages"]:
        assert {"url", "message", "findings"} <= set(page)
        assert isinstance(page["url"], str)
        assert page["message"] is None or isinstance(page["message"], dict)
        for finding in page["findings"]:
            assert set(finding) == {"severity", "code", "path", "rule", "fix"}
            assert finding["severity"] in ("error", "warning")
            assert all(isinstance(value, str) for value in finding.values())
    by_url = {page["url"]: page for page in out["pages"]}
    widget = by_url["https://localhost/bad-widget.html"]["findings"]
    assert {(f["path"], f["code"], f["severity"]) for f in widget} == {
        ("button[0].template-id", "whole_number", "error"),
        ("button[0].app-key", "app_key_missing", "error"),
    }
    template_src = by_url["https://localhost/template-src.html"]
    assert template_src["buttons"][0]["message"]["content"]["title"] == "Template source"  # read from the folder
    assert template_src["buttons"][1]["message"] is None
    assert [f["path"] for f in template_src["findings"]] == ["button[1].template-src"]
    (absent,) = by_url["https://localhost/template-image.html"]["findings"]
    assert (absent["path"], absent["code"]) == ("button[0].content.image_url", "image_unreachable")
    long_text = by_url["https://localhost/long-text.html"]
    assert long_text["message"]["objectType"] == "text" and len(long_text["message"]["text"]) == 300


def test_findings_speak_korean_when_asked(folder, capsys):
    main(["inspect", str(folder / "no-title.html"), "--format", "json", "--lang", "ko"])
    (finding,) = json.loads(capsys.readouterr().out)["pages"][0]["findings"]
    assert finding["code"] == "title_missing"
    assert "og:title" in finding["rule"] and "없어" in finding["rule"]
    main(["inspect", str(folder / "bad-widget.html"), "--format", "json", "--lang", "ko"])
    widget = {f["code"]: f for f in json.loads(capsys.readouterr().out)["pages"][0]["findings"]}
    assert widget["whole_number"]["rule"] == "정수여야 합니다"
    assert "JavaScript 키" in widget["app_key_missing"]["rule"]


def test_exit_status_follows_fail_on(folder, capsys):
    clean, warned = str(folder / "index.html"), str(folder / "no-image.html")
    domains = [f"--domain={d}" for d in DOMAINS]
    assert main(["inspect", clean, *domains]) == 0
    assert main(["inspect", warned, *domains]) == 0
    assert main(["inspect", warned, *domains, "--fail-on", "warning"]) == 1
    assert main(["inspect", str(folder / "nothing-here")]) == 2
    out = capsys.readouterr()
    assert "image_missing" in out.out and "does not exist" in out.err


def test_a_changed_card_since_the_baseline_points_at_kakaos_cache_tool(folder, tmp_path, capsys):
    site = tmp_path / "site"
    build_site(site, "https://localhost", "http://localhost")
    baseline = tmp_path / "before.json"
    assert main(["inspect", str(site), "--domain=localhost", "--format", "json"]) == 1
    baseline.write_text(capsys.readouterr().out, encoding="utf-8")
    page = site / "index.html"
    page.write_text(page.read_text().replace("the clean page", "the clean page, renamed"))
    report = inspect_site(str(site), domains=["localhost"], baseline=read_baseline(baseline))
    changed = {p.url for p in report.pages if p.card_changed}
    assert changed == {"https://localhost/"}
    html = render_html(report, "en")
    assert html.count(DEBUGGER_URL) == 1
    assert main(["inspect", str(site), "--domain=localhost", "--baseline", str(baseline)]) == 1
    assert DEBUGGER_URL in capsys.readouterr().out


def test_the_command_writes_the_html_report(folder, tmp_path, capsys):
    out = tmp_path / "report.html"
    assert main(["inspect", str(folder), "--html", str(out), "--lang", "ko", *[f"--domain={d}" for d in DOMAINS]]) == 1
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>") and '<html lang="ko">' in html
    assert html.count('<section class="page"') == len(EXPECTED)
    assert "오류" in capsys.readouterr().out  # the terminal table speaks Korean too


def test_page_text_cannot_steer_the_terminal(tmp_path, capsys):
    page = tmp_path / "page.html"
    page.write_text(
        '<title>Escape</title><meta property="og:url" content="https://localhost/\x1b]0;pwned\x07\x1b[2J">',
        encoding="utf-8",
    )
    assert main(["inspect", str(page), "--domain=localhost"]) == 1
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert "\\x1b]0;pwned\\x07" in out  # shown, as text


def test_a_folder_page_cannot_read_files_outside_the_folder(tmp_path):
    (tmp_path / "secret.png").write_bytes(png(800, 400))
    site = tmp_path / "site"
    site.mkdir()
    (site / "page.html").write_text(
        '<title>Up</title><meta property="og:image" content="https://localhost/%2e%2e/secret.png">', encoding="utf-8"
    )
    (site / "link.png").symlink_to(tmp_path / "secret.png")
    (site / "linked.html").write_text(
        '<title>Linked</title><meta property="og:image" content="https://localhost/link.png">', encoding="utf-8"
    )
    report = inspect_site(str(site), domains=["localhost"])
    for page in report.pages:
        # Not a file of the folder: fetched from the web instead, where localhost is refused.
        (finding,) = (g.finding for g in page.findings)
        assert finding.code == "image_unreachable" and "loopback" in finding.rule


def test_progress_is_reported_for_pages_and_images(folder):
    seen: list[tuple[str, int, int]] = []
    inspect_site(str(folder), domains=DOMAINS, progress=lambda *event: seen.append(event))
    assert seen[-1][0] == "images" and seen[-1][1] == seen[-1][2] > 0
    pages = [event for event in seen if event[0] == "pages"]
    assert pages[-1] == ("pages", len(EXPECTED), len(EXPECTED))
    assert [done for _, done, _ in pages] == list(range(1, len(EXPECTED) + 1))


def test_korean_findings_read_as_korean(tmp_path):
    # A field name or address is never followed by a particle that depends on how it is read aloud.
    with static_site(tmp_path) as server:
        port = port_of(server)
        build_site(tmp_path, f"http://127.0.0.1:{port}", f"http://localhost:{port}")
        pages = {
            name: inspect_site(f"http://127.0.0.1:{port}/{name}", domains=DOMAINS).pages[0]
            for name in ("og-url-elsewhere.html", "missing-image.html")
        }
    (elsewhere,) = pages["og-url-elsewhere.html"].findings
    rule, fix = elsewhere.text("ko")
    assert rule.startswith("og:url 값이 다른 페이지(") and fix == "og:url 값을 이 페이지의 주소로 고치세요"
    (missing,) = pages["missing-image.html"].findings
    assert missing.text("ko")[0] == "이미지를 가져올 수 없습니다: 없는 주소입니다 (404)"
    assert missing.text("en")[0] == "the image cannot be fetched: not found (404)"


def test_why_an_image_or_a_page_cannot_be_fetched_reads_as_korean(tmp_path):
    # The system's own error text (DNS, sockets) is English: the Korean report says what kind of failure
    # it was instead, and keeps the address.
    def resolve(host: str, port: int) -> list[str]:
        if host == "private.example":
            return ["10.0.0.1"]
        raise OSError(-2, "Name or service not known")

    for name, image in (("dns.html", "http://nowhere.example/a.png"), ("private.html", "http://private.example/a.png")):
        (tmp_path / name).write_text(f'<title>{name}</title><meta property="og:image" content="{image}">')
    with static_site(tmp_path) as server:
        site = f"http://127.0.0.1:{port_of(server)}"
        texts = {
            name: [
                g.text(lang)[0]
                for g in inspect_site(f"{site}/{name}", resolve=resolve).pages[0].findings
                if g.finding.code in ("image_unreachable", "page_unreachable")
                for lang in ("ko", "en")
            ]
            for name in ("dns.html", "private.html")
        }
    assert texts["dns.html"] == [
        "이미지를 가져올 수 없습니다: 호스트 이름을 찾을 수 없습니다(DNS): nowhere.example",
        "the image cannot be fetched: ConnectError: nowhere.example does not resolve: [Errno -2] "
        "Name or service not known",
    ]
    assert texts["private.html"] == [
        "이미지를 가져올 수 없습니다: private.example 호스트가 사설 주소(10.0.0.1)에 있어 가져오지 않습니다",
        "the image cannot be fetched: private.example is at 10.0.0.1, a private address: not fetched",
    ]
