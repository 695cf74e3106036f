"""nlp: tokens, POS, lemmas, dependency parse, named entities and sentences from parley's own model.

The model is a spaCy pipeline trained by the project (see ``training/`` and
MODEL_CARD.md) and shipped in ``parley/models/en_parley``; nothing is
downloaded. ``load_model`` adds parley's sentence-boundary rules
(:mod:`parley.nlp.sentences`) in front of the parser, so ``doc.sents`` already
follows them.

The pipeline's own parse (``annotate``, ``parse_ahead``) skips the model's
NER component: no stage reads ``doc.ents`` (actors come from the knowledge
base and the parse), and leaving it out saves a seventh of the model's time.
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import json
import logging
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from parley.errors import ModelNotFound
from parley.records import Analysis, Sentence

log = logging.getLogger("parley")

MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / "en_parley"
# The shipped models by name: the default CNN, and the transformer one (needs the ``accurate`` extra).
MODELS = {"fast": MODEL_DIR, "accurate": MODEL_DIR.with_name("en_parley_trf")}
MODEL_ENV = "PARLEY_MODEL"  # the model the pipeline uses: a name of MODELS or a folder (default "fast")
COMPONENT = "parley_sentence_rules"
# Components of the model that parley's own stages do not read: skipped when the pipeline parses an article
# (``load_model()`` still returns the whole model, NER included, for anyone who wants its entities).
UNUSED_BY_STAGES = ("ner",)


@functools.lru_cache(maxsize=4)
def _load(path: str):
    import spacy

    from parley.nlp import sentences  # noqa: F401  (registers the sentence-rules component)

    model_path = Path(path)
    missing = [name for name in ("config.cfg", "meta.json") if not (model_path / name).is_file()]
    if missing:
        raise ModelNotFound(
            f"parley's model is missing at {model_path} (no {', '.join(missing)}): reinstall parley, "
            "or rebuild it with `python3 training/train.py`"
        )
    from parley.nlp import accurate
    from parley.nlp.ops import parley_ops

    if accurate.is_accurate(model_path):
        with parley_ops():
            nlp = accurate.load(model_path)  # raises its own ModelNotFound (missing extra, damaged layers)
    else:
        try:
            # the layers keep these ops: matrix products through numpy's BLAS
            with parley_ops(), _builtin_factories_only():
                nlp = spacy.load(model_path)
        except Exception as exc:  # spaCy raises many kinds of errors for a damaged model
            raise ModelNotFound(
                f"parley's model at {model_path} cannot be loaded ({type(exc).__name__}: {exc}); reinstall "
                "parley, or rebuild it with `python3 training/train.py`"
            ) from exc
        check_vectors(nlp, model_path)
    if "parser" in nlp.pipe_names and COMPONENT not in nlp.pipe_names:
        nlp.add_pipe(COMPONENT, before="parser")
    log.debug("loaded model %s from %s: %s", nlp.meta.get("name"), model_path, nlp.pipe_names)
    return nlp


def check_vectors(nlp, model_path: Path) -> None:
    """Raise ``ModelNotFound`` when the model was saved with a word-vector table that is not there.

    spaCy loads a pipeline whose ``vocab/vectors`` file is missing without a word, and the CNN then fails
    on the first text. The ``meta.json`` on disk says how many vectors it was saved with (spaCy rewrites
    ``nlp.meta`` from what it loaded).
    """
    try:
        saved = json.loads((model_path / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelNotFound(f"parley's model at {model_path} has an unreadable meta.json ({exc})") from exc
    expected = (saved.get("vectors") or {}).get("vectors", 0)
    if expected and nlp.vocab.vectors.shape[0] != expected:
        raise ModelNotFound(
            f"parley's model at {model_path} was saved with {expected} word vectors but {nlp.vocab.vectors.shape[0]} "
            "were loaded (vocab/vectors missing or damaged): reinstall parley, or rebuild it with "
            "`python3 training/train.py`"
        )


@contextlib.contextmanager
def _builtin_factories_only() -> Iterator[None]:
    """Build a pipeline without importing the factories that other installed packages advertise.

    spaCy imports every ``spacy_factories`` entry point each time it creates a
    ``Language``; with the ``accurate`` extra installed that is
    spacy-transformers, which imports PyTorch and transformers (four seconds)
    for a model that uses none of them. The default model uses spaCy's own
    components and parley's sentence rules only.
    """
    from spacy import util

    registry = util.registry._entry_point_factories
    registry.get_all = dict  # an instance attribute over the method: "no entry points"
    try:
        yield
    finally:
        del registry.get_all


def load_model(path: str | Path | None = None):
    """The spaCy ``Language`` shipped with parley, or the one at ``path`` (cached per process).

    ``path`` is a model folder or the name of a shipped model: ``"fast"`` (the
    default CNN, ``en_parley``) or ``"accurate"`` (``en_parley_trf``, MiniLM;
    needs ``pip install 'parley[accurate]'``). Without it, ``$PARLEY_MODEL``
    (a name or a folder) chooses, else the fast model. Raises
    ``ModelNotFound`` when the model files are missing or cannot be loaded.
    """
    return _load(str(model_path(path)))


def model_path(path: str | Path | None = None) -> Path:
    """The folder of the model ``load_model(path)`` loads."""
    if path is None:
        path = os.environ.get(MODEL_ENV) or "fast"
    if isinstance(path, str) and path in MODELS:
        return MODELS[path]
    return Path(path).resolve()


def doc_tokens(doc) -> list:
    """The tokens of ``doc`` as a list, built once per Doc (kept in ``doc.user_data``).

    spaCy makes a new ``Token`` object on every ``doc[i]`` and every iteration;
    the stages share this one list instead of each building its own.
    """
    cached = doc.user_data.get("parley_tokens")
    if cached is None or len(cached) != len(doc):
        cached = list(doc)
        doc.user_data["parley_tokens"] = cached
    return cached


def token_starts(doc) -> list[int]:
    """The character offset of every token of ``doc``, computed once per Doc (kept in ``doc.user_data``)."""
    cached = doc.user_data.get("parley_token_starts")
    if cached is None or len(cached) != len(doc):
        cached = [t.idx for t in doc_tokens(doc)]
        doc.user_data["parley_token_starts"] = cached
    return cached


def token_at(doc, offset: int):
    """The token of ``doc`` that contains or last starts before character ``offset`` (None before the first)."""
    i = bisect.bisect_right(token_starts(doc), offset) - 1
    return doc_tokens(doc)[i] if i >= 0 else None


# Docs parsed ahead by ``parse_ahead``, by text, waiting for their article's nlp stage.
_ahead: dict[str, list] = {}
PARSE_CHUNK = 32  # articles the multi-article paths read ahead and parse together


def chunked(items: Iterable, size: int = PARSE_CHUNK) -> Iterator[list]:
    """``items`` in lists of ``size`` (the last may be shorter)."""
    chunk: list = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


@contextlib.contextmanager
def parse_ahead(texts: Iterable[str], batch_size: int = PARSE_CHUNK) -> Iterator[int]:
    """Parse ``texts`` together (``nlp.pipe``) for the articles analysed inside the block.

    Batches of documents go through the model's matrix products together, which
    is about a fifth faster than one ``nlp(text)`` per article. Inside the block
    ``annotate`` takes an article's Doc from here when its text was parsed ahead
    and parses it itself otherwise; what is left is dropped when the block ends.
    Yields how many texts were parsed. If the batch cannot be parsed (one bad
    text), nothing is parsed ahead: every article is then parsed, and fails, on
    its own. A single text is left to its article (nothing to gain).
    """
    from parley.pipeline import SEGMENT_CHARS

    wanted = [t for t in texts if t and len(t) <= SEGMENT_CHARS]
    if len(wanted) < 2:
        wanted = []
    parsed = 0
    try:
        for text, doc in zip(wanted, load_model().pipe(wanted, batch_size=batch_size, disable=UNUSED_BY_STAGES) if wanted else ()):
            _ahead.setdefault(text, []).append(doc)
            parsed += 1
    except Exception:  # a text the model chokes on: each article meets it alone, where it is reported
        log.debug("parse_ahead: batch failed, parsing one by one", exc_info=True)
        _ahead.clear()
        parsed = 0
    try:
        yield parsed
    finally:
        _ahead.clear()


def _parse(text: str):
    waiting = _ahead.get(text)
    if waiting:
        doc = waiting.pop()
        if not waiting:
            del _ahead[text]
        return doc
    return load_model()(text, disable=UNUSED_BY_STAGES)


def annotate(analysis: Analysis) -> None:
    """Parse the article text (``analysis.doc``) and append one ``Sentence`` per sentence.

    Sentence offsets leave out the whitespace (paragraph breaks) between
    sentences; ``Sentence.index`` counts from ``analysis._sentence_base`` so
    that it stays global when a long article is analysed in segments.
    """
    doc = _parse(analysis.article.text)
    analysis._doc = doc
    base = getattr(analysis, "_sentence_base", 0)
    i = 0
    for sent in doc.sents:
        text = sent.text
        stripped = text.strip()
        if not stripped:
            continue  # only whitespace (leading blank lines)
        start = sent.start_char + (len(text) - len(text.lstrip()))
        end = start + len(stripped)
        analysis.sentences.append(Sentence(index=base + i, start=start, end=end, text=stripped))
        i += 1
