"""role_mismatch: titles the actor knowledge base contradicts on the article's date."""

import pytest


def mismatches(analysis):
    return [f for f in analysis.flags if f.kind == "role_mismatch"]


def test_wrong_title_is_flagged_with_the_expected_office(analysed):
    a = analysed("Polish President Donald Tusk demanded a ceasefire.", "2025-05-11")
    (flag,) = mismatches(a)
    assert flag.mention == "Polish President Donald Tusk"
    assert a.article.text[flag.start:flag.end] == flag.mention
    assert flag.expected == "Prime Minister of Poland"


@pytest.mark.parametrize(
    "text",
    [
        "Polish Prime Minister Donald Tusk demanded a ceasefire.",
        "French President Emmanuel Macron demanded a ceasefire.",
        "British Prime Minister Sir Keir Starmer demanded a ceasefire.",
        "Then-British Prime Minister Boris Johnson visited Kyiv.",
        "Kremlin spokesperson Dmitry Peskov spoke to reporters.",
    ],
)
def test_right_or_past_titles_are_not_flagged(analysed, text):
    assert mismatches(analysed(text, "2025-05-11")) == []


def test_the_date_decides(analysed):
    # Tusk was President of the European Council, not of Poland, in 2016
    assert mismatches(analysed("Polish President Donald Tusk spoke.", "2016-05-11"))
    assert not mismatches(analysed("Polish Prime Minister Donald Tusk spoke.", "2024-05-11"))


def test_people_the_knowledge_base_does_not_know_are_not_flagged(analysed):
    assert mismatches(analysed("Ruritanian President Rudolf Rassendyll spoke.", "2025-05-11")) == []


def test_a_title_before_the_term_began_is_flagged_with_its_start(analysed):
    flags = mismatches(analysed("German Chancellor Friedrich Merz spoke in Berlin.", "2025-03-03"))
    if not flags:
        pytest.skip("the knowledge base has no dated term for Friedrich Merz")
    assert flags[0].expected.startswith("Chancellor of Germany only from")


@pytest.mark.parametrize(
    "text",
    [
        # the knowledge base records no holders of these offices for Sudan: it cannot contradict them
        "Army chief Abdel Fattah al-Burhan toured a hospital in Omdurman on Monday.",
        "Sudanese commander Abdel Fattah al-Burhan met tribal elders in Kassala.",
    ],
)
def test_a_title_the_knowledge_base_does_not_track_is_not_flagged(analysed, text):
    assert mismatches(analysed(text, "2025-05-11")) == []


def test_someone_else_holding_the_office_is_a_contradiction(analysed):
    # Peskov is the Kremlin spokesman; the KB names another Russian foreign minister on that day
    flags = mismatches(analysed("Russian Foreign Minister Dmitry Peskov spoke to reporters.", "2025-05-11"))
    assert len(flags) == 1 and "contradicts" in flags[0].message
