"""nlp: tokens, POS, lemmas, dependency parse and sentences from parley's own model.

The model is a spaCy pipeline trained by the project (see ``training/`` and
MODEL_CARD.md) and shipped in ``parley/models/en_parley``; nothing is downloaded.
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path

from parley.errors import ModelNotFound
from parley.records import Analysis, Sentence

log = logging.getLogger("parley")

MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / "en_parley"


@functools.lru_cache(maxsize=4)
def _load(path: str):
    import spacy

    model_path = Path(path)
    if not (model_path / "config.cfg").is_file() or not (model_path / "meta.json").is_file():
        raise ModelNotFound(
            f"parley's model is missing at {model_path}: reinstall parley, "
            "or rebuild it with `python training/train.py`"
        )
    try:
        return spacy.load(model_path)
    except Exception as exc:  # spaCy raises many kinds of errors for a damaged model
        raise ModelNotFound(f"parley's model at {model_path} cannot be loaded ({exc}); reinstall parley") from exc


def load_model(path: str | Path | None = None):
    """The spaCy ``Language`` shipped with parley (cached per process)."""
    return _load(str(Path(path) if path is not None else MODEL_DIR))


def annotate(analysis: Analysis) -> None:
    """Parse the article text and record its sentences."""
    nlp = load_model()
    doc = nlp(analysis.article.text)
    analysis._doc = doc
    base = getattr(analysis, "_sentence_base", 0)
    for i, sent in enumerate(doc.sents):
        start = sent.start_char
        end = sent.end_char
        analysis.sentences.append(Sentence(index=base + i, start=start, end=end, text=sent.text))
