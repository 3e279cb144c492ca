"""The wheels a page loads (pinned, built pure, the project's browser wheel) and the lock naming exactly them."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from . import _paths
from ._exceptions import BuildError
from ._files import sha256_file, write_if_changed
from ._pins import check_pin, download_sdist, download_wheel, pip
from ._state import BuildRun, digest

__all__ = [
    "SERVER_ONLY",
    "PythonArchive",
    "browser_wheel",
    "build_app_wheel",
    "build_pure_wheels",
    "fetch_wheels",
    "publish_wheels",
    "tree_hash",
    "write_lock",
]


@dataclass(frozen=True)
class PythonArchive:
    """A zip of Python code the page loads (the stdlib or a wheel), as built and as served."""

    source: Path  #: the pinned download, or the wheel built here
    served: Path  #: where the byte-compiled copy goes under ``web/runtime/``
    pin: str  #: what the source is pinned to (sha256), so a change redoes what depends on it


#: Parts of the ``kakao_share`` distribution that only make sense on a server: the share-webhook
#: receiver, the page inspector and the command line. They stay out of the browser's wheel (and so out
#: of byte-compilation and the memory snapshot), and changing them does not rebuild the browser runtime.
SERVER_ONLY = ("kakao_share/webhook/", "kakao_share/inspect/")


def _server_only(relative: str) -> bool:
    return relative.startswith(SERVER_ONLY)


def tree_hash(paths: Iterable[Path]) -> str:
    """One hash over the files (and the files under the folders) ``paths`` name, with their paths; caches,
    install metadata and :data:`SERVER_ONLY` sources are not inputs of anything the browser loads."""
    hashed = hashlib.sha256()
    for base in paths:
        files = [base] if base.is_file() else sorted(p for p in base.rglob("*") if p.is_file())
        for path in files:
            if (
                "__pycache__" in path.parts
                or path.suffix == ".pyc"
                or any(part.endswith(".egg-info") for part in path.parts)
            ):
                continue  # caches and install metadata are not inputs
            if path.is_relative_to(_paths.PYSRC) and _server_only(path.relative_to(_paths.PYSRC).as_posix()):
                continue
            hashed.update(str(path.relative_to(_paths.ROOT)).encode())
            hashed.update(path.read_bytes())
    return hashed.hexdigest()


def fetch_wheels(run: BuildRun) -> list[PythonArchive]:
    """The pinned third-party wheels from PyPI (a download cache keeps them across builds)."""
    archives = []
    for entry in run.manifest["wheels"]:
        downloaded = download_wheel(entry, run.pyodide["wheel_platform"], run.pyodide["python"])
        check_pin(run, entry, downloaded, f"wheel {entry['file']}")
        archives.append(PythonArchive(downloaded, run.layout.pyodide / entry["file"], entry["sha256"]))
    return archives


def build_pure_wheels(run: BuildRun) -> list[PythonArchive]:
    """Pure-Python wheels from the pinned sdists whose C speed-ups are optional (markupsafe)."""
    archives = []
    for entry in run.manifest["sdists"]:
        sdist = download_sdist(entry)
        check_pin(run, entry, sdist, f"sdist {entry['file']}")
        built = _paths.DOWNLOADS / "built" / entry["sha256"][:16] / entry["wheel"]
        if not built.exists():
            run.log(f"pure wheel from {entry['file']}")
            made = _build_pure_wheel(sdist, built.parent)
            if made.name != entry["wheel"]:
                raise BuildError(f"{entry['file']} built {made.name}, the manifest expects {entry['wheel']}")
        archives.append(PythonArchive(built, run.layout.pyodide / entry["wheel"], entry["sha256"]))
    return archives


def _build_pure_wheel(sdist: Path, out_dir: Path) -> Path:
    """Build a pure-Python wheel from an sdist whose C speed-ups are optional (markupsafe)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, CC="false")  # the C extension's build fails, setup falls back to pure Python
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", tmp, str(sdist)]
        result = subprocess.run(cmd, capture_output=True, text=True, env=env)
        wheels = list(Path(tmp).glob("*-py3-none-any.whl"))
        if result.returncode != 0 or not wheels:
            raise BuildError(f"building a pure wheel from {sdist.name} failed:\n{result.stderr[-3000:]}")
        dest = out_dir / wheels[0].name
        shutil.move(str(wheels[0]), dest)
        return dest


