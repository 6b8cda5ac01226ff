"""``consilience verify``: does each source support a statement, contradict it, or not mention it?

No NLI model runs offline here, so the decision is built from structure:

1. The statement is parsed and split into its sentences; each is checked on its own and the
   statement's verdict is the worst of its parts (contradicted < not mentioned < supported).
2. Evidence: the source sentences that share the most weighted content words with the statement
   part (dense similarity added when the stories package ships an encoder).
3. Checks against the evidence and the whole source, each with a reason:
   - numbers (with scale words and units: "$5bn", "35 years", "fourth") must occur in the source;
     a different number where the evidence has one is a contradiction;
   - names (people, places, organisations, nationalities) must occur in the source; a different
     name of the same kind in the evidence is a contradiction ("changed name");
   - negation must agree with the evidence sentence;
   - a word whose opposite (``lexicon.SCALES``) stands in the evidence instead of it is a
     contradiction (antonym);
   - the remaining content words are weighed: a statement whose unsupported weight reaches
     ``UNSUPPORTED_LIMIT`` is "not mentioned" (it adds what the source does not say).

The thresholds were calibrated on one half of the SummEdits news dev set and are reported on all
of it (``scripts/eval_verify.py``).
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import numpy as np
from pydantic import BaseModel, Field

from ..model import Article, Rejection, SourceRef
from .lexicon import NATION_WORDS, NEGATION, opposed, pole
from .similarity import embed

Status = Literal["supported", "contradicted", "not mentioned"]

#: Weight of an unsupported content word, by kind. Names and numbers carry the facts a summary
#: can get wrong; common words are often paraphrased. Chosen on the calibration half.
WEIGHTS = {"number": 3.0, "name": 3.0, "noun": 1.0, "adj": 0.5, "verb": 0.6, "adv": 0.5}
#: Unsupported weight at or above which a statement part is "not mentioned" by the source.
#: Calibrated on the even-numbered rows of the SummEdits news dev set (see eval_verify.py).
UNSUPPORTED_LIMIT = 2.0
#: Sentences taken as evidence for one statement part (summaries fuse a few source sentences).
EVIDENCE_SENTENCES = 3
#: Minimum shared weighted content for a sentence to count as evidence at all.
MIN_EVIDENCE_OVERLAP = 0.25
#: Word-embedding cosine below which a word earns no credit as a paraphrase of an evidence word,
#: and above which it earns full credit (MiniLM on single words: "detained"/"arrested" 0.73,
#: "recognized"/"known" 0.39, "building"/"clifftop" 0.25). Calibrated on the calibration half.
SYNONYM_FLOOR = 0.4
SYNONYM_FULL = 0.65
#: Share of a content word's weight still counted when it occurs in the source but not in the
#: evidence sentences (summaries fuse sentences, but a changed detail often exists elsewhere).
ELSEWHERE_FACTOR = 0.5
#: Share of the evidence score from the dense similarity when embeddings are available.
DENSE_SHARE = 0.5
#: Shortest common prefix by which two word forms count as one word ("recapture"/"recaptured").
STEM_PREFIX = 5

_SCALE = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "million": 1e6, "bn": 1e9,
          "b": 1e9, "billion": 1e9, "tn": 1e12, "trillion": 1e12}
_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20, "thirty": 30,
          "forty": 40, "fifty": 50, "hundred": 100, "dozen": 12, "first": 1, "second": 2,
          "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
          "ninth": 9, "tenth": 10, "single": 1, "once": 1, "twice": 2, "half": 0.5}
_NUM_RE = re.compile(r"(?<![\w.-])(\d+(?:[.,]\d+)*)\s*(k|thousand|mn|m|million|bn|b|billion|tn|"
                     r"trillion)?\b", re.IGNORECASE)
_ENT_TYPES = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "EVENT", "LAW"}


class SourceVerdict(BaseModel):
    """What one source says about the statement."""

    source: str
    verdict: Status
    reason: str
    evidence: SourceRef | None = None
    score: float = Field(0.0, description="Unsupported weight of the statement's content words.")
    checks: list[str] = Field(default_factory=list, description="Each check that fired.")


class VerifyResult(BaseModel):
    claim: str
    sources: list[SourceVerdict]
    rejections: list[Rejection] = Field(default_factory=list)
    method: str = "structure"


@dataclass
class Term:
    """A content word of the statement and what kind of fact it carries."""

    text: str
    lemma: str
    kind: str
    negated: bool = False
    values: tuple[float, ...] = ()
    counts: str | None = None


@dataclass
class SourceIndex:
    """The words, names and numbers of one source, for fast membership tests."""

    article: Article
    sentences: list[tuple[int, int, str]]
    words: set[str] = field(default_factory=set)
    stems: set[str] = field(default_factory=set)
    numbers: set[float] = field(default_factory=set)
    sent_words: list[set[str]] = field(default_factory=list)
    sent_neg: list[bool] = field(default_factory=list)
    sent_numbers: list[set[float]] = field(default_factory=list)
    sent_names: list[set[str]] = field(default_factory=list)
    sent_counted: list[dict[str, set[float]]] = field(default_factory=list)
    sent_vecs: np.ndarray | None = None
    vocab: list[str] = field(default_factory=list)
    vocab_vecs: np.ndarray | None = None
    vocab_pos: dict[str, int] = field(default_factory=dict)


def _nlp():
    from ..nlp.models import spacy_pipeline

    return spacy_pipeline()


def _norm(word: str) -> str:
    return word.lower().replace(".", "").replace("’", "'").strip("'-")


def numbers_in(text: str) -> set[float]:
    """Numeric values in a text: digits with scale words, number words and ordinals."""
    out: set[float] = set()
    for m in _NUM_RE.finditer(text):
        raw = m.group(1).replace(",", "")
        try:
            value = float(raw)
        except ValueError:
            continue
        out.add(value * _SCALE.get((m.group(2) or "").lower(), 1.0))
    for w in re.findall(r"[a-z]+", text.lower()):
        if w in _WORDS:
            out.add(float(_WORDS[w]))
    return out


def counted_numbers(span) -> dict[str, set[float]]:
    """Numbers by the word they count or qualify: "35 years" -> {"year": {35}}, "fourth
    quarter" -> {"quarter": {4}}. Digits inside names ("SARS-CoV-2") are not numbers."""
    out: dict[str, set[float]] = {}
    toks = [t for t in span if not t.is_punct]
    for k, t in enumerate(toks):
        if not (t.like_num or t.lower_ in _WORDS) or re.search(r"[A-Za-z]-?\d|\d-?[A-Za-z]{2,}",
                                                               t.text.replace("bn", "")):
            continue
        values = numbers_in(t.text + (" " + toks[k + 1].text if k + 1 < len(toks) else ""))
        if not values:
            continue
        nxt = next((u for u in toks[k + 1:k + 4] if u.pos_ in ("NOUN", "PROPN")), None)
        if nxt is not None:
            out.setdefault(nxt.lemma_.lower(), set()).update(values)
    return out


