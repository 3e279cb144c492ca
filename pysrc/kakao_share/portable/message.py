"""The messages the widget builds without a template, checked as the models check them.

A page's feed (its title, description and image), a console template (``sendCustom``) or a scrap
of the page (``sendScrap``), each with the share options, as the settings object the SDK takes.
The pydantic models (``FeedTemplate``, ``CustomTemplate``, ``ScrapTemplate``, ``ShareOptions``)
refuse the same input with the same findings: the web-URL rule, the payload limit. Also here: the
payload size rule and the display checks of a content block, which :func:`kakao_share.check` uses.
"""

from .findings import Rejected, finding, format_path
from .limits import (
    DESCRIPTION_LINES,
    LINK_VER,
    MIN_IMAGE_SIDE,
    OPTIONAL_CONTENT_SDK,
    PAYLOAD_LIMIT,
    PICKER_SETTINGS_SDK,
    TITLE_LINES,
)
from .text import ascii_lower, json_length, new_object
from .urls import WEB_URL_FIX, describe_bad_url, is_web_url

try:  # noqa: SIM105 (no contextlib on MicroPython)
    from typing import Any
except ImportError:  # MicroPython: annotations are never evaluated there
    pass

__all__ = [
    "content_warnings",
    "custom",
    "custom_params",
    "default_params",
    "feed",
    "feed_sdk",
    "image_warnings",
    "options",
    "payload_too_large",
    "scrap",
    "scrap_params",
]


def default_params(template_object: "dict[str, Any]") -> "dict[str, Any]":
    """``validation_params`` of a default template."""
    params = new_object()
    params["link_ver"] = LINK_VER
    params["template_object"] = template_object
    return params


def custom_params(template_id: int, template_args: "dict[str, str] | None") -> "dict[str, Any]":
    """``validation_params`` of a custom template (``template_args`` always present)."""
    params = new_object()
    params["link_ver"] = LINK_VER
    params["template_id"] = template_id
    params["template_args"] = dict(template_args or {})
    return params


def scrap_params(
    request_url: str, template_id: "int | None", template_args: "dict[str, str] | None"
) -> "dict[str, Any]":
    """``validation_params`` of a scrap template (``template_id`` only when set)."""
    params = new_object()
    params["link_ver"] = LINK_VER
    params["request_url"] = request_url
    if template_id is not None:
        params["template_id"] = template_id
    params["template_args"] = dict(template_args or {})
    return params


def payload_too_large(size: int) -> "tuple[str, str, str]":
    """(code, rule, fix) for a payload of ``size`` characters over :data:`PAYLOAD_LIMIT`."""
    return (
        "payload_too_large",
        f"the message payload is {size:,} characters; Kakao accepts at most {PAYLOAD_LIMIT:,}",
        "shorten texts and URLs, use fewer contents or buttons, or use a custom template",
    )


def _check_payload(params: "dict[str, Any]") -> None:
    size = json_length(params)
    if size > PAYLOAD_LIMIT:
        code, rule, fix = payload_too_large(size)
        raise Rejected([finding("", rule, fix, code)])


def _web_url(paths: "tuple[str, ...]", url: str) -> None:
    if not is_web_url(url):
        raise Rejected([finding(path, describe_bad_url(url), WEB_URL_FIX, "url") for path in paths])


def _set(target: "dict[str, Any]", key: str, value: "Any") -> None:
    if value is not None:
        target[key] = value


def feed(
    title: "str | None",
    description: "str | None",
    image_url: "str | None",
    image_width: "int | None",
    image_height: "int | None",
    link: str,
) -> "dict[str, Any]":
    """``FeedTemplate(content=Content(..., link=Link(web_url=link, mobile_web_url=link))).to_js()``.

    ``image_url`` must already be a web URL (the page's image is). Raises :class:`Rejected`.
    """
    _web_url(("web_url", "mobile_web_url"), link)
    snake = new_object()
    js = new_object()
    for key, camel, value in (
        ("title", "title", title),
        ("description", "description", description),
        ("image_url", "imageUrl", image_url),
        ("image_width", "imageWidth", image_width),
        ("image_height", "imageHeight", image_height),
    ):
        _set(snake, key, value)
        _set(js, camel, value)
    snake["link"] = {"web_url": link, "mobile_web_url": link}
    js_link = new_object()
    js_link["webUrl"] = js_link["mobileWebUrl"] = link
    js["link"] = js_link
    template_object = new_object()
    template_object["object_type"] = "feed"
    template_object["content"] = snake
    _check_payload(default_params(template_object))
    out = new_object()
    out["objectType"] = "feed"
    out["content"] = js
    return out


