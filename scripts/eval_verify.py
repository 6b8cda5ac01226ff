"""Balanced accuracy of ``consilience verify`` on the SummEdits news dev set.

Usage: .venv/bin/python scripts/eval_verify.py [--data FILE] [--json OUT] [--errors]

Consistent rows should be "supported"; inconsistent rows "contradicted" or "not mentioned".
Thresholds in ``consilience.claims.verify`` were calibrated on the even-numbered rows (the
"calibration half"); the odd rows are held out; the headline figure is on all rows.
Published anchors on this task: SummaC-Conv 61.9, QAFactEval 74.4, GPT-4 83.3, humans 90.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from consilience.evaluation.verify import load_rows, report

DEFAULT = ROOT.parent / "shared" / "corpus" / "dev" / "consistency" / "summedits_news.jsonl"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(DEFAULT))
    ap.add_argument("--json", help="Write the full report (with per-row verdicts) here.")
    ap.add_argument("--errors", action="store_true", help="Print the misjudged rows.")
    args = ap.parse_args()
    try:
        rows = load_rows(args.data)
    except OSError as exc:
        sys.exit(f"eval_verify: {args.data}: {exc.strerror}")
    rep = report(rows)
    print(f"SummEdits news: {rep['n']} rows")
    print(f"{'subset':<34}{'n':>5}{'bal.acc':>9}{'detected':>10}")
    print(f"{'all rows':<34}{rep['n']:>5}{rep['balanced_accuracy']:>9.3f}{'':>10}")
    print(f"{'calibration half (even rows)':<34}{(rep['n'] + 1) // 2:>5}"
          f"{rep['calibration_half']:>9.3f}")
    print(f"{'held-out half (odd rows)':<34}{rep['n'] // 2:>5}{rep['held_out_half']:>9.3f}")
    for et, r in rep["per_edit_type"].items():
        ba = r["balanced_accuracy"]
        print(f"{'edit: ' + et:<34}{r['n']:>5}{ba:>9.3f}{r['detected']:>10.3f}")
    print("anchors: SummaC-Conv 0.619, QAFactEval 0.744, GPT-4 0.833, humans 0.90")
    if args.errors:
        for r in rep["rows"]:
            ok = (r["verdict"] == "supported") == (r["label"] == "consistent")
            if not ok:
                print(f"  MISS {r['label']:<12} {r['verdict']:<13} {r['score']:>5} {r['reason']}")
    if args.json:
        Path(args.json).write_text(json.dumps(rep, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
