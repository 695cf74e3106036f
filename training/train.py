"""Train parley's English model from the shared UD data and install it into the package.

    python3 training/train.py [--shared ../shared] [--max-steps 10000] [--seed 0]

Steps: convert the CoNLL-U treebanks (+ UNER labels, + GUM's names) to ``training/corpus``;
build the static vectors into ``training/vectors`` unless they are there (``training/vectors.py``, which
needs the accurate extra for MiniLM); train ``training/config.cfg`` on one CPU thread (``--threads`` for
more) into ``training/output``; copy
the best checkpoint, stripped to what parley needs, to
``src/parley/models/en_parley``; score it with ``training/evaluate.py`` and
write the scores to ``training/output/results.json``. With the same data,
seed and step count the run is repeatable (one thread, fixed seeds).
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

log = logging.getLogger("parley.training")

MODEL_DIR = REPO / "src" / "parley" / "models" / "en_parley"
CONFIG = HERE / "config.cfg"
VECTORS = HERE / "vectors"
# The learning rate stays constant for this share of the steps, then falls
# linearly to zero: the low final rate settles the weights.
CONSTANT_SHARE = 0.6
THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")

META = {
    "name": "parley",
    "version": "0.1.0",
    "description": (
        "parley's English pipeline (tok2vec, tagger, morphologizer, lemmatizer, parser, NER "
        "PER/ORG/LOC), trained on UD English EWT, UNER English EWT and the CC BY part of UD English GUM; "
        "static word vectors distilled from all-MiniLM-L6-v2 (Apache 2.0)"
    ),
    "author": "parley contributors",
    "license": "CC BY-SA 4.0",
    "sources": [
        {"name": "UD English EWT", "url": "https://github.com/UniversalDependencies/UD_English-EWT",
         "license": "CC BY-SA 4.0"},
        {"name": "UNER English EWT", "url": "https://github.com/UniversalNER/UNER_English-EWT",
         "license": "CC BY-SA 4.0"},
        {"name": "UD English GUM (CC BY documents)",
         "url": "https://github.com/UniversalDependencies/UD_English-GUM", "license": "CC BY 4.0"},
    ],
}


def pretrain(config: Path, raw_text: Path, output: Path, epochs: int, seed: int) -> tuple[Path, float]:
    """Pretrain the tok2vec layer (``spacy pretrain``, characters objective) on raw text.

    Returns the weights of the last epoch, for ``--paths.init_tok2vec``, and
    the wall-clock seconds it took.
    """
    if output.exists():
        shutil.rmtree(output)
    cmd = [
        sys.executable, "-m", "spacy", "pretrain", str(config), str(output),
        "--paths.raw_text", str(raw_text),
        "--pretraining.max_epochs", str(epochs),
        "--system.seed", str(seed),
    ]
    seconds = run_timed(cmd, seed)
    weights = sorted(output.glob("model*.bin"), key=lambda p: p.stat().st_mtime)
    if not weights:
        raise SystemExit(f"spacy pretrain wrote no weights into {output}")
    return weights[-1], seconds


def train(corpus: Path, output: Path, max_steps: int, seed: int, config: Path = CONFIG,
          init_tok2vec: Path | None = None, vectors: Path | None = None) -> float:
    """Run ``spacy train`` (threads as ``prepare`` set them); return the wall-clock seconds it took."""
    constant = int(max_steps * CONSTANT_SHARE)
    cmd = [
        sys.executable, "-m", "spacy", "train", str(config),
        "--output", str(output),
        "--paths.train", str(corpus / "train.spacy"),
        "--paths.dev", str(corpus / "dev.spacy"),
        "--system.seed", str(seed),
        "--schedule.steps", str(max_steps),
        "--schedule.constant", str(constant),
        "--schedule.decay", str(max_steps - constant),
    ]
    if init_tok2vec is not None:
        cmd += ["--paths.init_tok2vec", str(init_tok2vec)]
    if vectors is not None:
        cmd += ["--paths.vectors", str(vectors)]
    return run_timed(cmd, seed)


def run_timed(cmd: list[str], seed: int) -> float:
    """Run a ``spacy`` command with a fixed hash seed (threads as ``prepare`` set them); return the wall-clock seconds."""
    log.info("running: %s", " ".join(cmd))
    started = time.monotonic()
    subprocess.run(cmd, check=True, env={**os.environ, "PYTHONHASHSEED": str(seed)})
    return time.monotonic() - started


def set_meta(nlp, *updates: dict) -> None:
    """parley's metadata on ``nlp``, without the training-time details the shipped model does not need."""
    nlp.meta.update(META)
    for update in updates:
        nlp.meta.update(update)
    for key in ("performance", "labels"):
        nlp.meta.pop(key, None)


def score(target: Path, ud: Path, output: Path, seconds: float | None) -> dict:
    """Evaluate the installed model (``evaluate.evaluate_all``) and write ``output/results.json``."""
    import evaluate

    results = evaluate.evaluate_all(target, ud)
    if seconds is not None:
        results["training_seconds"] = round(seconds)
    path = output / "results.json"
    path.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    log.info("scores -> %s\n%s", path, json.dumps(results, indent=2))
    return results


