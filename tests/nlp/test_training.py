"""Training plumbing that runs in seconds: the raw text for ``spacy pretrain`` and the config it reads."""

from __future__ import annotations

import json
import sys

import pytest
import spacy

from parley_testing import REPO, shared_path

sys.path.insert(0, str(REPO / "training"))

import convert  # noqa: E402


def test_raw_text_is_the_train_documents_only(tmp_path):
    ud = shared_path("data", "ud")
    path = convert.write_raw_text(ud, tmp_path)
    docs = [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(docs) > 1000 and all(d.strip() for d in docs)
    text = "\n".join(docs)
    test_sentence = next(line for line in (ud / "en_ewt" / "test.conllu").read_text(encoding="utf-8").splitlines()
                         if line.startswith("# text = ") and len(line) > 60)[len("# text = "):]
    assert test_sentence not in text  # dev and test text stay unseen


def test_the_config_has_a_pretraining_block():
    config = spacy.util.load_config(REPO / "training" / "config.cfg")
    assert config["pretraining"]["component"] == "tok2vec"
    assert config["corpora"]["pretrain"]["path"] == "${paths.raw_text}"
    assert config["components"]["parser"]["model"]["hidden_width"] == 64  # the shipped model's narrow parser
    assert config["components"]["tok2vec"]["model"]["embed"]["include_static_vectors"] is True


def test_vector_vocabulary_is_train_words_and_minilm_whole_words(tmp_path):
    import vectors

    (tmp_path / "vocab.txt").write_text("[PAD]\n[CLS]\nthe\n##ing\nkyiv\nshelled\n1990\n", encoding="utf-8")
    vocab = vectors.vocabulary(shared_path(), tmp_path)
    assert "##ing" not in vocab and "[CLS]" not in vocab
    assert {"Kyiv", "kyiv", "KYIV"} <= vocab["kyiv"] and "shelled" in vocab
    assert "washington" in vocab and "Washington" in vocab["washington"]  # from the train text
    ewt_test_only = "redistributors"  # in EWT test, in neither train split
    assert ewt_test_only not in vocab
    assert list(vocab) == sorted(vocab)


def test_vector_table_gives_every_form_of_a_word_its_row(tmp_path):
    import numpy as np
    import vectors

    rng = np.random.default_rng(0)
    reduced = vectors.reduce(rng.normal(size=(50, 20)) * np.arange(1, 21), 4)
    assert reduced.shape == (50, 4) and reduced.dtype == np.float32
    assert abs((reduced ** 2).sum(1).mean() - 4) < 1e-3
    vocab = {"kyiv": {"kyiv", "Kyiv", "KYIV"}, "talks": {"talks", "Talks", "TALKS"}}
    n_keys = vectors.save(vocab, reduced[:2], tmp_path / "vec")
    nlp = spacy.load(tmp_path / "vec")
    assert n_keys == 6
    rows = nlp.vocab.vectors.find(keys=nlp("KYIV Kyiv talks Talks Odesa").to_array("ORTH"))
    assert list(rows) == [0, 0, 1, 1, -1]


def test_training_builds_vectors_only_for_a_config_that_reads_them(tmp_path):
    import train

    assert train.uses_vectors(REPO / "training" / "config.cfg")
    assert not train.uses_vectors(REPO / "training" / "config_cnn.cfg")
    assert train.ensure_vectors(REPO / "training" / "config_cnn.cfg", tmp_path / "none", tmp_path) is None
    built = tmp_path / "vectors"
    (built).mkdir()
    (built / "meta.json").write_text("{}", encoding="utf-8")
    assert train.ensure_vectors(REPO / "training" / "config.cfg", built, tmp_path) == built
    with pytest.raises(SystemExit, match="static vectors"):
        train.ensure_vectors(REPO / "training" / "config.cfg", None, tmp_path)
