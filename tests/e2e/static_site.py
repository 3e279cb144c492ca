"""Another web server on loopback for pages that must come from elsewhere: an exported site served by a
plain static server, or somebody else's page on another origin. A real server, not a Playwright route:
Chromium refuses a routed document's cross-origin requests to 127.0.0.1 (local network access).
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

#: Somebody else's page, on another origin, starting kakao-share from our bundle (as the widget does);
#: ``{site}`` is our site's URL.
OTHER_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<script type="module">import {{ boot }} from "{site}/assets/boot.js"; boot({{ css: false }});</script></head>
<body><script type="py">
import kakao_share
from pyscript import document
document.documentElement.setAttribute("data-ready", "")
</script></body></html>
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def static_server(folder: Path) -> Iterator[str]:
    """Serve ``folder`` with Python's plain static server (no caching rules, no compression)."""
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(folder)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)
