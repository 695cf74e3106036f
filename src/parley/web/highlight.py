"""The article reader's text: every event, quote and flag highlighted in place, all escaped.

Records are stand-off spans into ``article.text`` and they may overlap (a quote holds
an event's trigger; a flag sits inside a quote), so the text is cut at every span
boundary and each piece is wrapped in one ``<mark>`` that lists all the records covering
it.  Every piece of article text goes through ``markupsafe.escape``; attributes carry
only references built here (``e3``, ``q0``, ``f1``: kind letter + index in the analysis
lists), never ids or text from the article, so nothing in the article can break out of
an attribute or open a tag.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

KIND_LETTER = {"event": "e", "quote": "q", "flag": "f"}


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str  # event, quote, flag
    ref: str  # kind letter + index, e.g. "e3"


def spans_of(analysis: dict) -> list[Span]:
    """The highlightable spans of an article-analysis dict.

    An event is marked at its trigger (the verb or noun that states it) when the events
    stage recorded one, else at its whole sentence.
    """
    spans: list[Span] = []
    for i, event in enumerate(analysis.get("events") or []):
        where = event.get("trigger") or event.get("text_info") or {}
        if isinstance(where.get("start"), int) and isinstance(where.get("end"), int):
            spans.append(Span(where["start"], where["end"], "event", f"e{i}"))
    for i, quote in enumerate(analysis.get("quotes") or []):
        spans.append(Span(quote["start"], quote["end"], "quote", f"q{i}"))
    for i, flag in enumerate(analysis.get("flags") or []):
        spans.append(Span(flag["start"], flag["end"], "flag", f"f{i}"))
    return spans


def highlight(text: str, spans: list[Span]) -> Markup:
    """``text`` as HTML with each span wrapped in ``<mark>`` pieces; everything escaped.

    The first piece of each record carries ``id="hl-<ref>"`` (the anchor the reader
    scrolls to) and is the one reached with the Tab key.
    """
    n = len(text)
    clean = sorted(
        {Span(max(0, s.start), min(n, s.end), s.kind, s.ref) for s in spans if min(n, s.end) > max(0, s.start)},
        key=lambda s: (s.start, -s.end, s.ref),
    )
    cuts = sorted({0, n, *(s.start for s in clean), *(s.end for s in clean)})
    out: list[str] = []
    anchored: set[str] = set()
    active: list[Span] = []
    pending = 0  # index into clean of the next span to open
    for a, b in zip(cuts, cuts[1:]):
        while pending < len(clean) and clean[pending].start <= a:
            active.append(clean[pending])
            pending += 1
        active = [s for s in active if s.end > a]
        piece = escape(text[a:b])
        if not active:
            out.append(str(piece))
            continue
        refs = [s.ref for s in active]
        kinds = sorted({s.kind for s in active})
        classes = " ".join(["hl", *(f"hl-{k}" for k in kinds)])
        new = [r for r in refs if r not in anchored]
        attrs = f'class="{classes}" data-refs="{" ".join(refs)}"'
        if new:
            anchored.update(new)
            # one element can carry one id; the other records starting here point at it
            attrs += f' id="hl-{new[0]}" tabindex="0"'
            if len(new) > 1:
                attrs += f' data-anchors="{" ".join(new)}"'
        out.append(f"<mark {attrs}>{piece}</mark>")
    return Markup("".join(out))
