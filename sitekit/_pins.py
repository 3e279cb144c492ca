"""Pinned artefacts in, checked against ``runtime-manifest.json``: npm packages' files and PyPI downloads."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from . import _paths
from ._exceptions import BuildError
from ._files import sha256_file
from ._state import BuildRun

__all__ = [
    "check_pin",
    "copy_micropython",
    "copy_pyodide_core",
    "copy_pyscript",
    "download_sdist",
    "download_wheel",
    "load_manifest",
    "pip",
    "verify",
]


def load_manifest(path: Path = _paths.MANIFEST) -> dict[str, Any]:
    try:
        manifest: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        return manifest
    except FileNotFoundError:
        raise BuildError(f"{path.name} is missing: it pins every runtime artefact and must be committed") from None


def verify(path: Path, expected: str, what: str) -> None:
    """Refuse a file whose sha256 is not the pinned one."""
    actual = sha256_file(path)
    if actual != expected:
        raise BuildError(
            f"sha256 mismatch for {what} ({path}):\n  manifest: {expected}\n  found:    {actual}\n"
            "Refusing to build with an artefact that is not the pinned one. If you upgraded it on "
            "purpose, run `python serve.py build --update-manifest` and commit runtime-manifest.json."
        )


def check_pin(run: BuildRun, entry: dict[str, Any], path: Path, what: str) -> None:
    """Check ``path`` against ``entry``'s sha256 (or, with ``--update-manifest``, record it there)."""
    if run.update_manifest:
        entry["sha256"] = sha256_file(path)
    verify(path, entry["sha256"], what)


def _npm_package_dir(name: str, version: str) -> Path:
    pkg_dir = _paths.NODE_MODULES / name
    pkg_json = pkg_dir / "package.json"
    if not pkg_json.exists():
        hint = (
            "run `npm ci` first"
            if shutil.which("npm")
            else "install Node.js and npm (apt-get install nodejs npm), then run `npm ci`"
        )
        raise BuildError(f"node_modules has no {name}: {hint} (or use `make serve`, which does it for you)")
    found = json.loads(pkg_json.read_text(encoding="utf-8"))["version"]
    if found != version:
        raise BuildError(f"node_modules has {name} {found}, the manifest pins {version}: run `npm ci`")
    return pkg_dir


def _copy_pinned(run: BuildRun, files: dict[str, str], src_dir: Path, dest_dir: Path, what: str) -> dict[str, str]:
    """Copy pinned files, checking each against its manifest sha256 (or recording it with ``--update-manifest``);
    returns the names with their sha256, and adds the copies to what the build produced."""
    recorded = {}
    for name, expected in files.items():
        src = src_dir / name
        if not src.exists():
            raise BuildError(f"{what} has no file {name}: is node_modules from `npm ci`?")
        if run.update_manifest:
            expected = sha256_file(src)
        else:
            verify(src, expected, f"{what} {name}")
        recorded[name] = expected
        dest = dest_dir / name
        if name.endswith(".zip"):
            continue  # written by the bytecode step
        key = "copy:" + str(dest.relative_to(_paths.RUNTIME))
        if run.state.fresh(key, expected, dest):
            run.report.kept.append(name)
            continue
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, dest)
        run.state.record(key, expected)
        run.report.rebuilt.append(name)
    run.produced |= {dest_dir / name for name in recorded}
    return recorded


def copy_pyodide_core(run: BuildRun) -> Path:
    """Pyodide's core files from npm ``pyodide``, checked against the manifest; returns the package."""
    version = run.pyodide["version"]
    run.log(f"pyodide {version}: checking core files")
    src = _npm_package_dir("pyodide", version)
    run.pyodide["files"] = _copy_pinned(run, run.pyodide["files"], src, run.layout.pyodide, "npm pyodide")
    return src


def copy_pyscript(run: BuildRun) -> None:
    """PyScript's dist from npm ``@pyscript/core``, checked against the manifest."""
    psc = run.manifest["pyscript"]
    run.log(f"@pyscript/core {psc['version']}: checking dist")
    src = _npm_package_dir("@pyscript/core", psc["version"]) / "dist"
    if run.update_manifest:
        psc["files"] = {p.name: "" for p in sorted(src.iterdir()) if p.is_file() and p.suffix != ".map"}
    psc["files"] = _copy_pinned(run, psc["files"], src, run.layout.pyscript, "npm @pyscript/core")


def copy_micropython(run: BuildRun) -> None:
    """MicroPython (``micropython.mjs`` + ``.wasm``) from npm, checked against the manifest."""
    mp = run.manifest["micropython"]
    run.log(f"micropython {mp['version']}: checking files")
    src = _npm_package_dir(mp["npm"], mp["version"])
    mp["files"] = _copy_pinned(run, mp["files"], src, run.layout.micropython, f"npm {mp['npm']}")


def pip(*args: str) -> None:
    """Run this Python's pip, raising :class:`BuildError` with its output when it fails."""
    cmd = [sys.executable, "-m", "pip", *args]
    result = subprocess.run(cmd, capture_output=True, text=True)
    if result.returncode != 0:
        raise BuildError(f"`{' '.join(cmd)}` failed:\n{result.stdout[-2000:]}{result.stderr[-3000:]}")


def _download(entry: dict[str, Any], *options: str) -> Path:
    """``entry``'s file from PyPI into the download cache (kept across builds), fetched by pip with ``options``."""
    target: Path = _paths.DOWNLOADS / entry["file"]
    if not target.exists():
        _paths.DOWNLOADS.mkdir(parents=True, exist_ok=True)
        pip("download", "--no-deps", *options, "-d", str(_paths.DOWNLOADS), f"{entry['name']}=={entry['version']}")
        if not target.exists():
            raise BuildError(f"pip did not produce {entry['file']}: is the manifest's file name right?")
    return target


def download_wheel(entry: dict[str, Any], platform: str, python: str) -> Path:
    """A pinned wheel for Pyodide's platform (or a pure one) and CPython ``python``."""
    return _download(
        entry,
        "--only-binary=:all:",
        "--platform",
        platform,
        "--platform",
        "any",
        "--python-version",
        python,
        "--implementation",
        "cp",
        "--abi",
        "cp" + python.replace(".", ""),
        "--abi",
        "none",
    )


def download_sdist(entry: dict[str, Any]) -> Path:
    """A pinned sdist (for a pure wheel built here)."""
    return _download(entry, "--no-binary=:all:")
