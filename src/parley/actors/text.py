"""Tokens and normalised keys shared by the knowledge base and the mention finder.

Both sides tokenise with the same small regular expression so that a phrase in
a data file and the same words in an article always give the same key, whatever
the NLP model's tokenizer does with hyphens and abbreviations.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

# abbreviations with inner dots (U.S., D.C.), possessive 's, words (letters and
# digits, with inner apostrophes: N'Djamena, d'Ivoire), then any other single character.
_TOKEN = re.compile(
    r"(?:[^\W\d_]\.){2,}"
    r"|['’]s\b"
    r"|[^\W_]+(?:['’](?![sS]\b)[^\W_]+)*"
    r"|[^\w\s]"
)


class Token(NamedTuple):
    text: str
    start: int
    end: int
    norm: str


_NORMS: dict[str, str] = {}
_HYPHENS = frozenset("\u2010\u2011\u2012\u2043\u00ad")  # hyphen look-alikes (not dashes: those separate clauses)


def tokenize(text: str) -> list[Token]:
    """Tokens with character offsets and normalised keys (hot path: kept to plain tuple building)."""
    out: list[Token] = []
    append = out.append
    make = tuple.__new__
    cached = _NORMS.get
    for m in _TOKEN.finditer(text):
        word = m.group()
        start = m.start()
        key = cached(word)
        if key is None:
            key = norm(word)
            if len(_NORMS) < 200_000:
                _NORMS[word] = key
        append(make(Token, (word, start, start + len(word), key)))
    return out


@lru_cache(maxsize=65536)
def norm(word: str) -> str:
    """Lower case, no accents, one kind of apostrophe: "Erdoğan" and "erdogan" are one key."""
    word = word.replace("’", "'").replace("‘", "'").lower()
    if word in _HYPHENS:
        return "-"  # "al‑Burhan" with a non-breaking hyphen is "al-Burhan"
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def phrase_key(phrase: str) -> tuple[str, ...]:
    return tuple(t.norm for t in tokenize(phrase))
