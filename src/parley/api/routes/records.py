"""Events, quotes, claims and actors across all stored articles, filtered and paginated."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Request

from parley.api import models
from parley.api.errors import NotFound
from parley.api.routes.common import (
    EventFiltersDep,
    Evidentiality,
    PagingDep,
    page,
    store_of,
)
from parley.records import QUOTE_KINDS

router = APIRouter(tags=["records"])

Text = Annotated[str | None, Query(max_length=200, description="words in the record's text")]
Day = Annotated[date | None, Query(description="YYYY-MM-DD")]


@router.get("/events", response_model=models.Page[models.Event], summary="PLOVER event records")
def list_events(
    request: Request,
    filters: EventFiltersDep,
    paging: PagingDep,
    order: Annotated[Literal["asc", "desc"], Query(description="by date: oldest (asc) or newest (desc) first")] = "asc",
):
    """Event records, by date, filtered by date range, actor, PLOVER type, evidential status and text."""
    result = store_of(request).events(**filters.store_kwargs(), limit=paging.limit, offset=paging.offset, order=order)
    return page(result, paging)


@router.get("/events/{event_id:path}", response_model=models.Event, summary="One event record")
def get_event(request: Request, event_id: Annotated[str, Path(max_length=255)]):
    """One event with its cluster: the other articles that report the same event."""
    event = store_of(request).event(event_id)
    if event is None:
        raise NotFound(f"no event with id {event_id!r}")
    return event


@router.get("/quotes", response_model=models.Page[models.Quote], summary="Quote records")
def list_quotes(
    request: Request,
    paging: PagingDep,
    start: Day = None,
    end: Day = None,
    speaker: Annotated[str | None, Query(max_length=200, description="speaker: code, canonical name or words")] = None,
    medium: Annotated[str | None, Query(max_length=100, description="channel, e.g. Telegram")] = None,
    kind: Annotated[Literal[QUOTE_KINDS] | None, Query()] = None,  # type: ignore[valid-type]
    text: Text = None,
    article_id: Annotated[str | None, Query(max_length=255)] = None,
):
    result = store_of(request).quotes(
        start=start, end=end, speaker=speaker or None, medium=medium or None, kind=kind,
        text=text or None, article_id=article_id or None, limit=paging.limit, offset=paging.offset,
    )
    return page(result, paging)


@router.get("/claims", response_model=models.Page[models.Claim], summary="Claim records")
def list_claims(
    request: Request,
    paging: PagingDep,
    evidentiality: Annotated[Evidentiality | None, Query()] = None,
    text: Text = None,
    article_id: Annotated[str | None, Query(max_length=255)] = None,
):
    result = store_of(request).claims(
        evidentiality=evidentiality, text=text or None, article_id=article_id or None,
        limit=paging.limit, offset=paging.offset,
    )
    return page(result, paging)


@router.get("/actors", response_model=models.Page[models.Actor], summary="Actors and how often they appear")
def list_actors(
    request: Request,
    paging: PagingDep,
    q: Annotated[str | None, Query(max_length=200, description="words in the actor's name or code")] = None,
):
    return page(store_of(request).actors(q=q or None, limit=paging.limit, offset=paging.offset), paging)
