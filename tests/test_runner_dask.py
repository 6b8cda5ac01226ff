"""The dask runner on a local cluster (in-process, no network) gives the local runner's analysis."""

from __future__ import annotations

import gc
import time

import pytest

from consilience.api import analyze
from conftest import EXAMPLES

distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")


@pytest.mark.slow
def test_dask_runner_matches_the_local_runner(tmp_path, examples_analysis):
    local = examples_analysis
    # In-process workers over in-process comms: no network at all.
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        remote = analyze([EXAMPLES / "articles"], scheduler=client, db=tmp_path / "d.db")
        assert client.scheduler_info()["workers"]  # the cluster still has its worker
    assert remote.model_dump(exclude={"run"}) == local.model_dump(exclude={"run"})
    assert remote.run.settings["workers"] == 1


def _alive(prefix: str) -> int:
    from consilience.model import Article

    gc.collect()
    return sum(1 for o in gc.get_objects() if isinstance(o, Article) and o.id.startswith(prefix))


def test_the_caller_keeps_no_article_of_a_finished_run():
    """distributed keeps its last messages per connection for debugging: articles sent inside
    a task's message stayed alive in the caller after the run (run after run, as the log
    filled). Sent apart (scattered), they are released with the run's futures."""
    from consilience.clean.furniture import clean_stage
    from consilience.model import Article
    from consilience.pipeline import Pipeline
    from consilience.runners.dask import DaskRunner

    pipe = Pipeline(article_stages=[clean_stage])
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        for run in range(2):
            arts = [Article(id=f"kept-{run}-{i}", input_text=f"Report {i} of run {run}. " * 20)
                    for i in range(40)]
            analysis = DaskRunner(pipe, scheduler=client, partition_size=4).run(arts)
            assert len(analysis.articles) == 40
            del arts, analysis
            for _ in range(50):  # the cluster releases a run's data as its futures go
                if not _alive("kept-"):
                    break
                time.sleep(0.1)
            assert _alive("kept-") == 0
