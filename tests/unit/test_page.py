"""PageMetadata: what a page says about itself becomes a feed message and a template context."""

from __future__ import annotations

import json

import pytest
from kakao_share import Content, FeedTemplate, Link, PageMetadata, render_template

URL = "https://blog.example.com/posts/7?utm_source=x"


def test_open_graph_tags_make_the_feed():
    page = PageMetadata(
        url=URL,
        document_title="Ignored when og:title exists",
        meta=[
            ("og:title", "  Spring\n  notes  "),
            ("og:description", "Walks by the sea"),
            ("og:image", "/img/cover.jpg"),
            ("og:image:width", "1200"),
            ("og:image:height", "630"),
            ("og:url", "https://blog.example.com/posts/7"),
        ],
    )
    link = Link(web_url="https://blog.example.com/posts/7", mobile_web_url="https://blog.example.com/posts/7")
    assert page.feed() == FeedTemplate(
        content=Content(
            title="Spring notes",
            description="Walks by the sea",
            image_url="https://blog.example.com/img/cover.jpg",
            image_width=1200,
            image_height=630,
            link=link,
        )
    )
    assert page.problems == []


def test_twitter_cards_title_description_and_canonical_are_the_fallbacks():
    page = PageMetadata(
        url=URL,
        document_title="Title tag",
        canonical="https://blog.example.com/posts/7",
        meta=[
            ("twitter:title", "Card title"),
            ("description", "Meta description"),
            ("twitter:image", "https://i/x.png"),
        ],
    )
    assert (page.share_title, page.description, page.image, page.share_url) == (
        "Card title",
        "Meta description",
        "https://i/x.png",
        "https://blog.example.com/posts/7",
    )
    assert page.image_size == (None, None)  # width/height only describe the Open Graph image
    bare = PageMetadata(url=URL, document_title="  Title tag ")
    assert (bare.share_title, bare.description, bare.image, bare.share_url) == ("Title tag", None, None, URL)
    assert PageMetadata(url=URL).share_title == "blog.example.com"


def test_first_tag_wins_and_names_are_case_insensitive():
    page = PageMetadata(url=URL, meta=[("OG:Title", "First"), ("og:title", "Second"), ("og:title", "")])
    assert page.share_title == "First"
    assert page.tags == {"og:title": "First"}


def test_urls_that_are_not_http_are_skipped_and_reported():
    page = PageMetadata(
        url=URL,
        canonical="javascript:alert(1)",
        meta=[
            ("og:url", "data:text/html,x"),
            ("og:image", "javascript:alert(1)"),
            ("twitter:image", "//cdn.example.com/a.png"),
        ],
    )
    assert page.share_url == URL
    assert page.image == "https://cdn.example.com/a.png"
    assert [p.path for p in page.problems] == ["og:url", "canonical", "og:image"]
    assert all(p.code == "url_skipped" and p.fix for p in page.problems)


PRODUCT = {
    "@context": "https://schema.org",
    "@type": "Product",
    "name": "Mug",
    "image": [{"@type": "ImageObject", "url": "/img/mug.jpg"}],
    "brand": {"@type": "Brand", "name": "Onggi"},
    "offers": [
        {"@type": "Offer", "price": "₩12,000", "priceCurrency": "KRW", "availability": "https://schema.org/InStock"}
    ],
    "aggregateRating": {"ratingValue": "4.5", "reviewCount": "12"},
}
EVENT = {
    "@type": ["MusicEvent"],
    "name": "Jazz night",
    "startDate": "2025-05-24T19:00:00+09:00",
    "location": {"@type": "Place", "name": "Hall", "address": {"streetAddress": "1 Road", "addressLocality": "Seoul"}},
    "eventStatus": "https://schema.org/EventScheduled",
}
ARTICLE = {
    "@type": "BlogPosting",
    "headline": "Notes",
    "author": [{"name": "Kim"}, "Lee"],
    "datePublished": "2025-04-12",
}
RECIPE = {
    "@type": "schema:Recipe",
    "name": "Kimchi stew",
    "totalTime": "PT1H30M",
    "recipeYield": 4,
    "recipeIngredient": ["kimchi", "  pork  ", ""],
    "nutrition": {"calories": "450 kcal"},
}


