"""The Spark engine (extra ``parley[spark]``): the same per-partition function over Parquet.

Input rows (Parquet or JSONL, read by Spark) go through
``DataFrame.mapInArrow(partition.analyze_partition)``, so every executor's Python
worker loads the model once (``parley.load_model`` caches it per process and
Spark reuses Python workers) and codes whole Arrow batches.  A partition that
fails (a worker killed or out of memory) is retried by Spark up to ``retries``
times; an article that fails is a quarantine row, never a failed partition.

The per-article results are written once to ``OUTPUT/_results`` and the tables
are cut from that, so the model runs over each partition once even though six
tables are written.  The tables have the local engine's columns, so
``parley.batch.read_table`` reads either.
"""

from __future__ import annotations

import json
import logging
import os
import re
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa

from parley.batch.inputs import PARQUET_ALIASES, plan
from parley.batch.output import SUCCESS, BatchError
from parley.batch.partition import INPUT_COLUMNS, Analyzer, analyze_partition
from parley.batch.schema import ARTICLE_FIELDS, RECORD_TABLES, RESULT_SCHEMA, SCHEMAS
from parley.errors import require

log = logging.getLogger("parley")

RESULTS = "_results"


def spark_type(t: pa.DataType):
    """The Spark SQL type of an Arrow type (the kinds the batch schemas use)."""
    from pyspark.sql import types as T

    if pa.types.is_string(t) or pa.types.is_large_string(t):
        return T.StringType()
    if pa.types.is_int64(t):
        return T.LongType()
    if pa.types.is_int32(t):
        return T.IntegerType()
    if pa.types.is_float64(t):
        return T.DoubleType()
    if pa.types.is_boolean(t):
        return T.BooleanType()
    if pa.types.is_binary(t):
        return T.BinaryType()
    if pa.types.is_list(t):
        return T.ArrayType(spark_type(t.value_type), True)
    if pa.types.is_struct(t):
        return T.StructType([T.StructField(f.name, spark_type(f.type), True) for f in t])
    raise TypeError(f"no Spark type for {t}")


def spark_schema(schema: pa.Schema):
    from pyspark.sql import types as T

    return T.StructType([T.StructField(f.name, spark_type(f.type), True) for f in schema])


def with_retries(master: str, retries: int) -> str:
    """``local[N]`` does not retry failed tasks; ``local[N,F]`` allows F attempts."""
    match = re.fullmatch(r"local(?:\[(\d+|\*)\])?", master)
    if not match:
        return master
    return f"local[{match.group(1) or 1},{retries + 1}]"


def session(master: str | None = None, retries: int = 3):
    """A Spark session for a batch job (the active one when running under spark-submit)."""
    require("pyspark", "spark")
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is not None:
        return active, False
    builder = SparkSession.builder.appName("parley batch")
    if master:
        builder = builder.master(with_retries(master, retries))
    builder = (
        builder.config("spark.task.maxFailures", str(retries + 1))
        # Python workers are reused between tasks, so each loads the model once
        .config("spark.python.worker.reuse", "true")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "64")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")  # parley's summary says what was done
    )
    model = os.environ.get("PARLEY_MODEL")
    if model:  # the executors load the model the driver was asked for (`parley --model`)
        builder = builder.config("spark.executorEnv.PARLEY_MODEL", model)
    if master and master.startswith("local"):
        # Local workers must run this interpreter (its virtual environment and
        # its parley): PySpark's SparkContext reads PYSPARK_PYTHON, not the
        # spark.pyspark.python setting, and would otherwise start `python3` from PATH.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        builder = builder.config("spark.pyspark.python", sys.executable).config(
            "spark.pyspark.driver.python", sys.executable
        )
    try:
        spark = builder.getOrCreate()
    except Exception as exc:  # Py4J / gateway errors when Java is missing or broken
        raise BatchError(f"Spark could not start ({exc}); it needs Java 17 on PATH or JAVA_HOME") from exc
    spark.sparkContext.setLogLevel("ERROR")
    return spark, True


def default_master(workers: int) -> str | None:
    """spark-submit's master when running under it (None), else ``local[workers]``."""
    import os

    return None if os.environ.get("PYSPARK_GATEWAY_PORT") else f"local[{workers}]"


def is_remote(path: str) -> bool:
    """A Hadoop-style URL (hdfs://, s3a://, gs://, abfss:// ...) rather than a local path."""
    return "://" in path and not path.startswith("file://")


def input_format(input_path: str) -> tuple[str, list[str]]:
    """``(parquet|json, paths)`` for Spark's reader."""
    if is_remote(input_path):
        # no listing here: Spark reads the folder; the suffix tells the format
        suffix = input_path.rstrip("/").rsplit(".", 1)[-1].lower()
        return ("json" if suffix in ("jsonl", "ndjson", "json") else "parquet"), [input_path]
    files = plan(input_path)
    kinds = {f.kind for f in files}
    if kinds - {"parquet", "jsonl"} or len(kinds) > 1:
        raise BatchError(
            f"{input_path}: the Spark engine reads Parquet or JSONL files (one kind per job); "
            "use --engine local for folders of text, HTML or JSON files"
        )
    return ("parquet" if kinds == {"parquet"} else "json"), [str(f.path) for f in files]


