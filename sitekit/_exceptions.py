"""The site tooling's own error, so ``serve.py`` can tell a failed build from a bug."""

from __future__ import annotations

__all__ = ["BuildError"]


class BuildError(Exception):
    """The bundle cannot be built; the message says what to do about it."""
