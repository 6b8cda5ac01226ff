"""Named stages and the pipeline that runs them.

An article stage is a callable ``Article -> Article``; a story stage is a callable
``(Story, dict[str, Article]) -> Story`` that sees only the articles of its story and does not
change them. Each declares the fields it ``needs`` and the fields it ``adds``; :class:`Pipeline`
checks at construction that every need is a field of the model and is met by an earlier stage
(or by reading), and that every add is a field of the model.

Fault isolation: a stage that fails on one article records a
:class:`~consilience.model.StageWarning` on the article, the fields it adds are reset to their
empty defaults, and the article goes on through the later stages. Only a failure of a stage that
produces the clean text (``fatal``: cleaning) turns the article into a
:class:`~consilience.model.Rejection`. A story stage that fails records a warning on the story.
With ``errors="raise"`` (tests, debugging) the first failure is raised.

The phases (article stages, corpus stages, clustering, dating, story stages), caching, workers
and store writes are run by :mod:`consilience.runners.local`.

An article stage may declare the ``languages`` it works for; an article in another language
skips it, and the skip is recorded in ``article.skipped_stages``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol

from .errors import ConsilienceError, PipelineOrderError, StageError
from .model import Article, Rejection, StageWarning, Story

log = logging.getLogger(__name__)

#: Fields an article has once it has been read.
READ_FIELDS = frozenset({"id", "input_text", "title", "outlet", "url", "published", "authors",
                         "source"})


class ArticleStageFn(Protocol):
    def __call__(self, article: Article) -> Article: ...


class StoryStageFn(Protocol):
    def __call__(self, story: Story, articles: dict[str, Article]) -> Story: ...


@dataclass(frozen=True)
class ArticleStage:
    name: str
    fn: Callable[[Article], Article]
    needs: frozenset[str] = frozenset()
    adds: frozenset[str] = frozenset()
    #: Languages (ISO 639-1) the stage works for; None = all. An article in another language
    #: skips the stage (an article whose language is unknown runs it).
    languages: frozenset[str] | None = None

    def runs_for(self, article: Article) -> bool:
        return self.languages is None or article.language is None \
            or article.language in self.languages

    @property
    def fatal(self) -> bool:
        """A failure rejects the article: the stage makes the clean text every other needs."""
        return "text" in self.adds

    def __call__(self, article: Article) -> Article:
        out = self.fn(article)
        if self.name not in out.stages:
            out.stages.append(self.name)
        return out


@dataclass(frozen=True)
class StoryStage:
    name: str
    fn: Callable[[Story, dict[str, Article]], Story]
    needs: frozenset[str] = frozenset()
    adds: frozenset[str] = frozenset()

    def __call__(self, story: Story, articles: dict[str, Article]) -> Story:
        out = self.fn(story, articles)
        if self.name not in out.stages:
            out.stages.append(self.name)
        return out


@dataclass(frozen=True)
class CorpusStage:
    """A stage over all the articles of a run at once (between the article stages and
    clustering), such as linking wire copies. It changes only the fields it adds."""

    name: str
    fn: Callable[[list[Article]], None]
    needs: frozenset[str] = frozenset()
    adds: frozenset[str] = frozenset()

    def __call__(self, articles: list[Article]) -> None:
        self.fn(articles)


def article_stage(name: str, *, needs: Iterable[str] = (), adds: Iterable[str] = (),
                  languages: Iterable[str] | None = None):
    """Decorator: turn ``fn(article) -> article`` into a named :class:`ArticleStage`."""

    def wrap(fn: Callable[[Article], Article]) -> ArticleStage:
        return ArticleStage(name, fn, frozenset(needs), frozenset(adds),
                            None if languages is None else frozenset(languages))

    return wrap


def story_stage(name: str, *, needs: Iterable[str] = (), adds: Iterable[str] = ()):
    """Decorator: turn ``fn(story, articles) -> story`` into a named :class:`StoryStage`."""

    def wrap(fn: Callable[[Story, dict[str, Article]], Story]) -> StoryStage:
        return StoryStage(name, fn, frozenset(needs), frozenset(adds))

    return wrap


Clusterer = Callable[[list[Article]], list[Story]]
ErrorPolicy = Literal["record", "raise"]


@dataclass
class Pipeline:
    """Article stages, then a clusterer that groups articles into stories, then story stages."""

    article_stages: Sequence[ArticleStage]
    clusterer: Clusterer | None = None
    story_stages: Sequence[StoryStage] = ()
    errors: ErrorPolicy = "record"
    clusterer_needs: frozenset[str] = frozenset({"text"})
    on_article: Callable[[Article], None] | None = field(default=None, repr=False)
    #: Stages over all of a run's articles, after the article stages and before clustering.
    corpus_stages: Sequence[CorpusStage] = ()
    #: ``(story, members) -> story`` run after clustering: dates undated members from their
    #: story (it may change members' ``published`` and ``times``); the article stages that
    #: depend on the date (:meth:`dated_stages`) are then run again on the articles it dated.
    dating: Callable[[Story, dict[str, Article]], Story] | None = field(default=None, repr=False)
    #: Loads models once per process (called in each worker before its first article).
    warm_up: Callable[[], None] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        have = set(READ_FIELDS)
        for st in self.article_stages:
            self._check(st.name, st.needs, have)
            _check_fields(st.name, st.adds, Article)
            have |= st.adds
        for cs in self.corpus_stages:
            self._check(cs.name, cs.needs, have)
            _check_fields(cs.name, cs.adds, Article)
            have |= cs.adds
        if self.clusterer is not None:
            self._check("cluster", self.clusterer_needs, have)
        have = {f"article.{f}" for f in have} | {"story.articles", "story.title", "story.copies"}
        for st in self.story_stages:
            self._check(st.name, st.needs, have, story=True)
            _check_fields(st.name, st.adds, Story, prefixed=True)
            have |= st.adds

    @staticmethod
    def _check(name: str, needs: Iterable[str], have: set[str], story: bool = False) -> None:
        _check_fields(name, needs, Story if story else Article, prefixed=story)
        missing = sorted(set(needs) - have)
        if missing:
            raise PipelineOrderError(
                f"stage '{name}' needs {', '.join(missing)}, which no earlier stage adds"
            )

    @property
    def stage_names(self) -> list[str]:
        names = [s.name for s in self.article_stages] + [s.name for s in self.corpus_stages]
        if self.clusterer is not None:
            names.append("cluster")
            if self.dating is not None:
                names.append("dating")
        return names + [s.name for s in self.story_stages]

    def run_article(self, article: Article) -> Article | Rejection:
        """Run the article stages; see the module's notes on fault isolation."""
        out = self.run_article_stages(article, self.article_stages)
        if not isinstance(out, Rejection) and self.on_article is not None:
            self.on_article(out)
        return out

    def run_article_stages(self, article: Article, stages: Sequence[ArticleStage]
                           ) -> Article | Rejection:
        for st in stages:
            if not st.runs_for(article):  # built for other languages: skipped, and recorded
                if st.name not in article.skipped_stages:
                    article.skipped_stages.append(st.name)
                continue
            try:
                article = st(article)
            except Exception as exc:  # one bad article never stops a batch
                if self.errors == "raise":
                    raise
                if st.fatal:
                    return _rejection(article, st.name, exc)
                record_warning(article, st.name, st.adds, exc)
        return article

    def run_articles(self, articles: Iterable[Article]) -> tuple[list[Article], list[Rejection]]:
        done: list[Article] = []
        rejected: list[Rejection] = []
        for art in articles:
            out = self.run_article(art)
            (rejected if isinstance(out, Rejection) else done).append(out)
        return done, rejected

    def dated_stages(self) -> list[ArticleStage]:
        """The article stages to run again on an article whose publication date was inferred
        after clustering: those after the stage that adds ``times`` that need ``times`` or
        ``published``, or what such a stage adds."""
        changed = {"published", "times"}
        out: list[ArticleStage] = []
        seen_times = False
        for st in self.article_stages:
            if "times" in st.adds:
                seen_times = True
                continue
            if seen_times and st.needs & changed:
                out.append(st)
                changed |= st.adds
        return out

    def run_story(self, story: Story, members: dict[str, Article]) -> Story:
        """Run the story stages on one story; a failed stage leaves a warning on the story."""
        for st in self.story_stages:
            try:
                story = st(story, members)
            except Exception as exc:
                if self.errors == "raise":
                    raise
                record_story_warning(story, st.name, st.adds, exc)
        return story

    def run_stories(self, articles: list[Article], store=None
                    ) -> tuple[list[Story], list[Rejection]]:
        """Group ``articles`` into stories and run the story stages (see
        :func:`consilience.runners.local.run_stories` for the incremental, stored form)."""
        if self.clusterer is None:
            return [], []
        stories = self.clusterer(articles)
        by_id = {a.id: a for a in articles}
        out = [self.run_story(s, {i: by_id[i] for i in s.articles if i in by_id})
               for s in stories]
        return out, [r for s in out for r in story_warnings(s)]


