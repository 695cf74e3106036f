"""Importers for actor dictionaries users bring: PETRARCH/CAMEO, Wikidata P39, parley YAML.

* PETRARCH / Phoenix ``.actors`` files (the TABARI-derived format PETRARCH reads):
  a primary phrase (``VLADIMIR_PUTIN_  [RUSGOV]``), synonyms on ``+`` lines and
  date restrictions on indented ``[CODE <date]``, ``[CODE >date]`` or
  ``[CODE date-date]`` lines (dates YYYYMMDD or YYMMDD).  A record with dated
  codes becomes a person with terms; one with a plain country code adds names
  to that state; any other becomes an organisation.
* Wikidata "position held" (P39) exports from the query service, as JSON
  (SPARQL results or a list of rows) or CSV, with columns such as ``personLabel``,
  ``positionLabel``, ``start``, ``end`` and ``country`` (an ISO code or a label).
* parley's people YAML: ``- {name, aliases, offices: [{code, office, sector, start, end}]}``.
"""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date

import yaml

from parley.actors.kb import PLOVER_NONSTATE, PLOVER_SECTORS, KnowledgeBase, Office, Organisation, Period, person_id_for
from parley.actors.loaders import Problem, parse_day
from parley.actors.text import phrase_key

# CAMEO agent codes that PLOVER renamed or folded (PLOVER manual, sector notes).
CAMEO_SECTORS = {"MED": "JRN", "HLH": "MED", "INS": "REB", "SEP": "REB", "RAD": "REB", "NGM": "SOC", "IGO": "GOV", "HRI": "SOC", "MOD": "GOV", "CRM": "CRM"}
_RESTRICTION = re.compile(r"^\[(?P<code>[A-Z0-9]+)\s*(?P<when>[<>]?\s*\d{6,8}(?:\s*-\s*\d{6,8})?)?\s*\]")


def _cameo_day(value: str, end: bool = False) -> date:
    value = value.strip()
    if len(value) == 6:
        yy = int(value[:2])
        value = ("20" if yy <= 40 else "19") + value
    year, month, day = int(value[:4]), int(value[4:6]), int(value[6:8])
    month = min(max(month, 1), 12)
    import calendar

    day = min(max(day, 1), calendar.monthrange(year, month)[1])
    return date(year, month, day)


def cameo_code(code: str) -> tuple[str, str | None]:
    """A CAMEO actor code ("RUSGOV", "IGOUNO", "NGO") as PLOVER (code, sector)."""
    country, rest = code[:3], code[3:]
    if country == "IGO":
        if "UNO" in rest:
            return "UNO", "GOV"
        if "EEC" in rest or "EUR" in rest:
            return "EUR", "GOV"
        return "IGO", "GOV"
    if country in PLOVER_NONSTATE:
        return country, None
    sector = rest[:3] or None
    if sector is not None:
        sector = CAMEO_SECTORS.get(sector, sector)
        if sector not in PLOVER_SECTORS:
            sector = None
    return country, sector


def _phrase(raw: str) -> str:
    """``VLADIMIR_PUTIN_`` → ``Vladimir Putin`` (PETRARCH phrases are upper case)."""
    words = raw.strip().strip("_").replace("_", " ").split()
    out = []
    for n, w in enumerate(words):
        if any(c.isdigit() for c in w):
            out.append(w)
        elif n > 0 and w.lower() in _SMALL_WORDS:
            out.append(w.lower())
        else:
            out.append(w.capitalize())
    return " ".join(out)


_SMALL_WORDS = frozenset("of the in and for on to at de du des la le al el bin ibn van von der".split())


def _strip_comment(line: str) -> str:
    line = re.sub(r"<!--.*?-->", "", line)
    for mark in ("#", ";"):
        if mark in line:
            line = line.split(mark, 1)[0]
    return line.rstrip()


