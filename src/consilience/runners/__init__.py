"""Runners: what executes a :class:`~consilience.pipeline.Pipeline` over many articles.

:mod:`.local` runs every phase on this machine, over its cores, with the embedded store.
"""

from .local import LocalRunner, default_workers

__all__ = ["LocalRunner", "default_workers"]
