"""The single settings object a ``Kakao.Share.send*`` call takes: template fields plus options.

JavaScript writes a share as one object (``{objectType: "text", text: …, installTalk: true}``);
Python keeps the message (a template model) apart from how it is sent (:class:`ShareOptions`).
:func:`share_settings` joins the two and :func:`parse_settings` splits them again.

The decisions the browser bridge makes before it calls the SDK live here too, where they run (and
are tested) on CPython: which template a call takes (:func:`settings_for`) and whether the loaded
SDK is recent enough for it (:func:`check_sdk_version`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from ._exceptions import SDKVersionError, TemplateError
from ._options import Options, ShareOptions, share_options
from ._problems import invalid
from ._template_parsing import json_object, parse_template
from ._templates import CUSTOM_SHARE, SCRAP_SHARE, TEMPLATE_CLASSES, CustomTemplate, ScrapTemplate, ShareKind, Template
from .portable.sdk import version_tuple

__all__ = [
    "ShareParts",
    "check_sdk_version",
    "min_sdk_version",
    "parse_settings",
    "settings_for",
    "share_settings",
    "version_tuple",
]

#: Every key of the settings object that belongs to the options, in both spellings.
_OPTION_KEYS = frozenset(
    key for name, field in ShareOptions.model_fields.items() for key in (name, field.alias) if key is not None
)

#: What each kind of share call takes besides a model or a settings object.
_SHORTHANDS = {CUSTOM_SHARE: "a template id, ", SCRAP_SHARE: "a page URL, "}


class ShareParts(NamedTuple):
    """The two parts of a share, what is shared and how: ``template, options = parse_settings(obj)``.

    "Settings" is only ever the one camelCase object the SDK takes (:func:`share_settings`); this pair
    was called ``ShareSettings`` before (still importable from :mod:`kakao_share`, with a warning)."""

    template: Template
    """The message."""

    options: ShareOptions
    """The share options that came with it (empty when there were none)."""


def share_settings(template: Any, options: Options = None) -> dict[str, Any]:
    """``template.to_js()`` merged with ``options.to_js()``: the argument of ``Kakao.Share.<send_method>``.

    ``template`` may be a model or anything :func:`parse_template` takes, ``options`` a
    :class:`ShareOptions` or a dict of its fields. The keys never collide (options have their own names).
    """
    return {**parse_template(template).to_js(), **share_options(options).to_js()}


def parse_settings(data: Any, *, base_url: str | None = None) -> ShareParts:
    """Split the one object ``Kakao.Share.sendDefault`` / ``sendCustom`` / ``sendScrap`` takes.

    ``data`` is a dict or JSON text with the template's fields and the share options side by side,
    camelCase or snake_case, exactly as JavaScript pages write it::

        template, options = parse_settings({"objectType": "text", "text": "Hi",
                                            "link": {"webUrl": "https://example.com"},
                                            "installTalk": True})

    It is the inverse of :func:`share_settings`. Problems in the template and in the options are
    reported together in one :class:`TemplateError`, each with its field path. ``base_url`` is
    passed to :func:`parse_template` (relative and empty image URLs, read as the page meant them).
    """
    settings = json_object(data, "share settings")
    template_part = {key: value for key, value in settings.items() if key not in _OPTION_KEYS}
    option_part = {key: value for key, value in settings.items() if key in _OPTION_KEYS}
    errors: list[TemplateError] = []
    template: Template | None = None
    options: ShareOptions | None = None
    try:
        template = parse_template(template_part, base_url=base_url)
    except TemplateError as exc:
        errors.append(exc)
    try:
        options = ShareOptions.model_validate(option_part)
    except TemplateError as exc:
        errors.append(exc)
    if template is None or options is None:
        model = errors[0].model if len(errors) == 1 else "share settings"
        raise TemplateError([problem for error in errors for problem in error.problems], model=model)
    return ShareParts(template, options)


def _takes(kind: ShareKind) -> str:
    classes = [cls.__name__ for cls in TEMPLATE_CLASSES if cls.share_kind is kind]
    what = f"a {kind.action} template ({', '.join(classes)})" if len(classes) > 1 else f"a {classes[0]}"
    return f"{_SHORTHANDS.get(kind, '')}{what} or its settings object"


def settings_for(
    kind: ShareKind | None,
    template: Any,
    options: Options = None,
    option_fields: Mapping[str, Any] | None = None,
    *,
    template_args: Mapping[str, str] | None = None,
    base_url: str | None = None,
    caller: str,
) -> ShareParts:
    """The template and options of one share call, parsed once and checked against what ``caller`` takes.

    ``template`` is a template model, a settings object (dict or JSON, options inside allowed; see
    :func:`parse_settings`), or a call's shorthand: a template id (with ``template_args``) for custom
    shares, a page URL for scrap shares. ``kind`` is the kind of share the call makes (None: any).
    Options come from the settings object, then ``options``, then ``option_fields``, later ones
    winning field by field.
    """
    shorthand_id = isinstance(template, int) and not isinstance(template, bool)
    if template_args is not None and not (kind is CUSTOM_SHARE and shorthand_id):
        raise invalid(
            "template_args",
            f"{caller} takes template_args only with a template id",
            "put them into the template (template_args / templateArgs)",
            code="unexpected_argument",
            model=caller,
        )
    if kind is CUSTOM_SHARE and shorthand_id:
        template = CustomTemplate(template_id=template, template_args=template_args)
    elif kind is SCRAP_SHARE and isinstance(template, str) and not template.lstrip().startswith("{"):
        template = ScrapTemplate(request_url=template)
    embedded: ShareOptions | None = None
    if isinstance(template, TEMPLATE_CLASSES):
        model: Template = template
    else:
        model, embedded = parse_settings(template, base_url=base_url)
    if kind is not None and model.share_kind is not kind:
        raise invalid(
            "",
            f"{caller} takes {_takes(kind)}, not {type(model).__name__}",
            f"share it with send_{model.share_kind.action} or create_{model.share_kind.action}_button",
            code="wrong_template",
            model=caller,
        )
    return ShareParts(model, share_options(embedded, options, **(option_fields or {})))


def min_sdk_version(template: Template, options: Options = None) -> tuple[int, int, int] | None:
    """Oldest JavaScript SDK that can send ``template`` with ``options`` (None: any 2.x)."""
    versions = [v for v in (parse_template(template).min_sdk_version, share_options(options).min_sdk_version) if v]
    return max(versions) if versions else None


def check_sdk_version(version: str, template: Template, options: ShareOptions) -> None:
    """Raise :class:`SDKVersionError` if SDK ``version`` is too old for what ``template``/``options`` use."""
    loaded = version_tuple(version)
    for feature in (*options.sdk_features, *template.sdk_features):
        if loaded < feature.version:
            raise SDKVersionError(feature, version)
