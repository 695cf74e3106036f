"""Ingest: read files into ``Article`` records, refusing bad input with a clear reason.

Formats: plain text, HTML (body extracted with trafilatura), JSON (an object or a
list of objects) and JSONL with ``{id, text, published, url, title, source}``.
Other readers (feeds, WARC, directories) register in ``READERS``.

``iter_articles(path)`` yields an ``Article`` or an ``InputError`` per input
document, so one bad line in a JSONL file never stops the others.
"""

from __future__ import annotations

import json
import logging
import os
import re
import unicodedata
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from parley.errors import DateError, InputError
from parley.records import Article, article_id_for

log = logging.getLogger("parley")

MAX_BYTES = 64 * 1024 * 1024  # a single input above this is refused, not read
MIN_LANGUAGE_CHARS = 80  # shorter texts are not language-checked
TEXT_FIELDS = ("text", "body", "content", "maintext")
MIN_BODY_WORDS = 8  # an extracted web-page body shorter than this is navigation, not an article

ArticleOrError = Article | InputError
Reader = Callable[[Path, "date | None"], Iterator[ArticleOrError]]


# -- dates ------------------------------------------------------------------


def parse_date(value: Any, *, source: str | None = None) -> date:
    """Read a publication date: ISO first, then anything dateparser understands."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not value.strip():
        raise DateError(f"bad date {value!r}: use YYYY-MM-DD", source=source)
    text = value.strip()
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        pass
    import dateparser

    parsed = dateparser.parse(
        text, languages=["en"], settings={"STRICT_PARSING": True, "PREFER_DAY_OF_MONTH": "first"}
    )
    if parsed is None:
        raise DateError(f"bad date {value!r}: use YYYY-MM-DD", source=source)
    return parsed.date()


# -- text checks ------------------------------------------------------------


def decode(data: bytes, *, source: str | None = None) -> str:
    """Decode bytes as UTF-8 (UTF-16 when it has a BOM); refuse binary and bad encodings."""
    if not data.strip():
        raise InputError("empty input: there is no text to code", source=source)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError("has a UTF-16 byte order mark but is not valid UTF-16", source=source) from None
    else:
        if b"\x00" in data[:8192]:
            raise InputError("binary file, not text (contains NUL bytes)", source=source)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InputError(
                f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
                "convert the file to UTF-8",
                source=source,
            ) from None
    return text


def normalize_text(text: str) -> str:
    """The canonical article text: Unix newlines, no control characters, NFC."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub(" ", text)
    return unicodedata.normalize("NFC", text)


