"""Python in the page drives Kakao.Share through kakao_share.browser; we assert on what leaves the browser.

Expected payloads come from the same models on CPython, so these tests hold three things together: the
models' wire form, the bridge's conversion, and the SDK (our double, or a real build via
``KAKAO_SDK_FILE``) at the network boundary.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import sdk_calls
from kakao_fakes import APP_LINK_PREFIX, FakeKakao, using_real_sdk
from kakao_share import ShareOptions, parse_template
from kakao_share._sdk_builds import DEFAULT_SDK_VERSION
from kakao_share._share import version_tuple
from kakao_share._wire import compact_json
from playwright.sync_api import Page
from pyhost import PageError, PyHost, wait_ready

APP_KEY = "0123456789abcdef0123456789abcdef"
LINK = {"web_url": "https://example.com/p/1", "mobile_web_url": "https://m.example.com/p/1"}
CONTENT = {
    "title": "Spring sale",
    "description": "Up to 50% off",
    "image_url": "https://example.com/a.png",
    "image_width": 640,
    "image_height": 640,
    "link": LINK,
}

TEMPLATES = {
    "feed": {
        "object_type": "feed",
        "content": CONTENT,
        "item_content": {
            "profile_text": "Kakao",
            "items": [{"item": "Cake", "item_op": "1000원"}],
            "sum": "Total",
            "sum_op": "1000원",
        },
        "social": {"like_count": 10, "comment_count": 2},
        "buttons": [{"title": "Open", "link": LINK}, {"title": "App", "link": {"android_execution_params": "a=1"}}],
    },
    "list": {
        "object_type": "list",
        "header_title": "Top stories",
        "header_link": LINK,
        "contents": [CONTENT, {**CONTENT, "title": "Second"}],
        "button_title": "More",
    },
    "location": {"object_type": "location", "content": CONTENT, "address": "Pangyo-ro 166, Seongnam"},
    "commerce": {
        "object_type": "commerce",
        "content": CONTENT,
        "commerce": {"regular_price": 20000, "discount_price": 15000, "discount_rate": 25, "product_name": "Mug"},
        "buttons": [{"title": "Buy", "link": LINK}],
    },
    "text": {"object_type": "text", "text": "Hello from Python", "link": LINK, "button_title": "Go"},
    "calendar": {"object_type": "calendar", "id_type": "event", "id": "evt-1", "content": CONTENT},
}


def pyjson(data) -> str:
    """A Python expression, for page code, that evaluates to ``data``."""
    return f"json.loads({json.dumps(data, ensure_ascii=False)!r})"


@pytest.fixture
def kpy(py: PyHost, kakao: FakeKakao) -> PyHost:
    """A booted page with the SDK loaded (at the version the fake serves) and initialised."""
    py.run(
        "import json\nfrom kakao_share import browser\nimport kakao_share\n"
        f"await browser.load_sdk({APP_KEY!r}, version={kakao.version!r}, integrity={kakao.integrity!r})\n"
    )
    return py


@pytest.fixture(scope="module")
def shared_booted(module_context, module_kakao: FakeKakao, site_url: str) -> PyHost:
    """One booted page with the SDK loaded and initialised, for the tests that only share through it."""
    page = module_context.new_page()
    page.goto(f"{site_url}/index.html")
    wait_ready(page)
    host = PyHost(page)
    host.run(
        "import json\nfrom kakao_share import browser\nimport kakao_share\n"
        f"await browser.load_sdk({APP_KEY!r}, version={module_kakao.version!r}, integrity={module_kakao.integrity!r})\n"
    )
    return host


@pytest.fixture
def shared_py(shared_booted: PyHost, module_kakao: FakeKakao, module_guard) -> Iterator[PyHost]:
    """The shared page, each test starting with no records and no popup; after it, nothing escaped the
    fakes, no page error and no PyScript error."""
    context = shared_booted.page.context
    opened: list[Page] = []

    def on_page(popup: Page) -> None:
        opened.append(popup)

    context.on("page", on_page)
    module_kakao.reset()
    before = (len(module_guard.escaped), len(module_guard.page_errors))
    yield shared_booted
    # Each desktop share came from its own popup, which Playwright may report after the share's request
    # was recorded; wait for every one, or a late popup would count against the next test.
    module_kakao.wait_for(shared_booted.page, lambda: len(opened) >= len(module_kakao.shares), what="share popups")
    context.remove_listener("page", on_page)
    for popup in [p for p in context.pages if p != shared_booted.page]:
        popup.close()
    assert module_guard.escaped[before[0] :] == []
    assert module_guard.page_errors[before[1] :] == []
    assert shared_booted.page.locator(".py-error").count() == 0


def loaded_version(py: PyHost) -> tuple[int, ...]:
    return tuple(py.run("list(browser.sdk_info().version_tuple)"))


@pytest.mark.parametrize("kind", list(TEMPLATES))
def test_send_default_posts_the_models_template_object(kind, shared_py, module_kakao):
    data = TEMPLATES[kind]
    expected = parse_template(data).validation_params()
    shared_py.run(f"browser.send_default({pyjson(data)})")
    share = module_kakao.wait_for_share(shared_py.page)
    assert share.field_names[:4] == ["app_key", "ka", "validation_action", "validation_params"]
    assert share.app_key == APP_KEY
    assert share.validation_action == "default"
    assert share.validation_params == expected
    # Byte for byte: the SDK's JSON.stringify of what the bridge handed it, in the SDK's key order.
    assert share.validation_params_raw == compact_json(expected)
    assert share.lcba is None


def test_send_custom_posts_template_id_and_args(shared_py, module_kakao):
    shared_py.run("browser.send_custom(10123, {'name': '지수', 'price': '1,000원'})")
    share = module_kakao.wait_for_share(shared_py.page)
    assert share.validation_action == "custom"
    assert share.validation_params == {
        "link_ver": "4.0",
        "template_id": 10123,
        "template_args": {"name": "지수", "price": "1,000원"},
    }


def test_send_scrap_posts_request_url(shared_py, module_kakao):
    shared_py.run("browser.send_scrap('https://example.com/article/7')")
    share = module_kakao.wait_for_share(shared_py.page)
    assert share.validation_action == "scrap"
    assert share.validation_params == {
        "link_ver": "4.0",
        "request_url": "https://example.com/article/7",
        "template_args": {},
    }


def test_server_callback_args_become_lcba(shared_py, module_kakao):
    args = {"order_id": "A-17", "user": "u1"}
    shared_py.run(f"browser.send_default({pyjson(TEMPLATES['text'])}, server_callback_args={args!r})")
    share = module_kakao.wait_for_share(shared_py.page)
    assert share.field_names == ["app_key", "ka", "validation_action", "validation_params", "lcba"]
    assert share.lcba == ShareOptions(server_callback_args=args).lcba
    assert json.loads(share.lcba) == args


def test_invalid_template_is_refused_in_python_and_nothing_is_sent(shared_py, module_kakao):
    three_buttons = {**TEMPLATES["feed"], "buttons": [{"title": f"b{i}", "link": LINK} for i in range(3)]}
    with pytest.raises(PageError) as err:
        shared_py.run(f"browser.send_default({pyjson(three_buttons)})")
    assert err.value.is_a("TemplateError")
    assert "buttons" in err.value.message
    module_kakao.expect_no_share(shared_py.page)
    assert shared_py.page.context.pages == [shared_py.page]  # no popup was opened either


def test_wrong_template_kind_for_the_function_is_refused(shared_py, module_kakao):
    with pytest.raises(PageError) as err:
        shared_py.run("browser.send_default(kakao_share.CustomTemplate(template_id=5))")
    assert err.value.is_a("TemplateError")
    assert "send_default takes a default template" in err.value.message
    assert "(fix: share it with send_custom" in err.value.message
    module_kakao.expect_no_share(shared_py.page)


def test_picker_settings_are_accepted_from_sdk_2_8(shared_py, module_kakao):
    if loaded_version(shared_py) < (2, 8, 0):
        pytest.skip(f"the loaded SDK is older than 2.8.0 ({shared_py.run('browser.sdk_info().version')})")
    shared_py.run(f"browser.send_default({pyjson(TEMPLATES['text'])}, picker_settings={{'type': 'chat', 'limit': 5}})")
    share = module_kakao.wait_for_share(shared_py.page)
    assert share.validation_params == parse_template(TEMPLATES["text"]).validation_params()


def test_the_default_sdk_takes_picker_settings(context, page, site_url, kakao):
    if not kakao.serves(DEFAULT_SDK_VERSION):
        pytest.skip(f"about the default SDK {DEFAULT_SDK_VERSION}; KAKAO_SDK_FILE is {kakao.file_version}")
    sdk_calls.watch(context)
    kakao.serve_as_published(context)
    page.goto(f"{site_url}/index.html")
    wait_ready(page)
    py = PyHost(page)
    py.run(f"import json\nfrom kakao_share import browser\nawait browser.load_sdk({APP_KEY!r})")
    assert py.run("browser.sdk_info().version") == DEFAULT_SDK_VERSION
    py.run(f"browser.send_default({pyjson(TEMPLATES['text'])}, picker_settings={{'type': 'friend', 'limit': 3}})")
    kakao.wait_for_share(page)
    [[settings]] = sdk_calls.calls(page, "Share.sendDefault")
    assert settings["pickerSettings"] == {"type": "friend", "limit": 3}
    assert sdk_calls.calls(page, "init") == [[APP_KEY]]


def test_picker_settings_on_an_older_sdk_raise_and_send_nothing(py, kakao, booted_page):
    old = kakao.served_version("2.7.1")
    if version_tuple(old) >= (2, 8, 0):
        pytest.skip(f"needs an SDK older than 2.8.0; KAKAO_SDK_FILE is {old}")
    py.run(
        "from kakao_share import browser\nimport json\n"
        f"await browser.load_sdk({APP_KEY!r}, version={old!r}, integrity={kakao.integrity!r})"
    )
    assert py.run("browser.sdk_info().version") == old
    with pytest.raises(PageError) as err:
        py.run(f"browser.send_default({pyjson(TEMPLATES['text'])}, picker_settings={{'type': 'friend'}})")
    assert err.value.is_a("SDKVersionError")
    assert f"needs Kakao SDK 2.8.0 or later; this page loaded {old}" in err.value.message
    kakao.expect_no_share(booted_page)


def test_popup_blocked_becomes_popup_blocked_and_nothing_is_sent(kpy, kakao, booted_page):
    booted_page.evaluate("window.open = () => null")  # what a popup blocker does
    with pytest.raises(PageError) as err:
        kpy.run(f"browser.send_default({pyjson(TEMPLATES['text'])})")
    assert err.value.is_a("PopupBlocked") and err.value.is_a("SDKError")
    assert "click" in err.value.message
    kakao.expect_no_share(booted_page)


def test_a_blocked_popup_the_sdk_stays_silent_about_is_still_reported(kpy, kakao, booted_page):
    booted_page.evaluate(
        """() => {
          window.open = () => null;
          const send = Kakao.Share.sendDefault;
          Kakao.Share.sendDefault = function (settings) {  // an SDK that swallows its own failure
            try { return send.call(this, settings); } catch (e) { return undefined; }
          };
        }"""
    )
    with pytest.raises(PageError) as err:
        kpy.run(f"browser.send_default({pyjson(TEMPLATES['text'])})")
    assert err.value.is_a("PopupBlocked")
    kakao.expect_no_share(booted_page)


def test_settings_objects_carry_their_options_as_javascript_writes_them(shared_py, module_kakao):
    text = parse_template(TEMPLATES["text"]).to_js()
    shared_py.run(
        f"browser.send_default({pyjson({**text, 'serverCallbackArgs': {'order': 'A-1'}, 'installTalk': True})})"
    )
    share = module_kakao.wait_for_share(shared_py.page)
    assert share.validation_params == parse_template(TEMPLATES["text"]).validation_params()
    assert json.loads(share.lcba) == {"order": "A-1"}

    custom = {"templateId": 10123, "templateArgs": {"name": "지수"}, "serverCallbackArgs": {"order": "A-2"}}
    shared_py.run(f"browser.send_custom(json.dumps({custom!r}))")  # JSON text works too
    share = module_kakao.wait_for_share(shared_py.page)
    assert share.validation_params["template_args"] == {"name": "지수"}
    assert json.loads(share.lcba) == {"order": "A-2"}

    # Explicit options are merged over the ones in the object, field by field.
    scrap = {"requestUrl": "https://example.com/a", "serverCallbackArgs": {"order": "A-3"}}
    shared_py.run(f"browser.send_scrap({pyjson(scrap)}, server_callback_args={{'order': 'A-4'}})")
    share = module_kakao.wait_for_share(shared_py.page)
    assert share.validation_params["request_url"] == "https://example.com/a"
    assert json.loads(share.lcba) == {"order": "A-4"}


def test_relative_and_empty_image_urls_are_read_against_the_page(shared_py, module_kakao, site_url):
    data = {
        "objectType": "feed",
        "content": {"title": "Mug", "imageUrl": "/img/mug.png", "link": {"webUrl": "https://example.com/mug"}},
        "itemContent": {"profileText": "Shop", "profileImageUrl": ""},
    }
    findings = shared_py.run(
        "import warnings\n"
        "with warnings.catch_warnings(record=True) as caught:\n"
        "    warnings.simplefilter('always')\n"
        f"    prepared = browser.prepare({pyjson(data)})\n"
        "prepared.send()\n"
        "[[str(w.category.__name__), str(w.message)] for w in caught],"
        " [[f.path, f.code] for f in kakao_share.check(prepared.template)]"
    )
    warned, checked = findings
    assert [category for category, _ in warned] == ["KakaoShareWarning", "KakaoShareWarning"]
    assert f"resolved against the page's address to {site_url}/img/mug.png" in warned[0][1]
    assert checked[:2] == [
        ["content.image_url", "image_url_resolved"],
        ["item_content.profile_image_url", "image_url_empty"],
    ]
    share = module_kakao.wait_for_share(shared_py.page)
    assert share.template_object["content"]["image_url"] == f"{site_url}/img/mug.png"
    assert share.template_object["item_content"] == {"profile_text": "Shop"}


def test_the_bridge_exports_its_public_names_sorted(py):
    names, public = py.run(
        "from kakao_share import browser\n"
        "[browser.__all__, sorted((n for n in vars(browser) if not n.startswith('_')),"
        " key=lambda n: (0 if n.isupper() else 1 if n[:1].isupper() else 2, n))]"
    )
    assert names == public


README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def test_the_readme_bridge_example_runs_in_the_page(shared_py, module_kakao):
    (example,) = re.findall(r"```py\n(.*?)```", README, flags=re.S)
    shared_py.run(
        "import js\nfor name in ('order', 'invite', 'article'):\n"
        "    el = js.document.createElement('button'); el.id = 'share-' + name; js.document.body.append(el)"
    )
    shared_py.run(example)
    shared_py.page.click("#share-order")
    share = module_kakao.wait_for_share(shared_py.page)
    assert (share.template_object["text"], json.loads(share.lcba)) == ("Order A-17 is on its way", {"order": "A-17"})
    shared_py.page.click("#share-invite")
    share = module_kakao.wait_for_share(shared_py.page)
    assert (share.validation_params["template_args"], json.loads(share.lcba)) == ({"name": "Jisu"}, {"order": "A-17"})
    shared_py.page.click("#share-article")
    assert (
        module_kakao.wait_for_share(shared_py.page).validation_params["request_url"]
        == "https://shop.example.com/blog/7"
    )


def test_prepared_share_sends_from_a_synchronous_click_handler(shared_py, module_kakao):
    shared_py.run(
        "from pyodide.ffi import create_proxy\nimport js\n"
        "btn = js.document.createElement('button'); btn.id = 'share'; btn.textContent = 'Share'\n"
        "js.document.body.append(btn)\n"
        f"prepared = browser.prepare({pyjson(TEMPLATES['feed'])})\n"
        "handler = create_proxy(lambda event: prepared.send())\n"
        "btn.addEventListener('click', handler)\n"
    )
    shared_py.page.click("#share")
    share = module_kakao.wait_for_share(shared_py.page)
    assert share.validation_params == parse_template(TEMPLATES["feed"]).validation_params()


def test_button_click_shares_once_and_cleanup_stops_it(shared_py, module_kakao):
    shared_py.run(
        "import js\nel = js.document.createElement('a'); el.id = 'kshare'; el.textContent = 'Share'\n"
        "js.document.body.append(el)\n"
        f"browser.create_default_button('#kshare', {pyjson(TEMPLATES['text'])})"
    )
    shared_py.page.click("#kshare")
    module_kakao.wait_for_share(shared_py.page)
    module_kakao.expect_no_share(shared_py.page)  # exactly one share per click
    shared_py.run("browser.cleanup()")
    shared_py.page.click("#kshare")
    module_kakao.expect_no_share(shared_py.page)


def test_custom_and_scrap_buttons_send_their_templates(shared_py, module_kakao):
    shared_py.run(
        "import js\nfor i in ('c', 's'):\n    el = js.document.createElement('button'); el.id = i\n"
        "    js.document.body.append(el)\n"
        "browser.create_custom_button('#c', 777, {'k': 'v'})\n"
        "browser.create_scrap_button(js.document.getElementById('s'), 'https://example.com/x')"
    )
    shared_py.page.click("#c")
    assert module_kakao.wait_for_share(shared_py.page).validation_params["template_id"] == 777
    shared_py.page.click("#s")
    assert module_kakao.wait_for_share(shared_py.page).validation_params["request_url"] == "https://example.com/x"


def test_a_selector_that_matches_nothing_is_refused(shared_py, module_kakao):
    with pytest.raises(PageError) as err:
        shared_py.run(f"browser.create_default_button('#nope', {pyjson(TEMPLATES['text'])})")
    assert err.value.is_a("TemplateError") and "#nope" in err.value.message


def click_listeners(page: Page, selector: str) -> int:
    cdp = page.context.new_cdp_session(page)
    try:
        node = cdp.send("Runtime.evaluate", {"expression": f"document.querySelector({selector!r})"})
        listeners = cdp.send("DOMDebugger.getEventListeners", {"objectId": node["result"]["objectId"]})
        return sum(1 for item in listeners["listeners"] if item["type"] == "click")
    finally:
        cdp.detach()


def test_hundred_buttons_created_and_cleaned_leave_no_listener_and_no_proxy(kpy, kakao, booted_page):
    kpy.run(
        "import js, pyodide_js\n"
        "el = js.document.createElement('button'); el.id = 'many'; js.document.body.append(el)\n"
        # Record what the SDK receives, to prove no Python proxy is handed to it.
        "js.eval('''window.__seen = []; const orig = Kakao.Share.createDefaultButton;\n"
        "Kakao.Share.createDefaultButton = function (s) {\n"
        "  window.__seen.push(s); return orig.apply(this, arguments); };''')\n"
        f"prepared = browser.prepare({pyjson(TEMPLATES['feed'])})\n"
        "for _ in range(100):\n"
        "    prepared.create_button('#many')\n"
        "    browser.cleanup()\n"
    )
    assert click_listeners(booted_page, "#many") == 0
    proxies = kpy.run(
        "walk = js.eval('''(seen, PyProxy) => { let n = 0; const visit = v => {\n"
        "  if (v instanceof PyProxy) n++; else if (v && typeof v === 'object' && !(v instanceof Node))\n"
        "    Object.values(v).forEach(visit); }; seen.forEach(visit); return [seen.length, n]; }''')\n"
        "list(walk(js.window.__seen, pyodide_js.ffi.PyProxy))"
    )
    assert proxies == [100, 0]
    booted_page.click("#many")
    kakao.expect_no_share(booted_page)


IPHONE = {
    "user_agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
}


def test_on_a_phone_the_share_is_validated_by_kapi_then_opens_kakaotalk(guarded_context, kakao, site_url):
    page = guarded_context(**IPHONE).new_page()
    page.goto(f"{site_url}/index.html")
    wait_ready(page)
    py = PyHost(page)
    py.run(
        f"import json\nfrom kakao_share import browser\n"
        f"await browser.load_sdk({APP_KEY!r}, version={kakao.version!r}, integrity={kakao.integrity!r})"
    )
    data = TEMPLATES["feed"]
    py.run(f"browser.send_default({pyjson(data)}, server_callback_args={{'order': 'A-42'}})")
    validation = kakao.wait_for_kapi(page, "validate")
    assert (validation.method, validation.path) == ("GET", "/v2/api/kakaolink/talk/template/default")
    assert validation.authorization == f"KakaoAK {APP_KEY}"
    assert validation.template_object_raw == compact_json(parse_template(data).to_template_object())
    link = kakao.wait_for_app_link(page)
    assert "A-42" in link.fully_decoded
    page.wait_for_url(lambda url: url.startswith(APP_LINK_PREFIX))  # the page hands over to KakaoTalk
    assert kakao.shares == []  # phones get no sharer popup


def test_init_is_idempotent_and_refuses_another_key(kpy):
    kpy.run(f"browser.init({APP_KEY!r})\nawait browser.load_sdk({APP_KEY!r})")
    with pytest.raises(PageError) as err:
        kpy.run("browser.init('another-key')")
    assert err.value.is_a("SDKInitError")


def test_loads_started_at_once_add_one_script_and_share_its_result(py, kakao):
    found = py.run(
        "import asyncio, js\nfrom kakao_share import browser\n"
        f"load = lambda: browser.load_sdk({APP_KEY!r}, version={kakao.version!r}, integrity={kakao.integrity!r})\n"
        "infos = await asyncio.gather(load(), load(), load())\n"
        "scripts = [s.src for s in js.document.scripts if s.src == infos[0].src]\n"
        "[len(set(infos)), len(scripts), bool(js.Kakao.isInitialized())]"
    )
    assert found == [1, 1, True]
    assert len(kakao.sdk_requests) == 1


def test_loads_started_at_once_share_a_failure_and_a_later_call_tries_again(py, kakao):
    wrong = "sha384-" + "A" * 64
    outcome = py.run(
        "import asyncio\nfrom kakao_share import browser\n"
        f"load = lambda: browser.load_sdk('k', version={kakao.version!r}, integrity={wrong!r}, timeout=10)\n"
        "results = await asyncio.gather(load(), load(), return_exceptions=True)\n"
        "[type(r).__name__ for r in results]"
    )
    assert outcome == ["SDKLoadError", "SDKLoadError"]
    assert len(kakao.sdk_requests) == 1  # one script for both calls
    py.run(f"await browser.load_sdk({APP_KEY!r}, version={kakao.version!r}, integrity={kakao.integrity!r})")
    assert py.run("browser.sdk_info().version") == kakao.version


def test_wrong_sri_hash_is_a_blocked_sdk_load(py, kakao):
    wrong = "sha384-" + "A" * 64
    with pytest.raises(PageError) as err:
        py.run(
            f"from kakao_share import browser\nawait browser.load_sdk('k', version={kakao.version!r}, "
            f"integrity={wrong!r}, timeout=10)"
        )
    assert err.value.is_a("SDKLoadError")
    assert "integrity" in err.value.message
    assert py.run("import js\nhasattr(js.window, 'Kakao')") is False


def test_unknown_version_without_a_hash_is_refused_before_loading(py, kakao):
    with pytest.raises(PageError) as err:
        py.run("from kakao_share import browser\nawait browser.load_sdk('k', version='9.9.9')")
    assert err.value.is_a("SDKLoadError") and "integrity" in err.value.message
    assert kakao.sdk_requests == []


def test_v1_sdk_is_reported_as_too_old(py, kakao):
    if using_real_sdk():
        pytest.skip("needs a v1 SDK; KAKAO_SDK_FILE fixes the version")
    with pytest.raises(PageError) as err:
        py.run(
            f"from kakao_share import browser\nawait browser.load_sdk('k', version='1.43.0', "
            f"integrity={kakao.integrity!r})"
        )
    assert err.value.is_a("SDKLoadError") and "Kakao.Link" in err.value.message


# --- images ---------------------------------------------------------------------------------------

PNG_1x1 = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360f8cfc0f01f0005000201e5270ae10000000049454e44ae426082"
)


def test_upload_image_sends_each_file_as_a_part_and_returns_image_info(shared_py, module_kakao):
    info = shared_py.run(
        f"info = await browser.upload_image([('dot.png', {PNG_1x1!r}, 'image/png')])\ninfo.model_dump()"
    )
    upload = module_kakao.uploads[-1]
    assert upload.method == "POST"
    assert upload.authorization == f"KakaoAK {APP_KEY}"
    parts = upload.file_parts
    assert [(p.name, p.filename, p.data) for p in parts] == [("file", "dot.png", PNG_1x1)]
    assert info["url"].startswith("http")
    assert (info["width"], info["height"]) == (1, 1)


def test_an_upload_over_kakaos_5_mb_is_refused_and_nothing_is_sent(shared_py, module_kakao):
    with pytest.raises(PageError) as err:
        shared_py.run(
            f"await browser.upload_image([('dot.png', {PNG_1x1!r}, 'image/png'), "
            "('poster.png', bytes(5 * 1024 * 1024 + 1), 'image/png')])"
        )
    assert err.value.is_a("TemplateError")
    assert "files[1]: poster.png is 5.0 MB; Kakao takes images of at most 5 MB" in err.value.message
    module_kakao.pump(shared_py.page, 200)
    assert module_kakao.uploads == []


def test_scrap_and_delete_image(shared_py, module_kakao):
    info = shared_py.run("(await browser.scrap_image('https://example.com/cat.jpg')).model_dump()")
    scrap = module_kakao.image_scraps[-1]
    assert scrap.form_dict == {"image_url": "https://example.com/cat.jpg"}
    assert info["url"]
    shared_py.run(f"await browser.delete_image({info['url']!r})")
    deletion = module_kakao.deletions[-1]
    assert deletion.method == "DELETE"
    assert deletion.query_dict == {"image_url": info["url"]}


def test_kakao_api_errors_become_kakao_api_error(kpy, kakao):
    kakao.fail("scrap", status=401, body={"code": -401, "msg": "InvalidTokenException"})
    with pytest.raises(PageError) as err:
        kpy.run("await browser.scrap_image('https://example.com/cat.jpg')")
    assert err.value.is_a("KakaoAPIError")
    assert "InvalidTokenException" in err.value.message
    assert err.value.attrs.get("code") == "-401"
