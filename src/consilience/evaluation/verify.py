"""Scoring ``verify`` on a factual-consistency set (SummEdits format).

Each row is ``{"id", "doc", "claim", "label": "consistent"|"inconsistent", "edit_types"}``. The
document is the one source; ``consistent`` should come out "supported", ``inconsistent`` as
"contradicted" or "not mentioned". The score is balanced accuracy (the mean of the recall on
each label), as in the SummEdits benchmark.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from ..model import Article

#: Name of the row group for consistent rows or inconsistent rows with no edit type recorded.
NO_EDIT = "(none)"


def load_rows(path: str | Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def assess_rows(rows: Iterable[dict]) -> list[tuple[dict, Article, list]]:
    """Run the (slow) checks of ``verify`` once per row; documents are cleaned and parsed once."""
    from ..claims.verify import assess, prepare

    cache: dict[str, Article] = {}
    out = []
    for row in rows:
        art = cache.get(row["doc"])
        if art is None:
            art = prepare(Article(id=f"doc{len(cache)}", input_text=row["doc"]))
            cache[row["doc"]] = art
        out.append((row, art, assess(row["claim"], art)))
    return out


def decide_rows(assessed: list[tuple[dict, Article, list]]) -> list[dict]:
    """Turn assessed rows into predictions with the current constants of ``claims.verify``."""
    from ..claims.verify import verify_article

    out = []
    for row, art, assessments in assessed:
        sv = verify_article(row["claim"], art, assessments)
        out.append({**row, "verdict": sv.verdict, "reason": sv.reason, "score": sv.score,
                    "predicted": sv.verdict == "supported"})
    return out


def predict(rows: Iterable[dict]) -> list[dict]:
    """Run ``verify`` on each row; return rows with ``predicted`` (True = consistent) and
    ``verdict``/``reason``."""
    return decide_rows(assess_rows(rows))


#: The grid searched by ``calibrate``: constant name -> candidate values.
GRID: dict[str, list] = {
    "UNSUPPORTED_LIMIT": [0.8, 1.0, 1.2, 1.4, 1.6, 1.8, 2.0, 2.4],
    "ELSEWHERE_FACTOR": [0.3, 0.5, 0.8],
    "SYNONYM_FLOOR": [0.3, 0.4, 0.5],
    "SYNONYM_FULL": [0.65, 0.75, 0.85],
    "noun": [0.8, 1.0, 1.5],
    "adj": [0.5, 1.0],
    "verb": [0.3, 0.6],
}


def calibrate(rows: list[dict]) -> tuple[float, dict]:
    """Grid-search the decision constants of ``claims.verify`` for balanced accuracy on
    ``rows`` (the calibration half). Returns the best score and setting; restores nothing."""
    import itertools

    from ..claims import verify as v

    assessed = assess_rows(rows)
    best: tuple[float, dict] = (-1.0, {})
    keys = list(GRID)
    for combo in itertools.product(*(GRID[k] for k in keys)):
        setting = dict(zip(keys, combo))
        for k, val in setting.items():
            if k in v.WEIGHTS:
                v.WEIGHTS[k] = val
            else:
                setattr(v, k, val)
        score = balanced_accuracy(decide_rows(assessed)) or 0.0
        if score > best[0]:
            best = (score, setting)
    return best


def balanced_accuracy(rows: list[dict]) -> float | None:
    pos = [r for r in rows if r["label"] == "consistent"]
    neg = [r for r in rows if r["label"] != "consistent"]
    if not pos or not neg:
        return None
    tpr = sum(r["predicted"] for r in pos) / len(pos)
    tnr = sum(not r["predicted"] for r in neg) / len(neg)
    return (tpr + tnr) / 2


def accuracy(rows: list[dict]) -> float | None:
    if not rows:
        return None
    return sum(r["predicted"] == (r["label"] == "consistent") for r in rows) / len(rows)


def per_edit_type(rows: list[dict]) -> dict[str, dict]:
    """For each edit type, the share of its (inconsistent) rows caught, and its row count.

    Consistent rows have no edit type, so per type the figure is the recall on inconsistent rows
    (how many of the edits were detected); balanced accuracy per type pairs them with all the
    consistent rows."""
    pos = [r for r in rows if r["label"] == "consistent"]
    groups: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        if r["label"] == "consistent":
            continue
        for et in r.get("edit_types") or [NO_EDIT]:
            groups[et].append(r)
    out = {}
    for et, rs in sorted(groups.items()):
        out[et] = {"n": len(rs), "detected": sum(not r["predicted"] for r in rs) / len(rs),
                   "balanced_accuracy": balanced_accuracy(pos + rs)}
    return out


def split_halves(rows: list[dict]) -> tuple[list[dict], list[dict]]:
    """Calibration half (even positions) and held-out half (odd positions)."""
    return rows[0::2], rows[1::2]


def report(rows: list[dict]) -> dict:
    predicted = predict(rows)
    calib, held = split_halves(predicted)
    return {
        "n": len(predicted),
        "balanced_accuracy": balanced_accuracy(predicted),
        "accuracy": accuracy(predicted),
        "calibration_half": balanced_accuracy(calib),
        "held_out_half": balanced_accuracy(held),
        "per_edit_type": per_edit_type(predicted),
        "rows": [{k: r[k] for k in ("id", "label", "edit_types", "verdict", "reason", "score")}
                 for r in predicted],
    }
