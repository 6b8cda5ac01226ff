"""Entailment judge benchmark: ``judge_pairs`` throughput on short premises (the shape of the
claims stage's cross-source links), ``verify`` throughput on whole SummEdits news documents, and
the size of the shipped model. For one core: ``taskset -c 0 .venv/bin/python
benchmarks/bench_verify.py``.

    .venv/bin/python benchmarks/bench_verify.py [--pairs N]
"""

from __future__ import annotations

import argparse
import re
import time
from pathlib import Path

from consilience.claims.entail import judge_pairs, model_path
from consilience.evaluation.verify import load_rows, predict

ROOT = Path(__file__).resolve().parents[1]
NEWS = ROOT.parent / "shared" / "corpus" / "dev" / "consistency" / "summedits_news.jsonl"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pairs", type=int, default=133)
    args = ap.parse_args()
    rows = load_rows(NEWS)
    judge_pairs([("Warm-up premise.", "Warm-up hypothesis.")])  # loads spaCy and MiniLM
    pairs = []
    for r in rows[:args.pairs]:
        first = " ".join(re.split(r"(?<=[.!?])\s+", r["doc"].strip())[:2])
        pairs.append((first, r["claim"]))
    t0 = time.perf_counter()
    judge_pairs(pairs)
    dt = time.perf_counter() - t0
    print(f"judge_pairs: {len(pairs)} pairs (two-sentence premises) in {dt:.1f} s = "
          f"{len(pairs) / dt:.1f} pairs/s")
    t0 = time.perf_counter()
    predict(rows)
    dt = time.perf_counter() - t0
    print(f"verify: {len(rows)} statements against their document (4 documents, "
          f"~{sum(len(r['doc']) for r in rows) // len(rows)} chars) in {dt:.1f} s = "
          f"{len(rows) / dt:.1f} statements/s")
    print(f"model: {model_path()} {model_path().stat().st_size} bytes")


if __name__ == "__main__":
    main()
