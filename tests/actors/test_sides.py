""" "Both sides" and friends: the two parties of the main conflict, never a mediator, unresolved when unsure.

Every text here was written for these tests (no article's sentences)."""

from __future__ import annotations

import pytest

from actors_helpers import has_model


def sides(analysis, phrase=None):
    """{phrase text: sorted identifiers} of the both-sides mentions."""
    out: dict[str, list[str]] = {}
    for m in analysis.actors:
        if m.how == "both-sides" and (phrase is None or m.text == phrase):
            out.setdefault(m.text, []).append(m.entity.identifier_text)
    return {k: sorted(v) for k, v in out.items()}


def test_a_mediator_named_most_is_not_a_side(annotated):
    a = annotated(
        "Azerbaijan and Armenia resumed talks in Abu Dhabi on Monday. Emirati mediators said the UAE would host a "
        "second round. The UAE said Baku had rejected Yerevan's latest proposal. The UAE, which has hosted three "
        "rounds, urged both sides to return to the table.")
    assert sides(a) == {"both sides": ["Armenia", "Azerbaijan"]}


def test_a_state_and_an_armed_group_are_the_sides(annotated):
    a = annotated(
        "Colombian troops clashed with ELN rebels near the Venezuelan border on Friday. The ELN said the army had "
        "attacked its camps. Colombia's government said the ELN had broken the truce. Venezuela, which hosts the "
        "peace talks, called on both parties to respect the ceasefire.")
    both = [m for m in a.actors if m.how == "both-sides"]
    assert sorted((m.entity.code, m.entity.sector) for m in both) == [("COL", "MIL"), ("COL", "REB")]
    assert "National Liberation Army" in {m.entity.identifier_text for m in both}


def test_the_pair_named_together_in_the_sentence_wins(annotated):
    a = annotated(
        "Ethiopia accused Eritrea of massing troops on the border. Eritrea denied it. Ethiopia said Eritrea was "
        "arming rebels. Kenya, which is hosting talks between the Ethiopian government and the TPLF, urged the two "
        "sides to extend the truce.")
    assert sides(a) == {"the two sides": ["Ethiopia", "Tigray People's Liberation Front"]}


def test_the_one_urging_both_sides_is_not_a_side(annotated):
    a = annotated(
        "Israel struck Hezbollah positions in southern Lebanon on Sunday. Hezbollah fired rockets at Israel in "
        "response. France and the United States urged both sides to respect the truce.")
    assert sides(a) == {"both sides": ["Hezbollah", "Israel"]}


def test_the_two_countries_are_states_only(annotated):
    a = annotated(
        "Thailand accused Cambodia of shelling a border temple. Cambodia said Thai troops had fired first. "
        "Malaysia, which chairs ASEAN, said the two countries had agreed to a ceasefire and that both militaries "
        "would pull back.")
    both = [(m.text, m.entity.code, m.entity.sector) for m in a.actors if m.how == "both-sides"]
    assert sorted(both) == [("both militaries", "KHM", "MIL"), ("both militaries", "THA", "MIL"),
                            ("the two countries", "KHM", "GOV"), ("the two countries", "THA", "GOV")]


def test_unresolved_when_no_pair_stands_out(annotated):
    a = annotated("Brazil welcomed the plan. Chile praised it. Peru said both sides should talk.")
    assert sides(a) == {}


def test_without_a_parse_the_pair_named_together(annotated):
    a = annotated(
        "Serbia and Kosovo traded accusations on Tuesday. Serbia said Kosovo police had raided a village. "
        "The EU urged both sides to calm tensions.", parse=False)
    assert sides(a) == {"both sides": ["Kosovo", "Serbia"]}


@pytest.mark.skipif(not has_model(), reason="needs parley's parse")
def test_mediated_by_and_brokered_rule_a_party_out(annotated):
    a = annotated(
        "Rwanda and DR Congo signed a deal in talks mediated by Qatar. Qatar said the deal was final. A "
        "Qatar-brokered truce had collapsed in May, when Rwanda accused Congo of attacks. Qatar said both "
        "sides would meet again.")
    assert sides(a) == {"both sides": ["Democratic Republic of the Congo", "Rwanda"]}


def test_political_parties_and_sides_of_a_border_are_no_pair(annotated):
    a = annotated(
        "Ireland and Britain traded accusations on Monday. Britain said Ireland had ignored the deal. Senators "
        "from both parties criticised the plan. Farmers on both sides of the border protested.")
    assert sides(a) == {}


def test_both_sides_of_the_conflict_is_a_pair(annotated):
    a = annotated(
        "Ireland and Britain traded accusations on Monday. Britain said Ireland had ignored the deal. "
        "Mediators urged both sides of the dispute to talk.")
    assert sides(a) == {"both sides": ["Ireland", "United Kingdom"]}


def test_a_countrys_warring_sides_are_its_two_parties_not_its_government(annotated):
    a = annotated(
        "Yemen's Warring Sides Agree to Prisoner Swap\n"
        "The Houthis said Saudi-led coalition jets had struck their positions near Marib. The coalition accused "
        "the Houthis of firing drones at Saudi Arabia. The Houthis and the Yemeni government have fought since "
        "2014, and the Houthis attacked government forces near Taiz on Monday.")
    both = sides(a)
    assert list(both) == ["Warring Sides"] and len(both["Warring Sides"]) == 2
    assert "Houthis" in " ".join(both["Warring Sides"])
    owner = [m for m in a.actors if m.text == "Yemen" and m.start == 0]
    assert not owner  # the country is where the war is, not a party to the swap


def test_names_joined_by_and_with_an_article_and_a_modifier_are_coordinated_without_a_parse():
    from types import SimpleNamespace

    from parley.actors.sides import _coordinated
    from parley.actors.text import tokenize

    def pair(text, first, second):
        tokens = tokenize(text)
        span = {}
        for name in (first, second):
            start = text.index(name)
            i = next(k for k, t in enumerate(tokens) if t.start == start)
            j = next(k for k, t in enumerate(tokens) if t.end == start + len(name)) + 1
            span[name] = SimpleNamespace(i=i, j=j, start=start)
        return _coordinated(tokens, span[first], span[second], None, None)

    assert pair("Sudan's army and the paramilitary Rapid Support Forces agreed", "army", "Rapid Support Forces")
    assert pair("Armenia, Azerbaijan and Georgia", "Azerbaijan", "Georgia")
    assert pair("Israel and the Hamas movement", "Israel", "Hamas")
    assert not pair("Israel and the Palestinian Hamas", "Israel", "Hamas")  # a name-like word: leave it to the parse
    assert not pair("Russia said on Monday and Ukraine", "Russia", "Ukraine")
    assert not pair("Russia struck Ukraine", "Russia", "Ukraine")
