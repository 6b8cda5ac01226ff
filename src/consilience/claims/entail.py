"""A learned entailment judge: does a premise support a hypothesis, contradict it, or neither?

The judge is two logistic regressions over a few dozen structural features of a (premise,
hypothesis) pair, learned by ``scripts/train_verify.py`` from SummEdits (Apache-2.0) rows of seven
non-news domains and shipped as plain JSON (``data/entail_model.json``: feature names, scaling,
weights, the decision threshold); numpy evaluates it, nothing is unpickled or downloaded.

Features of each hypothesis sentence against the premise (see ``FEATURES``):

- dense similarity (all-MiniLM-L6-v2, when the stories package ships it) of the sentence to its
  best-aligned premise sentences, and its best word overlap;
- the names, numbers and other content words of the hypothesis absent from the aligned sentences
  and from the whole premise (numbers are read as values, units apart: "150km" says 150);
- the least similar content word (MiniLM word cosine to the nearest aligned word), for swapped
  words that are neither names nor numbers;
- negation in the hypothesis, in the aligned sentence, and whether they differ;
- an opposite-polarity word (``lexicon.SCALES``) in the aligned sentence, a different number
  counting the same thing, a different name where the hypothesis' name is missing.

A hypothesis of several sentences takes, per feature, its worst sentence. A hypothesis that
shares not one content word (word form or lemma) with its aligned sentences is "neutral" whatever
the scores. ``p_support`` comes
from the first model; ``p_contradict`` is ``(1 - p_support)`` times the second model's share of
contradiction (antonym, negation, changed entity) among unsupported hypotheses.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Literal

import numpy as np

Label = Literal["support", "contradict", "neutral"]

#: Name of each feature, in the order of the model's weights. Direction of aggregation over the
#: sentences of a hypothesis: "min" keeps the smallest (similarities, coverage), the others keep
#: the largest.
FEATURES: dict[str, str] = {
    "sim_best": "min",          # MiniLM cosine to the best-aligned premise sentence
    "sim_top3": "min",          # mean cosine of the three best-aligned sentences
    "overlap_best": "min",      # weighted share of content words in the best sentence
    "cover_evidence": "min",    # weighted share of content words in the aligned sentences
    "cover_premise": "min",     # weighted share of content words anywhere in the premise
    "numbers_missing": "max",   # numbers absent from the premise
    "numbers_off_evidence": "max",  # numbers absent from the aligned sentences
    "names_missing": "max",     # names absent from the premise
    "names_off_evidence": "max",  # names absent from the aligned sentences
    "words_missing": "max",     # other content words absent from the premise (stems)
    "words_off_evidence": "max",  # other content words absent from the aligned sentences
    "word_gap": "max",          # sum of (1 - nearest word cosine) of words off the evidence
    "word_min_cos": "min",      # nearest-word cosine of the least supported word (1 if none)
    "negated_hypothesis": "max",
    "negated_evidence": "max",
    "negation_differs": "max",
    "antonym": "max",           # an opposite-polarity word stands in the aligned sentence
    "rival_number": "max",      # a different number counts the same thing in the evidence
    "rival_name": "max",        # a name is off the evidence and another name stands there
    "content_words": "max",     # log(1 + content words of the hypothesis sentence)
    "premise_sentences": "max",  # log(1 + sentences of the premise)
}


@dataclass
class PartFeatures:
    """The features of one hypothesis sentence and what they rest on (for explanations)."""

    values: dict[str, float]
    evidence: int | None
    missing: list[str] = field(default_factory=list)
    hard: list[str] = field(default_factory=list)
    #: Content words of the hypothesis found in the aligned sentences as a word form or lemma
    #: (no stem matching); 0 means the evidence shares nothing with it. Not a model feature.
    shared_words: int = 0


@dataclass
class EntailmentScore:
    """The judge's view of one (premise, hypothesis) pair."""

    label: Label
    p_support: float
    p_contradict: float
    features: dict[str, float]
    drivers: list[str] = field(default_factory=list)
    evidence: int | None = None
    reasons: list[str] = field(default_factory=list)


def _weight(kind: str) -> float:
    from .verify import WEIGHTS

    return WEIGHTS[kind]


