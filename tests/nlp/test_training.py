"""Training plumbing that runs in seconds: the raw text for ``spacy pretrain`` and the config it reads."""

from __future__ import annotations

import json
import sys

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
    assert config["components"]["parser"]["model"]["hidden_width"] == 128  # the shipped model's parser
