"""PolNeAR attributions in quotation marks (../shared/data/quotes/polnear_dev.jsonl): pinned floors.

Reproduce the numbers with ``python -m parley.quotes.score ../shared/data/quotes/polnear_dev.jsonl``.
"""

import json

import pytest
from quotes_gold_eval import BASELINE


def test_scorer_pairs_split_quotes_and_pronouns():
    from parley.quotes.score import score_article
    from parley.records import Entity, Quote

    text = '"A is true," she said. "B too."'
    gold = [{"type_fine": "direct", "speaker": "she", "speaker_spans": [[13, 16]],
             "quote_spans": [[0, 12], [23, 31]]}]
    she = Entity(code=None, sector=None, entity_text="she", start=13, end=16)
    quotes = [Quote("q1", text[0:12], 0, 12, "direct", she, False, "said", None, None, cue_span=(17, 21)),
              Quote("q2", text[23:31], 23, 31, "direct", she, False, "said", None, None, cue_span=(17, 21))]
    result = score_article(text, gold, quotes)
    assert result["predicted"] == 1 and result["paired"] == 1 and result["right_speakers"] == 1
    assert result["dice_sum"] == pytest.approx(1.0)


@pytest.mark.slow
def test_polnear_scores_stay_above_their_floors(shared_dir):
    from parley.quotes.score import score_file

    path = shared_dir / "data" / "quotes" / "polnear_dev.jsonl"
    if not path.exists():
        pytest.skip(f"needs {path}")
    floors = json.loads(BASELINE.read_text(encoding="utf-8"))["polnear"]
    summary, _ = score_file(path)
    for metric, floor in floors.items():
        assert summary[metric] >= floor, (metric, summary)
