"""Find a Chromium for tests and benchmarks, installing Debian's when there is none.

Order: ``$KAKAO_SHARE_CHROMIUM`` (an explicit path wins), Playwright's own Chromium if it was installed,
``/usr/bin/chromium``, else ``apt-get install chromium``. Playwright's browser download does not work
offline, so Debian's package is the fallback that always can. The set-up also makes sure a font
covers Korean text (Debian's ``fonts-noto-cjk``), since the pages speak Korean.

    python -m tests.support.chromium            print the path, installing Chromium if needed
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from ._debian import apt_install

ENV_VAR = "KAKAO_SHARE_CHROMIUM"
DEBIAN_CHROMIUM = Path("/usr/bin/chromium")
#: Flags that keep Chromium quiet on a machine with no network (no background fetches to fail).
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class BrowserNotFound(RuntimeError):
    pass


def _playwright_chromium() -> Path | None:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    try:
        with sync_playwright() as p:
            path = Path(p.chromium.executable_path)
    except Exception:
        return None
    return path if path.exists() else None


def find_chromium(*, install: bool = False) -> Path:
    override = os.environ.get(ENV_VAR)
    if override:
        path = Path(override)
        if not path.exists():
            raise BrowserNotFound(f"{ENV_VAR}={override} does not exist")
        return path
    for candidate in (_playwright_chromium(), DEBIAN_CHROMIUM, shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return Path(candidate)
    if install:
        return _install_debian_chromium()
    raise BrowserNotFound(
        f"no Chromium found: set {ENV_VAR}, or run `python -m tests.support.chromium` (installs Debian's chromium)"
    )


def _install_debian_chromium() -> Path:
    apt_install("chromium", BrowserNotFound)
    if not DEBIAN_CHROMIUM.exists():
        raise BrowserNotFound("apt-get installed chromium but /usr/bin/chromium is missing")
    return DEBIAN_CHROMIUM


#: Debian's fonts for Korean text. Without them the pages' Korean (and the screenshots the tests save)
#: shows as empty boxes, and text measurements differ from what visitors see.
KOREAN_FONTS = "fonts-noto-cjk"


def has_korean_font() -> bool:
    """True when fontconfig knows a font that covers Korean."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return False
    found = subprocess.run([fc_list, ":lang=ko", "family"], capture_output=True, text=True, check=False)
    return bool(found.stdout.strip())


def ensure_korean_font() -> None:
    """Install Debian's CJK fonts when no font covers Korean."""
    if not has_korean_font():
        apt_install(KOREAN_FONTS, BrowserNotFound)


if __name__ == "__main__":
    try:
        print(find_chromium(install=True))
        ensure_korean_font()
    except BrowserNotFound as exc:
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(1)
