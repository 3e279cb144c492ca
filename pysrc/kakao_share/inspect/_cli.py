"""``kakao-share inspect TARGET``: the command's arguments and what it prints and writes."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

__all__ = ["add_inspect_command", "run_inspect"]


def add_inspect_command(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``inspect`` subcommand to the ``kakao-share`` parser's subcommands."""
    p = sub.add_parser(
        "inspect",
        help="check every page's KakaoTalk share card (a folder of HTML, a file, a site's URL or sitemap.xml)",
    )
    p.add_argument("target", help="a folder of built HTML, an .html file, https://site/ or https://site/sitemap.xml")
    p.add_argument(
        "--domain",
        action="append",
        dest="domains",
        metavar="DOMAIN",
        help="a domain registered for the app (repeat for each); links elsewhere are errors",
    )
    p.add_argument("--base-url", help="where a folder is published (default: https://<first --domain>/)")
    p.add_argument("--max-pages", type=int, default=200, help="the most pages to read (200)")
    p.add_argument("--concurrency", type=int, default=8, help="fetches at once (8)")
    p.add_argument("--format", choices=("table", "json"), default="table", help="table (default) or json on stdout")
    p.add_argument("--html", metavar="FILE", help="also write the report as one HTML page")
    p.add_argument("--lang", choices=("en", "ko"), default="en", help="language of findings and the report (en)")
    p.add_argument("--baseline", metavar="JSON", help="a previous --format json output: mark cards that changed")
    p.add_argument(
        "--fail-on",
        choices=("error", "warning"),
        default="error",
        help="exit 1 on any error (default) or also on any warning",
    )


def run_inspect(args: argparse.Namespace) -> int:
    """Run the inspection ``args`` describe: 0 clean, 1 findings at the --fail-on level, 2 unusable target."""
    from rich.console import Console

    from ._exceptions import InspectError
    from ._html import render_html
    from ._inspect import inspect_site
    from ._report import read_baseline
    from ._terminal import print_summary, progress_bar

    err = Console(stderr=True)
    try:
        baseline = read_baseline(args.baseline) if args.baseline else None
        with progress_bar(err, args.lang) as progress:
            report = inspect_site(
                args.target,
                domains=args.domains,
                base_url=args.base_url,
                max_pages=args.max_pages,
                concurrency=args.concurrency,
                baseline=baseline,
                progress=progress,
            )
    except InspectError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.html:
        Path(args.html).write_text(render_html(report, args.lang), encoding="utf-8")
    if args.format == "json":
        json.dump(report.to_json(args.lang), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print_summary(report, Console(), args.lang)
    return report.exit_status(args.fail_on)
