"""events: PLOVER event records from the parse, driven by the pattern dictionary.

``annotate(analysis)`` adds ``analysis.events``: one :class:`~parley.records.Event`
per event a sentence states -- type, mode, context, CAMEO code, actor and
recipient entities from the actors stage, modality (negated, future,
hypothetical, historical), date from the time expressions of the clause, place
from the place names of the clause, the sentence text and its exact offsets, the
trigger word, and the speaker when the event is reported speech.

The knowledge is in ``data/events/patterns.yaml`` (see docs/events.md); the
coder is :mod:`parley.events.coder`.
"""

from __future__ import annotations

import logging

from parley.events.coder import SentenceCoder
from parley.events.dictionary import PLOVER_TYPES, Dictionary, Pattern, load_dictionary
from parley.records import Analysis, Event

log = logging.getLogger("parley")

__all__ = ["PLOVER_TYPES", "Dictionary", "Pattern", "annotate", "code_events", "load_dictionary"]


def annotate(analysis: Analysis) -> None:
    """Code the events of every sentence of the analysed article."""
    analysis.events.extend(code_events(analysis))


def code_events(analysis: Analysis, dictionary: Dictionary | None = None) -> list[Event]:
    """The events of an analysis whose nlp, actors, time, places and quotes stages have run."""
    if analysis.doc is None:
        return []
    return SentenceCoder(analysis, dictionary or load_dictionary()).code()
