"""Pydantic response models: the JSON contracts of docs/DESIGN, described for OpenAPI.

They document the fixed contract fields; ``extra="allow"`` lets fields that stages add
later (records.py may grow) pass through instead of being silently dropped.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")


class Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class Entity(Open):
    code: str | None = Field(None, description="ISO-3166 alpha-3 or a PLOVER non-state code")
    sector: str | None = Field(None, description="PLOVER sector (GOV, MIL, REB, ...)")
    entity_text: str | None = Field(None, description="the words in the article")
    identifier_text: str | None = Field(None, description="the canonical name")
    office: str | None = None
    start: int | None = None
    end: int | None = None


class Span(Open):
    start: int
    end: int


class Event(Open):
    id: str
    article_id: str
    date: str | None = None
    event: list[str] = Field(default_factory=list, description="PLOVER type, one per record")
    mode: list[str] = Field(default_factory=list)
    context: list[str] = Field(default_factory=list)
    actor: list[Entity] = Field(default_factory=list)
    recipient: list[Entity] = Field(default_factory=list)
    event_loc: dict[str, Any] | None = None
    event_text: str | None = None
    text_info: Span | None = None
    cameo: str | None = None
    modality: list[str] = Field(default_factory=list)
    evidentiality: str | None = Field(None, description="quote, attributed, anonymous, hedged or outlet")
    cite_info: dict[str, Any] = Field(default_factory=dict)
    trigger: dict[str, Any] | None = None


class Quote(Open):
    id: str
    article_id: str | None = None
    text: str
    start: int
    end: int
    kind: str | None = Field(None, description="direct, mixed or indirect")
    speaker: Entity | None = None
    anonymous: bool = False
    cue: str | None = None
    medium: str | None = None
    date: str | None = None


class Claim(Open):
    id: str
    article_id: str | None = None
    text: str
    start: int
    end: int
    evidentiality: str | None = None
    speaker: Entity | None = None


class Flag(Open):
    kind: str
    start: int
    end: int
    mention: str | None = None
    message: str | None = None
    expected: str | None = None


class ArticleSummary(Open):
    id: str
    title: str | None = None
    published: str | None = None
    source: str | None = None
    url: str | None = None


class Article(ArticleSummary):
    text: str


class ArticleAnalysis(Open):
    """The article-analysis JSON of ``parley analyze --format json``."""

    article: Article
    events: list[Event] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    flags: list[Flag] = Field(default_factory=list)
    actors: list[dict[str, Any]] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)


class Actor(Open):
    name: str | None = None
    code: str | None = None
    sector: str | None = None


class Page(BaseModel, Generic[T]):
    """One page of a list: ``items`` plus where it sits in the whole result."""

    items: list[T]
    total: int = Field(description="how many records match the filters in all")
    limit: int
    offset: int
    next_offset: int | None = Field(None, description="offset of the next page; null on the last")


class Position(Open):
    actor: Any = None
    issue: str | None = None
    stance: str | None = None
    as_of: str | None = None
    evidence: list[str] = Field(default_factory=list, description="event or quote ids")


class NegotiationState(Open):
    positions: list[Position] = Field(default_factory=list)
    proposals: list[dict[str, Any]] = Field(default_factory=list)
    truces: list[dict[str, Any]] = Field(default_factory=list)
    meetings: list[dict[str, Any]] = Field(default_factory=list)


class TimelineBucket(BaseModel):
    date: str
    counts: dict[str, int] = Field(description="events per PLOVER type on that date")


class Timeline(BaseModel):
    buckets: list[TimelineBucket]
    total: int
    undated: int = Field(0, description="matching events that have no date")


class NetworkNode(BaseModel):
    id: str
    label: str
    code: str | None = None
    sector: str | None = None
    events: int = Field(description="events in which the actor acts or is acted on")


class NetworkEdge(BaseModel):
    source: str
    target: str
    count: int
    types: dict[str, int] = Field(description="events per PLOVER type on this edge")


class Network(BaseModel):
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]
    events: int = Field(description="events counted (those with both an actor and a recipient)")


class SearchResult(BaseModel):
    query: str
    articles: Page[ArticleSummary]
    events: Page[Event]
    quotes: Page[Quote]


class Job(BaseModel):
    id: str
    status: str = Field(description="queued, running, done or failed")
    step: str = Field(description="what is happening now, in words")
    done: int = Field(description="articles finished")
    total: int | None = Field(None, description="articles in the input, once known")
    article_ids: list[str] = Field(default_factory=list)
    errors: list[str] = Field(default_factory=list)


class Message(BaseModel):
    message: str
