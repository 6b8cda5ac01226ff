"""The named-stage pipeline: order checks and the error policy."""

from __future__ import annotations

import pytest

from consilience.errors import PipelineOrderError
from consilience.model import Article, Rejection
from consilience.pipeline import Pipeline, article_stage


@article_stage("upper", needs={"text"}, adds={"upper"})
def upper(article: Article) -> Article:
    article.title = article.text.upper()
    return article


@article_stage("fill", needs={"input_text"}, adds={"text"})
def fill(article: Article) -> Article:
    article.text = article.input_text.strip()
    return article


@article_stage("explode", needs={"text"}, adds=set())
def explode(article: Article) -> Article:
    if "boom" in article.text:
        raise ValueError("cannot handle boom")
    return article


def _art(i: str, text: str) -> Article:
    return Article(id=i, input_text=text, source=f"{i}.txt")


def test_order_is_checked_when_built():
    with pytest.raises(PipelineOrderError, match="'upper' needs text"):
        Pipeline(article_stages=[upper, fill])
    Pipeline(article_stages=[fill, upper])


def test_stage_names_recorded_on_article():
    out = Pipeline(article_stages=[fill, upper]).run_article(_art("a", " hi "))
    assert out.stages == ["fill", "upper"] and out.title == "HI"


def test_one_bad_article_becomes_a_rejection_and_batch_goes_on():
    p = Pipeline(article_stages=[fill, explode, upper])
    done, rejected = p.run_articles([_art("a", "fine"), _art("b", "boom"), _art("c", "ok")])
    assert [a.id for a in done] == ["a", "c"]
    assert len(rejected) == 1
    r = rejected[0]
    assert isinstance(r, Rejection) and r.article == "b" and r.stage == "explode"
    assert "cannot handle boom" in r.detail and r.input == "b.txt"


def test_raise_policy_raises():
    p = Pipeline(article_stages=[fill, explode], errors="raise")
    with pytest.raises(ValueError):
        p.run_article(_art("b", "boom"))


def test_default_pipeline_is_well_ordered():
    from consilience.api import default_pipeline

    names = default_pipeline().stage_names
    assert names[0] == "clean" and "cluster" in names and "judge" in names
