"""Write a self-contained static site: ``web/`` with its built runtime, ready for any static host.

Plain static servers do not know our cache policy, so a ``_headers`` file (the format several static
hosts read) carries it; hosts that ignore it still serve a working site.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from . import _paths
from .bundle import BuildError
from .server import IMMUTABLE_CACHE, cache_control, check_built


def export(dest: str | Path, *, source: Path = _paths.WEB, log: Callable[[str], object] = print) -> Path:
    check_built(source)
    dest = Path(dest).resolve()
    if dest == source.resolve() or source.resolve() in dest.parents:
        raise BuildError("export into a folder outside web/")
    if dest.exists() and any(dest.iterdir()):
        raise BuildError(f"{dest} is not empty: export writes a whole site, pick a new or empty folder")
    ignore = shutil.ignore_patterns(".build-state.json", "__pycache__", "*.pyc")
    shutil.copytree(source, dest, ignore=ignore, dirs_exist_ok=True)
    immutable = sorted(
        "/" + str(p.relative_to(dest))
        for p in dest.rglob("*")
        if p.is_file() and cache_control(str(p.relative_to(dest))) == IMMUTABLE_CACHE
    )
    lines = [f"{path}\n  Cache-Control: {IMMUTABLE_CACHE}" for path in immutable if not path.endswith((".br", ".gz"))]
    (dest / "_headers").write_text("\n".join(lines) + "\n", encoding="utf-8")
    size = sum(p.stat().st_size for p in dest.rglob("*") if p.is_file())
    log(f"exported {dest} ({size / 1e6:.1f} MB); serve it with any static file server")
    return dest
