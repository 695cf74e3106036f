"""Finding quotes, their speakers, cues and media in one parsed article.

The steps follow how news text marks reported speech:

1. pair quotation marks (``text.quoted_spans``) and sort the passages into
   direct quotes and fragments: a passage that opens a sentence (or follows a
   colon or a cue and comma) is direct; a short stretch inside a sentence is a
   fragment;
2. attribute each direct quote: the attribution after it (``"...," X said``,
   ``"...," said X``), before it (``X told Sky News: "..."``), in the paragraph
   that introduces it with a colon, or — for a quote that carries on — the
   speaker of the quote it continues;
3. turn fragments governed by a reporting cue into mixed quotes (the rest are
   scare quotes or titles and are dropped);
4. find indirect quotes in sentences outside quotation marks (``X said that``,
   ``according to X``, ``..., officials said``, ``X ..., saying ...``).
"""

from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass

from parley.nlp import doc_tokens, token_starts
from parley.quotes.lexicon import Lexicon, lexicon
from parley.quotes.text import (
    CLOSERS,
    OPENERS,
    STRAIGHT,
    QuotedSpan,
    paragraphs,
    quoted_spans,
    sentence_spans,
    words,
)
from parley.records import Analysis, Entity, Quote

log = logging.getLogger("parley")

NOMINAL = frozenset({"PROPN", "NOUN", "PRON", "DET", "ADJ", "NUM"})
HEADS = frozenset({"PROPN", "NOUN", "PRON"})
BETWEEN_SUBJECT_AND_CUE = frozenset({"AUX", "ADV", "PART"})
PERSONAL = frozenset({"he", "she", "him", "her"})
TEMPORAL = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday today yesterday tonight morning afternoon "
    "evening night week weekend month year january february march april may june july august september "
    "october november december day days weeks months years time".split()
)
NOT_SPEAKERS = frozenset({"what", "which", "who", "whom", "whose", "that", "this", "these", "those", "there", "here"})
PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "us", "me"})
POSSESSIVE = frozenset({"'s", "’s"})
SUBJECT_DEPS = ("nsubj", "nsubj:pass", "nsubjpass")
MAX_SPEAKER_TOKENS = 10
MIN_DIRECT_WORDS = 2
# How far (in tokens) a colon introduction or after-quote attribution may reach for its cue.
ATTRIBUTION_REACH = 30


@dataclass
class Attribution:
    """Who said it and how: the speaker phrase, the cue, the medium, where they are."""

    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_token: int | None = None  # token index of the speaker's head
    cue: str | None = None
    cue_span: tuple[int, int] | None = None
    medium: str | None = None
    region: tuple[int, int] | None = None  # the attribution text (for medium and date)
    inherited_from: Quote | None = None


