"""Generated code runs as printed: Python builds an equal model, JavaScript passes the same settings object."""

from __future__ import annotations

import ast
import json
import shutil
import subprocess

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from kakao_share import (
    SHARE_BUTTON_SELECTOR,
    Content,
    CustomTemplate,
    Link,
    ScrapTemplate,
    ShareOptions,
    TextTemplate,
    javascript_code,
    parse_template,
    python_code,
    share_settings,
    wire_json,
)
from kakao_share._sdk_builds import PUBLISHED_SRI
from test_forms import FULL

OPTIONS = ShareOptions(install_talk=True, server_callback_args={"order id": "A-1"}, picker_settings={"type": "friend"})
NODE = shutil.which("node")


def run_python(code: str) -> dict:
    namespace: dict = {}
    exec(compile(code, "generated.py", "exec"), namespace)
    return namespace


@pytest.mark.parametrize("kind", list(FULL))
@pytest.mark.parametrize("options", [None, OPTIONS], ids=["no-options", "options"])
def test_python_code_builds_an_equal_model(kind, options):
    template = parse_template(FULL[kind])
    namespace = run_python(python_code(template, options))
    assert namespace["template"] == template
    assert namespace["options"] == (options if options is not None else None)


def test_python_code_wraps_long_lines_and_names_the_sdk_call():
    template = parse_template(FULL["feed"])
    code = python_code(template, OPTIONS, app_key="KEY", sdk_version="2.8.0", integrity="sha384-abc")
    assert max(len(line) for line in code.splitlines()) <= 100
    assert code.startswith("from kakao_share import (\n")
    assert '#     await browser.load_sdk("KEY", version="2.8.0", integrity="sha384-abc")' in code
    sri = "sha384-" + "x" * 64  # as long as a real hash: the call is wrapped like the rest
    wrapped = python_code(template, app_key="0123456789abcdef0123456789abcdef", sdk_version="2.8.0", integrity=sri)
    assert max(len(line) for line in wrapped.splitlines()) <= 100
    assert f'#         integrity="{sri}",\n#     )' in wrapped
    assert f'#     @when("click", "{SHARE_BUTTON_SELECTOR}")' in code
    ast.parse(code)


@settings(max_examples=150, deadline=None)
@given(st.text(min_size=1, max_size=40))
def test_any_text_survives_as_a_python_string_literal(text):
    template = TextTemplate(text=text, link=Link(web_url="https://example.com"))
    assert run_python(python_code(template))["template"] == template


def test_closing_script_tags_are_escaped_in_both_languages():
    template = TextTemplate(text="a </script> b", link=Link(web_url="https://example.com"))
    assert "</script" not in python_code(template).split("\n#")[0]
    assert "</" not in javascript_code(template)
    assert run_python(python_code(template))["template"] == template


def _evaluate_js(code: str) -> list[dict]:
    """Run generated JavaScript in Node against a recording stand-in for the SDK and the page."""
    harness = """\
const calls = [];
let onClick = null;
globalThis.Kakao = {
  init: (key) => calls.push({init: key}),
  Share: new Proxy({}, {get: (_t, method) => (settings) => calls.push({method, settings})}),
};
globalThis.document = {querySelector: (sel) => ({addEventListener: (ev, fn) => { onClick = [sel, ev, fn]; }})};
CODE
if (onClick) { calls.push({bound: onClick[0], event: onClick[1]}); onClick[2](); }
process.stdout.write(JSON.stringify(calls));
""".replace("CODE", code)
    out = subprocess.run([NODE, "-e", harness], capture_output=True, text=True, check=True, timeout=60)
    return json.loads(out.stdout)


@pytest.mark.skipif(NODE is None, reason="needs Node.js (the build needs it too)")
@pytest.mark.parametrize("kind", list(FULL))
def test_javascript_code_passes_exactly_the_settings_object(kind):
    template = parse_template(FULL[kind])
    expected = share_settings(template, OPTIONS)
    calls = _evaluate_js(javascript_code(template, OPTIONS, app_key="KEY"))
    assert calls[0] == {"init": "KEY"}
    assert calls[1] == {"bound": SHARE_BUTTON_SELECTOR, "event": "click"}
    assert calls[2]["method"] == template.send_method
    assert calls[2]["settings"] == expected
    assert list(calls[2]["settings"]) == list(expected)


@pytest.mark.skipif(NODE is None, reason="needs Node.js (the build needs it too)")
@pytest.mark.parametrize(
    ("template", "method"),
    [
        (parse_template(FULL["list"]), "createDefaultButton"),
        (CustomTemplate(template_id=3), "createCustomButton"),
        (ScrapTemplate(request_url="https://example.com"), "createScrapButton"),
    ],
)
def test_javascript_button_code_binds_the_sdk_button(template, method):
    calls = _evaluate_js(javascript_code(template, button=True))
    assert calls[1]["method"] == method
    assert calls[1]["settings"] == {"container": SHARE_BUTTON_SELECTOR, **share_settings(template)}


def test_javascript_code_names_the_sdk_script_and_the_version_it_needs():
    template = TextTemplate(text="x", link=Link(web_url="https://example.com"))
    code = javascript_code(template, OPTIONS, sdk_version="2.8.0", integrity="sha384-abc")
    assert "//   https://t1.kakaocdn.net/kakao_js_sdk/2.8.0/kakao.min.js\n" in code
    assert '// with integrity="sha384-abc" and crossorigin="anonymous".' in code
    assert "</" not in code  # safe to paste into an inline <script>
    assert "// This message needs SDK 2.8.0 or later." in code
    assert "needs SDK" not in javascript_code(template)


@pytest.mark.parametrize("version", ["2.8.3", "2.8.0", "2.7.9"])
def test_javascript_code_takes_a_published_build_by_version_alone(version):
    template = TextTemplate(text="x", link=Link(web_url="https://example.com"))
    code = javascript_code(template, sdk_version=version)
    assert f"//   https://t1.kakaocdn.net/kakao_js_sdk/{version}/kakao.min.js\n" in code
    assert f'// with integrity="{PUBLISHED_SRI[version]}" and crossorigin="anonymous".' in code


def test_wire_json_is_what_the_sdk_posts():
    default = parse_template(FULL["feed"])
    assert json.loads(wire_json(default)) == default.to_template_object()
    assert list(json.loads(wire_json(default))) == list(default.to_template_object())
    custom = CustomTemplate(template_id=5)
    assert json.loads(wire_json(custom)) == custom.validation_params()
    assert "원" in wire_json(parse_template(FULL["custom"]))  # not \\u escaped


def test_content_without_title_says_it_needs_sdk_2_7():
    from kakao_share import FeedTemplate

    feed = FeedTemplate(content=Content(image_url="https://e.com/a.png", link=Link(web_url="https://e.com")))
    assert "// This message needs SDK 2.7.0 or later." in javascript_code(feed)
