"""The counts each event's sentence states, kept with the event.

Comparing reports of one event for conflicting numbers then needs no re-reading of
every member's text each time a report joins (which made clusters quadratic to keep).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from parley.store.merge import numbers_key

    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("numbers", sa.Text, nullable=True))
        batch.create_index("ix_events_cluster_article", ["cluster_id", "article_id"])
    conn = op.get_bind()
    events = sa.table("events", sa.column("pk", sa.Integer), sa.column("event_text", sa.Text),
                      sa.column("numbers", sa.Text))
    for pk, text in conn.execute(sa.select(events.c.pk, events.c.event_text)).all():
        value = numbers_key(text)
        if value:
            conn.execute(events.update().where(events.c.pk == pk).values(numbers=value))


def downgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.drop_index("ix_events_cluster_article")
        batch.drop_column("numbers")
