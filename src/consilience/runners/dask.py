"""The same phases on a ``dask.distributed`` cluster: the article and story stages run over
partitions of the articles (and stories) on the cluster's workers; reading, the corpus stages,
clustering, dating and the store writes stay with the caller, as in the local runner.

Install with the ``dask`` extra (``pip install 'consilience[dask]'``); from the command line,
``consilience analyze PATHS --scheduler tcp://HOST:8786``. The pipeline is sent to the workers
once per run; each worker loads the models on its first partition. See ``docs/scale.md``.
"""

from __future__ import annotations

from collections.abc import Callable

from ..errors import ConsilienceError
from ..pipeline import Pipeline
from . import local

#: Articles (or stories) per task sent to a worker.
PARTITION_SIZE = 16
#: Partitions in flight per worker: enough to keep each busy while the caller reads results.
IN_FLIGHT_PER_WORKER = 4


def _on_worker(pipeline: Pipeline, fn: Callable[[list], list], items: list) -> list:
    if local._WORKER.get("pipeline") is not pipeline:
        local._WORKER["pipeline"] = pipeline
        if pipeline.warm_up is not None:
            pipeline.warm_up()
    return fn(items)


class _DaskPool:
    """``map_chunks`` over a ``distributed.Client``."""

    def __init__(self, pipeline: Pipeline, client, partition_size: int) -> None:
        self.pipeline = pipeline
        self.client = client
        self.partition_size = max(1, partition_size)
        self.remote = None

    def usable(self) -> bool:
        return True

    def map_chunks(self, fn: Callable[[list], list], keys: list, items: list,
                   on_done: Callable[[list, list], None], *, size: int | None = None) -> None:
        """Partitions of ``partition_size`` items whatever ``size`` the local pool would use (a
        dask task costs more to send than a local one)."""
        from distributed import as_completed

        if self.remote is None:
            [self.remote] = self.client.scatter([self.pipeline], broadcast=True, hash=False)
        size = self.partition_size
        starts = iter(range(0, len(items), size))
        futures: dict = {}

        def submit():
            """Send the next partition; its future, or None when all are sent."""
            i = next(starts, None)
            if i is None:
                return None
            # The partition goes to a worker on its own (``scatter``) and the task names it by
            # key. Arguments given to ``submit`` itself would travel inside the task's message,
            # and distributed keeps its last 1,000 messages per connection (the client's to the
            # scheduler, the scheduler's to each worker: ``distributed.admin.low-level-log-length``)
            # for debugging: with a scheduler in this process (a ``LocalCluster``) that kept every
            # article of the last few runs alive here, about 200 KB each.
            [data] = self.client.scatter([items[i:i + size]], hash=False)
            fut = self.client.submit(_on_worker, self.remote, fn, data, pure=False)
            futures[fut] = keys[i:i + size], data
            return fut

        # A bounded number of partitions in flight: the caller sends the next as each finishes,
        # and a finished partition's result is released on the cluster once it is read, so
        # neither the scheduler nor the workers hold the whole run.
        workers = max(1, len(self.client.scheduler_info().get("workers", {})))
        for _ in range(IN_FLIGHT_PER_WORKER * workers):
            if submit() is None:
                break
        done = as_completed(list(futures))
        for fut in done:
            chunk_keys, data = futures.pop(fut)
            result = fut.result()
            del data  # the partition is released on the cluster with its last future
            nxt = submit()
            if nxt is not None:
                done.add(nxt)
            on_done(chunk_keys, result)

    def close(self) -> None:
        self.remote = None


class DaskRunner(local.LocalRunner):
    """:class:`~consilience.runners.local.LocalRunner` with the article and story stages on a
    dask cluster. ``scheduler``: a ``distributed.Client`` or a scheduler address."""

    def __init__(self, pipeline: Pipeline, *, scheduler, store=None, progress=None,
                 commit_every: int = local.COMMIT_EVERY,
                 partition_size: int = PARTITION_SIZE) -> None:
        super().__init__(pipeline, store=store, workers=1, progress=progress,
                         commit_every=commit_every)
        self.client, self._own_client = _client(scheduler)
        self.workers = max(1, len(self.client.scheduler_info().get("workers", {})))
        self._pool = _DaskPool(pipeline, self.client, partition_size)  # type: ignore[assignment]

    def _parallel(self, n: int) -> bool:
        return n > 0

    def close(self) -> None:
        self._pool.close()
        if self._own_client:
            self.client.close()
            self._own_client = False


def _client(scheduler):
    try:
        from distributed import Client
    except ImportError:
        raise ConsilienceError("--scheduler needs the dask extra: pip install 'consilience[dask]'",
                               reason="usage") from None
    if isinstance(scheduler, Client):
        return scheduler, False
    try:
        return Client(scheduler, timeout=30), True
    except OSError as exc:
        raise ConsilienceError(f"cannot reach the dask scheduler ({exc})", input=str(scheduler),
                               reason="usage") from None


__all__ = ["DaskRunner", "PARTITION_SIZE"]
