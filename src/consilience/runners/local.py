"""The local runner: every phase of an analysis on one machine, over every core.

Phases, in order (``docs/pipeline.md``):

1. **read** — inputs become articles (or read rejections); duplicate ids are rejected.
2. **articles** — the article stages, on articles whose input and pipeline have no stored
   analysis (the rest come from the store's cache). With more than one worker they run in worker
   processes (``fork`` where the platform allows it; models are loaded once per worker), in
   chunks; finished articles are committed to the store every :data:`COMMIT_EVERY` articles, so
   a run that is killed keeps what it did and a rerun goes on from there.
3. **corpus** — the corpus stages over all the run's articles (wire copies).
4. **cluster** — articles join the stories kept in the store (one write transaction per update,
   so runs on one store at once take turns) or, without a store, one batch clustering.
5. **dating** — undated articles take the date their story suggests, and the article stages
   that depend on the date (claims) run again on them. Changed articles are stored again.
6. **stories** — the story stages, on stories whose members or their analyses changed since the
   story was stored (its ``signature``); they read the members and do not change them.

A stage that fails records a warning on its article or story and the rest goes on (see
:mod:`consilience.pipeline`).
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import os
import pickle
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from datetime import datetime, timezone
from pathlib import Path

from ..model import Analysis, Article, Rejection, RunInfo, Story
from ..nlp.annotate import drop_parse
from ..pipeline import (Pipeline, article_warnings, record_story_warning, record_warning,
                        story_warnings)
from ..stories import embeddings

log = logging.getLogger(__name__)

#: Analysed articles are committed to the store in batches of this many.
COMMIT_EVERY = 50
#: Articles per task sent to a worker: small enough to keep every worker busy to the end.
CHUNK_MAX = 8

Item = Article | Rejection | Story


def default_workers() -> int:
    """All the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class _Reporter:
    """Adapts the caller's ``progress``: a plain callable gets every article and rejection
    (as before); an object with ``phase(name, total)`` also hears when each phase starts."""

    def __init__(self, progress) -> None:
        self.progress = progress

    def phase(self, name: str, total: int | None) -> None:
        start = getattr(self.progress, "phase", None)
        if start is not None:
            start(name, total)

    def tick(self) -> None:
        """One step of the phase, for a phase-aware ``progress`` only."""
        if getattr(self.progress, "phase", None) is not None:
            self.progress(None)

    def __call__(self, item: Item | None) -> None:
        if self.progress is None:
            return
        if isinstance(item, (Article, Rejection)) or getattr(self.progress, "phase", None):
            self.progress(item)


# --- workers ---------------------------------------------------------------------------------

_WORKER: dict[str, Pipeline] = {}
_INHERITED: list = []
_UNSET = object()


def _start_method(pipeline: Pipeline) -> str | None:
    """How to start workers: ``fork`` shares the loaded models and needs no pickling of the
    stages, but is only safe while this process runs no other Python thread (a lock held by
    one would stay held in the child: a server, a progress monitor) and not on macOS, whose
    system libraries are not fork-safe. Otherwise workers start from a clean process
    (``forkserver`` or ``spawn``) if the pipeline can be pickled to them; else None (the stages
    run in this process)."""
    methods = multiprocessing.get_all_start_methods()
    if sys.platform != "darwin" and "fork" in methods and threading.active_count() == 1:
        return "fork"
    try:
        pickle.dumps(pipeline)
    except Exception:
        return None
    return "forkserver" if "forkserver" in methods else "spawn"


def _init_worker(pipeline: Pipeline | None, threads: int) -> None:
    if pipeline is not None:
        _WORKER["pipeline"] = pipeline
    # Each worker takes its share of the cores for the embedding model and BLAS, so that the
    # workers together do not run more threads than there are cores.
    embeddings.limit_threads(threads)
    try:
        from threadpoolctl import threadpool_limits

        threadpool_limits(threads)
    except ImportError:  # threadpoolctl comes with scikit-learn; without it BLAS keeps its own
        pass
    # A forked worker must not use (nor close: closing joins threads that are not there) an
    # inference session whose threads stayed in the parent: keep it referenced, make a new one.
    if embeddings.session.cache_info().currsize:
        _INHERITED.append(embeddings.session())
        embeddings.session.cache_clear()
    warm = _WORKER["pipeline"].warm_up
    if warm is not None:
        warm()


