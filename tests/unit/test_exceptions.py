"""The exception hierarchy the browser bridge and users rely on."""

from __future__ import annotations

import pytest
from kakao_share import (
    Finding,
    KakaoAPIError,
    KakaoShareError,
    PopupBlocked,
    SDKError,
    SDKInitError,
    SDKLoadError,
    SDKVersionError,
    TemplateError,
    TemplateRenderError,
)


def test_hierarchy():
    assert issubclass(TemplateError, KakaoShareError) and issubclass(TemplateError, ValueError)
    assert issubclass(TemplateRenderError, TemplateError)
    for cls in (SDKLoadError, SDKVersionError, SDKInitError, PopupBlocked, KakaoAPIError):
        assert issubclass(cls, SDKError)
    assert issubclass(SDKError, KakaoShareError)
    assert not issubclass(SDKError, ValueError)


def test_template_error_lists_problems():
    err = TemplateError([Finding("buttons", "at most 2 buttons", "remove one", "too_long")], model="FeedTemplate")
    assert str(err) == "invalid in FeedTemplate: buttons: at most 2 buttons (fix: remove one)"
    assert err.paths == ["buttons"]
    two = TemplateError([Finding("a", "r1"), Finding("", "r2")])
    assert str(two) == "2 problems:\n  a: r1\n  (template): r2"


def test_sdk_errors_carry_message_and_code():
    err = SDKError("Kakao.init: Already initialized", code="KakaoError")
    assert err.message == "Kakao.init: Already initialized" and err.code == "KakaoError"
    assert str(err) == "Kakao.init: Already initialized"
    assert SDKLoadError().code is None
    assert "could not be loaded" in SDKLoadError().message


def test_popup_blocked_default_message_gives_the_fix():
    msg = PopupBlocked().message
    assert "click handler" in msg and "await" in msg and "allow popups" in msg


def test_kakao_api_error():
    err = KakaoAPIError("invalid image", code=-401, status=401)
    assert (err.status, err.code, err.message) == (401, -401, "invalid image")
    assert KakaoAPIError().status is None


def test_render_error_fields():
    err = TemplateRenderError("bad", name="t.j2", lineno=3, source_line='  "x": {{ y }}')
    assert str(err) == 't.j2, line 3: bad\n    "x": {{ y }}'
    assert (err.name, err.lineno, err.problems[0].rule) == ("t.j2", 3, "bad")
    with pytest.raises(ValueError, match=r"^t\.j2, line 3: bad"):
        raise err
