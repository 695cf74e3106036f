"""WARC archives: archived HTML pages and text resources are articles; the rest is passed over."""

from __future__ import annotations

import io
from datetime import date

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from parley.errors import InputError
from parley.ingest import iter_articles

PARAGRAPH = ("Foreign ministers from both countries met in Vienna on Monday and agreed to resume talks "
             "on a prisoner exchange, a spokesperson for the foreign ministry said after the meeting. ")
PAGE = f"""<!doctype html><html><head><title>Ministers meet in Vienna</title>
<meta property="article:published_time" content="2025-06-09"></head>
<body><article><h1>Ministers meet in Vienna</h1><p>{PARAGRAPH * 3}</p><p>{PARAGRAPH}</p></article></body></html>"""


def write_warc(path, gz: bool):
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=gz)

        def response(url, body, status="200 OK", ctype="text/html; charset=utf-8"):
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))

        response("https://example.org/vienna", PAGE.encode())
        response("https://example.org/logo.png", b"\x89PNG....", ctype="image/png")
        response("https://example.org/gone", b"<html>gone</html>", status="404 Not Found")
        response("https://example.org/empty", b"<html><body><nav>menu</nav></body></html>")
        writer.write_record(writer.create_warc_record(
            "urn:text:1", "resource", payload=io.BytesIO(PARAGRAPH.encode() * 2),
            warc_headers_dict={"Content-Type": "text/plain"}))


def test_warc_pages_become_articles(tmp_path):
    for name, gz in (("crawl.warc.gz", True), ("crawl.warc", False)):
        path = tmp_path / name
        write_warc(path, gz)
        items = list(iter_articles(path, None, require_date=False))
        articles = [i for i in items if not isinstance(i, InputError)]
        errors = [i for i in items if isinstance(i, InputError)]
        # the page and the text resource; the image and the 404 are not inputs
        assert len(articles) == 2, items
        page = next(a for a in articles if a.url == "https://example.org/vienna")
        assert page.text.count("Foreign ministers") >= 2 and page.published == date(2025, 6, 9)
        assert page.origin == f"{path}#https://example.org/vienna"
        assert len(errors) == 1 and "no article body" in str(errors[0])


def test_warc_without_dates_needs_the_date_option(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, True)
    items = list(iter_articles(path))
    text_resource = [i for i in items if isinstance(i, InputError) and "urn:text:1" in str(i)]
    assert text_resource and "no publication date" in str(text_resource[0])
    dated = [i for i in iter_articles(path, date(2025, 6, 10)) if not isinstance(i, InputError)]
    assert {a.published for a in dated} == {date(2025, 6, 10)}


def test_a_file_that_is_not_warc_is_refused(tmp_path):
    path = tmp_path / "fake.warc"
    path.write_bytes(b"this is not an archive at all")
    (error,) = list(iter_articles(path))
    assert isinstance(error, InputError) and "WARC" in str(error)
