"""The reader's highlighted text: overlapping spans, anchors, and escaping of every piece."""

from __future__ import annotations

import re
from html import unescape

from parley.web.highlight import Span, highlight, spans_of


def plain(html: str) -> str:
    return unescape(re.sub(r"</?mark[^>]*>", "", html))


def marks(html: str) -> list[tuple[str, str]]:
    return [(m.group(1), unescape(m.group(2))) for m in re.finditer(r'<mark [^>]*data-refs="([^"]*)"[^>]*>(.*?)</mark>', html)]


def test_overlapping_spans_are_cut_into_pieces():
    text = "He said: we will meet in Istanbul."
    html = str(highlight(text, [Span(9, 33, "quote", "q0"), Span(17, 21, "event", "e0"), Span(25, 33, "flag", "f0")]))
    assert plain(html) == text
    assert marks(html) == [("q0", "we will "), ("q0 e0", "meet"), ("q0", " in "), ("q0 f0", "Istanbul")]


def test_each_record_has_one_focusable_anchor():
    html = str(highlight("abcdef", [Span(0, 6, "quote", "q0"), Span(2, 4, "event", "e0")]))
    assert html.count('tabindex="0"') == 2
    assert 'id="hl-q0"' in html and 'id="hl-e0"' in html


def test_records_starting_together_share_the_anchor():
    html = str(highlight("abcdef", [Span(0, 3, "event", "e0"), Span(0, 3, "event", "e1")]))
    assert 'id="hl-e0"' in html and 'data-anchors="e0 e1"' in html


def test_every_piece_is_escaped():
    text = '<script>alert(1)</script> "quoted" & \'single\' <b>'
    html = str(highlight(text, [Span(0, 8, "flag", "f0"), Span(27, 35, "quote", "q0")]))
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html and "&#34;" in html and "&amp;" in html and "&#39;single&#39;" in html
    assert plain(html) == text


def test_spans_outside_the_text_are_clamped_or_dropped():
    html = str(highlight("short", [Span(-3, 2, "event", "e0"), Span(4, 99, "quote", "q0"), Span(3, 3, "flag", "f0")]))
    assert plain(html) == "short"
    assert marks(html) == [("e0", "sh"), ("q0", "t")]


def test_spans_of_uses_the_trigger_else_the_sentence():
    analysis = {
        "events": [
            {"trigger": {"start": 3, "end": 7}, "text_info": {"start": 0, "end": 20}},
            {"trigger": None, "text_info": {"start": 21, "end": 30}},
        ],
        "quotes": [{"start": 1, "end": 2}],
        "flags": [{"start": 5, "end": 6}],
    }
    assert spans_of(analysis) == [
        Span(3, 7, "event", "e0"), Span(21, 30, "event", "e1"), Span(1, 2, "quote", "q0"), Span(5, 6, "flag", "f0"),
    ]


def test_empty_text_and_no_spans():
    assert str(highlight("", [])) == ""
    assert str(highlight("a < b", [])) == "a &lt; b"


def test_only_http_links_are_rendered():
    from parley.web.pages import safe_url

    assert safe_url("https://example.org/a") == "https://example.org/a"
    for bad in ("javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,x", "http://[::1", "", None):
        assert safe_url(bad) is None, bad
