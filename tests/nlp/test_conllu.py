"""Reading the treebanks for training and evaluation (training/conllu.py) on small inline samples."""

from __future__ import annotations

import sys

from parley_testing import REPO
from spacy.vocab import Vocab

sys.path.insert(0, str(REPO / "training"))

from conllu import (  # noqa: E402
    Mention,
    attach_ner,
    document_text,
    group_documents,
    gum_named_entities,
    make_doc,
    read_conllu,
    read_iob2,
)

CONLLU = """\
# newdoc id = doc1
# newpar
# newpar_block = head (1 s)
# sent_id = s1
# text = Talks in Doha
1\tTalks\ttalk\tNOUN\tNNS\tNumber=Plur\t0\troot\t_\t_
2\tin\tin\tADP\tIN\t_\t3\tcase\t_\t_
3\tDoha\tDoha\tPROPN\tNNP\tNumber=Sing\t1\tnmod\t_\t_

# sent_id = s2
# text = Monday, May 11
1\tMonday\tMonday\tPROPN\tNNP\tNumber=Sing\t0\troot\t_\tSpaceAfter=No
2\t,\t,\tPUNCT\t,\t_\t3\tpunct\t_\t_
3\tMay\tMay\tPROPN\tNNP\tNumber=Sing\t1\tappos\t_\t_
4\t11\t11\tNUM\tCD\tNumType=Card\t3\tnummod\t_\t_

# newpar
# newpar_block = p (2 s)
# sent_id = s3
# text = We don't know.
1\tWe\twe\tPRON\tPRP\t_\t4\tnsubj\t_\t_
2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_
2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\t_
3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_
4\tknow\tknow\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No
5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_

# sent_id = s4
# text = Iran said no.
1\tIran\tIran\tPROPN\tNNP\t_\t2\tnsubj\t_\t_
2\tsaid\tsay\tVERB\tVBD\t_\t0\troot\t_\t_
3\tno\tno\tINTJ\tUH\t_\t2\tobj\t_\tSpaceAfter=No
4\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

"""

IOB2 = """\
# sent_id = s3
1\tWe\tO
2\tdo\tB-O\t-\tx
3\tn't\tO
4\tknow\tO
5\t.\tO

# sent_id = s4
1\tIran\tI-LOC\t-\tx
2\tsaid\tO
3\tno\tB-OTH\t-\tx
4\t.\tO
"""


def test_read_conllu(tmp_path):
    path = tmp_path / "t.conllu"
    path.write_text(CONLLU, encoding="utf-8")
    sents = read_conllu(path)
    assert [s.sent_id for s in sents] == ["s1", "s2", "s3", "s4"]
    assert sents[2].words == ["We", "do", "n't", "know", "."]
    assert sents[2].text() == "We don't know."
    # A multi-word token in one sentence does not glue words in the next.
    assert sents[3].text() == "Iran said no."
    assert [s.new_par for s in sents] == [True, True, True, False]  # s2 follows a one-sentence head
    assert sents[0].heads == [-1, 2, 0]


def test_ner_and_docs(tmp_path):
    conllu = tmp_path / "t.conllu"
    conllu.write_text(CONLLU, encoding="utf-8")
    iob = tmp_path / "t.iob2"
    iob.write_text(IOB2, encoding="utf-8")
    sents = read_conllu(conllu)
    assert attach_ner(sents, read_iob2(iob)) == 2
    assert sents[3].ents == ["B-LOC", "O", "O", "O"]  # a stray I- is repaired, OTH dropped
    assert sents[2].ents == ["O"] * 5
    groups = list(group_documents(sents, 0))
    assert len(groups) == 1
    doc = make_doc(Vocab(), groups[0])
    assert [s.text for s in doc.sents][2:] == ["We don't know.", "Iran said no."]
    assert [e.text for e in doc.ents] == ["Iran"]
    assert doc[0].ent_iob_ == ""  # no UNER tags on s1: missing, not "O"
    assert doc[0].dep_ == "ROOT" and doc[2].head.i == 0
    text, spans = document_text(groups[0])
    assert text == "Talks in Doha\nMonday, May 11\nWe don't know. Iran said no."
    assert [text[a:b] for a, b in spans][-1] == "Iran said no."


