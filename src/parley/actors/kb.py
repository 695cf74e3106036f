"""The actor knowledge base: states, organisations, people and their dated offices.

Loaded from the data files in ``parley/data/actors/`` (plus any user dictionaries)
into one :class:`KnowledgeBase`, which answers the dated questions the other
stages ask (``offices_of``, ``holders``) and owns the phrase index the mention
finder scans with.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Iterable

from parley.actors.text import phrase_key, tokenize

log = logging.getLogger("parley")

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "actors"

LEADER_ORDER = ("Supreme Leader", "President", "Monarch", "Prime Minister")
PLOVER_NONSTATE = ("IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC")
PLOVER_SECTORS = (
    "COP", "GOV", "JUD", "LEG", "MIL", "PRM", "PTY", "REB", "SPY", "UAF", "UNK",
    "AGR", "BUS", "CRM", "CVL", "EDU", "ELI", "JRN", "LAB", "MED", "REF", "OPP",
    "PRE", "REL", "SOC",
)


@dataclass
class State:
    code: str
    name: str
    aliases: list[str] = field(default_factory=list)
    adjectives: list[str] = field(default_factory=list)
    demonyms: list[str] = field(default_factory=list)
    capitals: list[str] = field(default_factory=list)
    seats: dict[str, str] = field(default_factory=dict)  # metonym -> sector


@dataclass
class Period:
    """A dated change of an organisation's code or sector."""

    start: date | None
    end: date | None
    code: str | None = None
    sector: str | None = None


@dataclass
class Organisation:
    id: str
    name: str
    code: str
    sector: str
    kind: str = "organisation"
    aliases: list[str] = field(default_factory=list)
    adjectives: list[str] = field(default_factory=list)
    periods: list[Period] = field(default_factory=list)

    def on(self, day: date | None) -> tuple[str, str]:
        """(code, sector) on ``day``: the last period that has started by then."""
        code, sector = self.code, self.sector
        for p in self.periods:
            if day is not None and (p.start is None or p.start <= day) and (p.end is None or day < p.end):
                code, sector = p.code or code, p.sector or sector
        return code, sector


@dataclass(frozen=True)
class Office:
    """One term of one office: ``start <= day < end`` (``end`` None while in office)."""

    person_id: str
    person: str
    code: str
    office: str
    sector: str
    start: date | None
    end: date | None
    organisation: str | None = None  # organisation id for offices of an IGO/group
    source: str | None = None  # file:line it was read from
    organisation_name: str | None = None

    def holds_on(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)

    @property
    def label(self) -> str | None:
        """The office as written in a record: "NATO Secretary-General", "President"."""
        if not self.office:
            return None
        name = self.organisation_name
        if not name:
            return self.office
        # "NATO Secretary-General", "Hezbollah Leader"; "President of the European Commission"
        return f"{name} {self.office}" if " " not in name else f"{self.office} of the {name}"


@dataclass
class Person:
    id: str
    name: str
    aliases: list[str] = field(default_factory=list)
    offices: list[Office] = field(default_factory=list)
    code: str | None = None  # home country when no office says otherwise

    def offices_on(self, day: date, *, last_day: bool = False) -> list[Office]:
        """Offices held on ``day``; ``last_day`` counts the day a term ends (news still uses the title then)."""
        return [o for o in self.offices if o.holds_on(day) or (last_day and o.end == day)]


@dataclass
class Title:
    phrase: str
    office: str
    sector: str
    kind: str  # title, group, honorific, prefix


@dataclass(frozen=True)
class Entry:
    """One thing a phrase can mean: ``kind`` says what, ``target`` which one."""

    kind: str  # state, adjective, demonym, capital, seat, org, org_adjective, person, surname, title, group, honorific, prefix
    target: str  # state code, organisation id, person id, title phrase
    shape: tuple[str, ...]  # case pattern of the phrase tokens ("A" acronym, "U" capitalised, "l" any)
    sector: str | None = None


def person_id_for(name: str) -> str:
    return "p:" + "_".join(phrase_key(name))


