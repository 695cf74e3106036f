"""``parley ingest``, ``parley state``, ``parley timeline``, ``parley export``: the store's commands."""

from __future__ import annotations

import sys

import click

from parley.cli import main
from parley.cli.common import (
    DATE,
    date_option,
    db_option,
    echo_json,
    echo_jsonl,
    format_option,
    handle_errors,
)


def _open(db):
    from parley.store import Store

    return Store.open(db)


def _journal_lines(entries) -> list[str]:
    width = max((len(e["status"]) for e in entries), default=5)
    lines = []
    for e in entries:
        detail = e.get("reason") or (f"-> {e['article_id']}" if e.get("article_id") else "")
        lines.append(f"{e['status']:<{width}}  {e['origin']}  {detail}".rstrip())
    return lines


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@db_option()
@date_option("Publication date (YYYY-MM-DD) for every input; overrides the inputs' own.")
@click.option("--report", is_flag=True,
              help="Print the journal: every input as coded, duplicate or quarantined (with the reason). "
                   "Without PATHS, the journal of the latest run.")
@format_option(["text", "json"], "text")
@handle_errors
def ingest(paths: tuple[str, ...], db, published, report: bool, fmt: str) -> None:
    """Code and store PATHS: files, folders (recursive), JSONL, saved RSS/Atom feeds, WARC files.

    The same article twice is stored once; re-running is idempotent, and a run that was
    interrupted resumes where it stopped (each article is committed on its own).
    """
    if not paths and not report:
        raise click.UsageError("give PATHS to ingest, or --report for the latest run's journal")
    store = _open(db)
    with store:
        if paths:
            on_entry = None
            if sys.stderr.isatty():
                def on_entry(entry):
                    click.echo(f"\r{entry['status']:<11} {entry['origin'][-60:]:<60}", err=True, nl=False)
            summary = store.ingest(list(paths), published=published, on_entry=on_entry)
            if on_entry:
                click.echo("", err=True)
        else:
            summary = store.run()
            if summary is None:
                raise click.UsageError("the store has no ingest runs yet")
        entries = store.journal(run_id=summary["id"], limit=10_000_000)["items"] if report else []
    if fmt == "json":
        echo_json({**summary, "journal": entries} if report else summary)
        return
    for line in _journal_lines(entries):
        click.echo(line)
    click.echo(f"run {summary['id']} ({summary['status']}): {summary['total']} inputs, {summary['coded']} coded, "
               f"{summary['duplicate']} duplicate, {summary['quarantined']} quarantined",
               err=not report)


def _state_table(state: dict) -> str:
    lines = []
    if state["positions"]:
        lines.append("POSITIONS")
        for p in state["positions"]:
            moved = "  (changed)" if p["changed"] else ""
            lines.append(f"  {p['issue']:<22} {p['actor']} [{p['code'] or '?'}]: {p['stance']} "
                         f"as of {p['as_of'] or '?'}{moved}  <- {', '.join(p['evidence'][:3])}")
    if state["splits"]:
        lines.append("SPLITS")
        for s in state["splits"]:
            lines.append(f"  {s['code']} on {s['issue']}: for {', '.join(s['for'])}; against {', '.join(s['against'])}")
    if state["proposals"]:
        lines.append("PROPOSALS")
        for p in state["proposals"]:
            to = f" to {', '.join(p['to'])}" if p["to"] else ""
            lines.append(f"  {p['date'] or '?'}  {p['by']}{to}: {p['what']} ({p['issue']}) — {p['status']}")
    if state["truces"]:
        lines.append("TRUCES")
        for t in state["truces"]:
            kind = {True: "unilateral", False: "mutual", None: "?"}[t["unilateral"]]
            ext = {True: "extended", False: "not extended", None: "extension unknown"}[t["extended"]]
            lines.append(f"  {t['declared_by']} [{t['declared_by_code'] or '?'}] {t['start'] or '?'} to {t['end'] or '?'}, "
                         f"{kind}, violations alleged by {', '.join(t['violations_alleged_by']) or 'nobody'}, {ext}")
    if state["meetings"]:
        lines.append("MEETINGS")
        for m in state["meetings"]:
            by = f", proposed by {m['proposed_by']}" if m["proposed_by"] else ""
            med = f", mediators {', '.join(m['mediators'])}" if m["mediators"] else ""
            lines.append(f"  {m['date'] or '?'} {m['place'] or '?'} ({m['country_code'] or '?'}): {m['status']}; "
                         f"parties {', '.join(m['parties']) or '?'}{by}{med}")
    return "\n".join(lines) if lines else "no negotiation records (ingest articles first)"


@main.command()
@db_option()
@click.option("--as-of", "as_of", type=DATE, default=None, help="The state as known on this date (YYYY-MM-DD).")
@click.option("--between", nargs=2, type=DATE, default=None, metavar="START END",
              help="Only evidence dated in this window.")
@click.option("--actor", default=None, help="An actor code (RUS) or part of a name.")
@click.option("--issue", default=None, help="An issue id (see parley/data/negotiation/issues.yaml).")
@format_option(["table", "json"], "table")
@handle_errors
def state(db, as_of, between, actor, issue, fmt: str) -> None:
    """The negotiation state: positions, proposals, truces and meetings, with their evidence."""
    with _open(db) as store:
        result = store.state(as_of=as_of, between=between, actor=actor, issue=issue)
    if fmt == "json":
        echo_json(result)
    else:
        click.echo(_state_table(result))


@main.command()
@db_option()
@click.option("--between", nargs=2, type=DATE, default=None, metavar="START END", help="Only this window.")
@click.option("--actor", default=None, help="An actor code (RUS) or part of a name.")
@click.option("--issue", default=None, help="An issue id.")
@format_option(["table", "json", "jsonl"], "table")
@handle_errors
def timeline(db, between, actor, issue, fmt: str) -> None:
    """The negotiation's moments in date order: positions taken or changed, proposals, truces, meetings."""
    start, end = between or (None, None)
    with _open(db) as store:
        items = store.timeline(start=start, end=end, actor=actor, issue=issue)
    if fmt == "json":
        echo_json(items)
    elif fmt == "jsonl":
        echo_jsonl(items)
    else:
        for item in items:
            click.echo(f"{item['date'] or '?':<10}  {item['kind']:<18} {item['summary']}")


@main.command()
@db_option()
@format_option(["jsonl", "csv", "parquet"], "jsonl")
@click.option("--output", "-o", type=click.Path(dir_okay=False), default=None,
              help="Write to this file (required for parquet); default stdout.")
@click.option("--between", nargs=2, type=DATE, default=None, metavar="START END", help="Only events in this window.")
@click.option("--actor", default=None, help="Only events with this actor or recipient (code or name).")
@click.option("--type", "event_type", default=None, help="Only this PLOVER event type (or a comma list).")
@handle_errors
def export(db, fmt: str, output, between, actor, event_type) -> None:
    """Export the stored events: PLOVER JSON lines, CSV rows, or Parquet."""
    from parley.store.export import export_events

    start, end = between or (None, None)
    with _open(db) as store:
        count = export_events(store, fmt, output or sys.stdout, start=start, end=end, actor=actor,
                              type=event_type)
    if output:
        click.echo(f"{count} events written to {output}", err=True)
