"""Share links: the documented format, exact round trips, and clear refusals of damaged links."""

from __future__ import annotations

import base64
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from kakao_share import SHARE_FRAGMENT, Link, ShareLink, ShareOptions, TemplateError, TextTemplate, parse_template
from test_forms import FULL

OPTIONS = ShareOptions(install_talk=True, server_callback_args={"order": "A-1"})


def encode(document: object) -> str:
    raw = json.dumps(document, ensure_ascii=False).encode("utf-8")
    return SHARE_FRAGMENT + base64.urlsafe_b64encode(raw).decode().rstrip("=")


def test_the_format_is_base64url_json_of_method_and_settings():
    template = TextTemplate(text="안녕 ✓", link=Link(web_url="https://example.com/?a=1&b=2"))
    fragment = ShareLink.of(template, OPTIONS).fragment()
    assert fragment.startswith("#share=")
    body = fragment[len("#share=") :]
    assert "=" not in body and "+" not in body and "/" not in body
    decoded = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)).decode("utf-8"))
    assert decoded == {
        "method": "sendDefault",
        "settings": {
            "objectType": "text",
            "text": "안녕 ✓",
            "link": {"webUrl": "https://example.com/?a=1&b=2"},
            "installTalk": True,
            "serverCallbackArgs": {"order": "A-1"},
        },
    }


def test_a_fixed_link_keeps_decoding_the_same_way():
    # Written once by hand from the documented format: changing the format breaks this test.
    link = (
        "https://example.com/playground/#share=eyJtZXRob2QiOiJzZW5kQ3VzdG9tIiwic2V0dGluZ3MiOnsidGVtcGxhdGVJZCI6NDJ9fQ"
    )
    assert ShareLink.parse(link) == ShareLink("sendCustom", {"templateId": 42})
    template, options = ShareLink.parse(link).split()
    assert template.template_id == 42 and options == ShareOptions()


@pytest.mark.parametrize("kind", list(FULL))
def test_every_type_round_trips(kind):
    template = parse_template(FULL[kind])
    link = ShareLink.of(template, OPTIONS)
    parsed = ShareLink.parse("https://h.example/p?x=1" + link.fragment())
    assert parsed == link
    assert parsed.method == template.send_method
    assert parsed.split() == (template, OPTIONS)


@settings(max_examples=100, deadline=None)
@given(st.text(min_size=1, max_size=60))
def test_any_text_round_trips(text):
    template = TextTemplate(text=text, link=Link(web_url="https://example.com"))
    assert ShareLink.parse(ShareLink.of(template).fragment()).split().template == template


@pytest.mark.parametrize(
    ("link", "says"),
    [
        ("https://example.com/", "not a share link"),
        ("#other=1", "not a share link"),
        ("#share=***", "not base64url"),
        ("#share=a", "not base64url"),
        ("#share=" + base64.urlsafe_b64encode(b"\xff\xfe").decode().rstrip("="), "not UTF-8"),
        ("#share=" + base64.urlsafe_b64encode(b"{nope").decode().rstrip("="), "not JSON"),
        (encode([1, 2]), "must be a JSON object"),
        (encode({"method": "sendEmail", "settings": {}}), "no known method"),
        (encode({"method": "sendDefault", "settings": "text"}), "settings must be a JSON object"),
        (encode({"method": "sendDefault", "settings": {}, "x": 1}), "unknown keys: x"),
    ],
)
def test_malformed_links_are_refused_with_the_reason(link, says):
    with pytest.raises(TemplateError, match=says) as caught:
        ShareLink.parse(link)
    assert caught.value.problems[0].code == "share_link"


def test_padded_links_are_accepted():
    link = ShareLink.of(TextTemplate(text="ab", link=Link(web_url="https://e.com")))
    body = link.fragment()[len(SHARE_FRAGMENT) :]
    assert ShareLink.parse(SHARE_FRAGMENT + body + "=" * (-len(body) % 4)) == link


def test_an_invalid_message_parses_and_split_lists_every_problem():
    link = ShareLink.parse(encode({"method": "sendDefault", "settings": {"objectType": "text", "installTalk": "yes"}}))
    with pytest.raises(TemplateError) as caught:
        link.split()
    assert set(caught.value.paths) == {"text", "link", "install_talk"}


def test_a_method_that_does_not_send_the_settings_is_a_problem():
    link = ShareLink("sendScrap", {"templateId": 4})
    with pytest.raises(TemplateError, match="the link says sendScrap, but its settings are a sendCustom message"):
        link.split()
