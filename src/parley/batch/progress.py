"""The progress bar of a local batch job: articles done, articles/s and time left, on stderr."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from collections.abc import Callable, Iterator

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text


class RateColumn(ProgressColumn):
    """Input rows (articles) per second over rich's recent window."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text("-- articles/s" if speed is None else f"{speed:,.1f} articles/s", style="progress.data.speed")


def wanted(quiet: bool, stream=None) -> bool:
    """Show a bar only to a person: not with --quiet, not when stderr is a file or pipe."""
    stream = stream or sys.stderr
    return not quiet and hasattr(stream, "isatty") and stream.isatty()


@contextmanager
def progress_bar(total: int, done: int = 0, *, enabled: bool = True) -> Iterator[Callable[[int], None]]:
    """A callback ``advance(n)``; draws nothing when not ``enabled``."""
    if not enabled:
        yield lambda n: None
        return
    progress = Progress(
        TextColumn("[bold]parley batch"),
        BarColumn(),
        MofNCompleteColumn(),
        RateColumn(),
        TextColumn("elapsed"),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        speed_estimate_period=60,
    )
    with progress:
        task = progress.add_task("articles", total=total, completed=done)
        yield lambda n: progress.advance(task, n)
