"""`parley actors lookup` and `parley actors validate` through Click's test runner."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from parley.cli import main

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_lookup_text_shows_decision_and_offices():
    r = run("actors", "lookup", "Trump", "--date", "2022-06-01")
    assert r.exit_code == 0, r.output
    assert "USA ELI" in r.output
    assert "2017-01-20 – 2021-01-20" in r.output


def test_lookup_json():
    r = run("actors", "lookup", "Polish President Donald Tusk", "--date", "2025-05-11", "--format", "json")
    data = json.loads(r.output)
    assert data["entity"]["code"] == "POL" and data["entity"]["office"] == "Prime Minister"
    assert data["date"] == "2025-05-11"
    assert any("does not match" in reason for reason in data["reasons"])


def test_lookup_unknown_name_exits_1():
    r = run("actors", "lookup", "Nobody In Particular")
    assert r.exit_code == 1
    assert "not resolved" in r.output


def test_lookup_with_a_user_dictionary():
    r = run("actors", "lookup", "Tomas Probe", "--date", "2025-02-01", "--dictionary", str(FIXTURES / "offices_user.csv"))
    assert r.exit_code == 0, r.output
    assert "LTU GOV" in r.output


def test_lookup_bad_date_is_a_usage_error():
    r = run("actors", "lookup", "Trump", "--date", "yesterdayish")
    assert r.exit_code == 2


def test_validate_ok_and_problems():
    ok = run("actors", "validate", str(FIXTURES / "offices_user.csv"))
    assert ok.exit_code == 0 and "ok" in ok.output
    bad = CliRunner().invoke(main, ["actors", "validate", str(FIXTURES / "offices_bad.csv")])
    assert bad.exit_code == 1
    assert "offices_bad.csv:5: sector: 'BOSS' is not a PLOVER sector" in bad.output
    assert "6 problem(s)" in bad.output