def part_features(sent, idx) -> PartFeatures:
    """Features of one parsed hypothesis sentence against a premise ``verify.SourceIndex``."""
    from .lexicon import opposed, pole
    from .similarity import embed
    from .verify import (EVIDENCE_SENTENCES, _found, _is_negated, _nearest_cosine, _overlap,
                         _rival, _stem, statement_terms)

    terms = statement_terms(sent)
    n = len(idx.sentences)
    v = dict.fromkeys(FEATURES, 0.0)
    v["content_words"] = math.log1p(len(terms))
    v["premise_sentences"] = math.log1p(n)
    v["negated_hypothesis"] = float(_is_negated(sent))
    v["word_min_cos"] = 1.0
    if n == 0:
        v["numbers_missing"] = v["numbers_off_evidence"] = sum(t.kind == "number" for t in terms)
        v["names_missing"] = v["names_off_evidence"] = sum(t.kind == "name" for t in terms)
        other = sum(t.kind not in ("number", "name") for t in terms)
        v["words_missing"] = v["words_off_evidence"] = v["word_gap"] = other
        v["word_min_cos"] = 0.0 if other else 1.0
        return PartFeatures(v, None, [t.text for t in terms])
    lex = np.array([_overlap(terms, w) for w in idx.sent_words])
    sims = None
    if idx.sent_vecs is not None:
        q = embed([sent.text])
        sims = idx.sent_vecs @ q[0] if q is not None else None
    score = lex if sims is None else 0.5 * sims + 0.5 * lex
    order = np.argsort(-score, kind="stable")
    ev = [int(i) for i in order[:EVIDENCE_SENTENCES]]
    best = ev[0]
    if sims is not None:
        top = np.sort(sims)[::-1]
        v["sim_best"] = float(top[0])
        v["sim_top3"] = float(top[:3].mean())
    v["overlap_best"] = float(lex.max())
    ev_words = set().union(*(idx.sent_words[i] for i in ev))
    ev_numbers = set().union(*(idx.sent_numbers[i] for i in ev))
    ev_stems = {_stem(w) for w in ev_words}
    v["negated_evidence"] = float(idx.sent_neg[best])
    v["negation_differs"] = float(idx.sent_neg[best] != bool(v["negated_hypothesis"]))
    out = PartFeatures(v, best)
    if v["negation_differs"]:
        side = "the hypothesis" if v["negated_hypothesis"] else "the evidence"
        out.hard.append(f"negation differs: only {side} is negated")
    total = sum(_weight(t.kind) for t in terms) or 1.0
    in_ev = in_doc = 0.0
    ev_names = set().union(*(idx.sent_names[i] for i in ev))
    claim_names = {t.lemma for t in terms if t.kind == "name"} | {
        t.text.lower() for t in terms if t.kind == "name"}
    for t in terms:
        w = _weight(t.kind)
        here = _found(t, ev_words, ev_numbers, ev_stems)
        out.shared_words += _found(t, ev_words, ev_numbers, None)
        anywhere = here or _found(t, idx.words, idx.numbers, idx.stems)
        in_ev += w * here
        in_doc += w * anywhere
        kind = t.kind if t.kind in ("number", "name") else "words"
        key = {"number": "numbers", "name": "names"}.get(kind, "words")
        if not anywhere:
            v[f"{key}_missing"] += 1
        if here:
            continue
        v[f"{key}_off_evidence"] += 1
        out.missing.append(t.text)
        if t.kind == "number" and _rival(t, idx, best):
            v["rival_number"] = 1.0
            out.hard.append(f"changed number: says {t.text!r}, the evidence "
                            f"{_rival(t, idx, best)!r}")
        elif t.kind == "name":
            others = ev_names - claim_names
            if others and not anywhere:
                v["rival_name"] = 1.0
                out.hard.append(f"changed name: says {t.text!r}, the evidence names "
                                f"{sorted(others)[0]!r}")
        elif kind == "words":
            if pole(t.lemma):
                opp = next((x for x in sorted(ev_words) if opposed(t.lemma, x)), None)
                if opp and not any(pole(x) == pole(t.lemma) for x in ev_words):
                    v["antonym"] = 1.0
                    out.hard.append(f"antonym: says {t.text!r}, the evidence {opp!r}")
            cos = _nearest_cosine(t, idx, ev_words) or 0.0
            v["word_gap"] += 1.0 - cos
            v["word_min_cos"] = min(v["word_min_cos"], cos)
    v["cover_evidence"] = in_ev / total
    v["cover_premise"] = in_doc / total
    return out


def combine(parts: list[PartFeatures]) -> PartFeatures:
    """Per feature, the worst sentence of a multi-sentence hypothesis."""
    if not parts:
        return PartFeatures({k: 0.0 for k in FEATURES}, None)
    if len(parts) == 1:
        return parts[0]
    vals = {k: (min if d == "min" else max)(p.values[k] for p in parts)
            for k, d in FEATURES.items()}
    worst = min(parts, key=lambda p: (p.values["cover_evidence"], p.values["sim_best"]))
    return PartFeatures(vals, worst.evidence, [m for p in parts for m in p.missing],
                        [h for p in parts for h in p.hard], min(p.shared_words for p in parts))