def custom(template_id: int, template_args: "dict[str, str] | None") -> "dict[str, Any]":
    """``CustomTemplate(template_id=..., template_args=...).to_js()``; raises :class:`Rejected`."""
    _check_payload(custom_params(template_id, template_args))
    out = new_object()
    out["templateId"] = template_id
    if template_args:
        out["templateArgs"] = template_args
    return out


def scrap(request_url: str, template_id: "int | None", template_args: "dict[str, str] | None") -> "dict[str, Any]":
    """``ScrapTemplate(request_url=..., ...).to_js()``; raises :class:`Rejected` (path ``request_url``)."""
    _web_url(("request_url",), request_url)
    _check_payload(scrap_params(request_url, template_id, template_args))
    out = new_object()
    out["requestUrl"] = request_url
    _set(out, "templateId", template_id)
    if template_args:
        out["templateArgs"] = template_args
    return out


def options(
    install_talk: bool, callback_args: "dict[str, str] | None", picker_type: "str | None", picker_limit: "int | None"
) -> "tuple[dict[str, Any], tuple[int, int, int] | None]":
    """``ShareOptions(...).to_js()`` of the widget's options, and the oldest SDK that takes them."""
    out = new_object()
    if install_talk:
        out["installTalk"] = True
    _set(out, "serverCallbackArgs", callback_args)
    if picker_type is None and picker_limit is None:
        return out, None
    picker = new_object()
    _set(picker, "type", picker_type)
    _set(picker, "limit", picker_limit)
    out["pickerSettings"] = picker
    return out, PICKER_SETTINGS_SDK


def feed_sdk(title: "str | None", image_url: "str | None") -> "tuple[int, int, int] | None":
    """The oldest SDK that takes a content block with this title and image (older ones require both)."""
    return OPTIONAL_CONTENT_SDK if title is None or image_url is None else None


# --- display checks (what Kakao accepts but shows badly) ---------------------------------------------


def image_warnings(loc: "tuple[Any, ...]", url: "str | None") -> "list[dict[str, str]]":
    if url is not None and ascii_lower(url[:5]) == "http:":
        return [
            finding(
                format_path(loc),
                "image links should be https (http images may be blocked or shown slowly)",
                "serve the image over https",
                "image_not_https",
            )
        ]
    return []


def content_warnings(
    loc: "tuple[Any, ...]",
    title: "str | None",
    description: "str | None",
    image_url: "str | None",
    image_width: "int | None",
    image_height: "int | None",
) -> "list[dict[str, str]]":
    """The display checks of one content block at ``loc`` (``("content",)``)."""
    out = []
    if title is None and image_url is None and description is None:
        out.append(
            finding(
                format_path(loc),
                "the content has no title, description or image",
                "add a title or an image",
                "content_empty",
            )
        )
    for name, value, lines in (("title", title, TITLE_LINES), ("description", description, DESCRIPTION_LINES)):
        if value is not None and value.count("\n") + 1 > lines:
            out.append(
                finding(
                    format_path(loc + (name,)),  # noqa: RUF005 (MicroPython has no starred tuples)
                    f"{name}s show up to {lines} lines; the rest is cut",
                    f"use at most {lines} lines",
                    name + "_lines",
                )
            )
    out.extend(image_warnings(loc + ("image_url",), image_url))  # noqa: RUF005 (MicroPython has no starred tuples)
    for name, size in (("image_width", image_width), ("image_height", image_height)):
        if size is not None and size < MIN_IMAGE_SIDE:
            out.append(
                finding(
                    format_path(loc + (name,)),  # noqa: RUF005 (MicroPython has no starred tuples)
                    f"images under about {MIN_IMAGE_SIDE}x{MIN_IMAGE_SIDE} pixels display badly",
                    f"use an image at least {MIN_IMAGE_SIDE} pixels on each side",
                    "image_small",
                )
            )
    return out
