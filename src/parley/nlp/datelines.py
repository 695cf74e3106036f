"""Datelines: where and when the outlet filed the story ("KYIV, May 11 (Reuters) —").

A dateline opens a paragraph and belongs to the outlet, not to the sentence
it introduces: its place is not an actor, its words are not a speaker's, and
the parser must not make it a subject. One pattern, used by every stage: the
sentence rules keep a dateline inside the sentence it introduces, the nlp stage
records the spans on ``Analysis.datelines``, and the actors, quotes and events
stages read those spans.

The shapes recognised (at the start of a line, then a dash; an agency in
brackets may follow the place or date):

- a place in capitals, optionally with a region and a date: ``NEW DELHI —``,
  ``KYIV, Ukraine, May 11 (Reuters) -``, ``NEW DELHI:`` (capitals only take a colon);
- a capitalised place with a date: ``Goma, Congo, Jan. 5 (AP) —``;
- a capitalised place with an agency: ``Cairo (AP) —``;
- a date alone: ``March 14—``, ``Feb. 9 —``.

A capitalised phrase with neither a date nor an agency ("In Kyiv — talks
went on") is not a dateline, nor is a hyphen between words ("talks - which").
"""

from __future__ import annotations

import re

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATE = _MONTH + r"[ \t]+\d{1,2}(?:,[ \t]*\d{4})?"
_AGENCY = r"(?:[ \t]*\([A-Za-z][^()\n]{0,39}\))"
_CAPS = r"[A-Z][A-Z'’.\-]+(?:[ \t]+[A-Z][A-Z'’.\-]+)*"  # KYIV, NEW DELHI, PORT-AU-PRINCE
_PLACE = r"[A-Z][\w'’.\-]*(?:[ \t][A-Z][\w'’.\-]*){0,3}"  # Cairo, Port Sudan: capitalised words on one line
_DASH = r"[ \t]*(?:—|–|--|-(?=[ \t]))[ \t]*"

DATELINE = re.compile(
    r"[ \t]*(?:"
    + "|".join((
        _CAPS + r"(?:[ \t]*,[ \t]*" + _PLACE + r")?(?:,?[ \t]+" + _DATE + r")?" + _AGENCY + r"?(?:" + _DASH
        + r"|:[ \t]+)",
        _PLACE + r"(?:[ \t]*,[ \t]*" + _PLACE + r")?[ \t]*,[ \t]*" + _DATE + _AGENCY + "?" + _DASH,
        _PLACE + _AGENCY + _DASH,
        _DATE + _AGENCY + "?" + _DASH,
    ))
    + ")"
)
_LINE_START = re.compile(r"^", re.MULTILINE)


def dateline_at(text: str, pos: int) -> int | None:
    """End of the dateline that starts at ``pos`` (where the story's first word begins), or None."""
    match = DATELINE.match(text, pos)
    if match is None or match.end() >= len(text) or text[match.end()] in "\n\r":
        return None  # a line of its own ("MOSCOW —" and nothing after it) introduces nothing
    return match.end()


def find_datelines(text: str) -> list[tuple[int, int]]:
    """Character spans of the datelines at the starts of the lines of ``text``."""
    spans = []
    for line in _LINE_START.finditer(text):
        end = dateline_at(text, line.start())
        if end is not None:
            spans.append((line.start(), end))
    return spans
