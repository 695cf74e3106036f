"""The schema is created and changed only by migrations: from empty, and from the previous version."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import inspect, text

from parley.errors import StoreError
from parley.store import Store, head_revision, migrate
from parley.store.engine import current_revision, make_engine, resolve_url
from parley.store.models import Base


def test_open_migrates_an_empty_database_to_the_newest_version(store_url):
    with Store.open(store_url) as store:
        assert store.schema_version() == head_revision() == "0003"
        tables = set(inspect(store.engine).get_table_names())
    assert {"articles", "events", "event_entities", "quotes", "claims", "flags", "mentions", "journal",
            "event_clusters", "ingest_runs", "alembic_version"} <= tables


def test_models_match_the_migrated_schema(store):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with store.engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diffs == []


@pytest.mark.parametrize("previous", ["0001", "0002"])
def test_upgrade_from_a_previous_version_keeps_data_and_clusters_old_events(store_url, previous):
    if store_url == ":memory:":
        pytest.skip("an in-memory database does not outlive its engine")
    engine = make_engine(resolve_url(store_url))
    migrate(engine, previous)
    assert current_revision(engine) == previous
    with engine.begin() as conn:
        for aid, day in (("old-1", "2025-05-01"), ("old-2", "2025-05-02")):
            conn.execute(text(
                "INSERT INTO articles (id, content_hash, text, published) VALUES (:id, :h, :t, :p)"),
                {"id": aid, "h": aid * 8, "t": f"Text of {aid}.", "p": day})
            conn.execute(text(
                "INSERT INTO events (id, article_id, date, published, event_type, event_text, data) "
                "VALUES (:id, :a, :d, :d, 'CONSULT', 'The 2 sides met.', :data)"),
                {"id": f"{aid}-e0-0", "a": aid, "d": day, "data": json.dumps({"id": f"{aid}-e0-0", "event": ["CONSULT"]})})
    engine.dispose()
    with Store.open(store_url) as store:
        assert store.schema_version() == head_revision()
        assert store.stats()["articles"] == 2
        events = store.events()["items"]
        # both old events were put into one cluster: same type and actors, one day apart
        assert {e["cluster_id"] for e in events} == {events[0]["cluster_id"]} != {None}
        assert events[0]["source_count"] == 2
    with engine.connect() as conn:  # 0003 filled in the counts each sentence states
        assert set(conn.execute(text("SELECT numbers FROM events")).scalars()) == {"2"}


def test_downgrade_to_the_previous_version_and_back(store_url):
    if store_url == ":memory:":
        pytest.skip("needs a database that outlives its engine")
    from alembic import command

    from parley.store.engine import _alembic_config

    Store.open(store_url).close()
    engine = make_engine(resolve_url(store_url))
    with engine.begin() as conn:
        command.downgrade(_alembic_config(conn), "0001")
    engine.dispose()
    engine = make_engine(resolve_url(store_url))
    assert current_revision(engine) == "0001"
    assert "event_clusters" not in inspect(engine).get_table_names()
    engine.dispose()
    with Store.open(store_url) as store:
        assert store.schema_version() == head_revision()


def test_a_database_with_foreign_tables_is_refused(tmp_path):
    path = tmp_path / "other.db"
    engine = make_engine(resolve_url(str(path)))
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE articles (x INTEGER)"))
    engine.dispose()
    with pytest.raises(StoreError, match="not created by parley"):
        Store.open(str(path))


def test_opening_without_migrating_says_what_to_do(tmp_path):
    with pytest.raises(StoreError, match="migrate=True"):
        Store.open(str(tmp_path / "new.db"), migrate=False)


def test_bad_locations_are_named_errors(tmp_path):
    with pytest.raises(StoreError, match="does not exist"):
        Store.open(str(tmp_path / "missing" / "parley.db"))
    with pytest.raises(StoreError, match="is a folder"):
        Store.open(str(tmp_path))
    with pytest.raises(StoreError, match="unsupported database"):
        Store.open("mysql://localhost/parley")
