"""checks: titles that the actor knowledge base contradicts on the article's date.

Adds ``role_mismatch`` flags (DESIGN.md Flag record) for a title written before a
name — "Polish President Donald Tusk" — when the knowledge base says the person
held no such office for that country on the publication date (Tusk was Prime
Minister of Poland on 2025-05-11).  ``expected`` gives what the knowledge base
has ("Prime Minister of Poland").  Titles marked as past ("then-", "former",
"ex-") are checked only against the person's whole record: they are flagged when
the person never held that office at all.  People and titles the knowledge base
does not know are never flagged: absence of evidence is not a mismatch.
"""

from __future__ import annotations

from parley.checks.titles import TitleChecker
from parley.records import Analysis

__all__ = ["annotate", "TitleChecker"]


def annotate(analysis: Analysis) -> None:
    """Append a ``role_mismatch`` flag for each title the knowledge base contradicts."""
    if analysis.article.published is None or not analysis.actors:
        return
    analysis.flags.extend(TitleChecker(analysis).flags())
