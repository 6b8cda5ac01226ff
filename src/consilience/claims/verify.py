"""``consilience verify``: does each source support a statement, contradict it, or not mention it?

1. A statement that reports speech ("Putin said the counteroffensive had failed", "According to
   X, ...") is read by the quotes stage; its content is checked against what the source reports
   that speaker as saying (the quotes attributed to the same speaker), not against the whole
   source. A source that reports nothing said by that speaker does not mention the statement.
2. Otherwise the statement is checked against the whole source.
3. The source is indexed once (sentences, words, numbers with units read as numbers, names,
   MiniLM sentence and word vectors); ``claims.entail`` computes the features of each statement
   sentence against its best-aligned source sentences and its learned judge gives
   ``p_support`` and ``p_contradict``: "supported" at or above the model's threshold (chosen by
   leave-one-domain-out cross-validation on the training domains), else "contradicted" or "not
   mentioned" by the contradiction head. Evidence that shares not one content word (word form
   or lemma) with the statement is "not mentioned" whatever the score.

Each verdict keeps its evidence (the sentence or quote it rests on, with offsets), the
probabilities, what the evidence lacks or opposes, and the features that drove the score.
"""

from __future__ import annotations

import re
import unicodedata
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

#: Weight of a content word by kind in the coverage shares of the entailment features: equal, a
#: plain share of content words (the learned judge weighs names, numbers and other words through
#: separate features).
WEIGHTS = {"number": 1.0, "name": 1.0, "noun": 1.0, "adj": 1.0, "verb": 1.0, "adv": 1.0}
#: Sentences taken as evidence for one statement sentence (summaries fuse a few source
#: sentences). Fixed, not tuned.
EVIDENCE_SENTENCES = 3
#: Shortest common prefix by which two word forms count as one word ("recapture"/"recaptured").
STEM_PREFIX = 5

_SCALE = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "million": 1e6, "bn": 1e9,
          "b": 1e9, "billion": 1e9, "tn": 1e12, "trillion": 1e12}
_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20, "thirty": 30,
          "forty": 40, "fifty": 50, "hundred": 100, "dozen": 12, "first": 1, "second": 2,
          "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
          "ninth": 9, "tenth": 10, "single": 1, "once": 1, "twice": 2, "half": 0.5}
#: A number and its scale word; a unit glued to it is left aside ("150km" says 150).
_NUM_RE = re.compile(r"(?<![\w.-])(\d+(?:[.,]\d+)*)(?:\s*(k|thousand|mn|m|million|bn|b|billion|"
                     r"tn|trillion)\b)?", re.IGNORECASE)
_ENT_TYPES = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "EVENT", "LAW"}


class SourceVerdict(BaseModel):
    """What one source says about the statement."""

    source: str
    verdict: Status
    reason: str
    evidence: SourceRef | None = None
    score: float = Field(0.0, description="The judge's probability that the source supports "
                         "the statement (p_support).")
    p_contradict: float = Field(0.0, description="The judge's probability of a contradiction.")
    speaker: str | None = Field(None, description="For a statement that reports speech, the "
                                "speaker whose reported statements were the evidence.")
    checks: list[str] = Field(default_factory=list, description="What the evidence lacks or "
                              "opposes (changed number or name, antonym, negation, words off "
                              "the evidence).")
    drivers: list[str] = Field(default_factory=list, description="The features that moved "
                               "p_support most, with their values and signed contributions.")


class VerifyResult(BaseModel):
    claim: str
    sources: list[SourceVerdict]
    rejections: list[Rejection] = Field(default_factory=list)
    method: str = "learned judge"


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

    article: Article | None
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


def _fold(word: str) -> str:
    """``word`` without its diacritics: "Constanța" and "Constanta" are one name."""
    if word.isascii():
        return word
    return "".join(ch for ch in unicodedata.normalize("NFKD", word)
                   if not unicodedata.combining(ch))


def _norm(word: str) -> str:
    return _fold(word.lower().replace(".", "").replace("’", "'").strip("'-"))


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


_INDEX_CACHE: OrderedDict[tuple, SourceIndex] = OrderedDict()
#: Source indexes kept in memory (one per article text), so many statements check fast.
INDEX_CACHE_SIZE = 32


def index_source(article: Article, spans: tuple[tuple[int, int], ...] | None = None
                 ) -> SourceIndex:
    """The (cached) index of one source's words, numbers, names and sentence vectors; with
    ``spans`` (character offsets into ``article.text``), of those passages only, each standing
    for a sentence."""
    key = (article.id, hash(article.text), spans)
    idx = _INDEX_CACHE.get(key)
    if idx is None:
        idx = _build_index(article, spans)
        _INDEX_CACHE[key] = idx
        while len(_INDEX_CACHE) > INDEX_CACHE_SIZE:
            _INDEX_CACHE.popitem(last=False)
    return idx


