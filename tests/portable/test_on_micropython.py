"""The portable modules' unit tests again, on MicroPython: the runtime the share widget uses on host pages.

Every ``test_portable_*.py`` here is plain functions with asserts (no pytest), so the same file runs under
pytest on CPython and, through ``micropython.mjs`` under Node, on MicroPython 1.27 with the widget's bundle
mounted. A failure shows MicroPython's own traceback.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest
from kakao_share.portable import BUNDLE_FILES
from micropython_runner import PYSRC as ROOT_PYSRC
from micropython_runner import MicroPythonFailed, bundle, run

HERE = Path(__file__).parent
MODULES = sorted(HERE.glob("test_portable_*.py"))

HARNESS = """
import io, json, sys
failed, ran = [], []
for name in MODULES:
    module = __import__(name)
    for attr in sorted(dir(module)):
        if attr.startswith("test_"):
            ran.append(name + "." + attr)
            try:
                getattr(module, attr)()
            except Exception as exc:
                text = io.StringIO()
                sys.print_exception(exc, text)
                failed.append(name + "." + attr + "\\n" + text.getvalue())
print(json.dumps({"ran": ran, "failed": failed}))
"""


def _defined_tests() -> list[str]:
    names = []
    for path in MODULES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names += [f"{path.stem}.{node.name}" for node in tree.body if isinstance(node, ast.FunctionDef)]
    return sorted(name for name in names if name.split(".", 1)[1].startswith("test_"))


def test_portable_unit_tests_pass_on_micropython():
    files = {f"/lib/{path.name}": path.read_text(encoding="utf-8") for path in MODULES}
    files["/lib/portable_helpers.py"] = (HERE / "portable_helpers.py").read_text(encoding="utf-8")
    code = f"MODULES = {json.dumps([path.stem for path in MODULES])}\n" + HARNESS
    report = json.loads(run(code, files).strip().splitlines()[-1])
    assert not report["failed"], "failed on MicroPython:\n" + "\n".join(report["failed"])
    assert sorted(report["ran"]) == _defined_tests()
    assert len(report["ran"]) >= 20


def test_the_bundle_imports_without_pydantic_or_typing_on_micropython():
    out = run(
        "import sys\n"
        "import kakao_share.portable.widget\n"
        "for name in " + json.dumps([name[:-3].replace("/", ".") for name in _bundle_modules()]) + ":\n"
        "    __import__(name)\n"
        "print(sorted(k for k in sys.modules if k.split('.')[0] in ('typing', 'pydantic', 'jinja2', 're', 'json')))\n"
    )
    assert out.strip() == "[]"


def _bundle_modules() -> list[str]:
    return [path[len("/lib/") :] for path in bundle() if path.endswith(".py") and not path.endswith("__init__.py")]


def test_a_python_error_fails_with_micropythons_traceback():
    with pytest.raises(MicroPythonFailed, match=r"(?s)widget\.py.*KeyError"):
        run("import kakao_share.portable.widget\nkakao_share.portable.widget.prepare({}, {})\n")


def test_the_bundle_lists_every_portable_module():
    folder = ROOT_PYSRC / "kakao_share" / "portable"
    listed = {name for name in BUNDLE_FILES if name.startswith("kakao_share/portable/")}
    assert listed == {f"kakao_share/portable/{path.name}" for path in folder.glob("*.py")}
    assert "kakao_share/__init__.py" in BUNDLE_FILES