def _run_chunk(articles: list[Article]) -> tuple[list[Article | Rejection], object]:
    pipeline = _WORKER["pipeline"]
    outs = [_finish(pipeline.run_article(a)) for a in articles]
    return outs, _prepare(pipeline, outs)


def _prepare(pipeline: Pipeline, outs: list[Article | Rejection]) -> object:
    """What the clusterer can compute of each article by itself (``clusterer.prepare``: the
    stories' article vectors), computed in the worker that ran the article stages so that this
    share of the serial clustering phase runs in parallel; None if there is nothing (clustering
    then computes it itself)."""
    prepare = getattr(pipeline.clusterer, "prepare", None)
    done = [a for a in outs if isinstance(a, Article)]
    if prepare is None or not done:
        return None
    try:
        return prepare(done)
    except Exception as exc:  # only a head start: clustering computes it again
        log.warning("clusterer could not prepare articles in a worker: %s", exc)
        return None


def _run_story_chunk(work: list[tuple[Story, dict[str, Article]]]) -> list[Story]:
    pipeline = _WORKER["pipeline"]
    return [pipeline.run_story(story, members) for story, members in work]


def _finish(out: Article | Rejection) -> Article | Rejection:
    return drop_parse(out) if isinstance(out, Article) else out


class _Pool:
    """A process pool made on first use and shut down at the end of the run."""

    def __init__(self, pipeline: Pipeline, workers: int, *, fork_only: bool = False) -> None:
        self.pipeline = pipeline
        self.workers = workers
        self.fork_only = fork_only
        self.executor: ProcessPoolExecutor | None = None
        self.method: str | None | object = _UNSET

    def usable(self) -> bool:
        if self.method is _UNSET:
            self.method = _start_method(self.pipeline)
            if self.fork_only and self.method != "fork":
                # Not asked for workers and they would have to load the models anew (a server's
                # thread): this process is quicker for the small batches such callers send.
                self.method = None
            elif self.method is None:
                log.warning("the pipeline cannot be sent to worker processes; running in this one")
        return self.method is not None

    def get(self) -> ProcessPoolExecutor:
        if self.executor is None:
            method = self.method if self.method is not _UNSET else _start_method(self.pipeline)
            assert method is not None
            if method == "fork":
                _WORKER["pipeline"] = self.pipeline
                if self.pipeline.warm_up is not None:
                    self.pipeline.warm_up()  # loaded once here, shared by every forked worker
            self.executor = ProcessPoolExecutor(
                self.workers, mp_context=multiprocessing.get_context(method),
                initializer=_init_worker,
                initargs=(None if method == "fork" else self.pipeline,
                          max(1, (os.cpu_count() or 1) // self.workers)))
        return self.executor

    def map_chunks(self, fn: Callable[[list], list], keys: list, items: list,
                   on_done: Callable[[list, list], None], *, size: int | None = None) -> None:
        """Run ``fn`` over chunks of ``items`` (``size`` each, default up to :data:`CHUNK_MAX`)
        in the workers, in the order given, at most two chunks per worker in flight;
        ``on_done(keys of the chunk, results)`` as each finishes. If the pool breaks (a worker
        died), the chunks not done are run in this process."""
        size = size or max(1, min(CHUNK_MAX, len(items) // (self.workers * 4) or 1))
        chunks = [(keys[i:i + size], items[i:i + size]) for i in range(0, len(items), size)]
        pending: dict[Future, tuple[list, list]] = {}
        todo = list(reversed(chunks))
        try:
            ex = self.get()
            while todo or pending:
                while todo and len(pending) < 2 * self.workers:
                    chunk = todo.pop()
                    pending[ex.submit(fn, chunk[1])] = chunk
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for fut in done:
                    chunk_keys, _items = pending.pop(fut)
                    on_done(chunk_keys, fut.result())
        except BrokenProcessPool as exc:
            log.warning("worker pool broke (%s); finishing in this process", exc)
            self.close()
            _WORKER["pipeline"] = self.pipeline
            for chunk_keys, chunk_items in [*pending.values(), *reversed(todo)]:
                on_done(chunk_keys, fn(chunk_items))

    def close(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=True, cancel_futures=True)
            self.executor = None


# --- the run ---------------------------------------------------------------------------------

def pipeline_signature(pipeline: Pipeline) -> str:
    """What a stored analysis must match to be reused: the version, the stages and the
    languages each article stage runs for."""
    from .. import __version__

    gated = ",".join(f"{s.name}={'|'.join(sorted(s.languages))}" for s in pipeline.article_stages
                     if s.languages is not None)
    return f"{__version__}:" + ",".join(pipeline.stage_names) + (f";{gated}" if gated else "")


def story_signature(story: Story, members: dict[str, Article], pipeline_sig: str) -> str:
    """Digest of what the story stages read: the pipeline, the member set and each member's
    analysis."""
    h = hashlib.sha256(pipeline_sig.encode())
    for aid in sorted(story.articles):
        h.update(aid.encode("utf-8", "surrogatepass") + b"\x00")
        art = members.get(aid)
        h.update(art.model_dump_json(exclude={"stages"}).encode("utf-8", "surrogatepass")
                 if art is not None else b"-")
        h.update(b"\x01")
    return h.hexdigest()


def dedupe(items: Iterable[Article | Rejection]) -> Iterable[Article | Rejection]:
    """Articles with an id already read become ``duplicate-id`` rejections."""
    seen: dict[str, str] = {}
    for it in items:
        if isinstance(it, Article):
            if it.id in seen:
                yield Rejection(input=it.source or it.id, article=it.id, stage="read",
                                reason="duplicate-id",
                                detail=f"article id '{it.id}' was already read from {seen[it.id]}")
                continue
            seen[it.id] = it.source or it.id
        yield it


class LocalRunner:
    """Runs a :class:`~consilience.pipeline.Pipeline` over articles on this machine."""

    def __init__(self, pipeline: Pipeline, *, store=None, workers: int | None = None,
                 progress=None, commit_every: int = COMMIT_EVERY) -> None:
        self.pipeline = pipeline
        self.store = store
        self.workers = default_workers() if workers is None else max(1, workers)
        self.report = _Reporter(progress)
        self.commit_every = max(1, commit_every)
        self.signature = pipeline_signature(pipeline)
        self._pool = _Pool(pipeline, self.workers, fork_only=workers is None)

    # phases -----------------------------------------------------------------------------
    def read(self, items: Iterable[Article | Rejection]) -> tuple[list[Article], list[Rejection]]:
        self.report.phase("read", None)
        read: list[Article] = []
        rejections: list[Rejection] = []
        for item in dedupe(items):
            if isinstance(item, Article):
                read.append(item)
                self.report.tick()
            else:
                rejections.append(item)
                self.report(item)
        return read, rejections

    def articles(self, read: list[Article]) -> tuple[list[Article], list[Rejection]]:
        """The article stages on what the store has no analysis of; committed in batches."""
        self.report.phase("articles", len(read))
        results: dict[int, Article | Rejection] = {}
        todo: list[int] = []
        for i, art in enumerate(read):
            cached = (self.store.cached_article(art, self.signature)
                      if self.store is not None else None)
            if cached is not None:
                results[i] = cached
                self.report(cached)
            else:
                todo.append(i)
        unsaved: list[Article] = []

        accept = getattr(self.pipeline.clusterer, "accept", None)

        def done(chunk: list[int], outs: list[Article | Rejection]) -> None:
            for i, out in zip(chunk, outs):
                results[i] = out
                self.report(out)
                if isinstance(out, Article):
                    unsaved.append(out)
            if self.store is not None and len(unsaved) >= self.commit_every:
                self.store.put_articles(unsaved, self.signature)
                unsaved.clear()

        def done_in_worker(chunk: list[int], result: tuple[list, object]) -> None:
            outs, prepared = result
            if prepared is not None and accept is not None:
                accept(prepared)
            done(chunk, outs)

        if self._parallel(len(todo)):
            self._pool.map_chunks(_run_chunk, todo, [read[i] for i in todo], done_in_worker)
        else:
            for i in todo:
                done([i], [_finish(self.pipeline.run_article(read[i]))])
        if self.store is not None and unsaved:
            self.store.put_articles(unsaved, self.signature)
        ordered = [results[i] for i in range(len(read))]
        return ([a for a in ordered if isinstance(a, Article)],
                [r for r in ordered if isinstance(r, Rejection)])

    def corpus(self, articles: list[Article]) -> None:
        """The corpus stages; articles whose fields they changed are stored again."""
        if not self.pipeline.corpus_stages:
            return
        self.report.phase("corpus", len(self.pipeline.corpus_stages))
        before = {a.id: _fields(a, self.pipeline.corpus_stages) for a in articles}
        for stage in self.pipeline.corpus_stages:
            try:
                stage(articles)
            except Exception as exc:
                if self.pipeline.errors == "raise":
                    raise
                log.warning("corpus stage %s failed: %s", stage.name, exc)
                for a in articles:
                    record_warning(a, stage.name, stage.adds, exc)
            self.report.tick()
        changed = [a for a in articles
                   if _fields(a, self.pipeline.corpus_stages) != before[a.id]]
        if self.store is not None and changed:
            self.store.put_articles(changed, self.signature)

    def cluster(self, articles: list[Article]) -> tuple[list[Story], dict[str, Article]]:
        """Stories holding the articles, and every member (stored members read back)."""
        clusterer = self.pipeline.clusterer
        if clusterer is None:
            return [], {}
        self.report.phase("cluster", 1)
        update = getattr(clusterer, "update", None)
        if self.store is not None and update is not None:
            stories = update(articles, self.store)
            # A story the update re-clustered without a new article and with the members it
            # had is stored as it is: its members are not read back and it is not judged again
            # (at feed density one component can hold most of the store).
            new = {a.id for a in articles}
            stored = self.store.story_articles([s.id for s in stories
                                                if not new.intersection(s.articles)])
            stories = [s for s in stories if new.intersection(s.articles)
                       or sorted(stored.get(s.id, [])) != sorted(s.articles)]
        else:
            stories = clusterer(articles)
        self.report.tick()
        by_id = {a.id: a for a in articles}
        if self.store is not None:
            for i in sorted({i for s in stories for i in s.articles} - set(by_id)):
                if (stored := self.store.get_article(i)) is not None:
                    by_id[i] = stored
        return stories, by_id

    def date(self, stories: list[Story], by_id: dict[str, Article]) -> None:
        """Date undated members from their story, re-run the date-dependent article stages on
        them and store them again."""
        dating = self.pipeline.dating
        if dating is None:
            return
        self.report.phase("dating", len(stories))
        rerun = self.pipeline.dated_stages()
        dated: list[Article] = []
        for story in stories:
            members = {i: by_id[i] for i in story.articles if i in by_id}
            before = {i: a.published for i, a in members.items()}
            try:
                dating(story, members)
            except Exception as exc:
                if self.pipeline.errors == "raise":
                    raise
                record_story_warning(story, "dating", (), exc)
            for i, a in members.items():
                if a.published != before[i]:
                    out = self.pipeline.run_article_stages(a, rerun)
                    drop_parse(a)
                    if isinstance(out, Article):
                        dated.append(drop_parse(out))
            self.report(story)
        if self.store is not None and dated:
            self.store.put_articles(dated, self.signature)

    def stories(self, stories: list[Story], by_id: dict[str, Article]) -> list[Story]:
        """The story stages on stories that changed; the others are read back from the store."""
        self.report.phase("stories", len(stories))
        stored = self.store.story_signatures() if self.store is not None else {}
        out: dict[int, Story] = {}
        work: list[int] = []
        members_of: dict[int, dict[str, Article]] = {}
        for k, story in enumerate(stories):
            members = {i: by_id[i] for i in story.articles if i in by_id}
            story.signature = story_signature(story, members, self.signature)
            kept = (self.store.get_story(story.id)
                    if stored.get(story.id) == story.signature else None)
            if kept is not None and kept.articles == story.articles:
                out[k] = kept
                self.report(kept)
            else:
                work.append(k)
                members_of[k] = members

        def done(chunk: list[int], results: list[Story]) -> None:
            for k, story in zip(chunk, results):
                story.signature = stories[k].signature
                out[k] = story
                self.report(story)

        if self._parallel(len(work)):
            # Largest first, one story per task: a story's cost grows with its claims, and one
            # large story left to the end would keep one worker busy while the others idle.
            work.sort(key=lambda k: -_story_cost(members_of[k]))
            self._pool.map_chunks(_run_story_chunk, work,
                                  [(stories[k], members_of[k]) for k in work], done, size=1)
        else:
            for k in work:
                done([k], [self.pipeline.run_story(stories[k], members_of[k])])
        return [out[k] for k in range(len(stories))]

    def close(self) -> None:
        """Stop the worker processes, if any were started."""
        self._pool.close()

    def _parallel(self, n: int) -> bool:
        return self.workers > 1 and n > 1 and self._pool.usable()

    # the whole run ------------------------------------------------------------------------
    def run(self, items: Iterable[Article | Rejection], *, inputs: Sequence[str] = ()
            ) -> Analysis:
        from .. import __version__

        run = RunInfo(version=__version__, started=datetime.now(timezone.utc),
                      inputs=list(inputs), stages=self.pipeline.stage_names,
                      settings={"workers": self.workers})
        seconds: dict[str, float] = {}
        clock = _Clock(seconds)
        try:
            with clock("read"):
                read, rejections = self.read(items)
            with clock("articles"):
                articles, rejected = self.articles(read)
            rejections += rejected
            with clock("corpus"):
                self.corpus(articles)
            with clock("cluster"):
                stories, by_id = self.cluster(articles)
            with clock("dating"):
                self.date(stories, by_id)
            with clock("stories"):
                stories = self.stories(stories, by_id)
        finally:
            self.close()
        for a in articles:  # story stages may have parsed members again in this process
            drop_parse(a)
        run.settings["phase_seconds"] = seconds
        rejections += [r for a in articles for r in article_warnings(a)]
        rejections += [r for s in stories for r in story_warnings(s)]
        run.finished = datetime.now(timezone.utc)
        if self.store is not None:
            self.store.put_stories(stories)
            self.store.record_run(run, rejections)
        return Analysis(run=run, articles=articles, stories=stories, rejections=rejections)


class _Clock:
    """Wall-clock seconds per phase, rounded to milliseconds."""

    def __init__(self, into: dict[str, float]) -> None:
        self.into = into

    @contextmanager
    def __call__(self, name: str) -> Iterator[None]:
        t0 = time.perf_counter()
        try:
            yield
        finally:
            self.into[name] = round(time.perf_counter() - t0, 3)


def _story_cost(members: dict[str, Article]) -> int:
    """A story's work for the story stages, roughly: its members' claims (each is embedded and
    compared with the others)."""
    return sum(len(a.claims) for a in members.values()) + len(members)


def _fields(article: Article, stages) -> tuple:
    return tuple(getattr(article, f) for st in stages for f in sorted(st.adds))


def check_writable(path: str | Path, what: str) -> str | None:
    """Why ``path`` cannot be written (one line), or None. Checked before any work starts."""
    p = Path(path)
    if p.is_dir():
        return f"{what} {p}: is a folder"
    parent = p.parent if str(p.parent) else Path(".")
    if not parent.exists():
        return f"{what} {p}: folder {parent} does not exist"
    if not parent.is_dir():
        return f"{what} {p}: {parent} is not a folder"
    if p.exists() and not os.access(p, os.W_OK):
        return f"{what} {p}: not writable"
    if not p.exists() and not os.access(parent, os.W_OK):
        return f"{what} {p}: folder {parent} is not writable"
    return None


__all__ = ["COMMIT_EVERY", "LocalRunner", "check_writable", "dedupe", "default_workers",
           "pipeline_signature", "story_signature"]
