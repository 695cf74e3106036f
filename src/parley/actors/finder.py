"""Find actor mentions in a token sequence and resolve each to an entity on a date.

The finder scans the tokens once, looking up the knowledge base's phrase index
(a dict of normalised token tuples), and composes the hits with a small grammar:

    [then-|former] [country or organisation modifier ('s)] [title | role noun]
    [honorific] [name] [of COUNTRY]

so "Russian President Vladimir Putin", "Kremlin spokesperson Dmitry Peskov",
"Ukraine's armed forces", "NATO leaders", "Gen. Keith Kellogg" and a plain
"Kyiv" or "the Russians" each become one mention.  People are resolved to the
office they held on the date; a title with an unknown name still gives country,
sector and office ("Ukrainian Defence Minister Rustem Umerov").
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from parley.actors.kb import Entry, KnowledgeBase, Office, Person, shape_ok
from parley.actors.text import Token, tokenize
from parley.records import Entity

# A state or capital after these is a place ("talks in Kyiv"), left to the places stage.
LOCATIVE = frozenset("in at near inside outside across throughout into around within over".split())
REGION_WORDS = frozenset(
    "north south east west northern southern eastern western central northeastern northwestern southeastern "
    "southwestern occupied mainland rural coastal".split())
PREFIXES_THEN = frozenset(("then",))
PREFIXES_FORMER = frozenset(("former", "ex", "late"))
NAME_PARTICLES = frozenset("bin bint ibn al el de da di del der van von la le abu ben du dos das".split())
DETERMINERS = frozenset(("the",))
POSSESSIVE = frozenset(("'s", "'"))
# Capitalised words that start sentences or headlines and are never names.
NOT_NAMES = frozenset(
    "the a an this that these those he she it they we i you his her their its our my on in at of for to by "
    "with from and or but if as when while after before since said says told monday tuesday wednesday "
    "thursday friday saturday sunday january february march april may june july august september october "
    "november december".split()
    # time words and numbers that open sentences ("Hours later, India ...", "Thousands of Israelis ...")
    + "hours days weeks months years minutes moments decades later earlier today yesterday tomorrow tonight "
    "thousands hundreds dozens millions scores tens several some many most few".split()
)


@dataclass
class Hit:
    """A phrase-index match over tokens ``i <= k < j``."""

    i: int
    j: int
    entries: list[Entry]

    def of(self, *kinds: str) -> list[Entry]:
        return [e for e in self.entries if e.kind in kinds]


@dataclass
class Found:
    """One resolved mention, in token and character terms."""

    i: int
    j: int
    start: int
    end: int
    entity: Entity
    how: str
    title: str | None = None
    title_code: str | None = None
    person_id: str | None = None
    office_class: str | None = None
    first_name: str | None = None
    surname: str | None = None
    plural: bool = False


@dataclass
class Context:
    """What the document has said so far: people named, for surnames and first names."""

    day: date | None
    nouns: set[int] | None = None  # char offsets of tokens the parser tagged as nouns, when parsed
    people: dict[str, Found] = field(default_factory=dict)  # person id -> last full mention
    names: dict[str, Found] = field(default_factory=dict)  # surname/first name (norm) -> mention


class Finder:
    def __init__(self, kb: KnowledgeBase):
        self.kb = kb
        self.index = kb.index()
        self._squashed: dict[str, set[str]] | None = None  # built on first use

    # -- scanning -----------------------------------------------------------
    def hits(self, tokens: list[Token]) -> list[Hit | None]:
        """The longest phrase-index match starting at each token (None where none)."""
        out: list[Hit | None] = [None] * len(tokens)
        index = self.index
        max_len = self.kb._max_len
        norms = [t.norm for t in tokens]
        n = len(tokens)
        for i, word in enumerate(norms):
            longest = max_len.get(word)
            if not longest:
                continue
            for length in range(min(longest, n - i), 0, -1):
                key = tuple(norms[i:i + length])
                entries = index.get(key)
                if not entries:
                    continue
                words = [t.text for t in tokens[i:i + length]]
                fitting = [e for e in entries if shape_ok(e.shape, words)]
                if fitting:
                    out[i] = Hit(i, i + length, fitting)
                    break
        return out

    # -- composing ------------------------------------------------------------
    def find(self, tokens: list[Token], day: date | None, context: Context | None = None) -> list[Found]:
        """Every explicit mention (not pronouns) in ``tokens``, left to right."""
        hits = self.hits(tokens)
        ctx = context or Context(day)
        found: list[Found] = []
        i = 0
        n = len(tokens)
        names = ctx.names
        while i < n:
            word = tokens[i].norm
            if hits[i] is None and word not in DETERMINERS and not (names and (word in names or "first:" + word in names)):
                i += 1  # nothing in the index starts here and no earlier name matches: not a mention
                continue
            f = self._parse(tokens, hits, i, ctx)
            if f is None:
                i += 1
                continue
            found.append(f)
            if f.person_id and f.how not in ("surname", "first-name"):
                ctx.people[f.person_id] = f
            if f.entity.kind == "person" and f.how != "first-name":
                if f.surname:
                    ctx.names[f.surname] = f
                if f.first_name and f.first_name != f.surname:
                    ctx.names.setdefault("first:" + f.first_name, f)
            i = f.j
        _coordinated_roles(tokens, found)
        _quantities(tokens, found, ctx.nouns, self.kb)
        _hyphen_compounds(tokens, found)
        return _possessive_states(tokens, found)

    def _parse(self, tokens: list[Token], hits: list[Hit | None], i: int, ctx: Context) -> Found | None:
        n = len(tokens)
        k = i
        prefix = None
        # then-/former
        hit = hits[k] if k < n else None
        if hit and hit.of("prefix"):
            word = tokens[k].norm
            nxt = k + (hit.j - hit.i)
            if nxt < n and tokens[nxt].text in ("-", "–"):
                nxt += 1
            if nxt < n:
                prefix = "then" if word in PREFIXES_THEN else "former" if word in PREFIXES_FORMER else None
                k = nxt
            else:
                return None
        has_the = False
        if k < n and tokens[k].norm in DETERMINERS and not (hits[k] and hits[k].of("state", "org", "seat", "capital")):
            has_the = True
            k += 1
        # modifier: a country, adjective, organisation or seat of government
        modifier: Hit | None = None
        mod_entry: Entry | None = None
        possessive = False
        hit = hits[k] if k < n else None
        if hit is not None:
            mods = hit.of("adjective", "state", "org_adjective", "org", "seat", "capital", "demonym")
            after = hit.j
            if after < n and tokens[after].norm in POSSESSIVE:
                possessive = True
                after += 1
            nxt = hits[after] if after < n else None
            if nxt is not None and nxt.of("prefix") and nxt.j < n and hits[nxt.j] is not None and hits[nxt.j].of("title", "group"):
                nxt = hits[nxt.j]
            if mods and nxt is not None and nxt.of("title", "group", "honorific", "person"):
                modifier = hit
                mod_entry = _pick_modifier(mods)
                k = after
        # "Bangladesh's interim leader", "Russia's former president"
        hit = hits[k] if k < n else None
        if hit is not None and hit.of("prefix") and hit.j < n and hits[hit.j] is not None and hits[hit.j].of("title", "group"):
            word = tokens[k].norm
            prefix = prefix or ("then" if word in PREFIXES_THEN else "former" if word in PREFIXES_FORMER else None)
            k = hit.j
        # titles and role nouns
        title_hit: Hit | None = None
        hit = hits[k] if k < n else None
        if hit is not None and hit.of("title", "group"):
            title_hit = hit
            k = hit.j
            # "Foreign Ministry spokeswoman", "Deputy Prime Minister and Foreign Minister": keep the last title
            while k < n and hits[k] is not None and hits[k].of("title") and not hits[k].of("person", "surname"):
                title_hit = hits[k]
                k = hits[k].j
        # honorific
        while k < n and hits[k] is not None and hits[k].of("honorific") and not hits[k].of("person"):
            k = hits[k].j
        # the name
        name_hit = hits[k] if k < n else None
        person_entries = name_hit.of("person") if name_hit else []
        surname_entries = name_hit.of("surname") if name_hit else []
        title_entry = _title_of(title_hit) if title_hit else None
        title_kind = None
        if title_hit:
            kinds = {e.kind for e in title_hit.entries}
            title_kind = "title" if "title" in kinds else "group"

        if surname_entries and not person_entries and name_hit.j < n and _name_follows(tokens, name_hit.j):
            surname_entries = []  # "Ahmed Example", "Ahmed al-Example": a first name here, not someone's surname
        if surname_entries and not person_entries and title_hit is None and modifier is None and \
                name_hit.of("state", "capital", "seat", "org") and \
                not any(e.target in ctx.people for e in surname_entries):
            # "a curfew in Montenegro": a country before a surname (Portugal's Luis Montenegro) unless the
            # document has named the person
            surname_entries = []
        if person_entries or (surname_entries and (title_kind == "title" or modifier is None)):
            entries = person_entries or surname_entries
            person = self._choose_person(entries, ctx, title_entry)
            how = "name" if person_entries else "surname"
            if person is None:
                if title_hit is None and modifier is None:
                    return None
                if not (title_kind == "title" and _name_end(tokens, hits, k) > k):
                    return self._role(tokens, i, k, modifier, mod_entry, title_hit, prefix, ctx, has_the)
                # "Commander Ahmed al-Example": someone else with a KB surname as first name; named below
            elif not person_entries and title_hit is None:
                word = tokens[name_hit.i].norm
                if word in self.kb.common_words and person.id not in ctx.people:
                    return None
                if tokens[name_hit.i].norm in NOT_NAMES:
                    return None
                if person.id not in ctx.people and not self._known_by_surname(person, ctx.day or date.today()):
                    return None  # "Powell said": not Colin Powell years after he left office
            if person is not None:
                j = self._of_suffix(tokens, hits, name_hit.j)
                return self._person_found(tokens, i, j, person, ctx, modifier, mod_entry, title_hit, prefix,
                                          how if title_hit is None else f"title+{how}")
        # a name the document introduced earlier (surname or first name of someone not in the KB)
        if title_hit is None and modifier is None and k < n:
            prior = self._earlier_name(tokens, hits, k, ctx)
            if prior is not None:
                return prior
        if title_hit is not None and title_kind == "title" and k < n:
            j = _name_end(tokens, hits, k)
            if j > k:
                person = self._spelled(tokens, k, j)
                if person is not None:  # "Gen. Abdel-Fattah al-Burhan": a KB name hyphenated differently
                    return self._person_found(tokens, i, self._of_suffix(tokens, hits, j), person, ctx, modifier,
                                              mod_entry, title_hit, prefix, "title+name")
                return self._unknown_person(tokens, i, k, j, modifier, mod_entry, title_hit, prefix, ctx)
        if title_hit is not None and mod_entry is None and k + 1 < n and tokens[k].norm == "of":
            after = hits[k + 1]
            of_entries = after.of("state", "org") if after is not None else []
            if of_entries:
                found = self._role(tokens, i, k, after, of_entries[0], title_hit, prefix, ctx, has_the, end=after.j)
                if found is not None:
                    return found
        if title_hit is not None:
            return self._role(tokens, i, k, modifier, mod_entry, title_hit, prefix, ctx, has_the)
        # a bare country, capital, seat, organisation or demonym
        return self._bare(tokens, hits, i, ctx, prefix, has_the)

    # -- people ----------------------------------------------------------------
    def _spelled(self, tokens: list[Token], k: int, j: int) -> Person | None:
        """The KB person whose name or alias is ``tokens[k:j]`` up to hyphens, spaces and al/el."""
        if self._squashed is None:
            squashed: dict[str, set[str]] = {}
            for p in self.kb.people.values():
                for name in (p.name, *p.aliases):
                    squashed.setdefault(_squash(tokenize(name)), set()).add(p.id)
            self._squashed = squashed
        pids = self._squashed.get(_squash(tokens[k:j]), ())
        return self.kb.people[next(iter(pids))] if len(pids) == 1 else None

    def _choose_person(self, entries: list[Entry], ctx: Context, title_entry: Entry | None) -> Person | None:
        pids = list(dict.fromkeys(e.target for e in entries))
        if len(pids) == 1:
            return self.kb.people[pids[0]]
        named = [p for p in pids if p in ctx.people]
        if len(named) >= 1:
            return self.kb.people[max(named, key=lambda p: ctx.people[p].i)]
        day = ctx.day or date.today()
        wanted = self.kb.titles[title_entry.target].office if title_entry and title_entry.kind == "title" else None
        in_office = []
        for pid in pids:
            offices = self.kb.people[pid].offices_on(day)
            if offices and (wanted is None or any(self.kb.office_class(o.office) == wanted for o in offices)):
                in_office.append(pid)
        if len(in_office) == 1:
            return self.kb.people[in_office[0]]
        return None

    def _known_by_surname(self, person: Person, day: date) -> bool:
        """Is a bare surname enough for this person on ``day``: in office then, or once a head of state or government?"""
        if person.offices_on(day, last_day=True):
            return True
        heads = ("President", "Prime Minister", "Chancellor", "Monarch", "Supreme Leader", "Leader")
        return any(self.kb.office_class(o.office) in heads and (o.start is None or o.start <= day) for o in person.offices)

    def _person_found(self, tokens, i, j, person: Person, ctx: Context, modifier, mod_entry, title_hit, prefix, how) -> Found:
        day = ctx.day or date.today()
        title_text = _title_text(tokens, title_hit)
        title = self.kb.titles[_title_of(title_hit).target] if title_hit else None
        title_class = title.office if title else None
        stated_code = _modifier_code(self.kb, mod_entry, day)
        title_sector = title.sector if title else None
        if title_sector == "GOV" and mod_entry is not None and mod_entry.kind in ("org", "org_adjective"):
            org = self.kb.organisations[mod_entry.target]
            if org.kind == "group":
                title_sector = org.on(day)[1]  # "TPLF spokesman X": the group's sector, as for an unknown name
        code, sector, office = self._person_on(person, day, title_class, prefix, title_sector, stated_code, title_text)
        text = _span_text(tokens, i, j)
        names = [t.norm for t in _name_tokens(person.name)]
        entity = Entity(
            code=code, sector=sector, entity_text=text, identifier_text=person.name, office=office,
            start=tokens[i].start, end=tokens[j - 1].end, kind="person", actor_id=person.id,
        )
        return Found(
            i, j, tokens[i].start, tokens[j - 1].end, entity, how, title=title_text,
            title_code=_modifier_code(self.kb, mod_entry, day), person_id=person.id,
            office_class=self.kb.office_class(office) if office else None,
            first_name=names[0] if len(names) > 1 else None, surname=names[-1] if names else None,
        )

    def _person_on(self, person: Person, day: date, title_class: str | None, prefix: str | None,
                   title_sector: str | None = None, title_code: str | None = None,
                   title_text: str | None = None) -> tuple[str | None, str | None, str | None]:
        """(code, sector, office) of a known person on ``day``."""
        if prefix == "then" and title_class:
            past = [o for o in person.offices if self.kb.office_class(o.office) == title_class and (o.start is None or o.start <= day)]
            if past:
                o = past[-1]
                return o.code, o.sector, o.label
        current = person.offices_on(day, last_day=True)
        if prefix == "former":
            # "former president X": ELI unless X holds some other office now
            current = [o for o in current if self.kb.office_class(o.office) != title_class] if title_class else []
        if current:
            o = _best_office(self.kb, current, title_class)
            return o.code, o.sector, o.label
        ended = [o for o in person.offices if o.end is not None and o.end < day and self.kb.office_class(o.office) == title_class]
        if title_class and prefix is None and title_sector and not ended:
            # the KB knows no office on that date (a gap, or a newer appointment): trust the text
            return title_code or person.code, title_sector, _capitalised(title_text)
        past = [o for o in person.offices if o.start is not None and o.start <= day]
        if past:
            home = person.code or past[-1].code
            return home, "ELI", None
        return person.code, None, None

    def _unknown_person(self, tokens, i, k, j, modifier, mod_entry, title_hit, prefix, ctx: Context) -> Found:
        day = ctx.day or date.today()
        title = self.kb.titles[_title_of(title_hit).target]
        code = _modifier_code(self.kb, mod_entry, day)
        org_id = mod_entry.target if mod_entry and mod_entry.kind in ("org", "org_adjective") else None
        sector = "ELI" if prefix == "former" else title.sector
        if org_id and title.sector == "GOV":
            sector = self.kb.organisations[org_id].on(day)[1] if self.kb.organisations[org_id].kind == "group" else "GOV"
        name = _span_text(tokens, k, j)
        office = _office_text(tokens, title_hit)
        entity = Entity(
            code=code, sector=sector, entity_text=_span_text(tokens, i, j), identifier_text=name,
            office=None if prefix == "former" else office, start=tokens[i].start, end=tokens[j - 1].end, kind="person",
        )
        names = [tokens[x].norm for x in range(k, j) if tokens[x].text[:1].isupper()]
        return Found(
            i, j, tokens[i].start, tokens[j - 1].end, entity, "title+unknown-name", title=office,
            title_code=code, office_class=title.office,
            first_name=names[0] if len(names) > 1 else None, surname=names[-1] if names else None,
        )

    def _earlier_name(self, tokens, hits, k, ctx: Context) -> Found | None:
        tok = tokens[k]
        if not tok.text[:1].isupper() or tok.norm in NOT_NAMES:
            return None
        prior = ctx.names.get(tok.norm)
        how = "surname"
        if prior is None:
            prior = ctx.names.get("first:" + tok.norm)
            how = "first-name"
            if prior is None or (k + 1 < len(tokens) and tokens[k + 1].text[:1].isupper()):
                return None
        entity = replace(prior.entity, entity_text=tok.text, start=tok.start, end=tok.end)
        return replace(prior, i=k, j=k + 1, start=tok.start, end=tok.end, entity=entity, how=f"coref-{how}", title=None, title_code=None)

    # -- roles, groups, states ----------------------------------------------------
    def _role(self, tokens, i, k, modifier, mod_entry, title_hit, prefix, ctx: Context, has_the: bool,
              end: int | None = None) -> Found | None:
        """A title or role noun without a name: "Russian forces", "the Kremlin spokesman", "the president"."""
        day = ctx.day or date.today()
        title = self.kb.titles[_title_of(title_hit).target]
        text_end = end or title_hit.j
        if mod_entry is None:
            # "the president", "the general": the coreference pass links these to a person
            if title.kind == "title" and has_the and not _plural(tokens[title_hit.j - 1].norm):
                entity = Entity(code=None, sector=title.sector, entity_text=_span_text(tokens, i, text_end),
                                office=title.office, start=tokens[i].start, end=tokens[text_end - 1].end, kind="person")
                return Found(i, text_end, tokens[i].start, tokens[text_end - 1].end, entity, "definite-title",
                             title=_title_text(tokens, title_hit), office_class=title.office)
            return None
        code = _modifier_code(self.kb, mod_entry, day)
        sector = title.sector
        identifier = self._modifier_name(mod_entry)
        kind = "state" if mod_entry.kind in ("adjective", "state", "seat", "capital", "demonym") else "organisation"
        if mod_entry.kind in ("org", "org_adjective"):
            org = self.kb.organisations[mod_entry.target]
            if org.kind == "group" and sector in ("GOV", "MIL", "REB", "PRM", "UAF"):
                sector = org.on(day)[1]  # "Houthi forces", "Wagner fighters", "Taliban leaders" keep the group's sector
            kind = "group" if org.kind == "group" else "organisation"
        if prefix == "former":
            sector = "ELI"
        office = None
        person_id = None
        if title.kind == "title" and not _plural(tokens[title_hit.j - 1].norm):
            office = _office_text(tokens, title_hit)
            kind = "person"
            where = mod_entry.target if mod_entry.kind in ("org", "org_adjective") else code
            holders = self.kb.leader_of(where, day) if title.office == "Leader" else self.kb.holders(where, title.office, day)
            if not code or prefix is not None:
                holders = []
            if len(holders) == 1:
                o = holders[0]
                person = self.kb.people[o.person_id]
                identifier, sector, office, person_id = person.name, o.sector, o.label, person.id
        entity = Entity(code=code, sector=sector, entity_text=_span_text(tokens, i, text_end), identifier_text=identifier,
                        office=office, start=tokens[i].start, end=tokens[text_end - 1].end, kind=kind,
                        actor_id=person_id or _actor_id(mod_entry))
        how = "title+holder" if person_id else ("modifier+title" if title.kind == "title" else "modifier+role")
        return Found(i, text_end, tokens[i].start, tokens[text_end - 1].end, entity, how,
                     title=_title_text(tokens, title_hit), title_code=code, person_id=person_id,
                     office_class=title.office if title.kind == "title" else None,
                     plural=_plural(tokens[title_hit.j - 1].norm))

    def _bare(self, tokens, hits, i, ctx: Context, prefix, has_the: bool) -> Found | None:
        if prefix is not None:
            return None
        day = ctx.day or date.today()
        k = i + 1 if has_the else i
        hit = hits[k] if k < len(tokens) else None
        if hit is None:
            return None
        for kind in ("org", "state", "seat", "capital", "demonym", "adjective", "org_adjective"):
            entries = hit.of(kind)
            if not entries:
                continue
            e = entries[0]
            j = hit.j
            text = _span_text(tokens, i, j)
            if kind in ("state", "capital", "seat") and _after_locative(tokens, i):
                return None
            if kind == "org":
                org = self.kb.organisations[e.target]
                code, sector = org.on(day)
                entity = Entity(code=code, sector=sector, entity_text=text, identifier_text=org.name,
                                start=tokens[i].start, end=tokens[j - 1].end,
                                kind="group" if org.kind == "group" else "organisation", actor_id="o:" + org.id)
                return Found(i, j, tokens[i].start, tokens[j - 1].end, entity, "organisation", plural=True)
            state = self.kb.states.get(e.target)
            if kind == "state" and state is not None:
                end = _organisation_name_end(tokens, hits, j)
                if end:
                    first = i + 1 if tokens[i].norm in DETERMINERS else i
                    # "the Myanmar National Democratic Alliance Army": the state names an organisation the KB
                    # does not know; its country, but no sector (it is not the state acting)
                    entity = Entity(code=state.code, sector=None, entity_text=_span_text(tokens, i, end),
                                    identifier_text=_span_text(tokens, first, end), start=tokens[i].start,
                                    end=tokens[end - 1].end, kind="organisation")
                    return Found(i, end, tokens[i].start, tokens[end - 1].end, entity, "in-name", plural=True)
            adjective_form = any(x.kind == "adjective" for x in self.index.get((tokens[j - 1].norm,), ()))
            if kind == "state" and adjective_form and j < len(tokens) and ctx.nouns is not None:
                nxt = tokens[j]
                if nxt.text[:1].islower() and nxt.start in ctx.nouns:
                    # "the US dollar": the name used as an adjective
                    k2 = hit.i if hit.j - hit.i == 1 else j - 1
                    text = _span_text(tokens, k2, j)
                    entity = Entity(code=state.code, sector=None, entity_text=text, identifier_text=state.name,
                                    start=tokens[k2].start, end=tokens[j - 1].end, kind="state", actor_id="s:" + state.code)
                    return Found(k2, j, tokens[k2].start, tokens[j - 1].end, entity, "adjective")
            if kind == "demonym":
                # "the Russians" are the side in a conflict; "three Ukrainians" are people
                sector = "GOV" if has_the else "CVL"
                if not has_the and hit.of("adjective"):
                    continue
            elif kind == "adjective" or kind == "org_adjective":
                if has_the:
                    return None
                nxt = tokens[j] if j < len(tokens) else None
                if nxt is None or not nxt.text[:1].isalpha() or nxt.text[:1].isupper():
                    return None
                if kind == "org_adjective":
                    org = self.kb.organisations[e.target]
                    code, _ = org.on(day)
                    entity = Entity(code=code, sector=None, entity_text=text, identifier_text=org.name,
                                    start=tokens[i].start, end=tokens[j - 1].end, kind="organisation", actor_id="o:" + org.id)
                    return Found(i, j, tokens[i].start, tokens[j - 1].end, entity, "adjective")
                sector = None
            elif kind == "seat":
                sector = e.sector or "GOV"
            else:
                sector = "GOV"
            if state is None:
                return None
            entity = Entity(code=state.code, sector=sector, entity_text=text, identifier_text=state.name,
                            start=tokens[i].start, end=tokens[j - 1].end, kind="state", actor_id="s:" + state.code)
            return Found(i, j, tokens[i].start, tokens[j - 1].end, entity, kind, plural=kind == "demonym")
        return None

    def _of_suffix(self, tokens, hits, j: int) -> int:
        """Take in "of Russia" after "President Putin"."""
        if j + 1 < len(tokens) and tokens[j].norm == "of":
            h = hits[j + 1]
            if h is not None and h.of("state", "org"):
                return h.j
        return j

    def _modifier_name(self, e: Entry) -> str:
        if e.kind in ("org", "org_adjective"):
            return self.kb.organisations[e.target].name
        return self.kb.states[e.target].name


def _pick_modifier(entries: list[Entry]) -> Entry:
    order = ("adjective", "state", "org_adjective", "org", "seat", "capital", "demonym")
    return sorted(entries, key=lambda e: order.index(e.kind))[0]


def _modifier_code(kb: KnowledgeBase, e: Entry | None, day: date) -> str | None:
    if e is None:
        return None
    if e.kind in ("org", "org_adjective"):
        return kb.organisations[e.target].on(day)[0]
    return e.target


def _actor_id(e: Entry | None) -> str | None:
    if e is None:
        return None
    return ("o:" if e.kind in ("org", "org_adjective") else "s:") + e.target


# When a person holds several offices at once, the one a record names first.
OFFICE_RANK = ("Monarch", "Supreme Leader", "President", "Prime Minister", "Chancellor", "Crown Prince", "Vice President")


def _best_office(kb: KnowledgeBase, offices: list[Office], title_class: str | None) -> Office:
    if title_class:
        for o in offices:
            if kb.office_class(o.office) == title_class:
                return o
    ranked = [o for o in offices if kb.office_class(o.office) in OFFICE_RANK and not o.organisation]
    if ranked:
        return min(ranked, key=lambda o: OFFICE_RANK.index(kb.office_class(o.office)))
    return offices[0]


def _plural(word: str) -> bool:
    return word.endswith("s") and not word.endswith(("ss", "us", "is"))


def _title_text(tokens, hit: Hit | None) -> str | None:
    if hit is None:
        return None
    return _span_text(tokens, hit.i, hit.j)


def _span_text(tokens: list[Token], i: int, j: int) -> str:
    out = tokens[i].text
    for a, b in zip(tokens[i:j], tokens[i + 1:j]):
        out += (" " if b.start > a.end else "") + b.text
    return out


def _name_tokens(name: str):
    from parley.actors.text import tokenize

    return [t for t in tokenize(name) if t.text[:1].isupper() or t.norm not in NAME_PARTICLES]


def _name_end(tokens: list[Token], hits, k: int) -> int:
    """End of a capitalised name starting at ``k`` (0 words when there is none)."""
    j = k
    n = len(tokens)
    while j < n and j - k < 6:
        t = tokens[j]
        if t.text[:1].isupper() and t.text[:1].isalpha() and t.norm not in NOT_NAMES:
            h = hits[j]
            if h is not None and h.of("state", "adjective", "org", "title", "group", "capital") and not h.of("person", "surname"):
                break
            j += 1
        elif t.norm in NAME_PARTICLES and j > k and j + 1 < n and tokens[j + 1].text[:1].isupper():
            j += 1
        elif t.norm in NAME_PARTICLES and j > k and _glued_hyphen(tokens, j + 1):
            j += 2  # "al-Burhan", "el-Sisi": the particle, its hyphen and the name after it
        elif t.norm == "-" and j > k and _glued_hyphen(tokens, j) and tokens[j + 1].text[:1].isupper():
            j += 1
        elif t.text == "." and j > k and len(tokens[j - 1].text) == 1:
            j += 1  # "Donald J. Trump"
        else:
            break
    return j


def _title_of(hit: Hit) -> Entry:
    """The title or role-noun entry of a hit (a hit can also be, say, a seat: "Congress")."""
    for kind in ("title", "group"):
        for e in hit.entries:
            if e.kind == kind:
                return e
    return hit.entries[0]


def _after_locative(tokens: list[Token], i: int) -> bool:
    """Is the word at ``i`` a place: "in Kyiv", "in Istanbul and Kyiv", "across Gaza, Lebanon"?"""
    j = i - 1
    while j >= 0 and tokens[j].norm in REGION_WORDS:
        j -= 1  # "in southern Lebanon", "across eastern Congo"
    if j >= 0 and tokens[j].norm in LOCATIVE:
        return True
    if j >= 0 and tokens[j].norm in ("and", "or", ","):
        j -= 1
        names = 0
        while j >= 0 and tokens[j].text[:1].isupper() and names < 4:
            j -= 1
            names += 1
        return names > 0 and j >= 0 and tokens[j].norm in LOCATIVE
    return False


def _name_follows(tokens: list[Token], j: int) -> bool:
    """Does the name go on at ``j`` (a capitalised word or "al-Name" right after the previous word)?"""
    t = tokens[j]
    if t.start != tokens[j - 1].end + 1:
        return False
    if _is_name_word(t):
        return True
    return t.norm in NAME_PARTICLES and (_glued_hyphen(tokens, j + 1) and tokens[j + 2].text[:1].isupper()
                                         or j + 1 < len(tokens) and _is_name_word(tokens[j + 1]))


def _squash(tokens) -> str:
    """A name's letters only, Arabic "el" read as "al": "Abdel-Fattah el-Burhan" == "Abdel Fattah al Burhan"."""
    return "".join("al" if t.norm == "el" else t.norm for t in tokens if t.norm != "-")


