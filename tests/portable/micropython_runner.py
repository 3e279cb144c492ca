"""Running Python on MicroPython under Node, with kakao_share's MicroPython bundle mounted at /lib."""

from __future__ import annotations

from pathlib import Path

from kakao_share.portable import BUNDLE_FILES

from tests.support.micropython import MicroPythonFailed, run_micropython

__all__ = ["PYSRC", "MicroPythonFailed", "bundle", "run"]

ROOT = Path(__file__).resolve().parents[2]
PYSRC = ROOT / "pysrc"
#: The portable modules' tests build large inputs (thousands of differential cases).
HEAPSIZE = 8 * 1024 * 1024


def bundle() -> dict[str, str]:
    """The files the widget's MicroPython bundle ships, by their path in MicroPython's file system."""
    return {f"/lib/{name}": (PYSRC / name).read_text(encoding="utf-8") for name in BUNDLE_FILES}


def run(code: str, extra: dict[str, str] | None = None, *, timeout: float = 120) -> str:
    """Run ``code`` on MicroPython with the bundle (and ``extra`` files) mounted; returns what it printed."""
    return run_micropython(code, {**bundle(), **(extra or {})}, heapsize=HEAPSIZE, timeout=timeout)
