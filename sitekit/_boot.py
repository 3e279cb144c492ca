"""A page's Python start-up done ahead at build time: byte-code, the memory snapshot, the config naming it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import _paths, snapshot
from ._exceptions import BuildError
from ._files import sha256_file, write_if_changed
from ._state import BuildRun, digest
from ._wheels import PythonArchive

__all__ = [
    "APP_PACKAGE",
    "BOOT_IMPORTS",
    "PAGE_IMPORTS",
    "PYSCRIPT_IMPORTS",
    "SNAPSHOT_IMPORTS",
    "SNAPSHOT_WARM_UP",
    "Interpreter",
    "byte_compile",
    "make_snapshot",
    "snapshot_plan",
    "write_pyodide_loader",
    "write_pyscript_config",
]

#: The wheel's import name PyScript is asked to load; the lock brings its dependencies.
APP_PACKAGE = "kakao-share"
#: What a page imports at boot, beyond what Pyodide and PyScript import themselves.
PAGE_IMPORTS = [
    "kakao_share",
    "kakao_share.browser",
    "jinja2",
    "jinja2.sandbox",  # pages render previews with jinja2
]
#: What PyScript's start-up imports from the stdlib (its own package is written into the page at run
#: time, so it cannot be imported here).
PYSCRIPT_IMPORTS = ["asyncio", "base64", "html", "inspect", "json", "pathlib", "ast", "textwrap", "traceback"]
#: Imported before the memory snapshot is taken: a return visit finds them imported.
SNAPSHOT_IMPORTS = PAGE_IMPORTS + PYSCRIPT_IMPORTS
#: Run next, before the snapshot is taken: the first preview a page renders compiles Jinja2 templates
#: (tens of ms in the browser) that the library then keeps; the shipped examples render them here.
SNAPSHOT_WARM_UP = """
from kakao_share import EXAMPLES, example_context, load_example, render_preview, render_template
for name in EXAMPLES:
    render_preview(render_template(load_example(name), example_context(name)))
"""
#: Byte-compiled at build time (the bytecode probe imports them to find their modules): a first visit
#: imports them from byte-code; so does Pyodide's wheel unpacking (tarfile), which a restore skips.
BOOT_IMPORTS = [*SNAPSHOT_IMPORTS, "tarfile"]

#: The byte-compiler: ``run.mjs`` starts Pyodide on Node, ``compile_zip.py`` compiles inside it.
PYCOMPILE = Path(__file__).parent / "pycompile"


@dataclass(frozen=True)
class Interpreter:
    """Where Pyodide's CPython looks for Python code inside its in-memory file system.

    Byte-code records the path it was compiled from (tracebacks show it), so compiling at build time
    needs the paths the page will use; they follow from the Python version the manifest pins.
    """

    python: str  #: "3.14"

    @property
    def stdlib_zip(self) -> str:
        """The stdlib archive as a folder on ``sys.path``: ``/lib/python314.zip/``."""
        return f"/lib/python{self.python.replace('.', '')}.zip/"

    @property
    def site_packages(self) -> str:
        return f"/lib/python{self.python}/site-packages/"


def byte_compile(run: BuildRun, pyodide_src: Path, wheels: list[PythonArchive], app: PythonArchive) -> None:
    """Write the served stdlib and wheels, with what a boot imports byte-compiled (Pyodide on Node).

    Third-party code and the stdlib become sourceless for the modules a boot imports; the app
    keeps its source next to its byte-code (see ``pycompile/compile_zip.py``).
    """
    stdlib = PythonArchive(
        pyodide_src / "python_stdlib.zip",
        run.layout.pyodide / "python_stdlib.zip",
        run.pyodide["files"]["python_stdlib.zip"],
    )
    inputs = digest(
        [
            stdlib.pin,
            [w.pin for w in wheels],
            app.pin,
            BOOT_IMPORTS,
            sha256_file(PYCOMPILE / "compile_zip.py"),
        ]
    )
    outputs = [stdlib.served, app.served, *(w.served for w in wheels)]
    run.produced |= set(outputs)
    if run.state.fresh("bytecode", inputs, *outputs):
        run.report.kept.append("bytecode")
        return
    run.log("byte-compiling what a boot imports (Pyodide on Node)")
    app.served.parent.mkdir(parents=True, exist_ok=True)
    interpreter = Interpreter(run.pyodide["python"])
    site = interpreter.site_packages
    jobs = [_job(stdlib, interpreter.stdlib_zip, keep_source=False, key="stdlib")]
    jobs += [_job(w, site, keep_source=False, key=str(w.source)) for w in wheels]
    jobs.append(_job(app, site, keep_source=True, key="all"))
    _compile_bytecode(pyodide_src, jobs, [w.source for w in wheels] + [app.source])
    run.state.record("bytecode", inputs)
    run.report.rebuilt.append("bytecode")


def _job(archive: PythonArchive, prefix: str, *, keep_source: bool, key: str) -> dict[str, Any]:
    """One zip for ``pycompile/run.mjs``; ``key`` says which of the probe's findings apply."""
    return {
        "src": str(archive.source),
        "dst": str(archive.served),
        "prefix": prefix,
        "keep_source": keep_source,
        "key": key,
    }


