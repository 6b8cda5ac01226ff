"""Evaluate toponym detection and resolution on GeoWebNews and LGL.

    .venv/bin/python scripts/eval_geo.py [--root ../shared/corpus/dev/geo] [--json FILE]
                                         [--limit N]

Prints, per corpus, detection recall, accuracy@161km over all gold toponyms (undetected or
unresolved = miss) and over detected ones, mean and median error in km, for Consilience and for
the most-populous-place baseline (the same detected mentions, each resolved to the most
populous gazetteer place of its name). ``consilience`` scores every detected mention, names inside
organisations' names included, as the gold annotates them; ``places`` scores what
``articles[].places`` keeps (those left out).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from consilience.evaluation.geo import GeoScore, Predicted, evaluate, read_gold
from consilience.geo.gazetteer import default_gazetteer
from consilience.geo.places import geoparse
from consilience.model import Article

ROOT = Path(__file__).resolve().parents[1]


def _article(doc_id: str, text: str) -> Article:
    # The raw document text, uncleaned, so that offsets are the gold's.
    return Article(id=doc_id, input_text=text, text=text, offset_map=[(0, 0, len(text))])


def consilience_predict(doc_id: str, text: str) -> list[Predicted]:
    gaz = default_gazetteer()
    out = []
    for r in geoparse(_article(doc_id, text), gaz):
        lat = lon = None
        if r.index is not None:
            lat, lon = float(gaz.lat[r.index]), float(gaz.lon[r.index])
        out.append(Predicted(r.mention.start, r.mention.end, lat, lon))
    return out


def places_predict(doc_id: str, text: str) -> list[Predicted]:
    """What ``articles[].places`` holds: without names inside organisations' names."""
    gaz = default_gazetteer()
    out = []
    for r in geoparse(_article(doc_id, text), gaz):
        if r.mention.embedded:
            continue
        lat = lon = None
        if r.index is not None:
            lat, lon = float(gaz.lat[r.index]), float(gaz.lon[r.index])
        out.append(Predicted(r.mention.start, r.mention.end, lat, lon))
    return out


def population_predict(doc_id: str, text: str) -> list[Predicted]:
    gaz = default_gazetteer()
    out = []
    for r in geoparse(_article(doc_id, text), gaz):
        cands = r.mention.candidates
        if not cands:
            out.append(Predicted(r.mention.start, r.mention.end, None, None))
            continue
        best = max(cands, key=lambda c: int(gaz.population[c.index]))
        out.append(Predicted(r.mention.start, r.mention.end, float(gaz.lat[best.index]),
                             float(gaz.lon[best.index])))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--root", default=str(ROOT.parent / "shared" / "corpus" / "dev" / "geo"))
    ap.add_argument("--corpora", default="GeoWebNews,LGL")
    ap.add_argument("--limit", type=int, default=0, help="documents per corpus (0 = all)")
    ap.add_argument("--json", dest="json_out")
    args = ap.parse_args(argv)
    root = Path(args.root)
    if not root.exists():
        print(f"{root}: no such folder", file=sys.stderr)
        return 1
    default_gazetteer()
    results: dict[str, dict] = {}
    header = (f"{'corpus':<11} {'system':<12} {'gold':>5} {'recall':>7} {'acc@161':>8} "
              f"{'acc@161|det':>11} {'mean km':>8} {'median km':>9} {'s':>6}")
    print(header)
    for corpus in args.corpora.split(","):
        docs = read_gold(root / corpus)
        if args.limit:
            docs = docs[:args.limit]
        for name, fn in (("consilience", consilience_predict), ("places", places_predict),
                         ("population", population_predict)):
            t = time.perf_counter()
            sc: GeoScore = evaluate(docs, fn)
            d = sc.as_dict() | {"seconds": round(time.perf_counter() - t, 1)}
            results.setdefault(corpus, {})[name] = d
            print(f"{corpus:<11} {name:<12} {d['gold']:>5} {d['recall']:>7.3f} {d['acc161']:>8.3f} "
                  f"{d['acc161_detected']:>11.3f} {d['mean_km'] or 0:>8.0f} "
                  f"{d['median_km'] or 0:>9.1f} {d['seconds']:>6.1f}")
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
