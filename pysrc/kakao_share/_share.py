"""The single settings object a ``Kakao.Share.send*`` call takes: template fields plus options."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ._options import ShareOptions
from ._templates import Template, parse_template

__all__ = ["min_sdk_version", "share_settings"]


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


def min_sdk_version(
    template: Template, options: ShareOptions | Mapping[str, Any] | None = None
) -> tuple[int, int, int] | None:
    """Oldest JavaScript SDK that can send ``template`` with ``options`` (None: any 2.x)."""
    opts = _options(options)
    versions = [v for v in (parse_template(template).min_sdk_version, opts.min_sdk_version if opts else None) if v]
    return max(versions) if versions else None
