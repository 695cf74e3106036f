"""Score a parley model on the held-out test splits of the shared UD data.

    python3 training/evaluate.py [--model src/parley/models/en_parley] [--shared ../shared] [--json out.json]

The model is loaded with ``parley.load_model`` so that the sentence rules are
part of what is scored. Scores:

- EWT test, one sentence per Doc, gold tokens: UPOS, XPOS, morphology, lemma, UAS/LAS.
- GUM news + interview test documents, gold tokens, ten sentences per Doc: UAS/LAS.
- The same GUM documents as raw text (sentences joined by a space, paragraphs
  by a newline, as parley receives an article), whole documents: sentence
  boundary precision/recall/F over character spans, with and without the
  sentence rules, and with the paragraph newlines replaced by spaces.
- UNER EWT test, one sentence per Doc: NER precision/recall/F (PER/ORG/LOC).

LAS/UAS are spaCy's scorer: punctuation is left out and labels are compared
in full (``nmod:poss``); ``las_conll`` is the CoNLL 2018 LAS (punctuation
included, universal labels only) on the same parses.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO / "src"))

from conllu import (  # noqa: E402
    Sentence,
    attach_ner,
    document_text,
    group_documents,
    make_doc,
    read_conllu,
    read_iob2,
)

log = logging.getLogger("parley.training")

NEWS_GENRES = ("GUM_news_", "GUM_interview_")


def _examples(nlp, sentences: list[Sentence], n_sents: int):
    from spacy.training import Example

    examples = []
    for group in group_documents(sentences, n_sents):
        reference = make_doc(nlp.vocab, group)
        predicted = _bare(nlp, reference)
        examples.append(Example(predicted, reference))
    return examples


def _bare(nlp, reference):
    from spacy.tokens import Doc

    return Doc(nlp.vocab, words=[t.text for t in reference], spaces=[bool(t.whitespace_) for t in reference])


def score_examples(nlp, examples) -> dict:
    """spaCy's scores plus CoNLL 2018 LAS over examples with gold tokens."""
    docs = list(nlp.pipe([eg.predicted for eg in examples], batch_size=64))
    for eg, doc in zip(examples, docs):
        eg.predicted = doc
    from spacy.scorer import Scorer

    scores = Scorer(nlp).score(examples)
    total = correct = 0
    for eg in examples:
        for pred, gold in zip(eg.predicted, eg.reference):
            total += 1
            same_head = pred.head.i == gold.head.i
            same_label = pred.dep_.split(":")[0].lower() == gold.dep_.split(":")[0].lower()
            correct += same_head and same_label
    scores["las_conll"] = correct / total if total else 0.0
    return scores


def _pick(scores: dict, keys: tuple[str, ...]) -> dict:
    return {key: round(scores[key], 4) for key in keys if scores.get(key) is not None}


def sentence_spans(doc) -> set[tuple[int, int]]:
    """Character spans of ``doc``'s sentences, trimmed of surrounding whitespace."""
    spans = set()
    for sent in doc.sents:
        text = sent.text
        start = sent.start_char + (len(text) - len(text.lstrip()))
        end = sent.end_char - (len(text) - len(text.rstrip()))
        if end > start:
            spans.add((start, end))
    return spans


def sentence_f(nlp, documents: list[list[Sentence]], *, paragraphs: bool = True) -> dict:
    """Sentence-boundary P/R/F of ``nlp`` on raw document text (exact character spans)."""
    tp = n_pred = n_gold = 0
    for group in documents:
        text, gold = document_text(group)
        if not paragraphs:
            text = text.replace("\n", " ")
        pred = sentence_spans(nlp(text))
        gold_set = set(gold)
        tp += len(pred & gold_set)
        n_pred += len(pred)
        n_gold += len(gold_set)
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"sents_p": round(p, 4), "sents_r": round(r, 4), "sents_f": round(f, 4), "gold_sentences": n_gold}


def evaluate_all(model: Path | str, ud: Path) -> dict:
    """Every score listed in the module docstring for the model at ``model``."""
    from parley.nlp import COMPONENT, load_model

    nlp = load_model(model)
    results: dict = {"model": str(model)}
    started = time.monotonic()

    ewt = read_conllu(ud / "en_ewt" / "test.conllu")
    scores = score_examples(nlp, _examples(nlp, ewt, 1))
    results["ewt_test"] = _pick(
        scores, ("pos_acc", "tag_acc", "morph_acc", "lemma_acc", "dep_uas", "dep_las", "las_conll")
    )
    results["ewt_test"]["sentences"] = len(ewt)

    gum = [s for s in read_conllu(ud / "en_gum_ccby" / "test.conllu") if s.doc_id.startswith(NEWS_GENRES)]
    scores = score_examples(nlp, _examples(nlp, gum, 10))
    results["gum_news_interview_test"] = _pick(
        scores, ("pos_acc", "tag_acc", "lemma_acc", "dep_uas", "dep_las", "las_conll", "sents_f")
    )
    documents = list(group_documents(gum, 0))
    results["gum_news_interview_test"].update(
        documents=[group[0].doc_id for group in documents], sentences=len(gum)
    )
    results["sentences_gum_news_interview"] = {
        "rules": sentence_f(nlp, documents),
        "rules_no_paragraph_breaks": sentence_f(nlp, documents, paragraphs=False),
    }
    with nlp.select_pipes(disable=[COMPONENT]):
        results["sentences_gum_news_interview"]["parser_only"] = sentence_f(nlp, documents)
        results["sentences_gum_news_interview"]["parser_only_no_paragraph_breaks"] = sentence_f(
            nlp, documents, paragraphs=False
        )

    if "ner" in nlp.pipe_names:
        uner = read_conllu(ud / "en_ewt" / "test.conllu")
        attach_ner(uner, read_iob2(ud / "uner_en_ewt" / "test.iob2"))
        uner = [s for s in uner if s.ents is not None]
        scores = score_examples(nlp, _examples(nlp, uner, 1))
        results["uner_ewt_test"] = _pick(scores, ("ents_p", "ents_r", "ents_f"))
        results["uner_ewt_test"]["per_type"] = {
            label: {k: round(v, 4) for k, v in values.items()}
            for label, values in (scores.get("ents_per_type") or {}).items()
        }
        results["uner_ewt_test"]["sentences"] = len(uner)
    results["evaluation_seconds"] = round(time.monotonic() - started, 1)
    return results


def main(argv: list[str] | None = None) -> None:
    from convert import DEFAULT_SHARED, ud_dir
    from parley.nlp import MODEL_DIR

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=MODEL_DIR)
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--json", type=Path, help="also write the scores here")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    results = evaluate_all(args.model, ud_dir(args.shared))
    text = json.dumps(results, indent=2)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    sys.stdout.write(text + "\n")


if __name__ == "__main__":
    main()
