"""Score the quote extractor on PolNeAR-style attribution annotations.

The file is JSONL, one article per line: ``{doc_id, date, text, quotes: [{speaker,
speaker_spans, cue, cue_spans, quote_text, quote_spans, type, type_fine}]}`` with
character spans into ``text``.  Only attributions whose content is in quotation
marks are scored (``type_fine`` ``direct`` or ``mixed``), against parley's
``direct`` and ``mixed`` quotes.

Matching (docs/quotes.md):

- parley's direct quotes that follow each other with the same speaker mention
  and cue (a quote split by its attribution, ``"A," she said. "B."``) form one
  predicted attribution, as in
  PolNeAR, whose content is the union of their spans;
- content is compared as sets of characters, leaving out whitespace and
  quotation marks; a gold and a predicted attribution are paired greedily by the
  largest character overlap, one to one, when they share at least one character;
- a pair's speaker is right when parley's speaker mention (the characters of the
  name or pronoun in the article) overlaps a gold speaker span — gold speakers
  are surface mentions too, pronouns included — or when parley resolved its
  mention (a pronoun) to a name whose words include the last capitalised word of
  the gold speaker phrase (gold "DuVernay", parley "she" = Ava DuVernay);
- speaker precision = right speakers / predicted attributions, recall = right
  speakers / gold attributions, F1 their harmonic mean;
- content overlap = mean over the pairs of the character F1 (Dice) of gold and
  predicted content; content recall = paired gold content characters / all gold
  content characters.

Run: ``python -m parley.quotes.score ../shared/data/quotes/polnear_dev.jsonl``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from parley.records import Quote

SKIP_CHARS = set(" \t\n\"“”„«»'‘’")
SCORED_TYPES = ("direct", "mixed")


def chars(text: str, spans: Iterable[tuple[int, int]]) -> set[int]:
    """The offsets in ``spans`` that are neither whitespace nor quotation marks."""
    return {i for s, e in spans for i in range(s, min(e, len(text))) if text[i] not in SKIP_CHARS}


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def same_person(quote: Quote, gold_speaker: str) -> bool:
    """Whether parley's resolved speaker names the gold speaker ("she" resolved to Ava
    DuVernay, gold "DuVernay"): the gold phrase's last capitalised word is one of the
    words of the resolved name."""
    entity = quote.speaker
    if entity is None or not entity.identifier_text:
        return False
    names = [w.strip(",.()") for w in gold_speaker.split() if w[:1].isupper()]
    if not names:
        return False
    resolved = {w.strip(",.()").lower() for w in entity.identifier_text.split()}
    return names[-1].lower() in resolved and entity.entity_text.lower() not in resolved


def predicted_attributions(quotes: list[Quote]) -> list[dict[str, Any]]:
    """parley's quoted quotes grouped into attributions (split quotes joined)."""
    groups: list[dict[str, Any]] = []
    for q in sorted((q for q in quotes if q.kind in SCORED_TYPES), key=lambda q: q.start):
        speaker = (q.speaker.start, q.speaker.end) if q.speaker and q.speaker.start is not None else None
        key = (speaker, q.cue_span)
        if groups and groups[-1]["key"] == key and speaker is not None and q.kind == "direct" == groups[-1]["kind"]:
            groups[-1]["spans"].append((q.start, q.end))
            continue
        groups.append({"key": key, "kind": q.kind, "speaker": speaker, "spans": [(q.start, q.end)], "quotes": [q]})
    return groups


