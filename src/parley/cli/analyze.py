"""``parley analyze`` and ``parley events``: code articles and print what was found."""

from __future__ import annotations

import csv
import sys

import click

from parley.cli import main
from parley.cli.common import (
    date_option,
    echo_json,
    echo_jsonl,
    format_option,
    handle_errors,
    report_failures,
)


def _analyses(files: tuple[str, ...], published):
    """Analyse every article in ``files``; yield (analysis or None, origin, error message)."""
    from parley import analyze_article
    from parley.errors import InputError
    from parley.ingest import iter_articles

    for path in files:
        for item in iter_articles(path, published):
            if isinstance(item, InputError):
                yield None, item.source or path, str(item)
                continue
            yield analyze_article(item), item.origin or path, None


@main.command()
@click.argument("article", type=click.Path(dir_okay=False))
@date_option()
@format_option(["text", "json"], "text")
@handle_errors
def analyze(article: str, published, fmt: str) -> None:
    """Analyse one ARTICLE (text, HTML, JSON) and print events, quotes and flags."""
    from parley import analyze_article
    from parley.ingest import read_article
    from parley.report import render_text

    result = analyze_article(read_article(article, published))
    if fmt == "json":
        echo_json(result.to_dict())
    else:
        click.echo(render_text(result))


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@date_option()
@format_option(["jsonl", "csv", "json"], "jsonl")
@handle_errors
def events(files: tuple[str, ...], published, fmt: str) -> None:
    """Print the PLOVER event records of FILES (JSONL, one per line; or CSV, or a JSON list).

    A file that cannot be coded is reported on stderr; the others are still coded.
    """
    from parley.report import CSV_FIELDS, event_row

    failures: list[tuple[str, str]] = []
    total = 0
    writer = None
    collected = []
    for analysis, origin, error in _analyses(files, published):
        total += 1
        if error:
            failures.append((origin, error))
            continue
        if fmt == "jsonl":
            echo_jsonl(e.to_dict() for e in analysis.events)
        elif fmt == "json":
            collected.extend(e.to_dict() for e in analysis.events)
        else:
            if writer is None:
                writer = csv.DictWriter(sys.stdout, fieldnames=CSV_FIELDS, lineterminator="\n")
                writer.writeheader()
            for e in analysis.events:
                writer.writerow(event_row(e))
    if fmt == "json":
        echo_json(collected)
    report_failures(failures, total)
