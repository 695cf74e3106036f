"""Search across articles, events and quotes at once."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request

from parley.api import models
from parley.api.routes.common import Paging, page, store_of

router = APIRouter(tags=["search"])


@router.get("/search", response_model=models.SearchResult, summary="Search articles, events and quotes")
def search(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=200, description="words to find")],
    limit: Annotated[int, Query(ge=1, le=100, description="results per kind")] = 10,
):
    """The first ``limit`` matches of each kind, with the total number of matches of each."""
    return search_all(store_of(request), q, limit)


def search_all(store, q: str, limit: int) -> dict:
    """The search the API and the search page share."""
    paging = Paging(limit=limit, offset=0)
    return {
        "query": q,
        "articles": page(store.articles(q=q, limit=limit, offset=0), paging),
        "events": page(store.events(text=q, limit=limit, offset=0), paging),
        "quotes": page(store.quotes(text=q, limit=limit, offset=0), paging),
    }
