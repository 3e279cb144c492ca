"""check(): documented display limits as findings, registered domains, strict mode."""

from __future__ import annotations

import warnings

import pytest
from kakao_share import (
    Content,
    FeedTemplate,
    Finding,
    KakaoShareWarning,
    Link,
    ListTemplate,
    ScrapTemplate,
    TemplateError,
    TextTemplate,
    check,
)

WEB = "https://example.com/page"
IMG = "https://example.com/i.png"


def feed(**kwargs):
    base = {"content": {"title": "t", "image_url": IMG, "link": {"web_url": WEB}}}
    base.update(kwargs)
    return FeedTemplate(**base)


def found(findings):
    return [(f.path, f.code) for f in findings]


def test_clean_template_has_no_findings():
    assert check(feed()) == []
    assert check(feed(), registered_domains=["example.com"]) == []


def test_text_over_200_characters():
    assert check(TextTemplate(text="a" * 200, link={"web_url": WEB})) == []
    (finding,) = check(TextTemplate(text="a" * 201, link={"web_url": WEB}))
    assert finding == Finding(
        path="text",
        rule="KakaoTalk shows up to 200 characters of text; this one has 201",
        fix="shorten it to 200 characters",
        code="text_truncated",
    )


def test_list_header_title_over_200_characters():
    content = {"title": "t", "image_url": IMG, "link": {"web_url": WEB}}
    template = ListTemplate(header_title="h" * 201, header_link={"web_url": WEB}, contents=[content, content])
    assert found(check(template)) == [("header_title", "text_truncated")]


def test_item_content_lengths():
    template = feed(
        item_content={
            "profile_text": "p" * 17,
            "title_image_text": "t" * 25,
            "title_image_category": "c" * 15,
            "items": [{"item": "i" * 7, "item_op": "1,000원"}, {"item": "ok", "item_op": "free"}],
            "sum": "s" * 7,
            "sum_op": "9" * 12,
        }
    )
    assert found(check(template)) == [
        ("item_content.profile_text", "text_truncated"),
        ("item_content.title_image_text", "text_truncated"),
        ("item_content.title_image_category", "text_truncated"),
        ("item_content.sum", "text_truncated"),
        ("item_content.sum_op", "text_truncated"),
        ("item_content.items[0].item", "text_truncated"),
        ("item_content.items[1].item_op", "item_op_not_price"),
    ]
    at_limits = feed(
        item_content={
            "profile_text": "p" * 16,
            "title_image_text": "t" * 24,
            "title_image_category": "c" * 14,
            "items": [{"item": "i" * 6, "item_op": "$1.00"}],
            "sum": "s" * 6,
            "sum_op": "9" * 11,
        }
    )
    assert check(at_limits) == []


def test_title_and_description_lines():
    template = feed(
        content={"title": "1\n2\n3", "description": "1\n2\n3\n4\n5", "image_url": IMG, "link": {"web_url": WEB}}
    )
    assert found(check(template)) == [("content.title", "title_lines"), ("content.description", "description_lines")]


def test_image_hints():
    template = feed(
        content={
            "title": "t",
            "image_url": "http://example.com/i.png",
            "image_width": 100,
            "image_height": 300,
            "link": {"web_url": WEB},
        },
        item_content={"profile_image_url": "http://example.com/p.png"},
    )
    findings = check(template)
    assert found(findings) == [
        ("content.image_url", "image_not_https"),
        ("content.image_width", "image_small"),
        ("item_content.profile_image_url", "image_not_https"),
    ]
    assert all(f.fix for f in findings)


def test_empty_content_and_links():
    findings = check(FeedTemplate(content=Content(link=Link())))
    assert found(findings) == [("content", "content_empty"), ("content.link", "link_empty")]


def test_a_button_whose_link_has_no_target_is_one_kakao_leaves_out():
    template = feed(buttons=[{"title": "Open", "link": {"web_url": WEB}}, {"title": "Nowhere", "link": {}}])
    findings = check(template)
    assert found(findings) == [("buttons[1].link", "button_not_shown")]
    assert "silently leaves such a button out" in findings[0].rule
    with pytest.raises(TemplateError, match=r"buttons\[1\]\.link"):
        check(template, strict=True)


def test_a_button_without_a_link_is_refused():
    with pytest.raises(TemplateError) as exc_info:
        feed(buttons=[{"title": "Nowhere"}])
    assert exc_info.value.paths == ["buttons[0].link"]


def test_social_and_commerce_hints():
    template = feed(social={"like_count": 1, "comment_count": 2, "shared_count": 3, "view_count": -4})
    assert found(check(template)) == [("social.view_count", "negative"), ("social", "social_hidden")]
    from kakao_share import CommerceTemplate

    commerce = CommerceTemplate(
        content={"title": "t", "image_url": IMG, "link": {"web_url": WEB}},
        commerce={"regular_price": 100, "discount_price": 200},
    )
    assert found(check(commerce)) == [("commerce.discount_price", "discount_above_regular")]


