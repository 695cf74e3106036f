"""Character-level helpers: paragraphs, sentence bounds and quotation-mark spans.

The quote stage works on the raw characters as much as on the parse: quotation
marks, paragraph breaks and sentence-final punctuation are facts of the text,
while the statistical parse is only right most of the time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENERS = "“„«"
CLOSERS = "”»"
STRAIGHT = '"'
QUOTE_MARKS = OPENERS + CLOSERS + STRAIGHT
_MARK = re.compile("[" + re.escape(QUOTE_MARKS) + "]")

# Words whose trailing period does not end a sentence.
ABBREVIATIONS = frozenset(
    "mr mrs ms dr gen sen rep gov lt col sgt st jr sr prof rev adm capt maj cmdr cpl pvt fr "
    "no vs etc inc corp ltd co jan feb mar apr aug sept sep oct nov dec ft mt u.s u.k u.n "
    "e.g i.e a.m p.m d.c u.s.a".split()
)
_TERMINAL = re.compile(r"[.?!…]+[\"”’)]*(?=\s)|[.?!…]+[\"”’)]*$")


@dataclass
class QuotedSpan:
    """A stretch between quotation marks: ``start`` at the opening mark, ``end`` after the closing one."""

    start: int
    end: int
    closed: bool = True  # False when the paragraph ended before a closing mark
    paragraphs: int = 1  # how many paragraphs it runs over


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty line-delimited paragraph."""
    spans = []
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        if line.strip():
            lead = len(line) - len(line.lstrip())
            trail = len(line) - len(line.rstrip())
            spans.append((pos + lead, end - trail))
        pos = end + 1
    return spans


def is_boundary(text: str, match: re.Match[str]) -> bool:
    """Whether a run of sentence-final punctuation really ends a sentence."""
    if text[match.start()] != ".":
        return True
    word_start = match.start()
    while word_start > 0 and (text[word_start - 1].isalpha() or text[word_start - 1] == "."):
        word_start -= 1
    word = text[word_start:match.start()].lower()
    if word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
        return False
    rest = text[match.end():match.end() + 3].lstrip()
    return not rest or not rest[0].islower()


def sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences of one paragraph by punctuation (quotation marks stay with their sentence)."""
    spans = []
    pos = start
    for match in _TERMINAL.finditer(text, start, end):
        if not is_boundary(text, match):
            continue
        spans.append((pos, match.end()))
        pos = match.end()
        while pos < end and text[pos].isspace():
            pos += 1
    if pos < end and text[pos:end].strip():
        spans.append((pos, end))
    return spans


def quoted_spans(text: str, paras: list[tuple[int, int]]) -> list[QuotedSpan]:
    """Pair quotation marks paragraph by paragraph.

    Straight marks toggle; curly ones open and close.  A quote left open at the end
    of a paragraph continues when the next paragraph opens with a quotation mark
    (the news convention for multi-paragraph quotations); otherwise it ends with
    its paragraph.  Single quotation marks are left alone: they are nested quotes,
    scare quotes or apostrophes.
    """
    spans: list[QuotedSpan] = []
    pending: QuotedSpan | None = None
    for p_start, p_end in paras:
        if pending is None and _MARK.search(text, p_start, p_end) is None:
            # British style: ‘We will not give up,’ he said — single curly marks as quotes
            spans.extend(single_quoted_spans(text, p_start, p_end))
            continue
        open_at: int | None = None
        first = p_start
        if pending is not None:
            if text[p_start] in OPENERS + STRAIGHT:
                open_at = pending.start
                first = p_start + 1
                pending.paragraphs += 1
            else:
                spans.append(QuotedSpan(pending.start, pending.end, closed=False, paragraphs=pending.paragraphs))
        paragraphs_so_far = pending.paragraphs if (pending is not None and open_at is not None) else 1
        pending = None
        for mark in _MARK.finditer(text, first, p_end):
            i = mark.start()
            ch = text[i]
            if open_at is None:
                # a closing mark that stands where a quote opens (”Fear. I am ...) opens it
                misplaced = (ch in CLOSERS and (i == p_start or text[i - 1] in " \t:(")
                             and i + 1 < p_end and text[i + 1].isalnum())
                if ch in OPENERS or ch == STRAIGHT or misplaced:
                    open_at = i
                    paragraphs_so_far = 1
            elif ch in CLOSERS or ch == STRAIGHT:
                spans.append(QuotedSpan(open_at, i + 1, paragraphs=paragraphs_so_far))
                open_at = None
                paragraphs_so_far = 1
        if open_at is not None:
            pending = QuotedSpan(open_at, p_end, closed=False, paragraphs=paragraphs_so_far)
    if pending is not None:
        spans.append(pending)
    return spans


SINGLE_OPEN = "‘"
SINGLE_CLOSE = "’"


def single_quoted_spans(text: str, start: int, end: int) -> list[QuotedSpan]:
    """Curly single quotation marks used as quotes in a paragraph that has no double ones.

    An opening ‘ stands before a word (after a space, a colon, a bracket or the
    paragraph start); a closing ’ stands after a word and before a space,
    punctuation or the paragraph end — so the apostrophes of "don’t" and
    "Putin’s" never close a quote.
    """
    spans = []
    open_at = None
    for i in range(start, end):
        ch = text[i]
        if ch == SINGLE_OPEN and open_at is None:
            before = text[i - 1] if i > start else " "
            after = text[i + 1] if i + 1 < end else " "
            if (before.isspace() or before in "(:—–[") and (after.isalnum() or after in "…["):
                open_at = i
        elif ch == SINGLE_CLOSE and open_at is not None:
            after = text[i + 1] if i + 1 < end else " "
            before = text[i - 1]
            if (after.isspace() or after in ",.;:!?)—–") and not before.isspace():
                if words(text[open_at + 1:i]) >= 1:
                    spans.append(QuotedSpan(open_at, i + 1))
                open_at = None
    return spans


def words(text: str) -> int:
    return len(re.findall(r"[\w’'-]+", text))
