"""Toponym detection: which stretches of an article's text name places.

The tagger's labels are a hint, not the decision: small foreign villages come out as ORG or
PERSON, and towns named after people come out as PERSON. A stretch becomes a toponym when

* the tagger calls it a place (GPE, LOC, FAC) and it is in the gazetteer (also by folded or fuzzy
  match), or it is not but its form or context marks it as a place;
* the tagger calls it something else (ORG, PERSON) or nothing (a capitalised run of tokens) but it
  is in the gazetteer *and* its context marks it as a place: a locative preposition before it
  ("in", "near", "towards"), a cue noun ("the village of X", "X region", "X settlement"), or a
  comma-joined region after it ("Columbus, Ohio");
* it is a nationality (NORP) with a known demonym ("Ukrainian" names Ukraine), or a postal-style
  abbreviation ("Ga.", "U.S.").

Names inside names are not places of the story: a place name that lies inside a longer person's
name (PERSON: "Jim Jordan") is dropped, and so is a bare surname of a person the document names
("Jordan said") unless its own context marks it as a place; one inside an organisation's name
(ORG: "The New York Times", "Florida Department of Health") is kept as a mention marked
``embedded``, which the ``places`` stage leaves out (the geoparsing gold annotates such names, so
the evaluation still sees them). Capitalised acronyms ("RAI", "BBC") match only a place whose
own name they spell, never a code or alternate name ("RAI" is Praia's airport code).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..lang.en.geo import ADMIN_NOUNS, LOCALITY_NOUNS, LOCATIVE, NOT_NAMES
from .gazetteer import Gazetteer, Match
from .normalize import exact_key

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
OTHER_LABELS = frozenset({"ORG", "PERSON", "NORP"})
_CUE_BEFORE = re.compile(rf"\b(?:the\s+)?({LOCALITY_NOUNS}|{ADMIN_NOUNS}|island|river|lake)"
                         r"\s+of\s*$", re.I)
_CUE_AFTER = re.compile(rf"^\s*({LOCALITY_NOUNS}|{ADMIN_NOUNS}|river|oblast)\b", re.I)
_LEAD = re.compile(rf"^(?:the\s+)?(?:(?:{LOCALITY_NOUNS}|{ADMIN_NOUNS}|island|river)\s+of\s+)?",
                   re.I)
_TRAIL = re.compile(rf"(?:['’]s|\s+(?:{LOCALITY_NOUNS}|{ADMIN_NOUNS}))$", re.I)
_LOCALITY = re.compile(rf"^(?:{LOCALITY_NOUNS})$", re.I)
#: A kind of place on its own ("Port authority", "Region officials") names no place.
_NOT_NAMES = NOT_NAMES | frozenset(LOCALITY_NOUNS.split("|")) | frozenset(ADMIN_NOUNS.split("|")) \
    | frozenset({"harbour", "harbor", "bay", "airport", "border", "pier", "terminal"})
_CONNECTORS = frozenset({"of", "de", "del", "upon", "on", "la", "le", "du", "al", "el"})


@dataclass
class Mention:
    start: int
    end: int
    surface: str  # the name as written, cue words and possessive removed
    label: str  # tagger label, "CAP" for a capitalised run, "ABBR" for an abbreviation
    cue: str | None = None  # "locality" | "admin" | "water" when a cue noun marks the kind
    locative: bool = False
    candidates: list[Match] = field(default_factory=list)
    within: str | None = None  # the region named after a comma ("Columbus, Ohio")
    embedded: str | None = None  # "ORG" when the name lies inside an organisation's name


def _cue_kind(word: str) -> str:
    word = word.lower()
    if re.fullmatch(LOCALITY_NOUNS, word):
        return "locality"
    if word in ("river", "lake", "island"):
        return "water" if word != "island" else "island"
    return "admin"


def _trim(text: str, start: int, end: int) -> tuple[int, int, str | None]:
    """Drop a leading "the city of" / trailing "region" or "'s"; return the cue they carried."""
    cue = None
    seg = text[start:end]
    m = _LEAD.match(seg)
    if m and m.end() < len(seg):
        words = m.group(0).split()
        if len(words) >= 2 and words[-1].lower() == "of":
            cue = _cue_kind(words[-2])
        start += m.end()
    seg = text[start:end]
    while True:
        m = _TRAIL.search(seg)
        if not m or m.start() == 0:
            break
        word = m.group(0).strip()
        if not word.startswith(("'", "’")):
            cue = _cue_kind(word)
        end = start + m.start()
        seg = text[start:end]
    return start, end, cue


def _context(text: str, start: int, end: int) -> tuple[bool, str | None]:
    """(locative word before, cue noun before or after)."""
    before = text[max(0, start - 40):start]
    after = text[end:end + 20]
    cue = None
    m = _CUE_BEFORE.search(before)
    if m:
        cue = _cue_kind(m.group(1))
    m2 = _CUE_AFTER.match(after)
    if m2 and not cue:
        cue = _cue_kind(m2.group(1))
    prev = re.findall(r"[A-Za-z]+", before[-25:])
    locative = bool(prev) and prev[-1].lower() in LOCATIVE
    return locative, cue


def _lookup(gaz: Gazetteer, surface: str, fuzzy: bool) -> list[Match]:
    hits = gaz.lookup(surface)
    if not hits and fuzzy:
        hits = gaz.fuzzy(surface)
    return hits


def detect(text: str, doc, gaz: Gazetteer) -> list[Mention]:
    """Toponym mentions in ``text`` (``doc`` is its spaCy parse), with gazetteer candidates."""
    mentions: list[Mention] = []
    taken = [False] * (len(text) + 1)

    def claim(m: Mention) -> None:
        mentions.append(m)
        for k in range(m.start, m.end):
            taken[k] = True

    place_surfaces = {e.text.lower() for e in doc.ents if e.label_ in PLACE_LABELS}
    for ent in doc.ents:
        label = ent.label_
        if label not in PLACE_LABELS and label not in OTHER_LABELS:
            continue
        for s, e in _split_commas(text, ent.start_char, ent.end_char):
            m = _entity_mention(text, s, e, label, gaz, place_surfaces)
            if m is not None and not any(taken[s:e]):
                claim(m)
    for m in _abbreviations(text, gaz):
        if not any(taken[m.start:m.end]):
            claim(m)
    for s, e in _capitalised_runs(doc):
        if any(taken[s:e]):
            continue
        m = _capitalised_mention(text, s, e, gaz)
        if m is not None:
            claim(m)
    for m in _repeats(text, mentions, taken):
        claim(m)
    mentions = _names_in_names(text, doc, mentions)
    mentions.sort(key=lambda m: m.start)
    _link_commas(text, mentions)
    return mentions


#: Most words a PERSON span may have to be read as a personal name (given, middle and family
#: name); longer title-case runs are headlines the tagger took for a name.
NAME_MAX_WORDS = 3


def _personal_name(ent) -> bool:
    """A PERSON span of two or three capitalised words and nothing else."""
    return 1 < len(ent) <= NAME_MAX_WORDS and all(tok.is_alpha and tok.is_title for tok in ent)


def _names_in_names(text: str, doc, mentions: list[Mention]) -> list[Mention]:
    """Drop place names inside people's names and bare surnames of people named in the
    document; mark those inside organisations' names as ``embedded``."""
    people, orgs, tagged_places = [], [], []
    for ent in doc.ents:
        if ent.label_ in PLACE_LABELS:
            tagged_places.append((ent.start_char, ent.end_char))
        if ent.label_ not in ("PERSON", "ORG"):
            continue
        s, e = ent.start_char, ent.end_char
        lead = re.match(r"the\s+", text[s:e], re.I)
        s += lead.end() if lead else 0
        (people if ent.label_ == "PERSON" else orgs).append((s, e, ent))
    # Spans that read as personal names ("Jim Jordan"; not "Governor of Sokoto State" or the
    # tagger's "Seattle Seahawks"): a place name ending one is a surname.
    names = [(s, e, ent) for s, e, ent in people if _personal_name(ent)]
    surnames = {ent[-1].text for _, _, ent in names}
    out = []
    for m in mentions:
        if any(s < m.start and m.end == e for s, e, _ in names):
            continue
        # A surname elsewhere: dropped unless the tagger or the context makes this occurrence
        # a place.
        if m.surface in surnames and not any(s <= m.start and m.end <= e for s, e, _ in orgs) \
                and not any(s <= m.start and m.end <= e for s, e in tagged_places):
            locative, cue = _context(text, m.start, m.end)
            if not (locative or cue or re.match(r",\s+[A-Z]", text[m.end:m.end + 3])):
                continue
        if any(s <= m.start and m.end <= e and (s, e) != (m.start, m.end) for s, e, _ in orgs):
            m.embedded = "ORG"
        out.append(m)
    return out


