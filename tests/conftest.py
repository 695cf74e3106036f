"""Shared fixtures: the ../shared data folder (skipped with a reason when absent)."""

from __future__ import annotations

import pytest

from parley_testing import REPO, SEED_DATE, SHARED, shared_path  # noqa: F401  (re-exported for fixtures)


@pytest.fixture(scope="session")
def shared_dir():
    return shared_path()


@pytest.fixture(scope="session")
def seed_text() -> str:
    return shared_path("examples", "seed_article.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_analysis(seed_text):
    import parley

    return parley.analyze(seed_text, published=SEED_DATE)
