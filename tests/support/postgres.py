"""Find or install Debian's PostgreSQL and run a throwaway server on loopback, for tests and benchmarks.

Order, as for Chromium (:mod:`tests.support.chromium`): ``$KAKAO_SHARE_PG_BIN`` (a folder with ``initdb`` and
``pg_ctl``), the newest ``/usr/lib/postgresql/<version>/bin``, else ``apt-get install postgresql``.
PostgreSQL refuses to run as root, so as root the server runs as the ``postgres`` user (``runuser``).

    python -m tests.support.postgres      print the binaries' folder, installing PostgreSQL if needed
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path
from types import TracebackType

from ._debian import apt_install

__all__ = ["ENV_VAR", "PostgresNotAvailable", "TempPostgres", "find_pg_bin"]

ENV_VAR = "KAKAO_SHARE_PG_BIN"
DEBIAN_ROOT = Path("/usr/lib/postgresql")
SERVICE_USER = "postgres"


class PostgresNotAvailable(RuntimeError):
    pass


def _version_key(path: Path) -> tuple[int, ...]:
    return tuple(int(part) for part in path.parent.name.split(".") if part.isdigit())


def _debian_bin() -> Path | None:
    found = sorted((p for p in DEBIAN_ROOT.glob("*/bin") if (p / "initdb").exists()), key=_version_key)
    return found[-1] if found else None


def find_pg_bin(*, install: bool = False) -> Path:
    override = os.environ.get(ENV_VAR)
    if override:
        path = Path(override)
        if not (path / "initdb").exists():
            raise PostgresNotAvailable(f"{ENV_VAR}={override} has no initdb")
        return path
    found = _debian_bin()
    if found:
        return found
    if install:
        return _install_debian_postgres()
    raise PostgresNotAvailable(f"no PostgreSQL found: set {ENV_VAR}, or run `python -m tests.support.postgres`")


def _install_debian_postgres() -> Path:
    apt_install("postgresql", PostgresNotAvailable)
    found = _debian_bin()
    if not found:
        raise PostgresNotAvailable(f"apt-get installed postgresql but {DEBIAN_ROOT}/*/bin/initdb is missing")
    return found


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class TempPostgres:
    """A PostgreSQL server in a temporary folder on 127.0.0.1; removed by :meth:`close`.

    ``url`` is a SQLAlchemy/libpq URL for the ``postgres`` database; :meth:`create_database` makes more.
    :meth:`stop` and :meth:`start` stop and restart it (to test a receiver whose database goes away).
    """

    def __init__(self, *, install: bool = True) -> None:
        self.bin = find_pg_bin(install=install)
        self._as_service_user = os.geteuid() == 0
        self.dir = Path(tempfile.mkdtemp(prefix="kakao-share-pg-"))
        self.data = self.dir / "data"
        self.port = _free_port()
        self.url = f"postgresql://{SERVICE_USER}@127.0.0.1:{self.port}/postgres"
        if self._as_service_user:
            self.dir.chmod(0o755)
            shutil.chown(self.dir, SERVICE_USER)
        try:
            self._run("initdb", "-D", str(self.data), "-U", SERVICE_USER, "-A", "trust", "-E", "UTF8", "--no-sync")
            self.start()
        except BaseException:
            shutil.rmtree(self.dir, ignore_errors=True)
            raise

    def _run(self, tool: str, *args: str) -> None:
        cmd = [str(self.bin / tool), *args]
        if self._as_service_user:
            cmd = ["runuser", "-u", SERVICE_USER, "--", *cmd]
        result = subprocess.run(cmd, capture_output=True, text=True, cwd=self.dir)
        if result.returncode != 0:
            raise PostgresNotAvailable(f"`{tool}` failed ({result.returncode}):\n{result.stderr[-2000:]}")

    def start(self) -> None:
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c max_connections=200"
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.dir / "server.log"), "-w", "start")

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def create_database(self, name: str) -> str:
        """A new empty database; returns its URL."""
        import psycopg

        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url.rsplit("/", 1)[0] + "/" + name

    def close(self) -> None:
        with contextlib.suppress(PostgresNotAvailable):  # already stopped
            self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self) -> TempPostgres:
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()


if __name__ == "__main__":
    try:
        print(find_pg_bin(install=True))
    except PostgresNotAvailable as exc:
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(1)
