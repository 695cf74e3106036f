"""Accuracy floors on held-out UD data (read from ../shared; skipped when it is absent).

The fast test scores a small slice of EWT dev; the slow one runs the whole
evaluation of ``training/evaluate.py`` (the numbers in MODEL_CARD.md) and
checks them against floors a little under what the shipped model measured, so
that a worse model cannot be shipped unnoticed.
"""

from __future__ import annotations

import sys

import pytest

from parley.nlp import load_model
from parley_testing import REPO, shared_path

sys.path.insert(0, str(REPO / "training"))

import evaluate  # noqa: E402
from conllu import read_conllu  # noqa: E402

DEV_SLICE = 300  # sentences: about 4,500 words, a second or two to parse


def test_accuracy_floor_on_ewt_dev_slice():
    path = shared_path("data", "ud", "en_ewt", "dev.conllu")
    nlp = load_model()
    sentences = read_conllu(path)[:DEV_SLICE]
    scores = evaluate.score_examples(nlp, evaluate._examples(nlp, sentences, 1))
    assert scores["pos_acc"] >= 0.90
    assert scores["dep_las"] >= 0.75
    assert scores["lemma_acc"] >= 0.90


@pytest.mark.slow
def test_full_evaluation():
    ud = shared_path("data", "ud")
    results = evaluate.evaluate_all(REPO / "src" / "parley" / "models" / "en_parley", ud)
    # Measured for the shipped model (MODEL_CARD.md): 0.949, 0.824, 0.819, 0.947, 0.650.
    assert results["ewt_test"]["pos_acc"] >= 0.94
    assert results["ewt_test"]["dep_las"] >= 0.82
    assert results["gum_news_interview_test"]["dep_las"] >= 0.80
    assert results["sentences_gum_news_interview"]["rules"]["sents_f"] >= 0.93  # the target
    assert results["uner_ewt_test"]["ents_f"] >= 0.62
