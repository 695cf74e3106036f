"""Sentence-boundary rules that run before the parser and constrain it.

The parser learns sentence boundaries from the treebanks, but news text has
patterns the treebanks rarely show and the parser gets wrong: paragraphs and
headlines without final punctuation, quotations that span sentences (a lone
closing quote becomes a "sentence" of its own), datelines ("KYIV, May 11 —"),
and titles like "Gen." before a name. Each rule sets ``Token.is_sent_start``
to True (a boundary must be here) or False (none may be here); the parser
respects both and decides everything else.
"""

from __future__ import annotations

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Token

from parley.nlp import COMPONENT
from parley.nlp.datelines import dateline_at

OPENING_QUOTES = {"“", "‘", "«", "„", "‘‘", "``"}
CLOSING_QUOTES = {"”", "’", "»", "’’", "''"}
AMBIGUOUS_QUOTES = {'"', "'"}
FINAL_PUNCT = {".", "!", "?", "...", "…"}
CLOSING_BRACKETS = {")", "]", "}"}

# Titles and abbreviations that end in a period but never end a sentence when a
# capitalised name or number follows ("Gen. Smith", "No. 10", "Jan. 5").
TITLE_ABBREVIATIONS = {
    "mr.", "mrs.", "ms.", "dr.", "prof.", "gen.", "lt.", "col.", "maj.", "capt.", "cmdr.", "adm.",
    "sgt.", "cpl.", "pvt.", "sen.", "rep.", "gov.", "amb.", "pres.", "rev.", "fr.", "st.", "mt.",
    "ft.", "no.", "nos.", "jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.", "sep.",
    "sept.", "oct.", "nov.", "dec.", "gens.", "reps.", "sens.", "messrs.", "vs.", "v.",
}

def quote_role(doc: Doc, token: Token, single_open: bool = False) -> str | None:
    """``"open"``, ``"close"`` or None for a token that is (or is not) a quotation mark.

    A straight quote opens when it follows a space, a bracket or the start of
    the text and is not followed by a space; otherwise it closes. A straight
    single quote after a letter closes only while a single quotation is open
    (``single_open``); otherwise it is a possessive ("the leaders' plan").
    """
    return _role(doc.text, token.text, token.idx, single_open)


def _role(text: str, word: str, idx: int, single_open: bool) -> str | None:
    if word in OPENING_QUOTES:
        return "open"
    if word in CLOSING_QUOTES:
        return "close"
    if word not in AMBIGUOUS_QUOTES:
        return None
    before = text[idx - 1] if idx > 0 else " "
    after = text[idx + 1] if idx + 1 < len(text) else " "
    if (before.isspace() or before in "([{—–-/") and not after.isspace():
        return "open"
    if word == "'" and before.isalpha() and not single_open:
        return None
    return "close"


def quote_roles(doc: Doc) -> list[str | None]:
    """:func:`quote_role` of every token, tracking open single quotations per paragraph."""
    return _roles(doc.text, [t.text for t in doc], [t.idx for t in doc])


def _roles(text: str, words: list[str], idxs: list[int]) -> list[str | None]:
    roles: list[str | None] = []
    single_open = False
    for word, idx in zip(words, idxs):
        if "\n" in word and word.isspace():
            single_open = False
        role = _role(text, word, idx, single_open)
        if word in ("'", "‘", "’"):
            single_open = role == "open"
        roles.append(role)
    return roles


