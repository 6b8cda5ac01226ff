"""The dask runner on a local cluster (in-process, no network) gives the local runner's analysis."""

from __future__ import annotations

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
