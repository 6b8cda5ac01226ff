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
