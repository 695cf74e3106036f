"""Turning an ``Analysis`` into table rows, and provenance for what was coded."""

from __future__ import annotations

import functools
import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from parley.records import Analysis, Entity
from parley.store.merge import numbers_key

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def content_hash(text: str) -> str:
    """The dedup key: SHA-256 of the text with whitespace runs collapsed.

    The same article saved from a feed, a WARC and a text file differs in line
    breaks and indentation, not in its words.
    """
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


@functools.lru_cache(maxsize=1)
def provenance() -> dict[str, Any]:
    """What coded the records: parley version, model version, knowledge-file versions.

    A knowledge file's version is the short hash of its folder's contents, so two
    stores coded with different actor or pattern dictionaries can be told apart
    even when nobody bumped a version number.
    """
    from parley import __version__

    return {
        "parley_version": __version__,
        "model_version": _model_version(),
        "dictionary_versions": _dictionary_versions(),
    }


def _model_version() -> str | None:
    from parley.nlp import model_path

    meta = model_path() / "meta.json"  # the model the pipeline uses ($PARLEY_MODEL)
    try:
        info = json.loads(meta.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return f"{info.get('lang', 'xx')}_{info.get('name', '?')}-{info.get('version', '?')}"


def _dictionary_versions() -> dict[str, str]:
    versions: dict[str, str] = {}
    if not DATA_DIR.is_dir():
        return versions
    for folder in sorted(p for p in DATA_DIR.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))):
        digest = hashlib.sha1()
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(folder).as_posix().encode())
                digest.update(path.read_bytes())
        versions[folder.name] = digest.hexdigest()[:12]
    return versions


def _join(values: list[str] | None) -> str | None:
    return ";".join(values) if values else None


def entity_name(entity: Entity | dict | None) -> str | None:
    if entity is None:
        return None
    if isinstance(entity, dict):
        return entity.get("identifier_text") or entity.get("entity_text")
    return entity.identifier_text or entity.entity_text


def article_row(analysis: Analysis, digest: str, data: dict[str, Any] | None = None) -> dict[str, Any]:
    """The articles row; ``data`` is ``analysis.to_dict()`` when the caller has it already."""
    a = analysis.article
    prov = provenance()
    data = data if data is not None else analysis.to_dict()
    return {
        "id": a.id,
        "content_hash": digest,
        "title": a.title,
        "text": a.text,
        "published": a.published.isoformat() if a.published else None,
        "source": a.source,
        "url": a.url,
        "origin": a.origin,
        "language": a.language,
        "parley_version": prov["parley_version"],
        "model_version": prov["model_version"],
        "dictionary_versions": prov["dictionary_versions"],
        "coded_at": now(),
        "annotations": {k: data.get(k, []) for k in ("sentences", "times", "places")},
    }


def event_row(event_dict: dict[str, Any], published: str | None) -> dict[str, Any]:
    loc = event_dict.get("event_loc") or {}
    info = event_dict.get("text_info") or {}
    kinds = event_dict.get("event") or []
    return {
        "id": event_dict["id"],
        "article_id": event_dict["article_id"],
        "sentence_index": event_dict.get("sentence_index"),
        "date": event_dict.get("date"),
        "published": published,
        "event_type": kinds[0] if kinds else None,
        "mode": _join(event_dict.get("mode")),
        "context": _join(event_dict.get("context")),
        "cameo": event_dict.get("cameo"),
        "modality": _join(event_dict.get("modality")),
        "evidentiality": event_dict.get("evidentiality"),
        "event_text": event_dict.get("event_text"),
        "start": info.get("start"),
        "end": info.get("end"),
        "place": loc.get("resolved_place") or loc.get("extracted_place"),
        "country_code": loc.get("country_code"),
        "source_id": event_dict.get("source_id"),
        "numbers": numbers_key(event_dict.get("event_text")),
        "data": event_dict,
    }


def entity_rows(event_dict: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for role in ("actor", "recipient", "speaker"):
        value = event_dict.get(role)
        entities = value if isinstance(value, list) else ([value] if value else [])
        for e in entities:
            rows.append({
                "role": role,
                "code": e.get("code"),
                "sector": e.get("sector"),
                "name": entity_name(e),
                "entity_text": e.get("entity_text"),
                "office": e.get("office"),
                "actor_id": e.get("actor_id"),
            })
    return rows


def mention_row(m: dict[str, Any], article_id: str) -> dict[str, Any]:
    e = m.get("entity") or {}
    return {
        "id": m["id"],
        "article_id": article_id,
        "text": m.get("text"),
        "start": m.get("start"),
        "end": m.get("end"),
        "code": e.get("code"),
        "sector": e.get("sector"),
        "name": entity_name(e),
        "office": e.get("office"),
        "kind": e.get("kind"),
        "actor_id": e.get("actor_id"),
        "data": m,
    }


def quote_row(q: dict[str, Any], article_id: str) -> dict[str, Any]:
    s = q.get("speaker") or {}
    return {
        "id": q["id"],
        "article_id": article_id,
        "kind": q.get("kind"),
        "speaker_code": s.get("code"),
        "speaker_sector": s.get("sector"),
        "speaker_name": entity_name(s) or q.get("speaker_text"),
        "anonymous": bool(q.get("anonymous")),
        "cue": q.get("cue"),
        "medium": q.get("medium"),
        "date": q.get("date"),
        "text": q.get("text"),
        "start": q.get("start"),
        "end": q.get("end"),
        "data": q,
    }


def claim_row(c: dict[str, Any], article_id: str) -> dict[str, Any]:
    s = c.get("speaker") or {}
    return {
        "id": c["id"],
        "article_id": article_id,
        "evidentiality": c.get("evidentiality"),
        "speaker_code": s.get("code"),
        "speaker_name": entity_name(s),
        "cue": c.get("cue"),
        "text": c.get("text"),
        "start": c.get("start"),
        "end": c.get("end"),
        "data": c,
    }


def flag_row(f: dict[str, Any], article_id: str) -> dict[str, Any]:
    return {
        "article_id": article_id,
        "kind": f.get("kind"),
        "start": f.get("start"),
        "end": f.get("end"),
        "mention": f.get("mention"),
        "message": f.get("message"),
        "expected": f.get("expected"),
        "data": f,
    }
