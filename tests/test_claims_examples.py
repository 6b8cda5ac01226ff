"""The planted differences of the shipped example articles are found and explained."""

from __future__ import annotations

import pytest

from consilience.model import Verdict
from consilience.report.brief import DISPUTED, story_brief


@pytest.fixture(scope="module")
def examples(examples_analysis):
    return examples_analysis


@pytest.fixture(scope="module")
def fire(examples):
    return next(s for s in examples.stories if "danube-herald" in s.articles)


def _claim(story, verdict, value):
    found = [c for c in story.claims if c.verdict == verdict and value in c.values]
    assert found, [(c.verdict.value, c.values) for c in story.claims]
    return found[0]


def test_wire_reprint_points_to_the_earlier_wire_story(examples, fire):
    courier = examples.article("coastal-courier")
    assert courier.published.hour == 18  # the page's published-time tag, not the day alone
    assert courier.copy_of == "bsw-20250311-constanta"
    assert fire.copies == {"coastal-courier": "bsw-20250311-constanta"}


def test_death_tolls_three_and_four_contradict(examples, fire):
    c = _claim(fire, Verdict.contradicted, "Four")
    assert "three" in [v.lower() for v in c.values]
    assert {s.source.article for s in c.explanation.compared} >= {"danube-herald"}
    assert "cannot both hold" in c.explanation.summary
    danube = examples.article("danube-herald")
    four = next(s for s in c.explanation.compared if s.source.article == "danube-herald")
    # the whole coordinated report, not a fragment of it
    assert danube.text[four.source.start:four.source.end].startswith(
        "Four workers were killed and 23 people were injured")


def test_distances_from_bucharest_are_compared_through_the_geo_checks(fire):
    c = _claim(fire, Verdict.contradicted, "some 300km")
    assert "about 200km (125 miles)" in c.values
    assert "distance of Constan" in c.explanation.summary and "Bucharest" in c.explanation.summary
    assert {s.value for s in c.explanation.compared} == {"300 km", "200 km"}


def test_union_claim_denied_by_the_company_is_contested(fire):
    c = next(c for c in fire.claims if c.explanation.rule == "denied-by-another-party")
    assert c.verdict == Verdict.contested
    sides = {s.value for s in c.explanation.compared}
    assert sides == {"asserts", "denies"}
    # "which the company denied": the company the article named before
    denials = [s for s in c.explanation.compared if s.value == "denies"]
    assert any(s.asserted_by == "Portgrain SA" and "the company denied" in s.source.text
               for s in denials)
    # in every outlet: "Port authority spokeswoman Elena Dobre" is a person (the tagger had
    # made her an organisation, and "the company" then named her)
    assert all(s.asserted_by == "Portgrain SA" for s in denials), [
        (s.asserted_by, s.source.article) for s in denials]
    # the reprint and its wire original are one source
    assert c.independent_sources == 3


def test_account_states_no_disputed_claim_as_plain_fact(examples, fire):
    """A disputed claim is never told as fact. The deadly fire, which every outlet reports
    with another death toll, is told marked with the figures that differ; the contested and the
    negated claims stay out of the account."""
    brief = story_brief(fire, examples)
    disputed = {c.id: c for c in fire.claims if c.verdict in DISPUTED}
    assert disputed and brief.disputed
    told = [ln for ln in brief.account if ln.claim_id in disputed]
    assert brief.account and told
    for ln in told:
        assert disputed[ln.claim_id].explanation.rule in ("values-differ", "dates-differ",
                                                          "places-differ", "offices-differ")
        assert "(the sources differ: " in ln.text and "see where the sources differ" in ln.text
    deaths = next(ln for ln in told if "died" in ln.text)
    assert "3 people / 4 people" in deaths.text, deaths.text
    # the event opens every report: the account opens with it
    assert brief.account[0].claim_id == deaths.claim_id, [ln.text for ln in brief.account]


def test_a_kind_of_place_alone_is_no_place(examples):
    # "Port authority spokeswoman ..." opens a sentence: "Port" is no town (not Le Port, Réunion)
    names = {p.name for p in examples.article("bucharest-daily").places}
    assert {"Bucharest", "Black Sea"} <= names
    assert not any("Port" in n for n in names)


def test_shipping_not_interrupted_against_halted_is_contradicted(fire):
    c = next(c for c in fire.claims if c.explanation.rule == "negation-differs")
    assert c.verdict == Verdict.contradicted
    texts = {s.source.text for s in c.explanation.compared}
    assert "Shipping was not interrupted" in texts
    assert any(t.startswith("Shipping in the southern basin was halted") for t in texts)


def _claim_of(text, subject, predicate):
    from consilience.model import Claim, Span

    return Claim(id=text[:8], article="a", text=text, subject=subject, predicate=predicate,
                 span=Span(start=0, end=len(text), input_start=0, input_end=len(text)))


@pytest.mark.parametrize("a, b, conflict", [
    (("Shipping was not interrupted", "Shipping", "interrupt"),
     ("Shipping in the port was halted for six hours", "Shipping in the port", "halt"), True),
    (("The missile did not pose a threat to Guam", "The missile", "pose"),
     ("The missile didn’t pose a threat to Guam", "The missile", "pose"), False),
    (("No date is set for the launch", "No date", "set"),
     ("The date is not set in stone", "The date", "set"), False),
    (("The car will not go into orbit around Mars", "The car", "go"),
     ("The car will go into an elliptical orbit around the sun", "The car", "go"), False),
    (("I didn't force her into the car", "I", "force"),
     ("I forced her into the car", "I", "force"), False),
    (("The talks did not stop", "The talks", "stop"),
     ("The talks continued", "The talks", "continue"), False),
    # a subject that picks out some of a kind: each statement may hold of some
    (("These people are not injured", "These people", "injure"),
     ("About 100 people were injured", "About 100 people", "injure"), False),
    (("Some ships were not inspected", "Some ships", "inspect"),
     ("Some ships were inspected on Monday", "Some ships", "inspect"), False),
])
def test_negation_conflict_needs_one_subject_predicate_and_complement(a, b, conflict):
    from consilience.claims.verdicts import negation_conflict

    assert negation_conflict(_claim_of(*a), _claim_of(*b)) is conflict


def test_attributed_party_is_named_without_its_relative_clause():
    from consilience.claims.verdicts import agent

    c = _claim_of("Transfers are banned by the UN, which imposed a resolution", "Transfers", "ban")
    c.object = "by the UN , which imposed Resolution 2375 in response"
    c.entities = ["UN"]
    assert agent(c) == "the UN"