def _glued_hyphen(tokens: list[Token], j: int) -> bool:
    """Is ``tokens[j]`` a hyphen inside a word ("al-Burhan", "Abdel-Fattah"), not a spaced dash?"""
    return (0 < j < len(tokens) - 1 and tokens[j].norm == "-" and tokens[j].start == tokens[j - 1].end
            and tokens[j + 1].start == tokens[j].end and tokens[j + 1].text[:1].isalpha())


def _is_name_word(token: Token) -> bool:
    return token.text[:1].isupper() and token.text[:1].isalpha() and token.norm not in NOT_NAMES


_SMALL = frozenset("of the for and in on to at".split())


def _capitalised(text: str | None) -> str | None:
    """ "defence minister" → "Defence Minister"; text already capitalised stays as written."""
    if not text or any(c.isupper() for c in text):
        return text
    return " ".join(w if w in _SMALL and n else w[:1].upper() + w[1:] for n, w in enumerate(text.split(" ")))


def _office_text(tokens, hit: Hit | None) -> str | None:
    return _capitalised(_title_text(tokens, hit))


def _coordinated_roles(tokens: list[Token], found: list[Found]) -> None:
    """ "US and British warplanes": the role noun after the last country applies to each one."""
    for a, b in zip(found, found[1:]):
        if a.how not in ("state", "adjective") or b.how != "modifier+role" or a.entity.kind != "state":
            continue
        between = [t.norm for t in tokens[a.j:b.i]]
        if between and all(w in ("and", "or", ",") for w in between):
            a.entity.sector = b.entity.sector
            a.how = "modifier+role"
            a.plural = b.plural


