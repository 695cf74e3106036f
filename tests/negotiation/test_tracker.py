"""The negotiation state over the hand-annotated corpus (tests/corpus/negotiation)."""

from __future__ import annotations

import pytest

from parley.negotiation import compute_state


def by(items, **match):
    return [i for i in items if all(i.get(k) == v for k, v in match.items())]


def test_the_meeting_moves_from_proposed_to_held(corpus_store):
    (meeting,) = corpus_store.state()["meetings"]
    assert meeting["date"] == "2025-06-16"
    assert (meeting["place"], meeting["country_code"]) == ("Istanbul", "TUR")
    assert meeting["proposed_by_code"] == "RUS" and meeting["parties"] == ["RUS", "UKR"]
    assert meeting["mediators"] == ["Hakan Fidan"]
    assert meeting["status"] == "held"
    steps = [h["status"] for h in meeting["history"]]
    assert steps.index("proposed") < steps.index("agreed") < steps.index("scheduled") < steps.index("held")
    # as known on each day
    expected = {"2025-06-03": "proposed", "2025-06-07": "agreed", "2025-06-13": "scheduled", "2025-06-18": "held"}
    for day, status in expected.items():
        assert corpus_store.state(as_of=day)["meetings"][0]["status"] == status


def test_positions_change_over_time_with_their_evidence(corpus_store):
    state = corpus_store.state()
    (zelenskyy,) = by(state["positions"], actor="Volodymyr Zelenskyy", issue="ceasefire_first")
    assert zelenskyy["stance"] == "against" and zelenskyy["changed"]
    assert [h["stance"] for h in zelenskyy["history"]] == ["for", "for", "against"]
    assert zelenskyy["evidence"] == ["neg-04-e2-2"]
    earlier = corpus_store.state(as_of="2025-06-10")
    (before,) = by(earlier["positions"], actor="Volodymyr Zelenskyy", issue="ceasefire_first")
    assert before["stance"] == "for" and before["as_of"] == "2025-06-06"
    # each position's evidence is a stored event
    for p in state["positions"]:
        for evidence in p["evidence"]:
            assert corpus_store.event(evidence) is not None


def test_proposals_and_their_fate(corpus_store):
    proposals = corpus_store.state()["proposals"]
    (talks,) = by(proposals, by_code="RUS", issue="direct_talks")
    assert talks["status"] == "accepted" and talks["to"] == ["Ukraine"]
    (swap,) = by(proposals, by_code="UKR", issue="prisoner_exchange")
    assert swap["what"] == "all-for-all prisoner exchange" and swap["status"] == "rejected"
    assert swap["responses"][0]["evidence"] == "neg-02-e1-1"
    (ceasefire,) = by(proposals, by="Volodymyr Zelenskyy", issue="ceasefire_first")
    assert ceasefire["kind"] == "demand" and len(ceasefire["evidence"]) >= 2
    # a demand is never listed as offered, whatever became of it
    assert all(p["status"] != "offered" for p in proposals if p["kind"] == "demand")
    assert all(p["status"] != "demanded" for p in proposals if p["kind"] == "offer")
    assert any(p["status"] == "demanded" for p in corpus_store.state(as_of="2025-06-06")["proposals"])


def test_an_agreement_appears_and_is_carried_out(corpus_store):
    assert corpus_store.state(as_of="2025-06-15")["agreements"] == []
    (deal,) = corpus_store.state()["agreements"]
    assert deal["parties"] == ["RUS", "UKR"] and deal["issue"] == "prisoner_exchange"
    assert deal["what"] == "1,000 prisoners of war" and deal["date"] == "2025-06-16"
    assert deal["status"] == "implemented"
    assert deal["implemented"] == [{"date": "2025-06-20", "evidence": ["neg-05-e0-0", "neg-06-e0-0"]}]


def test_the_truce(corpus_store):
    (truce,) = corpus_store.state()["truces"]
    assert truce["declared_by_code"] == "RUS"
    assert (truce["start"], truce["end"]) == ("2025-06-22", "2025-06-24")
    assert truce["unilateral"] is True and truce["extended"] is False
    assert truce["violations_alleged_by"] == ["RUS", "UKR"]


def test_the_same_swap_from_two_outlets_is_one_event_with_conflicting_numbers(corpus_store):
    (cluster,) = corpus_store.clusters(min_sources=2)["items"]
    assert cluster["event_type"] == "RETREAT" and cluster["source_count"] == 2
    assert cluster["conflicts"] == [{"field": "numbers", "values": {"390": ["neg-05-e0-0"], "307": ["neg-06-e0-0"]}}]


