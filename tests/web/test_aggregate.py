"""Event summaries for the pages: counts per day and type, the actor network."""

from __future__ import annotations

from parley.web.aggregate import network, plover_types, side_of, timeline


def ev(kind, day, actors=(), recipients=()):
    ent = lambda code: {"code": code, "identifier_text": code.title(), "entity_text": code}  # noqa: E731
    return {"event": [kind], "date": day, "actor": [ent(a) for a in actors], "recipient": [ent(r) for r in recipients]}


def test_plover_sides_cover_every_type():
    types = plover_types()
    assert len(types) == 16
    assert side_of("ASSAULT") == "conflictual" and side_of("aid") == "cooperative"
    assert side_of("REQUEST") == "neutral" and side_of("NOT-A-TYPE") == "neutral"
    assert all(info["side"] == ("cooperative" if info["score"] > 0 else "conflictual" if info["score"] < 0 else "neutral")
               for info in types.values())


def test_timeline_counts_per_day_and_type():
    data = timeline([ev("AGREE", "2025-05-02"), ev("AGREE", "2025-05-01"), ev("ASSAULT", "2025-05-01"), ev("AID", None)])
    assert data == {
        "buckets": [{"date": "2025-05-01", "counts": {"AGREE": 1, "ASSAULT": 1}},
                    {"date": "2025-05-02", "counts": {"AGREE": 1}}],
        "total": 4,
        "undated": 1,
    }


def test_network_counts_compound_actors_once_per_pair():
    data = network([
        ev("ASSAULT", "2025-05-01", ["RUS"], ["UKR"]),
        ev("ASSAULT", "2025-05-02", ["RUS"], ["UKR"]),
        ev("AGREE", "2025-05-02", ["RUS", "UKR"], ["TUR"]),
        ev("CONSULT", "2025-05-02", ["USA"], []),  # no recipient: no edge
    ])
    edges = {(e["source"], e["target"]): e["count"] for e in data["edges"]}
    assert edges == {("RUS|Rus", "UKR|Ukr"): 2, ("RUS|Rus", "TUR|Tur"): 1, ("UKR|Ukr", "TUR|Tur"): 1}
    assert data["events"] == 3
    nodes = {n["label"]: n["events"] for n in data["nodes"]}
    assert nodes == {"Rus": 3, "Ukr": 3, "Tur": 1}


def test_network_keeps_the_busiest_actors():
    events = [ev("AGREE", "2025-05-01", ["AAA"], ["BBB"])] * 3 + [ev("AGREE", "2025-05-01", ["CCC"], ["DDD"])]
    data = network(events, max_nodes=2)
    assert [n["label"] for n in data["nodes"]] == ["Aaa", "Bbb"]
    assert [(e["source"], e["target"]) for e in data["edges"]] == [("AAA|Aaa", "BBB|Bbb")]
