"""The ``<kakao-share-button>`` element's attributes as one validated configuration: :class:`WidgetConfig`.

A site owner configures the share widget with HTML attributes only, so every mistake has to be
explained in their terms: the attribute's name (``template-args.count``, not a Python field), the
rule, and the fix written as HTML. Everything here is pure Python; the widget's browser code reads
the element and the page and hands them over.

    config = WidgetConfig.from_attributes({"app-key": "…", "template-id": "12345"}, page_url=location)
    template, options = config.settings(PageMetadata(url=location, ...))
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Mapping
from typing import Annotated, Any, Literal
from urllib.parse import urljoin

from annotated_types import Ge, Le
from pydantic import AfterValidator, BeforeValidator, Field, ValidationInfo, model_validator

from ._base import FrozenDict, KakaoModel, StrMap, WebUrl
from ._exceptions import Finding, TemplateError
from ._options import PickerSettings, ShareOptions
from ._page import PageMetadata
from ._problems import MAX_SAFE_INTEGER, problem
from ._sdk_builds import DEFAULT_SDK_VERSION, PUBLISHED_SRI
from ._share import ShareSettings
from ._templates import CustomTemplate, ScrapTemplate, Template

__all__ = ["DISPLAY_ATTRIBUTES", "INLINE_TEMPLATE_TYPE", "SHARE_ATTRIBUTES", "WidgetConfig"]

#: What each attribute the widget's Python reads does (the README documents them with examples).
SHARE_ATTRIBUTES: dict[str, str] = {
    "app-key": "the app's JavaScript key (required)",
    "template-id": "share a message template built in Kakao's console (sendCustom)",
    "template-args": "values for the console template's ${placeholders}, as a JSON object of strings",
    "template-src": "the URL of a Jinja2 message template filled from the page",
    "scrap": "let Kakao scrape the page's Open Graph tags (sendScrap)",
    "url": "the address to share instead of the page's own",
    "callback-args": "values Kakao forwards to the app's share webhook, as a JSON object of strings",
    "install-talk": "send people without KakaoTalk to the app store",
    "picker-type": "show only friends (friend) or only chats (chat) in the target picker",
    "picker-limit": "how many targets may be picked, 1-10",
    "sdk-version": "the Kakao JavaScript SDK version to load",
    "sdk-integrity": "the SRI hash of that SDK version, from Kakao's download page",
    "sdk-src": "load the SDK from this address (a copy you host) instead of Kakao's CDN",
}
#: Attributes the loader draws the button from (validated there, before Python starts).
DISPLAY_ATTRIBUTES: tuple[str, ...] = ("text", "size", "theme")
#: The ``type`` of a ``<script>`` child that holds an inline message template.
INLINE_TEMPLATE_TYPE = "text/x-kakao-template"

_ELEMENT = "<kakao-share-button>"
_INLINE = f'<script type="{INLINE_TEMPLATE_TYPE}">'


def _attribute(field: str) -> str:
    return field.replace("_", "-")


# --- reading attribute text -------------------------------------------------------------------------


def _switch(value: Any, info: ValidationInfo) -> Any:
    """A boolean attribute: present (``scrap``, ``scrap=""``, ``scrap="true"``) or ``"false"``."""
    if not isinstance(value, str):
        return value
    text = value.strip().lower()
    name = _attribute(info.field_name or "")
    if text in ("", "true", name):
        return True
    if text == "false":
        return False
    raise problem("switch", "is an on/off switch and takes no value", f"write {name} alone to turn it on")


def _whole_number(value: Any, info: ValidationInfo) -> Any:
    if not isinstance(value, str):
        return value
    text = value.strip()
    if re.fullmatch(r"\d{1,16}", text):
        return int(text)
    name = _attribute(info.field_name or "")
    example = "12345" if name == "template-id" else "5"
    raise problem("whole_number", "must be a whole number", f'write it as digits only, e.g. {name}="{example}"')


def _picker_limit(value: Any, info: ValidationInfo) -> Any:
    number = _whole_number(value, info)
    if isinstance(number, int) and not 1 <= number <= 10:
        raise problem("out_of_range", "must be from 1 to 10", 'write a number from 1 to 10, e.g. picker-limit="5"')
    return number


def _string_map(value: Any, info: ValidationInfo) -> Any:
    """A JSON object of strings, as an attribute writes it: ``'{"post": "42"}'``."""
    if not isinstance(value, str):
        return value
    name = _attribute(info.field_name or "")
    fix = f"""write a JSON object of strings, e.g. {name}='{{"key": "value"}}'"""
    try:
        data = json.loads(value)
    except json.JSONDecodeError as exc:
        raise problem("json_invalid", f"is not valid JSON ({exc.msg} at character {exc.pos})", fix) from None
    if not isinstance(data, dict):
        raise problem("object_type_error", "must be a JSON object", fix)
    for key, item in data.items():
        if isinstance(item, (dict, list)):
            raise problem("string_type", "values must be strings, not nested data", "flatten it", at=(key,))
        if not isinstance(item, str):
            shown = json.dumps(item)
            raise problem(
                "string_type", f"values must be strings, not {shown}", f'put the value in quotes: "{shown}"', at=(key,)
            )
    return FrozenDict(data)


def _address(value: Any, info: ValidationInfo) -> Any:
    """A URL attribute, read against the page's address like the browser reads ``href``."""
    if not isinstance(value, str):
        return value
    base = (info.context or {}).get("base_url")
    text = value.strip()
    if not text:
        name = _attribute(info.field_name or "")
        raise problem("string_too_short", "is empty", f"give {name} an address, or leave it out")
    return urljoin(base, text) if isinstance(base, str) else text


