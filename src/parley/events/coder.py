"""The event coder: PLOVER events from the dependency parse and the pattern dictionary.

For each sentence the coder

1. looks every token up in the dictionary index by part of speech and lemma and keeps
   the most specific pattern whose constraints hold (particles, objects, modifiers,
   subjects);
2. licenses noun triggers: a light verb carries them ("launched an attack"), an actor
   owns them ("Russia's offer"), or a frame takes them ("called for a ceasefire");
3. composes frames with what they frame: "offered to meet" is AGREE, "demanded that
   Putin agree to the ceasefire" is REQUEST/yield to Putin, "refused to extend the
   truce" is REJECT/yield, "threatened to strike" is THREATEN/violence; the framed
   trigger is not coded again on its own;
4. finds actor and recipient from the arguments (subject, passive agent, object,
   prepositional arguments, possessors, the subject of a demanded clause), following
   control ("offered to meet" -> the offerer) and conjunction (compound actors);
5. sets modality (negated, future, hypothetical, historical), converts future
   cooperation to AGREE and future retreats to CONCEDE as the PLOVER manual says,
   and attaches the date and place of the clause.

UD labels are assumed (parley's model is trained on Universal Dependencies).
"""

from __future__ import annotations

import bisect
import dataclasses
import logging
from dataclasses import dataclass, field
from datetime import date, timedelta

from parley.events.dictionary import Dictionary, Pattern
from parley.nlp import token_at as _token_at
from parley.nlp import doc_tokens, token_starts
from parley.records import Analysis, Entity, Event, Mention, Place, Sentence, TimeExpression

log = logging.getLogger("parley")

COOPERATIVE = {"CONSULT", "SUPPORT", "COOPERATE", "AID", "AGREE"}
YIELDING = {"RETREAT", "CONCEDE"}
FORCEFUL = {"ASSAULT", "MOBILIZE", "COERCE", "SANCTION"}

SUBJ = ("nsubj", "nsubj:outer")
PASS_SUBJ = ("nsubj:pass",)
PRT_DEPS = {"compound:prt", "advmod", "fixed", "compound"}
ARG_DEPS = {"obj", "obl", "iobj", "nsubj:pass", "obl:unmarked", "xcomp"}
COMPLEMENT_DEPS = ("xcomp", "ccomp", "csubj", "obj", "obl", "nmod", "acl", "advcl")
SUBORDINATORS = ("after", "before", "since", "until", "once", "as", "when")  # read as prepositions by a parse
STOP_DEPS = {"acl:relcl", "acl", "advcl", "advcl:relcl", "parataxis", "ccomp", "xcomp", "punct", "dep",
             "discourse", "list", "reparandum", "vocative", "dislocated", "csubj", "orphan", "mark", "cc"}
RECIPIENT_CASES = {"with", "to", "against", "on", "at", "toward", "towards", "into", "upon", "from", "for", "over"}
LOCATIVE_CASES = {"in", "at", "near", "outside", "inside", "around", "across", "within", "throughout", "into",
                  "on", "off", "along", "over", "from", "to", "toward", "towards", "through"}
# prepositions that put an event somewhere ("met in Doha"): a place after them is where, never who
WHERE_CASES = {"in", "at", "near", "outside", "inside", "around", "within", "throughout"}
# ... and with those of time: beside a direct object they say where or when, not what is acted on
CIRCUMSTANCE_CASES = WHERE_CASES | {"during", "amid", "amidst", "across", "after", "before", "since"}
PLACE_NOUNS = {"town", "city", "village", "region", "province", "capital", "area", "district", "port", "country",
               "state", "oblast", "suburb", "outskirts", "border", "strip", "camp", "neighborhood", "settlement"}
FUTURE_AUX = {"will", "shall", "'ll", "wo", "ll"}
HYPOTHETICAL_AUX = {"would", "could", "might", "may", "'d", "can"}
CONDITIONAL_MARKS = {"if", "unless", "whether", "lest", "until"}
NEGATORS = {"not", "n't", "never", "no", "neither", "nor"}
RELATIVE_PRONOUNS = {"who", "that", "which", "whom", "whose"}
FIRST_PERSON = {"i", "we", "me", "us", "my", "our"}
PRONOUNS = FIRST_PERSON | {"he", "she", "it", "they", "him", "her", "them", "his", "its", "their", "you", "your"}
DOCUMENT_NOUNS = {"declaration", "statement", "resolution", "letter", "report", "communique", "message", "note",
                  "post", "tweet", "decree", "order", "bill", "motion", "ultimatum", "petition", "appeal", "video",
                  "law", "plan", "proposal", "agreement", "deal", "treaty", "accord", "document", "measure"}
SPEECH_DEPS = {"ccomp", "parataxis", "xcomp", "advcl", "dep", "conj"}
NESTED_CASES = {"against", "on", "with", "over", "toward", "towards", "into", "to", "at", "about"}
HISTORICAL_DAYS = 365
SCHEDULING = {"expect", "expected", "schedule", "scheduled", "set", "slate", "slated", "due", "poise", "poised"}
TARGETS_ARE_PLACES = {"ASSAULT", "COERCE", "PROTEST", "MOBILIZE"}


@dataclass
class Trigger:
    """A token that starts a pattern, with the pattern chosen for it."""

    token: object
    pattern: Pattern
    head: object  # the clause head whose arguments give actor, date and place (light verb for nouns)
    licensed: bool = True
    by: str = "word"  # what licenses it: word (verbs, adjectives), light (a light verb), owner, none


@dataclass
class Composite:
    """What a trigger means once its frame and complement are composed."""

    event: str
    mode: list[str]
    context: list[str]
    cameo: str | None
    pattern: str
    main: object  # token whose clause gives actor, modality, date
    trigger: object  # the trigger token (for the trigger span)
    content: str | None = None  # event type of the innermost framed trigger
    complement: "Composite | None" = None
    recipient_hint: list = field(default_factory=list)  # tokens whose mentions are the recipient


