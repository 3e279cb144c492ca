"""The ``kakao-share`` console command (server only): run the webhook receiver, export what it stored, inspect.

It lives with the receiver so that everything server-only sits in ``webhook/`` and ``inspect/``; the
``inspect`` subcommand is imported from :mod:`kakao_share.inspect` when it is asked for.

kakao-share webhook --db sqlite:///events.db --port 8080     admin key from KAKAO_ADMIN_KEY
kakao-share events --db sqlite:///events.db --format csv      stored events to stdout (or -o FILE)
kakao-share inspect public/ --domain example.com --html report.html   check every page's share card
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import secrets
import sys
from collections.abc import Sequence
from datetime import UTC, datetime

__all__ = [
    "ADMIN_KEY_ENV",
    "DEFAULT_DB",
    "DEFAULT_SPOOL",
    "READ_TOKEN_ENV",
    "main",
    "read_token_from_env",
    "unauthenticated_banner",
]

ADMIN_KEY_ENV = "KAKAO_ADMIN_KEY"
READ_TOKEN_ENV = "KAKAO_SHARE_READ_TOKEN"
DEFAULT_DB = "sqlite:///kakao-share-events.db"
DEFAULT_SPOOL = "kakao-share-spool.db"

_UNAUTHENTICATED_BANNER = """\
!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!
!! WEBHOOK IS UNAUTHENTICATED: anyone who can reach {url} can write events.
!! For local testing only. Set {env} to the Kakao app's admin key for anything else.
!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"""


def unauthenticated_banner(url: str) -> str:
    return _UNAUTHENTICATED_BANNER.format(url=url, env=ADMIN_KEY_ENV)


def read_token_from_env() -> tuple[str, bool]:
    """The read token for the export and stats endpoints, and whether it was generated for this run."""
    given = os.environ.get(READ_TOKEN_ENV)
    return (given, False) if given else (secrets.token_urlsafe(24), True)


def _time(raw: str) -> datetime:
    moment = datetime.fromisoformat(raw)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _log_to_stderr() -> None:
    """The receiver's own log lines (switching to the spool and back) beside uvicorn's."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s kakao-share: %(message)s"))
    logger = logging.getLogger("kakao_share.webhook")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False


def _webhook(args: argparse.Namespace) -> int:
    from . import EventStore, Spool, admin_keys, create_app
    from ._serving import bind, serve_forever

    keys = admin_keys(args.admin_key or os.environ.get(ADMIN_KEY_ENV))
    if not keys and not args.insecure_no_auth:
        print(
            f"error: {ADMIN_KEY_ENV} is not set: set it to the Kakao app's admin key (the webhook checks "
            "'Authorization: KakaoAK <admin key>'; several keys separated by commas), or pass "
            "--insecure-no-auth for local testing only",
            file=sys.stderr,
        )
        return 2
    _log_to_stderr()
    sock = bind(args.host, args.port)
    spool = None if args.no_spool else Spool(args.spool)
    store = EventStore(args.db, wait_for_database=spool is not None)
    read_token, generated = read_token_from_env()
    app = create_app(
        store,
        admin_key=keys,
        read_token=read_token,
        spool=spool,
        allow_unauthenticated=args.insecure_no_auth,
        body_limit=args.body_limit,
        close_store=True,
    )
    host, port = sock.getsockname()[:2]
    base = f"http://{host}:{port}"
    if not keys:
        print(unauthenticated_banner(f"{base}/kakao/webhook"), file=sys.stderr)
    print(f"kakao-share webhook: {base}/kakao/webhook -> {store.url}", file=sys.stderr)
    print(
        f"spool: {spool.path} (events wait there while the store cannot take them)"
        if spool
        else "spool: none (--no-spool): calls get 503 while the store cannot take them",
        file=sys.stderr,
    )
    paths = f"{base}/kakao/events, {base}/kakao/stats and {base}/kakao/health"
    if generated:
        print(
            f"reading: {paths} with 'Authorization: Bearer {read_token}' "
            f"(generated for this run; set {READ_TOKEN_ENV} to choose one)",
            file=sys.stderr,
        )
    else:
        print(f"reading: {paths} with the token in {READ_TOKEN_ENV}", file=sys.stderr)
    sys.stderr.flush()
    serve_forever(app, sock)
    return 0


def _events(args: argparse.Namespace) -> int:
    from . import EventStore, csv_lines, jsonl_lines

    with EventStore(args.db) as store, contextlib.ExitStack() as stack:
        out = (
            stack.enter_context(open(args.output, "w", encoding="utf-8", newline="", opener=_private))
            if args.output
            else sys.stdout
        )
        found = store.events(since=args.since, until=args.until)
        out.writelines(csv_lines(found) if args.format == "csv" else jsonl_lines(found))
    return 0


def _private(path: str, flags: int) -> int:
    """Exports hold chat hashes and callback arguments: readable by their owner only."""
    return os.open(path, flags, 0o600)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="kakao-share", description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)
    w = sub.add_parser("webhook", help="receive Kakao's share webhook at /kakao/webhook")
    w.add_argument("--db", default=DEFAULT_DB, help=f"database URL: sqlite:///path or postgresql://… ({DEFAULT_DB})")
    w.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    w.add_argument("--port", type=int, default=8080, help="port (8080)")
    w.add_argument("--body-limit", type=int, default=8192, help="largest request body in bytes (8192); 413 beyond")
    w.add_argument(
        "--admin-key",
        action="append",
        metavar="KEY",
        help=f"an admin key to accept; repeat for several (rotation). Instead of {ADMIN_KEY_ENV}, whose "
        "value may list several, separated by commas (prefer it: arguments show in the process list)",
    )
    w.add_argument(
        "--spool",
        default=DEFAULT_SPOOL,
        metavar="FILE",
        help=f"local SQLite file where events wait while the store cannot take them ({DEFAULT_SPOOL})",
    )
    w.add_argument("--no-spool", action="store_true", help="no spool: answer 503 while the store cannot take events")
    w.add_argument(
        "--insecure-no-auth",
        action="store_true",
        help=f"accept calls without the admin key when {ADMIN_KEY_ENV} is unset (local testing only)",
    )
    e = sub.add_parser("events", help="write stored events as JSON lines or CSV")
    e.add_argument("--db", default=DEFAULT_DB, help=f"database URL ({DEFAULT_DB})")
    e.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    e.add_argument("--since", type=_time, help="ISO date/time (UTC unless it says): from this moment on")
    e.add_argument("--until", type=_time, help="ISO date/time: before this moment")
    e.add_argument("-o", "--output", help="file to write (created readable by you only); stdout by default")
    from ..inspect._cli import add_inspect_command, run_inspect

    add_inspect_command(sub)
    args = parser.parse_args(argv)
    if args.command == "inspect":
        return run_inspect(args)

    from ._errors import StoreError
    from ._serving import ServeError

    try:
        return _webhook(args) if args.command == "webhook" else _events(args)
    except (StoreError, ServeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