class QuoteFinder:
    """Finds the quotes of one analysed article (``find()`` returns them in text order)."""

    def __init__(self, analysis: Analysis, lex: Lexicon | None = None) -> None:
        self.analysis = analysis
        self.text = analysis.article.text
        # a list of the Doc's tokens: spaCy builds a new Token object on every doc[i]
        self.doc = doc_tokens(analysis.doc)
        self.lex = lex or lexicon()
        self.starts = token_starts(analysis.doc)
        self._names: dict[str, list[int]] | None = None
        self.paras = paragraphs(self.text)
        self.para_starts = [p[0] for p in self.paras]
        self.quotes: list[Quote] = []
        self._counter: dict[int, int] = {}

    # -- tokens ------------------------------------------------------------

    def token_at(self, char: int) -> int:
        """Index of the token that contains or follows ``char``."""
        i = bisect.bisect_right(self.starts, char) - 1
        if i < 0:
            return 0
        tok = self.doc[i]
        return i if char < tok.idx + len(tok.text) else min(i + 1, len(self.doc))

    def tokens(self, start: int, end: int) -> range:
        """Token indices wholly inside [start, end)."""
        first = bisect.bisect_left(self.starts, start)
        last = bisect.bisect_left(self.starts, end)
        while last > first and self.doc[last - 1].idx + len(self.doc[last - 1].text) > end:
            last -= 1
        return range(first, last)

    def para_of(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.para_starts, char) - 1)

    def sentence_of(self, char: int) -> tuple[int, int]:
        p_start, p_end = self.paras[self.para_of(char)]
        for s, e in sentence_spans(self.text, p_start, p_end):
            if s <= char < e:
                return s, e
        return p_start, p_end

    def is_cue(self, i: int, categories: tuple[str, ...] = ("speech",), nouns: bool = False) -> str | None:
        tok = self.doc[i]
        if tok.pos_ not in ("VERB", "AUX", "NOUN", "PROPN", "ADJ") and tok.pos_ != "X":
            return None
        lemma = self.lex.cue(tok.text)
        if lemma is None or self.lex.category(lemma) not in categories:
            return None
        if tok.pos_ in ("NOUN", "PROPN") and tok.lower_ != lemma:
            # "his demands" is no cue, but the tagger also reads "insists that" as a noun:
            # an inflected form before "that" or a colon is taken as the verb it is
            nxt = self.doc[i + 1] if i + 1 < len(self.doc) else None
            if nxt is None or nxt.lower_ not in ("that", ":"):
                return None
        elif tok.pos_ in ("NOUN", "PROPN"):
            # "Trump's claim that ...": a possessor's reporting noun before "that" reports what the
            # possessor said; "the claim that" (no possessor) is the outlet's own wording
            nxt = self.doc[i + 1] if i + 1 < len(self.doc) else None
            # (mixed quotes only: the reported clause of a noun ends where the sentence's own verb starts)
            if not (nouns and i > 0 and self.doc[i - 1].text in POSSESSIVE and nxt is not None
                    and nxt.lower_ == "that"):
                return None
        return lemma

    # -- speaker phrases -----------------------------------------------------

    def chunk_back(self, j: int, lo: int) -> tuple[int, int] | None:
        """The nominal chunk ending at token ``j`` (not before token ``lo``)."""
        if j < lo or not is_head(self.doc[j]) or self.doc[j].is_space or self.doc[j].lower_ in NOT_SPEAKERS:
            return None
        i = j
        while i - 1 >= lo and j - i < MAX_SPEAKER_TOKENS:
            prev = self.doc[i - 1]
            if "\n" in prev.whitespace_ or prev.is_space:
                break
            if prev.pos_ in NOMINAL or prev.text in POSSESSIVE or prev.text in (".", "-"):
                i -= 1
                continue
            break
        while i < j and (self.doc[i].pos_ == "PUNCT" or self.doc[i].lower_ in NOT_SPEAKERS):
            i += 1
        return i, j

    def chunk_forward(self, i: int, hi: int) -> tuple[int, int] | None:
        """The nominal chunk starting at token ``i`` (before token ``hi``); its head is its end."""
        if i >= hi or self.doc[i].pos_ not in NOMINAL or self.doc[i].is_space:
            return None
        j = i
        head = None
        while j < hi and j - i < MAX_SPEAKER_TOKENS:
            tok = self.doc[j]
            if tok.is_space or (j > i and "\n" in self.doc[j - 1].whitespace_):
                break
            if tok.lower_ in NOT_SPEAKERS or tok.lower_ in TEMPORAL:
                break
            if tok.pos_ == "ADJ" and head is not None and j + 1 < hi and self.doc[j + 1].pos_ == "ADP":
                break  # "a source familiar with the talks": a post-modifier, even where the parse made it the subject
            if tok.pos_ in NOMINAL or tok.text in POSSESSIVE or (tok.text == "-" and head is not None):
                if is_head(tok):
                    head = j
                    if tok.pos_ == "PRON":
                        break
                j += 1
                continue
            break
        if head is None:
            return None
        # "a source familiar with": the head is the last noun before an adjective post-modifier
        return i, head

    def subject_of(self, i: int, lo: int, hi: int) -> int | None:
        """The parse's subject of token ``i`` (or of the verb it is conjoined to), within [lo, hi)."""
        tok = self.doc[i]
        for _ in range(3):
            for child in tok.children:
                if child.dep_ in SUBJECT_DEPS and lo <= child.i < hi and child.pos_ in HEADS:
                    return child.i
            if tok.dep_ in ("conj", "xcomp", "advcl", "parataxis") and tok.head.i != tok.i:
                tok = tok.head
                continue
            break
        return None

    def speaker_for_cue(
        self, cue: int, lo: int, hi: int, allow_forward: bool = True
    ) -> tuple[int, int] | None:
        """The speaker chunk (token start, head token) of a cue within tokens [lo, hi)."""
        tok = self.doc[cue]
        if tok.pos_ in ("NOUN", "PROPN") and cue - 2 >= lo and self.doc[cue - 1].text in POSSESSIVE:
            # "Trump's claim that ...": the possessor speaks
            return self.chunk_back(cue - 2, lo)
        if tok.tag_ == "VBG" and cue > lo and self.doc[cue - 1].pos_ != "AUX":
            # "Trump attacked Clinton, saying, ..." / "After saying ..., she was": the clause's subject
            first = self.chunk_forward(lo, cue)
            if self.opens_as_subject(first, cue):
                return self._extend_name(first, cue)
            subject = self.subject_of(cue, lo, hi)
            if subject is not None:
                chunk = self.chunk_back(subject, lo)
                if chunk is not None:
                    return self._extend_name(chunk, hi)
            for i in range(lo, cue):
                if self.doc[i].dep_ in SUBJECT_DEPS and self.doc[i].pos_ in ("PROPN", "PRON"):
                    chunk = self.chunk_back(i, lo)
                    if chunk is not None:
                        return chunk
            return None
        j = cue - 1
        while j >= lo:
            if self.doc[j].pos_ in BETWEEN_SUBJECT_AND_CUE and self.doc[j].text not in POSSESSIVE:
                j -= 1
            elif self.doc[j].text == ")":
                # "Rep. Elijah E. Cummings (D-Md.) said": step over the parenthesis
                k = j - 1
                while k >= lo and self.doc[k].text != "(":
                    k -= 1
                if k < lo or j - k > 8:
                    break
                j = k - 1
            else:
                break
        if j >= lo and self.doc[j].lower_ in ("who", "which", "whom"):
            return None  # "an architect who said he was stiffed": a relative clause's cue
        back = self.chunk_back(j, lo) if j >= lo else None
        if back is not None and back[0] > lo and self.doc[back[0] - 1].lower_ in ("which", "whom", "what", "where"):
            return None  # "tweets in which he called ...", "what she calls ...": a relative clause
        if back is not None and back[0] > lo and self.doc[back[0] - 1].pos_ == "ADP":
            # "a person close to the crown prince said": the phrase before the post-modifier
            k = back[0] - 1
            while k >= lo and (self.doc[k].pos_ in ("ADP", "ADJ", "DET", "NOUN") or self.doc[k].tag_ in ("VBN", "VBG")):
                if self.doc[k].tag_ in ("VBN", "VBG", "JJ") and k - 1 >= lo and self.doc[k - 1].pos_ in HEADS:
                    k -= 1  # "Protesters marching through the streets chanted": the noun before the modifier
                    break
                k -= 1
            earlier = self.chunk_back(k, lo) if k >= lo and k < back[0] - 1 else None
            if earlier is not None and self.doc[k + 1].pos_ != "ADP":
                return earlier
        if back is not None and not (back[0] > lo and self.doc[back[0] - 1].pos_ == "ADP"):
            return back
        if back is None and j >= lo:
            # "A diplomat who asked not to be named said": the phrase before the relative clause
            for k in range(j, max(lo, cue - 12) - 1, -1):
                if self.doc[k].lower_ in ("who", "which") and k - 1 >= lo:
                    before = self.chunk_back(k - 1, lo)
                    if before is not None:
                        return before
                    break
                if self.doc[k].text in (";", ":") or self.doc[k].text in QUOTE_CHARS:
                    break
        if j >= lo and self.doc[j].text == "," and cue - j <= 3:
            # "X, who ..., said" / "X, a senior official, said": the phrase before the appositive
            k = j - 1
            depth = 0
            while k >= lo:
                if self.doc[k].text == ",":
                    depth += 1
                    if depth == 1:
                        m = k - 1
                        if m >= lo and self.doc[m].text == ")":
                            # "Rep. Jim Jordan (R-Ohio), an oversight panel member, said"
                            while m >= lo and self.doc[m].text != "(":
                                m -= 1
                            m -= 1
                        before = self.chunk_back(m, lo) if m >= lo else None
                        inner = self.chunk_back(j - 1, k + 1) if j - 1 > k else None
                        if inner is not None and self.doc[inner[1]].pos_ == "PROPN" and before is not None and (
                            self.doc[before[1]].pos_ != "PROPN"
                            or (before[0] > lo and self.doc[before[0] - 1].pos_ == "ADP")
                        ):
                            return inner  # "the mayor of Kharkiv, Ihor Terekhov, said"
                        if before is not None:
                            return before
                k -= 1
        subject = self.subject_of(cue, lo, hi)
        if subject is not None:
            chunk = self.chunk_back(subject, lo)
            if chunk is not None:
                return self._extend_name(chunk, hi)
        if j >= lo and self.doc[j].pos_ == "CCONJ":
            # "Putin has not ruled out a ceasefire but insists ...": the clause's first subject
            first = self.chunk_forward(lo, j)
            if first is not None:
                return first
        if not allow_forward:
            return None
        forward = cue + 1
        while forward < hi and self.doc[forward].pos_ in ("ADV", "PART"):
            forward += 1
        ahead = self.chunk_forward(forward, hi)
        if ahead is not None:
            return ahead
        if back is not None:
            return back
        return None

    def _extend_name(self, chunk: tuple[int, int], hi: int) -> tuple[int, int]:
        start, head = chunk
        while head + 1 < hi and self.doc[head].pos_ == "PROPN" and self.doc[head + 1].pos_ == "PROPN":
            head += 1
        return start, head

    def phrase_text(self, chunk: tuple[int, int], hi: int) -> str:
        """The speaker phrase with its post-modifier ("a source familiar with the process")."""
        start, head = chunk
        end = head + 1
        while end < hi and end - head < 8 and self.doc[end].text not in (",", ".", ":", ";", "\n") and (
            self.doc[end].text not in QUOTE_CHARS
        ):
            if self.doc[end].pos_ in ("VERB", "AUX") and self.doc[end].lower_ not in ("speaking", "briefed"):
                break
            end += 1
        return self.text[self.doc[start].idx : self.doc[end - 1].idx + len(self.doc[end - 1].text)]

    # -- attributions ----------------------------------------------------------

    def attribute_after(self, q: QuotedSpan, sent_end: int) -> Attribution | None:
        """``"...," X said`` / ``"...," said X``: the attribution right after the closing mark."""
        window = self.tokens(q.end, sent_end)
        if not window:
            return None
        lo, hi = window.start, min(window.stop, window.start + ATTRIBUTION_REACH)
        if self.doc[lo].text in QUOTE_CHARS:
            return None
        signed = SIGNATURE.match(self.text, q.end, sent_end)
        if signed is not None:
            # a pull quote signed with a dash: “...” ― Karen Bobadilla
            name = self.tokens(signed.start(1), signed.end(1))
            if name:
                return self._attribution((name.start, name.stop - 1), None, None, (q.end, sent_end), hi)
        if self.doc[lo].text == ",":
            lo += 1
        for i in range(lo, hi):
            tok = self.doc[i]
            if tok.text in QUOTE_CHARS or tok.text in (";",):
                break
            lemma = self.is_cue(i, ("speech",))
            if lemma is None:
                continue
            if i > lo and self.clause_follows(i, sent_end, past_phrase=False):
                return None  # '"the Russian hordes," leaders demanded that ...' is no attribution
            first = self.chunk_forward(lo, i)
            if first is not None and self.doc[first[1]].pos_ == "PROPN":
                first = self._extend_name(first, i)
                if first[1] + 1 < i and self.doc[first[1] + 1].text in (",", "("):
                    # '"...," Scott Pruitt, the attorney general of Oklahoma, one of ..., said'
                    return self._attribution(first, i, lemma, (q.end, sent_end), hi)
            # the speaker follows the cue only in an inversion right after the quote ("said X")
            chunk = self.speaker_for_cue(i, lo, hi, allow_forward=i == lo)
            if chunk is None:
                return None
            return self._attribution(chunk, i, lemma, (q.end, sent_end), hi)
        return None

    def attribute_before(self, region_start: int, q_start: int) -> Attribution | None:
        """``X told Sky News: "..."`` / ``X said, "..."``: the cue before the opening mark."""
        window = self.tokens(region_start, q_start)
        if not window:
            return None
        lo, hi = window.start, window.stop
        last = self.doc[hi - 1]
        if last.text not in (":", ",") and self.is_cue(hi - 1) is None:
            return None
        first = max(lo, hi - ATTRIBUTION_REACH)
        for i in range(hi - 1, first - 1, -1):
            if self.doc[i].text in QUOTE_CHARS:
                first = i + 1
                break
        # the leftmost cue is the outer attribution ("Lynch said she recalled thinking, ...")
        for allow_forward in (False, True):
            for i in range(first, hi):
                lemma = self.is_cue(i, ("speech",))
                if lemma is None:
                    continue
                chunk = self.speaker_for_cue(i, lo, hi, allow_forward)
                if chunk is None:
                    continue
                return self._attribution(chunk, i, lemma, (region_start, q_start), hi)
        # "In a new post to Truth Social, he wrote:" has a cue; "Trump on Truth Social:" has none
        if last.text == ":":
            chunk = self.chunk_forward(lo, hi - 1)
            if chunk is not None and hi - 2 in (chunk[1], self._extend_name(chunk, hi - 1)[1]):
                # "Charlie King: “...”": a name and a colon, and nothing else
                return self._attribution(self._extend_name(chunk, hi - 1), None, None, (region_start, q_start), hi)
            for i in range(lo, hi):
                if self.doc[i].pos_ in ("PROPN", "PRON") and self.doc[i].dep_ in SUBJECT_DEPS:
                    chunk = self.chunk_back(i, lo)
                    if chunk:
                        return self._attribution(self._extend_name(chunk, hi), None, None, (region_start, q_start), hi)
        return None

    def _attribution(
        self, chunk: tuple[int, int], cue: int | None, lemma: str | None, region: tuple[int, int], hi: int
    ) -> Attribution:
        start_tok, head = chunk
        cue_tok = self.doc[cue] if cue is not None else None
        attribution = Attribution(
            speaker_start=self.doc[start_tok].idx,
            speaker_end=self.doc[head].idx + len(self.doc[head].text),
            speaker_token=head,
            cue=cue_tok.text if cue_tok is not None else None,
            cue_span=(cue_tok.idx, cue_tok.idx + len(cue_tok.text)) if cue_tok is not None else None,
            region=region,
        )
        attribution.medium = self.medium(region, lemma)
        attribution._phrase = self.phrase_text(chunk, max(hi, head + 1))  # type: ignore[attr-defined]
        attribution._lemma = lemma  # type: ignore[attr-defined]
        return attribution

    def medium(self, region: tuple[int, int], lemma: str | None) -> str | None:
        found = self.lex.medium_in(self.text[region[0]:region[1]])
        if found is not None:
            return found[0]
        return self.lex.medium_of_cue(lemma, self.analysis.article.published)

    # -- direct quotes -----------------------------------------------------------

    def opens_sentence(self, q: QuotedSpan) -> tuple[bool, int]:
        """Whether the passage opens its sentence; also where its sentence (or clause) starts."""
        p_start, _ = self.paras[self.para_of(q.start)]
        i = q.start - 1
        while i >= p_start and self.text[i] in " \t":
            i -= 1
        if i < p_start:
            return True, p_start
        closes_sentence = self.text[i] in CLOSERS + STRAIGHT and i > p_start and self.text[i - 1] in ".?!…,"
        if self.text[i] in ".?!…" or closes_sentence:
            return True, q.start
        if self.text[i] == ":":
            return True, self.sentence_of(i)[0]
        return False, self.sentence_of(q.start)[0]

    def title_case(self, para: int) -> bool:
        """A headline or section title: a short paragraph with most words capitalised.

        Quotes in headlines restate the body's and carry no attribution of their own;
        they are left out (PolNeAR does not annotate them either)."""
        p_start, p_end = self.paras[para]
        found = re.findall(r"[A-Za-z][\w’'-]*", self.text[p_start:p_end])
        if not found or len(found) > 25:
            return False
        content = [w for w in found if w.lower() not in MINOR_WORDS]
        return bool(content) and sum(w[0].isupper() for w in content) >= 0.75 * len(content) and len(content) >= 3

    def is_first_line_headline(self) -> bool:
        """The article's first paragraph is its headline when it is the title, or one short sentence."""
        p_start, p_end = self.paras[0]
        first = self.text[p_start:p_end].strip()
        title = (self.analysis.article.title or "").strip()
        def plain(value: str) -> str:
            return re.sub(r"\W+", " ", value).strip().lower()

        if title and plain(first) == plain(title):
            return True
        return len(self.paras) > 1 and words(first) <= 20 and first[-1:] not in ".?!…\"”’:"

    def find(self) -> list[Quote]:
        headlines = {i for i in range(len(self.paras)) if self.title_case(i)}
        if self.paras and self.is_first_line_headline():
            headlines.add(0)
        spans = [q for q in quoted_spans(self.text, self.paras) if self.para_of(q.start) not in headlines]
        self._headlines = headlines
        fragments: list[QuotedSpan] = []
        previous: Quote | None = None
        previous_para = -1
        for q in spans:
            content = self.text[q.start + 1 : q.end - (1 if q.closed else 0)]
            n_words = words(content)
            at_start, clause_start = self.opens_sentence(q)
            inner_end = content.rstrip()[-1:] if content.strip() else ""
            sent_end = self.sentence_end_after(q)
            after = self.attribute_after(q, sent_end)
            before = None
            if not at_start or self.text[max(0, q.start - 2):q.start].strip().endswith((":", ",")):
                before = self.attribute_before(clause_start, q.start)
            elif at_start and clause_start < q.start:
                before = self.attribute_before(clause_start, q.start)
            ends_sentence = sent_end <= q.end + 2 or not self.text[q.end:sent_end].strip(" .,;")
            direct = (n_words >= MIN_DIRECT_WORDS or (at_start and after is not None)) and (
                (at_start and (after is not None or before is not None or ends_sentence or inner_end in ".?!…,"))
                or before is not None
            )
            if not direct:
                if after is not None and n_words >= 3 and (
                    inner_end in (",", "?", "!") or self.text[q.end:q.end + 1] == ","
                ):
                    # The country "has made dramatic changes," McConnell said: a mixed quote
                    s_start = self.sentence_of(q.start)[0]
                    self.add(s_start, q.end, "mixed", after, trim=True)
                else:
                    fragments.append(q)
                continue
            attribution = after or before
            para = self.para_of(q.start)
            if attribution is None:
                attribution = self.colon_introduction(q)
            if attribution is None and previous is not None and previous.speaker is not None:
                if para == previous_para or (para == previous_para + 1 and self.para_is_quote(para)):
                    attribution = Attribution(inherited_from=previous)
            quote = self.add(q.start, q.end, "direct", attribution)
            previous, previous_para = quote, self.para_of(q.end - 1)
        self._fragments = fragments
        self.mixed(fragments)
        self.indirect()
        self.quotes.sort(key=lambda x: (x.start, x.end))
        self.renumber()
        return self.quotes

    def sentence_end_after(self, q: QuotedSpan) -> int:
        """Where the sentence that goes on after a closing mark ends (the paragraph end at most)."""
        _, p_end = self.paras[self.para_of(max(q.start, q.end - 1))]
        for _, e in sentence_spans(self.text, q.end, p_end):
            return e
        return p_end

    def para_is_quote(self, para: int) -> bool:
        p_start, _ = self.paras[para]
        return self.text[p_start] in OPENERS + STRAIGHT

    def colon_introduction(self, q: QuotedSpan) -> Attribution | None:
        """A paragraph ending in a colon that introduces the quote in the next paragraph."""
        para = self.para_of(q.start)
        p_start, _ = self.paras[para]
        if q.start != p_start or para == 0:
            return None
        prev_start, prev_end = self.paras[para - 1]
        if not self.text[prev_start:prev_end].rstrip().endswith(":"):
            return None
        sentences = sentence_spans(self.text, prev_start, prev_end)
        s_start = sentences[-1][0] if sentences else prev_start
        attribution = self.attribute_before(s_start, prev_end)
        if attribution is not None and attribution.medium is None and self.quotes:
            last = self.quotes[-1]
            # "He continued:" carries on where the same speaker left off
            if getattr(attribution, "_lemma", None) in ("continue", "add", "go") and last.medium:
                attribution.medium = last.medium
        return attribution

    # -- mixed and indirect --------------------------------------------------------

    def mixed(self, fragments: list[QuotedSpan]) -> None:
        """Fragments inside a clause governed by a reporting or naming cue."""
        for q in fragments:
            if self.covered(q.start, q.end):
                continue
            s_start, s_end = self.sentence_of(q.start)
            window = self.tokens(s_start, q.start)
            first = window.start
            for k in range(window.stop - 1, window.start - 1, -1):
                if self.doc[k].text == ";" or self.doc[k].text in QUOTE_CHARS:
                    first = k + 1
                    break
            used = {q.cue_span for q in self.quotes if q.cue_span}
            # "according to X" before the fragment or after it ("... a nationwide "walk-in" ...,
            # according to the organiser"): the fragment is part of X's report when it lies in the content
            sentence = self.text[s_start:s_end]
            match = self.lex.according_to.search(sentence) if self.lex.according_to else None
            if match is not None and self.according(s_start, s_end, match, kind="mixed", holding=q):
                continue
            found = None
            for allow_forward in (False, True):
                for i in range(first, window.stop):
                    tok = self.doc[i]
                    lemma = self.is_cue(i, ("speech", "naming"), nouns=True)
                    if lemma is None or (tok.idx, tok.idx + len(tok.text)) in used:
                        continue
                    if tok.tag_ == "VBN" and i > 0 and self.doc[i - 1].pos_ != "AUX":
                        continue  # "backed by", "the so-called": participles that modify a noun
                    if (tok.tag_ == "VBG" and i + 1 < len(self.doc) and self.doc[i + 1].pos_ == "ADP"
                            and self.doc[i - 1].text == ","):
                        continue  # "Merz, speaking in Berlin, called ...": a circumstance, not the report
                    chunk = self.speaker_for_cue(i, first, window.stop, allow_forward)
                    if chunk is not None:
                        found = (i, lemma, chunk)
                        break
                if found:
                    break
            if found is None:
                self.as_put_it(q, s_start, s_end)
                continue
            i, lemma, chunk = found
            attribution = self._attribution(chunk, i, lemma, (s_start, q.start), window.stop)
            if attribution.medium is None:
                after = self.lex.medium_in(self.text[q.end:s_end])
                attribution.medium = after[0] if after else None
            content_start = self.content_start(i, q.start)
            content_end = self.predicate_end(q.end, s_end)
            self.add(content_start, content_end, "mixed", attribution)

    def as_put_it(self, q: QuotedSpan, s_start: int, s_end: int) -> None:
        """``... a "lawful source of income," as a Homeland Security memo put it``: a fragment
        followed by "as X put it" / "as X said" is X's words; the clause before it is the content."""
        window = self.tokens(q.end, s_end)
        k = window.start
        while k < window.stop and self.doc[k].text in (",",) + tuple(QUOTE_CHARS):
            k += 1
        if k >= window.stop or self.doc[k].lower_ != "as" or k - window.start > 2:
            return
        chunk = self.chunk_forward(k + 1, window.stop)
        if chunk is None:
            return
        cue = chunk[1] + 1
        while cue < window.stop and self.doc[cue].pos_ in BETWEEN_SUBJECT_AND_CUE:
            cue += 1
        if cue >= window.stop:
            return
        verb = self.doc[cue]
        put_it = verb.lower_ == "put" and cue + 1 < window.stop and self.doc[cue + 1].lower_ == "it"
        lemma = "put" if put_it else self.is_cue(cue, ("speech",))
        if lemma is None:
            return
        chunk = self._extend_name(chunk, cue)
        attribution = self._attribution(chunk, cue, lemma, (self.doc[k].idx, verb.idx + len(verb.text)), cue)
        if put_it:
            attribution.cue = self.text[verb.idx:self.doc[cue + 1].idx + 2]
            attribution.cue_span = (verb.idx, self.doc[cue + 1].idx + 2)
        if not self.plausible_speaker(attribution):
            return
        self.add(s_start, q.end, "mixed", attribution, trim=True)

    def content_start(self, cue: int, limit: int) -> int:
        """Where the reported content starts after its cue: at "that" when there is one."""
        j = cue + 1
        while j < len(self.doc) and self.doc[j].idx < limit and j - cue <= 8:
            if self.doc[j].lower_ == "that" and self.doc[j].pos_ in ("SCONJ", "PRON", "DET"):
                return self.doc[j].idx
            if self.doc[j].text in (",", ":", ";"):
                break
            j += 1
        nxt = cue + 1
        while nxt < len(self.doc) and self.doc[nxt].pos_ == "ADP" and self.doc[nxt].lower_ in ("out",):
            nxt += 1
        return self.doc[nxt].idx if nxt < len(self.doc) else limit

    def predicate_end(self, start: int, s_end: int) -> int:
        """Where the reported clause ends: before a second predicate of the speaker
        ("... Moscow but reiterated his demand"), else at the end of the sentence."""
        for i in self.tokens(start, s_end):
            tok = self.doc[i]
            if tok.pos_ != "CCONJ" or i + 1 >= len(self.doc):
                continue
            nxt = self.doc[i + 1]
            if nxt.pos_ == "ADV" and i + 2 < len(self.doc):
                nxt = self.doc[i + 2]
            if nxt.pos_ == "VERB" and nxt.tag_ in ("VBD", "VBZ"):
                end = tok.idx
                while end > start and self.text[end - 1] in " ,":
                    end -= 1
                return end
        return self.clause_end(start, s_end)

    def clause_end(self, start: int, s_end: int) -> int:
        end = s_end
        while end > start and self.text[end - 1] in " .:;\n":
            end -= 1
        if end > start and self.text[end - 1] in CLOSERS + STRAIGHT and self.text[end - 2:end - 1] in (".", ","):
            return end
        return max(end, start)

    def covered(self, start: int, end: int) -> bool:
        return any(q.start <= start and end <= q.end for q in self.quotes)

    def overlaps(self, start: int, end: int) -> bool:
        return any(q.start < end and start < q.end for q in self.quotes)

    def indirect(self) -> None:
        """Reported speech without quotation marks, sentence by sentence."""
        according = self.lex.according_to
        for n, (p_start, p_end) in enumerate(self.paras):
            if n in getattr(self, "_headlines", ()):
                continue
            for s_start, s_end in sentence_spans(self.text, p_start, p_end):
                if self.overlaps(s_start, s_end):
                    self.added_report(s_start, s_end)
                    continue
                sentence = self.text[s_start:s_end]
                if according is not None:
                    match = according.search(sentence)
                    if match and self.according(s_start, s_end, match):
                        continue
                self.reported_clause(s_start, s_end)

    def added_report(self, s_start: int, s_end: int) -> None:
        """``"...," he wrote, adding that a school had been damaged``: the speaker goes on in reported speech."""
        inside = [q for q in self.quotes if q.start < s_end and s_start < q.end]
        last = max(inside, key=lambda q: q.end)
        if last.kind != "direct" or last.speaker is None or last.end >= s_end:
            return
        for i in self.tokens(last.end, s_end):
            tok = self.doc[i]
            if tok.tag_ != "VBG" or i == 0 or self.doc[i - 1].text != "," or self.is_cue(i) is None:
                continue
            if not self.clause_follows(i, s_end):
                return
            start = self.content_start(i, s_end)
            quote = self.add_indirect(start, self.predicate_end(start, s_end), Attribution(inherited_from=last))
            if quote is not None:
                quote.cue, quote.cue_span = tok.text, (tok.idx, tok.idx + len(tok.text))
            return

    def according(self, s_start: int, s_end: int, match: re.Match[str], kind: str = "indirect",
                  holding: QuotedSpan | None = None) -> bool:
        """``according to X, ...`` and ``..., according to X``; with ``holding``, only when the
        reported content holds that quoted fragment."""
        m_start, m_end = s_start + match.start(), s_start + match.end()
        window = self.tokens(m_end, s_end)
        chunk = self.chunk_forward(window.start, window.stop) if window else None
        if chunk is None:
            return False
        attribution = self._attribution(chunk, None, None, (m_start, self.doc[chunk[1]].idx + 1), window.stop)
        attribution.cue = self.text[m_start:m_end]
        attribution.cue_span = (m_start, m_end)
        end_of_phrase = self.text.find(",", m_end, s_end)
        if self.text[s_start:m_start].strip(" ,"):
            content = (s_start, m_start)
        elif end_of_phrase != -1:
            content = (end_of_phrase + 1, s_end)
        else:
            return False
        start, end = content
        while start < end and self.text[start] in " ,":
            start += 1
        end = self.clause_end(start, end)
        while end > start and self.text[end - 1] in " ,":
            end -= 1
        if words(self.text[start:end]) < 3:
            return False
        if holding is not None and m_start > holding.start and not (start <= holding.start + 1 and holding.end - 1 <= end):
            return False  # "according to X" after the fragment must report the clause that holds it
        self.add(start, end, kind, attribution)
        return True

    def reported_clause(self, s_start: int, s_end: int) -> None:
        window = self.tokens(s_start, s_end)
        for i in window:
            lemma = self.is_cue(i, ("speech",))
            if lemma is None:
                continue
            tok = self.doc[i]
            prev_tok = self.doc[i - 1] if i > 0 else None
            passive = prev_tok is None or prev_tok.pos_ not in ("AUX", "VERB") or prev_tok.lemma_ == "be"
            if tok.tag_ == "VBN" and passive:
                continue  # "the so-called", "it is reported that": no one speaks
            nxt = self.doc[i + 1] if i + 1 < len(self.doc) else None
            prev = self.doc[i - 1] if i > 0 else None
            # "..., saying ..." / "..., adding that ...": the main clause's subject speaks
            if tok.tag_ == "VBG" or tok.lower_.endswith("ing"):
                if prev is None or prev.pos_ == "AUX" or not self.clause_follows(i, s_end):
                    continue
                # "Hours later, India accused ..., saying ...": the governing verb's subject speaks,
                # not a noun fronted as an adverbial
                chunk = self.chunk_forward(window.start, i)
                if not self.opens_as_subject(chunk, i):
                    subject = self.subject_of(i, window.start, i)
                    chunk = self.chunk_back(subject, window.start) if subject is not None else None
                if chunk is None:
                    chunk = self.opening_subject(window.start, i)
                if chunk is None:
                    continue
                attribution = self._attribution(chunk, i, lemma, (s_start, tok.idx + len(tok.text)), i)
                attribution.medium = self.medium((s_start, tok.idx), lemma)
                start = self.content_start(i, s_end)
                self.add_indirect(start, self.clause_end(start, s_end), attribution)
                return
            # "..., officials said." / "..., said a source." at the end of the sentence
            rest = self.text[tok.idx + len(tok.text):s_end].strip(" .")
            before_cue = self.text[s_start:tok.idx]
            comma = before_cue.rfind(",")
            between = self.tokens(s_start + comma + 1, tok.idx) if comma != -1 else range(0)
            plain = not any(self.doc[k].pos_ in ("VERB", "CCONJ", "SCONJ") for k in between)
            after_cue = self.tokens(tok.idx + len(tok.text), s_end)
            if len(between) == 0:  # ", said a source."
                tail_ok = bool(rest) and nxt is not None and nxt.pos_ in NOMINAL and "," not in rest
            else:  # ", a military source told TASS."
                tail_ok = not any(self.doc[k].pos_ in ("VERB", "AUX") for k in after_cue)
            before = self.tokens(s_start, s_start + max(comma, 0))
            before_has_verb = any(self.doc[k].pos_ in ("VERB", "AUX") for k in before)
            ends_statement = not self.text[s_start:s_end].rstrip().endswith(":")  # "..., he wrote:" introduces a quote
            if comma != -1 and plain and tail_ok and before_has_verb and ends_statement:
                attr_start = s_start + comma + 1
                attr_window = self.tokens(attr_start, s_end)
                chunk = self.speaker_for_cue(i, attr_window.start, attr_window.stop)
                if chunk is not None and words(self.text[s_start:attr_start]) >= 3:
                    attribution = self._attribution(chunk, i, lemma, (attr_start, s_end), attr_window.stop)
                    end = attr_start - 1
                    self.add_indirect(s_start, end, attribution)
                    return
            # "The meeting, Putin said, has one purpose": a parenthetical attribution
            if nxt is not None and nxt.text == ",":
                chunk = self.speaker_for_cue(i, window.start, i)
                if chunk is not None and self.doc[chunk[0]].i > window.start and self.doc[chunk[0] - 1].text == ",":
                    attribution = self._attribution(chunk, i, lemma, (self.doc[chunk[0]].idx, nxt.idx), i)
                    self.add_indirect(s_start, self.clause_end(s_start, s_end), attribution)
                    return
            # "X said (that) ...": a clause follows the cue
            if not self.clause_follows(i, s_end):
                continue
            chunk = self.speaker_for_cue(i, window.start, i)
            if chunk is None:
                continue
            attribution = self._attribution(chunk, i, lemma, (s_start, self.content_start(i, s_end)), i)
            start = self.content_start(i, s_end)
            self.add_indirect(start, self.predicate_end(start, s_end), attribution)
            return

    def clause_follows(self, cue: int, s_end: int, past_phrase: bool = True) -> bool:
        """Whether a finite clause (or ``that`` + clause) follows the cue within a few tokens.

        ``past_phrase``: also look past a phrase for "that" ("said in a statement that").
        """
        j = cue + 1
        seen_nominal = False
        after_phrase = False  # "said in a statement that ...": only "that" may follow a phrase
        while j < len(self.doc) and self.doc[j].idx < s_end and j - cue <= 10:
            tok = self.doc[j]
            if tok.lower_ == "that" and tok.pos_ in ("SCONJ", "PRON", "DET") and (j - cue <= 5 or after_phrase):
                return True
            if tok.pos_ in ("ADP", "SCONJ") and not seen_nominal and tok.lower_ not in ("that", "to"):
                # "said on Truth Social that ..." carries on; "said after Pagliano failed" does not
                if not past_phrase:
                    return False
                after_phrase = True
            if tok.text in (",", ";", ":", ".") or tok.text in QUOTE_CHARS:
                return False
            finite = tok.tag_ in ("VBD", "VBZ", "VBP", "MD") or (
                tok.tag_ == "VBN" and (self.doc[j - 1].pos_ in HEADS or self.doc[j - 1].tag_.startswith("NN")))
            # ("the shelling continued" read as VBN)
            if tok.pos_ in ("VERB", "AUX") and seen_nominal and finite and not after_phrase:
                # "denied the claim and said ...": a second predicate of the cue's subject, not its content
                return self.doc[j - 1].pos_ != "CCONJ"
            if tok.lower_ == "to" and not seen_nominal:
                return False
            if tok.pos_ in HEADS or tok.tag_.startswith("NN"):
                seen_nominal = True
            j += 1
        return False

    def add_indirect(self, start: int, end: int, attribution: Attribution) -> Quote | None:
        while start < end and self.text[start] in " ,":
            start += 1
        while end > start and self.text[end - 1] in " ,":
            end -= 1
        if words(self.text[start:end]) >= 3:
            return self.add(start, end, "indirect", attribution)
        return None

    # -- records -------------------------------------------------------------------

    def opens_as_subject(self, chunk: tuple[int, int] | None, hi: int) -> bool:
        """Whether a sentence's first chunk is a name or pronoun that can speak, not a fronted
        adverbial ("Hours later", "Thousands")."""
        if chunk is None or self.doc[chunk[1]].pos_ not in ("PROPN", "PRON") or not self.can_speak(chunk):
            return False
        after = chunk[1] + 1
        return not (after < hi and self.doc[after].lower_ in ("later", "earlier", "ago"))

    def opening_subject(self, lo: int, hi: int) -> tuple[int, int] | None:
        """The first noun phrase of [lo, hi) that can be the clause's subject, past a fronted
        adverbial ("Hours later, ...", "Late on Sunday, ..."), when the parse names no subject."""
        start = lo
        for _ in range(3):
            chunk = self.chunk_forward(start, hi)
            if chunk is None and (start >= hi or self.doc[start].pos_ not in ("ADV", "ADJ", "ADP", "SCONJ")):
                return None
            after = chunk[1] + 1 if chunk is not None else start + 1
            fronted = (
                chunk is None
                or not self.can_speak(chunk)
                or (chunk[0] > start and self.doc[chunk[0] - 1].pos_ == "ADP")
                or (after < hi and (self.doc[after].text == "," or self.doc[after].lower_ in ("later", "earlier", "ago")))
            )
            if not fronted:
                return chunk
            comma = next((k for k in range(after, hi) if self.doc[k].text == ","), None)
            if comma is None:
                return None
            start = comma + 1
        return None

    def can_speak(self, chunk: tuple[int, int]) -> bool:
        """False for a bare count or span of time ("Thousands", "Hours later"): never a speaker."""
        start, head = chunk
        tok = self.doc[head]
        if tok.lower_ in QUANTITY_NOUNS or tok.lower_ in TEMPORAL:
            return not all(self.doc[k].lower_ in QUANTITY_NOUNS or self.doc[k].lower_ in TEMPORAL
                           or self.doc[k].pos_ in ("NUM", "ADV", "ADP") for k in range(start, head + 1))
        return True

    def plausible_speaker(self, attribution: Attribution) -> bool:
        """Whether the speaker phrase can speak: a name, a pronoun, an actor, or a noun that reports."""
        if attribution.speaker_token is None:
            return True
        head = self.doc[attribution.speaker_token]
        if head.pos_ in ("PROPN", "PRON") or head.lower_ in self.lex.speaker_nouns:
            return True
        if head.lower_ in self.lex.anonymous_heads:
            return True
        return best_mention(self.analysis, attribution.speaker_start or 0, attribution.speaker_end or 0) is not None

    def add(self, start: int, end: int, kind: str, attribution: Attribution | None, trim: bool = False) -> Quote | None:
        if attribution is not None and attribution.speaker_token is not None and attribution.speaker_start is not None:
            first = min(self.token_at(attribution.speaker_start), attribution.speaker_token)
            if not self.can_speak((first, attribution.speaker_token)):
                return None
        if trim:
            while start < end and self.text[start].isspace():
                start += 1
        if kind != "direct":
            start = self.past_dateline(start, end)
        if kind == "indirect" and any(start <= f.start and f.end <= end + 1 and f.closed
                                      for f in getattr(self, "_fragments", ())):
            # reported speech that quotes some of the speaker's words ('A cashier who "steals a
            # handful of $20s" is held accountable, Warren said') is a mixed quote
            kind = "mixed"
        lemma = getattr(attribution, "_lemma", None) if attribution is not None else None
        if kind != "direct" and self.lex.category(lemma) == "naming" and attribution is not None and (
            not self.plausible_speaker(attribution)
        ):
            return None  # "softer language calling for 'appropriate assistance'": no one speaks
        speaker: Entity | None = None
        anonymous = False
        cue = medium = speaker_text = None
        cue_span = None
        date = None
        if attribution is not None and attribution.inherited_from is not None:
            source = attribution.inherited_from
            speaker, anonymous, cue, medium = source.speaker, source.anonymous, source.cue, source.medium
            speaker_text, cue_span, date = source.speaker_text, source.cue_span, source.date
        elif attribution is not None and attribution.speaker_start is not None:
            speaker_text = self.text[attribution.speaker_start:attribution.speaker_end]
            phrase = getattr(attribution, "_phrase", speaker_text)
            anonymous = self.is_anonymous(attribution, phrase)
            speaker = self.resolve(attribution, anonymous)
            cue, cue_span, medium = attribution.cue, attribution.cue_span, attribution.medium
            date = self.date_of(attribution.region)
        if date is None and self.analysis.article.published is not None:
            date = self.analysis.article.published.isoformat()
        sentence = self.analysis.sentence_at(start)
        index = sentence.index if sentence is not None else getattr(self.analysis, "_sentence_base", 0)
        quote = Quote(
            id="",
            text=self.text[start:end],
            start=start,
            end=end,
            kind=kind,
            speaker=speaker,
            anonymous=anonymous,
            cue=cue,
            medium=medium,
            date=date,
            speaker_text=speaker_text,
            cue_span=cue_span,
        )
        quote._sentence = index  # type: ignore[attr-defined]
        self.quotes.append(quote)
        return quote

    def past_dateline(self, start: int, end: int) -> int:
        """Where reported content starts once a dateline opening its paragraph is left out
        ("KYIV —", "March 3—", "BAKU, Oct. 2 (Wire) —"): the dateline is the outlet's, not the speaker's."""
        p_start = self.paras[self.para_of(start)][0]
        if start - p_start > 3:
            return start
        dateline = self.analysis.dateline_at(start)
        if dateline is not None and dateline[1] < end and words(self.text[dateline[1]:end]) >= 3:
            return dateline[1]
        return start

    def renumber(self) -> None:
        counter: dict[int, int] = {}
        for quote in self.quotes:
            index = getattr(quote, "_sentence", 0)
            k = counter.get(index, 0)
            counter[index] = k + 1
            quote.id = f"{self.analysis.article.id}-q{index}-{k}"

    def is_anonymous(self, attribution: Attribution, phrase: str) -> bool:
        head = self.doc[attribution.speaker_token] if attribution.speaker_token is not None else None
        if head is None:
            return False
        if head.lower_ in self.lex.anonymous_heads:
            # "Critics" opening a sentence is often tagged as a name; a following name is not anonymous
            nxt = self.doc[head.i + 1] if head.i + 1 < len(self.doc) else None
            return not (nxt is not None and nxt.pos_ == "PROPN" and nxt.idx < attribution.speaker_end)
        if head.pos_ == "PROPN":
            return False
        pattern = self.lex.anonymous_phrases
        return bool(pattern is not None and head.pos_ == "NOUN" and pattern.search(phrase))

    def date_of(self, region: tuple[int, int] | None) -> str | None:
        if region is None:
            return None
        for t in self.analysis.times:
            if region[0] <= t.start and t.end <= region[1] and t.date:
                return t.date
        return None

    # -- speakers as entities ----------------------------------------------------------

    def resolve(self, attribution: Attribution, anonymous: bool) -> Entity | None:
        """The speaker as an entity: the actors stage's mention when there is one."""
        start, end = attribution.speaker_start, attribution.speaker_end
        assert start is not None and end is not None
        text = self.text[start:end]
        head = self.doc[attribution.speaker_token] if attribution.speaker_token is not None else None
        mention = best_mention(self.analysis, start, end)
        if mention is not None and head is not None and not (
            mention.start < head.idx + len(head.text) and head.idx < mention.end
        ):
            mention = None  # "the Gaza health ministry": the actor named in a modifier is not the speaker
        if head is not None and head.lower_ in PRONOUNS:
            # A pronoun that reports speech refers, in news prose, to the most salient
            # earlier subject; that rule goes first, the actors stage's coreference second.
            antecedent = self.antecedent(head.i) if head.lower_ in PERSONAL else None
            if antecedent is None and mention is not None:
                antecedent = mention.entity
            if antecedent is None and head.lower_ in ("it", "they"):
                antecedent = self.collective_antecedent(head.i)
            if antecedent is None:
                return Entity(code=None, sector=None, entity_text=text, start=start, end=end)
            entity = _copy_entity(antecedent)
            entity.entity_text, entity.start, entity.end = text, start, end
            return entity
        if mention is not None:
            entity = _copy_entity(mention.entity)
            entity.entity_text = text
            entity.start, entity.end = start, end
            return entity
        return Entity(
            code=None,
            sector=None,
            entity_text=text,
            identifier_text=None if anonymous else (
                self.full_name(start, end) if head is not None and head.pos_ == "PROPN" else text),
            start=start,
            end=end,
            kind=None if anonymous else ("person" if head is not None and head.pos_ == "PROPN" else None),
        )

    def name_run(self, head: int) -> list[str]:
        """The run of capitalised name tokens ending at ``head``, titles left out."""
        i = head
        while i - 1 >= 0:
            prev = self.doc[i - 1]
            if prev.pos_ != "PROPN" or prev.text in TITLES or "\n" in prev.whitespace_ or not prev.text[:1].isupper():
                break
            i -= 1
        return [self.doc[k].text for k in range(i, head + 1)]

    def is_headline(self, char: int) -> bool:
        p_start, p_end = self.paras[self.para_of(char)]
        return self.text[p_end - 1] not in ".?!:\"”’)…" and p_end - p_start < 200

    def full_name(self, start: int, end: int) -> str:
        """The fullest earlier form of a name ("Vladimir Putin" for a later "Putin"), titles left out."""
        toks = [t for t in self.tokens(start, end) if self.doc[t].pos_ == "PROPN"]
        if not toks:
            return self.text[start:end]
        last = self.doc[toks[-1]].text
        best = self.name_run(toks[-1])
        if self._names is None:
            self._names = {}
            for tok in self.doc:
                if tok.pos_ == "PROPN":
                    self._names.setdefault(tok.text, []).append(tok.i)
        for i in self._names.get(last, []):
            if self.doc[i].idx >= end:
                break
            if not self.is_headline(self.doc[i].idx):
                name = self.name_run(i)
                if len(name) > len(best):
                    best = name
        while len(best) > 1 and best[0] in TITLES:
            best = best[1:]
        return " ".join(best)

    def sentences_near(self, at: int) -> list[tuple[int, int]]:
        """The sentence spans of the paragraph holding ``at`` and of the one before it (headlines left out)."""
        p_index = self.para_of(at)
        sentences: list[tuple[int, int]] = []
        for p in range(max(0, p_index - 1), p_index + 1):
            if not self.is_headline(self.paras[p][0]):
                sentences += sentence_spans(self.text, *self.paras[p])
        return sentences

    def collective_antecedent(self, pronoun: int) -> Entity | None:
        """Fallback coreference for "it"/"they" reporting speech: the nearest earlier subject that
        is a state, organisation or group, looking back from the sentence before the pronoun's
        (its own sentence holds the reported content, whose subject is not the speaker)."""
        at = self.doc[pronoun].idx
        sentences = self.sentences_near(at)
        own = [s for s in sentences if s[0] <= at < s[1]]
        earlier = [s for s in sentences if s[1] <= at and (not own or s[1] <= own[0][0])]
        for s_start, s_end in reversed(earlier[-2:]):
            for i in reversed(self.tokens(s_start, s_end)):
                tok = self.doc[i]
                if tok.dep_ not in SUBJECT_DEPS or tok.pos_ not in ("PROPN", "NOUN"):
                    continue
                left = tok.left_edge.idx
                mention = best_mention(self.analysis, max(left, s_start), tok.idx + len(tok.text))
                if mention is not None and mention.entity.kind != "person":
                    return mention.entity
            # a parse without a subject: the actor that opens the sentence, before its first verb
            verbs = [i for i in self.tokens(s_start, s_end) if self.doc[i].tag_ in ("VBD", "VBZ", "VBP")]
            first_verb = self.doc[verbs[0]].idx if verbs else s_end
            for mention in mentions_in(self.analysis, s_start, first_verb):
                if mention.entity.kind != "person" and mention.start < first_verb:
                    return mention.entity
            # no actor: the subject of that sentence's main clause ("The ministry issued ...")
            for i in self.tokens(s_start, s_end):
                tok = self.doc[i]
                if tok.dep_ in SUBJECT_DEPS and tok.head.dep_ == "ROOT" and tok.pos_ in ("PROPN", "NOUN"):
                    start = max(tok.left_edge.idx, s_start)
                    end = tok.idx + len(tok.text)
                    return Entity(code=None, sector=None, entity_text=self.text[start:end], start=start, end=end)
        return None

    def antecedent(self, pronoun: int) -> Entity | None:
        """Fallback coreference for he/she: the nearest named subject before it, else the last speaker."""
        at = self.doc[pronoun].idx
        sentences = self.sentences_near(at)
        # nearest sentence first; within a sentence the leftmost named subject (the main clause's)
        for s_start, s_end in reversed([s for s in sentences if s[0] < at]):
            for i in self.tokens(s_start, min(s_end, at)):
                tok = self.doc[i]
                if tok.dep_ not in SUBJECT_DEPS or tok.pos_ not in ("PROPN", "NOUN"):
                    continue
                # "RSF commander Mohamed Hamdan Dagalo rejected ...": the parse's subject is the title
                # noun; the actors stage's person mention around it is the antecedent
                around = [m for m in self.analysis.actors if m.start <= tok.idx < m.end
                          and m.entity.kind == "person" and not (m.how or "").startswith("coref")]
                if around:
                    return max(around, key=lambda m: m.end - m.start).entity
                if tok.pos_ != "PROPN":
                    continue
                j = i
                while j - 1 >= 0 and self.doc[j - 1].pos_ == "PROPN" and "\n" not in self.doc[j - 1].whitespace_:
                    j -= 1
                k = i
                while k + 1 < len(self.doc) and self.doc[k + 1].pos_ == "PROPN" and "\n" not in self.doc[k].whitespace_:
                    k += 1
                start, end = self.doc[j].idx, self.doc[k].idx + len(self.doc[k].text)
                mention = best_mention(self.analysis, start, end)
                if mention is not None:
                    return mention.entity
                return Entity(code=None, sector=None, entity_text=self.text[start:end],
                              identifier_text=self.full_name(start, end), start=start, end=end, kind="person")
        for quote in reversed(self.quotes):
            if quote.speaker is not None and quote.start < self.doc[pronoun].idx and not quote.anonymous:
                return quote.speaker
        return None


