"""The worked example: anonymous and hedged statements, the outlet's own framing, events' status."""

from parley.records import EVIDENTIAL_STATUSES


def claim_with(analysis, phrase):
    at = analysis.article.text.find(phrase)
    assert at != -1, phrase
    holding = [c for c in analysis.claims if c.start <= at < c.end]
    return min(holding, key=lambda c: c.end - c.start)


def test_sources_report_is_anonymous_and_reportedly_is_hedged(seed_analysis):
    assert claim_with(seed_analysis, "Trump became furious").evidentiality == "anonymous"
    assert claim_with(seed_analysis, "had reportedly played a role").evidentiality == "hedged"
    assert claim_with(seed_analysis, "reportedly threatening Zelenskyy").evidentiality == "hedged"


def test_quotes_are_claims_of_their_speakers(seed_analysis):
    claim = claim_with(seed_analysis, "A simplistic approach to a ceasefire")
    assert claim.evidentiality == "quote" and "Peskov" in claim.speaker.identifier_text
    claim = claim_with(seed_analysis, "there is a limit to mediation")
    assert claim.evidentiality == "anonymous"


def test_outlet_framing_is_flagged(seed_analysis):
    flagged = {f.mention for f in seed_analysis.flags if f.kind == "unattributed_claim"}
    assert "NATO's war against Russia" in flagged
    assert any("hordes" in m for m in flagged)
    assert any("may have cost more than a million casualties" in m for m in flagged)


def test_nothing_inside_an_attributed_quote_is_flagged(seed_analysis):
    attributed = [q for q in seed_analysis.quotes if q.speaker is not None]
    for flag in seed_analysis.flags:
        if flag.kind == "unattributed_claim":
            assert not any(q.start <= flag.start < q.end for q in attributed), flag


def test_every_event_has_a_status_and_quoted_events_name_their_source(seed_analysis):
    direct = [q for q in seed_analysis.quotes if q.kind == "direct"]
    for event in seed_analysis.events:
        assert event.evidentiality in EVIDENTIAL_STATUSES
        trigger = event.trigger or {}
        inside = [q for q in direct if trigger and q.start <= trigger.get("start", -1) < q.end]
        if inside:
            assert event.evidentiality in ("quote", "anonymous") and event.source_id == inside[-1].id