def _check_fields(stage: str, names: Iterable[str], model: type, prefixed: bool = False) -> None:
    """Every declared field is a field of the model (``article.x``/``story.x`` for stories)."""
    for name in names:
        if prefixed:
            kind, _, field_name = name.partition(".")
            target = {"article": Article, "story": Story}.get(kind)
        else:
            target, field_name = model, name
        if target is None or field_name not in target.model_fields:
            raise PipelineOrderError(f"stage '{stage}' declares '{name}', which is not a field "
                                     f"of the model")


def _reset(obj, name: str) -> None:
    info = type(obj).model_fields.get(name)
    if info is not None and not info.is_required():
        setattr(obj, name, info.get_default(call_default_factory=True))


def _reason(exc: BaseException) -> str:
    return exc.reason if isinstance(exc, ConsilienceError) else "stage-failed"


def record_warning(article: Article, stage: str, adds: Iterable[str], exc: BaseException) -> None:
    """Note on ``article`` that ``stage`` failed, and reset what it adds to the empty defaults."""
    log.warning("article %s: stage %s failed: %s", article.id, stage, _describe(exc))
    article.warnings.append(StageWarning(stage=stage, reason=_reason(exc), detail=_describe(exc)))
    for f in adds:
        _reset(article, f)


def record_story_warning(story: Story, stage: str, adds: Iterable[str],
                         exc: BaseException) -> None:
    """Note on ``story`` that ``stage`` failed, and reset what it adds (``story.x``)."""
    log.warning("story %s: stage %s failed: %s", story.id, stage, _describe(exc))
    story.warnings.append(StageWarning(stage=stage, reason=_reason(exc), detail=_describe(exc)))
    for f in adds:
        if f.startswith("story."):
            _reset(story, f.removeprefix("story."))


