"""Anyone's PyScript app adds kakao-share by listing the published wheels in its own configuration.

The app here is somebody else's page on another origin, with its own PyScript configuration (TOML in a
file, or inline JSON) and none of ours: no ``assets/boot.js``, no ``runtime/pyscript.json``. Offline,
its Pyodide and PyScript also come from our site, as a self-hosted app's would.
"""

from __future__ import annotations

import json
from pathlib import Path

import kakao_share
import pytest
from playwright.sync_api import Page
from static_site import static_server

ROOT = Path(__file__).resolve().parents[2]
WHEELS = ROOT / "web" / "runtime" / "wheels"
MANIFEST = json.loads((ROOT / "runtime-manifest.json").read_text())
#: What the README tells an app to name as its interpreter: Pyodide without stack switching (JSPI).
PYODIDE = f"runtime/pyodide-{MANIFEST['pyodide']['version']}/pyodide-without-jspi.mjs"

APP = """<!doctype html>
<html lang="ko"><head><meta charset="utf-8">
<link rel="stylesheet" href="{site}/runtime/pyscript/core.css">
<script type="module" src="{site}/runtime/pyscript/core.js"></script></head>
<body><p id="out">…</p>
<script type="py" config='{config}'>
import kakao_share, pydantic
from kakao_share import TextTemplate, Link
from pyodide.ffi import can_run_sync
from pyscript import document

message = TextTemplate(text="우리 가게 소식", link=Link(web_url="https://shop.example.com"))
document.getElementById("out").textContent = " ".join(
    [kakao_share.__version__, pydantic.VERSION, message.to_template_object()["text"]]
)
document.documentElement.dataset.stackSwitches = str(can_run_sync())
document.documentElement.setAttribute("data-ready", "")
</script></body></html>
"""


def published_wheels() -> list[str]:
    """The wheel files under runtime/wheels/: kakao-share's and its pinned dependencies'."""
    return sorted(p.name for p in WHEELS.glob("*.whl"))


def _config(site: str) -> dict[str, object]:
    return {
        "interpreter": f"{site}/{PYODIDE}",
        "packages": [f"{site}/runtime/wheels/{name}" for name in published_wheels()],
        "packages_cache": "passthrough",
    }


def _toml(config: dict[str, object]) -> str:
    packages = ",\n".join(f'  "{url}"' for url in config["packages"])  # type: ignore[attr-defined]
    return (
        f'interpreter = "{config["interpreter"]}"\n'
        f'packages_cache = "{config["packages_cache"]}"\n'
        f"packages = [\n{packages},\n]\n"
    )


@pytest.mark.parametrize("form", ["toml file", "inline json"])
def test_a_pyscript_app_with_its_own_config_uses_kakao_share(tmp_path: Path, page: Page, site_url: str, form: str):
    # The app lives on another origin; Pyodide, PyScript and the wheels come from our site (with CORS).
    config = _config(site_url)
    if form == "toml file":
        (tmp_path / "app.toml").write_text(_toml(config), encoding="utf-8")
        attribute = "./app.toml"
    else:
        attribute = json.dumps(config)
    (tmp_path / "index.html").write_text(APP.format(site=site_url, config=attribute), encoding="utf-8")
    loaded: list[str] = []
    page.on("request", lambda request: loaded.append(request.url))
    page.add_init_script("window.__pageHadStackSwitching = 'Suspending' in WebAssembly")
    with static_server(tmp_path) as app:
        page.goto(f"{app}/index.html")
        page.wait_for_selector("html[data-ready]", state="attached", timeout=60_000)
    pinned = {w["name"]: w["version"] for w in MANIFEST["wheels"]}
    assert page.locator("#out").inner_text() == f"{kakao_share.__version__} {pinned['pydantic']} 우리 가게 소식"
    # Python ran on the page's own stack (Chromium's renderer crashes now and then while Pyodide imports
    # heavy packages on a JSPI stack), and the page's other scripts keep stack switching.
    assert page.evaluate("document.documentElement.dataset.stackSwitches") == "False"
    had_it = page.evaluate("window.__pageHadStackSwitching")
    assert page.evaluate("'Suspending' in WebAssembly") == had_it
    # Every wheel came from the published folder; nothing of ours configured the page.
    wheels = [u for u in loaded if u.endswith(".whl")]
    assert {u.rsplit("/", 1)[1] for u in wheels} == set(published_wheels())
    assert all(u.startswith(f"{site_url}/runtime/wheels/") for u in wheels)
    assert not [u for u in loaded if u.endswith(("pyscript.json", "boot.js", "interpreter.mjs"))]
