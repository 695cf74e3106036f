"""The analysts' pages: dashboard, actor network, article reader, search, analyse.

Pages are Jinja2 templates with autoescaping on; the dashboard and the network draw
their SVG in static JavaScript from the JSON API (no inline scripts: the CSP forbids
them).  The reader's highlighted text is built server-side by ``highlight``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated
from urllib.parse import quote, urlencode, urlsplit

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates
from jinja2 import pass_context

from parley import __version__
from parley.web import aggregate
from parley.web.highlight import highlight, spans_of

TEMPLATES = Path(__file__).resolve().parent / "templates"
templates = Jinja2Templates(directory=str(TEMPLATES))
templates.env.globals["version"] = __version__
PER_PAGE = 25

router = APIRouter(include_in_schema=False)


def entity_label(entity) -> str:
    if not entity:
        return "—"
    if isinstance(entity, str):
        return entity
    return entity.get("identifier_text") or entity.get("entity_text") or entity.get("code") or "?"


def entities_label(entities) -> str:
    return ", ".join(entity_label(e) for e in entities or []) or "—"


def safe_url(url: str | None) -> str | None:
    """Only http(s) links are rendered: a ``javascript:`` URL in an article's metadata stays text."""
    if not url:
        return None
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:  # e.g. an unclosed IPv6 bracket
        return None
    return url if scheme in ("http", "https") else None


@pass_context
def path_for(context, name: str, /, **params) -> str:
    """A root-relative link (``url_for`` gives absolute URLs, wrong behind a proxy)."""
    return context["request"].url_for(name, **params).path


def reader_url(article_id: str, record_id: str | None = None) -> str:
    """The reader's link for an article (any id: slashes, '#' and '?' are encoded), at a record."""
    url = "/articles/" + quote(str(article_id), safe="")
    return url + "#" + quote(record_id, safe="") if record_id else url


templates.env.globals["path_for"] = path_for
templates.env.globals["reader_url"] = reader_url
templates.env.filters["entity"] = entity_label
templates.env.filters["entities"] = entities_label
templates.env.filters["side"] = aggregate.side_of
templates.env.filters["safe_url"] = safe_url


def render(request: Request, name: str, status_code: int = 200, **context) -> HTMLResponse:
    context.setdefault("writable", request.app.state.settings.writable)
    return templates.TemplateResponse(request, name, context, status_code=status_code)


def not_found(request: Request, message: str) -> HTMLResponse:
    return render(request, "error.html", status_code=404, title="Not found", message=message)


@router.get("/", response_class=HTMLResponse)
def dashboard(request: Request):
    filters = {k: v for k, v in request.query_params.items()
               if k in ("start", "end", "actor", "type", "evidentiality", "text") and v}
    return render(request, "dashboard.html", title="Negotiation dashboard",
                  plover=aggregate.plover_types(), params=dict(request.query_params),
                  export_query=urlencode(filters))


@router.get("/network", response_class=HTMLResponse)
def network(request: Request):
    return render(request, "network.html", title="Actor network",
                  plover=aggregate.plover_types(), params=dict(request.query_params))


@router.get("/articles", response_class=HTMLResponse)
def articles(
    request: Request,
    q: Annotated[str | None, Query(max_length=200)] = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
):
    result = request.app.state.store.articles(q=q or None, limit=PER_PAGE, offset=(page - 1) * PER_PAGE)
    total = result["total"]
    return render(request, "articles.html", title="Articles", articles=result["items"], total=total,
                  q=q or "", page=page, pages=max(1, -(-total // PER_PAGE)))


@router.get("/articles/{article_id:path}", response_class=HTMLResponse)
def reader(request: Request, article_id: str):
    analysis = request.app.state.store.article(article_id)
    if analysis is None:
        return not_found(request, f"There is no article with id “{article_id}” in this store.")
    article = analysis["article"]
    return render(
        request, "article.html", title=article.get("title") or "Article",
        article=article, analysis=analysis, text_html=highlight(article["text"], spans_of(analysis)),
    )


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, q: Annotated[str | None, Query(max_length=200)] = None):
    from parley.api.routes.search import search_all

    results = search_all(request.app.state.store, q.strip(), 20) if q and q.strip() else None
    return render(request, "search.html", title="Search", q=q or "", results=results)


@router.get("/analyze", response_class=HTMLResponse)
def analyze(request: Request):
    return render(request, "analyze.html", title="Analyse an article")


@router.get("/records/{record_id:path}")
def record(request: Request, record_id: str):
    """Go to the article a record comes from, scrolled to its highlight (evidence links use this)."""
    article_id = find_article_of(request.app.state.store, record_id)
    if article_id is None:
        return not_found(request, f"There is no event, quote or claim with id “{record_id}” in this store.")
    return RedirectResponse(reader_url(article_id, record_id), status_code=303)


def find_article_of(store, record_id: str) -> str | None:
    """The id of the article an event, quote or claim id belongs to.

    Events are looked up directly.  The store has no lookup of a quote or claim by id,
    but record ids start with their article's id (``<article>-q3-1``, see pipeline.py),
    so each prefix ending at a ``-`` is tried as an article id and that article's quotes
    and claims searched: a few indexed queries, never a scan of the store.
    """
    event = store.event(record_id)
    if event is not None:
        return event["article_id"]
    cut = record_id.rfind("-")
    while cut > 0:
        article_id = record_id[:cut]
        for kind in (store.quotes, store.claims):
            found = kind(article_id=article_id, limit=10_000)["items"]
            if any(item.get("id") == record_id for item in found):
                return article_id
        cut = record_id.rfind("-", 0, cut)
    return None