QUOTE_CHARS = frozenset(OPENERS + CLOSERS + STRAIGHT)
MINOR_WORDS = frozenset(
    "a an the and or but nor of in on at to for from by with as into over after before about than via vs "
    "is are was were be".split()
)
DASHES = frozenset({"―", "—", "–", "-", "--"})
# a dash and a name after a closing quotation mark, ending the paragraph or sentence
SIGNATURE = re.compile(r"[ \t\u00a0]*[―—–-]+[ \t\u00a0]*((?:[A-Z][\w.'’-]*[ \t\u00a0]?){1,5})[.,]?[ \t\u00a0]*(?:$|\n)",
                       re.MULTILINE)
TITLES = frozenset(
    "President Prime Minister Chancellor Secretary Gen. General Sen. Senator Rep. Gov. Governor Mr. Mrs. Ms. "
    "Dr. King Queen Prince Sir Dame Lord Special Envoy Ambassador Foreign Defense Defence Spokesperson "
    "Speaker Chairman Chair Vice Deputy Premier Mayor Judge Justice Pope Col. Lt. Adm. Commander".split()
)


QUANTITY_NOUNS = frozenset(
    "thousands hundreds dozens millions scores tens hours minutes seconds moments days weeks months years "
    "decades hour minute moment".split()
)


def is_head(tok) -> bool:
    """Whether a token can head a speaker phrase (tags and dependencies back up a wrong POS:
    "the general told" with "general" tagged as an adjective)."""
    return tok.pos_ in HEADS or tok.tag_.startswith("NN") or tok.tag_ == "PRP" or (
        tok.pos_ == "ADJ" and tok.dep_ in SUBJECT_DEPS)


def _copy_entity(entity: Entity) -> Entity:
    import dataclasses

    return dataclasses.replace(entity)


def best_mention(analysis: Analysis, start: int, end: int):
    """The actor mention that overlaps [start, end) most (the actors stage's, if it ran)."""
    mentions = mentions_in(analysis, start, end)
    best = None
    best_overlap = 0
    for m in mentions:
        overlap = min(end, m.end) - max(start, m.start)
        if overlap > best_overlap:
            best, best_overlap = m, overlap
    return best


def mentions_in(analysis: Analysis, start: int, end: int):
    """Actor mentions overlapping [start, end): the actors stage's API when it provides one."""
    try:
        from parley.actors import mentions_in as actors_mentions_in
    except ImportError:
        return [m for m in analysis.actors if m.start < end and start < m.end]
    return actors_mentions_in(analysis, start, end)
