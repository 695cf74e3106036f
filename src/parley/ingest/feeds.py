"""RSS and Atom feeds saved to disk: one article per entry (feedparser).

An entry's text is its full content when the feed carries it, else its summary;
markup is turned into plain text with paragraph breaks kept.  The publication
date is the entry's own (``published``, else ``updated``) unless ``--date`` is given.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

from parley.errors import InputError
from parley.ingest import ArticleOrError, _read_bytes, make_article

FEED_MARKERS = (b"<rss", b"<feed", b"<rdf:rdf")
_BLOCK_TAGS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section", "article"}


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    """Plain text of an HTML fragment: tags dropped, block elements become line breaks."""
    if "<" not in markup:
        return html.unescape(markup).strip()
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    text = "".join(parser.parts)
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return re.sub(r"\n{2,}", "\n", "\n".join(line for line in lines if line)).strip()


def _entry_text(entry) -> str | None:
    contents = [c.get("value", "") for c in entry.get("content", []) if c.get("value")]
    body = max(contents, key=len) if contents else entry.get("summary") or entry.get("description")
    return html_to_text(body) if body else None


def _entry_date(entry) -> date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
    return None


def read_feed(path: Path, published: date | None, require_date: bool = True) -> Iterator[ArticleOrError]:
    """Every entry of a saved RSS/Atom feed as an article (or the reason it cannot be one)."""
    import feedparser

    origin = str(path)
    try:
        data = _read_bytes(path)
    except InputError as exc:
        yield exc
        return
    feed = feedparser.parse(data)
    if not feed.entries:
        reason = f"not a readable feed ({feed.bozo_exception})" if feed.get("bozo") else "feed has no entries"
        yield InputError(reason, source=origin)
        return
    outlet = feed.feed.get("title")
    for i, entry in enumerate(feed.entries):
        where = f"{origin}#{i}"
        try:
            text = _entry_text(entry)
            if not text:
                raise InputError("feed entry has no text (neither content nor summary)", source=where)
            title = html_to_text(entry.get("title", "")) or None
            yield make_article(
                text,
                published=published or _entry_date(entry),
                url=entry.get("link"),
                title=title,
                source=outlet,
                origin=where,
                require_date=require_date,
            )
        except InputError as exc:
            yield exc
