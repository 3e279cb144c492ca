"""Jinja2 authoring: JSON-literal interpolation, sandbox, errors that point at the template line."""

from __future__ import annotations

import json

import pytest
from kakao_share import (
    EXAMPLES,
    CommerceTemplate,
    FeedTemplate,
    Link,
    LocationTemplate,
    TemplateError,
    TemplateRenderError,
    TextTemplate,
    example_context,
    load_example,
    render_template,
)

TEXT = """{
  "object_type": "text",
  "text": {{ message }},
  "link": {"web_url": {{ url }}}
}
"""


def test_values_are_written_as_json_literals():
    t = render_template(TEXT, {"message": 'He said "hi"\\\nand left', "url": "https://example.com"})
    assert t == TextTemplate(text='He said "hi"\\\nand left', link=Link(web_url="https://example.com"))


@pytest.mark.parametrize(
    "hostile",
    [
        '", "buttons": [{"title": "x", "link": {}}], "x": "',
        '"}, "object_type": "feed',
        "\\",
        "\u2028</script><script>alert(1)</script>",
        "{{ 7 * 7 }}",
        "{% raw %}",
    ],
)
def test_data_cannot_change_the_document_structure(hostile):
    t = render_template(TEXT, {"message": hostile, "url": "https://example.com"})
    assert isinstance(t, TextTemplate)
    assert t.text == hostile
    assert t.buttons is None


def test_numbers_booleans_lists_and_models():
    source = """{
      "object_type": "feed",
      "content": {"title": {{ title }}, "image_width": {{ width }}, "link": {{ link }}},
      "social": {"like_count": {{ likes }}},
      "buttons": {{ buttons }}
    }"""
    t = render_template(
        source,
        {
            "title": None,
            "width": 640,
            "link": Link(web_url="https://example.com"),
            "likes": 3,
            "buttons": [{"title": "go", "link": {"webUrl": "https://example.com/b"}}],
        },
    )
    assert isinstance(t, FeedTemplate)
    assert t.to_js() == {
        "objectType": "feed",
        "content": {"imageWidth": 640, "link": {"webUrl": "https://example.com"}},
        "social": {"likeCount": 3},
        "buttons": [{"title": "go", "link": {"webUrl": "https://example.com/b"}}],
    }


def test_string_building_and_tojson_filter():
    source = '{"object_type": "text", "text": {{ "Only " ~ n ~ " left" }}, "link": {{ link | tojson }}}'
    t = render_template(source, {"n": 3, "link": {"web_url": "https://example.com"}})
    assert t.text == "Only 3 left"
    assert t.link.web_url == "https://example.com"


def test_quoted_interpolation_is_an_error_with_a_hint():
    source = '{\n  "object_type": "text",\n  "text": "{{ message }}",\n  "link": {}\n}'
    with pytest.raises(TemplateRenderError) as exc_info:
        render_template(source, {"message": "hi"}, name="share.json.j2")
    err = exc_info.value
    assert err.lineno == 3
    assert err.name == "share.json.j2"
    assert str(err).startswith("share.json.j2, line 3: the template did not render valid JSON")
    assert '"key": {{ value }}' in str(err)
    assert '"text": "{{ message }}",' in str(err)


def test_undefined_variable_points_at_its_line():
    source = '{\n  "object_type": "text",\n  "text": {{ message }},\n  "link": {"web_url": {{ missing_url }}}\n}'
    with pytest.raises(TemplateRenderError) as exc_info:
        render_template(source, {"message": "hi"})
    assert exc_info.value.lineno == 4
    assert "undefined value" in str(exc_info.value)
    assert "missing_url" in str(exc_info.value)


def test_syntax_error_points_at_its_line():
    source = '{\n  "object_type": "text",\n  {% if x %}\n  "text": {{ x }\n}'
    with pytest.raises(TemplateRenderError) as exc_info:
        render_template(source, {"x": "a"})
    assert exc_info.value.lineno == 4
    assert "template syntax error" in str(exc_info.value)


def test_bad_json_from_the_author_points_at_the_line():
    source = '{\n  "object_type": "text",\n  "text": {{ x }}\n  "link": {}\n}'
    with pytest.raises(TemplateRenderError) as exc_info:
        render_template(source, {"x": "a"})
    assert exc_info.value.lineno == 4
    assert "did not render valid JSON" in str(exc_info.value)


def test_bad_json_inside_a_loop_maps_to_the_source_line():
    source = (
        '{\n  "object_type": "feed",\n  "content": {"link": {}},\n  "buttons": [\n'
        "  {% for b in buttons %}\n"
        '    {"title": {{ b }}, "link": {}}{% if not loop.last %},{% endif %}\n'
        "  {% endfor %}\n"
        "  ]]\n}"
    )
    with pytest.raises(TemplateRenderError) as exc_info:
        render_template(source, {"buttons": ["a", "b"]})
    assert exc_info.value.lineno == 8


def test_invalid_template_points_at_the_offending_value():
    source = """{
  "object_type": "feed",
  "content": {
    "title": {{ title }},
    "link": {
      "web_url": {{ url }}
    }
  },
  "buttons": [
    {"title": "a", "link": {}},
    {"title": "b", "link": {}},
    {"title": "c", "link": {}}
  ]
}"""
    with pytest.raises(TemplateRenderError) as exc_info:
        render_template(source, {"title": "t", "url": "javascript:alert(1)"}, name="t.j2")
    err = exc_info.value
    assert isinstance(err, TemplateError)
    assert err.paths == ["content.link.web_url", "buttons"]
    assert err.lineno == 6
    assert "line 6: content.link.web_url: javascript: URLs are not allowed" in str(err)
    assert "line 9: buttons: at most 2 buttons" in str(err)