class SentenceCoder:
    """Codes the events of one analysis, sentence by sentence."""

    def __init__(self, analysis: Analysis, dictionary: Dictionary):
        self.analysis = analysis
        self.d = dictionary
        self.published: date | None = analysis.article.published
        self.mentions = sorted(analysis.actors, key=lambda m: m.start)
        self.mention_starts = [m.start for m in self.mentions]
        self.mention_by_end = {m.end: m for m in self.mentions}
        self.places = sorted((p for p in analysis.places if not getattr(p, "metonym", False)), key=lambda p: p.start)
        self.all_places = sorted(analysis.places, key=lambda p: p.start)
        self.times = sorted(analysis.times, key=lambda t: t.start)
        self.time_starts = [t.start for t in self.times]
        self._timed: set[int] | None = None
        self.quotes = sorted(analysis.quotes, key=lambda q: q.start)
        self.cite = analysis.cite_info()

    # ------------------------------------------------------------------ driver
    def code(self) -> list[Event]:
        doc = self.analysis.doc
        if doc is None:
            return []
        events: list[Event] = []
        sentences = self.analysis.sentences
        starts = [s.start for s in sentences]
        self._tokens = doc_tokens(doc)  # spaCy builds a new Token on every access: share one list per article
        self._phrase_entities: dict[int, list[Entity]] = {}
        for sent in doc.sents:
            text = sent.text
            first = sent.start_char + len(text) - len(text.lstrip())  # sentence records start at a non-space
            k = bisect.bisect_right(starts, first) - 1
            record = sentences[k] if 0 <= k < len(sentences) else None
            if record is None:
                continue
            events.extend(self._code_sentence(sent, record))
        return events

    def _code_sentence(self, sent, record: Sentence) -> list[Event]:
        triggers = self._find_triggers(sent)
        self._trigger_ids = {t.token.i for t in triggers}
        if not triggers:
            return self._deontic_only(sent, record, {})
        by_index = {t.token.i: t for t in triggers}
        for t in triggers:  # "determined to have negotiations": the light verb stands for its noun
            if t.head.i != t.token.i:
                by_index.setdefault(t.head.i, t)
        absorbed: set[int] = set()
        composites: list[Composite] = []
        memo: dict[int, Composite | None] = {}
        # outermost first, so that a frame absorbs its complement before the complement is coded alone
        for trig in sorted(triggers, key=lambda t: _depth(t.token)):
            i = trig.token.i
            if i in absorbed:
                continue
            comp = self._compose(trig, by_index, memo, absorbed)
            if comp is None:
                continue
            if not trig.licensed and comp.complement is None and trig.pattern.pos == "noun":
                continue
            composites.append(comp)
        self._absorb(triggers, composites, absorbed)
        events = []
        seen = set()
        anchors = {c.main.i for c in composites} | {c.trigger.i for c in composites}
        for comp in composites:
            if comp.trigger.i in absorbed:
                continue
            event = self._event(comp, sent, record, anchors, by_index)
            if event is None:
                continue
            # the same event reached twice; two armed groups of one country are two actors (actor ids)
            key = (event.event[0], tuple(e.actor_id or e.code for e in event.actor),
                   tuple(e.actor_id or e.code for e in event.recipient), tuple(event.modality))
            if key in seen:
                continue
            seen.add(key)
            events.append(event)
        protests = [c.main for c in composites if c.event == "PROTEST"]
        events.extend(self._deontic_only(sent, record, by_index, skip=absorbed | {c.trigger.i for c in composites},
                                         protests=protests))
        for k, event in enumerate(events):
            event.id = f"{self.analysis.article.id}-e{record.index}-{k}"
        return events

    def _absorb(self, triggers, composites, absorbed: set[int]) -> None:
        """Leave out triggers that are part of another event rather than events of their own.

        * what a frame frames: "demanded an admission that forces murdered ...", "accused X of violating";
        * a purpose clause: "visited Senegal to mediate", "wants to meet to negotiate";
        * a nominal event that is an argument of another event: "complained over Israeli air raids".
        """
        heads = {c.trigger.i: c for c in composites}
        mains = {c.main.i for c in composites} | set(heads)
        for comp in composites:
            if comp.trigger.i in absorbed:
                continue
            trig_pattern = comp.pattern.split("+")[0]
            if any(trig_pattern == t.pattern.id and t.pattern.frame for t in triggers if t.token.i == comp.trigger.i):
                for child in list(comp.trigger.children) + (list(comp.main.children) if comp.main.i != comp.trigger.i
                                                              else []):
                    if _absolute(child):
                        continue  # "..., with both sides charging that ...": a clause of its own
                    # "urged both sides to stop ... and to let convoys reach X": an infinitive the parse made a
                    # conjunct of the frame is a second thing asked, not the asker's own act
                    infinitive_conj = child.dep_ == "conj" and child.tag_ == "VB" and any(
                        m.dep_ == "mark" and m.lower_ == "to" for m in child.children)
                    if child.dep_ in ("obj", "ccomp", "xcomp", "obl", "nmod", "acl") or infinitive_conj or (
                            child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITIONAL_MARKS
                                                          for m in child.children)):
                        for t in _content_tokens(child):
                            if t.i != comp.trigger.i and t.i in heads:
                                absorbed.add(t.i)
        for trig in triggers:
            tok = trig.head
            if trig.token.i in absorbed:
                continue
            purpose = tok.dep_ in ("advcl", "xcomp") and any(c.dep_ == "mark" and c.lower_ == "to"
                                                             for c in tok.children)
            near = [tok.head] + list(tok.head.ancestors)[:1]
            if (purpose or (tok.dep_ == "xcomp" and tok.head.i in absorbed)) and any(a.i in mains for a in near) \
                    and _own_subject(tok) is None:
                absorbed.add(trig.token.i)
                continue
            # "shelled a market, killing twelve people": a participle that tells what the attack did is the
            # same incident (PLOVER codes one event and its fatalities), not a second one
            if tok.dep_ == "advcl" and tok.tag_ == "VBG" and _own_subject(tok) is None and not any(
                    c.dep_ == "mark" for c in tok.children) and any(
                    c.event == trig.pattern.event for c in composites if c.main.i == tok.head.i):
                absorbed.add(trig.token.i)
                continue
            # PLOVER: the demand a protest makes is not coded apart from the protest
            if trig.pattern.event in ("REQUEST", "ACCUSE") and any(
                    c.event == "PROTEST" and _dominates(c.main, trig.token) for c in composites):
                absorbed.add(trig.token.i)
                continue
            # "hosted X for a meeting aimed at establishing ties": a modifier clause of an argument
            if _inside_argument_modifier(tok, mains):
                absorbed.add(trig.token.i)
                continue
            if trig.by == "owner":
                up = trig.token.head
                for _ in range(2):
                    if up.i in mains and up.i != trig.token.i:
                        absorbed.add(trig.token.i)
                        break
                    up = up.head

    # ------------------------------------------------------------------ triggers
    def _lemmas(self, tok) -> list[str]:
        """The model's lemma, then the irregular form and suffix-rule guesses, for dictionary lookup."""
        out = [tok.lemma_.lower()]
        irregular = self.d.irregular.get(tok.lower_)
        if irregular is not None:
            out.append(irregular)
        out.append(tok.lower_)
        out.extend(_lemma_candidates(tok.lower_))
        return out

    def _patterns_for(self, kind: str, tok) -> list[Pattern] | None:
        """The dictionary's patterns for ``tok`` as a ``kind`` word, under the first of its lemmas that has any."""
        key = (kind, tok.lemma_, tok.lower_)
        lookups = self.d.lookups
        if key in lookups:
            return lookups[key]
        candidates = None
        for lemma in self._lemmas(tok):
            candidates = self.d.index.get((kind, lemma))
            if candidates:
                break
        if len(lookups) < 100_000:
            lookups[key] = candidates
        return candidates

    def lemma(self, tok) -> str:
        """The token's lemma, mended by suffix rules when the model's lemma is not a word the dictionary knows."""
        lemma = tok.lemma_.lower()
        vocab = self.d.vocabulary
        if lemma in vocab:
            return lemma
        irregular = self.d.irregular.get(tok.lower_)
        if irregular is not None:
            return irregular
        for cand in _lemma_candidates(tok.lower_):
            if cand in vocab:
                return cand
        return lemma

    def _find_triggers(self, sent) -> list[Trigger]:
        d = self.d
        found = []
        for tok in self._tokens[sent.start:sent.end]:
            pos = tok.pos_
            if pos not in TRIGGER_POS:
                continue
            if _schedules(tok):
                continue  # "are expected to meet": a forecast of the meeting, not an intention of anyone's
            if tok.dep_ == "amod" and tok.head.i > tok.i and tok.tag_ != "VBD" and not _verb_read_as_modifier(tok):
                continue  # "the besieged town", "the banned party": a modifier, not a report
            if pos == "VERB" and tok.tag_ == "VBG" and any(c.dep_ == "det" for c in tok.children):
                kind = "noun"  # "stop the killing": a gerund used as a noun
            elif pos == "VERB" or (pos == "ADJ" and tok.tag_ in ("VBN", "VBD")):
                kind = "verb"
            elif _common_noun(tok):
                kind = "noun"
            elif pos == "ADJ":
                kind = "adj"
            else:
                continue
            if kind == "noun" and tok.dep_ in ("ROOT", "ccomp", "conj", "parataxis") and tok.tag_ in ("NN", "NNS") \
                    and not any(c.dep_ == "cop" for c in tok.children) and any(
                        c.dep_ in SUBJ or c.dep_ == "compound:prt" for c in tok.children):
                # "Ukraine shot down two jets" tagged as a noun: a clause head with a subject and no copula, or
                # with a particle ("shot down"), is a verb
                kind = "verb"
            if kind == "noun" and tok.tag_ == "VBG":
                candidates = d.index.get(("noun", tok.lower_))  # "the killing", not "kill"
            else:
                candidates = self._patterns_for(kind, tok)
                if candidates is None and kind == "noun" and tok.tag_.startswith("VB"):
                    candidates = d.index.get(("verb", self.lemma(tok)))
            if not candidates:
                continue
            for pattern in candidates:
                if self._constraints_hold(tok, pattern):
                    found.append(self._license(tok, pattern))
                    break
        # a noun carried by a light verb makes the light verb's own pattern redundant ("express support")
        carried = {t.head.i for t in found if t.pattern.pos == "noun" and t.head.i != t.token.i}
        redundant = {t.token.i for t in found if t.token.i in carried and t.pattern.pos == "verb"
                     and (t.pattern.frame is None or t.pattern.id in ("agree.offer", "agree.agree"))}
        return [t for t in found if t.token.i not in redundant]

    def _constraints_hold(self, tok, p: Pattern) -> bool:
        if p.extra:
            # the preposition of a time is no particle: "called on Tuesday" is not "called on"
            timed = {i for i in self._timed_tokens() if i > tok.i}
            attached = _attached_words(tok, skip=timed)
            doc = tok.doc
            # a particle the parse hung elsewhere still counts when it follows the verb ("handed over 700 kg")
            following = {doc[j].lower_ for j in range(tok.i + 1, min(tok.i + 3, len(doc))) if j not in timed}
            if not all(w in attached or w in following for w in p.extra):
                return False
        if p.objects or p.not_objects:
            args = _argument_lemmas(tok)
            if p.objects and not (args & p.objects) and p.extra:
                # a phrasal verb whose object the parse lost: the nouns right after it ("shot down | several
                # Pakistani drones" parsed as a separate clause)
                for t in tok.doc[tok.i + 1:min(tok.i + 7, len(tok.doc))]:
                    if t.is_punct or t.pos_ in ("VERB", "AUX", "SCONJ"):
                        break
                    if t.pos_ in ("NOUN", "PROPN"):
                        args = args | {t.lemma_.lower(), t.lower_, *_lemma_candidates(t.lower_)}
            if p.objects and not (args & p.objects):
                return False
            if args & p.not_objects:
                return False
        if p.compounds:
            mods = {c.lemma_.lower() for c in tok.children if c.dep_ in ("compound", "amod", "nmod:desc", "nummod")}
            mods |= {c.lower_ for c in tok.children if c.dep_ in ("compound", "amod", "nmod:desc")}
            if not (mods & p.compounds):
                return False
        if p.subjects:
            subj = _subject_token(tok)
            if subj is None:
                return False
            words = {subj.lemma_.lower(), subj.lower_, *_lemma_candidates(subj.lower_)} | {
                c.lemma_.lower() for c in subj.children if c.dep_ in ("nmod", "compound", "amod")}
            if not (words & p.subjects):
                return False
        return True

    def _timed_tokens(self) -> set[int]:
        """Indices of the tokens inside a time expression (one pass over the Doc per article)."""
        if self._timed is None:
            starts = token_starts(self.analysis.doc)
            self._timed = set()
            for tx in self.times:  # the tokens that start inside the expression
                self._timed.update(range(bisect.bisect_left(starts, tx.start), bisect.bisect_left(starts, tx.end)))
        return self._timed

    def _in_time(self, tok) -> bool:
        """Whether ``tok`` is part of a time expression ("on Tuesday", "in March")."""
        k = bisect.bisect_right(self.time_starts, tok.idx) - 1
        return 0 <= k and self.times[k].start <= tok.idx < self.times[k].end

    def _license(self, tok, p: Pattern) -> Trigger:
        if p.pos != "noun":
            return Trigger(tok, p, tok, True)
        head = tok.head
        light = p.light if p.light is not None else self.d.light_verbs
        if any(c.lower_ == "off" for c in head.children if c.dep_ in PRT_DEPS):
            light = frozenset()  # "called off a strike" ends it
        if tok.dep_ == "obl" and _case_of(tok) == "for" and any(
                c.dep_ == "obj" and ("noun", self.lemma(c)) in self.d.index for c in head.children):
            # "pledged support for the talks": the talks are what the support is for, not an event of their own
            light = frozenset()
        if tok.dep_ in ("obj", "nsubj:pass", "obl", "xcomp") and self.lemma(head) in light and head.i != tok.i:
            return Trigger(tok, p, head, True, "light")
        if tok.dep_ == "conj" and self.lemma(head.head) in light and head.dep_ in ("obj", "nsubj:pass"):
            return Trigger(tok, p, head.head, True, "light")
        owners = [c for c in tok.children if c.dep_ in ("nmod:poss", "amod", "compound", "nmod")]
        core = tok.dep_ in ("nsubj", "nsubj:pass", "obj", "ROOT", "appos", "conj", "dislocated")
        # "talks between X and Y opened": the parties own the talks only when the talks are the subject
        owner_cases = ("by", "between") if tok.dep_ in ("nsubj", "nsubj:pass") else ("by",)
        if core and any(self._entities_of_tokens([c]) for c in owners
                        if c.dep_ != "nmod" or _case_of(c) in owner_cases):
            return Trigger(tok, p, tok, True, "owner")
        return Trigger(tok, p, tok, False, "none")

    # ------------------------------------------------------------------ composition
    def _compose(self, trig: Trigger, by_index, memo, absorbed) -> Composite | None:
        i = trig.token.i
        if i in memo:
            return memo[i]
        memo[i] = None  # guards against cycles in odd parses
        p = trig.pattern
        base = Composite(event=p.event, mode=list(p.mode), context=list(p.context), cameo=p.cameo,
                         pattern=p.id, main=trig.head, trigger=trig.token)
        if p.frame is None:
            memo[i] = base
            return base
        inner_trig = self._complement(trig, by_index)
        if inner_trig is None:
            memo[i] = base if p.standalone else None
            return memo[i]
        inner = self._compose(inner_trig, by_index, memo, absorbed)
        if inner is not None and p.frame == "attempt" and inner.main.dep_ in ("ccomp", "advcl") and \
                _own_subject(inner.main) is not None:
            inner = None  # "the fighting began after Israel struck ...": a clause of its own, not what began
        if inner is None or (p.frame == "request" and _stated_fact(inner.main)):
            # "told Reuters that the draft was identical to one Iran had approved": a report, not a demand
            memo[i] = base if p.standalone else None
            return memo[i]
        absorbed.add(inner_trig.token.i)
        content = inner.content or inner.event
        content_mode = inner.mode
        comp = dataclasses.replace(base, content=content, complement=inner, pattern=f"{p.id}+{inner.pattern}")
        frame = p.frame
        if frame == "intent" and inner.main.dep_ == "xcomp" and inner.main.head.i == trig.token.i and any(
                c.dep_ in ("obj", "iobj") for c in trig.token.children):
            frame = "request"  # "want Ukraine to accept", "expect Russia to confirm": asking someone else
            comp.event = "REQUEST"
            p = dataclasses.replace(p, event="REQUEST", frame="request", cameo="100")
        if frame == "attempt":
            comp.event, comp.mode, comp.cameo = inner.event, list(inner.mode), inner.cameo
            comp.content = inner.content
        elif frame == "intent" and self.lemma(trig.token) == "prepare" and content in FORCEFUL:
            comp.event, comp.mode, comp.cameo = "MOBILIZE", ["troops"], "150"  # "prepared to resume shelling"
        elif frame == "intent":
            if content in COOPERATIVE:
                comp.event, comp.mode = "AGREE", []
            elif content in YIELDING:
                # willingness to yield ("agreed to a ceasefire", "ready to withdraw") is AGREE; an announced
                # future retreat ("will withdraw") becomes CONCEDE in _future_type
                comp.event, comp.mode = "AGREE", []
            elif content == "MOBILIZE" and p.id in ("agree.agree", "agree.offer"):
                comp.event, comp.mode = "AGREE", []  # "agreed to send police officers to Haiti"
            elif content in FORCEFUL:
                comp.event, comp.mode = "THREATEN", self._threat_mode(content, content_mode)
            else:
                comp.event, comp.mode = inner.event, list(inner.mode)
            comp.cameo = self.d.cameo_composite.get(f"{comp.event}.{content}") or (
                inner.cameo if comp.event == inner.event else self.d.type_cameo.get(comp.event))
        elif frame in ("request", "reject"):
            modes = self.d.complement_modes.get(p.event, {})
            mode = modes.get(content, modes.get("default"))
            if inner.event in ("REQUEST", "REJECT") and inner.mode:
                mode = inner.mode[0]
            comp.mode = [mode] if mode else list(p.mode)
            comp.cameo = self.d.cameo_composite.get(f"{p.event}.{mode}") or p.cameo
        elif frame == "threaten":
            comp.mode = self._threat_mode(content, content_mode) or list(p.mode)
            comp.cameo = self.d.cameo_composite.get(f"THREATEN.{comp.mode[0]}") if comp.mode else p.cameo
        elif frame == "accuse":
            comp.content = None  # the accused act is what the accusation is about, not a mode
        comp.context = sorted(set(p.context) | set(inner.context))
        memo[i] = comp
        return comp

    def _threat_mode(self, content: str, content_mode: list[str]) -> list[str]:
        by_mode = self.d.complement_modes.get("THREATEN_by_mode", {})
        for m in content_mode:
            if m in by_mode:
                return [by_mode[m]]
        mode = self.d.complement_modes.get("THREATEN", {}).get(content)
        return [mode] if mode else []

    def _complement(self, trig: Trigger, by_index) -> Trigger | None:
        tok = trig.token
        kids = sorted(tok.children, key=lambda c: COMPLEMENT_DEPS.index(c.dep_) if c.dep_ in COMPLEMENT_DEPS else 99)
        for child in kids:
            if child.dep_ not in COMPLEMENT_DEPS:
                continue
            if child.dep_ == "advcl" and not any(m.lower_ in ("to", "of", "for", "from", "into")
                                                 for m in child.children if m.dep_ == "mark"):
                continue
            if _subject_after_subordinator(child) is not None:
                continue  # "began after Israel struck": a clause of its own, not what was begun
            for cand in _with_conjuncts(child):
                found = by_index.get(cand.i)
                if found is not None and found.token.i != tok.i:
                    return found
            # "demanded the removal of X", "called for an end to the fighting": one level down
            if child.dep_ in ("obj", "obl", "nmod") and child.pos_ in ("NOUN", "PROPN"):
                for grand in child.children:
                    if grand.dep_ in ("nmod", "acl") and grand.i in by_index:
                        return by_index[grand.i]
        for child in tok.children:  # "urged X to ... and to let convoys through": the parse made it a conjunct
            if child.dep_ == "conj" and child.tag_ == "VB" and child.i in by_index and any(
                    m.dep_ == "mark" and m.lower_ == "to" for m in child.children):
                return by_index[child.i]
        return None

    # ------------------------------------------------------------------ event record
    def _event(self, comp: Composite, sent, record: Sentence, anchors, by_index) -> Event | None:
        main = comp.main
        actors_tok, recipient_toks = self._roles(comp)
        if actors_tok and all(t.lemma_.lower() in DOCUMENT_NOUNS for t in actors_tok) and \
                _clause_of_noun(main):
            return None  # "a resolution that aims to tighten sanctions": a text does not act
        actor = self._entities_of_tokens(actors_tok)
        recipient = self._entities_of_tokens(recipient_toks)
        if not any(e.code for e in actor) and actors_tok and all(t.pos_ == "PRON" for t in actors_tok):
            actor = self._speech_subject(main) or actor  # "Syria says it will ...": the pronoun is the speaker
        if not actor and not actors_tok and not _is_passive(main) and self._reported(main):
            actor = self._speech_subject(main)  # "Syria says it is willing to ...": "it" is no subject
        if not actor and not _is_passive(main) and main.pos_ in ("VERB", "AUX", "ADJ"):
            actor = self._entities_of_tokens(self._leading_actor(main))  # a parse that lost the subject
        if not actor and actors_tok and all(t.i in self._trigger_ids for t in actors_tok):
            return None  # "a strike that shut down the city": the event noun is coded on its own
        if not recipient and comp.event not in ("AGREE",) and not (comp.event == "ACCUSE" and comp.complement):
            # not for frames: in "accused X of blocking aid to Darfur" Darfur is not the accused
            recipient = self._first_entity_after(main, comp.trigger, actors_tok, comp.event)
        if not actor and not recipient:
            return None
        if not [e for e in actor + recipient if e.code or (e.entity_text or "").lower() not in PRONOUNS]:
            return None  # "rebels fighting to topple his government": it names nobody
        if not actor and main.tag_ == "VBN" and main.dep_ in ("acl", "advcl") and _is_passive(main):
            return None  # "the meeting as offered", "the truce declared earlier": background, not a report
        actor = sorted(_unique(actor), key=lambda e: e.start if e.start is not None else len(record.text) + record.end)
        # a self-directed event is not an event: "Erdogan warned that Ankara would not accept ..." is not a
        # threat to Turkey; a civil war's sides share a country code but not a sector, and stay
        recipient = [e for e in _unique(recipient) if not any(_same_party(a, e) for a in actor)]
        event_type = comp.event
        mode = list(comp.mode)
        if _deontic_clause(main, self.d.deontic):
            # "Ukraine should agree to this" (Trump): a REQUEST by whoever says it, to the one obliged
            subj = _own_subject(main)
            if subj is not None and subj.lower_ in FIRST_PERSON:
                pass
            else:
                said = self._speaker(main, record)
                if said[0] is None:
                    return None
                content = comp.content or comp.event
                modes = self.d.complement_modes.get("REQUEST", {})
                rmode = modes.get(content, modes.get("default"))
                recipient = [e for e in actor if e.code != said[0].code] or actor
                actor = [dataclasses.replace(said[0])]
                comp = dataclasses.replace(comp, event="REQUEST", mode=[rmode] if rmode else [],
                                           cameo=self.d.cameo_composite.get(f"REQUEST.{rmode}", "100"),
                                           pattern="request.deontic+" + comp.pattern, content=content)
                event_type, mode = comp.event, list(comp.mode)
        modality = self._modality(main, comp)
        intended = comp.complement is not None and comp.pattern.split(".")[0] == "agree"
        if "negated" in modality and (intended or {"future", "hypothetical"} & set(modality)) and \
                event_type in COOPERATIVE | YIELDING:
            # "will not accept", "would not meet", "does not want a ceasefire": a refusal
            content = comp.content or event_type
            modes = self.d.complement_modes.get("REJECT", {})
            rmode = modes.get(content, modes.get("default"))
            event_type, mode = "REJECT", [rmode] if rmode else []
            comp = dataclasses.replace(comp, event="REJECT", mode=mode, content=content,
                                       cameo=self.d.cameo_composite.get(f"REJECT.{rmode}", "120"),
                                       pattern="reject.negated+" + comp.pattern)
            modality = [m for m in modality if m not in ("negated", "future", "hypothetical")]
        if "future" in modality or ("hypothetical" in modality and self._reported(main)):
            converted = self._future_type(event_type, mode, comp)
            if converted is not None:
                event_type, mode = converted
                modality = [m for m in modality if m not in ("future", "hypothetical")]
        if event_type in self.d.mode_cues and not mode:
            mode = self._cued_modes(event_type, main, comp.trigger)
        context = sorted(set(comp.context) | self._contexts(sent))
        # a forecast event ("talks are expected to open on June 2") is dated when it is to happen
        when = self._date(comp, sent, anchors, modality + (["future"] if _forecast(main, comp.event) else []))
        if when and self.published and date.fromisoformat(when) < self.published - timedelta(days=HISTORICAL_DAYS):
            if "historical" not in modality:
                modality.append("historical")
        place = self._place(comp, sent, anchors)
        visit = "visit" in mode or "visit" in (comp.complement.mode if comp.complement else [])
        if visit and not recipient and place is not None and place.country_code and place.country_code not in \
                {e.code for e in actor}:
            # PLOVER: the visitor is the actor and the host the recipient
            recipient = [Entity(code=place.country_code, sector=None, entity_text=place.text, start=place.start,
                                end=place.end, kind="place")]
        if event_type in ("ASSAULT", "COERCE") and not recipient and place is not None and place.country_code and \
                place.country_code not in {e.code for e in actor} and self._in_object(place, main):
            # "struck what it called militant camps in Syria": the state the targets lie in is the one attacked
            recipient = [Entity(code=place.country_code, sector=None, entity_text=place.text, start=place.start,
                                end=place.end, kind="place")]
        speaker, source_id = self._speaker(main, record)
        cameo = comp.cameo or self.d.type_cameo.get(event_type)
        if event_type != comp.event:
            cameo = self.d.cameo_composite.get(f"{event_type}.{comp.content or comp.event}") or \
                self.d.type_cameo.get(event_type)
        trig = comp.trigger
        return Event(
            id="",
            article_id=self.analysis.article.id,
            date=when,
            event=[event_type],
            mode=mode,
            context=context,
            actor=actor,
            recipient=recipient,
            event_loc=place.event_loc() if place else None,
            event_text=record.text,
            text_info={"start": record.start, "end": record.end},
            cameo=cameo,
            modality=modality,
            evidentiality="outlet",
            cite_info=dict(self.cite),
            trigger={"text": trig.text, "start": trig.idx, "end": trig.idx + len(trig.text)},
            source_id=source_id,
            speaker=speaker,
            sentence_index=record.index,
            pattern=comp.pattern,
        )

    def _in_object(self, place: Place, main) -> bool:
        """Whether the place is named inside the object of ``main`` and the object names no one else: "struck
        targets in Syria" is directed at Syria, "struck Kurdish militia positions in Syria" at the militia."""
        tok = _token_at(main.doc, place.end - 1)
        objects = [c for c in main.children if c.dep_ in ("obj", "nsubj:pass")]
        obj = next((o for o in objects if tok is not None and _dominates(o, tok)), None)
        if obj is None:
            return False
        for t in obj.subtree:
            if place.start <= t.idx < place.end or t.dep_ == "nsubj" or self._in_time(t):
                continue  # the place itself; "what it called ...": the one who called it; "on Tuesday"
            if t.pos_ == "PROPN" or (t.pos_ == "ADJ" and t.is_title) or (t.dep_ == "compound" and t.pos_ == "NOUN"):
                return False  # a named or described target: "Hezbollah positions", "Kurdish militia camps"
        return True

    def _future_type(self, event_type: str, mode: list[str], comp: Composite):
        """PLOVER: future cooperation is AGREE, a future retreat CONCEDE, a future use of force a THREAT."""
        if event_type in ("CONSULT", "SUPPORT", "COOPERATE", "AID"):
            return "AGREE", []
        if event_type == "RETREAT":
            return "CONCEDE", []
        if event_type in FORCEFUL or (event_type == "PROTEST" and set(mode) & {"boycott", "obstruct", "strike"}):
            return "THREATEN", self._threat_mode(event_type, mode) or (["restrict"] if event_type == "PROTEST" else [])
        return None

    def _cued_modes(self, event_type: str, main, trigger) -> list[str]:
        cues = self.d.mode_cues[event_type]
        found = []
        for tok in _clause_tokens(main):
            mode = cues.get(tok.lemma_.lower()) or cues.get(tok.lower_)
            if mode and mode not in found:
                found.append(mode)
        return found[:2]

    def _contexts(self, sent) -> set[str]:
        cues = self.d.context_cues
        return {cues[t.lemma_.lower()] for t in self._tokens[sent.start:sent.end] if t.lemma_.lower() in cues}

    # ------------------------------------------------------------------ roles
    def _roles(self, comp: Composite):
        """Tokens whose phrases hold the actor and the recipient."""
        main = comp.main
        trig = comp.trigger
        actor_toks = []
        recipient_toks = []
        passive = _is_passive(main)
        if passive and comp.pattern.split("+")[0] in ("agree.ready", "agree.intent", "agree.offer") \
                and _agent(main) is None:
            passive = False  # "is committed to", "is prepared to": adjectival, the subject is the one willing
        if passive:
            agent = _agent(main)
            if agent is not None:
                actor_toks.append(agent)
            patients = [c for c in main.children if c.dep_ in PASS_SUBJ]
            if not actor_toks and comp.event == "RETREAT" and set(comp.mode) & {"disarm", "withdraw", "resign"}:
                actor_toks, patients = patients, []  # "the guerrillas were demobilized": they disarm
            if not patients and main.dep_ == "acl" and main.head.pos_ in ("NOUN", "PROPN", "PRON"):
                patients = [main.head]  # "the truce declared by X"
            elif not patients and main.dep_ == "advcl":
                head_subj = _subject_token(main.head)  # "Backed by X, Y demanded ..."
                patients = [head_subj, *self._listed_before(head_subj)] if head_subj is not None else []
            recipient_toks += patients
        else:
            subj = _subject_token(main) or _own_subject(main)
            if subj is not None:
                subj = _past_dateline(subj, self.analysis.dateline_at(subj.idx))
                actor_toks.append(subj)
                if subj.dep_ in SUBJ and subj.head.i != subj.i and main.dep_ not in ("acl", "amod"):
                    actor_toks += [c for c in subj.head.children if c.dep_ in SUBJ and c.i != subj.i
                                   and not _subject_of_misread_verb(c)]
                cc = next((c for c in main.children if c.dep_ == "cc" and c.i < subj.i), None)
                if main.dep_ == "conj" and subj.head.i == main.i and cc is not None and cc.i > 0 and (
                        main.head.pos_ in ("NOUN", "PROPN") or self.analysis.dateline_at(main.head.idx) is not None):
                    # "Ethiopia's army and the Tigrayan forces agreed", "BEIRUT — Lebanon and Israel agreed": a
                    # parse (often after a dateline) that joined the verb, not the subject, to the first noun;
                    # the noun right before "and" is a co-subject
                    prev = main.doc[cc.i - 1]
                    if prev.pos_ in ("NOUN", "PROPN") and prev.head.i != main.i:
                        actor_toks.append(prev)
                actor_toks += self._listed_before(subj)
        if not actor_toks and trig.i != main.i:
            actor_toks += [c for c in trig.children if c.dep_ in ("nmod:poss", "amod")]
        if not actor_toks and _common_noun(trig):
            actor_toks += [c for c in trig.children if c.dep_ in ("nmod:poss", "amod", "compound")]
            actor_toks += [c for c in trig.children if c.dep_ == "nmod" and _case_of(c) in ("by", "from")]
            between = [c for c in trig.children if c.dep_ == "nmod" and _case_of(c) == "between"]
            actor_toks += between
        if comp.complement is not None or (not _common_noun(trig) and comp.pattern.split(".")[0] in
                                           ("request", "threaten", "reject")):
            recipient_toks += self._frame_recipient(comp)
        else:
            recipient_toks += self._plain_recipient(main, trig, passive)
        if comp.event == "COOPERATE":  # partners in mutual cooperation are all actors
            partners = [c for c in main.children if c.dep_ == "obl" and _case_of(c) == "with"]
            actor_toks += partners
            recipient_toks = [t for t in recipient_toks if t.i not in {p.i for p in partners}]
        if not actor_toks and not passive and main.pos_ in ("VERB", "AUX", "ADJ"):
            actor_toks += self._leading_actor(main)
        actor_ids = {t.i for a in actor_toks for t in _own_phrase(a)}
        recipient_toks = [t for t in recipient_toks if t.i not in actor_ids]
        return actor_toks, recipient_toks

    def _listed_before(self, subj) -> list:
        """"Prime Minister Keir Starmer, President Emmanuel Macron, and President Donald Tusk demanded ...", parsed
        with the list broken and only the last name as subject: the names listed right before its "and", one
        after another with commas between, are co-subjects. When the parse hung the "and" on the subject one
        name before it is enough; otherwise it takes a list of three ("A, B, and C"), so that "Russia struck
        Ukraine, and Tusk demanded" stays two clauses."""
        if subj.dep_ not in SUBJ or any(c.dep_ == "conj" for c in subj.children):
            return []
        doc = subj.doc
        named = self._mention_at(subj.idx)
        first_tok = _token_at(doc, named.start) if named is not None else subj
        if first_tok is None or first_tok.i == 0 or doc[first_tok.i - 1].lower_ != "and":
            return []
        cc = doc[first_tok.i - 1]
        out = []
        k = cc.i - 1
        while k >= subj.sent.start:
            if doc[k].text == ",":
                k -= 1
                continue
            mention = self.mention_by_end.get(doc[k].idx + len(doc[k].text))
            first = _token_at(doc, mention.start) if mention is not None else None
            if first is None or first.i < subj.sent.start:
                break
            out.append(first)
            if first.i == 0 or doc[first.i - 1].text != ",":
                break  # a list goes on only past a comma
            k = first.i - 1
        on_subject = cc.head.i == subj.i and cc.dep_ == "cc"
        return out if on_subject or len(out) >= 2 else []

    def _mention_at(self, offset: int) -> Mention | None:
        """The actor mention that covers the character ``offset`` (the longest, when mentions nest)."""
        hi = bisect.bisect_right(self.mention_starts, offset)
        covering = [m for m in self.mentions[max(0, hi - 4):hi] if m.end > offset]
        return max(covering, key=lambda m: m.end - m.start, default=None)

    def _speech_subject(self, main) -> list[Entity]:
        t = main
        for _ in range(6):
            if t.dep_ in SPEECH_DEPS and self.lemma(t.head) in self.d.speech_verbs:
                subj = _subject_token(t.head)
                return self._entities_of_tokens([subj]) if subj is not None else []
            if t.dep_ == "acl:relcl" and t.head.dep_ in ("obl", "obl:unmarked") and \
                    self.lemma(t.head.head) in self.d.speech_verbs:
                subj = _subject_token(t.head.head)
                return self._entities_of_tokens([subj]) if subj is not None else []
            if t.head.i == t.i:
                break
            t = t.head
        return []

    def _first_entity_after(self, main, trig, actor_toks, event: str) -> list[Entity]:
        """The first actor named after the trigger in its own clause: the recipient when no argument gave one.
        A place that only says where the event happened is none ("met in Doha" has no recipient in Qatar),
        except for an attack, protest or deployment, which is aimed at the place, or beside an object."""
        sent = main.sent
        actor_ids = {t.i for a in actor_toks for t in _own_phrase(a)}
        for m in self._mentions_in(trig.idx + len(trig.text), sent.end_char):
            tok = _token_at(main.doc, m.start)
            if tok is None or tok.i in actor_ids:
                continue
            if _in_clause(tok, main):
                return [dataclasses.replace(m.entity)]
            return []
        for p in self._places_in(trig.idx + len(trig.text), sent.end_char):
            tok = _token_at(main.doc, p.start)
            if tok is not None and p.country_code and tok.i not in actor_ids and _in_clause(tok, main):
                head = _name_head(tok)
                if event not in TARGETS_ARE_PLACES and _case_of(head) in WHERE_CASES and \
                        head.dep_.startswith("obl") and head.head.i in (main.i, trig.i) and \
                        not any(c.dep_ == "obj" and c.i != trig.i for c in main.children):
                    # where the event happened ("met in Doha", "held talks in Doha"); beside an object the
                    # place may be the object's ("lifted a curfew in Montenegro" is aimed at Montenegro)
                    continue
                return [Entity(code=p.country_code, sector=None, entity_text=p.text, start=p.start, end=p.end,
                               kind="place")]
        return []

    def _leading_actor(self, main) -> list:
        """When the parse gives the clause no subject, the first actor named before it that is not an argument."""
        sent = main.sent
        t = main
        while t.head.i != t.i:  # only when no clause above has a subject either: a parse that lost it
            t = t.head
            if _own_subject(t) is not None:
                return []
        for m in self._mentions_in(sent.start_char, main.idx):
            tok = _token_at(main.doc, m.start)
            if tok is None or not m.entity.code:
                continue  # a guess is only worth making with an actor we can name
            root = tok
            while root.dep_ in ("compound", "flat", "amod", "nmod:desc", "appos", "conj") and root.head.i != root.i:
                if self.analysis.dateline_at(root.head.idx) is not None:
                    return [root]  # the name hangs on the dateline: "Oct. 3—Turkish President Erdogan ... offered"
                root = root.head
            if root.dep_ in ("ROOT", "nsubj", "nsubj:outer", "dislocated"):
                return [root]
            if root.pos_ == "PROPN" and root.head.dep_ == "ROOT" and root.head.pos_ not in ("VERB", "AUX"):
                return [root]  # a dateline became the root: "May 11—Russian President Vladimir Putin ..."
        return []

    def _plain_recipient(self, main, trig, passive: bool) -> list:
        out = []
        if _verb_read_as_modifier(main):
            out.append(main.head)  # "Russia struck Ukraine" parsed as "Russia [struck Ukraine]"
        if not passive:
            out += [c for c in main.children if c.dep_ in ("obj", "iobj") and c.i != trig.i]
        out += [c for c in main.children if c.dep_ in ("obl",) and _case_of(c) in RECIPIENT_CASES and not _absolute(c)]
        if trig.i != main.i:
            out += [c for c in trig.children if c.dep_ in ("nmod",) and _case_of(c) in RECIPIENT_CASES]
            if trig.dep_ == "obj" and not out:
                out += [c for c in main.children if c.dep_ == "iobj"]
        return out

    def _frame_recipient(self, comp: Composite) -> list:
        """Who a demand, refusal, threat or offer is directed at."""
        main = comp.main
        inner = comp.complement
        frame = comp.pattern.split("+")[0].split(".")[0]
        skip = {inner.trigger.i, inner.main.i} if inner is not None else set()
        explicit = []
        for c in main.children:
            if c.i in skip:
                continue
            if c.dep_ in ("obj", "iobj") or (c.dep_ in ("obl", "nmod") and _case_of(c) in
                                              ("on", "upon", "from", "to", "with", "against") and not _absolute(c)):
                explicit.append(c)
        explicit = [c for c in explicit if self._entities_of_phrase(c)]
        if explicit:
            return explicit
        if comp.event in ("REQUEST", "THREATEN") or frame in ("request", "threaten"):
            # "demanded that Putin agree": the one asked is the subject of the demanded clause
            clauses = [c for c in main.children if c.dep_ in ("ccomp", "acl", "xcomp")]
            if inner is not None:
                clauses.insert(0, inner.main)
            for clause in clauses:
                subj = _own_subject(clause)
                if subj is not None and self._entities_of_phrase(subj):
                    return [subj]
        if inner is None or frame == "accuse":
            return []  # the accused is the object; who suffered the alleged act is not the recipient
        inner_actor, inner_recipient = self._roles(inner)
        if frame == "reject" and _common_noun(inner.trigger) and inner_actor:
            return inner_actor  # "rejected an Indian proposal": the proposer
        return inner_recipient

    def _entities_of_tokens(self, toks) -> list[Entity]:
        entities: list[Entity] = []
        seen = set()
        for tok in toks:
            for ent in self._entities_of_phrase(tok):
                # "both sides" is one phrase and two actors: the same text, two knowledge-base ids
                key = (ent.code, ent.actor_id, ent.sector, ent.entity_text, ent.start)
                if key not in seen:
                    seen.add(key)
                    entities.append(ent)
        return entities

    def _entities_of_phrase(self, tok) -> list[Entity]:
        """The actors named by the phrase ``tok`` heads (fresh copies: callers may change them)."""
        found = self._phrase_entities.get(tok.i)
        if found is None:
            found = self._phrase_entities[tok.i] = self._find_entities_of_phrase(tok)
        return [dataclasses.replace(e) for e in found]

    def _find_entities_of_phrase(self, tok) -> list[Entity]:
        if _struck_object(tok) is not None:
            return self._entities_in(tok, _own_phrase(tok))
        if any(c.dep_ in ("appos", "nmod") for c in tok.children):
            # "Pakistan, a key U.S. ally, ...", "the Turkish and Greek sides of Cyprus": an apposition or a
            # prepositional modifier counts only when the head itself names no one ("leaders of Romania")
            core = self._entities_in(tok, _phrase(tok, skip_appos=True, skip_nmod=True))
            if core:
                # "Libyan leader Muammar Gaddafi and Bulgarian President Todor Zhivkov": the parse may hang the
                # second conjunct on the name in apposition; it is still a conjunct of the whole phrase
                for app in (c for c in tok.children if c.dep_ == "appos"):
                    if any(t.dep_ == "cc" and t.i < app.i and t.lower_ in ("and", "&") for t in app.subtree):
                        # "... and Ethiopian Prime Minister Abiy Ahmed" parsed as an apposition: a conjunct
                        core += [e for e in self._entities_in(app, _phrase(app)) if e not in core]
                        continue
                    for conj in (c for c in app.children if c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN")):
                        core += [e for e in self._entities_in(conj, _phrase(conj)) if e not in core]
                # "the foreign ministers of Armenia and Azerbaijan": the role names the first state; the
                # states joined to it hold the same role
                for owner in (c for c in tok.children if c.dep_ == "nmod" and _case_of(c) == "of"):
                    if any(e.start is not None and e.start <= owner.idx < e.end for e in core):
                        for conj in (c for c in owner.children if c.dep_ == "conj" and c.pos_ == "PROPN"):
                            core += [e for e in self._entities_in(conj, _phrase(conj)) if e not in core]
                return core
        return self._entities_in(tok, _phrase(tok))

    def _entities_in(self, tok, phrase) -> list[Entity]:
        if not phrase:
            return []
        ids = {t.i for t in phrase}
        doc = tok.doc
        start = min(t.idx for t in phrase)
        end = max(t.idx + len(t.text) for t in phrase)
        # a mention may run past the phrase when the parse splits a name ("Palestinian leader | Yasser Arafat")
        mentions = self._mentions_in(start, end, whole=False)
        # ... or start before it: "Azerbaijani | forces" when the parse hangs the adjective on the verb
        lo = bisect.bisect_left(self.mention_starts, start)
        covering = [m for m in self.mentions[max(0, lo - 3):lo] if m.start < tok.idx < m.end
                    and m.start >= tok.sent.start_char]
        if covering:
            ids = ids | {t.i for t in doc[_token_at(doc, covering[-1].start).i:tok.i]}
            mentions = covering[-1:] + mentions
        out = []
        last_end = -1
        last_span = None
        for m in mentions:
            first = _token_at(doc, m.start)
            if first is None or first.i not in ids:
                continue
            if m.start < last_end and (m.start, m.end) != last_span:
                continue
            last_end = m.end
            last_span = (m.start, m.end)
            out.append(dataclasses.replace(m.entity))
        if out:
            return out
        if len(phrase) == 1 and tok.lower_ in FIRST_PERSON:
            speaker = self._quote_speaker(tok.idx)
            if speaker is not None:
                return [dataclasses.replace(speaker[0])]
        # a place name with no actor mention: the state it lies in ("demonstrators in Baghdad")
        for p in self._places_in(start, end):
            first = _token_at(doc, p.start)
            if first is not None and first.i in ids and p.country_code:
                out.append(Entity(code=p.country_code, sector=None, entity_text=p.text, identifier_text=None,
                                  start=p.start, end=p.end, kind="place"))
        return out

    def _mentions_in(self, start: int, end: int, whole: bool = True) -> list[Mention]:
        """Mentions starting in ``[start, end)``; with ``whole``, only those that also end there."""
        lo = bisect.bisect_left(self.mention_starts, start)
        hi = bisect.bisect_left(self.mention_starts, end)
        inside = [m for m in self.mentions[lo:hi] if m.end <= end or not whole]
        inside.sort(key=lambda m: (m.start, -(m.end - m.start)))
        return inside

    def _quote_speaker(self, offset: int):
        for q in self.quotes:
            if q.start <= offset < q.end and q.speaker is not None:
                return q.speaker, q.id
            if q.start > offset:
                break
        return None

    def _places_in(self, start: int, end: int) -> list[Place]:
        return [p for p in self.all_places if p.start >= start and p.end <= end]

    # ------------------------------------------------------------------ modality, date, place, speaker
    def _modality(self, main, comp: Composite) -> list[str]:
        modality = []
        chain = [main]
        # "would not meet", "did not offer to meet": look at the head of a control chain too
        if main.dep_ == "xcomp" and main.head.pos_ in ("VERB", "ADJ", "AUX"):
            chain.append(main.head)
        negated = any(_negated(t) for t in chain) or (_common_noun(comp.trigger) and any(
            c.lower_ == "no" for c in comp.trigger.children if c.dep_ == "det"))
        if negated:
            modality.append("negated")
        auxes = {c.lower_ for t in chain for c in t.children if c.dep_ in ("aux", "aux:pass")}
        if auxes & FUTURE_AUX or _going_to(main) or _forecast(main, comp.event):
            modality.append("future")
        if auxes & HYPOTHETICAL_AUX or _conditional(main):
            modality.append("hypothetical")
        return modality

    def _reported(self, tok) -> bool:
        """Whether ``tok`` sits in the complement of a speech verb ("said they would meet")."""
        t = _lifted_conj(tok) or tok
        for _ in range(6):
            if t.dep_ in SPEECH_DEPS and self.lemma(t.head) in self.d.speech_verbs:
                return True
            if t.dep_ == "acl:relcl" and t.head.dep_ in ("obl", "obl:unmarked") and \
                    self.lemma(t.head.head) in self.d.speech_verbs:
                return True  # a parse that hangs the reported clause on "said on Wednesday"
            if t.head.i == t.i:
                return False
            t = t.head
        return False

    def _date(self, comp: Composite, sent, anchors, modality) -> str | None:
        own = None
        hosted = None
        general = None
        host = _host_predicates(comp.main, comp.event)
        for tx in self._times_in(sent.start_char, sent.end_char):
            if self.analysis.dateline_at(tx.start) is not None:
                # the report's date, not the event's, wherever the parse hung it: "March 3—X and Y agreed on
                # Friday" happened on Friday; the dateline dates the event only when the sentence does not
                general = general or tx
                continue
            anchor = _anchor(sent.doc, tx.end - 1, anchors)
            last = _token_at(sent.doc, tx.end - 1)
            if anchor is not None and last is not None and anchor.i > last.i and any(
                    t.text == "," for t in sent.doc[last.i + 1:anchor.i]):
                # "struck camps on Tuesday, a week after gunmen killed ...": a parse that hangs the time on the
                # clause after the comma; it ends the clause before it
                before = [a for a in anchors if sent.start <= a < last.i]
                anchor = sent.doc[max(before)] if before else anchor
            if anchor is not None and anchor.i in (comp.main.i, comp.trigger.i):
                own = own or tx
            elif anchor is not None and anchor.i in host:
                hosted = hosted or tx
            elif anchor is None:
                general = general or tx
        chosen = own or hosted or general
        when = chosen.date if chosen else None
        future = "future" in modality or "hypothetical" in modality
        if when and self.published and not future and date.fromisoformat(when) > self.published:
            when = self.published.isoformat()  # a report cannot state as done what has not happened yet
        if when is None and self.published and not future:
            when = self.published.isoformat()
        return when

    def _times_in(self, start: int, end: int) -> list[TimeExpression]:
        return [t for t in self.times if t.start >= start and t.end <= end and t.date]

    def _place(self, comp: Composite, sent, anchors) -> Place | None:
        own = None
        general = None
        allowed = {comp.main.i, comp.trigger.i}
        inner = comp.complement
        while inner is not None:
            allowed |= {inner.main.i, inner.trigger.i}
            inner = inner.complement
        for p in self.places:
            if p.start < sent.start_char or p.end > sent.end_char:
                continue
            tok = _token_at(sent.doc, p.end - 1)  # the last word of a name is its head in English
            if tok is None:
                continue
            if not _locative(tok) and not (comp.event in TARGETS_ARE_PLACES and _target(tok, allowed)):
                continue
            if _origin_of_a_noun(tok, allowed):
                continue  # "negotiators from Russia met in Doha": where the negotiators come from
            anchor = _anchor(sent.doc, p.end - 1, anchors)
            if _in_modifier_clause(tok, anchor):
                continue  # "China, which has close ties to Pakistan, called on ...": about the actor, not the event
            if anchor is not None and anchor.i in allowed:
                own = own or p
            elif anchor is None:
                general = general or p
        return own or general

    def _speaker(self, main, record: Sentence):
        for q in self.quotes:
            if q.start <= main.idx < q.end and q.speaker is not None:
                return q.speaker, q.id
            if q.start > main.idx:
                break
        t = _lifted_conj(main) or main
        for _ in range(6):
            if t.dep_ in ("ccomp", "parataxis") and self.lemma(t.head) in self.d.speech_verbs:
                subj = _subject_token(t.head)
                if subj is not None:
                    ents = self._entities_of_phrase(subj)
                    if ents:
                        return ents[0], None
                return None, None
            if t.head.i == t.i:
                break
            t = t.head
        return None, None

    # ------------------------------------------------------------------ "X said Y must ..."
    def _deontic_only(self, sent, record: Sentence, by_index, skip=frozenset(), protests=()) -> list[Event]:
        """REQUESTs stated as obligations in reported speech or quotes: "Russia said Sudan must return ..."."""
        out = []
        for tok in self._tokens[sent.start:sent.end]:
            if tok.lower_ not in self.d.deontic or tok.dep_ != "aux":
                continue
            verb = tok.head
            if any(_dominates(p, verb) for p in protests):
                continue  # the demand a protest makes is part of the protest
            subj = _own_subject(verb)
            if subj is None or subj.lower_ in ("we", "i", "it", "there", "this", "that", "you"):
                continue
            speaker = None
            source_id = None
            if verb.dep_ in ("ccomp", "parataxis") and self.lemma(verb.head) in self.d.speech_verbs:
                s_subj = _subject_token(verb.head)
                speaker_ents = self._entities_of_tokens([s_subj]) if s_subj is not None else []
            else:
                speaker_ents = []
                for q in self.quotes:
                    if q.start <= verb.idx < q.end and q.speaker is not None:
                        speaker_ents, source_id = [q.speaker], q.id
                        break
            if not speaker_ents:
                continue
            speaker = speaker_ents[0]
            recipient = self._entities_of_tokens([subj])
            if not recipient or {e.code for e in recipient} <= {e.code for e in speaker_ents}:
                continue
            inner = by_index.get(verb.i)
            mode = "change"
            pattern = "request.deontic"
            if inner is not None:
                content = inner.pattern.event
                modes = self.d.complement_modes.get("REQUEST", {})
                mode = modes.get(content, modes.get("default"))
                pattern += "+" + inner.pattern.id
            if verb.i in skip and inner is not None and inner.pattern.frame is not None:
                continue
            negated = _negated(verb)
            when = self.published.isoformat() if self.published else None
            out.append(Event(
                id="", article_id=self.analysis.article.id, date=when, event=["REQUEST"], mode=[mode] if mode else [],
                context=sorted(self._contexts(sent)), actor=[dataclasses.replace(e) for e in speaker_ents],
                recipient=recipient, event_loc=None, event_text=record.text,
                text_info={"start": record.start, "end": record.end},
                cameo=self.d.cameo_composite.get(f"REQUEST.{mode}", "100"),
                modality=["negated"] if negated else [], cite_info=dict(self.cite),
                trigger={"text": tok.text, "start": tok.idx, "end": tok.idx + len(tok.text)},
                source_id=source_id, speaker=speaker, sentence_index=record.index, pattern=pattern,
            ))
        return out


# ---------------------------------------------------------------------- parse helpers
def _lemma_candidates(word: str) -> list[str]:
    """Lemmas a verb or plural form may have, for when the statistical lemmatizer slips ("ruled" -> "rul")."""
    out = []
    if word.endswith("ing") and len(word) > 5:
        stem = word[:-3]
        out += [stem, stem + "e"]
        if len(stem) > 2 and stem[-1] == stem[-2]:
            out.append(stem[:-1])
    if word.endswith("ied") and len(word) > 4:
        out.append(word[:-3] + "y")
    if word.endswith("ed") and len(word) > 4:
        stem = word[:-2]
        out += [stem, word[:-1]]
        if len(stem) > 2 and stem[-1] == stem[-2]:
            out.append(stem[:-1])
    if word.endswith("ies") and len(word) > 4:
        out.append(word[:-3] + "y")
    if word.endswith("es") and len(word) > 4:
        out.append(word[:-2])
    if word.endswith("s") and len(word) > 3:
        out.append(word[:-1])
    return out


def _unique(entities: list[Entity]) -> list[Entity]:
    """The entities once each: a party named twice ("India ... India", "New Delhi ... India") is one party."""
    out: list[Entity] = []
    seen = set()
    for e in entities:
        if not e.code:
            key = (None, None, e.start)
        elif e.kind == "state":  # "New Delhi" and "India" are one state
            key = (e.code, e.sector, "state")
        else:
            key = (e.code, e.sector, (e.entity_text or "").lower())
        if key in seen:
            continue
        seen.add(key)
        out.append(e)
    return out


def _same_party(actor: Entity, other: Entity) -> bool:
    """Whether ``other`` is the actor itself (same words) or the same state's same sector ("Erdogan" / "Ankara")."""
    if not actor.code or actor.code != other.code:
        return False
    if (actor.entity_text or "").lower() == (other.entity_text or "").lower():
        return True
    # the state stands for its government: a leader and his capital or country are one party; two people or
    # groups of one country and sector are not ("the president dismissed his defence minister")
    return actor.sector is not None and actor.sector == other.sector and "state" in (actor.kind, other.kind)


def _absolute(tok) -> bool:
    """ "with both sides charging ...": a with-phrase that carries its own verb."""
    return _case_of(tok) in ("with", "without") and any(c.dep_ in ("acl", "advcl") and c.tag_ == "VBG"
                                                         for c in tok.children)


def _content_tokens(tok) -> list:
    """What a frame frames: the complement's tokens, without relative clauses, side clauses and
    parentheticals hanging off it ("a ceasefire, which Putin has rejected", "with both sides charging")."""

    def prune(_parent, c) -> bool:
        return _absolute(c) or c.dep_ in ("acl:relcl", "advcl:relcl", "parataxis", "dep", "list") or (
            c.dep_ == "advcl" and not any(m.dep_ == "mark" and m.lower_ in CONDITIONAL_MARKS | {"to"}
                                          for m in c.children))

    return _pruned_subtree(tok, prune)


def _pruned_subtree(tok, prune) -> list:
    """``tok`` and its descendants, leaving out every child (and what hangs off it) that
    ``prune(parent, child)`` rejects."""
    out = []
    stack = [tok]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if not prune(t, c))
    return out


