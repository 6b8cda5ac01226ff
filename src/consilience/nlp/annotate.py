"""Sentences and named entities with spaCy; the parsed Doc is cached for later stages."""

from __future__ import annotations

from collections import OrderedDict

from ..model import Article
from ..lang import PIPELINE_LANGUAGES
from ..pipeline import article_stage
from .entities import ENTITY_TYPES, entity_mentions, group_entities, strip_title
from .models import spacy_pipeline

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


def annotate(article: Article) -> Article:
    doc = parse(article)
    article.sentences = [article.span(s.start_char, s.end_char, "annotate") for s in doc.sents
                         if s.text.strip()]
    article.entities = group_entities(article, entity_mentions(article, doc))
    return article


__all__ = ["ENTITY_TYPES", "annotate", "annotate_stage", "group_entities", "parse", "strip_title"]

annotate_stage = article_stage("annotate", needs={"text"}, adds={"sentences", "entities"},
                               languages=PIPELINE_LANGUAGES)(annotate)
