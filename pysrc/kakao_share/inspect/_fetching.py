"""Fetching pages and images safely: :class:`Fetcher`.

Every response is streamed and cut at a size limit and a total time, redirects are followed by hand
(each hop checked), and the address a host name resolves to is checked *before* a connection is
opened, in the connection layer itself (so a redirect, or DNS that answers differently the second
time, cannot reach what the check refused): only public addresses, plus the kind of address the
target itself has (a site on 127.0.0.1 may be read on loopback, never on 10.x or 169.254.x).
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from .. import __version__
from ._exceptions import AddressRefused, FetchFailed

__all__ = ["Fetched", "Fetcher", "Resolver", "address_kind", "origin", "system_resolver"]

#: Resolves (host, port) to IP address strings.
Resolver = Callable[[str, int], list[str]]

REDIRECTS = 5
TIMEOUT = httpx.Timeout(10.0, connect=5.0)
#: A response that keeps trickling in is cut after this long, whatever its size.
TOTAL_SECONDS = 30.0
USER_AGENT = f"kakao-share-inspect/{__version__}"


def system_resolver(host: str, port: int) -> list[str]:
    """The addresses ``host`` resolves to (the operating system's resolver), in its order."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def address_kind(address: str) -> str:
    """``public``, ``loopback``, ``private``, ``link-local`` or ``reserved`` (multicast, unspecified, …)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip.is_loopback:
        return "loopback"
    if ip.is_link_local:
        return "link-local"
    if ip.is_multicast or ip.is_unspecified or ip.is_reserved:
        return "reserved"
    if ip.is_private or not ip.is_global:
        return "private"
    return "public"


#: address_kind's words in Korean.
_KIND_KO = {"public": "공인", "loopback": "루프백", "private": "사설", "link-local": "링크 로컬", "reserved": "예약된"}


class _NotResolved(httpcore.ConnectError):
    """The host name has no address (DNS); httpx reports it as a ConnectError caused by this."""

    def __init__(self, host: str, detail: object) -> None:
        super().__init__(f"{host} does not resolve: {detail}")
        self.host = host


def _failed(url: str, exc: httpx.HTTPError) -> FetchFailed:
    """Why ``url`` gave no response: httpx's error in English, its kind in Korean."""
    cause = exc.__cause__
    if isinstance(cause, _NotResolved):
        korean = f"호스트 이름을 찾을 수 없습니다(DNS): {cause.host}"
    elif isinstance(exc, httpx.TimeoutException):
        korean = f"제한 시간 안에 응답이 없습니다: {url}"
    elif isinstance(exc, httpx.ConnectError):
        korean = f"연결할 수 없습니다: {url}"
    else:
        korean = f"가져오지 못했습니다({type(exc).__name__}): {url}"
    return FetchFailed(f"{type(exc).__name__}: {exc}", korean)


class _GuardedBackend(httpcore.SyncBackend):
    """httpcore's socket layer, resolving each host itself and refusing disallowed addresses before
    connecting to the checked address (not the name, which could resolve anew)."""

    def __init__(self, allowed: frozenset[str], resolve: Resolver) -> None:
        self._allowed = allowed
        self._resolve = resolve

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        try:
            ipaddress.ip_address(host)
            addresses = [host]
        except ValueError:
            try:
                addresses = self._resolve(host, port)
            except OSError as exc:
                raise _NotResolved(host, exc) from exc
        for address in addresses:
            kind = address_kind(address)
            if kind not in self._allowed:
                raise AddressRefused(
                    f"{host} is at {address}, a {kind} address: not fetched",
                    f"{host} 호스트가 {_KIND_KO[kind]} 주소({address})에 있어 가져오지 않습니다",
                )
        last: Exception = httpcore.ConnectError(f"{host} has no address")
        for address in addresses:
            try:
                return super().connect_tcp(address, port, timeout, local_address, socket_options)
            except httpcore.ConnectError as exc:
                last = exc
        raise last


class _GuardedTransport(httpx.HTTPTransport):
    def __init__(self, backend: _GuardedBackend, concurrency: int) -> None:
        super().__init__(trust_env=False)
        # httpx has no public hook for the socket layer; its pool takes one (same settings otherwise).
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=concurrency,
            network_backend=backend,
        )


