"""Claims benchmark: extraction and judging throughput on the dev clustering stories, and
``verify`` throughput on SummEdits, with peak memory.

    .venv/bin/python benchmarks/bench_claims.py [--articles N] [--statements N]
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

from consilience.api import default_pipeline
from consilience.claims.extract import claims as extract_stage
from consilience.claims.judge import judge
from consilience.ingest import read_inputs
from consilience.model import Article

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "corpus" / "dev"


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_judge(limit: int) -> None:
    arts = [a for a in read_inputs([DEV / "clustering" / "basil" / "articles",
                                    DEV / "clustering" / "news_cluster" / "articles"])
            if isinstance(a, Article)][:limit]
    pipe = default_pipeline(errors="raise")
    before = [st for st in pipe.article_stages if st.name != "claims"]
    done = []
    t_extract = 0.0
    for a in arts:
        for st in before:
            a = st(a)
        t = time.perf_counter()  # right after parsing, as in the pipeline (parse is cached)
        extract_stage(a)
        t_extract += time.perf_counter() - t
        done.append(a)
    stories = pipe.clusterer(done)
    by_id = {a.id: a for a in done}
    story_stages = [st for st in pipe.story_stages if st.name != "judge"]
    for s in stories:
        for st in story_stages:
            s = st(s, {i: by_id[i] for i in s.articles})
    t = time.perf_counter()
    n_claims = 0
    for s in stories:
        judge(s, {i: by_id[i] for i in s.articles})
        n_claims += len(s.claims)
    t_judge = time.perf_counter() - t
    n = len(done)
    print(f"extract: {n} articles in {t_extract:.1f} s = {n / t_extract:.1f} articles/s")
    print(f"judge:   {len(stories)} stories, {n_claims} story claims in {t_judge:.1f} s = "
          f"{n / t_judge:.1f} articles/s")


def bench_verify(limit: int) -> None:
    from consilience.evaluation.verify import load_rows, predict

    rows = load_rows(DEV / "consistency" / "summedits_news.jsonl")[:limit]
    t = time.perf_counter()
    predict(rows)
    dt = time.perf_counter() - t
    print(f"verify:  {len(rows)} statements against their source in {dt:.1f} s = "
          f"{len(rows) / dt:.1f} statements/s (first call loads the models)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=100)
    ap.add_argument("--statements", type=int, default=133)
    args = ap.parse_args()
    bench_judge(args.articles)
    bench_verify(args.statements)
    print(f"peak resident memory: {_peak_mb():.0f} MB")


if __name__ == "__main__":
    main()
