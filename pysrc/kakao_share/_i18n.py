"""The languages users read: :class:`Text` (one text in English and Korean) and :func:`language`.

Most people who share to KakaoTalk read Korean, so every label, hint and explanation the library offers
for a user interface comes in both languages. Validation rules are written in English where they are
raised; :mod:`kakao_share._finding_text` words them for a person, in either language.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

__all__ = ["LANGUAGES", "Lang", "Text", "language"]

Lang = Literal["en", "ko"]
LANGUAGES: tuple[Lang, ...] = ("ko", "en")
"""The languages every user-facing text comes in."""


class Text(NamedTuple):
    """One text in English and Korean: ``Text("Title", "제목").get("ko") == "제목"``."""

    en: str
    ko: str

    def get(self, lang: str) -> str:
        """The text in ``lang`` (a language tag such as ``ko-KR``; anything but Korean gives English)."""
        return self.ko if language(lang) == "ko" else self.en

    def format(self, **values: object) -> Text:
        """Both languages with ``{name}`` placeholders filled in."""
        return Text(self.en.format(**values), self.ko.format(**values))


#: HTML's ASCII whitespace, which a ``lang`` attribute may carry around its tag.
_ASCII_WHITESPACE = " \t\n\f\r"


def language(tag: str | None) -> Lang:
    """``"ko"`` for a Korean language tag (``ko``, ``ko-KR``, ``ko_KR``), ``"en"`` for anything else.

    The one rule for every language choice: the widget's loader and the playground's first paint apply it
    in JavaScript too, and ``tests/site/test_language_rule.py`` holds those copies to this one.
    """
    primary = (tag or "").strip(_ASCII_WHITESPACE).replace("_", "-").split("-")[0]
    return "ko" if primary.lower() == "ko" else "en"
