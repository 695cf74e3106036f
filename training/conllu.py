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
ENTITY_BRACKET = re.compile(r"\(([^()]*)(\))?|(\d+)\)")  # GUM escapes brackets in links: %28 %29


@dataclass(frozen=True)
class Mention:
    """One entity mention of GUM's coreference layer: word span (inclusive), type, Wikipedia link."""

    start: int
    end: int
    etype: str
    identity: str


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
    mentions: list[Mention] = field(default_factory=list)  # GUM's entity mentions

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
    opened: dict[str, tuple[int, str, str]] = {}  # GUM mentions open in this sentence, by entity id
    mwt_end = -1
    mwt_space = True
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if not line:
                if sent is not None and sent.words:
                    sentences.append(sent)
                sent = None
                opened = {}
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
            _read_entities(cols[9], sent, opened)
    if sent is not None and sent.words:
        sentences.append(sent)
    return sentences


def _read_entities(misc: str, sent: Sentence, opened: dict[str, tuple[int, str, str]]) -> None:
    """Add the mentions that the word's ``Entity=`` (CorefUD bracket notation) closes to ``sent.mentions``.

    GUM's fields are ``id-etype-infstat-salience-centering-minspan-link-identity``:
    ``(3-place-new-...-coref-Ukraine`` opens a mention, ``3)`` closes it,
    ``(3-place-...)`` is a mention of one word.
    """
    value = next((item[7:] for item in misc.split("|") if item.startswith("Entity=")), None)
    if not value:
        return
    index = len(sent.words) - 1
    for bracket in ENTITY_BRACKET.finditer(value):
        body, single, closing = bracket.group(1), bracket.group(2), bracket.group(3)
        if body is not None:
            fields = body.split("-")
            ident, etype = fields[0], fields[1] if len(fields) > 1 else ""
            identity = fields[7] if len(fields) > 7 else ""
            if single:
                sent.mentions.append(Mention(index, index, etype, identity))
            else:
                opened[ident] = (index, etype, identity)
        elif closing in opened:
            start, etype, identity = opened.pop(closing)
            sent.mentions.append(Mention(start, index, etype, identity))


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


GUM_TYPES = {"person": "PER", "organization": "ORG", "place": "LOC"}
NAME_DEPS = {"flat", "compound", "nmod", "case", "det", "cc", "conj", "punct", "nummod"}
NAME_FUNCTION_WORDS = {"case", "det", "cc", "punct"}  # kept only inside a name: "Bank of England"
TITLES = {"president", "vice", "prime", "minister", "mr.", "mrs.", "ms.", "mr", "mrs", "ms", "dr.", "dr", "sir",
          "dame", "lord", "lady", "king", "queen", "prince", "princess", "pope", "saint", "st.", "gen.", "general",
          "sen.", "senator", "gov.", "governor", "rep.", "prof.", "professor", "rev.", "reverend", "judge", "justice",
          "chancellor", "secretary", "mayor", "chairman", "captain", "capt.", "colonel", "col.", "lt.", "sgt."}


def gum_named_entities(sent: Sentence) -> list[str]:
    """UNER-style IOB tags (PER/ORG/LOC) from GUM's mentions: the names among them.

    GUM marks every mention ("the city", "Kyiv", "the mayor of Kyiv") with one of
    ten types; UNER labels names only, without determiners or titles ("the
    [United States]", "President [Obama]"), and nationalities not at all. A
    person, organization or place mention counts when its head word is a
    proper noun (a plural one for people is a nationality: "Americans"); its
    entity is the run of words around the head that make up the name (``flat``,
    ``compound``, capitalised modifiers, numbers, and for places and bodies
    ``nmod`` "Bank of England"), trimmed to start and end on
    a proper noun or number, titles left off. Nested names keep the longest.
    """
    spans: list[tuple[int, int, str]] = []
    for mention in sent.mentions:
        label = GUM_TYPES.get(mention.etype)
        if label is None:
            continue
        span = _name_span(sent, mention)
        if span is not None:
            spans.append((*span, label))
    tags = ["O"] * len(sent.words)
    for start, end, label in sorted(spans, key=lambda s: s[0] - s[1]):
        if all(tag == "O" for tag in tags[start:end + 1]):
            tags[start] = "B-" + label
            for i in range(start + 1, end + 1):
                tags[i] = "I-" + label
    return tags


def _name_span(sent: Sentence, mention: Mention) -> tuple[int, int] | None:
    inside = range(mention.start, mention.end + 1)
    heads = [i for i in inside if sent.heads[i] not in inside]
    if len(heads) != 1:
        return None
    head = heads[0]
    word = sent.words[head]
    if sent.upos[head] != "PROPN" or word.lower() in TITLES:
        return None
    if mention.etype == "person" and "Number=Plur" in sent.feats[head]:
        return None  # "Americans": a nationality
    if mention.etype == "person" and mention.identity and word.lower() not in mention.identity.lower():
        return None  # a role named after its holder: "Madam [Speaker]" linked to Nancy_Pelosi
    name = {head}
    grew = True
    while grew:
        grew = False
        for i in inside:
            if i in name or sent.heads[i] not in name:
                continue
            dep = sent.deps[i]
            if dep == "nmod" and mention.etype == "person":
                continue  # "[Zelensky] of Ukraine"; "of" belongs in names of places and bodies
            if dep in NAME_DEPS and (sent.upos[i] in ("PROPN", "NUM") or dep in NAME_FUNCTION_WORDS) \
                    or dep == "amod" and _capitalised_adjective(sent, i):
                name.add(i)
                grew = True
    start = end = head
    while start - 1 in name:
        start -= 1
    while end + 1 in name:
        end += 1

    def edge(i: int) -> bool:
        if sent.words[i].lower() in TITLES:
            return False
        return sent.upos[i] in ("PROPN", "NUM") or sent.deps[i] == "amod" and _capitalised_adjective(sent, i)

    while start < end and not edge(start):
        start += 1
    while end > start and not edge(end):
        end -= 1
    return (start, end) if edge(start) and edge(end) else None


def _capitalised_adjective(sent: Sentence, i: int) -> bool:
    """A modifier that is part of a name: "the [Communist Party]", "the [United States]" (GUM: a participle)."""
    return sent.upos[i] in ("ADJ", "VERB") and sent.words[i][:1].isupper() and (i > 0 and sent.words[i - 1] not in ".!?")


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
