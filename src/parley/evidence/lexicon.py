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
    lowered: bool = False  # matched against the lower-cased text (no {ACTOR} in it)


@dataclass
class EvidenceLexicon:
    hedges: re.Pattern[str]
    anonymous_openers: re.Pattern[str] | None
    framing: list[FramingRule]
    attribution_frames: re.Pattern[str] | None = None  # "what it called", "so-called" ...

    def find(self, rule_or_pattern, text: str, lowered: str | None):
        """Matches of a pattern on word boundaries; lower-cased patterns search ``lowered``.

        Case-insensitive matching is slow in Python's ``re``; patterns without a
        case-sensitive part are compiled in lower case and run over the lower-cased
        text (same offsets), and the word boundary before a match is checked here.
        """
        pattern = rule_or_pattern.pattern if isinstance(rule_or_pattern, FramingRule) else rule_or_pattern
        lowered_rule = rule_or_pattern.lowered if isinstance(rule_or_pattern, FramingRule) else True
        haystack = lowered if (lowered_rule and lowered is not None) else text
        if lowered_rule and lowered is None:
            pattern = re.compile(pattern.pattern, re.IGNORECASE)
        for match in pattern.finditer(haystack):
            start = match.start()
            if start and (haystack[start - 1].isalnum() or haystack[start - 1] in "_-"):
                continue
            yield match


def _compile(pattern: str, where: str, lowered: bool = False) -> re.Pattern[str]:
    try:
        if lowered:
            return re.compile(rf"(?:{pattern.lower()})(?![\w])")
        return re.compile(rf"(?<![\w-])(?:{pattern})(?![\w])", re.IGNORECASE)
    except re.error as exc:
        raise DictionaryError(f"{where}: bad pattern {pattern!r}: {exc}") from None


def lower_same_length(text: str) -> str | None:
    """``text.lower()`` when it keeps every offset (it does unless rare letters such as İ occur)."""
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else None


@functools.lru_cache(maxsize=1)
def evidence_lexicon() -> EvidenceLexicon:
    """The hedge cues and framing rules, compiled once per process."""
    hedges = load_yaml("evidence", "hedges.yaml") or []
    hedge = _compile("|".join(f"(?:{h})" for h in hedges), "data/evidence/hedges.yaml", lowered=True)
    framing_data = load_yaml("evidence", "framing.yaml") or {}
    rules = []
    for category, entry in (framing_data.get("categories") or {}).items():
        message = entry.get("message") or category.replace("_", " ")
        for pattern in entry.get("patterns") or []:
            where = f"data/evidence/framing.yaml ({category})"
            if "{ACTOR}" in pattern:
                rules.append(FramingRule(category, message, _compile(pattern.replace("{ACTOR}", ACTOR), where)))
            else:
                rules.append(FramingRule(category, message, _compile(pattern, where, lowered=True), lowered=True))
    frames = framing_data.get("attribution_frames") or []
    attribution = (_compile("|".join(f"(?:{f})" for f in frames), "data/evidence/framing.yaml (attribution_frames)",
                            lowered=True) if frames else None)
    return EvidenceLexicon(hedge, quote_lexicon().anonymous_openers, rules, attribution)
