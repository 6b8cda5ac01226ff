"""N synthetic articles through the Dask runner: wall time, articles/s, CPU-seconds and cost per
article per phase, peak memory per worker and of the caller.

    .venv/bin/python benchmarks/bench_dask.py [--n N] [--seed S] [--scheduler ADDRESS]
        [--workers W] [--batch B] [--pipeline full|cheap|cheap-nocluster] [--json FILE]

The articles come from ``synthetic_news.records(N, seed)`` (short reports of made-up events,
several outlets per event, wire reprints), written to a JSONL file first (not timed) and read
back by the reader the command line uses. Without ``--scheduler`` a ``LocalCluster`` of
``--workers`` processes (default: every core), one thread each, is started; with it the run uses
that cluster. The articles are analysed in runs of ``--batch`` articles over one store (the
incremental form: each run's stories join those already stored), so the caller holds one batch
of analysed articles at a time, never all N.

``--pipeline``: ``full`` (default) is the default pipeline. ``cheap`` keeps only the cheap phases
(the cleaning and language article stages, copies, clustering; no dating, no story stages), and
``cheap-nocluster`` drops clustering too (its embedding model is the costly part), to push many
more articles through reading, the worker round trips, copies and the store.

Phases (``docs/pipeline.md``): read, articles (article stages on the workers), copies (the corpus
stage), clustering, dating, stories (story stages on the workers), store (time in the store's
reads and writes during the other phases, taken out of them, plus the writes that close each
run). The clustering's own index updates (``story_state``) stay in clustering. CPU-seconds per
phase are the caller's process time plus every worker's (``getrusage`` on each worker at each
phase boundary). Peak memory per worker is the worker process's maximum resident set
(``ru_maxrss``, models included); the caller's is sampled every 0.2 s (and its ``ru_maxrss``).
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import threading
import time
from itertools import chain, islice
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synthetic_news  # noqa: E402
from _dev_args import emit  # noqa: E402

PHASES = ["read", "articles", "corpus", "cluster", "dating", "stories", "store"]
NAMES = {"read": "read", "articles": "article stages", "corpus": "copies",
         "cluster": "clustering", "dating": "dating", "stories": "story stages", "store": "store"}


def make_pipeline(kind: str):
    from consilience.api import copies_stage, default_pipeline
    from consilience.clean.furniture import clean_stage
    from consilience.clean.language import language_stage
    from consilience.pipeline import Pipeline
    from consilience.stories.state import story_clusterer

    if kind == "full":
        return default_pipeline()
    return Pipeline(article_stages=[clean_stage, language_stage], corpus_stages=[copies_stage],
                    clusterer=story_clusterer if kind == "cheap" else None)


def _rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


class _Sampler(threading.Thread):
    """The caller's resident memory every ``every`` seconds: its peak and its last value."""

    def __init__(self, every: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.every = every
        self.peak = self.last = _rss_mb()
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.wait(self.every):
            self.last = _rss_mb()
            self.peak = max(self.peak, self.last)


def _worker_usage(client) -> dict[str, tuple[float, float]]:
    """Per worker: (CPU seconds so far, peak resident MB)."""
    out = {}
    for addr, ru in client.run(resource.getrusage, resource.RUSAGE_SELF).items():
        out[addr] = (ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024)
    return out


class _Meter:
    """The runner's ``progress``: at each phase boundary, the caller's and the workers' CPU
    seconds go to the phase that ended. The store's methods are timed into ``store_in``."""

    def __init__(self, client) -> None:
        self.client = client
        self.phase_name: str | None = None
        self.cpu = dict.fromkeys(PHASES, 0.0)
        self.worker_cpu = dict.fromkeys(PHASES, 0.0)
        self.store_in = dict.fromkeys(PHASES, 0.0)
        self._mark = self._now()

    def _now(self) -> tuple[float, float]:
        return (time.process_time(), sum(c for c, _ in _worker_usage(self.client).values()))

    def switch(self, name: str | None) -> None:
        now = self._now()
        if self.phase_name is not None:
            self.cpu[self.phase_name] += now[0] - self._mark[0]
            self.worker_cpu[self.phase_name] += now[1] - self._mark[1]
        self.phase_name, self._mark = name, now

    def phase(self, name: str, total) -> None:
        self.switch(name)

    def __call__(self, item) -> None:
        pass

    def wrap_store(self, store) -> None:
        for name in ("cached_article", "put_articles", "get_article", "put_stories",
                     "story_signatures", "get_story", "record_run"):
            setattr(store, name, self._timed(getattr(store, name)))

    def _timed(self, fn):
        def timed(*args, **kwargs):
            t0 = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                self.store_in[self.phase_name or "store"] += time.perf_counter() - t0
        return timed


def _report_run(runs: int, done: int, n: int, elapsed: float, meter: _Meter, client) -> None:
    """One line on stderr after each run, so a long benchmark shows where it is (and what it
    cost so far) before it ends."""
    cpu = sum(meter.cpu.values()) + sum(meter.worker_cpu.values())
    peak = ", ".join(f"{m:.0f}" for _, m in sorted(_worker_usage(client).values()))
    print(f"run {runs}: {done}/{n} articles, {elapsed:.0f} s, "
          f"{cpu / max(1, done):.4f} CPU-s/article so far, caller {_rss_mb():.0f} MB, "
          f"worker peaks {peak} MB", file=sys.stderr, flush=True)


def run_benchmark(n: int, seed: int, client, *, pipeline: str = "full", batch: int = 5000,
                  workdir: str | Path) -> dict:
    """Generate, analyse in batches over one store, measure. ``client``: a distributed Client."""
    from consilience.ingest import read_inputs
    from consilience.runners.dask import DaskRunner
    from consilience.store import Store

    workdir = Path(workdir)
    t0 = time.perf_counter()
    src = synthetic_news.write_jsonl(workdir / "articles.jsonl", n, seed)
    generate_s = time.perf_counter() - t0
    pipe = make_pipeline(pipeline)
    store = Store(workdir / "bench.db")
    meter = _Meter(client)
    meter.wrap_store(store)
    sampler = _Sampler()
    sampler.start()
    caller_start_mb = _rss_mb()
    wall = dict.fromkeys(PHASES, 0.0)
    done = copies = rejected = runs = 0
    caller_after_batch: list[tuple[int, float]] = []
    items = iter(read_inputs([str(src)]))
    t_start = time.perf_counter()
    try:
        while True:
            meter.switch("read")  # the runner's read phase pulls the batch from the stream
            first = next(items, None)
            if first is None:
                meter.switch(None)
                break
            part = chain([first], islice(items, batch - 1))
            runner = DaskRunner(pipe, scheduler=client, store=store, progress=meter)
            t_run = time.perf_counter()
            analysis = runner.run(part, inputs=[str(src)])
            run_s = time.perf_counter() - t_run
            meter.switch("store")  # the runner's closing writes
            runs += 1
            phases = analysis.run.settings["phase_seconds"]
            for k, v in phases.items():
                wall[k] += v
            wall["store"] += run_s - sum(phases.values())
            done += len(analysis.articles)
            copies += sum(1 for a in analysis.articles if a.copy_of)
            rejected += sum(1 for r in analysis.rejections if r.kind != "stage-warning")
            del analysis
            meter.switch(None)
            caller_after_batch.append((done, round(_rss_mb(), 1)))
            _report_run(runs, done, n, time.perf_counter() - t_start, meter, client)
    finally:
        sampler.stop.set()
    total_s = time.perf_counter() - t_start
    workers = _worker_usage(client)
    stories = store.count("stories")
    multi = store.conn.execute(
        "SELECT count(*) FROM (SELECT story_id FROM story_articles GROUP BY story_id"
        " HAVING count(*) > 1)").fetchone()[0]
    outlets = store.conn.execute(
        "SELECT max(k) FROM (SELECT count(DISTINCT a.outlet) AS k FROM story_articles s"
        " JOIN articles a ON a.id = s.article_id GROUP BY s.story_id)").fetchone()[0]
    story_of = dict(store.conn.execute("SELECT article_id, story_id FROM story_articles"))
    store.close()
    precision, recall = bcubed(story_of, {r["id"]: r["event"]
                                          for r in synthetic_news.records(n, seed)})
    db_mb = (workdir / "bench.db").stat().st_size / 2**20

    # Store time spent inside other phases is taken out of them and counted as store time.
    net = {p: wall[p] - (meter.store_in[p] if p != "store" else 0.0) for p in PHASES}
    net["store"] = wall["store"] + sum(meter.store_in[p] for p in PHASES if p != "store")
    cpu = {p: meter.cpu[p] + meter.worker_cpu[p] for p in PHASES}
    cpu_total = sum(cpu.values())
    per = max(1, done)
    res = {
        "articles": done, "seed": seed, "pipeline": pipeline, "batch": batch, "runs": runs,
        "workers": len(workers), "threads_per_worker": 1, "cores": os.cpu_count(),
        "load_average_end": round(os.getloadavg()[0], 2),
        "generate_s": round(generate_s, 1),
        "wall_s": round(total_s, 1),
        "articles_per_s": round(done / total_s, 2),
        "cpu_s_per_article": round(cpu_total / per, 4),
        "caller_cpu_s_per_article": round(sum(meter.cpu.values()) / per, 4),
        "workers_cpu_s_per_article": round(sum(meter.worker_cpu.values()) / per, 4),
        "phase_wall_ms_per_article": {NAMES[p]: round(1000 * net[p] / per, 3) for p in PHASES},
        "phase_cpu_ms_per_article": {NAMES[p]: round(1000 * cpu[p] / per, 3) for p in PHASES},
        "phase_wall_s": {NAMES[p]: round(net[p], 1) for p in PHASES},
        "worker_peak_rss_mb": sorted(round(m, 1) for _, m in workers.values()),
        "caller_rss_start_mb": round(caller_start_mb, 1),
        "caller_peak_rss_mb": round(sampler.peak, 1),
        "caller_ru_maxrss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "caller_rss_after_each_batch_mb": caller_after_batch,
        "stories": stories, "stories_with_2_or_more_articles": multi,
        "most_outlets_in_a_story": outlets, "wire_copies_marked": copies,
        "stories_vs_events_bcubed_precision": precision,
        "stories_vs_events_bcubed_recall": recall,
        "rejected": rejected, "store_mb": round(db_mb, 1),
    }
    # What the same costs give at 100k articles and at 10M articles a day.
    res["extrapolated"] = {
        "cpu_hours_per_100k": round(cpu_total / per * 100_000 / 3600, 2),
        "cores_busy_for_10M_a_day": round(cpu_total / per * 10_000_000 / 86_400, 1),
    }
    return res


def bcubed(story_of: dict[str, str], event_of: dict[str, str]) -> tuple[float, float]:
    """B-cubed precision and recall of the stories against the events the articles were made
    from (articles in no story are left out)."""
    from collections import Counter

    ids = [i for i in story_of if i in event_of]
    if not ids:
        return 0.0, 0.0
    both = Counter((story_of[i], event_of[i]) for i in ids)
    stories = Counter(story_of[i] for i in ids)
    events = Counter(event_of[i] for i in ids)
    p = sum(both[story_of[i], event_of[i]] / stories[story_of[i]] for i in ids) / len(ids)
    r = sum(both[story_of[i], event_of[i]] / events[event_of[i]] for i in ids) / len(ids)
    return round(p, 3), round(r, 3)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100_000, help="articles (default 100000)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--scheduler", default=None, help="a dask scheduler address (tcp://HOST:PORT)")
    ap.add_argument("--workers", type=int, default=None,
                    help="LocalCluster worker processes (default: every core)")
    ap.add_argument("--batch", type=int, default=5000, help="articles per run (default 5000)")
    ap.add_argument("--pipeline", choices=["full", "cheap", "cheap-nocluster"], default="full")
    ap.add_argument("--json", dest="json_out", default=None)
    args = ap.parse_args(argv)
    if args.n < 1 or args.batch < 1:
        print("error: --n and --batch must be at least 1", file=sys.stderr)
        return 2

    import distributed

    from consilience.runners import default_workers

    cluster = None
    if args.scheduler:
        client = distributed.Client(args.scheduler, timeout=30)
    else:
        cluster = distributed.LocalCluster(n_workers=args.workers or default_workers(),
                                           threads_per_worker=1, processes=True,
                                           dashboard_address=None)
        client = distributed.Client(cluster)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            res = run_benchmark(args.n, args.seed, client, pipeline=args.pipeline,
                                batch=args.batch, workdir=tmp)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return emit(res, args.json_out, 36)


if __name__ == "__main__":
    sys.exit(main())
