"""Throughput of the annotation stages (annotate, times, quantities, quotes) in words per second,
beside spaCy's own pipeline on the same texts, and peak memory.

    .venv/bin/python benchmarks/bench_nlp.py [PATH ...] [--limit N] [--json FILE]

PATH defaults to every ../shared/corpus/dev/clustering/*/articles folder. Articles are read and
cleaned first (not timed). "spaCy alone" runs ``nlp(text)`` of the same pipeline object the
stages use, one text at a time as the stages do; the stage timings then include that parse.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _dev_args import dev_parser, dev_paths  # noqa: E402


def _articles(paths: list[str], limit: int | None):
    from consilience.clean.furniture import clean_stage
    from consilience.ingest import read_inputs
    from consilience.model import Article

    out = []
    for item in read_inputs(paths):
        if isinstance(item, Article):
            out.append(clean_stage(item))
        if limit and len(out) >= limit:
            break
    return out


def main(argv: list[str] | None = None) -> int:
    ap = dev_parser(__doc__)
    args = ap.parse_args(argv)
    paths = dev_paths(args)
    if paths is None:
        return 2

    from consilience.nlp import annotate as annotate_mod
    from consilience.nlp.annotate import annotate_stage
    from consilience.nlp.models import spacy_pipeline
    from consilience.nlp.quantities import quantities_stage
    from consilience.nlp.quotes import quotes_stage
    from consilience.nlp.times import times_stage

    articles = _articles(paths, args.limit)
    words = sum(len(a.text.split()) for a in articles)
    nlp = spacy_pipeline()
    nlp("warm up")

    t0 = time.perf_counter()
    for a in articles:
        nlp(a.text)
    spacy_s = time.perf_counter() - t0

    for a in articles:
        annotate_mod.drop_parse(a)
    stage_s = {"annotate": 0.0, "times": 0.0, "quantities": 0.0, "quotes": 0.0}
    stages = [("annotate", annotate_stage), ("times", times_stage),
              ("quantities", quantities_stage), ("quotes", quotes_stage)]
    for a in articles:
        for name, stage in stages:
            t = time.perf_counter()
            a = stage(a)
            stage_s[name] += time.perf_counter() - t
    total_s = sum(stage_s.values())
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    rows = [("spaCy alone (parse + NER)", spacy_s)]
    rows += [(f"  stage {n}", s) for n, s in stage_s.items()]
    rows += [("annotation stages, total", total_s)]
    print(f"{len(articles)} articles, {words} words")
    print(f"{'what':<30}{'seconds':>9}{'words/s':>10}")
    for name, secs in rows:
        print(f"{name:<30}{secs:>9.2f}{words / secs if secs else 0:>10.0f}")
    print(f"stages total / spaCy alone: {total_s / spacy_s:.2f}x the time")
    print(f"peak memory (max RSS): {peak_mb:.0f} MB")
    if args.json_out:
        Path(args.json_out).write_text(json.dumps({
            "articles": len(articles), "words": words,
            "spacy_words_per_s": round(words / spacy_s),
            "stages_words_per_s": round(words / total_s),
            "stage_seconds": {k: round(v, 3) for k, v in stage_s.items()},
            "peak_rss_mb": round(peak_mb)}, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