def test_json_ld_of_every_kind_is_described_with_one_shape_per_value():
    page = PageMetadata(
        url=URL,
        json_ld=[json.dumps(PRODUCT), json.dumps({"@graph": [EVENT, ARTICLE]}), json.dumps([RECIPE])],
    )
    product = page.item("product")
    assert product is not None
    assert {k: product[k] for k in ("name", "image", "brand", "price", "price_currency", "availability")} == {
        "name": "Mug",
        "image": "https://blog.example.com/img/mug.jpg",
        "brand": "Onggi",
        "price": 12000,
        "price_currency": "KRW",
        "availability": "InStock",
    }
    assert (product["rating"], product["review_count"], product["raw"]) == (4.5, 12, PRODUCT)
    event = page.item("event")
    assert event is not None
    assert (event["name"], event["location"], event["address"], event["status"]) == (
        "Jazz night",
        "Hall",
        "1 Road, Seoul",
        "EventScheduled",
    )
    article = page.item("article")
    assert article is not None
    assert (article["headline"], article["author"], article["date_published"]) == ("Notes", "Kim, Lee", "2025-04-12")
    recipe = page.item("recipe")
    assert recipe is not None
    assert (recipe["total_minutes"], recipe["recipe_yield"], recipe["ingredients"], recipe["calories"]) == (
        90,
        "4",
        ["kimchi", "pork"],
        "450 kcal",
    )
    assert len(page.json_ld_nodes) == 4


@pytest.mark.parametrize(
    ("offers", "price"),
    [
        ({"price": 12000.0}, 12000),
        ({"price": "12.50"}, 12.5),
        ({"@type": "AggregateOffer", "lowPrice": "9,900"}, 9900),
        ({"priceSpecification": {"price": 3000}}, 3000),
        ({"price": "free"}, None),
        ({"price": True}, None),
        ("not an offer", None),
    ],
)
def test_prices_are_numbers_whatever_shape_the_offer_has(offers, price):
    page = PageMetadata(url=URL, json_ld=[json.dumps({"@type": "Product", "name": "x", "offers": offers})])
    product = page.item("product")
    assert product is not None
    assert product["price"] == price


def test_json_ld_that_is_not_json_is_reported_and_the_rest_still_read():
    page = PageMetadata(url=URL, json_ld=["{oops", json.dumps(ARTICLE)])
    assert page.item("article") is not None
    assert page.item("product") is None
    [problem] = page.problems
    assert problem.path == "json_ld[0]"
    assert "not valid JSON" in problem.rule
    assert "ld+json" in problem.fix


def test_unknown_kind_is_an_error():
    with pytest.raises(ValueError, match="unknown kind"):
        PageMetadata(url=URL).item("movie")


def test_context_fills_a_template_and_data_values_and_url_override_apply():
    page = PageMetadata(
        url=URL,
        lang="ko",
        meta=[("og:title", "Mug"), ("og:site_name", "Onggi"), ("og:image:alt", "A mug"), ("twitter:card", "summary")],
        json_ld=[json.dumps(PRODUCT)],
    )
    context = page.context(data={"sale_price": "9000"}, url="https://shop.example.com/mug")
    assert context["og"] == {"title": "Mug", "site_name": "Onggi", "image_alt": "A mug"}
    assert context["twitter"] == {"card": "summary"}
    assert (context["lang"], context["site_name"], context["url"]) == ("ko", "Onggi", "https://shop.example.com/mug")
    assert context["event"] is None
    source = """{"object_type": "commerce",
      "content": {"title": {{ title }}, "link": {"web_url": {{ url }}}},
      "commerce": {"regular_price": {{ product.price }}, "discount_price": {{ data.sale_price | int }}}}"""
    message = render_template(source, context)
    assert message.to_js()["commerce"] == {"regularPrice": 12000, "discountPrice": 9000}
    assert message.content.link.web_url == "https://shop.example.com/mug"


def test_page_strings_cannot_change_the_rendered_document():
    page = PageMetadata(url=URL, meta=[("og:title", 'Hi", "object_type": "text')])
    message = render_template(
        '{"object_type": "text", "text": {{ title }}, "link": {"web_url": {{ url }}}}', page.context()
    )
    assert message.text == 'Hi", "object_type": "text'
