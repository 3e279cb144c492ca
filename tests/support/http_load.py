"""A small asyncio HTTP/1.1 client for putting load on a server on loopback (tests and benchmarks).

Keep-alive connections, one request at a time on each, ``concurrency`` connections at once; each answer
is timed. Enough for our receivers (answers with a Content-Length), far cheaper per request than a
general-purpose client, so the load generator does not eat the CPU the server is being measured on.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable, Coroutine, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, ParamSpec, TypeVar
from urllib.parse import urlsplit

__all__ = ["Answer", "Request", "load", "percentile", "run_load"]

P = ParamSpec("P")
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Request:
    method: str
    target: str
    headers: dict[str, str]
    body: bytes = b""

    def encode(self, host: str) -> bytes:
        lines = [f"{self.method} {self.target} HTTP/1.1", f"Host: {host}"]
        lines += [f"{k}: {v}" for k, v in self.headers.items()]
        if self.body or self.method == "POST":
            lines.append(f"Content-Length: {len(self.body)}")
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + self.body


@dataclass(frozen=True, slots=True)
class Answer:
    """``status`` 0 means no answer (connection refused or reset, timeout): ``error`` says which."""

    request: Request
    status: int
    body: bytes
    seconds: float
    error: str = ""


class _Connection:
    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def exchange(self, raw: bytes) -> tuple[int, bytes, bool]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        self.writer.write(raw)
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:] if line)}
        body = await self.reader.readexactly(int(headers.get("content-length", "0")))
        return status, body, headers.get("connection", "").lower() == "close"

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


async def run_load(
    url: str,
    requests: Iterable[Request],
    *,
    concurrency: int,
    timeout: float = 10.0,
    on_answer: Callable[[Answer], None] | None = None,
) -> list[Answer]:
    """Send ``requests`` over ``concurrency`` keep-alive connections; answers in completion order."""
    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    pending = iter(requests)
    answers: list[Answer] = []

    async def worker() -> None:
        conn = _Connection(host, port)
        try:
            for request in pending:
                raw = request.encode(f"{host}:{port}")
                started = time.perf_counter()
                try:
                    status, body, close = await asyncio.wait_for(conn.exchange(raw), timeout)
                    answer = Answer(request, status, body, time.perf_counter() - started)
                    if close:
                        conn.close()
                except (OSError, asyncio.IncompleteReadError, TimeoutError, ValueError) as exc:
                    answer = Answer(request, 0, b"", time.perf_counter() - started, f"{type(exc).__name__}: {exc}")
                    conn.close()
                answers.append(answer)
                if on_answer is not None:
                    on_answer(answer)
        finally:
            conn.close()

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return answers


def _in_a_thread_of_its_own(main: Callable[P, Coroutine[Any, Any, T]]) -> Callable[P, T]:
    """``main`` for synchronous code: it runs on an event loop of its own in a new thread (so it also works
    where the calling thread already runs one, as under Playwright's sync API)."""

    def call(*args: P.args, **kwargs: P.kwargs) -> T:
        result: list[T] = []
        failure: list[BaseException] = []

        def run() -> None:
            try:
                result.append(asyncio.run(main(*args, **kwargs)))
            except BaseException as exc:  # handed to the caller's thread below
                failure.append(exc)

        thread = threading.Thread(target=run, name="http-load")
        thread.start()
        thread.join()
        if failure:
            raise failure[0]
        return result[0]

    return call


#: :func:`run_load` from synchronous code (on an event loop of its own, in a new thread).
load = _in_a_thread_of_its_own(run_load)


def percentile(values: Sequence[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else float("nan")
