"""Errors as JSON: ``{"error": {"status", "message"}}`` with the matching HTTP status.

parley's named errors map onto statuses: a bad input or date is the client's mistake
(422), a store failure is the server's (500 with the message logged); ``NotFound`` is
raised by handlers for a missing article or record (404).
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from parley.errors import (
    InputError,
    MissingExtra,
    ModelNotFound,
    ParleyError,
    StoreError,
)

log = logging.getLogger("parley")


class NotFound(ParleyError):
    """An article or record id that is not in the store."""


def error_body(status: int, message: str, **extra) -> dict:
    return {"error": {"status": status, "message": message, **extra}}


def status_for(exc: ParleyError) -> int:
    if isinstance(exc, NotFound):
        return 404
    if isinstance(exc, InputError):
        return 422
    if isinstance(exc, (ModelNotFound, MissingExtra)):
        return 503
    if isinstance(exc, StoreError):
        return 500
    return 400


def wants_page(request: Request) -> bool:
    """A browser asking for a page (not the API, not a static file) gets an HTML error page."""
    path = request.url.path
    return not path.startswith(("/api/", "/static/")) and "text/html" in request.headers.get("accept", "")


def install(app: FastAPI) -> None:
    """Register the JSON error handlers on ``app``."""

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        message = exc.detail if isinstance(exc.detail, str) else "error"
        if exc.status_code == 404 and exc.detail == "Not Found":
            message = f"no such path: {request.url.path}"
            if wants_page(request):
                from parley.web.pages import render

                return render(request, "error.html", status_code=404, title="Not found",
                              message=f"There is no page at {request.url.path}.")
        elif exc.status_code == 405:
            message = f"method {request.method} is not allowed on {request.url.path}"
        return JSONResponse(error_body(exc.status_code, message), status_code=exc.status_code,
                            headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [
            {"where": ".".join(str(p) for p in err.get("loc", ())), "problem": err.get("msg", "")}
            for err in exc.errors()
        ]
        summary = "; ".join(f"{p['where']}: {p['problem']}" for p in problems) or "invalid request"
        return JSONResponse(error_body(422, summary, problems=problems), status_code=422)

    @app.exception_handler(ParleyError)
    async def parley_error(request: Request, exc: ParleyError) -> JSONResponse:
        status = status_for(exc)
        if status >= 500:
            log.error("%s %s failed: %s", request.method, request.url.path, exc)
        return JSONResponse(error_body(status, str(exc)), status_code=status)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("%s %s failed", request.method, request.url.path)
        return JSONResponse(error_body(500, "internal error: see the server log"), status_code=500)
