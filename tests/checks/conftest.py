"""Fixtures shared with the quote tests (tests/quotes/quotes_helpers.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "quotes"))

from quotes_helpers import analyse  # noqa: E402


@pytest.fixture
def analysed():
    """analysed(text, published="2025-05-11") -> Analysis through nlp .. checks."""
    return analyse
