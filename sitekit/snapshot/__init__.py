"""The Pyodide memory snapshot return visits boot from, and the PyScript interpreter that restores it.

A snapshot is Python's memory after start-up and the page's imports, made at build time by the very
Pyodide build a page runs (``make.mjs`` on Node; a snapshot is refused by any other build). The
build writes, into a content-addressed folder next to Pyodide's files:

* ``heap.bin`` — the snapshot;
* ``interpreter.mjs`` — what ``pyscript.json`` names as PyScript's interpreter: it restores the
  snapshot when the browser has it stored, else starts Pyodide the normal way and stores the snapshot
  for next time once the page is idle (see the file for when it does not);
* ``outside-heap.mjs`` — what both sides do the same way: unpack the wheels, load native libraries.

Everything the snapshot is made from is hashed into the folder's name, so any change makes a new one
(and browsers never restore a stale one).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .._files import sha256_file

__all__ = ["HEAP", "INTERPRETER", "SnapshotError", "SnapshotPlan", "load_order", "make_snapshot", "outputs"]

HERE = Path(__file__).resolve().parent
#: Copied into the runtime as they are.
SHARED_SCRIPT = HERE / "outside-heap.mjs"
#: Written into the runtime with the snapshot's facts filled in.
INTERPRETER_TEMPLATE = HERE / "interpreter.mjs"
MAKER = HERE / "make.mjs"
_PLACEHOLDER = "const SNAPSHOT = null; // filled in by the build"

HEAP = "heap.bin"
INTERPRETER = "interpreter.mjs"


class SnapshotError(Exception):
    """The snapshot could not be made; the message carries Node's or Python's explanation."""


@dataclass(frozen=True)
class SnapshotPlan:
    """What a snapshot is made from."""

    pyodide_dir: Path  #: the served Pyodide folder (its core files, stdlib and lock)
    packages: list[str]  #: what pages ask for (PyScript's ``packages``)
    wheels: list[tuple[str, Path]]  #: (package name in the lock, served wheel): those and their dependencies
    imports: list[str]  #: modules imported before the snapshot is taken
    warm_up: str = ""  #: Python run after the imports, in a namespace of its own: work pages would redo

    def digest(self) -> str:
        """A hash of every input: Pyodide's files, the wheels, the imports and the scripts."""
        files = [self.pyodide_dir / name for name in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm")]
        files += [self.pyodide_dir / "python_stdlib.zip", self.pyodide_dir / "pyodide-lock.json"]
        files += [path for _, path in self.wheels]
        files += [SHARED_SCRIPT, INTERPRETER_TEMPLATE, MAKER]
        names = [name for name, _ in self.wheels]
        digest = hashlib.sha256(json.dumps([self.packages, names, self.imports, self.warm_up]).encode())
        for path in files:
            digest.update(path.name.encode())
            digest.update(sha256_file(path).encode())
        return digest.hexdigest()


def outputs(folder: Path) -> list[Path]:
    return [folder / HEAP, folder / INTERPRETER, folder / SHARED_SCRIPT.name]


def make_snapshot(plan: SnapshotPlan, folder: Path, digest: str) -> dict[str, Any]:
    """Make the snapshot and its interpreter in ``folder``; returns the facts the interpreter embeds."""
    node = shutil.which("node")
    if not node:
        raise SnapshotError("Node.js is needed to build the runtime (apt-get install nodejs npm)")
    folder.mkdir(parents=True, exist_ok=True)
    heap = folder / HEAP
    job = {
        "pyodide": str(plan.pyodide_dir),
        "wheels": [{"package": name, "file": str(path)} for name, path in plan.wheels],
        "imports": plan.imports,
        "warm_up": plan.warm_up,
        # Frozen into the snapshot; derived from its inputs so that the same inputs give the same bytes.
        "hash_seed": int(digest[:8], 16) % 4_294_967_295,
        "entropy_seed": int(digest[8:16], 16),
        "output": str(heap),
    }
    with tempfile.TemporaryDirectory() as tmp:
        plan_file = Path(tmp) / "plan.json"
        plan_file.write_text(json.dumps(job), encoding="utf-8")
        result = subprocess.run([node, str(MAKER), str(plan_file)], capture_output=True, text=True)
    if result.returncode != 0:
        raise SnapshotError(f"making the Python snapshot failed:\n{result.stdout[-2000:]}{result.stderr[-4000:]}")
    facts: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    lock = json.loads((plan.pyodide_dir / "pyodide-lock.json").read_text(encoding="utf-8"))
    embedded = {
        "heap": HEAP,
        "bytes": facts["bytes"],
        "memory": facts["memory"],
        "table_size": facts["table_size"],
        "packages": plan.packages,
        "wheels": [
            {"package": name, "file": path.relative_to(plan.pyodide_dir).as_posix()} for name, path in plan.wheels
        ],
        "lock": lock,
    }
    _write_interpreter(folder / INTERPRETER, embedded)
    shutil.copyfile(SHARED_SCRIPT, folder / SHARED_SCRIPT.name)
    return embedded


def _write_interpreter(path: Path, facts: dict[str, Any]) -> None:
    template = INTERPRETER_TEMPLATE.read_text(encoding="utf-8")
    if _PLACEHOLDER not in template:
        raise SnapshotError(f"{INTERPRETER_TEMPLATE.name} lost its line `{_PLACEHOLDER}`")
    filled = f"const SNAPSHOT = {json.dumps(facts, sort_keys=True, separators=(',', ':'))};"
    path.write_text(template.replace(_PLACEHOLDER, filled), encoding="utf-8")


def load_order(lock: dict[str, Any], root: str) -> list[str]:
    """``root`` and what it depends on in ``lock``, dependencies first (a fixed, reproducible order)."""
    order: list[str] = []

    def visit(name: str, seen: Iterable[str] = ()) -> None:
        if name in order:
            return
        if name in seen:
            raise SnapshotError(f"dependency cycle through {name} in pyodide-lock.json")
        for dependency in sorted(lock["packages"][name]["depends"]):
            visit(dependency, (*seen, name))
        order.append(name)

    visit(root)
    return order