def run_spark(
    input_path: str,
    output: str,
    *,
    master: str | None = None,
    partitions: int | None = None,
    retries: int = 3,
    published: date | None = None,
    analyze: Analyzer | None = None,
    spark: Any = None,
) -> dict[str, Any]:
    """Code every article of ``input_path`` (Parquet or JSONL, local or a cluster URL) on Spark.

    Tables are (over)written under ``output``; a rerun redoes the whole job
    (Spark's own task retries cover failed partitions within a run).
    """
    fmt, paths = input_format(input_path)
    local_out = None if is_remote(output) else Path(output)
    if local_out is not None and local_out.exists() and any(local_out.iterdir()):
        manifest = local_out / "_manifest.json"
        if not manifest.exists() or json.loads(manifest.read_text(encoding="utf-8")).get("engine") != "spark":
            raise BatchError(f"{output}: folder is not empty and holds no parley Spark job; give a new or empty folder")
    own = False
    if spark is None:
        spark, own = session(master, retries)
    from pyspark.sql import functions as F

    started = time.perf_counter()
    base = output.rstrip("/")
    try:
        frame = spark.read.parquet(*paths) if fmt == "parquet" else spark.read.json(paths)
        frame = _input_columns(frame, F)
        if partitions:
            frame = frame.repartition(partitions)

        def code(batches):
            return analyze_partition(batches, analyze, published)

        staging = f"{base}/{RESULTS}"
        try:
            frame.mapInArrow(code, spark_schema(RESULT_SCHEMA)).write.mode("overwrite").parquet(staging)
        except Exception as exc:  # Py4J wraps the Python error of the last failed attempt
            raise BatchError(f"the Spark job failed after its retries: {python_error(str(exc))}") from exc
        coded = spark.read.parquet(staging)
        for table in RECORD_TABLES:
            coded.select(F.explode(table).alias("r")).select("r.*").write.mode("overwrite").parquet(f"{base}/{table}")
        good = coded.filter(F.col("ok"))
        good.select(
            *[F.col(f.name) for f in ARTICLE_FIELDS],
            *[F.size(table).cast("long").alias(f"n_{table}") for table in RECORD_TABLES],
        ).write.mode("overwrite").parquet(f"{base}/articles")
        bad = coded.filter(~F.col("ok")).select(*SCHEMAS["quarantine"].names)
        bad.write.mode("overwrite").parquet(f"{base}/quarantine")
        # every count in one pass over the (small) staged results
        totals = coded.agg(
            F.sum(F.col("ok").cast("long")).alias("articles"),
            F.sum((~F.col("ok")).cast("long")).alias("quarantine"),
            F.sum("n_words").alias("words"),
            *[F.sum(F.size(table)).alias(table) for table in RECORD_TABLES],
        ).first()
        summary = {
            "engine": "spark",
            "master": spark.sparkContext.master,
            **{name: int(totals[name] or 0) for name in ("articles", "quarantine", "words", *RECORD_TABLES)},
            "seconds": round(time.perf_counter() - started, 3),
        }
        _delete(spark, staging)
        log.info("batch: spark job done: %s", summary)
        if local_out is not None:
            (local_out / "_manifest.json").write_text(
                json.dumps({"engine": "spark", "input": input_path}, indent=2), encoding="utf-8"
            )
            (local_out / SUCCESS).write_text(json.dumps(summary, indent=2, sort_keys=True), encoding="utf-8")
        return summary
    finally:
        if own:
            spark.stop()


def python_error(message: str) -> str:
    """The Python exception line inside a Spark error (whose message is a Java stack trace)."""
    lines = re.findall(r"^((?:[a-z_]\w*\.)*[A-Z]\w*: .+)$", message, flags=re.M)
    python = [line for line in lines if not line.startswith(("org.", "java.", "py4j.", "scala."))]
    if python:
        return python[-1]
    return message.strip().splitlines()[0] if message.strip() else "unknown error"


def _delete(spark, path: str) -> None:
    """Remove a folder on whatever file system Spark writes to."""
    jvm = spark.sparkContext._jvm  # Hadoop's FileSystem has no Python API
    hpath = jvm.org.apache.hadoop.fs.Path(path)
    hpath.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration()).delete(hpath, True)


def _input_columns(frame, F):
    """The input columns renamed and cast to INPUT_SCHEMA's strings, plus the file each row came from."""
    present = set(frame.columns)
    columns = []
    for field in INPUT_COLUMNS:
        name = next((n for n in PARQUET_ALIASES[field] if n in present), None)
        columns.append((F.col(f"`{name}`").cast("string") if name else F.lit(None).cast("string")).alias(field))
    if not any(n in present for n in PARQUET_ALIASES["text"]):
        raise BatchError(f"the input has no text column (one of {', '.join(PARQUET_ALIASES['text'])})")
    return frame.select(*columns, F.input_file_name().alias("origin"))
