"""The share widget's Python, run by MicroPython in the widget's Web Worker (``widget/python-worker.js``),
or on the host page's main thread where a worker cannot start.

It never touches the page: ``widget/button.js`` reads the page and each button, posts what it read as JSON
to :func:`handle`, and drives Kakao's SDK with the answer. :func:`handle` builds and validates the message
with ``kakao_share.portable`` and words its findings for the console.
"""

from ._service import handle

__all__ = ["handle"]
