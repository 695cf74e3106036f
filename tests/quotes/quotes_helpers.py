"""Run the stages the quote, evidence and check tests need over a short text."""

from __future__ import annotations

import importlib

import pytest

STAGES = ("nlp", "actors", "time", "quotes", "evidence", "checks")


def analyse(text: str, published: str | None = "2025-05-11", stages: tuple[str, ...] = STAGES):
    """An Analysis of ``text`` through ``stages`` (skips the test when the model is not installed)."""
    from parley.errors import ModelNotFound
    from parley.ingest import make_article
    from parley.records import Analysis

    article = make_article(text, published=published, require_date=False)
    analysis = Analysis(article=article)
    analysis._sentence_base = 0  # type: ignore[attr-defined]
    for name in stages:
        try:
            importlib.import_module(f"parley.{name}").annotate(analysis)
        except ModelNotFound as exc:
            pytest.skip(str(exc))
    return analysis


def first_quote(analysis, kind: str | None = None):
    quotes = [q for q in analysis.quotes if kind is None or q.kind == kind]
    return quotes[0] if quotes else None


def speaker_of(quote) -> str:
    """The speaker's resolved name and the words in the text, for substring checks."""
    if quote is None or quote.speaker is None:
        return ""
    return f"{quote.speaker.identifier_text or ''} | {quote.speaker.entity_text or ''}"
