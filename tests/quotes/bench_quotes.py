"""Speed of the quote, evidence and check stages (and of the whole pipeline) on PolNeAR dev.

Run: ``python tests/quotes/bench_quotes.py [../shared/data/quotes/polnear_dev.jsonl]``.
Prints words per second on one core for the three stages alone (over parses made
beforehand) and for ``parley.analyze`` end to end, by CPU time of this process
(``time.process_time``: on a shared machine wall-clock time counts the others' work).
"""

from __future__ import annotations

import importlib
import json
import sys
import time
from pathlib import Path

DEFAULT = Path(__file__).resolve().parents[3] / "shared" / "data" / "quotes" / "polnear_dev.jsonl"


def main(path: str | Path = DEFAULT) -> None:
    import parley
    from parley.ingest import make_article
    from parley.records import Analysis

    rows = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
    words = sum(len(r["text"].split()) for r in rows)
    parley.analyze(rows[0]["text"], published=rows[0]["date"])  # load the model and data once
    analyses = []
    for r in rows:
        a = Analysis(article=make_article(r["text"], published=r["date"]))
        a._sentence_base = 0  # type: ignore[attr-defined]
        for name in ("nlp", "actors", "time", "places"):
            importlib.import_module(f"parley.{name}").annotate(a)
        analyses.append(a)
    started = time.process_time()
    for a in analyses:
        for name in ("quotes", "evidence", "checks"):
            importlib.import_module(f"parley.{name}").annotate(a)
    stages = time.process_time() - started
    started = time.process_time()
    for r in rows:
        parley.analyze(r["text"], published=r["date"])
    whole = time.process_time() - started
    print(json.dumps({"articles": len(rows), "words": words,
                      "quotes_evidence_checks_words_per_second": round(words / stages),
                      "pipeline_words_per_second": round(words / whole)}, indent=2))


if __name__ == "__main__":
    main(*sys.argv[1:])
