"""Run Python on MicroPython under Node, for the tests: the runtime the share widget uses on host pages.

One runner for the portable modules' tests (npm's MicroPython, sources) and the built runtime's tests (the
served ``micropython.mjs``, the widget's byte-code).
"""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
import tempfile
from collections.abc import Mapping
from pathlib import Path

__all__ = ["NPM_MICROPYTHON", "MicroPythonFailed", "run_micropython"]

ROOT = Path(__file__).resolve().parents[2]
RUNNER = Path(__file__).with_name("micropython.mjs")
#: MicroPython as npm installs it (``make setup``); the build serves a pinned copy of it.
NPM_MICROPYTHON = ROOT / "node_modules" / "@micropython" / "micropython-webassembly-pyscript" / "micropython.mjs"


class MicroPythonFailed(AssertionError):
    """Python failed on MicroPython; the message is MicroPython's own traceback."""


def run_micropython(
    code: str,
    files: Mapping[str, bytes | str] | None = None,
    *,
    interpreter: Path = NPM_MICROPYTHON,
    heapsize: int | None = None,
    timeout: float = 120,
) -> str:
    """Run ``code`` on MicroPython (``interpreter``: a ``micropython.mjs``) with ``files`` (absolute paths,
    ``/lib`` first on ``sys.path``) written first; returns what it printed. ``heapsize`` in bytes, else
    MicroPython's default."""
    node = shutil.which("node")
    if not node:
        raise MicroPythonFailed("Node.js is needed to run MicroPython (apt-get install nodejs)")
    encoded = {
        path: base64.b64encode(data.encode("utf-8") if isinstance(data, str) else data).decode("ascii")
        for path, data in (files or {}).items()
    }
    job = {"interpreter": str(interpreter), "heapsize": heapsize, "files": encoded, "code": code}
    with tempfile.TemporaryDirectory() as tmp:
        job_file = Path(tmp) / "job.json"
        job_file.write_text(json.dumps(job), encoding="utf-8")
        done = subprocess.run([node, str(RUNNER), str(job_file)], capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        raise MicroPythonFailed(f"MicroPython failed:\n{done.stderr}\n--- stdout ---\n{done.stdout}")
    return done.stdout
