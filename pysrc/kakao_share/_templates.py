"""Message templates: the six default types, scrap and custom, and :func:`parse_template`.

Each template knows its two wire forms (see :mod:`kakao_share._wire` for the exact rules):
``to_js()`` for the JavaScript SDK and ``to_template_object()`` / ``validation_params()`` for what
the SDK posts to Kakao. Construction validates everything Kakao's SDK or servers would reject,
including the 10,000-character payload limit, so an invalid message never leaves Python.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import lru_cache
from typing import Annotated, Any, ClassVar, Literal, NamedTuple, get_args

from annotated_types import Gt, Le
from pydantic import BeforeValidator, Field, Strict, TypeAdapter, ValidationError, model_validator

from ._base import KakaoModel, NonEmptyStr, SDKFeature, StrMap, WebUrl, flat_str_map, is_web_url, unreadable_json
from ._components import Buttons, Commerce, Content, ItemContent, Social
from ._exceptions import Finding, TemplateError
from ._links import Link
from ._page_urls import resolve_image_urls, with_adjustments
from ._problems import invalid, problem, template_error
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
    "json_object",
    "parse_template",
    "template_json_schema",
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

OPTIONAL_CONTENT = SDKFeature("content without a title or an image", OPTIONAL_CONTENT_SDK)
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
    """An image with title and description, optional item list and social counters, up to 2 buttons."""

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
    """Up to 2 buttons."""


class ListTemplate(_DefaultTemplate):
    """A header and 2-3 contents stacked vertically, up to 2 buttons."""

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
    """Up to 2 buttons."""

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
    """Up to 2 buttons."""


class CommerceTemplate(_DefaultTemplate):
    """A product: content block plus prices and discount, up to 2 buttons."""

    object_type: Literal["commerce"] = "commerce"
    """Always ``"commerce"``."""

    content: Content
    """The main content block (product image and link)."""

    commerce: Commerce
    """Prices."""

    button_title: ButtonTitle | None = None
    """Title of the default button (used when ``buttons`` is not set)."""

    buttons: Buttons = None
    """Up to 2 buttons."""


class TextTemplate(_DefaultTemplate):
    """Plain text (shown up to 200 characters) with a link, up to 2 buttons."""

    object_type: Literal["text"] = "text"
    """Always ``"text"``."""

    text: NonEmptyStr
    """The message text; KakaoTalk shows up to 200 characters."""

    link: Link
    """Where a tap on the message leads."""

    button_title: ButtonTitle | None = None
    """Title of the default button (used when ``buttons`` is not set)."""

    buttons: Buttons = None
    """Up to 2 buttons."""


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
    """Up to 2 buttons."""


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
_BY_OBJECT_TYPE = dict(zip(OBJECT_TYPES, DEFAULT_TEMPLATE_CLASSES, strict=True))


@lru_cache(maxsize=1)
def _default_adapter() -> TypeAdapter[Any]:
    return TypeAdapter(DefaultTemplate)


def template_json_schema() -> dict[str, Any]:
    """JSON schema of any default template (a ``oneOf`` keyed on ``objectType``), for editors."""
    return _default_adapter().json_schema()


def _error(path: str, rule: str, fix: str = "", code: str = "invalid") -> TemplateError:
    return invalid(path, rule, fix, code=code, model="template")


def json_object(data: Any, what: str) -> Mapping[str, Any]:
    """``data`` as a mapping: a dict as is, JSON text decoded; anything else is a :class:`TemplateError`."""
    if isinstance(data, (str, bytes, bytearray)):
        try:
            data = json.loads(data)
        except json.JSONDecodeError as exc:
            raise _error(
                "", f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})", code="json_invalid"
            ) from None
        except (ValueError, RecursionError) as exc:  # bytes that are not UTF-8, nesting too deep, ...
            raise _error("", f"not valid JSON: {unreadable_json(exc)}", code="json_invalid") from None
    if not isinstance(data, Mapping):
        raise _error("", f"{what} must be a JSON object (a dict)", code="object_type_error")
    return data


def parse_template(data: Any, *, base_url: str | None = None) -> Template:
    """Build the right template class from a dict or JSON text (snake_case or camelCase keys).

    Accepts what ``to_js()`` or ``to_template_object()`` produce, a full ``validation_params``
    document (``{"link_ver": ..., ...}``), or an existing template (returned as is). A dict with
    ``object_type`` is a default template, one with ``request_url`` a scrap template and one with
    only ``template_id`` a custom template. Raises :class:`TemplateError`.

    ``base_url`` is the address of the page the message is shared from. With it, a relative image
    URL (``/img/a.png``) is resolved against that page and an empty one means no image, as a browser
    would read them; each change is reported by :func:`check` on the result. Without it both are
    errors (Kakao cannot fetch such images).
    """
    if isinstance(data, TEMPLATE_CLASSES):
        template: Template = data
        return template
    if base_url is not None and not (isinstance(base_url, str) and is_web_url(base_url)):
        raise invalid("base_url", "must be the page's absolute http(s) address", code="url", model="template")
    data = json_object(data, "a template")
    if "link_ver" in data:
        data = {key: value for key, value in data.items() if key != "link_ver"}
        if "template_object" in data:
            inner = data.pop("template_object")
            if data:
                raise _error(next(iter(data)), "unknown field next to template_object", "remove it", "extra_forbidden")
            data = inner
            if not isinstance(data, Mapping):
                raise _error("template_object", "must be an object", code="object_type_error")
    if "object_type" in data or "objectType" in data:
        kind = data.get("object_type", data.get("objectType"))
        cls = _BY_OBJECT_TYPE.get(kind) if isinstance(kind, str) else None
        adjustments: tuple[Finding, ...] = ()
        if cls is not None and base_url is not None:
            data, adjustments = resolve_image_urls(data, cls, base_url)
        try:
            model: Template = _default_adapter().validate_python(data)
        except ValidationError as exc:
            name = cls.__name__ if cls is not None else "template"
            raise template_error(exc, name, tags=frozenset(OBJECT_TYPES)) from None
        return with_adjustments(model, adjustments)
    if "request_url" in data or "requestUrl" in data:
        return ScrapTemplate.model_validate(data)
    if "template_id" in data or "templateId" in data:
        return CustomTemplate.model_validate(data)
    raise _error(
        "object_type",
        "cannot tell the template type: no object_type (default templates), request_url (scrap) "
        "or template_id (custom)",
        "add objectType: " + ", ".join(OBJECT_TYPES),
        "missing",
    )
