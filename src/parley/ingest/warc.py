"""WARC web archives (warcio): one article per archived HTML page or text resource.

Only successful (HTTP 2xx) ``response`` records with an HTML or plain-text body, and
``resource`` records with such a body, are articles; the others (requests, metadata,
redirects, images, scripts) are not inputs and are passed over.  The page's own
date (trafilatura's metadata) is its publication date; the crawl date is not used,
because relative dates in the text would be resolved against the wrong day.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

from parley.errors import InputError
from parley.ingest import ArticleOrError, article_from_html, decode, make_article

TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


def _content_type(record) -> str:
    if record.rec_type == "response" and record.http_headers is not None:
        value = record.http_headers.get_header("Content-Type") or ""
    else:
        value = record.rec_headers.get_header("Content-Type") or ""
    return value.split(";")[0].strip().lower()


def read_warc(path: Path, published: date | None, require_date: bool = True) -> Iterator[ArticleOrError]:
    """Every archived page in a ``.warc`` / ``.warc.gz`` file as an article."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    origin = str(path)
    if not path.exists():
        yield InputError("no such file", source=origin)
        return
    try:
        with path.open("rb") as handle:
            found = False
            for record in ArchiveIterator(handle):
                if record.rec_type not in ("response", "resource"):
                    continue
                if record.rec_type == "response":
                    status = record.http_headers.get_statuscode() if record.http_headers else None
                    if not status or not status.startswith("2"):
                        continue
                kind = _content_type(record)
                if kind not in TEXT_TYPES:
                    continue
                found = True
                url = record.rec_headers.get_header("WARC-Target-URI")
                where = f"{origin}#{url or record.rec_headers.get_header('WARC-Record-ID')}"
                try:
                    body = decode(record.content_stream().read(), source=where)
                    if kind == "text/plain":
                        yield make_article(body, published=published, url=url, origin=where,
                                           require_date=require_date)
                    else:
                        yield article_from_html(body, published=published, origin=where, url=url,
                                                require_date=require_date)
                except InputError as exc:
                    yield exc
            if not found:
                yield InputError("WARC file holds no HTML or text pages", source=origin)
    except ArchiveLoadFailed as exc:
        yield InputError(f"not a readable WARC file ({exc})", source=origin)
