"""The page boots Python offline, from the project's own server and from an exported static site."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import kakao_share
import pytest
from playwright.sync_api import BrowserContext, Page
from pyhost import BootFailed, PyHost, wait_ready

from sitekit.export import export

MANIFEST = json.loads((Path(__file__).resolve().parents[2] / "runtime-manifest.json").read_text())
PINNED = {w["name"]: w["version"] for w in MANIFEST["wheels"]}


def test_page_boots_and_imports_kakao_share_pydantic_and_jinja2(booted_page: Page, py: PyHost):
    versions = py.run(
        "import kakao_share, pydantic, jinja2, markupsafe\n"
        "[kakao_share.__version__, pydantic.VERSION, jinja2.__version__, markupsafe.__version__]"
    )
    assert versions[1] == PINNED["pydantic"]
    assert versions[2] == PINNED["jinja2"]
    # The playground says it is ready and shows the versions it runs.
    assert booted_page.get_by_role("status").inner_text().startswith("Ready.")
    footer = booted_page.locator("#footer-versions").inner_text()
    assert footer.startswith(f"kakao-share {kakao_share.__version__} · pydantic {PINNED['pydantic']} · ")
    assert f"Jinja2 {PINNED['jinja2']}" in footer
    assert booted_page.evaluate("document.documentElement.getAttribute('aria-busy')") == "false"


def test_every_request_stays_on_the_page_origin(page: Page, site_url: str):
    seen: list[str] = []
    page.on("request", lambda r: seen.append(r.url))
    page.goto(f"{site_url}/index.html")
    wait_ready(page)
    assert seen, "no request recorded"
    assert all(url.startswith(site_url + "/") for url in seen), [u for u in seen if not u.startswith(site_url)]


def test_a_failed_runtime_load_is_reported_as_data_error(page: Page, site_url: str, guard):
    page.route("**/pyodide.asm.wasm", lambda route: route.fulfill(status=404, body="gone"))
    page.goto(f"{site_url}/index.html")
    with pytest.raises(BootFailed, match=r"^page did not boot:") as failed:
        wait_ready(page)
    assert "data-error" not in str(failed.value)
    assert page.evaluate("document.documentElement.hasAttribute('data-ready')") is False
    guard.page_errors.clear()  # the failure we provoked


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def static_server(folder: Path) -> Iterator[str]:
    """Serve ``folder`` with Python's plain static server (no caching rules, no compression)."""
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(folder)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


NESTED_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><script type="module" src="{assets}/page.js"></script></head>
<body><script type="py">
import kakao_share
from pyscript import document
document.documentElement.setAttribute("data-ready", "")
</script></body></html>
"""


def test_exported_site_boots_from_a_plain_static_server(tmp_path: Path, page: Page):
    site_dir = export(tmp_path / "site", log=lambda _: None)
    assert (site_dir / "_headers").exists()
    with static_server(site_dir) as url:
        page.goto(f"{url}/index.html")
        wait_ready(page)
        assert PyHost(page).run("import kakao_share, pydantic, jinja2\npydantic.VERSION") == PINNED["pydantic"]


def test_exported_site_works_under_a_sub_path_and_from_sub_folders(tmp_path: Path, page: Page):
    # As on a project site (https://user.example.io/project/): the export is not at the host's root.
    site_dir = export(tmp_path / "host" / "project", log=lambda _: None)
    (site_dir / "guide" / "deeper").mkdir(parents=True)
    (site_dir / "guide" / "deeper" / "page.html").write_text(NESTED_PAGE.format(assets="../../assets"))
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    with static_server(tmp_path / "host") as url:
        for path in ("/project/", "/project/guide/deeper/page.html"):
            page.goto(url + path)
            wait_ready(page)
            assert PyHost(page).run("import kakao_share\nkakao_share.__version__") == kakao_share.__version__
    assert seen
    assert all(u.startswith(f"{url}/project/") for u in seen), [u for u in seen if "/project/" not in u]


def test_a_page_in_a_sub_folder_boots_on_the_dev_server(context: BrowserContext, page: Page, site_url: str):
    html = NESTED_PAGE.format(assets="../../assets")
    context.route(f"{site_url}/a/b/page.html", lambda route: route.fulfill(body=html, content_type="text/html"))
    page.goto(f"{site_url}/a/b/page.html")
    wait_ready(page)
    assert PyHost(page).run("import kakao_share\nkakao_share.__version__") == kakao_share.__version__
