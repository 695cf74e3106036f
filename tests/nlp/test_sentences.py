"""Sentence-boundary rules: what they force and forbid, and what the parsed result looks like."""

from __future__ import annotations

import pytest
import spacy

from parley.nlp import load_model
from parley.nlp.sentences import apply_rules, dateline_end, quote_role, quote_roles


@pytest.fixture(scope="module")
def blank():
    return spacy.blank("en")


def starts(nlp, text):
    """``{token text: is_sent_start}`` after the rules, for tokens the rules decided."""
    doc = apply_rules(nlp(text))
    return doc, {t.i: t.is_sent_start for t in doc if t.is_sent_start is not None}


def test_paragraph_break_ends_a_headline(blank):
    doc, decided = starts(blank, "Talks Resume in Doha\nNegotiators met on Tuesday.")
    officials = [t for t in doc if t.text == "Negotiators"][0]
    newline = [t for t in doc if t.is_space][0]
    assert decided[officials.i] is True
    assert decided[newline.i] is False


def test_wrapped_line_in_lower_case_goes_on(blank):
    doc, decided = starts(blank, "Negotiators from both\nsides met on Tuesday.")
    sides = [t for t in doc if t.text == "sides"][0]
    assert decided[sides.i] is False


def test_sentences_end_only_after_final_punctuation(blank):
    doc, decided = starts(blank, "The Air Force selected 180 Officers a year. Officials said so (in May.) They left.")
    by_text = {t.text: t.i for t in doc}
    assert decided[by_text["Officers"]] is False
    assert by_text["Officials"] not in decided  # after a full stop: the parser decides
    assert decided[by_text["They"]] is True  # ".)" then a capital


def test_closing_quote_stays_with_its_sentence(blank):
    doc, decided = starts(blank, 'He said "We will fight. We will win." Then he left.')
    closing = [t for t in doc if t.text == '"'][1]
    then = [t for t in doc if t.text == "Then"][0]
    first_we = [t for t in doc if t.text == "We"][0]
    assert decided[closing.i] is False
    assert decided[then.i] is True
    assert decided[first_we.i] is False  # right after the opening mark


def test_attribution_after_quote_is_not_a_new_sentence(blank):
    for text in ('"We will fight," he said.', "“Why now?” she asked."):
        doc, decided = starts(blank, text)
        attribution = [t for t in doc if t.text in ("he", "she")][0]
        assert decided[attribution.i] is False, text


def test_quote_roles(blank):
    doc = blank('She said "no" and \'yes\' to the leaders\' plan.')
    roles = [role for t, role in zip(doc, quote_roles(doc)) if t.text in ('"', "'")]
    assert roles == ["open", "close", "open", "close", None]
    doc = blank("“Why now?” she asked.")
    assert [quote_role(doc, t) for t in doc][:5] == ["open", None, None, None, "close"]


@pytest.mark.parametrize(
    "text",
    [
        "May 11—Russian and Ukrainian officials met in Istanbul.",
        "KYIV, Ukraine, May 11 (Reuters) - Officials met in Istanbul.",
        "GENEVA — Officials met in Istanbul.",
    ],
)
def test_dateline_joins_the_first_sentence(blank, text):
    doc, decided = starts(blank, text)
    officials = [t for t in doc if t.text in ("Russian", "Officials")][0]
    assert all(decided.get(i) is False for i in range(1, officials.i + 1))


@pytest.mark.parametrize(
    "text",
    ["The talks - which began in May - went on.", "Officials: talks went on.", "In Kyiv — talks went on."],
)
def test_an_ordinary_opening_is_not_a_dateline(blank, text):
    assert dateline_end(blank(text), 0) is None


def test_dateline_end(blank):
    doc = blank("KYIV, May 11 (Reuters) - Officials met.")
    assert doc[dateline_end(doc, 0)].text == "Officials"


def test_title_abbreviation_does_not_end_a_sentence(blank):
    doc, decided = starts(blank, "They met Gen. Smith and Sen. Jones.")
    assert decided[[t for t in doc if t.text == "Smith"][0].i] is False
    assert decided[[t for t in doc if t.text == "Jones"][0].i] is False


def test_parsed_sentences_follow_the_rules():
    nlp = load_model()
    text = (
        "Ceasefire Talks Stall\n"
        'GENEVA — The envoy said: "We will not give up. We will meet again." '
        'Officials declined to comment. "It is too early," one diplomat said.'
    )
    sents = [s.text.strip() for s in nlp(text).sents]
    assert sents[0] == "Ceasefire Talks Stall"
    assert not any(s in ('"', "”") for s in sents)
    assert any(s.endswith('again."') for s in sents)
    assert any(s.startswith("GENEVA — The envoy") for s in sents)
    assert sents[-1] == '"It is too early," one diplomat said.'
