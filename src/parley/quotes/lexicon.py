"""The quote stage's knowledge, read from ``parley/data/quotes`` and ``parley/data/evidence``.

Cue verbs, medium names and anonymous-source patterns are YAML files an analyst
can extend without reading Python; this module turns them into lookup sets and
compiled regular expressions once per process.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from parley.errors import DictionaryError

DATA = Path(__file__).resolve().parent.parent / "data"


def load_yaml(*parts: str) -> Any:
    """One of parley's data files, with a clear error when it is missing or malformed."""
    path = DATA.joinpath(*parts)
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.safe_load(handle)
    except FileNotFoundError:
        raise DictionaryError(f"data file {path} is missing: reinstall parley") from None
    except yaml.YAMLError as exc:
        raise DictionaryError(f"data file {path} is not valid YAML: {exc}") from None


def inflections(lemma: str) -> set[str]:
    """Regular English verb forms of ``lemma`` (irregular ones are listed in the data)."""
    forms = {lemma}
    if lemma.endswith("e"):
        forms |= {lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    elif lemma.endswith(("s", "sh", "ch", "x", "z")):
        forms |= {lemma + "es", lemma + "ed", lemma + "ing"}
    else:
        forms |= {lemma + "s", lemma + "ed", lemma + "ing"}
    return forms


@dataclass
class Medium:
    name: str
    kind: str  # platform, outlet, channel
    pattern: re.Pattern[str]


@dataclass
class Lexicon:
    """Lookup tables for cue verbs, media and anonymous sources."""

    cue_lemma: dict[str, str] = field(default_factory=dict)  # word form -> lemma
    cue_category: dict[str, str] = field(default_factory=dict)  # lemma -> speech / naming / cognition
    according_to: re.Pattern[str] | None = None
    media: list[Medium] = field(default_factory=list)
    cue_media: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    speaker_nouns: frozenset[str] = frozenset()
    anonymous_heads: frozenset[str] = frozenset()
    anonymous_phrases: re.Pattern[str] | None = None
    anonymous_openers: re.Pattern[str] | None = None
    any_medium: re.Pattern[str] | None = None  # every medium's pattern in one: most texts name none

    def cue(self, word: str) -> str | None:
        """The cue lemma of a word form, or None when it is no reporting verb."""
        return self.cue_lemma.get(word.lower())

    def category(self, lemma: str | None) -> str | None:
        return self.cue_category.get(lemma) if lemma else None

    def medium_in(self, text: str) -> tuple[str, int, int] | None:
        """The medium named in ``text`` (platforms and outlets before generic channels)."""
        if self.any_medium is not None and self.any_medium.search(text) is None:
            return None  # most texts name no medium: one search instead of one per medium
        best: tuple[int, int, int, str, int, int] | None = None
        rank = {"platform": 0, "outlet": 0, "channel": 1}
        for medium in self.media:
            match = medium.pattern.search(text)
            if match is None:
                continue
            key = (rank[medium.kind], match.start(), match.start() - match.end())
            if best is None or key < best[:3]:
                best = (key[0], key[1], key[2], medium.name, match.start(), match.end())
        return (best[3], best[4], best[5]) if best else None

    def medium_of_cue(self, lemma: str | None, on: date | None) -> str | None:
        """The platform a cue verb names by itself ("tweeted"), by the article's date."""
        for option in self.cue_media.get(lemma or "", []):
            if on is None:
                return option["name"] if "from" in option else None
            until = option.get("until")
            start = option.get("from")
            if until and on > date.fromisoformat(str(until)):
                continue
            if start and on < date.fromisoformat(str(start)):
                continue
            return option["name"]
        return None


def _alias_pattern(aliases: list[str], ignore_case: bool) -> str:
    parts = sorted((re.escape(a) for a in aliases), key=len, reverse=True)
    body = "|".join(parts)
    return f"(?{'i' if ignore_case else ''}:(?<![\\w-])(?:{body})(?![\\w-]))"


@functools.lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The lexicon built from the data files (cached per process)."""
    cues = load_yaml("quotes", "cues.yaml")
    media = load_yaml("quotes", "media.yaml")
    anonymous = load_yaml("evidence", "anonymous.yaml")
    lex = Lexicon()
    for category in ("speech", "naming", "cognition"):
        for lemma, irregular in (cues.get(category) or {}).items():
            if " " in lemma:  # phrasal cues ("point out") are matched by their verb alone
                lemma = lemma.split()[0]
            lex.cue_category.setdefault(lemma, category)
            for form in inflections(lemma) | set(irregular or []):
                form = form.split()[0]
                lex.cue_lemma.setdefault(form.lower(), lemma)
    phrases = cues.get("according_to") or []
    if phrases:
        lex.according_to = re.compile(
            r"\b(?:" + "|".join(re.escape(p) for p in phrases) + r")\b", re.IGNORECASE
        )
    for kind, key in (("platform", "platforms"), ("outlet", "outlets"), ("channel", "channels")):
        for entry in media.get(key) or []:
            if entry.get("context"):
                pattern = re.compile(entry["context"])
            else:
                pattern = re.compile(_alias_pattern(entry["aliases"], ignore_case=kind == "channel"))
            lex.media.append(Medium(entry["name"], kind, pattern))
    if lex.media:
        lex.any_medium = re.compile("|".join(f"(?:{m.pattern.pattern})" for m in lex.media))
    lex.cue_media = media.get("cue_media") or {}
    nouns = {str(n).lower() for n in cues.get("speaker_nouns") or []}
    lex.speaker_nouns = frozenset(nouns | {n + "s" for n in nouns} | {n[:-1] + "ies" for n in nouns if n.endswith("y")})
    lex.anonymous_heads = frozenset(h.lower() for h in anonymous.get("heads") or [])
    if anonymous.get("phrases"):
        lex.anonymous_phrases = re.compile("|".join(f"(?:{p})" for p in anonymous["phrases"]), re.IGNORECASE)
    if anonymous.get("openers"):
        lex.anonymous_openers = re.compile("|".join(f"(?:{p})" for p in anonymous["openers"]), re.IGNORECASE)
    return lex
