"""unattributed_claim flags: loaded wording in the outlet's own voice, from every side alike."""

import pytest


def categories(analysis):
    return [f.category for f in analysis.flags if f.kind == "unattributed_claim"]


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("The offer came as NATO's war against Russia entered its fourth year.", "war_ascription"),
        ("Russia's unprovoked invasion of Ukraine has displaced millions.", "war_ascription"),
        ("Volunteers came to defend the city against the Russian hordes.", "emotive_label"),
        ("The Kyiv regime shelled the town again.", "emotive_label"),
        ("The terrorist regime in Tehran launched more drones.", "emotive_label"),
        ("The Zionist regime expanded its operations.", "emotive_label"),
        ("The freedom fighters held the ridge.", "emotive_label"),
        ("Israel's genocide in Gaza continued.", "contested_term"),
        ("The liberation of Kherson was celebrated.", "contested_term"),
        ("The special military operation entered a new phase.", "contested_term"),
        ("A decision that may have cost more than a million casualties on both sides.", "speculative_figure"),
        ("What many thought was a workable peace deal was abandoned.", "vague_attribution"),
        ("The deal was close, only for NATO to intervene.", "intervention_blame"),
    ],
)
def test_outlet_framing_is_flagged(analysed, text, category):
    a = analysed(text)
    assert category in categories(a)
    flag = next(f for f in a.flags if f.category == category)
    assert a.article.text[flag.start:flag.end] == flag.mention
    assert flag.expected is None  # a framing flag is never "corrected"


@pytest.mark.parametrize(
    "text",
    [
        '"This is NATO\'s war against Russia," Lavrov said.',
        '"The Russian hordes will not pass," Zelenskyy said.',
        'Khamenei called Israel a "terrorist regime" in a speech.',
        "Officials said the terrorist regime had fired first.",
    ],
)
def test_wording_attributed_to_a_speaker_is_not_flagged(analysed, text):
    assert categories(analysed(text)) == []


def test_scare_quoted_label_in_the_outlet_voice_is_flagged(analysed):
    a = analysed('NATO leaders came to Kyiv to back his war against "the Russian hordes," and demanded a truce.')
    assert "emotive_label" in categories(a)


def test_neutral_reporting_is_not_flagged(analysed):
    a = analysed("Russian and Ukrainian delegations met in Istanbul and agreed to exchange prisoners.")
    assert categories(a) == []


@pytest.mark.parametrize(
    "text",
    [
        "The air force bombed what it called terrorist hideouts near the border on Friday.",
        "Troops shelled a depot which the rebels described as a massacre site on Monday.",
        "The governor praised what Moscow describes as the liberation of Kherson last year.",
        "Ankara calls them terrorists and has shelled their positions for years.",
        "The militia described the raid as genocide in a statement on Sunday.",
        "Leaders of the so-called terrorist state met in the capital.",
    ],
)
def test_framing_inside_attributed_naming_is_not_outlet_voice(analysed, text):
    assert categories(analysed(text)) == []


def test_framing_after_the_attributed_clause_is_still_flagged(analysed):
    # the naming frame covers only its own clause; the outlet's later label is its own
    a = analysed("The army struck what it called militant camps, and terrorists fled the valley.")
    assert categories(a) == ["emotive_label"] or categories(a) == ["contested_term"]
