"""Sentences and named entities with spaCy; the parsed Doc travels on the Article (a private
attribute, never serialised or stored) so that later article stages reuse the parse."""

from __future__ import annotations

import re

from ..lang import PIPELINE_LANGUAGES
from ..model import Article
from ..pipeline import article_stage
from .entities import ENTITY_TYPES, entity_mentions, group_entities, strip_title
from .models import MAX_PIECE_CHARS, MAX_TOKEN_CHARS, spacy_pipeline


_LONG_RUN = re.compile(r"\S{%d,}" % (MAX_TOKEN_CHARS + 1))


def _pieces(text: str) -> list[tuple[int, int]]:
    """Paragraph-bounded stretches of ``text`` of at most :data:`MAX_PIECE_CHARS` characters
    each (a longer paragraph is cut at the last white space before the limit, else at it);
    together they are the whole text."""
    out: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > MAX_PIECE_CHARS:
        limit = start + MAX_PIECE_CHARS
        cut = text.rfind("\n", start, limit) + 1
        if cut <= start:
            cut = max(text.rfind(" ", start, limit), text.rfind("\t", start, limit)) + 1
        if cut <= start:
            cut = limit
        out.append((start, cut))
        start = cut
    out.append((start, len(text)))
    return out


def _tokenize(nlp, text: str):
    """spaCy's tokenizer, with runs of over :data:`MAX_TOKEN_CHARS` characters without white
    space tokenized in pieces of that length: the tokenizer's prefix and suffix search is
    quadratic in the length of one run ("[[[[..." of 20,000 characters took a minute). The
    Doc's text is ``text`` exactly."""
    from spacy.tokens import Doc

    cuts = [0]
    for m in _LONG_RUN.finditer(text):
        cuts += range(m.start(), m.end(), MAX_TOKEN_CHARS)
        cuts.append(m.end())
    cuts.append(len(text))
    bounds = sorted(set(cuts))
    parts = [nlp.tokenizer(text[a:b]) for a, b in zip(bounds, bounds[1:], strict=False) if b > a]
    if len(parts) == 1:
        return parts[0]
    return Doc.from_docs(parts, ensure_whitespace=False) if parts else nlp.make_doc(text)


def parse_text(text: str):
    """The spaCy Doc of ``text``, whose ``doc.text`` is ``text``. An ordinary article is one
    call of the pipeline; a text over :data:`MAX_PIECE_CHARS` characters is parsed in
    paragraph-bounded pieces joined into one Doc (offsets unchanged), and overlong runs without
    white space are tokenized in pieces (see :func:`_tokenize`)."""
    from spacy.tokens import Doc

    nlp = spacy_pipeline()
    if len(text) <= MAX_PIECE_CHARS and not _LONG_RUN.search(text):
        return nlp(text)
    docs = [_tokenize(nlp, text[a:b]) for a, b in _pieces(text)]
    docs = list(nlp.pipe(docs))
    return docs[0] if len(docs) == 1 else Doc.from_docs(docs, ensure_whitespace=False)


def doc_text(doc) -> str:
    """``doc.text``, joined once per Doc: spaCy joins every token's text on each access, so
    reading it once per entity or verb is quadratic in the length of the article."""
    text = doc.user_data.get("consilience_text")
    if text is None:
        text = doc.user_data["consilience_text"] = doc.text
    return text


def parse(article: Article):
    """The spaCy Doc of ``article.text``: parsed once and kept on the article while its text is
    unchanged (the runner drops it once the article stages are done)."""
    held = article._parse
    if held is not None and held[0] == article.text:
        return held[1]
    doc = parse_text(article.text)
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


__all__ = ["ENTITY_TYPES", "annotate", "annotate_stage", "doc_text", "drop_parse",
           "group_entities", "parse", "parse_text",
           "strip_title"]

annotate_stage = article_stage("annotate", needs={"text"}, adds={"sentences", "entities"},
                               languages=PIPELINE_LANGUAGES)(annotate)
