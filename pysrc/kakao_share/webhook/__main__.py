"""``python -m kakao_share.webhook``: the ``kakao-share`` command."""

import sys

from ._cli import main

sys.exit(main())
