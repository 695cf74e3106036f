"""Shared option groups, error handling and output helpers for the CLI commands."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable, Iterable
from typing import Any

import click

from parley.errors import ParleyError


class DateParam(click.ParamType):
    """A ``YYYY-MM-DD`` (or any dateparser-readable) date, refused clearly when malformed."""

    name = "date"

    def convert(self, value, param, ctx):
        from parley.ingest import parse_date

        if value is None or not isinstance(value, str):
            return value
        try:
            return parse_date(value)
        except ParleyError:
            self.fail(f"{value!r} is not a date: use YYYY-MM-DD", param, ctx)


DATE = DateParam()


def date_option(help_text: str = "Publication date (YYYY-MM-DD); overrides the input's own.") -> Callable:
    return click.option("--date", "published", type=DATE, default=None, help=help_text)


def format_option(choices: Iterable[str], default: str) -> Callable:
    choices = list(choices)
    return click.option(
        "--format", "fmt", type=click.Choice(choices), default=default, show_default=True,
        help="Output format.",
    )


def db_option() -> Callable:
    return click.option(
        "--db", default=None, envvar="PARLEY_DB", show_envvar=True,
        help="Store: a SQLite path or a postgresql:// URL (default: ./parley.db).",
    )


def workers_option() -> Callable:
    return click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
                        help="Worker processes.")


def fail(message: str, code: int = 1) -> None:
    click.echo(f"parley: error: {message}", err=True)
    sys.exit(code)


def handle_errors(func: Callable) -> Callable:
    """Turn parley's named errors into one line on stderr and exit 1, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ParleyError as exc:
            fail(str(exc))
        except KeyboardInterrupt:
            fail("interrupted", 130)
        except BrokenPipeError:
            sys.exit(0)

    return wrapper


def echo_json(obj: Any) -> None:
    click.echo(json.dumps(obj, ensure_ascii=False, indent=2))


def echo_jsonl(rows: Iterable[dict]) -> None:
    for row in rows:
        click.echo(json.dumps(row, ensure_ascii=False))


def report_failures(failures: list[tuple[str, str]], total: int) -> None:
    """The summary of a multi-file run; exits 1 when anything failed."""
    if not failures:
        return
    for origin, message in failures:
        click.echo(f"parley: error: {message}" if message.startswith(origin) else f"parley: error: {origin}: {message}", err=True)
    click.echo(f"parley: {total - len(failures)} of {total} inputs coded, {len(failures)} failed", err=True)
    sys.exit(1)


class CodedRun:
    """Analyse every article in FILES, one after another; the failures are kept for ``finish``.

    >>> run = CodedRun(files, published)
    >>> for analysis in run: ...
    >>> run.finish()   # the summary of what failed, exit 1 when anything did
    """

    def __init__(self, files: Iterable[str], published: Any):
        self.files = list(files)
        self.published = published
        self.failures: list[tuple[str, str]] = []
        self.total = 0

    def __iter__(self):
        from parley import analyze_article
        from parley.nlp import chunked, parse_ahead

        for chunk in chunked(self._articles()):
            with parse_ahead(a.text for a in chunk):  # parsed together (nlp.pipe), then coded one by one
                for article in chunk:
                    yield analyze_article(article)

    def _articles(self):
        from parley.errors import InputError
        from parley.ingest import iter_articles

        for path in self.files:
            for item in iter_articles(path, self.published):
                self.total += 1
                if isinstance(item, InputError):
                    self.failures.append((item.source or path, str(item)))
                    continue
                yield item

    def finish(self) -> None:
        report_failures(self.failures, self.total)
