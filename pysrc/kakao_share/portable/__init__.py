"""Pure-Python facts and rules of kakao-share that run unchanged on CPython, Pyodide and MicroPython.

The share widget runs on MicroPython on host pages, so what it needs lives here, once: the web-URL
rule, Kakao's limits, reading page metadata and JSON-LD, reading the widget's attributes, the SDK
builds, and :func:`kakao_share.portable.widget.prepare`. The pydantic models use these modules too.

Rules for every module here: no pydantic, ``typing`` only inside ``try/except ImportError`` (for
annotations, which MicroPython never evaluates), no ``dataclasses``, ``difflib``, ``urllib``, ``re``
or ``json`` (MicroPython's differ from CPython's), and no reliance on dict order (use
:func:`kakao_share.portable.text.new_object`). Findings are plain dicts ``{path, rule, fix, code}``.
"""

#: What a MicroPython bundle must ship (paths relative to ``pysrc/``): the package's own ``__init__``
#: (which imports nothing there) and every module of this folder.
BUNDLE_FILES = (
    "kakao_share/__init__.py",
    "kakao_share/portable/__init__.py",
    "kakao_share/portable/attributes.py",
    "kakao_share/portable/findings.py",
    "kakao_share/portable/jsonld.py",
    "kakao_share/portable/jsontext.py",
    "kakao_share/portable/limits.py",
    "kakao_share/portable/message.py",
    "kakao_share/portable/page.py",
    "kakao_share/portable/sdk.py",
    "kakao_share/portable/spelling.py",
    "kakao_share/portable/text.py",
    "kakao_share/portable/urls.py",
    "kakao_share/portable/widget.py",
)
