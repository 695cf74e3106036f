"""Readable lines for quotes and claims (``parley quotes`` / ``parley claims``)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from parley.records import EVIDENTIAL_STATUSES, Analysis, Claim, Entity, Quote


def speaker_name(entity: Entity | None, anonymous: bool = False) -> str:
    if entity is None:
        return "anonymous source" if anonymous else "unknown speaker"
    name = entity.identifier_text or entity.entity_text
    if entity.identifier_text and entity.entity_text and entity.entity_text != entity.identifier_text:
        name = f"{entity.identifier_text} (\"{entity.entity_text}\")"
    return f"{name}, anonymous" if anonymous else name


def _one_line(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def quote_lines(analysis: Analysis, width: int = 160) -> Iterator[str]:
    """One block per quote: kind, speaker, cue and medium, then the quoted text."""
    for q in analysis.quotes:
        how = [f"cue \"{q.cue}\""] if q.cue else []
        if q.medium:
            how.append(f"via {q.medium}")
        if q.date:
            how.append(q.date)
        yield f"{q.id}  {q.kind:8} [{q.start}:{q.end}]  {speaker_name(q.speaker, q.anonymous)}" + (
            f"  ({', '.join(how)})" if how else "")
        yield f"    {_one_line(q.text, width)}"


def select_claims(claims: Iterable[Claim], statuses: Iterable[str] | None) -> list[Claim]:
    """The claims whose evidential status is one of ``statuses`` (all when None or empty)."""
    wanted = set(statuses or ())
    unknown = wanted - set(EVIDENTIAL_STATUSES)
    if unknown:
        raise ValueError(f"unknown evidential status {sorted(unknown)}: use {', '.join(EVIDENTIAL_STATUSES)}")
    return [c for c in claims if not wanted or c.evidentiality in wanted]


def claim_lines(claims: Iterable[Claim], width: int = 160) -> Iterator[str]:
    for c in claims:
        who = f"  {speaker_name(c.speaker, c.evidentiality == 'anonymous')}" if c.speaker else ""
        yield f"{c.id}  {c.evidentiality:10} [{c.start}:{c.end}]{who}"
        yield f"    {_one_line(c.text, width)}"


def quotes_as_rows(quotes: Iterable[Quote], article_id: str) -> Iterator[dict]:
    """Quote records with the article id, for JSON Lines."""
    for q in quotes:
        row = q.to_dict()
        row["article_id"] = article_id
        yield row
