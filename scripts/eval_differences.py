#!/usr/bin/env python
"""Score cross-outlet comparison (differences, disputes, agreements) on the BASIL dev events,
on two fixed halves: half A to tune on, half B to report.

    .venv/bin/python scripts/eval_differences.py [--out DIR] [--fresh] [--verbose A|B|AB]

The 26 events of ``dev/differences/basil.jsonl`` are split by a hash of the event id: an event
is in half A when the first byte of the SHA-256 of its id is below 128, else in half B (14 and
12 events). The BASIL articles are analysed once, all together, as ``consilience analyze`` would
(the stories are grouped over all 78 articles, so a story may join events of both halves); then
one analysis JSON per half is written, holding that half's articles and the stories that contain
any of them, and ``score_differences.py`` is run on each with the gold restricted to the half.

The article stages up to the claims stage are cached in ``DIR/articles.pkl`` (the quantities and
claims stages, the clustering and the story stages run again each time), so a rerun after a
change to quantities, claims, stories or the judge takes a minute rather than several. ``DIR``
defaults to ``out/eval-differences`` in the checkout: the cache is a pickle, so it is kept in a
folder of the user's own, never in a shared temporary folder.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

CORPUS = ROOT.parent / "shared" / "corpus"
ARTICLES = CORPUS / "dev" / "clustering" / "basil" / "articles"
GOLD = CORPUS / "dev" / "differences" / "basil.jsonl"
SCORER = ROOT.parent / "shared" / "tools" / "score_differences.py"
#: Stages that run again on every evaluation (cheap, and the ones being tuned; the disputes
#: stage reads the claims).
RERUN = ("quantities", "claims", "disputes")


def half_of(event: str) -> str:
    """'A' (tune) or 'B' (report): fixed by the SHA-256 of the event id."""
    return "A" if hashlib.sha256(event.encode("utf-8")).digest()[0] < 128 else "B"


def event_of(article_id: str) -> str:
    return article_id.rsplit("_", 1)[0]


def analysed_articles(cache: Path, fresh: bool) -> list:
    """The BASIL articles through the default article stages before those in ``RERUN``."""
    from consilience.api import default_pipeline
    from consilience.evaluation.clustering import read_articles
    from consilience.pipeline import Pipeline

    path = cache / "articles.pkl"
    if path.exists() and not fresh:
        return pickle.loads(path.read_bytes())
    stages = [s for s in default_pipeline().article_stages if s.name not in RERUN]
    pipe = Pipeline(article_stages=stages, errors="record")
    done, rejected = pipe.run_articles(read_articles(ARTICLES))
    for r in rejected:
        print(f"rejected: {r.input}: {r.detail}", file=sys.stderr)
    cache.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps(done))
    return done


def analyse(articles: list):
    """Rerun the tuned stages, group stories and judge them: the whole analysis."""
    from datetime import datetime, timezone

    from consilience import __version__
    from consilience.api import default_pipeline
    from consilience.clean.copies import mark_copies
    from consilience.model import Analysis, RunInfo

    full = default_pipeline(errors="raise")
    by_name = {s.name: s for s in full.article_stages}
    out = []
    for a in articles:
        a = a.model_copy(deep=True)
        for name in RERUN:
            a = by_name[name](a)
        out.append(a)
    mark_copies(out)
    stories, _ = full.run_stories(out)
    run = RunInfo(version=__version__, started=datetime.now(timezone.utc),
                  inputs=[str(ARTICLES)], stages=full.stage_names)
    return Analysis(run=run, articles=out, stories=stories)


def restrict(analysis, half: str) -> dict:
    doc = json.loads(analysis.model_dump_json())
    keep = {a["id"] for a in doc["articles"] if half_of(event_of(a["id"])) == half}
    doc["articles"] = [a for a in doc["articles"] if a["id"] in keep]
    doc["stories"] = [s for s in doc["stories"] if keep & set(s["articles"])]
    return doc


def score(analysis_path: Path, gold_path: Path, verbose: bool) -> str:
    cmd = [sys.executable, str(SCORER), str(analysis_path), str(gold_path)]
    if verbose:
        cmd.append("--verbose")
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=ROOT / "out" / "eval-differences",
                    help="folder for the cache, the analyses and the filtered gold")
    ap.add_argument("--fresh", action="store_true", help="analyse the articles from scratch")
    ap.add_argument("--verbose", default="A", help="halves whose misses are listed (A, B, AB)")
    args = ap.parse_args()
    for need in (ARTICLES, GOLD, SCORER):
        if not need.exists():
            print(f"error: {need}: missing (the shared corpus is needed)", file=sys.stderr)
            return 2
    t0 = time.perf_counter()
    articles = analysed_articles(args.out, args.fresh)
    t1 = time.perf_counter()
    analysis = analyse(articles)
    t2 = time.perf_counter()
    gold = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    (args.out / "analysis.json").write_text(analysis.model_dump_json(), encoding="utf-8")
    for half, role in (("A", "tune"), ("B", "report")):
        rows = [g for g in gold if half_of(g["event"]) == half]
        gold_path = args.out / f"gold_{half}.jsonl"
        gold_path.write_text("".join(json.dumps(g) + "\n" for g in rows), encoding="utf-8")
        doc_path = args.out / f"analysis_{half}.json"
        doc_path.write_text(json.dumps(restrict(analysis, half)), encoding="utf-8")
        events = len({g["event"] for g in rows})
        print(f"== half {half} ({role}): {events} events, {len(rows)} gold items")
        print(score(doc_path, gold_path, half in args.verbose.upper()), end="")
    print(f"(article stages {t1 - t0:.0f} s, quantities+claims+stories+judge {t2 - t1:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
