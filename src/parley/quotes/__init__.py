"""quotes: who said what, how, and through which medium.

Adds ``Quote`` records to ``analysis.quotes`` (DESIGN.md contract):

- ``direct``: a passage in quotation marks that stands as speech of its own —
  one sentence or many, running over paragraphs when the next paragraph opens
  with a quotation mark, introduced by a colon ("He continued:") or attributed
  after it (``"...," she said``);
- ``mixed``: a reported clause that carries a quoted fragment (He said Ukraine is
  "ready to meet" Moscow);
- ``indirect``: reported speech without quotation marks (said that ...,
  according to ..., ``..., officials said``).

Speakers are found through reporting cues (data/quotes/cues.yaml), colon
introductions and, for pronouns, the actors stage's coreference (with a small
fallback of our own); the medium comes from data/quotes/media.yaml; unnamed
sources (data/evidence/anonymous.yaml) are marked ``anonymous``.  Scare quotes,
titles and single quoted words are not quotes.
"""

from __future__ import annotations

from parley.quotes.extract import QuoteFinder
from parley.records import Analysis

__all__ = ["annotate", "QuoteFinder"]


def annotate(analysis: Analysis) -> None:
    """Find the quotes of the article and append them to ``analysis.quotes``."""
    if analysis.doc is None:
        return
    analysis.quotes.extend(QuoteFinder(analysis).find())
