"""The store's commands through Click's test runner: ingest, state, timeline, export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from parley.cli import main

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "negotiation" / "articles.jsonl"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    """The test corpus ingested with the real pipeline into a SQLite file."""
    path = tmp_path_factory.mktemp("cli") / "parley.db"
    result = CliRunner().invoke(main, ["ingest", str(CORPUS), "--db", str(path)])
    assert result.exit_code == 0, result.output
    return str(path)


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_ingest_reports_every_input_and_is_idempotent(db, tmp_path):
    again = run("ingest", str(CORPUS), str(tmp_path / "missing.txt"), "--db", db, "--report")
    assert again.exit_code == 0, again.output
    lines = again.output.strip().splitlines()
    assert sum(line.startswith("duplicate") for line in lines) == 7
    assert any(line.startswith("quarantined") and "no such file" in line for line in lines)
    assert "8 inputs, 0 coded, 7 duplicate, 1 quarantined" in lines[-1]
    latest = json.loads(run("ingest", "--report", "--db", db, "--format", "json").output)
    assert latest["total"] == 8 and len(latest["journal"]) == 8


def test_ingest_needs_paths_or_report(tmp_path):
    result = run("ingest", "--db", str(tmp_path / "x.db"))
    assert result.exit_code == 2 and "give PATHS" in result.output


def test_state_json_has_the_contract_fields(db):
    result = run("state", "--db", db, "--format", "json")
    assert result.exit_code == 0, result.output
    state = json.loads(result.output)
    for key, fields in {
        "positions": {"actor", "issue", "stance", "as_of", "evidence"},
        "proposals": {"by", "to", "what", "date", "status"},
        "truces": {"declared_by", "start", "end", "unilateral", "violations_alleged_by", "extended"},
        "meetings": {"date", "place", "country_code", "proposed_by", "parties", "mediators", "status"},
    }.items():
        assert isinstance(state[key], list)
        for item in state[key]:
            assert fields <= set(item), (key, item)
    assert {m["status"] for m in state["meetings"]} <= {"proposed", "agreed", "scheduled", "held", "cancelled"}


def test_state_table_and_filters(db):
    table = run("state", "--db", db, "--as-of", "2025-06-30", "--actor", "UKR")
    assert table.exit_code == 0, table.output
    bad = run("state", "--db", db, "--as-of", "soon")
    assert bad.exit_code == 2 and "not a date" in bad.output
    between = run("state", "--db", db, "--between", "2025-06-01", "2025-06-10", "--format", "json")
    assert between.exit_code == 0


def test_timeline(db):
    result = run("timeline", "--db", db, "--format", "jsonl")
    assert result.exit_code == 0, result.output
    items = [json.loads(line) for line in result.output.splitlines()]
    dates = [i["date"] or "" for i in items]
    assert dates == sorted(dates)
    assert run("timeline", "--db", db).exit_code == 0


def test_export_jsonl_csv_parquet(db, tmp_path):
    jsonl = run("export", "--db", db, "--format", "jsonl")
    assert jsonl.exit_code == 0, jsonl.output
    events = [json.loads(line) for line in jsonl.output.splitlines()]
    for e in events:
        assert {"id", "article_id", "date", "event", "mode", "context", "actor", "recipient", "event_loc",
                "event_text", "text_info", "cameo", "modality", "evidentiality", "cite_info"} <= set(e)
    csv_out = run("export", "--db", db, "--format", "csv")
    assert csv_out.exit_code == 0 and csv_out.output.splitlines()[0].startswith("id,article_id,date,event")
    assert len(csv_out.output.strip().splitlines()) >= len(events) + 1
    target = tmp_path / "events.parquet"
    parquet = run("export", "--db", db, "--format", "parquet", "--output", str(target))
    assert parquet.exit_code == 0, parquet.output
    import pyarrow.parquet as pq

    table = pq.read_table(target)
    assert table.num_rows == len(events) and "plover" in table.column_names
    refused = run("export", "--db", db, "--format", "parquet")
    assert refused.exit_code == 1 and "output file" in refused.output
