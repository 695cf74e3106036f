"""Background analysis jobs for the paste/upload page: analyse, store, report progress.

Analysis is CPU-bound and takes seconds per article, so a write request only
validates its input and queues a job; the page polls ``GET /api/jobs/{id}`` for the
step it is on and how many articles are done.  One worker thread: on a small machine
two analyses at once would only slow each other down.
"""

from __future__ import annotations

import logging
import tempfile
import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from parley.errors import InputError, ParleyError
from parley.records import Article

log = logging.getLogger("parley")

KEEP_JOBS = 200  # finished jobs remembered for polling; older ones are forgotten
UPLOAD_SUFFIXES = (".txt", ".html", ".htm", ".json", ".jsonl")


@dataclass
class Job:
    id: str
    status: str = "queued"  # queued, running, done, failed
    step: str = "waiting for the analyser"
    done: int = 0
    total: int | None = None
    article_ids: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "id": self.id, "status": self.status, "step": self.step, "done": self.done,
            "total": self.total, "article_ids": list(self.article_ids), "errors": list(self.errors),
        }


class JobRunner:
    """Runs analysis jobs one at a time on a worker thread and keeps their progress."""

    def __init__(self, store, analyze: Callable[[Article], object] | None = None,
                 on_stored: Callable[[], None] | None = None):
        self.store = store
        self._analyze = analyze
        self._on_stored = on_stored or (lambda: None)
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="parley-job")

    def get(self, job_id: str) -> dict | None:
        with self._lock:
            job = self._jobs.get(job_id)
            return job.to_dict() if job else None

    def submit_articles(self, articles: list[Article]) -> dict:
        """Queue already-validated articles (the paste form)."""
        job = self._new(total=len(articles))
        self._pool.submit(self._run, job, lambda: articles)
        return job.to_dict()

    def submit_upload(self, filename: str, data: bytes, published) -> dict:
        """Queue an uploaded file; ingest reads it (text, HTML, JSON or JSONL) on the worker."""
        suffix = Path(filename or "").suffix.lower()
        if suffix not in UPLOAD_SUFFIXES:
            raise InputError(
                f"cannot read a {suffix or 'suffix-less'} file: upload one of {', '.join(UPLOAD_SUFFIXES)}",
                source=filename or None,
            )
        job = self._new(total=None)
        self._pool.submit(self._run, job, lambda: self._read_upload(job, suffix, data, published, filename))
        return job.to_dict()

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)

    def _new(self, total: int | None) -> Job:
        job = Job(id=uuid.uuid4().hex, total=total)
        with self._lock:
            self._jobs[job.id] = job
            while len(self._jobs) > KEEP_JOBS:
                self._jobs.popitem(last=False)
        return job

    def _update(self, job: Job, **changes) -> None:
        with self._lock:
            for key, value in changes.items():
                setattr(job, key, value)

    def _read_upload(self, job: Job, suffix: str, data: bytes, published, filename: str) -> Iterable:
        from parley.ingest import iter_articles

        self._update(job, step="reading the upload")
        # ingest reads paths (it sniffs the format by suffix), so the bytes go to a private temp file.
        with tempfile.TemporaryDirectory(prefix="parley-upload-") as tmp:
            path = Path(tmp) / f"upload{suffix}"
            path.write_bytes(data)
            items = list(iter_articles(path, published))
        # messages name the private temp file: say the uploaded file's name instead
        return [
            InputError(str(item).replace(str(path), filename or "upload")) if isinstance(item, InputError) else item
            for item in items
        ]

    def _run(self, job: Job, load: Callable[[], Iterable]) -> None:
        from parley import analyze_article

        analyze = self._analyze or analyze_article
        self._update(job, status="running")
        try:
            items = list(load())
            self._update(job, total=len(items))
            for number, item in enumerate(items, start=1):
                if isinstance(item, InputError):
                    self._update(job, errors=job.errors + [str(item)], done=job.done + 1)
                    continue
                self._update(job, step=f"analysing article {number} of {len(items)}")
                try:
                    analysis = analyze(item)
                    self._update(job, step=f"storing article {number} of {len(items)}")
                    outcome = self.store.add_analysis(analysis)
                except ParleyError as exc:
                    self._update(job, errors=job.errors + [f"{item.id}: {exc}"])
                else:
                    self._on_stored()
                    if outcome["status"] == "quarantined":
                        self._update(job, errors=job.errors + [f"{item.id}: {outcome['reason']}"])
                    else:
                        # a duplicate is already stored under the id the store names
                        self._update(job, article_ids=job.article_ids + [outcome["article_id"]])
                self._update(job, done=job.done + 1)
        except ParleyError as exc:
            self._update(job, status="failed", step="failed", errors=job.errors + [str(exc)])
            return
        except Exception as exc:  # the worker must record every failure, never die silently
            log.exception("analysis job %s failed", job.id)
            self._update(job, status="failed", step="failed", errors=job.errors + [f"internal error: {exc}"])
            return
        failed = not job.article_ids and bool(job.errors)
        self._update(job, status="failed" if failed else "done", step="failed" if failed else "done")