def load_petrarch(kb: KnowledgeBase, text: str, path: str) -> list[Problem]:
    """Read a PETRARCH/Phoenix actor dictionary into ``kb``."""
    problems: list[Problem] = []
    records: list[dict] = []
    current: dict | None = None
    in_comment = False
    for lineno, raw in enumerate(text.splitlines(), 1):
        if in_comment:
            if "-->" in raw:
                in_comment = False
            continue
        if "<!--" in raw and "-->" not in raw:
            in_comment = True
            raw = raw.split("<!--", 1)[0]
        line = _strip_comment(raw)
        if not line.strip():
            continue
        if line[0] in " \t" and line.strip().startswith("["):
            if current is None:
                problems.append(Problem(path, lineno, "restriction", "a date restriction before any actor phrase"))
                continue
            m = _RESTRICTION.match(line.strip())
            if not m:
                problems.append(Problem(path, lineno, "restriction", f"{line.strip()!r}: expected [CODE], [CODE <date], [CODE >date] or [CODE date-date]"))
                continue
            try:
                current["terms"].append((m.group("code"), _when(m.group("when"))))
            except ValueError:
                problems.append(Problem(path, lineno, "restriction", f"{line.strip()!r}: dates must be YYMMDD or YYYYMMDD"))
            continue
        stripped = line.strip()
        if stripped.startswith("+"):
            if current is None:
                problems.append(Problem(path, lineno, "synonym", "a '+' synonym before any actor phrase"))
                continue
            current["names"].append(_phrase(stripped[1:].split("[", 1)[0]))
            continue
        m = re.match(r"^(?P<phrase>[^\[]+?)\s*(?:\[(?P<code>[A-Z0-9]+)\])?\s*$", stripped)
        if not m or not m.group("phrase").strip("_ "):
            problems.append(Problem(path, lineno, "phrase", f"{stripped!r} is not an actor phrase (PHRASE_ [CODE])"))
            current = None
            continue
        current = {"line": lineno, "names": [_phrase(m.group("phrase"))], "default": m.group("code"), "terms": []}
        records.append(current)
    for rec in records:
        _add_petrarch_record(kb, rec, path, problems)
    return problems


def _when(spec: str | None) -> tuple[date | None, date | None]:
    if not spec:
        return None, None
    spec = spec.replace(" ", "")
    if spec.startswith("<"):
        return None, _cameo_day(spec[1:])
    if spec.startswith(">"):
        return _cameo_day(spec[1:]), None
    if "-" in spec:
        a, b = spec.split("-", 1)
        return _cameo_day(a), _cameo_day(b)
    d = _cameo_day(spec)
    return d, d


def _add_petrarch_record(kb: KnowledgeBase, rec: dict, path: str, problems: list[Problem]) -> None:
    name, aliases = rec["names"][0], rec["names"][1:]
    source = f"{path}:{rec['line']}"
    default = rec["default"]
    dated = [(c, w) for c, w in rec["terms"] if w != (None, None)]
    if default and not dated and len(default) == 3 and default in kb.states:
        state = kb.states[default]
        for n in rec["names"]:
            if n not in state.aliases and n != state.name:
                state.aliases.append(n)
        kb.add_state(state)
        return
    if not dated:
        code = default or next((c for c, _ in rec["terms"]), None)
        if code is None:
            problems.append(Problem(path, rec["line"], "code", f"{name!r} has no code"))
            return
        plover, sector = cameo_code(code)
        if plover not in kb.states and plover not in PLOVER_NONSTATE:
            problems.append(Problem(path, rec["line"], "code", f"{code!r}: {plover!r} is not a known country code"))
            return
        # PETRARCH phrases carry no case: multi-word ones also match in lower case ("the regime in Kyiv")
        lowered = [n.lower() for n in rec["names"] if " " in n]
        kb.add_organisation(Organisation(
            id="petrarch:" + "_".join(phrase_key(name)), name=name, code=plover, sector=sector or "GOV",
            aliases=aliases + [n for n in lowered if n not in aliases],
        ))
        return
    pid = person_id_for(name)
    for code, (start, end) in dated:
        plover, sector = cameo_code(code)
        if plover not in kb.states and plover not in PLOVER_NONSTATE:
            problems.append(Problem(path, rec["line"], "code", f"{code!r}: {plover!r} is not a known country code"))
            continue
        if sector == "ELI":
            # PETRARCH marks the years out of office as ELI; parley derives that from the gaps
            kb.add_office(Office(pid, name, plover, "", "ELI", start, end, source=source, organisation=None), aliases)
            continue
        kb.add_office(Office(pid, name, plover, "", sector or "GOV", start, end, source=source), aliases)


