"""Evidential status of events and claims; claims of the outlet's own voice."""

import pytest

from parley.evidence.status import Evidence
from parley.records import Event


def claim_at(analysis, phrase):
    at = analysis.article.text.find(phrase)
    holding = [c for c in analysis.claims if c.start <= at < c.end]
    assert holding, f"no claim holds {phrase!r}: {[c.text for c in analysis.claims]}"
    return min(holding, key=lambda c: c.end - c.start)


@pytest.mark.parametrize(
    ("text", "phrase", "status"),
    [
        ("Trump had reportedly played a role in arranging the meeting.", "played", "hedged"),
        ("The rebels allegedly seized two border posts.", "seized", "hedged"),
        ("Iran is said to have supplied the missiles.", "supplied", "hedged"),
        ("Sources report that the delegation left Doha.", "left Doha", "anonymous"),
        ("Officials said the convoy was hit near the border.", "was hit", "anonymous"),
        ("Peskov said the meeting would take place in Istanbul.", "would take place", "attributed"),
        ('"We are ready," Zelenskyy said.', "We are ready", "quote"),
        ('"We are ready," a source familiar with the talks said.', "We are ready", "anonymous"),
        ("Russian troops captured the village on Tuesday.", "captured", "outlet"),
    ],
)
def test_claim_status(analysed, text, phrase, status):
    assert claim_at(analysed(text), phrase).evidentiality == status


def test_hedge_reaches_only_its_own_clause(analysed):
    a = analysed("Both leaders initialed the terms; Johnson reportedly urged Kyiv to keep fighting.")
    ev = Evidence(a)
    text = a.article.text
    assert ev.status(text.find("initialed"), text.find("initialed") + 9)[0] == "outlet"
    assert ev.status(text.find("urged"), text.find("urged") + 5)[0] == "hedged"


def test_events_get_status_speaker_and_source(analysed):
    a = analysed('"Russia attacked our power plants again," Zelenskyy said.')
    text = a.article.text
    start = text.find("attacked")
    event = Event(id="e1", article_id=a.article.id, date=None, event=["ASSAULT"], mode=[], context=[], actor=[],
                  recipient=[], event_loc=None, event_text=text, text_info={"start": 0, "end": len(text)},
                  cameo=None, trigger={"text": "attacked", "start": start, "end": start + 8})
    Evidence(a).mark_event(event)
    assert event.evidentiality == "quote"
    assert event.source_id == a.quotes[0].id and "Zelenskyy" in event.speaker.entity_text


def test_questions_and_bare_headlines_are_no_claims(analysed):
    a = analysed("Will the truce hold?\nTrump’s Frustration and Ultimatum\nThe truce held.")
    assert [c.text for c in a.claims] == ["The truce held."]


def test_every_claim_points_at_its_text(analysed):
    a = analysed('Zelenskyy had called the truce a "theatrical stunt." The talks failed. "No," he said.')
    for c in a.claims:
        assert a.article.text[c.start:c.end] == c.text
        assert c.evidentiality in ("quote", "attributed", "anonymous", "hedged", "outlet")


def test_a_hedged_report_is_hedged(analysed):
    a = analysed("Hamas reportedly demanded guarantees that the war would not resume.")
    assert claim_at(a, "the war would not resume").evidentiality == "hedged"


def test_according_to_is_no_assertion_of_the_outlet(analysed):
    a = analysed("The war has displaced thousands, according to the health ministry.")
    assert [c.evidentiality for c in a.claims] == ["attributed"]
