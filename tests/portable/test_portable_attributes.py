"""kakao_share.portable.attributes: a <kakao-share-button>'s attributes, each mistake named as the attribute."""

from kakao_share.portable.attributes import close_match, read_attributes
from kakao_share.portable.limits import MAX_SAFE_INTEGER
from portable_helpers import plain

PAGE = "https://blog.example.com/posts/7"
KEY = "0123456789abcdef0123456789abcdef"


def problems(attributes, inline=None):
    values, found = read_attributes(attributes, PAGE, inline)
    assert values is None
    return [(f["path"], f["rule"], f["fix"]) for f in found]


def test_valid_attributes_are_read_into_values():
    values, found = read_attributes(
        [
            ("APP-KEY", " " + KEY + " "),
            ("template-id", " 10123 "),
            ("template-args", '{"name": "지수", "n": "1"}'),
            ("callback-args", "{}"),
            ("install-talk", ""),
            ("picker-type", "chat"),
            ("picker-limit", "3"),
            ("url", "../other?x=1"),
            ("data-sale-price", "9,000"),
            ("aria-label", "share"),
            ("theme", "dark"),
        ],
        PAGE,
    )
    assert found == []
    assert plain(values) == {
        "app_key": KEY,
        "template_id": 10123,
        "template_args": {"name": "지수", "n": "1"},
        "url": "https://blog.example.com/other?x=1",
        "callback_args": {},
        "install_talk": True,
        "picker_type": "chat",
        "picker_limit": 3,
        "data": {"sale_price": "9,000"},
    }
    assert list(values["template_args"]) == ["name", "n"]


def test_every_mistake_at_once_in_the_models_order():
    found = problems(
        [
            ("template-id", "12a"),
            ("template-args", '{"count": 3}'),
            ("picker-limit", "20"),
            ("scrap", "yes"),
            ("tempalte-src", "x.j2"),
            ("style", "color: red"),
        ]
    )
    assert [path for path, _, _ in found] == [
        "tempalte-src",
        "app-key",
        "template-id",
        "template-args.count",
        "scrap",
        "picker-limit",
    ]
    assert found[0][1:] == ("is not an attribute of <kakao-share-button>", "did you mean template-src?")
    assert found[2][1:] == ("must be a whole number", 'write it as digits only, e.g. template-id="12345"')
    assert found[3][1:] == ("values must be strings, not 3", 'put the value in quotes: "3"')


def test_each_rule_names_its_attribute():
    # (tests/unit/test_widget_config.py has more; these are the ones MicroPython reads differently by itself)
    cases = [
        ({"template-id": "1", "template-args": "{bad"}, "template-args", "not valid JSON (Expecting property name"),
        ({"callback-args": '{"my key": 1.50}'}, 'callback-args["my key"]', "not 1.50"),
        ({"callback-args": '{"a": null}'}, "callback-args.a", "not null"),
        ({"callback-args": '{"a": [1 2]}'}, "callback-args", "Expecting ',' delimiter at character 9"),
        ({"template-id": str(MAX_SAFE_INTEGER + 1)}, "template-id", "positive integer"),
        ({"template-id": "12345678901234567"}, "template-id", "whole number"),
        ({"template-id": "\u0663"}, "template-id", "whole number"),
        ({"picker-type": "chat", "picker-limit": "8"}, "picker-limit", "at most 5"),
        ({"url": "\u3000"}, "url", "is empty"),
        ({"url": "//cdn.example.com/a b"}, "url", "must not contain spaces"),
        ({"sdk-src": "//cdn.example.com/kakao.js", "sdk-version": "2.7.4"}, "", ""),
        ({"sdk-version": "2.8.0", "sdk-integrity": "sha384-ab=="}, "", ""),
        ({"sdk-version": "2.8.0", "sdk-integrity": "sha384-ab==="}, "sdk-integrity", "SRI hash"),
    ]
    for attributes, path, rule in cases:
        attributes = dict(attributes)
        attributes["app-key"] = KEY
        values, found = read_attributes(attributes, PAGE)
        if not path:
            assert found == [] and values is not None, attributes
            continue
        assert len(found) == 1, (attributes, found)
        assert found[0]["path"] == path, (attributes, found)
        assert rule in found[0]["rule"], (attributes, found)
        assert found[0]["fix"]


def test_a_template_id_and_a_jinja_template_are_not_both_allowed():
    [(path, rule, _)] = problems({"app-key": KEY, "template-id": "1"}, inline="{}")
    assert path == "template-id" and "not both" in rule
    [(path, _, _)] = problems({"app-key": KEY, "template-src": "t.j2"}, inline="{}")
    assert path == "template-src"


def test_switches():
    for text, on in (("", True), ("TRUE", True), ("scrap", True), (" false ", False)):
        values, _ = read_attributes({"app-key": KEY, "scrap": text}, PAGE)
        assert values["scrap"] is on
    [(path, _, fix)] = problems({"app-key": KEY, "install-talk": "yes"})
    assert (path, fix) == ("install-talk", "write install-talk alone to turn it on")


def test_did_you_mean_is_difflibs_choice():
    known = ["app-key", "template-id", "template-src", "text", "theme"]
    assert close_match("tempalte-src", known) == "template-src"
    assert close_match("app-kye", known) == "app-key"
    assert close_match("style", known) is None
    assert close_match("them", known) == "theme"