# -- Wikidata ----------------------------------------------------------------------
_NAME_KEYS = ("personlabel", "itemlabel", "humanlabel", "name", "person_label", "label")
_ID_KEYS = ("person", "item", "human", "qid", "id")
_POSITION_KEYS = ("positionlabel", "position_label", "position", "office", "positionheldlabel")
_START_KEYS = ("start", "starttime", "start_time", "start_date", "from", "p580")
_END_KEYS = ("end", "endtime", "end_time", "end_date", "to", "p582")
_COUNTRY_KEYS = ("countrycode", "country_code", "iso3", "iso", "p298", "country", "countrylabel", "jurisdictionlabel")
_ALIAS_KEYS = ("aliases", "altlabel", "personaltlabel", "itemaltlabel")


def load_wikidata(kb: KnowledgeBase, text: str, path: str) -> list[Problem]:
    """Read a Wikidata P39 (position held) export, JSON or CSV, into ``kb``."""
    problems: list[Problem] = []
    rows: list[tuple[int | None, dict[str, str]]] = []
    stripped = text.lstrip()
    if stripped.startswith(("{", "[")):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            return [Problem(path, exc.lineno, None, f"not valid JSON: {exc.msg}")]
        if isinstance(data, dict):
            data = data.get("results", {}).get("bindings", [])
            rows = [(None, {k.lower(): (v.get("value") if isinstance(v, dict) else v) for k, v in b.items()}) for b in data]
        elif isinstance(data, list):
            rows = [(None, {k.lower(): v for k, v in r.items()}) for r in data if isinstance(r, dict)]
        for n, (_, r) in enumerate(rows, 1):
            rows[n - 1] = (None, r | {"__row__": str(n)})
    else:
        reader = csv.DictReader(io.StringIO(text))
        rows = [(i + 2, {(k or "").strip().lower(): (v or "").strip() for k, v in r.items()}) for i, r in enumerate(reader)]
    labels = {}
    for s in kb.states.values():
        for n in [s.name, *s.aliases]:
            labels[" ".join(phrase_key(n))] = s.code
    for lineno, row in rows:
        where = lineno if lineno is not None else None
        field_note = "" if lineno is not None else f" (result {row.get('__row__')})"
        name = _first(row, _NAME_KEYS)
        position = _first(row, _POSITION_KEYS)
        if not name or name.startswith("http"):
            problems.append(Problem(path, where, "personLabel", "missing: the person's name" + field_note))
            continue
        if not position:
            problems.append(Problem(path, where, "positionLabel", "missing: the position held" + field_note))
            continue
        position = position.rsplit("/", 1)[-1] if position.startswith("http") else position
        try:
            start = _wd_day(_first(row, _START_KEYS))
            end = _wd_day(_first(row, _END_KEYS))
        except ValueError as exc:
            problems.append(Problem(path, where, "start/end", f"{exc}" + field_note))
            continue
        code = _country(kb, labels, _first(row, _COUNTRY_KEYS), position)
        if code is None:
            problems.append(Problem(path, where, "country", f"no country for {name!r} ({position!r}): add a country or countryCode column" + field_note))
            continue
        office, sector = _office_of(kb, position, labels)
        qid = _first(row, _ID_KEYS)
        pid = "wd:" + qid.rsplit("/", 1)[-1] if qid else person_id_for(name)
        existing = kb.people.get(pid) or kb.find_person(name)
        if existing is not None:
            pid = existing.id  # one person, whether the packaged data or an earlier row named them
        aliases = [a.strip() for a in (_first(row, _ALIAS_KEYS) or "").replace("|", ",").split(",") if a.strip()]
        kb.add_office(Office(pid, name, code, office, sector, start, end, source=f"{path}:{lineno or row.get('__row__')}"), aliases)
    return problems


def _first(row: dict, keys: tuple[str, ...]) -> str | None:
    for k in keys:
        v = row.get(k)
        if v not in (None, ""):
            return str(v)
    return None


