#!/usr/bin/env python
"""Score story clustering on the dev clustering sets (pairwise and B-cubed P/R/F1): Consilience
beside the plain TF-IDF + average-linkage baseline, and Consilience's incremental path (articles
added one at a time in publication order) against its batch run.

    .venv/bin/python scripts/eval_clustering.py [--data ../shared/corpus/dev/clustering]
        [--sets news_cluster,basil] [--thresholds 0.8,0.9] [--json FILE] [--cache DIR]

The articles go through the default pipeline's article stages first (as ``consilience analyze``
runs them). ``--cache DIR`` keeps those analysed articles in DIR (pickles) so that a rerun only
re-clusters; without it every run analyses from scratch.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from consilience.evaluation.clustering import (  # noqa: E402
    analyse, baseline_labels, batch_labels, bcubed, incremental_labels, load_gold, read_articles,
    score)

DEFAULT = ROOT.parent / "shared" / "corpus" / "dev" / "clustering"


def analysed(folder: Path, name: str, cache: Path | None) -> list:
    path = cache / f"{name}.analysed.pkl" if cache else None
    if path and path.exists():
        return pickle.loads(path.read_bytes())
    articles = analyse(read_articles(folder / "articles"))
    if path:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pickle.dumps(articles))
    return articles


def row(system: str, s: dict, n_stories: int) -> str:
    p, b = s["pairwise"], s["bcubed"]
    return (f"{system:<28}{p['precision']:>7.3f}{p['recall']:>7.3f}{p['f1']:>7.3f}"
            f"{b['precision']:>8.3f}{b['recall']:>7.3f}{b['f1']:>7.3f}{n_stories:>8}")


def evaluate_set(folder: Path, name: str, thresholds: list[float], cache: Path | None) -> dict:
    gold = load_gold(folder / "gold.jsonl")
    t0 = time.perf_counter()
    articles = analysed(folder, name, cache)
    t1 = time.perf_counter()
    batch = batch_labels(articles)
    t2 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        inc = incremental_labels(articles, Path(tmp) / "stories.db")
    t3 = time.perf_counter()
    out = {"articles": len(articles), "gold_stories": len(set(gold.values())), "systems": {},
           "seconds": {"analyse": round(t1 - t0, 1), "cluster_batch": round(t2 - t1, 1),
                       "cluster_one_at_a_time": round(t3 - t2, 1)}}
    out["systems"]["consilience"] = {**score(batch, gold), "stories": len(set(batch.values()))}
    out["systems"]["consilience (one at a time)"] = {**score(inc, gold),
                                                     "stories": len(set(inc.values()))}
    for t in thresholds:
        base = baseline_labels(folder / "articles", t)
        out["systems"][f"tfidf avg-link @{t}"] = {**score(base, gold),
                                                  "stories": len(set(base.values()))}
    out["incremental_vs_batch"] = {
        "bcubed": bcubed(inc, batch),
        "same_stories": sorted(_groups(inc)) == sorted(_groups(batch)),
        "same_ids": inc == batch,
    }
    return out


def _groups(labels: dict[str, str]) -> list[tuple[str, ...]]:
    groups: dict[str, list[str]] = {}
    for a, s in labels.items():
        groups.setdefault(s, []).append(a)
    return [tuple(sorted(g)) for g in groups.values()]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT, help="folder with one folder per set")
    ap.add_argument("--sets", default="news_cluster,basil")
    ap.add_argument("--thresholds", default="0.8,0.9",
                    help="cosine-distance thresholds of the TF-IDF baseline")
    ap.add_argument("--json", type=Path, help="also write the figures as JSON here")
    ap.add_argument("--cache", type=Path, help="keep analysed articles here between runs")
    args = ap.parse_args()
    thresholds = [float(t) for t in args.thresholds.split(",") if t]
    results = {}
    for name in [s for s in args.sets.split(",") if s]:
        folder = args.data / name
        if not (folder / "gold.jsonl").is_file() or not (folder / "articles").is_dir():
            print(f"error: {folder}: expected gold.jsonl and articles/", file=sys.stderr)
            return 2
        res = results[name] = evaluate_set(folder, name, thresholds, args.cache)
        print(f"\n{name}: {res['articles']} articles, {res['gold_stories']} gold stories")
        print(f"{'system':<28}{'pair P':>7}{'R':>7}{'F1':>7}{'B3 P':>8}{'R':>7}{'F1':>7}"
              f"{'stories':>8}")
        for system, s in res["systems"].items():
            print(row(system, s, s["stories"]))
        iv = res["incremental_vs_batch"]
        print(f"one at a time vs batch: B-cubed F1 {iv['bcubed']['f1']:.3f}, same stories: "
              f"{iv['same_stories']}, same ids: {iv['same_ids']}  (seconds: {res['seconds']})")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
