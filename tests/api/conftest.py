"""Fixtures for the API tests: a store holding the hand-written samples, and test clients."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

pytest.importorskip("fastapi", reason="needs the web extra: pip install 'parley[web]'")

from samples import TOKEN, quick_analyze, sample_analyses  # noqa: E402


@pytest.fixture
def store(tmp_path):
    from parley.store import Store

    store = Store.open(tmp_path / "web.db")
    for analysis in sample_analyses():
        assert store.add_analysis(analysis)["status"] == "coded"
    yield store
    store.close()


@pytest.fixture
def client(store):
    """Read-only server (started without a token)."""
    from fastapi.testclient import TestClient

    from parley.api import create_app

    with TestClient(create_app(store)) as c:
        yield c


@pytest.fixture
def writer(store):
    """Server started with a token; requests carry it unless a test removes it."""
    from fastapi.testclient import TestClient

    from parley.api import create_app

    app = create_app(store, token=TOKEN, analyze=quick_analyze, max_request_bytes=64 * 1024)
    with TestClient(app, headers={"Authorization": f"Bearer {TOKEN}"}) as c:
        yield c
