"""kakao-share: typed, validated KakaoTalk sharing from Python (PyScript/Pyodide or CPython).

Build a message with the template models, check it, preview it, and hand ``to_js()`` to Kakao's
JavaScript SDK::

    from kakao_share import FeedTemplate, Content, Link

    msg = FeedTemplate(content=Content(title="Hello", image_url="https://example.com/a.png",
                                       link=Link(web_url="https://example.com")))
    msg.to_js()               # -> dict for Kakao.Share.sendDefault
    msg.to_template_object()  # -> snake_case template_object as the SDK posts it

Importing this package does not import Jinja2; authoring and preview import it on first use.
The browser bridge is the subpackage :mod:`kakao_share.browser` (in a PyScript page only); the pure
modules that also run on MicroPython are :mod:`kakao_share.portable`.
"""

import sys

# On MicroPython (the share widget on host pages) only the pure modules of kakao_share.portable
# run; importing one of them runs this file first, so it must import nothing there.
if sys.implementation.name != "micropython":
    from ._api_errors import APIErrorHelp, explain_api_error
    from ._authoring import EXAMPLES, example_context, load_example, render_template
    from ._checks import check
    from ._codegen import SHARE_BUTTON_SELECTOR, javascript_code, python_code, wire_json
    from ._components import Button, Commerce, Content, ItemContent, ItemRow, Social
    from ._exceptions import (
        Finding,
        KakaoAPIError,
        KakaoShareError,
        KakaoShareWarning,
        PopupBlocked,
        SDKError,
        SDKInitError,
        SDKLoadError,
        SDKVersionError,
        TemplateError,
        TemplateRenderError,
    )
    from ._finding_text import finding_text
    from ._form_catalogue import MESSAGE_KINDS, form_for_settings, message_form
    from ._forms import FormField, FormGroup, FormPairs, MessageForm
    from ._i18n import Text, language
    from ._images import ImageInfo
    from ._links import Link
    from ._options import PickerSettings, ShareOptions
    from ._page import PageMetadata
    from ._preview import PREVIEW_CSS, render_preview
    from ._share import ShareParts, min_sdk_version, parse_settings, share_settings
    from ._sharelink import SHARE_FRAGMENT, ShareLink
    from ._template_parsing import parse_template, template_json_schema
    from ._templates import (
        CalendarTemplate,
        CommerceTemplate,
        CustomTemplate,
        DefaultTemplate,
        FeedTemplate,
        ListTemplate,
        LocationTemplate,
        ScrapTemplate,
        Template,
        TextTemplate,
    )
    from ._widget import WidgetConfig
    from ._wire import LINK_VER, PAYLOAD_LIMIT

__version__ = "0.1.0"

__all__ = [
    "EXAMPLES",
    "LINK_VER",
    "MESSAGE_KINDS",
    "PAYLOAD_LIMIT",
    "PREVIEW_CSS",
    "SHARE_BUTTON_SELECTOR",
    "SHARE_FRAGMENT",
    "APIErrorHelp",
    "Button",
    "CalendarTemplate",
    "Commerce",
    "CommerceTemplate",
    "Content",
    "CustomTemplate",
    "DefaultTemplate",
    "FeedTemplate",
    "Finding",
    "FormField",
    "FormGroup",
    "FormPairs",
    "ImageInfo",
    "ItemContent",
    "ItemRow",
    "KakaoAPIError",
    "KakaoShareError",
    "KakaoShareWarning",
    "Link",
    "ListTemplate",
    "LocationTemplate",
    "MessageForm",
    "PageMetadata",
    "PickerSettings",
    "PopupBlocked",
    "SDKError",
    "SDKInitError",
    "SDKLoadError",
    "SDKVersionError",
    "ScrapTemplate",
    "ShareLink",
    "ShareOptions",
    "ShareParts",
    "Social",
    "Template",
    "TemplateError",
    "TemplateRenderError",
    "Text",
    "TextTemplate",
    "WidgetConfig",
    "__version__",
    "check",
    "example_context",
    "explain_api_error",
    "finding_text",
    "form_for_settings",
    "javascript_code",
    "language",
    "load_example",
    "message_form",
    "min_sdk_version",
    "parse_settings",
    "parse_template",
    "python_code",
    "render_preview",
    "render_template",
    "share_settings",
    "template_json_schema",
    "wire_json",
]


_RENAMED = {"ShareSettings": "ShareParts"}


def __getattr__(name: str) -> object:
    """Old names, still answered with a :class:`DeprecationWarning`."""
    if name in _RENAMED:
        import warnings

        warnings.warn(f"kakao_share.{name} is now {_RENAMED[name]}", DeprecationWarning, stacklevel=2)
        return globals()[_RENAMED[name]]
    raise AttributeError(f"module 'kakao_share' has no attribute {name!r}")
