"""The same models, authoring and preview run in the page and give what they give on CPython."""

from __future__ import annotations

import json

import jinja2
import kakao_share
import pytest
from kakao_share import example_context, load_example, render_preview, render_template
from pyhost import PageError, PyHost

MESSAGE = {
    "object_type": "feed",
    "content": {
        "title": "<script>alert(1)</script>",
        "description": 'Mug "Classic"',
        "image_url": "https://example.com/a.png",
        "link": {"web_url": "https://example.com"},
    },
    "buttons": [
        {"title": "Open", "link": {"web_url": "https://example.com", "mobile_web_url": "https://m.example.com"}}
    ],
}


def test_models_preview_and_authoring_in_the_page_match_cpython(py: PyHost):
    from kakao_share import parse_template

    expected = parse_template(MESSAGE)
    got = py.run(
        "import json, kakao_share\n"
        f"t = kakao_share.parse_template(json.loads({json.dumps(MESSAGE)!r}))\n"
        "ctx = kakao_share.example_context('product')\n"
        "[t.to_js(), t.to_template_object(), kakao_share.render_preview(t),\n"
        " kakao_share.render_template(kakao_share.load_example('product'), ctx).to_js()]"
    )
    assert got[0] == expected.to_js()
    assert got[1] == expected.to_template_object()
    assert list(got[1]) == list(expected.to_template_object())  # key order survives the trip
    assert got[2] == render_preview(expected)
    assert "<script>" not in got[2]
    assert got[3] == render_template(load_example("product"), example_context("product")).to_js()


def test_validation_errors_in_the_page_name_the_field(py: PyHost):
    bad = {**MESSAGE, "content": {**MESSAGE["content"], "image_width": 1.5}}
    with pytest.raises(PageError) as raised:
        py.run(f"import json, kakao_share\nkakao_share.parse_template(json.loads({json.dumps(bad)!r}))")
    assert raised.value.is_a("TemplateError")
    assert "content.image_width" in raised.value.message


def test_the_page_knows_the_installed_packages_and_their_versions(py: PyHost):
    import pydantic

    got = py.run(
        "from importlib.metadata import requires, version\n"
        "[version('kakao-share'), version('pydantic'), version('jinja2'), requires('kakao-share')]"
    )
    assert got[:3] == [kakao_share.__version__, pydantic.VERSION, jinja2.__version__]
    assert any(r.startswith("pydantic") for r in got[3])
