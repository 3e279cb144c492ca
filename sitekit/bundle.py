"""Assemble the offline browser runtime under ``web/runtime/``.

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
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import _paths

Log = Callable[[str], None]

#: Files served with a precompressed sibling (``.br`` and ``.gz``).
COMPRESSIBLE = {".wasm", ".mjs", ".js", ".css", ".json", ".zip", ".whl", ".html", ".py", ".map"}
#: Smaller files are not worth a compressed sibling.
MIN_COMPRESS_SIZE = 1024
#: The wheel's import name PyScript is asked to load; the lock brings its dependencies.
APP_PACKAGE = "kakao-share"


class BuildError(Exception):
    """The bundle cannot be built; the message says what to do about it."""


@dataclass
class BuildReport:
    """What a build did, for the command line and for tests."""

    rebuilt: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def load_manifest(path: Path = _paths.MANIFEST) -> dict[str, Any]:
    try:
        manifest: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        return manifest
    except FileNotFoundError:
        raise BuildError(f"{path.name} is missing: it pins every runtime artefact and must be committed") from None


class _State:
    """Remembers the inputs each output was built from (keyed by output name)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.data: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))
        except (FileNotFoundError, json.JSONDecodeError):
            self.data = {}

    def fresh(self, key: str, inputs: str, *outputs: Path) -> bool:
        return self.data.get(key) == inputs and all(p.exists() for p in outputs)

    def record(self, key: str, inputs: str) -> None:
        self.data[key] = inputs
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(json.dumps(self.data, indent=1, sort_keys=True), encoding="utf-8")


def _verify(path: Path, expected: str, what: str) -> None:
    actual = sha256_file(path)
    if actual != expected:
        raise BuildError(
            f"sha256 mismatch for {what} ({path}):\n  manifest: {expected}\n  found:    {actual}\n"
            "Refusing to build with an artefact that is not the pinned one. If you upgraded it on "
            "purpose, run `python serve.py build --update-manifest` and commit runtime-manifest.json."
        )


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


def _copy_verified(
    files: dict[str, str], src_dir: Path, dest_dir: Path, what: str, update: bool, state: _State, report: BuildReport
) -> dict[str, str]:
    """Copy pinned files, checking each against its manifest sha256 (or recording it with ``update``)."""
    recorded = {}
    for name, expected in files.items():
        src = src_dir / name
        if not src.exists():
            raise BuildError(f"{what} has no file {name}: is node_modules from `npm ci`?")
        if update:
            expected = sha256_file(src)
        else:
            _verify(src, expected, f"{what} {name}")
        recorded[name] = expected
        dest = dest_dir / name
        if name.endswith(".zip"):
            continue  # written by the bytecode step
        if state.fresh("copy:" + str(dest.relative_to(_paths.RUNTIME)), expected, dest):
            report.kept.append(name)
            continue
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, dest)
        state.record("copy:" + str(dest.relative_to(_paths.RUNTIME)), expected)
        report.rebuilt.append(name)
    return recorded


def _pip(*args: str) -> None:
    cmd = [sys.executable, "-m", "pip", *args]
    result = subprocess.run(cmd, capture_output=True, text=True)
    if result.returncode != 0:
        raise BuildError(f"`{' '.join(cmd)}` failed:\n{result.stdout[-2000:]}{result.stderr[-3000:]}")


def _download_wheel(entry: dict[str, Any], platform: str, python: str) -> Path:
    target: Path = _paths.DOWNLOADS / entry["file"]
    if not target.exists():
        _paths.DOWNLOADS.mkdir(parents=True, exist_ok=True)
        _pip(
            "download",
            "--no-deps",
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
            "-d",
            str(_paths.DOWNLOADS),
            f"{entry['name']}=={entry['version']}",
        )
        if not target.exists():
            raise BuildError(f"pip did not produce {entry['file']}: is the manifest's file name right?")
    return target


