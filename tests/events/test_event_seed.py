"""The worked example (../shared/examples/seed_article.txt): the events a careful analyst would list.

The article is read from ../shared (fixture ``seed_analysis``); nothing here is tuned to it
beyond the list of events an analyst would write down, checked by type, actor and recipient.
"""

from parley.events.dictionary import PLOVER_TYPES


def codes(entities):
    return {e.code for e in entities if e.code}


def find(events, event, actor=None, recipient=None, place=None, mode=None):
    for e in events:
        if e.event != [event]:
            continue
        if actor and not (codes(e.actor) & actor):
            continue
        if recipient and not (codes(e.recipient) & recipient):
            continue
        if place and (e.event_loc or {}).get("country_code") != place:
            continue
        if mode and mode not in e.mode:
            continue
        return e
    return None


ANALYST_LIST = [
    ("Putin offers direct talks with Ukraine in Istanbul", dict(event="AGREE", actor={"RUS"}, recipient={"UKR"},
                                                                place="TUR")),
    ("Zelenskyy demands a ceasefire first", dict(event="REQUEST", actor={"UKR"}, mode="yield")),
    ("Starmer, Macron and Tusk demand that Putin agree to the ceasefire",
     dict(event="REQUEST", actor={"GBR", "FRA", "POL"}, recipient={"RUS"})),
    ("Putin rejects the 30-day ceasefire", dict(event="REJECT", actor={"RUS"})),
    ("Putin refuses to extend the truce", dict(event="REJECT", actor={"RUS"}, mode="yield")),
    ("both sides charge violations of the truce", dict(event="ACCUSE", actor={"RUS", "UKR"})),
    ("Kellogg backs Zelenskyy", dict(event="SUPPORT", recipient={"UKR"})),
    ("Trump demands that Ukraine accept the meeting", dict(event="REQUEST", actor={"USA"}, recipient={"UKR"})),
    ("Zelenskyy plans to go to Istanbul", dict(event="AGREE", actor={"UKR"}, place="TUR")),
    ("Ukraine is ready to meet", dict(event="AGREE", actor={"UKR"})),
    ("Putin wants to meet in Turkey", dict(event="AGREE", actor={"RUS"}, place="TUR")),
]


def test_the_analysts_events_are_found(seed_analysis):
    events = seed_analysis.events
    missing = [name for name, query in ANALYST_LIST if find(events, **query) is None]
    assert len(missing) <= 2, f"not found: {missing}"


def test_few_spurious_events(seed_analysis):
    # about 60 sentences; an analyst lists some 15-20 events.  Allow for reasonable extras.
    assert len(seed_analysis.events) <= 40


def test_records_are_well_formed(seed_analysis):
    text = seed_analysis.article.text
    ids = set()
    for e in seed_analysis.events:
        assert text[e.text_info["start"]:e.text_info["end"]] == e.event_text
        assert text[e.trigger["start"]:e.trigger["end"]] == e.trigger["text"]
        assert e.event[0] in PLOVER_TYPES
        assert e.actor or e.recipient
        assert e.id not in ids
        ids.add(e.id)
        assert e.cite_info["published"] == "2025-05-11"
