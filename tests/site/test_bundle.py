"""The runtime build: pinned artefacts, a lock that lists exactly our wheels, idempotent rebuilds."""

from __future__ import annotations

import json
import os
import re
import zipfile
from pathlib import Path

import kakao_share
import pytest

from sitekit import _paths, bundle, snapshot
from sitekit._files import sha256_file
from sitekit._pins import verify
from sitekit.bundle import BuildError

ROOT = Path(__file__).resolve().parents[2]
MANIFEST = json.loads((ROOT / "runtime-manifest.json").read_text())
PYODIDE_DIR = ROOT / "web" / "runtime" / f"pyodide-{MANIFEST['pyodide']['version']}"


def test_a_second_build_rebuilds_nothing():
    bundle.build(log=lambda _: None)  # bring it up to date (a no-op right after `make test`'s build)
    report = bundle.build(log=lambda _: None)
    assert report.rebuilt == []
    assert "bytecode" in report.kept


def test_the_lock_lists_exactly_the_pinned_wheels_and_the_app():
    lock = json.loads((PYODIDE_DIR / "pyodide-lock.json").read_text())
    pinned = {w["name"] for w in MANIFEST["wheels"]} | {s["name"] for s in MANIFEST["sdists"]}
    assert set(lock["packages"]) == pinned | {"kakao-share"}
    for name, package in lock["packages"].items():
        served = PYODIDE_DIR / package["file_name"]
        assert served.exists(), name
        assert sha256_file(served) == package["sha256"], name
    assert set(lock["packages"]["kakao-share"]["depends"]) >= {"pydantic", "jinja2"}


def test_boot_modules_are_bytecode_and_the_app_keeps_its_source():
    with zipfile.ZipFile(PYODIDE_DIR / "python_stdlib.zip") as zf:
        names = set(zf.namelist())
    assert "json/__init__.pyc" in names and "json/__init__.py" not in names
    app = next(PYODIDE_DIR.glob("app-*/kakao_share-*.whl"))
    with zipfile.ZipFile(app) as zf:
        names = set(zf.namelist())
    assert "kakao_share/__init__.py" in names
    assert any(n.startswith("kakao_share/__pycache__/__init__.cpython-3") for n in names)


def test_a_tampered_download_is_refused(tmp_path):
    fake = tmp_path / "pydantic-2.14.3-py3-none-any.whl"
    fake.write_bytes(b"not the pinned wheel")
    with pytest.raises(BuildError, match=r"(?s)sha256 mismatch .*--update-manifest"):
        verify(fake, MANIFEST["wheels"][0]["sha256"], "wheel pydantic")


def test_missing_node_modules_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setattr(_paths, "NODE_MODULES", tmp_path)
    with pytest.raises(BuildError, match="npm ci"):
        bundle.build(log=lambda _: None)


def test_the_browser_wheel_leaves_out_server_only_code(tmp_path):
    source = tmp_path / "kakao_share-0.1.0-py3-none-any.whl"
    files = {
        "kakao_share/__init__.py": b"",
        "kakao_share/_templates.py": b"",
        "kakao_share/webhook/_cli.py": b"",
        "kakao_share/webhook/__init__.py": b"",
        "kakao_share/webhook/_app.py": b"",
        "kakao_share/inspect/__init__.py": b"",
        "kakao_share/inspect/report.html.j2": b"",
        "kakao_share-0.1.0.dist-info/METADATA": b"Name: kakao-share\n",
        "kakao_share-0.1.0.dist-info/entry_points.txt": (
            b"[console_scripts]\nkakao-share = kakao_share.webhook._cli:main\n"
        ),
    }
    record = "".join(f"{name},sha256=x,{len(data)}\n" for name, data in files.items())
    record += "kakao_share-0.1.0.dist-info/RECORD,,\n"
    with zipfile.ZipFile(source, "w") as zf:
        for name, data in files.items():
            zf.writestr(name, data)
        zf.writestr("kakao_share-0.1.0.dist-info/RECORD", record)
    browser = tmp_path / "browser" / source.name
    browser.parent.mkdir()
    bundle.browser_wheel(source, browser)
    with zipfile.ZipFile(browser) as zf:
        names = set(zf.namelist())
        rows = {line.split(",")[0] for line in zf.read("kakao_share-0.1.0.dist-info/RECORD").decode().splitlines()}
    assert names == {
        "kakao_share/__init__.py",
        "kakao_share/_templates.py",
        "kakao_share-0.1.0.dist-info/METADATA",
        "kakao_share-0.1.0.dist-info/RECORD",
    }
    assert rows == names