def _inside_argument_modifier(tok, mains) -> bool:
    """Whether ``tok`` is in a participle modifier (acl) of a noun that is an argument of another event:
    "hosted X for a meeting aimed at establishing ties", "prevented the demonstration staged to protest"."""
    t = tok
    for _ in range(4):
        if t.dep_ == "acl" and _case_of(t.head) not in ("with", "without") and \
                t.head.dep_ in ("obl", "obj", "nmod", "nsubj:pass") and any(
                a.i in mains for a in list(t.head.ancestors)[:3]):
            return True
        if t.head.i == t.i or t.i in mains and t.i != tok.i:
            return False
        t = t.head
    return False


def _deontic_clause(tok, deontic) -> bool:
    """Whether ``tok`` is under must/should ("must allocate resources to help")."""
    t = tok
    for _ in range(3):
        if any(c.dep_ == "aux" and c.lower_ in deontic for c in t.children):
            return True
        if t.dep_ not in ("xcomp", "advcl") or t.head.i == t.i:
            return False
        t = t.head
    return False


def _dominates(top, tok) -> bool:
    t = tok
    for _ in range(30):
        if t.i == top.i:
            return True
        if t.head.i == t.i:
            return False
        t = t.head
    return False


def _in_clause(tok, main) -> bool:
    """Whether ``tok`` belongs to the clause of ``main`` and not to a clause inside it."""
    t = tok
    for _ in range(30):
        if t.i == main.i:
            return True
        if t.dep_ in ("ccomp", "parataxis", "acl:relcl", "advcl", "csubj", "advcl:relcl", "acl") or t.head.i == t.i:
            return False
        if _absolute(t):
            return False
        if t.dep_ == "conj" and t.pos_ in ("VERB", "AUX"):
            return False  # "X welcomed it, but Y said ...": another clause
        t = t.head
    return False


