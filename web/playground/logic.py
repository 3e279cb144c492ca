"""What the page shows for the form's current values, computed without touching the page.

:func:`evaluate` runs on every keystroke: form values -> settings object -> template and options (or
the problems, each placed at its input) -> warnings, preview, code, share link. :func:`restore` reads a
share link back into a form. Both use only kakao_share's public API and run on CPython too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kakao_share import (
    Finding,
    MessageForm,
    ShareLink,
    ShareOptions,
    Template,
    TemplateError,
    check,
    form_for_settings,
    javascript_code,
    message_form,
    min_sdk_version,
    parse_settings,
    python_code,
    render_preview,
    wire_json,
)


@dataclass
class Evaluation:
    """The message as the form describes it, and everything derived from it."""

    settings: dict[str, Any]
    template: Template | None = None
    options: ShareOptions | None = None
    errors: dict[str, list[Finding]] = field(default_factory=dict)
    """Problems that stop sharing, by the form path they are shown at ("" = the whole message)."""
    warnings: dict[str, list[Finding]] = field(default_factory=dict)
    """What Kakao accepts but shows badly (:func:`kakao_share.check`), by form path."""
    link: str = ""
    """The share link's fragment (``#share=…``), also for an invalid message."""
    preview: str | None = None
    code: dict[str, str] = field(default_factory=dict)
    """``python``, ``javascript``, ``button`` (the createDefaultButton way) and ``json``."""

    @property
    def valid(self) -> bool:
        return self.template is not None and not self.errors

    @property
    def needs(self) -> tuple[int, int, int] | None:
        """Oldest SDK that can send the message (None: any 2.x)."""
        if self.template is None:
            return None
        return min_sdk_version(self.template, self.options)

    def problem_count(self) -> int:
        return sum(len(found) for found in self.errors.values())


def _place(found: dict[str, list[Finding]], form: MessageForm, values: dict[str, Any], items: list[Finding]) -> None:
    for item in items:
        found.setdefault(form.locate(item.path, values), []).append(item)


def evaluate(
    form: MessageForm,
    values: dict[str, Any],
    *,
    app_key: str | None = None,
    sdk_version: str | None = None,
    integrity: str | None = None,
) -> Evaluation:
    """Everything the page shows for ``values`` in ``form``; the SDK arguments go into the code."""
    settings, problems = form.settings(values)
    result = Evaluation(settings)
    _place(result.errors, form, values, problems)
    try:
        template, options = parse_settings(settings)
    except TemplateError as exc:
        _place(result.errors, form, values, exc.problems)
        result.link = ShareLink(form.method, settings).fragment()
        return result
    result.template, result.options = template, options
    _place(result.warnings, form, values, check(template))
    result.preview = render_preview(template)
    if result.errors:
        result.link = ShareLink(form.method, settings).fragment()
        return result
    result.link = ShareLink.of(template, options).fragment()
    sdk = {"app_key": app_key, "sdk_version": sdk_version, "integrity": integrity}
    result.code = {
        "python": python_code(template, options, **sdk),
        "javascript": javascript_code(template, options, **sdk),
        "button": javascript_code(template, options, **sdk, button=True),
        "json": wire_json(template),
    }
    return result


@dataclass
class Restored:
    """A share link read back: the form and values to show, and what could not be shown."""

    form: MessageForm
    values: dict[str, Any]
    problems: list[Finding]


def restore(link: str) -> Restored:
    """The form for a share link. Raises ``TemplateError`` when the link is malformed (nothing to show)."""
    shared = ShareLink.parse(link)
    form = form_for_settings(shared.settings, shared.method)
    problems: list[Finding] = []
    if form is None:
        form = message_form("feed")
        kind = shared.settings.get("objectType", shared.settings.get("object_type"))
        problems.append(
            Finding(
                "object_type",
                f"the link's message type {kind!r} is not one this page knows; shown as a feed message",
                "pick the message type again",
                "not_in_form",
            )
        )
    values, misfits = form.values(shared.settings)
    return Restored(form, values, problems + misfits)
