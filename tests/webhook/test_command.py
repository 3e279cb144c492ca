"""The ``kakao-share webhook`` command's safe defaults, and mounting the receiver in another app."""

from __future__ import annotations

import os
import subprocess
import sys

from helpers import call, kakao_headers
from kakao_share.webhook import EventStore, RunningServer, bind, create_app
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Mount, Route


def test_it_refuses_to_start_without_an_admin_key(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "KAKAO_ADMIN_KEY"}
    cmd = [sys.executable, "-m", "kakao_share.webhook", "webhook", "--db", f"sqlite:///{tmp_path}/e.db", "--port", "0"]
    result = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "KAKAO_ADMIN_KEY" in result.stderr and "--insecure-no-auth" in result.stderr
    assert not (tmp_path / "e.db").exists()


def test_unauthenticated_only_when_asked_and_then_loudly(start_receiver, tmp_path):
    receiver = start_receiver(f"sqlite:///{tmp_path}/e.db", "--insecure-no-auth", admin_key=None)
    assert "WEBHOOK IS UNAUTHENTICATED" in receiver.log.read_text()
    assert call(receiver.url, "/kakao/webhook?CHAT_TYPE=MemoChat", headers=kakao_headers("open-1", key=None))[0] == 200


def test_mounted_in_an_existing_app(tmp_path):
    store = EventStore(f"sqlite:///{tmp_path}/events.db")
    webhook = create_app(store, admin_key="test-admin-key", read_token="r")
    app = Starlette(routes=[Route("/", lambda request: PlainTextResponse("shop")), Mount("/hooks", app=webhook)])
    server = RunningServer(app, bind("127.0.0.1", 0))
    try:
        assert call(server.url, "/")[2] == b"shop"
        status, _, body = call(
            server.url, "/hooks/kakao/webhook?CHAT_TYPE=MemoChat&order=9", headers=kakao_headers("mounted-1")
        )
        assert (status, body) == (200, {"ok": True, "duplicate": False})
    finally:
        server.stop()
        store.close()
    with EventStore(f"sqlite:///{tmp_path}/events.db") as reopened:
        [stored] = [s.event for s in reopened.events() if s.event.resource_id == "mounted-1"]
        assert stored.args == {"order": "9"}


def test_key_rotation_old_and_new_admin_keys_accepted_a_third_refused(start_receiver, tmp_path):
    from_env = start_receiver(f"sqlite:///{tmp_path}/env.db", admin_key="old-key, new-key")
    from_args = start_receiver(
        f"sqlite:///{tmp_path}/args.db", "--admin-key", "old-key", "--admin-key", "new-key", admin_key=None
    )
    for receiver in (from_env, from_args):
        for n, key in enumerate(("old-key", "new-key")):
            status, _, body = call(
                receiver.url, "/kakao/webhook?CHAT_TYPE=MemoChat", headers=kakao_headers(f"rot-{n}", key)
            )
            assert (status, body) == (200, {"ok": True, "duplicate": False}), key
        for key in ("third-key", "old-key,new-key", "old-keynew-key", ""):
            status, resp, _ = call(receiver.url, "/kakao/webhook", headers=kakao_headers("rot-x", key))
            assert status == 401 and resp.getheader("WWW-Authenticate") == "KakaoAK", key


def test_the_command_lives_in_webhook(tmp_path):
    import tomllib
    from pathlib import Path

    pyproject = tomllib.loads((Path(__file__).resolve().parents[2] / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["scripts"]["kakao-share"] == "kakao_share.webhook._cli:main"
    cmd = [sys.executable, "-m", "kakao_share.webhook", "events", "--db"]
    result = subprocess.run([*cmd, f"sqlite:///{tmp_path}/e.db"], capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
