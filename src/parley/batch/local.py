"""The local engine: a pool of worker processes, each loading the model once.

The driver (this process) reads the input, cuts it into shards of
``shard_size`` input rows and each shard into chunks of ``chunk_size`` rows,
and keeps a bounded number of chunks in flight so memory stays flat however big
the input.  Workers run ``partition.analyze_batch`` on a chunk and send the
per-article results back; when every chunk of a shard is back the driver
writes the shard (see ``output``).

A worker that dies (killed, out of memory, a crash in native code) breaks the
pool: the driver starts a new one and replays the chunks that were in flight
one article at a time, so the article that kills a worker is found and
quarantined and the others are coded.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import resource
import signal
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from parley.batch.inputs import InputFile, iter_rows
from parley.batch.output import Output
from parley.errors import MissingExtra, ParleyError
from parley.batch.partition import (
    INPUT_SCHEMA,
    RESULT_SCHEMA,
    Analyzer,
    analyze_batch,
    broken_installation,
    failure,
    split_results,
    warm_up,
)

log = logging.getLogger("parley")

CRASH_KIND = "WorkerCrash"


# -- the worker side --------------------------------------------------------

_worker: dict[str, Any] = {}


def _init_worker(analyze: Analyzer | None, published: date | None) -> None:
    # Ctrl-C reaches the whole process group; the driver alone decides how to stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker.update(analyze=analyze, published=published, fatal=None)
    try:
        _worker["load_seconds"] = warm_up(analyze)
    except Exception as exc:
        # raised again from the first task, where the driver sees it and stops the job
        _worker["fatal"] = broken_installation(exc)


def _run_chunk(batch: pa.RecordBatch) -> tuple[pa.RecordBatch, dict[str, Any]]:
    if _worker.get("fatal") is not None:
        raise _worker["fatal"]
    started = time.perf_counter()
    cpu_started = time.process_time()
    try:
        results = analyze_batch(batch, _worker["analyze"], _worker["published"])
    except MissingExtra as exc:
        raise ParleyError(str(exc)) from None  # its two-argument constructor does not unpickle
    return results, {
        "pid": os.getpid(),
        "seconds": time.perf_counter() - started,
        "cpu_seconds": time.process_time() - cpu_started,
        "load_seconds": _worker.get("load_seconds"),
        "peak_rss_mb": peak_rss_mb(),
    }


def peak_rss_mb() -> float:
    """This process's peak resident memory in MiB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 2**10  # bytes on macOS, KiB on Linux


# -- the driver side --------------------------------------------------------


@dataclass
class Chunk:
    shard: int
    first: int  # index of its first input row in the whole job
    rows: list[dict[str, Any]]
    attempts: int = 0


@dataclass
class ShardState:
    remaining: int  # input rows not yet back
    parts: list[tuple[int, pa.RecordBatch]] = field(default_factory=list)


@dataclass
class LocalStats:
    articles: int = 0
    rows_done: int = 0
    crashes: int = 0
    shards_written: int = 0
    seconds: float = 0.0
    worker_seconds: float = 0.0
    cpu_seconds: float = 0.0  # CPU time of the workers' chunks and of the driver
    workers: dict[int, dict[str, Any]] = field(default_factory=dict)  # pid -> peak_rss_mb, load_seconds


