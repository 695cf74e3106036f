"""RSS/Atom feeds saved to disk: one article per entry, with its own date, link and title."""

from __future__ import annotations

from datetime import date

from parley.errors import InputError
from parley.ingest import iter_articles
from parley.ingest.feeds import html_to_text

BODY = ("Negotiators from both governments met in Geneva on Tuesday to discuss a prisoner exchange "
        "and the opening of humanitarian corridors, officials said after the meeting.")

RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Example Wire</title>
<item><title>Talks in Geneva</title><link>https://example.org/a</link>
<pubDate>Tue, 03 Jun 2025 10:00:00 GMT</pubDate>
<description>&lt;p&gt;{BODY}&lt;/p&gt;&lt;p&gt;More talks are planned for next week in the same city.&lt;/p&gt;</description></item>
<item><title>Empty</title><link>https://example.org/b</link><pubDate>Tue, 03 Jun 2025 11:00:00 GMT</pubDate></item>
<item><title>Undated</title><description>{BODY} A second, undated story.</description></item>
</channel></rss>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Wire</title>
<entry><title>Atom story</title><link href="https://example.org/atom1"/>
<updated>2025-06-05T08:00:00Z</updated><published>2025-06-04T08:00:00Z</published>
<content type="html">&lt;div&gt;{BODY}&lt;/div&gt;</content></entry></feed>"""


def test_rss_entries_become_articles_and_bad_entries_say_why(tmp_path):
    path = tmp_path / "wire.rss"
    path.write_text(RSS, encoding="utf-8")
    items = list(iter_articles(path))
    assert len(items) == 3
    first, empty, undated = items
    assert first.published == date(2025, 6, 3) and first.url == "https://example.org/a"
    assert first.title == "Talks in Geneva" and first.source == "Example Wire"
    assert first.text.startswith("Negotiators") and "\n" in first.text and "<p>" not in first.text
    assert first.origin == f"{path}#0"
    assert isinstance(empty, InputError) and "no text" in str(empty)
    assert isinstance(undated, InputError) and "no publication date" in str(undated)


def test_date_option_overrides_and_atom_uses_published(tmp_path):
    rss = tmp_path / "wire.xml"  # sniffed by content, not extension
    rss.write_text(RSS, encoding="utf-8")
    undated = list(iter_articles(rss, date(2025, 1, 2)))[2]
    assert undated.published == date(2025, 1, 2)
    atom = tmp_path / "wire.atom"
    atom.write_text(ATOM, encoding="utf-8")
    (entry,) = list(iter_articles(atom))
    assert entry.published == date(2025, 6, 4) and entry.url == "https://example.org/atom1"


def test_a_broken_feed_is_refused(tmp_path):
    path = tmp_path / "broken.rss"
    path.write_text("<rss><channel><title>x</title>", encoding="utf-8")
    (error,) = list(iter_articles(path))
    assert isinstance(error, InputError)


def test_html_to_text_keeps_paragraphs_and_drops_scripts():
    assert html_to_text("<p>One &amp; two.</p><script>x()</script><p>Three.</p>") == "One & two.\nThree."
    assert html_to_text("plain &lt;text&gt;") == "plain <text>"
