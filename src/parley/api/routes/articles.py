"""Articles: list, read one with its records, add (analyse) and delete."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Path, Query, Request, UploadFile
from fastapi.responses import Response
from pydantic import BaseModel, Field

from parley.api import models
from parley.api.errors import NotFound
from parley.api.routes.common import PagingDep, page, store_of
from parley.api.security import require_token

router = APIRouter(tags=["articles"])
analysis_router = APIRouter(tags=["analysis"])

ArticleId = Annotated[str, Path(max_length=255, description="the article's id")]

MAX_TEXT_CHARS = 2_000_000


@router.get("/articles", response_model=models.Page[models.ArticleSummary], summary="List articles")
def list_articles(
    request: Request,
    paging: PagingDep,
    q: Annotated[str | None, Query(max_length=200, description="words in the title or text")] = None,
):
    """Articles in the store, newest publication first, optionally matching ``q``."""
    return page(store_of(request).articles(limit=paging.limit, offset=paging.offset, q=q or None), paging)


@router.get("/articles/{article_id:path}", response_model=models.ArticleAnalysis, summary="One article and its records")
def get_article(request: Request, article_id: ArticleId):
    """The article-analysis JSON of one stored article: text, events, quotes, claims, flags, actors."""
    return load_analysis(request, article_id)


def load_analysis(request: Request, article_id: str) -> dict:
    analysis = store_of(request).article(article_id)
    if analysis is None:
        raise NotFound(f"no article with id {article_id!r}")
    return analysis


@router.delete(
    "/articles/{article_id:path}", status_code=204, dependencies=[Depends(require_token)],
    summary="Delete an article and its records", responses={404: {"description": "no such article"}},
)
def delete_article(request: Request, article_id: ArticleId):
    if not store_of(request).delete_article(article_id):
        raise NotFound(f"no article with id {article_id!r}")
    request.app.state.state_cache.changed()
    return Response(status_code=204)


class ArticleIn(BaseModel):
    text: str = Field(min_length=1, max_length=MAX_TEXT_CHARS, description="the article text")
    published: date = Field(description="publication date; relative dates are resolved against it")
    title: str | None = Field(None, max_length=1000)
    url: str | None = Field(None, max_length=2000)
    source: str | None = Field(None, max_length=200)
    id: str | None = Field(None, max_length=255, description="the article's own id; default: from the content")


@analysis_router.post(
    "/analyze", status_code=202, response_model=models.Job, dependencies=[Depends(require_token)],
    summary="Analyse a pasted article and store it (background job)",
)
def analyze_text(request: Request, body: ArticleIn):
    """Validate the text now (422 when it cannot be coded), then analyse and store it on a worker.

    Poll ``GET /api/jobs/{id}`` for progress.
    """
    from parley.ingest import make_article

    article = make_article(
        body.text, published=body.published, article_id=body.id, url=body.url,
        title=body.title, source=body.source, origin="paste",
    )
    return request.app.state.jobs.submit_articles([article])


@analysis_router.post(
    "/ingest", status_code=202, response_model=models.Job, dependencies=[Depends(require_token)],
    summary="Upload a file of articles to analyse and store (background job)",
)
async def ingest_upload(
    request: Request,
    file: Annotated[UploadFile, File(description="text, HTML, JSON or JSONL (one article per line)")],
    published: Annotated[date | None, Form(description="publication date for inputs without their own")] = None,
):
    data = await file.read()
    return request.app.state.jobs.submit_upload(file.filename or "", data, published)


@analysis_router.get("/jobs/{job_id}", response_model=models.Job, summary="Progress of an analysis job")
def get_job(request: Request, job_id: Annotated[str, Path(max_length=64)]):
    job = request.app.state.jobs.get(job_id)
    if job is None:
        raise NotFound(f"no job with id {job_id!r} (finished jobs are forgotten after a while)")
    return job

