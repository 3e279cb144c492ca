"""What each file under ``web/`` is served with, in one place: the server sends it and the exporter
writes it into ``_headers`` for static hosts."""

from __future__ import annotations

import re

__all__ = [
    "CROSS_ORIGIN_FOLDERS",
    "CROSS_ORIGIN_HEADERS",
    "IMMUTABLE_CACHE",
    "LOADER_CACHE",
    "MIME_TYPES",
    "REVALIDATE_CACHE",
    "cache_control",
    "is_cross_origin",
]

MIME_TYPES = {
    ".wasm": "application/wasm",
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".whl": "application/zip",
    ".zip": "application/zip",
    ".json": "application/json",
    ".py": "text/x-python",
    ".html": "text/html",
    ".css": "text/css",
    ".svg": "image/svg+xml",
    ".pack": "application/octet-stream",
}

#: Runtime paths whose content never changes under the same URL: the versioned Pyodide and MicroPython
#: folders (except Pyodide's lock, which lists the app wheel), content-hashed PyScript chunks and
#: content-addressed app wheels and widget Python packs.
_IMMUTABLE = re.compile(
    r"^runtime/(?:pyodide-[0-9.]+/(?!pyodide-lock\.json$).+|micropython-[0-9.]+/.+|widget-python-[0-9a-f]{12}\.pack|pyscript/.+-[A-Za-z0-9_-]{8}\.js)$"
)
IMMUTABLE_CACHE = "public, max-age=31536000, immutable"
REVALIDATE_CACHE = "no-cache"
#: The widget's loader keeps one URL (the snippet site owners paste), yet it is on their pages' critical
#: path: a returning visitor reuses it for ten minutes instead of asking again on every page view.
LOADER_CACHE = "public, max-age=600"
_LOADER = "kakao-share-widget.js"

#: Files other sites load (the embeddable widget, the boot entry it imports, the widget's Python and the
#: runtime it boots): readable from any origin.
_CROSS_ORIGIN = re.compile(r"^(?:runtime/.+|widget/.+|kakao-share-widget\.js|assets/boot\.js)$")
#: Folders whose every file is cross-origin: the export writes one ``_headers`` rule for each.
CROSS_ORIGIN_FOLDERS = ("runtime", "widget")
#: Timing-Allow-Origin lets the host page see what the widget's files cost it (its own resource timing).
CROSS_ORIGIN_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Cross-Origin-Resource-Policy": "cross-origin",
    "Timing-Allow-Origin": "*",
}


def cache_control(rel_path: str) -> str:
    """The Cache-Control a file under ``web/`` is served with (also written by the exporter)."""
    if _IMMUTABLE.match(rel_path):
        return IMMUTABLE_CACHE
    return LOADER_CACHE if rel_path == _LOADER else REVALIDATE_CACHE


def is_cross_origin(rel_path: str) -> bool:
    """Whether a file under ``web/`` is served with :data:`CROSS_ORIGIN_HEADERS`."""
    return bool(_CROSS_ORIGIN.match(rel_path))
