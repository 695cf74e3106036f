"""The FastAPI application: REST API under ``/api``, pages under ``/``, OpenAPI at ``/docs``."""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from parley import __version__
from parley.api import errors
from parley.api.cache import StateCache
from parley.api.jobs import JobRunner
from parley.api.security import BodySizeLimit, SecurityHeaders

log = logging.getLogger("parley")

WEB_DIR = Path(__file__).resolve().parent.parent / "web"
DEFAULT_MAX_REQUEST_BYTES = 8 * 1024 * 1024


@dataclass(frozen=True)
class Settings:
    """What ``parley serve`` was started with."""

    token: str | None = None  # write endpoints are off without one
    max_request_bytes: int = DEFAULT_MAX_REQUEST_BYTES

    @property
    def writable(self) -> bool:
        return bool(self.token)


def create_app(
    store=None,
    *,
    db: str | None = None,
    token: str | None = None,
    max_request_bytes: int = DEFAULT_MAX_REQUEST_BYTES,
    allowed_hosts: list[str] | None = None,
    warm_state: bool = False,
    analyze: Callable | None = None,
) -> FastAPI:
    """Build the app over ``store`` (or the store opened from ``db``).

    ``token`` turns the write endpoints on; ``allowed_hosts`` refuses requests whose
    ``Host`` header names another host (``parley serve`` on a loopback address allows
    only localhost names, so a web page whose domain was re-pointed at 127.0.0.1 cannot
    read the store); ``warm_state`` computes the negotiation state in the background at
    start-up (seconds on a large store) so the first dashboard does not wait;
    ``analyze`` replaces ``parley.analyze_article`` for the upload jobs (tests pass a
    fast one).
    """
    if store is None:
        from parley.store import Store

        store = Store.open(db)
    settings = Settings(token=token or None, max_request_bytes=max_request_bytes)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        if warm_state:
            app.state.state_cache.warm()
        yield
        app.state.jobs.shutdown()

    app = FastAPI(
        title="parley",
        version=__version__,
        description=(
            "Sourced, structured records of conflict and diplomacy: PLOVER events, quotes, claims, "
            "actors and the negotiation state, with every record pointing at the characters of its "
            "article. Write endpoints need the server's token (`Authorization: Bearer TOKEN`)."
        ),
        docs_url=None,  # served below from the vendored Swagger UI, not a CDN
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.store = store
    app.state.settings = settings
    app.state.state_cache = StateCache(store)
    app.state.jobs = JobRunner(store, analyze=analyze, on_stored=app.state.state_cache.changed)

    errors.install(app)
    app.add_middleware(BodySizeLimit, max_bytes=max_request_bytes)
    app.add_middleware(SecurityHeaders)
    if allowed_hosts:
        from starlette.middleware.trustedhost import TrustedHostMiddleware

        app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)

    from parley.api.routes import router as api_router
    from parley.web.pages import router as pages_router
    from parley.web.pages import templates

    app.include_router(api_router, prefix="/api")
    app.include_router(pages_router)
    app.mount("/static", StaticFiles(directory=WEB_DIR / "static"), name="static")

    @app.get("/docs", include_in_schema=False, response_class=HTMLResponse)
    def docs(request: Request):
        return templates.TemplateResponse(request, "docs.html", {"openapi_url": app.openapi_url})

    return app
