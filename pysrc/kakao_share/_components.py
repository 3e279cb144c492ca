"""The building blocks of default templates: buttons, content, item lists, social counts, prices."""

from __future__ import annotations

from typing import Annotated, Any

from annotated_types import Ge, Le
from pydantic import BeforeValidator, Field, Strict

from ._base import ImageUrl, JSInt, KakaoModel, NonEmptyStr
from ._links import Link
from .portable.limits import CURRENCY_UNIT_POSITIONS, DISCOUNT_RATE, MAX_BUTTONS, MAX_ITEM_ROWS

__all__ = ["Button", "Commerce", "Content", "ItemContent", "ItemRow", "Social", "none_if_empty"]


def none_if_empty(value: Any) -> Any:
    """``[]`` means "no buttons": store None so the wire forms never carry an empty list."""
    if isinstance(value, (list, tuple)) and not value:
        return None
    return value


class Button(KakaoModel):
    """A button under the message; a template shows at most ``MAX_BUTTONS``."""

    title: NonEmptyStr
    """Label of the button (Kakao recommends short labels)."""

    link: Link
    """Where the button leads."""


Buttons = Annotated[
    Annotated[tuple[Button, ...], Field(max_length=MAX_BUTTONS)] | None,
    BeforeValidator(none_if_empty),
]


class Content(KakaoModel):
    """The main block of a message: image, title, description and the link of the whole block."""

    title: str | None = None
    """Headline, shown up to 2 lines. Required by SDK 2.2-2.6, optional from 2.7."""

    description: str | None = None
    """Body text, shown up to 4 lines in feed messages."""

    image_url: ImageUrl | None = None
    """Image shown on top; an absolute, publicly reachable https URL. Required by SDK 2.2-2.6."""

    image_width: JSInt | None = None
    """Image width in pixels (helps KakaoTalk lay the message out before the image loads)."""

    image_height: JSInt | None = None
    """Image height in pixels."""

    link: Link
    """Where a tap on the content leads."""


class ItemRow(KakaoModel):
    """One row of an item list: a label and its value (usually a price)."""

    item: NonEmptyStr
    """Label, shown up to 6 characters."""

    item_op: NonEmptyStr
    """Value, meant for prices (digits, currency symbols, commas, periods)."""


class ItemContent(KakaoModel):
    """A receipt-like block of a feed message: profile, title image, item rows and a total."""

    profile_text: str | None = None
    """Name next to the profile image, shown up to 16 characters."""

    profile_image_url: ImageUrl | None = None
    """Small profile image."""

    title_image_url: ImageUrl | None = None
    """Title image, centre-cropped to a square."""

    title_image_text: str | None = None
    """Title next to the title image, up to 24 characters over 2 lines."""

    title_image_category: str | None = None
    """Category under the title, up to 14 characters on 1 line."""

    items: Annotated[
        Annotated[tuple[ItemRow, ...], Field(max_length=MAX_ITEM_ROWS)] | None,
        BeforeValidator(none_if_empty),
    ] = None
    """Rows of label and value, at most ``MAX_ITEM_ROWS`` (:mod:`kakao_share.portable.limits`)."""

    sum: str | None = None
    """Label of the total row, up to 6 characters."""

    sum_op: str | None = None
    """Value of the total row, up to 11 characters, shown bold."""


class Social(KakaoModel):
    """Counters shown under the content; KakaoTalk shows at most three of them."""

    like_count: JSInt | None = None
    """Number of likes."""

    comment_count: JSInt | None = None
    """Number of comments."""

    shared_count: JSInt | None = None
    """Number of shares."""

    view_count: JSInt | None = None
    """Number of views."""

    subscriber_count: JSInt | None = None
    """Number of subscribers."""


class Commerce(KakaoModel):
    """Price block of a commerce message. All amounts are integers in the currency's unit."""

    product_name: str | None = None
    """Product name, shown above the price."""

    regular_price: JSInt
    """Regular price (required)."""

    discount_price: JSInt | None = None
    """Price after the discount."""

    discount_rate: Annotated[int, Strict(), Ge(DISCOUNT_RATE[0]), Le(DISCOUNT_RATE[1])] | None = None
    """Discount in percent, within ``DISCOUNT_RATE`` (:mod:`kakao_share.portable.limits`)."""

    fixed_discount_price: JSInt | None = None
    """Discount as an amount (instead of a rate)."""

    currency_unit: str | None = None
    """Currency label, such as 원 or $ (KakaoTalk shows 원 when not set)."""

    currency_unit_position: (
        Annotated[int, Strict(), Ge(CURRENCY_UNIT_POSITIONS[0]), Le(CURRENCY_UNIT_POSITIONS[1])] | None
    ) = None
    """0: currency unit after the number (default), 1: before it."""