def _in_modifier_clause(tok, top) -> bool:
    """Whether ``tok`` sits in a relative clause or an apposition on its way up to ``top`` (or the root)."""
    t = tok
    for _ in range(30):
        if top is not None and t.i == top.i:
            return False
        if t.dep_ in ("acl:relcl", "advcl:relcl", "appos") and t.head.lower_ not in ("what", "whatever"):
            return True  # a free relative ("struck what it called camps in X") is the object itself
        if t.head.i == t.i:
            return False
        t = t.head
    return False


def _stated_fact(verb) -> bool:
    """Whether ``verb`` heads a finite clause that states what happened ("that Iran had approved it"), which
    a demand cannot ask for; a demanded clause is subjunctive, modal or an infinitive ("that Putin agree")."""
    if verb.dep_ not in ("ccomp", "parataxis"):
        return False
    auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "aux:pass")}
    if auxes & {"had", "has", "have", "did", "does", "was", "were", "is", "are"}:
        return True
    return verb.tag_ in ("VBD", "VBZ") and not auxes


def _depth(tok) -> int:
    depth = 0
    while tok.head.i != tok.i and depth < 50:
        tok = tok.head
        depth += 1
    return depth


def _case_of(tok) -> str | None:
    for c in tok.children:
        if c.dep_ == "case":
            return c.lower_
    return None


