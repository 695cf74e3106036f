"""eval: score the event coder against annotated sentences.

Two gold formats are read, line by line (JSONL), and may be mixed:

* the PLOVER gold-standard-record format of ``gsr_dev.jsonl``: ``{id, text, date,
  expected: [{event, mode, actor: [{code, ...}], recipient: [...]}]}``;
* parley's own format (``tests/gold/events/*.jsonl``): ``{id, text, published,
  events: [{event, mode, actor: ["RUS"], recipient: ["UKR"], modality, date,
  place}], tags}``.

Scores (precision, recall, F1), overall and per event type, each over the
sentences of the gold file:

* ``event``: the set of event types of a sentence;
* ``actor`` / ``recipient``: the set of actor (recipient) country or PLOVER codes of
  a sentence, pooled over its events (per type: pairs of type and code);
* ``all``: the set of ``(type, actor codes, recipient codes)`` triples.

Negated events ("has not ruled out") are left out on both sides -- PLOVER lets
them be dropped from a data set -- and so are codes the coder could not resolve.
For gold events that carry them, the date, place and modality of the predicted
event of the same type are checked too.
"""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Iterable

from parley.errors import InputError

log = logging.getLogger("parley")

# older PLOVER names and the CAMEO-era names some gold files use
EVENT_ALIASES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "YIELD": "CONCEDE"}
DEFAULT_DATE = date(2000, 1, 1)
# The PLOVER gold standard records code every intergovernmental body as IGO; parley's actors use the
# specific PLOVER codes.  When scoring against that format, these count as IGO.
IGO_CODES = {"UNO", "EUR", "NAT", "NATO", "AFU", "ARL", "ASN", "OSC", "IMF", "WBK", "WTO", "ICC", "IAE", "OPC",
             "CIS", "SCO", "GCC", "ECO", "OAS", "CWN", "G7", "G20", "BRI", "IGO", "EUC", "AUN", "SAD", "COE"}


@dataclass
class GoldEvent:
    event: str
    actor: frozenset[str]
    recipient: frozenset[str]
    mode: tuple[str, ...] = ()
    modality: tuple[str, ...] = ()
    date: str | None = None
    place: str | None = None


@dataclass
class GoldSentence:
    id: str
    text: str
    published: date
    events: list[GoldEvent]
    tags: tuple[str, ...] = ()
    generic_igo: bool = False  # gold in the PLOVER gsr format, which writes IGO for every IGO


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: set, predicted: set) -> None:
        self.tp += len(gold & predicted)
        self.fp += len(predicted - gold)
        self.fn += len(gold - predicted)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


ASPECTS = ("event", "actor", "recipient", "all")


@dataclass
class Report:
    """Scores of one gold file."""

    gold: str
    sentences: int
    overall: dict[str, Counts] = field(default_factory=lambda: {a: Counts() for a in ASPECTS})
    per_type: dict[str, dict[str, Counts]] = field(default_factory=dict)
    checks: dict[str, list[int]] = field(default_factory=lambda: {"date": [0, 0], "place": [0, 0],
                                                                   "modality": [0, 0]})
    errors: list[dict[str, Any]] = field(default_factory=list)

    def type_counts(self, event: str) -> dict[str, Counts]:
        return self.per_type.setdefault(event, {a: Counts() for a in ASPECTS})

    def to_dict(self) -> dict[str, Any]:
        return {
            "gold": self.gold,
            "sentences": self.sentences,
            "overall": {a: c.to_dict() for a, c in self.overall.items()},
            "per_type": {t: {a: c.to_dict() for a, c in counts.items()} for t, counts in sorted(self.per_type.items())},
            "checks": {k: {"correct": v[0], "checked": v[1], "accuracy": round(v[0] / v[1], 4) if v[1] else None}
                       for k, v in self.checks.items()},
            "errors": self.errors,
        }

    def to_text(self) -> str:
        lines = [f"gold: {self.gold} ({self.sentences} sentences)", ""]
        lines.append(f"{'':14}" + "".join(f"{a:>22}" for a in ASPECTS))
        lines.append(f"{'':14}" + "".join(f"{'P     R     F1':>22}" for _ in ASPECTS))

        def row(name: str, counts: dict[str, Counts]) -> str:
            cells = "".join(f"{c.precision:>10.2f}{c.recall:>6.2f}{c.f1:>6.2f}" for c in (counts[a] for a in ASPECTS))
            return f"{name:14}{cells}"

        lines.append(row("overall", self.overall))
        for event in sorted(self.per_type):
            counts = self.per_type[event]
            support = counts["event"].tp + counts["event"].fn
            lines.append(row(f"{event} ({support})", counts))
        lines.append("")
        for name, (ok, n) in self.checks.items():
            if n:
                lines.append(f"{name} of matched events: {ok}/{n} = {ok / n:.2f}")
        return "\n".join(lines)


