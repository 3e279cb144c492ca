"""Running Python on MicroPython under Node, with kakao_share's MicroPython bundle mounted at /lib."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from kakao_share.portable import BUNDLE_FILES

ROOT = Path(__file__).resolve().parents[2]
RUNNER = Path(__file__).with_name("micropython.mjs")
PYSRC = ROOT / "pysrc"


class MicroPythonError(AssertionError):
    """Python failed on MicroPython; the message is MicroPython's own traceback."""


def bundle() -> dict[str, str]:
    """The files the widget's MicroPython bundle ships, by their path in MicroPython's file system."""
    return {f"/lib/{name}": (PYSRC / name).read_text(encoding="utf-8") for name in BUNDLE_FILES}


def run(code: str, extra: dict[str, str] | None = None, *, timeout: float = 120) -> str:
    """Run ``code`` on MicroPython with the bundle (and ``extra`` files) mounted; returns what it printed."""
    node = shutil.which("node")
    assert node, "node is needed to run MicroPython (make setup installs the npm packages)"
    job = {"files": {**bundle(), **(extra or {})}, "code": code}
    done = subprocess.run(
        [node, str(RUNNER)], input=json.dumps(job), capture_output=True, text=True, timeout=timeout, check=False
    )
    if done.returncode != 0:
        raise MicroPythonError(f"MicroPython failed:\n{done.stderr}\n--- stdout ---\n{done.stdout}")
    return done.stdout