# "Thousands of Israelis": the number word is the head a parser makes subject; the mention covers it.
QUANTITIES = frozenset("thousands hundreds dozens scores millions tens".split())


def _quantities(tokens: list[Token], found: list[Found], nouns: set[int] | None, kb: KnowledgeBase) -> None:
    """Extend a plural demonym or role mention over "thousands of", "tens of thousands of" before it."""
    for f in found:
        if f.i < 2 or tokens[f.i - 1].norm != "of" or tokens[f.i - 2].norm not in QUANTITIES:
            continue
        if f.how == "adjective" and f.entity.kind == "state" and f.j - f.i == 1:
            # "Hundreds of Sudanese fled": a demonym spelled like the adjective, when no noun follows it
            nxt = tokens[f.j] if f.j < len(tokens) else None
            state = kb.states.get(f.entity.code or "")
            noun_next = nxt is not None and (nouns is not None and nxt.start in nouns)
            if state is None or noun_next or tokens[f.i].text not in state.demonyms:
                continue
            f.how, f.plural = "demonym", True
            f.entity.sector = "CVL"
        if not f.plural or f.how not in ("demonym", "modifier+role"):
            continue
        k = f.i - 2
        while k >= 2 and tokens[k - 1].norm == "of" and tokens[k - 2].norm in QUANTITIES:
            k -= 2  # "tens of thousands of"
        f.i, f.start = k, tokens[k].start
        f.entity.entity_text = _span_text(tokens, k, f.j)
        f.entity.start = f.start