def _download_sdist(entry: dict[str, Any]) -> Path:
    target: Path = _paths.DOWNLOADS / entry["file"]
    if not target.exists():
        _paths.DOWNLOADS.mkdir(parents=True, exist_ok=True)
        _pip(
            "download",
            "--no-deps",
            "--no-binary=:all:",
            "-d",
            str(_paths.DOWNLOADS),
            f"{entry['name']}=={entry['version']}",
        )
        if not target.exists():
            raise BuildError(f"pip did not produce {entry['file']}: is the manifest's file name right?")
    return target


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


def _tree_hash(paths: Iterable[Path]) -> str:
    digest = hashlib.sha256()
    for base in paths:
        files = [base] if base.is_file() else sorted(p for p in base.rglob("*") if p.is_file())
        for path in files:
            if (
                "__pycache__" in path.parts
                or path.suffix == ".pyc"
                or any(part.endswith(".egg-info") for part in path.parts)
            ):
                continue  # caches and install metadata are not inputs
            digest.update(str(path.relative_to(_paths.ROOT)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _build_app_wheel(out_dir: Path) -> Path:
    with tempfile.TemporaryDirectory() as tmp:
        _pip("wheel", "--no-deps", "--no-build-isolation", "-w", tmp, str(_paths.ROOT))
        wheels = list(Path(tmp).glob("kakao_share-*.whl"))
        if not wheels:
            raise BuildError("building the kakao_share wheel produced no wheel")
        out_dir.mkdir(parents=True, exist_ok=True)
        dest = out_dir / wheels[0].name
        shutil.move(str(wheels[0]), dest)
        return dest


def _write_lock(pyodide_dir: Path, npm_lock: Path, version: str, wheels: list[tuple[Path, Path]]) -> Path:
    """Write the ``pyodide-lock.json`` listing exactly our wheels, given (source wheel, served wheel) pairs.

    Metadata (imports, dependencies) is read from the source wheels; file names and sha256 describe the
    served, byte-compiled ones (sourceless wheels hide their top-level names from pyodide-lock).
    """
    from pyodide_lock import PyodideLockSpec
    from pyodide_lock.utils import add_wheels_to_spec, update_package_sha256

    upstream = json.loads(npm_lock.read_text(encoding="utf-8"))
    # Same platform/ABI info as Pyodide's own lock, but only our wheels: a 3 KB lock instead of 120 KB.
    info = {"version": version, **upstream["info"]}
    # pyodide-lock 0.1.2 predates PEP 783 wheel tags (pyemscripten_<abi>_wasm32) and compares wheels
    # with the emscripten platform name; let it check against the PEP 783 name, then write Pyodide's.
    pep783 = {**info, "platform": f"pyemscripten_{info['abi_version']}"}
    spec = add_wheels_to_spec(
        PyodideLockSpec(info=pep783, packages={}), [src for src, _ in wheels], base_path=Path("/")
    )
    served = {src.resolve(): dest for src, dest in wheels}
    for package in spec.packages.values():
        dest = served[(Path("/") / package.file_name).resolve()]
        package.file_name = str(dest.relative_to(pyodide_dir))
        update_package_sha256(package, dest)
    spec = PyodideLockSpec(info=info, packages=spec.packages)
    lock = pyodide_dir / "pyodide-lock.json"
    text = json.dumps(spec.model_dump(), indent=1, sort_keys=True)
    if not lock.exists() or lock.read_text(encoding="utf-8") != text:
        lock.write_text(text, encoding="utf-8")
    return lock


def _compress(path: Path, state: _State, report: BuildReport) -> None:
    import brotli  # type: ignore[import-untyped]  # no type information published

    digest = sha256_file(path)
    br, gz = path.with_name(path.name + ".br"), path.with_name(path.name + ".gz")
    key = "compress:" + str(path.relative_to(_paths.RUNTIME))
    if state.fresh(key, digest, br, gz):
        return
    data = path.read_bytes()
    br.write_bytes(brotli.compress(data, quality=11 if len(data) < 4_000_000 else 10))
    gz.write_bytes(gzip.compress(data, 9, mtime=0))
    state.record(key, digest)
    report.rebuilt.append(br.name)


def _prune(root: Path, keep: set[Path]) -> None:
    """Delete outputs of earlier builds that this build did not produce (old versions, old app wheels)."""
    for path in sorted(root.rglob("*"), reverse=True):
        if path.is_file() and path not in keep and path != _paths.BUILD_STATE:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()


#: What a page imports at boot, beyond what Pyodide and PyScript import themselves: the modules the
#: bytecode probe imports to decide what to compile. PyScript's own Python package is written into the
#: page at run time, so the stdlib modules it imports are named here.
BOOT_IMPORTS = [
    "kakao_share",
    "kakao_share.browser",
    "jinja2",
    "jinja2.sandbox",  # pages render previews with jinja2
    # PyScript's `pyscript` package and its start-up code:
    "asyncio",
    "base64",
    "html",
    "inspect",
    "json",
    "pathlib",
    "ast",
    "textwrap",
    "traceback",
    # Pyodide unpacks wheels with it:
    "tarfile",
]


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
            [node, str(Path(__file__).parent / "pycompile" / "run.mjs"), str(pyodide_src), fh.name],
            capture_output=True,
            text=True,
        )
    finally:
        os.unlink(fh.name)
    if result.returncode != 0:
        raise BuildError(f"byte-compiling the runtime failed:\n{result.stdout[-2000:]}{result.stderr[-4000:]}")


def build(*, update_manifest: bool = False, log: Log = print) -> BuildReport:
    """Build (or bring up to date) ``web/runtime/``; returns what was rebuilt and what was kept."""
    manifest = load_manifest()
    report = BuildReport()
    runtime = _paths.RUNTIME
    runtime.mkdir(parents=True, exist_ok=True)
    state = _State(_paths.BUILD_STATE)
    pyo, psc = manifest["pyodide"], manifest["pyscript"]
    # Pyodide's folder is versioned so its files can be cached forever; PyScript's entry (core.js) keeps
    # one URL for the pages and its chunks carry content hashes.
    pyodide_dir = runtime / f"pyodide-{pyo['version']}"
    pyscript_dir = runtime / "pyscript"

    log(f"pyodide {pyo['version']}: checking core files")
    pyodide_src = _npm_package_dir("pyodide", pyo["version"])
    pyo["files"] = _copy_verified(pyo["files"], pyodide_src, pyodide_dir, "npm pyodide", update_manifest, state, report)

    log(f"@pyscript/core {psc['version']}: checking dist")
    src = _npm_package_dir("@pyscript/core", psc["version"]) / "dist"
    if update_manifest:
        psc["files"] = {p.name: "" for p in sorted(src.iterdir()) if p.is_file() and p.suffix != ".map"}
    psc["files"] = _copy_verified(psc["files"], src, pyscript_dir, "npm @pyscript/core", update_manifest, state, report)

    # Python zips: (source on disk, destination in the runtime, what it is pinned to).
    zips: list[tuple[Path, Path, str]] = []
    platform, python = pyo["wheel_platform"], pyo["python"]
    for entry in manifest["wheels"]:
        downloaded = _download_wheel(entry, platform, python)
        if update_manifest:
            entry["sha256"] = sha256_file(downloaded)
        _verify(downloaded, entry["sha256"], f"wheel {entry['file']}")
        zips.append((downloaded, pyodide_dir / entry["file"], entry["sha256"]))
    for entry in manifest["sdists"]:
        sdist = _download_sdist(entry)
        if update_manifest:
            entry["sha256"] = sha256_file(sdist)
        _verify(sdist, entry["sha256"], f"sdist {entry['file']}")
        built = _paths.DOWNLOADS / "built" / entry["sha256"][:16] / entry["wheel"]
        if not built.exists():
            log(f"pure wheel from {entry['file']}")
            made = _build_pure_wheel(sdist, built.parent)
            if made.name != entry["wheel"]:
                raise BuildError(f"{entry['file']} built {made.name}, the manifest expects {entry['wheel']}")
        zips.append((built, pyodide_dir / entry["wheel"], entry["sha256"]))

    app_inputs = _tree_hash([_paths.PYSRC, _paths.ROOT / "pyproject.toml"])
    app_built = _paths.DOWNLOADS / "app" / app_inputs[:12]
    existing = list(app_built.glob("kakao_share-*.whl"))
    if not existing:
        log("kakao_share wheel from pysrc/")
        existing = [_build_app_wheel(app_built)]
    # A content-addressed folder makes the app wheel's URL change with its content (cacheable forever).
    app_wheel = pyodide_dir / f"app-{app_inputs[:12]}" / existing[0].name
    stdlib = pyodide_dir / "python_stdlib.zip"

    compile_inputs = hashlib.sha256(
        json.dumps(
            [
                pyo["files"]["python_stdlib.zip"],
                [z[2] for z in zips],
                app_inputs,
                BOOT_IMPORTS,
                sha256_file(Path(__file__).parent / "pycompile" / "compile_zip.py"),
            ]
        ).encode()
    ).hexdigest()
    outputs = [stdlib, app_wheel, *(dest for _, dest, _ in zips)]
    if state.fresh("bytecode", compile_inputs, *outputs):
        report.kept.append("bytecode")
    else:
        log("byte-compiling what a boot imports (Pyodide on Node)")
        app_wheel.parent.mkdir(parents=True, exist_ok=True)
        jobs = [
            {
                "src": str(pyodide_src / "python_stdlib.zip"),
                "dst": str(stdlib),
                "prefix": "/lib/python314.zip/",
                "keep_source": False,
                "key": "stdlib",
            }
        ]
        jobs += [
            {
                "src": str(src_),
                "dst": str(dest),
                "prefix": "/lib/python3.14/site-packages/",
                "keep_source": False,
                "key": str(src_),
            }
            for src_, dest, _ in zips
        ]
        jobs.append(
            {
                "src": str(existing[0]),
                "dst": str(app_wheel),
                "prefix": "/lib/python3.14/site-packages/",
                "keep_source": True,
                "key": "all",
            }
        )
        _compile_bytecode(pyodide_src, jobs, [z[0] for z in zips] + [existing[0]])
        state.record("bytecode", compile_inputs)
        report.rebuilt.append("bytecode")

    wheels = [(src_, dest) for src_, dest, _ in zips] + [(existing[0], app_wheel)]
    lock = _write_lock(pyodide_dir, pyodide_src / "pyodide-lock.json", pyo["version"], wheels)
    config = {
        # Relative to this file: assets/boot.js resolves it, wherever the page and the bundle are.
        "interpreter": f"./{pyodide_dir.name}/pyodide.mjs",
        "packages": [APP_PACKAGE],
        # Hand the package list straight to loadPyodide (resolved by our lock): no micropip pass.
        "packages_cache": "passthrough",
    }
    text = json.dumps(config, indent=1)
    if not _paths.PYSCRIPT_CONFIG.exists() or _paths.PYSCRIPT_CONFIG.read_text(encoding="utf-8") != text:
        _paths.PYSCRIPT_CONFIG.write_text(text, encoding="utf-8")

    produced = {pyodide_dir / n for n in pyo["files"]} | {pyscript_dir / n for n in psc["files"]}
    produced |= set(outputs) | {lock, _paths.PYSCRIPT_CONFIG}
    log("compressing")
    for path in sorted(produced):
        if path.suffix in COMPRESSIBLE and path.stat().st_size >= MIN_COMPRESS_SIZE:
            _compress(path, state, report)
            produced |= {path.with_name(path.name + ".br"), path.with_name(path.name + ".gz")}
    _prune(runtime, produced)

    if update_manifest:
        _paths.MANIFEST.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        log(f"updated {_paths.MANIFEST.name}")
    return report