def test_registered_domains():
    template = feed(
        buttons=[
            {
                "title": "a",
                "link": {"web_url": "https://shop.example.com/x", "mobile_web_url": "https://example.com:8443/"},
            },
            {"title": "b", "link": {"web_url": "http://example.com/"}},
        ]
    )
    findings = check(template, registered_domains=["https://example.com", "shop.example.com"])
    assert found(findings) == [
        ("buttons[0].link.mobile_web_url", "domain_not_registered"),
        ("buttons[1].link.web_url", "domain_not_registered"),
    ]
    assert findings[0].rule.startswith("https://example.com:8443 is not a registered domain")
    assert "register https://example.com:8443" in findings[0].fix
    assert check(template, registered_domains=["example.com", "shop.example.com"]) == []
    assert found(check(template, registered_domains="example.com")) == [
        ("buttons[0].link.web_url", "domain_not_registered")
    ]


def test_scrap_checks():
    scrap = ScrapTemplate(request_url="https://other.com/x", template_args={"A": "b"})
    assert found(check(scrap, registered_domains=["example.com"])) == [
        ("template_args", "args_without_template"),
        ("request_url", "domain_not_registered"),
    ]


def test_strict_mode_raises_with_all_findings():
    template = TextTemplate(text="a" * 300, link={})
    with pytest.raises(TemplateError) as exc_info:
        check(template, strict=True)
    assert exc_info.value.paths == ["text", "link"]
    assert str(exc_info.value).startswith("2 problems in TextTemplate:")
    assert check(feed(), strict=True) == []


def test_check_accepts_dicts_and_never_prints(capsys):
    assert found(check({"objectType": "text", "text": "x" * 201, "link": {"webUrl": WEB}})) == [
        ("text", "text_truncated")
    ]
    assert capsys.readouterr() == ("", "")


def test_warn_emits_kakao_share_warnings():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        findings = check(TextTemplate(text="a" * 201, link={"web_url": WEB}), warn=True)
    assert [w.category for w in caught] == [KakaoShareWarning]
    assert str(caught[0].message) == str(findings[0])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        check(TextTemplate(text="a" * 201, link={"web_url": WEB}))
    assert caught == []


# --- exact boundaries: one step inside each documented limit is clean, one step past it is found ------


@pytest.mark.parametrize(
    ("field", "inside", "past", "code"),
    [
        ("title", "1\n2", "1\n2\n3", "title_lines"),
        ("description", "1\n2\n3\n4", "1\n2\n3\n4\n5", "description_lines"),
        ("image_width", 200, 199, "image_small"),
        ("image_height", 200, 199, "image_small"),
    ],
)
def test_content_limits_at_the_boundary(field, inside, past, code):
    content = {"title": "t", "image_url": IMG, "link": {"web_url": WEB}}
    assert check(feed(content={**content, field: inside})) == []
    assert found(check(feed(content={**content, field: past}))) == [(f"content.{field}", code)]


def test_three_social_counts_show_and_a_fourth_is_hidden():
    three = {"like_count": 1, "comment_count": 2, "shared_count": 3}
    assert check(feed(social=three)) == []
    (finding,) = check(feed(social={**three, "subscriber_count": 4}))
    assert (finding.path, finding.code) == ("social", "social_hidden")
    assert finding.rule.endswith("; subscriber_count will not show")
    assert check(feed(social={"like_count": 0})) == []  # zero is a count, not a negative one


def test_prices_at_the_boundary():
    from kakao_share import CommerceTemplate

    def commerce(**prices):
        return CommerceTemplate(content={"title": "t", "image_url": IMG, "link": {"web_url": WEB}}, commerce=prices)

    assert check(commerce(regular_price=100, discount_price=100, fixed_discount_price=0)) == []
    assert check(commerce(regular_price=0)) == []
    assert found(check(commerce(regular_price=100, discount_price=101))) == [
        ("commerce.discount_price", "discount_above_regular")
    ]
    assert found(check(commerce(regular_price=-1, discount_price=-2, fixed_discount_price=-3))) == [
        ("commerce.regular_price", "negative"),
        ("commerce.discount_price", "negative"),
        ("commerce.fixed_discount_price", "negative"),
    ]


def test_a_plain_scrap_template_is_clean():
    assert check(ScrapTemplate(request_url="https://example.com/article/7")) == []
    assert check(ScrapTemplate(request_url=WEB, template_id=3, template_args={"a": "b"})) == []