def _attached_words(tok, skip=frozenset()) -> set[str]:
    words = {c.lower_ for c in tok.children if c.dep_ in PRT_DEPS and c.i not in skip}
    for c in tok.children:
        if c.i in skip:
            continue
        if c.dep_ in ("obl", "obj", "nmod", "xcomp", "advcl", "ccomp"):
            words |= {g.lower_ for g in c.children if g.dep_ in ("case", "mark")}
        if c.dep_ in ("obj", "xcomp", "obl"):
            words.add(c.lemma_.lower())
    return words


def _argument_lemmas(tok) -> set[str]:
    """The lemmas of what ``tok`` acts on: its object, passive subject and prepositional arguments. Beside a
    direct object, a phrase of place or time is no such argument ("break the stalemate in the negotiations"
    breaks the stalemate, not the negotiations)."""
    out = set()
    has_object = any(c.dep_ == "obj" for c in tok.children)
    for c in tok.children:
        if has_object and c.dep_ == "obl" and _case_of(c) in CIRCUMSTANCE_CASES:
            continue
        if c.dep_ in ARG_DEPS or (c.dep_ == "nsubj" and tok.pos_ == "ADJ") or (
                c.dep_ == "obl:agent" and _active_with_by_phrase(tok)) or (
                c.dep_ == "advcl" and c.pos_ == "NOUN"):  # "return to Geneva for talks", parsed as a clause
            for x in _with_conjuncts(c):
                out.add(x.lemma_.lower())
                out.add(x.lower_)
                out.update(_lemma_candidates(x.lower_))
                out |= {g.lemma_.lower() for g in x.children
                        if g.dep_ in ("compound", "amod") or (g.dep_ == "nmod" and _case_of(g) == "of")}
    if tok.dep_ == "acl:relcl":  # "the truce he had put into effect": the noun the clause modifies
        out.add(tok.head.lemma_.lower())
    if tok.dep_ == "acl" and tok.tag_ == "VBN" or _verb_read_as_modifier(tok):  # "the sanctions imposed on
        out.add(tok.head.lemma_.lower())  # Russia"; "Russia struck Ukraine" read as "Russia [struck Ukraine]"
    return out


