"""The fakes themselves: the multipart parser, CORS preflights, the app-link record."""

from __future__ import annotations

import json
from urllib.parse import quote

from kakao_fakes import APP_LINK_PREFIX, AppLinkRequest, FakeKakao, parse_multipart


def test_the_multipart_parser_keeps_bytes_exact() -> None:
    boundary = "----b0undary"
    body = (
        b'------b0undary\r\nContent-Disposition: form-data; name="file"; filename="a \\"q\\".png"\r\n'
        b"Content-Type: image/png\r\n\r\n\x89PNG\r\n\r\n------b0undar\r\n------b0undary\r\n"
        b'Content-Disposition: form-data; name="note"\r\n\r\n\r\n------b0undary--\r\n'
    )
    file, note = parse_multipart(body, f"multipart/form-data; boundary={boundary}")
    assert (file.name, file.filename, file.content_type) == ("file", 'a "q".png', "image/png")
    assert file.data == b"\x89PNG\r\n\r\n------b0undar"
    assert (note.name, note.filename, note.data) == ("note", None, b"")
    assert parse_multipart(b"------b0undary--\r\n", f"multipart/form-data; boundary={boundary}") == ()
    assert parse_multipart(b"", f"multipart/form-data; boundary={boundary}") == ()


def test_the_fake_answers_cors_preflights(kakao: FakeKakao) -> None:
    class Request:
        url = "https://kapi.kakao.com/v2/api/talk/message/image/upload"
        method = "OPTIONS"
        post_data_buffer = None

        @staticmethod
        def all_headers():
            return {
                "origin": "http://127.0.0.1:1",
                "access-control-request-method": "POST",
                "access-control-request-headers": "authorization,ka",
            }

    class FakeRoute:
        request = Request()
        answer: dict | None = None

        def fulfill(self, **kwargs):
            self.answer = kwargs

    route = FakeRoute()
    kakao._serve_kapi(route)
    assert route.answer["status"] == 200
    assert route.answer["headers"]["Access-Control-Allow-Origin"] == "http://127.0.0.1:1"
    assert route.answer["headers"]["Access-Control-Allow-Headers"] == "authorization,ka"
    assert [p.preflight for p in kakao.preflights] == [True] and kakao.kapi_requests == []


def test_the_app_link_url_decodes(kakao: FakeKakao) -> None:

    inner = "kakaolink://send?linkver=4.0&extras=" + quote('{"lcba":"{\\"k\\":\\"v\\"}"}', safe="")
    link = AppLinkRequest(url="https://talk-apps.kakao.com/scheme/" + quote(inner, safe=""), headers={})
    assert link.url.startswith(APP_LINK_PREFIX)
    assert link.scheme_url == inner
    assert json.loads(link.params["extras"]) == {"lcba": '{"k":"v"}'}
