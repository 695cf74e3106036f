"""Exports: every matching record as one download (JSONL, CSV or JSON), streamed."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response, StreamingResponse

from parley.api.routes.common import EventFiltersDep, store_of

router = APIRouter(tags=["exports"])

MEDIA = {"jsonl": "application/x-ndjson", "csv": "text/csv; charset=utf-8", "json": "application/json"}


@router.get("/export/events", summary="Download event records", response_class=StreamingResponse,
            responses={200: {"content": {m: {} for m in MEDIA.values()}}})
def export_events(
    request: Request,
    filters: EventFiltersDep,
    format: Annotated[Literal["jsonl", "csv", "json"], Query(description="file format")] = "jsonl",
):
    """All events matching the filters of ``/api/events`` (no pagination)."""
    events = store_of(request).iter_events(**filters.store_kwargs())
    if format == "csv":
        body = _csv(events)
    elif format == "json":
        body = _json_array(events)
    else:
        body = (json.dumps(e, ensure_ascii=False) + "\n" for e in events)
    return _download(body, f"parley-events.{format}", format)


@router.get("/export/quotes", summary="Download quote records (JSONL)", response_class=StreamingResponse,
            responses={200: {"content": {MEDIA["jsonl"]: {}}}})
def export_quotes(
    request: Request,
    speaker: Annotated[str | None, Query(max_length=200)] = None,
    medium: Annotated[str | None, Query(max_length=100)] = None,
    start: Annotated[date | None, Query()] = None,
    end: Annotated[date | None, Query()] = None,
):
    """All quotes matching the filters of ``/api/quotes``, one JSON object per line."""
    store = store_of(request)

    def quotes():
        offset = 0
        while True:
            page = store.quotes(speaker=speaker or None, medium=medium or None, start=start, end=end,
                                limit=1000, offset=offset)
            yield from page["items"]
            offset += len(page["items"])
            if not page["items"] or offset >= page["total"]:
                return

    return _download((json.dumps(q, ensure_ascii=False) + "\n" for q in quotes()), "parley-quotes.jsonl", "jsonl")


@router.get("/export/state", summary="Download the negotiation state (JSON)")
def export_state(
    request: Request,
    as_of: Annotated[date | None, Query(description="YYYY-MM-DD")] = None,
):
    body = request.app.state.state_cache.state_json(as_of=as_of, between=None, actor=None, issue=None)
    name = f"parley-state-{as_of.isoformat() if as_of else 'all'}.json"
    return Response(content=body, media_type=MEDIA["json"],
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


def _download(body: Iterator[str], filename: str, format: str) -> StreamingResponse:
    return StreamingResponse(
        (chunk.encode("utf-8") for chunk in body),
        media_type=MEDIA[format],
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def _json_array(events) -> Iterator[str]:
    yield "["
    for i, event in enumerate(events):
        yield ("," if i else "") + json.dumps(event, ensure_ascii=False)
    yield "]\n"


def _csv(events) -> Iterator[str]:
    from parley.records import Entity, Event
    from parley.report import CSV_FIELDS, event_row

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_FIELDS, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for data in events:
        writer.writerow(_defuse(event_row(_event_record(data, Event, Entity))))
        if buffer.tell() > 64_000:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _defuse(row: dict) -> dict:
    """Article text is untrusted: a cell that a spreadsheet would run as a formula gets a leading '."""
    return {
        k: "'" + v if isinstance(v, str) and v.startswith(FORMULA_START) else v
        for k, v in row.items()
    }


def _event_record(data: dict, Event, Entity):
    """report.event_row reads Event records; rebuild one from the stored JSON."""
    import dataclasses

    names = {f.name for f in dataclasses.fields(Event)}
    fields = {k: v for k, v in data.items() if k in names}
    for key in ("actor", "recipient"):
        fields[key] = [Entity(**{k: v for k, v in e.items() if k in {f.name for f in dataclasses.fields(Entity)}})
                       for e in data.get(key) or []]
    if data.get("speaker"):
        fields["speaker"] = Entity(**{k: v for k, v in data["speaker"].items()
                                      if k in {f.name for f in dataclasses.fields(Entity)}})
    return Event(**fields)