def test_the_served_app_wheel_holds_no_server_only_code():
    app = next(PYODIDE_DIR.glob("app-*/kakao_share-*.whl"))
    with zipfile.ZipFile(app) as zf:
        names = zf.namelist()
    assert not [n for n in names if n.startswith(bundle.SERVER_ONLY)]
    assert "kakao_share/__init__.py" in names


def test_build_outputs_are_not_writable_by_others_whatever_the_umask():
    runtime = ROOT / "web" / "runtime"
    loose_file = PYODIDE_DIR / "pyodide.mjs"
    loose_file.chmod(0o666)
    PYODIDE_DIR.chmod(0o777)
    old = os.umask(0)
    try:
        bundle.build(log=lambda _: None)
    finally:
        os.umask(old)
    modes = {p: p.stat().st_mode & 0o7777 for p in [runtime, *runtime.rglob("*")]}
    assert {oct(m) for p, m in modes.items() if p.is_dir()} == {"0o755"}
    assert {oct(m) for p, m in modes.items() if p.is_file()} == {"0o644"}


WHEELS = ROOT / "web" / "runtime" / "wheels"


def published_wheels() -> set[str]:
    return {p.name for p in WHEELS.glob("*.whl")}


def test_the_project_and_every_pinned_dependency_are_published():
    pinned = {w["file"] for w in MANIFEST["wheels"]} | {s["wheel"] for s in MANIFEST["sdists"]}
    assert published_wheels() == pinned | {f"kakao_share-{kakao_share.__version__}-py3-none-any.whl"}


def test_served_wheels_leave_out_what_pages_never_read_and_published_wheels_keep_it():
    name = next(w["file"] for w in MANIFEST["wheels"] if w["name"] == "pydantic")
    with zipfile.ZipFile(PYODIDE_DIR / name) as served, zipfile.ZipFile(WHEELS / name) as published:
        served_names, published_names = set(served.namelist()), set(published.namelist())
        metadata = next(n for n in served_names if n.endswith(".dist-info/METADATA"))
        served_metadata, published_metadata = served.read(metadata).decode(), published.read(metadata).decode()
    assert any(n.startswith("pydantic/v1/") for n in published_names)
    assert not [n for n in served_names if n.startswith(("pydantic/v1/", "pydantic/mypy.py")) or n.endswith(".pyi")]
    assert "pydantic/main.pyc" in served_names
    # the header importlib.metadata reads stays; the README after it goes
    assert "\nName: pydantic\nVersion: 2.14.3\n" in served_metadata
    assert "Requires-Dist: pydantic-core" in served_metadata and "\n\n" not in served_metadata
    assert len(published_metadata) > 10 * len(served_metadata)


def test_the_readme_lists_the_published_wheels():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"runtime/wheels/([\w.+-]+\.whl)", readme))
    assert listed == published_wheels()


def test_the_snapshot_is_named_by_its_inputs_and_made_again_byte_for_byte(tmp_path):
    plan = bundle.snapshot_plan(PYODIDE_DIR)
    config = json.loads((ROOT / "web" / "runtime" / "pyscript.json").read_text())
    built = (ROOT / "web" / "runtime" / config["interpreter"]).parent  # the snapshot pages are served
    assert built.name == f"snapshot-{plan.digest()[:12]}"
    other = snapshot.SnapshotPlan(plan.pyodide_dir, plan.packages, plan.wheels, [*plan.imports, "csv"], plan.warm_up)
    assert other.digest() != plan.digest()
    snapshot.make_snapshot(plan, tmp_path, plan.digest())
    assert (tmp_path / snapshot.HEAP).read_bytes() == (built / snapshot.HEAP).read_bytes()
    assert (tmp_path / snapshot.INTERPRETER).read_text() == (built / snapshot.INTERPRETER).read_text()