ORGANISATION_NOUNS = frozenset(
    "army front movement party alliance council forces organisation organization union league congress committee "
    "group brigade brigades militia corps guard coalition federation association".split()
)


def _organisation_name_end(tokens: list[Token], hits, j: int) -> int | None:
    """End of a proper name that goes on after a state name at ``j`` and ends in an organisation noun
    ("Myanmar [National Democratic Alliance Army]", "Sudan [People's Liberation Movement]"), with at least
    one word between the state and the noun (a headline's "Israel Army Kills" is the state's army)."""
    k = j
    last_noun = None
    n = len(tokens)
    while k < n and k - j < 8:
        t = tokens[k]
        if t.start > tokens[k - 1].end + 1:
            break
        if hits[k] is not None and hits[k].of("org", "state", "person", "capital"):
            return None  # "Iran Revolutionary Guard Corps": the KB knows what follows the state
        if t.text[:1].isupper() and t.text[:1].isalpha() and t.norm not in NOT_NAMES:
            if t.norm in ORGANISATION_NOUNS and k > j:
                last_noun = k + 1
            k += 1
        elif t.norm in POSSESSIVE and k > j and t.start == tokens[k - 1].end:
            k += 1
        elif t.norm in ("of", "for", "and") and k > j and k + 1 < n and tokens[k + 1].text[:1].isupper():
            k += 1
        else:
            break
    return last_noun


