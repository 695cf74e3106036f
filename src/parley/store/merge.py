"""Across articles: one real-world event reported by several articles is one cluster.

Events join a cluster when they have the same PLOVER type, the same actors and
recipients (by country/organisation code, or name where there is no code), the same
polarity (asserted, negated or not-yet-real), and dates within ``WINDOW_DAYS`` of
each other.  The cluster keeps its sources (articles) and their count; reports of
it that disagree on the date, the place or the numbers are kept and listed in
``conflicts`` — parley records that sources disagree, it does not pick one.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.engine import Connection

from parley.store.models import EventClusterRow, EventEntityRow, EventRow

WINDOW_DAYS = 3
IRREALIS = {"hypothetical", "future"}
MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
# Numbers that are not parts of dates: "12 May" / "May 12" / years are dates, not counts.
_DATE_NUMBER = re.compile(
    rf"\b(?:(?:{MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{MONTHS})\b"
    rf"|(?:1[89]|20)\d\d\b)",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*(?:\s*(?:million|thousand|hundred))?", re.IGNORECASE)


def polarity(modality: str | None) -> str:
    values = set((modality or "").split(";")) - {""}
    if "negated" in values:
        return "negated"
    if values & IRREALIS:
        return "irrealis"
    return "asserted"


def cluster_key(event_type: str | None, entities: list[dict[str, Any]], modality: str | None) -> str:
    def side(role: str) -> str:
        names = sorted({(e.get("code") or (e.get("name") or "").lower()) for e in entities if e["role"] == role})
        return ",".join(n for n in names if n)

    return "|".join([event_type or "?", side("actor"), side("recipient"), polarity(modality)])


def numbers_in(text: str | None) -> frozenset[str]:
    """The counts a sentence states (casualties, prisoners …), dates left out."""
    if not text:
        return frozenset()
    stripped = _DATE_NUMBER.sub(" ", text)
    return frozenset(m.group(0).replace(",", "").lower() for m in _NUMBER.finditer(stripped))


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def assign(conn: Connection, event_pk: int, row: dict[str, Any], entities: list[dict[str, Any]]) -> int:
    """Put one stored event into its cluster (an existing one or a new one); return the cluster id."""
    key = cluster_key(row.get("event_type"), entities, row.get("modality"))
    when = _day(row.get("date") or row.get("published"))
    if conn.dialect.name == "postgresql":
        # Two writers must not both open a new cluster for the same key.
        conn.execute(select(func.pg_advisory_xact_lock(func.hashtext(key))))
    cluster_id = None
    for cid, first, last in conn.execute(
        select(EventClusterRow.id, EventClusterRow.date_first, EventClusterRow.date_last)
        .where(EventClusterRow.key == key)
        .order_by(EventClusterRow.id)
    ):
        lo, hi = _day(first), _day(last)
        if when is None or lo is None or (
            lo - timedelta(days=WINDOW_DAYS) <= when <= hi + timedelta(days=WINDOW_DAYS)
        ):
            cluster_id = cid
            break
    if cluster_id is None:
        cluster_id = conn.execute(
            insert(EventClusterRow).values(key=key, event_type=row.get("event_type"), conflicts=[])
        ).inserted_primary_key[0]
    conn.execute(update(EventRow).where(EventRow.pk == event_pk).values(cluster_id=cluster_id))
    refresh(conn, cluster_id)
    return cluster_id


def refresh(conn: Connection, cluster_id: int) -> None:
    """Recount a cluster's sources and dates and recompute its conflicts (delete it when empty)."""
    members = conn.execute(
        select(
            EventRow.id, EventRow.article_id, EventRow.date, EventRow.published,
            EventRow.place, EventRow.country_code, EventRow.event_text,
        ).where(EventRow.cluster_id == cluster_id)
    ).all()
    if not members:
        conn.execute(delete(EventClusterRow).where(EventClusterRow.id == cluster_id))
        return
    days = sorted(d for d in (m.date or m.published for m in members) if d)
    conn.execute(
        update(EventClusterRow)
        .where(EventClusterRow.id == cluster_id)
        .values(
            date_first=days[0] if days else None,
            date_last=days[-1] if days else None,
            source_count=len({m.article_id for m in members}),
            event_count=len(members),
            conflicts=conflicts(members),
        )
    )


def conflicts(members) -> list[dict[str, Any]]:
    """Where reports of one event disagree: ``[{field, values: {value: [event ids]}}]``."""
    found = []
    for field, value_of in (
        ("date", lambda m: m.date),
        ("place", lambda m: m.country_code or m.place),
        ("numbers", lambda m: ",".join(sorted(numbers_in(m.event_text))) or None),
    ):
        values: dict[str, list[str]] = {}
        articles: set[str] = set()
        for m in members:
            v = value_of(m)
            if v:
                values.setdefault(v, []).append(m.id)
                articles.add(m.article_id)
        # Disagreement inside one article is the article's wording, not conflicting reports.
        if len(values) > 1 and len(articles) > 1:
            found.append({"field": field, "values": values})
    return found


def entities_of(conn: Connection, event_pk: int) -> list[dict[str, Any]]:
    return [
        dict(r._mapping)
        for r in conn.execute(
            select(EventEntityRow.role, EventEntityRow.code, EventEntityRow.name).where(
                EventEntityRow.event_pk == event_pk
            )
        )
    ]


def backfill(conn: Connection) -> int:
    """Cluster events stored before clusters existed (schema 0001); return how many."""
    rows = conn.execute(
        select(EventRow.pk, EventRow.event_type, EventRow.modality, EventRow.date, EventRow.published)
        .where(EventRow.cluster_id.is_(None))
        .order_by(EventRow.pk)
    ).all()
    for r in rows:
        assign(conn, r.pk, dict(r._mapping), entities_of(conn, r.pk))
    return len(rows)
