"""File helpers the build's steps and the export share."""

from __future__ import annotations

import hashlib
from pathlib import Path

__all__ = ["DIR_MODE", "FILE_MODE", "sha256_file", "write_if_changed"]

#: Modes of everything published (the runtime build and the export): nothing is writable by others.
FILE_MODE, DIR_MODE = 0o644, 0o755


def sha256_file(path: Path) -> str:
    """The hex sha256 of a file, read in blocks (wasm and snapshots run to tens of MB)."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_if_changed(path: Path, text: str) -> None:
    """Write ``text`` unless ``path`` already holds it (an unchanged file keeps its time stamp)."""
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