def install(checkpoint: Path, target: Path, extra_meta: dict) -> None:
    """Write ``checkpoint`` to ``target`` with parley's metadata and nothing it does not need."""
    import spacy

    nlp = spacy.load(checkpoint)
    set_meta(nlp, extra_meta)
    if target.exists():
        shutil.rmtree(target)
    nlp.to_disk(target)
    log.info("installed %s -> %s", checkpoint, target)


def uses_vectors(config: Path) -> bool:
    """Whether a training config's tok2vec reads static vectors (``include_static_vectors``)."""
    import spacy

    def walk(node) -> bool:
        if isinstance(node, dict):
            return node.get("include_static_vectors") is True or any(walk(v) for v in node.values())
        return False

    return walk(spacy.util.load_config(config, interpolate=False))


def ensure_vectors(config: Path, vectors: Path | None, shared: Path) -> Path | None:
    """The vectors folder to train ``config`` with: None for a config without static vectors; else
    ``vectors``, built by ``training/vectors.py`` first when it does not exist yet."""
    if not uses_vectors(config):
        return None
    if vectors is None:
        raise SystemExit(f"{config} reads static vectors: pass --vectors (training/vectors.py makes them)")
    if not (vectors / "meta.json").exists():
        import vectors as vectors_script

        log.info("building the static vectors into %s (training/vectors.py)", vectors)
        vectors_script.main(["--shared", str(shared), "--out", str(vectors)])
    return vectors


def previous_seconds(output: Path) -> float | None:
    """The training time a previous run recorded in ``output/results.json`` (for ``--skip-train``)."""
    try:
        return json.loads((output / "results.json").read_text(encoding="utf-8")).get("training_seconds")
    except (OSError, ValueError):
        return None


def base_parser(description: str, *, output: Path, target: Path, max_steps: int) -> argparse.ArgumentParser:
    """The options every training script takes."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared", help="the shared folder")
    parser.add_argument("--corpus", type=Path, default=HERE / "corpus")
    parser.add_argument("--output", type=Path, default=output)
    parser.add_argument("--target", type=Path, default=target, help="where the packaged model goes")
    parser.add_argument("--max-steps", type=int, default=max_steps)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--skip-train", action="store_true", help="install and evaluate an existing output")
    parser.add_argument("--gum-ner", action=argparse.BooleanOptionalAction, default=False,
                        help="also train NER on GUM's named person, organization and place mentions")
    parser.add_argument("--threads", type=int, default=1,
                        help="CPU threads for training (1 keeps a run exactly repeatable)")
    return parser


def prepare(args: argparse.Namespace) -> Path:
    """Logging and ``args.threads`` threads; the treebanks converted into ``args.corpus`` unless ``--skip-train``.

    Returns the UD folder of the shared data.
    """
    import convert

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    os.environ.update(dict.fromkeys(THREAD_VARIABLES, str(args.threads)))
    ud = convert.ud_dir(args.shared)
    if not args.skip_train:
        for split in ("train", "dev"):
            convert.convert_split(ud, split, args.corpus, gum_ner=args.gum_ner)
    return ud


def main(argv: list[str] | None = None) -> None:
    parser = base_parser(__doc__.splitlines()[0], output=HERE / "output", target=MODEL_DIR, max_steps=10000)
    parser.set_defaults(gum_ner=True)
    parser.add_argument("--config", type=Path, default=CONFIG)
    parser.add_argument("--pretrain-epochs", type=int, default=0,
                        help="first pretrain the tok2vec layer for this many epochs over the train text")
    parser.add_argument("--checkpoint", choices=("model-best", "model-last"), default="model-best")
    parser.add_argument("--vectors", type=Path, default=VECTORS,
                        help="static vectors for a config that reads them (built by training/vectors.py if missing)")
    args = parser.parse_args(argv)
    ud = prepare(args)

    import convert

    seconds = pretrain_seconds = None
    if args.skip_train:
        seconds = previous_seconds(args.output)
    else:
        args.vectors = ensure_vectors(args.config, args.vectors, args.shared)
        init_tok2vec, pretrain_seconds = None, None
        if args.pretrain_epochs:
            raw = convert.write_raw_text(ud, args.corpus)
            init_tok2vec, pretrain_seconds = pretrain(
                args.config, raw, args.output.with_name(args.output.name + "-pretrain"), args.pretrain_epochs, args.seed
            )
            log.info("pretraining took %.0f s", pretrain_seconds)
        seconds = train(args.corpus, args.output, args.max_steps, args.seed, args.config, init_tok2vec, args.vectors)
        log.info("training took %.0f s", seconds)
    extra = {"parley_training": {"max_steps": args.max_steps, "seed": args.seed, "checkpoint": args.checkpoint,
                                 "pretrain_epochs": args.pretrain_epochs, "gum_ner": args.gum_ner,
                                 "config": args.config.name}}
    if seconds is not None:
        extra["parley_training"]["seconds"] = round(seconds)
        if pretrain_seconds is not None:
            extra["parley_training"]["pretrain_seconds"] = round(pretrain_seconds)
    install(args.output / args.checkpoint, args.target, extra)
    score(args.target, ud, args.output, seconds)


if __name__ == "__main__":
    main()
