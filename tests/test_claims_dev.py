"""Every verdict on the dev clustering stories carries an explanation citing real spans."""

from __future__ import annotations

import pytest

from consilience.model import Verdict
from tests.conftest import DEV, need_shared


@pytest.fixture(scope="module")
def dev_analysis():
    """All dev clustering articles, analysed once. Claim alignment runs on its TF-IDF fallback
    here (the explanation structure does not depend on the similarity method, and embedding
    every claim of 325 articles would dominate the suite's runtime)."""
    from consilience import analyze
    from consilience.claims import similarity

    base = need_shared(DEV / "clustering")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(similarity, "embedder", lambda: None)
        return analyze([base / "news_cluster" / "articles", base / "basil" / "articles"])


def test_every_verdict_explained_with_spans_and_values(dev_analysis):
    arts = {a.id: a for a in dev_analysis.articles}
    n = 0
    for story in dev_analysis.stories:
        for c in story.claims:
            n += 1
            e = c.explanation
            assert e.summary and e.rule, c.id
            assert e.compared, c.id
            for cmp in e.compared:
                art = arts[cmp.source.article]
                assert art.text[cmp.source.start:cmp.source.end] == cmp.source.text
                assert art.input_text[cmp.source.input_start:cmp.source.input_end] == \
                    cmp.source.text
            for src in c.sources:
                assert arts[src.article].text[src.start:src.end] == src.text
            if c.verdict in (Verdict.contradicted, Verdict.compatible, Verdict.contested,
                             Verdict.attribution_differs):
                # A conflict names the values it compared, one per side.
                assert len(e.compared) >= 2 and all(cmp.value for cmp in e.compared), c.id
                assert c.values, c.id
            if c.verdict == Verdict.corroborated:
                assert c.independent_sources >= 2
                assert len({cmp.source.article for cmp in e.compared}) >= 2
    assert n > 100


def test_claims_of_a_story_come_from_its_articles(dev_analysis):
    for story in dev_analysis.stories:
        members = set(story.articles)
        for c in story.claims:
            assert {s.article for s in c.sources} <= members


def test_wire_copies_are_one_source(dev_analysis):
    checked = 0
    for story in dev_analysis.stories:
        copies = story.copies
        for c in story.claims:
            arts = {s.article for s in c.sources}
            roots = {copies.get(a, a) for a in arts}
            if len(arts) > 1 and len(roots) == 1:
                # An original and its reprints: one source, never corroboration.
                checked += 1
                assert c.independent_sources == 1, c.id
                assert c.verdict == Verdict.single_source, c.id
    assert any(s.copies for s in dev_analysis.stories), "no wire copies detected in the dev stories"
