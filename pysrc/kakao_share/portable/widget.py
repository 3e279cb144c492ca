"""The widget's entry point on MicroPython: one button's attributes and the page in, the share call out.

:func:`prepare` does what ``WidgetConfig.from_attributes`` → ``settings`` → ``share_settings`` does
with pydantic, for every button that needs no Jinja2 template, and gives the same settings object,
errors and warnings (a differential test holds the two paths together). Buttons with a template
(an inline ``<script type="text/x-kakao-template">`` or ``template-src``) come back with
``needs_template``: the full runtime renders them.
"""

from .attributes import ELEMENT, app_key_warnings, attribute_path, read_attributes
from .findings import Rejected, finding, finding_text
from .message import content_warnings, custom, feed, feed_sdk, options, scrap
from .page import Page
from .sdk import (
    DEFAULT_SDK_VERSION,
    OPTIONAL_CONTENT_WORDS,
    PICKER_SETTINGS_WORDS,
    PUBLISHED_SRI,
    SDK_TOO_OLD,
    dotted,
    sdk_url,
    version_tuple,
)

try:  # noqa: SIM105 (no contextlib on MicroPython)
    from typing import Any
except ImportError:  # MicroPython: annotations are never evaluated there
    pass

__all__ = ["ELEMENT", "finding_text", "prepare", "sdk_too_old"]

_SEND = {"feed": "sendDefault", "custom": "sendCustom", "scrap": "sendScrap"}


def _result() -> "dict[str, Any]":
    return {
        "ok": False,
        "method": None,
        "settings": None,
        "app_key": None,
        "sdk": None,
        "min_sdk_version": None,
        "needs_template": False,
        "template_src": None,
        "errors": [],
        "warnings": [],
    }


def _message(values: "dict[str, Any]", page: Page) -> "tuple[str, dict[str, Any], tuple[int, int, int] | None]":
    """(kind, the template's settings, the oldest SDK it needs); raises :class:`Rejected`."""
    template_id = values.get("template_id")
    args = values.get("template_args") or None
    url = values.get("url")
    if values.get("scrap"):
        try:
            return "scrap", scrap(url or page.share_url(), template_id, args), None
        except Rejected as exc:
            raise Rejected([_renamed(problem) for problem in exc.problems]) from None
    if template_id is not None:
        try:
            return "custom", custom(template_id, args), None
        except Rejected as exc:
            raise Rejected([_renamed(problem) for problem in exc.problems]) from None
    title, image = page.share_title(), page.image()
    width, height = page.image_size()
    settings = feed(title, page.description(), image, width, height, url or page.share_url())
    return "feed", settings, feed_sdk(title, image)


def _renamed(problem: "dict[str, str]") -> "dict[str, str]":
    """A console or scrap template's problem, named by the attribute it came from."""
    return finding(
        attribute_path(problem["path"], {"request_url": "url"}), problem["rule"], problem["fix"], problem["code"]
    )


def prepare(attributes: "Any", page: "dict[str, Any]", inline_template: "str | None" = None) -> "dict[str, Any]":
    """One ``<kakao-share-button>``, ready to share: see ``/work/notes/portable-api.md`` and the README.

    ``attributes``: the element's attributes (dict, or (name, value) pairs in document order).
    ``page``: ``url``, ``base_url``, ``title``, ``lang``, ``canonical``, ``meta``, ``json_ld``.
    ``inline_template``: the text of the element's template child, or None. Never raises for bad input.
    """
    out = _result()
    reader = Page.from_dict(page)
    values, problems = read_attributes(attributes, page.get("base_url") or page["url"], inline_template)
    if values is None:
        out["errors"] = problems
        return out
    out["app_key"] = values["app_key"]
    version = values.get("sdk_version") or DEFAULT_SDK_VERSION
    out["sdk"] = {
        "version": version,
        "integrity": values.get("sdk_integrity") or PUBLISHED_SRI.get(version),
        "src": values.get("sdk_src") or sdk_url(version),
    }
    warnings = app_key_warnings(values["app_key"])
    if values.get("template_src") is not None or values.get("inline_template") is not None:
        out["ok"] = True
        out["needs_template"] = True
        out["template_src"] = values.get("template_src")
        out["warnings"] = warnings + reader.problems()
        return out
    try:
        kind, settings, needed = _message(values, reader)
    except Rejected as exc:
        out["errors"] = exc.problems
        out["sdk"] = None
        return out
    share_options, picker_needs = options(
        bool(values.get("install_talk")),
        values.get("callback_args"),
        values.get("picker_type"),
        values.get("picker_limit"),
    )
    for key, value in share_options.items():
        settings[key] = value
    versions = [v for v in (needed, picker_needs) if v is not None]
    warnings += reader.problems()
    if kind == "feed":
        content = settings["content"]
        warnings += content_warnings(
            ("content",),
            content.get("title"),
            content.get("description"),
            content.get("imageUrl"),
            content.get("imageWidth"),
            content.get("imageHeight"),
        )
    out.update(
        ok=True,
        method=_SEND[kind],
        settings=settings,
        min_sdk_version=dotted(max(versions)) if versions else None,
        warnings=warnings,
    )
    return out


def sdk_too_old(result: "dict[str, Any]", loaded_version: str) -> "dict[str, str] | None":
    """The finding to report when the page's SDK (``Kakao.VERSION``) cannot send ``result``'s settings."""
    wanted = result.get("min_sdk_version")
    if not wanted or version_tuple(loaded_version) >= version_tuple(wanted):
        return None
    settings = result.get("settings") or {}
    what = PICKER_SETTINGS_WORDS[0] if "pickerSettings" in settings else OPTIONAL_CONTENT_WORDS[0]
    return finding(
        "sdk-version",
        SDK_TOO_OLD[0].format(what=what, needed=wanted, loaded=loaded_version),
        f'add sdk-version="{wanted}" (or newer) and its sdk-integrity from Kakao\'s SDK download page',
        "sdk_too_old",
    )
