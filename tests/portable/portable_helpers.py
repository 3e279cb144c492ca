"""Helpers for the portable tests, which run on CPython (pytest) and MicroPython alike: no pytest here."""


def plain(value):
    """``value`` with every mapping a plain dict (MicroPython's OrderedDict never equals a dict)."""
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    return value


def keys(value):
    """The keys of a mapping and of every mapping inside it, in order: what JSON.stringify would write."""
    if isinstance(value, dict):
        return [(key, keys(item)) for key, item in value.items()]
    if isinstance(value, (list, tuple)):
        return [keys(item) for item in value]
    return None


def raises(kind, call, *args):
    """The exception of type ``kind`` that ``call(*args)`` raises (fails if it raises none)."""
    try:
        call(*args)
    except kind as exc:
        return exc
    raise AssertionError("expected " + kind.__name__)
