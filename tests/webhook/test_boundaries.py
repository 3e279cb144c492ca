"""The receiver and the inspector stay on the server: the rest of the library never imports them or their
dependencies, so the browser bundle can leave out ``kakao_share/webhook/`` (with the ``kakao-share`` command) and
``kakao_share/inspect/``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

LIBRARY = Path(__file__).resolve().parents[2] / "pysrc" / "kakao_share"
SERVER_ONLY = (
    *("kakao_share.webhook", "starlette", "uvicorn", "sqlalchemy", "psycopg"),
    *("kakao_share.inspect", "httpx", "httpcore", "rich"),
)

PROBE = """
import importlib, pkgutil, sys
import kakao_share
for module in pkgutil.iter_modules(kakao_share.__path__):
    # browser imports Pyodide's js module
    if module.name not in {"webhook", "inspect", "browser"}:
        importlib.import_module(f"kakao_share.{module.name}")
kakao_share.render_preview  # noqa: B018
print("\\n".join(sorted(sys.modules)))
"""


def test_the_library_imports_nothing_server_only():
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, timeout=120)
    loaded = result.stdout.split()
    assert "kakao_share._templates" in loaded
    assert [m for m in loaded if m.startswith(SERVER_ONLY)] == []


def test_no_module_outside_the_server_paths_names_them():
    for path in LIBRARY.rglob("*.py"):
        rel = path.relative_to(LIBRARY).as_posix()
        if rel.startswith(("webhook/", "inspect/")):
            continue
        text = path.read_text(encoding="utf-8")
        for line in text.splitlines():
            if line.lstrip().startswith(("import ", "from ")):
                assert "webhook" not in line and ".cli" not in line, f"{rel}: {line.strip()}"
                assert ".inspect" not in line and "httpx" not in line, f"{rel}: {line.strip()}"
