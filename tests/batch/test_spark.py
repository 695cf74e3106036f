"""The Spark engine in local mode: same tables as the local engine, quarantine, task retries."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import batch_helpers as helpers
from parley.batch import read_table, run_batch
from parley.batch.spark import run_spark, session, with_retries

pytestmark = pytest.mark.spark


def _java_works() -> bool:
    java = shutil.which("java")
    if not java:
        return False
    return subprocess.run([java, "-version"], capture_output=True).returncode == 0


@pytest.fixture(scope="module")
def spark():
    pytest.importorskip("pyspark", reason="the Spark engine needs pyspark: pip install 'parley[spark]'")
    if not _java_works():
        pytest.skip("the Spark engine needs Java 17 (java on PATH)")
    from pyspark import cloudpickle

    # Spark's Python workers do not see the test folder on sys.path: ship the helpers by value
    cloudpickle.register_pickle_by_value(helpers)
    spark, _ = session("local[2]", retries=2)
    yield spark
    spark.stop()


def _by_id(rows, key="id"):
    return sorted(rows, key=lambda r: (r.get("article_id") or "", r.get(key) or "", r.get("start") or 0))


def test_local_master_gets_task_retries():
    assert with_retries("local[2]", 3) == "local[2,4]"
    assert with_retries("local", 1) == "local[1,2]"
    assert with_retries("local[*]", 2) == "local[*,3]"
    assert with_retries("yarn", 3) == "yarn"


def test_spark_output_equals_local_output(spark, tmp_path):
    rows = helpers.records(8) + [{"id": "nodate", "text": helpers.ARTICLES[0]}]
    table = pa.Table.from_pylist(rows)
    pq.write_table(table, tmp_path / "in.parquet", row_group_size=3)
    run_batch(tmp_path / "in.parquet", tmp_path / "local", workers=1)
    summary = run_spark(str(tmp_path / "in.parquet"), str(tmp_path / "spark"), spark=spark, partitions=2)
    assert summary["articles"] + summary["quarantine"] == 9
    for name in ("events", "quotes", "flags", "claims"):
        assert _by_id(read_table(tmp_path / "spark", name)) == _by_id(read_table(tmp_path / "local", name)), name
    quarantine = read_table(tmp_path / "spark", "quarantine")
    assert any(q["article_id"] == "nodate" and "no publication date" in q["reason"] for q in quarantine)
    articles = read_table(tmp_path / "spark", "articles")
    assert {a["origin"] for a in articles} == {f"file://{tmp_path / 'in.parquet'}"}
    assert not (tmp_path / "spark" / "_results").exists()
    assert json.loads((tmp_path / "spark" / "_SUCCESS").read_text())["engine"] == "spark"


def test_a_failed_partition_is_retried(spark, tmp_path):
    rows = helpers.records(4)
    tag = f"CRASH-ONCE-{uuid.uuid4().hex[:8]}"
    rows[2]["text"] += f" {tag}"
    src = helpers.write_jsonl(tmp_path / "in.jsonl", rows)
    summary = run_spark(str(src), str(tmp_path / "out"), spark=spark, analyze=helpers.crash_once_analyze)
    assert summary["articles"] + summary["quarantine"] == 4
    coded = {a["article_id"] for a in read_table(tmp_path / "out", "articles")}
    coded |= {q["article_id"] for q in read_table(tmp_path / "out", "quarantine")}
    assert coded == {r["id"] for r in rows}
    assert not any(q["error_kind"] == "WorkerCrash" for q in read_table(tmp_path / "out", "quarantine"))
    assert (Path(tempfile.gettempdir()) / f"parley-{tag}").exists()  # the first attempt did die


def test_text_folders_are_refused(spark, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(helpers.ARTICLES[0])
    from parley.batch import BatchError

    with pytest.raises(BatchError, match="--engine local"):
        run_spark(str(tmp_path / "in"), str(tmp_path / "out"), spark=spark)


def test_cli_spark_engine(spark, tmp_path):
    from click.testing import CliRunner

    from parley.cli import main

    src = helpers.write_jsonl(tmp_path / "in.jsonl", helpers.records(3))
    result = CliRunner().invoke(main, ["batch", str(src), str(tmp_path / "out"), "--engine", "spark",
                                       "--workers", "2"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert re.search(r"\d+ articles coded", result.stderr)
    coded = read_table(tmp_path / "out", "articles") + read_table(tmp_path / "out", "quarantine")
    assert sorted(r["article_id"] for r in coded) == ["t0000", "t0001", "t0002"]


def test_a_broken_installation_fails_the_job_with_its_reason(spark, tmp_path):
    from parley.batch import BatchError

    src = helpers.write_jsonl(tmp_path / "in.jsonl", helpers.records(2))
    with pytest.raises(BatchError, match="model is missing"):
        run_spark(str(src), str(tmp_path / "out"), spark=spark, analyze=helpers.no_model)


def test_workers_run_the_drivers_interpreter(spark):
    """Workers must import this environment's parley, not whatever `python3` is on PATH."""

    def where(_):
        import sys as worker_sys

        import parley as worker_parley

        yield (worker_sys.prefix, worker_parley.__file__)

    import parley

    assert spark.sparkContext.parallelize([0], 1).mapPartitions(where).collect() == [
        (sys.prefix, parley.__file__)
    ]
