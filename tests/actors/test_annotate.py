"""The actors stage on short texts: mentions, offsets, locatives, coreference, mentions_in."""

from __future__ import annotations

from parley.actors import mentions_in


def spans(analysis):
    return [(m.text, m.entity.code, m.entity.sector) for m in analysis.actors]


def test_mentions_have_offsets_ids_and_sentences(annotated):
    text = "Russian forces shelled Kharkiv. Kyiv said Moscow was escalating."
    a = annotated(text)
    assert spans(a) == [("Russian forces", "RUS", "MIL"), ("Kyiv", "UKR", "GOV"), ("Moscow", "RUS", "GOV")]
    for m in a.actors:
        assert text[m.start:m.end] == m.text
        assert m.id.startswith("t-m")
    assert a.actors[0].sentence_index != a.actors[1].sentence_index == a.actors[2].sentence_index


def test_capitals_after_locative_prepositions_are_places(annotated):
    a = annotated("The talks in Istanbul and Kyiv went on, and Washington welcomed them.")
    assert spans(a) == [("Washington", "USA", "GOV")]


def test_surname_after_an_unknown_full_name(annotated):
    a = annotated("Kenyan Foreign Minister Musalia Mudavadi arrived. Mudavadi met the envoy.")
    assert [(m.text, m.entity.identifier_text, m.how) for m in a.actors] == [
        ("Kenyan Foreign Minister Musalia Mudavadi", "Musalia Mudavadi", "title+unknown-name"),
        ("Mudavadi", "Musalia Mudavadi", "coref-surname"),
    ]


def test_pronoun_takes_the_subject_of_the_previous_sentence(annotated):
    a = annotated("Netanyahu met Trump at the White House. He said Israel would keep fighting.")
    he = [m for m in a.actors if m.text == "He"]
    assert he and he[0].entity.identifier_text == "Benjamin Netanyahu" and he[0].how == "coref-pronoun"


def test_works_without_a_parse(annotated):
    a = annotated("Ukrainian President Volodymyr Zelensky said he would go.", parse=False)
    assert [(m.text, m.entity.identifier_text) for m in a.actors] == [
        ("Ukrainian President Volodymyr Zelensky", "Volodymyr Zelenskyy"), ("he", "Volodymyr Zelenskyy")]


def test_undated_article_uses_current_offices(annotated):
    a = annotated("Lavrov spoke.", published=None)
    assert a.actors[0].entity.office == "Foreign Minister"


def test_mentions_in_gives_compound_actors_in_order(annotated):
    text = "British Prime Minister Keir Starmer, French President Emmanuel Macron and Polish Prime Minister Donald Tusk arrived."
    a = annotated(text)
    inside = mentions_in(a, 0, text.index(" arrived"))
    assert [m.entity.code for m in inside] == ["GBR", "FRA", "POL"]
    assert mentions_in(a, 0, 5) == []


def test_both_sides_are_the_two_states_mentioned_most(annotated):
    a = annotated("Russia attacked. Ukraine replied. Russia and Ukraine traded blame, and both sides claimed gains.")
    both = [m for m in a.actors if m.how == "both-sides"]
    assert sorted(m.entity.code for m in both) == ["RUS", "UKR"]
    inside = mentions_in(a, both[0].start, both[0].end)
    assert len(inside) == 2
