"""Exports of the stored events: PLOVER JSONL, flat CSV, or Parquet (pyarrow)."""

from __future__ import annotations

import contextlib
import csv
import io
import json
from pathlib import Path
from typing import IO, Any

from parley.errors import StoreError

FORMATS = ("jsonl", "csv", "parquet")
EXTRA_FIELDS = ["cluster_id", "source_count", "conflicting"]


def _flat(event: dict[str, Any]) -> dict[str, Any]:
    """The flat row of ``report.CSV_FIELDS`` (lists joined with ';') plus the cluster fields."""

    def names(entities, attr):
        return ";".join(str(e.get(attr) or "") for e in entities or [])

    loc = event.get("event_loc") or {}
    info = event.get("text_info") or {}
    cite = event.get("cite_info") or {}
    row = {
        "id": event["id"], "article_id": event.get("article_id"), "date": event.get("date"),
        "event": ";".join(event.get("event") or []), "mode": ";".join(event.get("mode") or []),
        "context": ";".join(event.get("context") or []),
        "actor_code": names(event.get("actor"), "code"), "actor_sector": names(event.get("actor"), "sector"),
        "actor_text": names(event.get("actor"), "entity_text"),
        "recipient_code": names(event.get("recipient"), "code"),
        "recipient_sector": names(event.get("recipient"), "sector"),
        "recipient_text": names(event.get("recipient"), "entity_text"),
        "cameo": event.get("cameo"), "modality": ";".join(event.get("modality") or []),
        "evidentiality": event.get("evidentiality"),
        "place": loc.get("resolved_place") or loc.get("extracted_place"), "country_code": loc.get("country_code"),
        "start": info.get("start"), "end": info.get("end"), "event_text": event.get("event_text"),
        "url": cite.get("url"), "published": cite.get("published") or event.get("published"),
    }
    row.update({k: event.get(k) for k in EXTRA_FIELDS})
    return row


def export_events(store, fmt: str, out: str | Path | IO[str] | None = None, **filters: Any) -> int:
    """Write every stored event matching ``filters`` (see ``Store.events``) in ``fmt``; return the count.

    ``jsonl`` is one PLOVER event record per line (with ``cluster_id``, ``source_count``);
    ``csv`` the flat rows of ``parley events --format csv``; ``parquet`` the flat rows plus
    the full record as JSON in ``plover``, and needs a file path.
    """
    if fmt not in FORMATS:
        raise StoreError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    events = store.iter_events(**filters)
    if fmt == "parquet":
        if out is None or not isinstance(out, (str, Path)):
            raise StoreError("parquet is binary: give an output file (--output FILE.parquet)")
        return _parquet(events, Path(out))
    with contextlib.ExitStack() as stack:
        if isinstance(out, (str, Path)):
            handle = stack.enter_context(open(out, "w", encoding="utf-8", newline=""))
        else:
            handle = out or io.StringIO()
        count = 0
        if fmt == "jsonl":
            for event in events:
                handle.write(json.dumps(event, ensure_ascii=False) + "\n")
                count += 1
        else:
            from parley.report import CSV_FIELDS

            writer = csv.DictWriter(handle, fieldnames=CSV_FIELDS + EXTRA_FIELDS, lineterminator="\n")
            writer.writeheader()
            for event in events:
                writer.writerow(_flat(event))
                count += 1
        return count


def _parquet(events, path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from parley.report import CSV_FIELDS

    columns = CSV_FIELDS + EXTRA_FIELDS + ["plover"]
    schema = pa.schema([
        (name, pa.int64() if name in ("start", "end", "cluster_id", "source_count")
         else pa.bool_() if name == "conflicting" else pa.string())
        for name in columns
    ])
    count = 0
    with pq.ParquetWriter(path, schema) as writer:
        batch: list[dict[str, Any]] = []
        for event in events:
            batch.append({**_flat(event), "plover": json.dumps(event, ensure_ascii=False)})
            if len(batch) >= 5000:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                count += len(batch)
                batch = []
        if batch or count == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            count += len(batch)
    return count
