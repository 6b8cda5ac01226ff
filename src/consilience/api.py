"""The library's front: build a pipeline, analyse inputs, store the results.

The CLI and any service are thin shells over :func:`analyze`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime, timezone
from pathlib import Path

from . import __version__
from .claims.extract import claims_stage
from .claims.judge import judge_stage
from .clean.copies import mark_copies
from .clean.furniture import clean_stage
from .clean.language import language_stage
from .geo.places import geo_stage, places_stage
from .ingest import read_inputs
from .model import Analysis, Article, Rejection, RunInfo
from .nlp.annotate import annotate_stage
from .nlp.quantities import quantities_stage
from .nlp.quotes import quotes_stage
from .nlp.times import infer_dates_stage, times_stage
from .pipeline import Pipeline
from .stories.entities import resolve_entities_stage
from .stories.state import story_clusterer
from .store import Store


def default_pipeline(errors: str = "record") -> Pipeline:
    """The standard stages, in order."""
    return Pipeline(
        article_stages=[clean_stage, language_stage, annotate_stage, times_stage, quantities_stage,
                        quotes_stage, places_stage, claims_stage],
        clusterer=story_clusterer,
        story_stages=[infer_dates_stage, resolve_entities_stage, geo_stage, judge_stage],
        errors=errors,  # type: ignore[arg-type]
    )


def pipeline_signature(pipeline: Pipeline) -> str:
    """What a stored analysis must match to be reused: the version, the stages and the
    languages each article stage runs for."""
    gated = ",".join(f"{s.name}={'|'.join(sorted(s.languages))}" for s in pipeline.article_stages
                     if s.languages is not None)
    return f"{__version__}:" + ",".join(pipeline.stage_names) + (f";{gated}" if gated else "")


def _dedupe(items: Iterable[Article | Rejection]) -> Iterable[Article | Rejection]:
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


def analyze_articles(articles: list[Article], *, pipeline: Pipeline | None = None,
                     store: Store | None = None,
                     progress: Callable[[Article | Rejection], None] | None = None
                     ) -> tuple[list[Article], list[Rejection]]:
    """Run the article stages, reusing stored analyses of unchanged inputs."""
    pipeline = pipeline or default_pipeline()
    sig = pipeline_signature(pipeline)
    done: list[Article] = []
    rejected: list[Rejection] = []
    for art in articles:
        cached = store.cached_article(art, sig) if store is not None else None
        out = cached or pipeline.run_article(art)
        (rejected if isinstance(out, Rejection) else done).append(out)
        if progress:
            progress(out)
    return done, rejected


def analyze(paths: Iterable[str | Path], *, db: str | Path | None = None,
            pipeline: Pipeline | None = None, include: list[str] | None = None,
            exclude: list[str] | None = None,
            progress: Callable[[Article | Rejection], None] | None = None,
            fetch: bool = False, allow_private_addresses: bool = False) -> Analysis:
    """Read ``paths`` (files, folders and http(s) URLs), analyse every article, group stories and
    judge claims.

    URLs in ``paths`` are fetched; nothing else touches the network unless ``fetch`` is set (feed
    entries' links are then fetched too). Loopback and private addresses are refused unless
    ``allow_private_addresses``.

    With ``db``, articles and stories are stored (upserted by id, so analysing the same input
    again replaces rather than duplicates) and unchanged articles are not re-analysed.
    """
    paths = [str(p) for p in paths]
    items = read_inputs(paths, include, exclude, fetch=fetch,
                        allow_private_addresses=allow_private_addresses)
    return analyze_items(items, inputs=paths, db=db,
                         pipeline=pipeline, progress=progress)


def analyze_items(items: Iterable[Article | Rejection], *, inputs: list[str] | None = None,
                  db: str | Path | None = None, pipeline: Pipeline | None = None,
                  progress: Callable[[Article | Rejection], None] | None = None) -> Analysis:
    """Analyse articles already read (and pass read failures through as rejections).

    The entry point for callers that read articles themselves: the service, feeds, archives.
    """
    pipeline = pipeline or default_pipeline()
    run = RunInfo(version=__version__, started=datetime.now(timezone.utc), inputs=inputs or [],
                  stages=pipeline.stage_names)
    store = Store(db) if db is not None else None
    try:
        read: list[Article] = []
        rejections: list[Rejection] = []
        for item in _dedupe(items):
            (read if isinstance(item, Article) else rejections).append(item)
            if progress and isinstance(item, Rejection):
                progress(item)
        articles, rejected = analyze_articles(read, pipeline=pipeline, store=store,
                                              progress=progress)
        rejections += rejected
        mark_copies(articles)  # wire copies linked before stories, so they count once
        if store is not None and articles:
            store.put_articles(articles, pipeline_signature(pipeline))
        stories, story_rejections = pipeline.run_stories(articles, store=store)
        rejections += story_rejections
        run.finished = datetime.now(timezone.utc)
        if store is not None:
            # The story stages date undated articles from their story (``infer_dates``): store
            # those again so the store holds what the output says.
            changed = [a for a in articles if a.published_inferred]
            if changed:
                store.put_articles(changed, pipeline_signature(pipeline))
            store.put_stories(stories)
            store.record_run(run, rejections)
        return Analysis(run=run, articles=articles, stories=stories, rejections=rejections)
    finally:
        if store is not None:
            store.close()
