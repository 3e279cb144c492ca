"""A form for every message type: :func:`message_form` describes the fields, converts what a user typed.

A page that lets people write a KakaoTalk message needs, per template type, which fields there are,
how they are labelled (Korean and English), which are required, which texts KakaoTalk cuts off where,
and which groups repeat (buttons, list contents, item rows, key/value arguments). :class:`MessageForm`
holds that, and converts between the form's values and the one settings object the SDK takes:

* **values** are flat: ``{path: text or bool}``, keyed by the same paths the library's errors use
  (``content.link.web_url``, ``buttons[1].title``; key/value rows as ``template_args[0].key`` and
  ``template_args[0].value``). A page names its inputs by these paths and reads them back as typed.
* :meth:`MessageForm.settings` turns values into the camelCase settings object (empty fields left out,
  whole numbers converted), ready for :func:`~kakao_share.parse_settings`, which reports problems by
  path; :meth:`MessageForm.locate` finds the input a problem belongs to.
* :meth:`MessageForm.values` is the way back, from a settings object (say, a shared link) to values,
  listing whatever the form cannot hold instead of dropping it silently.

Everything here is plain data and works the same on CPython and in the browser.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from pydantic.alias_generators import to_camel

from ._exceptions import Finding
from ._i18n import Text
from ._options import PickerSettings, ShareOptions
from ._problems import parse_path
from .portable.limits import (
    DESCRIPTION_LINES,
    DISCOUNT_RATE,
    HEADER_TITLE_LIMIT,
    ITEM_CONTENT_LIMITS,
    ITEM_LIMIT,
    LIST_CONTENTS,
    MAX_BUTTONS,
    MAX_ITEM_ROWS,
    PICKER_LIMIT,
    TEXT_LIMIT,
    TITLE_LINES,
)

__all__ = [
    "MESSAGE_KINDS",
    "FormField",
    "FormGroup",
    "FormNode",
    "FormPairs",
    "FormValues",
    "MessageForm",
    "form_for_settings",
    "message_form",
]

MESSAGE_KINDS: tuple[str, ...] = ("feed", "list", "location", "commerce", "text", "calendar", "scrap", "custom")
"""Every message type, in the order a page offers them: the six default templates, scrap, custom."""

FormValues = dict[str, str | bool]
"""What a user typed: ``{path: text}`` (``{path: bool}`` for checkboxes)."""

Input = Literal["text", "textarea", "url", "image", "integer", "select", "checkbox"]


@dataclass(frozen=True)
class FormField:
    """One input. ``name`` is the snake_case field of the model; :attr:`key` its camelCase name."""

    name: str
    label: Text
    input: Input = "text"
    """``url`` and ``image`` are URLs (``image`` can be filled by an upload); ``integer`` a whole number."""
    required: bool = False
    hint: Text | None = None
    limit: int | None = None
    """How many characters KakaoTalk shows (longer text is accepted but cut)."""
    choices: tuple[tuple[str, Text], ...] = ()
    """(value, label) pairs to pick from (a ``select``, or an ``integer`` picked from a list); the value
    ``""`` means "not set"."""
    minimum: int | None = None
    maximum: int | None = None

    @property
    def key(self) -> str:
        return to_camel(self.name)


@dataclass(frozen=True)
class FormPairs:
    """Key/value rows for a flat string-to-string mapping (template arguments, server callback arguments)."""

    name: str
    label: Text
    hint: Text | None = None

    @property
    def key(self) -> str:
        return to_camel(self.name)


@dataclass(frozen=True)
class FormGroup:
    """A set of inputs: an object (``content``, a ``link``) or, with :attr:`repeat`, a list of them."""

    name: str
    label: Text
    children: tuple[FormNode, ...]
    required: bool = False
    """Sent as ``{}`` when every input in it is empty (``link``); optional groups are then left out."""
    repeat: tuple[int, int] | None = None
    """``(fewest, most)`` rows for a list (``buttons``: ``(0, 2)``)."""
    row_label: Text | None = None
    """Label of one row, with ``{n}`` for its 1-based number (``Button {n}``)."""
    hint: Text | None = None
    since: tuple[int, int, int] | None = None
    """Oldest JavaScript SDK that supports the group, when it needs a recent one."""

    @property
    def key(self) -> str:
        return to_camel(self.name)


FormNode = FormField | FormGroup | FormPairs

_METHODS = {"scrap": "sendScrap", "custom": "sendCustom"}
_INTEGER = re.compile(r"\s*[+-]?\d+\s*")


@dataclass(frozen=True)
class MessageForm:
    """The form of one message type (``message``) plus the share options every type takes (``options``)."""

    kind: str
    label: Text
    description: Text
    message: FormGroup
    options: FormGroup

    @property
    def method(self) -> str:
        """The ``Kakao.Share`` function that sends this type: ``sendDefault``, ``sendScrap`` or ``sendCustom``."""
        return _METHODS.get(self.kind, "sendDefault")

    @property
    def is_default(self) -> bool:
        return self.kind not in _METHODS

    def sections(self) -> tuple[FormGroup, FormGroup]:
        return (self.message, self.options)

    # --- values --------------------------------------------------------------------------------

    def blank(self) -> FormValues:
        """Values of an empty form: every input empty, repeated groups at their fewest rows."""
        values: FormValues = {}
        for section in self.sections():
            for node in section.children:
                _blank(node, node.name, values)
        return values

    def fields(self, values: Mapping[str, Any] | None = None) -> Iterator[tuple[str, FormField]]:
        """Every input as ``(path, field)``, with the rows ``values`` has (the fewest rows without)."""
        for section in self.sections():
            for node in section.children:
                yield from _fields(node, node.name, values or {})

    def rows(self, values: Mapping[str, Any], path: str) -> int:
        """How many rows the repeated group or key/value list at ``path`` has in ``values``."""
        return _rows(values, path)

    def add_row(self, values: Mapping[str, Any], path: str) -> FormValues:
        """``values`` with one more, empty row in the group at ``path``."""
        node = self.node(path)
        out: FormValues = dict(values)
        row = f"{path}[{_rows(values, path)}]"
        if isinstance(node, FormPairs):
            out[f"{row}.key"] = ""
            out[f"{row}.value"] = ""
        elif isinstance(node, FormGroup):
            for child in node.children:
                _blank(child, f"{row}.{child.name}", out)
        return out

    def remove_row(self, values: Mapping[str, Any], path: str, index: int) -> FormValues:
        """``values`` without row ``index`` of the group at ``path``; later rows move up."""
        head = f"{path}["
        out: FormValues = {}
        for key, value in values.items():
            if key.startswith(head):
                number, _, rest = key[len(head) :].partition("]")
                if number.isdigit():
                    i = int(number)
                    if i == index:
                        continue
                    if i > index:
                        key = f"{head}{i - 1}]{rest}"
            out[key] = value
        return out

    def node(self, path: str) -> FormNode | None:
        """The field or group a form path names (row numbers ignored), or None."""
        parts = [part for part in parse_path(path) if isinstance(part, str)]
        nodes: tuple[FormNode, ...] = self.message.children + self.options.children
        found: FormNode | None = None
        for part in parts:
            found = next((n for n in nodes if n.name == part), None)
            if found is None:
                return None
            nodes = found.children if isinstance(found, FormGroup) else ()
        return found

    # --- values -> settings ----------------------------------------------------------------------

    def settings(self, values: Mapping[str, Any]) -> tuple[dict[str, Any], list[Finding]]:
        """The camelCase settings object for ``Kakao.Share.<method>``, and what the form itself found wrong.

        Empty inputs are left out, whole numbers become integers (anything else in a number input is
        kept as typed, so validation reports it at that input), and key/value rows become an object.
        """
        problems: list[Finding] = []
        out: dict[str, Any] = {"objectType": self.kind} if self.is_default else {}
        for section in self.sections():
            for node in section.children:
                value = _collect(node, node.name, values, problems)
                if value is not None:
                    out[node.key] = value
        return out, problems

    # --- settings -> values ----------------------------------------------------------------------

    def values(self, settings: Mapping[str, Any]) -> tuple[FormValues, list[Finding]]:
        """Values that show ``settings`` (camelCase or snake_case) in this form, and what did not fit.

        Nothing is dropped silently: a key the form has no input for, or a value of the wrong shape,
        becomes a :class:`Finding` at its path (code ``not_in_form``), and the rest is still filled in.
        """
        values = self.blank()
        for path in [p for p in values if "[" in p]:
            del values[path]  # rows come from the settings
        problems: list[Finding] = []
        data = dict(settings)
        kind = data.pop("objectType", data.pop("object_type", None))
        if self.is_default and kind != self.kind:
            problems.append(_misfit("object_type", f"is {kind!r}, shown as a {self.kind} message"))
        elif not self.is_default and kind is not None:
            problems.append(_misfit("object_type", f"{self.kind} messages have no object type"))
        rest = _place_object(self.message.children + self.options.children, "", data, values, problems)
        for key in rest:
            problems.append(_misfit(_snake(key), "is not part of this form; left out"))
        for path, field in self.fields(values):
            values.setdefault(path, False if field.input == "checkbox" else "")
        return values, problems

    # --- problems -> inputs --------------------------------------------------------------------

    def locate(self, path: str, values: Mapping[str, Any]) -> str:
        """The form path to show a problem at ``path`` on: its input, else its nearest group ("" = the form).

        A problem inside a key/value mapping (``template_args["name"]``) goes to that row's value.
        """
        nodes: tuple[FormNode, ...] = self.message.children + self.options.children
        parts = parse_path(path)
        at = ""
        i = 0
        while i < len(parts):
            part = parts[i]
            node = next((n for n in nodes if n.name == part), None) if isinstance(part, str) else None
            if node is None:
                break
            at = f"{at}.{node.name}" if at else node.name
            i += 1
            if isinstance(node, FormPairs):
                if i < len(parts) and isinstance(parts[i], str):
                    row = _pair_row(values, at, str(parts[i]))
                    if row is not None:
                        return f"{at}[{row}].value"
                return at
            if not isinstance(node, FormGroup):
                return at
            if node.repeat is not None:
                if i < len(parts) and isinstance(parts[i], int):
                    at = f"{at}[{parts[i]}]"
                    i += 1
                else:
                    return at
            nodes = node.children
        return at


def _snake(key: str) -> str:
    return re.sub(r"(?<!^)([A-Z])", lambda m: "_" + m.group(1).lower(), key)


def _misfit(path: str, rule: str) -> Finding:
    return Finding(path, rule, "edit the message in the form", "not_in_form")


def _blank(node: FormNode, path: str, out: FormValues) -> None:
    if isinstance(node, FormField):
        out[path] = False if node.input == "checkbox" else ""
    elif isinstance(node, FormGroup):
        rows = [f"{path}[{i}]" for i in range(node.repeat[0])] if node.repeat else [path]
        for row in rows:
            for child in node.children:
                _blank(child, f"{row}.{child.name}", out)


def _rows(values: Mapping[str, Any], path: str) -> int:
    head = f"{path}["
    count = 0
    for key in values:
        if key.startswith(head):
            number = key[len(head) :].partition("]")[0]
            if number.isdigit():
                count = max(count, int(number) + 1)
    return count


def _fields(node: FormNode, path: str, values: Mapping[str, Any]) -> Iterator[tuple[str, FormField]]:
    if isinstance(node, FormField):
        yield path, node
    elif isinstance(node, FormGroup):
        if node.repeat:
            count = max(_rows(values, path), node.repeat[0]) if values else node.repeat[0]
            rows = [f"{path}[{i}]" for i in range(count)]
        else:
            rows = [path]
        for row in rows:
            for child in node.children:
                yield from _fields(child, f"{row}.{child.name}", values)
    else:
        for i in range(_rows(values, path)):
            yield f"{path}[{i}].key", FormField("key", Text("Key", "키"))
            yield f"{path}[{i}].value", FormField("value", Text("Value", "값"))


def _pair_row(values: Mapping[str, Any], path: str, key: str) -> int | None:
    for i in range(_rows(values, path)):
        if values.get(f"{path}[{i}].key") == key:
            return i
    return None


def _scalar(field: FormField, raw: Any) -> Any:
    if field.input == "checkbox":
        return True if raw is True else None
    if not isinstance(raw, str) or raw == "":
        return None
    if field.input == "integer":
        return int(raw) if _INTEGER.fullmatch(raw) else raw
    return raw


def _collect(node: FormNode, path: str, values: Mapping[str, Any], problems: list[Finding]) -> Any:
    if isinstance(node, FormField):
        return _scalar(node, values.get(path))
    if isinstance(node, FormPairs):
        mapping: dict[str, str] = {}
        for i in range(_rows(values, path)):
            key = values.get(f"{path}[{i}].key") or ""
            value = values.get(f"{path}[{i}].value") or ""
            if not isinstance(key, str) or not isinstance(value, str) or (key == "" and value == ""):
                continue
            if key == "":
                problems.append(
                    Finding(f"{path}[{i}].key", "the key is empty", "enter a key or remove the row", "key_missing")
                )
            elif key in mapping:
                problems.append(
                    Finding(f"{path}[{i}].key", f"the key {key!r} is used twice", "use each key once", "duplicate_key")
                )
            else:
                mapping[key] = value
        return mapping or None
    if node.repeat is not None:
        count = _rows(values, path)
        if count == 0:
            return None
        return [_object(node, f"{path}[{i}]", values, problems) for i in range(count)]
    obj = _object(node, path, values, problems)
    if obj or node.required:
        return obj
    return None


def _object(group: FormGroup, path: str, values: Mapping[str, Any], problems: list[Finding]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for child in group.children:
        value = _collect(child, f"{path}.{child.name}", values, problems)
        if value is not None:
            out[child.key] = value
    return out


def _take(data: dict[str, Any], node: FormNode) -> tuple[bool, Any]:
    for key in (node.key, node.name):
        if key in data:
            return True, data.pop(key)
    return False, None


def _place_object(
    nodes: tuple[FormNode, ...], path: str, data: dict[str, Any], values: FormValues, problems: list[Finding]
) -> list[str]:
    """Put ``data``'s entries into ``values``; return the keys no node took."""
    for node in nodes:
        present, value = _take(data, node)
        if present:
            _place(node, f"{path}.{node.name}" if path else node.name, value, values, problems)
    return list(data)


