"""The worked example: every actor mention resolves to the right entity on 2025-05-11."""

from __future__ import annotations

import pytest

from actors_helpers import has_model, make_analysis

# (surface text, code, sector, identifier) for every explicit actor mention, in text order.
EXPECTED = [
    ("Putin", "RUS", "GOV", "Vladimir Putin"),
    ("Ukraine", "UKR", "GOV", "Ukraine"),
    ("Trump", "USA", "GOV", "Donald Trump"),
    ("Zelenskyy", "UKR", "GOV", "Volodymyr Zelenskyy"),
    ("Russian President Vladimir Putin", "RUS", "GOV", "Vladimir Putin"),
    ("NATO", "IGO", "MIL", "NATO"),
    ("Russia", "RUS", "GOV", "Russia"),
    ("Ukrainian leaders", "UKR", "GOV", "Ukraine"),
    ("Putin", "RUS", "GOV", "Vladimir Putin"),
    ("Kyiv", "UKR", "GOV", "Ukraine"),
    ("the United States", "USA", "GOV", "United States"),
    ("Ukrainian President Volodymyr Zelenskyy", "UKR", "GOV", "Volodymyr Zelenskyy"),
    ("the Russians", "RUS", "GOV", "Russia"),
    ("Putin", "RUS", "GOV", "Vladimir Putin"),
    ("Ukraine", "UKR", "GOV", "Ukraine"),
    ("Putin", "RUS", "GOV", "Vladimir Putin"),
    ("Nazi Germany", "DEU", "GOV", "Germany"),
    ("Zelenskyy", "UKR", "GOV", "Volodymyr Zelenskyy"),
    ("NATO leaders", "IGO", "GOV", "NATO"),
    ("the Russian hordes", "RUS", "MIL", "Russia"),
    ("British Prime Minister Sir Keir Starmer", "GBR", "GOV", "Keir Starmer"),
    ("French President Emmanuel Macron", "FRA", "GOV", "Emmanuel Macron"),
    ("Polish President Donald Tusk", "POL", "GOV", "Donald Tusk"),
    ("Putin", "RUS", "GOV", "Vladimir Putin"),
    ("Trump", "USA", "GOV", "Donald Trump"),
    ("Trump", "USA", "GOV", "Donald Trump"),
    ("Special Envoy Steve Witkoff", "USA", "GOV", "Steve Witkoff"),
    ("Trump", "USA", "GOV", "Donald Trump"),
    ("Putin", "RUS", "GOV", "Vladimir Putin"),
    ("Trump", "USA", "GOV", "Donald Trump"),
    ("Russia", "RUS", "GOV", "Russia"),
    ("Ukraine", "UKR", "GOV", "Ukraine"),
    ("The USA", "USA", "GOV", "United States"),
    ("Zelenskyy", "UKR", "GOV", "Volodymyr Zelenskyy"),
    ("Zelenskyy", "UKR", "GOV", "Volodymyr Zelenskyy"),
    ("Putin", "RUS", "GOV", "Vladimir Putin"),
    ("Ukraine", "UKR", "GOV", "Ukraine"),
    ("Moscow", "RUS", "GOV", "Russia"),
    ("the Russians", "RUS", "GOV", "Russia"),
    ("Zelenskyy", "UKR", "GOV", "Volodymyr Zelenskyy"),
    ("Russia", "RUS", "GOV", "Russia"),
    ("Ukraine", "UKR", "GOV", "Ukraine"),
    ("Gen. Keith Kellogg", "USA", "GOV", "Keith Kellogg"),
    ("Trump", "USA", "GOV", "Donald Trump"),
    ("the Ukrainian side", "UKR", "GOV", "Ukraine"),
    ("Zelenskyy", "UKR", "GOV", "Volodymyr Zelenskyy"),
    ("Putin", "RUS", "GOV", "Vladimir Putin"),
    ("Trump", "USA", "GOV", "Donald Trump"),
    ("Zelenskyy", "UKR", "GOV", "Volodymyr Zelenskyy"),
    ("President Putin of Russia", "RUS", "GOV", "Vladimir Putin"),
    ("Ukraine", "UKR", "GOV", "Ukraine"),
    ("Ukraine", "UKR", "GOV", "Ukraine"),
    ("European leaders", "EUR", "GOV", "European Union"),
    ("the U.S.", "USA", "GOV", "United States"),
    ("Zelenskyy", "UKR", "GOV", "Volodymyr Zelenskyy"),
    ("the Russians", "RUS", "GOV", "Russia"),
    ("Putin", "RUS", "GOV", "Vladimir Putin"),
    ("Putin", "RUS", "GOV", "Vladimir Putin"),
    ("Ukraine", "UKR", "GOV", "Ukraine"),
    ("the Russian side", "RUS", "GOV", "Russia"),
    ("the Ukrainian side", "UKR", "GOV", "Ukraine"),
    ("Ukraine's armed forces", "UKR", "MIL", "Ukraine"),
    ("Kremlin spokesperson Dmitry Peskov", "RUS", "GOV", "Dmitry Peskov"),
    ("Trump", "USA", "GOV", "Donald Trump"),
    ("Trump", "USA", "GOV", "Donald Trump"),
    ("Putin", "RUS", "GOV", "Vladimir Putin"),
    ("Zelenskyy", "UKR", "GOV", "Volodymyr Zelenskyy"),
    ("NATO", "IGO", "MIL", "NATO"),
    ("then-British Prime Minister Boris Johnson", "GBR", "GOV", "Boris Johnson"),
    ("Zelenskyy", "UKR", "GOV", "Volodymyr Zelenskyy"),
]

