"""The inspector's findings and their severity: :class:`Graded`, and the checks of one page's card.

Each finding is a library :class:`~kakao_share.Finding` (path, rule, fix, code) with a severity:
``error`` when the card will be wrong or missing (a deploy pipeline stops), ``warning`` when it will
show badly. Findings of the inspector's own checks carry their Korean text; the library's findings
get theirs from :func:`kakao_share.finding_text`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Literal
from urllib.parse import urlsplit

from .. import Finding, PageMetadata, Text, finding_text, language
from ._fetching import Fetched
from ._imagesize import read_header

__all__ = [
    "DEBUGGER_URL",
    "MAX_IMAGE_BYTES",
    "Graded",
    "Severity",
    "grade",
    "image_findings",
    "page_findings",
    "repeated",
]

Severity = Literal["error", "warning"]
#: Kakao's limit on a message image's file size.
MAX_IMAGE_BYTES = 5 * 1024 * 1024
#: Widest and tallest width:height ratios KakaoTalk shows a feed image in without cropping (2:1, 3:4).
WIDEST, TALLEST = 2.0, 0.75
MIN_IMAGE_SIDE = 200
IMAGE_TYPES = ("image/png", "image/jpeg", "image/gif", "image/webp")
#: Kakao's tool that shows what it scraped for a URL and refreshes its cache.
DEBUGGER_URL = "https://developers.kakao.com/tool/debugger/sharing"
_IMAGE_KEYS = ("og:image:secure_url", "og:image", "og:image:url", "twitter:image", "twitter:image:src")

#: Library codes that are errors when the inspector meets them on a page (the rest are warnings).
_LIBRARY_ERRORS = frozenset({"domain_not_registered", "content_empty", "link_empty"})


@dataclass(frozen=True)
class Graded:
    """A finding with its severity and, for the inspector's own checks, its Korean wording."""

    severity: Severity
    finding: Finding
    korean: tuple[str, str] | None = None
    """(rule, fix) in Korean; None: ask :func:`finding_text`."""

    def text(self, lang: str) -> tuple[str, str]:
        """(rule, fix) in ``lang``."""
        if language(lang) != "ko":
            return self.finding.rule, self.finding.fix
        if self.korean is not None:
            return self.korean
        return finding_text(self.finding, "ko")

    def at(self, path: str) -> Graded:
        """The same finding at ``path``."""
        return replace(self, finding=replace(self.finding, path=path))

    def to_json(self, lang: str = "en") -> dict[str, str]:
        rule, fix = self.text(lang)
        return {
            "severity": self.severity,
            "code": self.finding.code,
            "path": self.finding.path,
            "rule": rule,
            "fix": fix,
        }


def _own(severity: Severity, code: str, path: str, rule: Text, fix: Text) -> Graded:
    return Graded(severity, Finding(path, rule.en, fix.en, code), (rule.ko, fix.ko))


def grade(findings: Iterable[Finding], *, prefix: str = "", severity: Severity | None = None) -> list[Graded]:
    """Library findings graded (``severity``, or by code) with ``prefix`` before their paths."""
    out = []
    for finding in findings:
        level: Severity = severity or ("error" if finding.code in _LIBRARY_ERRORS else "warning")
        path = f"{prefix}.{finding.path}" if prefix and finding.path else (prefix or finding.path)
        out.append(Graded(level, Finding(path, finding.rule, finding.fix, finding.code)))
    return out


def _raw_images(page: PageMetadata) -> list[tuple[str, str]]:
    return [(key.strip().lower(), value.strip()) for key, value in page.meta if key.strip().lower() in _IMAGE_KEYS]


def _same_page(a: str, b: str, addressed: bool) -> bool:
    """Whether two addresses name one page: same host (when addresses are real) and path, ignoring
    the query, a trailing ``index.html`` and a trailing slash."""

    def key(url: str) -> tuple[str, str]:
        parts = urlsplit(url)
        path = parts.path.removesuffix("index.html").rstrip("/") or "/"
        return (parts.netloc.lower() if addressed else ""), path

    return key(a) == key(b)


def _same_site(a: str, b: str) -> bool:
    return urlsplit(a).netloc.lower() == urlsplit(b).netloc.lower()


