"""The hand-annotated negotiation corpus (tests/corpus/negotiation) for the tracker tests."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "negotiation"


@pytest.fixture(scope="session")
def corpus():
    spec = importlib.util.spec_from_file_location("parley_test_corpus", CORPUS / "load.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.gold_analyses()


@pytest.fixture
def corpus_store(corpus):
    from parley.store import Store

    store = Store.open(":memory:")
    for analysis in corpus:
        store.add_analysis(analysis)
    yield store
    store.close()
