"""kakao-share: typed, validated KakaoTalk sharing from Python (PyScript/Pyodide or CPython).

Build a message with the template models, check it, preview it, and hand ``to_js()`` to Kakao's
JavaScript SDK::

    from kakao_share import FeedTemplate, Content, Link

    msg = FeedTemplate(content=Content(title="Hello", image_url="https://example.com/a.png",
                                       link=Link(web_url="https://example.com")))
    msg.to_js()               # -> dict for Kakao.Share.sendDefault
    msg.to_template_object()  # -> snake_case template_object as the SDK posts it

Importing this package does not import Jinja2; authoring and preview import it on first use.
"""

from __future__ import annotations

from ._authoring import EXAMPLES, example_context, load_example, render_template
from ._checks import check
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
from ._images import ImageInfo
from ._links import Link
from ._options import PickerSettings, ShareOptions
from ._page import PageMetadata
from ._preview import PREVIEW_CSS, render_preview
from ._share import ShareSettings, min_sdk_version, parse_settings, share_settings
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
    parse_template,
    template_json_schema,
)
from ._widget import WidgetConfig
from ._wire import LINK_VER, PAYLOAD_LIMIT

__version__ = "0.1.0"

__all__ = [
    "EXAMPLES",
    # constants
    "LINK_VER",
    "PAYLOAD_LIMIT",
    "PREVIEW_CSS",
    "Button",
    "CalendarTemplate",
    "Commerce",
    "CommerceTemplate",
    "Content",
    "CustomTemplate",
    "DefaultTemplate",
    # templates
    "FeedTemplate",
    "Finding",
    "ImageInfo",
    "ItemContent",
    "ItemRow",
    "KakaoAPIError",
    # errors and warnings
    "KakaoShareError",
    "KakaoShareWarning",
    # components
    "Link",
    "ListTemplate",
    "LocationTemplate",
    "PageMetadata",
    "PickerSettings",
    "PopupBlocked",
    "SDKError",
    "SDKInitError",
    "SDKLoadError",
    "SDKVersionError",
    "ScrapTemplate",
    # options and images
    "ShareOptions",
    "ShareSettings",
    "Social",
    "Template",
    "TemplateError",
    "TemplateRenderError",
    "TextTemplate",
    "WidgetConfig",
    "__version__",
    # checks, authoring, preview
    "check",
    "example_context",
    "load_example",
    "min_sdk_version",
    "parse_settings",
    "parse_template",
    "render_preview",
    "render_template",
    "share_settings",
    "template_json_schema",
]