def article_warnings(article: Article) -> list[Rejection]:
    """An article's stage warnings as entries of an analysis's ``rejections``."""
    return [Rejection(input=article.source or article.id, article=article.id, stage=w.stage,
                      reason=w.reason, detail=w.detail, kind="stage-warning")
            for w in article.warnings]


def story_warnings(story: Story) -> list[Rejection]:
    """A story's stage warnings as entries of an analysis's ``rejections``."""
    return [Rejection(input=f"story {story.id}", stage=w.stage, reason=w.reason, detail=w.detail,
                      kind="stage-warning") for w in story.warnings]


def _describe(exc: BaseException) -> str:
    if isinstance(exc, ConsilienceError):
        return exc.message
    return f"{type(exc).__name__}: {exc}"


def _rejection(article: Article, stage: str, exc: BaseException) -> Rejection:
    reason = _reason(exc)
    log.warning("article %s: stage %s failed: %s", article.id, stage, _describe(exc))
    return Rejection(input=article.source or article.id, article=article.id, stage=stage,
                     reason=reason, detail=_describe(exc))


__all__ = [
    "ArticleStage", "CorpusStage", "Pipeline", "StageError", "StoryStage", "article_stage", "article_warnings",
    "record_story_warning", "record_warning", "story_stage", "story_warnings",
]
