"""The local engine: same records as `parley events`, quarantine, inputs, resume, crashes."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

import batch_helpers as helpers
import parley
from parley.batch import BatchError, read_table, run_batch
from parley.cli import main
from parley.errors import ModelNotFound
from parley.ingest import parse_date

HERE = Path(__file__).resolve().parent
SRC = HERE.parent.parent / "src"


def cli(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def articles_jsonl(tmp_path_factory):
    return helpers.write_jsonl(tmp_path_factory.mktemp("in") / "news.jsonl", helpers.records())


def _analyses(rows):
    """The Python API's analysis of each record (None where the pipeline itself fails on it)."""
    out = []
    for r in rows:
        try:
            out.append(parley.analyze(r["text"], published=r["published"], article_id=r["id"], source=r["source"]))
        except Exception:  # a stage bug is its own tests' business; here only the batch is compared
            out.append(None)
    return out


def test_batch_output_equals_parley_events(tmp_path):
    rows = helpers.records()
    analyses = _analyses(rows)
    coded = [r for r, a in zip(rows, analyses) if a is not None]
    assert len(coded) >= len(rows) // 2, "the pipeline fails on most test articles"
    analyses = [a for a in analyses if a is not None]
    src = helpers.write_jsonl(tmp_path / "news.jsonl", coded)
    out = tmp_path / "out"
    result = cli("batch", src, out, "--workers", "2", "--shard-size", "5", "--quiet")
    assert result.exit_code == 0, result.output
    events = cli("events", src, "--format", "jsonl")
    assert events.exit_code == 0
    expected = [json.loads(line) for line in events.stdout.splitlines() if line.strip()]
    assert read_table(out, "events") == expected
    # the other tables hold the same records as the Python API
    for table in ("quotes", "flags", "claims"):
        want = [{"article_id": a.article.id, **rec.to_dict()} for a in analyses for rec in getattr(a, table)]
        assert read_table(out, table) == want, table
    assert [r["article_id"] for r in read_table(out, "articles")] == [r["id"] for r in coded]
    assert len(expected) > 0 and sum(len(a.quotes) for a in analyses) > 0  # nested records are compared


def test_bad_articles_are_quarantined_with_reasons(tmp_path):
    src = helpers.write_jsonl(
        tmp_path / "mixed.jsonl",
        helpers.records(3) + [
            {"id": "nodate", "text": helpers.ARTICLES[0]},
            {"id": "empty", "text": "   ", "published": "2025-01-01"},
            {"id": "french", "published": "2025-01-01",
             "text": "Les négociations entre les deux gouvernements ont repris mardi à Genève, "
                     "selon un communiqué publié par le ministère des affaires étrangères."},
            {"id": "notext", "published": "2025-01-01"},
        ],
        extra_lines=["{not json"],
    )
    out = tmp_path / "out"
    result = cli("batch", src, out)
    assert result.exit_code == 0, result.output
    assert re.search(r"\d+ articles coded .* \d+ quarantined", result.stderr)
    assert f"see {out}/quarantine" in result.stderr
    quarantine = {row["origin"]: row for row in read_table(out, "quarantine")}
    assert {f"{src}:{n}" for n in range(4, 9)} <= set(quarantine)
    reasons = {row["article_id"]: row["reason"] for row in quarantine.values()}
    assert "no publication date" in reasons["nodate"]
    assert "empty" in reasons["empty"]
    assert "not English" in reasons["french"]
    assert "no 'text' field" in reasons["notext"]
    assert "malformed JSON" in quarantine[f"{src}:8"]["reason"]
    assert quarantine[f"{src}:4"]["error_kind"] == "DateError"
    assert len(read_table(out, "articles")) + len(quarantine) == 8


def test_an_exception_in_a_stage_quarantines_only_that_article(tmp_path):
    rows = helpers.records(4)
    rows[1]["text"] += " FAIL-ME"
    src = helpers.write_jsonl(tmp_path / "in.jsonl", rows)
    summary = run_batch(src, tmp_path / "out", workers=1, analyze=helpers.failing_analyze)
    assert summary.articles + summary.quarantined == 4
    (bad,) = [r for r in read_table(tmp_path / "out", "quarantine") if r["article_id"] == "t0001"]
    assert bad["article_id"] == "t0001" and bad["error_kind"] == "RuntimeError"
    assert "a stage broke" in bad["reason"]


