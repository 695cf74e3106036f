"""One dateline pattern for every stage (parley.nlp.datelines)."""

import pytest

import parley
from parley.nlp.datelines import dateline_at, find_datelines


@pytest.mark.parametrize("line, story", [
    ("KYIV, May 11 (Reuters) - Officials met.", "Officials met."),
    ("NEW DELHI — India said it would talk.", "India said it would talk."),
    ("KINSHASA, June 3 (Wire) — Rwanda said it would withdraw.", "Rwanda said it would withdraw."),
    ("Goma, Congo, Jan. 5 (AP) — Rebels took the town.", "Rebels took the town."),
    ("Cairo (AP) — Egypt hosted the talks.", "Egypt hosted the talks."),
    ("March 14—Ethiopia and Eritrea agreed.", "Ethiopia and Eritrea agreed."),
    ("Feb. 9 — Kyiv said it was ready.", "Kyiv said it was ready."),
    ("NEW DELHI: India said it would talk.", "India said it would talk."),
    ("PORT-AU-PRINCE, Haiti -- Gangs blocked the road.", "Gangs blocked the road."),
])
def test_datelines_are_found(line, story):
    end = dateline_at(line, 0)
    assert end is not None and line[end:] == story


@pytest.mark.parametrize("line", [
    "The talks - which began in May - went on.",
    "Officials: talks went on.",
    "In Kyiv — talks went on.",
    "Kyiv — not Moscow — will decide, Ukraine said.",
    "Ukraine said on May 11 - a Sunday - that it would talk.",
    "MOSCOW —",  # a line of its own introduces nothing
])
def test_other_dashes_are_not_datelines(line):
    assert dateline_at(line, 0) is None


def test_only_at_the_start_of_a_line():
    text = "Talks began.\nBAKU — Azerbaijan said the border was calm. Then BAKU — said more."
    assert find_datelines(text) == [(13, text.index("Azerbaijan"))]


def test_the_dateline_is_found_once_and_read_by_the_stages():
    text = "KYIV, May 11 (Reuters) — Ukraine rejected Russia's offer of talks, the foreign ministry said."
    analysis = parley.analyze(text, published="2025-05-11")
    assert analysis.datelines == [(0, text.index("Ukraine"))]
    assert [m.text for m in analysis.actors if m.start < text.index("Ukraine")] == []  # KYIV is where, not who
    assert analysis.sentences[0].start == 0  # the dateline stays in the sentence it introduces
    assert any(e.event == ["REJECT"] and [a.code for a in e.actor] == ["UKR"] for e in analysis.events)
