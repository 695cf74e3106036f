"""Fixtures of the event tests: the whole pipeline with the packaged model."""

import pytest

import parley

PUBLISHED = "2025-05-11"  # a Sunday


@pytest.fixture(scope="module")
def code():
    """``code(text, published=...)`` analyses a sentence; skips when the model is missing."""
    try:
        parley.load_model()
    except parley.ModelNotFound as exc:
        pytest.skip(str(exc))

    def run(text, published=PUBLISHED):
        return parley.analyze(text, published=published)

    return run
