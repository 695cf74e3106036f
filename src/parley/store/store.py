"""The ``Store``: every record of every coded article, queryable, in SQLite or PostgreSQL."""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterable, Iterator
from typing import Any, Self

from sqlalchemy import delete, exists, func, insert, or_, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError, OperationalError

from parley.errors import StoreError
from parley.records import Analysis
from parley.store import engine as engines
from parley.store import merge, rows
from parley.store.models import (
    ArticleRow,
    ClaimRow,
    EventClusterRow,
    EventEntityRow,
    EventRow,
    FlagRow,
    IngestRunRow,
    JournalRow,
    MentionRow,
    QuoteRow,
)

log = logging.getLogger("parley")

MAX_LIMIT = 10_000


def _page(items: list[dict[str, Any]], total: int, limit: int, offset: int) -> dict[str, Any]:
    return {"items": items, "total": total, "limit": limit, "offset": offset}


def _limits(limit: int | None, offset: int | None) -> tuple[int, int]:
    limit = 50 if limit is None else int(limit)
    offset = 0 if offset is None else int(offset)
    if limit < 0 or offset < 0:
        raise StoreError("limit and offset must not be negative")
    return min(limit, MAX_LIMIT), offset


def _iso(value: Any) -> str | None:
    if value in (None, ""):
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    from parley.ingest import parse_date

    return parse_date(str(value)).isoformat()


def _contains(column, needle: str):
    """Case-insensitive substring match with the user's text as a bound, escaped parameter."""
    return func.lower(column).contains(needle.lower(), autoescape=True)