@dataclass(frozen=True)
class Fetched:
    """A response read up to the limit."""

    url: str
    """The address that answered, after redirects."""
    status: int
    content_type: str
    """The MIME type the server declared, lower case, without parameters ("" if none)."""
    body: bytes
    complete: bool
    """False when the body was cut at the size limit (or the time limit)."""
    declared_length: int | None


class Fetcher:
    """A thread-safe HTTP client for the inspection; use as a context manager.

    ``allowed`` is the set of :func:`address_kind` values that may be connected to (``public`` always).
    """

    def __init__(
        self,
        *,
        allowed: Iterable[str] = (),
        concurrency: int = 8,
        resolve: Resolver = system_resolver,
        total_seconds: float = TOTAL_SECONDS,
    ) -> None:
        self._backend = _GuardedBackend(frozenset({"public", *allowed}), resolve)
        self._total = total_seconds
        self._client = httpx.Client(
            transport=_GuardedTransport(self._backend, concurrency),
            timeout=TIMEOUT,
            follow_redirects=False,
            headers={"User-Agent": USER_AGENT, "Accept-Encoding": "identity"},
            trust_env=False,
        )

    @classmethod
    def for_target(cls, url: str, *, resolve: Resolver = system_resolver, **kwargs: Any) -> Fetcher:
        """A fetcher that may also reach the kinds of address ``url``'s host has (a local or intranet site)."""
        host = urlsplit(url).hostname or ""
        try:
            ipaddress.ip_address(host)
            addresses = [host]
        except ValueError:
            try:
                addresses = resolve(host, 443)
            except OSError:
                addresses = []
        return cls(allowed={address_kind(a) for a in addresses}, resolve=resolve, **kwargs)

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self._client.close()

    def get(self, url: str, *, limit: int, site: str | None = None) -> Fetched:
        """GET ``url``, reading at most ``limit`` bytes of the body. With ``site`` (an origin such as
        ``https://example.com``), a redirect elsewhere is refused. Raises :class:`FetchFailed`."""
        for _ in range(REDIRECTS + 1):
            if urlsplit(url).scheme not in ("http", "https"):
                raise FetchFailed(f"{url} is not an http(s) address", f"http(s) 주소가 아닙니다: {url}")
            if site is not None and origin(url) != site:
                raise FetchFailed(
                    f"{url} is on another site than {site}",
                    f"다른 사이트의 주소입니다: {url} ({site} 밖)",
                )
            try:
                with self._client.stream("GET", url) as response:
                    location = response.headers.get("location")
                    if response.is_redirect and location:
                        url = urljoin(url, location)
                        continue
                    return self._read(url, response, limit)
            except httpx.HTTPError as exc:
                raise _failed(url, exc) from exc
        raise FetchFailed(f"more than {REDIRECTS} redirects", f"리디렉션이 {REDIRECTS}번을 넘습니다")

    def _read(self, url: str, response: httpx.Response, limit: int) -> Fetched:
        declared = response.headers.get("content-length")
        length = int(declared) if declared is not None and declared.isdigit() else None
        body = bytearray()
        complete = True
        deadline = time.monotonic() + self._total
        if length is not None and length > limit:
            complete = False  # do not read what is known to be too much
        else:
            for chunk in response.iter_raw(65536):
                body += chunk
                if len(body) > limit or time.monotonic() > deadline:
                    del body[limit:]
                    complete = False
                    break
        content_type = response.headers.get("content-type", "").split(";", 1)[0].strip().lower()
        return Fetched(str(url), response.status_code, content_type, bytes(body), complete, length)


def origin(url: str) -> str:
    """``scheme://host[:port]`` of ``url``, lower case."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()
