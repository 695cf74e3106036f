"""The batch input: a directory, a JSONL file or a Parquet file (or folder of them) of articles.

``plan`` lists the input files in a fixed order with how many input rows each
holds, so a job cuts the same shards every time it runs (that is what makes a
resumed job skip exactly the work already done).  ``iter_rows`` then yields
``partition.INPUT_SCHEMA`` rows in that order: a JSONL line (parsed by the
worker, not here, so the driver stays light), a Parquet row, or the path of a
text, HTML or JSON file for ``parley.ingest.iter_articles``.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from parley.errors import InputError

log = logging.getLogger("parley")

JSONL_SUFFIXES = (".jsonl", ".ndjson")
PARQUET_SUFFIXES = (".parquet", ".pq")
FILE_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm", ".json")

# Parquet column names read as each input field (first present wins), as ingest does for JSON.
PARQUET_ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "article_id"),
    "text": ("text", "body", "content", "maintext"),
    "published": ("published", "date", "publish_date"),
    "url": ("url",),
    "title": ("title",),
    "source": ("source", "publication"),
}


@dataclass(frozen=True)
class InputFile:
    path: Path
    kind: str  # jsonl, parquet or file
    rows: int
    size: int
    mtime_ns: int

    def fingerprint(self, root: Path) -> list[Any]:
        rel = self.path.relative_to(root) if self.path != root else Path(self.path.name)
        return [str(rel), self.size, self.mtime_ns]


def kind_of(path: Path) -> str | None:
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in PARQUET_SUFFIXES:
        return "parquet"
    if suffix in FILE_SUFFIXES:
        return "file"
    return None


def plan(path: str | os.PathLike) -> list[InputFile]:
    """The input files under ``path`` in the order a job reads them."""
    root = Path(path)
    if not root.exists():
        raise InputError("no such file or directory", source=str(root))
    if root.is_file():
        kind = kind_of(root) or "file"
        return [_describe(root, kind)]
    files: list[InputFile] = []
    skipped = 0
    for dirpath, dirnames, filenames in os.walk(root):
        # hidden and underscore names are job markers and temporary files (Spark's _SUCCESS, .crc)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith((".", "_")))
        for name in sorted(filenames):
            if name.startswith((".", "_")):
                continue
            p = Path(dirpath) / name
            kind = kind_of(p)
            if kind is None:
                skipped += 1
                continue
            files.append(_describe(p, kind))
    if skipped:
        log.warning("batch: skipped %d files under %s whose extension is not an input format", skipped, root)
    if not files:
        raise InputError(
            "no input files (.jsonl, .parquet, .txt, .html, .json) in the directory", source=str(root)
        )
    return files


def _describe(path: Path, kind: str) -> InputFile:
    stat = path.stat()
    if kind == "jsonl":
        rows = count_lines(path)
    elif kind == "parquet":
        import pyarrow.parquet as pq

        try:
            rows = pq.ParquetFile(path).metadata.num_rows
        except Exception as exc:  # pyarrow raises ArrowInvalid, OSError ... for a damaged file
            raise InputError(f"cannot read Parquet ({exc})", source=str(path)) from None
    else:
        rows = 1
    return InputFile(path=path, kind=kind, rows=rows, size=stat.st_size, mtime_ns=stat.st_mtime_ns)


def count_lines(path: Path) -> int:
    """Non-blank lines (read_jsonl skips blank ones too)."""
    count = 0
    with path.open("rb") as handle:
        for raw in handle:
            if raw.strip():
                count += 1
    return count


def iter_rows(files: list[InputFile]) -> Iterator[dict[str, Any]]:
    """Every input row of ``files``, in plan order, as ``INPUT_SCHEMA`` dicts."""
    for f in files:
        if f.kind == "jsonl":
            yield from _jsonl_rows(f.path)
        elif f.kind == "parquet":
            yield from _parquet_rows(f.path)
        else:
            yield {"path": str(f.path), "origin": str(f.path)}


def _jsonl_rows(path: Path) -> Iterator[dict[str, Any]]:
    with path.open("rb") as handle:
        for lineno, raw in enumerate(handle, start=1):
            if raw.strip():
                yield {"line": raw, "origin": f"{path}:{lineno}"}


def _parquet_rows(path: Path, batch_size: int = 1024) -> Iterator[dict[str, Any]]:
    import pyarrow.parquet as pq

    from parley.batch.partition import cell

    handle = pq.ParquetFile(path)
    present = set(handle.schema_arrow.names)
    columns = {
        field: next((name for name in names if name in present), None)
        for field, names in PARQUET_ALIASES.items()
    }
    if columns["text"] is None:
        raise InputError(
            f"Parquet has no text column (one of {', '.join(PARQUET_ALIASES['text'])})", source=str(path)
        )
    wanted = sorted({c for c in columns.values() if c})
    row_number = 0
    for batch in handle.iter_batches(batch_size=batch_size, columns=wanted):
        for record in batch.to_pylist():
            row = {field: cell(record.get(name)) if name else None for field, name in columns.items()}
            row["origin"] = f"{path}[{row_number}]"
            row_number += 1
            yield row