class KnowledgeBase:
    """States, organisations, people with dated offices, role words, and the phrase index."""

    def __init__(self) -> None:
        self.states: dict[str, State] = {}
        self.organisations: dict[str, Organisation] = {}
        self.people: dict[str, Person] = {}
        self.titles: dict[str, Title] = {}
        self.office_classes: dict[str, str] = {}  # lower-cased office title -> class
        self.common_words: set[str] = set()
        self.leader_offices: dict[str, str] = {}  # country -> office class "the leader" means
        self._index: dict[tuple[str, ...], list[Entry]] | None = None
        self._class_cache: dict[str, str] = {}
        self._by_office: dict[tuple[str, str | None], list[Office]] | None = None
        self._max_len: dict[str, int] = {}

    # -- building ---------------------------------------------------------
    def add_state(self, state: State) -> None:
        self.states[state.code] = state
        self._index = None

    def add_organisation(self, org: Organisation) -> None:
        self.organisations[org.id] = org
        self._index = None

    def add_title(self, title: Title) -> None:
        self.titles[title.phrase.lower()] = title
        if title.office and title.kind == "title":
            self.office_classes.setdefault(" ".join(phrase_key(title.phrase)), title.office)
        self._index = None
        self._class_cache.clear()
        self._by_office = None

    def add_office(self, office: Office, aliases: Iterable[str] = ()) -> Person:
        person = self.people.get(office.person_id)
        if person is None:
            person = Person(id=office.person_id, name=office.person, code=office.code if len(office.code) == 3 and office.code.isupper() and office.code not in PLOVER_NONSTATE else None)
            self.people[office.person_id] = person
        for alias in aliases:
            if alias and alias not in person.aliases and alias != person.name:
                person.aliases.append(alias)
        if office not in person.offices:
            person.offices.append(office)
            person.offices.sort(key=lambda o: (o.start or date.min))
        if person.code is None and office.code not in PLOVER_NONSTATE:
            person.code = office.code
        self._index = None
        self._by_office = None
        return person

    # -- dated questions ----------------------------------------------------
    def office_class(self, title: str | None) -> str | None:
        """The office class of a title as written ("Secretary of State" -> "Foreign Minister")."""
        if not title:
            return None
        known = self._class_cache.get(title)
        if known is None:
            known = self.office_classes.get(" ".join(phrase_key(title)), title)
            self._class_cache[title] = known
        return known

    def offices_of(self, person: str, on: date | None = None) -> list[Office]:
        """Offices a person (name, alias or id) held on ``on`` (all terms when ``on`` is None)."""
        p = self.find_person(person)
        if p is None:
            return []
        return list(p.offices) if on is None else p.offices_on(on)

    def holders(self, code: str, office: str, on: date) -> list[Office]:
        """Who held ``office`` (any title of its class) for ``code`` (a country code or organisation id) on ``on``."""
        if self._by_office is None:
            by_office: dict[tuple[str, str | None], list[Office]] = defaultdict(list)
            for p in self.people.values():
                for o in p.offices:
                    by_office[(o.organisation or o.code, self.office_class(o.office))].append(o)
            self._by_office = dict(by_office)
        return [o for o in self._by_office.get((code, self.office_class(office)), ()) if o.holds_on(on)]

    def leader_of(self, code: str, on: date) -> list[Office]:
        """Who "the <country> leader" was on ``on``: the office ``leaders.csv`` names, else the usual order."""
        order = [self.leader_offices[code]] if code in self.leader_offices else list(LEADER_ORDER)
        if code in self.organisations:
            # an armed group's top office is often its commander ("the RSF leader" is Hemedti)
            order = ["Leader", "Secretary-General", "President", "Chairman", "Rebel Leader", "Commander", *order]
        for office in order:
            found = self.holders(code, office, on)
            if found:
                return found
        return []

    def find_person(self, name: str) -> Person | None:
        if name in self.people:
            return self.people[name]
        pid = person_id_for(name)
        if pid in self.people:
            return self.people[pid]
        key = phrase_key(name)
        for entry in self.index().get(key, ()):
            if entry.kind == "person":
                return self.people[entry.target]
        return None

    # -- phrase index -------------------------------------------------------
    def index(self) -> dict[tuple[str, ...], list[Entry]]:
        if self._index is None:
            self._build_index()
        assert self._index is not None
        return self._index

    def max_len(self, first: str) -> int:
        self.index()
        return self._max_len.get(first, 0)

    def _add(self, index: dict, phrase: str, kind: str, target: str, sector: str | None = None) -> None:
        toks = tokenize(phrase)
        if not toks:
            return
        key = tuple(t.norm for t in toks)
        shape = tuple(_shape(t.text) for t in toks)
        entry = Entry(kind, target, shape, sector)
        bucket = index[key]
        if entry not in bucket:
            bucket.append(entry)

    def _build_index(self) -> None:
        index: dict[tuple[str, ...], list[Entry]] = defaultdict(list)
        for s in self.states.values():
            for name in [s.name, *s.aliases]:
                self._add(index, name, "state", s.code)
                if not name.lower().startswith("the "):
                    self._add(index, "the " + name, "state", s.code)
            for adj in s.adjectives:
                self._add(index, adj, "adjective", s.code)
            for dem in s.demonyms:
                self._add(index, dem, "demonym", s.code)
            for cap in s.capitals:
                self._add(index, cap, "capital", s.code)
            for seat, sector in s.seats.items():
                self._add(index, seat, "seat", s.code, sector)
                if not seat.lower().startswith("the "):
                    self._add(index, "the " + seat, "seat", s.code, sector)
        for o in self.organisations.values():
            for name in [o.name, *o.aliases]:
                self._add(index, name, "org", o.id)
                if not name.lower().startswith("the "):
                    self._add(index, "the " + name, "org", o.id)
            for adj in o.adjectives:
                self._add(index, adj, "org_adjective", o.id)
        surnames: dict[str, set[str]] = defaultdict(set)
        for p in self.people.values():
            names = [p.name, *p.aliases]
            for name in names:
                self._add(index, name, "person", p.id)
            single = [a for a in p.aliases if len(tokenize(a)) == 1]
            if not single:
                surname = surname_of(p.name, p.code)
                if surname:
                    surnames[surname].add(p.id)
        for surname, pids in surnames.items():
            for pid in pids:
                self._add(index, surname, "surname", pid)
        for t in self.titles.values():
            self._add(index, t.phrase, t.kind, t.phrase.lower(), t.sector or None)
        self._index = dict(index)
        self._max_len = {}
        for key in self._index:
            if len(key) > self._max_len.get(key[0], 0):
                self._max_len[key[0]] = len(key)


