"""The runtime build: pinned artefacts, a lock that lists exactly our wheels, idempotent rebuilds."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from sitekit import bundle
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
        assert bundle.sha256_file(served) == package["sha256"], name
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
        bundle._verify(fake, MANIFEST["wheels"][0]["sha256"], "wheel pydantic")


def test_missing_node_modules_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setattr(bundle._paths, "NODE_MODULES", tmp_path)
    with pytest.raises(BuildError, match="npm ci"):
        bundle.build(log=lambda _: None)
