"""time: date expressions in the article text, resolved to ISO dates.

``annotate(analysis)`` adds a ``TimeExpression`` for every date expression it
finds ("this morning", "on Thursday", "May 15", "from May 8 to May 11",
"in April 2022", "tomorrow, May 12th", "last week", "2025-05-11") with the
date it stands for, resolved against ``article.published``.  Ranges carry an
``end_date``; months and years carry their first day and ``granularity``.

Finding is one compiled regular expression over the text, so the cost is
proportional to the text and not to the number of rules.  Expressions with no
year ("May 15", "on Thursday") take the reading closest to the publication date
in the direction the clause's tense points: a past-tense verb looks back, a
future, present or infinitive one looks ahead.  Numeric dates ("11/05/2025",
"2025-05-11") are read with dateparser.
"""

from __future__ import annotations

import calendar
import functools
import logging
import re
from datetime import date, timedelta

from parley.nlp import token_at as _token_at
from parley.records import Analysis, TimeExpression

log = logging.getLogger("parley")

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DASH = r"\s*(?:-|–|—|to|until|till|through)\s*"

# Order matters: longer constructions first so that "from May 8 to May 11" is one range.
_PATTERNS = [
    ("range_md_md", rf"(?:from\s+|between\s+)?(?P<m1>{_MONTH})\s+(?P<d1>{_DAY})(?:,?\s+(?P<y1>{_YEAR}))?"
                    rf"(?:{_DASH}|\s+and\s+)(?P<m2>{_MONTH})\s+(?P<d2>{_DAY})(?:,?\s+(?P<y2>{_YEAR}))?\b"),
    ("range_md_d", rf"(?:from\s+|between\s+)?(?P<m1>{_MONTH})\s+(?P<d1>{_DAY})(?:{_DASH}|\s+and\s+)(?P<d2>{_DAY})"
                   rf"(?:,?\s+(?P<y1>{_YEAR}))?\b"),
    ("range_dm_dm", rf"(?:from\s+|between\s+)?(?P<d1>{_DAY})\s+(?P<m1>{_MONTH})(?:{_DASH}|\s+and\s+)"
                    rf"(?P<d2>{_DAY})\s+(?P<m2>{_MONTH})(?:,?\s+(?P<y1>{_YEAR}))?\b"),
    ("range_d_dm", rf"(?:from\s+|between\s+)?(?P<d1>{_DAY})(?:{_DASH}|\s+and\s+)(?P<d2>{_DAY})\s+(?P<m1>{_MONTH})"
                   rf"(?:,?\s+(?P<y1>{_YEAR}))?\b"),
    ("range_mm_y", rf"(?P<m1>{_MONTH})\s*(?:-|–|—|to|and)\s*(?P<m2>{_MONTH}),?\s+(?P<y1>{_YEAR})\b"),
    ("range_y_y", rf"\b(?:from\s+|between\s+)(?P<y1>{_YEAR})(?:{_DASH}|\s+and\s+)(?P<y2>{_YEAR})\b"),
    ("mdy", rf"(?P<m1>{_MONTH})\s+(?P<d1>{_DAY}),?\s+(?P<y1>{_YEAR})\b"),
    ("dmy", rf"\b(?P<d1>{_DAY})\s+(?P<m1>{_MONTH}),?\s+(?P<y1>{_YEAR})\b"),
    ("md", rf"(?P<m1>{_MONTH})\s+(?P<d1>{_DAY})\b(?!\s*(?:,\s*)?(?:000|percent|%|million|billion))"),
    ("dm", rf"\b(?P<d1>{_DAY})\s+(?:of\s+)?(?P<m1>{_MONTH})\b"),
    ("my", rf"(?P<m1>{_MONTH}),?\s+(?P<y1>{_YEAR})\b"),
    ("iso", r"\b(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d)\b"),
    ("numeric", r"\b(?P<num>[0-3]?\d[/.][0-3]?\d[/.](?:19|20)\d\d)\b"),
    ("rel_part", r"\b(?P<rel>(?:this|yesterday|tomorrow)\s+(?:morning|afternoon|evening|night)|tonight|last\s+night"
                 r"|earlier\s+today|later\s+today)\b"),
    ("rel_day", r"\b(?P<rel>today|yesterday|tomorrow)\b"),
    ("ago", r"\b(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?P<unit>days?|weeks?|months?|years?)"
            r"\s+(?P<dir>ago|earlier|later|from\s+now)\b"),
    ("rel_period", r"\b(?P<which>this|last|next|past|coming|earlier\s+this|later\s+this)\s+(?P<unit>week|month|year|weekend)\b"),
    ("weekday", rf"\b(?:(?P<which>last|next|this|on|since|by|until|from)\s+)?(?P<wd>{_WEEKDAY})\b"),
    ("month_only", rf"\b(?P<prep>(?i:in|since|until|by|during|early|late|mid-?|last|next|this|of|from))\s+(?P<m1>{_MONTH})"
                   rf"(?:\s*(?:-|–|—|to|and)\s*(?P<m2>{_MONTH}))?(?:,?\s+(?P<y1>{_YEAR}))?\b"),
    ("year_only", rf"\b(?P<prep>(?i:in|since|until|by|during|of|from|before|after))\s+(?P<y1>{_YEAR})\b(?!\s*(?:-|–)\s*\d)"),
]
# Inner group names must be unique across the alternation: prefix them with the construction.
_REGEX = re.compile("|".join(
    f"(?P<{name}>{body.replace('(?P<', f'(?P<{name}__')})" for name, body in _PATTERNS
))
_NAMES = [name for name, _ in _PATTERNS]
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
                 "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_FUTURE_AUX = {"will", "shall", "'ll", "wo", "going"}


