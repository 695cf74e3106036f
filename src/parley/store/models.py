"""The store's tables as SQLAlchemy 2 models (the schema at the newest migration).

The schema itself is created and changed only by the Alembic migrations in
``migrations/versions``; these classes describe it for queries, and a test checks
that the two agree.  Dates are ISO ``YYYY-MM-DD`` strings, which sort and compare
the same way on SQLite and PostgreSQL.  Each record table keeps its scalar fields
as columns (for filtering) and the record's full ``to_dict()`` in ``data``, so the
JSON contract of docs/DESIGN comes back unchanged.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

ID = String(255)
DAY = String(10)


class Base(DeclarativeBase):
    pass


class ArticleRow(Base):
    __tablename__ = "articles"
    __table_args__ = (
        UniqueConstraint("content_hash", name="uq_articles_content_hash"),
        Index("ix_articles_published", "published"),
    )

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64), nullable=False)
    title: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text, nullable=False)
    published: Mapped[str | None] = mapped_column(DAY)
    source: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    origin: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(String(16))
    parley_version: Mapped[str | None] = mapped_column(String(32))
    model_version: Mapped[str | None] = mapped_column(String(120))
    dictionary_versions: Mapped[Any] = mapped_column(JSON, nullable=True)
    coded_at: Mapped[str | None] = mapped_column(String(32))
    annotations: Mapped[Any] = mapped_column(JSON, nullable=True)


class MentionRow(Base):
    __tablename__ = "mentions"
    __table_args__ = (
        UniqueConstraint("article_id", "id", name="uq_mentions_article_id"),
        Index("ix_mentions_code", "code"),
        Index("ix_mentions_name", "name"),
    )

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(ID, nullable=False)
    article_id: Mapped[str] = mapped_column(ID, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False)
    text: Mapped[str | None] = mapped_column(Text)
    start: Mapped[int | None] = mapped_column(Integer)
    end: Mapped[int | None] = mapped_column(Integer)
    code: Mapped[str | None] = mapped_column(String(32))
    sector: Mapped[str | None] = mapped_column(String(32))
    name: Mapped[str | None] = mapped_column(Text)
    office: Mapped[str | None] = mapped_column(Text)
    kind: Mapped[str | None] = mapped_column(String(32))
    actor_id: Mapped[str | None] = mapped_column(String(120))
    data: Mapped[Any] = mapped_column(JSON, nullable=False)


class EventRow(Base):
    __tablename__ = "events"
    __table_args__ = (
        UniqueConstraint("article_id", "id", name="uq_events_article_id"),
        Index("ix_events_id", "id"),
        Index("ix_events_date", "date"),
        Index("ix_events_type", "event_type"),
        Index("ix_events_cluster", "cluster_id"),
        Index("ix_events_cluster_article", "cluster_id", "article_id"),
    )

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(ID, nullable=False)
    article_id: Mapped[str] = mapped_column(ID, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False)
    sentence_index: Mapped[int | None] = mapped_column(Integer)
    date: Mapped[str | None] = mapped_column(DAY)
    published: Mapped[str | None] = mapped_column(DAY)
    event_type: Mapped[str | None] = mapped_column(String(32))
    mode: Mapped[str | None] = mapped_column(Text)
    context: Mapped[str | None] = mapped_column(Text)
    cameo: Mapped[str | None] = mapped_column(String(8))
    modality: Mapped[str | None] = mapped_column(Text)
    evidentiality: Mapped[str | None] = mapped_column(String(16))
    event_text: Mapped[str | None] = mapped_column(Text)
    start: Mapped[int | None] = mapped_column(Integer)
    end: Mapped[int | None] = mapped_column(Integer)
    place: Mapped[str | None] = mapped_column(Text)
    country_code: Mapped[str | None] = mapped_column(String(8))
    source_id: Mapped[str | None] = mapped_column(ID)
    data: Mapped[Any] = mapped_column(JSON, nullable=False)
    cluster_id: Mapped[int | None] = mapped_column(Integer)
    numbers: Mapped[str | None] = mapped_column(Text)


class EventEntityRow(Base):
    __tablename__ = "event_entities"
    __table_args__ = (
        Index("ix_event_entities_event", "event_pk"),
        Index("ix_event_entities_code", "code"),
    )

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_pk: Mapped[int] = mapped_column(Integer, ForeignKey("events.pk", ondelete="CASCADE"), nullable=False)
    role: Mapped[str] = mapped_column(String(16), nullable=False)
    code: Mapped[str | None] = mapped_column(String(32))
    sector: Mapped[str | None] = mapped_column(String(32))
    name: Mapped[str | None] = mapped_column(Text)
    entity_text: Mapped[str | None] = mapped_column(Text)
    office: Mapped[str | None] = mapped_column(Text)
    actor_id: Mapped[str | None] = mapped_column(String(120))


class QuoteRow(Base):
    __tablename__ = "quotes"
    __table_args__ = (
        UniqueConstraint("article_id", "id", name="uq_quotes_article_id"),
        Index("ix_quotes_speaker_code", "speaker_code"),
    )

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(ID, nullable=False)
    article_id: Mapped[str] = mapped_column(ID, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False)
    kind: Mapped[str | None] = mapped_column(String(16))
    speaker_code: Mapped[str | None] = mapped_column(String(32))
    speaker_sector: Mapped[str | None] = mapped_column(String(32))
    speaker_name: Mapped[str | None] = mapped_column(Text)
    anonymous: Mapped[bool | None] = mapped_column(Boolean)
    cue: Mapped[str | None] = mapped_column(Text)
    medium: Mapped[str | None] = mapped_column(Text)
    date: Mapped[str | None] = mapped_column(DAY)
    text: Mapped[str | None] = mapped_column(Text)
    start: Mapped[int | None] = mapped_column(Integer)
    end: Mapped[int | None] = mapped_column(Integer)
    data: Mapped[Any] = mapped_column(JSON, nullable=False)


class ClaimRow(Base):
    __tablename__ = "claims"
    __table_args__ = (UniqueConstraint("article_id", "id", name="uq_claims_article_id"),)

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(ID, nullable=False)
    article_id: Mapped[str] = mapped_column(ID, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False)
    evidentiality: Mapped[str | None] = mapped_column(String(16))
    speaker_code: Mapped[str | None] = mapped_column(String(32))
    speaker_name: Mapped[str | None] = mapped_column(Text)
    cue: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str | None] = mapped_column(Text)
    start: Mapped[int | None] = mapped_column(Integer)
    end: Mapped[int | None] = mapped_column(Integer)
    data: Mapped[Any] = mapped_column(JSON, nullable=False)


class FlagRow(Base):
    __tablename__ = "flags"
    __table_args__ = (Index("ix_flags_article", "article_id"),)

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_id: Mapped[str] = mapped_column(ID, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False)
    kind: Mapped[str | None] = mapped_column(String(64))
    start: Mapped[int | None] = mapped_column(Integer)
    end: Mapped[int | None] = mapped_column(Integer)
    mention: Mapped[str | None] = mapped_column(Text)
    message: Mapped[str | None] = mapped_column(Text)
    expected: Mapped[str | None] = mapped_column(Text)
    data: Mapped[Any] = mapped_column(JSON, nullable=False)


class JournalRow(Base):
    __tablename__ = "journal"
    __table_args__ = (Index("ix_journal_run", "run_id"),)

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    run_id: Mapped[str] = mapped_column(String(40), nullable=False)
    origin: Mapped[str] = mapped_column(Text, nullable=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False)
    reason: Mapped[str | None] = mapped_column(Text)
    article_id: Mapped[str | None] = mapped_column(ID)
    content_hash: Mapped[str | None] = mapped_column(String(64))
    at: Mapped[str] = mapped_column(String(32), nullable=False)


class EventClusterRow(Base):
    __tablename__ = "event_clusters"
    __table_args__ = (Index("ix_event_clusters_key", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(500), nullable=False)
    event_type: Mapped[str | None] = mapped_column(String(32))
    date_first: Mapped[str | None] = mapped_column(String(10))
    date_last: Mapped[str | None] = mapped_column(String(10))
    source_count: Mapped[int] = mapped_column(Integer, nullable=False, server_default="0")
    event_count: Mapped[int] = mapped_column(Integer, nullable=False, server_default="0")
    conflicts: Mapped[Any] = mapped_column(JSON, nullable=True)


class IngestRunRow(Base):
    __tablename__ = "ingest_runs"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    started_at: Mapped[str] = mapped_column(String(32), nullable=False)
    finished_at: Mapped[str | None] = mapped_column(String(32))
    parley_version: Mapped[str | None] = mapped_column(String(32))
    inputs: Mapped[Any] = mapped_column(JSON, nullable=True)
    coded: Mapped[int] = mapped_column(Integer, nullable=False, server_default="0")
    duplicate: Mapped[int] = mapped_column(Integer, nullable=False, server_default="0")
    quarantined: Mapped[int] = mapped_column(Integer, nullable=False, server_default="0")
    status: Mapped[str] = mapped_column(String(16), nullable=False, server_default="running")
