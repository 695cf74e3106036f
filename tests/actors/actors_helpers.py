"""Shared helpers for the actor tests (imported by name: tests/actors is on sys.path)."""

from __future__ import annotations

import re
from datetime import date

from parley.errors import ModelNotFound
from parley.records import Analysis, Article, Sentence


def make_analysis(text: str, published: str | None = "2025-05-11", *, parse: bool = True, doc=None) -> Analysis:
    """An Analysis ready for the actors stage: parsed when the model is there, else split on periods."""
    analysis = Analysis(article=Article(id="t", text=text, published=date.fromisoformat(published) if published else None))
    if parse and doc is None:
        try:
            from parley.nlp import load_model

            doc = load_model()(text)
        except ModelNotFound:
            doc = None
    if doc is not None:
        analysis._doc = doc
        spans = [(s.start_char, s.end_char) for s in doc.sents]
    else:
        spans = [(m.start(), m.end()) for m in re.finditer(r"[^.!?\n]+[.!?]*", text)]
    for i, (a, b) in enumerate(spans):
        analysis.sentences.append(Sentence(i, a, b, text[a:b]))
    return analysis


def has_model() -> bool:
    try:
        from parley.nlp import load_model

        load_model()
        return True
    except ModelNotFound:
        return False


def parse_all(texts: list[str]) -> list:
    """Docs for many short texts in one batch (None for each when the model is missing)."""
    try:
        from parley.nlp import load_model

        return list(load_model().pipe(texts, batch_size=64))
    except ModelNotFound:
        return [None] * len(texts)