def build_app_wheel(run: BuildRun) -> PythonArchive:
    """The project's wheel from ``pysrc/``, rebuilt whenever its sources change.

    It is served from a content-addressed folder, so its URL changes with its content and can be
    cached forever.
    """
    inputs = digest([tree_hash([_paths.PYSRC, _paths.ROOT / "pyproject.toml"]), SERVER_ONLY])
    built_dir = _paths.DOWNLOADS / "app" / inputs[:12]
    existing = list(built_dir.glob("kakao_share-*.whl"))
    if not existing:
        run.log("kakao_share wheel from pysrc/")
        existing = [_build_browser_wheel(built_dir)]
    served = run.layout.pyodide / f"app-{inputs[:12]}" / existing[0].name
    return PythonArchive(existing[0], served, inputs)


def _build_browser_wheel(out_dir: Path) -> Path:
    """The project's wheel for the browser: built by pip from ``pysrc/``, minus :data:`SERVER_ONLY`."""
    with tempfile.TemporaryDirectory() as tmp:
        pip("wheel", "--no-deps", "--no-build-isolation", "-w", tmp, str(_paths.ROOT))
        wheels = list(Path(tmp).glob("kakao_share-*.whl"))
        if not wheels:
            raise BuildError("building the kakao_share wheel produced no wheel")
        out_dir.mkdir(parents=True, exist_ok=True)
        dest = out_dir / wheels[0].name
        browser_wheel(wheels[0], dest)
        return dest


def browser_wheel(src: Path, dest: Path) -> None:
    """Copy the wheel ``src`` to ``dest`` without its server-only files (and the console script that
    would start them), keeping its RECORD true to what is left."""
    with zipfile.ZipFile(src) as zin:
        kept = [
            info
            for info in zin.infolist()
            if not _server_only(info.filename) and not info.filename.endswith(".dist-info/entry_points.txt")
        ]
        names = {info.filename for info in kept}
        with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
            for info in kept:
                data = zin.read(info)
                if info.filename.endswith(".dist-info/RECORD"):
                    data = _record_of(data, names)
                zout.writestr(info, data)


def _record_of(record: bytes, names: set[str]) -> bytes:
    """A wheel's RECORD (CSV: path, hash, size) with only the rows of ``names``."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for row in csv.reader(io.StringIO(record.decode("utf-8"))):
        if row and row[0] in names:
            writer.writerow(row)
    return out.getvalue().encode("utf-8")


def write_lock(run: BuildRun, pyodide_src: Path, wheels: list[PythonArchive]) -> None:
    """Write the ``pyodide-lock.json`` listing exactly ``wheels``.

    Metadata (imports, dependencies) is read from the source wheels; file names and sha256 describe the
    served, byte-compiled ones (sourceless wheels hide their top-level names from pyodide-lock).
    """
    from pyodide_lock import PyodideLockSpec
    from pyodide_lock.utils import add_wheels_to_spec, update_package_sha256

    pyodide_dir = run.layout.pyodide
    upstream = json.loads((pyodide_src / "pyodide-lock.json").read_text(encoding="utf-8"))
    # Same platform/ABI info as Pyodide's own lock, but only our wheels: a 3 KB lock instead of 120 KB.
    info = {"version": run.pyodide["version"], **upstream["info"]}
    # pyodide-lock 0.1.2 predates PEP 783 wheel tags (pyemscripten_<abi>_wasm32) and compares wheels
    # with the emscripten platform name; let it check against the PEP 783 name, then write Pyodide's.
    pep783 = {**info, "platform": f"pyemscripten_{info['abi_version']}"}
    spec = add_wheels_to_spec(
        PyodideLockSpec(info=pep783, packages={}), [w.source for w in wheels], base_path=Path("/")
    )
    served = {w.source.resolve(): w.served for w in wheels}
    for package in spec.packages.values():
        dest = served[(Path("/") / package.file_name).resolve()]
        package.file_name = str(dest.relative_to(pyodide_dir))
        update_package_sha256(package, dest)
    spec = PyodideLockSpec(info=info, packages=spec.packages)
    lock = pyodide_dir / "pyodide-lock.json"
    write_if_changed(lock, json.dumps(spec.model_dump(), indent=1, sort_keys=True))
    run.produced.add(lock)


def publish_wheels(run: BuildRun, wheels: list[PythonArchive]) -> None:
    """The wheels as published (not byte-compiled) under ``runtime/wheels/``: stable URLs other
    PyScript apps list in their own ``packages`` (see the README)."""
    folder = run.layout.runtime / "wheels"
    folder.mkdir(exist_ok=True)
    for wheel in wheels:
        dest = folder / wheel.source.name
        run.produced.add(dest)
        if not dest.exists() or sha256_file(dest) != sha256_file(wheel.source):
            shutil.copyfile(wheel.source, dest)
            run.report.rebuilt.append(f"wheels/{dest.name}")
