"""``parley quotes`` and ``parley claims`` through Click's test runner."""

import json

import pytest
from click.testing import CliRunner

from parley.cli import main

TEXT = ('Sources report that the delegation left Doha without an agreement. '
        'Trump had reportedly played a role in the talks. '
        '"We are ready to meet," Zelenskyy wrote on X. Russian troops captured the village of Andriivka.')


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    return str(path)


def run(*args):
    from parley.errors import ModelNotFound

    result = CliRunner().invoke(main, list(args))
    if isinstance(result.exception, ModelNotFound):
        pytest.skip(str(result.exception))
    return result


def test_quotes_text_and_jsonl(article):
    result = run("quotes", article, "--date", "2025-05-11")
    assert result.exit_code == 0, result.output
    assert "Zelenskyy" in result.output and "via X" in result.output
    result = run("quotes", article, "--date", "2025-05-11", "--format", "jsonl")
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert any(r["kind"] == "direct" and r["medium"] == "X" for r in rows)
    assert all({"id", "text", "start", "end", "kind", "speaker", "anonymous", "cue", "medium", "date"} <= r.keys()
               for r in rows)


def test_claims_filtered_by_status(article):
    result = run("claims", article, "--date", "2025-05-11", "--status", "outlet", "--format", "json")
    assert result.exit_code == 0, result.output
    claims = json.loads(result.output)[0]["claims"]
    assert claims and all(c["evidentiality"] == "outlet" for c in claims)
    assert any("Andriivka" in c["text"] for c in claims)
    result = run("claims", article, "--date", "2025-05-11", "--status", "hedged", "--status", "anonymous")
    assert "reportedly played" in result.output and "left Doha" in result.output


def test_claims_refuses_an_unknown_status(article):
    result = CliRunner().invoke(main, ["claims", article, "--status", "rumour"])
    assert result.exit_code == 2


def test_missing_file_is_one_line_error(tmp_path):
    result = run("quotes", str(tmp_path / "none.txt"), "--date", "2025-05-11")
    assert result.exit_code == 1
