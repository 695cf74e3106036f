"""Batch coding at scale: many articles in, Parquet tables out, locally or on Spark.

>>> from parley.batch import run_batch, read_table
>>> summary = run_batch("news.jsonl", "out/", workers=2)        # doctest: +SKIP
>>> read_table("out/", "events")[0]["event"]                   # doctest: +SKIP
['REQUEST']

The output holds the tables ``events``, ``quotes``, ``flags``, ``claims``,
``articles`` (one row per coded article) and ``quarantine`` (each input that
could not be coded, with the reason).  The local engine writes them in shards
with completion markers and resumes an interrupted job where it stopped; the
Spark engine runs the same per-partition function with ``mapInArrow``.
See docs/batch.md.
"""

from __future__ import annotations

import logging
import os
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from parley.batch.output import BatchError, Output, read_table
from parley.batch.partition import Analyzer, analyze_partition
from parley.batch.schema import SCHEMAS, TABLES

log = logging.getLogger("parley")

__all__ = [
    "BatchError",
    "BatchSummary",
    "SCHEMAS",
    "TABLES",
    "analyze_partition",
    "read_table",
    "run_batch",
]

ENGINES = ("local", "spark")


@dataclass
class BatchSummary:
    """What a job did; ``articles`` and the table counts cover the whole job, resumed parts too."""

    engine: str
    output: str
    articles: int = 0
    quarantined: int = 0
    words: int = 0
    events: int = 0
    quotes: int = 0
    flags: int = 0
    claims: int = 0
    shards: int = 0
    shards_skipped: int = 0  # already done by an earlier run of the same job
    seconds: float = 0.0  # this run's wall time
    cpu_seconds: float = 0.0  # this run's CPU time coding articles (local engine: workers' chunks + driver)
    worker_crashes: int = 0
    workers: dict[int, dict[str, Any]] = field(default_factory=dict)  # pid -> peak_rss_mb, load_seconds

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def run_batch(
    input_path: str | os.PathLike,
    output: str | os.PathLike,
    *,
    engine: str = "local",
    workers: int = 1,
    shard_size: int = 500,
    chunk_size: int = 8,
    published: date | None = None,
    restart: bool = False,
    progress: bool = False,
    master: str | None = None,
    partitions: int | None = None,
    retries: int = 3,
    analyze: Analyzer | None = None,
) -> BatchSummary:
    """Code every article under ``input_path`` into Parquet tables under ``output``.

    ``input_path`` is a JSONL or Parquet file, or a folder of them and/or of
    text, HTML and JSON files.  ``published`` overrides each article's own date
    (as ``parley events --date`` does).  With ``engine="local"`` an existing
    ``output`` of the same job is resumed (``restart=True`` discards it);
    ``progress`` draws a bar on stderr.  ``master``, ``partitions`` and
    ``retries`` are for ``engine="spark"``.  ``analyze`` replaces
    ``parley.analyze_article`` (a module-level function, so workers can import it).
    """
    if engine not in ENGINES:
        raise BatchError(f"unknown engine {engine!r}: choose one of {', '.join(ENGINES)}")
    if engine == "spark":
        from parley.batch.spark import run_spark

        result = run_spark(
            str(input_path), str(output), master=master, partitions=partitions, retries=retries,
            published=published, analyze=analyze,
        )
        return BatchSummary(
            engine="spark", output=str(output), articles=result["articles"], quarantined=result["quarantine"],
            words=result["words"], events=result["events"], quotes=result["quotes"], flags=result["flags"],
            claims=result["claims"], seconds=result["seconds"],
        )
    return _run_local(
        input_path, output, workers=workers, shard_size=shard_size, chunk_size=chunk_size,
        published=published, restart=restart, progress=progress, analyze=analyze,
    )


def _run_local(
    input_path, output, *, workers, shard_size, chunk_size, published, restart, progress, analyze
) -> BatchSummary:
    from parley import __version__
    from parley.batch.inputs import plan
    from parley.batch.local import run_local
    from parley.batch.progress import progress_bar

    if shard_size < 1 or chunk_size < 1 or workers < 1:
        raise BatchError("workers, shard size and chunk size must be at least 1")
    root = Path(input_path)
    files = plan(root)
    manifest = {
        "engine": "local",
        "input": str(root.resolve()),
        "files": [f.fingerprint(root) for f in files],
        "shard_size": shard_size,
        "published": published.isoformat() if published else None,
        "parley_version": __version__,
    }
    out = Output(output)
    done = out.open(manifest, restart=restart)
    total = sum(f.rows for f in files)
    n_shards = -(-total // shard_size)
    done_rows = sum(min(shard_size, total - s * shard_size) for s in done if s < n_shards)
    log.info("batch: %d input rows in %d shards, %d already done", total, n_shards, len(done))
    with progress_bar(total, done_rows, enabled=progress) as advance:
        stats = run_local(
            files, out, done=done, workers=workers, shard_size=shard_size, chunk_size=chunk_size,
            published=published, analyze=analyze, on_progress=advance,
        )
    summary = BatchSummary(
        engine="local", output=str(output), shards=n_shards, shards_skipped=len(done),
        seconds=round(stats.seconds, 3), cpu_seconds=round(stats.cpu_seconds, 3), worker_crashes=stats.crashes, workers=stats.workers,
    )
    for shard in out.shard_stats():
        summary.articles += shard.get("articles", 0)
        summary.quarantined += shard.get("quarantine", 0)
        summary.words += shard.get("words", 0)
        for table in ("events", "quotes", "flags", "claims"):
            setattr(summary, table, getattr(summary, table) + shard.get(table, 0))
    out.finish(summary.to_dict())
    return summary
