"""Reading the treebanks for training and evaluation (training/conllu.py) on small inline samples."""

from __future__ import annotations

import sys

from parley_testing import REPO
from spacy.vocab import Vocab

sys.path.insert(0, str(REPO / "training"))

from conllu import attach_ner, document_text, group_documents, make_doc, read_conllu, read_iob2  # noqa: E402

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
