"""Kakao's error codes explained: what an error from Kakao means and how to fix it, in the page's language."""

from __future__ import annotations

from typing import Any

from kakao_share import explain_api_error

from .dom import by_id, h
from .i18n import t

__all__ = ["explain_code", "show_api_error"]


def show_api_error(box: Any, code: Any, message: str | None, lang: str) -> bool:
    """Put the cause and fix of Kakao's error ``code`` in ``box``; False (``box`` emptied) for an unknown one."""
    explained = explain_api_error(code, message, lang=lang)
    if explained is None:
        box.replaceChildren()
        return False
    box.replaceChildren(
        h(
            "dl",
            {"class": "explained"},
            h("dt", None, t("cause", lang)),
            h("dd", None, explained.cause),
            h("dt", None, t("fix", lang)),
            h("dd", None, explained.fix),
        )
    )
    return True


def explain_code(lang: str) -> None:
    """Explain the code typed in ``#error-code`` (the error-code look-up box)."""
    value = str(by_id("error-code").value).strip()
    box = by_id("error-help")
    if not value:
        box.replaceChildren(h("p", None, t("code_enter", lang)))
    elif not show_api_error(box, value, None, lang):
        box.replaceChildren(h("p", None, t("code_unknown", lang, code=value)))