def _wd_day(value: str | None) -> date | None:
    if not value:
        return None
    value = value.strip().lstrip("+")
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        raise ValueError(f"{value!r} is not a date (YYYY-MM-DD or a Wikidata time)") from None


def _country(kb: KnowledgeBase, labels: dict, value: str | None, position: str) -> str | None:
    if value:
        value = value.rsplit("/", 1)[-1]
        if value.upper() in kb.states or value.upper() in PLOVER_NONSTATE:
            return value.upper()
        code = labels.get(" ".join(phrase_key(value)))
        if code:
            return code
    # "President of Russia", "Minister of Foreign Affairs of Ukraine"
    _, where = _split_country(labels, position)
    return where


def _office_of(kb: KnowledgeBase, position: str, labels: dict) -> tuple[str, str]:
    """The office title and sector of a Wikidata position label ("Minister of Defence of Ukraine")."""
    title, _ = _split_country(labels, position)
    key = phrase_key(title)
    best = None
    for length in range(len(key), 0, -1):
        for i in range(0, len(key) - length + 1):
            t = kb.titles.get(" ".join(key[i:i + length]))
            if t is not None and t.kind == "title":
                best = t
                break
        if best:
            break
    return title, best.sector if best else "GOV"


def _split_country(labels: dict, position: str) -> tuple[str, str | None]:
    """("Minister of Foreign Affairs", "MDA") from "Minister of Foreign Affairs of Moldova"."""
    head, sep, tail = position.rpartition(" of ")
    if sep:
        tail = tail[4:] if tail.lower().startswith("the ") else tail
        code = labels.get(" ".join(phrase_key(tail)))
        if code:
            return head.strip(), code
    return position, None


# -- parley people YAML ------------------------------------------------------------
def read_people_yaml(text: str, path: str, kb: KnowledgeBase | None = None):
    """People with offices in parley's YAML format → (Office, aliases) rows and problems."""
    from parley.actors.loaders import _LineLoader

    problems: list[Problem] = []
    try:
        data = yaml.load(text, Loader=_LineLoader) or []
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return [], [Problem(path, mark.line + 1 if mark else None, None, f"not valid YAML: {getattr(exc, 'problem', exc)}")]
    if not isinstance(data, list):
        return [], [Problem(path, 1, None, "expected a list of people")]
    out = []
    for person in data:
        line = person.get("__line__") if isinstance(person, dict) else None
        if not isinstance(person, dict) or not person.get("name"):
            problems.append(Problem(path, line, "name", "each person needs a name"))
            continue
        aliases = [str(a) for a in person.get("aliases") or []]
        offices = person.get("offices") or []
        if not offices:
            problems.append(Problem(path, line, "offices", f"{person['name']!r} has no offices"))
            continue
        for o in offices:
            oline = o.get("__line__", line) if isinstance(o, dict) else line
            if not isinstance(o, dict):
                problems.append(Problem(path, oline, "offices", "each office must be a mapping"))
                continue
            code = str(o.get("code") or "")
            organisation = None
            org_name = None
            if kb is not None and code in kb.organisations:
                organisation, code, org_name = code, kb.organisations[code].code, kb.organisations[code].name
            if not code or (kb is not None and code not in kb.states and code not in PLOVER_NONSTATE):
                problems.append(Problem(path, oline, "code", f"{code!r} is not a known country code, PLOVER code or organisation id"))
                continue
            sector = str(o.get("sector") or "GOV")
            if sector not in PLOVER_SECTORS:
                problems.append(Problem(path, oline, "sector", f"{sector!r} is not a PLOVER sector"))
                continue
            try:
                start = parse_day(o["start"]) if o.get("start") else None
                end = parse_day(o["end"]) if o.get("end") else None
            except ValueError:
                problems.append(Problem(path, oline, "start/end", "dates must be YYYY-MM-DD"))
                continue
            out.append((Office(person_id_for(str(person["name"])), str(person["name"]), code, str(o.get("office") or ""),
                               sector, start, end, organisation=organisation, source=f"{path}:{oline}",
                               organisation_name=org_name), aliases))
    return out, problems
