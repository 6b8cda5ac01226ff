"""Scoring of toponym detection and resolution against gold toponyms with character spans and
coordinates (GeoWebNews, LGL): detection recall, accuracy@161km, mean and median error."""

from __future__ import annotations

import json
import math
import statistics
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

#: Accuracy threshold of the geoparsing literature: 161 km = 100 miles.
ACC_KM = 161.0
EARTH_RADIUS_KM = 6371.0088


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


@dataclass
class Predicted:
    start: int
    end: int
    lat: float | None
    lon: float | None


@dataclass
class GeoScore:
    gold: int = 0
    detected: int = 0
    within: int = 0  # gold toponyms detected and resolved within ACC_KM
    errors: list[float] = field(default_factory=list)  # km, detected and resolved ones

    @property
    def recall(self) -> float:
        return self.detected / self.gold if self.gold else 0.0

    @property
    def accuracy(self) -> float:
        return self.within / self.gold if self.gold else 0.0

    @property
    def accuracy_detected(self) -> float:
        return self.within / self.detected if self.detected else 0.0

    def as_dict(self) -> dict:
        return {"gold": self.gold, "detected": self.detected, "recall": round(self.recall, 4),
                "acc161": round(self.accuracy, 4),
                "acc161_detected": round(self.accuracy_detected, 4),
                "mean_km": round(statistics.fmean(self.errors), 1) if self.errors else None,
                "median_km": round(statistics.median(self.errors), 1) if self.errors else None}


def read_gold(root: Path) -> list[tuple[str, str, list[dict]]]:
    """(doc id, text, gold toponyms) of a GeoWebNews/LGL-style folder."""
    out = []
    with open(root / "gold.jsonl", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rec = json.loads(line)
                text = (root / "docs" / f"{rec['id']}.txt").read_text(encoding="utf-8")
                out.append((str(rec["id"]), text, rec["toponyms"]))
    return out


def score_doc(gold: list[dict], predicted: list[Predicted], acc: GeoScore) -> None:
    """Add one document: a gold toponym is found when a predicted mention overlaps its span;
    its error is the distance from the overlapping mention's coordinates (unresolved = miss)."""
    for g in gold:
        acc.gold += 1
        hits = [p for p in predicted if p.start < g["end"] and g["start"] < p.end]
        if not hits:
            continue
        acc.detected += 1
        located = [p for p in hits if p.lat is not None]
        if not located:
            continue
        err = min(haversine_km(g["lat"], g["lon"], p.lat, p.lon) for p in located)
        acc.errors.append(err)
        if err <= ACC_KM:
            acc.within += 1


def evaluate(docs: Iterable[tuple[str, str, list[dict]]],
             predict: Callable[[str, str], list[Predicted]]) -> GeoScore:
    acc = GeoScore()
    for doc_id, text, gold in docs:
        score_doc(gold, predict(doc_id, text), acc)
    return acc
