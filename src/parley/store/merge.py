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

from sqlalchemy import bindparam, delete, func, insert, select, update
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


def numbers_key(text: str | None) -> str | None:
    """The stored form of ``numbers_in``: sorted and comma-joined, None when there are none."""
    found = numbers_in(text)
    return ",".join(sorted(found)) if found else None


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def lock(conn: Connection) -> None:
    """PostgreSQL: one writer at a time opens clusters (SQLite's write lock already does this)."""
    if conn.dialect.name == "postgresql":
        conn.execute(select(func.pg_advisory_xact_lock(CLUSTER_LOCK)))


CLUSTER_LOCK = 7_261_946_011


def find_or_create(conn: Connection, row: dict[str, Any], entities: list[dict[str, Any]],
                   *, locked: bool = False) -> int:
    """The cluster an event (not yet stored) belongs to: an existing one, or a new one.

    ``locked``: the caller holds ``lock(conn)`` for the whole transaction.
    """
    key = cluster_key(row.get("event_type"), entities, row.get("modality"))
    when = _day(row.get("date") or row.get("published"))
    if conn.dialect.name == "postgresql" and not locked:
        # Two writers must not both open a new cluster for the same key.
        conn.execute(select(func.pg_advisory_xact_lock(func.hashtext(key))))
    if when is None:
        candidates = conn.execute(_FIND_CLUSTERS, {"b_key": key})
    else:
        # only clusters whose dates can be within the window: the key alone can match months of them
        candidates = conn.execute(_FIND_CLUSTERS_NEAR, {
            "b_key": key, "b_lo": (when - timedelta(days=WINDOW_DAYS)).isoformat(),
            "b_hi": (when + timedelta(days=WINDOW_DAYS)).isoformat()})
    for cid, first, last in candidates:
        lo, hi = _day(first), _day(last)
        # Within WINDOW_DAYS of every report so far: a cluster spans at most the window,
        # so daily events of one kind between the same parties do not chain into one.
        if when is None or lo is None or (
            hi - timedelta(days=WINDOW_DAYS) <= when <= lo + timedelta(days=WINDOW_DAYS)
        ):
            return cid
    day = when.isoformat() if when else None
    return conn.execute(
        insert(EventClusterRow),
        {"key": key, "event_type": row.get("event_type"), "conflicts": [], "date_first": day, "date_last": day},
    ).inserted_primary_key[0]


def assign(conn: Connection, event_pk: int, row: dict[str, Any], entities: list[dict[str, Any]]) -> int:
    """Put one stored event into its cluster and recount the cluster; return the cluster id."""
    cluster_id = find_or_create(conn, row, entities)
    conn.execute(_SET_CLUSTER, {"b_pk": event_pk, "b_cluster": cluster_id})
    refresh(conn, cluster_id)
    return cluster_id


_SET_CLUSTER = update(EventRow).where(EventRow.pk == bindparam("b_pk")).values(cluster_id=bindparam("b_cluster"))


_WHEN = func.coalesce(EventRow.date, EventRow.published)
# Built once: statements with bound parameters compile once and are cached.
_FIND_CLUSTERS = (select(EventClusterRow.id, EventClusterRow.date_first, EventClusterRow.date_last)
                  .where(EventClusterRow.key == bindparam("b_key")).order_by(EventClusterRow.id))
_FIND_CLUSTERS_NEAR = _FIND_CLUSTERS.where(
    EventClusterRow.date_last >= bindparam("b_lo"), EventClusterRow.date_first <= bindparam("b_hi"))
_CLUSTER_FIGURES = select(func.count(), func.count(EventRow.article_id.distinct()), func.min(_WHEN),
                          func.max(_WHEN)).where(EventRow.cluster_id == bindparam("b_id"))