def _with_conjuncts(tok) -> list:
    out = [tok]
    for c in tok.children:
        if c.dep_ == "conj":
            out.extend(_with_conjuncts(c))
    return out


def _lifted_conj(tok):
    """The verb a conjunct really coordinates with, when the parse put it in the wrong clause. In "said the army would attend but demanded that ..." the
    parse joins the past-tense "demanded" to the modal "would attend" inside the reported clause, but a past
    tense cannot share "would": it is the speaker's second act, coordinated with "said"."""
    head = tok.head
    if tok.dep_ == "conj" and tok.tag_ == "VBD" and head.tag_ == "VB" and head.dep_ in ("ccomp", "parataxis") \
            and any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX | HYPOTHETICAL_AUX for c in head.children) \
            and not any(c.dep_ in SUBJ for c in tok.children):
        return head.head
    return None




def _past_dateline(subj, dateline: tuple[int, int] | None):
    """The real subject when the parse made a dateline the subject.

    "May 11—Russian President Vladimir Putin ... moved": the parser takes "11" as the
    subject and hangs the name on it. The subject is then the phrase right after the
    dateline (``Analysis.dateline_at``) that opens the sentence.
    """
    if dateline is None:
        return subj
    end = dateline[1]
    after = [t for t in subj.subtree if t.idx >= end and t.head.idx < end and t.pos_ in ("PROPN", "NOUN", "PRON")]
    return after[0] if after else subj


