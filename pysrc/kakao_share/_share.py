"""The single settings object a ``Kakao.Share.send*`` call takes: template fields plus options.

JavaScript writes a share as one object (``{objectType: "text", text: …, installTalk: true}``);
Python keeps the message (a template model) apart from how it is sent (:class:`ShareOptions`).
:func:`share_settings` joins the two and :func:`parse_settings` splits them again.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from ._exceptions import TemplateError
from ._options import ShareOptions
from ._templates import Template, json_object, parse_template

__all__ = ["ShareSettings", "min_sdk_version", "parse_settings", "share_settings"]

#: Every key of the settings object that belongs to the options, in both spellings.
_OPTION_KEYS = frozenset(
    key for name, field in ShareOptions.model_fields.items() for key in (name, field.alias) if key is not None
)


class ShareSettings(NamedTuple):
    """A settings object split into what is shared and how: ``template, options = parse_settings(obj)``."""

    template: Template
    """The message."""

    options: ShareOptions
    """The share options that came with it (empty when there were none)."""


def _options(options: ShareOptions | Mapping[str, Any] | None) -> ShareOptions | None:
    if options is None or isinstance(options, ShareOptions):
        return options
    return ShareOptions.model_validate(options)


def share_settings(template: Any, options: ShareOptions | Mapping[str, Any] | None = None) -> dict[str, Any]:
    """``template.to_js()`` merged with ``options.to_js()``: the argument of ``Kakao.Share.<send_method>``.

    ``template`` may be a model or anything :func:`parse_template` takes, ``options`` a
    :class:`ShareOptions` or a dict of its fields. The keys never collide (options have their own names).
    """
    settings = parse_template(template).to_js()
    opts = _options(options)
    if opts is not None:
        settings.update(opts.to_js())
    return settings


def parse_settings(data: Any) -> ShareSettings:
    """Split the one object ``Kakao.Share.sendDefault`` / ``sendCustom`` / ``sendScrap`` takes.

    ``data`` is a dict or JSON text with the template's fields and the share options side by side,
    camelCase or snake_case, exactly as JavaScript pages write it::

        template, options = parse_settings({"objectType": "text", "text": "Hi",
                                            "link": {"webUrl": "https://example.com"},
                                            "installTalk": True})

    It is the inverse of :func:`share_settings`. Problems in the template and in the options are
    reported together in one :class:`TemplateError`, each with its field path.
    """
    settings = json_object(data, "share settings")
    template_part = {key: value for key, value in settings.items() if key not in _OPTION_KEYS}
    option_part = {key: value for key, value in settings.items() if key in _OPTION_KEYS}
    errors: list[TemplateError] = []
    template: Template | None = None
    options: ShareOptions | None = None
    try:
        template = parse_template(template_part)
    except TemplateError as exc:
        errors.append(exc)
    try:
        options = ShareOptions.model_validate(option_part)
    except TemplateError as exc:
        errors.append(exc)
    if template is None or options is None:
        model = errors[0].model if len(errors) == 1 else "share settings"
        raise TemplateError([problem for error in errors for problem in error.problems], model=model)
    return ShareSettings(template, options)


def min_sdk_version(
    template: Template, options: ShareOptions | Mapping[str, Any] | None = None
) -> tuple[int, int, int] | None:
    """Oldest JavaScript SDK that can send ``template`` with ``options`` (None: any 2.x)."""
    opts = _options(options)
    versions = [v for v in (parse_template(template).min_sdk_version, opts.min_sdk_version if opts else None) if v]
    return max(versions) if versions else None
