"""The decisions a share call makes before the SDK sees anything, on CPython.

The browser bridge asks these functions which template a call takes (``settings_for``), how options
from the settings object, the ``options`` argument and keywords combine (``share_options``) and
whether the loaded SDK is new enough (``check_sdk_version``); the page only adds the SDK call.
"""

from __future__ import annotations

import json

import pytest
from kakao_share import (
    CustomTemplate,
    FeedTemplate,
    ScrapTemplate,
    SDKVersionError,
    ShareOptions,
    TemplateError,
    TextTemplate,
)
from kakao_share._options import PICKER_SETTINGS, share_options
from kakao_share._sdk_builds import DEFAULT_SDK_VERSION, PUBLISHED_SRI
from kakao_share._share import check_sdk_version, settings_for, version_tuple
from kakao_share._templates import (
    CUSTOM_SHARE,
    DEFAULT_SHARE,
    OBJECT_TYPES,
    OPTIONAL_CONTENT,
    SCRAP_SHARE,
    TEMPLATE_CLASSES,
)

LINK = {"webUrl": "https://example.com/p/1"}
TEXT = {"objectType": "text", "text": "hi", "link": LINK}


# --- which template a call takes -------------------------------------------------------------------


def test_a_settings_object_gives_the_template_and_its_options():
    template, options = settings_for(
        DEFAULT_SHARE, {**TEXT, "installTalk": True, "serverCallbackArgs": {"o": "1"}}, caller="send_default"
    )
    assert template == TextTemplate(text="hi", link=LINK)
    assert options == ShareOptions(install_talk=True, server_callback_args={"o": "1"})


def test_json_settings_and_models_are_taken_as_they_are():
    model = TextTemplate(text="hi", link=LINK)
    assert settings_for(DEFAULT_SHARE, model, caller="send_default").template is model
    assert settings_for(DEFAULT_SHARE, json.dumps(TEXT), caller="send_default").template == model


def test_explicit_options_win_over_the_settings_object_field_by_field():
    _, options = settings_for(
        DEFAULT_SHARE,
        {**TEXT, "installTalk": True, "throughTalk": False},
        {"through_talk": True},
        {"server_callback_args": {"k": "v"}},
        caller="send_default",
    )
    assert options == ShareOptions(install_talk=True, through_talk=True, server_callback_args={"k": "v"})


def test_the_custom_shorthand_is_a_template_id_with_args():
    template, options = settings_for(CUSTOM_SHARE, 10123, template_args={"name": "지수"}, caller="send_custom")
    assert template == CustomTemplate(template_id=10123, template_args={"name": "지수"})
    assert options == ShareOptions()
    settings = {"templateId": 7, "templateArgs": {"a": "b"}, "throughTalk": False}
    template, options = settings_for(CUSTOM_SHARE, settings, caller="send_custom")
    assert (template, options) == (
        CustomTemplate(template_id=7, template_args={"a": "b"}),
        ShareOptions(through_talk=False),
    )


def test_the_scrap_shorthand_is_a_url_and_json_is_still_json():
    assert settings_for(SCRAP_SHARE, "https://example.com/a", caller="send_scrap").template == ScrapTemplate(
        request_url="https://example.com/a"
    )
    template, _ = settings_for(SCRAP_SHARE, ' {"requestUrl": "https://example.com/b"}', caller="send_scrap")
    assert template == ScrapTemplate(request_url="https://example.com/b")


def test_template_args_without_a_template_id_are_refused_not_dropped():
    with pytest.raises(TemplateError) as err:
        settings_for(CUSTOM_SHARE, CustomTemplate(template_id=1), template_args={"a": "b"}, caller="send_custom")
    assert err.value.paths == ["template_args"]
    assert err.value.problems[0].code == "unexpected_argument"
    assert "send_custom takes template_args only with a template id" in str(err.value)


@pytest.mark.parametrize(
    ("kind", "template", "caller", "takes"),
    [
        (DEFAULT_SHARE, CustomTemplate(template_id=5), "send_default", "a default template (FeedTemplate, "),
        (CUSTOM_SHARE, TEXT, "create_custom_button", "a template id, a CustomTemplate or its settings object"),
        (SCRAP_SHARE, {"templateId": 3}, "send_scrap", "a page URL, a ScrapTemplate or its settings object"),
    ],
)
def test_the_wrong_kind_of_template_names_what_the_call_takes(kind, template, caller, takes):
    with pytest.raises(TemplateError) as err:
        settings_for(kind, template, caller=caller)
    problem = err.value.problems[0]
    assert (err.value.model, problem.code) == (caller, "wrong_template")
    assert problem.rule.startswith(f"{caller} takes {takes}")


