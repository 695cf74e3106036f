"""Fixtures for the quote tests."""

from __future__ import annotations

import pytest
from quotes_helpers import analyse


@pytest.fixture
def analysed():
    """analysed(text, published="2025-05-11") -> Analysis through nlp .. checks."""
    return analyse
