"""The public surface: every name in ``__all__`` exists, and importing stays light."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import kakao_share

PYSRC = str(Path(__file__).resolve().parents[2] / "pysrc")


def _ruff_order(name: str) -> tuple[int, str]:
    """The order ruff's RUF022 keeps ``__all__`` in: CONSTANTS, then Classes, then the rest."""
    if name.isupper():
        return (0, name)
    return (1, name) if name[:1].isupper() else (2, name)


def test_all_is_every_public_name_sorted():
    # Subpackages (browser, webhook, cli) are imported on their own, not exported: leave modules out.
    public = [
        name
        for name, value in vars(kakao_share).items()
        if (not name.startswith("_") or name == "__version__") and not isinstance(value, ModuleType)
    ]
    assert kakao_share.__all__ == sorted(public, key=_ruff_order)


def test_import_does_not_import_jinja2_or_browser_modules():
    code = (
        "import sys, kakao_share; "
        "bad = [m for m in ('jinja2', 'markupsafe', 'js', 'pyodide') if m in sys.modules]; "
        "print(','.join(bad))"
    )
    env = {**os.environ, "PYTHONPATH": PYSRC}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.strip() == ""


def test_no_js_or_pyodide_import_in_sources():
    root = Path(kakao_share.__file__).parent
    for path in root.rglob("*.py"):
        if path.relative_to(root).parts[0] == "browser":  # the browser bridge
            continue
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(import|from)\s+(js|pyodide)\b", text, re.MULTILINE), path


def test_package_files_are_present():
    root = Path(kakao_share.__file__).parent
    assert (root / "py.typed").exists()
    for kind in ("feed", "list", "location", "commerce", "text", "calendar", "scrap", "custom"):
        assert (root / "cards" / f"{kind}.html.j2").exists()
    for name in kakao_share.EXAMPLES:
        assert (root / "example_messages" / f"{name}.json.j2").exists()