def word_vectors(words: Sequence[str]) -> np.ndarray | None:
    """Embeddings of single words (kept per process by ``similarity.embed``)."""
    return embed(list(words)) if words else None


def _build_index(article: Article, spans: tuple[tuple[int, int], ...] | None) -> SourceIndex:
    from ..nlp.annotate import parse

    doc = parse(article)
    units = doc.sents if spans is None else [
        doc.char_span(s, e, alignment_mode="expand") for s, e in spans]
    return index_units(units, article)


def index_units(units: Iterable, article: Article | None = None) -> SourceIndex:
    """The index of parsed passages (spaCy spans), each standing for a sentence of a premise;
    ``article`` is the source they come from, when there is one."""
    idx = SourceIndex(article=article, sentences=[])
    for sent in units:
        if sent is None or not sent.text.strip():
            continue
        idx.sentences.append((sent.start_char, sent.end_char, sent.text))
        words: set[str] = set()
        for t in sent:
            if t.is_punct or t.is_space:
                continue
            for w in (_norm(t.text), _fold(t.lemma_.lower())):
                words.add(w)
                idx.stems.add(_stem(w))
            for part in re.split(r"[-/]", _fold(t.text.lower())):  # "one-year", "clifftop/cliff"
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
    forms = {_norm(term.text), _fold(term.lemma)}
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


def _nearest_cosine(term: Term, idx: SourceIndex, words: set[str]) -> float | None:
    """Cosine of the word of ``words`` nearest in meaning to ``term`` (None without embeddings)."""
    if idx.vocab_vecs is None:
        return None
    rows = [idx.vocab_pos[w] for w in words if w in idx.vocab_pos]
    vec = word_vectors([term.lemma]) if rows else None
    if vec is None:
        return None
    return float((idx.vocab_vecs[rows] @ vec[0]).max())


def _rival(term: Term, idx: SourceIndex, i: int) -> str | None:
    """A different number counting the same thing in evidence sentence ``i`` ("35 years" where
    the statement says "30 years"), if any."""
    if term.kind != "number" or not term.counts or not term.values:
        return None
    rivals = sorted(idx.sent_counted[i].get(term.counts, set()) - set(term.values))
    return f"{rivals[0]:g} {term.counts}" if rivals else None


_LABELS: dict[str, Status] = {"support": "supported", "contradict": "contradicted",
                              "neutral": "not mentioned"}
#: Words of a speaker mention that do not name the speaker.
_TITLES = frozenset({"president", "prime", "minister", "mr", "mrs", "ms", "dr", "the", "a", "an",
                     "general", "gen", "sir", "lord", "chancellor", "secretary", "his", "her",
                     "their", "its"})
#: Cue words of a statement that reports what someone said ("X said Y", "according to X, Y").
REPORTING_VERBS = frozenset({"say", "tell", "state", "claim", "announce", "declare", "insist",
                             "argue", "assert", "add", "write", "warn", "deny", "confirm",
                             "suggest", "believe", "think", "according", "accord", "predict",
                             "allege", "maintain", "tweet", "report", "explain", "indicate",
                             "note"})
_QUOTES_CACHE: OrderedDict[tuple[str, int], list] = OrderedDict()


@dataclass
class Attribution:
    """A statement of the form "X said Y": who, and what (``content``, a part of the statement)."""

    speaker: str
    content: str


def attribution(statement: str) -> Attribution | None:
    """The speaker and content of a one-sentence statement that reports speech ("Putin said the
    counteroffensive had failed", "According to Putin, ..."), read by the quotes stage."""
    from ..nlp.annotate import annotate, parse
    from ..nlp.quotes import find_quotes

    art = annotate(prepare(Article(id="statement", input_text=statement)))
    if len(art.sentences) != 1:
        return None
    doc = parse(art)
    for q in find_quotes(art):
        if q.speaker_span is None or not q.speaker or q.cue_span is None:
            continue
        cue = doc.char_span(q.cue_span.start, q.cue_span.end, alignment_mode="expand")
        if cue is None or not any(t.lemma_.lower() in REPORTING_VERBS for t in cue):
            continue  # "admitted to manslaughter" reports an act, not what was said
        return Attribution(q.speaker, q.content_span.text)
    return None


def _speaker_words(name: str) -> set[str]:
    words = [w for w in re.findall(r"[\w'’-]+", name.lower()) if w not in _TITLES]
    return set(words[-1:])


def same_speaker(claimed: str, reported: str | None) -> bool:
    """Whether a speaker named in a statement is the one a quote is attributed to: the head word
    of the statement's mention ("Putin", "the defence ministry") is among the reported
    speaker's words ("Vladimir Putin", "The Russian defence ministry")."""
    if not reported:
        return False
    words = {w for w in re.findall(r"[\w'’-]+", reported.lower())}
    return bool(_speaker_words(claimed)) and _speaker_words(claimed) <= words


