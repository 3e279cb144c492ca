"""What Kakao's documented API error codes mean, and what to do: :func:`explain_api_error`.

Kakao answers a failed call with ``{"code": <negative or 4-digit int>, "msg": "..."}``. The codes are
documented in two tables of Kakao's developer guide: the common REST API codes (negative numbers, as
the image calls return them) and the Kakao Talk Share codes (4002, 4006, ..., as the share page and
the phone path's template validation show them). :class:`~kakao_share.KakaoAPIError` uses this table
through ``error.explain(lang)``; a page can also explain a code a user read off Kakao's error page.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ._i18n import Text

__all__ = ["API_ERRORS", "APIErrorHelp", "explain_api_error"]


class APIErrorHelp(NamedTuple):
    """Kakao's error ``code`` explained in one language: why it happens and how to fix it."""

    code: int
    status: int | None
    """The HTTP status Kakao documents for the code."""
    cause: str
    fix: str


#: code -> (HTTP status, cause, fix), in Kakao's documented meaning (our wording).
API_ERRORS: dict[int, tuple[int, Text, Text]] = {
    # Common REST API codes.
    -1: (
        400,
        Text("Kakao's server failed while handling the request.", "카카오 서버가 요청을 처리하다 실패했습니다."),
        Text("Try again in a moment.", "잠시 후 다시 시도하세요."),
    ),
    -2: (
        400,
        Text(
            "A required parameter is missing, or a value has the wrong type or is out of range.",
            "필수 파라미터가 빠졌거나 값의 형식이나 범위가 잘못되었습니다.",
        ),
        Text("Check the request's parameters.", "요청 파라미터를 확인하세요."),
    ),
    -3: (
        403,
        Text(
            "A setting this API needs is not enabled for the app (a product, consent item or allowed API).",
            "이 API에 필요한 설정(제품 활성화, 동의항목, 사용 API 허용)이 앱에 켜져 있지 않습니다.",
        ),
        Text(
            "Complete the setting in the Kakao Developers console, then retry.",
            "콘솔에서 설정을 마친 뒤 다시 시도하세요.",
        ),
    ),
    -4: (
        403,
        Text("The account is blocked or restricted from this action.", "계정이 제재되었거나 이 동작이 제한되었습니다."),
        Text("Contact Kakao's customer service.", "카카오 고객센터에 문의하세요."),
    ),
    -5: (
        403,
        Text("The app has no permission to call this API.", "앱에 이 API를 호출할 권한이 없습니다."),
        Text(
            "Request the permission (a review) for the API, then retry.",
            "API 사용 권한(검수)을 받은 뒤 다시 시도하세요.",
        ),
    ),
    -6: (
        403,
        Text("Kakao does not allow the requested action.", "카카오가 허용하지 않는 동작을 요청했습니다."),
        Text("Stay within what the API's documentation allows.", "API 문서가 허용하는 범위에서 요청하세요."),
    ),
    -7: (
        400,
        Text(
            "The service is under maintenance or has an internal problem.", "서비스 점검 중이거나 내부 문제가 있습니다."
        ),
        Text("Check Kakao's service notices and retry later.", "카카오 공지사항을 확인하고 나중에 다시 시도하세요."),
    ),
    -8: (
        400,
        Text("A request header is invalid.", "요청 헤더가 올바르지 않습니다."),
        Text(
            "Check the request headers (Authorization: KakaoAK <key>).",
            "요청 헤더(Authorization: KakaoAK <키>)를 확인하세요.",
        ),
    ),
    -9: (
        400,
        Text("This API has been discontinued.", "서비스가 종료된 API입니다."),
        Text("Check Kakao's notices for its replacement.", "공지에서 대체 API를 확인하세요."),
    ),
    -10: (
        400,
        Text("The app went over its allowed request quota.", "앱이 허용된 요청 횟수(쿼터)를 넘었습니다."),
        Text(
            "Stay within the quota shown in the console, or ask Kakao for more.",
            "콘솔의 쿼터 안에서 호출하거나 카카오에 증량을 문의하세요.",
        ),
    ),
    -11: (
        400,
        Text("A paid API went over its daily or monthly spending limit.", "유료 API의 일·월 한도 금액을 넘었습니다."),
        Text("Raise the spending limit in the console.", "콘솔에서 한도 금액을 올리세요."),
    ),
    -12: (
        403,
        Text("The app or the developer account is restricted by Kakao.", "앱 또는 개발자 계정이 제재되었습니다."),
        Text("Contact Kakao through DevTalk.", "데브톡으로 문의하세요."),
    ),
    -401: (
        401,
        Text(
            "The app key is invalid, or the call came from a site the app does not list "
            "(Kakao checks the page's origin against the app's registered domains).",
            "앱 키가 올바르지 않거나, 앱에 등록되지 않은 사이트에서 호출했습니다 "
            "(카카오는 페이지의 origin을 앱에 등록된 도메인과 비교합니다).",
        ),
        Text(
            "Use the app's JavaScript key, and register this page's origin (scheme, host and port) "
            "as a web domain in the Kakao Developers console.",
            "앱의 JavaScript 키를 쓰고, 이 페이지의 origin(스킴, 호스트, 포트)을 "
            "카카오 디벨로퍼스 콘솔의 웹 도메인에 등록하세요.",
        ),
    ),
    -501: (
        400,
        Text("The user has not signed up for KakaoTalk.", "카카오톡에 가입하지 않은 사용자입니다."),
        Text("The user needs a KakaoTalk account.", "사용자가 카카오톡에 가입해야 합니다."),
    ),
    -602: (
        400,
        Text("The image is larger than Kakao's upload limit.", "이미지가 업로드 최대 용량보다 큽니다."),
        Text("Upload a smaller image (compress or resize it).", "이미지를 줄이거나 압축해 다시 올리세요."),
    ),
    -603: (
        400,
        Text(
            "Kakao timed out, for example while fetching an image from its URL.",
            "카카오 내부에서 시간이 초과되었습니다 (예: 이미지 주소에서 가져오는 중).",
        ),
        Text(
            "Retry; for scraped images, make sure Kakao's servers can reach the URL quickly.",
            "다시 시도하세요. 이미지 주소는 카카오 서버가 빨리 가져올 수 있어야 합니다.",
        ),
    ),
    -606: (
        400,
        Text("Too many images in one upload.", "한 번에 올릴 수 있는 이미지 수를 넘었습니다."),
        Text("Upload fewer images at a time.", "이미지를 나눠서 올리세요."),
    ),
    -903: (
        400,
        Text("The app key belongs to an unregistered developer.", "등록되지 않은 개발자의 앱 키입니다."),
        Text("Finish the developer registration in the console.", "콘솔에서 개발자 등록을 마치세요."),
    ),
    -911: (
        400,
        Text("The image format is not supported.", "지원하지 않는 이미지 형식입니다."),
        Text("Use a JPEG, PNG or GIF image.", "JPEG, PNG, GIF 이미지를 쓰세요."),
    ),
    -9798: (
        503,
        Text("The service is under maintenance.", "서비스 점검 중입니다."),
        Text("Retry after the maintenance.", "점검이 끝난 뒤 다시 시도하세요."),
    ),
    # Kakao Talk Share codes.
    4002: (
        400,
        Text(
            "Kakao refused the message: a link's domain is not registered for the app, the template does "
            "not match Kakao's format, the template id is wrong, or the SDK is too old.",
            "카카오가 메시지를 거부했습니다: 링크 도메인이 앱에 등록되지 않았거나, 템플릿 형식이 맞지 "
            "않거나, 템플릿 ID가 잘못되었거나, SDK 버전이 낮습니다.",
        ),
        Text(
            "Register every link's domain under the app's web domains, check the template (this "
            "playground validates it), the template id in the console, and use a current SDK.",
            "링크 도메인을 앱의 웹 도메인에 등록하고, 템플릿과 콘솔의 템플릿 ID를 확인하고, 최신 SDK를 쓰세요.",
        ),
    ),
    4003: (
        400,
        Text("The app key is wrong, or Kakao had a temporary problem.", "앱 키가 잘못되었거나 일시적인 오류입니다."),
        Text("Check the JavaScript key, then retry.", "JavaScript 키를 확인하고 다시 시도하세요."),
    ),
    4005: (
        400,
        Text("The browser is not supported.", "지원하지 않는 브라우저입니다."),
        Text("Use another, current browser.", "다른 최신 브라우저를 쓰세요."),
    ),
    4006: (
        400,
        Text("The app used up its free Kakao Talk Share quota.", "카카오톡 공유 기본 제공 쿼터를 모두 썼습니다."),
        Text("Enable paid usage in the console, then retry.", "콘솔에서 유료 사용을 설정한 뒤 다시 시도하세요."),
    ),
    4007: (
        400,
        Text(
            "Too many shares in a short time (a temporary limit).", "짧은 시간에 너무 많이 공유했습니다 (일시적 제한)."
        ),
        Text("Wait a little and retry.", "잠시 후 다시 시도하세요."),
    ),
    4008: (
        400,
        Text("The user's KakaoTalk use is restricted.", "카카오톡 이용이 제재된 사용자입니다."),
        Text("The user should contact Kakao's customer service.", "사용자가 카카오 고객센터에 문의해야 합니다."),
    ),
    4009: (
        400,
        Text(
            "Only admins may post in the chosen open chat room.",
            "[관리자만 말하기]가 켜진 오픈채팅방에 관리자가 아닌 사람이 공유했습니다.",
        ),
        Text("Share to another room, or turn the option off.", "다른 채팅방에 공유하거나 옵션을 끄세요."),
    ),
    4011: (
        401,
        Text(
            "Authentication failed: the app key is not accepted.", "인증에 실패했습니다: 앱 키가 받아들여지지 않습니다."
        ),
        Text(
            "Check the app's JavaScript key; ask Kakao's DevTalk if it persists.",
            "JavaScript 키를 확인하고, 계속되면 데브톡에 문의하세요.",
        ),
    ),
    4012: (
        401,
        Text("The Kakao Account is not connected to KakaoTalk.", "카카오계정이 카카오톡과 연결되어 있지 않습니다."),
        Text(
            "Log in under KakaoTalk's More > Settings > Kakao Account, then retry.",
            "카카오톡 [더보기] > [설정] > [카카오계정]에서 로그인한 뒤 다시 시도하세요.",
        ),
    ),
    4013: (
        401,
        Text("The Kakao Account is restricted.", "카카오계정이 제재되었습니다."),
        Text("Contact Kakao's customer service.", "카카오 고객센터에 문의하세요."),
    ),
    4015: (
        401,
        Text("Kakao could not register the user.", "사용자 등록에 실패했습니다."),
        Text("Retry in a moment.", "잠시 후 다시 시도하세요."),
    ),
    4016: (
        401,
        Text("The request is not authorised.", "허가되지 않은 요청입니다."),
        Text("Check the app's settings and key.", "앱 설정과 키를 확인하세요."),
    ),
    4017: (
        401,
        Text("Kakao Account authentication failed.", "카카오계정 인증에 실패했습니다."),
        Text("Retry in a moment.", "잠시 후 다시 시도하세요."),
    ),
    4018: (
        401,
        Text(
            "Another Kakao Account logged in before the share finished.",
            "공유를 마치기 전에 다른 카카오계정으로 로그인되었습니다.",
        ),
        Text("Check which account is logged in, then retry.", "로그인된 계정을 확인하고 다시 시도하세요."),
    ),
    4019: (
        401,
        Text(
            "The app's platform settings do not match the caller: on the web, this page's domain is not "
            "registered as a JavaScript SDK domain.",
            "앱의 플랫폼 정보가 호출한 곳과 맞지 않습니다: 웹에서는 이 페이지의 도메인이 "
            "JavaScript SDK 도메인에 등록되어 있지 않습니다.",
        ),
        Text(
            "Register this page's origin as a JavaScript SDK domain of the app in the console.",
            "콘솔에서 이 페이지의 origin을 앱의 JavaScript SDK 도메인에 등록하세요.",
        ),
    ),
    4020: (
        401,
        Text("The app or the developer account is restricted.", "앱 또는 개발자 계정이 제재되었습니다."),
        Text("Contact Kakao through DevTalk.", "데브톡으로 문의하세요."),
    ),
    4041: (
        404,
        Text("The shared URL is not valid.", "공유한 URL이 올바르지 않습니다."),
        Text("Share a valid, reachable URL.", "올바른 URL을 공유하세요."),
    ),
    5001: (
        500,
        Text("Kakao's server failed.", "카카오 서버 내부 오류입니다."),
        Text("Retry in a moment.", "잠시 후 다시 시도하세요."),
    ),
    5005: (
        500,
        Text("Kakao's server failed.", "카카오 서버 내부 오류입니다."),
        Text("Retry in a moment.", "잠시 후 다시 시도하세요."),
    ),
}

