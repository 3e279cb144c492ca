"""The inspector's fetching is safe by construction: private addresses refused before any connection,
responses cut at their size limit, and the pieces it reads pages and images with."""

from __future__ import annotations

import pytest
from kakao_share.inspect import MAX_IMAGE_BYTES, Fetcher, FetchFailed, inspect_site
from kakao_share.inspect._fetching import address_kind
from kakao_share.inspect._imagesize import read_header
from kakao_share.inspect._reading import read_html
from servers import Endless, port_of, serving, static_site


@pytest.fixture
def endless():
    with serving(Endless) as server:
        server.sent = 0  # type: ignore[attr-defined]
        yield server


def test_a_redirect_to_a_private_address_is_refused_before_connecting(endless, connections):
    base = f"http://127.0.0.1:{port_of(endless)}"
    with Fetcher.for_target(base + "/") as fetcher, pytest.raises(FetchFailed, match=r"10\.0\.0\.1.*private"):
        fetcher.get(f"{base}/redirect?to=http://10.0.0.1/cover.png", limit=1000)
    assert connections and set(connections) == {"127.0.0.1"}  # the redirect was read; 10.0.0.1 never dialled


def test_a_name_resolving_to_a_private_address_is_refused_after_resolving_and_before_connecting(endless, connections):
    asked = []

    def resolve(host: str, port: int) -> list[str]:
        asked.append(host)
        return {"127.0.0.1": ["127.0.0.1"], "intranet.test": ["10.1.2.3"]}[host]

    base = f"http://127.0.0.1:{port_of(endless)}"
    with Fetcher.for_target(base + "/", resolve=resolve) as fetcher, pytest.raises(FetchFailed, match=r"10\.1\.2\.3"):
        fetcher.get(f"{base}/redirect?to=http://intranet.test/cover.png", limit=1000)
    assert asked == ["intranet.test"]
    assert set(connections) == {"127.0.0.1"}


def test_loopback_is_refused_unless_the_target_is_on_it(endless, connections):
    url = f"http://127.0.0.1:{port_of(endless)}/huge.png"
    with Fetcher() as public_only, pytest.raises(FetchFailed, match="loopback"):
        public_only.get(url, limit=1000)
    assert connections == []
    assert endless.sent == 0


def test_a_one_gigabyte_image_is_cut_at_the_limit(endless):
    url = f"http://127.0.0.1:{port_of(endless)}/huge.png"
    with Fetcher.for_target(url) as fetcher:
        fetched = fetcher.get(url, limit=MAX_IMAGE_BYTES + 1)
    assert not fetched.complete
    assert len(fetched.body) == MAX_IMAGE_BYTES + 1
    # The server stops once the client hangs up: what it sent is the limit plus what the sockets buffer.
    assert endless.sent < MAX_IMAGE_BYTES + 64 * 1024 * 1024


def test_a_declared_one_gigabyte_body_is_not_read_at_all(endless):
    url = f"http://127.0.0.1:{port_of(endless)}/declared.png"
    with Fetcher.for_target(url) as fetcher:
        fetched = fetcher.get(url, limit=MAX_IMAGE_BYTES + 1)
    assert not fetched.complete and fetched.body == b"" and fetched.declared_length == Endless.GIGABYTE


def test_a_page_with_a_one_gigabyte_image_gets_image_too_large(endless, tmp_path):
    page = tmp_path / "page.html"
    image = f"http://127.0.0.1:{port_of(endless)}/huge.png"
    page.write_text(f'<title>Big</title><meta property="og:image" content="{image}">')
    # A folder's pages may name images on the public web only: loopback is refused like a private address.
    (refused,) = inspect_site(str(page)).pages
    assert {g.finding.code for g in refused.findings} == {"image_unreachable", "image_not_https"}
    assert endless.sent == 0
    # A site on loopback itself may have its images on loopback: read, up to the limit.
    with static_site(tmp_path) as site:
        (read,) = inspect_site(f"http://127.0.0.1:{port_of(site)}/page.html").pages
    assert {g.finding.code for g in read.findings} == {"image_too_large", "image_not_https"}
    assert MAX_IMAGE_BYTES < endless.sent < MAX_IMAGE_BYTES + 64 * 1024 * 1024


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("127.0.0.1", "loopback"),
        ("::1", "loopback"),
        ("10.0.0.1", "private"),
        ("192.168.1.1", "private"),
        ("172.16.0.1", "private"),
        ("169.254.169.254", "link-local"),
        ("::ffff:10.0.0.1", "private"),
        ("0.0.0.0", "reserved"),
        ("93.184.216.34", "public"),
    ],
)
def test_address_kinds(address, kind):
    assert address_kind(address) == kind


def _png_head(width: int, height: int) -> bytes:
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + width.to_bytes(4, "big") + height.to_bytes(4, "big") + b"\x08\x02"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (_png_head(800, 400), ("image/png", 800, 400)),
        (b"GIF89a" + (640).to_bytes(2, "little") + (320).to_bytes(2, "little"), ("image/gif", 640, 320)),
        (
            b"\xff\xd8\xff\xe0\x00\x04ab\xff\xc0\x00\x11\x08" + (300).to_bytes(2, "big") + (500).to_bytes(2, "big"),
            ("image/jpeg", 500, 300),
        ),
        (
            b"RIFF\x00\x00\x00\x00WEBPVP8X\x0a\x00\x00\x00\x00\x00\x00\x00"
            + (1199).to_bytes(3, "little")
            + (629).to_bytes(3, "little"),
            ("image/webp", 1200, 630),
        ),
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", None),
    ],
)
def test_image_sizes_are_read_from_headers(data, expected):
    assert read_header(data) == expected


def test_pages_are_read_as_the_widget_reads_the_dom():
    page = read_html(
        """<html lang="ko"><head><base href="/docs/"><title> A &amp; B </title>
        <meta property="og:image" content="cover.png"><meta name="description" content="d">
        <link rel="Canonical" href="page"><script type="application/ld+json">{"@type": "Article"}</script>
        </head><body><svg><title>not the page's</title></svg><a href="next#top">n</a>
        <kakao-share-button app-key="k" data-post="7"><span><script type="text/x-kakao-template">no</script></span>
        <script type="text/x-kakao-template">{"object_type": "text"}</script></kakao-share-button></body></html>""",
        "https://example.test/a/b.html",
    )
    meta = page.metadata
    assert meta.document_title == "A & B" and meta.lang == "ko"
    assert meta.canonical == "https://example.test/docs/page"
    assert meta.image == "https://example.test/a/cover.png"  # Open Graph reads against the page, not <base>
    assert page.base_url == "https://example.test/docs/"
    assert page.links == ["https://example.test/docs/next"]
    (button,) = page.buttons
    assert button.attributes == {"app-key": "k", "data-post": "7"}
    assert button.inline_template == '{"object_type": "text"}'  # only a direct child is the template


def test_a_page_whose_image_redirects_to_a_private_address_gets_image_unreachable(endless, tmp_path, connections):
    image = f"http://127.0.0.1:{port_of(endless)}/redirect?to=http://10.0.0.1/cover.png"
    (tmp_path / "page.html").write_text(f'<title>Redirected</title><meta property="og:image" content="{image}">')
    with static_site(tmp_path) as site:
        (page,) = inspect_site(f"http://127.0.0.1:{port_of(site)}/page.html").pages
    unreachable = next(g for g in page.findings if g.finding.code == "image_unreachable")
    assert "10.0.0.1" in unreachable.finding.rule and "private" in unreachable.finding.rule
    assert set(connections) == {"127.0.0.1"}
