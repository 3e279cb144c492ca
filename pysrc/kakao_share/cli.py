"""Deprecated: the ``kakao-share`` command moved to :mod:`kakao_share.webhook` (``kakao_share.webhook._cli``).

Kept so ``from kakao_share.cli import …`` and ``python -m kakao_share.cli`` still work; each warns once.
Server only, like the command itself: the browser wheel leaves this file out.
"""

from __future__ import annotations

import sys
import warnings
from typing import Any

__all__: list[str] = []  # every name is reached through __getattr__, with a warning

_MOVED = "kakao_share.cli is deprecated; use kakao_share.webhook (the kakao-share command is unchanged)"


def __getattr__(name: str) -> Any:
    from .webhook import _cli

    if name in _cli.__all__:
        warnings.warn(_MOVED, DeprecationWarning, stacklevel=2)
        return getattr(_cli, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


if __name__ == "__main__":
    warnings.warn(_MOVED, DeprecationWarning, stacklevel=1)
    from .webhook._cli import main as _main

    sys.exit(_main())
