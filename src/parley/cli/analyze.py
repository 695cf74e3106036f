"""``parley analyze`` and ``parley events``: code articles and print what was found."""

from __future__ import annotations

import csv
import sys

import click

from parley.cli import main
from parley.cli.common import (
    CodedRun,
    date_option,
    echo_json,
    echo_jsonl,
    format_option,
    handle_errors,
)


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

    run = CodedRun(files, published)
    writer = None
    collected = []
    for analysis in run:
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
    run.finish()