def _place(node: FormNode, path: str, value: Any, values: FormValues, problems: list[Finding]) -> None:
    if value is None:
        return
    if isinstance(node, FormField):
        if node.input == "checkbox":
            if isinstance(value, bool):
                values[path] = value
            else:
                problems.append(_misfit(path, "must be true or false; left out"))
        elif isinstance(value, str):
            values[path] = value
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            values[path] = repr(value) if isinstance(value, float) else str(value)
        else:
            problems.append(_misfit(path, f"must be a single value, not {type(value).__name__}; left out"))
        return
    if isinstance(node, FormPairs):
        if not isinstance(value, Mapping):
            problems.append(_misfit(path, "must be an object of keys and values; left out"))
            return
        for i, (key, item) in enumerate(value.items()):
            values[f"{path}[{i}].key"] = str(key)
            if isinstance(item, str):
                values[f"{path}[{i}].value"] = item
            else:
                values[f"{path}[{i}].value"] = ""
                problems.append(_misfit(f"{path}[{i}].value", f"must be text, not {type(item).__name__}; left out"))
        return
    if node.repeat is not None:
        if not isinstance(value, (list, tuple)):
            problems.append(_misfit(path, "must be a list; left out"))
            return
        for i, item in enumerate(value):
            _place_group_object(node, f"{path}[{i}]", item, values, problems)
        return
    _place_group_object(node, path, value, values, problems)


