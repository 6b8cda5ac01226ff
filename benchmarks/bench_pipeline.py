"""End-to-end throughput of ``analyze`` with one worker and with every core, a rerun with
nothing new, and spaCy alone on the same texts per core, in one run.

    .venv/bin/python benchmarks/bench_pipeline.py [PATH ...] [--limit N] [--workers N] [--json FILE]

PATH defaults to every ../shared/corpus/dev/clustering/*/articles folder. Each end-to-end run
analyses fresh copies of the same articles into its own new store (all phases: article stages,
copies, clustering, dating, story stages, store writes); models are loaded before timing. The
rerun analyses the same articles again over the store of the every-core run. The first two runs
start with empty embedding caches (worker processes fork from this one, so a warm cache would
serve them), and the one-worker run uses one thread for the embedding model and BLAS: the rate
of one core, which the every-core run is compared with (with every thread, a one-process run
already keeps more than one core busy). CPU seconds count this process and its workers. "spaCy alone" parses
the clean texts with the pipeline's spaCy model, in one process and in one process per worker:
the ceiling the article stages can reach. The machine's load average is printed beside the
figures: on a shared machine the parallel figures depend on what else runs.
"""

from __future__ import annotations

import os
import resource
import sys
import tempfile
import time
from contextlib import contextmanager
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _dev_args import dev_articles, dev_parser, dev_paths, emit  # noqa: E402


def _parse_all(texts: list[str]) -> int:
    from consilience.nlp.models import spacy_pipeline

    nlp = spacy_pipeline()
    for t in texts:
        nlp(t)
    return len(texts)


def _spacy_rates(texts: list[str], workers: int) -> tuple[float, float]:
    """Texts/s parsing in this process, and with ``workers`` processes at once."""
    t0 = time.perf_counter()
    _parse_all(texts)
    one = len(texts) / (time.perf_counter() - t0)
    parts = [texts[i::workers] for i in range(workers)]
    with ProcessPoolExecutor(workers, initializer=_parse_all, initargs=(["warm up"],)) as ex:
        list(ex.map(_parse_all, [["warm up"]] * workers))
        t0 = time.perf_counter()
        list(ex.map(_parse_all, parts))
        many = len(texts) / (time.perf_counter() - t0)
    return one, many


def _cold() -> None:
    """Empty the per-process caches of embeddings and indexes, as in a new process: worker
    processes fork from this one, so a cache warmed by an earlier run would serve them too."""
    from consilience.claims import similarity, verify
    from consilience.stories import features

    similarity._CACHE.clear()
    features._VECTOR_CACHE.clear()
    verify._INDEX_CACHE.clear()


@contextmanager
def _one_thread():
    """One thread for the embedding model and BLAS in this process, as one worker of a 1-core
    share runs: with every thread, a 'one-process' run already uses more than one core."""
    from threadpoolctl import threadpool_limits

    from consilience.stories import embeddings

    embeddings.limit_threads(1)
    embeddings.session.cache_clear()
    try:
        with threadpool_limits(1):
            yield
    finally:
        embeddings.limit_threads(None)
        embeddings.session.cache_clear()


def _cpu() -> float:
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(
        resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _run(articles, db: Path, workers: int, cold: bool = True
         ) -> tuple[float, int, dict, float]:
    """Wall seconds, stories, phase seconds and CPU seconds (this process and its workers)."""
    from consilience.api import analyze_items

    if cold:
        _cold()
    items = [a.model_copy(deep=True) for a in articles]
    c0, t0 = _cpu(), time.perf_counter()
    analysis = analyze_items(items, db=db, workers=workers)
    return (time.perf_counter() - t0, len(analysis.stories),
            analysis.run.settings.get("phase_seconds", {}), _cpu() - c0)


def main(argv: list[str] | None = None) -> int:
    from consilience.runners import default_workers

    ap = dev_parser(__doc__)
    ap.add_argument("--workers", type=int, default=default_workers(),
                    help="workers of the parallel run (default: every core)")
    args = ap.parse_args(argv)
    paths = dev_paths(args)
    if paths is None:
        return 2

    from consilience.api import load_models
    from consilience.clean.furniture import clean_stage

    articles = dev_articles(paths, args.limit)
    if articles is None:
        return 2
    n = len(articles)
    load_models()
    texts = [clean_stage(a.model_copy(deep=True)).text for a in articles]
    load_before = os.getloadavg()[0]
    spacy_one, spacy_many = _spacy_rates(texts, args.workers)
    with tempfile.TemporaryDirectory() as tmp:
        with _one_thread():
            one_s, stories_one, phases_one, one_cpu = _run(articles, Path(tmp) / "one.db", 1)
        many_s, stories_many, phases_many, many_cpu = _run(articles, Path(tmp) / "many.db",
                                                           args.workers)
        rerun_s, _, phases_rerun, _ = _run(articles, Path(tmp) / "many.db", args.workers,
                                           cold=False)
    load_after = os.getloadavg()[0]
    res = {
        "articles": n, "workers": args.workers, "cores": os.cpu_count(),
        "load_average_before": round(load_before, 2), "load_average_after": round(load_after, 2),
        "spacy_alone_1_process_texts_per_s": round(spacy_one, 2),
        f"spacy_alone_{args.workers}_processes_texts_per_s": round(spacy_many, 2),
        "spacy_speedup": round(spacy_many / spacy_one, 2),
        "analyze_1_worker_s": round(one_s, 1),
        "analyze_1_worker_cpu_s": round(one_cpu, 1),
        "analyze_1_worker_articles_per_s": round(n / one_s, 2),
        f"analyze_{args.workers}_workers_s": round(many_s, 1),
        f"analyze_{args.workers}_workers_articles_per_s": round(n / many_s, 2),
        f"analyze_{args.workers}_workers_cpu_s": round(many_cpu, 1),
        "analyze_speedup": round(one_s / many_s, 2),
        "rerun_nothing_new_s": round(rerun_s, 1),
        "stories": [stories_one, stories_many],
        "phase_seconds_1_worker": phases_one,
        f"phase_seconds_{args.workers}_workers": phases_many,
        "phase_seconds_rerun": phases_rerun,
    }
    return emit(res, args.json_out, 45)


if __name__ == "__main__":
    sys.exit(main())
