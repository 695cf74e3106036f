"""Compare a title written before a name with the offices the knowledge base records."""

from __future__ import annotations

import logging
import re
from datetime import date

from parley.records import Analysis, Flag, Mention

log = logging.getLogger("parley")

PAST_PREFIXES = ("then-", "then", "former", "ex-", "ex", "late", "outgoing", "acting", "interim")


_TABLES: dict[int, tuple[dict[str, str], set[str]]] = {}


def _tables(kb) -> tuple[dict[str, str], set[str]]:
    """Country names and adjectives -> code, and the office classes the knowledge base records
    (only those can be contradicted by it); built once per knowledge base."""
    key = id(kb)
    if key not in _TABLES:
        places: dict[str, str] = {}
        for state in kb.states.values():
            for name in [state.name, *state.aliases, *state.adjectives]:
                places.setdefault(name.lower(), state.code)
        tracked = {kb.office_class(o.office) for p in kb.people.values() for o in p.offices}
        _TABLES.clear()
        _TABLES[key] = (places, tracked)
    return _TABLES[key]


_CONFUSABLE: dict[str, set[str]] = {}


def _confusable() -> dict[str, set[str]]:
    """Office class -> the other classes of its group in data/checks/confusable.yaml."""
    if not _CONFUSABLE:
        from parley.quotes.lexicon import load_yaml

        for group in (load_yaml("checks", "confusable.yaml") or {}).get("groups", []):
            for cls in group:
                _CONFUSABLE.setdefault(cls, set()).update(c for c in group if c != cls)
    return _CONFUSABLE


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"\s+", text.strip()) if w]


class TitleChecker:
    """Checks the titled person mentions of one analysis against ``parley.actors.kb()``."""

    def __init__(self, analysis: Analysis) -> None:
        from parley.actors import kb

        self.analysis = analysis
        self.day: date = analysis.article.published  # type: ignore[assignment]
        self.kb = kb()
        self.places, self.tracked = _tables(self.kb)

    def flags(self) -> list[Flag]:
        out = []
        for mention in self.analysis.actors:
            if not mention.how or "title" not in mention.how or "coref" in mention.how:
                continue
            flag = self.check(mention)
            if flag is not None:
                out.append(flag)
        return out

    def person_of(self, mention: Mention):
        entity = mention.entity
        person = self.kb.people.get(entity.actor_id or "")
        if person is None and entity.identifier_text:
            person = self.kb.find_person(entity.identifier_text)
        return person

    def split(self, text: str, person) -> tuple[list[str], list[str]]:
        """The words before the person's name (the title) and after it ("of Russia")."""
        names = {w.lower().strip(",.") for n in [person.name, *person.aliases] for w in _words(n)}
        words = _words(text)
        for i, word in enumerate(words):
            if word.lower().strip(",.") in names:
                j = i
                while j < len(words) and words[j].lower().strip(",.") in names:
                    j += 1
                return words[:i], words[j:]
        return [], []

    def check(self, mention: Mention) -> Flag | None:
        person = self.person_of(mention)
        if person is None or not person.offices:
            return None
        before, after = self.split(mention.text, person)
        if not before:
            return None
        past = False
        first = before[0].lower()
        for prefix in PAST_PREFIXES:
            if first == prefix or (prefix.endswith("-") and first.startswith(prefix)):
                past = True
                before = before[1:] if first == prefix else [before[0][len(prefix):], *before[1:]]
                break
        code = None
        rest = list(before)
        # the country: an adjective or name before the title ("Polish President"), or "of Russia" after the name
        for size in (2, 1):
            if len(rest) >= size and " ".join(rest[:size]).lower() in self.places:
                code = self.places[" ".join(rest[:size]).lower()]
                rest = rest[size:]
                break
        if code is None and len(after) >= 2 and after[0].lower() == "of":
            code = self.places.get(" ".join(after[1:]).lower().strip(",."))
        title, cls = self.title_class(rest)
        if cls is None or cls not in self.tracked:
            return None
        offices = person.offices if past else person.offices_on(self.day, last_day=True)
        if any(self.kb.office_class(o.office) == cls and (code is None or o.code == code) for o in offices):
            return None
        if not self.contradicted(person, cls, code, offices, past):
            return None
        expected = self.describe(person)
        country = self.kb.states[code].name if code in self.kb.states else None
        said = f"{title} of {country}" if country else title
        when = "at any time" if past else f"on {self.day.isoformat()}"
        return Flag(
            kind="role_mismatch",
            start=mention.start,
            end=mention.end,
            mention=mention.text,
            message=f"the knowledge base contradicts {person.name} as {said} {when}",
            expected=expected,
            category="title",
        )

    def contradicted(self, person, cls: str, code: str | None, offices, past: bool) -> bool:
        """Whether the knowledge base positively contradicts the title, not merely lacks it.

        It does when it names someone else as that office's holder for the country on the
        day, or when the person held a different office of the same country that news copy
        confuses with the title (data/checks/confusable.yaml).  A title the knowledge base
        keeps no holders of for that country ("army chief" of a council chairman) is not a
        contradiction: absence of a record is not evidence of a wrong title."""
        states = [code] if code else list(dict.fromkeys(
            [o.code for o in offices if not o.organisation] + ([person.code] if person.code else [])))
        confusable = _confusable().get(cls, set())
        for state in states:
            if any(self.kb.office_class(o.office) in confusable and o.code == state and not o.organisation
                   for o in offices):
                return True
            if not past and any(o.person_id != person.id for o in self.kb.holders(state, cls, self.day)):
                return True
        return False

    def title_class(self, words: list[str]) -> tuple[str, str | None]:
        """The longest known title at the end of ``words`` ("Kremlin spokesperson" -> spokesperson)."""
        for i in range(len(words)):
            phrase = " ".join(words[i:])
            title = self.kb.titles.get(phrase.lower())
            if title is not None and title.kind == "title" and title.office:
                return phrase, title.office
        return " ".join(words), None

    def describe(self, person) -> str | None:
        """What the knowledge base says the person was on the day ("Prime Minister of Poland")."""
        labels = []
        for office in person.offices_on(self.day, last_day=True):
            if office.code in self.kb.states and not office.organisation:
                labels.append(f"{office.office} of {self.kb.states[office.code].name}")
            else:
                labels.append(office.label or office.office)
        if labels:
            return "; ".join(dict.fromkeys(labels))
        earlier = [o for o in person.offices if o.end is not None and o.end <= self.day]
        if earlier:
            last = max(earlier, key=lambda o: o.end)
            where = f" of {self.kb.states[last.code].name}" if last.code in self.kb.states else ""
            return f"former {last.office}{where} (until {last.end.isoformat()})"
        later = [o for o in person.offices if o.start is not None and o.start > self.day]
        if later:
            first = min(later, key=lambda o: o.start)
            where = f" of {self.kb.states[first.code].name}" if first.code in self.kb.states else ""
            return f"{first.office}{where} only from {first.start.isoformat()}"
        return None
