"""In-document coreference: pronouns and "the president" take their antecedent's entity.

Rules (kept simple and general, see docs/actors.md):

* he/she/him/his/her → a person mentioned earlier: in the same sentence the
  subject (or, for the subject of a clause under "demand/urge/ask", the most
  recent non-subject), else in the nearest earlier sentence with a person, its
  main-clause subject first;
* they/them/their → the most recent state, organisation, group or plural role
  mention ("the Russians", "NATO leaders"), unless a plural noun that names no
  actor is the likelier referent;
* it/its → a state or organisation that is a subject (parse only);
* "the president", "the general" → the most recent person whose office is of
  that class.

"Both sides" is resolved in :mod:`parley.actors.sides`.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace

from parley.actors.finder import Found
from parley.actors.text import Token

SINGULAR = frozenset("he him his himself she her hers herself".split())
PLURAL = frozenset("they them their theirs themselves".split())
NEUTER = frozenset(("it", "its", "itself"))
SPEECH_VERBS = frozenset("say add deny claim announce state insist warn confirm".split())
DEMAND_VERBS = frozenset("demand urge ask press force order tell push call insist require want pressure".split())
WINDOW = 8  # sentences to look back
FORCE_NOUNS = frozenset(("army", "military"))


def resolve_references(tokens: list[Token], explicit: list[Found], sent_starts: list[int], spacy_tokens: dict | None,
                       both_sides: tuple[Token, Token] | None = None) -> list[Found]:
    """Pronoun, definite-title and "both sides" mentions, resolved against ``explicit``."""

    def sent_of(offset: int) -> int:
        return bisect_right(sent_starts, offset) - 1

    memo: dict[tuple[int, int], tuple[str, bool, str, int]] = {}

    def dep(f: Found) -> tuple[str, bool, str, int]:
        """(relation, head is the root, head lemma, head offset) of a mention's head token in the parse."""
        key = (f.start, f.end)
        if key in memo:
            return memo[key]
        memo[key] = result = _dep(f)
        return result

    def _dep(f: Found) -> tuple[str, bool, str, int]:
        if not spacy_tokens:
            return "", False, "", -1
        inside = [spacy_tokens[t.start] for t in tokens[f.i:f.j] if t.start in spacy_tokens]
        for tok in inside:
            head = tok.head
            if not (f.start <= head.idx < f.end) or head.i == tok.i:
                return tok.dep_, head.dep_ == "ROOT", head.lemma_.lower(), head.idx
        return "", False, "", -1

    def clause_mates(pronoun: Token, cands: list[Found]) -> list[Found]:
        """Drop the subject of the verb an object pronoun depends on ("Washington welcomed them")."""
        st = spacy_tokens.get(pronoun.start) if spacy_tokens else None
        if st is None or st.dep_.startswith("nsubj") or st.dep_ in ("nmod:poss", "poss") or st.head is st:
            return cands
        return [c for c in cands if not (dep(c)[0].startswith("nsubj") and dep(c)[3] == st.head.idx)]

    # people whose country nobody knows ("Gen. Ahmed Example") still take "he": a pronoun must not skip them
    # for an earlier person who has a country
    persons = [f for f in explicit if f.entity.kind == "person" and f.how != "definite-title" or f.person_id]
    others = [f for f in explicit if f.entity.kind in ("state", "organisation", "group") and f.how != "adjective"]
    out: list[Found] = []
    resolved_persons = list(persons)
    explicit_by_start = {f.i: f for f in explicit}
    occupied = set()
    for f in explicit:
        occupied.update(range(f.i, f.j))
    spans = sorted((f.start, f.end) for f in explicit)

    def covered(offset: int) -> bool:
        k = bisect_right(spans, (offset, float("inf"))) - 1
        return k >= 0 and spans[k][0] <= offset < spans[k][1]
    for k, tok in enumerate(tokens):
        if k in occupied:
            continue
        word = tok.norm
        if word in SINGULAR:
            ante = _singular_antecedent(tok, clause_mates(tok, resolved_persons), sent_of, dep, spacy_tokens)
            if ante is not None:
                f = _copy(ante, tok, k, "coref-pronoun")
                out.append(f)
                resolved_persons.append(f)
                resolved_persons.sort(key=lambda x: x.start)
        elif word in NEUTER:
            ante = _neuter_antecedent(tok, others, sent_of, dep, spacy_tokens)
            if ante is not None:
                out.append(_copy(ante, tok, k, "coref-pronoun"))
        elif word in PLURAL:
            if _own_plural_subject(tok, spacy_tokens, covered):
                continue  # "Hundreds of thousands of Tigrayans have fled their homes": their = the subject
            ante = _plural_antecedent(tok, clause_mates(tok, others + [p for p in out if p.plural]), sent_of, dep)
            if ante is not None and _plural_noun_between(ante.end, tok, spacy_tokens, covered):
                ante = None  # "... the UN said. The spokesman said 4,000 prisoners would go free when they ..."
            if ante is not None:
                f = _copy(ante, tok, k, "coref-pronoun")
                f.plural = True
                out.append(f)
    out += _definite_forces(tokens, explicit, occupied, sent_of, spacy_tokens)
    # "the president" and friends, found by the finder with no country
    for f in explicit:
        if f.how != "definite-title":
            continue
        s = sent_of(f.start)
        cands = [p for p in resolved_persons if p.start < f.start and _same_office(p.office_class, f.office_class)
                 and p.entity.code is not None and s - sent_of(p.start) <= 3 * WINDOW]
        if cands:
            ante = cands[-1]
            f.entity = replace(ante.entity, entity_text=f.entity.entity_text, start=f.start, end=f.end)
            f.how = "coref-title"
            f.person_id = ante.person_id
    del explicit_by_start
    return out


