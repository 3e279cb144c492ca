"""One request from ``widget/button.js`` in, one answer out, both JSON text: the only door between the
page's JavaScript and the widget's Python, the same whether MicroPython runs in a worker or not."""

import json

from kakao_share.portable.findings import finding_text
from kakao_share.portable.widget import prepare, sdk_too_old

try:  # noqa: SIM105 (MicroPython has no contextlib)
    from typing import Any
except ImportError:  # MicroPython: annotations are never evaluated there
    pass

__all__ = ["handle"]


def _lines(findings: "list[dict[str, str]]") -> str:
    """Findings as the console shows them: one indented ``path: rule (fix: …)`` line each."""
    return "\n".join("  " + finding_text(finding) for finding in findings)


def _prepare(request: "dict[str, Any]") -> "dict[str, Any]":
    result = prepare([tuple(pair) for pair in request["attributes"]], request["page"], request["inline"])
    # The settings as text too, in their key order, exactly what a click hands to Kakao's SDK.
    result["settings_json"] = json.dumps(result["settings"]) if result["settings"] is not None else None
    result["error_lines"] = _lines(result["errors"])
    result["warning_lines"] = _lines(result["warnings"])
    return result


def _too_old(request: "dict[str, Any]") -> "dict[str, Any]":
    finding = sdk_too_old(request["result"], request["version"])
    return {"problem": finding_text(finding) if finding is not None else ""}


def _words(request: "dict[str, Any]") -> "dict[str, Any]":
    return {"lines": _lines(request["findings"])}


_OPERATIONS = {"prepare": _prepare, "too_old": _too_old, "lines": _words}


def handle(request: str) -> str:
    """Answer ``{"op": "prepare", "attributes": [[name, value], …], "page": {…}, "inline": str | None}``
    with :func:`~kakao_share.portable.widget.prepare`'s result (plus its findings as console lines),
    ``{"op": "too_old", "result": {"min_sdk_version": …, "settings": …}, "version": Kakao.VERSION}``
    with ``{"problem": text or ""}``,
    and ``{"op": "lines", "findings": […]}`` with ``{"lines": text}``. Never raises: an unexpected error
    comes back as ``{"failure": text}``."""
    try:
        body = json.loads(request)
        return json.dumps(_OPERATIONS[body["op"]](body))
    except Exception as exc:  # the host page must never see an exception from the widget
        return json.dumps({"failure": "an unexpected error occurred: " + repr(exc)})
