"""Brotli and gzip siblings of the served files, made once at build time so the server only picks one."""

from __future__ import annotations

import gzip
from pathlib import Path

from . import _paths
from ._files import sha256_file
from ._state import BuildReport, BuildRun, StepRecord

__all__ = ["COMPRESSIBLE", "MAX_COMPRESSED_RATIO", "MIN_COMPRESS_SIZE", "compress"]

#: Files served with a precompressed sibling (``.br`` and ``.gz``).
COMPRESSIBLE = {".wasm", ".mjs", ".js", ".css", ".json", ".zip", ".whl", ".html", ".py", ".map", ".bin", ".pack"}
#: Smaller files are not worth a compressed sibling.
MIN_COMPRESS_SIZE = 1024
#: Nor are files brotli shrinks by less than 10% (zips that are already deflated).
MAX_COMPRESSED_RATIO = 0.9


def compress(run: BuildRun) -> None:
    """Brotli and gzip siblings for every compressible file the build produced, where worth it."""
    run.log("compressing")
    for path in sorted(run.produced):
        if path.suffix in COMPRESSIBLE and path.stat().st_size >= MIN_COMPRESS_SIZE:
            run.produced |= set(_compress_file(path, run.state, run.report))


def _brotli_settings(size: int) -> dict[str, int]:
    """Smaller files get the best compression; the tens of MB of a memory snapshot would take minutes
    at quality 10+ (quality 9 with a 16 MB window: ~10% larger, five times faster)."""
    if size < 4_000_000:
        return {"quality": 11}
    if size < 16_000_000:
        return {"quality": 10}
    return {"quality": 9, "lgwin": 24}


def _compress_file(path: Path, state: StepRecord, report: BuildReport) -> list[Path]:
    """Write ``path``'s ``.br`` and ``.gz`` siblings, unless compressing gains little (a wheel that is
    already deflated); returns the siblings there are."""
    import brotli  # type: ignore[import-untyped]  # no type information published

    inputs = f"{sha256_file(path)} {MAX_COMPRESSED_RATIO}"
    br, gz = path.with_name(path.name + ".br"), path.with_name(path.name + ".gz")
    key = "compress:" + str(path.relative_to(_paths.RUNTIME))
    siblings = [p for p in (br, gz) if p.exists()]
    # A sibling older than its file is stale whatever the state says (another build rewrote the file).
    if state.fresh(key, inputs) and all(p.stat().st_mtime >= path.stat().st_mtime for p in siblings):
        return siblings
    data = path.read_bytes()
    smaller = brotli.compress(data, **_brotli_settings(len(data)))
    if len(smaller) > len(data) * MAX_COMPRESSED_RATIO:
        br.unlink(missing_ok=True)
        gz.unlink(missing_ok=True)
        state.record(key, inputs)
        return []
    br.write_bytes(smaller)
    gz.write_bytes(gzip.compress(data, 9, mtime=0))
    state.record(key, inputs)
    report.rebuilt.append(br.name)
    return [br, gz]
