"""Fixtures for the actor tests."""

from __future__ import annotations

import pytest

from actors_helpers import make_analysis


@pytest.fixture
def annotated():
    """annotated(text, date) -> Analysis with actors filled."""
    from parley import actors

    def run(text: str, published: str | None = "2025-05-11", parse: bool = True):
        analysis = make_analysis(text, published, parse=parse)
        actors.annotate(analysis)
        return analysis

    return run
