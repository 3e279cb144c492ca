"""Every inspector test talks to 127.0.0.1 only: a name other than a loopback one must not even be
resolved, and a connection anywhere but loopback fails the test. ``connections`` lists every
address a socket was asked to connect to, so a test can prove a refusal came before any connection."""

from __future__ import annotations

import ipaddress
import socket

import pytest

from tests.support.chromium import LAUNCH_ARGS, find_chromium

_LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1", "ip6-localhost"}


def _loopback(host: object) -> bool:
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:
        return False


@pytest.fixture(autouse=True)
def connections(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    attempts: list[str] = []
    real_getaddrinfo = socket.getaddrinfo
    real_connect = socket.socket.connect

    def getaddrinfo(host, *args, **kwargs):
        if str(host) not in _LOOPBACK_NAMES and not _loopback(host):
            pytest.fail(f"a test tried to resolve {host!r}: only loopback is allowed")
        return real_getaddrinfo(host, *args, **kwargs)

    def connect(sock, address):
        attempts.append(str(address[0]) if isinstance(address, tuple) else str(address))
        if isinstance(address, tuple) and not _loopback(address[0]):
            pytest.fail(f"a test tried to connect to {address!r}: only loopback is allowed")
        return real_connect(sock, address)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(socket.socket, "connect", connect)
    return attempts


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    return {**browser_type_launch_args, "executable_path": str(find_chromium()), "args": LAUNCH_ARGS}