def load_gold(path: str | Path) -> list[GoldSentence]:
    """Read a gold file in either format; raises ``InputError`` naming the bad line."""
    path = Path(path)
    if not path.is_file():
        raise InputError("gold file does not exist", source=str(path))
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"line {n} is not JSON ({exc.msg})", source=str(path)) from exc
        if not isinstance(row, dict) or "text" not in row:
            raise InputError(f"line {n} has no `text`", source=str(path))
        try:
            out.append(_sentence(row, n))
        except (KeyError, TypeError, ValueError) as exc:
            raise InputError(f"line {n}: {exc}", source=str(path)) from exc
    return out


def _codes(entities: Iterable[Any]) -> frozenset[str]:
    codes = set()
    for e in entities or ():
        code = e.get("code") if isinstance(e, dict) else e
        if code:
            codes.add(str(code))
    return frozenset(codes)


def _event_name(name: str) -> str:
    name = str(name).upper()
    return EVENT_ALIASES.get(name, name)


def _sentence(row: dict, n: int) -> GoldSentence:
    if "expected" in row:
        published = date.fromisoformat(row.get("date") or DEFAULT_DATE.isoformat())
        events = [GoldEvent(event=_event_name(e["event"]), actor=_codes(e.get("actor")),
                            recipient=_codes(e.get("recipient")), mode=tuple(e.get("mode") or ()))
                  for e in row["expected"]]
        return GoldSentence(str(row.get("id", n)), row["text"], published, events, tuple(row.get("notes") or ()),
                            generic_igo=True)
    published = date.fromisoformat(row.get("published") or row.get("date") or DEFAULT_DATE.isoformat())
    events = [GoldEvent(event=_event_name(e["event"]), actor=_codes(e.get("actor")),
                        recipient=_codes(e.get("recipient")), mode=tuple(e.get("mode") or ()),
                        modality=tuple(e.get("modality") or ()), date=e.get("date"), place=e.get("place"))
              for e in row.get("events", [])]
    return GoldSentence(str(row.get("id", n)), row["text"], published, events, tuple(row.get("tags") or ()))


def code_sentences(sentences: list[GoldSentence]) -> list[list[Any]]:
    """Run the whole pipeline on each gold sentence (as a one-sentence article)."""
    import parley

    out = []
    for s in sentences:
        out.append(parley.analyze(s.text, published=s.published, article_id=s.id).events)
    return out


