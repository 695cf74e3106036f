#!/usr/bin/env python3
"""How fast parley codes news: the whole pipeline against the bare spaCy model, and at scale.

Prepares its own text (news-like articles generated from templates, plus the
repository's examples; ``--shared`` adds ../shared/examples when present),
then measures:

- model load time (a fresh process: import, load, first article ready);
- words per CPU-second on one core of the bare model (``parley.load_model()``,
  one ``nlp(text)`` per article, and ``nlp.pipe``) and of the whole pipeline
  (ingest checks + every stage), on the same articles, one article at a time
  (``parley analyze``, the API) and 32 articles parsed together then coded
  (``parley batch``, ``parley events FILE...``: ``parley.nlp.parse_ahead``);
  the ratio is parley's overhead over the model;
- where the pipeline spends its time (cProfile, per stage and per function);
- ``parley batch`` with 1 and 2 local workers, and on Spark ``local[1]`` and
  ``local[2]``: wall-clock articles/s and words/s, and peak memory per worker;
- projected core-hours for 1M and 100M articles.

CPU time (``time.process_time``) is the headline for the one-core numbers
because it stays meaningful on a machine shared with other jobs; scaling is
wall-clock by nature, so it needs idle cores to mean anything.

    python benchmarks/pipeline_bench.py                    # 1M words, everything
    python benchmarks/pipeline_bench.py --words 100000 --skip-spark --json /tmp/bench.json
"""

from __future__ import annotations

import os

# one thread per process: the numbers are per core
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import cProfile  # noqa: E402
import json  # noqa: E402
import platform  # noqa: E402
import pstats  # noqa: E402
import random  # noqa: E402
import re  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
from datetime import date, timedelta  # noqa: E402
from pathlib import Path  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("PARLEY_SHARED", REPO.parent / "shared"))

# -- the text -----------------------------------------------------------------

STATES = [
    ("Russia", "Russian", "Moscow", "the Kremlin"), ("Ukraine", "Ukrainian", "Kyiv", None),
    ("the United States", "American", "Washington", "the White House"), ("China", "Chinese", "Beijing", None),
    ("France", "French", "Paris", "the Elysee"), ("Germany", "German", "Berlin", None),
    ("Britain", "British", "London", "Downing Street"), ("Turkey", "Turkish", "Ankara", None),
    ("Iran", "Iranian", "Tehran", None), ("Israel", "Israeli", "Jerusalem", None),
    ("Egypt", "Egyptian", "Cairo", None), ("Qatar", "Qatari", "Doha", None),
    ("Saudi Arabia", "Saudi", "Riyadh", None), ("India", "Indian", "New Delhi", None),
    ("Pakistan", "Pakistani", "Islamabad", None), ("Sudan", "Sudanese", "Khartoum", None),
    ("Ethiopia", "Ethiopian", "Addis Ababa", None), ("Armenia", "Armenian", "Yerevan", None),
    ("Azerbaijan", "Azerbaijani", "Baku", None), ("Colombia", "Colombian", "Bogota", None),
    ("Serbia", "Serbian", "Belgrade", None), ("Japan", "Japanese", "Tokyo", None),
    ("South Korea", "South Korean", "Seoul", None), ("Poland", "Polish", "Warsaw", None),
]
OFFICES = ["President", "Prime Minister", "Foreign Minister", "Defence Minister", "army chief", "envoy"]
FIRST = ["Anna", "Viktor", "Maria", "Ahmed", "Li", "Sergei", "Fatima", "John", "Elena", "Omar", "Kenji", "Lucia",
         "Hassan", "Olga", "David", "Aisha", "Pavel", "Nadia", "Carlos", "Yusuf"]
LAST = ["Petrov", "Kovalenko", "Haddad", "Chen", "Novak", "Rahman", "Silva", "Okafor", "Müller", "Dubois",
        "Tanaka", "Aydin", "Karimi", "Levi", "Mensah", "Ortiz", "Sato", "Nowak", "Farouk", "Ivanova"]
ORGS = ["the United Nations", "NATO", "the European Union", "the African Union", "the Red Cross",
        "the International Atomic Energy Agency", "the World Food Programme", "Amnesty International"]
GROUPS = ["the rebels", "the militia", "separatist fighters", "the Rapid Support Forces", "insurgents",
          "opposition groups", "protesters", "armed groups"]
