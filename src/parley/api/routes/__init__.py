"""The REST routers, one module per kind of resource, joined under ``/api``."""

from __future__ import annotations

from fastapi import APIRouter

from parley.api.routes import articles, exports, negotiation, records, search

router = APIRouter()
for module in (articles, records, negotiation, search, exports):
    router.include_router(module.router)
router.include_router(articles.analysis_router)

__all__ = ["router"]
