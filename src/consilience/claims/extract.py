"""Claim extraction: each article's statements, with who asserts them.

First level: one claim per declarative sentence, with the entities, quantities and times inside it,
a subject and predicate from the dependency parse, and ``asserted_by`` from a reporting verb
("X said ...", "according to X") or from the quote the sentence belongs to.
"""

from __future__ import annotations

import re

from ..model import Article, Claim
from ..nlp.annotate import parse, strip_title
from ..pipeline import article_stage

REPORTING_LEMMAS = {
    "say", "tell", "state", "claim", "announce", "report", "add", "insist", "deny", "confirm",
    "warn", "allege", "declare", "suggest", "write", "tweet", "post", "accuse", "assert",
    "argue", "concede", "acknowledge", "admit", "indicate", "note", "explain", "speak", "urge",
}
#: Sentences with fewer words than this are not claims (fragments, sign-offs).
MIN_CLAIM_WORDS = 5


def _speaker_of(sent) -> str | None:
    """The party a sentence attributes its content to, if it has a reporting verb."""
    for tok in sent:
        if tok.lower_ == "according" and tok.nbor(1).lower_ == "to" if tok.i + 1 < len(tok.doc) else False:
            pobj = [t for t in tok.nbor(1).children if t.dep_ == "pobj"]
            if pobj:
                return " ".join(t.text for t in pobj[0].subtree)
    for tok in sent:
        if tok.pos_ == "VERB" and tok.lemma_ in REPORTING_LEMMAS and tok.dep_ in ("ROOT", "conj", "ccomp", "parataxis"):
            subj = [t for t in tok.children if t.dep_ in ("nsubj", "nsubjpass")]
            if subj:
                return " ".join(t.text for t in subj[0].subtree)
    return None


def _resolve(name: str | None, article: Article, start: int) -> str | None:
    """Map a speaker phrase to the article's canonical entity name where one matches."""
    if not name:
        return None
    bare = strip_title(re.sub(r"^(the|a|an)\s+", "", name, flags=re.I))
    low = bare.lower()
    if low in ("he", "she", "they", "it", "we", "i"):
        # The nearest preceding person (or organisation for "it"/"they") in the article.
        kinds = ("person",) if low in ("he", "she", "i") else ("organization", "group", "person")
        best = None
        for e in article.entities:
            if e.type in kinds:
                for m in e.mentions:
                    if m.start < start and (best is None or m.start > best[0]):
                        best = (m.start, e.name)
        return best[1] if best else name
    for e in article.entities:
        names = {e.name.lower()} | {m.text.lower() for m in e.mentions}
        if low in names or any(low.endswith(n) or n.endswith(low) for n in names if len(n) > 3):
            return e.name
    return bare


def extract_claims(article: Article) -> list[Claim]:
    doc = parse(article)
    claims = []
    quotes = sorted(article.quotes, key=lambda q: q.content_span.start)
    for n, sent in enumerate(doc.sents):
        text = sent.text.strip()
        if len(text.split()) < MIN_CLAIM_WORDS or text.endswith("?"):
            continue
        if not any(t.pos_ in ("VERB", "AUX") for t in sent):
            continue
        s, e = sent.start_char, sent.end_char
        ents = sorted({en.name for en in article.entities
                       for m in en.mentions if s <= m.start < e})
        values = [q for q in article.quantities if s <= q.start < e]
        times = [t.value for t in article.times if s <= t.start < e and t.value]
        places = sorted({p.name for p in article.places for m in p.mentions if s <= m.start < e})
        speaker = next((q.speaker for q in quotes
                        if q.content_span.start <= s < q.content_span.end or
                        s <= q.content_span.start < e), None)
        if speaker is None:
            speaker = _resolve(_speaker_of(sent), article, s)
        root = sent.root
        subj = next((t for t in root.children if t.dep_ in ("nsubj", "nsubjpass")), None)
        obj = next((t for t in root.children if t.dep_ in ("dobj", "attr", "ccomp", "xcomp")), None)
        negated = any(t.dep_ == "neg" for t in sent) or bool(
            re.search(r"\b(no|never|not|n't|neither|nor)\b", text, re.I))
        claims.append(Claim(
            id=f"{article.id}:c{n}", article=article.id, text=text,
            span=article.span(s, e, "claims"),
            subject=" ".join(t.text for t in subj.subtree) if subj is not None else None,
            predicate=root.lemma_, object=" ".join(t.text for t in obj.subtree) if obj is not None else None,
            negated=negated, values=values, times=times, places=places, entities=ents,
            asserted_by=speaker or "outlet",
        ))
    return claims


def claims(article: Article) -> Article:
    article.claims = extract_claims(article)
    return article


claims_stage = article_stage("claims", needs={"text", "sentences", "entities", "quantities"},
                             adds={"claims"})(claims)
