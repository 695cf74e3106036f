"""Many inputs at once: files and folders (recursive), in a stable order.

A folder is walked depth-first in sorted order, so two runs over the same tree
visit inputs in the same order (a resumed run meets the stored ones first).
Hidden files and folders (``.git``, ``.DS_Store``) are not inputs.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from parley.errors import InputError
from parley.ingest import ArticleOrError, iter_articles

log = logging.getLogger("parley")


def iter_files(paths: Iterable[str | os.PathLike]) -> Iterator[Path | InputError]:
    """Every file under ``paths`` (folders recursively), or an error for a path that does not exist."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith("."):
                        yield Path(root) / name
        elif path.exists():
            yield path
        else:
            yield InputError("no such file or folder", source=str(path))


def iter_inputs(
    paths: Iterable[str | os.PathLike], published: date | None = None, *, require_date: bool = True
) -> Iterator[ArticleOrError]:
    """Every article in files and folders, or the error that stops each input from being read."""
    for item in iter_files(paths):
        if isinstance(item, InputError):
            yield item
            continue
        try:
            yield from iter_articles(item, published, require_date=require_date)
        except OSError as exc:
            yield InputError(f"cannot read: {exc.strerror or exc}", source=str(item))
        except Exception as exc:  # a reader's bug on one odd file must not end the whole run
            log.exception("reading %s failed", item)
            yield InputError(f"cannot read ({type(exc).__name__}: {exc})", source=str(item))