CITIES = ["Istanbul", "Geneva", "Vienna", "Doha", "Jeddah", "Abu Dhabi", "Oslo", "Minsk", "Kharkiv", "Goma",
          "El Fasher", "Aleppo", "Mosul", "Havana", "Nairobi", "Addis Ababa", "Tripoli", "Sanaa"]
WEEKDAYS = ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "on Saturday", "on Sunday",
            "this morning", "last week", "late on Tuesday", "earlier this month", "overnight"]
TOPICS = ["a ceasefire", "a prisoner exchange", "humanitarian corridors", "border demarcation",
          "the nuclear programme", "grain exports", "the withdrawal of troops", "sanctions relief",
          "a peace plan", "the release of hostages", "access for aid convoys", "new elections"]
MEDIA = ["on X", "on Telegram", "in a televised address", "at a press conference", "in an interview with the BBC",
         "in a statement", "on state television", "on Truth Social"]
CUES = ["said", "told reporters", "wrote", "stated", "added", "insisted", "warned"]
HEDGES = ["reportedly", "allegedly", "apparently"]
ANON = ["a source familiar with the talks", "officials who asked not to be named", "two diplomats",
        "a senior official speaking on condition of anonymity"]

EVENT_TEMPLATES = [
    "{A} and {B} agreed {T} to hold talks on {topic} in {city}.",
    "{A} offered to host talks between {B} and {C} in {city}.",
    "{A} demanded {topic} before any negotiations could begin.",
    "{A} called on {B} to accept {topic} without preconditions.",
    "{A} rejected a proposal by {B} for {topic}.",
    "{A} accused {B} of violating the truce {T}.",
    "{A} condemned the attack on {city} and threatened new sanctions against {B}.",
    "{A} praised {B} for its role in the negotiations.",
    "{A} signed an agreement with {B} on {topic} in {city} {T}.",
    "{P} met {Q} in {city} {T} to discuss {topic}.",
    "{P} visited {city} {T} and pledged support for {topic}.",
    "{G} attacked positions near {city} {T}, killing at least {n} people.",
    "Forces loyal to {A} shelled the outskirts of {city} {T}.",
    "{A} withdrew troops from two villages near {city}, {B} said.",
    "{A} mobilized reservists after clashes along the border with {B}.",
    "Police in {city} arrested {n} protesters {T}.",
    "{A} released {n} prisoners as part of a deal brokered by {O}.",
    "{O} urged both sides to observe the ceasefire and let aid reach {city}.",
    "{A} imposed sanctions on {n} officials from {B} {T}.",
    "{A} declared a unilateral truce in {city} that would last three days.",
    "{A} was accused by {B} of blocking aid convoys to {city}.",
    "Talks on {topic} were postponed after {A} refused to send a delegation.",
    "{A} would meet {B} in {city} if the fighting stopped, {P} said.",
    "{A} plans to send a delegation to {city} next week.",
    "{A} did not agree to {topic}, according to {B}.",
]
QUOTE_TEMPLATES = [
    '"We are ready to talk, but not under fire," {P} {cue} {medium}.',
    '"There will be no {topic_short} until the attacks stop," {P} {cue}.',
    '{P} {cue} {medium} that {A} "will never accept" the terms offered by {B}.',
    '"This is a moment for courage, not for excuses," {P} {cue} {T}.',
    '{P} {cue} the talks in {city} were "constructive but difficult".',
]
BACKGROUND = [
    "The conflict has displaced more than {n} thousand people since it began.",
    "Prices of bread and fuel have risen sharply in {city} in recent months.",
    "The previous round of talks collapsed in {month} after three days.",
    "{A} and {B} have been at odds over the region for decades.",
    "Aid agencies say the winter will make conditions in {city} far worse.",
    "Analysts said the move was aimed at domestic audiences as much as at {B}.",
    "The {adj} economy has shrunk by about {n} percent since the war began.",
    "Satellite images showed new fortifications around {city}, {anon} said.",
    "{A} has {hedge} moved air defence systems closer to the front line.",
    "Neither side has published casualty figures.",
    "Markets in {city} reopened {T} after a week of closures.",
]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