class Store:
    """A parley store: a SQLite file (default) or a PostgreSQL database, same code for both.

    ``Store(url)`` / ``Store.open(url_or_path)`` opens it and brings its schema to the
    newest migration.  ``url_or_path`` is a file path (SQLite, WAL mode), ``":memory:"``,
    a ``sqlite:///`` or ``postgresql://`` URL, or None for ``$PARLEY_DB`` / ``./parley.db``.

    Writes commit one article at a time, so an interrupted ingest loses nothing that was
    already committed.  List queries return ``{"items": [...], "total": n, "limit", "offset"}``;
    records are the JSON contracts of docs/DESIGN (plus a few added fields).
    """

    def __init__(self, url: str | os.PathLike | None = None, *, migrate: bool = True, echo: bool = False):
        self.url = engines.resolve_url(url)
        self.engine = engines.make_engine(self.url, echo=echo)
        try:
            if migrate:
                engines.migrate(self.engine)
                self._backfill_clusters()
            else:
                self._check_schema()
        except Exception:
            self.engine.dispose()
            raise

    @classmethod
    def open(cls, url_or_path: str | os.PathLike | None = None, **options: Any) -> Store:
        """Open (creating and migrating when needed) the store at ``url_or_path``."""
        return cls(url_or_path, **options)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.engine.url.render_as_string(hide_password=True)!r})"

    @property
    def backend(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return self.engine.dialect.name

    def schema_version(self) -> str | None:
        """The Alembic revision the database is at."""
        return engines.current_revision(self.engine)

    def _check_schema(self) -> None:
        have, want = self.schema_version(), engines.head_revision()
        if have != want:
            raise StoreError(
                f"the store's schema is at {have or 'nothing'}, this parley needs {want}: "
                "open it with migrate=True (the CLI does) to upgrade"
            )

    # -- transactions ---------------------------------------------------------

    @contextlib.contextmanager
    def _write(self) -> Iterator[Connection]:
        """One write transaction (SQLite: takes the write lock at BEGIN)."""
        try:
            with self.engine.connect().execution_options(immediate=True) as conn, conn.begin():
                yield conn
        except OperationalError as exc:
            raise StoreError(f"cannot write to the store: {exc.orig}") from None

    @contextlib.contextmanager
    def _read(self) -> Iterator[Connection]:
        try:
            with self.engine.connect() as conn:
                yield conn
        except OperationalError as exc:
            raise StoreError(f"cannot read the store: {exc.orig}") from None

    def _backfill_clusters(self) -> None:
        with self._read() as conn:
            pending = conn.execute(select(EventRow.pk).where(EventRow.cluster_id.is_(None)).limit(1)).first()
        if pending:
            with self._write() as conn:
                n = merge.backfill(conn)
            log.info("clustered %d events stored before cross-article merging", n)

    # -- writing --------------------------------------------------------------

    def find_content(self, digest: str) -> str | None:
        """The id of the stored article with this content hash, or None."""
        with self._read() as conn:
            return conn.execute(select(ArticleRow.id).where(ArticleRow.content_hash == digest)).scalar()

    def add_analysis(
        self, analysis: Analysis, *, run_id: str | None = None, origin: str | None = None
    ) -> dict[str, Any]:
        """Store one analysed article with all its records, in one transaction.

        Returns ``{"status": "coded" | "duplicate" | "quarantined", "article_id", "reason"}``.
        An article whose text is already stored is a duplicate (stored once); one whose
        id is taken by a different text is quarantined.  With ``run_id`` the outcome is
        also written to the ingest journal, in the same transaction.
        """
        digest = rows.content_hash(analysis.article.text)
        origin = origin or analysis.article.origin or analysis.article.id
        try:
            with self._write() as conn:
                outcome = self._insert(conn, analysis, digest)
                if run_id is not None:
                    self._journal(conn, run_id, origin, outcome, digest)
        except IntegrityError as exc:
            existing = self.find_content(digest)
            if existing is not None:
                # Another process stored the same text between our check and our insert.
                outcome = {"status": "duplicate", "article_id": existing,
                           "reason": f"same text as stored article {existing}"}
            else:
                outcome = {"status": "quarantined", "article_id": None,
                           "reason": f"its records cannot be stored (repeated record ids?): {exc.orig}"}
            if run_id is not None:
                with self._write() as conn:
                    self._journal(conn, run_id, origin, outcome, digest)
        return outcome

    def _insert(self, conn: Connection, analysis: Analysis, digest: str) -> dict[str, Any]:
        article = analysis.article
        existing = conn.execute(select(ArticleRow.id).where(ArticleRow.content_hash == digest)).scalar()
        if existing is not None:
            return {"status": "duplicate", "article_id": existing,
                    "reason": f"same text as stored article {existing}"}
        if conn.execute(select(ArticleRow.id).where(ArticleRow.id == article.id)).first():
            return {"status": "quarantined", "article_id": None,
                    "reason": f"article id {article.id!r} is already stored with a different text"}
        data = analysis.to_dict()
        published = article.published.isoformat() if article.published else None
        # Values go as parameters, not into the statement, so its compiled form is cached.
        conn.execute(insert(ArticleRow), rows.article_row(analysis, digest, data))
        for table, make, records in (
            (MentionRow, rows.mention_row, data["actors"]),
            (QuoteRow, rows.quote_row, data["quotes"]),
            (ClaimRow, rows.claim_row, data.get("claims", [])),
            (FlagRow, rows.flag_row, data["flags"]),
        ):
            if records:
                conn.execute(insert(table), [make(r, article.id) for r in records])
        if not data["events"]:
            return {"status": "coded", "article_id": article.id, "reason": None}
        event_rows = []
        entities = [rows.entity_rows(e) for e in data["events"]]
        merge.lock(conn)
        for e, group in zip(data["events"], entities, strict=True):
            e["article_id"] = e.get("article_id") or article.id
            row = {**rows.event_row(e, published), "article_id": article.id}
            row["cluster_id"] = merge.find_or_create(conn, row, group, locked=True)
            event_rows.append(row)
        # one multi-row INSERT … RETURNING, primary keys in the order of the rows
        pks = conn.execute(
            insert(EventRow).returning(EventRow.pk, sort_by_parameter_order=True), event_rows
        ).scalars().all()
        flat = [{"event_pk": pk, **x} for pk, group in zip(pks, entities, strict=True) for x in group]
        if flat:
            conn.execute(insert(EventEntityRow), flat)
        merge.refresh_many(conn, list(dict.fromkeys(r["cluster_id"] for r in event_rows)))
        return {"status": "coded", "article_id": article.id, "reason": None}

    def _journal(self, conn: Connection, run_id: str, origin: str, outcome: dict[str, Any],
                 digest: str | None) -> None:
        conn.execute(insert(JournalRow), {
            "run_id": run_id, "origin": origin, "status": outcome["status"], "reason": outcome.get("reason"),
            "article_id": outcome.get("article_id"), "content_hash": digest, "at": rows.now(),
        })

    def record(self, run_id: str, origin: str, status: str, reason: str | None = None,
               article_id: str | None = None, content_hash: str | None = None) -> None:
        """Write one journal entry (an input that was quarantined or skipped before coding)."""
        with self._write() as conn:
            self._journal(conn, run_id, origin,
                          {"status": status, "reason": reason, "article_id": article_id}, content_hash)

    def delete_article(self, article_id: str) -> bool:
        """Delete an article and all its records; False when there was no such article."""
        with self._write() as conn:
            clusters = {
                c for (c,) in conn.execute(
                    select(EventRow.cluster_id).where(EventRow.article_id == article_id).distinct()
                ) if c is not None
            }
            pks = select(EventRow.pk).where(EventRow.article_id == article_id)
            conn.execute(delete(EventEntityRow).where(EventEntityRow.event_pk.in_(pks)))
            for table in (EventRow, MentionRow, QuoteRow, ClaimRow, FlagRow):
                conn.execute(delete(table).where(table.article_id == article_id))
            deleted = conn.execute(delete(ArticleRow).where(ArticleRow.id == article_id)).rowcount
            for cid in clusters:
                merge.refresh(conn, cid)
        return bool(deleted)

    # -- ingest ---------------------------------------------------------------

    def ingest(self, paths: Iterable[str | os.PathLike] | str | os.PathLike, published: Any = None,
               **options: Any) -> dict[str, Any]:
        """Ingest files, folders (recursive), JSONL, saved RSS/Atom feeds and WARC files.

        Each article is coded and committed on its own; the journal accounts for every
        input as ``coded``, ``duplicate`` or ``quarantined`` (with the reason).  Returns
        the run summary: ``{run_id, coded, duplicate, quarantined, total, entries}``.
        See ``parley.store.ingestion.ingest`` for the options.
        """
        from parley.store.ingestion import ingest

        if isinstance(paths, (str, os.PathLike)):
            paths = [paths]
        return ingest(self, list(paths), published=published, **options)

    def start_run(self, inputs: list[str]) -> str:
        import uuid

        from parley import __version__

        run_id = uuid.uuid4().hex
        with self._write() as conn:
            conn.execute(insert(IngestRunRow).values(
                id=run_id, started_at=rows.now(), parley_version=__version__, inputs=inputs,
                coded=0, duplicate=0, quarantined=0, status="running",
            ))
        return run_id

    def finish_run(self, run_id: str, status: str = "done") -> dict[str, Any]:
        with self._write() as conn:
            counts = dict(conn.execute(
                select(JournalRow.status, func.count()).where(JournalRow.run_id == run_id)
                .group_by(JournalRow.status)
            ).all())
            conn.execute(
                IngestRunRow.__table__.update().where(IngestRunRow.id == run_id).values(
                    finished_at=rows.now(), status=status,
                    coded=counts.get("coded", 0), duplicate=counts.get("duplicate", 0),
                    quarantined=counts.get("quarantined", 0),
                )
            )
        return self.run(run_id)

    def run(self, run_id: str | None = None) -> dict[str, Any] | None:
        """One ingest run (the latest when ``run_id`` is None) with its counts."""
        with self._read() as conn:
            query = select(IngestRunRow)
            query = query.where(IngestRunRow.id == run_id) if run_id else query.order_by(
                IngestRunRow.started_at.desc(), IngestRunRow.id.desc())
            r = conn.execute(query.limit(1)).first()
            if r is None:
                return None
            data = {k: getattr(r, k) for k in ("id", "started_at", "finished_at", "parley_version", "inputs",
                                              "coded", "duplicate", "quarantined", "status")}
        if data["status"] == "running":
            # Counts of an interrupted or ongoing run come from its journal.
            counts = self._journal_counts(run_id=data["id"])
            data.update({k: counts.get(k, 0) for k in ("coded", "duplicate", "quarantined")})
        data["total"] = data["coded"] + data["duplicate"] + data["quarantined"]
        return data

    def runs(self, limit: int = 50, offset: int = 0) -> dict[str, Any]:
        """Ingest runs, newest first."""
        limit, offset = _limits(limit, offset)
        with self._read() as conn:
            total = conn.execute(select(func.count()).select_from(IngestRunRow)).scalar_one()
            ids = conn.execute(select(IngestRunRow.id).order_by(IngestRunRow.started_at.desc())
                               .limit(limit).offset(offset)).scalars().all()
        return _page([self.run(i) for i in ids], total, limit, offset)

    def _journal_counts(self, run_id: str | None = None) -> dict[str, int]:
        with self._read() as conn:
            query = select(JournalRow.status, func.count()).group_by(JournalRow.status)
            if run_id:
                query = query.where(JournalRow.run_id == run_id)
            return dict(conn.execute(query).all())

    def journal(self, run_id: str | None = None, status: str | None = None,
                limit: int = 1000, offset: int = 0) -> dict[str, Any]:
        """Journal entries ``{run_id, origin, status, reason, article_id, content_hash, at}``."""
        limit, offset = _limits(limit, offset)
        conds = []
        if run_id:
            conds.append(JournalRow.run_id == run_id)
        if status:
            conds.append(JournalRow.status == status)
        with self._read() as conn:
            total = conn.execute(select(func.count()).select_from(JournalRow).where(*conds)).scalar_one()
            result = conn.execute(
                select(JournalRow.run_id, JournalRow.origin, JournalRow.status, JournalRow.reason,
                       JournalRow.article_id, JournalRow.content_hash, JournalRow.at)
                .where(*conds).order_by(JournalRow.pk).limit(limit).offset(offset)
            )
            items = [dict(r._mapping) for r in result]
        return _page(items, total, limit, offset)

    # -- reading: articles ----------------------------------------------------

    def stats(self) -> dict[str, int]:
        """How many articles, events, clusters, quotes, claims, flags and mentions are stored."""
        with self._read() as conn:
            return {
                name: conn.execute(select(func.count()).select_from(table)).scalar_one()
                for name, table in (
                    ("articles", ArticleRow), ("events", EventRow), ("event_clusters", EventClusterRow),
                    ("quotes", QuoteRow), ("claims", ClaimRow), ("flags", FlagRow), ("mentions", MentionRow),
                )
            }

    def article(self, article_id: str) -> dict[str, Any] | None:
        """One article with everything found in it (the article-analysis JSON plus provenance)."""
        with self._read() as conn:
            a = conn.execute(select(ArticleRow).where(ArticleRow.id == article_id)).first()
            if a is None:
                return None
            result = {
                "article": {
                    "id": a.id, "text": a.text, "published": a.published, "source": a.source,
                    "url": a.url, "title": a.title, "origin": a.origin, "language": a.language,
                },
                "events": [self._event_out(r) for r in conn.execute(
                    self._event_select().where(EventRow.article_id == article_id).order_by(EventRow.pk))],
                "quotes": self._datas(conn, QuoteRow, article_id),
                "flags": self._datas(conn, FlagRow, article_id),
                "actors": self._datas(conn, MentionRow, article_id),
                "claims": self._datas(conn, ClaimRow, article_id),
                "content_hash": a.content_hash,
                "provenance": {
                    "parley_version": a.parley_version, "model_version": a.model_version,
                    "dictionary_versions": a.dictionary_versions, "coded_at": a.coded_at,
                },
            }
            result.update(a.annotations or {})
            return result

    @staticmethod
    def _datas(conn: Connection, table, article_id: str) -> list[dict[str, Any]]:
        return list(conn.execute(select(table.data).where(table.article_id == article_id)
                                 .order_by(table.pk)).scalars())

    def articles(self, limit: int = 50, offset: int = 0, q: str | None = None,
                 start: Any = None, end: Any = None) -> dict[str, Any]:
        """Article summaries, newest first; ``q`` searches title and text; ``start``/``end`` bound
        the publication date.  Items: ``{id, title, published, source, url, origin, coded_at,
        events, quotes, flags}`` (the last three are counts)."""
        limit, offset = _limits(limit, offset)
        conds = []
        if q:
            conds.append(or_(_contains(ArticleRow.title, q), _contains(ArticleRow.text, q)))
        if start:
            conds.append(ArticleRow.published >= _iso(start))
        if end:
            conds.append(ArticleRow.published <= _iso(end))

        def count(table):
            return (select(func.count()).select_from(table).where(table.article_id == ArticleRow.id)
                    .correlate(ArticleRow).scalar_subquery())

        with self._read() as conn:
            total = conn.execute(select(func.count()).select_from(ArticleRow).where(*conds)).scalar_one()
            result = conn.execute(
                select(ArticleRow.id, ArticleRow.title, ArticleRow.published, ArticleRow.source,
                       ArticleRow.url, ArticleRow.origin, ArticleRow.coded_at,
                       count(EventRow).label("events"), count(QuoteRow).label("quotes"),
                       count(FlagRow).label("flags"))
                .where(*conds)
                .order_by(ArticleRow.published.desc(), ArticleRow.id)
                .limit(limit).offset(offset)
            )
            items = [dict(r._mapping) for r in result]
        return _page(items, total, limit, offset)

    # -- reading: events ------------------------------------------------------

    @staticmethod
    def _event_select():
        return (
            select(EventRow.data, EventRow.cluster_id, EventRow.published,
                   EventClusterRow.source_count, EventClusterRow.conflicts)
            .outerjoin(EventClusterRow, EventClusterRow.id == EventRow.cluster_id)
        )

    @staticmethod
    def _event_out(r) -> dict[str, Any]:
        out = dict(r.data)
        out["cluster_id"] = r.cluster_id
        out["source_count"] = r.source_count or 1
        out["conflicting"] = bool(r.conflicts)
        return out

    @staticmethod
    def _event_conditions(start=None, end=None, actor=None, type=None, evidentiality=None, text=None,
                          article_id=None, role=None) -> list:
        when = func.coalesce(EventRow.date, EventRow.published)
        conds = []
        if start:
            conds.append(when >= _iso(start))
        if end:
            conds.append(when <= _iso(end))
        if type:
            types = [t.strip().upper() for t in (type if isinstance(type, (list, tuple)) else str(type).split(","))]
            conds.append(EventRow.event_type.in_(types))
        if evidentiality:
            conds.append(EventRow.evidentiality == evidentiality)
        if text:
            conds.append(_contains(EventRow.event_text, text))
        if article_id:
            conds.append(EventRow.article_id == article_id)
        if actor:
            roles = [role] if role else ["actor", "recipient"]
            conds.append(exists().where(
                EventEntityRow.event_pk == EventRow.pk,
                EventEntityRow.role.in_(roles),
                or_(func.upper(EventEntityRow.code) == actor.upper(),
                    _contains(EventEntityRow.name, actor),
                    _contains(EventEntityRow.entity_text, actor)),
            ))
        return conds

    def events(self, start: Any = None, end: Any = None, actor: str | None = None, type: Any = None,
               evidentiality: str | None = None, text: str | None = None, limit: int = 50, offset: int = 0,
               *, article_id: str | None = None, order: str = "asc") -> dict[str, Any]:
        """PLOVER event records, filtered; each adds ``cluster_id``, ``source_count``, ``conflicting``.

        ``start``/``end`` bound the event date (the publication date when the event has none);
        ``actor`` matches a code (``RUS``) or part of a name, as actor or recipient; ``type`` is a
        PLOVER type or a comma list; ``text`` searches the sentence.  ``order`` ``asc`` or ``desc``.
        """
        limit, offset = _limits(limit, offset)
        conds = self._event_conditions(start, end, actor, type, evidentiality, text, article_id)
        when = func.coalesce(EventRow.date, EventRow.published)
        ordering = (when.desc(), EventRow.pk.desc()) if order == "desc" else (when, EventRow.pk)
        with self._read() as conn:
            total = conn.execute(select(func.count()).select_from(EventRow).where(*conds)).scalar_one()
            result = conn.execute(self._event_select().where(*conds).order_by(*ordering).limit(limit).offset(offset))
            items = [self._event_out(r) for r in result]
        return _page(items, total, limit, offset)

    def event(self, event_id: str) -> dict[str, Any] | None:
        """One event record by id, with its cluster (the other reports of the same event)."""
        with self._read() as conn:
            r = conn.execute(self._event_select().where(EventRow.id == event_id).limit(1)).first()
        if r is None:
            return None
        out = self._event_out(r)
        if r.cluster_id is not None:
            out["cluster"] = self.cluster(r.cluster_id)
        return out

    def iter_events(self, batch: int = 1000, **filters: Any) -> Iterator[dict[str, Any]]:
        """Every matching event record, for exports (keyset pagination keeps memory flat)."""
        conds = self._event_conditions(**filters)
        last = 0
        while True:
            with self._read() as conn:
                chunk = conn.execute(
                    self._event_select().add_columns(EventRow.pk).where(EventRow.pk > last, *conds)
                    .order_by(EventRow.pk).limit(batch)
                ).all()
            if not chunk:
                return
            for r in chunk:
                yield self._event_out(r)
            last = chunk[-1].pk

    def cluster(self, cluster_id: int) -> dict[str, Any] | None:
        """One cross-article event: ``{id, event_type, date_first, date_last, source_count,
        event_count, conflicts, sources: [{article_id, event_id, date, published, title, url}]}``."""
        with self._read() as conn:
            c = conn.execute(select(EventClusterRow).where(EventClusterRow.id == cluster_id)).first()
            if c is None:
                return None
            sources = conn.execute(
                select(EventRow.article_id, EventRow.id.label("event_id"), EventRow.date, EventRow.published,
                       ArticleRow.title, ArticleRow.url, ArticleRow.source)
                .join(ArticleRow, ArticleRow.id == EventRow.article_id)
                .where(EventRow.cluster_id == cluster_id).order_by(EventRow.published, EventRow.pk)
            ).all()
            return {
                "id": c.id, "event_type": c.event_type, "date_first": c.date_first, "date_last": c.date_last,
                "source_count": c.source_count, "event_count": c.event_count, "conflicts": c.conflicts or [],
                "sources": [dict(s._mapping) for s in sources],
            }

    def clusters(self, start: Any = None, end: Any = None, type: str | None = None, min_sources: int = 1,
                 conflicting: bool | None = None, limit: int = 50, offset: int = 0) -> dict[str, Any]:
        """Cross-article events (most sources first), each as in ``cluster()``."""
        limit, offset = _limits(limit, offset)
        conds = [EventClusterRow.source_count >= min_sources]
        if start:
            conds.append(EventClusterRow.date_last >= _iso(start))
        if end:
            conds.append(EventClusterRow.date_first <= _iso(end))
        if type:
            conds.append(EventClusterRow.event_type == type.upper())
        with self._read() as conn:
            ids = conn.execute(select(EventClusterRow.id, EventClusterRow.conflicts).where(*conds)
                               .order_by(EventClusterRow.source_count.desc(), EventClusterRow.date_first,
                                         EventClusterRow.id)).all()
        if conflicting is not None:
            ids = [r for r in ids if bool(r.conflicts) == conflicting]
        return _page([self.cluster(r.id) for r in ids[offset:offset + limit]], len(ids), limit, offset)

    # -- reading: quotes, claims, flags, actors --------------------------------

    def quotes(self, speaker: str | None = None, medium: str | None = None, kind: str | None = None,
               text: str | None = None, start: Any = None, end: Any = None, limit: int = 50,
               offset: int = 0, *, article_id: str | None = None) -> dict[str, Any]:
        """Quote records; ``speaker`` matches a code or part of a name, ``medium`` e.g. ``X``;
        ``start``/``end`` bound the quote date (the publication date when it has none).
        Each adds ``article_id``."""
        limit, offset = _limits(limit, offset)
        when = func.coalesce(QuoteRow.date, ArticleRow.published)
        conds = []
        if speaker:
            conds.append(or_(func.upper(QuoteRow.speaker_code) == speaker.upper(),
                             _contains(QuoteRow.speaker_name, speaker)))
        if medium:
            conds.append(func.lower(QuoteRow.medium) == medium.lower())
        if kind:
            conds.append(QuoteRow.kind == kind)
        if text:
            conds.append(_contains(QuoteRow.text, text))
        if start:
            conds.append(when >= _iso(start))
        if end:
            conds.append(when <= _iso(end))
        if article_id:
            conds.append(QuoteRow.article_id == article_id)
        base = select(QuoteRow.data, QuoteRow.article_id, ArticleRow.published).join(
            ArticleRow, ArticleRow.id == QuoteRow.article_id).where(*conds)
        with self._read() as conn:
            total = conn.execute(select(func.count()).select_from(base.subquery())).scalar_one()
            result = conn.execute(base.order_by(when, QuoteRow.pk).limit(limit).offset(offset))
            items = [{**r.data, "article_id": r.article_id, "published": r.published} for r in result]
        return _page(items, total, limit, offset)

    def claims(self, evidentiality: str | None = None, text: str | None = None, speaker: str | None = None,
               limit: int = 50, offset: int = 0, *, article_id: str | None = None) -> dict[str, Any]:
        """Claim records (sentences and on whose authority they are asserted); each adds ``article_id``."""
        limit, offset = _limits(limit, offset)
        conds = []
        if evidentiality:
            conds.append(ClaimRow.evidentiality == evidentiality)
        if text:
            conds.append(_contains(ClaimRow.text, text))
        if speaker:
            conds.append(or_(func.upper(ClaimRow.speaker_code) == speaker.upper(),
                             _contains(ClaimRow.speaker_name, speaker)))
        if article_id:
            conds.append(ClaimRow.article_id == article_id)
        with self._read() as conn:
            total = conn.execute(select(func.count()).select_from(ClaimRow).where(*conds)).scalar_one()
            result = conn.execute(select(ClaimRow.data, ClaimRow.article_id).where(*conds)
                                  .order_by(ClaimRow.pk).limit(limit).offset(offset))
            items = [{**r.data, "article_id": r.article_id} for r in result]
        return _page(items, total, limit, offset)

    def flags(self, kind: str | None = None, limit: int = 50, offset: int = 0,
              *, article_id: str | None = None) -> dict[str, Any]:
        """Flag records (role mismatches, unattributed claims …); each adds ``article_id``."""
        limit, offset = _limits(limit, offset)
        conds = []
        if kind:
            conds.append(FlagRow.kind == kind)
        if article_id:
            conds.append(FlagRow.article_id == article_id)
        with self._read() as conn:
            total = conn.execute(select(func.count()).select_from(FlagRow).where(*conds)).scalar_one()
            result = conn.execute(select(FlagRow.data, FlagRow.article_id).where(*conds)
                                  .order_by(FlagRow.pk).limit(limit).offset(offset))
            items = [{**r.data, "article_id": r.article_id} for r in result]
        return _page(items, total, limit, offset)

    def actors(self, q: str | None = None, code: str | None = None, limit: int = 50,
               offset: int = 0) -> dict[str, Any]:
        """Resolved actors across articles, most mentioned first:
        ``{name, code, sector, office, actor_id, mentions, articles}``."""
        limit, offset = _limits(limit, offset)
        conds = [MentionRow.name.is_not(None)]
        if q:
            conds.append(or_(_contains(MentionRow.name, q), _contains(MentionRow.text, q)))
        if code:
            conds.append(func.upper(MentionRow.code) == code.upper())
        grouped = (
            select(MentionRow.name, MentionRow.code, MentionRow.sector,
                   func.max(MentionRow.office).label("office"), func.max(MentionRow.actor_id).label("actor_id"),
                   func.count().label("mentions"), func.count(MentionRow.article_id.distinct()).label("articles"))
            .where(*conds).group_by(MentionRow.name, MentionRow.code, MentionRow.sector)
        )
        with self._read() as conn:
            total = conn.execute(select(func.count()).select_from(grouped.subquery())).scalar_one()
            result = conn.execute(grouped.order_by(func.count().desc(), MentionRow.name).limit(limit).offset(offset))
            items = [dict(r._mapping) for r in result]
        return _page(items, total, limit, offset)

    # -- negotiation ------------------------------------------------------------

    def negotiation_records(self, start: Any = None, end: Any = None) -> dict[str, list[dict[str, Any]]]:
        """The events, quotes, mentions and articles the negotiation tracker reads (published by ``end``)."""
        with self._read() as conn:
            when = func.coalesce(EventRow.date, EventRow.published)
            conds = []
            if end:
                conds.append(or_(EventRow.published <= _iso(end), EventRow.published.is_(None)))
            events = [self._event_out(r) | {"published": r.published}
                      for r in conn.execute(self._event_select().where(*conds).order_by(when, EventRow.pk))]
            qconds = [ArticleRow.published <= _iso(end)] if end else []
            quotes = [{**r.data, "article_id": r.article_id, "published": r.published}
                      for r in conn.execute(
                          select(QuoteRow.data, QuoteRow.article_id, ArticleRow.published)
                          .join(ArticleRow, ArticleRow.id == QuoteRow.article_id).where(*qconds)
                          .order_by(ArticleRow.published, QuoteRow.pk))]
            aconds = [ArticleRow.published <= _iso(end)] if end else []
            articles = [dict(r._mapping) for r in conn.execute(
                select(ArticleRow.id, ArticleRow.published, ArticleRow.text, ArticleRow.annotations).where(*aconds)
                .order_by(ArticleRow.published))]
            mentions = [{**r.data, "article_id": r.article_id} for r in conn.execute(
                select(MentionRow.data, MentionRow.article_id).join(ArticleRow, ArticleRow.id == MentionRow.article_id)
                .where(*aconds))]
        return {"events": events, "quotes": quotes, "articles": articles, "mentions": mentions}

    def state(self, as_of: Any = None, between: tuple[Any, Any] | None = None, actor: str | None = None,
              issue: str | None = None) -> dict[str, Any]:
        """The negotiation state (docs/DESIGN contract): ``{positions, proposals, truces, meetings}``
        plus ``splits``, ``agreements``, ``issues`` (see docs/store.md).  ``as_of`` uses only what was published by that date;
        ``between=(a, b)`` keeps evidence dated in that window; ``actor``/``issue`` filter."""
        from parley.negotiation import compute_state

        start, end = (between or (None, None))
        end = _iso(as_of) if as_of else _iso(end)
        records = self.negotiation_records(end=end)
        return compute_state(records, as_of=end, start=_iso(start), actor=actor, issue=issue)

    def timeline(self, start: Any = None, end: Any = None, actor: str | None = None,
                 issue: str | None = None) -> list[dict[str, Any]]:
        """Dated negotiation moments in order: ``{date, kind, summary, evidence, ...}``
        (positions taken or changed, proposals and their fate, truces, meeting steps)."""
        from parley.negotiation import compute_timeline

        records = self.negotiation_records(end=_iso(end))
        return compute_timeline(records, start=_iso(start), end=_iso(end), actor=actor, issue=issue)