def _possessive_states(tokens: list[Token], found: list[Found]) -> list[Found]:
    """ "Yemen's Houthi rebels", "Lebanon's Hezbollah": the state only says whose group it is; one mention."""
    out: list[Found] = []
    for f in found:
        prev = out[-1] if out else None
        if (prev is not None and prev.how in ("state", "capital") and f.how in ("organisation", "modifier+role")
                and f.entity.kind == "group" and f.entity.code == prev.entity.code
                and f.i == prev.j + 1 and tokens[prev.j].norm in POSSESSIVE):
            f.i, f.start = prev.i, prev.start
            f.entity.entity_text = _span_text(tokens, f.i, f.j)
            f.entity.start = f.start
            out[-1] = f
            continue
        out.append(f)
    return out


def _hyphen_compounds(tokens: list[Token], found: list[Found]) -> None:
    """ "Iran-backed militias", "Hamas-run ministry", "Pakistan-administered Kashmir": the name is part of a
    modifier, not the actor; it keeps its country (like "Russian attacks") but gets no sector."""
    for f in found:
        if f.how not in ("state", "capital", "seat", "organisation") or f.j + 1 >= len(tokens):
            continue
        if _glued_hyphen(tokens, f.j) and tokens[f.j + 1].text[:1].islower():
            f.how = "adjective"
            f.entity.sector = None
            f.plural = False
            if tokens[f.i].norm in DETERMINERS and f.j - f.i > 1:  # "the Hamas-run ministry": the name only
                f.i, f.start = f.i + 1, tokens[f.i + 1].start
                f.entity.entity_text = _span_text(tokens, f.i, f.j)
                f.entity.start = f.start
