"""User dictionaries: PETRARCH/Phoenix actors, Wikidata P39 exports, parley CSV/YAML, and validation."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from parley.actors import explain, load_kb, validate
from parley.errors import DictionaryError

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def entity(kb, name, day):
    e = explain(name, day, knowledge=kb).entity
    return e and (e.code, e.sector, e.identifier_text, e.office)


@pytest.fixture(scope="module")
def petrarch_kb():
    return load_kb([FIXTURES / "phoenix_sample.actors.txt"])


def test_petrarch_person_terms_follow_the_date(petrarch_kb):
    assert entity(petrarch_kb, "Firefly", date(2012, 1, 1)) == ("UKR", "GOV", "Rufus T Firefly", None)
    assert entity(petrarch_kb, "President Firefly", date(2016, 1, 1))[:2] == ("UKR", "ELI")
    # YYMMDD dates and a term with no default code
    assert entity(petrarch_kb, "Ambassador Trentino", date(2010, 5, 5))[:2] == ("RUS", "GOV")


def test_petrarch_organisations_and_country_synonyms(petrarch_kb):
    assert entity(petrarch_kb, "the SLF", date(2020, 1, 1)) == ("UKR", "REB", "Sylvania Liberation Front", None)
    assert entity(petrarch_kb, "Global Peace Council", date(2020, 1, 1))[:2] == ("UNO", "GOV")
    assert entity(petrarch_kb, "the regime in Kyiv", date(2020, 1, 1))[:2] == ("UKR", "GOV")
    assert entity(petrarch_kb, "Ukrainian Government", date(2020, 1, 1))[0] == "UKR"


def test_petrarch_problems_have_lines_and_fields():
    problems = validate(FIXTURES / "phoenix_bad.actors.txt")
    where = {(p.line, p.field) for p in problems}
    assert (1, "restriction") in where  # a restriction before any phrase
    assert (3, "restriction") in where  # malformed dates
    assert any(p.field == "code" and "ZZZ" in p.message for p in problems)
    assert all(p.path.endswith("phoenix_bad.actors.txt") for p in problems)


def test_wikidata_json_sparql_results():
    kb = load_kb([FIXTURES / "wikidata_p39.json"])
    assert entity(kb, "Ana Testova", date(2022, 1, 1)) == ("MDA", "GOV", "Ana Testova", "Minister of Foreign Affairs")
    assert entity(kb, "Ana Testova", date(2025, 1, 1)) == ("MDA", "GOV", "Ana Testova", "Prime Minister")
    # sector from the title, country from a label column
    assert entity(kb, "Boris Samplev", date(2025, 1, 1)) == ("GEO", "MIL", "Boris Samplev", "Chief of the General Staff")
    assert kb.offices_of("Ana Testova")[0].source.endswith("wikidata_p39.json:1")


def test_wikidata_csv_with_a_bad_row():
    with pytest.raises(DictionaryError, match="wikidata_p39.csv:4"):
        load_kb([FIXTURES / "wikidata_p39.csv"])
    kb = load_kb([FIXTURES / "wikidata_p39.csv"], strict=False)
    assert entity(kb, "Carla Exemplo", date(2021, 1, 1)) == ("PRT", "GOV", "Carla Exemplo", "Minister of Defence")
    assert entity(kb, "Carla Exemplo", date(2024, 1, 1)) == ("PRT", "GOV", "Carla Exemplo", "President")


def test_parley_yaml_people_and_organisation_offices():
    kb = load_kb([FIXTURES / "people.yaml"], strict=False)
    assert entity(kb, "Erika Muster", date(2023, 1, 1)) == ("AUT", "GOV", "Erika Muster", "Foreign Minister")
    assert entity(kb, "Muster", date(2025, 6, 1)) == ("IGO", "GOV", "Erika Muster", "OSCE Secretary General")
    problems = validate(FIXTURES / "people.yaml")
    assert [(p.line, p.field) for p in problems] == [(9, "code"), (10, "sector")]


def test_parley_csv_extends_the_packaged_knowledge():
    kb = load_kb([FIXTURES / "offices_user.csv"])
    assert entity(kb, "Lithuanian Defence Minister Tomas Probe", date(2025, 1, 1)) == (
        "LTU", "GOV", "Tomas Probe", "Defence Minister")
    assert validate(FIXTURES / "offices_user.csv") == []


def test_validate_lists_every_problem_with_line_and_field():
    problems = validate(FIXTURES / "offices_bad.csv")
    assert [(p.line, p.field) for p in problems] == [
        (3, "person"), (4, "code"), (5, "sector"), (6, "start"), (7, "end"), (8, None)]
    assert "YYYY-MM-DD" in str(problems[3])


def test_missing_file_is_a_named_error(tmp_path):
    with pytest.raises(DictionaryError, match="does not exist"):
        load_kb([tmp_path / "nope.csv"])


def test_packaged_data_files_are_valid():
    from parley.actors.kb import DATA_DIR

    for name in ("states.csv", "titles.csv", "organisations.yaml", "offices.csv"):
        assert validate(DATA_DIR / name) == [], name


def test_wikidata_rows_for_a_known_person_extend_that_person():
    kb = load_kb([FIXTURES / "wikidata_known_person.csv"])
    assert entity(kb, "Putin", date(2025, 1, 1)) == ("RUS", "GOV", "Vladimir Putin", "President")
    assert len({p.id for p in kb.people.values() if p.name == "Vladimir Putin"}) == 1
