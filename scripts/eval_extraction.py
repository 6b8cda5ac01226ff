#!/usr/bin/env python
"""Score article-body extraction on the extraction dev pages: Consilience (HTML reader plus the
furniture cleaner) beside plain ``trafilatura.extract`` on the same pages.

    .venv/bin/python scripts/eval_extraction.py [--data ../shared/corpus/dev/extraction]
        [--json FILE] [--worst N]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from consilience.evaluation.extraction import evaluate, iter_systems, load_pages  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared/corpus/dev/extraction")
    ap.add_argument("--json", type=Path, help="Also write the figures here.")
    ap.add_argument("--worst", type=int, default=0,
                    help="List the N pages where Consilience scores lowest.")
    args = ap.parse_args()
    if not (args.data / "gold.jsonl").exists():
        print(f"eval_extraction: {args.data}: no gold.jsonl", file=sys.stderr)
        return 1
    pages = load_pages(args.data)
    results = {}
    print(f"{'system':32} {'P':>6} {'R':>6} {'F1':>6} {'s':>6}   ({len(pages)} pages)")
    for name, extractor in iter_systems():
        t0 = time.perf_counter()
        summary, scores = evaluate(pages, extractor)
        summary["seconds"] = time.perf_counter() - t0
        results[name] = {"summary": summary,
                         "pages": {s.id: [s.precision, s.recall, s.f1] for s in scores}}
        print(f"{name:32} {summary['precision']:6.3f} {summary['recall']:6.3f} "
              f"{summary['f1']:6.3f} {summary['seconds']:6.1f}")
    if args.worst:
        cons = results["consilience"]["pages"]
        print("\nlowest Consilience F1 (P, R, F1):")
        for pid, (p, r, f) in sorted(cons.items(), key=lambda kv: kv[1][2])[:args.worst]:
            print(f"  {pid[:16]}  {p:.3f} {r:.3f} {f:.3f}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
