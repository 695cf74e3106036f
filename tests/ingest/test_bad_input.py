"""Bad input gets a clear error naming the file and the problem; nothing else is lost."""

from __future__ import annotations

import json
from datetime import date

import pytest

from parley.errors import DateError, InputError
from parley.ingest import iter_articles, make_article, parse_date, read_article

ENGLISH = (
    "Negotiators from both governments met in Doha on Tuesday and agreed to resume talks "
    "on a prisoner exchange, officials said after the meeting ended late in the evening."
)


def test_plain_text_with_date(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ENGLISH, encoding="utf-8")
    article = read_article(path, date(2025, 1, 2))
    assert article.text == ENGLISH
    assert article.published == date(2025, 1, 2)
    assert article.origin == str(path)


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "empty input"),
        (b"   \n\t  \n", "empty input"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, "binary"),
        ("Caf\u00e9 talks resumed today in Paris.".encode("latin-1") * 5, "not valid UTF-8"),
    ],
)
def test_unreadable_files(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError) as info:
        read_article(path, date(2025, 1, 1))
    assert message in str(info.value)
    assert str(path) in str(info.value)


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_article(tmp_path / "nope.txt", date(2025, 1, 1))


def test_non_english_is_refused():
    german = (
        "Die Verhandlungen zwischen den beiden Regierungen wurden am Dienstag in Genf fortgesetzt, "
        "nachdem die Außenminister sich auf einen neuen Zeitplan für den Gefangenenaustausch geeinigt hatten."
    )
    with pytest.raises(InputError, match="not English"):
        make_article(german, published="2025-01-01")


def test_missing_date_is_a_clear_error():
    with pytest.raises(DateError, match="no publication date"):
        make_article(ENGLISH)


@pytest.mark.parametrize("bad", ["2025-13-45", "yesterday-ish", "", "31/31/31"])
def test_malformed_date(bad):
    with pytest.raises(DateError):
        parse_date(bad)


def test_dates_in_common_forms():
    assert parse_date("2025-05-11") == date(2025, 5, 11)
    assert parse_date("2025-05-11T08:00:00Z") == date(2025, 5, 11)
    assert parse_date("May 11, 2025") == date(2025, 5, 11)


def test_html_without_body(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>x</title></head><body><nav>Home</nav></body></html>")
    with pytest.raises(InputError, match="no article body"):
        read_article(path, date(2025, 1, 1))


def test_html_article_body(tmp_path):
    body = " ".join([ENGLISH] * 3)
    html = (
        "<!DOCTYPE html><html><head><title>Talks resume</title></head><body>"
        "<nav><a href='/'>Home</a></nav><article><h1>Talks resume</h1>"
        f"<p>{body}</p><p>{ENGLISH}</p></article><footer>© News</footer></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(html)
    article = read_article(path, date(2025, 1, 1))
    assert "prisoner exchange" in article.text
    assert "Home" not in article.text


def test_jsonl_one_bad_line_does_not_stop_the_rest(tmp_path):
    path = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"id": "ok1", "text": ENGLISH, "published": "2025-02-01", "url": "http://x/1"}),
        "{not json",
        json.dumps({"id": "notext", "published": "2025-02-01"}),
        json.dumps({"id": "baddate", "text": ENGLISH, "published": "someday"}),
        json.dumps({"id": "ok2", "text": ENGLISH + " Again.", "published": "2025-02-02", "title": "T"}),
    ]
    path.write_text("\n".join(lines) + "\n")
    results = list(iter_articles(path))
    assert [getattr(r, "id", None) for r in results if not isinstance(r, InputError)] == ["ok1", "ok2"]
    errors = [str(r) for r in results if isinstance(r, InputError)]
    assert len(errors) == 3
    assert f"{path}:2" in errors[0] and "malformed JSON" in errors[0]
    assert "no 'text' field" in errors[1]
    assert "bad date" in errors[2]


def test_json_without_text(tmp_path):
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"title": "x", "published": "2025-01-01"}))
    with pytest.raises(InputError, match="no 'text' field"):
        read_article(path)


def test_json_metadata_used(tmp_path):
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"id": "x1", "text": ENGLISH, "published": "2025-03-04",
                                "url": "https://example.org/a", "title": "T", "source": "Wire"}))
    article = read_article(path)
    assert (article.id, article.published, article.url, article.title, article.source) == (
        "x1", date(2025, 3, 4), "https://example.org/a", "T", "Wire")


def test_large_text_is_read(tmp_path):
    path = tmp_path / "big.txt"
    paragraph = ENGLISH + "\n"
    path.write_text(paragraph * (20 * 1024 * 1024 // len(paragraph)), encoding="utf-8")
    article = read_article(path, date(2025, 1, 1))
    assert len(article.text) > 19 * 1024 * 1024


def test_windows_newlines_normalised():
    article = make_article(ENGLISH.replace(" officials", "\r\nofficials"), published="2025-01-01")
    assert "\r" not in article.text


def test_headline_becomes_title_when_none_given():
    article = make_article("Talks Resume in Doha\n" + ENGLISH, published="2025-01-01")
    assert article.title == "Talks Resume in Doha"
    assert article.text.startswith("Talks Resume in Doha\n")
    assert make_article(ENGLISH, published="2025-01-01").title is None
    assert make_article("T\n" + ENGLISH, published="2025-01-01", title="Given").title == "Given"
