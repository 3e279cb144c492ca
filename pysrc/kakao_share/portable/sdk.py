"""Kakao's published JavaScript SDK builds: where each is served and the SRI hash that pins it.

Pure data, shared by the widget (which loads a build), the browser bridge and the code generator
(which prints the ``<script>`` element a page needs).
"""

__all__ = [
    "DEFAULT_SDK_VERSION",
    "OPTIONAL_CONTENT_WORDS",
    "PICKER_SETTINGS_WORDS",
    "PUBLISHED_SRI",
    "SDK_TOO_OLD",
    "SDK_URL",
    "dotted",
    "sdk_url",
    "version_tuple",
]

#: SRI hashes Kakao publishes for its SDK builds (Kakao's SDK download page; 2.7.9 to 2.8.3 as pinned,
#: identically, by several unrelated public projects). Other versions work too, but their hash must be
#: passed explicitly: a guessed hash silently blocks the script.
PUBLISHED_SRI = {
    "2.8.3": "sha384-oroumrnFVE0xtgqyDZJARgERibXg2C28380uaUZz2kHDS5CR7tu20eGiOU6GkTpy",
    "2.8.2": "sha384-zt/G7/KfaRQ9dT/QIkS0ujMtzouJqzuSJcXVQu50x0rl/+mD1dc70AeOejVbMD9E",
    "2.8.1": "sha384-OL+ylM/iuPLtW5U3XcvLSGhE8JzReKDank5InqlHGWPhb4140/yrBw0bg0y7+C9J",
    "2.8.0": "sha384-Lvrr4dmJLLhBimcAC4GfpNV3oEGKgfd26Mp7KkvDz8PxGrhUhUT3zoax7EirW8fu",
    "2.7.9": "sha384-JpLApTkB8lPskhVMhT+m5Ln8aHlnS0bsIexhaak0jOhAkMYedQoVghPfSpjNi9K1",
    "2.7.4": "sha384-DKYJZ8NLiK8MN4/C5P2dtSmLQ4KwPaoqAfyA/DfmEc1VDxu4yyC7wy6K1Hs90nka",
    "2.7.1": "sha384-kDljxUXHaJ9xAb2AzRd59KxjrFjzHa5TAoFQ6GbYTCAG0bjM55XohjjDT7tDDC01",
    "2.6.0": "sha384-6MFdIr0zOira1CHQkedUqJVql0YtcZA1P0nbPrQYJXVJZUkTk/oX4U9GhUIs3/z8",
    "2.5.0": "sha384-kYPsUbBPlktXsY6/oNHSUDZoTX6+YI51f63jCPEIPFP09ttByAdxd2mEjKuhdqn4",
    "2.2.0": "sha384-x+WG2i7pOR+oWb6O5GV5f1KN2Ko6N7PTGPS7UlasYWNxZMKQA63Cj/B2lbUmUfuC",
}

#: The SDK version loaded when none is named: the newest published build (picker settings need 2.8.0).
DEFAULT_SDK_VERSION = "2.8.3"

#: What needs a recent SDK, in (English, Korean) words; the versions are in :mod:`.limits`.
PICKER_SETTINGS_WORDS = ("picker settings", "공유 대상 선택 화면 설정")
OPTIONAL_CONTENT_WORDS = ("content without a title or an image", "제목이나 이미지가 없는 콘텐츠")

#: The version rule worded for a person, in (English, Korean), with ``{what}``, ``{needed}`` and ``{loaded}``:
#: the one wording the library's ``SDKVersionError``, the playground and the widget show.
SDK_TOO_OLD = (
    "{what}: needs Kakao SDK {needed} or later; this page loaded {loaded}",
    "{what}에는 카카오 SDK {needed} 이상이 필요합니다. 이 페이지는 {loaded}을(를) 불러왔습니다",
)

#: Where Kakao's CDN serves a build (``{version}`` filled in).
SDK_URL = "https://t1.kakaocdn.net/kakao_js_sdk/{version}/kakao.min.js"


def sdk_url(version: str) -> str:
    """The CDN address of SDK ``version``."""
    return SDK_URL.format(version=version)


def dotted(version: "tuple[int, ...]") -> str:
    """``(2, 8, 0)`` -> ``"2.8.0"``."""
    return ".".join(str(part) for part in version)


def version_tuple(version: str) -> "tuple[int, ...]":
    """``"2.7.1"`` -> ``(2, 7, 1)``: the first three numbers of any version text."""
    numbers = []
    digits = ""
    for ch in version + " ":
        if "0" <= ch <= "9":
            digits += ch
        elif digits:
            numbers.append(int(digits))
            digits = ""
    return tuple(numbers[:3])
