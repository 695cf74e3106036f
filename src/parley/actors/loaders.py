"""Readers for the actor data files, with line-by-line validation.

parley's own formats:

* ``states.csv``: ``code,name,aliases,adjectives,demonyms,capital,seats`` (lists
  ``|``-separated; a seat may carry a sector: ``Pentagon=MIL``);
* ``organisations.yaml``: a list of ``{id, name, aliases, adjectives, code, sector,
  kind, periods}``;
* ``offices.csv`` (also the format for user dictionaries of people):
  ``person,code,office,sector,start,end,aliases`` (``code`` a country code or an
  organisation id such as ``nato``);
* ``titles.csv``: ``phrase,office,sector,kind``.

Every reader collects :class:`Problem` records (line, field, message) instead of
stopping at the first one, so ``parley actors validate`` can list them all.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from parley.actors.kb import (
    PLOVER_NONSTATE,
    PLOVER_SECTORS,
    KnowledgeBase,
    Office,
    Organisation,
    Period,
    State,
    Title,
    person_id_for,
)

OFFICE_COLUMNS = ("person", "code", "office", "sector", "start", "end", "aliases")
STATE_COLUMNS = ("code", "name", "aliases", "adjectives", "demonyms", "capital", "seats")
TITLE_COLUMNS = ("phrase", "office", "sector", "kind")
TITLE_KINDS = ("title", "group", "honorific", "prefix")
ORG_KINDS = ("organisation", "group")


@dataclass
class Problem:
    """One thing wrong in a data file."""

    path: str
    line: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = self.path + (f":{self.line}" if self.line else "")
        return f"{where}: {self.field + ': ' if self.field else ''}{self.message}"


def split_list(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split("|") if v.strip()]


def read_csv_rows(text: str) -> list[tuple[int, dict[str, str]]]:
    """Rows of a CSV with ``#`` comment lines, each with its 1-based line number."""
    lines = text.splitlines()
    body = [(i + 1, line) for i, line in enumerate(lines) if line.strip() and not line.lstrip().startswith("#")]
    if not body:
        return []
    reader = csv.reader(io.StringIO("\n".join(line for _, line in body)))
    rows = list(reader)
    header = [h.strip().lower() for h in rows[0]]
    out = []
    for (lineno, _), row in zip(body[1:], rows[1:]):
        values = {h: (row[i].strip() if i < len(row) else "") for i, h in enumerate(header)}
        values["__extra__"] = ",".join(row[len(header):]) if len(row) > len(header) else ""
        out.append((lineno, values))
    return [(body[0][0], {"__header__": ",".join(header)})] + out


def parse_day(value: Any) -> date:
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value).strip())


def _check_header(path: str, rows, wanted: tuple[str, ...], required: tuple[str, ...], problems: list[Problem]) -> bool:
    if not rows:
        problems.append(Problem(path, None, None, "the file is empty"))
        return False
    lineno, head = rows[0]
    header = head["__header__"].split(",")
    missing = [c for c in required if c not in header]
    if missing:
        problems.append(Problem(path, lineno, None, f"header lacks column(s) {', '.join(missing)}; expected {','.join(wanted)}"))
        return False
    return True


def _code_ok(code: str, kb: KnowledgeBase | None) -> bool:
    if code in PLOVER_NONSTATE:
        return True
    if kb is not None and (code in kb.states or code in kb.organisations):
        return True
    return kb is None and len(code) == 3 and code.isalpha() and code.isupper()


