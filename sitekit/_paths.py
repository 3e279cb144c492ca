"""Where things live, in one place, so the builder, server and exporter agree."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WEB = ROOT / "web"
RUNTIME = WEB / "runtime"
MANIFEST = ROOT / "runtime-manifest.json"
DOWNLOADS = ROOT / ".cache" / "downloads"
NODE_MODULES = ROOT / "node_modules"
PYSRC = ROOT / "pysrc"

#: The generated PyScript config; ``web/assets/boot.js`` applies it to every page.
PYSCRIPT_CONFIG = RUNTIME / "pyscript.json"
#: Build bookkeeping: what each output was made from, so a rebuild redoes only what changed.
BUILD_STATE = RUNTIME / ".build-state.json"

#: Where `serve.py serve` keeps the share events its webhook receives.
WEBHOOK_DB = ROOT / ".cache" / "webhook" / "events.db"
