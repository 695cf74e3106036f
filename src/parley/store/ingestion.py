"""``parley ingest``: read inputs, code each new article, store it, journal every input.

Every input ends in the journal as ``coded``, ``duplicate`` (its text is already
stored: the same article twice is stored once) or ``quarantined`` (with the reason:
unreadable, not English, no date, analysis failed …).  Each article is committed
with its journal entry in one transaction, so a run that is interrupted (Ctrl-C,
kill) loses nothing it committed, and the next run over the same inputs skips what
is stored — it resumes — without coding it again.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from datetime import date
from typing import Any

from parley.errors import InputError, ModelNotFound, ParleyError
from parley.records import Analysis, Article
from parley.store import rows

log = logging.getLogger("parley")


def _reason(exc: Exception) -> str:
    message = str(exc)
    source = getattr(exc, "source", None)
    if source and message.startswith(f"{source}: "):
        message = message[len(source) + 2:]
    return message


def ingest(
    store,
    paths: list[str | os.PathLike],
    published: Any = None,
    *,
    analyze: Callable[[Article], Analysis] | None = None,
    require_date: bool = True,
    on_entry: Callable[[dict[str, Any]], None] | None = None,
) -> dict[str, Any]:
    """Ingest ``paths`` into ``store``; return the run summary (see ``Store.run``).

    ``published`` overrides every input's publication date; ``analyze`` replaces the
    pipeline (tests, or a pre-coded source); ``on_entry`` is called with each journal
    entry as it is written (progress display).
    """
    from parley.ingest import parse_date
    from parley.ingest.walk import iter_inputs
    from parley.nlp import chunked, parse_ahead

    parse_together = analyze is None  # a caller's own analyzer parses for itself
    if analyze is None:
        from parley import analyze_article as analyze
    if published is not None and not isinstance(published, date):
        published = parse_date(published)
    run_id = store.start_run([str(p) for p in paths])
    status = "interrupted"
    try:
        for chunk in chunked(iter_inputs(paths, published, require_date=require_date)):
            # the new articles of a chunk are parsed together (nlp.pipe), then coded and committed one by one;
            # this look-up only spares parsing stored texts, _ingest_one still checks each (a duplicate may be
            # an earlier article of the same chunk)
            new = [item.text for item in chunk if parse_together and isinstance(item, Article)
                   and store.find_content(rows.content_hash(item.text)) is None]
            with parse_ahead(new):
                for item in chunk:
                    entry = _ingest_one(store, run_id, item, analyze)
                    if on_entry is not None:
                        on_entry(entry)
        status = "done"
    finally:
        summary = store.finish_run(run_id, status)
        log.info("ingest run %s %s: %d coded, %d duplicate, %d quarantined", run_id, status,
                 summary["coded"], summary["duplicate"], summary["quarantined"])
    return summary


def _ingest_one(store, run_id: str, item: Article | InputError, analyze) -> dict[str, Any]:
    if isinstance(item, InputError):
        entry = {"origin": item.source or "?", "status": "quarantined", "reason": _reason(item),
                 "article_id": None, "content_hash": None}
        store.record(run_id, **entry)
        return entry
    origin = item.origin or item.id
    digest = rows.content_hash(item.text)
    existing = store.find_content(digest)
    if existing is not None:
        entry = {"origin": origin, "status": "duplicate", "reason": f"same text as stored article {existing}",
                 "article_id": existing, "content_hash": digest}
        store.record(run_id, **entry)
        return entry
    try:
        analysis = analyze(item)
    except ModelNotFound:
        raise  # no article can be coded without the model: stop the run, say why
    except ParleyError as exc:
        entry = {"origin": origin, "status": "quarantined", "reason": _reason(exc),
                 "article_id": None, "content_hash": digest}
        store.record(run_id, **entry)
        return entry
    except Exception as exc:  # a stage's bug must not stop the other articles
        log.exception("analysis of %s failed", origin)
        entry = {"origin": origin, "status": "quarantined",
                 "reason": f"analysis failed ({type(exc).__name__}: {exc})",
                 "article_id": None, "content_hash": digest}
        store.record(run_id, **entry)
        return entry
    outcome = store.add_analysis(analysis, run_id=run_id, origin=origin)
    return {"origin": origin, "content_hash": digest, **outcome}
