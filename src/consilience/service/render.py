"""Story pages rendered in a worker process.

Drawing a story's HTML report (its map above all) takes tens to hundreds of milliseconds of pure
Python; in the server's process it would hold the interpreter while the event loop has cheap
reads to answer. A worker process renders instead, on its own core, one page at a time, reading
the story and its member articles through its own connection.
"""

from __future__ import annotations

import asyncio
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import datetime, timezone

from .. import __version__
from ..model import Analysis, RunInfo, Story
from ..store import Store

_STORE: Store | None = None


def story_analysis(st: Store, story_id: str) -> Analysis | None:
    """One story and its member articles, as the HTML report needs them (None: no such story)."""
    data = st.story_json(story_id)
    if data is None:
        return None
    story = Story.model_validate_json(data)
    run = RunInfo(version=__version__, started=datetime.now(timezone.utc), inputs=[st.path])
    return Analysis(run=run, articles=st.articles_by_id(story.articles), stories=[story])


def _die_with_parent() -> None:
    """On Linux, end the worker when the server process dies, even by SIGKILL."""
    try:
        import ctypes
        import signal

        ctypes.CDLL(None).prctl(1, int(signal.SIGTERM))  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def render_story_page(db: str, story_id: str) -> str | None:
    """The HTML report of one story (None: no such story). Runs in the worker."""
    global _STORE
    from ..report import to_html

    if _STORE is None or _STORE.path != db:
        _STORE = Store(db)
    analysis = story_analysis(_STORE, story_id)
    return None if analysis is None else to_html(analysis)


class Renderer:
    """A worker process, started on the first page and restarted if it dies; requests for a
    page already being rendered wait for that render rather than starting another."""

    def __init__(self, db: str, workers: int = 1) -> None:
        self.db, self.workers = db, workers
        self.pool: ProcessPoolExecutor | None = None
        self.inflight: dict[str, asyncio.Future] = {}

    async def render(self, story_id: str) -> str | None:
        running = self.inflight.get(story_id)
        if running is not None:
            return await asyncio.shield(running)
        if self.pool is None:
            self.pool = ProcessPoolExecutor(self.workers, initializer=_die_with_parent,
                                            mp_context=multiprocessing.get_context("spawn"))
        future = asyncio.get_running_loop().run_in_executor(self.pool, render_story_page,
                                                            self.db, story_id)
        self.inflight[story_id] = future
        try:
            return await asyncio.shield(future)
        except BrokenProcessPool:
            self.pool = None  # the next page starts a new worker
            raise
        finally:
            self.inflight.pop(story_id, None)

    def close(self) -> None:
        """Stop the worker (after the page it is rendering, if any): called when the server
        stops, before the process exits."""
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None
