"""The catalogue of message forms: one entry per message type, keyed by kind, built from the models.

Every number a form shows (how many buttons, list contents and item rows; a discount rate's range; the
picker's limit) is read from the models' field constraints, so a changed Kakao limit in
:mod:`kakao_share.portable.limits` reaches the forms without an edit here.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any, NamedTuple

from ._bounds import number_bounds, row_bounds
from ._components import Commerce, ItemContent
from ._form_nodes import FormField, FormGroup, FormNode, FormPairs, Input
from ._forms import MessageForm
from ._i18n import Text
from ._options import PickerSettings, ShareOptions
from ._templates import (
    CUSTOM_SHARE,
    DEFAULT_SHARE,
    OBJECT_TYPES,
    SCRAP_SHARE,
    CustomTemplate,
    FeedTemplate,
    ListTemplate,
    ShareKind,
)
from .portable.limits import (
    DESCRIPTION_LINES,
    HEADER_TITLE_LIMIT,
    ITEM_CONTENT_LIMITS,
    ITEM_LIMIT,
    TEXT_LIMIT,
    TITLE_LINES,
)

__all__ = ["MESSAGE_KINDS", "form_for_settings", "message_form"]


def _f(name: str, en: str, ko: str, input: Input = "text", **more: Any) -> FormField:
    return FormField(name, Text(en, ko), input, **more)


_PARAMS_HINT = Text("key=value&… handed to your app", "앱에 전달할 key=value&…")


_LINK = Text("Link", "링크")


def _link(name: str = "link", label: Text = _LINK, *, required: bool = True) -> FormGroup:
    return FormGroup(
        name,
        label,
        (
            _f("web_url", "Web URL (PC)", "웹 URL (PC)", "url"),
            _f("mobile_web_url", "Mobile web URL", "모바일 웹 URL", "url"),
            _f("android_execution_params", "Android app parameters", "Android 앱 파라미터", hint=_PARAMS_HINT),
            _f("ios_execution_params", "iOS app parameters", "iOS 앱 파라미터", hint=_PARAMS_HINT),
        ),
        required=required,
        hint=Text(
            "Where a tap leads; web links must be on a domain registered for the app",
            "누르면 이동할 곳. 웹 링크는 앱에 등록된 도메인이어야 합니다",
        ),
    )


_CONTENT_FIELDS = (
    _f("title", "Title", "제목", hint=Text(f"Shown up to {TITLE_LINES} lines", f"{TITLE_LINES}줄까지 보입니다")),
    _f(
        "description",
        "Description",
        "설명",
        "textarea",
        hint=Text(f"Shown up to {DESCRIPTION_LINES} lines", f"{DESCRIPTION_LINES}줄까지 보입니다"),
    ),
    _f("image_url", "Image URL", "이미지 URL", "image"),
    _f("image_width", "Image width (px)", "이미지 너비(px)", "integer", minimum=1),
    _f("image_height", "Image height (px)", "이미지 높이(px)", "integer", minimum=1),
    _link(),
)


def _content(name: str = "content") -> FormGroup:
    return FormGroup(name, Text("Content", "콘텐츠"), _CONTENT_FIELDS, required=True)


_MOST_BUTTONS = row_bounds(FeedTemplate, "buttons")[1]
_BUTTONS = FormGroup(
    "buttons",
    Text("Buttons", "버튼"),
    (_f("title", "Button title", "버튼 이름", required=True), _link()),
    repeat=row_bounds(FeedTemplate, "buttons"),
    row_label=Text("Button {n}", "버튼 {n}"),
    hint=Text(f"Up to {_MOST_BUTTONS} buttons under the message", f"메시지 아래 버튼, 최대 {_MOST_BUTTONS}개"),
)

_BUTTON_TITLE = _f(
    "button_title",
    "Default button title",
    "기본 버튼 이름",
    hint=Text("Renames the default button when no buttons are added", "버튼을 추가하지 않았을 때 기본 버튼 이름"),
)

_SOCIAL = FormGroup(
    "social",
    Text("Social counters", "소셜 카운터"),
    (
        _f("like_count", "Likes", "좋아요", "integer"),
        _f("comment_count", "Comments", "댓글", "integer"),
        _f("shared_count", "Shares", "공유", "integer"),
        _f("view_count", "Views", "조회", "integer"),
        _f("subscriber_count", "Subscribers", "구독자", "integer"),
    ),
    hint=Text("KakaoTalk shows the first 3 that are set", "설정한 것 중 앞의 3개만 보입니다"),
)


def _item_limit(name: str) -> int:
    return ITEM_CONTENT_LIMITS[name][0]


_ITEM_CONTENT = FormGroup(
    "item_content",
    Text("Item list", "아이템 목록"),
    (
        _f("profile_text", "Profile text", "프로필 텍스트", limit=_item_limit("profile_text")),
        _f("profile_image_url", "Profile image URL", "프로필 이미지 URL", "image"),
        _f("title_image_url", "Title image URL", "타이틀 이미지 URL", "image"),
        _f("title_image_text", "Title image text", "타이틀 이미지 텍스트", limit=_item_limit("title_image_text")),
        _f(
            "title_image_category",
            "Title image category",
            "타이틀 이미지 카테고리",
            limit=_item_limit("title_image_category"),
        ),
        FormGroup(
            "items",
            Text("Items", "아이템"),
            (
                _f("item", "Item", "항목", required=True, limit=ITEM_LIMIT),
                _f("item_op", "Price", "가격", required=True, hint=Text("Such as 15,000원", "예: 15,000원")),
            ),
            repeat=row_bounds(ItemContent, "items"),
            row_label=Text("Item {n}", "아이템 {n}"),
        ),
        _f("sum", "Total label", "합계 이름", limit=_item_limit("sum")),
        _f("sum_op", "Total", "합계", limit=_item_limit("sum_op")),
    ),
    hint=Text("A receipt-like block of rows and a total", "영수증처럼 항목과 합계를 보여 줍니다"),
)

_COMMERCE = FormGroup(
    "commerce",
    Text("Price", "가격 정보"),
    (
        _f("product_name", "Product name", "상품명"),
        _f("regular_price", "Regular price", "정상가", "integer", required=True),
        _f("discount_price", "Discounted price", "할인가", "integer"),
        _f(
            "discount_rate",
            "Discount rate (%)",
            "할인율(%)",
            "integer",
            **number_bounds(Commerce, "discount_rate"),
        ),
        _f("fixed_discount_price", "Fixed discount", "정액 할인", "integer"),
        _f("currency_unit", "Currency unit", "통화 단위", hint=Text("원 when empty", "비우면 원")),
        _f(
            "currency_unit_position",
            "Currency unit position",
            "통화 단위 위치",
            "integer",
            choices=(
                ("", Text("Not set (after the number)", "지정 안 함 (숫자 뒤)")),
                ("0", Text("After the number", "숫자 뒤")),
                ("1", Text("Before the number", "숫자 앞")),
            ),
        ),
    ),
    required=True,
)

_TEMPLATE_ARGS = FormPairs(
    "template_args",
    Text("Template arguments", "템플릿 인자"),
    Text("Values for the template's ${KEY} placeholders", "템플릿의 ${KEY} 자리에 들어갈 값"),
)

_PICKER_SINCE = ShareOptions(picker_settings=PickerSettings(type="friend")).min_sdk_version

_OPTIONS = FormGroup(
    "",
    Text("Share options", "공유 옵션"),
    (
        _f(
            "install_talk",
            "Send people without KakaoTalk to the app store",
            "카카오톡이 없으면 설치 페이지로 보내기",
            "checkbox",
        ),
        FormPairs(
            "server_callback_args",
            Text("Server callback arguments", "서버 콜백 인자"),
            Text("Sent to your share webhook after a share", "공유 후 공유 웹훅으로 전달됩니다"),
        ),
        FormGroup(
            "picker_settings",
            Text("Share target picker", "공유 대상 선택 화면"),
            (
                _f(
                    "type",
                    "Show",
                    "보여 줄 대상",
                    "select",
                    choices=(
                        ("", Text("Friends and chats", "친구와 채팅방")),
                        ("friend", Text("Friends only", "친구만")),
                        ("chat", Text("Chats only", "채팅방만")),
                    ),
                ),
                _f("limit", "Most targets", "최대 선택 수", "integer", **number_bounds(PickerSettings, "limit")),
            ),
            since=_PICKER_SINCE,
            hint=Text(
                "Only for apps Kakao allowed; others get the default screen",
                "카카오가 허용한 앱에서만 적용되고, 그 밖에는 기본 화면이 나옵니다",
            ),
        ),
    ),
)


class _Entry(NamedTuple):
    label: Text
    description: Text
    children: tuple[FormNode, ...]
    share: ShareKind = DEFAULT_SHARE


_LIST_ROWS = row_bounds(ListTemplate, "contents")
_LIST_CONTENTS = FormGroup(
    "contents",
    Text("Contents", "콘텐츠 목록"),
    _CONTENT_FIELDS,
    repeat=_LIST_ROWS,
    row_label=Text("Content {n}", "콘텐츠 {n}"),
)

_CALENDAR_ID_TYPE = _f(
    "id_type",
    "ID type",
    "ID 종류",
    "select",
    required=True,
    choices=(
        ("", Text("Choose…", "선택…")),
        ("event", Text("Event", "일정")),
        ("calendar", Text("Calendar", "캘린더")),
    ),
)

_CALENDAR_ID = _f("id", "Event or calendar ID", "일정 또는 캘린더 ID", required=True)

_SCRAP_URL = _f(
    "request_url",
    "Page URL",
    "페이지 URL",
    "url",
    required=True,
    hint=Text("On a domain registered for the app", "앱에 등록된 도메인의 페이지"),
)

_CATALOGUE: dict[str, _Entry] = {
    "feed": _Entry(
        Text("Feed", "피드"),
        Text("Image, title and text, with optional items and counters", "이미지·제목·설명, 아이템 목록과 카운터"),
        (_content(), _ITEM_CONTENT, _SOCIAL, _BUTTON_TITLE, _BUTTONS),
    ),
    "list": _Entry(
        Text("List", "리스트"),
        Text("A header over {low}–{high} contents", "헤더 아래 콘텐츠 {low}~{high}개").format(
            low=_LIST_ROWS[0], high=_LIST_ROWS[1]
        ),
        (
            _f("header_title", "Header title", "헤더 제목", required=True, limit=HEADER_TITLE_LIMIT),
            _link("header_link", Text("Header link", "헤더 링크")),
            _LIST_CONTENTS,
            _BUTTON_TITLE,
            _BUTTONS,
        ),
    ),
    "location": _Entry(
        Text("Location", "위치"),
        Text("Content with an address and a map button", "주소와 지도 버튼이 있는 콘텐츠"),
        (
            _content(),
            _f("address", "Address", "주소", required=True),
            _f("address_title", "Place name", "장소 이름"),
            _SOCIAL,
            _BUTTON_TITLE,
            _BUTTONS,
        ),
    ),
    "commerce": _Entry(
        Text("Commerce", "커머스"),
        Text("A product with its price and discount", "가격과 할인이 있는 상품"),
        (_content(), _COMMERCE, _BUTTON_TITLE, _BUTTONS),
    ),
    "text": _Entry(
        Text("Text", "텍스트"),
        Text("Plain text with a link", "링크가 있는 텍스트"),
        (
            _f("text", "Text", "텍스트", "textarea", required=True, limit=TEXT_LIMIT),
            _link(),
            _BUTTON_TITLE,
            _BUTTONS,
        ),
    ),
    "calendar": _Entry(
        Text("Calendar", "캘린더"),
        Text("A Talk Calendar event or calendar", "톡캘린더 일정이나 캘린더"),
        (_CALENDAR_ID_TYPE, _CALENDAR_ID, _content(), _BUTTONS),
    ),
    SCRAP_SHARE.action: _Entry(
        Text("Scrap", "스크랩"),
        Text("A web page Kakao reads (Open Graph)", "카카오가 읽어 오는 웹 페이지 (오픈 그래프)"),
        (
            _SCRAP_URL,
            _f(
                "template_id",
                "Template ID (optional)",
                "템플릿 ID (선택)",
                "integer",
                **number_bounds(CustomTemplate, "template_id"),
            ),
            _TEMPLATE_ARGS,
        ),
        SCRAP_SHARE,
    ),
    CUSTOM_SHARE.action: _Entry(
        Text("Custom", "사용자 정의"),
        Text("A template made in Kakao's message template tool", "카카오 메시지 템플릿 도구로 만든 템플릿"),
        (
            _f(
                "template_id",
                "Template ID",
                "템플릿 ID",
                "integer",
                required=True,
                hint=Text("The number Kakao's message template tool shows", "메시지 템플릿 도구에 표시되는 번호"),
                **number_bounds(CustomTemplate, "template_id"),
            ),
            _TEMPLATE_ARGS,
        ),
        CUSTOM_SHARE,
    ),
}

MESSAGE_KINDS: tuple[str, ...] = (*OBJECT_TYPES, SCRAP_SHARE.action, CUSTOM_SHARE.action)
"""Every message type, in the order a page offers them: the default templates' object types, scrap, custom."""

