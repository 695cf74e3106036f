"""Time the actors stage against the rest of the pipeline (a script, not a test).

    python tests/actors/bench_actors.py [JSONL with "text" and "date" fields ...]

Defaults to the shared PolNeAR dev articles (../shared/data/quotes/polnear_dev.jsonl)
plus the seed article; prints words/s for the parse alone, the actors stage alone,
and the whole pipeline with and without the actors stage.  Times are CPU time of
this process (``time.process_time``), so other jobs on a shared machine distort
them less than wall-clock time would.
"""

from __future__ import annotations

import json
import sys
import time
from datetime import date
from pathlib import Path

from parley.records import Analysis, Article, Sentence

SHARED = Path(__file__).resolve().parents[3] / "shared"


def load_texts(paths: list[str]) -> list[tuple[str, date | None]]:
    texts = []
    for path in paths:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            day = row.get("date")
            texts.append((row["text"], date.fromisoformat(day[:10]) if day else None))
    seed = SHARED / "examples" / "seed_article.txt"
    if seed.exists():
        texts.append((seed.read_text(encoding="utf-8"), date(2025, 5, 11)))
    return texts


def main(argv: list[str]) -> None:
    import parley
    from parley import actors, pipeline
    from parley.nlp import load_model

    paths = argv or [str(SHARED / "data" / "quotes" / "polnear_dev.jsonl")]
    texts = load_texts(paths)
    words = sum(len(t.split()) for t, _ in texts)
    nlp = load_model()
    actors.kb()  # load the knowledge base outside the timings
    nlp("warm up")

    t0 = time.process_time()
    docs = [nlp(t) for t, _ in texts]
    parse_s = time.process_time() - t0

    analyses = []
    for (text, day), doc in zip(texts, docs):
        a = Analysis(article=Article(id="b", text=text, published=day))
        a._doc = doc
        a.sentences = [Sentence(i, s.start_char, s.end_char, s.text) for i, s in enumerate(doc.sents)]
        analyses.append(a)
    t0 = time.process_time()
    for a in analyses:
        actors.annotate(a)
    actors_s = time.process_time() - t0
    mentions = sum(len(a.actors) for a in analyses)

    original = pipeline.stages

    def without_actors():
        return [s for s in original() if s is not actors.annotate]

    # interleaved article by article so that load from other processes hits both alike
    with_s = without_s = 0.0
    try:
        for text, day in texts:
            pipeline.stages = original
            t = time.process_time()
            parley.analyze(text, published=day)
            with_s += time.process_time() - t
            pipeline.stages = without_actors
            t = time.process_time()
            parley.analyze(text, published=day)
            without_s += time.process_time() - t
    finally:
        pipeline.stages = original

    print(f"{len(texts)} articles, {words} words, {mentions} actor mentions")
    print(f"parse only:          {parse_s:6.2f} s  {words / parse_s:8.0f} words/s")
    print(f"actors stage only:   {actors_s:6.2f} s  {words / actors_s:8.0f} words/s")
    print(f"pipeline with actors:    {with_s:6.2f} s  {words / with_s:8.0f} words/s")
    print(f"pipeline without actors: {without_s:6.2f} s  {words / without_s:8.0f} words/s")
    print(f"actors share of the pipeline: {100 * (with_s - without_s) / with_s:.1f} %")


if __name__ == "__main__":
    main(sys.argv[1:])
