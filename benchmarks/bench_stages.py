"""CPU time per stage of ``analyze`` in one process, beside spaCy alone on the same texts.

    .venv/bin/python benchmarks/bench_stages.py [PATH ...] [--limit N] [--profile FILE] [--json FILE]

PATH defaults to every ../shared/corpus/dev/clustering/*/articles folder. One process, one
thread for ONNX Runtime and BLAS (as a worker of a 1-core share runs), no store. Models are
loaded before timing; then spaCy parses the clean texts alone, then ``analyze`` runs every
phase. Each stage (article, corpus, clustering, dating, story) is timed in CPU seconds
(``time.process_time``), and so are the sentence-embedding calls inside them (the ONNX model:
tokenising, inference, pooling), which are also shown on their own row. ``--profile FILE``
writes a cProfile of the ``analyze`` run.
"""

from __future__ import annotations

import cProfile
import dataclasses
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _dev_args import dev_articles, dev_parser, dev_paths, emit  # noqa: E402

CPU: dict[str, float] = defaultdict(float)
CALLS: dict[str, int] = defaultdict(int)


def _timed(name: str, fn):
    def run(*args, **kwargs):
        t0 = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            CPU[name] += time.process_time() - t0
            CALLS[name] += 1

    for attr in ("prepare", "accept", "update"):  # the clusterer's optional methods
        if hasattr(fn, attr):
            setattr(run, attr, _timed(f"{name}.{attr}", getattr(fn, attr)))
    return run


def timed_pipeline():
    from consilience.api import default_pipeline

    p = default_pipeline(errors="raise")
    return dataclasses.replace(
        p,
        article_stages=[dataclasses.replace(s, fn=_timed(s.name, s.fn)) for s in p.article_stages],
        corpus_stages=[dataclasses.replace(s, fn=_timed(s.name, s.fn)) for s in p.corpus_stages],
        clusterer=_timed("cluster", p.clusterer),
        dating=_timed("dating", p.dating),
        story_stages=[dataclasses.replace(s, fn=_timed(s.name, s.fn)) for s in p.story_stages],
    )


def main(argv: list[str] | None = None) -> int:
    ap = dev_parser(__doc__)
    ap.add_argument("--profile", default=None, help="write a cProfile of the analyze run here")
    args = ap.parse_args(argv)
    paths = dev_paths(args)
    if paths is None:
        return 2

    from threadpoolctl import threadpool_limits

    from consilience.api import analyze_items, load_models
    from consilience.clean.furniture import clean_stage
    from consilience.nlp.models import spacy_pipeline
    from consilience.stories import embeddings

    threadpool_limits(1)
    embeddings.limit_threads(1)
    embeddings._encode_batch = _timed("embeddings (ONNX)", embeddings._encode_batch)
    articles = dev_articles(paths, args.limit)
    if articles is None:
        return 2
    load_models()
    embeddings.embed(["warm up"])
    pipeline = timed_pipeline()
    texts = [clean_stage(a.model_copy(deep=True)).text for a in articles]
    nlp = spacy_pipeline()
    load_before = os.getloadavg()[0]
    t0 = time.process_time()
    for t in texts:
        nlp(t)
    spacy_cpu = time.process_time() - t0
    CPU.clear()
    CALLS.clear()
    prof = cProfile.Profile() if args.profile else None
    t0 = time.process_time()
    if prof is not None:
        prof.enable()
    analysis = analyze_items(articles, pipeline=pipeline, workers=1)
    if prof is not None:
        prof.disable()
        prof.dump_stats(args.profile)
    total = time.process_time() - t0
    res: dict = {
        "articles": len(articles), "stories": len(analysis.stories),
        "load_average_before": round(load_before, 2),
        "load_average_after": round(os.getloadavg()[0], 2),
        "spacy_alone_cpu_s": round(spacy_cpu, 2),
        "analyze_cpu_s": round(total, 2),
        "ratio_to_spacy_alone": round(total / spacy_cpu, 2),
    }
    names = [n for n in CPU if n != "embeddings (ONNX)"]
    for n in sorted(names, key=lambda n: -CPU[n]):
        res[f"cpu_s {n}"] = f"{CPU[n]:.2f} ({100 * CPU[n] / total:.0f}%, {CALLS[n]} calls)"
    staged = sum(CPU[n] for n in names if "." not in n)
    res["cpu_s outside stages"] = f"{total - staged:.2f}"
    e = "embeddings (ONNX)"
    res[f"cpu_s {e}, within the above"] = f"{CPU[e]:.2f} ({100 * CPU[e] / total:.0f}%, " \
                                          f"{CALLS[e]} batches)"
    return emit(res, args.json_out, 48)


if __name__ == "__main__":
    sys.exit(main())
