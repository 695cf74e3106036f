"""The per-partition function both engines run: input records in, per-article results out.

A partition is an Arrow ``RecordBatch`` of ``INPUT_SCHEMA`` rows.  A row either
carries an article (``text`` and its metadata, read from JSONL or Parquet) or
names a file (``path``: text, HTML or JSON, read with ``parley.ingest``).
``analyze_partition`` turns each into rows of ``schema.RESULT_SCHEMA``: the
article's events, quotes, flags and claims nested, or the reason it failed.
One bad article never fails the partition; only errors that would fail every
article (the model or a knowledge file cannot be loaded) are raised.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from parley.batch.schema import RECORD_TABLES, RESULT_SCHEMA, SCHEMAS, to_row
from parley.errors import DictionaryError, InputError, MissingExtra, ModelNotFound, ParleyError
from parley.records import Analysis, Article

log = logging.getLogger("parley")

Analyzer = Callable[[Article], Analysis]

INPUT_COLUMNS = ("id", "text", "published", "url", "title", "source")
INPUT_SCHEMA = pa.schema(
    [pa.field(name, pa.string()) for name in INPUT_COLUMNS]
    + [pa.field("origin", pa.string()), pa.field("path", pa.string()), pa.field("line", pa.binary())]
)

# Errors that say the installation is broken, not the article: stop the job.
FATAL = (ModelNotFound, DictionaryError, MissingExtra)

WARM_UP_TEXT = (
    "The foreign ministers of France and Germany met in Berlin on Monday and agreed to "
    "hold talks on a ceasefire, a spokesman said."
)


_warm: dict[str, float] = {}  # set once this process has warmed up


def default_analyzer(article: Article) -> Analysis:
    from parley import analyze_article

    return analyze_article(article)


def warm_up(analyze: Analyzer | None = None) -> float:
    """Load the model and every stage's data once in this process; return the seconds it took.

    Engines call it when a worker starts, so the first real article does not pay
    for loading and a broken installation shows up before any article is read.
    """
    from threadpoolctl import threadpool_limits

    from parley.ingest import make_article

    # parallel work is one process per core: a worker's matrix products stay on its own core
    threadpool_limits(limits=1, user_api="blas")
    started = time.perf_counter()
    (analyze or default_analyzer)(make_article(WARM_UP_TEXT, published="2025-01-06", article_id="warm-up"))
    return time.perf_counter() - started


def broken_installation(exc: Exception) -> ParleyError:
    """The error that stops a job whose warm-up article failed: no article would be coded."""
    if isinstance(exc, (ModelNotFound, DictionaryError)):
        return exc  # already says what to do (and pickles: one-argument constructors)
    return ParleyError(
        f"parley cannot analyse a one-sentence test article ({type(exc).__name__}: {exc}); "
        "the installation is broken, so the job stops before coding anything"
    )


def cell(value: Any) -> str | None:
    """An input value as the string INPUT_SCHEMA holds (dates as ISO)."""
    if value is None:
        return None
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value)


def articles_of(row: dict[str, Any], published: date | None) -> Iterator[tuple[Article | InputError, str | None]]:
    """The article(s) one input row stands for, or the errors that stop them, each with its input id."""
    from parley.ingest import article_from_record, decode, iter_articles

    origin = row.get("origin") or row.get("path") or row.get("id") or "?"
    if row.get("path"):
        for item in iter_articles(row["path"], published):
            yield item, getattr(item, "id", None)
        return
    record: Any = None
    try:
        if row.get("line") is not None:
            record = json.loads(decode(row["line"], source=origin))
        else:
            record = {k: row.get(k) for k in INPUT_COLUMNS if row.get(k) is not None}
        article = article_from_record(record, published=published, origin=origin)
        yield article, article.id
    except json.JSONDecodeError as exc:
        yield InputError(f"malformed JSON ({exc.msg})", source=origin), None
    except InputError as exc:
        record_id = record.get("id") if isinstance(record, dict) else None
        yield exc, None if record_id is None else str(record_id)


def analyze_row(
    row: dict[str, Any], analyze: Analyzer | None = None, published: date | None = None
) -> list[dict[str, Any]]:
    """The ``RESULT_SCHEMA`` rows for one input row (usually one)."""
    return _analyze_items(row, list(articles_of(row, published)), analyze)


def _analyze_items(
    row: dict[str, Any], items: list[tuple[Any, str | None]], analyze: Analyzer | None
) -> list[dict[str, Any]]:
    analyze = analyze or default_analyzer
    results = []
    for item, article_id in items:
        if isinstance(item, InputError):
            results.append(failure(row, item, kind=type(item).__name__, reason=str(item), article_id=article_id))
            continue
        started = time.perf_counter()
        try:
            analysis = analyze(item)
        except FATAL:
            raise
        except Exception as exc:  # an article must never stop the batch
            log.debug("batch: %s failed", item.origin, exc_info=True)
            results.append(failure(row, item, kind=type(exc).__name__, reason=f"{item.origin}: {type(exc).__name__}: {exc}"))
            continue
        results.append(success(item, analysis, time.perf_counter() - started))
    return results


def success(article: Article, analysis: Analysis, seconds: float) -> dict[str, Any]:
    row = {
        "article_id": article.id,
        "origin": article.origin,
        "published": article.published.isoformat() if article.published else None,
        "source": article.source,
        "url": article.url,
        "title": article.title,
        "n_chars": len(article.text),
        "n_words": len(article.text.split()),
        "seconds": seconds,
        "ok": True,
        "error_kind": None,
        "reason": None,
    }
    for table, (_cls, attr) in RECORD_TABLES.items():
        schema = SCHEMAS[table]
        row[table] = [to_row({"article_id": article.id, **r.to_dict()}, schema) for r in getattr(analysis, attr)]
    return row


def failure(
    row: dict[str, Any], item: Any, *, kind: str, reason: str, article_id: str | None = None
) -> dict[str, Any]:
    if isinstance(item, Article):
        article_id, origin = item.id, item.origin
    else:
        article_id = article_id or row.get("id")
        origin = getattr(item, "source", None) or row.get("origin") or row.get("path")
    out: dict[str, Any] = {name: None for name in RESULT_SCHEMA.names}
    out.update(article_id=article_id, origin=origin, ok=False, error_kind=kind, reason=reason)
    for table in RECORD_TABLES:
        out[table] = []
    return out


def analyze_batch(
    batch: pa.RecordBatch, analyze: Analyzer | None = None, published: date | None = None
) -> pa.RecordBatch:
    """Analyse every input row of ``batch``; one ``RESULT_SCHEMA`` batch out."""
    from parley.nlp import parse_ahead

    inputs = [(row, list(articles_of(row, published))) for row in batch.to_pylist()]
    rows: list[dict[str, Any]] = []
    # the default analyzer finds its articles parsed together (nlp.pipe); another one parses its own
    texts = [item.text for _row, items in inputs for item, _id in items if isinstance(item, Article)]
    with parse_ahead(texts if analyze in (None, default_analyzer) else []):
        for row, items in inputs:
            rows.extend(_analyze_items(row, items, analyze))
    return pa.RecordBatch.from_pylist(rows, schema=RESULT_SCHEMA)


def analyze_partition(
    batches: Iterable[pa.RecordBatch], analyze: Analyzer | None = None, published: date | None = None
) -> Iterator[pa.RecordBatch]:
    """The shared per-partition function (Spark's ``mapInArrow`` signature).

    The first call in a process warms up (loads the model and stage data); if
    that fails the installation is broken and the error is raised, failing the
    partition rather than quarantining every article.
    """
    if not _warm:
        try:
            _warm["seconds"] = warm_up(analyze)
        except Exception as exc:
            raise broken_installation(exc) from exc
    for batch in batches:
        yield analyze_batch(batch, analyze, published)


def split_results(results: pa.Table | pa.RecordBatch) -> dict[str, pa.Table]:
    """Per-article results as the output tables: one row per event, quote, flag, claim ..."""
    if isinstance(results, pa.RecordBatch):
        results = pa.Table.from_batches([results])
    results = results.combine_chunks()
    tables: dict[str, pa.Table] = {}
    for table in RECORD_TABLES:
        column = results.column(table)
        flat = pa.concat_arrays([chunk.flatten() for chunk in column.chunks]) if column.num_chunks else None
        if flat is None or len(flat) == 0:
            tables[table] = SCHEMAS[table].empty_table()
        else:
            tables[table] = pa.Table.from_struct_array(flat).cast(SCHEMAS[table])
    ok = results.column("ok").to_pylist()
    mask = pa.array(ok, pa.bool_())
    good = results.filter(mask)
    tables["articles"] = pa.table(
        {
            **{f.name: good.column(f.name) for f in SCHEMAS["articles"] if f.name in good.column_names},
            **{f"n_{t}": pc.list_value_length(good.column(t)).cast(pa.int64()) for t in RECORD_TABLES},
        },
        schema=SCHEMAS["articles"],
    )
    bad = results.filter(pc.invert(mask))
    tables["quarantine"] = bad.select(SCHEMAS["quarantine"].names).cast(SCHEMAS["quarantine"])
    return tables
