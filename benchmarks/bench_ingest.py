#!/usr/bin/env python
"""Ingest+clean throughput on HTML pages (pages/s) and peak memory, beside plain
``trafilatura.extract`` on the same pages in the same run.

    .venv/bin/python benchmarks/bench_ingest.py [--pages ../shared/corpus/dev/extraction/pages]
        [--rounds 5]

Each system runs over all pages ``--rounds`` times, alternating, after one warm-up pass each
(imports, caches); the best round of each is reported, in pages per second of the process's CPU
time (what the code costs, whatever else runs on the machine) and of wall-clock time. Peak
memory is the process's maximum resident set size (ru_maxrss).
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


def rate(fn: Callable[[list[Path]], int], paths: list[Path]) -> tuple[float, float, int]:
    """Pages per second of CPU time of this process (robust to other processes sharing the
    machine) and per second of wall-clock time."""
    c0, w0 = time.process_time(), time.perf_counter()
    done = fn(paths)
    return (len(paths) / (time.process_time() - c0), len(paths) / (time.perf_counter() - w0),
            done)


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
    best = {"trafilatura": [0.0, 0.0, 0], "consilience": [0.0, 0.0, 0]}
    for _ in range(args.rounds):
        for name, fn in (("trafilatura", trafilatura_pass), ("consilience", consilience_pass)):
            cpu, wall, n = rate(fn, paths)
            b = best[name]
            b[0], b[1], b[2] = max(b[0], cpu), max(b[1], wall), n
    mem_all = peak_mb()
    traf, cons = best["trafilatura"], best["consilience"]
    print(f"{'system':34} {'pages/s CPU':>11} {'pages/s wall':>12} {'extracted':>9}")
    print(f"{'trafilatura.extract (defaults)':34} {traf[0]:11.1f} {traf[1]:12.1f} {traf[2]:9d}")
    print(f"{'consilience read+clean':34} {cons[0]:11.1f} {cons[1]:12.1f} {cons[2]:9d}")
    print(f"ratio consilience/trafilatura: {cons[0] / traf[0]:.2f} (CPU time), "
          f"{cons[1] / traf[1]:.2f} (wall clock)")
    print(f"peak RSS: {mem_traf:.0f} MB after trafilatura's warm-up, {mem_all:.0f} MB after both")
    return 0


if __name__ == "__main__":
    sys.exit(main())
