"""The page boots Python offline, from the project's own server and from an exported static site."""

from __future__ import annotations

import json
from pathlib import Path

import kakao_share
import pytest
from playwright.sync_api import BrowserContext, Page
from pyhost import BootFailed, PyHost, wait_ready
from static_site import OTHER_PAGE, static_server

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


#: Records how a page's scripts and its asyncio tasks run Python: can they stack switch (JSPI)?
_STACK_SWITCHING_PROBE = """
import asyncio
import js
from pyodide.ffi import can_run_sync

js.document.documentElement.dataset.scriptStackSwitches = str(can_run_sync())


async def task():
    js.document.documentElement.dataset.taskStackSwitches = str(can_run_sync())


asyncio.ensure_future(task())
"""


def test_python_runs_on_the_pages_stack_and_the_page_keeps_stack_switching(page: Page, site_url: str):
    """Chromium's renderer crashes now and then while Pyodide imports heavy packages on a stack of
    WebAssembly stack switching (JSPI), which it uses for scripts and asyncio tasks where the browser has
    it: the interpreter starts Pyodide without it, and leaves it to the page's other scripts."""
    page.add_init_script("window.__pageHadStackSwitching = 'Suspending' in WebAssembly")
    page.goto(f"{site_url}/index.html")
    wait_ready(page)
    if not page.evaluate("window.__pageHadStackSwitching"):
        pytest.skip("this browser has no WebAssembly stack switching")
    assert page.evaluate("'Suspending' in WebAssembly"), "the page lost WebAssembly.Suspending"
    page.evaluate(
        "code => { const s = document.createElement('script'); s.type = 'py'; s.textContent = code;"
        " document.body.append(s); }",
        _STACK_SWITCHING_PROBE,
    )
    page.wait_for_selector("html[data-script-stack-switches][data-task-stack-switches]", state="attached")
    seen = page.evaluate("const d = document.documentElement.dataset; [d.scriptStackSwitches, d.taskStackSwitches]")
    assert seen == ["False", "False"], "Python in a script, in an asyncio task: can it stack switch?"


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


# --- the memory snapshot: first visit, return visit, fallback --------------------------------------

#: These tests choose each context's boot path themselves; a `--boot snapshot` run adds nothing to them.
own_boot_path = pytest.mark.skipif("config.getoption('--boot') == 'snapshot'", reason="chooses its own boot path")

RESTORED = "performance.getEntriesByName('kakao-share:python-started')[0]?.detail === 'snapshot'"
SAVED = "performance.getEntriesByName('kakao-share:snapshot-saved').length > 0"
NOT_SAVED = "performance.getEntriesByName('kakao-share:snapshot-not-saved').length > 0"
READY_AT = "performance.getEntriesByName('kakao-share:ready')[0].startTime"
HEAP_REQUESTS = "performance.getEntriesByType('resource').filter(e => e.name.includes('/heap.bin'))"

#: What a page's Python sees of its surroundings; both boot paths must agree on it.
ENVIRONMENT = """
import locale, os, sys
import pyodide_js
{
    "path": sys.path,
    "executable": sys.executable,
    "argv": sys.argv,
    "environ": dict(os.environ),
    "locale": locale.setlocale(locale.LC_CTYPE),
    "cwd": os.getcwd(),
    "loaded packages": pyodide_js.loadedPackages.to_py(),
    "main": sorted(k for k in __import__("__main__").__dict__ if not k.startswith("__")),
}
"""


def _visit(context: BrowserContext, url: str) -> Page:
    page = context.new_page()
    page.goto(url)
    wait_ready(page)
    return page


def _return_visit(context: BrowserContext, url: str) -> Page:
    """A first visit that saves the snapshot, then a return visit that must restore it."""
    _visit(context, url).wait_for_function(SAVED, timeout=60_000)
    page = _visit(context, url)
    assert page.evaluate(RESTORED) is True
    return page


@own_boot_path
def test_a_first_visit_downloads_the_snapshot_only_after_the_page_is_ready(guarded_context, site_url: str):
    page = _visit(guarded_context(store_snapshot=False), f"{site_url}/index.html")
    assert page.evaluate(RESTORED) is False
    page.wait_for_function(SAVED, timeout=60_000)
    heap = page.evaluate(HEAP_REQUESTS)
    assert len(heap) == 1
    assert heap[0]["startTime"] > page.evaluate(READY_AT)


@own_boot_path
def test_a_return_visit_restores_the_snapshot_and_python_works(guarded_context, site_url: str):
    page = _return_visit(guarded_context(store_snapshot=False), f"{site_url}/index.html")
    assert page.get_by_role("status").inner_text().startswith("Ready.")
    feed = PyHost(page).run(
        "from kakao_share import FeedTemplate, Content, Link\n"
        "link = Link(web_url='https://shop.example.com/mug')\n"
        "FeedTemplate(content=Content(title='머그', image_url='https://shop.example.com/mug.jpg', link=link))"
        ".to_template_object()"
    )
    assert feed["content"]["title"] == "머그"


@own_boot_path
def test_both_boot_paths_give_python_the_same_surroundings(guarded_context, site_url: str):
    normal = _visit(guarded_context(store_snapshot=False), f"{site_url}/index.html")
    restored = _visit(guarded_context(store_snapshot=True), f"{site_url}/index.html")
    assert restored.evaluate(RESTORED) is True
    seen = {}
    for name, page in (("normal", normal), ("restored", restored)):
        seen[name] = PyHost(page).run(ENVIRONMENT)
    for key in seen["normal"]:
        assert seen["restored"][key] == seen["normal"][key], key
    # The snapshot's random state is the same for every visitor: a return visit draws a fresh one.
    visits = [_visit(guarded_context(store_snapshot=True), f"{site_url}/index.html") for _ in range(2)]
    draws = [PyHost(page).run("import random\nrandom.random()") for page in visits]
    assert draws[0] != draws[1]


