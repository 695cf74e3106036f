"""The event coder on small hand-written sentences (whole pipeline, packaged model)."""

import parley

PUBLISHED = "2025-05-11"


def events_of(analysis, event=None):
    return [e for e in analysis.events if event is None or e.event == [event]]


def codes(entities):
    return {e.code for e in entities}


def test_record_points_at_its_sentence(code):
    text = "Fighting resumed overnight. Israeli jets struck Hezbollah positions in southern Lebanon on Monday."
    a = code(text)
    [e] = events_of(a, "ASSAULT")
    assert text[e.text_info["start"]:e.text_info["end"]] == e.event_text
    assert e.event_text.startswith("Israeli jets")
    assert text[e.trigger["start"]:e.trigger["end"]] == e.trigger["text"] == "struck"
    assert e.sentence_index == 1
    assert codes(e.actor) == {"ISR"} and codes(e.recipient) == {"LBN"}
    assert e.date == "2025-05-05" and e.event_loc["country_code"] == "LBN"
    assert e.cameo and e.cite_info["published"] == PUBLISHED
    assert e.id.startswith(a.article.id)


def test_offer_to_meet_is_agree_with_place(code):
    a = code("Putin offered on Sunday to meet Ukrainian leaders in Istanbul on May 15.")
    [e] = events_of(a)
    assert e.event == ["AGREE"]
    assert codes(e.actor) == {"RUS"} and codes(e.recipient) == {"UKR"}
    assert e.event_loc["country_code"] == "TUR"
    assert e.date == "2025-05-11"  # the offer was made on Sunday; May 15 is when they would meet


def test_passive_voice(code):
    a = code("A Ukrainian village was shelled by Russian forces.")
    [e] = events_of(a, "ASSAULT")
    assert codes(e.actor) == {"RUS"} and codes(e.recipient) == {"UKR"}


def test_compound_actor_and_reported_demand(code):
    a = code("France and Germany demanded that Russia withdraw its troops from Ukraine.")
    [e] = events_of(a, "REQUEST")
    assert codes(e.actor) == {"FRA", "DEU"}
    assert "RUS" in codes(e.recipient)
    assert not events_of(a, "RETREAT")  # the demanded withdrawal is what is asked, not an event


def test_refusal_frames_its_complement(code):
    a = code("Putin refused to extend the truce.")
    [e] = events_of(a)
    assert e.event == ["REJECT"] and e.mode == ["yield"]
    assert codes(e.actor) == {"RUS"}


def test_threat_mode_from_what_is_threatened(code):
    a = code("Iran threatened to attack Israel.")
    [e] = events_of(a)
    assert e.event == ["THREATEN"] and e.mode == ["violence"]
    assert codes(e.recipient) == {"ISR"}


def test_negation_is_a_modality(code):
    a = code("Russia has not ruled out a ceasefire.")
    [e] = events_of(a, "REJECT")
    assert "negated" in e.modality


def test_future_cooperation_is_agree(code):
    a = code("Germany will send tanks to Ukraine.")
    [e] = events_of(a)
    assert e.event == ["AGREE"] and codes(e.actor) == {"DEU"}


def test_reported_speech_keeps_the_speaker(code):
    a = code("Kyiv said Russian troops attacked the city of Kharkiv.")
    [e] = events_of(a, "ASSAULT")
    assert codes(e.actor) == {"RUS"}
    assert e.speaker is not None and e.speaker.code == "UKR"


def test_historical_events_are_marked(code):
    a = code("Russian troops invaded Georgia in August 2008.")
    [e] = events_of(a, "ASSAULT")
    assert "historical" in e.modality and e.date.startswith("2008-08")


def test_no_events_in_plain_prose(code):
    a = code("The weather in Vienna was mild, and the museums were busy all week.")
    assert a.events == []


def test_both_sides_are_both_recipients(code):
    (event,) = [e for e in code(
        "The army and the Rapid Support Forces agreed to talks in Jeddah. Sudan's army accused the RSF of "
        "shelling a market, and the RSF accused the army of air strikes. UN Secretary-General Antonio "
        "Guterres urged both sides to silence the guns.").events if e.event == ["REQUEST"]]
    assert {r.actor_id for r in event.recipient} == {"o:saf", "o:rsf"}


def test_the_mediation_of_forecast_talks_is_dated_when_they_open(code):
    (event,) = code("The talks, mediated by Saudi Arabia and the United States, are expected to open on March 20.",
                    published="2025-03-14").events
    assert event.date == "2025-03-20" and {a.code for a in event.actor} == {"SAU", "USA"}
    (truce,) = code("The truce, declared by Hamas on Monday, is expected to hold until Friday.",
                    published="2025-03-14").events
    assert truce.event == ["RETREAT"] and truce.date == "2025-03-10"  # declared before the forecast


def test_support_for_talks_is_support_not_talks(code):
    events = code("Egypt's President Abdel Fattah el-Sisi met Burhan in Cairo on Wednesday and pledged support "
                  "for the talks.").events
    assert sorted(e.event[0] for e in events) == ["CONSULT", "SUPPORT"]
