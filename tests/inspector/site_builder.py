"""A static site with one page per mistake the inspector finds, and one clean page.

``build_site(root, origin, http_origin)`` writes it for a site published at ``origin``; pages name each
other and their images by absolute address, as a static site generator writes them. ``http_origin``
is an address of the same files over plain http under another host name (the "http: image" page).
"""

from __future__ import annotations

import html
import struct
import zlib
from pathlib import Path

from kakao_share.inspect import MAX_IMAGE_BYTES

EVIL = "\"'><script>alert(1)</script><img src=x onerror=alert(1)> javascript:alert(1) {{ 7*7 }} &amp;"
APP_KEY = "0123456789abcdef0123456789abcdef"
DOMAINS = ["localhost", "127.0.0.1"]

#: Page (file name) -> the finding codes the inspector must report on it, exactly.
EXPECTED: dict[str, set[str]] = {
    "index.html": set(),
    "no-title.html": {"title_missing"},
    "no-image.html": {"image_missing"},
    "relative-image.html": {"image_relative"},
    "empty-image.html": {"image_empty"},
    "http-image.html": {"image_not_https"},
    "missing-image.html": {"image_unreachable"},
    "wrong-type.html": {"image_type"},
    "huge-image.html": {"image_too_large"},
    "wide-image.html": {"image_cropped"},
    "long-text.html": {"text_truncated"},
    "template-image.html": {"image_unreachable"},
    "template-src.html": {"template_unreachable"},
    "other-domain.html": {"domain_not_registered"},
    "og-url-elsewhere.html": {"og_url_elsewhere"},
    "canonical-elsewhere.html": {"canonical_elsewhere"},
    "same-a.html": {"title_repeated", "image_repeated"},
    "same-b.html": {"title_repeated", "image_repeated"},
    "bad-widget.html": {"whole_number", "app_key_missing"},
    "hostile.html": {"og_url_elsewhere", "url_skipped"},
}


def png(width: int, height: int, pad_to: int = 0) -> bytes:
    """A real PNG of one colour (readable by browsers), optionally padded past its end to ``pad_to`` bytes."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    row = b"\x00" + b"\xfe\xe5\x00" * width
    data = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(row * height, 9))
        + chunk(b"IEND", b"")
    )
    return data + b"\x00" * max(0, pad_to - len(data))


def _page(title: str | None, head: str = "", body: str = "") -> str:
    title_tags = ""
    if title is not None:
        title_tags = f'<title>{html.escape(title)}</title><meta property="og:title" content="{html.escape(title)}">'
    return (
        f'<!doctype html><html lang="ko"><head><meta charset="utf-8">{title_tags}'
        f"{head}</head><body>{body}</body></html>"
    )


def _image(url: str) -> str:
    return f'<meta property="og:image" content="{html.escape(url)}">'


def build_site(root: Path, origin: str, http_origin: str) -> None:
    """Write the site into ``root``."""
    img = root / "img"
    img.mkdir(parents=True, exist_ok=True)
    card = png(800, 400)
    for name in EXPECTED:
        (img / f"{name.removesuffix('.html')}.png").write_bytes(card)
    (img / "cover.txt").write_text("not an image", encoding="utf-8")
    (img / "huge.png").write_bytes(png(800, 400, pad_to=MAX_IMAGE_BYTES + 1024))
    (img / "wide.png").write_bytes(png(1200, 200))
    (img / "shared.png").write_bytes(card)

    def own(name: str) -> str:
        return _image(f"{origin}/img/{name.removesuffix('.html')}.png")

    links = "".join(f'<a href="{origin}/{name}">{name}</a> ' for name in EXPECTED if name != "index.html")
    button = f'<kakao-share-button app-key="{APP_KEY}" url="{{url}}"></kakao-share-button>'
    text_template = (
        f'<kakao-share-button app-key="{APP_KEY}"><script type="text/x-kakao-template">'
        '{"object_type": "text", "text": {{ data.text | default("x" * 300) }}, "link": {"web_url": {{ url }}}}'
        "</script></kakao-share-button>"
    )
    pages = {
        "index.html": _page(
            "kakao-share inspect: the clean page",
            own("index.html") + f'<meta property="og:url" content="{origin}/"><link rel="canonical" href="{origin}/">'
            '<meta property="og:description" content="Every card checked before it goes live.">',
            links,
        ),
        "no-title.html": _page(None, own("no-title.html")),
        "no-image.html": _page("No image"),
        "relative-image.html": _page("Relative image", _image("img/relative-image.png")),
        "empty-image.html": _page("Empty image", _image("")),
        "http-image.html": _page("Image over http", _image(f"{http_origin}/img/http-image.png")),
        "missing-image.html": _page("Missing image", _image(f"{origin}/img/not-there.png")),
        "wrong-type.html": _page("Not an image", _image(f"{origin}/img/cover.txt")),
        "huge-image.html": _page("Huge image", _image(f"{origin}/img/huge.png")),
        "wide-image.html": _page("Wide image", _image(f"{origin}/img/wide.png")),
        "long-text.html": _page("Long text", own("long-text.html"), text_template),
        "template-image.html": _page(
            "Template image",
            own("template-image.html"),
            f'<kakao-share-button app-key="{APP_KEY}"><script type="text/x-kakao-template">'
            '{"object_type": "feed", "content": {"title": {{ title }}, '
            f'"image_url": "{origin}/img/absent.png", '
            '"link": {"web_url": {{ url }}}}}</script></kakao-share-button>',
        ),
        "template-src.html": _page(
            "Template source",
            own("template-src.html"),
            f'<kakao-share-button app-key="{APP_KEY}" template-src="templates/card.json.j2"></kakao-share-button>'
            f'<kakao-share-button app-key="{APP_KEY}" template-src="templates/gone.json.j2"></kakao-share-button>',
        ),
        "other-domain.html": _page(
            "Other domain", own("other-domain.html"), button.replace("{url}", "https://elsewhere.invalid/p")
        ),
        "og-url-elsewhere.html": _page(
            "og:url elsewhere", own("og-url-elsewhere.html") + f'<meta property="og:url" content="{origin}/">'
        ),
        "canonical-elsewhere.html": _page(
            "Canonical elsewhere", own("canonical-elsewhere.html") + f'<link rel="canonical" href="{origin}/">'
        ),
        "same-a.html": _page("Same title", _image(f"{origin}/img/shared.png")),
        "same-b.html": _page("Same title", _image(f"{origin}/img/shared.png")),
        "bad-widget.html": _page(
            "Bad widget", own("bad-widget.html"), '<kakao-share-button template-id="abc"></kakao-share-button>'
        ),
        "hostile.html": _page(
            EVIL,
            _image(f"{origin}/img/{EVIL}.png")
            + f'<meta property="og:description" content="{html.escape(EVIL)}">'
            + f'<meta property="og:url" content="{html.escape(origin + "/" + EVIL)}">',
            f'<kakao-share-button app-key="{APP_KEY}" data-text="{html.escape(EVIL)}">'
            '<script type="text/x-kakao-template">'
            '{"object_type": "text", "text": {{ data.text }}, "link": {"web_url": {{ url }}}}'
            "</script></kakao-share-button>",
        ),
    }
    (root / "templates").mkdir(exist_ok=True)
    (root / "templates" / "card.json.j2").write_text(
        '{"object_type": "feed", "content": {"title": {{ title }}, "image_url": {{ image }}, '
        '"link": {"web_url": {{ url }}}}}',
        encoding="utf-8",
    )
    for name, text in pages.items():
        (root / name).write_text(text, encoding="utf-8")
