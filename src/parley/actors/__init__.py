"""actors: find who is mentioned and resolve each mention to a PLOVER entity on a date.

Adds ``analysis.actors``: one :class:`~parley.records.Mention` per actor mention
(states, capitals and seats of government, organisations and armed groups,
people with or without a title, role nouns such as "Russian forces", and
pronouns or "the president" resolved to their antecedent with ``how="coref"...``).

Public API (other stages code against these names):

* ``annotate(analysis)`` — the pipeline stage;
* ``mentions_in(analysis, start, end)`` — the mentions inside a character span;
* ``resolve(name, on=None)`` / ``explain(name, on=None)`` — one name, with the reasons;
* ``kb()`` — the loaded :class:`~parley.actors.kb.KnowledgeBase`
  (``kb().offices_of(person, on)``, ``kb().holders(code, office, on)``).
"""

from __future__ import annotations

import logging
import os
import threading
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Iterable

from parley.actors.kb import DATA_DIR, KnowledgeBase, Office, Person
from parley.actors.text import tokenize
from parley.errors import DictionaryError
from parley.records import Analysis, Entity, Mention

log = logging.getLogger("parley")

__all__ = [
    "KnowledgeBase",
    "Office",
    "Person",
    "Resolution",
    "annotate",
    "explain",
    "kb",
    "load_kb",
    "mentions_in",
    "resolve",
    "validate",
]

BASE_FILES = ("states.csv", "titles.csv", "organisations.yaml", "offices.csv")
EXTRA_ENV = "PARLEY_ACTORS"  # os.pathsep-separated user dictionaries loaded on top of the packaged ones

_lock = threading.Lock()
_cache: dict[tuple[str, ...], tuple[KnowledgeBase, Any]] = {}


def load_kb(extra: Iterable[str | Path] = (), *, strict: bool = True) -> KnowledgeBase:
    """A fresh knowledge base: the packaged data files, then each file in ``extra``.

    Raises ``DictionaryError`` listing every problem when a file is malformed
    (``strict=False`` logs them and keeps the good rows).
    """
    from parley.actors.loaders import load_into

    base = KnowledgeBase()
    problems = []
    for name in BASE_FILES:
        problems += load_into(base, DATA_DIR / name)
    common = DATA_DIR / "common_words.txt"
    if common.is_file():
        lines = [line for line in common.read_text(encoding="utf-8").splitlines() if not line.lstrip().startswith("#")]
        base.common_words = {w.lower() for line in lines for w in line.split()}
    leaders = DATA_DIR / "leaders.csv"
    if leaders.is_file():
        from parley.actors.loaders import read_csv_rows

        for _, row in read_csv_rows(leaders.read_text(encoding="utf-8"))[1:]:
            base.leader_offices[row["code"]] = row["office"]
    for path in extra:
        path = Path(path)
        if not path.is_file():
            raise DictionaryError(f"actor dictionary {path} does not exist")
        problems += load_into(base, path)
    if problems:
        message = "; ".join(str(p) for p in problems[:10]) + (f" (and {len(problems) - 10} more)" if len(problems) > 10 else "")
        if strict:
            raise DictionaryError(f"actor dictionaries have problems: {message}; check them with `parley actors validate FILE`")
        log.warning("actor dictionaries: %s", message)
    base.index()
    return base


def _extra_from_env() -> tuple[str, ...]:
    value = os.environ.get(EXTRA_ENV, "")
    return tuple(p for p in value.split(os.pathsep) if p)


def kb(extra: Iterable[str | Path] | None = None) -> KnowledgeBase:
    """The knowledge base (cached per process): packaged data plus ``extra`` or ``$PARLEY_ACTORS`` files."""
    return _loaded(extra)[0]


def _loaded(extra: Iterable[str | Path] | None = None):
    key = tuple(str(p) for p in extra) if extra is not None else _extra_from_env()
    with _lock:
        if key not in _cache:
            from parley.actors.finder import Finder

            base = load_kb(key)
            _cache[key] = (base, Finder(base))
        return _cache[key]


