"""Findings as plain dicts (``{path, rule, fix, code}``) and the error that carries them.

:class:`kakao_share.Finding` is the same four fields as a dataclass; the portable modules use dicts,
which MicroPython hands to JavaScript as they are.
"""

try:  # noqa: SIM105 (no contextlib on MicroPython)
    from typing import Any
except ImportError:  # MicroPython: annotations are never evaluated there
    pass

__all__ = ["Invalid", "Rejected", "finding", "finding_text", "format_path"]


class Invalid(Exception):
    """One broken rule, raised by a rule function; ``at`` is the path below the value checked."""

    def __init__(self, code: str, rule: str, fix: str = "", at: "tuple[Any, ...]" = ()) -> None:
        super().__init__(rule)
        self.code = code
        self.rule = rule
        self.fix = fix
        self.at = at


class Rejected(Exception):
    """Every problem of one input at once (the portable form of :class:`kakao_share.TemplateError`)."""

    def __init__(self, problems: "list[dict[str, str]]") -> None:
        super().__init__("; ".join(finding_text(problem) for problem in problems))
        self.problems = problems


def finding(path: str, rule: str, fix: str = "", code: str = "") -> "dict[str, str]":
    return {"path": path, "rule": rule, "fix": fix, "code": code}


def finding_text(problem: "dict[str, str]") -> str:
    """``path: rule (fix: fix)`` — what ``str(kakao_share.Finding(...))`` gives."""
    text = (problem["path"] or "(template)") + ": " + problem["rule"]
    if problem["fix"]:
        text += " (fix: " + problem["fix"] + ")"
    return text


def _word_char(ch: str) -> bool:
    return ch == "_" or "a" <= ch <= "z" or "A" <= ch <= "Z" or "0" <= ch <= "9"


def _is_identifier(part: str) -> bool:
    """``[A-Za-z_][A-Za-z0-9_]*``."""
    return bool(part) and not "0" <= part[0] <= "9" and all(_word_char(ch) for ch in part)


def format_path(loc: "Any") -> str:
    """``("buttons", 2, "link", "web_url")`` -> ``buttons[2].link.web_url`` (odd keys quoted)."""
    out = ""
    for part in loc:
        if isinstance(part, int) and not isinstance(part, bool):
            out += "[" + str(part) + "]"
        elif _is_identifier(part):
            out += "." + part if out else part
        else:
            out += '["' + part.replace("\\", "\\\\").replace('"', '\\"') + '"]'
    return out
