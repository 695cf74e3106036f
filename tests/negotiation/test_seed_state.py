"""The negotiation state from the worked example alone (read from ../shared, never copied)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def seed_state(seed_analysis):
    from parley.store import Store

    with Store.open(":memory:") as store:
        assert store.add_analysis(seed_analysis)["status"] == "coded"
        yield store.state()


def stance(state, code, issue="ceasefire_first"):
    return {p["stance"] for p in state["positions"] if p["code"] == code and p["issue"] == issue}


def test_the_istanbul_meeting_proposed_by_russia(seed_state):
    meetings = [m for m in seed_state["meetings"] if m["date"] == "2025-05-15"]
    assert meetings, seed_state["meetings"]
    (meeting,) = meetings
    assert meeting["country_code"] == "TUR" and "Istanbul" in (meeting["place"] or "")
    assert meeting["proposed_by_code"] == "RUS"
    assert meeting["status"] in ("proposed", "agreed", "scheduled")
    assert {"RUS", "UKR"} <= set(meeting["parties"])


def test_who_wants_a_ceasefire_before_talks(seed_state):
    for code in ("UKR", "GBR", "FRA", "POL"):
        assert stance(seed_state, code) == {"for"}, code
    assert stance(seed_state, "RUS") == {"against"}


def test_the_us_is_split(seed_state):
    us = {p["actor"]: p["stance"] for p in seed_state["positions"]
          if p["code"] == "USA" and p["issue"] == "ceasefire_first"}
    assert us.get("Donald Trump") == "against" and us.get("Keith Kellogg") == "for"
    assert {"code": "USA", "issue": "ceasefire_first", "for": ["Keith Kellogg"],
            "against": ["Donald Trump"]} in seed_state["splits"]


def test_the_may_truce(seed_state):
    (truce,) = [t for t in seed_state["truces"] if t["start"] == "2025-05-08"]
    assert truce["end"] == "2025-05-11" and truce["declared_by_code"] == "RUS"
    assert truce["unilateral"] is True and truce["extended"] is False
    assert set(truce["violations_alleged_by"]) == {"RUS", "UKR"}


def test_every_piece_of_evidence_is_a_record_of_the_article(seed_state, seed_analysis):
    ids = {e.id for e in seed_analysis.events} | {q.id for q in seed_analysis.quotes}
    for p in seed_state["positions"]:
        assert set(p["evidence"]) <= ids
    for m in seed_state["meetings"]:
        assert set(m["evidence"]) <= ids