def _own_subject(verb):
    for c in verb.children:
        if c.dep_ in SUBJ or c.dep_ in PASS_SUBJ:
            return c
    return None


def _subject_token(verb):
    """The subject of ``verb``, following control, conjunction and relative clauses."""
    tok = verb
    for _ in range(6):
        for c in tok.children:
            if c.dep_ in SUBJ and not _subject_of_misread_verb(c):
                if c.lower_ in RELATIVE_PRONOUNS and tok.dep_ == "acl:relcl":
                    return tok.head
                return c
        dep = tok.dep_
        head = tok.head
        if head.i == tok.i:
            return None
        if _verb_read_as_modifier(tok):
            return tok.doc[tok.i - 1]  # "Russia struck Ukraine" parsed as "Russia [struck Ukraine]"
        subject = _subject_after_subordinator(tok)
        if subject is not None:
            return subject
        if dep == "xcomp":
            objs = [c for c in head.children if c.dep_ in ("obj", "iobj")]
            if objs and head.lemma_.lower() not in ("promise", "offer", "vow", "pledge", "threaten"):
                return objs[0]  # object control: "urged Ukraine to accept"
            if _is_passive(head):
                passive = [c for c in head.children if c.dep_ in PASS_SUBJ]
                if passive:
                    return passive[0]
        elif dep == "conj" and head.pos_ in ("VERB", "AUX", "ADJ"):
            lifted = _lifted_conj(tok)
            shared = [c for c in head.children if c.dep_ in PASS_SUBJ]
            if lifted is None and shared and not _is_passive(tok):
                return shared[0]  # "the prime minister has been indicted and will resign": he resigns
            head = lifted or head
        elif dep == "acl" and _active_participle(tok) or dep == "advcl" and _hung_on_relative_clause(tok):
            t = head
            for _ in range(8):  # "Egypt, which has close ties to Sudan, called ...": the parse hung "called" on
                if t.dep_ == "acl:relcl":  # a noun of the relative clause, or on its verb ("has"); the subject
                    head = t.head  # is what the clause describes
                    break
                if t.head.i == t.i:
                    break
                t = t.head
            while head.dep_ == "conj" and head.head.i != head.i:
                head = head.head  # "Ethiopia's army and the Tigrayan forces agreed ...": the first conjunct
            return head
        elif dep in ("advcl", "acl") and tok.tag_ == "VBN" and not any(c.dep_ == "aux" for c in tok.children):
            return None  # a passive participle: its subject is the patient, not the actor
        elif dep == "acl" and head.lemma_.lower() in DOCUMENT_NOUNS and head.head.pos_ in ("VERB", "AUX"):
            head = head.head  # "issued a declaration demanding ...": the one who issued it demands
        elif dep == "advcl" and tok.tag_ == "VBG" and _is_passive(head) and _agent(head) is not None:
            return _agent(head)  # "was attacked by militiamen, killing 156": the attackers killed them
        elif dep in ("advcl", "acl") and (tok.tag_ in ("VBG", "VBN") or tok.pos_ == "VERB"):
            if dep == "acl":
                return head if head.pos_ in ("NOUN", "PROPN", "PRON") and tok.tag_ != "VBN" else None
        elif dep == "acl:relcl":
            return head
        else:
            return None
        tok = head
    return None


def _clause_of_noun(tok) -> bool:
    """Whether ``tok`` sits in a clause that modifies a noun, possibly through control or coordination
    ("a resolution that aims to tighten sanctions and impose a blockade")."""
    t = tok
    for _ in range(6):
        if t.dep_ in ("acl:relcl", "acl", "advcl"):
            return True
        if t.dep_ not in ("xcomp", "conj") or t.head.i == t.i:
            return False
        t = t.head
    return False


def _subject_after_subordinator(tok):
    """"The fighting began after Israel struck militant camps", parsed with "after" a preposition, "Israel" its
    object and "struck" a clause of "began": a past verb with an object and no subject of its own, right after
    a noun that hangs on the same head through a subordinator, has that noun as its subject."""
    if tok.dep_ not in ("xcomp", "advcl") or tok.tag_ not in ("VBD", "VBN") or tok.i == 0:
        return None
    if any(c.dep_.startswith(("nsubj", "aux")) for c in tok.children) or not any(c.dep_ == "obj" for c in tok.children):
        return None
    noun = tok.doc[tok.i - 1]
    if noun.head.i != tok.head.i or noun.dep_ != "obl" or noun.pos_ not in ("NOUN", "PROPN", "PRON"):
        return None
    return noun if _case_of(noun) in SUBORDINATORS else None


def _common_noun(tok) -> bool:
    """A common noun, also where the morphologizer called it a name: a lower-case PROPN, or one the tagger
    tags NN / NNS (a sentence-initial "Talks between Serbia and Kosovo")."""
    return tok.pos_ == "NOUN" or tok.pos_ == "PROPN" and (tok.is_lower or tok.tag_ in ("NN", "NNS"))


def _hung_on_relative_clause(tok) -> bool:
    """A main verb the parse hung on the verb of a relative clause before it: "Turkey, which has close ties
    to Azerbaijan, called on both sides to show restraint", with "called" an adverbial clause of "has". The
    verb follows the clause's closing comma, is a past form with no subject or auxiliary of its own, and
    takes an object or a clause (a passive participle has none). The parse may hang it deeper in the clause:
    "Kellogg, whom Trump has assigned to handle the Ukrainian side, backed Zelenskyy", on "handle"."""
    clause = tok.head
    for _ in range(3):
        if clause.dep_ not in ("xcomp", "ccomp", "advcl") or clause.head.i == clause.i:
            break
        clause = clause.head
    if tok.dep_ != "advcl" or clause.dep_ != "acl:relcl" or clause.head.i > clause.i or tok.i < clause.i or \
            tok.tag_ not in ("VBN", "VBD"):
        return False
    if tok.i == 0 or tok.doc[tok.i - 1].text != ",":
        return False
    return not any(c.dep_.startswith(("nsubj", "aux", "obl:agent")) for c in tok.children) and any(
        c.dep_ in ("obj", "xcomp", "ccomp") or c.dep_ == "advcl" and c.tag_ == "VB" and any(
            m.lower_ == "to" and m.dep_ == "mark" for m in c.children) for c in tok.children)