def _place_group_object(group: FormGroup, path: str, value: Any, values: FormValues, problems: list[Finding]) -> None:
    for child in group.children:
        _blank(child, f"{path}.{child.name}", values)
    if not isinstance(value, Mapping):
        problems.append(_misfit(path, "must be an object; left out"))
        return
    rest = _place_object(group.children, path, dict(value), values, problems)
    for key in rest:
        problems.append(_misfit(f"{path}.{_snake(key)}", "is not part of this form; left out"))


# --- the forms ---------------------------------------------------------------------------------------


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


_BUTTONS = FormGroup(
    "buttons",
    Text("Buttons", "버튼"),
    (_f("title", "Button title", "버튼 이름", required=True), _link()),
    repeat=(0, MAX_BUTTONS),
    row_label=Text("Button {n}", "버튼 {n}"),
    hint=Text(f"Up to {MAX_BUTTONS} buttons under the message", f"메시지 아래 버튼, 최대 {MAX_BUTTONS}개"),
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
            repeat=(0, MAX_ITEM_ROWS),
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
            minimum=DISCOUNT_RATE[0],
            maximum=DISCOUNT_RATE[1],
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
                _f(
                    "limit", "Most targets", "최대 선택 수", "integer", minimum=PICKER_LIMIT[0], maximum=PICKER_LIMIT[1]
                ),
            ),
            since=_PICKER_SINCE,
            hint=Text(
                "Only for apps Kakao allowed; others get the default screen",
                "카카오가 허용한 앱에서만 적용되고, 그 밖에는 기본 화면이 나옵니다",
            ),
        ),
    ),
)


