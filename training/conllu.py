"""Read the shared CoNLL-U treebanks (and the UNER labels) into spaCy Docs.

Used by ``convert.py`` (training corpora), ``evaluate.py`` (test sets) and the
tests. Sentences of one document are merged into one Doc so that the parser
learns where sentences end; a Doc is cut after ``n_sents`` sentences (at a
paragraph break when one is near) to keep training batches small.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc
from spacy.vocab import Vocab

ENTITY_TYPES = ("PER", "ORG", "LOC")
BLOCK_COUNT = re.compile(r"\((\d+) s\)")


@dataclass
class Sentence:
    """One CoNLL-U sentence: its syntactic words and where it sits in its document."""

    sent_id: str
    doc_id: str
    new_par: bool
    words: list[str] = field(default_factory=list)
    spaces: list[bool] = field(default_factory=list)
    lemmas: list[str] = field(default_factory=list)
    upos: list[str] = field(default_factory=list)
    xpos: list[str] = field(default_factory=list)
    feats: list[str] = field(default_factory=list)
    heads: list[int] = field(default_factory=list)  # index within the sentence
    deps: list[str] = field(default_factory=list)
    ents: list[str] | None = None  # IOB tags, or None when not annotated

    def text(self) -> str:
        return "".join(w + (" " if s else "") for w, s in zip(self.words, self.spaces)).strip()


def read_conllu(path: Path) -> list[Sentence]:
    """Every sentence of a CoNLL-U file, multi-word tokens split into their words.

    A multi-word token's ``SpaceAfter`` applies to its last word; the words of
    a multi-word token are written without spaces between them (``do|n't``).
    """
    sentences: list[Sentence] = []
    doc_id = ""
    new_par = False
    block_left = -1  # sentences left in the innermost GUM block (head, caption, list item)
    sent: Sentence | None = None
    mwt_end = -1
    mwt_space = True
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if not line:
                if sent is not None and sent.words:
                    sentences.append(sent)
                sent = None
                new_par = False
                mwt_end = -1
                continue
            if line.startswith("#"):
                key, _, value = line[1:].strip().partition("=")
                key = key.strip()
                if key == "newdoc id" or key == "newdoc":
                    doc_id = value.strip()
                    new_par = True
                elif key.startswith("newpar"):
                    new_par = True
                    counts = BLOCK_COUNT.findall(value)
                    if key == "newpar_block" and counts:
                        block_left = int(counts[-1])
                elif key == "sent_id":
                    if block_left == 0:
                        # GUM marks where a block (a headline, a caption, a list
                        # item) starts and how many sentences it holds, but not
                        # always where the next line starts: after the block's
                        # last sentence, the text goes on on a new line.
                        new_par = True
                    block_left -= 1
                    sent = Sentence(sent_id=value.strip(), doc_id=doc_id, new_par=new_par)
                continue
            cols = line.split("\t")
            if sent is None:
                sent = Sentence(sent_id=f"{doc_id}-{len(sentences)}", doc_id=doc_id, new_par=new_par)
            ident = cols[0]
            if "-" in ident:
                first, last = (int(x) for x in ident.split("-"))
                mwt_end = last
                mwt_space = "SpaceAfter=No" not in cols[9]
                continue
            if "." in ident:  # empty nodes of the enhanced graph
                continue
            index = int(ident)
            if index < mwt_end:
                space = False
            elif index == mwt_end:
                space = mwt_space
            else:
                space = "SpaceAfter=No" not in cols[9]
            sent.words.append(cols[1])
            sent.spaces.append(space)
            sent.lemmas.append(cols[2])
            sent.upos.append(cols[3])
            sent.xpos.append(cols[4])
            sent.feats.append("" if cols[5] == "_" else cols[5])
            sent.heads.append(int(cols[6]) - 1)  # -1 for the root
            sent.deps.append(cols[7])
    if sent is not None and sent.words:
        sentences.append(sent)
    return sentences


def read_iob2(path: Path) -> dict[str, list[str]]:
    """UNER labels per sentence id: one IOB tag per word (PER/ORG/LOC; OTHER is dropped)."""
    labels: dict[str, list[str]] = {}
    sent_id = None
    tags: list[str] = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if line.startswith("# sent_id"):
                sent_id = line.split("=", 1)[1].strip()
                tags = []
                labels[sent_id] = tags
            elif line and not line.startswith("#"):
                tag = line.split("\t")[2]
                if tag[2:] not in ENTITY_TYPES:  # OTH, and a few stray "B-O"
                    tag = "O"
                tags.append(tag)
    return labels


def attach_ner(sentences: list[Sentence], labels: dict[str, list[str]]) -> int:
    """Copy UNER tags onto the matching sentences; return how many matched."""
    matched = 0
    for sent in sentences:
        tags = labels.get(sent.sent_id)
        if tags is not None and len(tags) == len(sent.words):
            sent.ents = _fix_iob(tags)
            matched += 1
    return matched


def _fix_iob(tags: list[str]) -> list[str]:
    """Repair an I- tag that follows O or another type (spaCy rejects it)."""
    fixed: list[str] = []
    previous = "O"
    for tag in tags:
        if tag.startswith("I-") and previous[2:] != tag[2:]:
            tag = "B-" + tag[2:]
        fixed.append(tag)
        previous = tag
    return fixed


def group_documents(sentences: list[Sentence], n_sents: int) -> Iterator[list[Sentence]]:
    """Sentences grouped by document, each group at most ``n_sents`` long (0: whole documents).

    A chunk prefers to end at a paragraph break in its last third, so that
    chunks start like real text does.
    """
    doc: list[Sentence] = []

    def chunks(group: list[Sentence]) -> Iterator[list[Sentence]]:
        if n_sents <= 0:
            yield group
            return
        start = 0
        while start < len(group):
            end = min(len(group), start + n_sents)
            if end < len(group):
                for cut in range(end, start + max(1, (2 * n_sents) // 3), -1):
                    if group[cut].new_par:
                        end = cut
                        break
            yield group[start:end]
            start = end

    for sent in sentences:
        if doc and sent.doc_id != doc[0].doc_id:
            yield from chunks(doc)
            doc = []
        doc.append(sent)
    if doc:
        yield from chunks(doc)


def make_doc(vocab: Vocab, sentences: list[Sentence], *, with_ner: bool = True) -> Doc:
    """One Doc holding ``sentences`` with full gold annotation.

    NER is left missing (not ``O``) on sentences without UNER tags, so that
    unannotated GUM text does not teach the recognizer that there are no
    entities.
    """
    words: list[str] = []
    spaces: list[bool] = []
    lemmas: list[str] = []
    tags: list[str] = []
    pos: list[str] = []
    morphs: list[str] = []
    heads: list[int] = []
    deps: list[str] = []
    sent_starts: list[bool] = []
    ents: list[str | None] | None = [] if with_ner and any(s.ents is not None for s in sentences) else None
    for k, sent in enumerate(sentences):
        offset = len(words)
        words.extend(sent.words)
        spaces.extend(sent.spaces)
        if k + 1 < len(sentences):
            spaces[-1] = True  # sentences of a document are separated by a space
        lemmas.extend(sent.lemmas)
        tags.extend(sent.xpos)
        pos.extend(sent.upos)
        morphs.extend(sent.feats)
        for i, head in enumerate(sent.heads):
            heads.append(offset + (i if head < 0 else head))
        deps.extend("ROOT" if d == "root" else d for d in sent.deps)
        sent_starts.extend([True] + [False] * (len(sent.words) - 1))
        if ents is not None:
            ents.extend(sent.ents if sent.ents is not None else [None] * len(sent.words))
    return Doc(
        vocab,
        words=words,
        spaces=spaces,
        lemmas=lemmas,
        tags=tags,
        pos=pos,
        morphs=morphs,
        heads=heads,
        deps=deps,
        sent_starts=sent_starts,
        ents=ents,
    )


def document_text(sentences: list[Sentence]) -> tuple[str, list[tuple[int, int]]]:
    """Raw text of a document as an article would carry it, and each sentence's character span.

    Sentences are joined by a space, paragraphs by a newline (GUM and EWT mark
    paragraphs with ``# newpar``), which is how parley receives news text.
    """
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    length = 0
    for k, sent in enumerate(sentences):
        if k:
            sep = "\n" if sent.new_par else " "
            parts.append(sep)
            length += 1
        text = sent.text()
        spans.append((length, length + len(text)))
        parts.append(text)
        length += len(text)
    return "".join(parts), spans
