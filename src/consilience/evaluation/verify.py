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


def _articles(rows: Iterable[dict]):
    """Each row with its document as a cleaned article; a document shared by rows is one
    article (cleaned, parsed and indexed once)."""
    from ..claims.verify import prepare

    cache: dict[str, Article] = {}
    for row in rows:
        art = cache.get(row["doc"])
        if art is None:
            art = prepare(Article(id=f"doc{len(cache)}", input_text=row["doc"]))
            cache[row["doc"]] = art
        yield row, art


def row_features(rows: Iterable[dict]):
    """The entailment features (``claims.entail.PartFeatures``) of each row's claim against its
    whole document (the training view: no speaker restriction)."""
    from ..claims.entail import hypothesis_features
    from ..claims.verify import index_source

    for row, art in _articles(rows):
        yield hypothesis_features(row["claim"], index_source(art))


def predict(rows: Iterable[dict]) -> list[dict]:
    """Run ``verify`` (the shipped judge) on each row; return rows with ``predicted`` (True =
    consistent) and ``verdict``/``reason``/``score``."""
    from ..claims.verify import verify_article

    out = []
    for row, art in _articles(rows):
        sv = verify_article(row["claim"], art)
        out.append({**row, "verdict": sv.verdict, "reason": sv.reason, "score": sv.score,
                    "speaker": sv.speaker, "predicted": sv.verdict == "supported"})
    return out


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


def report(rows: list[dict]) -> dict:
    predicted = predict(rows)
    return {
        "n": len(predicted),
        "balanced_accuracy": balanced_accuracy(predicted),
        "accuracy": accuracy(predicted),
        "attributed": sum(r["speaker"] is not None for r in predicted),
        "per_edit_type": per_edit_type(predicted),
        "rows": [{k: r[k] for k in ("id", "label", "edit_types", "verdict", "reason", "score",
                                     "speaker")}
                 for r in predicted],
    }
