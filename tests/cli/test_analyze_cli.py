"""The analyze / events commands through Click's test runner: output and exit codes."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from parley.cli import main

ARTICLE = (
    "Armenia and Azerbaijan agreed on Tuesday to resume border talks in Abu Dhabi next month, "
    "the two foreign ministries said. Azerbaijani forces shelled villages near the border "
    "last week, Armenian officials said."
)


@pytest.fixture()
def article_file(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_help_lists_commands():
    result = run("--help")
    assert result.exit_code == 0
    for command in ("analyze", "events"):
        assert command in result.output


def test_analyze_json_is_the_article_analysis(article_file):
    result = run("analyze", article_file, "--date", "2025-03-04", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) >= {"article", "events", "quotes", "flags", "actors"}
    assert data["article"]["published"] == "2025-03-04"
    text = data["article"]["text"]
    for event in data["events"]:
        info = event["text_info"]
        assert text[info["start"]:info["end"]] == event["event_text"]


def test_analyze_text_report(article_file):
    result = run("analyze", article_file, "--date", "2025-03-04")
    assert result.exit_code == 0
    assert "published 2025-03-04" in result.output


def test_events_csv_and_jsonl(article_file):
    as_csv = run("events", article_file, "--date", "2025-03-04", "--format", "csv")
    assert as_csv.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(as_csv.output)))
    as_jsonl = run("events", article_file, "--date", "2025-03-04")
    records = [json.loads(line) for line in as_jsonl.output.splitlines() if line.strip()]
    assert len(rows) == len(records)
    assert [r["id"] for r in rows] == [r["id"] for r in records]


def test_missing_date_is_one_line_and_exit_1(article_file):
    result = CliRunner().invoke(main, ["analyze", str(article_file)])
    assert result.exit_code == 1
    assert "no publication date" in result.output
    assert "Traceback" not in result.output


def test_malformed_date_is_a_usage_error(article_file):
    result = CliRunner().invoke(main, ["analyze", str(article_file), "--date", "2025-99-99"])
    assert result.exit_code == 2
    assert "is not a date" in result.output


def test_missing_file(tmp_path):
    result = CliRunner().invoke(main, ["analyze", str(tmp_path / "missing.txt"), "--date", "2025-01-01"])
    assert result.exit_code == 1
    assert "missing.txt: no such file" in result.output


def test_multi_file_run_goes_on_and_summarises(tmp_path, article_file):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    result = CliRunner().invoke(
        main, ["events", str(empty), str(article_file), str(binary), "--date", "2025-03-04"]
    )
    assert result.exit_code == 1
    assert "1 of 3 inputs coded, 2 failed" in result.output
    assert "empty.txt: empty input" in result.output
    assert "image.txt: binary file" in result.output
