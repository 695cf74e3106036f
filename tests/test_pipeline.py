"""The pipeline contract: offsets exact, long texts analysed in segments without drift."""

from __future__ import annotations

import pytest

import parley
from parley import pipeline

PARAGRAPH = (
    "Russian forces shelled the city of Kharkiv on Monday, Ukrainian officials said. "
    "The European Union condemned the attack and threatened new sanctions against Moscow.\n"
)


def _records(analysis):
    return [
        (e.event, e.text_info["start"], e.text_info["end"], [a.code for a in e.actor])
        for e in analysis.events
    ]


def test_offsets_point_into_the_article():
    result = parley.analyze(PARAGRAPH * 3, published="2024-06-03")
    text = result.article.text
    for sentence in result.sentences:
        assert text[sentence.start:sentence.end] == sentence.text
    for event in result.events:
        assert text[event.text_info["start"]:event.text_info["end"]] == event.event_text
    for mention in result.actors:
        assert text[mention.start:mention.end] == mention.text
    for quote in result.quotes:
        assert text[quote.start:quote.end] == quote.text


def test_segmented_analysis_equals_whole(monkeypatch):
    text = PARAGRAPH * 12
    whole = parley.analyze(text, published="2024-06-03")
    monkeypatch.setattr(pipeline, "SEGMENT_CHARS", 700)
    parts = parley.analyze(text, published="2024-06-03")
    assert len(pipeline.split_segments(text, 700)) >= 3
    assert _records(parts) == _records(whole)
    assert [s.index for s in parts.sentences] == list(range(len(parts.sentences)))
    assert len({e.id for e in parts.events}) == len(parts.events)
    for mention in parts.actors:
        assert text[mention.start:mention.end] == mention.text


@pytest.mark.parametrize("size", [50, 333, 1000])
def test_split_segments_covers_text(size):
    text = PARAGRAPH * 7 + "no newline at all " * 40
    pieces = pipeline.split_segments(text, size)
    assert "".join(p for _, p in pieces) == text
    for start, piece in pieces:
        assert text[start:start + len(piece)] == piece
