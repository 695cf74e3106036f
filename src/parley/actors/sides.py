""""Both sides", "the two sides", "both parties": the two parties of the article's main conflict.

The two sides are the pair of actors the article shows acting on each other
(one the subject of a verb whose object or complement names the other), named
together ("India and Pakistan agreed", "talks between Armenia and Azerbaijan")
or named in the same sentence — not simply the two states named most.  An
actor that mediates is never one of the sides: one named as a mediator
("Qatari mediators", "mediated by Washington", "US-brokered"), the subject of
mediate/broker/host, or the one urging, pressing or calling on "both sides"
in the sentence itself.  When no pair stands out the phrase stays unresolved.

Sides are counted per party, not per mention: a state, its army, ministries and
officials are one side (Israel); an armed group and its leaders are another
(Hamas, the RSF and Hemedti).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import replace
from datetime import date

from parley.actors.finder import Found
from parley.actors.kb import KnowledgeBase
from parley.actors.text import Token

# (first word, noun) → sector of the resolved mention (None: the side's own sector)
SIDE_NOUNS = {"sides": None, "parties": None, "factions": None, "countries": "GOV", "nations": "GOV",
              "governments": "GOV", "states": "GOV", "militaries": "MIL", "armies": "MIL"}
STATE_ONLY = frozenset(("countries", "nations", "governments", "states", "militaries", "armies"))
MEDIATE_VERBS = frozenset("mediate broker host facilitate arbitrate".split())
THIRD_PARTY_VERBS = frozenset("urge call press ask appeal tell encourage push implore invite plead".split())
MEDIATOR_NOUNS = frozenset(("mediator", "mediators", "mediation", "broker", "brokers", "facilitator", "facilitators"))
HYPHEN_MEDIATED = frozenset(("brokered", "mediated", "hosted", "facilitated", "sponsored"))
SUBJECT = ("nsubj", "nsubjpass", "nsubj:pass", "csubj")
MIN_SCORE = 3  # a pair must at least act on each other once, or be named together more than once


def both_sides(tokens: list[Token], explicit: list[Found], sent_of, spacy_tokens, knowledge: KnowledgeBase,
               day: date | None) -> list[Found]:
    """Mentions for every "both sides" phrase: two per phrase, one for each side (none when unsure)."""
    phrases = [p for p in _phrases(tokens, explicit) if not _domestic(tokens, *p, sent_of)]
    if not phrases:
        return []
    day = day or date.today()
    parsed = bool(spacy_tokens)

    def head(f: Found):
        """The parse token heading a mention (None without a parse)."""
        if not parsed:
            return None
        inside = [spacy_tokens.get(t.start) for t in tokens[f.i:f.j]]
        inside = [t for t in inside if t is not None]
        for t in inside:
            if not (f.start <= t.head.idx < f.end) or t.head.i == t.i:
                return t
        return inside[-1] if inside else None

    sides: dict[str, list[Found]] = defaultdict(list)
    key_of: dict[int, str] = {}
    for f in explicit:
        key = _side_key(f, knowledge, day)
        if key is not None:
            sides[key].append(f)
            key_of[id(f)] = key
    mediators = set()
    for f in explicit:
        key = key_of.get(id(f))
        if key is not None and _mediates(f, tokens, head(f)):
            mediators.add(key)
    for i, j, _ in phrases:
        mediators |= _callers(tokens, explicit, key_of, i, j, sent_of, head, spacy_tokens)

    by_sentence: dict[int, list[Found]] = defaultdict(list)
    for f in explicit:
        if id(f) in key_of and key_of[id(f)] not in mediators:
            by_sentence[sent_of(f.start)].append(f)
    score: Counter = Counter()
    local: dict[int, set[tuple[str, str]]] = defaultdict(set)  # sentence → pairs named together in it
    for mentions in by_sentence.values():
        pairs_here = set()
        heads = {id(f): head(f) for f in mentions}
        for a in mentions:
            for b in mentions:
                ka, kb_ = key_of[id(a)], key_of[id(b)]
                if ka >= kb_:
                    continue
                pair = (ka, kb_)
                if pair not in pairs_here:
                    pairs_here.add(pair)
                    score[pair] += 1  # named in the same sentence
                ha, hb = heads[id(a)], heads[id(b)]
                if _coordinated(tokens, a, b, ha, hb):
                    score[pair] += 2  # "India and Pakistan", "between Armenia and Azerbaijan"
                    local[sent_of(a.start)].add(pair)
                elif ha is not None and hb is not None and (_acts_on(ha, hb) or _acts_on(hb, ha)):
                    score[pair] += 2
    counts = Counter(key_of[id(f)] for f in explicit if id(f) in key_of)
    ranked = sorted(((s, min(counts[p[0]], counts[p[1]]), p) for p, s in score.items()), reverse=True)
    main = None
    if ranked and ranked[0][0] >= MIN_SCORE and not (len(ranked) > 1 and ranked[1][:2] == ranked[0][:2]):
        main = ranked[0][2]  # (two pairs as likely as each other: no main pair rather than a guess)
    out: list[Found] = []
    for i, j, noun in phrases:
        # "talks between Kinshasa and the M23, urged the two sides": the pair named together right there
        here = local.get(sent_of(tokens[i].start), set())
        pair = next(iter(here)) if len(here) == 1 else main
        if pair is None:
            continue
        facing = {id(f) for mentions in by_sentence.values() if {key_of[id(m)] for m in mentions} >= set(pair)
                  for f in mentions}
        if noun in STATE_ONLY and not all(k.startswith("s:") for k in pair):
            continue
        for key in pair:
            entity = _side_entity(sides[key], facing, knowledge, key, day)
            if SIDE_NOUNS[noun]:
                entity = replace(entity, sector=SIDE_NOUNS[noun])
            entity = replace(entity, entity_text="", start=tokens[i].start, end=tokens[j - 1].end)
            out.append(Found(i, j, tokens[i].start, tokens[j - 1].end, entity, "both-sides", plural=True))
    return out


def _phrases(tokens: list[Token], explicit: list[Found]):
    """(first token, end token, noun) of each "both sides" / "the two countries" / "the warring parties"."""
    occupied = {x for f in explicit for x in range(f.i, f.j)}
    for k in range(len(tokens) - 1):
        a, b = tokens[k].norm, tokens[k + 1].norm
        if k in occupied or b not in SIDE_NOUNS:
            continue
        if a == "both" or (a in ("two", "warring") and k > 0 and tokens[k - 1].norm == "the"):
            if a == "warring" and b in STATE_ONLY:
                continue
            i = k - 1 if a in ("two", "warring") else k
            yield i, k + 2, b
        elif a == "warring" and b not in STATE_ONLY and k > 1 and tokens[k - 1].norm == "'s" and k - 2 in occupied:
            yield k, k + 2, b  # "Sudan's warring sides": the sides of the war in the country named


def possessors(tokens: list[Token], explicit: list[Found], sides: list[Found]) -> set[int]:
    """Ids of the mentions that own a resolved sides phrase ("Sudan" in "Sudan's warring sides"): the
    country is where the war is, not a party to what the sides do."""
    starts = {f.i for f in sides}
    return {id(f) for f in explicit
            if f.j < len(tokens) and tokens[f.j].norm == "'s" and f.j + 1 in starts}


# "both parties" in a sentence about a legislature or an election are political parties; "both sides of the
# aisle / border" is no pair of actors unless it is "of the conflict / war"
DOMESTIC_CUES = frozenset(
    "senate senator senators congress congressional lawmakers legislators legislature parliament parliamentary "
    "mps republican republicans democrat democrats bipartisan aisle voters vote votes voted ballot election "
    "elections primary primaries caucus candidates candidate bill bills legislation partisan gop midterms".split())
CONFLICT_NOUNS = frozenset("conflict war dispute fighting talks negotiations divide".split())


def _domestic(tokens: list[Token], i: int, j: int, noun: str, sent_of) -> bool:
    """Is this "both sides" about something other than the parties to a conflict?"""
    if j + 1 < len(tokens) and tokens[j].norm == "of":
        k = j + 2 if tokens[j + 1].norm == "the" else j + 1
        if k >= len(tokens) or tokens[k].norm not in CONFLICT_NOUNS:
            return True  # "both sides of the aisle", "both sides of the border"
    s = sent_of(tokens[i].start)
    lo, hi = max(0, i - 40), min(len(tokens), j + 40)
    return any(t.norm in DOMESTIC_CUES and sent_of(t.start) == s for t in tokens[lo:hi])


def _side_key(f: Found, knowledge: KnowledgeBase, day: date) -> str | None:
    """One key per party: "s:ISR" for Israel, its army and officials; "o:hamas" for Hamas and its leaders."""
    e = f.entity
    if f.how in ("adjective", "definite-title") or not e.code or e.sector is None:
        return None
    if e.sector in ("CVL", "REF", "ELI", "JRN", "MED", "EDU", "BUS", "REL"):
        return None  # civilians and bystanders are not a side in the conflict
    actor = e.actor_id or ""
    if f.person_id:
        person = knowledge.people.get(f.person_id)
        for o in person.offices_on(day, last_day=True) if person else []:
            org = knowledge.organisations.get(o.organisation or "")
            if org is not None and org.kind == "group":
                return "o:" + org.id
        return "s:" + e.code if e.code in knowledge.states else None
    if actor.startswith("o:"):
        org = knowledge.organisations.get(actor[2:])
        if org is not None and org.kind != "group" and org.code in knowledge.states:
            return "s:" + org.code  # "Sudan's army", "the Israeli military": the state's side
        return actor
    return "s:" + e.code if e.code in knowledge.states else None


def _side_entity(mentions: list[Found], facing: set[int], knowledge: KnowledgeBase, key: str, day: date):
    """The side as one entity: its non-person form named most often in sentences that name the other side
    ("Sudan's army" facing the RSF rather than "Sudan" in the headline), then most often overall, then first."""
    forms = [f for f in mentions if not f.person_id and f.entity.kind != "person"]
    if forms:
        def form(f: Found):
            return f.entity.actor_id, f.entity.code, f.entity.sector

        together = Counter(form(f) for f in forms if id(f) in facing)
        overall = Counter(form(f) for f in forms)
        first = {}
        for n, f in enumerate(forms):
            first.setdefault(form(f), n)
        best = max(overall, key=lambda k: (together[k], overall[k], -first[k]))
        entity = next(f.entity for f in forms if form(f) == best)
        return replace(entity, office=None)
    from parley.records import Entity

    if key.startswith("o:"):
        org = knowledge.organisations[key[2:]]
        code, sector = org.on(day)
        return Entity(code=code, sector=sector, entity_text="", identifier_text=org.name,
                      kind="group" if org.kind == "group" else "organisation", actor_id=key)
    state = knowledge.states[key[2:]]
    return Entity(code=state.code, sector="GOV", entity_text="", identifier_text=state.name, kind="state", actor_id=key)


def _mediates(f: Found, tokens: list[Token], tok) -> bool:
    """Is this mention named as a go-between ("Qatari mediators", "mediated by Washington", "US-brokered")?"""
    after = tokens[f.j:f.j + 5]
    for t in after:
        if t.norm in MEDIATOR_NOUNS:
            return True
        if t.norm in (".", ";", ":", "said", "says") or (t.text[:1].isupper() and t is not after[0]):
            break
    if len(after) >= 2 and after[0].norm == "-" and after[1].norm in HYPHEN_MEDIATED:
        return True
    if f.i > 0 and tokens[f.i - 1].norm == "by" and f.i > 1 and tokens[f.i - 2].norm in HYPHEN_MEDIATED:
        return True  # "talks mediated by Washington"
    if tok is None:
        return False
    verb = tok.head
    if tok.dep_ in SUBJECT and verb.lemma_.lower() in MEDIATE_VERBS:
        return True
    if tok.dep_ == "pobj" and verb.lower_ == "by" and verb.head.lemma_.lower() in MEDIATE_VERBS:
        return True  # "mediated by X" in a parse where the preposition heads its object
    if verb.lemma_.lower() in MEDIATE_VERBS and any(c.dep_ == "case" and c.lower_ == "by" for c in tok.children):
        return True  # ... and where the object heads its preposition
    # "Saudi Arabia, which has mediated since 2023": a relative clause on the mention
    return any(child.dep_ == "relcl" and child.lemma_.lower() in MEDIATE_VERBS for child in tok.children)


def _callers(tokens, explicit, key_of, i: int, j: int, sent_of, head, spacy_tokens) -> set[str]:
    """Sides ruled out by the phrase's own sentence: whoever urges, presses or calls on "both sides"."""
    s = sent_of(tokens[i].start)
    here = [f for f in explicit if id(f) in key_of and sent_of(f.start) == s]
    noun = spacy_tokens.get(tokens[j - 1].start) if spacy_tokens else None
    if noun is not None:
        verb = noun.head
        steps = 0
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i and steps < 4:
            verb = verb.head
            steps += 1
        if verb.lemma_.lower() in THIRD_PARTY_VERBS | MEDIATE_VERBS or noun.dep_ in ("dobj", "obj", "pobj", "dative"):
            subjects = {c.i for c in verb.children if c.dep_ in SUBJECT}
            subjects |= {c.i for s_ in list(subjects) for c in spacy_tokens.doc[s_].conjuncts}
            ruled = set()
            for f in here:
                h = head(f)
                if h is None:
                    continue
                if h.i in subjects:  # "China, which has close ties to Pakistan, called on both sides": China only
                    ruled.add(key_of[id(f)])
            return ruled
        return set()
    # no parse: the sentence's first actor (most often its subject) when a verb of urging stands between
    if not here or here[0].end > tokens[i].start:
        return set()
    between = [t.norm for t in tokens if here[0].end <= t.start < tokens[i].start]
    if any(w.startswith(("urg", "call", "press", "ask", "mediat", "broker", "appeal")) for w in between):
        return {key_of[id(here[0])]}
    return set()