def _stripped(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def _required_key(value: str | None) -> str | None:
    if not value:
        raise problem(
            "app_key_missing",
            "is required: the app's JavaScript key",
            'add app-key="…" with the JavaScript key from Kakao Developers (your app › App Keys)',
        )
    return value


def _picker_type(value: Any) -> Any:
    if isinstance(value, str) and value.strip() not in ("friend", "chat"):
        raise problem("picker_type", "must be friend or chat", 'write picker-type="friend" or picker-type="chat"')
    return value.strip() if isinstance(value, str) else value


Switch = Annotated[bool, BeforeValidator(_switch)]
StringMap = Annotated[StrMap | None, BeforeValidator(_string_map)]
Address = Annotated[WebUrl | None, BeforeValidator(_address)]


class WidgetConfig(KakaoModel):
    """What one ``<kakao-share-button>`` shares and how, from its attributes (see :data:`SHARE_ATTRIBUTES`).

    Build it with :meth:`from_attributes`; errors are :class:`TemplateError` whose paths are attribute
    names. The message is one of: a console template (``template-id``), a scraped page (``scrap``),
    a Jinja2 template (a ``<script type="text/x-kakao-template">`` child or ``template-src``), or by
    default a feed of the page's own metadata.
    """

    app_key: Annotated[
        str | None, BeforeValidator(_stripped), AfterValidator(_required_key), Field(validate_default=True)
    ] = None
    template_id: Annotated[int, Ge(1), Le(MAX_SAFE_INTEGER), BeforeValidator(_whole_number)] | None = None
    template_args: StringMap = None
    template_src: Address = None
    inline_template: str | None = None
    """The source of the element's ``<script type="text/x-kakao-template">`` child."""
    scrap: Switch = False
    url: Address = None
    callback_args: StringMap = None
    install_talk: Switch = False
    picker_type: Annotated[Literal["friend", "chat"] | None, BeforeValidator(_picker_type)] = None
    picker_limit: Annotated[int | None, BeforeValidator(_picker_limit)] = None
    sdk_version: Annotated[str, BeforeValidator(_stripped)] | None = None
    sdk_integrity: Annotated[str, BeforeValidator(_stripped)] | None = None
    sdk_src: Address = None
    data: StrMap = FrozenDict()
    """The element's ``data-*`` values (``data-sale-price`` as ``sale_price``)."""

    @model_validator(mode="after")
    def _consistent(self) -> WidgetConfig:
        template = 'a Jinja2 template (template-src or a <script type="text/x-kakao-template"> child)'
        if self.template_id is not None and self.has_template:
            raise problem(
                "one_message",
                f"a button shares one message: a console template (template-id) or {template}, not both",
                "remove template-id, or the Jinja2 template",
                at=("template_id",),
            )
        if self.scrap and self.has_template:
            raise problem(
                "one_message",
                f"Kakao builds a scrap message from the page itself; it cannot use {template}",
                "remove scrap, or the Jinja2 template",
                at=("scrap",),
            )
        if self.template_args is not None and self.template_id is None:
            raise problem(
                "args_without_template",
                "fills the placeholders of a console template, but the button has no template-id",
                'add template-id="…" (the number shown in Kakao\'s message template tool)',
                at=("template_args",),
            )
        if self.template_src is not None and self.inline_template is not None:
            raise problem(
                "one_message",
                f"the button also has a {_INLINE} child; it can use one template",
                "remove template-src, or the child template",
                at=("template_src",),
            )
        if self.sdk_version is not None and not re.fullmatch(r"\d+\.\d+\.\d+", self.sdk_version):
            raise problem(
                "sdk_version", "must be a version such as 2.8.3", 'write sdk-version="2.8.3"', at=("sdk_version",)
            )
        if self.sdk_integrity is not None:
            if not re.fullmatch(r"sha(256|384|512)-[A-Za-z0-9+/]+={0,2}", self.sdk_integrity):
                raise problem(
                    "sdk_integrity",
                    "must be an SRI hash such as sha384-…",
                    "copy the integrity value shown next to the SDK version on Kakao's download page",
                    at=("sdk_integrity",),
                )
            if self.sdk_version is None:
                raise problem(
                    "sdk_integrity",
                    "is the hash of one SDK version, but the button names no sdk-version",
                    'add sdk-version="…" for the version this hash belongs to',
                    at=("sdk_integrity",),
                )
        elif self.sdk_version is not None and self.sdk_version not in PUBLISHED_SRI:
            raise problem(
                "sdk_integrity",
                f"is needed for Kakao SDK {self.sdk_version} (its hash is not built in)",
                'add sdk-integrity="sha384-…" as shown next to the version on Kakao\'s SDK download page',
                at=("sdk_integrity",),
            )
        try:
            self.picker_settings  # noqa: B018  # validates type and limit together
        except TemplateError as exc:
            first = exc.problems[0]
            raise problem(first.code or "picker", first.rule, first.fix, at=("picker_limit",)) from None
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
        values: dict[str, Any] = {}
        data: dict[str, str] = {}
        problems: list[Finding] = []
        known = [*SHARE_ATTRIBUTES, *DISPLAY_ATTRIBUTES]
        for raw_name, value in attributes.items():
            name = raw_name.lower()
            if name.startswith("data-"):
                data[name[5:].replace("-", "_")] = value
            elif name in SHARE_ATTRIBUTES:
                values[name.replace("-", "_")] = value
            elif name not in DISPLAY_ATTRIBUTES and not name.startswith("aria-"):
                close = difflib.get_close_matches(name, known, n=1, cutoff=0.75)
                if close:
                    problems.append(
                        Finding(
                            name,
                            f"is not an attribute of {_ELEMENT}",
                            f"did you mean {close[0]}?",
                            code="unknown_attribute",
                        )
                    )
        values["data"] = data
        if inline_template is not None:
            values["inline_template"] = inline_template
        try:
            config = cls.model_validate(values, context={"base_url": page_url})
        except TemplateError as exc:
            problems.extend(_on_attributes(exc.problems))
            config = None
        if problems or config is None:
            raise TemplateError(problems, model=_ELEMENT)
        return config

    @property
    def has_template(self) -> bool:
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
        return _INLINE if self.inline_template is not None else str(self.template_src)

    def settings(self, page: PageMetadata, template_source: str | None = None) -> ShareSettings:
        """The message and options for ``page``. ``template_source`` is the text at ``template-src``.

        Raises :class:`TemplateError` (:class:`TemplateRenderError` for a Jinja2 template, with the
        template's line).
        """
        return ShareSettings(self._template(page, template_source), self.options)

    def _template(self, page: PageMetadata, template_source: str | None) -> Template:
        from ._authoring import render_template

        if self.has_template:
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
            raise TemplateError(_on_attributes(exc.problems, {"request_url": "url"}), model=_ELEMENT) from None
        return page.feed(url=self.url)

    def warnings(self) -> list[Finding]:
        """Things that work but are probably mistakes (an app key that is still the placeholder)."""
        found = []
        if self.app_key and not re.fullmatch(r"[0-9a-f]{32}", self.app_key):
            found.append(
                Finding(
                    "app-key",
                    "does not look like a JavaScript key (32 characters, 0-9 and a-f)",
                    "copy the JavaScript key from Kakao Developers (your app › App Keys)",
                    code="app_key_format",
                )
            )
        return found


def _on_attributes(problems: list[Finding], renamed: Mapping[str, str] | None = None) -> list[Finding]:
    """Findings with field paths (``template_args.count``) rewritten as attribute names (``template-args.count``)."""
    out = []
    for finding in problems:
        match = re.match(r"([a-z_]+)(.*)", finding.path, flags=re.S)
        head, rest = match.groups() if match else (finding.path, "")
        head = (renamed or {}).get(head, head)
        if head in WidgetConfig.model_fields:
            head = _attribute(head)
        out.append(Finding(head + rest, finding.rule, finding.fix, finding.code))
    return out
