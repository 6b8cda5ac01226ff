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
from consilience.nlp.times import times


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


def _judged(text_one: str, text_two: str, day: date = date(2025, 4, 2)) -> list:
    """Two outlets' statements in articles of one ``day``, judged: the claims with figures."""
    one, two = (claims(times(quotes(quantities(annotate(Article(
        id=i, input_text=t, text=t, outlet=f"{i}.example", published=day))))))
        for i, t in (("one", text_one), ("two", text_two)))
    story = Story(id="s", title="Harbour story", articles=["one", "two"])
    return [sc for sc in judge(story, {"one": one, "two": two}).claims if sc.values]


def test_a_figure_read_at_a_time_of_day_is_no_contradiction_of_an_undated_one():
    judged = _judged("Portgrain shares fell 1.5 percent to 12.40 lei at 9:34 a.m. in Bucharest.",
                     "Portgrain shares fell 6.6 percent in Bucharest on the news.")
    assert [sc.verdict for sc in judged] == [Verdict.compatible], [
        sc.explanation.summary for sc in judged]
    assert judged[0].explanation.rule == "figure-dated-apart"
    # both undated on one day: they cannot both hold
    judged = _judged("Portgrain shares fell 1.5 percent in Bucharest after the fire.",
                     "Portgrain shares fell 6.6 percent in Bucharest after the fire.")
    assert [sc.verdict for sc in judged] == [Verdict.contradicted], [
        sc.explanation.summary for sc in judged]


def test_a_figure_the_other_sentence_states_too_is_not_set_against_its_neighbour():
    """One outlet lists two firms' charges, the other one firm's: the figure both state is
    one; the other firm's figure is no rival value."""
    judged = _judged("Portgrain expects a hit of as much as $20 million, while Danubia Shipping "
                     "will take a $3 million charge on the fire.",
                     "Portgrain could be facing a $20 million charge on the fire.")
    assert all(sc.verdict != Verdict.contradicted for sc in judged), [
        sc.explanation.summary for sc in judged]
    # a count both state beside one they give differently still differs
    judged = _judged("The fire at the Portgrain terminal killed 4 workers and injured 17 others.",
                     "The fire at the Portgrain terminal killed 4 workers and injured 9 others.")
    assert [sc.verdict for sc in judged] == [Verdict.contradicted], [
        sc.explanation.summary for sc in judged]


def test_compared_values_read_as_a_reader_writes_them():
    """The values a verdict compares are written with scale words and separators, never in
    exponent form ("38 billion USD", not "3.8e+10 USD")."""
    from consilience.claims.verdicts import _number

    assert _number(3.8e10) == "38 billion"
    assert _number(145.5e6) == "145.5 million"
    assert _number(23000) == "23,000"
    assert _number(6.6) == "6.6"
    assert _number(3) == "3"


def _bids(text_one: str, text_two: str) -> list:
    """Two outlets' bids in articles of 20 February 2025, judged."""
    return _judged(text_one, text_two, date(2025, 2, 20))


def test_a_figure_dated_months_before_the_other_article_may_have_changed_since():
    """A bid dated October 2023, against an undated bid in an article of February 2025: the bid
    may have been raised in between; the same bid dated in the week of publication cannot be
    both $38 million and $47 million, nor can one dated two months before."""
    later = "Danubia Shipping's $47 million bid for Portgrain stands, the company said."
    judged = _bids("Danubia Shipping made its $38 million bid for Portgrain in October 2023, the "
                   "company said.", later)
    assert [sc.verdict for sc in judged] == [Verdict.compatible], [
        sc.explanation.summary for sc in judged]
    assert judged[0].explanation.rule == "figure-dated-apart"
    assert "2023-10" in judged[0].explanation.summary
    months = _bids("Danubia Shipping made its $38 million bid for Portgrain in December 2024, the "
                   "company said.", later)
    assert [sc.verdict for sc in months] == [Verdict.contradicted], [
        sc.explanation.summary for sc in months]
    recent = _bids("Danubia Shipping made its $38 million bid for Portgrain on February 18, 2025, "
                   "the company said.", later)
    assert [sc.verdict for sc in recent] == [Verdict.contradicted], [
        sc.explanation.summary for sc in recent]
