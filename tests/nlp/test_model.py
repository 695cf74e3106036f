"""The packaged model: it loads (once), parses, and fails clearly when its files are missing or damaged."""

from __future__ import annotations

import shutil

import pytest

import parley
from parley.errors import ModelNotFound
from parley.ingest import make_article
from parley.nlp import MODEL_DIR, annotate, load_model
from parley.records import Analysis

TEXT = (
    "Talks Resume in Doha\n"
    "Negotiators from Russia and Ukraine met in Doha on Tuesday. "
    '"We agreed to exchange prisoners," said Rustem Umerov, who led the Ukrainian delegation.\n'
    "The next round is planned for June."
)


def test_load_is_cached_and_public():
    nlp = load_model()
    assert parley.load_model() is nlp
    assert load_model(MODEL_DIR) is nlp
    for name in ("tok2vec", "tagger", "morphologizer", "parser", "parley_sentence_rules"):
        assert name in nlp.pipe_names
    assert nlp.pipe_names.index("parley_sentence_rules") < nlp.pipe_names.index("parser")


def test_parse():
    # (a capitalised common noun that opens a sentence is a known weak spot: 76 % right on EWT test; MODEL_CARD.md)
    doc = load_model()("The negotiators from Russia and Ukraine met in Doha on Tuesday.")
    by_text = {t.text: t for t in doc}
    assert by_text["met"].dep_ == "ROOT"
    assert by_text["negotiators"].head.i == by_text["met"].i
    assert by_text["negotiators"].pos_ == "NOUN"
    assert by_text["Doha"].pos_ == "PROPN"
    assert by_text["met"].lemma_ == "meet"


def test_entities():
    nlp = load_model()
    if "ner" not in nlp.pipe_names:
        pytest.skip("this model has no NER component")
    doc = nlp("Negotiators from Russia and Ukraine met in Doha on Tuesday, said Rustem Umerov.")
    labels = {ent.text: ent.label_ for ent in doc.ents}
    assert labels.get("Russia") == "LOC" or labels.get("Doha") == "LOC"
    assert set(labels.values()) <= {"PER", "ORG", "LOC"}


def test_annotate_keeps_the_contract():
    article = make_article(TEXT, published="2025-05-11")
    analysis = Analysis(article=article)
    analysis._sentence_base = 7  # type: ignore[attr-defined]
    annotate(analysis)
    assert analysis.doc is not None and analysis.doc.text == TEXT
    indexes = [s.index for s in analysis.sentences]
    assert indexes == list(range(7, 7 + len(indexes)))
    for sent in analysis.sentences:
        assert TEXT[sent.start : sent.end] == sent.text
        assert sent.text == sent.text.strip()
    texts = [s.text for s in analysis.sentences]
    assert texts[0] == "Talks Resume in Doha"
    assert texts[-1] == "The next round is planned for June."
    assert any(t.startswith('"We agreed') and t.endswith("delegation.") for t in texts)


def test_missing_model(tmp_path):
    with pytest.raises(ModelNotFound, match="missing"):
        load_model(tmp_path)


def test_damaged_model(tmp_path):
    damaged = tmp_path / "en_parley"
    shutil.copytree(MODEL_DIR, damaged)
    (damaged / "parser" / "model").write_bytes(b"not a model")
    with pytest.raises(ModelNotFound, match="cannot be loaded"):
        load_model(damaged)


def test_missing_word_vectors(tmp_path):
    # spaCy itself loads the model without its vector table; the CNN would then fail on the first text
    damaged = tmp_path / "en_parley"
    shutil.copytree(MODEL_DIR, damaged)
    (damaged / "vocab" / "vectors").unlink()
    with pytest.raises(ModelNotFound, match="word vectors"):
        load_model(damaged)


def test_bad_config(tmp_path):
    damaged = tmp_path / "en_parley"
    shutil.copytree(MODEL_DIR, damaged)
    (damaged / "config.cfg").write_text("[nlp\nlang = ", encoding="utf-8")
    with pytest.raises(ModelNotFound):
        load_model(damaged)