# "the minister" may be any minister, "the leader" any head of state or government.
GENERIC = {"Minister": ("Minister",), "Envoy": ("Envoy",), "Leader": ("President", "Prime Minister", "Chancellor", "Monarch", "Supreme Leader", "Leader"),
           "Official": ("",), "General": ("General", "Chief of the General Staff", "Commander")}


def _definite_forces(tokens: list[Token], explicit: list[Found], occupied: set[int], sent_of,
                     spacy_tokens) -> list[Found]:
    """ "the army", "the military", "army aircraft" → the one army the article has named ("Sudan's army").

    Only when every earlier armed-forces mention in reach is the same actor: with two armies named
    ("Russian and Ukrainian troops"), "the army" stays unresolved.
    """
    forces = [f for f in explicit if f.entity.sector == "MIL" and f.entity.kind in ("organisation", "state")
              and f.entity.code is not None and f.how != "adjective"]
    if not forces:
        return []
    out = []
    for k, tok in enumerate(tokens):
        if k in occupied or tok.norm not in FORCE_NOUNS:
            continue
        st = spacy_tokens.get(tok.start) if spacy_tokens else None
        definite = k > 0 and tokens[k - 1].norm == "the"
        modifier = st is not None and st.dep_ == "compound" and st.head.i > st.i  # "army aircraft"
        if not (definite or modifier):
            continue
        s = sent_of(tok.start)
        earlier = [f for f in forces if f.start < tok.start and s - sent_of(f.start) <= WINDOW]
        if not earlier or len({f.entity.actor_id or f.entity.code for f in earlier}) != 1:
            continue
        out.append(_copy(earlier[-1], tok, k, "coref-definite"))
    return out


def _same_office(held: str | None, written: str | None) -> bool:
    if held is None or written is None:
        return False
    if held == written:
        return True
    return any(word in held for word in GENERIC.get(written, ()))


def _copy(ante: Found, tok: Token, k: int, how: str) -> Found:
    entity = replace(ante.entity, entity_text=tok.text, start=tok.start, end=tok.end)
    return Found(k, k + 1, tok.start, tok.end, entity, how, person_id=ante.person_id,
                 office_class=ante.office_class, plural=ante.plural)


def _singular_antecedent(tok: Token, persons: list[Found], sent_of, dep, spacy_tokens):
    s = sent_of(tok.start)
    before = [p for p in persons if p.end <= tok.start and s - sent_of(p.start) <= WINDOW]
    if not before:
        return None
    same = [p for p in before if sent_of(p.start) == s]
    if same:
        st = spacy_tokens.get(tok.start) if spacy_tokens else None
        if st is not None and st.dep_.startswith("nsubj") and st.head.head.lemma_.lower() in DEMAND_VERBS:
            demander = [p for p in same if dep(p)[0].startswith("nsubj")]
            objects = [p for p in same if p not in demander]
            if objects:
                return objects[-1]
        subjects = [p for p in same if dep(p)[0].startswith("nsubj")]
        if subjects:
            return subjects[-1]
        return same[-1]
    last_sent = sent_of(before[-1].start)
    prior = [p for p in before if sent_of(p.start) == last_sent]
    for test in (lambda p: dep(p)[0].startswith("nsubj") and dep(p)[1], lambda p: dep(p)[0].startswith("nsubj")):
        chosen = [p for p in prior if test(p)]
        if chosen:
            return chosen[0]
    return prior[0]