def annotate(analysis: Analysis) -> None:
    """Find the date expressions of the article and resolve them against its publication date."""
    article = analysis.article
    doc = analysis.doc
    analysis.times.extend(find_times(article.text, article.published, doc=doc))


# Every date expression contains one of these; the full expression is only tried around them,
# which keeps the cost proportional to the few anchors rather than to every character.
_ANCHOR = re.compile(r"\d|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun"
                     r"|today|tonight|yesterday|tomorrow|week|month|year|ago|night|morning|afternoon|evening"
                     r"|earlier|later|from now)")
_BEFORE, _AFTER = 30, 70
_WORD_START = re.compile(r"\b\w")


def _matches(text: str):
    """``_REGEX`` matches, searched only in windows around anchors (same result as a full scan)."""
    windows: list[list[int]] = []
    for anchor in _ANCHOR.finditer(text):
        start = max(0, anchor.start() - _BEFORE)
        while start > 0 and not text[start - 1].isspace():  # never start a window inside a word
            start -= 1
        end = min(len(text), anchor.end() + _AFTER)
        while end < len(text) and not text[end].isspace():  # nor end one inside a word
            end += 1
        if windows and start <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], end)
        else:
            windows.append([start, end])
    # Every expression starts at the start of a word: try the expression only there (a scan tries every
    # character), leftmost first and without overlaps, as a scan would.
    for start, end in windows:
        pos = start
        for word in _WORD_START.finditer(text, start, end):
            if word.start() < pos:
                continue
            match = _REGEX.match(text, word.start(), end)
            if match is not None and match.end() > match.start():
                yield match
                pos = match.end()


def find_times(text: str, published: date | None, doc=None) -> list[TimeExpression]:
    """Every date expression in ``text``; ``date`` is None where nothing anchors it."""
    found: list[TimeExpression] = []
    for match in _matches(text):
        kind = match.lastgroup
        groups = _groups(match)
        start, end = match.span()
        looks_ahead = _looks_ahead(doc, start) if doc is not None else None
        try:
            resolved = _resolve(kind, groups, published, looks_ahead, match.group(0))
        except ValueError:  # "February 30": not a date
            continue
        if resolved is None:
            continue
        first, last, granularity = resolved
        found.append(
            TimeExpression(
                text=match.group(0),
                start=start,
                end=end,
                date=first.isoformat() if first else None,
                end_date=last.isoformat() if last and last != first else None,
                granularity=granularity,
            )
        )
    return found