# -- offices ---------------------------------------------------------------
def read_offices(text: str, path: str, kb: KnowledgeBase | None = None) -> tuple[list[tuple[Office, list[str]]], list[Problem]]:
    """Person/office rows of parley's CSV format, with the problems found."""
    problems: list[Problem] = []
    rows = read_csv_rows(text)
    if not _check_header(path, rows, OFFICE_COLUMNS, ("person", "code"), problems):
        return [], problems
    out = []
    for lineno, row in rows[1:]:
        bad = False
        if row["__extra__"]:
            problems.append(Problem(path, lineno, None, f"more fields than the header has (quote values that contain commas)"))
            bad = True
        person = row.get("person", "")
        if not person:
            problems.append(Problem(path, lineno, "person", "empty: every row needs the person's name"))
            bad = True
        code = row.get("code", "")
        organisation = None
        if not code:
            problems.append(Problem(path, lineno, "code", "empty: give an ISO-3166 alpha-3 code, a PLOVER code (IGO, UNO, EUR ...) or an organisation id"))
            bad = True
        elif kb is not None and code in kb.organisations:
            organisation = code
        elif not _code_ok(code, kb):
            problems.append(Problem(path, lineno, "code", f"{code!r} is not a known country code, PLOVER code or organisation id"))
            bad = True
        sector = row.get("sector", "") or "GOV"
        if sector not in PLOVER_SECTORS:
            problems.append(Problem(path, lineno, "sector", f"{sector!r} is not a PLOVER sector ({', '.join(PLOVER_SECTORS[:11])} ...)"))
            bad = True
        days: dict[str, date | None] = {}
        for name in ("start", "end"):
            value = row.get(name, "")
            if not value:
                days[name] = None
                continue
            try:
                days[name] = parse_day(value)
            except ValueError:
                problems.append(Problem(path, lineno, name, f"{value!r} is not a date: use YYYY-MM-DD"))
                bad = True
        if days.get("start") and days.get("end") and days["end"] < days["start"]:  # type: ignore[operator]
            problems.append(Problem(path, lineno, "end", f"{days['end']} is before start {days['start']}"))
            bad = True
        if bad:
            continue
        office_title = row.get("office", "")
        org_name = None
        if organisation is not None:
            org = kb.organisations[organisation]  # type: ignore[union-attr]
            code, org_name = org.code, org.name
        out.append((
            Office(
                person_id=person_id_for(person), person=person, code=code, office=office_title,
                sector=sector, start=days.get("start"), end=days.get("end"),
                organisation=organisation, source=f"{path}:{lineno}", organisation_name=org_name,
            ),
            split_list(row.get("aliases")),
        ))
    return out, problems


# -- states ------------------------------------------------------------------
def read_states(text: str, path: str) -> tuple[list[State], list[Problem]]:
    problems: list[Problem] = []
    rows = read_csv_rows(text)
    if not _check_header(path, rows, STATE_COLUMNS, ("code", "name"), problems):
        return [], problems
    out = []
    for lineno, row in rows[1:]:
        if row["__extra__"]:
            problems.append(Problem(path, lineno, None, "more fields than the header has"))
            continue
        code = row.get("code", "")
        if not (len(code) == 3 and code.isalpha() and code.isupper()):
            problems.append(Problem(path, lineno, "code", f"{code!r} is not a three-letter upper-case code"))
            continue
        if not row.get("name"):
            problems.append(Problem(path, lineno, "name", "empty"))
            continue
        seats = {}
        for seat in split_list(row.get("seats")):
            name, _, sector = seat.partition("=")
            sector = sector.strip() or "GOV"
            if sector not in PLOVER_SECTORS:
                problems.append(Problem(path, lineno, "seats", f"{sector!r} in {seat!r} is not a PLOVER sector"))
                continue
            seats[name.strip()] = sector
        out.append(State(
            code=code, name=row["name"], aliases=split_list(row.get("aliases")),
            adjectives=split_list(row.get("adjectives")), demonyms=split_list(row.get("demonyms")),
            capitals=split_list(row.get("capital")), seats=seats,
        ))
    return out, problems


# -- titles --------------------------------------------------------------------
def read_titles(text: str, path: str) -> tuple[list[Title], list[Problem]]:
    problems: list[Problem] = []
    rows = read_csv_rows(text)
    if not _check_header(path, rows, TITLE_COLUMNS, TITLE_COLUMNS, problems):
        return [], problems
    out = []
    for lineno, row in rows[1:]:
        kind = row.get("kind", "")
        if kind not in TITLE_KINDS:
            problems.append(Problem(path, lineno, "kind", f"{kind!r}: use one of {', '.join(TITLE_KINDS)}"))
            continue
        sector = row.get("sector", "")
        if kind in ("title", "group") and sector not in PLOVER_SECTORS:
            problems.append(Problem(path, lineno, "sector", f"{sector!r} is not a PLOVER sector"))
            continue
        if not row.get("phrase"):
            problems.append(Problem(path, lineno, "phrase", "empty"))
            continue
        out.append(Title(row["phrase"], row.get("office", ""), sector, kind))
    return out, problems