def vector(values: dict[str, float]) -> np.ndarray:
    return np.array([values[k] for k in FEATURES], dtype=np.float64)


def model_path():
    return resources.files("consilience.claims") / "data" / "entail_model.json"


@lru_cache(maxsize=1)
def load_model() -> dict:
    """The shipped model (plain JSON arrays); checked against ``FEATURES``."""
    model = json.loads(model_path().read_text(encoding="utf-8"))
    if model["features"] != list(FEATURES):
        raise ValueError(f"{model_path()}: model features do not match the code's")
    for head in ("support", "contradict"):
        for key in ("mean", "scale", "coef"):
            model[head][key] = np.asarray(model[head][key], dtype=np.float64)
    return model


def _logit(head: dict, x: np.ndarray) -> np.ndarray:
    z = (x - head["mean"]) / head["scale"]
    return z @ head["coef"] + head["intercept"]


def probabilities(x: np.ndarray, model: dict | None = None) -> tuple[np.ndarray, np.ndarray]:
    """``p_support`` and ``p_contradict`` for a matrix of feature rows."""
    model = model or load_model()
    x = np.atleast_2d(x)
    p_sup = 1.0 / (1.0 + np.exp(-_logit(model["support"], x)))
    share = 1.0 / (1.0 + np.exp(-_logit(model["contradict"], x)))
    return p_sup, (1.0 - p_sup) * share


def drivers(values: dict[str, float], model: dict | None = None, k: int = 3) -> list[str]:
    """The features that moved ``p_support`` most from the training mean, signed."""
    model = model or load_model()
    head = model["support"]
    z = (vector(values) - head["mean"]) / head["scale"] * head["coef"]
    order = np.argsort(-np.abs(z))[:k]
    return [f"{list(FEATURES)[i]}={values[list(FEATURES)[i]]:.2f} ({z[i]:+.2f})" for i in order]


def score(feats: PartFeatures, model: dict | None = None) -> EntailmentScore:
    """Turn features into a label with the model's threshold."""
    model = model or load_model()
    p_sup, p_con = (float(a[0]) for a in probabilities(vector(feats.values), model))
    reasons = list(feats.hard)
    if feats.shared_words == 0:  # the evidence shares nothing with it: no judgement to make
        label: Label = "neutral"
        reasons.insert(0, "no content word of the hypothesis is in the evidence")
    elif p_sup >= model["threshold"]:
        label = "support"
    elif p_con >= (1.0 - p_sup) * model["contradict_share"]:
        label = "contradict"
    else:
        label = "neutral"
    return EntailmentScore(label, round(p_sup, 4), round(p_con, 4),
                           {k: round(x, 4) for k, x in feats.values.items()},
                           drivers(feats.values, model), feats.evidence,
                           reasons + ([f"off the evidence: {', '.join(feats.missing[:4])}"]
                                      if feats.missing else []))


def hypothesis_features(hypothesis: str, idx) -> PartFeatures:
    """Features of a hypothesis (any number of sentences) against an indexed premise."""
    from .verify import _nlp

    doc = _nlp()(hypothesis)
    return combine([part_features(s, idx) for s in doc.sents if any(not t.is_punct for t in s)])


def judge_pairs(pairs: list[tuple[str, str]]) -> list[EntailmentScore]:
    """Judge (premise, hypothesis) pairs of plain text: ``label`` is "support", "contradict" or
    "neutral"; ``evidence`` indexes the premise's sentence the judgement rests on."""
    from ..model import Article
    from .verify import index_source, prepare

    out = []
    articles: dict[str, Article] = {}  # a premise repeated across pairs is cleaned and indexed once
    for premise, hypothesis in pairs:
        art = articles.get(premise)
        if art is None:
            art = prepare(Article(id=f"premise{len(articles)}", input_text=premise or " "))
            articles[premise] = art
        out.append(score(hypothesis_features(hypothesis, index_source(art))))
    return out


def judge_in_article(hypothesis: str, article, spans: tuple[tuple[int, int], ...] | None = None
                     ) -> EntailmentScore:
    """Judge ``hypothesis`` against an analysed article (``text`` set), or against only the
    passages ``spans`` (character offsets into ``article.text``, e.g. the sentence of an aligned
    claim). The article's parse and index are cached, so many hypotheses against one article
    cost one parse; ``evidence`` indexes ``spans`` (or the article's sentences)."""
    from .verify import index_source

    return score(hypothesis_features(hypothesis, index_source(article, spans)))


__all__ = ["FEATURES", "EntailmentScore", "combine", "hypothesis_features", "judge_in_article",
           "judge_pairs", "load_model", "part_features", "probabilities", "score"]
