"""Build ``Analysis`` records from articles.jsonl and the hand annotations in gold.yaml."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from parley.ingest import make_article
from parley.records import Analysis, Entity, Event, Place, Sentence, TimeExpression

HERE = Path(__file__).resolve().parent
ARTICLES = HERE / "articles.jsonl"


def _entity(spec: str, text: str) -> Entity:
    code, sector, words = spec.split(" ", 2)
    surface, _, canonical = (w.strip() for w in words.partition("="))
    start = text.find(surface)
    return Entity(code=code, sector=sector, entity_text=surface, identifier_text=canonical or surface,
                  start=start if start >= 0 else None, end=start + len(surface) if start >= 0 else None)


def _sentences(text: str) -> list[Sentence]:
    out, start = [], 0
    for m in re.finditer(r"(?<=\.)\s+|$", text):
        if m.start() > start:
            out.append(Sentence(index=len(out), start=start, end=m.start(), text=text[start:m.start()]))
        start = m.end()
    return out


def gold_analyses() -> list[Analysis]:
    gold = yaml.safe_load((HERE / "gold.yaml").read_text(encoding="utf-8"))
    analyses = []
    for line in ARTICLES.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        article = make_article(record["text"], published=record["published"], article_id=record["id"],
                               title=record["title"], source=record["source"], origin=str(ARTICLES))
        text = article.text
        notes = gold[article.id]
        analysis = Analysis(article=article, sentences=_sentences(text))
        for t in notes.get("times") or []:
            start = text.index(t["text"])
            analysis.times.append(TimeExpression(text=t["text"], start=start, end=start + len(t["text"]),
                                                 date=t["date"], end_date=t.get("end_date")))
        for p in notes.get("places") or []:
            start = text.index(p["text"])
            analysis.places.append(Place(text=p["text"], start=start, end=start + len(p["text"]),
                                         resolved_place=p["text"], country_code=p["country_code"]))
        for k, e in enumerate(notes.get("events") or []):
            at = text.index(e["in"])
            sentence = next(s for s in analysis.sentences if s.start <= at < s.end)
            place = next((p for p in analysis.places if p.text == e.get("place")), None)
            analysis.events.append(Event(
                id=f"{article.id}-e{sentence.index}-{k}", article_id=article.id, date=e.get("date"),
                event=[e["type"]], mode=e.get("mode") or [], context=e.get("context") or [],
                actor=[_entity(a, text) for a in e.get("actor") or []],
                recipient=[_entity(r, text) for r in e.get("recipient") or []],
                event_loc=place.event_loc() if place else None, event_text=sentence.text,
                text_info={"start": sentence.start, "end": sentence.end}, cameo=e.get("cameo"),
                modality=e.get("modality") or [], evidentiality=e.get("evidentiality", "outlet"),
                cite_info=analysis.cite_info(), sentence_index=sentence.index,
                speaker=_entity(e["speaker"], text) if e.get("speaker") else None,
            ))
        analyses.append(analysis)
    return analyses
