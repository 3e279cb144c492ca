"""Assemble the offline browser runtime under ``web/runtime/``: :func:`build` runs the steps in order.

Everything the page needs comes from local files: Pyodide's core from npm ``pyodide``, PyScript from
npm ``@pyscript/core``, third-party wheels from PyPI (pinned, sha256-checked against
``runtime-manifest.json``) and the project's own wheel built from ``pysrc/``.

Why the build does more than copy:

* A ``pyodide-lock.json`` listing exactly our wheels lets Pyodide fetch them all in parallel during
  start-up, with no micropip resolver pass (PyScript's ``packages_cache = "passthrough"``).
* The Python a boot imports is byte-compiled here, by Pyodide's own CPython running on Node
  (``pycompile/``), so pages stop compiling megabytes of source on every load.
* Wheels and the stdlib zip are written *stored* (uncompressed) so that brotli, applied once over the
  whole file, compresses them far better than per-member deflate; the server then sends the ``.br``
  sibling.
* Each step remembers what it was made from (``.build-state.json``), so a rebuild redoes only what
  changed; the project's wheel is rebuilt whenever ``pysrc/`` changes.

The steps live by concern: ``_pins`` (pinned npm files and PyPI downloads), ``_wheels`` (the wheels and
their lock), ``_boot`` (byte-code, memory snapshot, PyScript config), ``_widget`` (the widget's MicroPython
pack) and ``_compress`` (precompressed siblings); ``_state`` is what one run of them shares.
"""

from __future__ import annotations

import json
from pathlib import Path

from . import _paths
from ._boot import byte_compile, make_snapshot, snapshot_plan, write_pyodide_loader, write_pyscript_config
from ._compress import compress
from ._exceptions import BuildError
from ._files import DIR_MODE, FILE_MODE
from ._pins import copy_micropython, copy_pyodide_core, copy_pyscript, load_manifest
from ._state import BuildReport, BuildRun, Log
from ._wheels import (
    SERVER_ONLY,
    browser_wheel,
    build_app_wheel,
    build_pure_wheels,
    fetch_wheels,
    publish_wheels,
    write_lock,
)
from ._widget import pack_widget_python, widget_sources, write_widget_runtime

#: ``build`` and what tests and tools read of the build's rules (which files the browser wheel leaves out,
#: what the snapshot and the widget's pack are made from).
__all__ = ["SERVER_ONLY", "BuildError", "BuildReport", "browser_wheel", "build", "snapshot_plan", "widget_sources"]


def build(*, update_manifest: bool = False, log: Log = print) -> BuildReport:
    """Build (or bring up to date) ``web/runtime/``; returns what was rebuilt and what was kept."""
    run = BuildRun(load_manifest(), update_manifest=update_manifest, log=log)
    pyodide_src = copy_pyodide_core(run)
    copy_pyscript(run)
    copy_micropython(run)
    pack = pack_widget_python(run)
    wheels = fetch_wheels(run) + build_pure_wheels(run)
    app = build_app_wheel(run)
    byte_compile(run, pyodide_src, wheels, app)
    write_lock(run, pyodide_src, [*wheels, app])
    loader = write_pyodide_loader(run)
    interpreter = make_snapshot(run)
    write_widget_runtime(run, pack, loader)
    publish_wheels(run, [*wheels, app])
    write_pyscript_config(run, interpreter)
    compress(run)
    _prune(run.layout.runtime, run.produced)
    _set_modes(run.layout.runtime)
    if update_manifest:
        _paths.MANIFEST.write_text(json.dumps(run.manifest, indent=2) + "\n", encoding="utf-8")
        log(f"updated {_paths.MANIFEST.name}")
    return run.report


def _prune(root: Path, keep: set[Path]) -> None:
    """Delete outputs of earlier builds that this build did not produce (old versions, old app wheels)."""
    for path in sorted(root.rglob("*"), reverse=True):
        if path.is_file() and path not in keep and path != _paths.BUILD_STATE:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()


def _set_modes(root: Path) -> None:
    """Files 0644 and folders 0755, whatever the umask, the sources' modes or the tools that wrote
    them (Pyodide's file system writes 0666): nothing published is writable by others."""
    for path in [root, *root.rglob("*")]:
        mode = DIR_MODE if path.is_dir() else FILE_MODE
        if path.stat().st_mode & 0o7777 != mode:
            path.chmod(mode)
