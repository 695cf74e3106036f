"""store: every record of every coded article in SQLite (default) or PostgreSQL.

``Store.open(url_or_path)`` opens a store and migrates its schema (Alembic, run
programmatically); ``store.ingest(paths)`` codes and stores articles with a journal;
``store.events(...)``, ``store.state(...)`` and friends query it.  See docs/store.md.
"""

from __future__ import annotations

from parley.store.engine import default_url, head_revision, migrate, resolve_url
from parley.store.store import Store

__all__ = ["Store", "default_url", "head_revision", "migrate", "open_store", "resolve_url"]


def open_store(url_or_path=None, **options) -> Store:
    """Open the store at a SQLite path or database URL (None: ``$PARLEY_DB`` or ``./parley.db``)."""
    return Store.open(url_or_path, **options)