def page_findings(page: PageMetadata, *, addressed: bool) -> Iterator[Graded]:
    """What the page's own tags get wrong: missing title or image, image URLs Kakao cannot use,
    og:url or canonical naming another page. ``addressed``: page addresses are the published ones.

    A page read over plain http (a local preview) is not told that its own images are http: too."""
    tags = page.tags
    if not any(k in tags for k in ("og:title", "twitter:title")) and not (page.document_title or "").strip():
        yield _own(
            "error",
            "title_missing",
            "og:title",
            Text(
                "the page has no og:title and no <title>: the card shows the site's host name",
                "og:title도 <title>도 없어 카드에 사이트 주소만 보입니다",
            ),
            Text(
                'add <meta property="og:title" content="…"> to the page\'s <head>',
                '<head>에 <meta property="og:title" content="…">를 넣으세요',
            ),
        )
    raw = _raw_images(page)
    if not raw:
        yield _own(
            "warning",
            "image_missing",
            "og:image",
            Text("the page has no og:image: the card has no picture", "og:image가 없어 카드에 이미지가 없습니다"),
            Text(
                'add <meta property="og:image" content="https://…/cover.jpg"> (800×400 or larger)',
                '<meta property="og:image" content="https://…/cover.jpg">를 넣으세요 (800×400 이상)',
            ),
        )
    for key, value in raw:
        scheme = urlsplit(value).scheme.lower()
        if not value:
            yield _own(
                "error",
                "image_empty",
                key,
                Text(f"{key} is empty: Kakao shows a broken image", f"{key} 값이 비어 있어 이미지가 깨져 보입니다"),
                Text(
                    "give it the image's full https:// address, or remove the tag",
                    "이미지의 https:// 전체 주소를 넣거나 태그를 지우세요",
                ),
            )
        elif not scheme:
            yield _own(
                "warning",
                "image_relative",
                key,
                Text(
                    f"{value!r} is a relative address: Kakao's scraper needs a full one",
                    f"{value!r} 값은 상대 주소입니다. 카카오 스크래퍼는 전체 주소가 필요합니다",
                ),
                Text("write the full https:// address of the image", "이미지의 https:// 전체 주소를 쓰세요"),
            )
        elif scheme == "http" and not (urlsplit(page.url).scheme == "http" and _same_site(value, page.url)):
            yield Graded(
                "warning",
                Finding(
                    key,
                    "image links should be https (http images may be blocked or shown slowly)",
                    "serve the image over https",
                    "image_not_https",
                ),
            )
    named: list[tuple[str, str | None]] = [("og:url", tags.get("og:url")), ("canonical", page.canonical)]
    for what, named_url in named:
        if (
            named_url
            and urlsplit(named_url).scheme in ("http", "https")
            and not _same_page(named_url, page.url, addressed)
        ):
            value = named_url
            code = "og_url_elsewhere" if what == "og:url" else "canonical_elsewhere"
            yield _own(
                "error",
                code,
                what,
                Text(
                    f"{what} names {value}, another page: Kakao shows and links that page's card",
                    f"{what} 값이 다른 페이지({value})를 가리킵니다. 카카오는 그 페이지의 카드를 보여 주고 연결합니다",
                ),
                Text(f"set {what} to this page's own address", f"{what} 값을 이 페이지의 주소로 고치세요"),
            )


def page_unreachable(problem: Text | None) -> Graded:
    """The page itself could not be read (``problem``: why)."""
    why = problem or Text("unknown", "알 수 없는 이유")
    return _own(
        "error",
        "page_unreachable",
        "",
        Text(f"the page cannot be read: {why.en}", f"페이지를 읽을 수 없습니다: {why.ko}"),
        Text("fix the link", "링크를 고치세요"),
    )


