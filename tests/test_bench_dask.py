"""The Dask benchmark's synthetic articles are deterministic and realistic enough to give the
phases work; a tiny benchmark run on an in-process cluster produces stories."""

from __future__ import annotations

import sys
from collections import defaultdict

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))

import synthetic_news  # noqa: E402


def test_generator_is_deterministic_per_seed():
    a = list(synthetic_news.records(60, seed=7))
    assert a == list(synthetic_news.records(60, seed=7))
    assert len(a) == 60 and len({r["id"] for r in a}) == 60
    b = list(synthetic_news.records(60, seed=8))
    assert [r["text"] for r in a] != [r["text"] for r in b]


def test_events_have_several_outlets_and_wire_reprints(tmp_path):
    recs = list(synthetic_news.records(400, seed=3))
    outlets = defaultdict(set)
    for r in recs:
        outlets[r["event"]].add(r["source_domain"])
    assert max(len(v) for v in outlets.values()) >= 4
    assert sum(len(v) >= 2 for v in outlets.values()) >= len(outlets) // 2
    # A reprint carries a wire report's text under another outlet's name.
    texts = {r["text"] for r in recs}
    reprints = [r for r in recs if "staff and agencies" in r["text"]]
    assert reprints
    assert all(any(t in r["text"] for t in texts if t != r["text"]) for r in reprints)
    # Reports of one event in an outlet's own words do not repeat one another.
    by_event = defaultdict(list)
    for r in recs:
        if "staff and agencies" not in r["text"]:
            by_event[r["event"]].append(r["text"])
    assert all(len(set(v)) == len(v) for v in by_event.values())
    path = synthetic_news.write_jsonl(tmp_path / "a.jsonl", 25, seed=3)
    again = synthetic_news.write_jsonl(tmp_path / "b.jsonl", 25, seed=3)
    assert path.read_bytes() == again.read_bytes()


@pytest.mark.slow
def test_tiny_benchmark_run_on_a_local_cluster_gives_stories(tmp_path):
    distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")
    import bench_dask

    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        res = bench_dask.run_benchmark(30, 0, client, pipeline="full", batch=15,
                                       workdir=tmp_path)
    assert res["articles"] == 30 and res["runs"] == 2 and res["rejected"] == 0
    assert 0 < res["stories"] < 30
    assert res["stories_with_2_or_more_articles"] >= 1
    assert res["wire_copies_marked"] >= 1
    assert res["stories_vs_events_bcubed_precision"] > 0.5
    assert res["phase_wall_s"]["article stages"] > 0 and res["phase_wall_s"]["story stages"] > 0
    assert len(res["worker_peak_rss_mb"]) == 1 and res["worker_peak_rss_mb"][0] > 0
    assert len(res["caller_rss_after_each_batch_mb"]) == 2