@pytest.mark.slow
def test_a_worker_killed_by_an_article_is_quarantined_and_the_rest_coded(tmp_path):
    rows = helpers.records(6)
    rows[4]["text"] += " CRASH-ME"
    src = helpers.write_jsonl(tmp_path / "in.jsonl", rows)
    summary = run_batch(src, tmp_path / "out", workers=1, shard_size=4, chunk_size=3,
                        analyze=helpers.crashing_analyze)
    assert summary.worker_crashes == 2  # the chunk, then the article alone
    crashed = [r for r in read_table(tmp_path / "out", "quarantine") if r["error_kind"] == "WorkerCrash"]
    assert [r["origin"] for r in crashed] == [f"{src}:5"]
    assert "worker process died" in crashed[0]["reason"]
    done = [r["article_id"] for r in read_table(tmp_path / "out", "articles") + read_table(tmp_path / "out", "quarantine")]
    assert sorted(done, key=str) == sorted([r["id"] for i, r in enumerate(rows) if i != 4] + [None], key=str)


def test_a_broken_installation_stops_the_job(tmp_path, articles_jsonl):
    with pytest.raises(ModelNotFound, match="model is missing"):
        run_batch(articles_jsonl, tmp_path / "out", workers=1, analyze=helpers.no_model)
    assert not (tmp_path / "out" / "_SUCCESS").exists()


def test_folder_of_text_html_json_jsonl_and_parquet(tmp_path):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    texts = helpers.ARTICLES
    (folder / "a.txt").write_text(texts[0], encoding="utf-8")
    (folder / "b.html").write_text(
        f"<html><head><title>Talks</title></head><body><article><h1>Talks</h1><p>{texts[1]}</p>"
        f"<p>{texts[4]}</p></article></body></html>", encoding="utf-8")
    (folder / "c.json").write_text(json.dumps([{"id": "j1", "text": texts[2]}, {"id": "j2", "text": texts[3]}]))
    helpers.write_jsonl(folder / "sub" / "d.jsonl", [{"id": "l1", "text": texts[5]}])
    # Parquet with other column names (body, date) and a real date type
    pq.write_table(pa.table({"article_id": ["p1", "p2"], "body": [texts[6], texts[7]],
                             "date": pa.array([None, None], pa.date32())}), folder / "sub" / "e.parquet")
    (folder / "notes.csv").write_text("ignored")
    (folder / "_SUCCESS").write_text("")
    summary = run_batch(folder, tmp_path / "out", published=parse_date("2025-02-01"),
                        shard_size=3, workers=2)
    articles = read_table(tmp_path / "out", "articles")
    assert summary.quarantined == 0, read_table(tmp_path / "out", "quarantine")
    assert {a["published"] for a in articles} == {"2025-02-01"}
    origins = [a["origin"] for a in articles]
    assert origins[:3] == [str(folder / "a.txt"), str(folder / "b.html"), f"{folder / 'c.json'}[0]"]
    assert origins[-3:] == [f"{folder / 'sub' / 'd.jsonl'}:1", f"{folder / 'sub' / 'e.parquet'}[0]",
                            f"{folder / 'sub' / 'e.parquet'}[1]"]
    assert [a["article_id"] for a in articles][-3:] == ["l1", "p1", "p2"]


def test_parquet_input_dates_are_read(tmp_path):
    table = pa.table({"id": ["x1"], "text": [helpers.ARTICLES[0]],
                      "published": pa.array([parse_date("2024-12-30")], pa.date32())})
    pq.write_table(table, tmp_path / "in.parquet")
    run_batch(tmp_path / "in.parquet", tmp_path / "out")
    assert read_table(tmp_path / "out", "articles")[0]["published"] == "2024-12-30"