FAMILY_NAME_FIRST = frozenset(("CHN", "PRK", "KOR", "TWN", "HKG"))
_ROMAN = frozenset("I II III IV V VI VII VIII IX X XI XII XIII XIV XV XVI Jr. Sr. Jr Sr".split())
_NO_SURNAME_PARTICLES = frozenset(("bin", "bint", "ibn"))


def surname_of(name: str, code: str | None) -> str | None:
    """The word a news text uses alone for a person: "Starmer", "al-Sisi", "Xi" (family name first).

    None when the name has no such word (regnal names, "bin" patronymics).
    """
    words = name.split()
    if len(words) < 2 or any(w.lower() in _NO_SURNAME_PARTICLES for w in words):
        return None
    while words and words[-1] in _ROMAN:
        words = words[:-1]
    if len(words) < 2 or len(words) != len(name.split()):
        return None
    if code in FAMILY_NAME_FIRST:
        return words[0]
    return words[-1]


def _shape(token: str) -> str:
    """How a phrase token constrains the case of the text: acronym, capitalised or free."""
    letters = [c for c in token if c.isalpha()]
    if not letters:
        return "l"
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return "A" if len(letters) <= 3 else "U"
    if letters[0].isupper():
        return "U"
    return "l"


def shape_ok(shape: tuple[str, ...], words: list[str]) -> bool:
    """Does the text's case fit the phrase's (no "us" for US, no "turkey" for Turkey)?"""
    for s, w in zip(shape, words):
        if s == "l":
            continue
        letters = [c for c in w if c.isalpha()]
        if not letters:
            continue
        if s == "A":
            if not all(c.isupper() for c in letters):
                return False
        elif not letters[0].isupper():
            return False
    return True