def _own_plural_subject(tok: Token, spacy_tokens, covered) -> bool:
    """Is a they/their/them inside a clause whose own subject, before it, is a plural noun that names no actor?"""
    st = spacy_tokens.get(tok.start) if spacy_tokens else None
    if st is None:
        return False
    def plural_non_actor(subj) -> bool:
        return (subj.idx < tok.start and subj.pos_ in ("NOUN", "PROPN", "NUM")
                and "Plur" in subj.morph.get("Number") and not covered(subj.idx))

    verb = st.head
    for _ in range(4):  # from the pronoun up to the first verb that has a subject
        subjects = [c for c in verb.children if c.dep_.startswith("nsubj") and c.i != st.i]
        if subjects:
            return plural_non_actor(subjects[0])
        if verb.dep_ in ("acl", "relcl", "acl:relcl") and verb.pos_ in ("VERB", "AUX"):
            return plural_non_actor(verb.head)  # a parse that hangs the verb on its subject noun
        if verb.head.i == verb.i:
            break
        verb = verb.head
    return False


ARGUMENT_DEPS = ("nsubj", "nsubj:pass", "nsubjpass", "obj", "dobj", "iobj", "conj", "appos", "ccomp", "xcomp", "ROOT")


def _plural_noun_between(start: int, tok: Token, spacy_tokens, covered) -> bool:
    """Is there a plural common noun that names no actor, as a subject or object, between an antecedent and
    a plural pronoun (a nearer, likelier antecedent the actors stage cannot name)?"""
    st = spacy_tokens.get(tok.start) if spacy_tokens else None
    if st is None:
        return False
    doc = st.doc
    for t in doc[max(0, st.i - 60):st.i]:
        if t.idx < start or t.pos_ != "NOUN" or t.dep_ not in ARGUMENT_DEPS:
            continue
        if "Plur" in t.morph.get("Number") and not covered(t.idx):
            return True
    return False


def _neuter_antecedent(tok: Token, candidates: list[Found], sent_of, dep, spacy_tokens):
    """it/its → a state or organisation that is a subject: the nearest one before it in the same sentence
    ("Pakistan denied the claim and said it remained committed"), or for "…, it said" the previous
    sentence's. Only with a parse, and never an expletive ("it was unclear", "it is time")."""
    st = spacy_tokens.get(tok.start) if spacy_tokens else None
    if st is None or not (st.dep_.startswith("nsubj") or st.dep_ in ("nmod:poss", "poss")):
        return None  # an object "it" is most often a thing ("I'll report it")
    head = st.head
    if st.dep_.startswith("nsubj") and (head.pos_ not in ("VERB", "AUX") or head.lemma_.lower() in ("be", "seem", "appear", "take", "remain")
                                        and not any(c.dep_ in ("obj", "ccomp", "xcomp") for c in head.children)):
        return None  # "it was unclear", "it's Russia", "it may take days"
    s = sent_of(tok.start)
    single = [c for c in candidates if c.end <= tok.start and c.how != "demonym" and dep(c)[0].startswith("nsubj")]
    same = [c for c in single if sent_of(c.start) == s]
    if same:
        return same[-1]
    if st.dep_.startswith("nsubj") and head.lemma_.lower() in SPEECH_VERBS and head.dep_ in ("ROOT", "parataxis"):
        prior = [c for c in single if sent_of(c.start) == s - 1]
        if prior:
            return prior[0]
    return None


def _plural_antecedent(tok: Token, candidates: list[Found], sent_of, dep):
    s = sent_of(tok.start)
    before = [c for c in candidates if c.end <= tok.start and s - sent_of(c.start) <= 2 and c.entity.code is not None]
    if not before:
        return None
    before.sort(key=lambda c: c.start)
    # the subject of the same sentence first ("The Houthis, who control Sanaa, vowed ...; their spokesman")
    same = [c for c in before if sent_of(c.start) == s and dep(c)[0].startswith("nsubj") and c.how not in ("capital", "seat")]
    if same:
        return same[-1]
    return before[-1]
