"""Scoring: gold formats, P/R/F1 arithmetic, the gate, and `parley eval`."""

import json

import pytest

from parley.errors import InputError
from parley.eval import Counts, gate, load_gold, score
from parley.records import Entity, Event


def gold_file(tmp_path, rows):
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


GSR_ROW = {"id": "g1", "text": "Iran threatened Israel.", "date": "2000-01-01",
           "expected": [{"event": "THREATEN", "actor": [{"code": "IRN"}], "recipient": [{"code": "ISR"}]}]}
OWN_ROW = {"id": "p1", "text": "France demanded talks.", "published": "2024-01-02",
           "events": [{"event": "DEMAND", "actor": ["FRA"], "recipient": [], "date": "2024-01-02"}]}


def test_both_formats_are_read(tmp_path):
    sentences = load_gold(gold_file(tmp_path, [GSR_ROW, OWN_ROW]))
    assert [s.id for s in sentences] == ["g1", "p1"]
    assert sentences[0].events[0].actor == frozenset({"IRN"}) and sentences[0].generic_igo
    assert sentences[1].events[0].event == "REQUEST"  # older PLOVER name mapped
    assert str(sentences[1].published) == "2024-01-02"


def test_bad_lines_are_named(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"text": "a", "events": []}\nnot json\n', encoding="utf-8")
    with pytest.raises(InputError, match="line 2"):
        load_gold(path)
    with pytest.raises(InputError, match="does not exist"):
        load_gold(tmp_path / "missing.jsonl")


def event(kind, actor, recipient=(), modality=()):
    ent = lambda c: Entity(code=c, sector=None, entity_text=c)  # noqa: E731
    return Event(id="x", article_id="a", date=None, event=[kind], mode=[], context=[], actor=[ent(c) for c in actor],
                 recipient=[ent(c) for c in recipient], event_loc=None, event_text="", text_info={"start": 0, "end": 0},
                 cameo=None, modality=list(modality))


def test_counts_and_f1(tmp_path):
    sentences = load_gold(gold_file(tmp_path, [GSR_ROW, OWN_ROW]))
    predicted = [
        [event("THREATEN", ["IRN"], ["ISR"]), event("ASSAULT", ["IRN"], ["ISR"])],  # one right, one spurious
        [event("REQUEST", ["FRA"], [], ["negated"])],  # negated: left out, so the gold event is missed
    ]
    report = score(sentences, predicted)
    ev = report.overall["event"]
    assert (ev.tp, ev.fp, ev.fn) == (1, 1, 1)
    assert report.overall["actor"].tp == 1 and report.overall["actor"].fn == 1
    assert report.per_type["THREATEN"]["all"].f1 == 1.0
    assert report.per_type["ASSAULT"]["event"].precision == 0.0
    assert report.checks["modality"] == [1, 2]  # the negated REQUEST disagrees with the gold
    assert "THREATEN" in report.to_text()


def test_gsr_gold_counts_un_bodies_as_igo(tmp_path):
    row = dict(GSR_ROW, expected=[{"event": "REJECT", "actor": [{"code": "IGO"}], "recipient": []}])
    sentences = load_gold(gold_file(tmp_path, [row]))
    report = score(sentences, [[event("REJECT", ["UNO"])]])
    assert report.overall["actor"].f1 == 1.0


def test_counts_properties():
    c = Counts(tp=3, fp=1, fn=2)
    assert c.precision == 0.75 and c.recall == 0.6 and round(c.f1, 4) == 0.6667
    assert Counts().f1 == 0.0


def test_gate_reports_scores_below_their_floor(tmp_path):
    sentences = load_gold(gold_file(tmp_path, [GSR_ROW]))
    report = score(sentences, [[event("THREATEN", ["IRN"], ["ISR"])]])
    assert gate(report, {"overall.event.f1": 0.9}) == []
    [message] = gate(report, {"overall.event.f1": 0.9, "per_type.THREATEN.actor.f1": 1.01})
    assert "per_type.THREATEN.actor.f1" in message


def test_cli_eval(tmp_path):
    from click.testing import CliRunner

    import parley
    from parley.cli import main

    try:
        parley.load_model()
    except parley.ModelNotFound as exc:
        pytest.skip(str(exc))
    path = gold_file(tmp_path, [GSR_ROW])
    result = CliRunner().invoke(main, ["eval", "--gold", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["sentences"] == 1 and set(data["overall"]) == {"event", "actor", "recipient", "all"}
    result = CliRunner().invoke(main, ["eval", "--gold", str(tmp_path / "nope.jsonl")])
    assert result.exit_code == 1 and "does not exist" in result.output
