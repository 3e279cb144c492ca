"""What the page remembers between visits (``localStorage``, under ``kakao-share:``); never required."""

from __future__ import annotations

import contextlib

import js

__all__ = ["store", "stored"]

STORE = "kakao-share:"


def stored(name: str) -> str | None:
    try:
        value = js.localStorage.getItem(STORE + name)
    except Exception:  # storage disabled (privacy settings): nothing remembered
        return None
    return value if isinstance(value, str) else None


def store(name: str, value: str) -> None:
    with contextlib.suppress(Exception):  # storage disabled or full: the page works, it only forgets
        js.localStorage.setItem(STORE + name, value)
