"""Convert the shared UD treebanks into spaCy's binary corpora for training.

    python3 training/convert.py [--shared ../shared] [--out training/corpus]

Writes ``train.spacy`` (EWT train + GUM CC-BY train) and ``dev.spacy`` (EWT dev
+ GUM dev): documents cut into Docs of at most ten sentences so that sentence
boundaries are learned, with the UNER PER/ORG/LOC labels merged onto the EWT
sentences. GUM sentences carry no NER (it is left missing, not ``O``), or with
``gum_ner`` the names among GUM's entity mentions.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from spacy.tokens import DocBin
from spacy.vocab import Vocab

sys.path.insert(0, str(Path(__file__).resolve().parent))
from conllu import attach_ner, group_documents, gum_named_entities, make_doc, read_conllu, read_iob2  # noqa: E402

log = logging.getLogger("parley.training")

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = REPO.parent / "shared"
SENTS_PER_DOC = 10


def ud_dir(shared: Path) -> Path:
    path = shared / "data" / "ud"
    if not (path / "en_ewt").is_dir():
        raise SystemExit(f"no UD data at {path}: pass --shared pointing at the shared folder")
    return path


def convert_split(ud: Path, split: str, out: Path, n_sents: int = SENTS_PER_DOC, *, gum_ner: bool = False) -> Path:
    """Write ``out/<split>.spacy`` from EWT (+UNER) and GUM for one split.

    With ``gum_ner`` the GUM sentences carry NER labels too, derived from GUM's
    entity mentions (``conllu.gum_named_entities``); otherwise they are missing.
    """
    vocab = Vocab()
    bin_ = DocBin(store_user_data=False)
    ewt = read_conllu(ud / "en_ewt" / f"{split}.conllu")
    labels = read_iob2(ud / "uner_en_ewt" / f"{split}.iob2")
    matched = attach_ner(ewt, labels)
    log.info("%s: EWT %d sentences, UNER labels on %d", split, len(ewt), matched)
    gum = read_conllu(ud / "en_gum_ccby" / f"{split}.conllu")
    log.info("%s: GUM %d sentences", split, len(gum))
    if gum_ner:
        for sent in gum:
            sent.ents = gum_named_entities(sent)
        log.info("%s: GUM names as NER labels: %d", split,
                 sum(tag.startswith("B-") for sent in gum for tag in sent.ents))
    n_docs = 0
    for sentences in (ewt, gum):
        for group in group_documents(sentences, n_sents):
            bin_.add(make_doc(vocab, group))
            n_docs += 1
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"{split}.spacy"
    bin_.to_disk(path)
    log.info("%s: %d docs -> %s", split, n_docs, path)
    return path


def write_raw_text(ud: Path, out: Path, n_sents: int = SENTS_PER_DOC) -> Path:
    """Write ``out/raw.jsonl``: the plain text of the EWT and GUM *train* documents, for ``spacy pretrain``.

    Only the training split: the dev and test text stays unseen, so the scores
    of a pretrained model stay comparable with those of a plain one.
    """
    import json

    from conllu import document_text

    out.mkdir(parents=True, exist_ok=True)
    path = out / "raw.jsonl"
    n_docs = 0
    with path.open("w", encoding="utf-8") as handle:
        for name in ("en_ewt", "en_gum_ccby"):
            for group in group_documents(read_conllu(ud / name / "train.conllu"), n_sents):
                handle.write(json.dumps({"text": document_text(group)[0]}) + "\n")
                n_docs += 1
    log.info("raw text: %d docs -> %s", n_docs, path)
    return path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared folder (default ../shared)")
    parser.add_argument("--out", type=Path, default=REPO / "training" / "corpus")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    ud = ud_dir(args.shared)
    for split in ("train", "dev"):
        convert_split(ud, split, args.out)


if __name__ == "__main__":
    main()
