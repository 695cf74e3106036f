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
    return timeline_from_counts(((e.get("date"), event_type(e)), 1) for e in events)


def timeline_from_counts(counts: Iterable[tuple[tuple[str | None, str], int]]) -> dict:
    """``timeline`` from ``((date, type), n)`` pairs (a date of None is undated)."""
    per_day: dict[str, Counter] = defaultdict(Counter)
    undated = total = 0
    for (day, kind), n in counts:
        total += n
        if not day:
            undated += n
        else:
            per_day[day][kind] += n
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
        for entity in (*actors, *recipients):
            node_id, label = actor_key(entity)
            nodes.setdefault(node_id, {"id": node_id, "label": label, "code": entity.get("code"),
                                       "sector": entity.get("sector")})
            touched.add(node_id)
        degree.update(touched)
        for a in actors:
            for r in recipients:
                a_id, r_id = actor_key(a)[0], actor_key(r)[0]
                if a_id != r_id:
                    edges[(a_id, r_id)][kind] += 1
    return assemble_network(nodes, degree, edges, counted, max_nodes)


def assemble_network(nodes: dict[str, dict], degree: Counter, edges: dict[tuple[str, str], Counter],
                     counted: int, max_nodes: int) -> dict:
    """The network JSON from node info, events per node and type counts per edge."""
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
    from sqlalchemy import func, select

    from parley.store.models import EventRow

    query = (select(EventRow.date, EventRow.event_type, func.count()).where(*_conditions(store, filters))
             .group_by(EventRow.date, EventRow.event_type))
    with store.engine.connect() as conn:
        rows = conn.execute(query).all()
    return timeline_from_counts(((day, kind or "UNKNOWN"), n) for day, kind, n in rows)


def store_network(store, *, max_nodes: int = 60, **filters) -> dict:
    """``network`` of the events matching ``filters``, counted by the database."""
    from sqlalchemy import and_, distinct, exists, func, select
    from sqlalchemy.orm import aliased

    from parley.store.models import EventEntityRow, EventRow

    conds = _conditions(store, filters)
    actor, recipient, party = (aliased(EventEntityRow) for _ in range(3))
    has_both = [
        exists().where(actor.event_pk == EventRow.pk, actor.role == "actor"),
        exists().where(recipient.event_pk == EventRow.pk, recipient.role == "recipient"),
    ]
    a, r = aliased(EventEntityRow), aliased(EventEntityRow)
    pairs = (
        select(a.code, a.name, r.code, r.name, EventRow.event_type, func.count())
        .select_from(EventRow)
        .join(a, and_(a.event_pk == EventRow.pk, a.role == "actor"))
        .join(r, and_(r.event_pk == EventRow.pk, r.role == "recipient"))
        .where(*conds)
        .group_by(a.code, a.name, r.code, r.name, EventRow.event_type)
    )
    per_node = (
        select(party.code, party.name, func.max(party.sector), func.count(distinct(EventRow.pk)))
        .select_from(EventRow)
        .join(party, and_(party.event_pk == EventRow.pk, party.role.in_(("actor", "recipient"))))
        .where(*conds, *has_both)
        .group_by(party.code, party.name)
    )
    counted = select(func.count()).select_from(EventRow).where(*conds, *has_both)
    nodes: dict[str, dict] = {}
    degree: Counter = Counter()
    edges: dict[tuple[str, str], Counter] = defaultdict(Counter)
    with store.engine.connect() as conn:
        for code, name, sector, n in conn.execute(per_node):
            node_id, label = actor_key({"code": code, "identifier_text": name})
            nodes.setdefault(node_id, {"id": node_id, "label": label, "code": code, "sector": sector})
            degree[node_id] += n
        for a_code, a_name, r_code, r_name, kind, n in conn.execute(pairs):
            a_id = actor_key({"code": a_code, "identifier_text": a_name})[0]
            r_id = actor_key({"code": r_code, "identifier_text": r_name})[0]
            if a_id != r_id:
                edges[(a_id, r_id)][kind or "UNKNOWN"] += n
        total = conn.execute(counted).scalar_one()
    return assemble_network(nodes, degree, edges, total, max_nodes)
