"""Kakao's published JavaScript SDK builds: the facts live in :mod:`kakao_share.portable.sdk`."""

from .portable.sdk import DEFAULT_SDK_VERSION, PUBLISHED_SRI, SDK_URL, dotted, sdk_url

__all__ = ["DEFAULT_SDK_VERSION", "PUBLISHED_SRI", "SDK_URL", "dotted", "sdk_url"]
