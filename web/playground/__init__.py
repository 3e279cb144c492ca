"""The kakao-share playground: Python that runs in ``index.html`` through PyScript.

``main.py`` starts it; ``app`` wires the page, ``logic`` computes what it shows (CPython-testable),
``presets`` and ``i18n`` hold its data and words.
"""
