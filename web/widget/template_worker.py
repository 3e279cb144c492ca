"""Renders the messages of template buttons (Jinja2 in an inline template or ``template-src``) in the
widget's Web Worker, with the full library on Pyodide: off the host page's main thread.

The worker (``template-worker.js``) runs this file and calls :func:`render` with what the button's
MicroPython read from the page; the answer has the shape the MicroPython side expects (errors and
warnings as finding dicts, the SDK method and the settings object as JSON text, so that its key order
reaches the SDK unchanged).
"""

from __future__ import annotations

import json
from typing import Any

from kakao_share import (
    Finding,
    KakaoShareError,
    PageMetadata,
    TemplateError,
    TemplateRenderError,
    WidgetConfig,
    check,
    min_sdk_version,
    share_settings,
)
from kakao_share.portable.sdk import dotted
from pyodide.http import pyfetch

__all__ = ["render"]


def _plain(finding: Finding) -> dict[str, str]:
    return {"path": finding.path, "rule": finding.rule, "fix": finding.fix, "code": finding.code}


async def render(payload_json: str) -> str:
    """The rendered, validated settings of one template button (or why not), as JSON."""
    payload: dict[str, Any] = json.loads(payload_json)
    found = payload["page"]
    try:
        config = WidgetConfig.from_attributes(
            payload["attributes"], page_url=found["base_url"], inline_template=payload["inline_template"]
        )
        source = await _fetch_text(str(config.template_src)) if config.template_src else None
        page = PageMetadata(
            url=found["url"],
            document_title=found["title"],
            lang=found["lang"],
            canonical=found["canonical"],
            meta=[(key, value) for key, value in found["meta"]],
            json_ld=found["json_ld"],
        )
        parts = config.share_parts(page, source)
    except SourceUnavailable as exc:
        return json.dumps({"problem": f"its message template is unavailable: {exc}"})
    except TemplateRenderError as exc:
        return json.dumps({"problem": f"its message template failed: {exc}"})
    except TemplateError as exc:
        return json.dumps({"problem": f"its configuration is invalid: {exc}"})
    needed = min_sdk_version(parts.template, parts.options)
    findings = [*config.warnings(), *page.problems, *check(parts.template)]
    return json.dumps(
        {
            "errors": [],
            "warnings": [_plain(finding) for finding in findings],
            "method": parts.template.share_kind.send_method,
            "settings": json.dumps(share_settings(parts.template, parts.options), ensure_ascii=False),
            "min_sdk_version": dotted(needed) if needed else None,
        },
        ensure_ascii=False,
    )


class SourceUnavailable(KakaoShareError):
    """``template-src`` gave no template to render. Not a :class:`TemplateError`: nothing about the
    template was wrong, it was never read."""

    def __init__(self, url: str, reason: str, fix: str) -> None:
        super().__init__(f"template-src: could not be loaded from {url} ({reason}) (fix: {fix})")


async def _fetch_text(url: str) -> str:
    """The text at ``url`` (a message template), or :class:`SourceUnavailable` saying why not."""
    try:
        response = await pyfetch(url)
    except Exception as exc:  # a network error or a refused CORS request
        fix = "check the address; a template on another site must be served with CORS headers"
        raise SourceUnavailable(url, str(exc), fix) from None
    if not response.ok:
        raise SourceUnavailable(
            url, f"HTTP {response.status}", "check the address (relative addresses are read against the page's)"
        )
    return str(await response.string())