_DOMAIN_MISMATCH = re.compile(r"domain mismatch", re.IGNORECASE)
_CALLER = re.compile(r"caller=(https?://[^\s,;]+)")

_DOMAIN = (
    Text(
        "This page's origin is not a registered web domain of the app (Kakao compares the caller "
        "with the domains in the app's settings).",
        "이 페이지의 origin이 앱의 웹 도메인에 등록되어 있지 않습니다 (카카오는 호출한 곳을 앱 설정의 "
        "도메인과 비교합니다).",
    ),
    Text(
        "Register {caller} exactly (scheme, host and port) as a web domain in the Kakao Developers console.",
        "카카오 디벨로퍼스 콘솔의 웹 도메인에 {caller} 주소를 정확히(스킴, 호스트, 포트까지) 등록하세요.",
    ),
)


def _code(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        try:
            return int(value.strip())
        except ValueError:
            return None
    return None


def explain_api_error(code: object, message: str | None = None, *, lang: str = "en") -> APIErrorHelp | None:
    """Why Kakao answered ``code`` and how to fix it, in ``lang`` (``"en"`` or ``"ko"``); None if undocumented.

    ``code`` may be an int or its text (``"-401"``). ``message`` is Kakao's ``msg``, used to tell causes
    that share a code apart (a ``-401`` saying "domain mismatched! caller=…" names the origin to register)::

        help = explain_api_error(-401, "domain mismatched! caller=https://shop.example.com")
        help.fix  # 'Register https://shop.example.com exactly (...) as a web domain in ...'
    """
    number = _code(code)
    if number is None or number not in API_ERRORS:
        return None
    status, cause, fix = API_ERRORS[number]
    if number == -401 and message and _DOMAIN_MISMATCH.search(message):
        caller = _CALLER.search(message)
        site = caller.group(1) if caller else Text("this page's origin", "이 페이지의 origin").get(lang)
        cause, fix = _DOMAIN[0], _DOMAIN[1].format(caller=site)
    return APIErrorHelp(number, status, cause.get(lang), fix.get(lang))