def _compile_bytecode(pyodide_src: Path, jobs: list[dict[str, Any]], probe_wheels: list[Path]) -> None:
    """Run the bytecode compiler (compile_zip.py) in Pyodide on Node for every zip at once."""
    node = shutil.which("node")
    if not node:
        raise BuildError("Node.js is needed to build the runtime (apt-get install nodejs npm)")
    plan = {"probe": {"wheels": [str(w) for w in probe_wheels], "imports": BOOT_IMPORTS}, "jobs": jobs}
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
        json.dump(plan, fh)
    try:
        result = subprocess.run(
            [node, str(PYCOMPILE / "run.mjs"), str(pyodide_src), fh.name],
            capture_output=True,
            text=True,
        )
    finally:
        os.unlink(fh.name)
    if result.returncode != 0:
        raise BuildError(f"byte-compiling the runtime failed:\n{result.stdout[-2000:]}{result.stderr[-4000:]}")


def snapshot_plan(pyodide_dir: Path) -> snapshot.SnapshotPlan:
    """What the memory snapshot is made from, given the served Pyodide folder and its lock: what a page
    loads (kakao-share and its dependencies, in the lock's order) and imports."""
    lock = json.loads((pyodide_dir / "pyodide-lock.json").read_text(encoding="utf-8"))
    served = {name: pyodide_dir / package["file_name"] for name, package in lock["packages"].items()}
    return snapshot.SnapshotPlan(
        pyodide_dir=pyodide_dir,
        packages=[APP_PACKAGE],
        wheels=[(name, served[name]) for name in snapshot.load_order(lock, APP_PACKAGE)],
        imports=SNAPSHOT_IMPORTS,
        warm_up=SNAPSHOT_WARM_UP,
    )


#: Pyodide's loader without WebAssembly stack switching: how every page starts Pyodide, and what a
#: PyScript app names as its interpreter (a stable name next to Pyodide's own ``pyodide.mjs``).
PYODIDE_LOADER = Path(__file__).resolve().parent / "pyodide-without-jspi.mjs"


def write_pyodide_loader(run: BuildRun) -> Path:
    """Copy :data:`PYODIDE_LOADER` next to Pyodide's files; returns where it is served from."""
    served = run.layout.pyodide / PYODIDE_LOADER.name
    write_if_changed(served, PYODIDE_LOADER.read_text(encoding="utf-8"))
    run.produced.add(served)
    return served


def make_snapshot(run: BuildRun) -> Path:
    """The memory snapshot return visits restore, and the interpreter module that restores it.

    Made from the served files (the snapshot must match them byte for byte), as
    :func:`snapshot_plan` says. Returns the interpreter.
    """
    plan = snapshot_plan(run.layout.pyodide)
    inputs = plan.digest()
    folder = run.layout.pyodide / f"snapshot-{inputs[:12]}"
    outputs = snapshot.outputs(folder)
    run.produced |= set(outputs)
    if run.state.fresh("snapshot", inputs, *outputs):
        run.report.kept.append("snapshot")
    else:
        run.log("making the Python memory snapshot (Pyodide on Node)")
        try:
            snapshot.make_snapshot(plan, folder, inputs)
        except snapshot.SnapshotError as exc:
            raise BuildError(str(exc)) from None
        run.state.record("snapshot", inputs)
        run.report.rebuilt.append("snapshot")
    return folder / snapshot.INTERPRETER


def write_pyscript_config(run: BuildRun, interpreter: Path) -> None:
    """``pyscript.json``: the interpreter and packages every page boots with."""
    config = {
        # Relative to this file: assets/boot.js resolves it, wherever the page and the bundle are.
        "interpreter": f"./{interpreter.relative_to(run.layout.runtime).as_posix()}",
        "packages": [APP_PACKAGE],
        # Hand the package list straight to loadPyodide (resolved by our lock): no micropip pass.
        "packages_cache": "passthrough",
    }
    write_if_changed(_paths.PYSCRIPT_CONFIG, json.dumps(config, indent=1))
    run.produced.add(_paths.PYSCRIPT_CONFIG)