def resolve(expression: str, published: date | None, *, future: bool | None = None) -> TimeExpression | None:
    """Resolve one expression on its own (for tests and other stages); None when it is not a date."""
    times = find_times(expression, published)
    if not times:
        return None
    if future is not None:
        match = _REGEX.search(expression)
        groups = _groups(match)
        resolved = _resolve(match.lastgroup, groups, published, future, match.group(0))
        if resolved is None:
            return None
        first, last, granularity = resolved
        return TimeExpression(match.group(0), match.start(), match.end(),
                              first.isoformat() if first else None,
                              last.isoformat() if last and last != first else None, granularity)
    return times[0]


def _groups(match: re.Match) -> dict[str, str]:
    """The inner groups of the alternative that matched, without their prefix."""
    prefix = match.lastgroup + "__"
    return {k[len(prefix):]: v for k, v in match.groupdict().items() if v is not None and k.startswith(prefix)}


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _day(text: str) -> int:
    return int(re.match(r"\d+", text).group(0))


def _closest_year(month: int, day: int, published: date | None, ahead: bool | None) -> date:
    """The reading of a month-day without a year nearest the publication date."""
    if published is None:
        raise ValueError("no anchor")
    candidate = date(published.year, month, day)
    if candidate > published + timedelta(days=120) and not ahead:
        return date(published.year - 1, month, day)
    if candidate < published - timedelta(days=240) and ahead is not False:
        return date(published.year + 1, month, day)
    return candidate


