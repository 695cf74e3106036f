"""The negotiation state and timeline, and the event summaries the dashboard and network draw."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from parley.api import models
from parley.api.routes.common import EventFiltersDep, store_of
from parley.web import aggregate

router = APIRouter(tags=["negotiation"])

Day = Annotated[date | None, Query(description="YYYY-MM-DD")]
Name = Annotated[str | None, Query(max_length=200)]


@router.get("/state", response_model=models.NegotiationState, summary="Negotiation state as of a date")
def get_state(
    request: Request,
    as_of: Annotated[date | None, Query(description="use only what was published by this date (YYYY-MM-DD)")] = None,
    start: Annotated[date | None, Query(description="keep evidence dated on or after this date")] = None,
    end: Annotated[date | None, Query(description="keep evidence dated on or before this date")] = None,
    actor: Name = None,
    issue: Name = None,
):
    """Positions, proposals, truces and meetings, each with the ids of the records that support it."""
    # served as the cached JSON bytes: re-validating and re-encoding a large state on every
    # dashboard load would cost more than the cache saves
    body = request.app.state.state_cache.state_json(
        as_of=as_of, between=(start, end) if start or end else None, actor=actor or None, issue=issue or None)
    return Response(content=body, media_type="application/json")


@router.get("/timeline", response_model=list[dict[str, Any]], summary="Negotiation moments in order")
def get_timeline(request: Request, start: Day = None, end: Day = None, actor: Name = None, issue: Name = None):
    """Dated moments: positions taken or changed, proposals and their fate, truces, meeting steps."""
    return store_of(request).timeline(start=start, end=end, actor=actor or None, issue=issue or None)


@router.get("/event-counts", response_model=models.Timeline, summary="Events per day and PLOVER type")
def event_counts(request: Request, filters: EventFiltersDep):
    """What the dashboard timeline draws (same filters as ``/api/events``)."""
    return aggregate.store_timeline(store_of(request), **filters.store_kwargs())


@router.get("/network", response_model=models.Network, summary="Who acts on whom")
def get_network(
    request: Request,
    filters: EventFiltersDep,
    max_nodes: Annotated[int, Query(ge=2, le=500, description="keep the busiest actors only")] = 60,
):
    """Actors as nodes, directed edges weighted by how many events one directs at the other."""
    return aggregate.store_network(store_of(request), max_nodes=max_nodes, **filters.store_kwargs())
