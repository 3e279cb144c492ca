"""What the page shows for the form's current values, computed without touching the page.

:func:`evaluate` runs on every keystroke: form values -> settings object -> template and options (or
the problems, each placed at its input) -> warnings, preview, code, share link. :func:`restore` reads a
share link back into a form. Both use only kakao_share's public API and run on CPython too.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
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
    share_settings,
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
    settings, problems = form.to_settings(values)
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
    sdk: dict[str, Any] = {"app_key": app_key, "sdk_version": sdk_version, "integrity": integrity}
    result.code = {
        "python": python_code(template, options, **sdk),
        "javascript": javascript_code(template, options, **sdk),
        "button": javascript_code(template, options, **sdk, button=True),
        "json": wire_json(template),
    }
    return result


@dataclass(frozen=True)
class Change:
    """One difference between the message a link carries and the one the form shows (and would share)."""

    path: str
    """Where, as a form path (snake_case, ``buttons[0].link``)."""
    was: str | None
    """The link's value as JSON, None where the link had nothing."""
    now: str | None
    """The form's value as JSON, None where the form leaves it out."""


@dataclass
class Restored:
    """A share link read back: the form and values to show, and how it differs from the link's message."""

    form: MessageForm
    values: dict[str, Any]
    problems: list[Finding]
    """What the form could not show (a key it has no input for, a value of the wrong shape)."""
    wrong: list[Finding] = field(default_factory=list)
    """Why the link's own message is not one Kakao takes (the SDK would refuse it as it is)."""
    changes: list[Change] = field(default_factory=list)
    """Where the form's message is not the link's: sharing it unedited would send another message."""

    @property
    def needs_edit(self) -> bool:
        """Whether the visitor must look at the form (and edit it) before it can be shared."""
        return bool(self.problems or self.wrong or self.changes)


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
    try:
        reference, wrong = share_settings(*parse_settings(shared.settings)), []
    except TemplateError as exc:
        reference, wrong = _camel(shared.settings), exc.problems
    shown, _problems = form.to_settings(values)
    said = {item.path for item in misfits}  # "left out" already says how the form changed these
    changes = [change for change in _changes(reference, shown, ()) if change.path not in said]
    return Restored(form, values, problems + misfits, wrong, changes)


#: Settings whose keys are the page's own data, kept as written.
_OWN_KEYS = {"templateArgs", "serverCallbackArgs", "extras"}


def _camel(value: Any) -> Any:
    """Settings with every key camelCase, as the form writes them (a link may carry snake_case)."""
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            name = re.sub(r"_([a-z])", lambda m: m.group(1).upper(), str(key))
            out[name] = item if name in _OWN_KEYS else _camel(item)
        return out
    if isinstance(value, list):
        return [_camel(item) for item in value]
    return value


def _path(parts: tuple[str | int, ...]) -> str:
    out = ""
    for part in parts:
        out += (
            f"[{part}]" if isinstance(part, int) else (("." if out else "") + re.sub(r"([A-Z])", r"_\1", part).lower())
        )
    return out


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _changes(was: Any, now: Any, at: tuple[str | int, ...]) -> Iterator[Change]:
    """Every place where ``now`` is not ``was`` (a number for a numeral text counts: it shares differently)."""
    if isinstance(was, dict) and isinstance(now, dict):
        for key in [*was, *(k for k in now if k not in was)]:
            if key not in now:
                yield Change(_path((*at, key)), _json(was[key]), None)
            elif key not in was:
                yield Change(_path((*at, key)), None, _json(now[key]))
            else:
                yield from _changes(was[key], now[key], (*at, key))
    elif isinstance(was, list) and isinstance(now, list) and len(was) == len(now):
        for index, (before, after) in enumerate(zip(was, now, strict=True)):
            yield from _changes(before, after, (*at, index))
    elif type(was) is not type(now) or was != now:
        yield Change(_path(at), _json(was), _json(now))
