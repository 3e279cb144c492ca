"""Install a Debian package for the test set-up (Chromium, PostgreSQL): as root, or through sudo."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

__all__ = ["apt_install"]


def apt_install(package: str, error: type[Exception]) -> None:
    """``apt-get install`` one package, raising ``error`` with apt's own message when that fails."""
    if not shutil.which("apt-get"):
        raise error(f"{package} is missing and there is no apt-get to install it: install it yourself")
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    print(f"installing Debian's {package} (one time)…", file=sys.stderr)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    for cmd in ([*sudo, "apt-get", "update", "-qq"], [*sudo, "apt-get", "install", "-y", "-qq", package]):
        result = subprocess.run(cmd, env=env, capture_output=True, text=True)
        if result.returncode != 0:
            raise error(f"`{' '.join(cmd)}` failed:\n{result.stderr[-2000:]}")
