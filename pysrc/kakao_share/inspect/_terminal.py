"""The inspection in a terminal: a progress bar while it runs, then a summary table (rich).

Text from the pages is shown with its control characters escaped (``\x1b`` as text), so a page
cannot move the cursor, retitle the window or hide a line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn
from rich.table import Table
from rich.text import Text as RichText

from .. import Text
from ._inspect import Progress as ProgressCallback
from ._report import Report
from ._rules import DEBUGGER_URL

__all__ = ["print_summary", "progress_bar"]

_STAGES = {"pages": Text("reading pages", "페이지 읽는 중"), "images": Text("fetching images", "이미지 받는 중")}
_SEVERITY = {"error": Text("error", "오류"), "warning": Text("warning", "경고")}
_HEAD = (Text("page", "페이지"), Text("errors", "오류"), Text("warnings", "경고"), Text("findings", "발견 항목"))


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _shown(text: str, style: str = "") -> RichText:
    """``text`` as rich text (no markup) with control characters written out."""
    return RichText(_CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text), style=style)


@contextmanager
def progress_bar(console: Console, lang: str) -> Iterator[ProgressCallback]:
    """A callback for :func:`inspect_site` that draws one bar per stage on ``console``."""
    tasks: dict[str, TaskID] = {}
    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), console=console, transient=True
    ) as bar:

        def update(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(_STAGES[stage].get(lang), total=total)
            bar.update(tasks[stage], completed=done, total=max(total, done))

        yield update


def print_summary(report: Report, console: Console, lang: str) -> None:
    """One row per page (its errors, warnings and finding codes), then every finding with its fix."""
    table = Table(title=f"{report.target}", show_lines=False)
    for i, head in enumerate(_HEAD):
        table.add_column(head.get(lang), justify="right" if i in (1, 2) else "left", overflow="fold")
    for page in report.pages:
        codes = ", ".join(dict.fromkeys(g.finding.code for g in page.findings)) or "✓"
        errors, warnings = page.count("error"), page.count("warning")
        table.add_row(
            _shown(page.url),
            RichText(str(errors), style="bold red" if errors else ""),
            RichText(str(warnings), style="yellow" if warnings else ""),
            _shown(codes),
        )
    console.print(table)
    for page in report.pages:
        if not page.findings:
            continue
        console.print(_shown(page.url, style="bold"))
        for graded in page.findings:
            rule, fix = graded.text(lang)
            style = "red" if graded.severity == "error" else "yellow"
            line = RichText(f"  {_SEVERITY[graded.severity].get(lang)} ", style=style)
            line.append_text(_shown(f"{graded.finding.code} {graded.finding.path}: {rule}"))
            if fix:
                line.append_text(_shown(f" → {fix}", style="dim"))
            console.print(line)
    if any(page.card_changed for page in report.pages):
        console.print(
            RichText(
                Text(
                    "Cards changed since the baseline: KakaoTalk may still show the old ones; refresh them at ",
                    "기준 이후 바뀐 카드가 있습니다. 카카오톡은 예전 카드를 보여 줄 수 있으니 여기서 초기화하세요: ",
                ).get(lang)
                + DEBUGGER_URL
            )
        )
        for page in report.pages:
            if page.card_changed:
                console.print(_shown(f"  {page.url}"))
    total = Text("{e} errors, {w} warnings", "오류 {e}개, 경고 {w}개").format(
        e=report.count("error"), w=report.count("warning")
    )
    console.print(RichText(total.get(lang), style="bold"))