# Words that refer back to someone, with who they are (in text order, by surface text).
COREF = [
    ("he", "Volodymyr Zelenskyy"),  # Zelenskyy has said he would meet
    ("they", "Russia"),  # after they agree to a 30-day ceasefire
    ("he", "Vladimir Putin"),  # the truce he had put into effect
    ("his", "Volodymyr Zelenskyy"),  # support for his war
    ("he", "Donald Trump"),  # what he saw
    ("his", "Donald Trump"),  # his previous demand
    ("He", "Volodymyr Zelenskyy"),  # He said Ukraine is "ready to meet"
    ("He", "Vladimir Putin"),  # He continued:
    ("The President", "Donald Trump"),
    ("Steve", "Steve Witkoff"),
    ("he", "Volodymyr Zelenskyy"),  # demanding he withdraw support
]


@pytest.fixture(scope="module")
def seed(seed_text):
    from parley import actors

    analysis = make_analysis(seed_text, "2025-05-11")
    actors.annotate(analysis)
    return analysis


def test_every_explicit_mention_resolves(seed):
    explicit = [m for m in seed.actors if not (m.how or "").startswith(("coref", "both-sides")) and m.how != "adjective"]
    got = [(m.text, m.entity.code, m.entity.sector, m.entity.identifier_text) for m in explicit]
    assert got == EXPECTED


def test_offices_on_the_article_date(seed):
    by_text = {m.text: m for m in seed.actors}
    assert by_text["Polish President Donald Tusk"].entity.office == "Prime Minister"
    assert by_text["Polish President Donald Tusk"].title == "President"
    assert by_text["Polish President Donald Tusk"].title_code == "POL"
    assert by_text["Gen. Keith Kellogg"].entity.office == "Special Envoy"
    assert by_text["Kremlin spokesperson Dmitry Peskov"].entity.office == "Spokesperson"
    # "then-" keeps the office held at the time, not ELI
    johnson = by_text["then-British Prime Minister Boris Johnson"].entity
    assert (johnson.sector, johnson.office) == ("GOV", "Prime Minister")


def test_offsets_point_at_the_text(seed, seed_text):
    for m in seed.actors:
        assert seed_text[m.start:m.end] == m.text == m.entity.entity_text
        assert m.sentence_index is not None


@pytest.mark.skipif(not has_model(), reason="pronoun rules use the parse of parley's model")
def test_pronouns_and_definite_titles(seed):
    coref = [(m.text, m.entity.identifier_text) for m in seed.actors if (m.how or "").startswith("coref")]
    it = iter(coref)
    for expected in COREF:
        assert expected in it, f"{expected} not found in order in {coref}"


def test_both_sides_are_the_two_parties(seed):
    both = [m for m in seed.actors if m.how == "both-sides"]
    assert both and {m.entity.code for m in both} == {"RUS", "UKR"}
