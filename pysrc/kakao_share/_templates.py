"""Message templates: the six default types, scrap and custom, and :func:`parse_template`.

Each template knows its two wire forms (see :mod:`kakao_share._wire` for the exact rules):
``to_js()`` for the JavaScript SDK and ``to_template_object()`` / ``validation_params()`` for what
the SDK posts to Kakao. Construction validates everything Kakao's SDK or servers would reject,
including the 10,000-character payload limit, so an invalid message never leaves Python.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, ClassVar, Literal, NamedTuple, get_args

from annotated_types import Gt, Le
from pydantic import BeforeValidator, Field, Strict, model_validator

from ._base import KakaoModel, NonEmptyStr, StrMap, WebUrl, flat_str_map
from ._components import Buttons, Commerce, Content, ItemContent, Social
from ._i18n import Text
from ._links import Link
from ._problems import problem
from ._sdk_features import SDKFeature
from ._wire import (
    PAYLOAD_LIMIT,
    custom_params,
    default_params,
    order_template_object,
    payload_size,
    scrap_params,
    utf16_length,
)
from .portable.limits import LIST_CONTENTS, MAX_SAFE_INTEGER, OPTIONAL_CONTENT_SDK
from .portable.message import payload_too_large
from .portable.sdk import OPTIONAL_CONTENT_WORDS

__all__ = [
    "CUSTOM_SHARE",
    "DEFAULT_SHARE",
    "DEFAULT_TEMPLATE_CLASSES",
    "OBJECT_TYPES",
    "OPTIONAL_CONTENT",
    "SCRAP_SHARE",
    "TEMPLATE_CLASSES",
    "CalendarTemplate",
    "CommerceTemplate",
    "CustomTemplate",
    "DefaultTemplate",
    "FeedTemplate",
    "ListTemplate",
    "LocationTemplate",
    "ScrapTemplate",
    "ShareKind",
    "Template",
    "TextTemplate",
]

ButtonTitle = NonEmptyStr
TemplateId = Annotated[int, Strict(), Gt(0), Le(MAX_SAFE_INTEGER)]


def _empty_to_none(value: Any) -> Any:
    return None if value == "" else value


def _template_args(value: Any) -> Any:
    if isinstance(value, Mapping) and not value:
        return None  # no args: the wire forms leave templateArgs out
    return flat_str_map(value, what="template args")


TemplateArgs = Annotated[StrMap | None, BeforeValidator(_template_args, json_schema_input_type=dict[str, str] | None)]

_JS_OPTIONS = {"mode": "json", "by_alias": True, "exclude_none": True}
_SNAKE_OPTIONS = {"mode": "json", "exclude_none": True}


_DEFAULT_WRAPPER = len('{"link_ver":"4.0","template_object":}')
_EMPTY_ADDRESS_TITLE = len(',"address_title":""')


class ShareKind(NamedTuple):
    """How one kind of template is shared: the ``Kakao.Share`` methods that take it."""

    action: str
    """The ``validation_action`` the SDK posts: ``default``, ``custom`` or ``scrap``."""

    send_method: str
    """The function that shares now (``sendDefault``, ...)."""

    button_method: str
    """The function that makes an element share on click (``createDefaultButton``, ...)."""


DEFAULT_SHARE = ShareKind("default", "sendDefault", "createDefaultButton")
CUSTOM_SHARE = ShareKind("custom", "sendCustom", "createCustomButton")
SCRAP_SHARE = ShareKind("scrap", "sendScrap", "createScrapButton")

OPTIONAL_CONTENT = SDKFeature(Text(*OPTIONAL_CONTENT_WORDS), OPTIONAL_CONTENT_SDK)
"""SDK 2.2-2.6 require ``content.title`` and ``content.imageUrl``; 2.7 made them optional."""


def _too_large(size: int) -> Exception:
    return problem(*payload_too_large(size), size=size)


class _Sendable(KakaoModel):
    """What every template has: the SDK methods it goes through and the size check."""

    share_kind: ClassVar[ShareKind]
    """How this template is shared (its ``Kakao.Share`` methods)."""

    send_method: ClassVar[str]
    """The ``Kakao.Share`` function that sends this template (``sendDefault``, ...)."""

    validation_action: ClassVar[str]
    """The ``validation_action`` the SDK posts with it (``default`` | ``custom`` | ``scrap``)."""

    @property
    def payload_size(self) -> int:
        """Size of ``validation_params()`` as compact JSON, in JavaScript characters (limit 10,000)."""
        return payload_size(self.validation_params())

    def _check_size(self, size: int) -> Any:
        if size > PAYLOAD_LIMIT:
            raise _too_large(size)
        return self

    def to_js(self) -> dict[str, Any]:  # pragma: no cover - overridden
        raise NotImplementedError

    def validation_params(self) -> dict[str, Any]:  # pragma: no cover - overridden
        raise NotImplementedError

    @property
    def sdk_features(self) -> tuple[SDKFeature, ...]:
        """What this template uses that needs a recent JavaScript SDK (empty: any 2.x)."""
        return ()

    @property
    def min_sdk_version(self) -> tuple[int, int, int] | None:
        """Oldest JavaScript SDK version known to accept this template, if it needs a recent one."""
        return max((feature.version for feature in self.sdk_features), default=None)


# The default templates declare ``button_title`` and ``buttons`` in each class rather than here:
# pydantic puts inherited fields first, and the wire forms need these two last (see _wire).
class _DefaultTemplate(_Sendable):
    """Shared behaviour of the default templates (sent with ``Kakao.Share.sendDefault``)."""

    share_kind: ClassVar[ShareKind] = DEFAULT_SHARE
    send_method: ClassVar[str] = DEFAULT_SHARE.send_method
    validation_action: ClassVar[str] = DEFAULT_SHARE.action

    object_type: str

    @model_validator(mode="after")
    def _check_payload(self) -> Any:
        return self._check_size(self.payload_size)

    @property
    def payload_size(self) -> int:
        """Size of ``validation_params()`` as compact JSON, in JavaScript characters (limit 10,000)."""
        # Same length as compact_json(self.validation_params()), computed by pydantic-core: key
        # order does not change a length, and pydantic escapes strings exactly like JSON.stringify.
        text = self.model_dump_json(exclude_none=True)
        size = _DEFAULT_WRAPPER + (len(text) if text.isascii() else utf16_length(text))
        if self.object_type == "location" and getattr(self, "address_title", None) is None:
            size += _EMPTY_ADDRESS_TITLE
        return size

    def to_js(self) -> dict[str, Any]:
        """The settings object for ``Kakao.Share.sendDefault``: camelCase, unset fields left out."""
        return self.model_dump(**_JS_OPTIONS)  # type: ignore[arg-type]

    def to_template_object(self) -> dict[str, Any]:
        """The snake_case ``template_object`` in the SDK's key order (see :mod:`kakao_share._wire`)."""
        return order_template_object(self.model_dump(**_SNAKE_OPTIONS))  # type: ignore[arg-type]

    def validation_params(self) -> dict[str, Any]:
        """``{"link_ver": "4.0", "template_object": {...}}`` exactly as the SDK posts it."""
        return default_params(self.to_template_object())

    def _contents(self) -> tuple[Content, ...]:
        content = getattr(self, "content", None)
        return (content,) if content is not None else ()

    @property
    def sdk_features(self) -> tuple[SDKFeature, ...]:
        if any(content.title is None or content.image_url is None for content in self._contents()):
            return (OPTIONAL_CONTENT,)
        return ()


