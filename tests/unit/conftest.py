"""Make ``pysrc/`` importable when the package is not installed (e.g. a plain checkout)."""

from __future__ import annotations

import sys
from pathlib import Path

try:
    import kakao_share  # noqa: F401
except ImportError:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "pysrc"))
