"""Quantities: units, pairs, hedges, what is counted, and what is not a quantity."""

from __future__ import annotations

from consilience.model import Article
from consilience.nlp.quantities import quantities


def _q(text: str):
    return quantities(Article(id="n", input_text=text, text=text)).quantities


def test_dates_times_ordinals_ages_are_not_quantities():
    got = _q("The 35th brigade moved on July 18, 2023 at 10am. A 22-year-old, aged 58, "
             "recalled the 1990s and 2022.")
    assert got == []


def test_money_percent_counts_and_people():
    got = {q.text: q for q in _q("The strike, killing at least 14 civilians, hit 3 towns and "
                                  "cost $1.2bn; 24 percent of donors gave millions of dollars.")}
    assert got["at least 14"].kind == "killed" and got["at least 14"].approx == "at least"
    assert got["3"].kind == "count" and got["3"].subject == "towns"
    assert got["$1.2bn"].kind == "money" and got["$1.2bn"].base_value == 1.2e9
    assert got["24 percent"].kind == "percent" and got["24 percent"].subject == "donors"
    assert got["millions of dollars"].kind == "money" and got["millions of dollars"].approx


def test_two_unit_pairs_checked():
    ok, off = _q("about 110km (68 miles) and 10km (60 miles)")
    assert ok.kind == "distance" and ok.agrees and ok.approx == "about"
    assert off.agrees is False


def test_seed_two_unit_distances_agree(seeds_analysis):
    pairs = [q for a in seeds_analysis.articles for q in a.quantities if "(" in q.text]
    assert len(pairs) == 4
    assert all(q.kind == "distance" and q.agrees for q in pairs)
    assert all(q.base_unit == "m" for q in pairs)


def test_names_and_numbered_things_are_not_counts():
    """A number inside a name or model ("PS4", "MH17") or right after the noun it numbers
    ("Flight 17", "Chapter 11") names one thing; it counts nothing."""
    got = _q("The console maker tested the PS4 update with 300 players. Flight MH17 was hit; "
             "Flight 17 carried 298 people and the airline filed for Chapter 11 protection.")
    assert sorted(q.text for q in got) == ["298", "300"]


def test_other_and_earlier_members_are_another_variable():
    """ "Five other defendants" are not the 25 defendants of the case; "its initial offer of
    $70" is not the offer of $82; "the offer" may still be "the new offer"."""
    from consilience.claims.verdicts import same_variable

    total, = _q("The case involves 25 defendants.")
    other = next(q for q in _q("Five other defendants were fined.") if q.kind == "count")
    assert total.variable == "defendant" and other.variable == "defendant|other"
    assert not same_variable(total.variable, other.variable)
    initial = next(q for q in _q("It raised its bid, up from its initial offer of $70 a share.")
                   if q.text == "$70")
    new = next(q for q in _q("The new offer of $82 a share is its best.") if q.text == "$82")
    plain = next(q for q in _q("The offer of $82 a share is its best.") if q.text == "$82")
    assert not same_variable(initial.variable, new.variable)
    assert not same_variable(initial.variable, plain.variable)
    assert same_variable("offer|new", "offer|best,new")
    assert same_variable("fund", "fund|counter,drug")