def _kind(tok) -> str | None:
    if tok.is_punct or tok.is_space or (tok.is_stop and not tok.like_num and tok.lower_ not in
                                        _WORDS) or tok.lower_ in NEGATION:
        return None
    if tok.like_num or tok.lower_ in _WORDS or re.search(r"\d", tok.text):
        return "number"
    if tok.ent_type_ in _ENT_TYPES or tok.pos_ == "PROPN":
        return "name"
    return {"NOUN": "noun", "ADJ": "adj", "VERB": "verb", "ADV": "adv"}.get(tok.pos_)


def statement_terms(sent) -> list[Term]:
    terms = []
    for tok in sent:
        kind = _kind(tok)
        if kind is None:
            continue
        values = tuple(sorted(numbers_in(tok.text))) if kind == "number" else ()
        if kind == "number" and tok.i + 1 < len(tok.doc) and tok.nbor(1).lower_ in _SCALE:
            values = tuple(sorted(numbers_in(tok.text + " " + tok.nbor(1).text)))
        counts = None
        if kind == "number":
            nxt = next((u for u in tok.doc[tok.i + 1:tok.i + 4] if u.pos_ in ("NOUN", "PROPN")),
                       None)
            counts = nxt.lemma_.lower() if nxt is not None else None
        terms.append(Term(tok.text, tok.lemma_.lower(), kind, values=values, counts=counts))
    return terms