def test_output_folder_rules(tmp_path):
    articles_jsonl = helpers.write_jsonl(tmp_path / "in.jsonl", helpers.records(5))
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "keep.txt").write_text("not ours")
    with pytest.raises(BatchError, match="holds no parley batch job"):
        run_batch(articles_jsonl, foreign)
    assert [p.name for p in foreign.iterdir()] == ["keep.txt"]
    out = tmp_path / "out"
    run_batch(articles_jsonl, out, shard_size=3)
    again = run_batch(articles_jsonl, out, shard_size=3)  # a finished job: nothing left to do
    assert again.shards_skipped == again.shards == 2
    assert again.articles + again.quarantined == 5
    result = cli("batch", articles_jsonl, out, "--shard-size", "2")
    assert result.exit_code == 1 and "--restart" in result.stderr
    result = cli("batch", articles_jsonl, out, "--shard-size", "2", "--restart", "--quiet")
    assert result.exit_code == 0
    assert len(list((out / "events").glob("*.parquet"))) == 3
    assert len(read_table(out, "articles")) + len(read_table(out, "quarantine")) == 5


def _start(src: Path, out: Path, delay: float) -> subprocess.Popen:
    code = (
        # a shell that starts the suite in the background leaves SIGINT ignored, and children inherit that
        "import signal, sys, batch_helpers\n"
        "signal.signal(signal.SIGINT, signal.default_int_handler)\n"
        "from parley.batch import run_batch\n"
        "run_batch(sys.argv[1], sys.argv[2], workers=2, shard_size=2, chunk_size=1, "
        "analyze=batch_helpers.slow_analyze)\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(HERE), str(SRC), os.environ.get("PYTHONPATH", "")]),
           "PARLEY_TEST_DELAY": str(delay)}
    return subprocess.Popen([sys.executable, "-c", code, str(src), str(out)], env=env,
                            start_new_session=True, stderr=subprocess.PIPE)


def _wait_for_markers(out: Path, n: int, process: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if len(list((out / "_done").glob("*.json"))) >= n if (out / "_done").is_dir() else False:
            return
        if process.poll() is not None:
            pytest.fail(f"the job ended before it could be stopped: {process.stderr.read().decode()}")
        time.sleep(0.05)
    pytest.fail("no shard finished in time")


@pytest.mark.slow
@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGINT])
def test_an_interrupted_job_resumes_without_loss_or_duplicates(tmp_path, how):
    rows = helpers.records(16)
    src = helpers.write_jsonl(tmp_path / "in.jsonl", rows)
    out = tmp_path / "out"
    process = _start(src, out, delay=1.0)  # wide enough that a loaded machine cannot finish first
    _wait_for_markers(out, 2, process)
    if how == signal.SIGKILL:
        os.killpg(process.pid, signal.SIGKILL)  # driver and workers, like a machine going down
    else:
        os.kill(process.pid, signal.SIGINT)  # Ctrl-C in the driver
    process.wait(timeout=60)
    assert process.returncode != 0
    done_before = len(list((out / "_done").glob("*.json")))
    assert 2 <= done_before < 8, "the job must be stopped half-way for this test to mean anything"
    assert not (out / "_SUCCESS").exists()

    summary = run_batch(src, out, workers=2, shard_size=2, chunk_size=1)
    assert summary.shards_skipped == done_before and summary.shards == 8
    ids = [r["article_id"] for r in read_table(out, "articles") + read_table(out, "quarantine")]
    assert sorted(ids) == [r["id"] for r in rows]  # every article once
    fresh = tmp_path / "fresh"
    run_batch(src, fresh, workers=2, shard_size=2, chunk_size=1)
    for table in ("events", "quotes", "flags", "claims", "quarantine"):
        assert read_table(out, table) == read_table(fresh, table), table
    timeless = [{k: v for k, v in row.items() if k != "seconds"} for row in read_table(out, "articles")]
    assert timeless == [{k: v for k, v in row.items() if k != "seconds"} for row in read_table(fresh, "articles")]
    assert not [p for p in out.rglob(".*")]  # no temporary files left


def test_progress_bar_only_for_a_terminal():
    from parley.batch.progress import progress_bar, wanted

    class Tty:
        def isatty(self):
            return True

    assert wanted(False, Tty()) and not wanted(True, Tty())
    assert not wanted(False, open(os.devnull, "w"))
    calls = []
    with progress_bar(10, enabled=False) as advance:
        advance(3)
        calls.append(1)
    assert calls == [1]
