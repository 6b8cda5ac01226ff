"""Gazetteer benchmark: index build and load time, memory, lookups per second.

    .venv/bin/python benchmarks/bench_geo.py [--rebuild]
"""

from __future__ import annotations

import argparse
import random
import resource
import time
import tracemalloc

from consilience.geo import gazetteer as gz


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rebuild", action="store_true", help="also time building the index")
    ap.add_argument("--lookups", type=int, default=100_000)
    args = ap.parse_args()
    if args.rebuild:
        t = time.perf_counter()
        gz.load(rebuild=True)
        print(f"index build (all sources) + cache write: {time.perf_counter() - t:.1f} s")
    gz.load()  # make sure the cache exists
    t = time.perf_counter()
    gaz = gz.load()
    load_s = time.perf_counter() - t
    del gaz
    tracemalloc.start()
    gaz = gz.load()
    cur, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"places: {len(gaz):,}; name keys: {len(gaz.exact):,} exact, {len(gaz.folded):,} folded")
    print(f"load from cache: {load_s:.2f} s; Python heap of the index {cur / 2**20:.0f} MB "
          f"(peak while loading {peak / 2**20:.0f} MB)")
    rng = random.Random(0)
    names = rng.sample(gaz.names, min(args.lookups, len(gaz.names)))
    t = time.perf_counter()
    for n in names:
        gaz.lookup(n)
    dt = time.perf_counter() - t
    print(f"exact/folded lookups: {len(names) / dt:,.0f}/s")
    typos = [n[:4] + n[5:] for n in names[:5000] if len(n) >= 8]
    gaz.blocks()
    t = time.perf_counter()
    found = sum(1 for n in typos if gaz.lookup(n) or gaz.fuzzy(n))
    dt = time.perf_counter() - t
    print(f"fuzzy lookups (fifth letter dropped): {len(typos) / dt:,.0f}/s, "
          f"{found / len(typos):.0%} found")
    print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