def _coordinated(tokens: list[Token], a: Found, b: Found, ha, hb) -> bool:
    """ "A and B", "A, B and C", "A and the paramilitary B" by the words between (after "and" an article
    and one lower-case modifier may come), or a conjunction in the parse."""
    first, second = (a, b) if a.start < b.start else (b, a)
    between = tokens[first.j:second.i]
    words = [t.norm for t in between]
    if "and" in words:
        last = len(words) - 1 - words[::-1].index("and")
        rest = between[last + 1:]
        if rest and rest[0].norm in ("the", "a", "an"):
            rest = rest[1:]
        if all(w in ("and", ",") for w in words[:last]) and (
                not rest or len(rest) == 1 and rest[0].text.isalpha() and rest[0].text.islower()):
            return True
    if ha is None or hb is None:
        return False
    return (hb.dep_ == "conj" and hb.head.i == ha.i) or (ha.dep_ == "conj" and ha.head.i == hb.i)


def _acts_on(subj, other) -> bool:
    """Is ``subj`` the subject of a verb whose object or complement contains ``other``?"""
    if subj.dep_ not in SUBJECT:
        return False
    verb = subj.head
    if other.i in {t.i for t in subj.subtree}:
        return False
    return any(other.i in {t.i for t in child.subtree} for child in verb.children
               if child.i != subj.i and child.dep_ not in SUBJECT and child.dep_ != "conj")
