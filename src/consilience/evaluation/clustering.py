"""Pairwise and B-cubed precision, recall and F1 of a clustering against gold labels."""

from __future__ import annotations

import json
from collections import Counter
from itertools import combinations
from pathlib import Path


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def pairwise(pred: dict[str, str], gold: dict[str, str]) -> dict[str, float]:
    ids = sorted(set(pred) & set(gold))
    tp = fp = fn = 0
    for a, b in combinations(ids, 2):
        same_p, same_g = pred[a] == pred[b], gold[a] == gold[b]
        tp += same_p and same_g
        fp += same_p and not same_g
        fn += same_g and not same_p
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return {"precision": p, "recall": r, "f1": f1(p, r)}


def bcubed(pred: dict[str, str], gold: dict[str, str]) -> dict[str, float]:
    ids = sorted(set(pred) & set(gold))
    pc = Counter(pred[i] for i in ids)
    gc = Counter(gold[i] for i in ids)
    both = Counter((pred[i], gold[i]) for i in ids)
    p = sum(both[(pred[i], gold[i])] / pc[pred[i]] for i in ids) / len(ids)
    r = sum(both[(pred[i], gold[i])] / gc[gold[i]] for i in ids) / len(ids)
    return {"precision": p, "recall": r, "f1": f1(p, r)}


def load_gold(path: Path) -> dict[str, str]:
    gold = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            gold[str(rec["id"])] = str(rec["story"])
    return gold


def score(pred: dict[str, str], gold: dict[str, str]) -> dict[str, dict[str, float]]:
    return {"pairwise": pairwise(pred, gold), "bcubed": bcubed(pred, gold)}
