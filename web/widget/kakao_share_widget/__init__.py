"""The share widget's Python side, run by PyScript on the host page (started by kakao-share-widget.js).

The loader draws the buttons and hands each one to :class:`Controller`, which reads the page and the
button (``_dom``), builds and validates the message with the library, loads Kakao's SDK once for all
buttons, and shares synchronously when the loader passes on a click.
"""

from __future__ import annotations

from typing import Any

import js
from pyodide.ffi import create_proxy

from ._controller import Controller

__all__ = ["Controller", "start"]

_attached: list[Any] = []  # keeps the proxy the loader holds alive


def start() -> None:
    """Hand the controller to the loader, which then asks it to prepare every button."""
    registry = js.window.__kakaoShareWidget
    controller = Controller(registry)
    proxy = create_proxy(controller)
    _attached.append(proxy)
    registry.attach(proxy)
