#!/usr/bin/env python
"""Ingest+clean throughput on HTML pages (pages/s) and peak memory, beside plain
``trafilatura.extract`` on the same pages in the same run.

    .venv/bin/python benchmarks/bench_ingest.py [--pages ../shared/corpus/dev/extraction/pages]
        [--rounds 5]

Each system runs over all pages ``--rounds`` times, alternating, after one warm-up pass each
(imports, caches); the best round of each is reported. Peak memory is the process's maximum
resident set size (ru_maxrss).
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def consilience_pass(paths: list[Path]) -> int:
    from consilience.clean.furniture import clean_text
    from consilience.ingest import read_file
    from consilience.model import Article

    n = 0
    for p in paths:
        for item in read_file(p):
            if isinstance(item, Article):
                clean_text(item)
                n += 1
    return n


def trafilatura_pass(paths: list[Path]) -> int:
    import gzip

    import trafilatura

    n = 0
    for p in paths:
        data = p.read_bytes()
        if p.name.endswith(".gz"):
            data = gzip.decompress(data)
        n += trafilatura.extract(data) is not None
    return n


def rate(fn: Callable[[list[Path]], int], paths: list[Path]) -> tuple[float, int]:
    t0 = time.perf_counter()
    done = fn(paths)
    return len(paths) / (time.perf_counter() - t0), done


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=Path,
                    default=ROOT.parent / "shared/corpus/dev/extraction/pages")
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    paths = sorted(p for p in args.pages.glob("*.htm*"))
    if not paths:
        print(f"bench_ingest: {args.pages}: no HTML pages", file=sys.stderr)
        return 1
    print(f"{len(paths)} pages, best of {args.rounds} rounds after a warm-up, one process")
    trafilatura_pass(paths)  # warm-up: imports and caches
    mem_traf = peak_mb()
    consilience_pass(paths)
    # Rounds alternate between the two systems so that load from other processes affects both.
    traf = cons = 0.0
    traf_n = cons_n = 0
    for _ in range(args.rounds):
        r, traf_n = rate(trafilatura_pass, paths)
        traf = max(traf, r)
        r, cons_n = rate(consilience_pass, paths)
        cons = max(cons, r)
    mem_all = peak_mb()
    print(f"{'system':34} {'pages/s':>8} {'extracted':>9}")
    print(f"{'trafilatura.extract (defaults)':34} {traf:8.1f} {traf_n:9d}")
    print(f"{'consilience read+clean':34} {cons:8.1f} {cons_n:9d}")
    print(f"ratio consilience/trafilatura: {cons / traf:.2f}")
    print(f"peak RSS: {mem_traf:.0f} MB after trafilatura's warm-up, {mem_all:.0f} MB after both")
    return 0


if __name__ == "__main__":
    sys.exit(main())