def _stem(word: str) -> str:
    return word[:STEM_PREFIX] if len(word) > STEM_PREFIX else word


def _is_negated(sent) -> bool:
    return any(t.dep_ == "neg" or t.lower_ in NEGATION for t in sent)


_INDEX_CACHE: OrderedDict[tuple[str, int], SourceIndex] = OrderedDict()
#: Source indexes kept in memory (one per article text), so many statements check fast.
INDEX_CACHE_SIZE = 32
_WORD_VECS: dict[str, np.ndarray] = {}


def index_source(article: Article) -> SourceIndex:
    """The (cached) index of one source's words, numbers, names and sentence vectors."""
    key = (article.id, hash(article.text))
    idx = _INDEX_CACHE.get(key)
    if idx is None:
        idx = _build_index(article)
        _INDEX_CACHE[key] = idx
        while len(_INDEX_CACHE) > INDEX_CACHE_SIZE:
            _INDEX_CACHE.popitem(last=False)
    return idx


def word_vectors(words: Sequence[str]) -> np.ndarray | None:
    """Embeddings of single words, computed once per process."""
    todo = sorted({w for w in words if w not in _WORD_VECS})
    if todo:
        vecs = embed(todo)
        if vecs is None:
            return None
        _WORD_VECS.update(zip(todo, vecs))
    return np.stack([_WORD_VECS[w] for w in words]) if words else None


def _build_index(article: Article) -> SourceIndex:
    from ..nlp.annotate import parse

    doc = parse(article)
    idx = SourceIndex(article=article, sentences=[])
    for sent in doc.sents:
        if not sent.text.strip():
            continue
        idx.sentences.append((sent.start_char, sent.end_char, sent.text))
        words: set[str] = set()
        for t in sent:
            if t.is_punct or t.is_space:
                continue
            for w in (_norm(t.text), t.lemma_.lower()):
                words.add(w)
                idx.stems.add(_stem(w))
            for part in re.split(r"[-/]", t.text.lower()):  # "one-year", "clifftop/cliff"
                if part:
                    words.add(part)
        idx.words |= words
        idx.sent_words.append(words)
        idx.sent_neg.append(_is_negated(sent))
        nums = numbers_in(sent.text)
        idx.sent_numbers.append(nums)
        idx.numbers |= nums
        idx.sent_counted.append(counted_numbers(sent))
        idx.sent_names.append({_norm(t.text) for t in sent
                               if t.ent_type_ in _ENT_TYPES or t.pos_ == "PROPN"})
    idx.sent_vecs = embed([s for _, _, s in idx.sentences]) if idx.sentences else None
    idx.vocab = sorted(w for w in idx.words if w.isalpha() and len(w) > 2)
    idx.vocab_vecs = word_vectors(idx.vocab) if idx.sent_vecs is not None else None
    idx.vocab_pos = {w: i for i, w in enumerate(idx.vocab)}
    return idx


def _forms(term: Term) -> set[str]:
    forms = {_norm(term.text), term.lemma}
    forms |= {p for f in list(forms) for p in re.split(r"[-/]", f) if p}
    if term.kind == "name":
        forms |= {NATION_WORDS[f] for f in list(forms) if f in NATION_WORDS}
    return forms


def _nations(words: set[str]) -> set[str]:
    return {NATION_WORDS[w] for w in words if w in NATION_WORDS}


def _found(term: Term, words: set[str], numbers: set[float], stems: set[str] | None) -> bool:
    """Whether a term of the statement occurs among ``words``/``numbers`` (one sentence or
    the whole source)."""
    if term.kind == "number":
        if term.values:
            return all(v in numbers for v in term.values)
        return _norm(term.text) in words
    forms = _forms(term)
    if forms & (words | _nations(words)):
        return True
    if term.kind == "name" or stems is None:
        return False
    return any(len(f) >= STEM_PREFIX and _stem(f) in stems for f in forms)


def _overlap(terms: list[Term], words: set[str]) -> float:
    total = sum(WEIGHTS[t.kind] for t in terms) or 1.0
    hit = sum(WEIGHTS[t.kind] for t in terms if _forms(t) & words)
    return hit / total


