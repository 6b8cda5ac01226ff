"""Named stages and the pipeline that runs them.

An article stage is a callable ``Article -> Article``; a story stage is a callable
``(Story, dict[str, Article]) -> Story`` that sees only the articles of its story. Each declares
the fields it ``needs`` and the fields it ``adds``; :class:`Pipeline` checks at construction that
every need is met by an earlier stage (or by reading). A stage that fails on one article turns
that article into a :class:`~consilience.model.Rejection` when ``errors="record"`` (batches) and
raises when ``errors="raise"`` (tests, debugging). An article stage may declare the
``languages`` it works for; an article in another language skips it, and the skip is recorded in
``article.skipped_stages``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol

from .errors import ConsilienceError, PipelineOrderError, StageError
from .model import Article, Rejection, Story

log = logging.getLogger(__name__)

#: Fields an article has once it has been read.
READ_FIELDS = frozenset({"id", "input_text", "title", "outlet", "url", "published"})


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

    def __post_init__(self) -> None:
        have = set(READ_FIELDS)
        for st in self.article_stages:
            self._check(st.name, st.needs, have)
            have |= st.adds
        if self.clusterer is not None:
            self._check("cluster", self.clusterer_needs, have)
        have = {f"article.{f}" for f in have} | {"story.articles", "story.title"}
        for st in self.story_stages:
            self._check(st.name, st.needs, have)
            have |= st.adds

    @staticmethod
    def _check(name: str, needs: Iterable[str], have: set[str]) -> None:
        missing = sorted(set(needs) - have)
        if missing:
            raise PipelineOrderError(
                f"stage '{name}' needs {', '.join(missing)}, which no earlier stage adds"
            )

    @property
    def stage_names(self) -> list[str]:
        names = [s.name for s in self.article_stages]
        if self.clusterer is not None:
            names.append("cluster")
        return names + [s.name for s in self.story_stages]

    def run_article(self, article: Article) -> Article | Rejection:
        for st in self.article_stages:
            if not st.runs_for(article):  # built for other languages: skipped, and recorded
                if st.name not in article.skipped_stages:
                    article.skipped_stages.append(st.name)
                continue
            try:
                article = st(article)
            except Exception as exc:  # one bad article never stops a batch
                if self.errors == "raise":
                    raise
                return _rejection(article, st.name, exc)
        if self.on_article is not None:
            self.on_article(article)
        return article

    def run_articles(self, articles: Iterable[Article]) -> tuple[list[Article], list[Rejection]]:
        done: list[Article] = []
        rejected: list[Rejection] = []
        for art in articles:
            out = self.run_article(art)
            (rejected if isinstance(out, Rejection) else done).append(out)
        return done, rejected

    def run_stories(self, articles: list[Article], store=None
                    ) -> tuple[list[Story], list[Rejection]]:
        """Group ``articles`` into stories and run the story stages. With a ``store`` and a
        clusterer that has ``update(articles, store)``, the articles join the stories kept in
        the store, and stored members are read from it for the story stages."""
        if self.clusterer is None:
            return [], []
        update = getattr(self.clusterer, "update", None)
        stories = update(articles, store) if store is not None and update else self.clusterer(articles)
        by_id = {a.id: a for a in articles}
        if store is not None:
            for i in sorted({i for s in stories for i in s.articles} - set(by_id)):
                if (stored := store.get_article(i)) is not None:
                    by_id[i] = stored
        out: list[Story] = []
        rejected: list[Rejection] = []
        for story in stories:
            members = {i: by_id[i] for i in story.articles if i in by_id}
            for st in self.story_stages:
                try:
                    story = st(story, members)
                except Exception as exc:
                    if self.errors == "raise":
                        raise
                    log.warning("story %s: stage %s failed: %s", story.id, st.name, exc)
                    rejected.append(Rejection(input=f"story {story.id}", stage=st.name,
                                              reason="stage-failed", detail=_describe(exc)))
            out.append(story)
        return out, rejected


def _describe(exc: BaseException) -> str:
    if isinstance(exc, ConsilienceError):
        return exc.message
    return f"{type(exc).__name__}: {exc}"


def _rejection(article: Article, stage: str, exc: BaseException) -> Rejection:
    reason = exc.reason if isinstance(exc, ConsilienceError) else "stage-failed"
    log.warning("article %s: stage %s failed: %s", article.id, stage, _describe(exc))
    return Rejection(input=article.source or article.id, article=article.id, stage=stage,
                     reason=reason, detail=_describe(exc))


__all__ = [
    "ArticleStage", "Pipeline", "StageError", "StoryStage", "article_stage", "story_stage",
]