# -- the pipeline stage ------------------------------------------------------------
def annotate(analysis: Analysis) -> None:
    """Fill ``analysis.actors`` with every actor mention, resolved on the publication date."""
    from parley.actors.coref import resolve_references
    from parley.actors.finder import Context
    from parley.actors.sides import both_sides, possessors

    _, finder = _loaded()
    text = analysis.article.text
    day = analysis.article.published
    tokens = tokenize(text)
    doc = analysis.doc
    spacy_tokens = None
    nouns = None
    if doc is not None:
        spacy_tokens, nouns = _parse_view(doc)
    ctx = Context(day, nouns=nouns)
    explicit = finder.find(tokens, day, ctx)
    if analysis.datelines:
        # "NEW DELHI —", "CAIRO, Aug. 18 (Wire) —": where the story was filed, not who acts in it
        explicit = [f for f in explicit if analysis.dateline_at(f.start) is None]
    sent_starts = [s.start for s in analysis.sentences] or [0]
    base = getattr(analysis, "_sentence_base", 0)
    refs = resolve_references(tokens, explicit, sent_starts, spacy_tokens)
    _owner_country(tokens, explicit, refs)
    sides = both_sides(tokens, explicit, lambda offset: bisect_right(sent_starts, offset) - 1, spacy_tokens,
                       finder.kb, day)
    owners = possessors(tokens, explicit, sides)
    explicit = [f for f in explicit if id(f) not in owners]
    found = sorted(explicit + refs + sides, key=lambda f: (f.start, -f.end))
    counters: dict[int, int] = {}
    for f in found:
        if f.how == "definite-title":
            continue  # "the president" with no antecedent: not an actor we can name
        k = bisect_right(sent_starts, f.start) - 1
        sent_index = analysis.sentences[k].index if analysis.sentences and k >= 0 else base + max(k, 0)
        n = counters.get(sent_index, 0)
        counters[sent_index] = n + 1
        entity = f.entity
        entity.entity_text = text[f.start:f.end]
        entity.start, entity.end = f.start, f.end
        analysis.actors.append(Mention(
            id=f"{analysis.article.id}-m{sent_index}-{n}", text=text[f.start:f.end], start=f.start, end=f.end,
            entity=entity, sentence_index=sent_index, how=f.how, title=f.title, title_code=f.title_code,
        ))


class _TokensAt:
    """``{char offset: spaCy token}`` made on demand (building every Token object costs more than the stage)."""

    def __init__(self, doc, offsets: list[int]):
        self.doc = doc
        self.index = {off: i for i, off in enumerate(offsets)}

    def get(self, offset: int, default=None):
        i = self.index.get(offset)
        return self.doc[i] if i is not None else default

    def __contains__(self, offset: int) -> bool:
        return offset in self.index

    def __getitem__(self, offset: int):
        return self.doc[self.index[offset]]

    def __bool__(self) -> bool:
        return bool(self.index)


def _parse_view(doc):
    """Token lookup by character offset, and the offsets of nouns, from the Doc's arrays."""
    from spacy.attrs import IDX, POS
    from spacy.symbols import NOUN, PROPN

    if len(doc) == 0:
        return _TokensAt(doc, []), set()
    array = doc.to_array([IDX, POS])
    offsets = array[:, 0].tolist()
    pos = array[:, 1].tolist()
    nouns = {off for off, p in zip(offsets, pos) if p == NOUN or p == PROPN}
    return _TokensAt(doc, offsets), nouns


def _owner_country(tokens, explicit, refs) -> None:
    """ "his deputy Malik Agar": a titled person with no country takes the owner's."""
    by_token = {r.i: r for r in refs}
    for f in explicit:
        if f.entity.code is None and f.i > 0 and tokens[f.i - 1].norm in ("his", "her", "their", "its"):
            owner = by_token.get(f.i - 1)
            if owner is not None and owner.entity.code:
                f.entity.code = owner.entity.code
                f.title_code = f.title_code or owner.entity.code


def mentions_in(analysis: Analysis, start: int, end: int) -> list[Mention]:
    """The maximal non-overlapping actor mentions inside ``[start, end)``, in text order.

    Mentions that share one span ("both sides" → two states) are all returned.
    """
    mentions = analysis.actors
    starts = _starts(analysis) if len(mentions) >= 64 else None
    if starts is not None:
        lo = bisect_right(starts, start - 1)
        hi = bisect_right(starts, end)
        inside = [m for m in mentions[lo:hi] if m.end <= end]
    else:  # short lists, or mentions not in text order: scan
        inside = [m for m in mentions if m.start >= start and m.end <= end]
    inside.sort(key=lambda m: (m.start, -(m.end - m.start)))
    out: list[Mention] = []
    last_end = -1
    last_span = None
    for m in inside:
        if (m.start, m.end) == last_span:
            out.append(m)
            continue
        if m.start >= last_end:
            out.append(m)
            last_end = m.end
            last_span = (m.start, m.end)
    return out


