"""The event pattern dictionary: ``data/events/patterns.yaml`` read into a lemma index.

The coder asks one question per token -- which patterns does this word start? --
so the dictionary is an index from ``(part of speech, lemma)`` to the patterns
for that word, most specific first.  Loading checks every entry and raises
``DictionaryError`` naming the entry that is wrong.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import yaml

from parley.errors import DictionaryError

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
FRAMES = ("intent", "request", "reject", "threaten", "accuse", "attempt")
_POS_KEYS = {"verbs": "verb", "nouns": "noun", "adjectives": "adj"}
_KNOWN_KEYS = {"id", "event", "verbs", "nouns", "adjectives", "objects", "not_objects", "compounds", "subjects",
               "frame", "standalone", "mode", "context", "cameo", "light"}


@dataclass(frozen=True)
class Pattern:
    """One word (with its constraints) that states one kind of event."""

    id: str
    event: str
    pos: str  # verb, noun, adj
    lemma: str
    extra: tuple[str, ...] = ()  # particles / prepositions that must be attached ("rule out")
    objects: frozenset[str] = frozenset()
    not_objects: frozenset[str] = frozenset()
    compounds: frozenset[str] = frozenset()
    subjects: frozenset[str] = frozenset()
    frame: str | None = None
    standalone: bool = True
    mode: tuple[str, ...] = ()
    context: tuple[str, ...] = ()
    cameo: str | None = None
    light: frozenset[str] | None = None

    @property
    def specificity(self) -> int:
        return 2 * len(self.extra) + 3 * bool(self.objects) + 3 * bool(self.compounds) + 3 * bool(self.subjects)


@dataclass
class Dictionary:
    """The whole pattern dictionary, indexed for the coder."""

    index: dict[tuple[str, str], list[Pattern]]
    light_verbs: frozenset[str]
    speech_verbs: frozenset[str]
    deontic: frozenset[str]
    type_cameo: dict[str, str]
    complement_modes: dict[str, dict]
    cameo_composite: dict[str, str]
    mode_cues: dict[str, dict[str, str]]  # event type -> cue lemma -> mode
    context_cues: dict[str, str]  # cue lemma -> context
    patterns: list[Pattern] = field(default_factory=list)
    vocabulary: frozenset[str] = frozenset()  # every lemma the coder asks about
    irregular: dict[str, str] = field(default_factory=dict)  # "sought" -> "seek"
    # the coder's lookups by word form, remembered: news repeats its words ("talks", "said", "forces")
    lookups: dict[tuple[str, str, str], list[Pattern] | None] = field(default_factory=dict, repr=False,
                                                                      compare=False)

    def lookup(self, pos: str, lemma: str) -> list[Pattern]:
        return self.index.get((pos, lemma), [])


DEFAULT_PATH = "data/events/patterns.yaml"


@functools.lru_cache(maxsize=4)
def load_dictionary(path: str | None = None) -> Dictionary:
    """Read and index the pattern dictionary (the packaged one unless ``path`` is given)."""
    if path is None:
        source = resources.files("parley").joinpath(DEFAULT_PATH)
        name = f"parley/{DEFAULT_PATH}"
    else:
        source = Path(path)
        name = str(path)
    try:
        data = yaml.safe_load(source.read_text(encoding="utf-8"))
    except OSError as exc:
        raise DictionaryError(f"cannot read the event dictionary {name}: {exc}") from exc
    except yaml.YAMLError as exc:
        raise DictionaryError(f"the event dictionary {name} is not valid YAML: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("patterns"), list):
        raise DictionaryError(f"{name}: expected a mapping with a `patterns` list")
    patterns = [p for i, entry in enumerate(data["patterns"]) for p in _patterns(entry, i, name)]
    index: dict[tuple[str, str], list[Pattern]] = {}
    for p in patterns:
        index.setdefault((p.pos, p.lemma), []).append(p)
    for plist in index.values():
        plist.sort(key=lambda p: -p.specificity)  # stable: file order among equals
    mode_cues: dict[str, dict[str, str]] = {}
    for event, modes in (data.get("mode_cues") or {}).items():
        cues = mode_cues.setdefault(event, {})
        for mode, words in modes.items():
            for word in words:
                cues.setdefault(str(word).lower(), mode)
    context_cues = {str(w).lower(): ctx for ctx, words in (data.get("context_cues") or {}).items() for w in words}
    return Dictionary(
        index=index,
        light_verbs=frozenset(data.get("light_verbs") or ()),
        speech_verbs=frozenset(data.get("speech_verbs") or ()),
        deontic=frozenset(data.get("deontic") or ()),
        type_cameo={k: str(v) for k, v in (data.get("type_cameo") or {}).items()},
        complement_modes=data.get("complement_modes") or {},
        cameo_composite={k: str(v) for k, v in (data.get("cameo_composite") or {}).items()},
        mode_cues=mode_cues,
        context_cues=context_cues,
        patterns=patterns,
        irregular={str(k).lower(): str(v).lower() for k, v in (data.get("irregular") or {}).items()},
        vocabulary=frozenset({p.lemma for p in patterns} | set(data.get("speech_verbs") or ())
                             | set(data.get("light_verbs") or ())),
    )


def _patterns(entry: dict, position: int, name: str) -> list[Pattern]:
    where = f"{name}: pattern #{position + 1}"
    if not isinstance(entry, dict):
        raise DictionaryError(f"{where} is not a mapping")
    pid = entry.get("id") or where
    unknown = set(entry) - _KNOWN_KEYS
    if unknown:
        raise DictionaryError(f"{name}: pattern {pid!r} has unknown keys {sorted(unknown)}")
    event = entry.get("event")
    if event not in PLOVER_TYPES:
        raise DictionaryError(f"{name}: pattern {pid!r} has event {event!r}, not a PLOVER type")
    frame = entry.get("frame")
    if frame is not None and frame not in FRAMES:
        raise DictionaryError(f"{name}: pattern {pid!r} has frame {frame!r}; use one of {FRAMES}")
    words = [(pos, w) for key, pos in _POS_KEYS.items() for w in (entry.get(key) or [])]
    if not words:
        raise DictionaryError(f"{name}: pattern {pid!r} names no verbs, nouns or adjectives")

    def lemmas(key: str) -> frozenset[str]:
        return frozenset(str(v).lower() for v in (entry.get(key) or []))

    light = entry.get("light")
    out = []
    for pos, phrase in words:
        parts = str(phrase).lower().split()
        out.append(
            Pattern(
                id=str(pid),
                event=event,
                pos=pos,
                lemma=parts[0],
                extra=tuple(parts[1:]),
                objects=lemmas("objects"),
                not_objects=lemmas("not_objects"),
                compounds=lemmas("compounds"),
                subjects=lemmas("subjects"),
                frame=frame,
                standalone=bool(entry.get("standalone", True)),
                mode=tuple(entry.get("mode") or ()),
                context=tuple(entry.get("context") or ()),
                cameo=str(entry["cameo"]) if entry.get("cameo") is not None else None,
                light=frozenset(light) if light else None,
            )
        )
    return out
