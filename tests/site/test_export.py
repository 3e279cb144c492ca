"""serve.py export: a static site with the server's headers written down, and sane file modes."""

from __future__ import annotations

import os
import stat

from sitekit.export import export


def make_source(root):
    (root / "runtime" / "pyodide-0.29.0").mkdir(parents=True)
    (root / "runtime" / "pyscript.json").write_text("{}")
    (root / "runtime" / "pyodide-0.29.0" / "pyodide.asm.wasm").write_bytes(b"\0asm")
    (root / "runtime" / "pyodide-0.29.0" / "pyodide.asm.wasm.br").write_bytes(b"br")
    (root / "runtime" / ".build-state.json").write_text("{}")
    (root / "index.html").write_text("<!doctype html>")
    (root / "kakao-share-widget.js").write_text("export {}")
    (root / "assets").mkdir()
    (root / "assets" / "boot.js").write_text("export {}")
    (root / "assets" / "page.js").write_text("export {}")
    (root / "widget" / "kakao_share_widget").mkdir(parents=True)
    (root / "widget" / "kakao_share_widget" / "__init__.py").write_text("")
    for path in root.rglob("*"):
        path.chmod(0o777 if path.is_dir() else 0o666)  # what a permissive build leaves behind


def test_export_writes_no_file_others_can_change(tmp_path):
    source, dest = tmp_path / "web", tmp_path / "site"
    source.mkdir()
    make_source(source)
    export(dest, source=source, log=lambda _: None)
    for path in [dest, *dest.rglob("*")]:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o755 if path.is_dir() else 0o644), (path, oct(mode))
    assert not (dest / "runtime" / ".build-state.json").exists()


def test_export_headers_carry_cache_policy_and_cross_origin_rules(tmp_path):
    source, dest = tmp_path / "web", tmp_path / "site"
    source.mkdir()
    make_source(source)
    export(dest, source=source, log=lambda _: None)
    rules = {}
    for block in (dest / "_headers").read_text().strip().split("\n/"):
        path, *lines = block.strip().split("\n")
        rules["/" + path.lstrip("/")] = dict(line.strip().split(": ", 1) for line in lines)
    assert rules["/runtime/pyodide-0.29.0/pyodide.asm.wasm"] == {"Cache-Control": "public, max-age=31536000, immutable"}
    cross = {
        "Access-Control-Allow-Origin": "*",
        "Cross-Origin-Resource-Policy": "cross-origin",
        "Timing-Allow-Origin": "*",
    }
    assert rules["/runtime/*"] == cross
    assert rules["/kakao-share-widget.js"] == {**cross, "Cache-Control": "public, max-age=600"}
    assert rules["/assets/boot.js"] == cross  # the widget imports the boot entry
    assert rules["/widget/*"] == cross  # and its modules and worker
    assert "/index.html" not in rules
    assert "/assets/page.js" not in rules
    assert os.access(dest / "_headers", os.R_OK)