def _subject_of_misread_verb(tok) -> bool:
    """Whether ``tok`` is the subject of the verb right after it that the parse read as a modifier: "Russia
    struck Ukraine, and Tusk demanded ..." with "Russia" hung on "demanded" as a second subject."""
    return tok.i + 1 < len(tok.doc) and _verb_read_as_modifier(tok.doc[tok.i + 1])


def _struck_object(tok):
    """The conjunct of ``tok`` that is really the object of a verb read as its modifier: "Russia struck Ukraine,
    and ..." parsed with "Ukraine" a conjunct of "Russia" and "struck" a modifier of "Ukraine"."""
    return next((c for c in tok.children if c.dep_ == "conj" and any(
        g.i == tok.i + 1 and _verb_read_as_modifier(g) for g in c.children)), None)


def _own_phrase(tok) -> list:
    """``_phrase(tok)`` without a conjunct that is the object of a verb read as a modifier (``_struck_object``)."""
    struck = _struck_object(tok)
    if struck is None:
        return _phrase(tok)
    out = {t.i for t in struck.subtree}
    return [t for t in _phrase(tok) if t.i not in out]


def _verb_read_as_modifier(tok) -> bool:
    """A past verb between two nouns that the parse read as an adjective of the second: "Russia struck
    Ukraine" as "Russia [struck Ukraine]". The word is tagged a verb, right after a noun or name and right
    before the noun it modifies, with no determiner or other modifier in between; the noun before is its
    subject and the noun after its object ("the wounded soldiers" has no noun before the participle)."""
    if tok.dep_ != "amod" or tok.pos_ != "VERB" or tok.tag_ not in ("VBD", "VBN") or tok.i == 0:
        return False
    before, head = tok.doc[tok.i - 1], tok.head
    if before.pos_ not in ("PROPN", "NOUN") or before.dep_ not in ("compound", "nsubj", "nmod:desc", "amod") or \
            head.pos_ not in ("PROPN", "NOUN") or head.i <= tok.i:
        return False
    return all(t.dep_ in ("compound", "flat", "amod") and t.pos_ != "DET" for t in tok.doc[tok.i + 1:head.i])


def _active_participle(tok) -> bool:
    """A past tense the parse took for a participle modifier: "March 3—Ethiopia and Eritrea agreed on Friday to
    send envoys", where the dateline became the root and "agreed" an acl of "Eritrea". A participle that
    modifies a noun and takes a direct object or a to-infinitive of its own is an active verb ("Israeli jets
    struck positions" parsed as "jets [struck positions]"): a passive participle has no object."""
    return tok.dep_ == "acl" and tok.tag_ in ("VBN", "VBD") and tok.head.pos_ in ("NOUN", "PROPN") \
        and not any(c.dep_ in ("aux", "aux:pass", "obl:agent", "nsubj:pass") or (c.dep_ == "obl" and
                                                                                   _case_of(c) == "by")
                    for c in tok.children) \
        and any(c.dep_ == "obj" or c.dep_ in ("xcomp", "advcl") and c.tag_ == "VB" and any(
                    m.lower_ == "to" and m.dep_ == "mark" for m in c.children)
                for c in tok.children)


def _is_passive(tok) -> bool:
    if _active_participle(tok) or _hung_on_relative_clause(tok) or _active_with_by_phrase(tok):
        return False
    return any(c.dep_ in ("nsubj:pass", "aux:pass", "obl:agent") for c in tok.children) or (
        tok.tag_ == "VBN" and tok.dep_ in ("acl", "advcl") and not any(c.dep_ == "aux" for c in tok.children))


def _active_with_by_phrase(tok) -> bool:
    """"The ministers had spoken by phone": an active subject and perfect "had", the by-phrase read as an agent."""
    kids = [c.dep_ for c in tok.children]
    return "obl:agent" in kids and "nsubj" in kids and "aux:pass" not in kids and "nsubj:pass" not in kids


def _agent(tok):
    for c in tok.children:
        if c.dep_ == "obl:agent" or (c.dep_ == "obl" and _case_of(c) == "by"):
            return c
    return None


def _phrase(tok, skip_appos: bool = False, skip_nmod: bool = False) -> list:
    """The noun phrase of ``tok`` without relative clauses and other clauses hanging off it."""

    def prune(t, c) -> bool:
        if c.dep_ in STOP_DEPS or (skip_appos and c.dep_ == "appos"):
            return True
        if skip_nmod and t.i == tok.i and c.dep_ == "nmod" and _case_of(c) is not None:
            return True
        # "support for his war against X": X is not who the support is for
        return c.dep_ == "nmod" and t.i != tok.i and _case_of(c) in NESTED_CASES

    return _pruned_subtree(tok, prune)


def _clause_tokens(tok) -> list:
    """The tokens of ``tok``'s own clause: not those of clauses reported by it or hanging off it."""
    return _pruned_subtree(tok, lambda _t, c: c.dep_ in ("ccomp", "parataxis", "acl:relcl"))


def _negated(tok) -> bool:
    return any(c.lower_ in NEGATORS and c.dep_ in ("advmod", "det", "cc:preconj", "neg") for c in tok.children)


def _host_predicates(main, event_type: str) -> set[int]:
    """The clause a participle modifier's noun is the subject of: "the talks, mediated by X, are expected to
    open on March 20" — the mediation is of talks that open on March 20 (the predicate and its infinitives)."""
    if main.dep_ != "acl" or main.head.dep_ not in ("nsubj", "nsubj:pass") or not _forecast(main, event_type):
        return set()
    predicate = main.head.head
    return {predicate.i} | {c.i for c in predicate.children if c.dep_ == "xcomp"}


# the parts of speech a trigger can have (a PROPN only when written in lower case: "talks" mis-tagged)
TRIGGER_POS = frozenset(("VERB", "ADJ", "NOUN", "PROPN"))


def _schedules(tok) -> bool:
    """ "is expected to", "are scheduled to", "is due to", "is set to": a passive forecast with an infinitive."""
    if tok.lemma_.lower() not in SCHEDULING and tok.lower_ not in SCHEDULING:
        return False
    passive = any(c.dep_ in ("aux:pass", "nsubj:pass") for c in tok.children) or (
        tok.pos_ == "ADJ" and any(c.dep_ == "cop" for c in tok.children))
    return passive and any(c.dep_ == "xcomp" for c in tok.children)


def _scheduled(tok) -> bool:
    """Whether the event of ``tok`` is forecast ("talks are expected to open", "they are due to meet")."""
    head = tok.head
    if tok.dep_ == "xcomp" and _schedules(head):
        return True
    return tok.dep_ in ("nsubj:pass", "nsubj") and _schedules(head)


def _forecast(tok, event_type: str) -> bool:
    """A forecast event: scheduled itself, or the mediation or hosting of scheduled talks ("the talks, mediated
    by X, are expected to open": the mediation happens when the talks do). Other participles tell what came
    before: in "the truce, declared on Monday, is expected to hold" the declaration is done."""
    return _scheduled(tok) or (event_type == "CONSULT" and tok.dep_ == "acl" and _scheduled(tok.head))


def _going_to(tok) -> bool:
    head = tok.head
    return tok.dep_ == "xcomp" and head.lower_ == "going" and any(c.lower_ == "to" for c in tok.children)


def _conditional(tok) -> bool:
    t = tok
    for _ in range(4):
        if any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in t.children):
            return True
        # "would meet only after they agree": a temporal clause under a future, hypothetical or deontic verb
        if t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("after", "before", "once")
                                     for c in t.children):
            if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX | HYPOTHETICAL_AUX | {"must", "should"}
                   for c in t.head.children):
                return True
        if t.dep_ not in ("advcl", "conj", "xcomp") or t.head.i == t.i:
            return False
        t = t.head
    return False


def _locative(tok) -> bool:
    """Whether a place name is used as a location (after "in", "near" ... or as "the town of X")."""
    t = tok
    for _ in range(3):
        case = _case_of(t)
        if case in LOCATIVE_CASES:
            return True
        if case == "of" and t.head.lemma_.lower() in PLACE_NOUNS:
            t = t.head
            continue
        if t.dep_ in ("compound", "flat", "appos", "conj", "nmod:desc") and t.head.i != t.i:
            t = t.head
            continue
        return False
    return False


def _name_head(tok):
    """The head word of the name ``tok`` is part of ("Sharm el-Sheikh", "Kyiv's")."""
    t = tok
    for _ in range(4):
        if t.dep_ in ("compound", "flat", "nmod:desc") and t.head.i != t.i:
            t = t.head
        else:
            break
    return t


def _origin_of_a_noun(tok, allowed) -> bool:
    """A place that says where a person or thing comes from or is sent to ("negotiators from Russia", "the
    envoy to Ukraine"), hung on a noun that is not the event itself: no place of the event."""
    t = _name_head(tok)
    for _ in range(4):  # "from Russia and Ukraine"
        if t.dep_ not in ("conj", "appos") or t.head.i == t.i:
            break
        t = _name_head(t.head)
    return _case_of(t) in ("from", "to") and t.dep_ == "nmod" and t.head.i not in allowed and \
        t.head.pos_ in ("NOUN", "PROPN", "PRON")


def _target(tok, allowed) -> bool:
    """A place that is what is attacked, seized or blocked: "struck the port of Odesa", "bombardment of Gaza"."""
    t = tok
    for _ in range(4):
        if t.dep_ in ("obj", "nsubj:pass") and t.head.i in allowed:
            return True
        if t.dep_ == "nmod" and _case_of(t) in ("of", "on") and t.head.i in allowed:
            return True
        if t.dep_ in ("compound", "flat", "amod", "nmod:desc") or (t.dep_ == "nmod" and _case_of(t) == "of"):
            t = t.head
            continue
        return False
    return False


def _anchor(doc, offset: int, anchors: set[int]):
    """The nearest event token above the token at ``offset``, or None when none is on the way to the root."""
    tok = _token_at(doc, offset)
    if tok is None:
        return None
    steps = 0
    while steps < 30:
        if tok.i in anchors:
            return tok
        if tok.head.i == tok.i:
            return None
        tok = tok.head
        steps += 1
    return None