def _context() -> multiprocessing.context.BaseContext:
    # forkserver: workers start from a clean process, not a copy of a driver that
    # runs threads (the progress display); spawn where there is no forkserver.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def run_local(
    files: list[InputFile],
    output: Output,
    *,
    done: set[int],
    workers: int = 1,
    shard_size: int = 500,
    chunk_size: int = 8,
    published: date | None = None,
    analyze: Analyzer | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> LocalStats:
    """Analyse every shard of ``files`` not in ``done`` and write it to ``output``."""
    total = sum(f.rows for f in files)
    stats = LocalStats()
    started = time.perf_counter()
    driver_cpu = time.process_time()
    shards: dict[int, ShardState] = {}
    for shard in range(-(-total // shard_size)):
        if shard not in done:
            shards[shard] = ShardState(remaining=min(shard_size, total - shard * shard_size))
    chunks = _chunks(files, shard_size, chunk_size, done)
    replay: list[Chunk] = []  # single-row chunks run one at a time after a crash
    pending: dict[Future, Chunk] = {}
    window = max(2, workers * 3)
    executor = _executor(workers, analyze, published)

    def finish(chunk: Chunk, results: pa.RecordBatch) -> None:
        state = shards[chunk.shard]
        state.parts.append((chunk.first, results))
        state.remaining -= len(chunk.rows)
        stats.rows_done += len(chunk.rows)
        if on_progress:
            on_progress(len(chunk.rows))
        if state.remaining == 0:
            _write(output, chunk.shard, state, stats)
            del shards[chunk.shard]

    try:
        exhausted = False
        while True:
            # after a crash, suspects run alone so the next crash points at one article
            if replay:
                if not pending:
                    chunk = replay.pop(0)
                    pending[executor.submit(_run_chunk, _to_batch(chunk.rows))] = chunk
            else:
                while not exhausted and len(pending) < window:
                    chunk = next(chunks, None)
                    if chunk is None:
                        exhausted = True
                        break
                    pending[executor.submit(_run_chunk, _to_batch(chunk.rows))] = chunk
            if not pending:
                break
            finished, _ = wait(list(pending), return_when=FIRST_COMPLETED)
            broken: list[Chunk] = []
            for future in finished:
                chunk = pending.pop(future)
                try:
                    results, info = future.result()
                except BrokenProcessPool:
                    broken.append(chunk)
                    continue
                stats.workers.setdefault(info["pid"], {}).update(
                    peak_rss_mb=info["peak_rss_mb"], load_seconds=info["load_seconds"]
                )
                stats.worker_seconds += info["seconds"]
                stats.cpu_seconds += info["cpu_seconds"]
                stats.articles += results.num_rows
                finish(chunk, results)
            if broken:
                # every future of a broken pool fails; collect them all, then start a new pool
                broken.extend(pending.values())
                pending.clear()
                stats.crashes += 1
                executor.shutdown(wait=False, cancel_futures=True)
                executor = _executor(workers, analyze, published)
                for chunk in broken:
                    chunk.attempts += 1
                    if len(chunk.rows) == 1 and chunk.attempts >= 2:
                        log.warning("batch: %s crashed a worker twice; quarantined", _origin(chunk.rows[0]))
                        finish(chunk, _crash_result(chunk.rows[0]))
                        continue
                    replay.extend(
                        Chunk(chunk.shard, chunk.first + i, [row], chunk.attempts)
                        for i, row in enumerate(chunk.rows)
                    )
                replay.sort(key=lambda c: c.first)
    except BaseException:
        _stop(executor)
        raise
    executor.shutdown(wait=True)
    stats.seconds = time.perf_counter() - started
    stats.cpu_seconds += time.process_time() - driver_cpu
    return stats


def _executor(workers: int, analyze: Analyzer | None, published: date | None) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(
        max_workers=workers, mp_context=_context(), initializer=_init_worker, initargs=(analyze, published)
    )


def _stop(executor: ProcessPoolExecutor) -> None:
    """Stop at once: drop queued chunks and end the workers (their shards are redone on resume)."""
    processes = list(getattr(executor, "_processes", {}).values())  # no public handle on the workers
    executor.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(timeout=5)


def _chunks(files: list[InputFile], shard_size: int, chunk_size: int, done: set[int]) -> Iterator[Chunk]:
    """Chunks of input rows, never crossing a shard boundary, skipping shards already done."""
    rows: list[dict[str, Any]] = []
    first = 0
    for index, row in enumerate(iter_rows(files)):
        shard = index // shard_size
        if shard in done:
            continue
        if rows and (index // shard_size != first // shard_size or len(rows) == chunk_size):
            yield Chunk(first // shard_size, first, rows)
            rows = []
        if not rows:
            first = index
        rows.append(row)
    if rows:
        yield Chunk(first // shard_size, first, rows)


def _to_batch(rows: list[dict[str, Any]]) -> pa.RecordBatch:
    return pa.RecordBatch.from_pylist(rows, schema=INPUT_SCHEMA)


def _origin(row: dict[str, Any]) -> str:
    return row.get("origin") or row.get("path") or "?"


def _crash_result(row: dict[str, Any]) -> pa.RecordBatch:
    reason = (
        f"{_origin(row)}: the worker process died twice while analysing this input "
        "(killed, out of memory, or a crash in native code)"
    )
    return pa.RecordBatch.from_pylist([failure(row, None, kind=CRASH_KIND, reason=reason)], schema=RESULT_SCHEMA)


def _write(output: Output, shard: int, state: ShardState, stats: LocalStats) -> None:
    parts = [batch for _, batch in sorted(state.parts, key=lambda p: p[0])]
    tables = split_results(pa.Table.from_batches(parts, schema=RESULT_SCHEMA))
    counts = {name: table.num_rows for name, table in tables.items()}
    counts["words"] = int(pc.sum(tables["articles"].column("n_words")).as_py() or 0)
    output.write_shard(shard, tables, {"shard": shard, **counts})
    stats.shards_written += 1
