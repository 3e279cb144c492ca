"""Images on Kakao's servers: the size Kakao takes (:func:`check_upload_size`) and what it answers after
``uploadImage`` / ``scrapImage`` (:class:`ImageInfo`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from ._exceptions import SDKError
from ._problems import invalid

__all__ = ["MAX_IMAGE_BYTES", "ImageInfo", "check_upload_size"]

#: Kakao takes images of at most 5 MB to upload or scrap (documented); read as 5 MiB, the larger reading.
MAX_IMAGE_BYTES = 5 * 1024 * 1024


def check_upload_size(index: int, name: str, size: int) -> None:
    """Refuse file ``index`` before anything is sent when it is over Kakao's 5 MB (Kakao would refuse it)."""
    if size > MAX_IMAGE_BYTES:
        raise invalid(
            f"files[{index}]",
            f"{name or 'the file'} is {size / 1024 / 1024:.1f} MB; Kakao takes images of at most 5 MB",
            "make the image smaller (resize it, or save it as JPEG/WebP) and upload it again",
            code="image_too_large",
            model="upload_image",
        )


class ImageInfo(BaseModel):
    """An image stored on Kakao's servers, ready to use as ``image_url`` in a template.

    Kakao answers ``{"infos": {"original": {"url", "content_type", "length", "width", "height"}}}``;
    :meth:`from_response` reads that (or the inner object). Unknown extra keys are ignored, because
    this is Kakao's data, not the user's.
    """

    model_config = ConfigDict(frozen=True, extra="ignore")

    url: str
    """Where Kakao serves the image (use it as ``Content.image_url``)."""

    content_type: str | None = None
    """MIME type, e.g. ``image/png``."""

    length: int | None = None
    """File size in bytes."""

    width: int | None = None
    """Width in pixels."""

    height: int | None = None
    """Height in pixels."""

    @classmethod
    def from_response(cls, data: Mapping[str, Any]) -> ImageInfo:
        """Parse Kakao's response body; raises :class:`SDKError` if it has an unexpected shape."""
        inner: Any = data
        if isinstance(inner, Mapping) and "infos" in inner:
            inner = inner["infos"]
            inner = inner.get("original") if isinstance(inner, Mapping) else None
        if not isinstance(inner, Mapping):
            raise SDKError("unexpected image response from Kakao: no infos.original object")
        try:
            return cls.model_validate(inner)
        except ValidationError as exc:
            raise SDKError(f"unexpected image response from Kakao: {exc.errors()[0]['msg']}") from None