def _message(kind: str, *children: FormNode) -> FormGroup:
    return FormGroup("", _LABELS[kind][0], children)


_LABELS: dict[str, tuple[Text, Text]] = {
    "feed": (
        Text("Feed", "피드"),
        Text("Image, title and text, with optional items and counters", "이미지·제목·설명, 아이템 목록과 카운터"),
    ),
    "list": (Text("List", "리스트"), Text("A header over 2–3 contents", "헤더 아래 콘텐츠 2~3개")),
    "location": (
        Text("Location", "위치"),
        Text("Content with an address and a map button", "주소와 지도 버튼이 있는 콘텐츠"),
    ),
    "commerce": (Text("Commerce", "커머스"), Text("A product with its price and discount", "가격과 할인이 있는 상품")),
    "text": (Text("Text", "텍스트"), Text("Plain text with a link", "링크가 있는 텍스트")),
    "calendar": (Text("Calendar", "캘린더"), Text("A Talk Calendar event or calendar", "톡캘린더 일정이나 캘린더")),
    "scrap": (
        Text("Scrap", "스크랩"),
        Text("A web page Kakao reads (Open Graph)", "카카오가 읽어 오는 웹 페이지 (오픈 그래프)"),
    ),
    "custom": (
        Text("Custom", "사용자 정의"),
        Text("A template made in Kakao's message template tool", "카카오 메시지 템플릿 도구로 만든 템플릿"),
    ),
}