def test_invalid_integer_from_data():
    source = '{\n"object_type": "feed",\n"content": {"link": {},\n "image_width": {{ w }}}\n}'
    with pytest.raises(TemplateRenderError) as exc_info:
        render_template(source, {"w": 1.5})
    assert exc_info.value.paths == ["content.image_width"]
    assert exc_info.value.lineno == 4


def test_non_json_values_are_refused():
    with pytest.raises(TemplateRenderError) as exc_info:
        render_template(TEXT, {"message": object(), "url": "https://example.com"})
    assert exc_info.value.lineno == 3
    assert "cannot be written into a template" in str(exc_info.value)
    with pytest.raises(TemplateRenderError):
        render_template(TEXT, {"message": float("nan"), "url": "https://example.com"})


def test_runtime_errors_point_at_their_line():
    source = '{\n"object_type": "text",\n"text": {{ 1 / n }},\n"link": {}\n}'
    with pytest.raises(TemplateRenderError) as exc_info:
        render_template(source, {"n": 0})
    assert exc_info.value.lineno == 3
    assert "division by zero" in str(exc_info.value)
    recursive = '{% macro r(n) %}{{ r(n) }}{% endmacro %}{"object_type": "text", "text": {{ r(1) }}, "link": {}}'
    with pytest.raises(TemplateRenderError):
        render_template(recursive, {})


def test_sandbox_blocks_unsafe_attribute_access():
    source = '{"object_type": "text", "text": {{ message.__class__.__mro__[1].__subclasses__() | length }}, "link": {}}'
    with pytest.raises(TemplateRenderError) as exc_info:
        render_template(source, {"message": "x"})
    assert exc_info.value.lineno == 1


def test_strict_mode_turns_findings_into_errors():
    source = '{\n"object_type": "text",\n"text": {{ t }},\n"link": {"web_url": "https://example.com"}\n}'
    assert render_template(source, {"t": "a" * 201}).text == "a" * 201
    with pytest.raises(TemplateRenderError) as exc_info:
        render_template(source, {"t": "a" * 201}, strict=True)
    assert exc_info.value.paths == ["text"]
    assert exc_info.value.lineno == 3
    with pytest.raises(TemplateRenderError) as exc_info:
        render_template(source, {"t": "ok"}, strict=True, registered_domains=["other.com"])
    assert exc_info.value.paths == ["link.web_url"]
    assert exc_info.value.lineno == 4


def test_camel_case_documents_work_too():
    source = '{"objectType": "text", "text": {{ t }}, "link": {"webUrl": {{ u }}}, "buttonTitle": "Go"}'
    t = render_template(source, {"t": "hi", "u": "https://example.com"})
    assert t.to_template_object() == {
        "object_type": "text",
        "button_title": "Go",
        "link": {"web_url": "https://example.com"},
        "text": "hi",
    }


# --- shipped examples ----------------------------------------------------------------------------


def test_examples_are_listed():
    assert EXAMPLES == ("product", "event", "article")
    with pytest.raises(KeyError):
        load_example("nope")


def test_product_example():
    t = render_template(load_example("product"), example_context("product"), name="product.json.j2")
    assert isinstance(t, CommerceTemplate)
    assert t.commerce.regular_price == 18000
    assert t.commerce.discount_price == 14400
    assert t.commerce.discount_rate == 20
    assert t.content.title == 'Ceramic mug "Classic" 350 ml'
    assert len(t.buttons) == 2
    no_sale = example_context("product")
    del no_sale["product"]["sale_price"]
    t2 = render_template(load_example("product"), no_sale)
    assert t2.commerce.discount_price is None and t2.commerce.discount_rate is None


def test_event_example():
    t = render_template(load_example("event"), example_context("event"), strict=True)
    assert isinstance(t, LocationTemplate)
    assert t.address == "경기 성남시 분당구 판교역로 235"
    assert t.address_title == "Pangyo Tech Hall"
    assert t.content.description == "2025-08-16 18:00 · Pangyo Tech Hall · Bring a laptop <and> ideas"


def test_article_example():
    ctx = example_context("article")
    t = render_template(load_example("article"), ctx, strict=True, registered_domains=["blog.example.com"])
    assert isinstance(t, FeedTemplate)
    assert t.social.like_count == 128
    assert t.content.description.endswith("…")
    assert len(t.content.description) <= 121
    assert t.buttons[1].title == "Jiyoung의 글"


@pytest.mark.parametrize("name", EXAMPLES)
def test_examples_with_hostile_data_stay_valid(name):
    ctx = example_context(name)
    key = next(iter(ctx))
    for field, value in ctx[key].items():
        if isinstance(value, str) and not value.startswith("https://"):
            ctx[key][field] = '"},"buttons":[],"x":{"<script>alert(1)</script>'
    t = render_template(load_example(name), ctx)
    assert json.dumps(t.to_js())
    assert t.content.title == '"},"buttons":[],"x":{"<script>alert(1)</script>'


@pytest.mark.parametrize("name", EXAMPLES)
def test_examples_with_a_missing_value_point_at_the_line(name):
    ctx = example_context(name)
    key = next(iter(ctx))
    del ctx[key]["url"]
    source = load_example(name)
    with pytest.raises(TemplateRenderError) as exc_info:
        render_template(source, ctx, name=f"{name}.json.j2")
    line = source.splitlines()[exc_info.value.lineno - 1]
    assert f"{key}.url" in line
