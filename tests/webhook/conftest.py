"""The receiver as users run it: the ``kakao-share webhook`` command in its own process, over SQLite and
over a real PostgreSQL server started here (Debian's, installed when missing, as Chromium is). Every
test that takes ``db_url`` runs once per store; where PostgreSQL cannot be had, only those runs skip.
"""

from __future__ import annotations

import itertools
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import ADMIN_KEY, READ_TOKEN

from tests.support.postgres import PostgresNotAvailable, TempPostgres

_names = itertools.count()


@pytest.fixture(scope="session")
def postgres() -> Iterator[TempPostgres]:
    try:
        server = TempPostgres(install=True)
    except PostgresNotAvailable as exc:
        pytest.skip(f"PostgreSQL is not available here, so the PostgreSQL runs are skipped: {exc}")
    yield server
    server.close()


def _new_store(kind: str, folder: Path, request: pytest.FixtureRequest) -> str:
    if kind == "sqlite":
        return f"sqlite:///{folder}/events.db"
    postgres: TempPostgres = request.getfixturevalue("postgres")
    return postgres.create_database(f"t{os.getpid()}_{next(_names)}")


@pytest.fixture(params=["sqlite", "postgresql"])
def store_kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def db_url(store_kind: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """A fresh, empty store of each kind."""
    return _new_store(store_kind, tmp_path, request)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def shared_db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """One store of each kind for a module's tests, which use resource ids of their own."""
    return _new_store(str(request.param), tmp_path_factory.mktemp("store"), request)


@pytest.fixture(scope="module")
def shared_receiver(shared_db: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Receiver]:
    receiver = Receiver(shared_db, tmp_path_factory.mktemp("receiver") / "receiver.log")
    yield receiver
    receiver.stop()


class Receiver:
    """``kakao-share webhook`` in a child process on a free loopback port, with its own spool file (beside
    its log, unless given)."""

    def __init__(
        self, db_url: str, log: Path, *extra: str, admin_key: str | None = ADMIN_KEY, spool: Path | None = None
    ) -> None:
        env = {**os.environ, "KAKAO_SHARE_READ_TOKEN": READ_TOKEN}
        env.pop("KAKAO_ADMIN_KEY", None)
        if admin_key:
            env["KAKAO_ADMIN_KEY"] = admin_key
        self.log = log
        self.spool = spool or log.with_suffix(".spool.db")
        self._out = log.open("w")
        cmd = [sys.executable, "-m", "kakao_share.webhook", "webhook", "--db", db_url, "--port", "0", *extra]
        if "--no-spool" not in extra:
            cmd += ["--spool", str(self.spool)]
        self.proc = subprocess.Popen(cmd, env=env, stdout=self._out, stderr=subprocess.STDOUT)
        self.url = self._wait_for_url()

    def _wait_for_url(self) -> str:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            found = re.search(r"kakao-share webhook: (http://[0-9.:]+)/kakao/webhook", self.log.read_text())
            if found and "Application startup complete" in self.log.read_text():
                return found.group(1)
            if self.proc.poll() is not None:
                raise AssertionError(f"the receiver exited ({self.proc.returncode}):\n{self.log.read_text()}")
            time.sleep(0.05)
        raise AssertionError(f"the receiver did not start:\n{self.log.read_text()}")

    @property
    def rss_kb(self) -> int:
        status = Path(f"/proc/{self.proc.pid}/status").read_text()
        return int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1))  # type: ignore[union-attr]

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._out.close()

    def kill9(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()
        self._out.close()


@pytest.fixture
def start_receiver(tmp_path: Path) -> Iterator:
    started: list[Receiver] = []

    def start(db_url: str, *extra: str, admin_key: str | None = ADMIN_KEY, spool: Path | None = None) -> Receiver:
        log = tmp_path / f"receiver-{len(started)}.log"
        started.append(Receiver(db_url, log, *extra, admin_key=admin_key, spool=spool))
        return started[-1]

    yield start
    for receiver in started:
        receiver.stop()


@pytest.fixture
def receiver(start_receiver, db_url: str) -> Receiver:
    return start_receiver(db_url)
