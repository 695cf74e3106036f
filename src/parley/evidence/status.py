"""Evidential status of a stretch of text, claims, and framing flags for one analysis."""

from __future__ import annotations

import bisect
import re

from parley.evidence.lexicon import EvidenceLexicon, evidence_lexicon, lower_same_length
from parley.quotes.text import CLOSERS, OPENERS, STRAIGHT, paragraphs, sentence_spans
from parley.records import Analysis, Claim, Event, Flag, Quote

QUOTE_MARKS = OPENERS + CLOSERS + STRAIGHT
# Where one clause ends and the next begins, for the reach of a hedge.
CLAUSE_BREAK = re.compile(r";|,\s+(?:and|but|while|whereas|although|though)\b|\s(?:but|whereas)\s|—|\s-\s")


def quoted_parts(text: str, quote: Quote) -> list[tuple[int, int]]:
    """The stretches of a mixed quote that stand inside quotation marks."""
    parts = []
    open_at = None
    for i in range(quote.start, quote.end):
        ch = text[i]
        if ch not in QUOTE_MARKS:
            continue
        if open_at is None and (ch in OPENERS or ch == STRAIGHT):
            open_at = i
        elif open_at is not None and (ch in CLOSERS or ch == STRAIGHT):
            parts.append((open_at, i + 1))
            open_at = None
    return parts


# Where the wording an attribution frame introduces ends: the clause's punctuation or a
# closing quotation mark; FRAME_WORDS caps it when no punctuation comes.
CLAUSE_END = re.compile(r"[.;:!?,()\u2014\"\u201d]|\s-\s|\n")
FRAME_WORDS = 12