def score_article(text: str, gold: list[dict[str, Any]], quotes: list[Quote]) -> dict[str, Any]:
    """Counts for one article: gold, predicted, paired, right speakers, content overlap."""
    gold = [g for g in gold if g.get("type_fine", g.get("type")) in SCORED_TYPES]
    predicted = predicted_attributions(quotes)
    gold_chars = [chars(text, g["quote_spans"]) for g in gold]
    pred_chars = [chars(text, p["spans"]) for p in predicted]
    candidates = []
    for gi, gc in enumerate(gold_chars):
        for pi, pc in enumerate(pred_chars):
            shared = len(gc & pc)
            if shared:
                candidates.append((shared, gi, pi))
    candidates.sort(reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for shared, gi, pi in candidates:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gi, pi, shared))
    right = 0
    dice_sum = 0.0
    paired_gold_chars = 0
    errors = []
    for gi, pi, shared in pairs:
        g, p = gold[gi], predicted[pi]
        dice_sum += 2 * shared / (len(gold_chars[gi]) + len(pred_chars[pi]))
        paired_gold_chars += shared
        gold_speakers = [tuple(s) for s in g.get("speaker_spans") or []]
        if p["speaker"] is None:
            ok = not gold_speakers
        else:
            ok = any(overlaps(p["speaker"], s) for s in gold_speakers) or same_person(
                p["quotes"][0], g.get("speaker") or "")
        right += ok
        if not ok:
            errors.append({"gold": g.get("speaker"), "predicted": text[p["speaker"][0]:p["speaker"][1]]
                           if p["speaker"] else None, "quote": g.get("quote_text", "")[:80]})
    return {
        "gold": len(gold),
        "predicted": len(predicted),
        "paired": len(pairs),
        "right_speakers": right,
        "dice_sum": dice_sum,
        "gold_chars": sum(len(c) for c in gold_chars),
        "paired_gold_chars": paired_gold_chars,
        "errors": errors,
        "missed": [gold[i].get("quote_text", "")[:80] for i in range(len(gold)) if i not in used_g],
        "spurious": [text[predicted[i]["spans"][0][0]:predicted[i]["spans"][0][1]][:80]
                     for i in range(len(predicted)) if i not in used_p],
    }


def summarise(counts: list[dict[str, Any]]) -> dict[str, float]:
    total = {k: sum(c[k] for c in counts) for k in
             ("gold", "predicted", "paired", "right_speakers", "dice_sum", "gold_chars", "paired_gold_chars")}
    precision = total["right_speakers"] / total["predicted"] if total["predicted"] else 0.0
    recall = total["right_speakers"] / total["gold"] if total["gold"] else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "articles": len(counts),
        "gold_attributions": total["gold"],
        "predicted_attributions": total["predicted"],
        "paired": total["paired"],
        "speaker_precision": round(precision, 4),
        "speaker_recall": round(recall, 4),
        "speaker_f1": round(f1, 4),
        "content_overlap": round(total["dice_sum"] / total["paired"], 4) if total["paired"] else 0.0,
        "content_recall": round(total["paired_gold_chars"] / total["gold_chars"], 4) if total["gold_chars"] else 0.0,
    }


def score_file(path: str | Path, limit: int | None = None) -> tuple[dict[str, float], list[dict[str, Any]]]:
    """Run parley over every article of a PolNeAR-style JSONL file and score its quotes."""
    import parley

    counts = []
    words = 0
    started = time.perf_counter()
    with open(path, encoding="utf-8") as handle:
        for n, line in enumerate(handle):
            if limit is not None and n >= limit:
                break
            record = json.loads(line)
            analysis = parley.analyze(record["text"], published=record.get("date"), article_id=record.get("doc_id"),
                                      title=record.get("title"))
            if analysis.article.text != record["text"]:
                # normalisation changed the offsets (rare: NFC, CR LF); such an article cannot be scored
                continue
            words += len(record["text"].split())
            result = score_article(record["text"], record["quotes"], analysis.quotes)
            result["doc_id"] = record.get("doc_id")
            counts.append(result)
    summary = summarise(counts)
    elapsed = time.perf_counter() - started
    summary["words_per_second"] = round(words / elapsed) if elapsed else 0
    return summary, counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", help="PolNeAR-style JSONL file")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N articles")
    parser.add_argument("--errors", action="store_true", help="also list wrong speakers, misses and spurious quotes")
    args = parser.parse_args(argv)
    summary, counts = score_file(args.path, args.limit)
    if args.errors:
        for c in counts:
            for kind in ("errors", "missed", "spurious"):
                for item in c[kind]:
                    sys.stdout.write(json.dumps({"doc": c["doc_id"], kind: item}, ensure_ascii=False) + "\n")
    sys.stdout.write(json.dumps(summary, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
