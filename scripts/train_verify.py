"""Train the entailment judge of ``consilience verify`` and write it as plain JSON.

Usage: .venv/bin/python scripts/train_verify.py [--data FILE] [--out FILE] [--features CACHE]

Data: SummEdits (Apache-2.0) rows of seven non-news domains,
``../shared/corpus/train/consistency/summedits_other_domains.jsonl`` (fields ``doc``, ``claim``,
``label``, ``edit_types``, ``domain``). The news rows are never read here: they are the held-out
figure of ``scripts/eval_verify.py``.

Two logistic regressions (scikit-learn, balanced class weights, standardised features) over
``consilience.claims.entail.FEATURES``:

- support: consistent vs inconsistent;
- contradict: among inconsistent rows, an antonym swap, negation or changed entity vs an
  inserted fact only.

The regularisation strength and the decision threshold on ``p_support`` are chosen by
leave-one-domain-out cross-validation (train on six domains, predict the seventh), maximising the
mean balanced accuracy over the seven held-out domains; the final model is then fitted on all
rows. Deterministic: the solver is lbfgs, rows are processed in file order. The features of each
row are cached (``--features``) so the search can be rerun without re-parsing.
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


def balanced_accuracy(y: np.ndarray, pred: np.ndarray) -> float:
    return float((pred[y == 1].mean() + (1 - pred[y == 0]).mean()) / 2)


def fit(x: np.ndarray, y: np.ndarray, c: float) -> dict:
    """A standardised, class-balanced logistic regression as plain arrays."""
    from sklearn.linear_model import LogisticRegression

    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    lr = LogisticRegression(C=c, class_weight="balanced", max_iter=2000, solver="lbfgs")
    lr.fit((x - mean) / scale, y)
    return {"mean": mean.tolist(), "scale": scale.tolist(), "coef": lr.coef_[0].tolist(),
            "intercept": float(lr.intercept_[0])}


def predict(head: dict, x: np.ndarray) -> np.ndarray:
    z = (x - np.asarray(head["mean"])) / np.asarray(head["scale"])
    return 1.0 / (1.0 + np.exp(-(z @ np.asarray(head["coef"]) + head["intercept"])))


def lodo(x: np.ndarray, y: np.ndarray, domains: np.ndarray, c: float) -> np.ndarray:
    """Out-of-domain p_support of every row (each domain predicted by a model of the others)."""
    p = np.zeros(len(y))
    for d in sorted(set(domains)):
        test = domains == d
        p[test] = predict(fit(x[~test], y[~test], c), x[test])
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
    cache = Path(args.features) if args.features else None
    if cache and cache.exists():
        x = np.load(cache)
    else:
        x = row_features(rows)
        if cache:
            np.save(cache, x)
    y = np.array([r["label"] == "consistent" for r in rows], dtype=int)
    domains = np.array([r["domain"] for r in rows])

    best = None
    for c in C_GRID:
        p = lodo(x, y, domains, c)
        for t in THRESHOLDS:
            score = float(np.mean(list(per_domain(y, p, domains, t).values())))
            if best is None or score > best[0] + 1e-9:
                best = (score, c, t, p)
    score, c, t, p = best
    folds = per_domain(y, p, domains, t)
    print(f"leave-one-domain-out: C={c} threshold={t} mean balanced accuracy {score:.3f}")
    for d, s in folds.items():
        print(f"  {d:<12} {int((domains == d).sum()):>5} rows  {s:.3f}")

    support = fit(x, y, c)
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
            "rows": len(rows), "C": c,
            "lodo_balanced_accuracy": round(score, 4),
            "lodo_per_domain": {d: round(s, 4) for d, s in folds.items()},
            "contradict_train_balanced_accuracy": round(
                balanced_accuracy(yc[neg], (pc >= 0.5).astype(int)), 4),
        },
    }
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({Path(args.out).stat().st_size} bytes)")


if __name__ == "__main__":
    main()
