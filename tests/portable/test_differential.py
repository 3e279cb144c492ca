"""The widget's two paths agree: kakao_share.portable.widget.prepare (MicroPython) and the pydantic library.

Hypothesis generates buttons (attributes, an inline template or not) and pages (address, title, meta tags,
canonical link, JSON-LD). For each, the library's answer — ``PageMetadata``/``WidgetConfig`` ->
``settings`` -> ``to_js``, checked to survive ``parse_settings`` — must equal ``prepare``'s on CPython:
the same settings object with the same key order, or the same errors; the same warnings. Then every
example runs through ``prepare`` on MicroPython in one Node process and must give exactly CPython's result.
"""

from __future__ import annotations

import json
import time
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from kakao_share import PageMetadata, TemplateError, WidgetConfig, check, min_sdk_version, parse_settings
from kakao_share.portable.attributes import DISPLAY_ATTRIBUTES, SHARE_ATTRIBUTES
from kakao_share.portable.sdk import PUBLISHED_SRI, dotted
from kakao_share.portable.widget import prepare
from micropython_runner import run

KEY = "0123456789abcdef0123456789abcdef"
EXAMPLES = 200

text = st.text(st.characters(exclude_categories=("Cs",)), max_size=12)
spaces = st.sampled_from(["", " ", "\u3000", "\xa0", "\n", "\t"])
long_text = st.sampled_from(["x" * 9_990, "한" * 5_000, "😀" * 2_600])
url = st.one_of(
    st.builds(
        lambda scheme, host, path, pad: pad + scheme + host + path + pad,
        st.sampled_from(["https://", "http://", "HTTPS://", "//", "javascript:", "", "ftp://", "file://"]),
        st.sampled_from(["blog.example.com", "a.kr:8443", "[::1]", "u@b.com", "", "x y.com", "c.com\\@d"]),
        st.one_of(st.sampled_from(["", "/", "/p/7", "/../x", "?q=1", "#f", "/a b", "/" + "x" * 10_000]), text),
        st.sampled_from(["", "", "", " ", "\n"]),
    ),
    st.sampled_from(["/img/a.png", "a.png", "../up", "./", "?x", "#top", "data:x", "", " "]),
    text,
)
digits = st.one_of(
    st.integers(0, 12).map(str),
    st.integers(1, 10**6).map(str),
    st.sampled_from(["", " 7 ", "12a", "٣", "9007199254740992", "1" * 17]),
)
json_map = st.one_of(
    st.dictionaries(text, text, max_size=3).map(json.dumps),
    st.dictionaries(text, st.one_of(text, st.integers(-5, 5), st.none(), st.booleans(), st.just([1])), max_size=3).map(
        json.dumps
    ),
    st.sampled_from(["{bad", "[]", '{"a": 1.50}', '{"a":"1",}', '{"a": "x" ' + "}", '{"k": "' + "v" * 10_000 + '"}']),
    text,
)
VALUES: dict[str, Any] = {
    "app-key": st.one_of(st.sampled_from([KEY, f" {KEY} ", "", "placeholder"]), text),
    "template-id": digits,
    "template-args": json_map,
    "template-src": url,
    "scrap": st.one_of(st.sampled_from(["", "true", "FALSE", "scrap", "yes"]), text),
    "url": url,
    "callback-args": json_map,
    "install-talk": st.one_of(st.sampled_from(["", "true", "false", "install-talk", "no"]), text),
    "picker-type": st.one_of(st.sampled_from(["friend", "chat", " chat ", "friends"]), text),
    "picker-limit": digits,
    "sdk-version": st.one_of(st.sampled_from([*PUBLISHED_SRI, "2.8.0", " 2.7.4 ", "latest"]), text),
    "sdk-integrity": st.one_of(st.sampled_from(["sha384-abc", "sha512-ab==", "md5-x", PUBLISHED_SRI["2.7.4"]]), text),
    "sdk-src": url,
}
#: Values every rule accepts, so that valid buttons of every kind are common too.
VALID: dict[str, Any] = {
    "template-id": st.integers(1, 10**6).map(str),
    "template-args": st.dictionaries(text, text, max_size=3).map(json.dumps),
    "scrap": st.just(""),
    "url": st.sampled_from(["/other", "https://shop.example.com/p?x=1#y", "http://a.kr:8080/"]),
    "callback-args": st.dictionaries(text, text, max_size=2).map(json.dumps),
    "install-talk": st.sampled_from(["", "false"]),
    "picker-type": st.sampled_from(["friend", "chat"]),
    "picker-limit": st.integers(1, 5).map(str),
    "sdk-version": st.sampled_from(list(PUBLISHED_SRI)),
}
KNOWN = [*SHARE_ATTRIBUTES, *DISPLAY_ATTRIBUTES]
misspelt = st.builds(
    lambda name, cut, extra: name[:cut] + extra + name[cut + 1 :],
    st.sampled_from(KNOWN),
    st.integers(0, 12),
    st.sampled_from(["", "a", "-", "x"]),
)
other_name = st.one_of(misspelt, st.sampled_from(["style", "class", "aria-label", "data-sale-price", "DATA-X", "id"]))


@st.composite
def attributes(draw: Any) -> list[tuple[str, str]]:
    if draw(st.booleans()):
        names = draw(st.lists(st.sampled_from(list(VALID)), unique=True, max_size=4))
        pairs = [("app-key", KEY), *[(name, draw(VALID[name])) for name in names]]
    else:
        names = draw(st.lists(st.sampled_from(list(VALUES)), unique=True, max_size=6))
        if draw(st.integers(0, 3)):
            names = ["app-key", *[name for name in names if name != "app-key"]]
        pairs = [(draw(st.sampled_from([name, name.upper()])), draw(VALUES[name])) for name in names]
        pairs += [(name, draw(text)) for name in draw(st.lists(other_name, max_size=2))]
    draw(st.randoms()).shuffle(pairs)
    unique: dict[str, tuple[str, str]] = {}
    for name, value in pairs:
        unique.setdefault(name.lower(), (name, value))
    return list(unique.values())


