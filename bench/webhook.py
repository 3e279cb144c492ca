"""Benchmark: the webhook receiver (SQLite and PostgreSQL) against the previous receiver, in one run.

Run: ``.venv/bin/python bench/webhook.py [--events N]``. Each receiver runs in its own process on
127.0.0.1 (the new one is the ``kakao-share webhook`` command, over a fresh SQLite file and over a
PostgreSQL server started for the run); this process is the load: keep-alive connections from
:mod:`tests.support.http_load`, each call a Kakao-style POST with a new ``X-Kakao-Resource-ID``. The previous
receiver (``http.server`` + in-memory de-duplication, no durable store) is taken from git history
(commit 9338d6f) into a temporary folder at run time.

Reported per receiver and concurrency (1, 50, 200 clients): events/s (answered calls / wall time),
latency p50/p99/max, and calls that got no 2xx. Targets: ≥ 1,000 events/s at 50 clients with p99
< 100 ms, and no call over 3 s at 200 clients.

Then an outage: the PostgreSQL receiver (with its spool) under the same load at 50 clients, PostgreSQL
stopped once a third of the calls are answered and started again at two thirds. Reported beside the
rows above: events/s, p50/p99/max, calls without a 2xx, how many events went through the spool, and the
time from PostgreSQL accepting connections again to the spool being empty (its retry pause included:
the receiver tries a store that is down every 0.25 s at first, doubling up to every 2 s). The run checks
that PostgreSQL then holds every event exactly once.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from itertools import count
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support.http_load import Answer, Request, load, percentile  # noqa: E402
from tests.support.postgres import PostgresNotAvailable, TempPostgres  # noqa: E402

ADMIN_KEY = "bench-admin-key"
READ_TOKEN = "bench"
OLD_COMMIT = "9338d6f"
LEVELS = (1, 50, 200)
_ids = count()


@dataclass(frozen=True)
class Row:
    receiver: str
    clients: int
    events: int
    seconds: float
    p50: float
    p99: float
    worst: float
    failed: int
    spooled: int = 0
    drain: float | None = None

    @property
    def rate(self) -> float:
        return (self.events - self.failed) / self.seconds


def requests(n: int) -> Iterator[Request]:
    for _ in range(n):
        i = next(_ids)
        body = json.dumps({"CHAT_TYPE": "DirectChat", "HASH_CHAT_ID": f"room-{i % 97}", "product_id": str(i % 13)})
        headers = {
            "Authorization": f"KakaoAK {ADMIN_KEY}",
            "X-Kakao-Resource-ID": f"bench-{os.getpid()}-{i}",
            "Content-Type": "application/json",
            "User-Agent": "KakaoOpenAPI/1.0",
        }
        yield Request("POST", "/kakao/webhook", headers, body.encode())


def _row(name: str, clients: int, answers: list[Answer], seconds: float, **extra: Any) -> Row:
    times = [a.seconds for a in answers]
    failed = sum(not 200 <= a.status < 300 for a in answers)
    p50, p99 = percentile(times, 0.5), percentile(times, 0.99)
    return Row(name, clients, len(answers), seconds, p50, p99, max(times), failed, **extra)


def measure(name: str, url: str, clients: int, events: int) -> Row:
    load(url, requests(min(events, 200)), concurrency=min(clients, 50), timeout=10)  # warm up
    started = time.perf_counter()
    answers = load(url, requests(events), concurrency=clients, timeout=10)
    return _row(name, clients, answers, time.perf_counter() - started)


def _health(url: str) -> dict[str, Any]:
    conn = http.client.HTTPConnection(url.removeprefix("http://"), timeout=10)
    try:
        conn.request("GET", "/kakao/health", headers={"Authorization": f"Bearer {READ_TOKEN}"})
        return dict(json.loads(conn.getresponse().read()))
    finally:
        conn.close()


def measure_outage(name: str, url: str, postgres: TempPostgres, db_url: str, clients: int, events: int) -> Row:
    """The load at ``clients``, PostgreSQL stopped from a third of the answers to two thirds."""
    import psycopg

    load(url, requests(min(events, 200)), concurrency=min(clients, 50), timeout=10)  # warm up
    answered = threading.Semaphore(0)
    back_at: list[float] = []

    def outage() -> None:
        for _ in range(events // 3):
            answered.acquire()
        postgres.stop()
        for _ in range(events // 3):
            answered.acquire()
        postgres.start()
        back_at.append(time.perf_counter())

    def on_answer(_answer: Answer) -> None:
        answered.release()

    thread = threading.Thread(target=outage)
    thread.start()
    started = time.perf_counter()
    answers = load(url, requests(events), concurrency=clients, timeout=10, on_answer=on_answer)
    seconds = time.perf_counter() - started
    thread.join()
    spooled = sum(b'"spooled":true' in a.body for a in answers)
    while (state := _health(url))["writing_to"] != "store" or state["spool"]["waiting"]:
        time.sleep(0.05)
    drain = time.perf_counter() - back_at[0]
    with psycopg.connect(db_url) as conn:
        found = conn.execute("SELECT count(*), count(DISTINCT resource_id) FROM kakao_share_events").fetchone()
    sent = min(events, 200) + events
    if found != (sent, sent):
        print(f"  {name}: NOT exactly once: {found} rows (all, distinct) for {sent} events", file=sys.stderr)
    return _row(name, clients, answers, seconds, spooled=spooled, drain=drain)


@contextmanager
def process(cmd: list[str], env: dict[str, str], ready: str, cwd: Path | None = None) -> Iterator[str]:
    """Run a server; yield the base URL it prints (a line matching ``ready`` with the URL as group 1)."""
    with tempfile.TemporaryFile("w+") as log:
        proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=cwd)
        try:
            deadline = time.monotonic() + 60
            while True:
                log.seek(0)
                found = re.search(ready, log.read())
                if found:
                    break
                if proc.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    raise RuntimeError(f"{cmd[:4]} did not start:\n{log.read()[-2000:]}")
                time.sleep(0.05)
            time.sleep(0.3)
            yield found.group(1)
        finally:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def new_receiver(db_url: str, spool: Path) -> AbstractContextManager[str]:
    env = {**os.environ, "KAKAO_ADMIN_KEY": ADMIN_KEY, "KAKAO_SHARE_READ_TOKEN": READ_TOKEN}
    cmd = [sys.executable, "-m", "kakao_share.webhook", "webhook", "--db", db_url, "--port", "0", "--spool", str(spool)]
    return process(cmd, env, r"kakao-share webhook: (http://[0-9.:]+)/kakao/webhook.*\n(?s:.*)startup complete")


_OLD_MAIN = """
import sys
from pathlib import Path
from oldsite.server import SiteServer
from oldsite.webhook import WebhookInbox
server = SiteServer("127.0.0.1", 0, Path(sys.argv[1]), inbox=WebhookInbox(admin_key=sys.argv[2]), verbose=False)
print(f"old receiver: {server.url}", flush=True)
server.serve_forever()
"""


def old_receiver(folder: Path) -> AbstractContextManager[str]:
    """The receiver as of OLD_COMMIT, from git history: its server and webhook modules unchanged."""
    package = folder / "oldsite"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "bundle.py").write_text("class BuildError(Exception):\n    pass\n")  # all the server needs of it
    for name in ("server.py", "webhook.py", "_paths.py"):
        source = subprocess.run(
            ["git", "show", f"{OLD_COMMIT}:sitekit/{name}"], cwd=ROOT, capture_output=True, text=True, check=True
        )
        (package / name).write_text(source.stdout)
    env = {k: v for k, v in os.environ.items() if k not in {"KAKAO_ADMIN_KEY", "KAKAO_WEBHOOK_LOG"}}
    cmd = [sys.executable, "-c", _OLD_MAIN, str(ROOT / "web"), ADMIN_KEY]
    return process(cmd, env, r"old receiver: (http://[0-9.:]+)", cwd=folder)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=5000, help="calls per cell at 50 and 200 clients (5000)")
    args = parser.parse_args(argv)
    sizes = {1: max(200, args.events // 10), 50: args.events, 200: args.events}
    rows: list[Row] = []
    load = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        receivers: list[tuple[str, Callable[[], AbstractContextManager[str]]]] = [
            ("previous (http.server, in memory)", lambda: old_receiver(folder)),
            (
                "kakao-share webhook, SQLite",
                lambda: new_receiver(f"sqlite:///{folder}/events.db", folder / "spool-sqlite.db"),
            ),
        ]
        postgres = None
        try:
            postgres = TempPostgres(install=True)
            url = postgres.create_database("bench")
            receivers.append(("kakao-share webhook, PostgreSQL", lambda: new_receiver(url, folder / "spool-pg.db")))
        except PostgresNotAvailable as exc:
            print(f"PostgreSQL not available, its rows are missing: {exc}", file=sys.stderr)
        try:
            for name, start in receivers:
                with start() as base:
                    for clients in LEVELS:
                        rows.append(measure(name, base, clients, sizes[clients]))
                        print(f"  {name}, {clients} clients: {rows[-1].rate:,.0f} events/s", file=sys.stderr)
            if postgres is not None:
                name = "kakao-share webhook, PostgreSQL stopped for a third of the run"
                outage_url = postgres.create_database("outage")
                with new_receiver(outage_url, folder / "spool-outage.db") as base:
                    rows.append(measure_outage(name, base, postgres, outage_url, 50, args.events))
                    print(f"  {name}: {rows[-1].rate:,.0f} events/s", file=sys.stderr)
        finally:
            if postgres is not None:
                postgres.close()

    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, load average at start {load[0]:.1f}")
    print("| receiver | clients | events/s | p50 | p99 | max | no 2xx | through the spool | spool drained in |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        drain = "–" if r.drain is None else f"{r.drain:.2f} s"
        print(
            f"| {r.receiver} | {r.clients} | {r.rate:,.0f} | {r.p50 * 1000:.1f} ms | {r.p99 * 1000:.1f} ms "
            f"| {r.worst * 1000:.0f} ms | {r.failed} of {r.events} | {r.spooled} | {drain} |"
        )
    old = {r.clients: r for r in rows if r.receiver.startswith("previous")}
    for r in rows:
        if not r.receiver.startswith("previous") and r.clients in old:
            print(f"{r.receiver}, {r.clients} clients: x{r.rate / old[r.clients].rate:.2f} events/s of the previous")
    at50 = [r for r in rows if r.clients == 50 and not r.receiver.startswith("previous")]
    at200 = [r for r in rows if r.clients == 200 and not r.receiver.startswith("previous")]
    for r in at50:
        met = r.rate >= 1000 and r.p99 < 0.1 and r.failed == 0
        print(f"target at 50 clients ({r.receiver}): {'met' if met else 'NOT met'}")
    for r in at200:
        met = r.worst < 3 and r.failed == 0
        print(f"target at 200 clients ({r.receiver}): {'met' if met else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
