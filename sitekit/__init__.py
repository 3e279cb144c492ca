"""Tooling behind ``serve.py``: build the offline runtime bundle, serve it, export it.

The site server also runs the ``kakao_share.webhook`` receiver.

This package is for the project's own site and tests; it is not part of the ``kakao_share``
distribution that users install.
"""
