"""Speed of parley's model: load time and words per second on one CPU core.

    python3 benchmarks/model_speed.py [--model PATH] [--shared ../shared] [--repeat 3]

Load time is measured in a fresh interpreter (``import spacy`` excluded, as
parley imports it anyway; the time of ``parley.load_model()`` itself). Speed is
the whole model plus parley's sentence rules over raw text, one document per
call (``parley analyze``) and 32 documents per ``nlp.pipe`` batch (``parley
batch``, ``parley events FILE...``): the GUM and EWT test documents (read from ../shared), or the example
articles when the shared data is absent. Words are non-space tokens. Threads
are pinned to one. Both CPU-time and elapsed-time rates are reported: on a
shared machine the CPU-time rate is the one-core figure.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "training"))

LOAD_SNIPPET = """
import sys, time
sys.path.insert(0, {src!r})
import spacy, parley.nlp
cpu, wall = time.process_time(), time.perf_counter()
parley.nlp.load_model({model!r})
print(time.process_time() - cpu, time.perf_counter() - wall)
"""


def load_seconds(model: Path | None, repeat: int) -> dict:
    """Best of ``repeat`` loads, each in a new interpreter: CPU and elapsed seconds."""
    cpu, wall = [], []
    for _ in range(repeat):
        code = LOAD_SNIPPET.format(src=str(REPO / "src"), model=str(model) if model else None)
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        c, w = out.stdout.strip().splitlines()[-1].split()
        cpu.append(float(c))
        wall.append(float(w))
    return {"load_cpu_seconds": round(min(cpu), 3), "load_seconds": round(min(wall), 3)}


def texts(shared: Path) -> list[str]:
    """Raw document texts to parse."""
    ud = shared / "data" / "ud"
    if (ud / "en_gum_ccby" / "test.conllu").is_file():
        from conllu import document_text, group_documents, read_conllu

        docs = []
        for name in ("en_gum_ccby", "en_ewt"):
            for group in group_documents(read_conllu(ud / name / "test.conllu"), 0):
                docs.append(document_text(group)[0])
        return docs
    return [p.read_text(encoding="utf-8") for p in sorted((REPO / "examples").glob("*.txt"))]


def words_per_second(nlp, docs: list[str], repeat: int) -> dict:
    """Best throughput of ``repeat`` passes over ``docs``, one ``nlp(text)`` per document as parley calls it.

    ``cpu`` divides by this process's CPU time, which stays meaningful on a
    machine that other jobs share; ``wall`` by elapsed time.
    """
    best = {"cpu": 0.0, "wall": 0.0}
    n_words = 0
    for _ in range(repeat):
        cpu, wall = time.process_time(), time.perf_counter()
        n_words = 0
        for text in docs:
            n_words += sum(1 for token in nlp(text) if not token.is_space)
        best["cpu"] = max(best["cpu"], n_words / (time.process_time() - cpu))
        best["wall"] = max(best["wall"], n_words / (time.perf_counter() - wall))
        # as parley batch and `parley events FILE...` run it: documents parsed together (nlp.pipe)
        cpu, wall = time.process_time(), time.perf_counter()
        for _doc in nlp.pipe(docs, batch_size=32):
            pass
        best["pipe_cpu"] = max(best.get("pipe_cpu", 0.0), n_words / (time.process_time() - cpu))
        best["pipe_wall"] = max(best.get("pipe_wall", 0.0), n_words / (time.perf_counter() - wall))
    return {"words": n_words, "words_per_cpu_second": round(best["cpu"]), "words_per_second": round(best["wall"]),
            "pipe_words_per_cpu_second": round(best["pipe_cpu"]), "pipe_words_per_second": round(best["pipe_wall"])}


def main(argv: list[str] | None = None) -> dict:
    from parley.nlp import load_model

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=None, help="default: the packaged model")
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    nlp = load_model(args.model)
    docs = texts(args.shared)
    result = {"model": str(args.model or "packaged"), "pipeline": nlp.pipe_names}
    result.update(words_per_second(nlp, docs, args.repeat))
    result.update(load_seconds(args.model, args.repeat))
    result["size_mb"] = round(sum(p.stat().st_size for p in Path(nlp.path).rglob("*") if p.is_file()) / 1e6, 1)
    sys.stdout.write(json.dumps(result, indent=2) + "\n")
    return result


if __name__ == "__main__":
    main()
