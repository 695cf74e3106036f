"""The corpus through the real pipeline (no hand annotations): what today's stages let the tracker see."""

from __future__ import annotations

from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "negotiation" / "articles.jsonl"


@pytest.fixture(scope="module")
def state():
    from parley.store import Store

    with Store.open(":memory:") as store:
        summary = store.ingest([CORPUS])
        assert summary["coded"] == 7, store.journal(run_id=summary["id"])
        yield store.state()


@pytest.mark.slow
def test_the_istanbul_meeting_is_held(state):
    (meeting,) = [m for m in state["meetings"] if m["country_code"] == "TUR"]
    assert meeting["date"] == "2025-06-16" and meeting["status"] == "held"
    assert meeting["proposed_by_code"] == "RUS" and {"RUS", "UKR"} <= set(meeting["parties"])


@pytest.mark.slow
def test_zelenskyy_changes_position(state):
    (p,) = [p for p in state["positions"] if p["actor"] == "Volodymyr Zelenskyy" and p["issue"] == "ceasefire_first"]
    assert p["changed"] and p["history"][0]["stance"] == "for" and p["stance"] == "against"


@pytest.mark.slow
def test_the_truce_window(state):
    (truce,) = state["truces"]
    assert (truce["start"], truce["end"], truce["declared_by_code"]) == ("2025-06-22", "2025-06-24", "RUS")
    assert truce["unilateral"] is True and truce["extended"] is False


@pytest.mark.slow
def test_the_example_article_gives_one_meeting_per_meeting():
    """examples/ceasefire_talks.txt: talks in Jeddah opening March 20 are one meeting, Burhan's demand is a demand."""
    from parley.store import Store

    example = Path(__file__).resolve().parents[2] / "examples" / "ceasefire_talks.txt"
    with Store.open(":memory:") as store:
        store.ingest([example], published="2025-03-14")
        state = store.state()
    meetings = sorted((m["date"], m["place"], m["status"]) for m in state["meetings"])
    assert meetings == [("2025-03-12", "Cairo", "held"), ("2025-03-20", "Jeddah", "scheduled")]
    (jeddah,) = [m for m in state["meetings"] if m["place"] == "Jeddah"]
    assert set(jeddah["mediators"]) == {"Saudi Arabia", "United States"}
    (burhan,) = [p for p in state["proposals"] if p["by"] == "Abdel Fattah al-Burhan"]
    assert burhan["kind"] == "demand" and burhan["status"] == "demanded"
    (guterres,) = [p for p in state["proposals"] if p["by"] == "Antonio Guterres"]
    assert set(guterres["to_codes"]) == {"SDN"} and len(guterres["to"]) == 2  # both sides, not one