def _repeats(text: str, mentions: list[Mention], taken: list[bool]) -> list[Mention]:
    """Other occurrences of names already found as places: one name, one sense per document,
    whatever the tagger made of each occurrence."""
    out = []
    seen: set[str] = set()
    for m in list(mentions):
        if m.surface in seen or len(m.surface) < 4 or not m.surface[0].isupper():
            continue
        seen.add(m.surface)
        for hit in re.finditer(rf"(?<![\w-]){re.escape(m.surface)}(?![\w-])", text):
            s, e = hit.start(), hit.end()
            if any(taken[s:e]):
                continue
            for k in range(s, e):
                taken[k] = True
            out.append(Mention(s, e, m.surface, m.label, m.cue, m.locative, m.candidates))
    return out


def _split_commas(text: str, start: int, end: int) -> list[tuple[int, int]]:
    parts, pos = [], start
    for m in re.finditer(r",\s*", text[start:end]):
        parts.append((pos, start + m.start()))
        pos = start + m.end()
    parts.append((pos, end))
    return [(s, e) for s, e in parts if e > s]


def _trim_known(text: str, s: int, e: int, gaz: Gazetteer) -> tuple[int, int, str | None]:
    """:func:`_trim`, but a name that is in the gazetteer with its cue word ("Kansas City",
    "Licking County", "Sea of Azov") keeps it."""
    ts, te, cue = _trim(text, s, e)
    m = re.match(r"(?:the\s+)?", text[s:e], re.I)
    full_s = s + (m.end() if m else 0)
    full_e = e - 2 if text[e - 2:e] in ("'s", "’s") else e
    if (full_s, full_e) != (ts, te) and gaz.lookup(text[full_s:full_e]):
        return full_s, full_e, None
    return ts, te, cue


