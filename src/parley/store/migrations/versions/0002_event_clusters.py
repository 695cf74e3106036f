"""Cross-article events and ingest runs.

Adds ``event_clusters`` (one real-world event reported by several articles, with
its source count and conflicting reports), ``events.cluster_id`` and
``ingest_runs``.  Events stored under 0001 have no cluster yet; ``Store`` clusters
them when it opens the upgraded database.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "event_clusters",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("key", sa.String(500), nullable=False),  # type | actors | recipients | polarity
        sa.Column("event_type", sa.String(32)),
        sa.Column("date_first", sa.String(10)),
        sa.Column("date_last", sa.String(10)),
        sa.Column("source_count", sa.Integer, nullable=False, server_default="0"),
        sa.Column("event_count", sa.Integer, nullable=False, server_default="0"),
        sa.Column("conflicts", sa.JSON),
    )
    op.create_index("ix_event_clusters_key", "event_clusters", ["key"])
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("cluster_id", sa.Integer, nullable=True))
        batch.create_index("ix_events_cluster", ["cluster_id"])

    op.create_table(
        "ingest_runs",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("started_at", sa.String(32), nullable=False),
        sa.Column("finished_at", sa.String(32)),
        sa.Column("parley_version", sa.String(32)),
        sa.Column("inputs", sa.JSON),
        sa.Column("coded", sa.Integer, nullable=False, server_default="0"),
        sa.Column("duplicate", sa.Integer, nullable=False, server_default="0"),
        sa.Column("quarantined", sa.Integer, nullable=False, server_default="0"),
        sa.Column("status", sa.String(16), nullable=False, server_default="running"),
    )


def downgrade() -> None:
    op.drop_table("ingest_runs")
    with op.batch_alter_table("events") as batch:
        batch.drop_index("ix_events_cluster")
        batch.drop_column("cluster_id")
    op.drop_table("event_clusters")
