"""Quality gate: the quote gold set (tests/gold/quotes/gold.jsonl) stays above its pinned floors."""

import json

from quotes_gold_eval import BASELINE, evaluate, read_gold
from quotes_helpers import analyse


def test_gold_set_is_big_enough():
    cases = read_gold()
    assert len(cases) >= 100
    assert len({c["id"] for c in cases}) == len(cases)


def test_gold_scores_stay_above_their_floors():
    floors = json.loads(BASELINE.read_text(encoding="utf-8"))["floors"]
    scores, misses = evaluate(analyse)
    low = {f: (scores[f], floor) for f, floor in floors.items() if scores.get(f, 0.0) < floor}
    assert not low, f"below floor: {low}; misses:\n" + "\n".join(misses)