def _entity_mention(text: str, s: int, e: int, label: str, gaz: Gazetteer,
                    place_surfaces: set[str]) -> Mention | None:
    s, e, cue_in = _trim_known(text, s, e, gaz)
    surface = text[s:e]
    if not surface or not surface[0].isupper() or surface.lower() in _NOT_NAMES:
        return None
    locative, cue_out = _context(text, s, e)
    cue = cue_in or cue_out
    idx = gaz.alias("abbrev", surface)
    if idx is not None:
        return Mention(s, e, surface, label, cue, locative, [Match(idx, "alias", 100.0)])
    idx = _demonym(gaz, surface)
    if idx is not None:
        return Mention(s, e, surface, label, cue, locative, [Match(idx, "alias", 100.0)])
    if label == "NORP":
        return None
    if surface.isupper() and len(surface) <= 3:
        return None  # unknown acronyms are organisations far more often than places
    if label in PLACE_LABELS:
        hits = _lookup(gaz, surface, fuzzy=" and " not in surface)
        return Mention(s, e, surface, label, cue, locative, hits)
    # ORG / PERSON: a place only when context says so.
    marked = cue is not None or locative or surface.lower() in place_surfaces
    hits = _lookup(gaz, surface, fuzzy=cue is not None) if marked else gaz.lookup(surface)
    if not marked and not (label == "ORG" and any(_unmistakable(gaz, h) for h in hits)):
        return _leading_place(text, s, e, label, gaz)
    if not hits and cue not in ("locality",):
        return _leading_place(text, s, e, label, gaz, marked=True)
    return Mention(s, e, surface, label, cue, locative, hits)


def _demonym(gaz: Gazetteer, surface: str) -> int | None:
    idx = gaz.alias("demonym", surface.lower())
    if idx is None and surface.endswith("s"):
        idx = gaz.alias("demonym", surface[:-1].lower())
    return idx


def _unmistakable(gaz: Gazetteer, m: Match) -> bool:
    """Countries, first-level regions, continents and curated seas, rivers and regions: names
    that are rarely anything but places when written capitalised."""
    return m.how == "exact" and (gaz.is_country(m.index) or gaz.features[m.index] in
                                 UNMISTAKABLE_FEATURES)


UNMISTAKABLE_FEATURES = frozenset({"ADM1", "CONT", "OCN", "SEA", "GULF", "BAY", "STRT", "STM",
                                   "RGN", "PEN", "MTS", "LK", "LKS", "DSRT", "PPLC", "BLDG"})
#: Largest number of leading words of an organisation's name tried as a place ("Pakistan Army",
#: "California Department of Transportation").
LEADING_WORDS = 3
#: A town at least this large is taken from the start of an organisation's name ("Seattle
#: Police Department"); smaller ones are too often surnames or words.
LEADING_MIN_POP = 100_000