def test_any_kind_when_the_call_takes_any():
    cases = (
        (TEXT, TextTemplate),
        ({"templateId": 3}, CustomTemplate),
        ({"requestUrl": "https://example.com"}, ScrapTemplate),
    )
    for template, cls in cases:
        template_model, options = settings_for(None, template, caller="prepare")
        assert type(template_model) is cls
        assert template_model.to_js() == template
        assert options == ShareOptions()


def test_a_container_in_the_settings_object_is_explained():
    with pytest.raises(TemplateError) as err:
        settings_for(DEFAULT_SHARE, {**TEXT, "container": "#share"}, caller="create_default_button")
    assert err.value.paths == ["container"]
    assert "first argument of browser.create_*_button" in str(err.value)


def test_one_table_of_sdk_methods_per_kind():
    assert {cls.share_kind for cls in TEMPLATE_CLASSES} == {DEFAULT_SHARE, CUSTOM_SHARE, SCRAP_SHARE}
    assert [(k.action, k.send_method, k.button_method) for k in (DEFAULT_SHARE, CUSTOM_SHARE, SCRAP_SHARE)] == [
        ("default", "sendDefault", "createDefaultButton"),
        ("custom", "sendCustom", "createCustomButton"),
        ("scrap", "sendScrap", "createScrapButton"),
    ]
    assert OBJECT_TYPES == ("feed", "list", "location", "commerce", "text", "calendar")


# --- options merge ---------------------------------------------------------------------------------


def test_share_options_merges_layers_in_either_spelling():
    merged = share_options(
        {"installTalk": True, "serverCallbackArgs": {"a": "1"}},
        ShareOptions(install_talk=False),
        None,
        {},
        picker_settings={"type": "chat"},
    )
    assert merged == ShareOptions(install_talk=False, server_callback_args={"a": "1"}, picker_settings={"type": "chat"})


def test_share_options_returns_a_single_model_as_is_and_refuses_other_things():
    options = ShareOptions(through_talk=False)
    assert share_options(None, options) is options
    assert share_options() == ShareOptions()
    with pytest.raises(TemplateError) as err:
        share_options("installTalk")  # type: ignore[arg-type]
    assert err.value.paths == ["options"]


def test_share_options_reports_the_field_of_a_bad_value():
    with pytest.raises(TemplateError) as err:
        share_options({"installTalk": True}, install_talk="yes")
    assert err.value.paths == ["install_talk"]


# --- the SDK version a share needs -----------------------------------------------------------------


def test_picker_settings_need_2_8_0():
    template = TextTemplate(text="hi", link=LINK)
    options = ShareOptions(picker_settings={"type": "friend"})
    check_sdk_version("2.8.0", template, options)
    with pytest.raises(SDKVersionError) as err:
        check_sdk_version("2.7.1", template, options)
    assert str(err.value) == (
        "picker settings: needs Kakao SDK 2.8.0 or later; this page loaded 2.7.1 "
        "(pass version= and integrity= to browser.load_sdk)"
    )
    assert err.value.text("ko-KR") == (
        "공유 대상 선택 화면 설정에는 카카오 SDK 2.8.0 이상이 필요합니다. 이 페이지는 2.7.1을(를) 불러왔습니다"
    )
    assert err.value.feature == PICKER_SETTINGS and err.value.loaded == "2.7.1"
    assert PICKER_SETTINGS.version == (2, 8, 0) and options.sdk_features == (PICKER_SETTINGS,)
    # 2.7.9 added share-target settings of some form; whether it takes pickerSettings is not known.
    with pytest.raises(SDKVersionError, match=r"needs Kakao SDK 2\.8\.0 or later; this page loaded 2\.7\.9 "):
        check_sdk_version("2.7.9", template, options)


def test_the_default_sdk_is_the_newest_published_build_and_takes_picker_settings():
    newest = max(PUBLISHED_SRI, key=version_tuple)
    assert DEFAULT_SDK_VERSION == newest == "2.8.3"
    picker = ShareOptions(picker_settings={"limit": 3})
    check_sdk_version(DEFAULT_SDK_VERSION, TextTemplate(text="hi", link=LINK), picker)


def test_content_without_title_or_image_needs_2_7_0():
    template = FeedTemplate(content={"link": LINK})
    assert template.sdk_features == (OPTIONAL_CONTENT,) and template.min_sdk_version == (2, 7, 0)
    check_sdk_version("2.7.0", template, ShareOptions())
    with pytest.raises(SDKVersionError, match=r"^content without a title or an image: needs Kakao SDK 2\.7\.0"):
        check_sdk_version("2.6.0", template, ShareOptions())
    full = FeedTemplate(content={"title": "t", "image_url": "https://example.com/a.png", "link": LINK})
    check_sdk_version("2.2.0", full, ShareOptions())


@pytest.mark.parametrize(("text", "parsed"), [("2.7.1", (2, 7, 1)), ("2.8.0-beta.1", (2, 8, 0)), ("1.43", (1, 43))])
def test_version_tuple(text, parsed):
    assert version_tuple(text) == parsed
