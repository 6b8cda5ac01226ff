"""Sentences and named entities with spaCy; the parsed Doc is cached for later stages."""

from __future__ import annotations

import re
from collections import OrderedDict

from ..model import Article, Entity, Span
from ..pipeline import article_stage
from .models import spacy_pipeline

#: spaCy entity labels kept as named entities, mapped to Consilience types.
ENTITY_TYPES = {
    "PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place", "FAC": "place",
    "NORP": "group", "EVENT": "event", "LAW": "law", "PRODUCT": "product", "WORK_OF_ART": "work",
}
_HONORIFIC = re.compile(r"^(mr|mrs|ms|miss|dr|prof|sir|president|prime minister|minister|"
                        r"general|gen|col|colonel|lt|captain|capt|senator|sen|rep|gov|governor|"
                        r"mayor|judge|pope|king|queen|prince|princess|chancellor)\.?\s+", re.I)
_DOC_CACHE: OrderedDict[tuple[str, int], object] = OrderedDict()
#: Parsed docs kept in memory so that later stages of the same article reuse the parse.
DOC_CACHE_SIZE = 64


def parse(article: Article):
    """The spaCy Doc of ``article.text`` (parsed once, then served from a small cache)."""
    key = (article.id, hash(article.text))
    doc = _DOC_CACHE.get(key)
    if doc is None:
        doc = spacy_pipeline()(article.text)
        _DOC_CACHE[key] = doc
        while len(_DOC_CACHE) > DOC_CACHE_SIZE:
            _DOC_CACHE.popitem(last=False)
    else:
        _DOC_CACHE.move_to_end(key)
    return doc


def strip_title(name: str) -> str:
    prev = None
    while prev != name:
        prev, name = name, _HONORIFIC.sub("", name)
    return re.sub(r"['’]s$", "", name).strip(" '’").strip()


def _canonical_key(name: str) -> str:
    name = re.sub(r"['’]s$", "", name)
    name = re.sub(r"^the\s+", "", name, flags=re.I)
    return strip_title(name).lower()


def group_entities(article: Article, mentions: list[tuple[str, str, Span]]) -> list[Entity]:
    """Group mentions that name one thing: same text, or a surname/short form of a full name."""
    groups: dict[tuple[str, str], list[Span]] = {}
    names: dict[tuple[str, str], str] = {}
    for etype, text, span in mentions:
        key = (etype, _canonical_key(text))
        if not key[1]:
            continue
        groups.setdefault(key, []).append(span)
        clean = strip_title(re.sub(r"['’]s$", "", text))
        if len(clean) > len(names.get(key, "")):
            names[key] = clean
    # Merge a person's short form ("Zelenskyy") into the full name that ends with it.
    persons = sorted((k for k in groups if k[0] == "person"), key=lambda k: -len(k[1]))
    for short in list(persons):
        if " " in short[1]:
            continue
        full = [k for k in persons if k != short and k in groups
                and k[1].split()[-1] == short[1]]
        if len(full) == 1:
            groups[full[0]].extend(groups.pop(short))
    # Acronyms in parentheses after an organisation: "Institute for the Study of War (ISW)".
    entities = []
    for n, (key, spans) in enumerate(sorted(groups.items(), key=lambda kv: kv[1][0].start)):
        spans.sort(key=lambda s: s.start)
        entities.append(Entity(id=f"{article.id}:e{n}", name=names[key], type=key[0],
                               mentions=spans))
    return entities


def annotate(article: Article) -> Article:
    doc = parse(article)
    article.sentences = [article.span(s.start_char, s.end_char, "annotate") for s in doc.sents
                         if s.text.strip()]
    mentions = []
    for ent in doc.ents:
        etype = ENTITY_TYPES.get(ent.label_)
        if etype:
            mentions.append((etype, ent.text, article.span(ent.start_char, ent.end_char,
                                                           "annotate")))
    article.entities = group_entities(article, mentions)
    return article


annotate_stage = article_stage("annotate", needs={"text"}, adds={"sentences", "entities"})(annotate)
