"""Claims and verdicts on the two seed reports of the recapture of Staromaiorske."""

from __future__ import annotations

import pytest

from consilience.model import Verdict


@pytest.fixture(scope="module")
def story(seeds_analysis):
    assert len(seeds_analysis.stories) == 1
    return seeds_analysis.stories[0]


def _with(story, *needles):
    return [c for c in story.claims
            if all(any(n.lower() in s.text.lower() for s in c.sources) for n in needles)]


def test_recapture_corroborated_by_both_outlets(story):
    groups = [c for c in _with(story, "recaptured the village of Staromaiorske")
              if c.verdict == Verdict.corroborated]
    assert groups, [(c.verdict, c.text) for c in story.claims]
    g = groups[0]
    assert g.independent_sources == 2
    assert {s.article for s in g.sources} == set(story.articles)
    assert any("Staromaiorske" in s.text for s in g.sources if s.article.startswith("001"))


def test_putin_failed_against_kyiv_liberated_is_contested(story):
    contested = [c for c in story.claims if c.verdict == Verdict.contested]
    assert contested
    c = contested[0]
    texts = " | ".join(s.text for s in c.sources)
    assert "it has failed" in texts
    assert "liberated" in texts or "recaptured" in texts
    sides = {cmp.asserted_by for cmp in c.explanation.compared}
    assert any("Russia" in s for s in sides) and any("Ukraine" in s for s in sides)
    assert c.explanation.rule == "opposing-parties-opposite-outcomes"
    # ... and no contradiction between the outlets over it.
    for claim in story.claims:
        if claim.verdict == Verdict.contradicted:
            t = " ".join(s.text for s in claim.sources)
            assert not ("failed" in t and ("liberated" in t or "recaptured" in t))


def test_video_attribution_not_contradicted(story):
    groups = _with(story, "Ukrainian official tweeted a video")
    assert groups
    both = [g for g in groups if any("posted by President Zelensky" in s.text for s in g.sources)]
    for g in groups:
        assert g.verdict != Verdict.contradicted
    assert both and both[0].verdict == Verdict.attribution_differs
    values = {cmp.value for cmp in both[0].explanation.compared}
    assert "A Ukrainian official" in values and "President Zelensky" in values


def test_quote_frames_split_from_content(seeds_analysis):
    art = seeds_analysis.article("000_d8c6f9f78160522c")
    c = next(c for c in art.claims if "recaptured the village" in c.text)
    assert c.asserted_by == "Ukraine"
    assert not c.text.startswith("Ukraine says")
    assert art.text[c.span.start:c.span.end] == c.text
    art1 = seeds_analysis.article("001_db78440b76a60587")
    failed = [c for c in art1.claims if c.text.endswith("it has failed")]
    assert failed and failed[0].asserted_by == "Vladimir Putin"


def test_every_explanation_cites_spans(story, seeds_analysis):
    for c in story.claims:
        assert c.explanation.summary and c.explanation.rule
        assert c.explanation.compared
        for cmp in c.explanation.compared:
            art = seeds_analysis.article(cmp.source.article)
            assert art.text[cmp.source.start:cmp.source.end] == cmp.source.text
            assert art.input_text[cmp.source.input_start:cmp.source.input_end] == cmp.source.text


def test_a_subordinate_clause_alone_is_no_claim(seeds_analysis):
    # "While meeting with his Belarusian counterpart ... for two-day talks." states nothing
    texts = [c.text for a in seeds_analysis.articles for c in a.claims]
    assert not any(t.startswith("While meeting") for t in texts)
    assert any("Lukashenko" in a.text for a in seeds_analysis.articles)
