"""Score quotes, evidential status and framing flags on tests/gold/quotes/gold.jsonl.

Each gold line is a short text with what parley should find in it; a field is
scored only on the lines that give it:

- ``kind``: the kind of the first quote (``none``: no quote at all);
- ``speaker``: a word of the first quote's speaker (resolved name or the words in
  the text), case-insensitive;
- ``medium``: the first quote's medium, exactly (null: none);
- ``anonymous``: the first quote's anonymous mark;
- ``status``: the evidential status of the claim that holds ``focus`` (else of the
  first quote's claim);
- ``flag``: the category of the unattributed_claim flag (null: no such flag).

Run as a script to print the scores and every miss:
``python tests/quotes/quotes_gold_eval.py``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
GOLD = HERE.parent / "gold" / "quotes" / "gold.jsonl"
BASELINE = HERE.parent / "gold" / "quotes" / "baseline.json"
FIELDS = ("kind", "speaker", "medium", "anonymous", "status", "flag")


def read_gold(path: Path = GOLD) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def found(case: dict, analysis) -> dict:
    """What parley found for the fields the case asks about."""
    quotes = sorted(analysis.quotes, key=lambda q: q.start)
    first = quotes[0] if quotes else None
    out: dict = {"kind": first.kind if first else "none"}
    if first is not None and first.speaker is not None:
        out["speaker"] = f"{first.speaker.identifier_text or ''} {first.speaker.entity_text or ''}"
    else:
        out["speaker"] = None
    out["medium"] = first.medium if first else None
    out["anonymous"] = first.anonymous if first else None
    focus = case.get("focus")
    claim = None
    if focus:
        at = analysis.article.text.find(focus)
        holding = [c for c in analysis.claims if c.start <= at < c.end]
        claim = min(holding, key=lambda c: c.end - c.start) if holding else None
    elif first is not None:
        claim = next((c for c in analysis.claims if c.source_id == first.id), None)
    out["status"] = claim.evidentiality if claim else None
    framing = [f.category for f in analysis.flags if f.kind == "unattributed_claim"]
    out["flag"] = framing
    return out


def right(field: str, expected, got) -> bool:
    if field == "speaker":
        if expected is None:
            return got is None
        return got is not None and expected.lower() in got.lower()
    if field == "flag":
        return (not got) if expected is None else expected in got
    return expected == got


def evaluate(analyse) -> tuple[dict[str, float], list[str]]:
    """Accuracy per field and the list of misses; ``analyse(text, published)`` runs parley."""
    counts = {f: [0, 0] for f in FIELDS}
    misses = []
    for case in read_gold():
        analysis = analyse(case["text"], case.get("published"))
        got = found(case, analysis)
        for field in FIELDS:
            if field not in case:
                continue
            counts[field][1] += 1
            if right(field, case[field], got[field]):
                counts[field][0] += 1
            else:
                misses.append(f"{case['id']} {field}: expected {case[field]!r}, got {got[field]!r}"
                              f" | {case['text'][:90]!r}")
    scores = {f: round(ok / n, 4) for f, (ok, n) in counts.items() if n}
    scores["cases"] = len(read_gold())
    return scores, misses


def main() -> int:
    sys.path.insert(0, str(HERE))
    from quotes_helpers import analyse

    scores, misses = evaluate(analyse)
    for line in misses:
        print(line)
    print(json.dumps(scores, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
