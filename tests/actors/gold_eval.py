"""Score the actor resolver on tests/gold/actors/mentions.tsv (also a script: prints the misses)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

GOLD = Path(__file__).resolve().parent.parent / "gold" / "actors" / "mentions.tsv"
METRICS = ("country", "sector", "identifier", "office")


@dataclass
class Case:
    line: int
    date: str
    text: str
    start: int
    end: int
    code: str
    sector: str
    identifier: str
    office: str


def read_gold(path: Path = GOLD) -> list[Case]:
    lines = [(i + 1, line) for i, line in enumerate(path.read_text(encoding="utf-8").splitlines())
             if line.strip() and not line.startswith("#")]
    rows = csv.reader([line for _, line in lines], delimiter="\t", quoting=csv.QUOTE_NONE)
    cases = []
    for (lineno, _), row in zip(lines, rows):
        if row[0] == "date":
            continue
        date, marked, code, sector, identifier, office = (row + [""] * 6)[:6]
        start = marked.index("[[")
        end = marked.index("]]") - 2
        text = marked.replace("[[", "").replace("]]", "")
        cases.append(Case(lineno, date, text, start, end, code, sector, identifier, office))
    return cases


def evaluate(cases: list[Case]) -> tuple[dict[str, float], list[str]]:
    from parley import actors

    from actors_helpers import make_analysis, parse_all

    hits = {m: 0 for m in METRICS}
    totals = {m: 0 for m in METRICS}
    misses: list[str] = []
    docs = parse_all([c.text for c in cases])
    for case, doc in zip(cases, docs):
        analysis = make_analysis(case.text, case.date, parse=doc is not None, doc=doc)
        actors.annotate(analysis)
        overlapping = [m for m in analysis.actors if m.start < case.end and m.end > case.start]
        best = max(overlapping, key=lambda m: (min(m.end, case.end) - max(m.start, case.start), m.end - m.start), default=None)
        entity = best.entity if best else None
        checks = {"country": (case.code, entity.code if entity else "NONE")}
        if case.code == "NONE":
            checks = {"country": ("NONE", "NONE" if entity is None else entity.code)}
        elif entity is not None:
            if case.sector != "-":
                checks["sector"] = (case.sector or None, entity.sector)
            if case.identifier != "-":
                checks["identifier"] = (case.identifier or None, entity.identifier_text)
            if case.office != "-":
                checks["office"] = (case.office or None, entity.office)
        else:
            for m, value in (("sector", case.sector), ("identifier", case.identifier), ("office", case.office)):
                if value != "-":
                    checks[m] = (value or None, "<no mention>")
        for metric, (want, got) in checks.items():
            totals[metric] += 1
            if want == got:
                hits[metric] += 1
            else:
                misses.append(f"line {case.line}: {metric}: want {want!r} got {got!r} in {case.text!r} ({case.date})"
                              + (f" [{best.how}: {best.text!r}]" if best else ""))
    scores = {m: hits[m] / totals[m] if totals[m] else 1.0 for m in METRICS}
    scores["cases"] = len(cases)
    for m in METRICS:
        scores[f"{m}_n"] = totals[m]
    return scores, misses


if __name__ == "__main__":
    import json
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    scores, misses = evaluate(read_gold())
    print("\n".join(misses))
    print(json.dumps(scores, indent=1))