def test_filters(corpus_store):
    only_ukr = corpus_store.state(actor="UKR")
    assert {p["code"] for p in only_ukr["positions"]} == {"UKR"}
    assert all(t["declared_by_code"] == "RUS" and "UKR" in t["violations_alleged_by"] for t in only_ukr["truces"])
    swaps = corpus_store.state(issue="prisoner_exchange")
    assert {p["issue"] for p in swaps["positions"] + swaps["proposals"] + swaps["agreements"]} == {"prisoner_exchange"}
    late = corpus_store.state(between=("2025-06-15", "2025-06-30"))
    assert not by(late["proposals"], by_code="RUS", issue="direct_talks")


def test_timeline_is_in_date_order_and_tells_the_story(corpus_store):
    items = corpus_store.timeline()
    dates = [i["date"] for i in items]
    assert dates == sorted(dates)
    kinds = [i["kind"] for i in items]
    for kind in ("meeting_proposed", "meeting_held", "proposal_rejected", "agreement", "agreement_implemented",
                 "truce", "truce_violation"):
        assert kind in kinds
    assert kinds.index("meeting_proposed") < kinds.index("meeting_held") < kinds.index("agreement_implemented")


def test_a_split_inside_one_government_is_kept():
    def event(i, who, kind, text):
        return {"id": f"x-e{i}", "article_id": "x", "date": "2025-05-11", "published": "2025-05-11",
                "event": [kind], "modality": [], "event_text": text, "evidentiality": "attributed",
                "actor": [{"code": "USA", "sector": "GOV", "entity_text": who, "identifier_text": who}],
                "recipient": [], "text_info": {"start": 0, "end": len(text)}}

    records = {"events": [
        event(1, "Keith Kellogg", "SUPPORT", "Kellogg said it must be first the ceasefire, then negotiations."),
        event(2, "Donald Trump", "REQUEST", "Trump said Ukraine must take the meeting, even without a ceasefire."),
    ]}
    state = compute_state(records)
    assert state["splits"] == [{"code": "USA", "issue": "ceasefire_first", "for": ["Keith Kellogg"],
                                "against": ["Donald Trump"]}]


@pytest.mark.parametrize("text,kind,modality,expected", [
    ("Kyiv demanded a ceasefire before any talks.", "REQUEST", [], "for"),
    ("Moscow rejected a ceasefire before talks.", "REJECT", [], "against"),
    ("Moscow insists that discussion must come first.", "REQUEST", [], None),  # no issue term
    ("Moscow insists that talks must come first, not a ceasefire.", "REQUEST", [], "against"),
    ("Paris did not call for a ceasefire first.", "REQUEST", ["negated"], "against"),
    ("If Kyiv demanded a ceasefire first, Moscow would refuse.", "REQUEST", ["hypothetical"], None),
])
def test_stance_of_one_sentence(text, kind, modality, expected):
    records = {"events": [{"id": "s-e0", "article_id": "s", "date": "2025-01-02", "published": "2025-01-02",
                           "event": [kind], "modality": modality, "event_text": text,
                           "actor": [{"code": "XXX", "entity_text": "Someone"}], "recipient": []}]}
    positions = [p for p in compute_state(records)["positions"] if p["issue"] == "ceasefire_first"]
    assert [p["stance"] for p in positions] == ([expected] if expected else [])


def test_a_mediator_of_the_talks_takes_no_stance_by_mediating():
    def event(i, kind, text, trigger, actors):
        start = text.index(trigger)
        return {"id": f"m-e{i}", "article_id": "m", "date": "2025-03-14", "published": "2025-03-14",
                "event": [kind], "modality": [], "event_text": text, "evidentiality": "outlet",
                "actor": [{"code": code, "sector": "GOV", "entity_text": name, "identifier_text": name}
                          for code, name in actors],
                "recipient": [], "text_info": {"start": 0, "end": len(text)},
                "trigger": {"text": trigger, "start": start, "end": start + len(trigger)}}

    mediated = "The talks, mediated by Saudi Arabia and the United States, are expected to open on March 20."
    records = {"events": [
        event(1, "AGREE", mediated, "mediated", [("SAU", "Saudi Arabia"), ("USA", "United States")]),
        event(2, "REQUEST", "Saudi Arabia called for direct talks between the two sides.", "called",
              [("SAU", "Saudi Arabia")]),
    ]}
    positions = {(p["code"], p["issue"]): p["stance"] for p in compute_state(records)["positions"]}
    assert ("USA", "direct_talks") not in positions  # its one appearance is as a mediator
    assert positions[("SAU", "direct_talks")] == "for"  # what a mediator asks for is still its stance
    assert [e for p in compute_state(records)["positions"] if p["code"] == "SAU" for e in p["evidence"]] == ["m-e2"]
