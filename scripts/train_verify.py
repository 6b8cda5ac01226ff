"""Train the entailment judge of ``consilience verify`` and write it as plain JSON.

Usage: .venv/bin/python scripts/train_verify.py [--data FILE] [--out FILE] [--features CACHE]

Data: SummEdits (Apache-2.0) rows of seven non-news domains,
``../shared/corpus/train/consistency/summedits_other_domains.jsonl`` (fields ``doc``, ``claim``,
``label``, ``edit_types``, ``domain``). The news rows are never read here: they are the held-out
figure of ``scripts/eval_verify.py``.

SummEdits claims are all about their document, so unrelated pairs are added: the first
``MISMATCHED_PER_DOC`` claims of each document set against another document of the same domain,
labelled inconsistent (they are trained on, never scored).

Two logistic regressions (balanced class weights, standardised features, L2; fit with scipy's
L-BFGS-B) over ``consilience.claims.entail.FEATURES``:

- support: consistent vs inconsistent, each weight kept to the sign its feature means (``SIGNS``);
- contradict: among inconsistent rows, an antonym swap, negation or changed entity vs an
  inserted fact or an unrelated document.

The regularisation strength and the decision threshold on ``p_support`` are chosen by
leave-one-domain-out cross-validation (train on six domains, predict the seventh), maximising the
mean balanced accuracy over the seven held-out domains (SummEdits rows only); the final model is
then fitted on all rows. Deterministic: no randomness, rows are processed in file order. The
features of each row are cached (``--features``) so the search can be rerun without re-parsing.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from consilience.claims.entail import FEATURES  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "corpus" / "train" / "consistency" / \
    "summedits_other_domains.jsonl"
OUT = ROOT / "src" / "consilience" / "claims" / "data" / "entail_model.json"
#: Inverse regularisation strengths tried by the cross-validation.
C_GRID = [0.01, 0.03, 0.1, 0.3, 1.0, 3.0]
#: Candidate thresholds on p_support.
THRESHOLDS = [round(x, 2) for x in np.arange(0.30, 0.71, 0.02)]
#: The sign each weight of the support head must keep (+1 more is support, -1 more is against,
#: 0 free), fixed a priori from what the feature means: without it correlated features take
#: opposite signs and a judge fit on SummEdits (where every claim is about its document) learns
#: nothing about unrelated evidence.
SIGNS = {"sim_best": 1, "sim_top3": 1, "overlap_best": 1, "cover_evidence": 1, "cover_premise": 1,
         "numbers_missing": -1, "numbers_off_evidence": -1, "names_missing": -1,
         "names_off_evidence": -1, "words_missing": -1, "words_off_evidence": -1, "word_gap": -1,
         "word_min_cos": 1, "negated_hypothesis": 0, "negated_evidence": 0, "negation_differs": -1,
         "antonym": -1, "rival_number": -1, "rival_name": -1, "content_words": 0,
         "premise_sentences": 0}
#: Claims of each document also set against another document, as unrelated pairs.
MISMATCHED_PER_DOC = 5
CONTRADICTION_EDITS = {"antonym_swap", "negation_insertion_removal", "entity_modification"}


def row_features(rows: list[dict], log_every: int = 200) -> np.ndarray:
    """The feature matrix of SummEdits rows, documents parsed once each."""
    from consilience.evaluation.verify import row_features as rf

    t0 = time.time()
    out = []
    for k, feats in enumerate(rf(rows)):
        out.append([feats.values[f] for f in FEATURES])
        if log_every and (k + 1) % log_every == 0:
            print(f"  {k + 1}/{len(rows)} rows, {time.time() - t0:.0f}s", file=sys.stderr)
    return np.array(out, dtype=np.float64)


def mismatched_rows(rows: list[dict], per_doc: int = MISMATCHED_PER_DOC) -> list[dict]:
    """Unrelated pairs: the first claims of each document set against the next document of the
    same domain (SummEdits has no unrelated claims, and a source that is about something else
    must not support a statement). Labelled inconsistent, edit type "unrelated_document"."""
    docs: dict[str, list[str]] = {}
    claims: dict[str, list[str]] = {}
    for r in rows:
        if r["doc"] not in claims:
            docs.setdefault(r["domain"], []).append(r["doc"])
            claims[r["doc"]] = []
        claims[r["doc"]].append(r["claim"])
    out = []
    for domain, ds in docs.items():
        for k, doc in enumerate(ds):
            src = ds[k - 1]  # the previous document's claims, against this document
            for claim in claims[src][:per_doc]:
                out.append({"id": f"mismatched-{domain}-{k}", "domain": domain, "doc": doc,
                            "claim": claim, "label": "inconsistent",
                            "edit_types": ["unrelated_document"]})
    return out


def balanced_accuracy(y: np.ndarray, pred: np.ndarray) -> float:
    return float((pred[y == 1].mean() + (1 - pred[y == 0]).mean()) / 2)


def fit(x: np.ndarray, y: np.ndarray, c: float, signs: list[int] | None = None) -> dict:
    """A standardised, class-balanced, L2-regularised logistic regression as plain arrays
    (the objective of scikit-learn's ``LogisticRegression(C=c, class_weight="balanced")``),
    with each weight kept to the sign of ``signs`` (+1, -1, 0 = free) by L-BFGS-B."""
    from scipy.optimize import minimize

    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    z = (x - mean) / scale
    sw = np.where(y == 1, len(y) / (2 * max(1, y.sum())), len(y) / (2 * max(1, (1 - y).sum())))
    t = 2 * y - 1

    def loss(w):
        m = t * (z @ w[:-1] + w[-1])
        lo = np.logaddexp(0, -m)
        g = -t * sw * (1 / (1 + np.exp(m)))
        grad = np.append(c * (z.T @ g) + w[:-1], c * g.sum())
        return c * float(sw @ lo) + 0.5 * float(w[:-1] @ w[:-1]), grad

    signs = signs or [0] * x.shape[1]
    bounds = [(0, None) if sg > 0 else (None, 0) if sg < 0 else (None, None) for sg in signs]
    res = minimize(loss, np.zeros(x.shape[1] + 1), jac=True, method="L-BFGS-B",
                   bounds=bounds + [(None, None)], options={"maxiter": 5000})
    return {"mean": mean.tolist(), "scale": scale.tolist(), "coef": res.x[:-1].tolist(),
            "intercept": float(res.x[-1])}


def predict(head: dict, x: np.ndarray) -> np.ndarray:
    z = (x - np.asarray(head["mean"])) / np.asarray(head["scale"])
    return 1.0 / (1.0 + np.exp(-(z @ np.asarray(head["coef"]) + head["intercept"])))


def lodo(x: np.ndarray, y: np.ndarray, domains: np.ndarray, c: float,
         signs: list[int] | None) -> np.ndarray:
    """Out-of-domain p_support of every row (each domain predicted by a model of the others)."""
    p = np.zeros(len(y))
    for d in sorted(set(domains)):
        test = domains == d
        p[test] = predict(fit(x[~test], y[~test], c, signs), x[test])
    return p


def per_domain(y, p, domains, threshold) -> dict[str, float]:
    return {d: balanced_accuracy(y[domains == d], (p[domains == d] >= threshold).astype(int))
            for d in sorted(set(domains))}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(DEFAULT))
    ap.add_argument("--out", default=str(OUT))
    ap.add_argument("--features", help="Cache of the feature matrix (.npy), read if present.")
    args = ap.parse_args()
    from consilience.evaluation.verify import load_rows

    rows = load_rows(args.data)
    extra = mismatched_rows(rows)
    cache = Path(args.features) if args.features else None
    extra_cache = cache.with_name(cache.stem + "_mismatched.npy") if cache else None
    if cache and cache.exists() and extra_cache.exists():
        x, x_extra = np.load(cache), np.load(extra_cache)
    else:
        x, x_extra = row_features(rows), row_features(extra)
        if cache:
            np.save(cache, x)
            np.save(extra_cache, x_extra)
    rows = rows + extra
    x = np.vstack([x, x_extra])
    y = np.array([r["label"] == "consistent" for r in rows], dtype=int)
    domains = np.array([r["domain"] for r in rows])
    real = np.arange(len(rows)) < len(rows) - len(extra)  # scored: the SummEdits rows only
    signs = [SIGNS[f] for f in FEATURES]

    def cv_score(p, t):
        folds = per_domain(y[real], p[real], domains[real], t)
        return float(np.mean(list(folds.values()))), folds

    best = None
    for c in C_GRID:
        p = lodo(x, y, domains, c, signs)
        for t in THRESHOLDS:
            score, _ = cv_score(p, t)
            if best is None or score > best[0] + 1e-9:
                best = (score, c, t, p)
    score, c, t, p = best
    _, folds = cv_score(p, t)
    print(f"leave-one-domain-out: C={c} threshold={t} mean balanced accuracy {score:.3f}")
    for d, s in folds.items():
        print(f"  {d:<12} {int((domains[real] == d).sum()):>5} rows  {s:.3f}")
    unrelated = float((p[~real] < t).mean())
    print(f"  unrelated pairs judged unsupported (out of domain): {unrelated:.3f}")

    support = fit(x, y, c, signs)
    neg = y == 0
    yc = np.array([bool(set(r["edit_types"]) & CONTRADICTION_EDITS) for r in rows], dtype=int)
    contradict = fit(x[neg], yc[neg], c)
    pc = predict(contradict, x[neg])
    model = {
        "format": "consilience-entail/1",
        "features": list(FEATURES),
        "threshold": t,
        "contradict_share": 0.5,
        "support": support,
        "contradict": contradict,
        "training": {
            "data": "SummEdits (Apache-2.0), domains: " + ", ".join(sorted(set(domains))),
            "rows": int(real.sum()), "C": c,
            "lodo_balanced_accuracy": round(score, 4),
            "lodo_per_domain": {d: round(s, 4) for d, s in folds.items()},
            "mismatched_pairs": len(extra), "lodo_unrelated_rejected": round(unrelated, 4),
            "contradict_train_balanced_accuracy": round(
                balanced_accuracy(yc[neg], (pc >= 0.5).astype(int)), 4),
        },
    }
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({Path(args.out).stat().st_size} bytes)")


if __name__ == "__main__":
    main()
