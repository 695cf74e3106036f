"""``parley quotes`` and ``parley claims``: who said what, and on whose authority."""

from __future__ import annotations

import click

from parley.cli import main
from parley.cli.common import CodedRun, date_option, echo_json, echo_jsonl, format_option, handle_errors
from parley.records import EVIDENTIAL_STATUSES


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@date_option()
@format_option(["text", "json", "jsonl"], "text")
@handle_errors
def quotes(files: tuple[str, ...], published, fmt: str) -> None:
    """Print the quotes of FILES: direct, mixed and indirect, with speaker, cue and medium.

    JSON gives one object per article ({article_id, quotes}); JSONL one quote per line.
    """
    from parley.quotes.report import quote_lines, quotes_as_rows

    run = CodedRun(files, published)
    collected = []
    for analysis in run:
        origin = analysis.article.origin
        if fmt == "jsonl":
            echo_jsonl(quotes_as_rows(analysis.quotes, analysis.article.id))
        elif fmt == "json":
            collected.append({"article_id": analysis.article.id, "quotes": [q.to_dict() for q in analysis.quotes]})
        else:
            click.echo(f"# {origin}: {len(analysis.quotes)} quotes")
            for line in quote_lines(analysis):
                click.echo(line)
    if fmt == "json":
        echo_json(collected)
    run.finish()


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@date_option()
@click.option("--status", "statuses", multiple=True, type=click.Choice(EVIDENTIAL_STATUSES),
              help="Only claims with this evidential status (repeatable), e.g. --status outlet.")
@format_option(["text", "json", "jsonl"], "text")
@handle_errors
def claims(files: tuple[str, ...], published, statuses: tuple[str, ...], fmt: str) -> None:
    """Print every claim of FILES with its evidential status and speaker.

    `--status outlet` lists what each article asserts in its own voice; `--status anonymous
    --status hedged` what it reports from unnamed sources or with a hedge.
    """
    from parley.quotes.report import claim_lines, select_claims

    run = CodedRun(files, published)
    collected = []
    for analysis in run:
        origin = analysis.article.origin
        chosen = select_claims(analysis.claims, statuses)
        if fmt == "jsonl":
            echo_jsonl({**c.to_dict(), "article_id": analysis.article.id} for c in chosen)
        elif fmt == "json":
            collected.append({"article_id": analysis.article.id, "claims": [c.to_dict() for c in chosen]})
        else:
            click.echo(f"# {origin}: {len(chosen)} claims")
            for line in claim_lines(chosen):
                click.echo(line)
    if fmt == "json":
        echo_json(collected)
    run.finish()