def _starts(analysis: Analysis) -> list[int] | None:
    """Start offsets of ``analysis.actors``, cached on the analysis while the list is unchanged."""
    cached = getattr(analysis, "_actor_starts", None)
    if cached is not None and cached[0] == len(analysis.actors) and cached[1] is analysis.actors:
        return cached[2]
    starts = [m.start for m in analysis.actors]
    if any(a > b for a, b in zip(starts, starts[1:])):
        starts = None  # not in text order: callers scan
    analysis._actor_starts = (len(analysis.actors), analysis.actors, starts)  # type: ignore[attr-defined]
    return starts


# -- one name at a time ---------------------------------------------------------------
@dataclass
class Resolution:
    """What the resolver decides for one name, and why."""

    name: str
    on: date | None
    entity: Entity | None
    how: str | None
    reasons: list[str] = field(default_factory=list)
    offices: list[Office] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "date": self.on.isoformat() if self.on else None,
            "entity": self.entity.to_dict() if self.entity else None,
            "how": self.how,
            "reasons": self.reasons,
            "offices": [
                {"person": o.person, "code": o.code, "office": o.office, "sector": o.sector,
                 "start": o.start.isoformat() if o.start else None, "end": o.end.isoformat() if o.end else None,
                 "source": o.source}
                for o in self.offices
            ],
        }


def explain(name: str, on: date | None = None, *, knowledge: KnowledgeBase | None = None) -> Resolution:
    """Resolve ``name`` (a mention as it would appear in text) on ``on``, saying why."""
    from parley.actors.finder import Context, Finder

    if knowledge is None:
        base, finder = _loaded()
    else:
        base, finder = knowledge, Finder(knowledge)
    tokens = tokenize(name)
    found = finder.find(tokens, on, Context(on))
    reasons: list[str] = []
    if not found:
        return Resolution(name, on, None, None, [f"no state, organisation, person or titled role matches {name!r}"])
    best = max(found, key=lambda f: f.j - f.i)
    if best.i > 0 or best.j < len(tokens):
        reasons.append(f"matched only {best.entity.entity_text!r} of {name!r}")
    when = on.isoformat() if on else "today (no date given)"
    offices: list[Office] = []
    if best.person_id:
        person = base.people[best.person_id]
        offices = list(person.offices)
        reasons.append(f"{best.entity.entity_text!r} is {person.name} ({best.how})")
        if best.entity.office:
            reasons.append(f"on {when} {person.name} held: {best.entity.office} ({best.entity.code}, {best.entity.sector})")
        elif best.entity.sector == "ELI":
            reasons.append(f"on {when} {person.name} held no office in the knowledge base: former official (ELI)")
        else:
            reasons.append(f"on {when} {person.name} had not yet taken any office in the knowledge base")
        if best.title and best.office_class and base.office_class(best.title.split()[-1]) not in (None,):
            stated = base.titles.get(best.title.lower())
            if stated is not None and stated.office != best.office_class and stated.kind == "title":
                reasons.append(f"note: the title {best.title!r} does not match the office held ({best.entity.office})")
    else:
        reasons.append(f"{best.entity.entity_text!r} → {best.entity.identifier_text or best.entity.code} ({best.how})")
        if best.title:
            reasons.append(f"role {best.title!r} gives sector {best.entity.sector}")
    return Resolution(name, on, best.entity, best.how, reasons, offices)


def resolve(name: str, on: date | None = None) -> Entity | None:
    """The entity ``name`` refers to on ``on`` (None when the knowledge base cannot tell)."""
    return explain(name, on).entity


def validate(path: str | Path, kind: str | None = None):
    """Problems (line, field, message) in a user dictionary; an empty list when it is fine."""
    from parley.actors.loaders import load_into

    base = load_kb()
    return load_into(base, Path(path), kind)
