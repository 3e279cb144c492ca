"""render_preview(): one card per type, hostile input shown as text, only http(s) links."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from kakao_share import (
    PREVIEW_CSS,
    CalendarTemplate,
    CommerceTemplate,
    Content,
    CustomTemplate,
    FeedTemplate,
    Link,
    ListTemplate,
    LocationTemplate,
    ScrapTemplate,
    TextTemplate,
    render_preview,
)

EVIL = "\"'><script>alert(1)</script><img src=x onerror=alert(1)> javascript:alert(1) {{ 7*7 }} &amp;"
EVIL_URL = "https://example.com/\"><script>alert(1)</script>?q='x'"
ALLOWED_TAGS = {
    "style",
    "article",
    "a",
    "div",
    "img",
    "p",
    "span",
    "ul",
    "li",
    "strong",
    "del",
    "code",
    "dl",
    "dt",
    "dd",
}
ALLOWED_ATTRS = {"class", "href", "src", "alt", "target", "rel", "aria-label", "title", "width", "height", "loading"}


class Page(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)

    def attr(self, name):
        return [attrs[name] for _, attrs in self.tags if name in attrs]

    def by_class(self, cls):
        return [(tag, attrs) for tag, attrs in self.tags if cls in (attrs.get("class") or "").split()]


def evil_content(**extra):
    return {"title": EVIL, "description": EVIL, "image_url": EVIL_URL, "link": {"web_url": EVIL_URL}, **extra}


EVIL_BUTTONS = [
    {"title": EVIL, "link": {"web_url": EVIL_URL}},
    {"title": EVIL, "link": {"android_execution_params": "a=b"}},
]

HOSTILE = {
    "feed": FeedTemplate(
        content=evil_content(),
        item_content={
            "profile_text": EVIL,
            "profile_image_url": EVIL_URL,
            "title_image_url": EVIL_URL,
            "title_image_text": EVIL,
            "title_image_category": EVIL,
            "items": [{"item": EVIL, "item_op": EVIL}],
            "sum": EVIL,
            "sum_op": EVIL,
        },
        social={"like_count": 1, "comment_count": 2},
        buttons=EVIL_BUTTONS,
    ),
    "list": ListTemplate(
        header_title=EVIL,
        header_link={"web_url": EVIL_URL},
        contents=[evil_content(), evil_content()],
        buttons=EVIL_BUTTONS,
    ),
    "location": LocationTemplate(content=evil_content(), address=EVIL, address_title=EVIL, button_title=EVIL),
    "commerce": CommerceTemplate(
        content=evil_content(),
        commerce={
            "product_name": EVIL,
            "regular_price": 10000,
            "discount_price": 8000,
            "discount_rate": 20,
            "currency_unit": EVIL,
        },
        buttons=EVIL_BUTTONS,
    ),
    "text": TextTemplate(text=EVIL, link={"web_url": EVIL_URL}, button_title=EVIL),
    "calendar": CalendarTemplate(id_type="event", id=EVIL, content=evil_content(), buttons=EVIL_BUTTONS),
    "scrap": ScrapTemplate(request_url=EVIL_URL, template_id=7, template_args={EVIL: EVIL}),
    "custom": CustomTemplate(template_id=7, template_args={EVIL: EVIL}),
}


@pytest.mark.parametrize("kind", list(HOSTILE))
def test_hostile_strings_are_shown_as_text(kind):
    html = render_preview(HOSTILE[kind])
    page = Page(html)
    tags = [tag for tag, _ in page.tags]
    assert "script" not in tags
    assert set(tags) <= ALLOWED_TAGS, set(tags) - ALLOWED_TAGS
    for _, attrs in page.tags:
        assert set(attrs) <= ALLOWED_ATTRS, set(attrs) - ALLOWED_ATTRS
    for url in page.attr("href") + page.attr("src"):
        assert url.startswith(("https://", "http://")), url
    assert "<script>" not in html
    text = "".join(page.text)
    if kind not in {"text"}:
        assert EVIL in text  # the hostile string is visible, verbatim, as text
    else:
        assert EVIL[:200] in text
    (card,) = page.by_class("ks-card")
    assert card[0] == "article"
    assert f"ks-card--{kind}" in card[1]["class"].split()


@pytest.mark.parametrize("kind", list(HOSTILE))
def test_links_open_safely_and_images_have_alt_text(kind):
    page = Page(render_preview(HOSTILE[kind], include_style=False))
    for tag, attrs in page.tags:
        if tag == "a":
            assert attrs["target"] == "_blank"
            assert set(attrs["rel"].split()) >= {"noopener", "noreferrer"}
        if tag == "img":
            assert attrs.get("alt"), attrs
    assert page.by_class("ks-card")[0][1]["aria-label"] == f"KakaoTalk message preview: {kind}"


def test_unvalidated_javascript_urls_never_become_links():
    # model_construct skips validation; the preview must still refuse the URL.
    link = Link.model_construct(web_url="javascript:alert(1)", mobile_web_url="data:text/html,x")
    content = Content.model_construct(title="t", image_url="javascript:alert(2)", link=link)
    template = FeedTemplate.model_construct(object_type="feed", content=content, buttons=None, button_title=None)
    html = render_preview(template)
    page = Page(html)
    assert page.attr("href") == []
    assert page.attr("src") == []
    assert "javascript:" not in html


def test_feed_card_content():
    template = FeedTemplate(
        content={
            "title": "Mug",
            "description": "350 ml",
            "image_url": "https://e.com/m.png",
            "link": {"web_url": "https://e.com"},
        },
        item_content={"items": [{"item": "Mug", "item_op": "1,000원"}], "sum": "Total", "sum_op": "1,000원"},
        social={"like_count": 1200, "comment_count": 3, "shared_count": 4, "view_count": 5},
    )
    page = Page(render_preview(template, include_style=False))
    assert [a["src"] for _, a in page.by_class("ks-image")] == ["https://e.com/m.png"]
    assert [a["alt"] for _, a in page.by_class("ks-image")] == ["Mug"]
    text = " ".join(" ".join(page.text).split())
    assert "Mug" in text and "350 ml" in text and "Total 1,000원" in text
    assert "좋아요 1,200 댓글 3 공유 4" in text and "조회" not in text  # at most three counters
    buttons = page.by_class("ks-button")
    assert len(buttons) == 1 and buttons[0][1]["href"] == "https://e.com"
    assert "자세히 보기" in text  # KakaoTalk's default button


def test_button_title_and_app_only_buttons():
    template = TextTemplate(
        text="hi",
        link={"web_url": "https://e.com"},
        buttons=[{"title": "App", "link": {"ios_execution_params": "a=b"}}],
    )
    page = Page(render_preview(template, include_style=False))
    (button,) = page.by_class("ks-button")
    assert button[0] == "span" and "ks-button--app" in button[1]["class"]
    page2 = Page(
        render_preview(
            TextTemplate(text="hi", link={"web_url": "https://e.com"}, button_title="Go"), include_style=False
        )
    )
    assert [a.get("href") for _, a in page2.by_class("ks-button")] == ["https://e.com"]
    assert "Go" in page2.text


def test_text_is_cut_at_200_characters_like_kakaotalk():
    page = Page(render_preview(TextTemplate(text="a" * 250, link={}), include_style=False))
    (_p,) = page.by_class("ks-text")
    text = "".join(page.text)
    assert "a" * 200 + "…" in text and "a" * 201 not in text


@pytest.mark.parametrize(("length", "shown"), [(199, "a" * 199), (200, "a" * 200), (201, "a" * 200 + "…")])
def test_text_is_shortened_only_past_200_characters(length, shown):
    page = Page(render_preview(TextTemplate(text="a" * length, link={}), include_style=False))
    text, *_button = [chunk.strip() for chunk in page.text if chunk.strip()]
    assert text == shown


_NOT_SHOWN = {"object_type", "id_type", "id", "currency_unit", "android_execution_params", "ios_execution_params"}


def _shown_texts(data, key=""):
    if isinstance(data, dict):
        for name, value in data.items():
            yield from _shown_texts(value, name)
    elif isinstance(data, list):
        for item in data:
            yield from _shown_texts(item, key)
    elif isinstance(data, str) and key not in _NOT_SHOWN and not key.endswith("url"):
        yield data


@pytest.mark.parametrize("kind", ["feed", "list", "location", "commerce", "text", "calendar"])
def test_every_text_of_a_full_message_is_on_its_card(kind):
    # A card that misspells a field must not quietly show nothing: each text the message carries is seen.
    from kakao_share import parse_template
    from test_forms import FULL

    page = Page(render_preview(parse_template(FULL[kind]), include_style=False))
    text = " ".join(" ".join(page.text).split())
    missing = [value for value in _shown_texts(FULL[kind]) if " ".join(value.split()) not in text]
    assert missing == []


def test_commerce_prices():
    template = CommerceTemplate(
        content={"title": "Mug", "link": {}},
        commerce={
            "regular_price": 18000,
            "discount_price": 14400,
            "discount_rate": 20,
            "currency_unit": "$",
            "currency_unit_position": 1,
        },
    )
    text = " ".join(" ".join(Page(render_preview(template, include_style=False)).text).split())
    assert "20% $14,400 $18,000" in text
    plain = CommerceTemplate(content={"title": "Mug", "link": {}}, commerce={"regular_price": 5000})
    text = " ".join(" ".join(Page(render_preview(plain, include_style=False)).text).split())
    assert "5,000원" in text and "%" not in text


def test_location_and_calendar_specifics():
    loc = LocationTemplate(content={"title": "Shop", "link": {}}, address="Seoul", address_title="Main store")
    text = " ".join(" ".join(Page(render_preview(loc)).text).split())
    assert "Main store Seoul" in text and "위치 보기" in text
    cal = CalendarTemplate(id_type="calendar", id="cal-1", content={"title": "Team", "link": {}})
    page = Page(render_preview(cal))
    assert "Talk Calendar calendar" in " ".join(" ".join(page.text).split())
    assert "cal-1" in page.text


def test_placeholders_for_scrap_and_custom():
    scrap = Page(
        render_preview(ScrapTemplate(request_url="https://e.com/post", template_id=9, template_args={"K": "v"}))
    )
    text = " ".join(" ".join(scrap.text).split())
    assert "only Kakao can render it" in text
    assert scrap.attr("href") == ["https://e.com/post"]
    assert "Template id 9" in text and "K v" in text
    (card,) = scrap.by_class("ks-card")
    assert "ks-card--placeholder" in card[1]["class"]
    custom = Page(render_preview({"templateId": 123, "templateArgs": {"NAME": "Kim"}}))
    text = " ".join(" ".join(custom.text).split())
    assert "Custom template" in text and "Template id 123" in text and "NAME Kim" in text


def test_style_is_included_once_and_scoped():
    html = render_preview(TextTemplate(text="x", link={}))
    assert html.startswith("<style>") and html.count("<style>") == 1
    assert "</style" not in PREVIEW_CSS
    rules = [r for r in PREVIEW_CSS.replace("\n", "").split("}") if r.strip()]
    assert all(r.lstrip().startswith(".ks-card") for r in rules)
    assert "<style>" not in render_preview(TextTemplate(text="x", link={}), include_style=False)