def _month_start(year: int, month: int) -> date:
    return date(year, month, 1)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _resolve(kind, g, published, ahead, text):  # noqa: C901 - one branch per construction
    if kind in ("range_md_md", "range_md_d", "range_dm_dm", "range_d_dm"):
        m1 = _month(g["m1"])
        m2 = _month(g.get("m2", g["m1"]))
        d1, d2 = _day(g["d1"]), _day(g["d2"])
        if g.get("y1") or g.get("y2"):
            y2 = int(g.get("y2") or g["y1"])
            y1 = int(g.get("y1") or g["y2"])
            first, last = date(y1, m1, d1), date(y2, m2, d2)
        else:
            first = _closest_year(m1, d1, published, ahead)
            last = date(first.year + (1 if m2 < m1 else 0), m2, d2)
        if last < first:
            return None
        return first, last, "day"
    if kind == "range_mm_y":
        year = int(g["y1"])
        m1, m2 = _month(g["m1"]), _month(g["m2"])
        if m2 < m1:
            return None
        return _month_start(year, m1), _month_end(year, m2), "month"
    if kind == "range_y_y":
        y1, y2 = int(g["y1"]), int(g["y2"])
        if y2 < y1:
            return None
        return date(y1, 1, 1), date(y2, 12, 31), "year"
    if kind in ("mdy", "dmy"):
        return date(int(g["y1"]), _month(g["m1"]), _day(g["d1"])), None, "day"
    if kind in ("md", "dm"):
        if g["m1"].rstrip(".").lower() == "may" and kind == "dm":
            return None  # "2 may be": the modal verb, not the month
        if published is None:
            return None, None, "day"
        return _closest_year(_month(g["m1"]), _day(g["d1"]), published, ahead), None, "day"
    if kind == "my":
        year, month = int(g["y1"]), _month(g["m1"])
        return _month_start(year, month), _month_end(year, month), "month"
    if kind == "iso":
        return date.fromisoformat(g["iso"]), None, "day"
    if kind == "numeric":
        parsed = _dateparser(g["num"])
        return (parsed, None, "day") if parsed else None
    if published is None:
        return None, None, "day"
    if kind in ("rel_part", "rel_day"):
        rel = " ".join(g["rel"].lower().split())
        if rel.startswith("yesterday") or rel == "last night":
            return published - timedelta(days=1), None, "day"
        if rel.startswith("tomorrow"):
            return published + timedelta(days=1), None, "day"
        return published, None, "day"
    if kind == "ago":
        n = g["n"].lower()
        count = _NUMBER_WORDS.get(n) or int(n)
        unit = g["unit"].lower().rstrip("s")
        days = {"day": 1, "week": 7, "month": 30, "year": 365}[unit] * count
        sign = -1 if g["dir"].lower() in ("ago", "earlier") else 1
        granularity = "day" if unit in ("day", "week") else unit
        return published + timedelta(days=sign * days), None, granularity
    if kind == "rel_period":
        which = " ".join(g["which"].lower().split())
        unit = g["unit"].lower()
        step = {"last": -1, "past": -1, "next": 1, "coming": 1}.get(which, 0)
        if unit in ("week", "weekend"):
            monday = published - timedelta(days=published.weekday()) + timedelta(weeks=step)
            if unit == "weekend":
                saturday = monday + timedelta(days=5)
                return saturday, saturday + timedelta(days=1), "day"
            return monday, monday + timedelta(days=6), "week"
        if unit == "month":
            month_index = published.year * 12 + published.month - 1 + step
            year, month = divmod(month_index, 12)
            return _month_start(year, month + 1), _month_end(year, month + 1), "month"
        year = published.year + step
        return date(year, 1, 1), date(year, 12, 31), "year"
    if kind == "weekday":
        target = WEEKDAYS[g["wd"].lower()]
        which = (g.get("which") or "").lower()
        if which == "next" or (which not in ("last", "since") and ahead):
            delta = (target - published.weekday()) % 7 or 7
            if which == "next" and delta < 2:
                delta += 7
            return published + timedelta(days=delta), None, "day"
        delta = (published.weekday() - target) % 7
        if which == "last" and delta == 0:
            delta = 7
        return published - timedelta(days=delta), None, "day"
    if kind == "month_only" and g.get("y1"):
        year, m1, m2 = int(g["y1"]), _month(g["m1"]), _month(g.get("m2") or g["m1"])
        if m2 < m1:
            return None
        return _month_start(year, m1), _month_end(year, m2), "month"
    if kind == "month_only":
        month = _month(g["m1"])
        if g["m1"].lower().startswith("may") and g["prep"].lower() in ("of", "from", "by"):
            return None  # "of May be"; too risky with the modal verb
        prep = g["prep"].lower()
        year = published.year
        if prep == "last" or (prep != "next" and not ahead):
            if month > published.month or (prep == "last" and month == published.month):
                year -= 1
        elif month < published.month or (prep == "next" and month == published.month):
            year += 1
        return _month_start(year, month), _month_end(year, month), "month"
    if kind == "year_only":
        year = int(g["y1"])
        return date(year, 1, 1), date(year, 12, 31), "year"
    return None


@functools.lru_cache(maxsize=1024)
def _dateparser(text: str) -> date | None:
    import dateparser

    parsed = dateparser.parse(text, settings={"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first"})
    return parsed.date() if parsed else None


def _looks_ahead(doc, offset: int) -> bool | None:
    """Whether the clause around ``offset`` speaks of the future (True), the past (False), or cannot tell."""
    token = _token_at(doc, offset)
    if token is None:
        return None
    verb = token
    for _ in range(5):
        if verb.pos_ in ("VERB", "AUX") or verb.dep_ == "ROOT":
            break
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    auxes = [c for c in verb.children if c.dep_ in ("aux", "aux:pass")]
    if any(a.lower_ in _FUTURE_AUX for a in auxes):
        return True
    if any("Past" in a.morph.get("Tense") for a in auxes) or "Past" in verb.morph.get("Tense") and not auxes:
        return False
    if verb.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxes):
        return False
    if "Inf" in verb.morph.get("VerbForm") or verb.tag_ == "VB":
        head = verb.head
        # "had offered to meet on Thursday": the infinitive's time follows its governor's
        if head.i != verb.i and head.tag_ == "VBD" and head.lemma_ in ("be",):
            return False
        return True
    if "Pres" in verb.morph.get("Tense") or any("Pres" in a.morph.get("Tense") for a in auxes):
        return True
    return None
