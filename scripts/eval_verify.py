"""Balanced accuracy of ``consilience verify`` on the SummEdits news dev set.

Usage: .venv/bin/python scripts/eval_verify.py [--data FILE] [--json OUT] [--errors]

Consistent rows should be "supported"; inconsistent rows "contradicted" or "not mentioned".
The judge (``consilience.claims.entail``, trained by ``scripts/train_verify.py``) learned its
weights and threshold from other SummEdits domains only: every news row is held out.
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
    print(f"{'statements read as reported speech':<34}{rep['attributed']:>5}")
    for et, r in rep["per_edit_type"].items():
        ba = r["balanced_accuracy"]
        print(f"{'edit: ' + et:<34}{r['n']:>5}{ba:>9.3f}{r['detected']:>10.3f}")
    print("anchors: SummaC-Conv 0.619, QAFactEval 0.744, GPT-4 0.833, humans 0.90")
    if args.errors:
        for r in rep["rows"]:
            ok = (r["verdict"] == "supported") == (r["label"] == "consistent")
            if not ok:
                print(f"  MISS {r['label']:<12} {r['verdict']:<13} {r['score']:>6.3f} "
                      f"{r['reason']}")
    if args.json:
        Path(args.json).write_text(json.dumps(rep, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
