#!/usr/bin/env python3
"""kakao-share's site tool: build the offline runtime, serve it, export a static site, take webhooks.

python serve.py build [--update-manifest]   assemble web/runtime/ from pinned artefacts
python serve.py [--host H] [--port P]       serve web/ (after a build)
python serve.py export DIR                  write a self-contained static site to DIR
"""

from __future__ import annotations

import sys

from sitekit.cli import main

if __name__ == "__main__":
    sys.exit(main())