class Writer:
    """Varied news-like articles from the templates above (deterministic for a seed)."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)

    def person(self) -> str:
        r = self.rng
        state = r.choice(STATES)
        return f"{state[1]} {r.choice(OFFICES)} {r.choice(FIRST)} {r.choice(LAST)}"

    def actor(self) -> str:
        r = self.rng
        roll = r.random()
        state = r.choice(STATES)
        if roll < 0.45:
            return state[0]
        if roll < 0.6:
            return state[3] or state[2]
        if roll < 0.75:
            return f"the {state[1]} government"
        if roll < 0.9:
            return r.choice(ORGS)
        return r.choice(GROUPS)

    def fill(self, template: str) -> str:
        r = self.rng
        topic = r.choice(TOPICS)
        values = {
            "A": self.actor(), "B": self.actor(), "C": self.actor(), "P": self.person(), "Q": self.person(),
            "O": r.choice(ORGS), "G": r.choice(GROUPS),
            "T": r.choice(WEEKDAYS), "city": r.choice(CITIES), "topic": topic,
            "topic_short": topic.replace("a ", "").replace("the ", ""), "n": r.randint(2, 90),
            "cue": r.choice(CUES), "medium": r.choice(MEDIA), "month": r.choice(MONTHS),
            "adj": r.choice(STATES)[1], "anon": r.choice(ANON), "hedge": r.choice(HEDGES),
        }
        sentence = template.format(**values)
        return sentence[0].upper() + sentence[1:]

    def article(self) -> str:
        r = self.rng
        paragraphs = []
        for _ in range(r.randint(7, 14)):
            sentences = []
            for _ in range(r.randint(1, 4)):
                pool = r.choices([EVENT_TEMPLATES, QUOTE_TEMPLATES, BACKGROUND], weights=[5, 2, 3])[0]
                sentences.append(self.fill(r.choice(pool)))
            paragraphs.append(" ".join(sentences))
        return "\n\n".join(paragraphs)


def repo_texts(shared: bool) -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((REPO / "examples").glob("*.txt"))]
    seed = SHARED / "examples" / "seed_article.txt"
    if shared and seed.is_file():
        texts.append(seed.read_text(encoding="utf-8"))
    return texts


def corpus(words: int, seed: int = 13, shared: bool = False) -> list[dict]:
    """Article records totalling at least ``words`` words."""
    writer = Writer(seed)
    start = date(2024, 1, 1)
    real = repo_texts(shared)
    records, total, i = [], 0, 0
    while total < words:
        # every 25th article is one of the hand-written examples, for realistic prose
        text = real[(i // 25) % len(real)] if real and i % 25 == 0 else writer.article()
        records.append({"id": f"b{i:07d}", "text": text, "source": "Benchmark Wire",
                        "published": (start + timedelta(days=i % 700)).isoformat()})
        total += len(text.split())
        i += 1
    return records


def word_count(records: list[dict]) -> int:
    return sum(len(r["text"].split()) for r in records)


# -- measurements -------------------------------------------------------------


class Clock:
    """Wall and CPU seconds of a block."""

    def __enter__(self):
        self.wall0, self.cpu0 = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc):
        self.wall = time.perf_counter() - self.wall0
        self.cpu = time.process_time() - self.cpu0


LOAD_PROBE = """
import json, time
t0 = time.perf_counter()
import parley
t1 = time.perf_counter()
nlp = parley.load_model()
t2 = time.perf_counter()
parley.analyze("Egypt and Qatar offered on Monday to host talks in Cairo, officials said.", published="2025-01-06")
t3 = time.perf_counter()
print(json.dumps({"import_s": t1 - t0, "model_load_s": t2 - t1, "first_article_s": t3 - t2}))
"""


def measure_load(runs: int = 3) -> dict:
    """Model load in fresh processes (best of ``runs``: the cold cost without other jobs' noise)."""
    results = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", LOAD_PROBE], capture_output=True, text=True, check=True,
                             env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    best = min(results, key=lambda r: r["model_load_s"])
    return {**{k: round(v, 3) for k, v in best.items()}, "runs": runs}


def bench_bare(records: list[dict]) -> dict:
    import parley

    nlp = parley.load_model()
    texts = [r["text"] for r in records]
    nlp(texts[0])
    words = word_count(records)
    with Clock() as one:
        for text in texts:
            nlp(text)
    with Clock() as piped:
        for _ in nlp.pipe(texts, batch_size=32):
            pass
    return {
        "words": words,
        "per_article": {"cpu_s": round(one.cpu, 2), "wall_s": round(one.wall, 2),
                        "words_per_cpu_s": round(words / one.cpu), "words_per_wall_s": round(words / one.wall)},
        "pipe": {"cpu_s": round(piped.cpu, 2), "wall_s": round(piped.wall, 2),
                 "words_per_cpu_s": round(words / piped.cpu), "words_per_wall_s": round(words / piped.wall)},
    }


def bench_pipeline(records: list[dict]) -> dict:
    import parley
    from parley.ingest import make_article

    parley.analyze(records[0]["text"], published=records[0]["published"])  # warm every stage's data
    words = word_count(records)
    with Clock() as ingest:
        articles = [make_article(r["text"], published=r["published"], article_id=r["id"], source=r["source"])
                    for r in records]
    counts = {"events": 0, "quotes": 0, "flags": 0, "claims": 0}
    with Clock() as stages:
        for article in articles:
            analysis = parley.analyze_article(article)
            for name in counts:
                counts[name] += len(getattr(analysis, name))
    # as `parley batch` and `parley events FILE...` run: 32 articles parsed together, then their stages
    from parley.nlp import chunked, parse_ahead

    with Clock() as batched:
        for chunk in chunked(articles):
            with parse_ahead(a.text for a in chunk):
                for article in chunk:
                    parley.analyze_article(article)
    cpu = ingest.cpu + stages.cpu
    wall = ingest.wall + stages.wall
    batched_cpu = ingest.cpu + batched.cpu
    return {
        "words": words, "articles": len(records), "records": counts,
        "ingest_cpu_s": round(ingest.cpu, 2), "stages_cpu_s": round(stages.cpu, 2),
        "cpu_s": round(cpu, 2), "wall_s": round(wall, 2),
        "words_per_cpu_s": round(words / cpu), "words_per_wall_s": round(words / wall),
        "stages_words_per_cpu_s": round(words / stages.cpu),
        "batched": {"cpu_s": round(batched_cpu, 2), "words_per_cpu_s": round(words / batched_cpu),
                    "words_per_wall_s": round(words / (ingest.wall + batched.wall))},
    }


def profile(records: list[dict], top: int = 25) -> dict:
    """cProfile over the pipeline: time under each stage's ``annotate`` and the hottest functions."""
    import parley
    from parley.ingest import make_article

    parley.analyze(records[0]["text"], published=records[0]["published"])
    articles = [make_article(r["text"], published=r["published"], article_id=r["id"]) for r in records]
    profiler = cProfile.Profile()
    profiler.enable()
    for r in records:
        make_article(r["text"], published=r["published"], article_id=r["id"])
    for article in articles:
        parley.analyze_article(article)
    profiler.disable()
    stats = pstats.Stats(profiler)
    total = sum(v[2] for v in stats.stats.values())  # tottime over every function
    stage_times: dict[str, float] = {}
    functions = []
    for (filename, _line, name), (_cc, _nc, tottime, cumtime, _callers) in stats.stats.items():
        match = re.search(r"parley[/\\](\w+)[/\\]__init__\.py$", filename)
        if match and name == "annotate":
            stage_times[match.group(1)] = stage_times.get(match.group(1), 0.0) + cumtime
        elif filename.endswith(f"parley{os.sep}ingest{os.sep}__init__.py") and name == "make_article":
            stage_times["ingest"] = stage_times.get("ingest", 0.0) + cumtime
        functions.append((tottime, cumtime, f"{_short(filename)}:{name}"))
    functions.sort(reverse=True)
    parley_functions = sorted(((c, t, f) for t, c, f in functions if f.startswith("parley") and
                               not f.endswith((":annotate", ":analyze_article", ":_analyze_segment"))),
                              reverse=True)
    measured = sum(stage_times.values())
    return {
        "articles": len(records), "profiled_s": round(total, 2),
        "stages": {k: {"s": round(v, 2), "share": round(v / measured, 3)}
                   for k, v in sorted(stage_times.items(), key=lambda kv: -kv[1])},
        "top_functions": [{"tottime_s": round(t, 2), "cumtime_s": round(c, 2), "function": f}
                          for t, c, f in functions[:top]],
        "top_parley_functions_by_cumtime": [{"cumtime_s": round(c, 2), "tottime_s": round(t, 2), "function": f}
                                            for c, t, f in parley_functions[:top]],
    }


def _short(filename: str) -> str:
    for marker in ("site-packages" + os.sep, "src" + os.sep):
        if marker in filename:
            return filename.split(marker, 1)[1]
    return filename


def bench_local(records: list[dict], workers: int, folder: Path) -> dict:
    from parley.batch import run_batch

    src = folder / "scale.jsonl"
    if not src.exists():
        with src.open("w", encoding="utf-8") as handle:
            for r in records:
                handle.write(json.dumps(r) + "\n")
    out = folder / f"local-{workers}"
    with Clock() as clock:
        summary = run_batch(src, out, workers=workers, shard_size=200, restart=True)
    load = max((w.get("load_seconds") or 0.0) for w in summary.workers.values())
    words = summary.words
    return {
        "workers": workers, "articles": summary.articles, "quarantined": summary.quarantined, "words": words,
        "wall_s": round(clock.wall, 2), "worker_start_s": round(load, 2),
        # CPU time of the job (workers' chunks + driver; model loading excluded): the batch's own
        # overhead over the one-core pipeline, unaffected by other jobs on the machine
        "cpu_s": summary.cpu_seconds, "words_per_cpu_s": round(words / summary.cpu_seconds),
        "articles_per_s": round(summary.articles / clock.wall, 1), "words_per_s": round(words / clock.wall),
        "words_per_s_after_start": round(words / max(clock.wall - load, 1e-9)),
        "peak_rss_mb_per_worker": sorted(round(w["peak_rss_mb"]) for w in summary.workers.values()),
    }


class RssSampler(threading.Thread):
    """Peak RSS of Spark's Python workers (they are the JVM's children, not ours), by polling."""

    def __init__(self, interval: float = 0.2):
        super().__init__(daemon=True)
        self.interval = interval
        self.peaks: dict[int, float] = {}
        self.cpu: dict[int, float] = {}  # last seen CPU seconds of each Python worker
        self.stopping = threading.Event()

    def run(self) -> None:
        import psutil

        while not self.stopping.is_set():
            for proc in psutil.process_iter(["pid", "cmdline", "memory_info"]):
                cmd = " ".join(proc.info.get("cmdline") or [])
                if "pyspark.daemon" in cmd or "pyspark.worker" in cmd:
                    rss = proc.info["memory_info"].rss / 2**20 if proc.info.get("memory_info") else 0
                    self.peaks[proc.info["pid"]] = max(self.peaks.get(proc.info["pid"], 0), rss)
                    try:
                        times = proc.cpu_times()
                        self.cpu[proc.info["pid"]] = times.user + times.system
                    except psutil.Error:
                        pass
            self.stopping.wait(self.interval)


def bench_spark(records: list[dict], cores: int, folder: Path) -> dict:
    from parley.batch.spark import run_spark, session

    src = folder / "scale.parquet"
    if not src.exists():
        import pyarrow as pa
        import pyarrow.parquet as pq

        pq.write_table(pa.Table.from_pylist(records), src, row_group_size=64)
    spark, _ = session(f"local[{cores}]")
    sampler = None
    try:
        import psutil  # noqa: F401

        sampler = RssSampler()
        sampler.start()
    except ImportError:
        pass
    try:
        with Clock() as clock:
            summary = run_spark(str(src), str(folder / f"spark-{cores}"), spark=spark, partitions=cores * 4)
    finally:
        if sampler:
            sampler.stopping.set()
            sampler.join()
        spark.stop()
    words = summary["words"]
    return {
        "master": f"local[{cores}]", "articles": summary["articles"], "words": words,
        "wall_s": round(clock.wall, 2), "articles_per_s": round(summary["articles"] / clock.wall, 1),
        "words_per_s": round(words / clock.wall),
        # the daemon forks the workers; the largest processes are the ones holding a model
        "peak_rss_mb_python_workers": sorted(round(v) for v in sampler.peaks.values())[-cores:] if sampler else None,
        # Python workers' CPU (model loading included, sampled every 0.2 s)
        "python_cpu_s": round(sum(sampler.cpu.values()), 2) if sampler else None,
        "words_per_python_cpu_s": round(words / sum(sampler.cpu.values())) if sampler and sampler.cpu else None,
    }


def projection(words_per_cpu_s: float, words_per_article: float) -> dict:
    per_article_s = words_per_article / words_per_cpu_s
    return {
        "words_per_article": round(words_per_article),
        "core_hours_1M_articles": round(1_000_000 * per_article_s / 3600, 1),
        "core_hours_100M_articles": round(100_000_000 * per_article_s / 3600),
    }


def load_average() -> list[float] | None:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--words", type=int, default=1_000_000, help="words for the one-core comparison")
    parser.add_argument("--scale-words", type=int, default=200_000, help="words for the 1 -> 2 worker runs")
    parser.add_argument("--profile-words", type=int, default=50_000, help="words for the cProfile run")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--shared", action="store_true", help="also use ../shared/examples when present")
    parser.add_argument("--skip-spark", action="store_true")
    parser.add_argument("--skip-scaling", action="store_true")
    parser.add_argument("--skip-core", action="store_true",
                        help="skip load time, bare model vs pipeline and the profile (scaling runs only)")
    parser.add_argument("--json", type=Path, help="write the results here as JSON")
    args = parser.parse_args(argv)

    import parley

    results: dict = {
        "parley_version": parley.__version__, "python": platform.python_version(),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, {platform.system()}",
        "load_average_at_start": load_average(),
    }
    if not args.skip_core:
        records = corpus(args.words, args.seed, args.shared)
        words = word_count(records)
        results["corpus"] = {"articles": len(records), "words": words,
                             "words_per_article": round(words / len(records), 1)}
        _log(f"corpus: {len(records)} articles, {words:,} words")
        results["load"] = measure_load()
        _log(f"load: {results['load']}")
        results["bare_model"] = bare = bench_bare(records)
        _log(f"bare model: {bare['per_article']['words_per_cpu_s']:,} words/CPU-s (nlp(text)), "
             f"{bare['pipe']['words_per_cpu_s']:,} (nlp.pipe)")
        results["pipeline"] = pipe = bench_pipeline(records)
        _log(f"pipeline: {pipe['words_per_cpu_s']:,} words/CPU-s one article at a time, "
             f"{pipe['batched']['words_per_cpu_s']:,} with 32 articles parsed together (batch, events)")
        results["ratio"] = {
            "pipeline_vs_bare_per_article": round(
                pipe["words_per_cpu_s"] / bare["per_article"]["words_per_cpu_s"], 3),
            "pipeline_vs_bare_pipe": round(pipe["words_per_cpu_s"] / bare["pipe"]["words_per_cpu_s"], 3),
        }
        _log(f"ratio: {results['ratio']}")
        sample = corpus(args.profile_words, args.seed + 1, args.shared)
        results["profile"] = profile(sample)
        _log("profile: " + ", ".join(f"{k} {v['share']:.0%}" for k, v in results["profile"]["stages"].items()))
        results["projection"] = projection(pipe["words_per_cpu_s"], words / len(records))
        results["projection_600_word_articles"] = projection(pipe["words_per_cpu_s"], 600)

    if not args.skip_scaling or not args.skip_spark:
        scale = corpus(args.scale_words, args.seed + 2, args.shared)
        with tempfile.TemporaryDirectory(prefix="parley-bench-") as tmp:
            folder = Path(tmp)
            if not args.skip_scaling:
                results["local"] = [bench_local(scale, w, folder) for w in (1, 2)]
                one, two = results["local"]
                results["local_scaling"] = round(two["words_per_s"] / one["words_per_s"], 2)
                _log(f"local: {one['words_per_s']:,} -> {two['words_per_s']:,} words/s "
                     f"(x{results['local_scaling']})")
            if not args.skip_spark:
                try:
                    results["spark"] = [bench_spark(scale, c, folder) for c in (1, 2)]
                    one, two = results["spark"]
                    results["spark_scaling"] = round(two["words_per_s"] / one["words_per_s"], 2)
                    _log(f"spark: {one['words_per_s']:,} -> {two['words_per_s']:,} words/s "
                         f"(x{results['spark_scaling']})")
                except ImportError as exc:
                    results["spark"] = f"skipped: {exc}"

    results["load_average_at_end"] = load_average()
    text = json.dumps(results, indent=2)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(text + "\n", encoding="utf-8")
    print(text)
    return 0


def _log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
