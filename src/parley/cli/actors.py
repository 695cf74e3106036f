"""``parley actors``: look a name up in the actor knowledge base; validate a user dictionary."""

from __future__ import annotations

import click

from parley.cli import main
from parley.cli.common import date_option, echo_json, fail, format_option, handle_errors

KINDS = ("offices", "states", "organisations", "titles", "petrarch", "wikidata")


@main.group()
def actors() -> None:
    """The actor knowledge base: who is who, on which date."""


@actors.command()
@click.argument("name")
@date_option("Resolve on this date (YYYY-MM-DD); default today.")
@format_option(["text", "json"], "text")
@click.option("--dictionary", "dictionaries", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="An extra actor dictionary to load (repeatable); also $PARLEY_ACTORS.")
@handle_errors
def lookup(name: str, published, fmt: str, dictionaries) -> None:
    """Show what the resolver decides for NAME and why.

    \b
    Examples:
      parley actors lookup "Trump" --date 2022-06-01
      parley actors lookup "Polish President Donald Tusk" --date 2025-05-11 --format json
    """
    from parley.actors import explain, kb

    knowledge = kb(dictionaries) if dictionaries else None
    result = explain(name, published, knowledge=knowledge)
    if fmt == "json":
        echo_json(result.to_dict())
        return
    e = result.entity
    if e is None:
        click.echo(f"{name}: not resolved")
    else:
        click.echo(f"{name}: {e.code} {e.sector or '-'}  {e.identifier_text or ''}"
                   + (f"  ({e.office})" if e.office else ""))
    for reason in result.reasons:
        click.echo(f"  - {reason}")
    if result.offices:
        click.echo("  offices in the knowledge base:")
        for o in result.offices:
            end = o.end.isoformat() if o.end else "present"
            start = o.start.isoformat() if o.start else "?"
            click.echo(f"    {start} – {end}  {o.code} {o.sector} {o.office or '-'}  [{o.source}]")
    if e is None:
        raise SystemExit(1)


@actors.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--kind", type=click.Choice(KINDS), default=None,
              help="What the file holds (default: guessed from its name and contents).")
@handle_errors
def validate(path: str, kind: str | None) -> None:
    """Check an actor dictionary FILE; list every problem with line, field and message.

    Exit code 0 when the file is fine, 1 when it has problems.
    """
    from parley.actors import validate as check

    problems = check(path, kind)
    if not problems:
        click.echo(f"{path}: ok")
        return
    for p in problems:
        click.echo(str(p), err=True)
    fail(f"{path}: {len(problems)} problem(s)")
