"""Place names -> country and coordinates; ambiguity and metonymy."""

import pytest

from parley.places import find_places, lookup


def test_city_resolves_to_country_and_coordinates():
    place = lookup("Istanbul")
    assert place.country_code == "TUR"
    assert place.feature == "city"
    assert abs(place.lat - 41.01) < 0.1 and abs(place.lon - 28.95) < 0.1


def test_country_wins_over_a_city_of_the_same_name():
    assert lookup("Jordan").country_code == "JOR"
    assert lookup("Georgia").country_code == "GEO"


@pytest.mark.parametrize("name, code", [("Kyiv", "UKR"), ("Kiev", "UKR"), ("Gaza Strip", "PSE"),
                                        ("Britain", "GBR"), ("Donbas", "UKR"), ("Texas", "USA")])
def test_other_names(name, code):
    assert lookup(name).country_code == code


def test_unknown_and_stop_words():
    assert lookup("Qwertyville") is None
    assert lookup("the") is None


@pytest.fixture(scope="module")
def nlp():
    from parley.errors import ModelNotFound
    from parley.nlp import load_model

    try:
        return load_model()
    except ModelNotFound as exc:
        pytest.skip(str(exc))


def test_places_in_text(nlp):
    doc = nlp("Russian officials will meet Ukrainian negotiators in Istanbul, not in Riyadh.")
    found = {(p.text, p.country_code) for p in find_places(doc)}
    assert ("Istanbul", "TUR") in found and ("Riyadh", "SAU") in found
    for p in find_places(doc):
        assert doc.text[p.start:p.end] == p.text


def test_person_names_are_not_places(nlp):
    doc = nlp("Polish Prime Minister Donald Tusk met Jordan Bardella in Warsaw.")
    texts = [p.text for p in find_places(doc)]
    assert "Warsaw" in texts
    assert "Tusk" not in texts and "Jordan" not in texts


def test_capital_as_actor_is_a_metonym(nlp):
    doc = nlp("Kyiv has rejected the proposal. Talks were held in Kyiv.")
    kyiv = [p for p in find_places(doc) if p.text == "Kyiv"]
    assert [p.metonym for p in kyiv] == [True, False]