def _children(kind: str) -> tuple[FormNode, ...]:
    if kind == "feed":
        return (_content(), _ITEM_CONTENT, _SOCIAL, _BUTTON_TITLE, _BUTTONS)
    if kind == "list":
        contents = FormGroup(
            "contents",
            Text("Contents", "콘텐츠 목록"),
            _CONTENT_FIELDS,
            repeat=LIST_CONTENTS,
            row_label=Text("Content {n}", "콘텐츠 {n}"),
        )
        header = _f("header_title", "Header title", "헤더 제목", required=True, limit=HEADER_TITLE_LIMIT)
        return (header, _link("header_link", Text("Header link", "헤더 링크")), contents, _BUTTON_TITLE, _BUTTONS)
    if kind == "location":
        return (
            _content(),
            _f("address", "Address", "주소", required=True),
            _f("address_title", "Place name", "장소 이름"),
            _SOCIAL,
            _BUTTON_TITLE,
            _BUTTONS,
        )
    if kind == "commerce":
        return (_content(), _COMMERCE, _BUTTON_TITLE, _BUTTONS)
    if kind == "text":
        text = _f("text", "Text", "텍스트", "textarea", required=True, limit=TEXT_LIMIT)
        return (text, _link(), _BUTTON_TITLE, _BUTTONS)
    if kind == "calendar":
        id_type = _f(
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
        calendar_id = _f("id", "Event or calendar ID", "일정 또는 캘린더 ID", required=True)
        return (id_type, calendar_id, _content(), _BUTTONS)
    if kind == "scrap":
        url = _f(
            "request_url",
            "Page URL",
            "페이지 URL",
            "url",
            required=True,
            hint=Text("On a domain registered for the app", "앱에 등록된 도메인의 페이지"),
        )
        template_id = _f("template_id", "Template ID (optional)", "템플릿 ID (선택)", "integer", minimum=1)
        return (url, template_id, _TEMPLATE_ARGS)
    template_id = _f(
        "template_id",
        "Template ID",
        "템플릿 ID",
        "integer",
        required=True,
        minimum=1,
        hint=Text("The number Kakao's message template tool shows", "메시지 템플릿 도구에 표시되는 번호"),
    )
    return (template_id, _TEMPLATE_ARGS)


@cache
def message_form(kind: str) -> MessageForm:
    """The form of one message type: ``feed``, ``list``, ``location``, ``commerce``, ``text``, ``calendar``,
    ``scrap`` or ``custom`` (see :data:`MESSAGE_KINDS`). Raises ``ValueError`` for anything else."""
    if kind not in _LABELS:
        raise ValueError(f"no message type {kind!r}; one of {', '.join(MESSAGE_KINDS)}")
    label, description = _LABELS[kind]
    return MessageForm(kind, label, description, _message(kind, *_children(kind)), _OPTIONS)


_SEND_METHODS = {"sendDefault", "sendScrap", "sendCustom"}


def form_for_settings(settings: Mapping[str, Any], method: str | None = None) -> MessageForm | None:
    """The form that shows a settings object: by ``method`` when given, else by its keys; None if unclear."""
    if method is not None and method not in _SEND_METHODS:
        return None
    if method == "sendScrap":
        return message_form("scrap")
    if method == "sendCustom":
        return message_form("custom")
    kind = settings.get("objectType", settings.get("object_type"))
    if isinstance(kind, str) and kind in _LABELS and kind not in _METHODS:
        return message_form(kind)
    if method is None:
        if "requestUrl" in settings or "request_url" in settings:
            return message_form("scrap")
        if "templateId" in settings or "template_id" in settings:
            return message_form("custom")
    return None
