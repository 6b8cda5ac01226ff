"""The office two outlets give one person at one time: a rank below the other's office is a
difference ("then an assistant district attorney" / "then a district attorney"); a vaguer or
other description is not. Texts written for the tests."""

from __future__ import annotations

from datetime import date

from consilience.claims.extract import claims
from consilience.claims.judge import judge
from consilience.claims.roles import descriptions
from consilience.model import Article, Story, Verdict
from consilience.nlp.annotate import annotate
from consilience.nlp.quantities import quantities
from consilience.nlp.quotes import quotes
from consilience.stories.entities import resolve_entities


def _art(text: str, id: str, day: int = 2) -> Article:
    art = Article(id=id, input_text=text, text=text, outlet=f"{id}.example",
                  published=date(2024, 3, day))
    return claims(quotes(quantities(annotate(art))))


def _offices(one: str, two: str, day: int = 2):
    arts = {"one": _art(one, "one"), "two": _art(two, "two", day)}
    story = resolve_entities(Story(id="s", title="", articles=list(arts)), arts)
    story = judge(story, arts)
    # a sentence holding the difference is never told as corroborated
    assert not [sc for sc in story.claims if sc.verdict == Verdict.corroborated
                and any("attorney" in r.text for r in sc.sources)
                and [sc.explanation.rule for sc in story.claims].count("offices-differ")]
    return [sc for sc in story.claims if sc.explanation.rule == "offices-differ"]


def test_a_rank_below_the_office_another_outlet_gives_is_a_difference():
    one = ("Prosecutors said Daniel Okafor, then an assistant district attorney, approved the "
           "plea deal in 2009.")
    two = ("Mr. Okafor, then a district attorney in Harlan County, approved the plea deal in "
           "2009, prosecutors said.")
    assert [d[1:3] for d in descriptions(_art(one, "one"))] == [
        ("assistant district attorney", True)]
    (sc,) = _offices(one, two)
    assert sc.verdict == Verdict.contradicted
    assert [c.value for c in sc.explanation.compared] == ["assistant district attorney",
                                                          "district attorney"]
    assert {r.article for r in sc.sources} == {"one", "two"}
    # the aligned sentences take the difference as their verdict
    assert any("plea deal" in r.text for r in sc.sources)
    assert "then 'assistant district attorney'" in sc.explanation.summary


def test_other_descriptions_other_times_and_vaguer_ones_are_no_difference():
    base = "Daniel Okafor, then an assistant district attorney, approved the plea deal in 2009."
    for two in ("Mr. Okafor, a district attorney in Harlan County, approved the plea deal.",
                "Mr. Okafor, then a prosecutor in Harlan County, approved the plea deal in 2009.",
                "Mr. Okafor, then an assistant district attorney, approved the plea deal."):
        assert _offices(base, two) == [], two
    # articles a month apart may describe him at two times
    two = "Mr. Okafor, then a district attorney, approved the plea deal in 2009."
    assert _offices(base, two, day=30) == []
    former = ("Lauren Greene, a former aide, filed the complaint in 2014.",
              "Lauren Greene, a former communications director, filed the complaint in 2014.")
    assert _offices(*former) == []


def test_a_title_before_the_name_is_a_description_too():
    one = "Deputy Foreign Minister Ilse Varga said on Monday that the talks would resume in May."
    two = "Foreign Minister Ilse Varga said on Monday that the talks would resume in May."
    assert [d[1] for d in descriptions(_art(one, "one"))] == ["deputy foreign minister"]
    (sc,) = _offices(one, two)
    assert [c.value for c in sc.explanation.compared] == ["deputy foreign minister",
                                                          "foreign minister"]
    # a preposition before a title is no rank; a former office is another time
    assert _offices("Under President Ilse Varga, the ministry said the talks would resume.",
                    "President Ilse Varga said on Monday that the talks would resume.") == []
    assert _offices("Former Deputy Foreign Minister Ilse Varga said the talks would resume.",
                    two) == []
