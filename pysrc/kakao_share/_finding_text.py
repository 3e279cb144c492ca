"""Findings worded for a person filling in a form, in Korean or English: :func:`finding_text`.

Rules are written in English where they are raised (:mod:`kakao_share._problems`,
:mod:`kakao_share._checks`). Here each common rule, keyed by its stable ``code``, gets its Korean wording,
filled in from the finding's own :attr:`~kakao_share.Finding.values` (``at most {max_length}``) and from
Kakao's limits, so no wording restates a number.
"""

from __future__ import annotations

from ._exceptions import Finding
from ._i18n import language
from .portable.limits import (
    DESCRIPTION_LINES,
    DISCOUNT_RATE,
    MIN_IMAGE_SIDE,
    PAYLOAD_LIMIT,
    PICKER_CHAT_LIMIT,
    PICKER_LIMIT,
    SOCIAL_SHOWN,
    TITLE_LINES,
)

__all__ = ["finding_text"]

#: Kakao's limits a wording may name.
_LIMITS: dict[str, object] = {
    "description_lines": DESCRIPTION_LINES,
    "discount_least": DISCOUNT_RATE[0],
    "discount_most": DISCOUNT_RATE[1],
    "min_image_side": MIN_IMAGE_SIDE,
    "payload_limit": PAYLOAD_LIMIT,
    "picker_chat_limit": PICKER_CHAT_LIMIT,
    "picker_least": PICKER_LIMIT[0],
    "picker_most": PICKER_LIMIT[1],
    "social_shown": SOCIAL_SHOWN,
    "title_lines": TITLE_LINES,
}

#: Korean wording of findings by code: (rule, fix). ``{name}`` takes the finding's :attr:`~Finding.values`
#: or one of Kakao's limits (:data:`_LIMITS`).
_KO: dict[str, tuple[str, str]] = {
    "missing": ("필수 항목입니다", "값을 입력하세요"),
    "string_too_short": ("비워 둘 수 없습니다", "내용을 입력하거나 항목을 지우세요"),
    "int_type": ("정수여야 합니다", "3처럼 소수점 없는 숫자를 입력하세요"),
    "string_type": ("문자열이어야 합니다", ""),
    "bool_type": ("true 또는 false여야 합니다", ""),
    "url": (
        "http:// 또는 https://로 시작하는 전체 주소만 쓸 수 있습니다",
        "https://example.com/page 처럼 전체 주소를 입력하세요 (공백은 %20)",
    ),
    "image_url": (
        "이미지는 http:// 또는 https://로 시작하는 전체 주소여야 합니다",
        "공개된 https 이미지 주소를 입력하거나 이미지를 먼저 업로드하세요",
    ),
    "execution_params": (
        "앱 실행 파라미터가 올바른 쿼리 문자열이 아닙니다",
        "key=value&key2=value2 형식으로 입력하세요",
    ),
    "too_long": ("최대 {max_length}개까지 넣을 수 있습니다", "{max_length}개를 넘는 항목을 지우세요"),
    "too_short": ("최소 {min_length}개가 필요합니다", "{min_length}개가 되도록 추가하세요"),
    "payload_too_large": (
        "메시지 크기가 {size:,}자로, 카카오가 받는 최대 {payload_limit:,}자를 넘습니다",
        "텍스트와 URL을 줄이거나 콘텐츠·버튼 수를 줄이세요",
    ),
    "chat_limit": (
        "채팅방만 보일 때는 최대 {picker_chat_limit}개까지 고를 수 있습니다",
        "{picker_least}에서 {picker_chat_limit} 사이로 입력하세요",
    ),
    "text_truncated": ("카카오톡에는 {limit}자까지만 보입니다 (지금 {length}자)", "{limit}자 이내로 줄이세요"),
    "image_not_https": ("이미지 주소는 https여야 합니다 (http 이미지는 막히거나 느릴 수 있음)", "https로 제공하세요"),
    "content_empty": ("콘텐츠에 제목, 설명, 이미지가 하나도 없습니다", "제목이나 이미지를 넣으세요"),
    "title_lines": ("제목은 {title_lines}줄까지만 보입니다", "{title_lines}줄 이내로 쓰세요"),
    "description_lines": ("설명은 {description_lines}줄까지만 보입니다", "{description_lines}줄 이내로 쓰세요"),
    "image_small": (
        "약 {min_image_side}×{min_image_side}픽셀보다 작은 이미지는 잘 보이지 않습니다",
        "가로세로 {min_image_side}픽셀 이상 이미지를 쓰세요",
    ),
    "item_op_not_price": (
        "item_op에는 가격을 넣습니다 (숫자, 통화 기호, 쉼표, 마침표)",
        "15,000원처럼 가격을 넣으세요",
    ),
    "social_hidden": ("카운터는 {social_shown}개까지만 보입니다", "카운터를 {social_shown}개 이하로 설정하세요"),
    "negative": ("음수는 쓸 수 없습니다", "0 이상을 입력하세요"),
    "discount_above_regular": ("할인가가 정상가보다 높습니다", "정상가와 할인가를 확인하세요"),
    "link_empty": ("링크에 이동할 곳이 없어 눌러도 아무 일도 없습니다", "웹 URL이나 모바일 웹 URL을 입력하세요"),
    "button_not_shown": (
        "버튼 링크에 이동할 곳이 없어 카카오가 이 버튼을 메시지에서 조용히 뺍니다",
        "버튼의 웹 URL이나 모바일 웹 URL을 입력하거나 버튼을 지우세요",
    ),
    "image_too_large": ("카카오는 5MB 이하의 이미지만 받습니다", "이미지 크기를 줄여서 다시 올리세요"),
    "domain_not_registered": (
        "앱에 등록되지 않은 도메인입니다. 카카오가 링크를 거부하거나 버립니다",
        "카카오 디벨로퍼스 콘솔의 웹 도메인에 등록하세요",
    ),
    "args_without_template": ("template_id 없이는 template_args가 무시됩니다", "template_id를 넣거나 인자를 지우세요"),
    "duplicate_key": ("같은 키가 두 번 있습니다", "키 이름을 하나로 정리하세요"),
    # <kakao-share-button> attributes (WidgetConfig), read by the share widget and kakao-share inspect.
    "app_key_missing": (
        "앱의 JavaScript 키가 필요합니다",
        'app-key="…"에 카카오 디벨로퍼스(내 애플리케이션 › 앱 키)의 JavaScript 키를 넣으세요',
    ),
    "app_key_format": (
        "JavaScript 키처럼 보이지 않습니다 (0-9, a-f로 된 32자)",
        "카카오 디벨로퍼스(내 애플리케이션 › 앱 키)에서 JavaScript 키를 복사하세요",
    ),
    "whole_number": ("정수여야 합니다", '숫자만 쓰세요 (예: template-id="12345")'),
    "switch": ("켜고 끄는 속성이라 값을 쓰지 않습니다", "켜려면 속성 이름만 쓰세요"),
    "picker_type": ("friend 또는 chat이어야 합니다", 'picker-type="friend" 또는 picker-type="chat"으로 쓰세요'),
    "sdk_version": ("2.8.3 같은 버전이어야 합니다", 'sdk-version="2.8.3"처럼 쓰세요'),
    "key_missing": ("키가 비어 있습니다", "키를 입력하거나 이 행을 지우세요"),
}