def score(sentences: list[GoldSentence], predicted: list[list[Any]], name: str = "gold") -> Report:
    """Compare predicted events (``Event`` records, per sentence) with the gold events."""
    report = Report(gold=name, sentences=len(sentences))
    for s, events in zip(sentences, predicted):
        gold = [g for g in s.events if "negated" not in g.modality]
        pred = [_pred(e, s.generic_igo) for e in events]
        pred_kept = [p for p in pred if "negated" not in p.modality]
        _add(report.overall, gold, pred_kept)
        for event in {g.event for g in gold} | {p.event for p in pred_kept}:
            _add(report.type_counts(event), [g for g in gold if g.event == event],
                 [p for p in pred_kept if p.event == event])
        _checks(report, s.events, pred)
        if {g.event for g in gold} != {p.event for p in pred_kept} or _triples(gold) != _triples(pred_kept):
            report.errors.append({
                "id": s.id, "text": s.text,
                "gold": [_show(g) for g in gold], "predicted": [_show(p) for p in pred_kept],
            })
    return report


def evaluate(path: str | Path) -> Report:
    """Code the sentences of a gold file and score them."""
    sentences = load_gold(path)
    return score(sentences, code_sentences(sentences), name=str(path))


def _pred(event, generic_igo: bool = False) -> GoldEvent:
    def code(c: str) -> str:
        return "IGO" if generic_igo and c in IGO_CODES else c

    return GoldEvent(
        event=event.event[0],
        actor=frozenset(code(e.code) for e in event.actor if e.code),
        recipient=frozenset(code(e.code) for e in event.recipient if e.code),
        mode=tuple(event.mode),
        modality=tuple(event.modality),
        date=event.date,
        place=(event.event_loc or {}).get("country_code"),
    )


def _triples(events: list[GoldEvent]) -> set:
    return {(e.event, e.actor, e.recipient) for e in events}


def _add(counts: dict[str, Counts], gold: list[GoldEvent], pred: list[GoldEvent]) -> None:
    counts["event"].add({g.event for g in gold}, {p.event for p in pred})
    counts["actor"].add({c for g in gold for c in g.actor}, {c for p in pred for c in p.actor})
    counts["recipient"].add({c for g in gold for c in g.recipient}, {c for p in pred for c in p.recipient})
    counts["all"].add(_triples(gold), _triples(pred))


def _checks(report: Report, gold: list[GoldEvent], pred: list[GoldEvent]) -> None:
    for g in gold:
        same = [p for p in pred if p.event == g.event] or (
            [p for p in pred if "negated" in p.modality] if "negated" in g.modality else [])
        if not same:
            continue
        best = max(same, key=lambda p: len(p.actor & g.actor) + len(p.recipient & g.recipient))
        if g.date:
            report.checks["date"][1] += 1
            report.checks["date"][0] += int(best.date == g.date)
        if g.place is not None:
            report.checks["place"][1] += 1
            report.checks["place"][0] += int((best.place or "") == (g.place or ""))
        report.checks["modality"][1] += 1
        report.checks["modality"][0] += int(set(best.modality) == set(g.modality))


def _show(e: GoldEvent) -> str:
    modality = f" [{','.join(e.modality)}]" if e.modality else ""
    return f"{e.event} {','.join(sorted(e.actor)) or '-'} -> {','.join(sorted(e.recipient)) or '-'}{modality}"


def gate(report: Report, floors: dict[str, float]) -> list[str]:
    """The scores that fell below their floor, as messages (empty when all hold).

    ``floors`` maps ``"overall.event.f1"``-style keys to the lowest acceptable value.
    """
    failures = []
    data = report.to_dict()
    for key, floor in floors.items():
        node: Any = data
        for part in key.split("."):
            node = node.get(part) if isinstance(node, dict) else None
        value = node if isinstance(node, (int, float)) else 0.0
        if value + 1e-9 < floor:
            failures.append(f"{report.gold}: {key} = {value:.4f} fell below its floor {floor:.4f}")
    return failures


def per_type_table(reports: list[Report]) -> dict[str, dict[str, float]]:
    """Event-type F1 per type across several reports (for docs)."""
    table: dict[str, dict[str, float]] = defaultdict(dict)
    for r in reports:
        for event, counts in r.per_type.items():
            table[event][r.gold] = round(counts["event"].f1, 3)
    return dict(table)