def _leading_place(text: str, s: int, e: int, label: str, gaz: Gazetteer,
                   marked: bool = False) -> Mention | None:
    """A place at the start of an organisation's name. Unless the context marks the name as
    a place ("from Gainesville Police"), only countries, regions and large towns are taken."""
    if label != "ORG":
        return None
    words = list(re.finditer(r"\S+", text[s:e]))
    for n in range(min(LEADING_WORDS, len(words) - 1), 0, -1):
        end = s + words[n - 1].end()
        surface = text[s:end]
        idx = _demonym(gaz, surface)
        hits = [Match(idx, "alias", 100.0)] if idx is not None else \
            [h for h in gaz.lookup(surface)
             if marked or _unmistakable(gaz, h) or gaz.population[h.index] >= LEADING_MIN_POP]
        if hits:
            return Mention(s, end, surface, "ORG", None, False, hits)
    return None


def _abbreviations(text: str, gaz: Gazetteer) -> list[Mention]:
    out = []
    for m in re.finditer(r"(?<![\w.])((?:[A-Z]\.\s?){2,4}|[A-Z][a-z]{1,4}\.|[A-Z]{2,3})(?!\w)",
                         text):
        surface = m.group(1).rstrip()
        idx = gaz.alias("abbrev", surface)
        if idx is None and surface.endswith(".") is False:
            continue
        if idx is None:
            continue
        if re.fullmatch(r"[A-Z][a-z]{1,4}\.", surface):
            # "Ga." / "Va." only as a region after a comma or a place: "Atlanta, Ga."
            if not re.search(r",\s*$", text[max(0, m.start() - 3):m.start()]):
                continue
        out.append(Mention(m.start(), m.start() + len(surface), surface, "ABBR", None, False,
                           [Match(idx, "alias", 100.0)]))
    return out


def _capitalised_runs(doc) -> list[tuple[int, int]]:
    runs, cur = [], []
    for tok in doc:
        if (tok.is_title or tok.is_upper and len(tok) > 2) and tok.is_alpha or (cur and tok.lower_ in _CONNECTORS
                                            and tok.i + 1 < len(doc)
                                            and doc[tok.i + 1].is_title):
            cur.append(tok)
            continue
        if cur:
            runs.append(cur)
        cur = []
    if cur:
        runs.append(cur)
    return [(r[0].idx, r[-1].idx + len(r[-1].text)) for r in runs]


def _capitalised_mention(text: str, s: int, e: int, gaz: Gazetteer) -> Mention | None:
    s, e, cue_in = _trim_known(text, s, e, gaz)
    surface = text[s:e]
    if not surface or surface.lower() in _NOT_NAMES or len(surface) < 3:
        return None
    idx = _demonym(gaz, surface)
    if idx is not None:
        return Mention(s, e, surface, "CAP", None, False, [Match(idx, "alias", 100.0)])
    locative, cue_out = _context(text, s, e)
    cue = cue_in or cue_out
    followed_by_region = bool(re.match(r",\s+[A-Z]", text[e:e + 3]))
    dateline = surface.isupper() and bool(re.match(r"\s*(?:,|--|—|–|\()", text[e:e + 4])) \
        and bool(re.search(r"(?:^|[.!?\n])\s*$", text[max(0, s - 3):s]))
    acronym = surface.isupper() and len(surface) <= ACRONYM_MAX
    if not (cue or locative or followed_by_region or dateline):
        hits = _spelled(gaz, surface, gaz.lookup(surface)) if acronym else gaz.lookup(surface)
        if any(_unmistakable(gaz, h) for h in hits):
            return Mention(s, e, surface, "CAP", None, False, hits)
        return None
    hits = _spelled(gaz, surface, gaz.lookup(surface)) if acronym else \
        _lookup(gaz, surface, fuzzy=cue is not None)
    if not hits:
        if cue == "locality":
            return Mention(s, e, surface, "CAP", cue, locative, [])
        return None
    return Mention(s, e, surface, "CAP", cue, locative, hits)


#: Capitalised runs of at most this many letters are read as acronyms ("RAI", "BBC", "KYIV" in
#: a dateline): they match a place only by its own name.
ACRONYM_MAX = 4


def _spelled(gaz: Gazetteer, surface: str, hits: list[Match]) -> list[Match]:
    """The matches whose record's own name is ``surface`` (not an alternate name or a code)."""
    key = exact_key(surface)
    return [h for h in hits if exact_key(gaz.record(h.index).name) == key]


def _link_commas(text: str, mentions: list[Mention]) -> None:
    """"Columbus, Ohio": the first mention lies within the region the second names."""
    for a, b in zip(mentions, mentions[1:]):
        if re.fullmatch(r",\s*", text[a.end:b.start]):
            a.within = b.surface
            b.cue = b.cue or "region-of-previous"
