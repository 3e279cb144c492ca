"""Shared by every test: the repository root on sys.path, so tests import sitekit (like serve.py) and tests.support."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def pytest_addoption(parser):
    parser.addoption(
        "--boot",
        choices=["normal", "snapshot"],
        default=os.environ.get("KAKAO_SHARE_BOOT", "normal"),
        help="how e2e pages start Python: 'normal' (a first visit, the default) or 'snapshot' (a return "
        "visit restoring the stored memory snapshot); also $KAKAO_SHARE_BOOT",
    )
