"""Command line of ``serve.py``."""

from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="serve.py", description=__doc__)
    sub = parser.add_subparsers(dest="command")
    b = sub.add_parser("build", help="assemble web/runtime/ from the pinned artefacts")
    b.add_argument(
        "--update-manifest",
        action="store_true",
        help="record the sha256 of what is downloaded now instead of checking it (upgrades)",
    )
    e = sub.add_parser("export", help="write a self-contained static site")
    e.add_argument("dest", help="the folder to write (created; must be empty if it exists)")
    s = sub.add_parser("serve", help="serve web/ (the default command)")
    for p in (parser, s):
        p.add_argument("--host", default="127.0.0.1")
        p.add_argument("--port", type=int, default=8000)
        p.add_argument("--db", help="database URL for webhook events (default: sqlite in .cache/webhook/)")
    args = parser.parse_args(argv)

    from ._exceptions import BuildError

    try:
        if args.command == "build":
            from .bundle import build

            report = build(update_manifest=args.update_manifest)
            print(f"runtime ready: {len(report.rebuilt)} rebuilt, {len(report.kept)} up to date")
        elif args.command == "export":
            from .export import export

            export(args.dest)
        else:
            from .server import run

            run(host=args.host, port=args.port, db=args.db)
    except BuildError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0