#: Replace the stored snapshot's bytes, as a corrupted or mismatched download would leave them.
_SPOIL = """async ([runtime, how]) => {
  const config = await (await fetch(runtime + "pyscript.json")).json();
  const heap = new URL("heap.bin", new URL(config.interpreter, runtime)).href;
  const cache = await caches.open("kakao-share-snapshot");
  const bytes = new Uint8Array(await (await cache.match(heap)).arrayBuffer());
  if (how === "truncated") await cache.put(heap, new Response(bytes.subarray(0, bytes.length >> 1)));
  if (how === "another build") { bytes[20] ^= 0xff; await cache.put(heap, new Response(bytes)); }
  return heap;
}"""


@own_boot_path
@pytest.mark.parametrize("how", ["truncated", "another build"])
def test_a_snapshot_that_cannot_be_restored_boots_normally_and_says_why(guarded_context, site_url: str, how: str):
    context = guarded_context(store_snapshot=True)
    spoiler = context.new_page()
    spoiler.goto(f"{site_url}/runtime/pyscript.json")
    heap_url = spoiler.evaluate(_SPOIL, [f"{site_url}/runtime/", how])
    page = context.new_page()
    warnings: list[str] = []
    page.on("console", lambda message: warnings.append(message.text) if message.type == "warning" else None)
    page.goto(f"{site_url}/index.html")
    wait_ready(page)
    assert page.evaluate(RESTORED) is False
    assert any(w.startswith("kakao-share: could not restore the Python snapshot") for w in warnings), warnings
    assert PyHost(page).run("import pydantic\npydantic.VERSION") == PINNED["pydantic"]
    # This browser is not offered the same snapshot again.
    stored = spoiler.evaluate(
        "async (heap) => (await (await caches.open('kakao-share-snapshot')).keys()).map(r => r.url)", heap_url
    )
    assert stored == [heap_url + "?restore-failed"]


#: A browser that cannot give wasm memory more room at that moment (a crowded phone): the page's first
#: grow fails as it would; later ones succeed.
_NO_MEMORY_THEN = """{
  const grow = WebAssembly.Memory.prototype.grow;
  let refused = false;
  WebAssembly.Memory.prototype.grow = function (...args) {
    if (refused) return grow.apply(this, args);
    refused = true;
    throw new RangeError("WebAssembly.Memory.grow(): Maximum memory size exceeded");
  };
}"""


@own_boot_path
def test_a_browser_without_memory_for_the_snapshot_boots_normally_and_keeps_it_for_next_time(
    guarded_context, site_url: str
):
    context = guarded_context(store_snapshot=True)
    page = context.new_page()
    page.add_init_script(_NO_MEMORY_THEN)
    warnings: list[str] = []
    page.on("console", lambda message: warnings.append(message.text) if message.type == "warning" else None)
    page.goto(f"{site_url}/index.html")
    wait_ready(page)
    assert page.evaluate(RESTORED) is False
    assert any("(the browser could not give Python its memory); starting Python the normal way" in w for w in warnings)
    # Nothing was wrong with the snapshot: the next visit, with memory to spare, restores it.
    assert _visit(context, f"{site_url}/index.html").evaluate(RESTORED) is True


@own_boot_path
@pytest.mark.parametrize(
    ("connection", "reason"),
    [
        ({"saveData": True, "effectiveType": "4g"}, "the visitor asked to save data"),
        ({"saveData": False, "effectiveType": "3g"}, "a slow connection (3g)"),
    ],
)
def test_no_snapshot_download_when_saving_data_or_on_a_slow_connection(guarded_context, site_url, connection, reason):
    context = guarded_context(store_snapshot=False)
    context.add_init_script(f"Object.defineProperty(navigator, 'connection', {{value: {json.dumps(connection)}}})")
    page = _visit(context, f"{site_url}/index.html")
    page.wait_for_function(NOT_SAVED)
    assert page.evaluate("performance.getEntriesByName('kakao-share:snapshot-not-saved')[0].detail") == reason
    assert page.evaluate(HEAP_REQUESTS) == []


@own_boot_path
def test_an_exported_site_restores_the_snapshot_from_a_plain_static_server(tmp_path: Path, guarded_context):
    site_dir = export(tmp_path / "site", log=lambda _: None)
    context = guarded_context(store_snapshot=False)
    with static_server(site_dir) as url:
        page = _return_visit(context, f"{url}/index.html")
        assert PyHost(page).run("import kakao_share\nkakao_share.__version__") == kakao_share.__version__


@own_boot_path
def test_a_page_on_another_origin_restores_the_snapshot_on_a_return_visit(tmp_path: Path, guarded_context, site_url):
    (tmp_path / "page.html").write_text(OTHER_PAGE.format(site=site_url))
    context = guarded_context(store_snapshot=False)
    # A real server: Chromium refuses a routed document's cross-origin requests to 127.0.0.1.
    with static_server(tmp_path) as other:
        page = _return_visit(context, f"{other}/page.html")
        assert PyHost(page).run("import kakao_share\nkakao_share.__version__") == kakao_share.__version__
        # Kept by the page's origin, fetched from ours.
        stored = page.evaluate("async () => (await (await caches.open('kakao-share-snapshot')).keys()).map(r => r.url)")
        assert len(stored) == 1 and stored[0].startswith(f"{site_url}/runtime/")