#: Korean wording of a number out of its range, by the field it is about (``out_of_range`` is every range).
_KO_RANGE: dict[str, tuple[str, str]] = {
    "picker_settings.limit": (
        "{picker_least}부터 {picker_most}까지여야 합니다",
        "{picker_least}에서 {picker_most} 사이 숫자를 입력하세요",
    ),
    "picker-limit": (
        "{picker_least}부터 {picker_most}까지여야 합니다",
        'picker-limit="5"처럼 {picker_least}에서 {picker_most} 사이 숫자를 쓰세요',
    ),
    "discount_rate": (
        "{discount_least}부터 {discount_most}까지의 백분율이어야 합니다",
        "{discount_least}에서 {discount_most} 사이 정수를 입력하세요",
    ),
    "currency_unit_position": ("0(숫자 뒤) 또는 1(숫자 앞)이어야 합니다", "0이나 1을 입력하세요"),
    "template_id": (
        "양의 정수여야 합니다 (메시지 템플릿 도구에 표시되는 번호)",
        "카카오 콘솔의 템플릿 번호를 입력하세요",
    ),
    "template-id": ("양의 정수여야 합니다 (메시지 템플릿 도구에 표시되는 번호)", "카카오 콘솔의 템플릿 번호를 쓰세요"),
}

#: English wording for a form, where the library's own text speaks to programmers (``add `item```).
_EN: dict[str, tuple[str, str]] = {
    "missing": ("required", "fill it in"),
    "string_too_short": ("must not be empty", "type something, or clear the optional field"),
    "int_type": ("must be a whole number", "type digits only, such as 640"),
    "string_type": ("must be text", ""),
}


def finding_text(finding: Finding, lang: str) -> tuple[str, str]:
    """``(rule, fix)`` of ``finding`` for a person filling in a form, in ``lang`` (``"ko"`` or ``"en"``).

    Falls back to the finding's own (English) text where no wording is known for its ``code``, or where
    the finding lacks a value its wording needs.
    """
    if language(lang) != "ko":
        return _EN.get(finding.code, (finding.rule, finding.fix))
    wording = _KO.get(finding.code)
    if finding.code == "out_of_range":
        wording = next((w for field, w in _KO_RANGE.items() if _names(finding.path, field)), None)
    if wording is None:
        return finding.rule, finding.fix
    rule, fix = wording
    values = {**_LIMITS, **finding.values}
    try:
        return rule.format(**values), fix.format(**values)
    except (KeyError, ValueError):
        return finding.rule, finding.fix


def _names(path: str, field: str) -> bool:
    """Whether ``path`` is ``field`` or ends with it (``commerce.discount_rate`` names ``discount_rate``)."""
    return path == field or path.endswith("." + field)
