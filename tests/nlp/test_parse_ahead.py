"""parse_ahead: articles parsed together (nlp.pipe), then taken by their nlp stage."""

from pathlib import Path

import parley
import parley.nlp as nlp_stage
from parley.ingest import make_article

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "ceasefire_talks.txt"


def _summary(analysis):
    return [(e.event, [a.code for a in e.actor], [r.code for r in e.recipient], e.text_info["start"])
            for e in analysis.events]


def test_articles_parsed_ahead_give_the_same_records():
    texts = [EXAMPLE.read_text(encoding="utf-8"),
             "Russian forces shelled Kharkiv on Monday. Ukraine rejected the Kremlin's offer of talks."]
    alone = [parley.analyze(t, published="2025-03-14") for t in texts]
    with nlp_stage.parse_ahead(texts) as parsed:
        assert parsed == 2
        assert set(nlp_stage._ahead) == set(texts)
        together = [parley.analyze(t, published="2025-03-14") for t in texts]
        assert not nlp_stage._ahead  # each article took its own Doc
    assert [_summary(a) for a in together] == [_summary(a) for a in alone]
    assert together[1].events


def test_leftovers_are_dropped_and_duplicates_each_get_a_doc():
    text = "Russia and Ukraine agreed to exchange prisoners on Friday."
    with nlp_stage.parse_ahead([text, text, "Unused text about nothing in particular."]) as parsed:
        assert parsed == 3
        first = parley.analyze_article(make_article(text, published="2025-01-01"))
        assert len(nlp_stage._ahead[text]) == 1
        second = parley.analyze_article(make_article(text, published="2025-01-01"))
        assert text not in nlp_stage._ahead
    assert not nlp_stage._ahead
    assert _summary(first) == _summary(second)


def test_a_batch_the_model_cannot_parse_is_parsed_one_by_one(monkeypatch):
    calls = []

    class Broken:
        def pipe(self, texts, batch_size, disable=()):
            calls.append(list(texts))
            raise ValueError("bad text")

    monkeypatch.setattr(nlp_stage, "load_model", lambda: Broken())
    with nlp_stage.parse_ahead(["Some text.", "Another text."]) as parsed:
        assert parsed == 0
        assert not nlp_stage._ahead
    assert calls == [["Some text.", "Another text."]]


def test_a_single_text_is_left_to_its_article():
    with nlp_stage.parse_ahead(["Russia and Ukraine agreed to talks."]) as parsed:
        assert parsed == 0 and not nlp_stage._ahead


def test_chunked():
    assert list(nlp_stage.chunked(range(5), 2)) == [[0, 1], [2, 3], [4]]
    assert list(nlp_stage.chunked([], 2)) == []


def test_the_pipeline_skips_the_components_no_stage_reads():
    """NER is in the model (``parley.load_model()`` keeps it) but no stage reads it: the pipeline skips it."""
    text = "Turkish President Recep Tayyip Erdogan met Vladimir Putin in Sochi on Friday."
    assert parley.load_model()(text).ents  # the whole model finds entities
    with nlp_stage.parse_ahead([text, text]):
        ahead = nlp_stage._parse(text)
    alone = nlp_stage._parse(text)
    for doc in (ahead, alone):
        assert not doc.ents
        assert [t.dep_ for t in doc] == [t.dep_ for t in parley.load_model()(text)]