def image_findings(fetched: Fetched | None, problem: Text | None, path: str) -> list[Graded]:
    """What is wrong with the image as fetched (None with ``problem``: it could not be fetched)."""
    if fetched is None or fetched.status >= 400:
        status = "" if fetched is None else f"HTTP {fetched.status}"
        why = problem or Text(status, status)
        if fetched is not None and fetched.status == 404:
            why = Text("not found (404)", "없는 주소입니다 (404)")
        return [
            _own(
                "error",
                "image_unreachable",
                path,
                Text(f"the image cannot be fetched: {why.en}", f"이미지를 가져올 수 없습니다: {why.ko}"),
                Text(
                    "publish the image at that address, reachable without login or firewall",
                    "로그인이나 방화벽 없이 받을 수 있는 주소에 이미지를 올리세요",
                ),
            )
        ]
    out = []
    too_large = not fetched.complete or (fetched.declared_length or 0) > MAX_IMAGE_BYTES
    if too_large or len(fetched.body) > MAX_IMAGE_BYTES:
        out.append(
            _own(
                "error",
                "image_too_large",
                path,
                Text("the image is over Kakao's 5 MB limit", "이미지가 카카오의 5MB 제한을 넘습니다"),
                Text(
                    "make the file smaller than 5 MB (e.g. JPEG at 1200×630)",
                    "5MB 미만으로 줄이세요 (예: 1200×630 JPEG)",
                ),
            )
        )
    header = read_header(fetched.body)
    if header is None or fetched.content_type not in IMAGE_TYPES:
        declared = fetched.content_type or "no type"
        if not (too_large and header is None and fetched.content_type in IMAGE_TYPES):
            out.append(
                _own(
                    "error",
                    "image_type",
                    path,
                    Text(
                        f"the address serves {declared}, not a PNG, JPEG, GIF or WebP image Kakao can show",
                        f"이 주소는 {declared} 형식으로 응답합니다. "
                        "카카오가 보여 줄 수 있는 PNG, JPEG, GIF, WebP 이미지가 아닙니다",
                    ),
                    Text(
                        "point og:image at the image file, served with its image/… content type",
                        "og:image가 이미지 파일을 가리키고, 서버가 image/… 형식으로 보내게 하세요",
                    ),
                )
            )
        return out
    width, height = header.width, header.height
    if min(width, height) < MIN_IMAGE_SIDE:
        out.append(
            Graded(
                "warning",
                Finding(
                    path,
                    f"images under about {MIN_IMAGE_SIDE}x{MIN_IMAGE_SIDE} pixels display badly; this one is "
                    f"{width}x{height}",
                    f"use an image at least {MIN_IMAGE_SIDE} pixels on each side",
                    "image_small",
                ),
            )
        )
    ratio = width / height if height else 0.0
    if not TALLEST <= ratio <= WIDEST:
        out.append(
            _own(
                "warning",
                "image_cropped",
                path,
                Text(
                    f"the image is {width}×{height}: KakaoTalk shows images from 2:1 (wide) to 3:4 (tall) and "
                    "crops the rest",
                    f"이미지가 {width}×{height}입니다. "
                    "카카오톡은 2:1(가로)에서 3:4(세로) 사이로 보여 주고 나머지는 잘라냅니다",
                ),
                Text("use an image of about 2:1, such as 800×400", "800×400처럼 약 2:1 비율의 이미지를 쓰세요"),
            )
        )
    return out


def repeated(kind: str, value: str, others: list[str]) -> Graded:
    """A title or image (``kind``) that ``others`` (page addresses) share."""
    shown = ", ".join(others[:3]) + (f" and {len(others) - 3} more" if len(others) > 3 else "")
    shown_ko = ", ".join(others[:3]) + (f" 외 {len(others) - 3}개" if len(others) > 3 else "")
    if kind == "title":
        return _own(
            "warning",
            "title_repeated",
            "og:title",
            Text(
                f"{len(others)} other page(s) share this title ({shown}): their cards look the same",
                f"다른 페이지 {len(others)}개가 같은 제목을 씁니다({shown_ko}). 카드가 똑같이 보입니다",
            ),
            Text("give each page its own og:title", "페이지마다 다른 og:title을 쓰세요"),
        )
    return _own(
        "warning",
        "image_repeated",
        "og:image",
        Text(
            f"{len(others)} other page(s) share this image ({shown}): their cards look alike",
            f"다른 페이지 {len(others)}개가 같은 이미지를 씁니다({shown_ko}). 카드가 비슷하게 보입니다",
        ),
        Text("give each page its own og:image", "페이지마다 다른 og:image를 쓰세요"),
    )
