"""Store fixtures: a fresh store on SQLite (memory and file) and, when configured, PostgreSQL."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "negotiation"
PG_URL = os.environ.get("PARLEY_TEST_PG_URL")


def load_corpus():
    """The hand-annotated negotiation corpus as ``Analysis`` records."""
    spec = importlib.util.spec_from_file_location("parley_test_corpus", CORPUS / "load.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.gold_analyses()


def reset_postgres(url: str) -> None:
    """Drop every table (parley's and Alembic's) so the next open migrates from empty."""
    from sqlalchemy import text

    from parley.store.engine import make_engine, resolve_url

    engine = make_engine(resolve_url(url))
    with engine.begin() as conn:
        for (name,) in conn.execute(text("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")):
            conn.execute(text(f'DROP TABLE IF EXISTS "{name}" CASCADE'))
    engine.dispose()


BACKENDS = [
    "sqlite-memory",
    "sqlite-file",
    pytest.param("postgresql", marks=[
        pytest.mark.postgres,
        pytest.mark.skipif(not PG_URL, reason="set PARLEY_TEST_PG_URL to a PostgreSQL database to run"),
    ]),
]


@pytest.fixture(params=BACKENDS)
def store_url(request, tmp_path):
    """A URL for an empty store on each backend."""
    if request.param == "sqlite-memory":
        return ":memory:"
    if request.param == "sqlite-file":
        return str(tmp_path / "parley.db")
    reset_postgres(PG_URL)
    return PG_URL


@pytest.fixture
def store(store_url):
    from parley.store import Store

    s = Store.open(store_url)
    yield s
    s.close()


@pytest.fixture(scope="session")
def corpus():
    return load_corpus()