def refresh_many(conn: Connection, cluster_ids: list[int]) -> None:
    """``refresh`` for several clusters: counts and dates in one UPDATE, conflicts where shared."""
    if not cluster_ids:
        return
    members = EventRow.cluster_id == EventClusterRow.id

    def of_members(expr):
        return select(expr).where(members).correlate(EventClusterRow).scalar_subquery()

    ids = bindparam("b_ids", expanding=True)
    conn.execute(
        update(EventClusterRow).where(EventClusterRow.id.in_(ids)).values(
            event_count=of_members(func.count()),
            source_count=of_members(func.count(EventRow.article_id.distinct())),
            date_first=of_members(func.min(_WHEN)),
            date_last=of_members(func.max(_WHEN)),
        ),
        {"b_ids": cluster_ids},
    )
    conn.execute(delete(EventClusterRow).where(EventClusterRow.id.in_(ids), EventClusterRow.event_count == 0),
                 {"b_ids": cluster_ids})
    shared = conn.execute(select(EventClusterRow.id).where(EventClusterRow.id.in_(ids),
                                                           EventClusterRow.source_count > 1),
                          {"b_ids": cluster_ids}).scalars().all()
    for cluster_id in shared:
        conn.execute(update(EventClusterRow).where(EventClusterRow.id == bindparam("b_id"))
                     .values(conflicts=bindparam("b_conflicts", type_=EventClusterRow.__table__.c.conflicts.type)),
                     {"b_id": cluster_id, "b_conflicts": conflicts(conn, cluster_id)})


def refresh(conn: Connection, cluster_id: int) -> None:
    """Recount a cluster's sources and dates and recompute its conflicts (delete it when empty).

    Aggregates run in the database; member ids are only fetched for a field whose
    reports disagree, so keeping a large cluster current stays cheap.
    """
    count, sources, first, last = conn.execute(_CLUSTER_FIGURES, {"b_id": cluster_id}).one()
    if not count:
        conn.execute(delete(EventClusterRow).where(EventClusterRow.id == cluster_id))
        return
    conn.execute(_UPDATE_CLUSTER, {
        "b_id": cluster_id, "b_first": first, "b_last": last, "b_sources": sources,
        "b_count": count, "b_conflicts": conflicts(conn, cluster_id) if sources > 1 else [],
    })


_UPDATE_CLUSTER = update(EventClusterRow).where(EventClusterRow.id == bindparam("b_id")).values(
    date_first=bindparam("b_first"), date_last=bindparam("b_last"),
    source_count=bindparam("b_sources"), event_count=bindparam("b_count"),
    conflicts=bindparam("b_conflicts", type_=EventClusterRow.__table__.c.conflicts.type),
)
_FIELDS = (("date", EventRow.date), ("place", func.coalesce(EventRow.country_code, EventRow.place)),
           ("numbers", EventRow.numbers))


_FIELD_COUNTS = select(*(func.count(column.distinct()) for _name, column in _FIELDS)).where(
    EventRow.cluster_id == bindparam("b_id"))


def conflicts(conn: Connection, cluster_id: int) -> list[dict[str, Any]]:
    """Where reports of one event disagree: ``[{field, values: {value: [event ids]}}]``.

    Disagreement inside one article is the article's wording, not conflicting reports,
    so a field conflicts only when its values come from more than one article.  One
    aggregate query finds the fields with several values; only those are read in full.
    """
    counts = conn.execute(_FIELD_COUNTS, {"b_id": cluster_id}).one()
    found = []
    for (name, column), n in zip(_FIELDS, counts):
        if n < 2:
            continue
        by_value: dict[str, list[str]] = {}
        articles = set()
        for value, event_id, article_id in conn.execute(
            select(column, EventRow.id, EventRow.article_id)
            .where(EventRow.cluster_id == cluster_id, column.is_not(None)).order_by(EventRow.pk)
        ):
            by_value.setdefault(value, []).append(event_id)
            articles.add(article_id)
        if len(articles) > 1:
            found.append({"field": name, "values": by_value})
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
