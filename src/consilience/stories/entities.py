"""Cross-article entity resolution: one identity per person, organisation and place in a story.

Outlets spell names differently (Zelenskyy / Zelensky / Volodomyr Zelensky, Zaporizhzhia /
Zaporzhhia), shorten them (Putin), use acronyms (ISW) and tag small places as organisations. The
``resolve_entities`` story stage gathers every article's entities (and resolved places), and
merges two surface forms into one :class:`~consilience.model.StoryEntity` when

- they are places resolved to the same gazetteer id, or
- their types are compatible (the same, or place and organisation, which taggers confuse) and
  their names match: equal after normalisation (accents, case, titles, "the", possessives), a
  spelling variant (similarity of at least ``SPELLING_SIMILARITY``), or an acronym of the other;
- for people: surnames match (equal or spelling variants) and first names match too (variants
  or an initial); a bare surname joins a full name only when exactly one person of the story has
  that surname, so two people who share one are never merged;
- a person named after capitalised words none of which is a first name ("Actress Uma Thurman",
  "South Korean President Moon Jae-in": the tagger took the descriptor into the name) joins the
  one other person whose full name is the rest, and is never the entity's name.

Places resolved to different gazetteer ids are never merged.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field

from ..model import Article, Story, StoryEntity
from ..nlp.entities import TITLES
from ..pipeline import story_stage

#: Types resolved across articles.
RESOLVED_TYPES = ("person", "organization", "place")
#: rapidfuzz ratio (0-100) from which two names count as spellings of one name. Measured on
#: transliteration variants: Zelenskyy/Zelensky 94, Staromaiorske/Staromayorske 92,
#: Zaporizhzhia/Zaporzhhia 91, Volodymyr/Volodomyr 89; and different names: Austria/Australia 88,
#: Obama/Osama 80, Niger/Nigeria 83.
SPELLING_SIMILARITY = 89
#: Names shorter than this must match exactly (short names differ by one letter: Iran/Iraq).
MIN_FUZZY_LENGTH = 6
#: First names match from this ratio (Volodymyr/Volodomyr 89; Joe/Hunter 22).
FIRST_NAME_SIMILARITY = 80

_TITLE = re.compile(rf"^(the|{TITLES})\.?\s+")
_ABBREVIATIONS = {"st": "saint", "ft": "fort", "mt": "mount"}
_ACRONYM_SKIP = {"of", "the", "for", "and", "on", "in", "at", "to", "de", "la"}


def normalize_name(name: str) -> str:
    """ASCII, lower case, no title, article or possessive, abbreviations spelled out."""
    from unidecode import unidecode

    key = unidecode(name).lower().strip()
    key = re.sub(r"['’`]s\b", "", key)
    prev = None
    while prev != key:
        prev, key = key, _TITLE.sub("", key)
    words = re.sub(r"[^a-z0-9]+", " ", key).split()
    return " ".join(_ABBREVIATIONS.get(w, w) for w in words)


def _similar(a: str, b: str, floor: int = SPELLING_SIMILARITY) -> bool:
    from rapidfuzz import fuzz

    if a == b:
        return True
    if min(len(a), len(b)) < MIN_FUZZY_LENGTH or a[0] != b[0]:
        return False
    return fuzz.ratio(a, b) >= floor


def acronym(name: str) -> str:
    return "".join(w[0] for w in name.split() if w not in _ACRONYM_SKIP)


def _is_acronym_of(short: str, surface: str, full: str) -> bool:
    return (surface.isupper() and 2 <= len(short) <= 6 and " " not in short
            and len(full.split()) >= 2 and acronym(full) == short)


@dataclass
class _Form:
    """One surface form of a named thing in one article."""

    article: str
    name: str
    key: str
    type: str
    mentions: int
    surfaces: list[str]
    geonames_id: int | None = None
    #: The name is another person's name after words that are no first name ("Actress Uma
    #: Thurman", "Eyewitness Damien Allemend"): joined to that person, never its name.
    prefixed: bool = False
    #: The clean text of the form's article (the words before a name, ``_descriptor``).
    text: str = field(default="", repr=False)


@dataclass
class _Group:
    forms: list[_Form] = field(default_factory=list)

    @property
    def type(self) -> str:
        votes = Counter()
        for f in self.forms:
            votes[f.type] += f.mentions + (100 if f.geonames_id else 0)
        # a place tagged as an organisation somewhere is still a place
        return max(votes, key=lambda t: (votes[t], t == "place", t))

    @property
    def geonames_ids(self) -> set[int]:
        return {f.geonames_id for f in self.forms if f.geonames_id}

    def keys(self) -> set[str]:
        return {f.key for f in self.forms}

    def person_names(self) -> list[tuple[str, str]]:
        """(first, surname) of the full names in the group."""
        out = []
        for k in self.keys():
            w = k.split()
            if len(w) >= 2:
                out.append((w[0], w[-1]))
        return out


def _forms(story: Story, articles: dict[str, Article]) -> list[_Form]:
    out: list[_Form] = []
    for aid in story.articles:
        art = articles.get(aid)
        if art is None:
            continue
        for e in art.entities:
            key = normalize_name(e.name)
            if e.type in RESOLVED_TYPES and key:
                surfaces = [re.sub(r"['’]s$", "", m.text).strip() for m in e.mentions] or [e.name]
                out.append(_Form(aid, e.name, key, e.type, max(len(e.mentions), 1), surfaces,
                                 text=art.text))
        for p in art.places:
            key = normalize_name(p.name)
            if key:
                surfaces = [m.text for m in p.mentions] or [p.name]
                out.append(_Form(aid, p.name, key, "place", max(len(p.mentions), 1), surfaces,
                                 p.geonames_id))
    return out


def _types_compatible(a: str, b: str) -> bool:
    return a == b or {a, b} <= {"place", "organization"}


def _names_match(form: _Form, group: _Group) -> bool:
    if form.geonames_id and group.geonames_ids:
        return form.geonames_id in group.geonames_ids
    gtype = group.type
    if not _types_compatible(form.type, gtype):
        return False
    if gtype == "person" or form.type == "person":
        return _person_match(form, group)
    for g in group.forms:
        if _similar(form.key, g.key):
            return True
        if any(_is_acronym_of(form.key, s, g.key) for s in form.surfaces) or \
                any(_is_acronym_of(g.key, s, form.key) for s in g.surfaces):
            return True
    return False


def _person_match(form: _Form, group: _Group) -> bool:
    """Full names: surnames and first names both match (a first initial counts)."""
    words = form.key.split()
    if len(words) < 2:
        return False  # bare surnames are placed later, when all full names are known
    first, last = words[0], words[-1]
    for gfirst, glast in group.person_names():
        if _similar(last, glast) and _first_names_match(first, gfirst):
            return True
    return False


def _first_names_match(a: str, b: str) -> bool:
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    return _similar(a, b, FIRST_NAME_SIMILARITY) or a == b


def _place_surname(form: _Form, groups: list[_Group]) -> None:
    """Attach a one-word person name to the one person group with that surname (or first name
    of a mononym), else to a group of the same single name, else start a group."""
    fits = [g for g in groups if g.type == "person"
            and any(_similar(form.key, last) for _, last in g.person_names())]
    if len(fits) == 1:
        fits[0].forms.append(form)
        return
    if not fits:
        same = [g for g in groups if g.type == "person" and form.key in g.keys()]
        if same:
            same[0].forms.append(form)
            return
    groups.append(_Group([form]))


def group_forms(forms: list[_Form]) -> list[_Group]:
    """Group surface forms that name one thing."""
    order = sorted(forms, key=lambda f: (-len(f.key.split()), -f.mentions, f.key, f.article))
    groups: list[_Group] = []
    bare: list[_Form] = []
    for form in order:
        if form.type == "person" and len(form.key.split()) == 1:
            bare.append(form)
            continue
        for g in groups:
            if _names_match(form, g):
                g.forms.append(form)
                break
        else:
            groups.append(_Group([form]))
    groups = _join_prefixed(groups)
    for form in bare:
        _place_surname(form, groups)
    return groups


def _prefixed_tail(key: str, owners: dict[str, list[_Group]]) -> str | None:
    """The longest run of two words or more ending ``key`` that is another person's full name,
    after words none of which is a first name ("actress uma thurman" -> "uma thurman"; not
    "mary ann smith" -> "ann smith")."""
    from ..nlp.entities import first_names

    words = key.split()
    for k in range(1, len(words) - 1):
        if words[k - 1] in first_names():
            return None
        tail = " ".join(words[k:])
        if tail in owners:
            return tail
    return None


def _descriptor(form: _Form, tail: str, texts: list[str]) -> bool:
    """Whether the words before ``tail`` in the form's name describe the person rather than
    name it: each is a credit or initials in capitals ("GETTY", "GM") or a word the story's
    articles also write in lower case ("Actress": "the actress"); not "Osama" of Osama bin
    Laden, nor an initial ("J. Christopher Giancarlo")."""
    lead = form.name.split()[:len(form.key.split()) - len(tail.split())]
    return bool(lead) and all(
        (len(w) >= 2 and w.isupper() and w.isalpha())
        or (len(w) >= 3 and w[:1].isupper() and w.isalpha()
            and any(re.search(rf"\b{re.escape(w.lower())}\b", t) for t in texts))
        for w in lead)


def _join_prefixed(groups: list[_Group]) -> list[_Group]:
    """Join a person named after a capitalised word that is not a first name ("Actress Uma
    Thurman", "South Korean President Moon Jae-in": the tagger took the descriptor into the
    name) to the one other person of the story with the rest of the name for full name."""
    people = [g for g in groups if g.type == "person"]
    owners: dict[str, list[_Group]] = {}
    for g in people:
        for k in g.keys():
            if len(k.split()) >= 2:
                owners.setdefault(k, []).append(g)
    merged: set[int] = set()
    texts = list({f.article: f.text for g in groups for f in g.forms}.values())
    for g in people:
        targets = {id(h): h for f in g.forms
                   for tail in [_prefixed_tail(f.key, owners)] if tail
                   for h in owners[tail] if h is not g and id(h) not in merged}
        if len(targets) != 1:
            continue
        (h,) = targets.values()
        for f in g.forms:
            tail = _prefixed_tail(f.key, owners)
            f.prefixed = f.prefixed or (tail is not None and _descriptor(f, tail, texts))
        h.forms.extend(g.forms)
        merged.add(id(g))
    return [g for g in groups if id(g) not in merged]


def _canonical_name(group: _Group) -> str:
    """The form most articles use, then the most mentioned, then the longest."""
    articles: dict[str, set[str]] = {}
    mentions: Counter = Counter()
    named = [f for f in group.forms if not f.prefixed] or group.forms
    words: dict[str, int] = {}  # words of the name a title aside ("Representative Varga": 1)
    for f in named:
        articles.setdefault(f.name, set()).add(f.article)
        mentions[f.name] += f.mentions
        words[f.name] = len(f.key.split())
    best_words = max(words.values())
    full = [n for n in articles if words[n] == best_words] if group.type == "person" \
        else list(articles)
    return max(full, key=lambda n: (len(articles[n]), mentions[n], len(n), n))


def entity_id(story_id: str, etype: str, name: str) -> str:
    return f"{story_id}:" + hashlib.sha1(f"{etype}:{normalize_name(name)}".encode()).hexdigest()[:8]


def resolve(story: Story, articles: dict[str, Article]) -> list[StoryEntity]:
    out = []
    for group in group_forms(_forms(story, articles)):
        name = _canonical_name(group)
        surfaces = sorted({s for f in group.forms for s in f.surfaces}
                          | {f.name for f in group.forms})
        arts = [a for a in story.articles if any(f.article == a for f in group.forms)]
        out.append((len(arts), sum(f.mentions for f in group.forms),
                    StoryEntity(id=entity_id(story.id, group.type, name), name=name,
                                type=group.type, aliases=surfaces, articles=arts)))
    out.sort(key=lambda t: (-t[0], -t[1], t[2].name))
    return [e for _, _, e in out]


def resolve_entities(story: Story, articles: dict[str, Article]) -> Story:
    story.entities = resolve(story, articles)
    return story


resolve_entities_stage = story_stage("resolve_entities",
                                     needs={"article.entities", "article.places"},
                                     adds={"story.entities"})(resolve_entities)

__all__ = ["normalize_name", "resolve", "resolve_entities", "resolve_entities_stage"]
