"""Whatever it is given, parsing raises only the library's own errors (a server can catch one class)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from kakao_share import ShareParts, TemplateError, parse_settings, parse_template
from kakao_share._templates import TEMPLATE_CLASSES

TEXT = {"objectType": "text", "text": "t", "link": {"webUrl": "https://example.com"}}


def nested(depth: int, leaf: Any = 1) -> Any:
    value = leaf
    for _ in range(depth):
        value = {"a": value}
    return value


@pytest.mark.parametrize(
    ("data", "rule"),
    [
        (b'{"objectType": "text", "text": "\xff\xfe\xfa"}', "not valid JSON: the bytes are not UTF-8"),
        ("[" * 100_000 + "]" * 100_000, "not valid JSON: nested too deeply"),
        ('{"a":' * 100_000 + "1" + "}" * 100_000, "not valid JSON: nested too deeply"),
        ('{"templateId": 1' + "0" * 5000 + "}", "not valid JSON: Exceeds the limit"),
        ("NaN", "a template must be a JSON object"),
        ("", "not valid JSON: Expecting value"),
    ],
)
def test_unreadable_json_is_a_template_error(data, rule):
    for parse in (parse_template, parse_settings):
        with pytest.raises(TemplateError) as err:
            parse(data)
        assert err.value.problems[0].code in {"json_invalid", "object_type_error"}
        assert err.value.problems[0].rule.replace("share settings", "a template").startswith(rule)


def test_deep_nesting_inside_fields_is_a_template_error():
    with pytest.raises(TemplateError) as err:
        parse_settings({**TEXT, "extras": nested(5000)})
    assert err.value.paths == ["extras.a"] and "nests deeper than" in err.value.problems[0].rule
    with pytest.raises(TemplateError) as err:
        parse_settings({**TEXT, "serverCallbackArgs": "[" * 100_000})
    assert err.value.problems[0].rule == "is not valid JSON (nested too deeply)"
    with pytest.raises(TemplateError) as err:
        parse_template({**TEXT, "text": nested(5000), "link": nested(5000)})
    assert set(err.value.paths) == {"text", "link.a"}


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=20,
)
# Objects that look like templates more often than chance would make them.
KEYS = ["objectType", "object_type", "text", "link", "content", "templateId", "requestUrl", "installTalk", "extras"]
template_like = st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=6), json_values, max_size=6).map(
    lambda d: {**d, "objectType": d.get("objectType", "text")} if len(d) % 2 else d
)


def outcome(parse: Any, data: Any) -> Any:
    try:
        return parse(data)
    except TemplateError as exc:  # anything else fails the test
        return exc


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(json_values, template_like, st.binary(max_size=40), st.text(max_size=40)))
def test_any_input_gives_a_template_or_a_template_error(data):
    inputs = [data, json.dumps(data)] if isinstance(data, dict) else [data]
    for item in inputs:
        template = outcome(parse_template, item)
        assert isinstance(template, (TemplateError, *TEMPLATE_CLASSES))
        settings_ = outcome(parse_settings, item)
        assert isinstance(settings_, (TemplateError, ShareParts))
        for result in (template, settings_):
            if isinstance(result, TemplateError):
                assert result.problems and all(problem.rule for problem in result.problems)