class FeedTemplate(_DefaultTemplate):
    """An image with title and description, optional item list and social counters, and buttons."""

    object_type: Literal["feed"] = "feed"
    """Always ``"feed"``."""

    content: Content
    """The main content block."""

    item_content: ItemContent | None = None
    """Optional receipt-like item list."""

    social: Social | None = None
    """Optional like/comment/share/view/subscriber counters."""

    button_title: ButtonTitle | None = None
    """Title of the default button (used when ``buttons`` is not set)."""

    buttons: Buttons = None
    """Buttons under the message, at most ``MAX_BUTTONS`` (:mod:`kakao_share.portable.limits`)."""


class ListTemplate(_DefaultTemplate):
    """A header and ``LIST_CONTENTS`` contents stacked vertically, and buttons."""

    object_type: Literal["list"] = "list"
    """Always ``"list"``."""

    header_title: NonEmptyStr
    """Header text, shown up to 200 characters."""

    header_link: Link
    """Where a tap on the header leads."""

    contents: Annotated[tuple[Content, ...], Field(min_length=LIST_CONTENTS[0], max_length=LIST_CONTENTS[1])]
    """2 or 3 content blocks."""

    button_title: ButtonTitle | None = None
    """Title of the default button (used when ``buttons`` is not set)."""

    buttons: Buttons = None
    """Buttons under the message, at most ``MAX_BUTTONS`` (:mod:`kakao_share.portable.limits`)."""

    def _contents(self) -> tuple[Content, ...]:
        return self.contents


class LocationTemplate(_DefaultTemplate):
    """A content block with an address; KakaoTalk adds a button that opens the map."""

    object_type: Literal["location"] = "location"
    """Always ``"location"``."""

    content: Content
    """The main content block."""

    address: NonEmptyStr
    """Address shown on the map (e.g. ``"경기 성남시 분당구 판교역로 235"``)."""

    address_title: Annotated[str | None, BeforeValidator(_empty_to_none)] = None
    """Name of the place, shown on the map (``""`` means not set, as on the wire)."""

    social: Social | None = None
    """Optional counters."""

    button_title: ButtonTitle | None = None
    """Title of the default button (used when ``buttons`` is not set)."""

    buttons: Buttons = None
    """Buttons under the message, at most ``MAX_BUTTONS`` (:mod:`kakao_share.portable.limits`)."""


