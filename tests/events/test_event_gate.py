"""The quality gate: the coder's scores on the gold sets may not fall below the pinned floors.

Floors live in tests/gold/events/baseline.json.  Slow (it runs the whole pipeline on some
360 sentences), so marked; CI runs it.
"""

import json
import os
from pathlib import Path

import pytest

from parley.eval import evaluate, gate

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("PARLEY_SHARED", REPO.parent / "shared"))
BASELINE = json.loads((REPO / "tests/gold/events/baseline.json").read_text(encoding="utf-8"))


def _model_or_skip():
    import parley

    try:
        parley.load_model()
    except parley.ModelNotFound as exc:
        pytest.skip(str(exc))


@pytest.mark.slow
def test_own_gold_holds_its_floors():
    _model_or_skip()
    entry = BASELINE["parley_gold"]
    report = evaluate(REPO / entry["repo"])
    assert report.sentences >= 150
    assert gate(report, entry["floors"]) == []


@pytest.mark.slow
def test_gsr_dev_holds_its_floors():
    _model_or_skip()
    entry = BASELINE["gsr_dev"]
    path = SHARED / entry["shared"]
    if not path.exists():
        pytest.skip(f"needs {path} (the shared data folder beside the checkout; set PARLEY_SHARED)")
    report = evaluate(path)
    assert gate(report, entry["floors"]) == []


def test_baseline_is_well_formed():
    for name, entry in BASELINE.items():
        if name.startswith("_"):
            continue
        for key, floor in entry["floors"].items():
            assert key.split(".")[0] in ("overall", "per_type", "checks"), key
            assert 0.0 <= floor <= 1.0
            if key in entry["measured"]:
                assert floor <= entry["measured"][key], f"{name}: floor {key} above what was measured"
