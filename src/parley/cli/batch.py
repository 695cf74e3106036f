"""``parley batch``: code a folder, JSONL or Parquet of articles into Parquet tables."""

from __future__ import annotations

import json

import click

from parley.cli import main
from parley.cli.common import date_option, handle_errors, workers_option


@main.command()
@click.argument("input_path", metavar="INPUT", type=click.Path(exists=True))
@click.argument("output", type=click.Path(file_okay=False))
@click.option("--engine", type=click.Choice(["local", "spark"]), default="local", show_default=True,
              help="local: a pool of worker processes; spark: PySpark (pip install 'parley[spark]').")
@workers_option()
@date_option("Publication date (YYYY-MM-DD) for every article; overrides each article's own.")
@click.option("--shard-size", type=click.IntRange(min=1), default=500, show_default=True,
              help="Input rows per output shard (the unit a resumed job skips).")
@click.option("--restart", is_flag=True, help="Discard an earlier job in OUTPUT instead of resuming it.")
@click.option("--master", default=None,
              help="Spark master (default: spark-submit's, else local[N] with N = --workers).")
@click.option("--partitions", type=click.IntRange(min=1), default=None,
              help="Spark: repartition the input into this many partitions.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary on stderr.")
@click.option("--summary-json", is_flag=True, help="Print the job summary as JSON on stdout.")
@handle_errors
def batch(input_path, output, engine, workers, published, shard_size, restart, master, partitions, quiet,
          summary_json):
    """Code every article in INPUT into Parquet tables in OUTPUT.

    INPUT is a JSONL or Parquet file, or a folder of JSONL, Parquet, text, HTML
    and JSON files. OUTPUT gets the tables events, quotes, flags, claims,
    articles and quarantine (inputs that could not be coded, with the reason).
    Run the same command again to resume an interrupted local job.
    """
    from parley.batch import run_batch
    from parley.batch.progress import wanted

    if engine == "spark" and master is None:
        from parley.batch.spark import default_master

        master = default_master(workers)
    summary = run_batch(
        input_path, output, engine=engine, workers=workers, shard_size=shard_size, published=published,
        restart=restart, progress=wanted(quiet), master=master, partitions=partitions,
    )
    if summary_json:
        click.echo(json.dumps(summary.to_dict(), indent=2))
    if not quiet:
        skipped = f", {summary.shards_skipped} shards from an earlier run" if summary.shards_skipped else ""
        click.echo(
            f"parley: {summary.articles} articles coded ({summary.words:,} words), "
            f"{summary.quarantined} quarantined; {summary.events} events, {summary.quotes} quotes, "
            f"{summary.flags} flags, {summary.claims} claims in {summary.seconds:.1f} s{skipped} -> {output}",
            err=True,
        )
        if summary.quarantined:
            click.echo(f"parley: see {output}/quarantine for the reasons", err=True)
