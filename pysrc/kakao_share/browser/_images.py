"""Kakao's image storage from the page: ``upload_image``, ``scrap_image``, ``delete_image``."""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from typing import Any

import js
from pydantic import TypeAdapter, ValidationError
from pyodide.ffi import to_js

from .._base import ImageUrl
from .._exceptions import KakaoAPIError, SDKError
from .._images import ImageInfo, check_upload_size
from .._problems import invalid, template_error
from ._interop import JsException, js_array, js_object, plain, sdk_error
from ._sdk import require_share

__all__ = ["delete_image", "scrap_image", "upload_image"]

FileLike = Any
"""A JS ``File``/``Blob``, or ``(filename, bytes[, content type])`` from Python."""


def _js_file(index: int, item: FileLike) -> Any:
    if isinstance(item, tuple):
        name, data, *rest = item
        check_upload_size(index, name, len(data))
        content_type = rest[0] if rest else "application/octet-stream"
        buffer = to_js(memoryview(bytes(data)))
        return js.File.new([buffer], name, plain({"type": content_type}))
    if getattr(item, "size", None) is None:
        raise invalid("files", "each file must be a File/Blob or a (name, bytes, type) tuple", model="upload_image")
    check_upload_size(index, str(getattr(item, "name", "") or ""), int(item.size))
    return item


def _js_files(files: Any) -> Any:
    """Always a JS array: the SDK sends an empty body when given a single File."""
    if hasattr(files, "item") and hasattr(files, "length") and not isinstance(files, (list, tuple)):
        files = [files.item(i) for i in range(files.length)]  # a FileList
    elif isinstance(files, tuple) or getattr(files, "size", None) is not None:
        files = [files]
    items = [_js_file(i, f) for i, f in enumerate(files)]
    if not items:
        raise invalid("files", "at least one file is needed", model="upload_image")
    return js_array(items)


@cache
def _call_rejecting_with_errors() -> Any:
    """``(target, method, settings) => target[method](settings)``, rejecting with an ``Error`` always.

    The SDK rejects image calls with Kakao's parsed JSON body, a plain object, and Pyodide never
    returns from awaiting a promise rejected with a non-Error value (and crashes when a promise is
    passed back into JavaScript as an argument). So one small JavaScript function makes the call and
    turns a rejection into an ``Error`` whose ``body`` is Kakao's answer.
    """
    return js.Function.new(
        "target",
        "method",
        "settings",
        "return target[method](settings).catch((reason) => { if (reason instanceof Error) throw reason;"
        " const error = new Error(JSON.stringify(reason)); error.name = 'KakaoAPIError';"
        " error.body = reason; throw error; });",
    )


async def _image_call(method: str, settings: Any) -> Any:
    """Await ``Kakao.Share.<method>(settings)``, with Kakao's error body kept on the exception."""
    share, _ = require_share()
    try:
        result = await _call_rejecting_with_errors()(share, method, settings)
    except JsException as exc:
        raise _api_error(exc) from None
    return result.to_py() if hasattr(result, "to_py") else result


def _api_error(exc: JsException) -> SDKError:
    body: Any = getattr(exc, "body", None)
    data = body.to_py() if hasattr(body, "to_py") else None
    if isinstance(data, Mapping):
        return KakaoAPIError(str(data.get("msg") or data.get("message") or json.dumps(data)), code=data.get("code"))
    return sdk_error(exc)


@cache
def _image_urls() -> TypeAdapter[str]:
    return TypeAdapter(ImageUrl)


def _image_url(value: Any, caller: str) -> str:
    """``value`` if it is an image URL the models accept (the same rule as ``Content.image_url``)."""
    try:
        return _image_urls().validate_python(value)
    except ValidationError as exc:
        raise template_error(exc, caller, ("image_url",)) from None


async def upload_image(files: Any) -> ImageInfo:
    """Upload image files to Kakao (``Kakao.Share.uploadImage``); returns where Kakao serves them.

    A file over Kakao's 5 MB is refused (``TemplateError`` naming ``files[i]``) before anything is sent."""
    return ImageInfo.from_response(await _image_call("uploadImage", js_object(file=_js_files(files))))


async def scrap_image(image_url: str) -> ImageInfo:
    """Have Kakao copy an image from a URL (``Kakao.Share.scrapImage``)."""
    url = _image_url(image_url, "scrap_image")
    return ImageInfo.from_response(await _image_call("scrapImage", plain({"imageUrl": url})))


async def delete_image(image_url: str) -> None:
    """Delete an image uploaded to Kakao (``Kakao.Share.deleteImage``)."""
    await _image_call("deleteImage", plain({"imageUrl": _image_url(image_url, "delete_image")}))
