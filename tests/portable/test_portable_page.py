"""kakao_share.portable.page and .jsonld: what a page says about itself, read the same on every Python."""

from kakao_share.portable.jsonld import describe, find, parse_json_ld
from kakao_share.portable.page import Page
from portable_helpers import plain

URL = "https://shop.example.com/items/mug?ref=home"


def test_open_graph_wins_then_twitter_then_the_document():
    page = Page(
        URL,
        title="  Mug |\n Shop ",
        canonical="/items/mug",
        meta=[
            ("twitter:title", "Twitter mug"),
            ("OG:Title", " 머그컵\u3000 (흰색) "),
            ("og:title", "second"),
            ("description", "plain"),
            ("twitter:description", "tw"),
            ("og:image", "/img/mug.jpg"),
            ("og:image:width", " 1200 "),
            ("og:image:height", "0"),
            ("twitter:image", "https://cdn.example.com/t.jpg"),
        ],
    )
    assert page.share_title() == "머그컵 (흰색)"
    assert page.description() == "tw"
    assert page.share_url() == "https://shop.example.com/items/mug"
    assert page.image() == "https://shop.example.com/img/mug.jpg"
    assert page.image_size() == (1200, None)
    assert page.problems() == []


def test_bad_urls_are_skipped_and_reported():
    page = Page(
        URL,
        canonical="javascript:void(0)",
        meta=[("og:url", "data:x"), ("og:image", "ftp://x/y.png"), ("twitter:image", "//cdn.example.com/t.png")],
        json_ld=['{"@type": "Product",}'],
    )
    assert page.share_url() == URL
    assert page.image() == "https://cdn.example.com/t.png"
    assert page.image_size() == (None, None)  # the size tags describe the Open Graph image only
    assert [(p["path"], p["code"]) for p in page.problems()] == [
        ("json_ld[0]", "json_ld_invalid"),
        ("og:url", "url_skipped"),
        ("canonical", "url_skipped"),
        ("og:image", "url_skipped"),
    ]
    assert page.problems()[1]["rule"] == '"data:x" is not an http(s) address'
    assert page.problems()[0]["rule"] == "is not valid JSON (Expecting property name enclosed in double quotes, line 1)"


def test_a_page_without_a_title_is_named_by_its_host():
    assert Page("https://Blog.Example.com:8443/x").share_title() == "blog.example.com"
    assert Page("about:blank").share_title() == "about:blank"


def test_the_template_context():
    page = Page(
        URL,
        lang="ko",
        meta=[("og:site_name", " Shop "), ("og:image:alt", "a mug"), ("twitter:card", "summary")],
        json_ld=['{"@graph": [{"@type": "schema:Product", "name": "Mug", "offers": {"price": "₩12,000"}}]}'],
    )
    context = page.context({"sku": "7"}, None)
    assert context["site_name"] == "Shop" and context["lang"] == "ko"
    assert plain(context["og"]) == {"site_name": "Shop", "image_alt": "a mug"}
    assert plain(context["twitter"]) == {"card": "summary"}
    assert context["product"]["price"] == 12000 and context["product"]["name"] == "Mug"
    assert context["event"] is None and context["data"] == {"sku": "7"}
    assert page.context(None, "https://other.example.com/")["url"] == "https://other.example.com/"


def test_json_ld_nodes_are_flattened_in_document_order():
    nodes, problems = parse_json_ld(['[{"@type": "Event"}, {"@graph": [{"@type": "Recipe"}]}]', "{oops", '{"a": 1}'])
    assert [node.get("@type") for node in nodes] == ["Event", "Recipe", None]
    assert [p["path"] for p in problems] == ["json_ld[1]"]


def test_json_ld_described():
    product = {
        "@type": ["Thing", "https://schema.org/Product"],
        "name": "  Mug ",
        "image": [{"@type": "ImageObject", "url": "/m.jpg"}],
        "brand": [{"name": "A"}, "B"],
        "offers": [{"lowPrice": "12.50", "priceCurrency": "KRW", "availability": "https://schema.org/InStock"}],
        "aggregateRating": {"ratingValue": "4.5", "ratingCount": 12},
    }
    found = describe("product", find("product", [{"@type": "Event"}, product]), URL)
    assert found["name"] == "Mug" and found["image"] == "https://shop.example.com/m.jpg"
    assert (found["brand"], found["price"], found["price_currency"]) == ("A, B", 12.5, "KRW")
    assert (found["availability"], found["rating"], found["review_count"]) == ("InStock", 4.5, 12)
    recipe = {"@type": "Recipe", "totalTime": "P1DT1H30M", "recipeIngredient": ["a", " ", 3], "author": {"name": "K"}}
    found = describe("recipe", recipe, URL)
    assert (found["total_minutes"], found["ingredients"], found["author"]) == (1530, ["a", "3"], "K")
    event = {"@type": "MusicEvent", "location": {"name": "Hall", "address": {"addressLocality": "Seoul"}}}
    found = describe("event", event, URL)
    assert (found["location"], found["address"]) == ("Hall", "Seoul")
    assert find("article", [{"@type": "BlogPosting"}]) is not None
