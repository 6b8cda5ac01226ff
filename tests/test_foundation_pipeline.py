"""The named-stage pipeline: order and field checks, fault isolation and the error policy."""

from __future__ import annotations

import pytest

from consilience.errors import PipelineOrderError
from consilience.model import Article, Rejection, Story
from consilience.pipeline import Pipeline, article_stage, article_warnings, story_stage


@article_stage("upper", needs={"text"}, adds={"title"})
def upper(article: Article) -> Article:
    article.title = article.text.upper()
    return article


@article_stage("fill", needs={"input_text"}, adds={"text"})
def fill(article: Article) -> Article:
    article.text = article.input_text.strip()
    return article


@article_stage("explode", needs={"text"}, adds={"language", "sentences"})
def explode(article: Article) -> Article:
    article.language = "en"
    if "boom" in article.text:
        raise ValueError("cannot handle boom")
    return article


@article_stage("shout", needs={"text", "language"}, adds={"authors"})
def shout(article: Article) -> Article:
    article.authors = [f"{article.language or 'none'}:{article.text}"]
    return article


@article_stage("unclean", needs={"input_text"}, adds={"text"})
def unclean(article: Article) -> Article:
    if "boom" in article.input_text:
        raise ValueError("cannot clean boom")
    article.text = article.input_text
    return article


def _art(i: str, text: str) -> Article:
    return Article(id=i, input_text=text, source=f"{i}.txt")


def test_order_is_checked_when_built():
    with pytest.raises(PipelineOrderError, match="'upper' needs text"):
        Pipeline(article_stages=[upper, fill])
    Pipeline(article_stages=[fill, upper])


def test_declared_fields_must_be_fields_of_the_model():
    bogus = article_stage("bogus", needs={"text"}, adds={"shouting"})(lambda a: a)
    with pytest.raises(PipelineOrderError, match="'bogus' declares 'shouting'"):
        Pipeline(article_stages=[fill, bogus])
    reads = story_stage("reads", needs={"article.nonsense"})(lambda s, m: s)
    with pytest.raises(PipelineOrderError, match="'reads' declares 'article.nonsense'"):
        Pipeline(article_stages=[fill], clusterer=lambda arts: [], story_stages=[reads])


def test_stage_names_recorded_on_article():
    out = Pipeline(article_stages=[fill, upper]).run_article(_art("a", " hi "))
    assert out.stages == ["fill", "upper"] and out.title == "HI"


def test_a_failed_stage_is_a_warning_and_the_article_goes_on():
    p = Pipeline(article_stages=[fill, explode, shout, upper])
    done, rejected = p.run_articles([_art("a", "fine"), _art("b", "boom"), _art("c", "ok")])
    assert [a.id for a in done] == ["a", "b", "c"] and rejected == []
    b = done[1]
    assert [(w.stage, w.reason) for w in b.warnings] == [("explode", "stage-failed")]
    assert "cannot handle boom" in b.warnings[0].detail
    # What the failed stage should have added is the empty default for the later stages.
    assert b.language is None and b.authors == ["none:boom"] and b.title == "BOOM"
    assert done[0].authors == ["en:fine"] and not done[0].warnings
    (w,) = article_warnings(b)
    assert (w.kind, w.article, w.stage, w.input) == ("stage-warning", "b", "explode", "b.txt")


def test_a_cleaning_failure_rejects_the_article_and_batch_goes_on():
    p = Pipeline(article_stages=[unclean, upper])
    done, rejected = p.run_articles([_art("a", "fine"), _art("b", "boom"), _art("c", "ok")])
    assert [a.id for a in done] == ["a", "c"]
    (r,) = rejected
    assert isinstance(r, Rejection) and r.article == "b" and r.stage == "unclean"
    assert r.kind == "rejected" and "cannot clean boom" in r.detail and r.input == "b.txt"


def test_a_failed_story_stage_is_a_warning_on_the_story():
    @story_stage("judge_fails", needs={"article.text"}, adds={"story.claims"})
    def judge_fails(story: Story, members):
        raise RuntimeError("no verdicts today")

    @story_stage("names", needs={"article.text"}, adds={"story.copies"})
    def names(story: Story, members):
        story.copies = {a: a for a in members}
        return story

    p = Pipeline(article_stages=[fill], clusterer=lambda arts: [
        Story(id="s", title="t", articles=[a.id for a in arts])],
        story_stages=[judge_fails, names])
    done, _ = p.run_articles([_art("a", "x"), _art("b", "y")])
    (story,), warnings = p.run_stories(done)
    assert [w.stage for w in story.warnings] == ["judge_fails"]
    assert story.copies == {"a": "a", "b": "b"} and story.claims == []
    assert [(w.kind, w.input) for w in warnings] == [("stage-warning", "story s")]


def test_raise_policy_raises():
    p = Pipeline(article_stages=[fill, explode], errors="raise")
    with pytest.raises(ValueError):
        p.run_article(_art("b", "boom"))


def test_default_pipeline_is_well_ordered():
    from consilience.api import default_pipeline

    p = default_pipeline()
    names = p.stage_names
    assert names[0] == "clean" and "cluster" in names and "judge" in names
    assert names.index("copies") < names.index("cluster") < names.index("dating")
    # Claims read the date-dependent times: they run again on an article dated after clustering,
    # and so does what reads the claims (the denials, whose party may be a claim's).
    assert [s.name for s in p.dated_stages()] == ["claims", "disputes"]


def test_known_needs_are_declared():
    from consilience.claims.extract import claims_stage
    from consilience.claims.judge import judge_stage

    assert {"quotes", "times", "places"} <= claims_stage.needs
    assert {"story.entities", "story.geo_checks", "article.claims"} <= judge_stage.needs


def test_warm_up_loads_the_gazetteer_and_its_fuzzy_index():
    """Forked workers share what the parent's warm-up loaded: the gazetteer and the index its
    fuzzy look-ups use are among it, not built again in each worker."""
    from consilience.api import default_pipeline
    from consilience.geo import gazetteer

    gazetteer.reset_default()
    default_pipeline().warm_up()
    gaz = gazetteer._DEFAULT
    assert gaz is not None and gaz._blocks is not None
    assert gaz.fuzzy("Zaporizhzhya") and gazetteer.default_gazetteer() is gaz


def test_warm_up_loads_what_the_stages_would_load_on_first_use():
    """The language identifier, the city populations and the sentence tokenizer are loaded by
    the warm-up (so forked workers share them), and the libraries imported on first use are
    imported by it."""
    import sys

    from consilience.api import default_pipeline
    from consilience.clean.language import identifier
    from consilience.nlp.entities import city_population
    from consilience.stories.embeddings import tokenizer

    for cached in (identifier, city_population, tokenizer):
        cached.cache_clear()
    default_pipeline().warm_up()
    for cached in (identifier, city_population, tokenizer):
        assert cached.cache_info().currsize == 1, cached.__name__
    assert city_population()["london"] > 1_000_000
    assert "sklearn.feature_extraction.text" in sys.modules and "datasketch" in sys.modules