class Evidence:
    """Evidential status lookups over one analysed article."""

    def __init__(self, analysis: Analysis, lex: EvidenceLexicon | None = None) -> None:
        self.analysis = analysis
        self.text = analysis.article.text
        self.lex = lex or evidence_lexicon()
        self.quotes = sorted(analysis.quotes, key=lambda q: (q.start, q.end))
        self.sentences = [s for p in paragraphs(self.text) for s in sentence_spans(self.text, *p)]
        self.sentence_starts = [s[0] for s in self.sentences]
        self.lowered = lower_same_length(self.text)
        self.hedges = [(m.start(), m.end()) for m in self.lex.find(self.lex.hedges, self.text, self.lowered)]
        openers = self.lex.anonymous_openers
        self.openers = [(m.start(), m.end()) for m in openers.finditer(self.text)] if openers else []
        self.cues = {q.cue_span for q in self.quotes if q.cue_span}
        self.frames = self._attribution_scopes()

    # -- spans -------------------------------------------------------------------

    def sentence_at(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.sentence_starts, pos) - 1
        if 0 <= i < len(self.sentences) and pos < self.sentences[i][1]:
            return self.sentences[i]
        return (pos, pos + 1)

    def quote_at(self, start: int, end: int) -> Quote | None:
        """The innermost quote whose content holds [start, end)."""
        best = None
        for q in self.quotes:
            if q.start > start:
                break
            if q.start <= start and end <= q.end and (best is None or q.end - q.start < best.end - best.start):
                best = q
        return best

    def in_scope(self, marks: list[tuple[int, int]], start: int) -> bool:
        """Whether a cue in ``marks`` (hedge or opener) governs the clause that holds ``start``."""
        s_start, _ = self.sentence_at(start)
        for m_start, m_end in marks:
            if m_start < s_start:
                continue
            if m_start > start:
                break
            between = self.text[m_end:start]
            if not CLAUSE_BREAK.search(between):
                return True
        return False

    def hedged_report(self, quote: Quote) -> bool:
        """Whether the outlet hedges the report itself ("X reportedly said that ...")."""
        s_start, _ = self.sentence_at(quote.start)
        cue_start = quote.cue_span[0] if quote.cue_span else quote.start
        return any(s_start <= m[0] and m[1] <= max(cue_start, quote.start) and not (quote.start <= m[0] < quote.end)
                   for m in self.hedges)

    def status(self, start: int, end: int) -> tuple[str, Quote | None]:
        """The evidential status of the text [start, end), and the quote it stands in."""
        quote = self.quote_at(start, end)
        if quote is not None:
            if quote.anonymous or quote.speaker is None:
                return "anonymous", quote
            if quote.kind != "direct" and self.hedged_report(quote):
                return "hedged", quote  # "Hamas reportedly demanded guarantees that ..."
            if quote.kind == "direct":
                return "quote", quote
            if quote.kind == "mixed" and any(s <= start and end <= e for s, e in quoted_parts(self.text, quote)):
                return "quote", quote
            return "attributed", quote
        if self.in_scope(self.openers, start):
            return "anonymous", None
        if self.in_scope(self.hedges, start):
            return "hedged", None
        return "outlet", None

    # -- events ------------------------------------------------------------------

    def mark_event(self, event: Event) -> None:
        trigger = event.trigger or {}
        start = trigger.get("start", event.text_info.get("start", 0))
        end = trigger.get("end", start + 1)
        status, quote = self.status(start, end)
        event.evidentiality = status
        if quote is not None:
            event.source_id = quote.id
            event.speaker = quote.speaker

    # -- claims ------------------------------------------------------------------

    def claims(self) -> list[Claim]:
        """Every sentence that asserts something, split where quotes and reports stand in it."""
        doc = self.analysis.doc
        starts = doc.to_array("IDX").tolist() if doc is not None and len(doc) else []
        out: list[Claim] = []
        counters: dict[int, int] = {}
        for s_start, s_end in self.sentences:
            sentence = self.text[s_start:s_end].strip()
            if not sentence:
                continue
            index = self._sentence_index(s_start)
            parts = []
            for q in self.quotes:
                if q.start >= s_end:
                    break
                if q.end <= s_start:
                    continue
                start, end = max(q.start, s_start), min(q.end, s_end)
                if _words(self.text[start:end]) >= 2:
                    parts.append((start, end, q))
            for start, end, q in parts:
                status, _ = self.status(start, end) if q.kind != "mixed" else (
                    "anonymous" if q.anonymous or q.speaker is None else "attributed", q)
                out.append(self._claim(index, counters, start, end, status, q))
            rest = self._outside(s_start, s_end, parts)
            if rest is None or not self._asserts(rest, starts, doc):
                continue
            if sentence.rstrip(QUOTE_MARKS + " ").endswith("?"):
                continue
            status = self._own_status(s_start, s_end, parts)
            out.append(self._claim(index, counters, s_start, self._trim_end(s_start, s_end), status, None))
        return out

    def _own_status(self, s_start: int, s_end: int, parts) -> str:
        """How the outlet's own part of a sentence is sourced: an opener or hedge outside its quotes."""
        def outside(span: tuple[int, int]) -> bool:
            return s_start <= span[0] < s_end and not any(p[0] <= span[0] < p[1] for p in parts)

        if any(outside(m) for m in self.openers):
            return "anonymous"
        if any(outside(m) for m in self.hedges):
            return "hedged"
        return "outlet"

    def _outside(self, s_start: int, s_end: int, parts) -> tuple[int, int] | None:
        """The first stretch of the sentence that no quote covers (None when all is quoted)."""
        pos = s_start
        for start, end, _ in sorted(parts, key=lambda p: p[0]):
            if start - pos > 0 and self.text[pos:start].strip(" ,.:;\"“”\n"):
                return (pos, start)
            pos = max(pos, end)
        if self.text[pos:s_end].strip(" ,.:;\"“”\n"):
            return (pos, s_end)
        return None

    def _asserts(self, span: tuple[int, int], starts: list[int], doc) -> bool:
        """Whether the stretch says something itself: a verb that is not a quote's cue."""
        if doc is None:
            return _words(self.text[span[0]:span[1]]) >= 3
        first = bisect.bisect_left(starts, span[0])
        last = bisect.bisect_left(starts, span[1])
        for t in doc[first:last]:
            if t.pos_ not in ("VERB", "AUX"):
                continue
            if any(c[0] <= t.idx and t.idx + len(t.text) <= c[1] for c in self.cues):
                continue  # the reporting cue ("said", "according to") asserts nothing itself
            if t.pos_ == "AUX" and t.head is not t and (t.head.idx, t.head.idx + len(t.head.text)) in self.cues:
                continue  # "has said": the auxiliary of a reporting verb asserts nothing itself
            return True
        return False

    def _trim_end(self, start: int, end: int) -> int:
        while end > start and self.text[end - 1] in " \n":
            end -= 1
        return end

    def _sentence_index(self, pos: int) -> int:
        sentence = self.analysis.sentence_at(pos)
        if sentence is not None:
            return sentence.index
        return getattr(self.analysis, "_sentence_base", 0)

    def _claim(self, index, counters, start, end, status, quote: Quote | None) -> Claim:
        k = counters.get(index, 0)
        counters[index] = k + 1
        return Claim(
            id=f"{self.analysis.article.id}-c{index}-{k}",
            text=self.text[start:end],
            start=start,
            end=end,
            evidentiality=status,
            speaker=quote.speaker if quote is not None else None,
            source_id=quote.id if quote is not None else None,
            cue=quote.cue if quote is not None else None,
            sentence_index=index,
        )

    # -- framing -----------------------------------------------------------------

    def _attribution_scopes(self) -> list[tuple[int, int]]:
        """Stretches of wording a named speaker is said to use ("what it called <...>"):
        from the end of the frame to the end of its clause, at most a dozen words."""
        pattern = self.lex.attribution_frames
        if pattern is None:
            return []
        scopes = []
        for match in self.lex.find(pattern, self.text, self.lowered):
            start = match.end()
            stop = CLAUSE_END.search(self.text, start + 1)
            end = stop.start() if stop else len(self.text)
            words = list(re.finditer(r"\S+", self.text[start:end]))
            if len(words) > FRAME_WORDS:
                end = start + words[FRAME_WORDS - 1].end()
            scopes.append((start, end))
        return scopes

    def attributed(self, start: int, end: int) -> bool:
        """Whether [start, end) stands in a quote or report attributed to someone, or in
        wording an attribution frame gives to a speaker ("what Moscow calls <...>")."""
        if any(s <= start and end <= e + 1 for s, e in self.frames):
            return True
        return any(q.start < end and start < q.end and q.speaker is not None for q in self.quotes)

    def framing_flags(self) -> list[Flag]:
        found: list[tuple[int, int, str, str]] = []
        for rule in self.lex.framing:
            for match in self.lex.find(rule, self.text, self.lowered):
                start, end = match.start(), match.end()
                while end > start and self.text[end - 1] in " ,":
                    end -= 1
                if self.attributed(start, end):
                    continue
                found.append((start, end, rule.category, rule.message))
        # one flag per stretch of text: the longest match wins where matches of one category overlap
        found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
        flags: list[Flag] = []
        for start, end, category, message in found:
            if any(f.category == category and f.start < end and start < f.end for f in flags):
                continue
            flags.append(Flag(kind="unattributed_claim", start=start, end=end, mention=self.text[start:end],
                              message=message, expected=None, category=category))
        return flags


def _words(text: str) -> int:
    return len(re.findall(r"[\w’'-]+", text))
