"""Tooling behind ``serve.py``: build the offline runtime bundle, serve it, export it.

The site server also runs the ``kakao_share.webhook`` receiver.

This package is for the project's own site; it is not part of the ``kakao_share`` distribution that users
install. What only the tests and benchmarks need (Chromium, PostgreSQL, load) is in ``tests/support/``.
"""