def sentence_starts(doc: Doc) -> list[bool | None]:
    """Per token: True (a sentence must start here), False (none may) or None (the parser decides)."""
    text = doc.text
    words = [t.text for t in doc]
    idxs = [t.idx for t in doc]
    n = len(words)
    space = [w.isspace() for w in words]
    starts: list[bool | None] = [None] * n
    if not n:
        return starts
    starts[0] = True

    def set_(i: int, value: bool) -> None:
        if i > 0:
            starts[i] = value

    def next_word(i: int) -> int | None:
        while i < n and space[i]:
            i += 1
        return i if i < n else None

    paragraph_starts = [0]
    for i, word in enumerate(words):
        if not space[i]:
            continue
        set_(i, False)  # whitespace belongs to the sentence before it
        if "\n" in word:
            # A paragraph break ends the sentence before it, unless this is
            # hard-wrapped text going on in lower case ("...the two\nsides agreed").
            following = next_word(i + 1)
            if following is not None and not (word.count("\n") == 1 and words[following][:1].islower()):
                set_(following, True)
                paragraph_starts.append(following)

    roles = _roles(text, words, idxs)
    for i, role in enumerate(roles):
        if role == "open":
            # Nothing inside a quotation starts right after its opening mark.
            if i + 1 < n and not space[i + 1]:
                set_(i + 1, False)
        elif role == "close":
            if starts[i] is not True:
                set_(i, False)  # a closing mark ends the sentence it closes
            following = next_word(i + 1)
            if following is None or starts[following] is True:
                continue
            nxt = words[following]
            if nxt[:1].islower() or (_is_punct(nxt) and nxt not in OPENING_QUOTES):
                set_(following, False)  # '"We will fight," he said.' and '"Why?" she asked.'
            elif i > 0 and words[i - 1] == "." and nxt[:1].isupper():
                set_(following, True)  # '... we will win." The talks ...'

    closing = {i for i, role in enumerate(roles) if role == "close"}
    previous = None
    for i in range(n):
        if space[i]:
            continue
        if previous is not None and starts[i] is None:
            # In edited text a sentence ends with final punctuation (perhaps
            # inside a closing quote or bracket) or a line break; the parser
            # alone also splits after numbers, colons and capitalised words.
            if not _may_end_sentence(words, previous, closing):
                starts[i] = False
            elif (
                words[previous] in CLOSING_BRACKETS
                and words[i][:1].isupper()
                and _may_end_sentence(words, previous, closing, strict=True)
            ):
                starts[i] = True  # "(... marriage.) I am the only ..."
        previous = i

    for i in range(n - 1):
        if words[i].lower() in TITLE_ABBREVIATIONS and (words[i + 1][:1].isupper() or words[i + 1][:1].isdigit()):
            set_(i + 1, False)

    for start in paragraph_starts:
        end = dateline_end(doc, start, text, idxs)
        if end is not None:
            for i in range(start + 1, end + 1):
                set_(i, False)  # the dateline and the first word after its dash
    return starts


def _is_punct(word: str) -> bool:
    return bool(word) and not any(c.isalnum() for c in word)


def _may_end_sentence(words: list[str], i: int, closing: set[int], strict: bool = False) -> bool:
    """Whether a sentence may end with token ``i``: final punctuation, an abbreviation's
    period ("U.S."; not when ``strict``), or a closing quote or bracket right after one of those."""
    while i > 0 and (i in closing or words[i] in CLOSING_BRACKETS):
        i -= 1
    word = words[i]
    if all(c in ".!?…" for c in word):
        return True
    return not strict and len(word) > 1 and word.endswith(".")


def dateline_end(doc: Doc, start: int, text: str | None = None, idxs: list[int] | None = None) -> int | None:
    """Index of the first word after a dateline opening the paragraph at token ``start``, or None.

    ``text`` and ``idxs`` (``doc.text`` and the tokens' offsets) save rebuilding them: ``doc.text`` joins
    every token each time it is read.
    """
    idxs = idxs if idxs is not None else [t.idx for t in doc]
    end = dateline_at(text if text is not None else doc.text, idxs[start])
    if end is None:
        return None
    return next((i for i in range(start + 1, len(idxs)) if idxs[i] >= end), None)


def apply_rules(doc: Doc) -> Doc:
    """Constrain sentence boundaries in ``doc`` (before the parser runs)."""
    if len(doc):
        values = {True: 1, False: -1, None: 0}
        # spaCy stores "not a start" as -1 in an unsigned array.
        array = numpy.array([values[v] for v in sentence_starts(doc)], dtype="int64").astype("uint64")
        doc.from_array([SENT_START], array)
    return doc


@Language.component(COMPONENT)
def sentence_rules(doc: Doc) -> Doc:
    """spaCy component wrapping :func:`apply_rules`."""
    return apply_rules(doc)