def source_quotes(article: Article) -> list:
    """The quotes of an article (quotes stage), computed once per article text."""
    from ..nlp.annotate import annotate
    from ..nlp.quotes import find_quotes

    key = (article.id, hash(article.text))
    found = _QUOTES_CACHE.get(key)
    if found is None:
        if not article.entities:
            article = annotate(article)
        found = find_quotes(article) if article.text.strip() else []
        _QUOTES_CACHE[key] = found
        while len(_QUOTES_CACHE) > INDEX_CACHE_SIZE:
            _QUOTES_CACHE.popitem(last=False)
    return found


def number_about_other_things(features: dict[str, float]) -> bool:
    """A contradiction that rests only on a changed number while names of the statement are
    absent from the evidence sentence: the evidence measures something else (110 km from one
    place is no answer to 150 km from another), so both can be true."""
    return (features.get("rival_number", 0) > 0 and features.get("names_off_evidence", 0) > 0
            and not any(features.get(k, 0) > 0
                        for k in ("rival_name", "negation_differs", "antonym")))


def verify_article(statement: str, article: Article) -> SourceVerdict:
    """Verify a statement against one analysed article (``text`` set) with the learned judge.

    A statement that reports speech ("X said Y") is checked against what the article reports X
    as saying (the quotes stage's statements by that speaker), not against the whole article."""
    from .entail import hypothesis_features, score

    attr = attribution(statement)
    speaker = None
    if attr is not None:
        spans = tuple((q.content_span.start, q.content_span.end) for q in source_quotes(article)
                      if same_speaker(attr.speaker, q.speaker))
        if spans:
            idx, hypothesis, speaker = index_source(article, spans), attr.content, attr.speaker
    if speaker is None:
        idx, hypothesis = index_source(article), statement
    feats = hypothesis_features(hypothesis, idx)
    judged = score(feats)
    verdict = _LABELS[judged.label]
    if verdict == "contradicted" and number_about_other_things(judged.features):
        verdict = "not mentioned"
        judged.reasons.insert(0, "a different number in a sentence that does not name what the "
                                 "statement names: both can be true")
    evidence = None
    if judged.evidence is not None:
        s, e, _ = idx.sentences[judged.evidence]
        evidence = article.source_ref(s, e)
    what = {"supported": "the evidence supports it",
            "contradicted": "the evidence contradicts it",
            "not mentioned": "the source does not say it"}[verdict]
    detail = [r for r in judged.reasons if verdict != "supported" or r.startswith("off")]
    reason = f"{what} (p_support {judged.p_support:.2f}"
    reason += f", p_contradict {judged.p_contradict:.2f})"
    if speaker:
        reason += f"; checked against what {speaker} is reported to say"
    elif attr is not None:
        reason += f"; no statement by {attr.speaker} found, checked against the whole source"
    if detail and verdict != "supported":
        reason += "; " + "; ".join(detail[:2])
    return SourceVerdict(source=article.id, verdict=verdict, reason=reason, evidence=evidence,
                         score=judged.p_support, p_contradict=judged.p_contradict,
                         speaker=speaker, checks=judged.reasons, drivers=judged.drivers)


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
    out, rejections = [], []
    for a in articles:
        try:
            out.append(verify_article(statement, prepare(a)))
        except Exception as exc:  # one unreadable article must not stop the others
            rejections.append(Rejection(input=a.id, article=a.id, stage="verify",
                                        reason="failed", detail=f"cannot be verified: {exc}"))
    return VerifyResult(claim=statement, sources=out, rejections=rejections)


def verify_paths(statement: str, paths: Sequence[str | Path]) -> VerifyResult:
    """Read files and folders and verify ``statement`` against every article in them."""
    from ..ingest import read_inputs

    articles, rejections = [], []
    for item in read_inputs([str(p) for p in paths]):
        (rejections if isinstance(item, Rejection) else articles).append(item)
    result = verify(statement, articles)
    result.rejections = rejections + result.rejections
    return result


def format_text(result: VerifyResult) -> str:
    lines = [f"Statement: {result.claim}"]
    for sv in result.sources:
        lines.append(f"- {sv.source}: {sv.verdict.upper()} - {sv.reason}")
        if sv.evidence is not None:
            lines.append(f"    evidence [{sv.evidence.start}:{sv.evidence.end}]: "
                         f"{sv.evidence.text}")
        if sv.drivers:
            lines.append(f"    features: {'; '.join(sv.drivers)}")
    for r in result.rejections:
        lines.append(f"- {r.input}: not read ({r.detail or r.reason})")
    return "\n".join(lines) + "\n"
