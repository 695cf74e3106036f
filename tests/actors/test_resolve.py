"""Resolving one name on a date, and the knowledge base's dated questions."""

from __future__ import annotations

from datetime import date

import pytest

from parley.actors import explain, kb, resolve


def view(name, day):
    e = resolve(name, day)
    return e and (e.code, e.sector, e.identifier_text, e.office)


@pytest.mark.parametrize("day, expected", [
    (date(2019, 6, 1), ("USA", "GOV", "Donald Trump", "President")),
    (date(2022, 6, 1), ("USA", "ELI", "Donald Trump", None)),
    (date(2025, 6, 1), ("USA", "GOV", "Donald Trump", "President")),
    (date(2016, 6, 1), ("USA", None, "Donald Trump", None)),
])
def test_trump_is_president_only_in_his_terms(day, expected):
    assert view("Trump", day) == expected


def test_putin_between_presidencies():
    assert view("Vladimir Putin", date(2010, 1, 1)) == ("RUS", "GOV", "Vladimir Putin", "Prime Minister")


def test_title_with_an_unknown_name_still_gives_country_sector_and_office():
    assert view("Latvian Defence Minister Andris Sprūds", date(2024, 1, 1)) == (
        "LVA", "GOV", "Andris Sprūds", "Defence Minister")
    assert view("Gen. Ahmed Example", date(2024, 1, 1)) == (None, "MIL", "Ahmed Example", "Gen.")


def test_role_nouns_metonyms_and_organisations():
    assert view("Russian forces", date(2025, 1, 1))[:2] == ("RUS", "MIL")
    assert view("the Kremlin", date(2025, 1, 1))[:2] == ("RUS", "GOV")
    assert view("the Pentagon", date(2025, 1, 1))[:2] == ("USA", "MIL")
    assert view("Hamas", date(2025, 1, 1))[:2] == ("PSE", "REB")
    assert view("NATO", date(2025, 1, 1))[:2] == ("IGO", "MIL")
    assert view("the Taliban", date(2019, 1, 1))[:2] == ("AFG", "REB")
    assert view("the Taliban", date(2022, 1, 1))[:2] == ("AFG", "GOV")


def test_definite_role_resolves_to_the_holder():
    assert view("the Kremlin spokesman", date(2025, 1, 1)) == ("RUS", "GOV", "Dmitry Peskov", "Spokesperson")
    assert view("the Israeli prime minister", date(2022, 3, 1)) == ("ISR", "GOV", "Naftali Bennett", "Prime Minister")
    assert view("the Emir of Qatar", date(2025, 1, 1))[2] == "Tamim bin Hamad Al Thani"


def test_case_and_common_words_do_not_make_actors():
    assert resolve("turkey", date(2025, 1, 1)) is None
    assert resolve("us", date(2025, 1, 1)) is None
    assert resolve("May", date(2018, 1, 1)) is None  # Theresa May only with a first name or title
    assert view("Prime Minister May", date(2018, 1, 1))[2] == "Theresa May"


def test_explain_says_why_and_notes_a_wrong_title():
    result = explain("Polish President Donald Tusk", date(2025, 5, 11))
    assert result.entity.office == "Prime Minister"
    assert any("does not match" in r for r in result.reasons)
    assert result.to_dict()["offices"][0]["person"] == "Donald Tusk"
    assert explain("Nobody In Particular", date(2025, 1, 1)).entity is None


def test_kb_offices_of_and_holders_for_role_checks():
    k = kb()
    tusk = k.offices_of("Donald Tusk", date(2025, 5, 11))
    assert [(o.code, o.office) for o in tusk] == [("POL", "Prime Minister")]
    assert [o.person for o in k.holders("POL", "President", date(2025, 5, 11))] == ["Andrzej Duda"]
    assert [o.person for o in k.holders("POL", "President", date(2025, 9, 1))] == ["Karol Nawrocki"]
    # a country's own title maps to the office class: the US Secretary of State is its foreign minister
    assert [o.person for o in k.holders("USA", "Foreign Minister", date(2025, 5, 11))] == ["Marco Rubio"]
    assert k.office_class("Secretary of State") == "Foreign Minister"
    assert [o.person for o in k.holders("nato", "Secretary-General", date(2025, 5, 11))] == ["Mark Rutte"]


def test_every_state_plover_codes_has_names_and_adjectives():
    k = kb()
    assert len(k.states) >= 195
    for code in ("KOS", "PSE", "TWN", "VAT", "HKG"):
        assert code in k.states
    missing = [s.code for s in k.states.values() if not s.adjectives and s.code not in ("ATG",)]
    assert len(missing) <= 5, missing