META_KEYS = [
    "og:title", "og:description", "og:url", "og:image", "og:image:secure_url", "og:image:url", "og:image:width",
    "og:image:height", "og:site_name", "twitter:title", "twitter:description", "twitter:image", "description",
    "OG:Title", " og:image ",
]  # fmt: skip
meta_value = st.one_of(text, url, digits, long_text, st.builds(lambda a, b, c: a + b + c, spaces, text, spaces))
json_ld = st.one_of(
    st.sampled_from(['{"@type": "Product", "name": "Mug"}', "{oops", '[{"@graph": []}]', "[" * 40 + "]" * 40]),
    text,
)


@st.composite
def pages(draw: Any) -> dict[str, Any]:
    page: dict[str, Any] = {
        "url": draw(st.one_of(st.just("https://blog.example.com/posts/7?x=1"), url)),
        "title": draw(st.one_of(st.none(), text, long_text)),
        "lang": draw(st.sampled_from([None, "ko", ""])),
        "canonical": draw(st.one_of(st.none(), url)),
        "meta": draw(st.lists(st.tuples(st.one_of(st.sampled_from(META_KEYS), text), meta_value), max_size=6)),
        "json_ld": draw(st.lists(json_ld, max_size=2)),
    }
    if draw(st.booleans()):
        page["base_url"] = draw(st.sampled_from(["https://cdn.example.com/a/", page["url"]]))
    return page


def _findings(found: Any) -> list[dict[str, str]]:
    return [{"path": f.path, "rule": f.rule, "fix": f.fix, "code": f.code} for f in found]


def library(pairs: list[tuple[str, str]], page: dict[str, Any], inline: str | None) -> dict[str, Any]:
    """What the pydantic library makes of a button on a page, in prepare()'s terms."""
    metadata = PageMetadata(
        url=page["url"],
        document_title=page["title"],
        lang=page["lang"] or None,
        canonical=page["canonical"] or None,
        meta=page["meta"],
        json_ld=page["json_ld"],
    )
    base = page.get("base_url") or page["url"]
    try:
        config = WidgetConfig.from_attributes(dict(pairs), page_url=base, inline_template=inline)
    except TemplateError as exc:
        return {"errors": _findings(exc.problems)}
    warnings = _findings(config.warnings())
    if config.has_source:
        return {"needs_template": True, "template_src": config.template_src, "warnings": [*warnings, *_page(metadata)]}
    try:
        template, options = config.share_parts(metadata)
    except TemplateError as exc:
        return {"errors": _findings(exc.problems)}
    share = {**template.to_js(), **options.to_js()}
    again = parse_settings(share)
    assert {**again.template.to_js(), **again.options.to_js()} == share
    needed = min_sdk_version(template, options)
    return {
        "method": template.send_method,
        "settings": share,
        "min_sdk_version": dotted(needed) if needed else None,
        "warnings": [*warnings, *_page(metadata), *_findings(check(template))],
    }


def _page(metadata: PageMetadata) -> list[dict[str, str]]:
    return _findings(metadata.problems)


def _ordered(value: Any) -> Any:
    """JSON with every object as its list of (key, value) pairs, so key order is compared too."""
    return json.loads(json.dumps(value), object_pairs_hook=lambda pairs: [list(pair) for pair in pairs])


def test_micropython_path_matches_the_pydantic_library():
    cases: list[dict[str, Any]] = []

    @settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
    @given(attributes(), pages(), st.one_of(st.none(), st.none(), st.just('{"object_type": "text"}')))
    def agree(pairs: list[tuple[str, str]], page: dict[str, Any], inline: str | None) -> None:
        result = prepare(pairs, page, inline)
        expected = library(pairs, page, inline)
        assert _ordered({key: result[key] for key in expected}) == _ordered(expected)
        assert result["ok"] == (not expected.get("errors"))
        cases.append({"attributes": pairs, "page": page, "inline": inline, "result": json.loads(json.dumps(result))})

    agree()
    assert len(cases) >= EXAMPLES // 2
    outcomes = {(c["result"]["ok"], c["result"]["method"]) for c in cases}
    assert (False, None) in outcomes and (True, "sendDefault") in outcomes and (True, "sendCustom") in outcomes

    code = (
        "import json\n"
        "from kakao_share.portable.widget import prepare\n"
        "for case in json.load(open('/cases.json')):\n"
        "    print(json.dumps(prepare(case['attributes'], case['page'], case['inline'])))\n"
    )
    inputs = [{key: case[key] for key in ("attributes", "page", "inline")} for case in cases]
    # Written without \\u escapes: MicroPython's json reads escaped surrogate pairs wrongly (the strict reader
    # kakao_share.portable.jsontext would read them, but takes seconds for a file this size there).
    started = time.perf_counter()
    lines = run(code, {"/cases.json": json.dumps(inputs, ensure_ascii=False)}).rstrip("\n").split("\n")
    print(f"MicroPython: {len(inputs)} buttons in {time.perf_counter() - started:.1f} s")
    assert len(lines) == len(cases)
    for case, line in zip(cases, lines, strict=True):
        got = json.loads(line)
        assert got == case["result"], case
        # Only the settings object keeps its order on MicroPython (the SDK posts keys in that order).
        assert _ordered(got["settings"]) == _ordered(case["result"]["settings"]), case
