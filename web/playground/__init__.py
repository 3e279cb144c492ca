"""The kakao-share playground: Python that runs in ``index.html`` through PyScript.

``main.py`` starts it. ``app`` holds the page's state, wires the panels to it and shares; the panels
render their part of the page: ``form_view`` (the message form and its problems), ``sdk_panel``,
``image_panel``, ``code_panel`` and ``error_codes`` (Kakao's error codes explained). ``logic`` computes
what the page shows (CPython-testable); ``presets`` and ``i18n`` hold its data and words, ``dom`` and
``storage`` the small helpers. Every module is listed in ``index.html``'s PyScript ``files``.
"""
