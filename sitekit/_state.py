"""One run of the build: where it writes, what earlier runs made, what this one reports; every step shares it."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import _paths

__all__ = ["BuildReport", "BuildRun", "Layout", "Log", "StepRecord", "digest"]

Log = Callable[[str], None]


@dataclass
class BuildReport:
    """What a build did, for the command line and for tests."""

    rebuilt: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)


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


class StepRecord:
    """Remembers the inputs each output was built from (keyed by output name), in ``.build-state.json``."""

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


class BuildRun:
    """The manifest, the bookkeeping and the report of one build, shared by the steps."""

    def __init__(self, manifest: dict[str, Any], *, update_manifest: bool, log: Log) -> None:
        self.manifest = manifest
        self.pyodide: dict[str, Any] = manifest["pyodide"]
        self.update_manifest = update_manifest
        self.log = log
        self.report = BuildReport()
        self.layout = Layout.for_manifest(manifest, _paths.RUNTIME)
        self.layout.runtime.mkdir(parents=True, exist_ok=True)
        self.state = StepRecord(_paths.BUILD_STATE)
        #: Every file this build wrote or kept; anything else under ``web/runtime/`` is pruned.
        self.produced: set[Path] = set()


def digest(inputs: Any) -> str:
    """One hash over a JSON-able description of a step's inputs."""
    return hashlib.sha256(json.dumps(inputs).encode()).hexdigest()