class CommerceTemplate(_DefaultTemplate):
    """A product: content block plus prices and discount, and buttons."""

    object_type: Literal["commerce"] = "commerce"
    """Always ``"commerce"``."""

    content: Content
    """The main content block (product image and link)."""

    commerce: Commerce
    """Prices."""

    button_title: ButtonTitle | None = None
    """Title of the default button (used when ``buttons`` is not set)."""

    buttons: Buttons = None
    """Buttons under the message, at most ``MAX_BUTTONS`` (:mod:`kakao_share.portable.limits`)."""


class TextTemplate(_DefaultTemplate):
    """Plain text (shown up to 200 characters) with a link, and buttons."""

    object_type: Literal["text"] = "text"
    """Always ``"text"``."""

    text: NonEmptyStr
    """The message text; KakaoTalk shows up to 200 characters."""

    link: Link
    """Where a tap on the message leads."""

    button_title: ButtonTitle | None = None
    """Title of the default button (used when ``buttons`` is not set)."""

    buttons: Buttons = None
    """Buttons under the message, at most ``MAX_BUTTONS`` (:mod:`kakao_share.portable.limits`)."""


class CalendarTemplate(_DefaultTemplate):
    """A Talk Calendar event or public calendar; it has no ``button_title``."""

    object_type: Literal["calendar"] = "calendar"
    """Always ``"calendar"``."""

    id_type: Literal["event", "calendar"]
    """What ``id`` names: a public ``event`` or a public ``calendar``."""

    id: NonEmptyStr
    """The Talk Calendar id of the event or calendar."""

    content: Content
    """The main content block."""

    buttons: Buttons = None
    """Buttons under the message, at most ``MAX_BUTTONS`` (:mod:`kakao_share.portable.limits`)."""


class CustomTemplate(_Sendable):
    """A template built in Kakao's message template tool, filled with ``template_args``."""

    share_kind: ClassVar[ShareKind] = CUSTOM_SHARE
    send_method: ClassVar[str] = CUSTOM_SHARE.send_method
    validation_action: ClassVar[str] = CUSTOM_SHARE.action

    template_id: TemplateId
    """The template's numeric id from Kakao's console."""

    template_args: TemplateArgs = None
    """Values for the template's ``${KEY}`` placeholders: a flat string-to-string mapping."""

    @model_validator(mode="after")
    def _check_payload(self) -> Any:
        return self._check_size(self.payload_size)

    def to_js(self) -> dict[str, Any]:
        """The settings object for ``Kakao.Share.sendCustom``."""
        out: dict[str, Any] = {"templateId": self.template_id}
        if self.template_args:
            out["templateArgs"] = dict(self.template_args)
        return out

    def validation_params(self) -> dict[str, Any]:
        """``{"link_ver": "4.0", "template_id": .., "template_args": {..}}`` (args ``{}`` when none)."""
        return custom_params(self.template_id, self.template_args)


class ScrapTemplate(_Sendable):
    """A web page Kakao scrapes (Open Graph tags), optionally shown with a custom template."""

    share_kind: ClassVar[ShareKind] = SCRAP_SHARE
    send_method: ClassVar[str] = SCRAP_SHARE.send_method
    validation_action: ClassVar[str] = SCRAP_SHARE.action

    request_url: WebUrl
    """The page to scrape; must be on a domain registered for the app."""

    template_id: TemplateId | None = None
    """Optional custom template to show the scraped data in."""

    template_args: TemplateArgs = None
    """Values for the custom template's placeholders."""

    @model_validator(mode="after")
    def _check_payload(self) -> Any:
        return self._check_size(self.payload_size)

    def to_js(self) -> dict[str, Any]:
        """The settings object for ``Kakao.Share.sendScrap``."""
        out: dict[str, Any] = {"requestUrl": self.request_url}
        if self.template_id is not None:
            out["templateId"] = self.template_id
        if self.template_args:
            out["templateArgs"] = dict(self.template_args)
        return out

    def validation_params(self) -> dict[str, Any]:
        """``{"link_ver": "4.0", "request_url": .., ["template_id": ..,] "template_args": {..}}``."""
        return scrap_params(self.request_url, self.template_id, self.template_args)


_DefaultTemplates = FeedTemplate | ListTemplate | LocationTemplate | CommerceTemplate | TextTemplate | CalendarTemplate

DefaultTemplate = Annotated[_DefaultTemplates, Field(discriminator="object_type")]
"""Any default template, told apart by ``object_type`` / ``objectType``."""

Template = _DefaultTemplates | ScrapTemplate | CustomTemplate
"""Anything that can be shared."""

DEFAULT_TEMPLATE_CLASSES: tuple[type[_DefaultTemplate], ...] = get_args(_DefaultTemplates)
TEMPLATE_CLASSES: tuple[type[Any], ...] = get_args(Template)  # isinstance(x, TEMPLATE_CLASSES): x is a Template

#: The default templates' ``object_type`` values, in declaration order.
OBJECT_TYPES: tuple[str, ...] = tuple(cls.model_fields["object_type"].default for cls in DEFAULT_TEMPLATE_CLASSES)
TEMPLATE_BY_OBJECT_TYPE = dict(zip(OBJECT_TYPES, DEFAULT_TEMPLATE_CLASSES, strict=True))
