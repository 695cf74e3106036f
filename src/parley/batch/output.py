"""The batch output folder: one Parquet dataset per table, written in shards with completion markers.

Layout::

    OUTPUT/
      _manifest.json               what the job reads (files, sizes, mtimes) and how it cuts shards
      events/part-00000.parquet    one file per shard and table (events, quotes, flags, claims,
      quotes/part-00000.parquet    articles, quarantine); every shard writes every table, empty or not
      ...
      _done/part-00000.json        the shard's completion marker, written after all its tables
      _SUCCESS                     the job's summary, written when every shard is done

A table file is written under a dot-name and renamed into place; the marker
comes last, so a shard without a marker is simply done again on resume (its
files are overwritten, never appended to) and nothing is lost or doubled.
Readers that skip ``_``/``.`` names (pyarrow, Spark, DuckDB, pandas) see only
whole files.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from parley.batch.schema import SCHEMAS, TABLES, from_rows
from parley.errors import ParleyError

log = logging.getLogger("parley")

MANIFEST = "_manifest.json"
DONE = "_done"
SUCCESS = "_SUCCESS"


class BatchError(ParleyError):
    """A batch job cannot start or go on (its output folder holds another job, ...)."""


def shard_name(shard: int) -> str:
    return f"part-{shard:05d}"


class Output:
    """The output folder of one job."""

    def __init__(self, root: str | os.PathLike):
        self.root = Path(root)

    @property
    def manifest_path(self) -> Path:
        return self.root / MANIFEST

    def open(self, manifest: dict[str, Any], *, restart: bool = False) -> set[int]:
        """Start or resume the job described by ``manifest``; return the shards already done."""
        if self.root.exists() and not self.root.is_dir():
            raise BatchError(f"{self.root}: exists and is not a folder")
        if self.root.exists() and any(self.root.iterdir()):
            if not self.manifest_path.is_file():
                raise BatchError(
                    f"{self.root}: folder is not empty and holds no parley batch job; "
                    "give a new or empty folder"
                )
            previous = json.loads(self.manifest_path.read_text(encoding="utf-8"))
            if restart:
                self.clear()
            elif previous != manifest:
                raise BatchError(
                    f"{self.root}: holds a job over different input or settings "
                    f"({_difference(previous, manifest)}); pass --restart to discard it, "
                    "or give another folder"
                )
            else:
                done = self.done_shards()
                self._drop_unfinished(done)
                if done:
                    log.info("batch: resuming %s: %d shards already done", self.root, len(done))
                return done
        self.root.mkdir(parents=True, exist_ok=True)
        for table in TABLES:
            (self.root / table).mkdir(exist_ok=True)
        (self.root / DONE).mkdir(exist_ok=True)
        _write_atomic(self.manifest_path, json.dumps(manifest, indent=2, sort_keys=True))
        return set()

    def clear(self) -> None:
        """Remove a previous job's files (only the names a job writes)."""
        for name in (*TABLES, DONE):
            shutil.rmtree(self.root / name, ignore_errors=True)
        for name in (MANIFEST, SUCCESS):
            (self.root / name).unlink(missing_ok=True)

    def done_shards(self) -> set[int]:
        done = set()
        for marker in (self.root / DONE).glob("part-*.json"):
            try:
                done.add(int(marker.stem.split("-")[1]))
            except (IndexError, ValueError):
                continue
        return done

    def _drop_unfinished(self, done: set[int]) -> None:
        """Delete table files of shards that have no marker (a run stopped while writing them)."""
        for table in TABLES:
            folder = self.root / table
            if not folder.is_dir():
                continue
            for path in folder.iterdir():
                if path.name.startswith("."):
                    path.unlink()
                    continue
                try:
                    shard = int(path.stem.split("-")[1])
                except (IndexError, ValueError):
                    continue
                if shard not in done:
                    path.unlink()

    def write_shard(self, shard: int, tables: dict[str, pa.Table], stats: dict[str, Any]) -> None:
        """Write every table of one shard, then its completion marker."""
        name = shard_name(shard)
        for table in TABLES:
            target = self.root / table / f"{name}.parquet"
            tmp = target.with_name(f".{target.name}.tmp")
            data = tables.get(table, SCHEMAS[table].empty_table())
            pq.write_table(data, tmp, compression="zstd")
            os.replace(tmp, target)
        _write_atomic(self.root / DONE / f"{name}.json", json.dumps(stats, sort_keys=True))

    def shard_stats(self) -> list[dict[str, Any]]:
        stats = []
        for marker in sorted((self.root / DONE).glob("part-*.json")):
            stats.append(json.loads(marker.read_text(encoding="utf-8")))
        return stats

    def finish(self, summary: dict[str, Any]) -> None:
        _write_atomic(self.root / SUCCESS, json.dumps(summary, indent=2, sort_keys=True))


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def _difference(old: dict[str, Any], new: dict[str, Any]) -> str:
    keys = sorted(k for k in old.keys() | new.keys() if old.get(k) != new.get(k))
    return "differs in " + ", ".join(keys) if keys else "differs"


def read_table(output: str | os.PathLike, table: str) -> list[dict[str, Any]]:
    """A table of a batch output as a list of dicts, in input order.

    Rows equal the records' ``to_dict()`` (plus ``article_id`` on quotes, flags
    and claims); JSON-stored fields are parsed back.  Works on the output of
    either engine.
    """
    if table not in SCHEMAS:
        raise BatchError(f"no table {table!r}: choose one of {', '.join(TABLES)}")
    folder = Path(output) / table
    if not folder.is_dir():
        raise BatchError(f"{output}: has no {table} table; is it a parley batch output?")
    rows: list[dict[str, Any]] = []
    for path in sorted(folder.glob("*.parquet")):
        if path.name.startswith((".", "_")):
            continue
        rows.extend(pq.read_table(path).to_pylist())
    names = SCHEMAS[table].names
    return from_rows([{k: row.get(k) for k in names} for row in rows], SCHEMAS[table])
