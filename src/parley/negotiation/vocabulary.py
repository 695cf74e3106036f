"""The negotiation vocabulary: issues and cues, read from ``parley/data/negotiation``."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from parley.errors import DictionaryError

DATA = Path(__file__).resolve().parent.parent / "data" / "negotiation"


def _compile(patterns: list[str], where: str) -> re.Pattern | None:
    """One case-insensitive alternation of ``patterns``, each anchored on word boundaries."""
    if not patterns:
        return None
    try:
        return re.compile("|".join(f"(?:\\b{p}\\b)" for p in patterns), re.IGNORECASE)
    except re.error as exc:
        raise DictionaryError(f"{where}: bad pattern ({exc})") from None


@dataclass(frozen=True)
class Issue:
    id: str
    label: str
    description: str
    terms: re.Pattern
    pro: re.Pattern | None
    con: re.Pattern | None


@dataclass(frozen=True)
class Vocabulary:
    version: str
    issues: tuple[Issue, ...]
    cues: dict[str, Any]  # compiled patterns, same shape as cues.yaml

    def issue(self, issue_id: str) -> Issue | None:
        return next((i for i in self.issues if i.id == issue_id), None)


def _load_yaml(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DictionaryError(f"cannot read {path}: {exc}") from None
    if not isinstance(data, dict):
        raise DictionaryError(f"{path}: expected a mapping at the top")
    return data


def _compile_tree(node: Any, where: str) -> Any:
    if isinstance(node, dict):
        return {k: _compile_tree(v, f"{where}.{k}") for k, v in node.items()}
    if isinstance(node, list) and all(isinstance(x, str) for x in node):
        if where.endswith(("stance_by_event.for", "stance_by_event.against", "reversing_events",
                           "no_stance_modalities", "agreed_types", "implemented_types")):
            return list(node)
        return _compile(node, where)
    return node


@functools.lru_cache(maxsize=4)
def load_vocabulary(folder: str | None = None) -> Vocabulary:
    """The issues (``issues.yaml``) and cues (``cues.yaml``); raises ``DictionaryError`` when malformed."""
    base = Path(folder) if folder else DATA
    issues_data = _load_yaml(base / "issues.yaml")
    cues_data = _load_yaml(base / "cues.yaml")
    issues = []
    for i, entry in enumerate(issues_data.get("issues") or []):
        where = f"{base / 'issues.yaml'}: issue {entry.get('id', i)!r}"
        if not entry.get("id") or not entry.get("terms"):
            raise DictionaryError(f"{where}: every issue needs an id and terms")
        issues.append(Issue(
            id=entry["id"],
            label=entry.get("label") or entry["id"],
            description=" ".join(str(entry.get("description", "")).split()),
            terms=_compile(entry["terms"], where),
            pro=_compile(entry.get("for") or [], where),
            con=_compile(entry.get("against") or [], where),
        ))
    version = f"{issues_data.get('version', '?')}.{cues_data.get('version', '?')}"
    return Vocabulary(version=version, issues=tuple(issues), cues=_compile_tree(cues_data, str(base / "cues.yaml")))
