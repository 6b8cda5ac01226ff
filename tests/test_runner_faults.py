"""Fault isolation on real articles: a failed stage is a warning, the article goes on; stages
declare what they read and add."""

from __future__ import annotations

import pytest

from consilience.api import analyze, default_pipeline
from consilience.model import Article, Story
from consilience.pipeline import READ_FIELDS
from consilience.report import FORMATS

from conftest import EXAMPLES

UNDATED = """Harbour traffic fell in the first quarter of 2023, the port authority said on
Tuesday. In the first quarter, 41 ships called at the terminal in Constanta, against 58 a year
earlier. "We expect the second half to be better," said Ana Popescu, the authority's director.
"""


def test_undated_article_mentioning_a_quarter_gets_its_times(tmp_path):
    path = tmp_path / "harbour.txt"
    path.write_text(UNDATED, encoding="utf-8")
    analysis = analyze([path], workers=1)
    assert analysis.rejections == []
    (art,) = analysis.articles
    assert art.published is None and not art.warnings
    values = {t.text: t.value for t in art.times}
    assert values["the first quarter of 2023"] == "2023-Q1"
    assert art.stages[-2:] == ["claims", "disputes"] and art.claims and art.places


def test_a_failing_stage_leaves_a_warning_and_the_rest_of_the_analysis(monkeypatch):
    import consilience.nlp.times as times_mod

    def broken(article, anchor=None):
        raise RuntimeError("time tagger unavailable")

    monkeypatch.setattr(times_mod, "find_times", broken)
    path = EXAMPLES / "articles" / "danube-herald.txt"
    analysis = analyze([path], workers=1)
    (art,) = analysis.articles
    assert [(w.stage, w.reason) for w in art.warnings] == [("times", "stage-failed")]
    assert "time tagger unavailable" in art.warnings[0].detail
    # The later stages ran and the article is in a story.
    assert art.times == [] and art.places and art.claims and art.quotes
    assert [s.articles for s in analysis.stories] == [[art.id]]
    (warning,) = analysis.rejections
    assert (warning.kind, warning.stage, warning.article) == ("stage-warning", "times", art.id)
    brief = FORMATS["md"](analysis)
    assert "## Stage warnings" in brief and "stage times failed: RuntimeError" in brief
    assert "inputs rejected" not in brief
    html = FORMATS["html"](analysis)
    assert "Stage warnings" in html and "time tagger unavailable" in html


def _stripped_article(full: Article, keep: set[str]) -> Article:
    """A copy of ``full`` holding only the ``keep`` fields (the offset map goes with the text:
    it is how spans of the text are mapped to the input)."""
    keep = set(keep) | {"id", "input_text"}
    if "text" in keep:
        keep.add("offset_map")
    data = full.model_dump()
    return Article(**{k: v for k, v in data.items() if k in keep})


@pytest.mark.slow
def test_article_stages_read_only_what_they_declare(seeds_analysis):
    """Each article stage gives the same result on an article holding only the fields it
    declares as on the fully analysed article."""
    pipeline = default_pipeline(errors="raise")
    for full in seeds_analysis.articles:
        for stage in pipeline.article_stages[1:]:  # cleaning reads the input only
            whole = stage(full.model_copy(deep=True))
            part = stage(_stripped_article(full, READ_FIELDS | stage.needs))
            for f in stage.adds:
                assert getattr(part, f) == getattr(whole, f), (stage.name, f)


@pytest.mark.slow
def test_story_stages_read_only_what_they_declare(seeds_analysis):
    pipeline = default_pipeline(errors="raise")
    by_id = {a.id: a for a in seeds_analysis.articles}
    for story in seeds_analysis.stories:
        for stage in pipeline.story_stages:
            art_fields = {n.split(".", 1)[1] for n in stage.needs if n.startswith("article.")}
            story_fields = {n.split(".", 1)[1] for n in stage.needs if n.startswith("story.")}
            data = story.model_dump()
            bare = Story(**{k: v for k, v in data.items()
                            if k in story_fields | {"id", "title", "articles", "copies"}})
            whole = stage(story.model_copy(deep=True),
                          {i: by_id[i].model_copy(deep=True) for i in story.articles})
            part = stage(bare, {i: _stripped_article(by_id[i], READ_FIELDS | art_fields)
                                for i in story.articles})
            for f in stage.adds:
                name = f.split(".", 1)[1]
                assert getattr(part, name) == getattr(whole, name), (stage.name, f)
