""" "Did you mean": the closest known word to a misspelt one, as ``difflib`` would pick it.

MicroPython has no ``difflib``, so this is its ratio (matching blocks over both lengths) written
again for the share widget's attribute names, with the same answers (a test compares them).
"""

try:  # noqa: SIM105 (no contextlib on MicroPython)
    from typing import Any
except ImportError:  # MicroPython
    pass

__all__ = ["close_match"]


def _longest_match(
    a: str, b: str, where: "dict[str, list[int]]", box: "tuple[int, int, int, int]"
) -> "tuple[int, int, int]":
    alo, ahi, blo, bhi = box
    best_i, best_j, best_size = alo, blo, 0
    lengths: dict[int, int] = {}
    for i in range(alo, ahi):
        new_lengths = {}
        for j in where.get(a[i], ()):
            if j < blo:
                continue
            if j >= bhi:
                break
            k = new_lengths[j] = lengths.get(j - 1, 0) + 1
            if k > best_size:
                best_i, best_j, best_size = i - k + 1, j - k + 1, k
        lengths = new_lengths
    return best_i, best_j, best_size


def _similarity(a: str, b: str) -> float:
    """``difflib.SequenceMatcher(None, a, b).ratio()`` (short strings: no junk heuristics)."""
    where: dict[str, list[int]] = {}
    for index, ch in enumerate(b):
        where.setdefault(ch, []).append(index)
    matched = 0
    queue = [(0, len(a), 0, len(b))]
    while queue:
        alo, ahi, blo, bhi = box = queue.pop()
        i, j, k = _longest_match(a, b, where, box)
        if k:
            matched += k
            if alo < i and blo < j:
                queue.append((alo, i, blo, j))
            if i + k < ahi and j + k < bhi:
                queue.append((i + k, ahi, j + k, bhi))
    total = len(a) + len(b)
    return 2.0 * matched / total if total else 1.0


def _could_match(a: str, b: str, cutoff: float) -> bool:
    """difflib's cheap upper bounds of the ratio (lengths, then shared characters) reach ``cutoff``."""
    total = len(a) + len(b)
    if total and 2.0 * min(len(a), len(b)) / total < cutoff:
        return False
    counts: dict[str, int] = {}
    for ch in b:
        counts[ch] = counts.get(ch, 0) + 1
    shared = 0
    for ch in a:
        if counts.get(ch, 0) > 0:
            counts[ch] -= 1
            shared += 1
    return not total or 2.0 * shared / total >= cutoff


def close_match(word: str, possibilities: "Any", cutoff: float = 0.75) -> "str | None":
    """The best of ``possibilities`` at least ``cutoff`` similar to ``word`` (``difflib.get_close_matches(n=1)``)."""
    best = None
    for candidate in possibilities:
        if not _could_match(candidate, word, cutoff):
            continue
        score = _similarity(candidate, word)
        if score >= cutoff and (best is None or (score, candidate) > best):
            best = (score, candidate)
    return None if best is None else best[1]


# --- the element ------------------------------------------------------------------------------------