def evidence_sentences(terms: list[Term], idx: SourceIndex, text: str) -> list[int]:
    """Indices of the source sentences that best cover a statement part, best first."""
    scores = [_overlap(terms, w) for w in idx.sent_words]
    query = embed([text]) if idx.sent_vecs is not None else None
    if query is not None:
        sims = idx.sent_vecs @ query[0]
        scores = [DENSE_SHARE * float(c) + (1 - DENSE_SHARE) * s for s, c in zip(scores, sims)]
    order = sorted(range(len(scores)), key=lambda i: -scores[i])
    return [i for i in order[:EVIDENCE_SENTENCES] if scores[i] >= MIN_EVIDENCE_OVERLAP]


@dataclass
class PartResult:
    status: Status
    reason: str
    evidence: int | None
    score: float
    checks: list[str]


def _nearest_cosine(term: Term, idx: SourceIndex, words: set[str]) -> float | None:
    """Cosine of the word of ``words`` nearest in meaning to ``term`` (None without embeddings)."""
    if idx.vocab_vecs is None:
        return None
    rows = [idx.vocab_pos[w] for w in words if w in idx.vocab_pos]
    vec = word_vectors([term.lemma]) if rows else None
    if vec is None:
        return None
    return float((idx.vocab_vecs[rows] @ vec[0]).max())


def synonym_credit(cos: float | None) -> float:
    """0..1 credit for a paraphrase, linear between ``SYNONYM_FLOOR`` and ``SYNONYM_FULL``."""
    if cos is None:
        return 0.0
    return min(1.0, max(0.0, (cos - SYNONYM_FLOOR) / (SYNONYM_FULL - SYNONYM_FLOOR)))


@dataclass
class Missing:
    """A statement word absent from the evidence: where else it is, and its nearest paraphrase."""

    term: Term
    elsewhere: bool
    cosine: float | None


@dataclass
class Assessment:
    """What the checks found for one statement part; ``decide`` turns it into a verdict."""

    evidence: int | None
    hard: tuple[str, str] | None = None  # (check, reason) of a contradiction
    missing: list[Missing] = field(default_factory=list)
    n_terms: int = 0


def assess_part(sent, idx: SourceIndex) -> Assessment:
    """Run the checks of one statement sentence against one source."""
    terms = statement_terms(sent)
    ev = evidence_sentences(terms, idx, sent.text)
    if not ev:
        return Assessment(None, missing=[Missing(t, False, None) for t in terms],
                          n_terms=len(terms))
    best = ev[0]
    out = Assessment(best, n_terms=len(terms))
    ev_words = set().union(*(idx.sent_words[i] for i in ev))
    ev_numbers = set().union(*(idx.sent_numbers[i] for i in ev))
    ev_stems = {_stem(w) for w in ev_words}
    claim_neg = _is_negated(sent)
    if claim_neg != idx.sent_neg[best]:
        side = "the statement" if claim_neg else "the source"
        out.hard = ("negation", f"negation differs: only {side} is negated")
        return out
    for term in terms:
        if _found(term, ev_words, ev_numbers, ev_stems):
            continue
        if pole(term.lemma):  # a word whose opposite stands in the evidence instead of it
            opp = next((w for w in sorted(ev_words) if opposed(term.lemma, w)), None)
            same = any(pole(w) == pole(term.lemma) for w in ev_words)
            if opp and not same:
                out.hard = ("antonym", f"antonym: the statement says {term.text!r}, the source "
                            f"{opp!r}")
                return out
        rival = _rival(term, idx, best)
        if rival:
            out.hard = ("changed number", f"changed number: the statement says {term.text!r}, "
                        f"the source {rival!r}")
            return out
        elsewhere = _found(term, idx.words, idx.numbers, idx.stems)
        cos = None if elsewhere or term.kind in ("number", "name") else _nearest_cosine(
            term, idx, ev_words)
        out.missing.append(Missing(term, elsewhere, cos))
    return out


