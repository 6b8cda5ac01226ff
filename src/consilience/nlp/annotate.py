"""Sentences and named entities with spaCy; the parsed Doc travels on the Article (a private
attribute, never serialised or stored) so that later article stages reuse the parse."""

from __future__ import annotations

from ..lang import PIPELINE_LANGUAGES
from ..model import Article
from ..pipeline import article_stage
from .entities import ENTITY_TYPES, entity_mentions, group_entities, strip_title
from .models import spacy_pipeline


def parse(article: Article):
    """The spaCy Doc of ``article.text``: parsed once and kept on the article while its text is
    unchanged (the runner drops it once the article stages are done)."""
    held = article._parse
    if held is not None and held[0] == article.text:
        return held[1]
    doc = spacy_pipeline()(article.text)
    article._parse = (article.text, doc)
    return doc


def drop_parse(article: Article) -> Article:
    """Forget the parse (before an article is sent between processes or kept for long)."""
    article._parse = None
    return article


def annotate(article: Article) -> Article:
    doc = parse(article)
    article.sentences = [article.span(s.start_char, s.end_char, "annotate") for s in doc.sents
                         if s.text.strip()]
    article.entities = group_entities(article, entity_mentions(article, doc))
    return article


__all__ = ["ENTITY_TYPES", "annotate", "annotate_stage", "drop_parse", "group_entities", "parse",
           "strip_title"]

annotate_stage = article_stage("annotate", needs={"text"}, adds={"sentences", "entities"},
                               languages=PIPELINE_LANGUAGES)(annotate)
