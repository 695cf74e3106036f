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

import re

from spacy.language import Language
from spacy.tokens import Doc, Token

from parley.nlp import COMPONENT

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

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
# A dateline opens a paragraph: an optional place in capitals (with an optional
# region), an optional date, an optional agency in brackets, then a dash.
DATELINE = re.compile(
    r"[ \t]*(?:(?P<place>[A-Z][A-Z.'’ -]{1,40}(?:,[ \t]*[A-Z][A-Za-z.'’ -]{1,30})?)[ \t]*,?[ \t]*)?"
    r"(?P<date>" + _MONTH + r"[ \t]+\d{1,2}(?:,[ \t]*\d{4})?)?[ \t]*"
    r"(?:\((?P<agency>[A-Za-z][A-Za-z .&/-]{0,30})\)[ \t]*)?"
    r"(?:—|–|--|-|:)[ \t]*"
)


def quote_role(doc: Doc, token: Token, single_open: bool = False) -> str | None:
    """``"open"``, ``"close"`` or None for a token that is (or is not) a quotation mark.

    A straight quote opens when it follows a space, a bracket or the start of
    the text and is not followed by a space; otherwise it closes. A straight
    single quote after a letter closes only while a single quotation is open
    (``single_open``); otherwise it is a possessive ("the leaders' plan").
    """
    text = token.text
    if text in OPENING_QUOTES:
        return "open"
    if text in CLOSING_QUOTES:
        return "close"
    if text not in AMBIGUOUS_QUOTES:
        return None
    before = doc.text[token.idx - 1] if token.idx > 0 else " "
    after = doc.text[token.idx + 1] if token.idx + 1 < len(doc.text) else " "
    if (before.isspace() or before in "([{—–-/") and not after.isspace():
        return "open"
    if text == "'" and before.isalpha() and not single_open:
        return None
    return "close"


def quote_roles(doc: Doc) -> list[str | None]:
    """:func:`quote_role` of every token, tracking open single quotations per paragraph."""
    roles: list[str | None] = []
    single_open = False
    for token in doc:
        if token.is_space and "\n" in token.text:
            single_open = False
        role = quote_role(doc, token, single_open)
        if token.text in ("'", "‘", "’"):
            single_open = role == "open"
        roles.append(role)
    return roles


def _next_word(doc: Doc, i: int) -> Token | None:
    for token in doc[i:]:
        if not token.is_space:
            return token
    return None


def _set(token: Token | None, value: bool) -> None:
    if token is not None and token.i > 0:
        token.is_sent_start = value


def apply_rules(doc: Doc) -> Doc:
    """Constrain sentence boundaries in ``doc`` (before the parser runs)."""
    if not len(doc):
        return doc
    paragraph_starts = [0]
    for token in doc:
        if token.is_space and "\n" in token.text:
            # The newline belongs to the sentence before it; a paragraph break
            # ends that sentence unless this is hard-wrapped text going on in
            # lower case ("...the two\nsides agreed").
            _set(token, False)
            following = _next_word(doc, token.i + 1)
            if following is None:
                continue
            wrapped = token.text.count("\n") == 1 and following.text[:1].islower()
            if not wrapped:
                _set(following, True)
                paragraph_starts.append(following.i)
        elif token.is_space:
            _set(token, False)

    roles = quote_roles(doc)
    for token, role in zip(doc, roles):
        if role == "open":
            # Nothing inside a quotation starts right after its opening mark.
            following = doc[token.i + 1] if token.i + 1 < len(doc) else None
            if following is not None and not following.is_space:
                _set(following, False)
        elif role == "close":
            if token.is_sent_start is not True:
                _set(token, False)  # a closing mark ends the sentence it closes
            following = _next_word(doc, token.i + 1)
            if following is None or following.is_sent_start is True:
                continue
            previous = doc[token.i - 1] if token.i > 0 else None
            if following.text[:1].islower() or (following.is_punct and following.text not in OPENING_QUOTES):
                # '"We will fight," he said.' and '"Why?" she asked.'
                _set(following, False)
            elif previous is not None and previous.text == "." and following.text[:1].isupper():
                _set(following, True)  # '... we will win." The talks ...'

    closing = {i for i, role in enumerate(roles) if role == "close"}
    previous: Token | None = None
    for token in doc:
        if token.is_space:
            continue
        if previous is not None and token.is_sent_start is None:
            # In edited text a sentence ends with final punctuation (perhaps
            # inside a closing quote or bracket) or a line break; the parser
            # alone also splits after numbers, colons and capitalised words.
            if not _may_end_sentence(doc, previous, closing):
                _set(token, False)
            elif (
                previous.text in CLOSING_BRACKETS
                and token.text[:1].isupper()
                and _may_end_sentence(doc, previous, closing, strict=True)
            ):
                _set(token, True)  # "(... marriage.) I am the only ..."
        previous = token

    for token in doc[:-1]:
        if token.lower_ in TITLE_ABBREVIATIONS:
            following = doc[token.i + 1]
            if following.text[:1].isupper() or following.text[:1].isdigit():
                _set(following, False)

    for start in paragraph_starts:
        _mark_dateline(doc, start)
    return doc


def _may_end_sentence(doc: Doc, token: Token, closing: set[int], strict: bool = False) -> bool:
    """Whether a sentence may end with ``token``: final punctuation, an abbreviation's
    period ("U.S."; not when ``strict``), or a closing quote or bracket right after one of those."""
    i = token.i
    while i > 0 and (i in closing or doc[i].text in CLOSING_BRACKETS):
        i -= 1
    text = doc[i].text
    if all(c in ".!?…" for c in text):
        return True
    return not strict and len(text) > 1 and text.endswith(".")


def dateline_end(doc: Doc, start: int) -> int | None:
    """Index of the first word after a dateline opening the paragraph at token ``start``, or None."""
    match = DATELINE.match(doc.text, doc[start].idx)
    if match is None or not (match.group("place") or match.group("date")):
        return None
    if match.group("place") and not match.group("date") and not match.group("agency"):
        # A bare "WORD —" opening is a dateline only when the word is all capitals.
        place = match.group("place").strip(" ,")
        if not place.replace(" ", "").replace(",", "").isupper():
            return None
    for token in doc[start + 1 :]:
        if token.idx >= match.end():
            return token.i
    return None


def _mark_dateline(doc: Doc, start: int) -> None:
    """Keep a dateline ("KYIV, May 11 (Reuters) —") in the sentence it introduces."""
    end = dateline_end(doc, start)
    if end is not None:
        for token in doc[start + 1 : end + 1]:
            _set(token, False)


@Language.component(COMPONENT)
def sentence_rules(doc: Doc) -> Doc:
    """spaCy component wrapping :func:`apply_rules`."""
    return apply_rules(doc)
