"""The page boots Python offline, from the project's own server and from an exported static site."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from playwright.sync_api import Page
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
    assert booted_page.get_by_role("status").inner_text().endswith("is ready.")
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
        return s.getsockname()[1]


def test_exported_site_boots_from_a_plain_static_server(tmp_path: Path, page: Page):
    site_dir = export(tmp_path / "site", log=lambda _: None)
    assert (site_dir / "_headers").exists()
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(site_dir)],
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
        page.goto(f"http://127.0.0.1:{port}/index.html")
        wait_ready(page)
        assert PyHost(page).run("import kakao_share, pydantic, jinja2\npydantic.VERSION") == PINNED["pydantic"]
    finally:
        proc.terminate()
        proc.wait(timeout=10)
