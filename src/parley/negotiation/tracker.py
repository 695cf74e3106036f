"""The negotiation state across articles, computed from stored events and quotes.

Every event and every quote is a *statement*: who said or did it, when, in which
sentence, with which PLOVER type, modality and evidential status.  The tracker reads
each statement against the issue vocabulary and the cues (data/negotiation/*.yaml)
and derives observations — a stance on an issue, a proposal, a step of a meeting, a
truce, an alleged violation — each keeping the id of its evidence.  Observations are
then merged across articles:

- positions: per actor and issue, the stance day by day; the current stance is the
  (evidence-weighted) stance of the latest day.  Actors are people and institutions as
  resolved by the actors stage, so two officials of one government on opposite sides
  stay two positions, and ``splits`` lists them;
- proposals and their fate (offered or demanded, then accepted, rejected, countered) from later
  statements by other parties on the same issue;
- truces (declared window, unilateral or mutual, violations alleged by whom, extended);
- meetings (proposed -> agreed -> scheduled -> held, or cancelled), with place, date,
  parties, mediators and hosts.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import pairwise
from typing import Any

from parley.negotiation.vocabulary import Issue, Vocabulary, load_vocabulary

MEETING_RANK = {"proposed": 1, "agreed": 2, "scheduled": 3, "held": 4}
MEETING_STATUSES = ("cancelled", "held", "scheduled", "agreed", "proposed")
PAST_WINDOW = 40  # characters before an issue term in which a past cue makes it history
MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], start=1)}
_MONTH = r"(january|february|march|april|may|june|july|august|september|october|november|december)"
_RANGE_PATTERNS = [
    re.compile(rf"\bfrom {_MONTH} (\d{{1,2}})(?:st|nd|rd|th)? (?:to|until|through|till) (?:{_MONTH} )?(\d{{1,2}})", re.IGNORECASE),
    re.compile(rf"\b{_MONTH} (\d{{1,2}})\s*[-–—]\s*(?:{_MONTH} )?(\d{{1,2}})\b", re.IGNORECASE),
    re.compile(rf"\b(\d{{1,2}})\s*[-–—]\s*(\d{{1,2}}) {_MONTH}\b", re.IGNORECASE),
]


# -- statements ---------------------------------------------------------------------


@dataclass
class Party:
    label: str
    code: str | None
    sector: str | None = None
    office: str | None = None
    text: str | None = None

    @property
    def key(self) -> str:
        return f"{self.label.lower()}|{self.code or ''}"

    def to_dict(self) -> dict[str, Any]:
        return {"actor": self.label, "code": self.code, "sector": self.sector, "office": self.office}


def _party(entity: dict[str, Any] | None) -> Party | None:
    if not entity:
        return None
    label = entity.get("identifier_text") or entity.get("entity_text") or entity.get("code")
    if not label:
        return None
    return Party(label=" ".join(str(label).split()), code=entity.get("code"), sector=entity.get("sector"),
                 office=entity.get("office"), text=entity.get("entity_text"))


@dataclass
class Statement:
    """One event or quote, as the tracker reads it."""

    id: str
    kind: str  # event, quote
    article_id: str
    published: str | None
    date: str | None  # when it was stated or done (never after publication)
    text: str
    start: int | None
    end: int | None
    event_type: str | None
    modality: set[str]
    evidentiality: str | None
    actors: list[Party]
    recipients: list[Party]
    event_date: str | None = None
    loc: dict[str, Any] | None = None
    cameo: str | None = None
    mode: list[str] = field(default_factory=list)
    trigger: int | None = None  # offset of the event's trigger word in ``text``


def _unique(parties) -> list[Party]:
    seen, out = set(), []
    for p in parties:
        if p.key not in seen:
            seen.add(p.key)
            out.append(p)
    return out


def _before(a: str | None, b: str | None) -> str | None:
    if a and b:
        return min(a, b)
    return a or b


_COORDINATION = re.compile(r"^\s*,?\s*(?:and|or|as well as|&)?\s*$")


def _coordinated(entity: dict[str, Any], mentions: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """The entities listed together with ``entity`` ("Starmer, Macron and Tusk demanded"):
    mentions joined to it only by commas and "and" share its role in the event."""
    start = entity.get("start")
    if start is None or not mentions:
        return []
    index = next((i for i, m in enumerate(mentions) if m["start"] == start), None)
    if index is None:
        return []
    found = []
    for step in (-1, 1):
        i = index
        while 0 <= i + step < len(mentions):
            a, b = (mentions[i + step], mentions[i]) if step < 0 else (mentions[i], mentions[i + step])
            if a["end"] > b["start"] or not _COORDINATION.match(text[a["end"]:b["start"]]):
                break
            i += step
            found.append(mentions[i]["entity"])
    return found


def statements(records: dict[str, list[dict[str, Any]]]) -> list[Statement]:
    """Events and quotes as statements, in date order."""
    out: list[Statement] = []
    mentions: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for m in records.get("mentions", []):
        if m.get("start") is not None and m.get("entity"):
            mentions[m["article_id"]].append(m)
    for group in mentions.values():
        group.sort(key=lambda m: m["start"])
    texts = {a["id"]: a.get("text") or "" for a in records.get("articles", [])}
    for e in records.get("events", []):
        published = e.get("published") or (e.get("cite_info") or {}).get("published")
        info = e.get("text_info") or {}
        actors = list(e.get("actor") or [])
        for entity in list(actors):
            actors += _coordinated(entity, mentions.get(e.get("article_id"), []), texts.get(e.get("article_id"), ""))
        trigger = (e.get("trigger") or {}).get("start")
        out.append(Statement(
            id=e["id"], kind="event", article_id=e.get("article_id"), published=published,
            date=_before(e.get("date"), published), text=e.get("event_text") or "",
            start=info.get("start"), end=info.get("end"),
            event_type=(e.get("event") or [None])[0], modality=set(e.get("modality") or []),
            evidentiality=e.get("evidentiality"),
            actors=_unique(p for p in map(_party, actors) if p),
            recipients=[p for p in map(_party, e.get("recipient") or []) if p],
            event_date=e.get("date"), loc=e.get("event_loc"), cameo=e.get("cameo"), mode=list(e.get("mode") or []),
            trigger=trigger - info["start"] if trigger is not None and info.get("start") is not None else None,
        ))
    for q in records.get("quotes", []):
        speaker = _party(q.get("speaker"))
        if speaker is None:
            continue  # an anonymous or unresolved speaker takes no position on anyone's behalf
        published = q.get("published")
        out.append(Statement(
            id=q["id"], kind="quote", article_id=q.get("article_id"), published=published,
            date=_before(q.get("date"), published), text=q.get("text") or "",
            start=q.get("start"), end=q.get("end"), event_type=None, modality=set(),
            evidentiality="quote" if q.get("kind") == "direct" else "attributed",
            actors=[speaker], recipients=[],
        ))
    out.sort(key=lambda s: (s.date or "", s.published or "", s.article_id or "", s.start or 0))
    return out


# -- reading one statement -----------------------------------------------------------


def _is_past(vocab: Vocabulary, text: str, at: int) -> bool:
    cue = vocab.cues.get("past_cues")
    return bool(cue and cue.search(text[max(0, at - PAST_WINDOW):at]))


def stance_of(vocab: Vocabulary, issue: Issue, s: Statement) -> tuple[str | None, bool]:
    """(stance, historical) of a statement on an issue: ``for``, ``against`` or None."""
    term = issue.terms.search(s.text)
    if term is None:
        return None, False
    historical = "historical" in s.modality or _is_past(vocab, s.text, term.start())
    pro = bool(issue.pro and issue.pro.search(s.text))
    con = bool(issue.con and issue.con.search(s.text))
    by_event = vocab.cues["stance_by_event"]
    if pro != con:
        stance = "for" if pro else "against"
        if s.event_type in vocab.cues["reversing_events"]:
            stance = "against" if stance == "for" else "for"
    elif pro and con:
        stance = None  # both phrasings in one sentence: the sentence alone cannot say whose is whose
    elif s.kind == "event" and s.event_type in by_event["for"]:
        stance = "for"
    elif s.kind == "event" and s.event_type in by_event["against"]:
        stance = "against"
    else:
        stance = None
    if stance and "negated" in s.modality:
        stance = "against" if stance == "for" else "for"
    return stance, historical


def _scoped(issues: list[Issue], s: Statement) -> list[Issue]:
    """Of several issues in one sentence, the one the event's verb is about.

    That is the issue whose words come first after the trigger (its object: "refused to
    extend the truce"), else the nearest before it.  Quotes and events without a trigger
    keep every issue.
    """
    if s.trigger is None or len(issues) < 2:
        return issues

    def distance(issue: Issue) -> tuple[int, int]:
        starts = [m.start() for m in issue.terms.finditer(s.text)]
        after = [p - s.trigger for p in starts if p >= s.trigger]
        return (0, min(after)) if after else (1, min(s.trigger - p for p in starts))

    best = min(distance(i) for i in issues)
    return [i for i in issues if distance(i) == best]


def _times_in(annotations: dict[str, Any] | None, s: Statement) -> list[dict[str, Any]]:
    if not annotations or s.start is None or s.end is None:
        return []
    return [t for t in annotations.get("times") or [] if t.get("date") and s.start <= (t.get("start") or -1) < s.end]


def _places_in(annotations: dict[str, Any] | None, s: Statement) -> list[dict[str, Any]]:
    if not annotations or s.start is None or s.end is None:
        return []
    return [p for p in annotations.get("places") or [] if s.start <= (p.get("start") or -1) < s.end]


def _range_in_text(text: str, published: str | None) -> tuple[str, str] | None:
    """A ``from May 8 to May 11`` / ``May 8-11`` / ``8-11 May`` window in the text, in the publication year."""
    if not published:
        return None
    year = int(published[:4])
    for i, pattern in enumerate(_RANGE_PATTERNS):
        m = pattern.search(text)
        if not m:
            continue
        g = m.groups()
        if i == 2:
            month1 = month2 = MONTHS[g[2].lower()]
            d1, d2 = int(g[0]), int(g[1])
        else:
            month1 = MONTHS[g[0].lower()]
            month2 = MONTHS[g[2].lower()] if g[2] else month1
            d1, d2 = int(g[1]), int(g[3])
        try:
            return date(year, month1, d1).isoformat(), date(year, month2, d2).isoformat()
        except ValueError:
            continue
    return None


# -- the state -------------------------------------------------------------------------


class Tracker:
    """Reads statements in date order and builds positions, proposals, truces and meetings."""

    def __init__(self, records: dict[str, list[dict[str, Any]]], vocab: Vocabulary | None = None):
        self.vocab = vocab or load_vocabulary()
        self.cues = self.vocab.cues
        self.annotations = {a["id"]: a.get("annotations") or {} for a in records.get("articles", [])}
        self.statements = statements(records)
        self.opponents = self._opponents()
        self.positions: list[dict[str, Any]] = []  # observations
        self.proposals: list[dict[str, Any]] = []
        self.truces: list[dict[str, Any]] = []
        self.meetings: list[dict[str, Any]] = []
        self.agreements: list[dict[str, Any]] = []
        for s in self.statements:
            self._read(s)

    def _opponents(self) -> dict[str, Counter]:
        """For each code, how often each other code is on the other side of its events."""
        pairs: dict[str, Counter] = defaultdict(Counter)
        for s in self.statements:
            for a in s.actors:
                for r in s.recipients:
                    if a.code and r.code and a.code != r.code:
                        pairs[a.code][r.code] += 1
                        pairs[r.code][a.code] += 1
        return pairs

    def _weight(self, s: Statement) -> float:
        return float(self.cues.get("weights", {}).get(s.evidentiality or "outlet", 1.0))

    def _read(self, s: Statement) -> None:
        if "historical" in s.modality:
            return
        irrealis = bool(s.modality & set(self.cues["no_stance_modalities"]))
        matched = _scoped([i for i in self.vocab.issues if i.terms.search(s.text)], s)
        brokers = self._brokers(s) if matched else set()
        for issue in matched:
            stance, historical = stance_of(self.vocab, issue, s)
            if stance is None or irrealis:
                continue
            for party in s.actors:
                if not party.code:
                    continue  # "officials", "sources": nobody's position
                if party.label in brokers:
                    continue  # "the talks, mediated by Saudi Arabia": the mediator's role, not its stance
                self.positions.append({
                    "party": party, "issue": issue.id, "stance": stance, "date": s.date,
                    "evidence": s.id, "weight": self._weight(s), "historical": historical,
                })
        if irrealis or "negated" in s.modality:
            return
        if s.kind == "quote":
            # a quote can say what became of a truce ("the truce would not be extended",
            # "they violated the truce"); declarations and meetings come from events
            if self.truces and self.cues["truces"]["terms"].search(s.text):
                self._truce(s, create=False)
            return
        self._meeting(s)
        self._truce(s)
        self._proposal(s, matched)
        self._agreement(s, matched)

    # -- proposals --

    def _proposal(self, s: Statement, issues: list[Issue]) -> None:
        c = self.cues["proposals"]
        offer = bool(c["offer"].search(s.text))
        demand = s.event_type == "REQUEST" or bool(c["demand"].search(s.text))
        if s.event_type not in ("REQUEST", "AGREE", "CONSULT", None) or not (offer or demand) or not s.actors:
            return
        if s.event_type == "CONSULT" and not offer:
            return
        # "a ceasefire before any talks": the issue the sentence takes a side on is the
        # proposal, not every issue whose words it happens to use
        explicit = [i for i in issues if (i.pro and i.pro.search(s.text)) or (i.con and i.con.search(s.text))]
        for issue in explicit or issues:
            term = issue.terms.search(s.text)
            if term is None or _is_past(self.vocab, s.text, term.start()):
                continue
            self._add_proposal(s, issue, "demand" if s.event_type == "REQUEST" or not offer else "offer")

    def _add_proposal(self, s: Statement, issue: Issue, kind: str) -> None:
        what = _what(issue, s.text)
        by = s.actors[0]
        for p in self.proposals:
            if p["issue"] == issue.id and p["by_code"] == by.code and p["what"].lower() == what.lower():
                p["evidence"].append(s.id)
                return
        self.proposals.append({
            "by": by.label, "by_code": by.code, "to": [r.label for r in s.recipients],
            "to_codes": sorted({r.code for r in s.recipients if r.code}), "what": what, "issue": issue.id,
            "kind": kind, "date": s.date, "status": "demanded" if kind == "demand" else "offered", "evidence": [s.id], "responses": [],
        })

    # -- meetings --

    def _meeting_status(self, s: Statement) -> str | None:
        c = self.cues["meetings"]
        if not c["terms"].search(s.text) and s.event_type != "CONSULT":
            return None
        for status in MEETING_STATUSES:
            if c["status"][status].search(s.text):
                if status == "held" and ("future" in s.modality or (s.event_date and s.published and s.event_date > s.published)):
                    continue
                return status
        if s.event_type == "CONSULT":
            return "scheduled" if "future" in s.modality else "held"
        return None

    def _brokers(self, s: Statement) -> set[str]:
        """The mediators or hosts of an event that *is* the mediating or hosting ("talks mediated by X").

        Their part in it is a role, recorded on the meeting, not a stance on what is talked about; what a
        mediator says or demands elsewhere ("Qatar, the mediator, called for a truce") is still a stance.
        """
        if s.kind != "event" or s.trigger is None:
            return set()
        c = self.cues["meetings"]
        brokers = set()
        for cue in (c["mediator"], c["host"]):
            if cue is not None and cue.match(s.text, s.trigger):  # the trigger is the cue: "mediated"
                brokers |= _roles_near(s, cue)
        return brokers

    def _meeting(self, s: Statement) -> None:
        status = self._meeting_status(s)
        if status is None:
            return
        annotations = self.annotations.get(s.article_id)
        days = [t["date"] for t in _times_in(annotations, s) if len(t["date"]) == 10]
        if status == "held" and days and s.published and all(d > s.published for d in days):
            status = "scheduled"  # "the talks ... are expected to open on March 20"
        when = self._meeting_date(s, status, annotations)
        place, code = self._meeting_place(s, annotations)
        c = self.cues["meetings"]
        mediators = _roles_near(s, c["mediator"])
        hosts = _roles_near(s, c["host"])
        if s.cameo and s.cameo[:3] in ("039", "045"):
            mediators |= {p.label for p in s.actors}
        parties = [p for p in s.actors + s.recipients if p.label not in mediators | hosts]
        party_codes = {p.code for p in parties if p.code}
        meeting = self._find_meeting(party_codes, when, code or place, s)
        if meeting is None:
            if status == "cancelled" and not (when or place):
                return
            meeting = {"date": when, "place": place, "country_code": code, "proposed_by": None,
                       "proposed_by_code": None, "parties": set(), "participants": set(), "mediators": set(),
                       "hosts": set(), "status": None, "history": [], "evidence": [], "article_ids": set()}
            self.meetings.append(meeting)
        held_before = any(h["status"] == "held" for h in meeting["history"])
        # the date it was scheduled for, then the date it was held; later reports do not move it
        if when and (meeting["date"] is None or (status == "scheduled" and not held_before)
                     or (status == "held" and not held_before)):
            meeting["date"] = when
        if place and not meeting["place"]:
            meeting["place"], meeting["country_code"] = place, code
        if status == "proposed" and meeting["proposed_by"] is None and s.actors:
            meeting["proposed_by"], meeting["proposed_by_code"] = s.actors[0].label, s.actors[0].code
        meeting["parties"] |= party_codes
        meeting["participants"] |= {p.label for p in parties}
        meeting["mediators"] |= mediators
        meeting["hosts"] |= hosts
        meeting["history"].append({"date": s.date, "status": status, "evidence": s.id})
        meeting["evidence"].append(s.id)
        meeting["article_ids"].add(s.article_id)

    def _meeting_date(self, s: Statement, status: str, annotations) -> str | None:
        days = [t["date"] for t in _times_in(annotations, s) if len(t["date"]) == 10]
        if status in ("held",):
            return s.event_date or (max(d for d in days if d <= (s.published or d)) if days else s.published)
        future = [d for d in days if not s.published or d > s.published]
        if future:
            return min(future)
        if s.event_date and s.published and s.event_date > s.published:
            return s.event_date
        return None

    @staticmethod
    def _meeting_place(s: Statement, annotations) -> tuple[str | None, str | None]:
        loc = s.loc or {}
        if loc.get("resolved_place") or loc.get("extracted_place"):
            return loc.get("resolved_place") or loc.get("extracted_place"), loc.get("country_code")
        places = _places_in(annotations, s)
        offset = s.start or 0
        # "in Istanbul", "at Camp David", "delegations to Jeddah": the meeting's place, not its parties'.
        for p in places:
            before = s.text[max(0, p["start"] - offset - 4):p["start"] - offset].lower()
            if before.endswith(("in ", "at ", "to ")):
                return p.get("resolved_place") or p.get("text"), p.get("country_code")
        return None, None

    def _find_meeting(self, codes: set[str], when: str | None, where: str | None, s: Statement):
        if not when and not where:
            # "the meeting", "direct talks": within one article, the meeting it is about
            for m in reversed(self.meetings):
                if s.article_id in m["article_ids"] and all(h["status"] != "held" for h in m["history"]):
                    return m
        for m in reversed(self.meetings):
            # the same place on the same day is the same meeting, whoever the report names
            if when and where and m["date"] == when and where in (m["country_code"], m["place"]):
                return m
        best, best_score = None, 0
        for m in self.meetings:
            same_place = bool(where and where in (m["country_code"], m["place"]))
            same_day = bool(when and m["date"] == when)
            far_apart = bool(when and m["date"] and
                             abs((date.fromisoformat(when) - date.fromisoformat(m["date"])).days) > 7)
            shared = not m["parties"] or not codes or bool(m["parties"] & codes)
            if far_apart:
                continue
            # "talks in Jeddah" then "the talks ... are expected to open on March 20": within one article, a
            # report that gives the day of an open meeting known only by its place (or the place of one known
            # only by its day) completes it
            completes = shared and s.article_id in m["article_ids"] and all(h["status"] != "held" for h in m["history"]) and (
                (when and not where and m["date"] is None and m["place"])
                or (where and not when and m["place"] is None and m["date"]))
            # a shared place is the strongest sign, then a shared day or a completion, then nothing said at all
            score = (3 if same_place else 2 if shared and same_day or completes
                     else 1 if shared and not when and not where else 0)
            if score and score >= best_score:
                best, best_score = m, score  # the latest of the best
        return best

    # -- truces --

    def _truce(self, s: Statement, create: bool = True) -> None:
        c = self.cues["truces"]
        term = c["terms"].search(s.text)
        if term is None:
            return
        violation = bool(c["violation"].search(s.text))
        annotations = self.annotations.get(s.article_id)
        window = next(((t["date"], t["end_date"]) for t in _times_in(annotations, s) if t.get("end_date")), None)
        window = window or _range_in_text(s.text, s.published)
        declared = bool(c["declared"].search(s.text)) or window is not None
        not_extended = bool(c["not_extended"].search(s.text))
        extended = not not_extended and bool(c["extended"].search(s.text))
        demand = s.event_type == "REQUEST" or bool(self.cues["proposals"]["demand"].search(s.text))
        truce = self._find_truce(s, window)
        if truce is None:
            if not create or violation or demand or not (declared or not_extended or extended) or not s.actors:
                return
            by = s.actors[0]
            truce = {"declared_by": by.label, "declared_by_code": by.code, "start": None, "end": None,
                     "unilateral": None, "violations_alleged_by": [], "extended": None,
                     "violations": [], "evidence": [], "article_id": s.article_id, "date": s.date}
            self.truces.append(truce)
        if window and not truce["start"]:
            truce["start"], truce["end"] = window
        if c["unilateral"].search(s.text):
            truce["unilateral"] = True
        elif c["mutual"].search(s.text):
            truce["unilateral"] = False
        if not_extended:
            truce["extended"] = False
        elif extended:
            truce["extended"] = True
        if violation:
            self._violation(truce, s)
        truce["evidence"].append(s.id)

    def _find_truce(self, s: Statement, window):
        codes = {p.code for p in s.actors if p.code}
        for t in reversed(self.truces):
            if window and t["start"] and window[0] == t["start"]:
                return t
            if t["article_id"] == s.article_id:
                return t
            if (not codes or t["declared_by_code"] in codes) and t["start"] and s.date and \
                    date.fromisoformat(s.date) <= date.fromisoformat(t["end"] or t["start"]) + timedelta(days=30):
                return t
        return None

    def _violation(self, truce: dict[str, Any], s: Statement) -> None:
        if self.cues["truces"]["both_sides"].search(s.text):
            declarer = truce["declared_by_code"]
            codes = {declarer} if declarer else set()
            if declarer and self.opponents.get(declarer):
                codes.add(self.opponents[declarer].most_common(1)[0][0])
            codes |= {p.code for p in s.actors if p.code}
            accusers = sorted(codes)
        else:
            accusers = sorted({p.code or p.label for p in s.actors})
        for code in accusers:
            if code not in truce["violations_alleged_by"]:
                truce["violations_alleged_by"].append(code)
        truce["violations"].append({"alleged_by": accusers, "date": s.date, "evidence": s.id})

    # -- answers to proposals --

    def resolve_proposals(self) -> None:
        """The fate of each proposal from later statements by other parties on its issue.

        A rejection or an acceptance settles it (a later one can reverse it); a counter
        demand only counts while the proposal is still open.  Where a proposal has
        specific words ("30-day", "all-for-all"), an answer must use them, so that
        accepting a smaller swap is not accepting the all-for-all exchange.
        """
        c = self.cues["proposals"]
        for p in self.proposals:
            issue = self.vocab.issue(p["issue"])
            specific = [w.lower() for w in p["what"].split() if re.search(r"[\d-]", w)]
            for s in self.statements:
                if s.kind != "event" or s.id in p["evidence"] or (s.date or "") < (p["date"] or ""):
                    continue
                if not s.actors or any(a.code == p["by_code"] for a in s.actors if a.code):
                    continue
                if issue is None or not issue.terms.search(s.text) or s.modality & {"hypothetical", "historical"}:
                    continue
                if specific and not all(w in s.text.lower() for w in specific):
                    continue
                if s.event_type == "REJECT" or (c["rejected"].search(s.text) and s.event_type != "AGREE"):
                    fate = "rejected"
                elif s.event_type in ("AGREE", "SUPPORT") and "negated" not in s.modality:
                    fate = "countered" if c["countered"].search(s.text) else "accepted"
                elif s.event_type == "REQUEST" and p["status"] in ("offered", "demanded"):
                    fate = "countered"
                else:
                    continue
                p["status"] = fate
                p["responses"].append({"by": s.actors[0].label, "code": s.actors[0].code, "status": fate,
                                       "date": s.date, "evidence": s.id})

    # -- agreements --

    def _agreement(self, s: Statement, issues: list[Issue]) -> None:
        """Two or more parties agreeing on an issue; a later material act implements it."""
        c = self.cues["agreements"]
        codes = sorted({p.code for p in s.actors + s.recipients if p.code})
        if s.event_type in c["implemented_types"]:
            for a in self.agreements:
                if a["issue"] in {i.id for i in issues} and set(a["parties"]) <= set(codes):
                    a["status"] = "implemented"
                    when = s.event_date or s.date
                    if a["implemented"] and a["implemented"][-1]["date"] == when:
                        a["implemented"][-1]["evidence"].append(s.id)  # another report of the same act
                    else:
                        a["implemented"].append({"date": when, "evidence": [s.id]})
            return
        # Joint actors ("the two sides agreed"); one party agreeing towards another is an
        # intention or an acceptance, read as proposals and their fate.
        joint = sorted({p.code for p in s.actors if p.code})
        if s.event_type not in c["agreed_types"] or len(joint) < 2:
            return
        codes = joint
        if self.cues["proposals"]["offer"].search(s.text):
            return  # an offer to agree is a proposal, not an agreement
        for issue in issues:
            if issue.id == "direct_talks":
                continue  # agreeing to talk is a meeting step (meetings), not a settlement
            existing = next((a for a in self.agreements if a["issue"] == issue.id and a["parties"] == codes), None)
            if existing:
                existing["evidence"].append(s.id)
                continue
            self.agreements.append({
                "parties": codes, "issue": issue.id, "what": _what(issue, s.text), "date": s.event_date or s.date,
                "status": "agreed", "evidence": [s.id], "implemented": [],
            })


_MODIFIER = r"(?:(?:\d[\w,-]*|\w+(?:-\w+)+|direct|full|unconditional|comprehensive|partial|temporary|general|" \
            r"lasting|immediate|energy|maritime|new|complete|permanent|peace)\s+){0,3}"


def _what(issue: Issue, text: str) -> str:
    """The words of the proposal: the issue term with its modifiers ("30-day ceasefire")."""
    m = issue.terms.search(text)
    if m is None:
        return issue.label
    head = re.search(_MODIFIER + r"$", text[:m.start()], re.IGNORECASE)
    phrase = (head.group(0) if head else "") + m.group(0)
    return " ".join(phrase.split())


def _roles_near(s: Statement, cue: re.Pattern | None, reach: int = 40) -> set[str]:
    """Parties named within ``reach`` characters of a cue ("mediated by Turkey", "Qatar, which hosts")."""
    if cue is None:
        return set()
    found = set()
    lower = s.text.lower()
    for m in cue.finditer(s.text):
        window = (max(0, m.start() - reach), m.end() + reach)
        for p in s.actors + s.recipients:
            for name in {p.text, p.label}:
                if not name:
                    continue
                i = lower.find(name.lower(), window[0])
                if i != -1 and i < window[1]:
                    found.add(p.label)
    return found


# -- summarising ---------------------------------------------------------------------------


def _day_stance(obs: list[dict[str, Any]]) -> str:
    pro = sum(o["weight"] for o in obs if o["stance"] == "for")
    con = sum(o["weight"] for o in obs if o["stance"] == "against")
    return "for" if pro > con else "against" if con > pro else "mixed"


def summarise_positions(observations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    grouped: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for o in observations:
        grouped[(o["party"].key, o["issue"])].append(o)
    out = []
    for (_key, issue), obs in grouped.items():
        party = obs[0]["party"]
        by_day: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for o in obs:
            by_day[o["date"] or ""].append(o)
        history = []
        for day in sorted(by_day):
            current = [o for o in by_day[day] if not o["historical"]] or by_day[day]
            history.append({"date": day or None, "stance": _day_stance(current),
                            "evidence": [o["evidence"] for o in current]})
        live = [h for h, day in zip(history, sorted(by_day)) if any(not o["historical"] for o in by_day[day])]
        latest = (live or history)[-1]
        stances = [h["stance"] for h in history if h["stance"] != "mixed"]
        out.append({
            **party.to_dict(), "issue": issue, "stance": latest["stance"], "as_of": latest["date"],
            "evidence": latest["evidence"], "history": history,
            "changed": any(a != b for a, b in pairwise(stances)),
        })
    out.sort(key=lambda p: (p["issue"], p["code"] or "", p["actor"]))
    return out


def splits(positions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Members of one government (one code) holding opposite current stances on an issue."""
    groups: dict[tuple[str, str], dict[str, list[str]]] = defaultdict(lambda: {"for": [], "against": []})
    for p in positions:
        if p["code"] and p["stance"] in ("for", "against"):
            groups[(p["code"], p["issue"])][p["stance"]].append(p["actor"])
    return [{"code": code, "issue": issue, "for": sorted(g["for"]), "against": sorted(g["against"])}
            for (code, issue), g in sorted(groups.items()) if g["for"] and g["against"]]


def _meeting_out(m: dict[str, Any]) -> dict[str, Any]:
    ranked = [h for h in m["history"] if h["status"] != "cancelled"]
    status = max(ranked, key=lambda h: MEETING_RANK[h["status"]])["status"] if ranked else "cancelled"
    last_live = max((h["date"] or "" for h in ranked), default="")
    if status != "held" and any(h["status"] == "cancelled" and (h["date"] or "") >= last_live for h in m["history"]):
        status = "cancelled"
    return {
        "date": m["date"], "place": m["place"], "country_code": m["country_code"],
        "proposed_by": m["proposed_by"], "proposed_by_code": m["proposed_by_code"],
        "parties": sorted(m["parties"]), "participants": sorted(m["participants"]),
        "mediators": sorted(m["mediators"]), "hosts": sorted(m["hosts"]), "status": status,
        "history": m["history"], "evidence": m["evidence"], "sources": len(m["article_ids"]),
    }


def _matches_actor(actor: str | None, *values: Any) -> bool:
    if not actor:
        return True
    needle = actor.lower()
    for v in values:
        for item in (v if isinstance(v, (list, set, tuple)) else [v]):
            if item and (str(item).lower() == needle or needle in str(item).lower()):
                return True
    return False


def compute_state(records: dict[str, list[dict[str, Any]]], *, as_of: str | None = None,
                  start: str | None = None, actor: str | None = None, issue: str | None = None,
                  vocab: Vocabulary | None = None) -> dict[str, Any]:
    """The negotiation state of docs/DESIGN from stored records
    (``{"events": [...], "quotes": [...], "articles": [{id, published, annotations}]}``).

    ``as_of`` keeps what was published by that date; ``start`` keeps evidence dated from
    then on; ``actor`` (code or part of a name) and ``issue`` (an issue id) filter the result.
    """
    records = _window(records, as_of, start)
    tracker = Tracker(records, vocab)
    tracker.resolve_proposals()
    positions = summarise_positions(tracker.positions)
    state = {
        "as_of": as_of,
        "positions": positions,
        "splits": splits(positions),
        "proposals": [{k: v for k, v in p.items()} for p in tracker.proposals],
        "truces": [{k: v for k, v in t.items() if k not in ("article_id",)} for t in tracker.truces],
        "meetings": [_meeting_out(m) for m in tracker.meetings],
        "agreements": tracker.agreements,
        "issues": [{"id": i.id, "label": i.label} for i in tracker.vocab.issues],
        "vocabulary_version": tracker.vocab.version,
    }
    if issue:
        state["positions"] = [p for p in state["positions"] if p["issue"] == issue]
        state["splits"] = [p for p in state["splits"] if p["issue"] == issue]
        state["proposals"] = [p for p in state["proposals"] if p["issue"] == issue]
        state["agreements"] = [a for a in state["agreements"] if a["issue"] == issue]
    if actor:
        state["positions"] = [p for p in state["positions"] if _matches_actor(actor, p["actor"], p["code"])]
        state["splits"] = [p for p in state["splits"] if _matches_actor(actor, p["code"], p["for"], p["against"])]
        state["proposals"] = [p for p in state["proposals"]
                              if _matches_actor(actor, p["by"], p["by_code"], p["to"], p["to_codes"])]
        state["agreements"] = [a for a in state["agreements"] if _matches_actor(actor, a["parties"])]
        state["truces"] = [t for t in state["truces"]
                           if _matches_actor(actor, t["declared_by"], t["declared_by_code"], t["violations_alleged_by"])]
        state["meetings"] = [m for m in state["meetings"] if _matches_actor(
            actor, m["proposed_by"], m["proposed_by_code"], m["parties"], m["participants"], m["mediators"], m["hosts"])]
    return state


def _window(records: dict[str, list[dict[str, Any]]], as_of: str | None, start: str | None):
    def keep(r: dict[str, Any]) -> bool:
        published = r.get("published") or (r.get("cite_info") or {}).get("published")
        when = _before(r.get("date"), published)
        if as_of and published and published > as_of:
            return False
        return not (start and when and when < start)

    articles = [a for a in records.get("articles", []) if not (as_of and (a.get("published") or "") > as_of)]
    kept = {a["id"] for a in articles}
    return {"events": [e for e in records.get("events", []) if keep(e)],
            "quotes": [q for q in records.get("quotes", []) if keep(q)],
            "articles": articles,
            "mentions": [m for m in records.get("mentions", []) if m.get("article_id") in kept]}


def compute_timeline(records: dict[str, list[dict[str, Any]]], *, start: str | None = None, end: str | None = None,
                     actor: str | None = None, issue: str | None = None,
                     vocab: Vocabulary | None = None) -> list[dict[str, Any]]:
    """The state's moments in date order: ``{date, kind, summary, evidence, ...}``."""
    state = compute_state(records, as_of=end, start=start, actor=actor, issue=issue, vocab=vocab)
    items: list[dict[str, Any]] = []
    for p in state["positions"]:
        previous = None
        for h in p["history"]:
            if h["stance"] != previous:
                verb = "is" if previous is None else "now"
                items.append({"date": h["date"], "kind": "position", "actor": p["actor"], "code": p["code"],
                              "issue": p["issue"], "stance": h["stance"], "evidence": h["evidence"],
                              "summary": f"{p['actor']} {verb} {h['stance']} {p['issue']}"})
                previous = h["stance"]
    for p in state["proposals"]:
        items.append({"date": p["date"], "kind": "proposal", "actor": p["by"], "code": p["by_code"],
                      "issue": p["issue"], "evidence": p["evidence"],
                      "summary": f"{p['by']} {'demands' if p['kind'] == 'demand' else 'offers'} {p['what']}"})
        for r in p["responses"]:
            items.append({"date": r["date"], "kind": f"proposal_{r['status']}", "actor": r["by"], "code": r["code"],
                          "issue": p["issue"], "evidence": [r["evidence"]],
                          "summary": f"{r['by']} {r['status']} {p['by']}'s {p['what']}"})
    for a in state["agreements"]:
        items.append({"date": a["date"], "kind": "agreement", "parties": a["parties"], "issue": a["issue"],
                      "evidence": a["evidence"], "summary": f"{' and '.join(a['parties'])} agree: {a['what']}"})
        for done in a["implemented"]:
            items.append({"date": done["date"], "kind": "agreement_implemented", "parties": a["parties"],
                          "issue": a["issue"], "evidence": done["evidence"],
                          "summary": f"{a['what']} carried out"})
    for t in state["truces"]:
        window = f" {t['start']} to {t['end']}" if t["start"] else ""
        items.append({"date": t["start"] or t["date"], "kind": "truce", "actor": t["declared_by"],
                      "code": t["declared_by_code"], "evidence": t["evidence"],
                      "summary": f"{t['declared_by']} declares a {'unilateral ' if t['unilateral'] else ''}truce{window}"})
        for v in t["violations"]:
            items.append({"date": v["date"], "kind": "truce_violation", "actor": ", ".join(v["alleged_by"]),
                          "evidence": [v["evidence"]],
                          "summary": f"{', '.join(v['alleged_by'])} allege violations of the truce"})
    for m in state["meetings"]:
        seen = set()
        for h in m["history"]:
            if h["status"] in seen:
                continue
            seen.add(h["status"])
            where = f" in {m['place']}" if m["place"] else ""
            when = f" on {m['date']}" if m["date"] else ""
            items.append({"date": h["date"], "kind": f"meeting_{h['status']}", "evidence": [h["evidence"]],
                          "actor": m["proposed_by"], "parties": m["parties"],
                          "summary": f"meeting{where}{when} ({', '.join(m['parties'])}): {h['status']}"})
    items.sort(key=lambda i: (i["date"] or "", i["kind"]))
    return items
