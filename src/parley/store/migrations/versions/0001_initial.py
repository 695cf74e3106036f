"""Initial schema: articles and every record of the article analysis, and the ingest journal.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

ID = sa.String(255)
DAY = sa.String(10)  # ISO YYYY-MM-DD: sorts and compares as text on every backend


def _record_columns() -> list[sa.Column]:
    """The columns every per-article record table starts with."""
    return [
        sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("id", ID, nullable=False),
        sa.Column(
            "article_id", ID, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False
        ),
    ]


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", ID, primary_key=True),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("published", DAY),
        sa.Column("source", sa.Text),
        sa.Column("url", sa.Text),
        sa.Column("origin", sa.Text),
        sa.Column("language", sa.String(16)),
        sa.Column("parley_version", sa.String(32)),
        sa.Column("model_version", sa.String(120)),
        sa.Column("dictionary_versions", sa.JSON),
        sa.Column("coded_at", sa.String(32)),
        sa.Column("annotations", sa.JSON),  # sentences, times, places: kept for audits
        sa.UniqueConstraint("content_hash", name="uq_articles_content_hash"),
    )
    op.create_index("ix_articles_published", "articles", ["published"])

    op.create_table(
        "mentions",
        *_record_columns(),
        sa.Column("text", sa.Text),
        sa.Column("start", sa.Integer),
        sa.Column("end", sa.Integer),
        sa.Column("code", sa.String(32)),
        sa.Column("sector", sa.String(32)),
        sa.Column("name", sa.Text),
        sa.Column("office", sa.Text),
        sa.Column("kind", sa.String(32)),
        sa.Column("actor_id", sa.String(120)),
        sa.Column("data", sa.JSON, nullable=False),
        sa.UniqueConstraint("article_id", "id", name="uq_mentions_article_id"),
    )
    op.create_index("ix_mentions_code", "mentions", ["code"])
    op.create_index("ix_mentions_name", "mentions", ["name"])

    op.create_table(
        "events",
        *_record_columns(),
        sa.Column("sentence_index", sa.Integer),
        sa.Column("date", DAY),
        sa.Column("published", DAY),
        sa.Column("event_type", sa.String(32)),
        sa.Column("mode", sa.Text),
        sa.Column("context", sa.Text),
        sa.Column("cameo", sa.String(8)),
        sa.Column("modality", sa.Text),
        sa.Column("evidentiality", sa.String(16)),
        sa.Column("event_text", sa.Text),
        sa.Column("start", sa.Integer),
        sa.Column("end", sa.Integer),
        sa.Column("place", sa.Text),
        sa.Column("country_code", sa.String(8)),
        sa.Column("source_id", ID),
        sa.Column("data", sa.JSON, nullable=False),
        sa.UniqueConstraint("article_id", "id", name="uq_events_article_id"),
    )
    op.create_index("ix_events_id", "events", ["id"])
    op.create_index("ix_events_date", "events", ["date"])
    op.create_index("ix_events_type", "events", ["event_type"])

    op.create_table(
        "event_entities",
        sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("event_pk", sa.Integer, sa.ForeignKey("events.pk", ondelete="CASCADE"), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),  # actor, recipient, speaker
        sa.Column("code", sa.String(32)),
        sa.Column("sector", sa.String(32)),
        sa.Column("name", sa.Text),
        sa.Column("entity_text", sa.Text),
        sa.Column("office", sa.Text),
        sa.Column("actor_id", sa.String(120)),
    )
    op.create_index("ix_event_entities_event", "event_entities", ["event_pk"])
    op.create_index("ix_event_entities_code", "event_entities", ["code"])

    op.create_table(
        "quotes",
        *_record_columns(),
        sa.Column("kind", sa.String(16)),
        sa.Column("speaker_code", sa.String(32)),
        sa.Column("speaker_sector", sa.String(32)),
        sa.Column("speaker_name", sa.Text),
        sa.Column("anonymous", sa.Boolean),
        sa.Column("cue", sa.Text),
        sa.Column("medium", sa.Text),
        sa.Column("date", DAY),
        sa.Column("text", sa.Text),
        sa.Column("start", sa.Integer),
        sa.Column("end", sa.Integer),
        sa.Column("data", sa.JSON, nullable=False),
        sa.UniqueConstraint("article_id", "id", name="uq_quotes_article_id"),
    )
    op.create_index("ix_quotes_speaker_code", "quotes", ["speaker_code"])

    op.create_table(
        "claims",
        *_record_columns(),
        sa.Column("evidentiality", sa.String(16)),
        sa.Column("speaker_code", sa.String(32)),
        sa.Column("speaker_name", sa.Text),
        sa.Column("cue", sa.Text),
        sa.Column("text", sa.Text),
        sa.Column("start", sa.Integer),
        sa.Column("end", sa.Integer),
        sa.Column("data", sa.JSON, nullable=False),
        sa.UniqueConstraint("article_id", "id", name="uq_claims_article_id"),
    )

    op.create_table(
        "flags",
        sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("article_id", ID, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
        sa.Column("kind", sa.String(64)),
        sa.Column("start", sa.Integer),
        sa.Column("end", sa.Integer),
        sa.Column("mention", sa.Text),
        sa.Column("message", sa.Text),
        sa.Column("expected", sa.Text),
        sa.Column("data", sa.JSON, nullable=False),
    )
    op.create_index("ix_flags_article", "flags", ["article_id"])

    op.create_table(
        "journal",
        sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("run_id", sa.String(40), nullable=False),
        sa.Column("origin", sa.Text, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),  # coded, duplicate, quarantined
        sa.Column("reason", sa.Text),
        sa.Column("article_id", ID),
        sa.Column("content_hash", sa.String(64)),
        sa.Column("at", sa.String(32), nullable=False),
    )
    op.create_index("ix_journal_run", "journal", ["run_id"])


def downgrade() -> None:
    for table in ("journal", "flags", "claims", "quotes", "event_entities", "events", "mentions", "articles"):
        op.drop_table(table)
