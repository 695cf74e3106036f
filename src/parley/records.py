"""The records parley produces: small typed dataclasses with character offsets.

Every span is ``(start, end)`` into ``Article.text`` (stand-off annotation), so a
record can always be traced back to the characters it came from.  ``to_dict()``
is the JSON contract of ``docs/DESIGN`` (field names other tools read): add
fields freely, never rename the contract ones.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any

EVIDENTIAL_STATUSES = ("quote", "attributed", "anonymous", "hedged", "outlet")
MODALITIES = ("negated", "hypothetical", "future", "historical")
QUOTE_KINDS = ("direct", "mixed", "indirect")


def _plain(value: Any) -> Any:
    """Turn nested records, dates and tuples into JSON-ready values."""
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


class Record:
    """Mixin: ``to_dict`` over the dataclass fields, private fields left out."""

    def to_dict(self) -> dict[str, Any]:
        return {
            f.name: _plain(getattr(self, f.name))
            for f in dataclasses.fields(self)  # type: ignore[arg-type]
            if not f.name.startswith("_")
        }


def article_id_for(text: str) -> str:
    """A stable id from the content when the input has none of its own."""
    return "a" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:15]


@dataclass
class Article(Record):
    """One input document; ``text`` is the canonical text every offset points into."""

    id: str
    text: str
    published: date | None = None
    source: str | None = None
    url: str | None = None
    title: str | None = None
    origin: str | None = None  # file path (and line) the article was read from
    language: str = "en"


@dataclass
class Sentence(Record):
    index: int
    start: int
    end: int
    text: str


@dataclass
class Entity(Record):
    """A resolved actor: PLOVER entity of the event record, plus where it was said."""

    code: str | None
    sector: str | None
    entity_text: str
    identifier_text: str | None = None
    office: str | None = None
    start: int | None = None
    end: int | None = None
    kind: str | None = None  # person, state, organisation, group
    actor_id: str | None = None  # knowledge-base id when resolved to a known actor


@dataclass
class Mention(Record):
    """An actor mention in the article and what the resolver decided for it."""

    id: str
    text: str
    start: int
    end: int
    entity: Entity
    sentence_index: int | None = None
    how: str | None = None  # the rule that resolved it, for `actors lookup` and audits
    title: str | None = None  # the title as written before a name ("President"), for role checks
    title_code: str | None = None  # the country/organisation code the title was written with ("POL")


@dataclass
class TimeExpression(Record):
    text: str
    start: int
    end: int
    date: str | None  # ISO date resolved against the publication date
    end_date: str | None = None  # for ranges ("from May 8 to May 11")
    granularity: str = "day"  # day, month, year


@dataclass
class Place(Record):
    text: str
    start: int
    end: int
    resolved_place: str | None
    country_code: str | None
    lat: float | None = None
    lon: float | None = None
    feature: str | None = None  # country, city, region, state
    geonameid: int | None = None
    metonym: bool = False  # the name stands for a government or people ("Kyiv said"), not a location

    def event_loc(self) -> dict[str, Any]:
        return {
            "extracted_place": self.text,
            "resolved_place": self.resolved_place,
            "country_code": self.country_code,
            "lat": self.lat,
            "lon": self.lon,
        }


@dataclass
class Event(Record):
    """A PLOVER event record (PLOVER 2024 JSON), one per line in JSONL."""

    id: str
    article_id: str
    date: str | None
    event: list[str]
    mode: list[str]
    context: list[str]
    actor: list[Entity]
    recipient: list[Entity]
    event_loc: dict[str, Any] | None
    event_text: str
    text_info: dict[str, int]
    cameo: str | None
    modality: list[str] = field(default_factory=list)
    evidentiality: str = "outlet"
    cite_info: dict[str, Any] = field(default_factory=dict)
    trigger: dict[str, Any] | None = None  # {text, start, end} of the verb or noun that states it
    source_id: str | None = None  # quote or claim id whose speaker reports it
    speaker: Entity | None = None  # who reports it, when reported speech
    sentence_index: int | None = None
    pattern: str | None = None  # the pattern-dictionary entry that coded it


@dataclass
class Quote(Record):
    id: str
    text: str
    start: int
    end: int
    kind: str
    speaker: Entity | None
    anonymous: bool
    cue: str | None
    medium: str | None
    date: str | None
    speaker_text: str | None = None
    cue_span: tuple[int, int] | None = None


@dataclass
class Claim(Record):
    """A sentence (or clause) that asserts something, and on whose authority."""

    id: str
    text: str
    start: int
    end: int
    evidentiality: str
    speaker: Entity | None = None
    source_id: str | None = None
    cue: str | None = None
    sentence_index: int | None = None


@dataclass
class Flag(Record):
    kind: str  # role_mismatch, unattributed_claim, ...
    start: int
    end: int
    mention: str
    message: str
    expected: str | None = None
    category: str | None = None


@dataclass
class Analysis(Record):
    """Everything parley found in one article; ``to_dict`` is the article-analysis JSON."""

    article: Article
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    actors: list[Mention] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    # the spaCy Doc over article.text, kept for the stages; never serialised
    _doc: Any = field(default=None, repr=False, compare=False)
    _datelines: list[tuple[int, int]] | None = field(default=None, repr=False, compare=False)

    @property
    def doc(self):
        return self._doc

    @property
    def datelines(self) -> list[tuple[int, int]]:
        """Character spans of the datelines ("KYIV, May 11 (Reuters) —"), found once per article."""
        if self._datelines is None:
            from parley.nlp.datelines import find_datelines

            self._datelines = find_datelines(self.article.text)
        return self._datelines

    def dateline_at(self, offset: int) -> tuple[int, int] | None:
        """The span of the dateline that ``offset`` falls in, or None."""
        return next(((start, end) for start, end in self.datelines if start <= offset < end), None)

    def cite_info(self) -> dict[str, Any]:
        a = self.article
        return {
            "url": a.url,
            "title": a.title,
            "publication": a.source,
            "published": a.published.isoformat() if a.published else None,
        }

    def sentence_at(self, offset: int) -> Sentence | None:
        for s in self.sentences:
            if s.start <= offset < s.end:
                return s
        return None
