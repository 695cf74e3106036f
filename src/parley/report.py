"""Readable renderings of analyses: the text report and flat table rows."""

from __future__ import annotations

from typing import Any

from parley.records import Analysis, Entity, Event

CSV_FIELDS = [
    "id", "article_id", "date", "event", "mode", "context", "actor_code", "actor_sector",
    "actor_text", "recipient_code", "recipient_sector", "recipient_text", "cameo", "modality",
    "evidentiality", "place", "country_code", "start", "end", "event_text", "url", "published",
]


def _entities(entities: list[Entity], attr: str) -> str:
    return ";".join(str(getattr(e, attr) or "") for e in entities)


def event_row(event: Event) -> dict[str, Any]:
    """One event as a flat row (lists joined with ';') for CSV and tables."""
    loc = event.event_loc or {}
    return {
        "id": event.id,
        "article_id": event.article_id,
        "date": event.date,
        "event": ";".join(event.event),
        "mode": ";".join(event.mode),
        "context": ";".join(event.context),
        "actor_code": _entities(event.actor, "code"),
        "actor_sector": _entities(event.actor, "sector"),
        "actor_text": _entities(event.actor, "entity_text"),
        "recipient_code": _entities(event.recipient, "code"),
        "recipient_sector": _entities(event.recipient, "sector"),
        "recipient_text": _entities(event.recipient, "entity_text"),
        "cameo": event.cameo,
        "modality": ";".join(event.modality),
        "evidentiality": event.evidentiality,
        "place": loc.get("resolved_place") or loc.get("extracted_place"),
        "country_code": loc.get("country_code"),
        "start": event.text_info["start"],
        "end": event.text_info["end"],
        "event_text": event.event_text,
        "url": event.cite_info.get("url"),
        "published": event.cite_info.get("published"),
    }


def _who(entities: list[Entity]) -> str:
    if not entities:
        return "-"
    return ", ".join(
        f"{e.identifier_text or e.entity_text} [{e.code or '?'}{'/' + e.sector if e.sector else ''}]"
        for e in entities
    )


def event_line(event: Event) -> str:
    mode = f"/{','.join(event.mode)}" if event.mode else ""
    parts = [f"{_who(event.actor)} -> {event.event[0]}{mode} -> {_who(event.recipient)}"]
    if event.date:
        parts.append(f"on {event.date}")
    if event.event_loc and event.event_loc.get("country_code"):
        place = event.event_loc.get("resolved_place") or event.event_loc.get("extracted_place")
        parts.append(f"in {place} ({event.event_loc['country_code']})")
    extras = [f"CAMEO {event.cameo}"] if event.cameo else []
    extras += event.modality
    extras.append(event.evidentiality)
    return "  ".join(parts) + f"   ({', '.join(extras)})"


def render_text(analysis: Analysis) -> str:
    """The report a person reads: events sentence by sentence, then quotes and flags."""
    a = analysis.article
    lines = [
        f"Article {a.id}" + (f" — {a.title}" if a.title else ""),
        f"published {a.published.isoformat() if a.published else 'unknown'}"
        + (f", {a.source}" if a.source else "") + (f", {a.url}" if a.url else ""),
        f"{len(analysis.sentences)} sentences, {len(analysis.events)} events, "
        f"{len(analysis.quotes)} quotes, {len(analysis.flags)} flags",
        "",
    ]
    by_sentence: dict[int, list[Event]] = {}
    for event in analysis.events:
        by_sentence.setdefault(event.sentence_index if event.sentence_index is not None else -1, []).append(event)
    if analysis.events:
        lines.append("EVENTS")
    for index in sorted(by_sentence):
        first = by_sentence[index][0]
        lines.append(f"[{index}] {_shorten(first.event_text)}")
        for event in by_sentence[index]:
            lines.append(f"    {event_line(event)}")
    if analysis.quotes:
        lines += ["", "QUOTES"]
        for q in analysis.quotes:
            who = q.speaker.identifier_text or q.speaker.entity_text if q.speaker else (
                "anonymous source" if q.anonymous else "unknown speaker")
            medium = f" via {q.medium}" if q.medium else ""
            lines.append(f"  {q.kind:8} {who}{medium}: {_shorten(q.text, 110)}")
    if analysis.flags:
        lines += ["", "FLAGS"]
        for f in analysis.flags:
            expected = f" (expected: {f.expected})" if f.expected else ""
            lines.append(f"  {f.kind}: \"{f.mention}\" [{f.start}:{f.end}] {f.message}{expected}")
    return "\n".join(lines)


def _shorten(text: str, width: int = 140) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
