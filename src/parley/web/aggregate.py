"""Summaries of event records for the pages: counts per day and type, the actor network.

Pure functions over event dicts (the PLOVER event JSON), so they are tested without a
store; the store's ``iter_events`` feeds them.
"""

from __future__ import annotations

import functools
import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

PLOVER_FILE = Path(__file__).resolve().parent / "static" / "plover.json"


@functools.lru_cache(maxsize=1)
def plover_types() -> dict[str, dict[str, Any]]:
    """PLOVER type -> {score, side}; side is cooperative, conflictual or neutral."""
    return json.loads(PLOVER_FILE.read_text(encoding="utf-8"))["types"]


def side_of(event_type: str | None) -> str:
    return plover_types().get((event_type or "").upper(), {}).get("side", "neutral")


def event_type(event: dict) -> str:
    types = event.get("event") or []
    return types[0] if types else "UNKNOWN"


def timeline(events: Iterable[dict]) -> dict:
    """Events per date and PLOVER type, dates in order; undated events counted apart."""
    per_day: dict[str, Counter] = defaultdict(Counter)
    undated = 0
    total = 0
    for event in events:
        total += 1
        day = event.get("date")
        if not day:
            undated += 1
            continue
        per_day[day][event_type(event)] += 1
    buckets = [{"date": day, "counts": dict(per_day[day])} for day in sorted(per_day)]
    return {"buckets": buckets, "total": total, "undated": undated}


def actor_key(entity: dict) -> tuple[str, str]:
    """(node id, label) of an entity: the canonical name when resolved, else code, else the words."""
    name = entity.get("identifier_text") or entity.get("code") or entity.get("entity_text") or "?"
    code = entity.get("code")
    node_id = f"{code}|{name}" if code else name
    return node_id, name


def network(events: Iterable[dict], *, max_nodes: int = 60) -> dict:
    """Who acts on whom: nodes are actors, directed edges weighted by the number of events.

    Only events with both an actor and a recipient make an edge; a compound actor makes
    one edge per (actor, recipient) pair.  The ``max_nodes`` busiest actors are kept so the
    drawing stays readable; edges between the others are dropped.
    """
    nodes: dict[str, dict] = {}
    degree: Counter = Counter()
    edges: dict[tuple[str, str], Counter] = defaultdict(Counter)
    counted = 0
    for event in events:
        actors = event.get("actor") or []
        recipients = event.get("recipient") or []
        if not actors or not recipients:
            continue
        counted += 1
        kind = event_type(event)
        touched = set()
        for a in actors:
            a_id, a_label = actor_key(a)
            nodes.setdefault(a_id, {"id": a_id, "label": a_label, "code": a.get("code"), "sector": a.get("sector")})
            touched.add(a_id)
            for r in recipients:
                r_id, r_label = actor_key(r)
                nodes.setdefault(r_id, {"id": r_id, "label": r_label, "code": r.get("code"), "sector": r.get("sector")})
                touched.add(r_id)
                if r_id != a_id:
                    edges[(a_id, r_id)][kind] += 1
        degree.update(touched)
    keep = {node_id for node_id, _ in degree.most_common(max_nodes)}
    return {
        "nodes": sorted(
            ({**nodes[n], "events": degree[n]} for n in keep), key=lambda n: (-n["events"], n["label"])
        ),
        "edges": sorted(
            (
                {"source": s, "target": t, "count": sum(c.values()), "types": dict(c)}
                for (s, t), c in edges.items()
                if s in keep and t in keep
            ),
            key=lambda e: (-e["count"], e["source"], e["target"]),
        ),
        "events": counted,
    }


# -- reading from the store -------------------------------------------------------------
#
# The pure functions above would work over ``store.iter_events``, but that decodes every
# event's JSON (about a second for 10,000 events).  These read only the columns the
# summaries need, with the store's own filter conditions, so the filters mean exactly
# what they mean in ``store.events``.  Candidates to move into ``Store`` as public methods.


def _conditions(store, filters: dict) -> list:
    return store._event_conditions(**{k: v for k, v in filters.items() if v is not None})


def store_timeline(store, **filters) -> dict:
    """``timeline`` of the events matching ``filters`` (the ``store.events`` filters)."""
    from sqlalchemy import select

    from parley.store.models import EventRow

    query = select(EventRow.date, EventRow.event_type).where(*_conditions(store, filters))
    with store.engine.connect() as conn:
        rows = conn.execute(query).all()
    return timeline({"date": day, "event": [kind] if kind else []} for day, kind in rows)


def store_network(store, *, max_nodes: int = 60, **filters) -> dict:
    """``network`` of the events matching ``filters``."""
    from sqlalchemy import select

    from parley.store.models import EventEntityRow, EventRow

    query = (
        select(EventRow.pk, EventRow.event_type, EventEntityRow.role, EventEntityRow.code,
               EventEntityRow.sector, EventEntityRow.name)
        .join(EventEntityRow, EventEntityRow.event_pk == EventRow.pk)
        .where(EventEntityRow.role.in_(("actor", "recipient")), *_conditions(store, filters))
        .order_by(EventRow.pk, EventEntityRow.pk)
    )
    events: dict[int, dict] = {}
    with store.engine.connect() as conn:
        for pk, kind, role, code, sector, name in conn.execute(query):
            event = events.setdefault(pk, {"event": [kind] if kind else [], "actor": [], "recipient": []})
            event[role].append({"code": code, "sector": sector, "identifier_text": name})
    return network(events.values(), max_nodes=max_nodes)
