"""The pipeline: run each stage over an article, in the order of docs/DESIGN.

Each stage is a module with one entry point, ``annotate(analysis)``, which reads
the records of the stages before it and adds its own to the ``Analysis``.
Very long texts are cut at paragraph breaks into segments that are analysed one
after another and joined, so memory stays bounded whatever the input size.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from typing import Any

from parley.records import Analysis, Article

log = logging.getLogger("parley")

SEGMENT_CHARS = 100_000

Stage = Callable[[Analysis], None]


def stages() -> list[Stage]:
    """The stages in order (imported late so that ``import parley`` stays fast)."""
    from parley import actors, checks, events, evidence, nlp, places, quotes, time

    return [
        nlp.annotate,
        actors.annotate,
        time.annotate,
        places.annotate,
        quotes.annotate,
        events.annotate,
        evidence.annotate,
        checks.annotate,
    ]


def analyze_article(article: Article) -> Analysis:
    """Run every stage over one validated article."""
    if len(article.text) <= SEGMENT_CHARS:
        return _analyze_segment(article, article.text, 0, 0)
    merged = Analysis(article=article)
    for char_base, segment in split_segments(article.text, SEGMENT_CHARS):
        part = _analyze_segment(article, segment, char_base, len(merged.sentences))
        _shift(part, char_base)
        for name in ("events", "quotes", "flags", "actors", "claims", "sentences", "times", "places"):
            getattr(merged, name).extend(getattr(part, name))
    return merged


def _analyze_segment(article: Article, text: str, char_base: int, sentence_base: int) -> Analysis:
    segment = article if char_base == 0 and text is article.text else dataclasses.replace(article, text=text)
    analysis = Analysis(article=segment)
    analysis._sentence_base = sentence_base  # type: ignore[attr-defined]
    for stage in stages():
        stage(analysis)
    analysis.article = article
    analysis._doc = None  # the Doc is only needed while the stages run
    for event in analysis.events:
        event.event_text = article.text[event.text_info["start"] + char_base : event.text_info["end"] + char_base]
    return analysis


def split_segments(text: str, size: int) -> list[tuple[int, str]]:
    """Cut ``text`` into pieces of at most about ``size`` characters at paragraph breaks."""
    pieces: list[tuple[int, str]] = []
    start = 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            cut = text.rfind("\n", start + size // 2, end)
            if cut == -1:
                cut = text.rfind(". ", start + size // 2, end)
                cut = cut + 1 if cut != -1 else end
            end = cut + 1 if text[cut:cut + 1] == "\n" else cut
        pieces.append((start, text[start:end]))
        start = end
    return pieces


def _shift(analysis: Analysis, offset: int) -> None:
    """Move every character offset in a segment's records by ``offset``."""
    seen: set[int] = set()

    def visit(obj: Any) -> None:
        if id(obj) in seen:
            return
        seen.add(id(obj))
        if isinstance(obj, list):
            for item in obj:
                visit(item)
            return
        if isinstance(obj, dict):
            for key in ("start", "end"):
                if isinstance(obj.get(key), int):
                    obj[key] += offset
            return
        if not dataclasses.is_dataclass(obj):
            return
        for f in dataclasses.fields(obj):
            value = getattr(obj, f.name)
            if f.name in ("start", "end") and isinstance(value, int):
                setattr(obj, f.name, value + offset)
            elif f.name == "cue_span" and value is not None:
                setattr(obj, f.name, (value[0] + offset, value[1] + offset))
            elif isinstance(value, (list, dict)) or dataclasses.is_dataclass(value):
                visit(value)

    for name in ("events", "quotes", "flags", "actors", "claims", "sentences", "times", "places"):
        visit(getattr(analysis, name))
