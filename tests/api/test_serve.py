"""``parley serve``: options, refusals, and the app it hands to Uvicorn."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from parley.cli import main


@pytest.fixture
def served(monkeypatch):
    calls = {}
    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.update(app=app, **kw))
    return calls


def test_defaults_to_localhost_read_only(tmp_path, served):
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 0, result.output
    assert served["host"] == "127.0.0.1" and served["port"] == 8000
    assert served["app"].state.settings.token is None
    assert "read-only" in result.output


def test_on_localhost_other_host_names_are_refused(tmp_path, served):
    from fastapi.testclient import TestClient

    CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "s.db")])
    assert TestClient(served["app"], base_url="http://127.0.0.1:8000").get("/api/articles").status_code == 200
    assert TestClient(served["app"], base_url="http://localhost:8000").get("/api/articles").status_code == 200
    # a page on attacker.example whose name now resolves to 127.0.0.1 cannot read the store
    assert TestClient(served["app"], base_url="http://attacker.example:8000").get("/api/articles").status_code == 400


def test_token_and_limits(tmp_path, served):
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "s.db"), "--port", "8123",
                                       "--token", "a-long-enough-token", "--max-request-mb", "1"])
    assert result.exit_code == 0, result.output
    assert served["port"] == 8123
    assert served["app"].state.settings.token == "a-long-enough-token"
    assert served["app"].state.settings.max_request_bytes == 1024 * 1024


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--token", "short"], 2, "at least 12"),
        (["--port", "0"], 2, "port"),
        (["--db", "/no/such/folder/x.db"], 1, "does not exist"),
    ],
)
def test_refusals(served, args, code, message):
    result = CliRunner().invoke(main, ["serve", *args])
    assert result.exit_code == code
    assert message in result.output.lower() or message in (result.stderr or "").lower()
    assert "app" not in served
