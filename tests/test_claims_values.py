"""Figures compared across outlets: two undated figures from articles published days apart may
both have held (a toll that rose, a bid that was raised); on one day they cannot."""

from __future__ import annotations

from datetime import date

from consilience.claims.extract import claims
from consilience.claims.judge import judge
from consilience.model import Article, Story, Verdict
from consilience.nlp.annotate import annotate
from consilience.nlp.quantities import quantities
from consilience.nlp.quotes import quotes


def _art(text: str, id: str, published: date) -> Article:
    art = Article(id=id, input_text=text, text=text, outlet=f"{id}.example", published=published)
    return claims(quotes(quantities(annotate(art))))


def _verdicts(day_two: date) -> list:
    one = _art("The landslide above Sinaia destroyed 40 houses, the county prefect said.", "one",
               date(2025, 4, 2))
    two = _art("The landslide above Sinaia destroyed 65 houses, the county prefect said.", "two",
               day_two)
    story = Story(id="s", title="Sinaia landslide", articles=["one", "two"])
    return [sc for sc in judge(story, {"one": one, "two": two}).claims if sc.values]


def test_undated_figures_published_days_apart_are_compatible():
    same_day = _verdicts(date(2025, 4, 2))
    assert [sc.verdict for sc in same_day] == [Verdict.contradicted], [
        sc.explanation.summary for sc in same_day]
    later = _verdicts(date(2025, 4, 6))
    assert [sc.verdict for sc in later] == [Verdict.compatible], [
        sc.explanation.summary for sc in later]
    assert later[0].explanation.rule == "figures-reported-days-apart"
    assert "4 days apart" in later[0].explanation.summary
