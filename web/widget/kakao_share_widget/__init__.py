"""The share widget's Python, run by MicroPython on the host page (started by ``widget/button.js``).

The loader draws the buttons; :class:`Controller` reads the page and each button (``_dom``), builds and
validates its message with ``kakao_share.portable``, loads Kakao's SDK once for all buttons, and shares
synchronously when the loader passes on a click.
"""

from ._controller import Controller

__all__ = ["Controller"]
