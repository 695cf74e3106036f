"""Security: escaping of untrusted article text, CSP, the write token, size limits, SQL parameters."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from urllib.parse import quote

import pytest
from samples import TOKEN, XSS_PAYLOADS, XSS_TITLE

EVIL_ID = quote('evil"><script>-3', safe="")
PAGES = ["/", "/network", "/articles", f"/articles/{EVIL_ID}", "/articles/talks-1", "/search?q=script",
         "/search?q=" + quote('"><img src=x>'), "/analyze", "/docs"]


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text inside <script> elements."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[tuple[dict, str]] = []
        self._in_script: dict | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = dict(attrs)
            self.scripts.append((self._in_script, ""))

    def handle_data(self, data):
        if self._in_script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = None


def parse(html: str) -> Tags:
    parser = Tags()
    parser.feed(html)
    return parser


@pytest.mark.parametrize("path", PAGES)
def test_pages_carry_a_csp_and_no_inline_script(client, path):
    response = client.get(path)
    assert response.status_code == 200
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    for attrs, text in parse(response.text).scripts:
        # a script either comes from /static or is inert JSON data
        assert attrs.get("src", "").startswith("/static/") or attrs.get("type") == "application/json", attrs
    for tag, attrs in parse(response.text).tags:
        assert not [a for a in attrs if a.startswith("on")], (tag, attrs)
        for key in ("href", "src", "action"):
            value = (attrs.get(key) or "").strip().lower()
            assert not value.startswith(("javascript:", "data:", "http://", "https://")) or tag == "a" and \
                value.startswith(("http://", "https://")), (tag, attrs)


def test_hostile_article_is_escaped_everywhere(client):
    html = client.get(f"/articles/{EVIL_ID}").text
    tags = parse(html)
    assert {t for t, _ in tags.tags} <= {"html", "head", "meta", "title", "link", "body", "a", "header", "nav",
                                        "main", "div", "article", "h1", "p", "time", "span", "mark", "aside",
                                        "section", "h2", "ul", "li", "button", "b", "script", "footer"}
    assert len([s for s in tags.scripts if not s[0].get("src")]) == 1  # the JSON data block only
    for payload in XSS_PAYLOADS:
        assert payload not in html
    assert "<script>window.__pwned" not in html
    assert "&lt;script&gt;window.__pwned = &#34;text&#34;&lt;/script&gt;" in html
    assert "javascript:" not in [a.get("href", "") for _, a in tags.tags]
    # the embedded record data parses back to the stored strings
    data_block = next(text for attrs, text in tags.scripts if attrs.get("type") == "application/json")
    assert "</" not in data_block
    assert json.loads(data_block)["article"]["title"] == XSS_TITLE


def test_highlighted_text_reads_back_as_the_article(client, store):
    html = client.get(f"/articles/{EVIL_ID}").text
    inner = re.search(r'<div id="article-text" class="article-text">(.*?)</div>', html, re.S).group(1)
    plain = re.sub(r"</?mark[^>]*>", "", inner)
    from html import unescape

    assert unescape(plain) == store.article('evil"><script>-3')["article"]["text"]


@pytest.mark.parametrize(
    ("method", "path", "kwargs"),
    [
        ("post", "/api/analyze", {"json": {"text": "x" * 200, "published": "2025-05-11"}}),
        ("post", "/api/ingest", {"files": {"file": ("a.txt", b"text")}}),
        ("delete", "/api/articles/talks-1", {}),
    ],
)
def test_writes_are_off_without_a_token(client, store, method, path, kwargs):
    response = getattr(client, method)(path, **kwargs)
    assert response.status_code == 403
    assert "--token" in response.json()["error"]["message"]
    assert store.article("talks-1") is not None


@pytest.mark.parametrize("header", [None, "Bearer wrong-token-value", f"Basic {TOKEN}", f"Bearer {TOKEN}x"])
def test_writes_need_the_right_token(writer, store, header):
    headers = {"Authorization": header} if header else {}
    writer.headers.pop("Authorization")
    response = writer.delete("/api/articles/talks-1", headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert store.article("talks-1") is not None


def test_delete_with_the_token(writer, store):
    assert writer.delete("/api/articles/talks-1").status_code == 204
    assert store.article("talks-1") is None
    assert writer.get("/api/events", params={"article_id": "talks-1"}).json()["total"] == 0
    assert writer.delete("/api/articles/talks-1").status_code == 404


def test_request_size_is_limited(writer):
    # the writer app allows 64 KiB
    big = {"text": "Peace talks resumed. " * 5000, "published": "2025-05-11"}
    response = writer.post("/api/analyze", json=big)
    assert response.status_code == 413
    assert "limit" in response.json()["error"]["message"]


def test_size_limit_holds_without_content_length(writer):
    def chunks():
        # a streamed (chunked) multipart upload: no Content-Length for the first check to see
        yield b'--b\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\n'
        for _ in range(100):
            yield b"x" * 1024
        yield b"\r\n--b--\r\n"

    response = writer.post("/api/ingest", content=chunks(), headers={"Content-Type": "multipart/form-data; boundary=b"})
    assert "content-length" not in {k.lower() for k in response.request.headers}
    assert response.status_code == 413


@pytest.mark.parametrize("needle", ["' OR 1=1 --", "%", "t_e", "\"; DROP TABLE events; --", "\\"])
def test_filters_are_bound_parameters(client, needle):
    """As SQL or LIKE patterns these would match every row ("t_e" matches "the"); as text, none."""
    for path, key in (("/api/events", "text"), ("/api/events", "actor"), ("/api/quotes", "text"),
                      ("/api/articles", "q"), ("/api/actors", "q")):
        response = client.get(path, params={key: needle})
        assert response.status_code == 200, (path, needle)
        assert response.json()["total"] == 0, (path, key, needle)
    assert client.get("/api/events").json()["total"] == 8


def test_overlong_filters_are_refused(client):
    assert client.get("/api/events", params={"text": "x" * 201}).status_code == 422