def _gum_sentence(tmp_path, rows: list[str]):
    text = "# newdoc id = GUM_news_x\n# sent_id = g1\n" + "\n".join("\t".join(r.split()) for r in rows) + "\n\n"
    path = tmp_path / "gum.conllu"
    path.write_text(text, encoding="utf-8")
    return read_conllu(path)[0]


def test_gum_mentions_are_read_from_the_bracket_notation(tmp_path):
    sent = _gum_sentence(tmp_path, [
        "1 Mayor mayor NOUN NN _ 3 nsubj _ Entity=(1-person-new-s-cf1-1-coref",
        "2 Klitschko Klitschko PROPN NNP _ 1 flat _ Entity=(2-person-new-s-cf2-1-sgl-Vitali_Klitschko)1)",
        "3 visited visit VERB VBD _ 0 root _ _",
        "4 Apollo Apollo PROPN NNP _ 3 obj _ Entity=(3-event-new-s-cf3-1-sgl-Apollo_11",
        "5 11 11 NUM CD _ 4 nummod _ Entity=3)",
        "6 Language Language PROPN NNP _ 3 obj _ Entity=(4-abstract-new-s-cf4-1-sgl-Language_%28journal%29)",
    ])
    assert sorted(sent.mentions, key=lambda m: m.start) == [
        Mention(0, 1, "person", ""),
        Mention(1, 1, "person", "Vitali_Klitschko"),
        Mention(3, 4, "event", "Apollo_11"),
        Mention(5, 5, "abstract", "Language_%28journal%29"),
    ]


def test_gum_names_follow_the_uner_conventions(tmp_path):
    # "President Zelensky of Ukraine met the United States Congress and the Americans in the city ."
    sent = _gum_sentence(tmp_path, [
        "1 President President PROPN NNP _ 2 compound _ Entity=(1-person-giv-s-cf1-2-coref-Volodymyr_Zelensky",
        "2 Zelensky Zelensky PROPN NNP _ 5 nsubj _ _",
        "3 of of ADP IN _ 4 case _ _",
        "4 Ukraine Ukraine PROPN NNP _ 2 nmod _ Entity=(2-place-giv-s-cf2-1-coref-Ukraine)1)",
        "5 met meet VERB VBD _ 0 root _ _",
        "6 the the DET DT _ 9 det _ Entity=(3-organization-new-s-cf3-1-sgl-United_States_Congress(4-place-new-s-cf4-1-sgl-United_States",
        "7 United United VERB VBN _ 8 amod _ _",
        "8 States States PROPN NNPS _ 9 compound _ Entity=4)",
        "9 Congress Congress PROPN NNP _ 5 obj _ Entity=3)",
        "10 and and CCONJ CC _ 12 cc _ _",
        "11 the the DET DT _ 12 det _ Entity=(5-person-new-s-cf5-1-sgl",
        "12 Americans American PROPN NNPS Number=Plur 9 conj _ Entity=5)",
        "13 in in ADP IN _ 15 case _ _",
        "14 the the DET DT _ 15 det _ Entity=(6-place-new-s-cf6-1-sgl",
        "15 city city NOUN NN _ 5 obl _ Entity=6)",
    ])
    tags = gum_named_entities(sent)
    assert tags == [
        "O", "B-PER",                            # the title is left off; "of Ukraine" is no part of a person's name
        "O", "B-LOC",
        "O",
        "O", "B-ORG", "I-ORG", "I-ORG",          # the longest of nested names, without "the"
        "O", "O", "O",                           # a nationality is not a name
        "O", "O", "O",                           # a common noun is not a name
    ]


def test_a_role_linked_to_its_holder_is_not_a_name(tmp_path):
    sent = _gum_sentence(tmp_path, [
        "1 Madam Madam PROPN NNP _ 2 nmod:desc _ Entity=(1-person-giv-s-cf1-2-coref-Nancy_Pelosi",
        "2 Speaker Speaker PROPN NNP _ 0 root _ Entity=1)",
    ])
    assert gum_named_entities(sent) == ["O", "O"]
