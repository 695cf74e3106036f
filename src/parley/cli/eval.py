"""``parley eval``: score the event coder against annotated sentences."""

from __future__ import annotations

import click

from parley.cli import main
from parley.cli.common import echo_json, format_option, handle_errors


@main.command("eval")
@click.option("--gold", "gold", multiple=True, required=True, type=click.Path(dir_okay=False),
              help="Gold JSONL file (PLOVER gsr format or parley's own); repeat for several.")
@format_option(["text", "json"], "text")
@click.option("--errors/--no-errors", default=False, show_default=True,
              help="List the sentences where the coder and the gold disagree.")
@handle_errors
def eval_command(gold: tuple[str, ...], fmt: str, errors: bool) -> None:
    """Precision, recall and F1 of event type, actor, recipient and all three, per type and overall."""
    from parley.eval import evaluate

    reports = [evaluate(path) for path in gold]
    if fmt == "json":
        data = [r.to_dict() for r in reports]
        if not errors:
            for d in data:
                d.pop("errors")
        echo_json(data[0] if len(data) == 1 else data)
        return
    for r in reports:
        click.echo(r.to_text())
        if errors:
            for e in r.errors:
                click.echo(f"\n{e['id']}: {e['text']}\n  gold:      {'; '.join(e['gold'])}\n"
                           f"  predicted: {'; '.join(e['predicted'])}")
        click.echo("")