def decide_part(a: Assessment) -> PartResult:
    """Weigh an assessment with the calibrated constants."""
    if a.evidence is None:
        return PartResult("not mentioned", "no sentence of the source shares its content", None,
                          sum(WEIGHTS[m.term.kind] for m in a.missing), ["no-evidence"])
    if a.hard:
        return PartResult("contradicted", a.hard[1], a.evidence, 0.0, [a.hard[0]])
    unsupported = 0.0
    checks: list[str] = []
    for m in a.missing:
        weight = WEIGHTS[m.term.kind]
        weight *= ELSEWHERE_FACTOR if m.elsewhere else 1.0 - synonym_credit(m.cosine)
        if weight > 0.05:
            unsupported += weight
            checks.append(f"unsupported {m.term.kind} {m.term.text!r}")
    if unsupported >= UNSUPPORTED_LIMIT:
        what = ", ".join(c.split(" ", 2)[2] for c in checks[:4])
        return PartResult("not mentioned", f"the source does not say {what}", a.evidence,
                          round(unsupported, 3), checks)
    return PartResult("supported", "its names, numbers and content words are in the evidence"
                      + (f" (unsupported weight {unsupported:.2f})" if unsupported else ""),
                      a.evidence, round(unsupported, 3), checks)


def check_part(sent, idx: SourceIndex) -> PartResult:
    """Verify one sentence of the statement against one source."""
    return decide_part(assess_part(sent, idx))


def _rival(term: Term, idx: SourceIndex, i: int) -> str | None:
    """A different number counting the same thing in evidence sentence ``i`` ("35 years" where
    the statement says "30 years"), if any."""
    if term.kind != "number" or not term.counts or not term.values:
        return None
    rivals = sorted(idx.sent_counted[i].get(term.counts, set()) - set(term.values))
    return f"{rivals[0]:g} {term.counts}" if rivals else None


_RANK = {"contradicted": 0, "not mentioned": 1, "supported": 2}


def assess(statement: str, article: Article) -> list[Assessment]:
    """The checks of each sentence of ``statement`` against one article."""
    idx = index_source(article)
    doc = _nlp()(statement)
    return [assess_part(s, idx) for s in doc.sents if any(not t.is_punct for t in s)]


def verify_article(statement: str, article: Article,
                   assessments: list[Assessment] | None = None) -> SourceVerdict:
    """Verify a statement against one analysed article (``text`` set)."""
    idx = index_source(article)
    if assessments is None:
        assessments = assess(statement, article)
    results = [decide_part(a) for a in assessments] or [
        PartResult("not mentioned", "the statement is empty", None, 0.0, [])]
    worst = min(results, key=lambda r: (_RANK[r.status], -r.score))
    evidence = None
    if worst.evidence is not None:
        s, e, _ = idx.sentences[worst.evidence]
        evidence = article.source_ref(s, e)
    return SourceVerdict(source=article.id, verdict=worst.status, reason=worst.reason,
                         evidence=evidence, score=round(sum(r.score for r in results), 3),
                         checks=[c for r in results for c in r.checks])


def prepare(article: Article) -> Article:
    """Clean and sentence-split an article that has not been through the pipeline."""
    from ..clean.furniture import clean_stage

    if not article.text:
        article = clean_stage(article)
    return article


def verify(statement: str, articles: Iterable[Article]) -> VerifyResult:
    """Verify ``statement`` against each article."""
    if not statement.strip():
        from ..errors import InputError

        raise InputError("the statement to verify is empty", input="CLAIM", reason="empty")
    out = [verify_article(statement, prepare(a)) for a in articles]
    return VerifyResult(claim=statement, sources=out)


def verify_paths(statement: str, paths: Sequence[str | Path]) -> VerifyResult:
    """Read files and folders and verify ``statement`` against every article in them."""
    from ..ingest import read_inputs

    articles, rejections = [], []
    for item in read_inputs([str(p) for p in paths]):
        (rejections if isinstance(item, Rejection) else articles).append(item)
    result = verify(statement, articles)
    result.rejections = rejections
    return result


def format_text(result: VerifyResult) -> str:
    lines = [f"Statement: {result.claim}"]
    for sv in result.sources:
        lines.append(f"- {sv.source}: {sv.verdict.upper()} - {sv.reason}")
        if sv.evidence is not None:
            lines.append(f"    evidence [{sv.evidence.start}:{sv.evidence.end}]: "
                         f"{sv.evidence.text}")
    for r in result.rejections:
        lines.append(f"- {r.input}: not read ({r.detail or r.reason})")
    return "\n".join(lines) + "\n"
