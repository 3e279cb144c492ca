"""What a message or option needs of Kakao's JavaScript SDK: :class:`SDKFeature`.

Its own small module so that the models that have features and the error that names one
(:class:`~kakao_share.SDKVersionError`) can both use it without importing each other.
"""

from __future__ import annotations

from typing import NamedTuple

from ._i18n import Text

__all__ = ["SDKFeature"]


class SDKFeature(NamedTuple):
    """Something a message or option uses that only a recent JavaScript SDK accepts."""

    what: Text
    """The feature in plain words, in both languages (``picker settings`` / ``공유 대상 선택 설정``)."""

    version: tuple[int, int, int]
    """The oldest SDK version that accepts it."""
