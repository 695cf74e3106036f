"""Quality gate: actor resolution on the gold mentions, against pinned floors."""

from __future__ import annotations

import json

import pytest

from gold_eval import GOLD, METRICS, evaluate, read_gold

FLOORS = json.loads((GOLD.parent / "floors.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", [n for n in FLOORS if not n.startswith("_")])
def test_gold_scores_stay_above_floors(name):
    path = GOLD.parent / name
    if not path.exists():
        pytest.skip(f"{path} not written yet")
    floors = FLOORS[name]
    cases = read_gold(path)
    assert len(cases) >= floors["min_cases"]
    scores, misses = evaluate(cases)
    report = "\n".join(misses[:40])
    for metric in METRICS:
        assert scores[metric] >= floors[metric], f"{name} {metric} {scores[metric]:.3f} < {floors[metric]}\n{report}"


def test_gold_cases_cover_many_countries_and_years():
    cases = read_gold()
    codes = {c.code for c in cases if c.code != "NONE"}
    years = {c.date[:4] for c in cases}
    assert len(codes) >= 60
    assert len(years) >= 8
    assert {"IGO", "UNO", "EUR", "NGO", "IMG"} <= codes
