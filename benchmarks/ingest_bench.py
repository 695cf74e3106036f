"""Ingest throughput into SQLite and PostgreSQL (articles per second).

Two measurements per backend:

- store: writing already-analysed articles (``Store.add_analysis``: article, events,
  entities, quotes, mentions, cross-article clustering, one commit per article).  The
  analysis is the example article's own (or the test corpus when ../shared is absent),
  copied N times with a unique last line so that every copy is a new article;
- pipeline: ``Store.ingest`` of the test corpus files end to end (reading, dedup, the full
  NLP pipeline, storing), so the storage share of the cost can be seen.

    python benchmarks/ingest_bench.py [--n 300] [--pg postgresql://...]

PostgreSQL is used when --pg or $PARLEY_BENCH_PG_URL is given; its tables are dropped
first, so give it a database of its own (not the test database).
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
SEED = Path(os.environ.get("PARLEY_SHARED", REPO.parent / "shared")) / "examples" / "seed_article.txt"
CORPUS = REPO / "tests" / "corpus" / "negotiation" / "articles.jsonl"


def template():
    import parley

    if SEED.exists():
        return parley.analyze(SEED.read_text(encoding="utf-8"), published="2025-05-11")
    record = json.loads(CORPUS.read_text(encoding="utf-8").splitlines()[0])
    return parley.analyze(record["text"], published=record["published"])


def copies(analysis, n, days_apart=1):
    """``n`` new articles like ``analysis``, each ``days_apart`` days after the one before.

    ``days_apart=0`` is the worst case for cross-article merging: every copy reports the
    same events on the same day, so each event cluster grows to ``n`` reports.
    """
    for i in range(n):
        a = copy.deepcopy(analysis)
        shift = timedelta(days=i * days_apart)
        a.article.id = f"bench-{i}"
        a.article.text = analysis.article.text + f"\nCopy {i}."
        a.article.published = analysis.article.published + shift
        for e in a.events:
            e.id, e.article_id = f"bench-{i}-{e.id}", a.article.id
            if e.date:
                e.date = (date.fromisoformat(e.date) + shift).isoformat()
        yield a


def bench_store(url, analysis, n, days_apart=1):
    from parley.store import Store

    articles = list(copies(analysis, n, days_apart))  # copying is not part of the timing
    with Store.open(url) as store:
        start = time.perf_counter()
        for a in articles:
            assert store.add_analysis(a)["status"] == "coded"
        elapsed = time.perf_counter() - start
        stats = store.stats()
    return n / elapsed, stats


def bench_pipeline(url, rounds):
    from parley.store import Store

    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for r in range(rounds):
                for line in lines:
                    record = json.loads(line)
                    record["id"] = f"{record['id']}-{r}"
                    record["text"] += f" (Round {r}.)"
                    out.write(json.dumps(record) + "\n")
        with Store.open(url) as store:
            import parley

            parley.load_model()  # load once, outside the timing
            start = time.perf_counter()
            summary = store.ingest([path])
            elapsed = time.perf_counter() - start
    return summary["coded"] / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=300, help="articles written in the store benchmark")
    parser.add_argument("--rounds", type=int, default=5, help="copies of the 7-article corpus for the pipeline run")
    parser.add_argument("--pg", default=os.environ.get("PARLEY_BENCH_PG_URL"),
                        help="a PostgreSQL URL for a database of its own (its tables are dropped)")
    args = parser.parse_args()
    analysis = template()
    print(f"template: {len(analysis.events)} events, {len(analysis.quotes)} quotes, "
          f"{len(analysis.actors)} mentions, {len(analysis.article.text)} characters per article")
    backends = []
    with tempfile.TemporaryDirectory() as tmp:
        backends.append(("sqlite (file, WAL)", lambda: str(Path(tmp) / f"bench-{time.time_ns()}.db")))
        if args.pg:
            def pg():
                sys.path.insert(0, str(REPO / "tests" / "store"))
                from conftest import reset_postgres

                reset_postgres(args.pg)
                return args.pg
            backends.append(("postgresql", pg))
        for name, url in backends:
            rate, stats = bench_store(url(), analysis, args.n)
            print(f"{name:<20} store:    {rate:8.1f} articles/s  ({args.n} articles a day apart, "
                  f"{stats['events']} events)")
            rate, stats = bench_store(url(), analysis, args.n, days_apart=0)
            print(f"{name:<20} store:    {rate:8.1f} articles/s  ({args.n} articles on one day: every event "
                  f"reported {args.n} times, worst case for merging)")
            rate = bench_pipeline(url(), args.rounds)
            print(f"{name:<20} pipeline: {rate:8.1f} articles/s  ({7 * args.rounds} corpus articles, full analysis)")


if __name__ == "__main__":
    main()
