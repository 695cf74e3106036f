"""Shared query parameters and helpers of the REST handlers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import Depends, Query, Request
from fastapi.exceptions import RequestValidationError

from parley.records import EVIDENTIAL_STATUSES

MAX_LIMIT = 1000

Evidentiality = Literal[EVIDENTIAL_STATUSES]  # type: ignore[valid-type]


@dataclass(frozen=True)
class Paging:
    limit: int
    offset: int


def paging(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="records per page")] = 50,
    offset: Annotated[int, Query(ge=0, description="records to skip")] = 0,
) -> Paging:
    return Paging(limit=limit, offset=offset)


PagingDep = Annotated[Paging, Depends(paging)]


@dataclass(frozen=True)
class EventFilters:
    start: date | None
    end: date | None
    actor: str | None
    type: list[str] | None
    evidentiality: str | None
    text: str | None
    article_id: str | None

    def store_kwargs(self) -> dict[str, Any]:
        return {
            "start": self.start, "end": self.end, "actor": self.actor, "type": self.type,
            "evidentiality": self.evidentiality, "text": self.text, "article_id": self.article_id,
        }


ACTOR_HELP = "actor or recipient: code, canonical name or words in the text"


def event_filters(
    start: Annotated[date | None, Query(description="events on or after this date (YYYY-MM-DD)")] = None,
    end: Annotated[date | None, Query(description="events on or before this date (YYYY-MM-DD)")] = None,
    actor: Annotated[str | None, Query(max_length=200, description=ACTOR_HELP)] = None,
    type: Annotated[list[str] | None, Query(description="PLOVER type(s), e.g. AGREE; repeat for several")] = None,
    evidentiality: Annotated[Evidentiality | None, Query(description="evidential status")] = None,
    text: Annotated[str | None, Query(max_length=200, description="words in the event's sentence")] = None,
    article_id: Annotated[str | None, Query(max_length=200)] = None,
) -> EventFilters:
    if type and (len(type) > 20 or any(len(t) > 40 for t in type)):
        raise RequestValidationError([{"loc": ("query", "type"), "msg": "at most 20 types of 40 characters"}])
    types = [t.strip().upper() for t in type or [] if t.strip()] or None
    return EventFilters(start, end, actor or None, types, evidentiality, text or None, article_id or None)


EventFiltersDep = Annotated[EventFilters, Depends(event_filters)]


def store_of(request: Request):
    return request.app.state.store


def page(result: dict, paging: Paging) -> dict:
    """A store list result (``{items, total, ...}``) as an API page with ``next_offset``."""
    items, total = result["items"], result["total"]
    next_offset = paging.offset + len(items)
    return {
        "items": items,
        "total": total,
        "limit": paging.limit,
        "offset": paging.offset,
        "next_offset": next_offset if items and next_offset < total else None,
    }