_BY_METHOD = {entry.share.send_method: kind for kind, entry in _CATALOGUE.items() if entry.share != DEFAULT_SHARE}


@cache
def message_form(kind: str) -> MessageForm:
    """The form of one message type: ``feed``, ``list``, ``location``, ``commerce``, ``text``, ``calendar``,
    ``scrap`` or ``custom`` (see :data:`MESSAGE_KINDS`). Raises ``ValueError`` for anything else."""
    entry = _CATALOGUE.get(kind)
    if entry is None:
        raise ValueError(f"no message type {kind!r}; one of {', '.join(MESSAGE_KINDS)}")
    message = FormGroup("", entry.label, entry.children)
    return MessageForm(kind, entry.label, entry.description, message, _OPTIONS, entry.share)


def form_for_settings(settings: Mapping[str, Any], method: str | None = None) -> MessageForm | None:
    """The form that shows a settings object: by ``method`` when given, else by its keys; None if unclear."""
    if method is not None and method != DEFAULT_SHARE.send_method:
        return message_form(_BY_METHOD[method]) if method in _BY_METHOD else None
    kind = settings.get("objectType", settings.get("object_type"))
    if isinstance(kind, str) and kind in OBJECT_TYPES:
        return message_form(kind)
    if method is None:
        if "requestUrl" in settings or "request_url" in settings:
            return message_form(SCRAP_SHARE.action)
        if "templateId" in settings or "template_id" in settings:
            return message_form(CUSTOM_SHARE.action)
    return None
