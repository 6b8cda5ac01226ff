"""Evaluation gate on the geoparsing dev sets (GeoWebNews, LGL): floors a little below the
figures measured when this gate was set (see docs/geo.md)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from consilience.evaluation.geo import GeoScore, Predicted, evaluate, haversine_km, read_gold, score_doc

ROOT = Path(__file__).resolve().parents[1]


def _predictors():
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import eval_geo
    finally:
        sys.path.pop(0)
    return eval_geo.consilience_predict, eval_geo.population_predict


def test_scoring_counts_overlaps_and_errors():
    gold = [{"name": "Kyiv", "lat": 50.45, "lon": 30.52, "start": 0, "end": 4},
            {"name": "Lviv", "lat": 49.84, "lon": 24.02, "start": 10, "end": 14},
            {"name": "Odesa", "lat": 46.48, "lon": 30.73, "start": 20, "end": 25}]
    acc = GeoScore()
    score_doc(gold, [Predicted(0, 4, 50.4, 30.5), Predicted(11, 16, 46.48, 30.73)], acc)
    assert (acc.gold, acc.detected, acc.within) == (3, 2, 1)
    assert acc.errors[1] == pytest.approx(haversine_km(49.84, 24.02, 46.48, 30.73))


@pytest.mark.shared
@pytest.mark.slow
def test_geowebnews_gate(dev_dir):
    docs = read_gold(dev_dir / "geo" / "GeoWebNews")
    ours, baseline = _predictors()
    score = evaluate(docs, ours)
    assert score.recall >= 0.90
    assert score.accuracy >= 0.82
    assert score.accuracy > evaluate(docs, baseline).accuracy


@pytest.mark.shared
@pytest.mark.slow
def test_lgl_gate(dev_dir):
    docs = read_gold(dev_dir / "geo" / "LGL")[:100]
    ours, _ = _predictors()
    score = evaluate(docs, ours)
    assert score.recall >= 0.80
    assert score.accuracy >= 0.65
