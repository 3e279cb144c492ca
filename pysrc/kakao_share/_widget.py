"""The ``<kakao-share-button>`` element's attributes as one validated configuration: :class:`WidgetConfig`.

A site owner configures the share widget with HTML attributes only, so every mistake has to be
explained in their terms: the attribute's name (``template-args.count``, not a Python field), the
rule, and the fix written as HTML. Everything here is pure Python; the widget's browser code reads
the element and the page and hands them over.

    config = WidgetConfig.from_attributes({"app-key": "…", "template-id": "12345"}, page_url=location)
    template, options = config.share_parts(PageMetadata(url=location, ...))
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Mapping
from typing import Annotated, Any, Literal

from annotated_types import Ge, Le
from pydantic import AfterValidator, BeforeValidator, Field, ValidationInfo, model_validator

from ._base import FrozenDict, KakaoModel, StrMap, WebUrl
from ._exceptions import Finding, TemplateError
from ._options import PickerSettings, ShareOptions
from ._page import PageMetadata
from ._problems import MAX_SAFE_INTEGER, problem
from ._sdk_builds import DEFAULT_SDK_VERSION
from ._share import ShareParts
from ._templates import CustomTemplate, ScrapTemplate, Template
from .portable import attributes as rules
from .portable.attributes import DISPLAY_ATTRIBUTES, ELEMENT, INLINE, INLINE_TEMPLATE_TYPE, SHARE_ATTRIBUTES
from .portable.findings import Invalid
from .portable.text import strip

__all__ = ["DISPLAY_ATTRIBUTES", "INLINE_TEMPLATE_TYPE", "SHARE_ATTRIBUTES", "WidgetConfig"]


def _rule(read: Callable[[str, str], Any]) -> Callable[[Any, ValidationInfo], Any]:
    """A field validator that reads attribute text with ``read`` (other values pass to the field's type)."""

    def validate(value: Any, info: ValidationInfo) -> Any:
        if not isinstance(value, str):
            return value
        try:
            return read(info.field_name or "", value)
        except Invalid as exc:
            raise problem(exc.code, exc.rule, exc.fix, at=exc.at) from None

    return validate


def _address(field: str, text: str, base_url: Any = None) -> str:
    return rules.read_address(field, text, base_url)


def _address_rule(value: Any, info: ValidationInfo) -> Any:
    """A URL attribute, read against the page's address (``context={"base_url": ...}``) like ``href``."""
    base = (info.context or {}).get("base_url")
    return _rule(lambda field, text: _address(field, text, base))(value, info)


def _string_map(field: str, text: str) -> FrozenDict:
    return FrozenDict(rules.read_string_map(field, text))


def _required_key(value: str | None) -> str | None:
    try:
        return rules.read_app_key(value)
    except Invalid as exc:
        raise problem(exc.code, exc.rule, exc.fix) from None


Switch = Annotated[bool, BeforeValidator(_rule(rules.read_switch))]
StringMap = Annotated[StrMap | None, BeforeValidator(_rule(_string_map))]
Address = Annotated[WebUrl | None, BeforeValidator(_address_rule)]
Stripped = BeforeValidator(_rule(lambda _field, text: strip(text)))


class WidgetConfig(KakaoModel):
    """What one ``<kakao-share-button>`` shares and how, from its attributes (see :data:`SHARE_ATTRIBUTES`).

    Build it with :meth:`from_attributes`; errors are :class:`TemplateError` whose paths are attribute
    names. The message is one of: a console template (``template-id``), a scraped page (``scrap``),
    a Jinja2 template (a ``<script type="text/x-kakao-template">`` child or ``template-src``), or by
    default a feed of the page's own metadata.
    """

    app_key: Annotated[str | None, AfterValidator(_required_key), Field(validate_default=True)] = None
    template_id: Annotated[int, Ge(1), Le(MAX_SAFE_INTEGER), BeforeValidator(_rule(rules.read_template_id))] | None = (
        None
    )
    template_args: StringMap = None
    template_src: Address = None
    inline_template: str | None = None
    """The source of the element's ``<script type="text/x-kakao-template">`` child."""
    scrap: Switch = False
    url: Address = None
    callback_args: StringMap = None
    install_talk: Switch = False
    picker_type: Annotated[
        Literal["friend", "chat"] | None, BeforeValidator(_rule(lambda _f, text: rules.read_picker_type(text)))
    ] = None
    picker_limit: Annotated[int | None, BeforeValidator(_rule(rules.read_picker_limit))] = None
    sdk_version: Annotated[str, Stripped] | None = None
    sdk_integrity: Annotated[str, Stripped] | None = None
    sdk_src: Address = None
    data: StrMap = FrozenDict()
    """The element's ``data-*`` values (``data-sale-price`` as ``sale_price``)."""

    @model_validator(mode="after")
    def _consistent(self) -> WidgetConfig:
        try:
            rules.check_together({name: getattr(self, name) for name in rules.FIELDS})
        except Invalid as exc:
            raise problem(exc.code, exc.rule, exc.fix, at=exc.at) from None
        return self

    # --- building ---------------------------------------------------------------------------------

    @classmethod
    def from_attributes(
        cls, attributes: Mapping[str, str], *, page_url: str, inline_template: str | None = None
    ) -> WidgetConfig:
        """Validate an element's attributes (name -> value, as the DOM gives them).

        Relative URLs are read against ``page_url``. ``data-*`` attributes become :attr:`data`; other
        attributes are ignored unless they look like a misspelt widget attribute. Every problem is
        reported at once in one :class:`TemplateError`.
        """
        texts, data, unknown = rules.scan(attributes)
        problems = [Finding.from_portable(found) for found in unknown]
        values: dict[str, Any] = dict(texts)
        values["data"] = data
        if inline_template is not None:
            values["inline_template"] = inline_template
        try:
            config = cls.model_validate(values, context={"base_url": page_url})
        except TemplateError as exc:
            problems.extend(_on_attributes(exc.problems))
            config = None
        if problems or config is None:
            raise TemplateError(problems, model=ELEMENT)
        return config

    @property
    def has_source(self) -> bool:
        """Whether the message comes from a Jinja2 source (``template-src`` or an inline one)."""
        return self.template_src is not None or self.inline_template is not None

    @property
    def picker_settings(self) -> PickerSettings | None:
        if self.picker_type is None and self.picker_limit is None:
            return None
        return PickerSettings(type=self.picker_type, limit=self.picker_limit)

    @property
    def sdk_build(self) -> tuple[str, str | None, str | None]:
        """The SDK to load: (version, integrity or None for the published hash, address or None for Kakao's CDN)."""
        return self.sdk_version or DEFAULT_SDK_VERSION, self.sdk_integrity, self.sdk_src

    @property
    def options(self) -> ShareOptions:
        """The share options the attributes ask for."""
        return ShareOptions(
            server_callback_args=self.callback_args,
            install_talk=True if self.install_talk else None,
            picker_settings=self.picker_settings,
        )

    @property
    def template_name(self) -> str:
        """How errors name the Jinja2 template: the child element, or its URL."""
        return INLINE if self.inline_template is not None else str(self.template_src)

    def share_parts(self, page: PageMetadata, template_source: str | None = None) -> ShareParts:
        """The message and options for ``page``. ``template_source`` is the text at ``template-src``.

        Raises :class:`TemplateError` (:class:`TemplateRenderError` for a Jinja2 template, with the
        template's line).
        """
        return ShareParts(self._template(page, template_source), self.options)

    def settings(self, page: PageMetadata, template_source: str | None = None) -> ShareParts:
        """Deprecated name of :meth:`share_parts` ("settings" is the SDK's one object, not this pair)."""
        warnings.warn("WidgetConfig.settings() is now WidgetConfig.share_parts()", DeprecationWarning, stacklevel=2)
        return self.share_parts(page, template_source)

    def _template(self, page: PageMetadata, template_source: str | None) -> Template:
        from ._authoring import render_template

        if self.has_source:
            source = self.inline_template if self.inline_template is not None else template_source
            if source is None:
                raise ValueError("template-src must be fetched first: pass its text as template_source")
            context = page.context(data=self.data, url=self.url)
            model: Template = render_template(source, context, name=self.template_name)
            return model
        try:
            if self.template_id is not None and not self.scrap:
                return CustomTemplate(template_id=self.template_id, template_args=self.template_args)
            if self.scrap:
                return ScrapTemplate(
                    request_url=self.url or page.share_url,
                    template_id=self.template_id,
                    template_args=self.template_args,
                )
        except TemplateError as exc:
            raise TemplateError(_on_attributes(exc.problems, {"request_url": "url"}), model=ELEMENT) from None
        return page.feed(url=self.url)

    def warnings(self) -> list[Finding]:
        """Things that work but are probably mistakes (an app key that is still the placeholder)."""
        return [Finding.from_portable(found) for found in rules.app_key_warnings(self.app_key)]


def _on_attributes(problems: list[Finding], renamed: Mapping[str, str] | None = None) -> list[Finding]:
    """Findings with field paths (``template_args.count``) rewritten as attribute names (``template-args.count``)."""
    return [
        Finding(rules.attribute_path(found.path, dict(renamed or {})), found.rule, found.fix, found.code)
        for found in problems
    ]
