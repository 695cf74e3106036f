"""evidence: on whose authority each statement stands, and the outlet's own loaded wording.

Adds to the analysis:

- ``Event.evidentiality`` for every event (DESIGN.md): ``quote`` inside a direct
  quotation of a named speaker; ``attributed`` in reported speech of a named
  source (mixed or indirect quotes); ``anonymous`` when the source is unnamed
  ("sources report", "a source familiar with", "officials said"); ``hedged`` in a
  clause the outlet hedges ("reportedly", "allegedly", "is said to"); ``outlet``
  when the article asserts it in its own voice.  Events in reported speech also
  get ``source_id`` and ``speaker``.
- ``analysis.claims``: every sentence (and every quoted or reported part of one)
  that asserts something, with its evidential status and speaker — so that
  ``parley claims FILE --status outlet`` lists what the article says itself.
- ``unattributed_claim`` flags: loaded or contested wording (data/evidence/
  framing.yaml) in the outlet's own voice — never inside a quote or report
  attributed to someone.  A flag marks how a claim is made, not whether it is true.
"""

from __future__ import annotations

from parley.evidence.status import Evidence
from parley.records import Analysis

__all__ = ["annotate", "Evidence"]


def annotate(analysis: Analysis) -> None:
    """Set every event's evidentiality; add claims and framing flags."""
    evidence = Evidence(analysis)
    for event in analysis.events:
        evidence.mark_event(event)
    analysis.claims.extend(evidence.claims())
    analysis.flags.extend(evidence.framing_flags())
