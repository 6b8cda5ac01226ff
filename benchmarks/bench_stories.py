#!/usr/bin/env python
"""Story clustering throughput (articles/s) and peak memory at growing corpus sizes.

    .venv/bin/python benchmarks/bench_stories.py [--sizes 10000,100000] [--per-day 1000]
        [--data ../shared/corpus/dev/clustering] [--cache DIR] [--incremental 10000]

The corpus is synthetic, derived from the dev clustering sets: each dev gold story is copied many
times as new events (its articles' vectors moved together by a random offset shared by the copy,
plus a little noise of their own; entity keys renamed per copy; dates shifted to a random day), at
``--per-day`` articles a day, so 100,000 articles span 100 days. Clustering runs on these
features (the candidate search, components, average linkage and story building of
:func:`consilience.stories.cluster.cluster_features`).

Embedding is measured separately on the dev articles (two MiniLM texts per article) and
extrapolated; it is a per-article cost, linear in the number of articles. ``--incremental N``
also feeds the first N synthetic articles through the store-backed index in daily batches.

Peak memory is the process's maximum resident set size (ru_maxrss), printed after each step.
"""

from __future__ import annotations

import argparse
import os
import pickle
import resource
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from consilience.evaluation.clustering import load_gold  # noqa: E402
from consilience.stories.cluster import cluster_features, make_story  # noqa: E402
from consilience.stories.features import StoryFeatures, compute_features  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "corpus" / "dev" / "clustering"
#: Size of the offset shared by one synthetic event's articles: copies of one dev story end up
#: with cosine about 1 / (1 + 1.5^2) = 0.3, below the join threshold, so they are new events.
EVENT_OFFSET = 1.5
#: Noise of each synthetic article of its own.
ARTICLE_NOISE = 0.05


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def dev_articles(data: Path, cache: Path | None) -> list:
    from consilience.evaluation.clustering import analyse, read_articles

    out = []
    for name in ("news_cluster", "basil"):
        path = cache / f"{name}.analysed.pkl" if cache else None
        if path and path.exists():
            out += pickle.loads(path.read_bytes())
        else:
            arts = analyse(read_articles(data / name / "articles"))
            if path:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(pickle.dumps(arts))
            out += arts
    return out


def gold_stories(data: Path, ids: list[str]) -> list[list[int]]:
    gold = {}
    for name in ("news_cluster", "basil"):
        gold.update(load_gold(data / name / "gold.jsonl"))
    groups: dict[str, list[int]] = {}
    for i, a in enumerate(ids):
        groups.setdefault(gold.get(a, a), []).append(i)
    return list(groups.values())


def synthetic(base: StoryFeatures, stories: list[list[int]], n: int, per_day: int,
              seed: int = 0) -> StoryFeatures:
    rng = np.random.default_rng(seed)
    days = max(1, n // per_day)
    ids, vecs, ents, dys = [], [], [], []
    copy = 0
    while len(ids) < n:
        rows = stories[int(rng.integers(len(stories)))]
        offset = rng.standard_normal(base.vectors.shape[1]).astype(np.float32)
        offset *= EVENT_OFFSET / np.linalg.norm(offset)
        day0 = 740000 + int(rng.integers(days))
        for i in rows:
            if len(ids) >= n:
                break
            v = base.vectors[i] + offset + ARTICLE_NOISE * rng.standard_normal(
                base.vectors.shape[1]).astype(np.float32) / np.sqrt(base.vectors.shape[1])
            vecs.append(v / np.linalg.norm(v))
            ids.append(f"syn{copy}-{base.ids[i]}")
            ents.append([f"{k} {copy}" for k in base.entities[i]])
            dys.append(day0 + int(rng.integers(0, 3)))
        copy += 1
    return StoryFeatures(ids, np.vstack(vecs).astype(np.float32), ents,
                         np.array(dys, np.float64), [None] * len(ids), ["-"] * len(ids))


def bench_embedding(articles: list) -> tuple[float, float]:
    """Articles embedded per second of wall time and per CPU second (all threads)."""
    from consilience.stories import features

    features.article_vectors(articles[:8])  # load the model
    features._VECTOR_CACHE.clear()
    t, c = time.perf_counter(), time.process_time()
    features.article_vectors(articles)
    return (len(articles) / (time.perf_counter() - t), len(articles) / (time.process_time() - c))


def bench_cluster(f: StoryFeatures) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds and number of stories."""
    t, c = time.perf_counter(), time.process_time()
    stories = [make_story(f, rows) for rows in cluster_features(f)]
    return time.perf_counter() - t, time.process_time() - c, len(stories)


def bench_incremental(f: StoryFeatures, n: int) -> tuple[float, int]:
    from consilience.store import Store
    from consilience.stories.state import StoryIndex

    f = f.subset(list(range(min(n, len(f)))))
    order = np.argsort(f.days, kind="stable")
    sub = f.subset(order)
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.db") as store:
        index = StoryIndex(store)
        t = time.perf_counter()
        for day in np.unique(sub.days):
            rows = np.nonzero(sub.days == day)[0]
            index._insert(sub.subset(rows), {})
        elapsed = time.perf_counter() - t
        n_stories = len(set(index.stories().values()))
    return elapsed, n_stories


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="10000,100000")
    ap.add_argument("--per-day", type=int, default=1000)
    ap.add_argument("--data", type=Path, default=DEFAULT)
    ap.add_argument("--cache", type=Path, help="analysed dev articles kept here between runs")
    ap.add_argument("--incremental", type=int, default=0,
                    help="also add this many synthetic articles through the store, a day at a time")
    args = ap.parse_args()
    if not (args.data / "news_cluster").is_dir():
        print(f"error: {args.data}: dev clustering sets not found", file=sys.stderr)
        return 2
    articles = dev_articles(args.data, args.cache)
    print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    rate, cpu_rate = bench_embedding(articles)
    print(f"embedding: {rate:.1f} articles/s ({cpu_rate:.1f} per CPU second) on {len(articles)} "
          f"dev articles (2 MiniLM texts each); 100,000 articles would take "
          f"{100_000 / rate / 60:.1f} min at this rate; peak RSS {peak_mb():.0f} MB")
    base = compute_features(articles)
    stories = gold_stories(args.data, base.ids)
    for n in [int(s) for s in args.sizes.split(",") if s]:
        f = synthetic(base, stories, n, args.per_day)
        elapsed, cpu, n_stories = bench_cluster(f)
        print(f"cluster {n:>7} articles ({args.per_day}/day): {elapsed:7.1f} s wall, {cpu:7.1f} s "
              f"CPU, {n / elapsed:8.0f} articles/s, {n_stories} stories; "
              f"peak RSS {peak_mb():.0f} MB")
        if args.incremental and n >= args.incremental:
            elapsed, n_inc = bench_incremental(f, args.incremental)
            print(f"incremental {args.incremental} articles, a day at a time through the store: "
                  f"{elapsed:.1f} s, {args.incremental / elapsed:.0f} articles/s, {n_inc} stories;"
                  f" peak RSS {peak_mb():.0f} MB")
            args.incremental = 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
