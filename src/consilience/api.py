"""The library's front: build a pipeline, analyse inputs, store the results.

The CLI and any service are thin shells over :func:`analyze`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from .claims.disputes import disputes_stage
from .claims.extract import claims_stage
from .claims.judge import judge_stage
from .clean.copies import mark_copies
from .clean.furniture import clean_stage
from .clean.language import language_stage
from .errors import ConsilienceError
from .geo.places import geo_stage, places_stage
from .ingest import read_inputs
from .model import Analysis, Article, Rejection
from .nlp.annotate import annotate_stage
from .nlp.quantities import quantities_stage
from .nlp.quotes import quotes_stage
from .nlp.times import infer_dates, times_stage
from .pipeline import CorpusStage, Pipeline
from .runners.local import LocalRunner, check_writable, pipeline_signature
from .stories.entities import resolve_entities_stage
from .stories.state import story_clusterer
from .store import Store

#: Wire copies are linked over all of a run's articles, before stories, so they count once.
copies_stage = CorpusStage("copies", mark_copies, needs=frozenset({"text"}),
                           adds=frozenset({"copy_of"}))


def load_models() -> None:
    """Load the models and indexes the stages use (once per process; before workers are
    forked, so that they share them): the spaCy pipeline, the gazetteer with its index of
    blocking keys for fuzzy look-ups, the language identifier, the sentence tokenizer, and the
    libraries the stages import on first use (scikit-learn for TF-IDF, datasketch for MinHash;
    about a second of imports together, once per process rather than once per worker)."""
    import datasketch  # noqa: F401
    import sklearn.feature_extraction.text  # noqa: F401

    from .clean.language import identifier
    from .geo.gazetteer import default_gazetteer
    from .nlp.entities import city_population
    from .nlp.models import spacy_pipeline
    from .nlp.timenorm import load_dateparser
    from .stories.embeddings import tokenizer

    spacy_pipeline()
    default_gazetteer().blocks()
    identifier()
    city_population()
    load_dateparser()
    tokenizer()


def default_pipeline(errors: str = "record") -> Pipeline:
    """The standard stages, in order."""
    return Pipeline(
        article_stages=[clean_stage, language_stage, annotate_stage, times_stage, quantities_stage,
                        quotes_stage, places_stage, claims_stage, disputes_stage],
        corpus_stages=[copies_stage],
        clusterer=story_clusterer,
        dating=infer_dates,
        story_stages=[resolve_entities_stage, geo_stage, judge_stage],
        errors=errors,  # type: ignore[arg-type]
        warm_up=load_models,
    )


def analyze_articles(articles: list[Article], *, pipeline: Pipeline | None = None,
                     store: Store | None = None,
                     progress: Callable[[Article | Rejection], None] | None = None,
                     workers: int | None = 1) -> tuple[list[Article], list[Rejection]]:
    """Run the article stages, reusing stored analyses of unchanged inputs."""
    runner = LocalRunner(pipeline or default_pipeline(), store=store, workers=workers,
                         progress=progress)
    try:
        return runner.articles(list(articles))
    finally:
        runner.close()


def analyze(paths: Iterable[str | Path], *, db: str | Path | None = None,
            pipeline: Pipeline | None = None, include: list[str] | None = None,
            exclude: list[str] | None = None,
            progress: Callable[[Article | Rejection], None] | None = None,
            fetch: bool = False, allow_private_addresses: bool = False,
            workers: int | None = None, scheduler=None) -> Analysis:
    """Read ``paths`` (files, folders and http(s) URLs), analyse every article, group stories and
    judge claims.

    URLs in ``paths`` are fetched; nothing else touches the network unless ``fetch`` is set (feed
    entries' links are then fetched too). Loopback and private addresses are refused unless
    ``allow_private_addresses``.

    With ``db``, articles and stories are stored (upserted by id, so analysing the same input
    again replaces rather than duplicates) and unchanged articles are not re-analysed.
    ``workers``: processes for the article and story stages (default: every core; 1: this
    process only). ``scheduler``: a dask scheduler address (or ``distributed.Client``) to run
    the article and story stages on a cluster instead (the ``dask`` extra).
    """
    paths = [str(p) for p in paths]
    items = read_inputs(paths, include, exclude, fetch=fetch,
                        allow_private_addresses=allow_private_addresses)
    return analyze_items(items, inputs=paths, db=db, pipeline=pipeline, progress=progress,
                         workers=workers, scheduler=scheduler)


def analyze_items(items: Iterable[Article | Rejection], *, inputs: list[str] | None = None,
                  db: str | Path | None = None, pipeline: Pipeline | None = None,
                  progress: Callable[[Article | Rejection], None] | None = None,
                  workers: int | None = None, scheduler=None) -> Analysis:
    """Analyse articles already read (and pass read failures through as rejections).

    The entry point for callers that read articles themselves: the service, feeds, archives.
    The phases, caching, workers and store writes are :class:`~consilience.runners.LocalRunner`'s.
    """
    if db is not None and (problem := check_writable(db, "database")):
        raise ConsilienceError(problem, reason="database")
    pipeline = pipeline or default_pipeline()
    store = Store(db) if db is not None else None
    try:
        if scheduler is not None:
            from .runners.dask import DaskRunner

            runner: LocalRunner = DaskRunner(pipeline, scheduler=scheduler, store=store,
                                             progress=progress)
        else:
            runner = LocalRunner(pipeline, store=store, workers=workers, progress=progress)
        return runner.run(items, inputs=inputs or [])
    finally:
        if store is not None:
            store.close()


__all__ = ["analyze", "analyze_articles", "analyze_items", "copies_stage", "default_pipeline",
           "load_models", "pipeline_signature"]
