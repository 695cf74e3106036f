"""Hedge cues, anonymous-report openers and the framing lexicon (data/evidence/*.yaml)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from parley.errors import DictionaryError
from parley.quotes.lexicon import lexicon as quote_lexicon
from parley.quotes.lexicon import load_yaml

# A name or demonym in a framing pattern ("NATO's", "the Israeli", "Russia"): case-sensitive
# inside the otherwise case-insensitive patterns.
ACTOR = r"(?-i:(?:the\s+)?[A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*){0,2})"


@dataclass
class FramingRule:
    category: str
    message: str
    pattern: re.Pattern[str]


@dataclass
class EvidenceLexicon:
    hedges: re.Pattern[str]
    anonymous_openers: re.Pattern[str] | None
    framing: list[FramingRule]


def _compile(pattern: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(rf"(?<![\w-])(?:{pattern})(?![\w])", re.IGNORECASE)
    except re.error as exc:
        raise DictionaryError(f"{where}: bad pattern {pattern!r}: {exc}") from None


@functools.lru_cache(maxsize=1)
def evidence_lexicon() -> EvidenceLexicon:
    """The hedge cues and framing rules, compiled once per process."""
    hedges = load_yaml("evidence", "hedges.yaml") or []
    hedge = _compile("|".join(f"(?:{h})" for h in hedges), "data/evidence/hedges.yaml")
    framing_data = load_yaml("evidence", "framing.yaml") or {}
    rules = []
    for category, entry in (framing_data.get("categories") or {}).items():
        message = entry.get("message") or category.replace("_", " ")
        for pattern in entry.get("patterns") or []:
            rules.append(FramingRule(category, message, _compile(pattern.replace("{ACTOR}", ACTOR),
                                                                 f"data/evidence/framing.yaml ({category})")))
    return EvidenceLexicon(hedge, quote_lexicon().anonymous_openers, rules)
