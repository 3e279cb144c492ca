"""kakao_share.portable.urls: the web-URL rule and reading a URL against the page, as a browser does."""

from kakao_share.portable.urls import describe_bad_url, has_scheme, hostname, is_web_url, join

BASE = "https://blog.example.com/posts/7?x=1#top"


def test_web_urls_are_absolute_http_or_https_with_a_host():
    for url in (
        "https://example.com",
        "HTTP://Example.com/a?b#c",
        "https://user:pw@example.com:8443/p",
        "https://[::1]:8080/",
        "https://한국.kr/경로",
        "http://a.com?q",
    ):
        assert is_web_url(url), url
    for url in (
        "javascript:alert(1)",
        "/relative",
        "//cdn.example.com/a",
        "https://",
        "https:///path",
        "https://a.com/a b",
        "https://a.com/\n",
        "https://good.com\\@evil.com",
        "https://a@b@c.com",
        "https://a.com:80x/",
        "https://[zz]/",
        "ftp://a.com",
        " https://a.com",
    ):
        assert not is_web_url(url), url


def test_why_a_url_is_refused():
    assert describe_bad_url("javascript:alert(1)") == "javascript: URLs are not allowed; only absolute http/https URLs"
    assert describe_bad_url(" https://a.com") == "must not contain spaces or line breaks; only absolute http/https URLs"
    assert describe_bad_url("/a") == "relative URLs are not allowed; only absolute http/https URLs"
    assert describe_bad_url("ftp://a.com") == "only absolute http/https URLs are allowed"


def test_relative_urls_are_read_against_the_page():
    cases = {
        "/img/a.png": "https://blog.example.com/img/a.png",
        "a.png": "https://blog.example.com/posts/a.png",
        "../../../x": "https://blog.example.com/x",
        "./": "https://blog.example.com/posts/",
        "..": "https://blog.example.com/",
        "?q=2": "https://blog.example.com/posts/7?q=2",
        "#f": "https://blog.example.com/posts/7?x=1#f",
        "//cdn.example.com/a.js": "https://cdn.example.com/a.js",
        "https://other.example.com/p": "https://other.example.com/p",
        "a/./b/../c": "https://blog.example.com/posts/a/c",
        " /trimmed ": "https://blog.example.com/trimmed",
        "/a\tb\nc": "https://blog.example.com/abc",
        "": BASE,
    }
    for ref, expected in cases.items():
        assert join(BASE, ref) == expected, ref
    assert join("https://a.com", "x") == "https://a.com/x"
    assert join("", "x") == "x"
    assert join(BASE, "javascript:alert(1)") == "javascript:alert(1)"


def test_scheme_and_host():
    assert has_scheme("https://a.com") and has_scheme("mailto:x") and has_scheme(" data:x")
    assert not has_scheme("/a:b") and not has_scheme("1a:b") and not has_scheme("a.png")
    assert hostname("https://User@Blog.Example.com:8080/x") == "blog.example.com"
    assert hostname("https://[::1]/") == "::1"
    assert hostname("file:///x") is None
    assert hostname("not a url") is None
