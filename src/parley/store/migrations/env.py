"""Alembic environment for parley's store; run programmatically by ``parley.store.migrate``.

The caller passes an open SQLAlchemy connection in ``config.attributes["connection"]``
(there is no alembic.ini): the migration runs inside the caller's transaction, which
holds the lock that keeps two processes from migrating the same database at once.
"""

from __future__ import annotations

from alembic import context

from parley.store.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reachable when run by hand
    raise RuntimeError("run parley's migrations through parley.store.migrate, not the alembic CLI")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    # SQLite cannot ALTER most things in place; batch mode copies the table instead.
    render_as_batch=connection.dialect.name == "sqlite",
    transactional_ddl=True,
)
with context.begin_transaction():
    context.run_migrations()