# -- organisations ----------------------------------------------------------------
def read_organisations(text: str, path: str, kb: KnowledgeBase | None = None) -> tuple[list[Organisation], list[Problem]]:
    problems: list[Problem] = []
    try:
        data = yaml.load(text, Loader=_LineLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problems.append(Problem(path, mark.line + 1 if mark else None, None, f"not valid YAML: {getattr(exc, 'problem', exc)}"))
        return [], problems
    if data is None:
        return [], problems
    if not isinstance(data, list):
        problems.append(Problem(path, 1, None, "expected a list of organisations"))
        return [], problems
    out = []
    for item in data:
        lineno = item.get("__line__") if isinstance(item, dict) else None
        if not isinstance(item, dict):
            problems.append(Problem(path, lineno, None, "each entry must be a mapping"))
            continue
        bad = False
        for name in ("id", "name", "code", "sector"):
            if not item.get(name):
                problems.append(Problem(path, lineno, name, "missing"))
                bad = True
        if bad:
            continue
        code = str(item["code"])
        if not (code in PLOVER_NONSTATE or (len(code) == 3 and code.isupper() and (kb is None or code in kb.states))):
            problems.append(Problem(path, lineno, "code", f"{code!r} is not a country code or PLOVER non-state code"))
            continue
        if item["sector"] not in PLOVER_SECTORS:
            problems.append(Problem(path, lineno, "sector", f"{item['sector']!r} is not a PLOVER sector"))
            continue
        kind = item.get("kind", "organisation")
        if kind not in ORG_KINDS:
            problems.append(Problem(path, lineno, "kind", f"{kind!r}: use organisation or group"))
            continue
        periods = []
        for p in item.get("periods") or []:
            try:
                periods.append(Period(
                    start=parse_day(p["start"]) if p.get("start") else None,
                    end=parse_day(p["end"]) if p.get("end") else None,
                    code=p.get("code"), sector=p.get("sector"),
                ))
            except (ValueError, TypeError, AttributeError):
                problems.append(Problem(path, lineno, "periods", f"{p!r}: each period needs start/end as YYYY-MM-DD"))
        out.append(Organisation(
            id=str(item["id"]), name=str(item["name"]), code=code, sector=item["sector"], kind=kind,
            aliases=[str(a) for a in item.get("aliases") or []],
            adjectives=[str(a) for a in item.get("adjectives") or []], periods=periods,
        ))
    return out, problems


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # the C parser when libyaml is there
    """A SafeLoader that records the line of every mapping, for error messages."""

    def construct_mapping(self, node, deep=False):
        mapping = super().construct_mapping(node, deep=deep)
        mapping["__line__"] = node.start_mark.line + 1
        return mapping


# -- whole knowledge base --------------------------------------------------------
def load_into(kb: KnowledgeBase, path: Path | str, kind: str | None = None) -> list[Problem]:
    """Read one data file into ``kb``; ``kind`` (states, organisations, offices, titles,
    petrarch, wikidata) defaults to what the file name says."""
    from parley.actors import importers

    path = Path(path)
    kind = kind or guess_kind(path)
    text = path.read_text(encoding="utf-8")
    from parley.actors.kb import DATA_DIR

    name = f"parley/data/actors/{path.name}" if path.resolve().parent == DATA_DIR else str(path)
    if kind == "states":
        states, problems = read_states(text, name)
        for s in states:
            kb.add_state(s)
    elif kind == "titles":
        titles, problems = read_titles(text, name)
        for t in titles:
            kb.add_title(t)
    elif kind == "organisations":
        orgs, problems = read_organisations(text, name, kb)
        for o in orgs:
            kb.add_organisation(o)
    elif kind == "offices":
        if path.suffix.lower() in (".yaml", ".yml"):
            rows, problems = importers.read_people_yaml(text, name, kb)
        else:
            rows, problems = read_offices(text, name, kb)
        for office, aliases in rows:
            kb.add_office(office, aliases)
    elif kind == "petrarch":
        problems = importers.load_petrarch(kb, text, name)
    elif kind == "wikidata":
        problems = importers.load_wikidata(kb, text, name)
    else:
        problems = [Problem(name, None, None, f"unknown dictionary kind {kind!r}")]
    return problems


def guess_kind(path: Path) -> str:
    """What a dictionary file holds, from its name and first lines."""
    import re

    name = path.name.lower()
    for kind in ("states", "titles", "organisations", "offices"):
        if name.startswith(kind):
            return kind
    if name.startswith("organizations"):
        return "organisations"
    head = path.read_text(encoding="utf-8", errors="replace")[:4000]
    if name.endswith(".json") or "wikidata" in name or "positionlabel" in head.lower():
        return "wikidata"
    if ".actors" in name or re.search(r"^\+?[A-Z][A-Z0-9_'.-]*_\s*(?:\[[A-Z]|;|#|$)", head, re.M):
        return "petrarch"
    return "offices"
