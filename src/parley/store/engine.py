"""Opening a store: URL resolution, engine settings per backend, and migrations.

SQLite is the embedded default (WAL journal, so readers never block the writer and
two processes can ingest into one file); PostgreSQL is used by URL through psycopg 3.
Both go through the same SQLAlchemy code.  The schema is created and changed only by
the Alembic migrations in ``migrations/``, run here programmatically.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import time
from pathlib import Path

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.pool import StaticPool

from parley.errors import MissingExtra, StoreError

log = logging.getLogger("parley")

DEFAULT_DB = "parley.db"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
SQLITE_BUSY_TIMEOUT_S = 60
# An arbitrary constant: the PostgreSQL advisory lock that serialises migrations.
PG_MIGRATION_LOCK = 7_261_946_010


def default_url() -> str:
    """``$PARLEY_DB`` when set, else ``./parley.db`` (a SQLite file in the working directory)."""
    return os.environ.get("PARLEY_DB") or DEFAULT_DB


def resolve_url(url_or_path: str | os.PathLike | None) -> str:
    """A SQLAlchemy URL for a SQLite path, ``:memory:``, a ``sqlite:`` or a ``postgresql:`` URL."""
    raw = str(url_or_path) if url_or_path not in (None, "") else default_url()
    if raw == ":memory:":
        return "sqlite://"
    if raw.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + raw.split("://", 1)[1]
    if "://" in raw:
        return raw
    path = Path(raw).expanduser()
    if not path.parent.exists():
        raise StoreError(f"cannot create the store {path}: folder {path.parent} does not exist")
    if path.is_dir():
        raise StoreError(f"{path} is a folder; give the store a file name such as {path / DEFAULT_DB}")
    return f"sqlite:///{path.resolve()}"


def make_engine(url: str, *, echo: bool = False) -> Engine:
    """An engine with the settings each backend needs (WAL and write locks for SQLite)."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(f"not a store path or database URL: {url!r} ({exc})") from None
    backend = parsed.get_backend_name()
    if backend == "postgresql":
        try:
            import psycopg  # noqa: F401
        except ImportError:
            raise MissingExtra("psycopg", "postgres") from None
        return create_engine(url, echo=echo, pool_pre_ping=True)
    if backend != "sqlite":
        raise StoreError(f"unsupported database {backend!r}: use a SQLite path or a postgresql:// URL")
    memory = parsed.database in (None, "", ":memory:")
    engine = create_engine(
        url,
        echo=echo,
        connect_args={"timeout": SQLITE_BUSY_TIMEOUT_S, "check_same_thread": False},
        # One shared connection keeps an in-memory database alive for the store's life.
        poolclass=StaticPool if memory else None,
    )
    _configure_sqlite(engine, wal=not memory)
    return engine


def _configure_sqlite(engine: Engine, *, wal: bool) -> None:
    """WAL, foreign keys, and ``BEGIN IMMEDIATE`` for write transactions.

    pysqlite's own transaction handling begins lazily and upgrades a read lock to a
    write lock mid-transaction, which fails at once (SQLITE_BUSY) when another
    process writes; taking the write lock at BEGIN makes a second writer wait for
    the busy timeout instead.  Writes ask for it with ``execution_options(immediate=True)``.
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN itself, below
        cursor = dbapi_connection.cursor()
        if wal:
            _switch_to_wal(cursor)
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_S * 1000}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection):
        immediate = conn.get_execution_options().get("immediate", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _switch_to_wal(cursor) -> None:
    """``PRAGMA journal_mode=WAL``, waiting up to the busy timeout for another writer.

    Switching a file to WAL reads its header and then upgrades to a write lock; SQLite
    does not call the busy handler for that upgrade (it could deadlock), so while
    another process holds the write lock -- two processes creating one store at
    once -- the pragma fails at once with "database is locked".  Retry it instead.
    """
    deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT_S
    pause = 0.005
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if exc.sqlite_errorcode & 0xFF != sqlite3.SQLITE_BUSY or time.monotonic() + pause > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.5)


def _alembic_config(connection: Connection):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest schema version this parley knows."""
    from alembic.script import ScriptDirectory

    config = _alembic_config(None)  # type: ignore[arg-type]
    return ScriptDirectory.from_config(config).get_current_head()


def current_revision(engine: Engine) -> str | None:
    """The schema version of the database (None when it has never been migrated)."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def migrate(engine: Engine, revision: str = "head") -> str | None:
    """Bring the schema to ``revision`` (default: newest); safe to call from several processes.

    Returns the revision the database was at before.
    """
    from alembic import command

    try:
        before = current_revision(engine)
        if revision == "head" and before == head_revision():
            return before
        with engine.connect().execution_options(immediate=True) as conn, conn.begin():
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_MIGRATION_LOCK})
            _check_foreign_tables(conn)
            command.upgrade(_alembic_config(conn), revision)
    except OperationalError as exc:
        raise StoreError(f"cannot migrate the store: {exc.orig}") from None
    log.info("store migrated from %s to %s", before or "empty", revision)
    return before


def _check_foreign_tables(conn: Connection) -> None:
    """Refuse a database that holds other tables but no parley schema version."""
    from alembic.runtime.migration import MigrationContext

    if MigrationContext.configure(conn).get_current_revision() is not None:
        return
    tables = set(inspect(conn).get_table_names()) - {"alembic_version"}
    if "articles" in tables or "events" in tables:
        raise StoreError(
            "the database has parley-like tables but no schema version; "
            "it was not created by parley's migrations: use a new database"
        )
