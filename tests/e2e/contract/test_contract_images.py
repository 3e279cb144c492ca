"""``uploadImage``, ``scrapImage``, ``deleteImage``: the kapi requests and Kakao's answers, errors included."""

from __future__ import annotations

import base64

import pytest
from contract_page import (
    APP_KEY,
    expected_ka,
    js,
    js_ok,
)
from contract_samples import (
    PNG_1x1,
)
from kakao_fakes import (
    FakeKakao,
    KapiRequest,
    using_real_sdk,
)
from playwright.sync_api import Page

_MAKE_FILES = """
  const png = Uint8Array.from(atob(arg.png), c => c.charCodeAt(0));
  const files = [new File([png], 'pixel.png', {type: 'image/png'}),
                 new File(['second file\\r\\n--not-a-boundary'], '두번째.txt', {type: 'text/plain'})];
"""


def assert_kapi_headers(page: Page, request: KapiRequest) -> None:
    assert request.authorization == f"KakaoAK {APP_KEY}"
    assert request.ka == expected_ka(page)


@pytest.mark.parametrize("container", ["FileList", "Array"])
def test_upload_image_sends_one_file_part_per_file(share_page: Page, kakao: FakeKakao, container: str) -> None:
    code = (
        _MAKE_FILES
        + (
            "const dt = new DataTransfer(); files.forEach(f => dt.items.add(f)); const list = dt.files;"
            if container == "FileList"
            else "const list = files;"
        )
        + "return await Kakao.Share.uploadImage({file: list});"
    )
    result = js_ok(share_page, code, {"png": base64.b64encode(PNG_1x1).decode()})
    upload = kakao.wait_for_kapi(share_page, "upload")
    assert (upload.method, upload.url) == ("POST", "https://kapi.kakao.com/v2/api/talk/message/image/upload")
    assert upload.content_type.startswith("multipart/form-data; boundary=")
    assert_kapi_headers(share_page, upload)
    files = upload.file_parts
    assert [(p.filename, p.content_type, p.data) for p in files] == [
        ("pixel.png", "image/png", PNG_1x1),
        ("두번째.txt", "text/plain", b"second file\r\n--not-a-boundary"),
    ]
    original = result["infos"]["original"]
    assert set(original) == {"url", "content_type", "length", "width", "height"}
    if not using_real_sdk():
        assert original == {**original, "content_type": "image/png", "length": len(PNG_1x1), "width": 1, "height": 1}


def test_upload_image_with_a_single_file_sends_an_empty_body(share_page: Page, kakao: FakeKakao) -> None:
    outcome = js(
        share_page,
        _MAKE_FILES + "return await Kakao.Share.uploadImage({file: files[0]});",
        {"png": base64.b64encode(PNG_1x1).decode()},
    )
    upload = kakao.wait_for_kapi(share_page, "upload")
    assert upload.parts == ()
    assert not outcome["ok"], "the fake answers an upload without a file with an error"


def test_upload_image_rejects_with_kakaos_error_body(share_page: Page, kakao: FakeKakao) -> None:
    body = {"code": -401, "msg": "this app key is not allowed"}
    kakao.fail("upload", status=401, body=body)
    outcome = js(
        share_page,
        _MAKE_FILES + "return await Kakao.Share.uploadImage({file: files});",
        {"png": base64.b64encode(PNG_1x1).decode()},
    )
    assert outcome == {"ok": False, "error": False, "value": body}


def test_scrap_image(share_page: Page, kakao: FakeKakao) -> None:
    image_url = "https://example.com/images/cake photo.jpg?size=large&x=1"
    result = js_ok(share_page, "return await Kakao.Share.scrapImage({imageUrl: arg})", image_url)
    scrap = kakao.wait_for_kapi(share_page, "scrap")
    assert (scrap.method, scrap.path) == ("POST", "/v2/api/talk/message/image/scrap")
    assert scrap.content_type.startswith("application/x-www-form-urlencoded")
    assert scrap.form == (("image_url", image_url),)
    assert_kapi_headers(share_page, scrap)
    assert set(result["infos"]["original"]) == {"url", "content_type", "length", "width", "height"}

    kakao.fail("scrap", status=400, body={"code": -2, "msg": "image_url is not an image"})
    outcome = js(share_page, "return await Kakao.Share.scrapImage({imageUrl: arg})", image_url)
    assert outcome == {"ok": False, "error": False, "value": {"code": -2, "msg": "image_url is not an image"}}


def test_delete_image(share_page: Page, kakao: FakeKakao) -> None:
    image_url = "https://k.kakaocdn.net/dn/abc/def/pixel.png"
    outcome = js(share_page, "return await Kakao.Share.deleteImage({imageUrl: arg})", image_url)
    assert outcome["ok"], outcome
    deletion = kakao.wait_for_kapi(share_page, "delete")
    assert (deletion.method, deletion.path) == ("DELETE", "/v2/api/talk/message/image/delete")
    assert deletion.query == (("image_url", image_url),)
    assert_kapi_headers(share_page, deletion)

    kakao.fail("delete", status=403, body={"code": -3, "msg": "not yours"})
    outcome = js(share_page, "return await Kakao.Share.deleteImage({imageUrl: arg})", image_url)
    assert outcome == {"ok": False, "error": False, "value": {"code": -3, "msg": "not yours"}}