# Unicode category Cc (C0 and C1 controls) but for the tab and the newline
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def check_text(text: str, *, source: str | None = None) -> None:
    """Refuse texts parley cannot code: empty, binary-like, or not English."""
    if not text.strip():
        raise InputError("empty input: there is no text to code", source=source)
    sample = text[:20000]
    letters = sum(map(str.isalpha, sample))
    if letters < 0.3 * len(sample.strip()):
        raise InputError("does not look like prose (too few letters); is it binary?", source=source)
    language = detect_language(sample)
    if language not in (None, "en"):
        raise InputError(
            f"not English (detected language '{language}'); parley codes English text only",
            source=source,
        )


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when too short to tell."""
    letters = re.sub(r"[^\w\s]", " ", text[:5000])
    if len(letters.strip()) < MIN_LANGUAGE_CHARS:
        return None
    import py3langid

    language, _score = py3langid.classify(text[:5000])
    return language


# -- building articles --------------------------------------------------------


def make_article(
    text: str,
    *,
    published: Any = None,
    article_id: str | None = None,
    url: str | None = None,
    title: str | None = None,
    source: str | None = None,
    origin: str | None = None,
    require_date: bool = True,
) -> Article:
    """Validate and normalise one article; raise ``InputError`` when it cannot be coded."""
    text = normalize_text(text)
    check_text(text, source=origin)
    pub = parse_date(published, source=origin) if published not in (None, "") else None
    if pub is None and require_date:
        raise DateError(
            "no publication date: pass --date YYYY-MM-DD or give the input a 'published' field",
            source=origin,
        )
    return Article(
        id=str(article_id) if article_id not in (None, "") else article_id_for(text),
        text=text,
        published=pub,
        source=source,
        url=url,
        title=title if title else headline(text),
        origin=origin,
    )


def headline(text: str) -> str | None:
    """The first line of a plain-text article when it reads as a headline (short, no final stop).

    The text itself is left as it is: the headline stays the first sentence of the article.
    """
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        if len(line) <= 200 and not line.endswith((".", "!", "?", ":", ";", ",", '"', "”")):
            return line
        return None
    return None


def article_from_record(
    record: Any, *, published: date | None, origin: str, require_date: bool = True
) -> Article:
    """An article from a JSON object ``{id, text, published, url, title, source}``."""
    if not isinstance(record, dict):
        raise InputError("JSON record is not an object", source=origin)
    text = next((record[k] for k in TEXT_FIELDS if isinstance(record.get(k), str)), None)
    if text is None:
        raise InputError("JSON record has no 'text' field", source=origin)
    pub = published or record.get("published") or record.get("date") or record.get("publish_date")
    return make_article(
        text,
        published=pub,
        article_id=record.get("id"),
        url=record.get("url"),
        title=record.get("title"),
        source=record.get("source") or record.get("publication"),
        origin=origin,
        require_date=require_date,
    )


def _read_bytes(path: Path) -> bytes:
    if not path.exists():
        raise InputError("no such file", source=str(path))
    if path.is_dir():
        raise InputError("is a directory; give files, or use `parley ingest` for folders", source=str(path))
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise InputError(f"file is {size / 1e6:.0f} MB, over the {MAX_BYTES // 2**20} MiB limit", source=str(path))
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", source=str(path)) from None


def read_text(path: Path, published: date | None, require_date: bool = True) -> Iterator[ArticleOrError]:
    origin = str(path)
    try:
        text = decode(_read_bytes(path), source=origin)
        yield make_article(text, published=published, origin=origin, require_date=require_date)
    except InputError as exc:
        yield exc


def read_html(path: Path, published: date | None, require_date: bool = True) -> Iterator[ArticleOrError]:
    origin = str(path)
    try:
        html = decode(_read_bytes(path), source=origin)
        yield article_from_html(html, published=published, origin=origin, require_date=require_date)
    except InputError as exc:
        yield exc


def article_from_html(
    html: str, *, published: Any = None, origin: str, url: str | None = None, require_date: bool = True
) -> Article:
    """Extract the article body and metadata from a web page with trafilatura."""
    import trafilatura

    body = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    if not body or len(body.split()) < MIN_BODY_WORDS:
        raise InputError("HTML has no article body that could be extracted", source=origin)
    meta = trafilatura.extract_metadata(html)
    return make_article(
        body,
        published=published or (meta.date if meta else None),
        url=url or (meta.url if meta else None),
        title=meta.title if meta else None,
        source=meta.sitename if meta else None,
        origin=origin,
        require_date=require_date,
    )


def read_json(path: Path, published: date | None, require_date: bool = True) -> Iterator[ArticleOrError]:
    origin = str(path)
    try:
        data = json.loads(decode(_read_bytes(path), source=origin))
    except InputError as exc:
        yield exc
        return
    except json.JSONDecodeError as exc:
        yield InputError(f"malformed JSON (line {exc.lineno}: {exc.msg})", source=origin)
        return
    records = data if isinstance(data, list) else [data]
    for i, record in enumerate(records):
        where = origin if len(records) == 1 else f"{origin}[{i}]"
        try:
            yield article_from_record(record, published=published, origin=where, require_date=require_date)
        except InputError as exc:
            yield exc


def read_jsonl(path: Path, published: date | None, require_date: bool = True) -> Iterator[ArticleOrError]:
    origin = str(path)
    if not path.exists():
        yield InputError("no such file", source=origin)
        return
    with path.open("rb") as handle:
        for lineno, raw in enumerate(handle, start=1):
            where = f"{origin}:{lineno}"
            if not raw.strip():
                continue
            try:
                record = json.loads(decode(raw, source=where))
                yield article_from_record(record, published=published, origin=where, require_date=require_date)
            except json.JSONDecodeError as exc:
                yield InputError(f"malformed JSON ({exc.msg})", source=where)
            except InputError as exc:
                yield exc


READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".text": read_text,
    ".md": read_text,
    ".html": read_html,
    ".htm": read_html,
    ".json": read_json,
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
}


def sniff_reader(path: Path) -> Reader:
    """The reader for a file: by extension, else by its first bytes."""
    reader = READERS.get("".join(path.suffixes[-2:]).lower()) or READERS.get(path.suffix.lower())
    if reader is not None:
        return reader
    try:
        with path.open("rb") as handle:
            head = handle.read(2048).lstrip().lower()
    except OSError:
        return read_text
    if head.startswith(b"warc/"):
        return READERS[".warc"]
    if head.startswith(b"<?xml") or head.startswith((b"<rss", b"<feed", b"<rdf:rdf")):
        if any(marker in head for marker in (b"<rss", b"<feed", b"<rdf:rdf")):
            return READERS[".rss"]
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
        return read_html
    if head.startswith(b"{") and b"\n{" in head:
        return read_jsonl
    if head.startswith((b"{", b"[")):
        return read_json
    return read_text


def iter_articles(
    path: str | os.PathLike, published: date | None = None, *, require_date: bool = True
) -> Iterator[ArticleOrError]:
    """Every article in one file, or the error that stops each one from being read."""
    p = Path(path)
    if not p.exists():
        yield InputError("no such file", source=str(p))
        return
    yield from sniff_reader(p)(p, published, require_date)


def read_article(path: str | os.PathLike, published: date | None = None) -> Article:
    """The single article in ``path``; raises ``InputError`` when there is not exactly one."""
    results = list(iter_articles(path, published))
    for result in results:
        if isinstance(result, InputError):
            raise result
    if len(results) != 1:
        raise InputError(f"holds {len(results)} articles, expected one", source=str(path))
    return results[0]  # type: ignore[return-value]


# Readers in their own modules register here (they import the helpers above).
from parley.ingest import feeds as _feeds  # noqa: E402
from parley.ingest import warc as _warc  # noqa: E402

READERS.update({
    ".rss": _feeds.read_feed,
    ".atom": _feeds.read_feed,
    ".warc": _warc.read_warc,
    ".warc.gz": _warc.read_warc,
})
