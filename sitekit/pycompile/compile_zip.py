"""Byte-compile the Python a page imports at boot, with the browser's own CPython (run by run.mjs).

Pyodide ships the stdlib and wheels as ``.py`` only, so every page load compiled the ~5 MB of source
it imports (stdlib, pydantic, jinja2): most of the boot time. Compiling once at build time, with the
exact interpreter the page runs, removes that. Only modules a boot imports are compiled (``probe``
finds them by importing the boot modules here): bytecode is larger than source, and modules used later
(or never) should not make every first visit download more.

The ``.pyc`` files are *unchecked-hash* pycs (PEP 552): loaded without comparing timestamps, which in a
freshly unpacked wheel mean nothing anyway.

* ``keep_source=False`` (stdlib, third-party wheels): ``foo.py`` becomes a sourceless ``foo.pyc``.
* ``keep_source=True`` (the project's wheel): ``foo.py`` stays and ``__pycache__/foo.<tag>.pyc`` is
  added, so tracebacks and ``inspect.getsource`` (pydantic attribute docstrings) keep working.

What pages never read is left out of what they download (the published wheels keep all of it):
type stubs (``.pyi``), software bills of materials (``.dist-info/sboms/``), the description body of
each ``METADATA`` (the package's README: ``importlib.metadata`` reads the header), and the parts of
pydantic no page imports (``NEVER_IMPORTED``).
"""

import importlib
import importlib.util
import sys
import zipfile
from importlib._bootstrap_external import _code_to_hash_pyc  # type: ignore[attr-defined]  # what py_compile uses

STDLIB_PREFIX = f"/lib/python{sys.version_info.major}{sys.version_info.minor}.zip/"
SITE = f"/lib/python{sys.version_info.major}.{sys.version_info.minor}/site-packages/"


def probe(wheels: list[str], imports: list[str]) -> dict[str, list[str]]:
    """Install ``wheels``, import ``imports``; return, per zip, the member files that were imported."""
    owner = {}
    for wheel in wheels:
        with zipfile.ZipFile(wheel) as zf:
            zf.extractall(SITE)
            owner.update(dict.fromkeys(zf.namelist(), wheel))
    importlib.invalidate_caches()
    for name in imports:
        importlib.import_module(name)
    used: dict[str, list[str]] = {"stdlib": []}
    for module in list(sys.modules.values()):
        path = getattr(module, "__file__", None) or ""
        if path.startswith(STDLIB_PREFIX):
            used["stdlib"].append(path[len(STDLIB_PREFIX) :])
        elif path.startswith(SITE) and path[len(SITE) :] in owner:
            used.setdefault(owner[path[len(SITE) :]], []).append(path[len(SITE) :])
    return used


#: Modules of the pinned wheels that nothing on kakao-share's pages imports: pydantic 1's API (shipped
#: inside pydantic 2 for migrations, imported only as ``pydantic.v1``) and pydantic's mypy plugin.
NEVER_IMPORTED = ("pydantic/v1/", "pydantic/mypy.py")


def _unused_at_run_time(name: str) -> bool:
    return name.endswith(".pyi") or ".dist-info/sboms/" in name or name.startswith(NEVER_IMPORTED)


def _metadata_header(data: bytes) -> bytes:
    """A core-metadata file without its description body (everything after the first blank line)."""
    header, blank, _ = data.partition(b"\n\n")
    return header + b"\n" if blank else data


def compile_zip(
    src: str, dst: str, runtime_prefix: str, keep_source: bool, only: list[str] | None = None
) -> tuple[int, int]:
    """Copy ``src`` to ``dst`` (stored members), compiling ``.py`` members (all, or those in ``only``)."""
    wanted = None if only is None else set(only)
    compiled = kept = 0
    tag = sys.implementation.cache_tag
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_STORED) as zout:
        for info in zin.infolist():
            name = info.filename
            if _unused_at_run_time(name):
                continue
            data = zin.read(info)
            if name.endswith(".dist-info/METADATA"):
                data = _metadata_header(data)
            if not name.endswith(".py") or (wanted is not None and name not in wanted):
                zout.writestr(info, data, compress_type=zipfile.ZIP_STORED)
                kept += name.endswith(".py")
                continue
            code = compile(data, runtime_prefix + name, "exec", dont_inherit=True)
            pyc = _code_to_hash_pyc(code, importlib.util.source_hash(data), checked=False)
            compiled += 1
            if keep_source:
                zout.writestr(info, data, compress_type=zipfile.ZIP_STORED)
                folder, _, stem = name.rpartition("/")
                cached = (folder + "/" if folder else "") + f"__pycache__/{stem[:-3]}.{tag}.pyc"
                zout.writestr(zipfile.ZipInfo(cached, info.date_time), pyc)
            else:
                zout.writestr(zipfile.ZipInfo(name + "c", info.date_time), pyc)
    return compiled, kept
