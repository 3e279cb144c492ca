"""Write a self-contained static site: ``web/`` with its built runtime, ready for any static host.

Plain static servers do not know our cache policy, so a ``_headers`` file (the format several static
hosts read) carries it, and the cross-origin headers that let other sites load the widget and the
runtime; hosts that ignore it still serve a working site. Files are written ``0644`` and folders
``0755`` whatever the source's modes: nothing in a published site is writable by others.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

from . import _paths
from ._exceptions import BuildError
from ._files import DIR_MODE, FILE_MODE
from .headers import CROSS_ORIGIN_FOLDERS, CROSS_ORIGIN_HEADERS, REVALIDATE_CACHE, cache_control, is_cross_origin
from .server import check_built


def _copy(src: str, dst: str) -> str:
    shutil.copyfile(src, dst)
    os.chmod(dst, FILE_MODE)
    return dst


def _headers_file(files: list[str]) -> str:
    """``_headers`` rules: caching for every file not merely revalidated, and cross-origin files or folders."""
    rules: dict[str, dict[str, str]] = {}
    for path in (f for f in files if not f.endswith((".br", ".gz"))):
        policy = cache_control(path)
        if policy != REVALIDATE_CACHE:
            rules.setdefault("/" + path, {})["Cache-Control"] = policy
        if is_cross_origin(path):
            top = path.split("/", 1)[0]
            rule = "/" + (top + "/*" if top in CROSS_ORIGIN_FOLDERS else path)
            rules.setdefault(rule, {}).update(CROSS_ORIGIN_HEADERS)
    blocks = [rule + "".join(f"\n  {k}: {v}" for k, v in headers.items()) for rule, headers in sorted(rules.items())]
    return "\n".join(blocks) + "\n"


def export(dest: str | Path, *, source: Path = _paths.WEB, log: Callable[[str], object] = print) -> Path:
    check_built(source)
    dest = Path(dest).resolve()
    if dest == source.resolve() or source.resolve() in dest.parents:
        raise BuildError("export into a folder outside web/")
    if dest.exists() and any(dest.iterdir()):
        raise BuildError(f"{dest} is not empty: export writes a whole site, pick a new or empty folder")
    ignore = shutil.ignore_patterns(".*", "__pycache__", "*.pyc")
    shutil.copytree(source, dest, ignore=ignore, dirs_exist_ok=True, copy_function=_copy)
    for folder in [dest, *(p for p in dest.rglob("*") if p.is_dir())]:
        folder.chmod(DIR_MODE)
    files = sorted(str(p.relative_to(dest)) for p in dest.rglob("*") if p.is_file())
    (dest / "_headers").write_text(_headers_file(files), encoding="utf-8")
    (dest / "_headers").chmod(FILE_MODE)
    size = sum(p.stat().st_size for p in dest.rglob("*") if p.is_file())
    log(f"exported {dest} ({size / 1e6:.1f} MB); serve it with any static file server")
    return dest
