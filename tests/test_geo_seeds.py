"""Places and geo checks on the two seed reports (../shared/corpus/seeds)."""

from __future__ import annotations

import pytest


def _places(analysis):
    out = {}
    for art in analysis.articles:
        for p in art.places:
            for m in p.mentions:
                out.setdefault(m.text, p)
                assert art.text[m.start:m.end] == m.text
                assert art.input_text[m.input_start:m.input_end] == m.text
    return out


@pytest.mark.shared
def test_seed_places_resolved_in_ukraine(seeds_analysis):
    places = _places(seeds_analysis)
    for name in ("Staromaiorske", "Zaporizhzhia", "Zaporzhhia", "Mariupol", "Orikhiv",
                 "Melitopol", "Berdyansk", "Crimea"):
        assert name in places, name
        assert places[name].country == "UA", (name, places[name])
        assert 44 < places[name].lat < 49 and 32 < places[name].lon < 39
    # The misspelling resolves to the same city as the right spelling.
    assert places["Zaporzhhia"].geonames_id == places["Zaporizhzhia"].geonames_id
    assert places["Zaporizhzhia"].population > 500_000
    azov = places["Sea of Azov"]
    assert azov.feature == "SEA" and 45 < azov.lat < 47.5 and 34.5 < azov.lon < 39.5
    robotyne = places["Robotyne"]  # resolved, or reported as not in the gazetteer
    assert robotyne.lat is None or (robotyne.country == "UA" and 47 < robotyne.lat < 48)


@pytest.mark.shared
def test_seed_story_places_merged(seeds_analysis):
    (story,) = [s for s in seeds_analysis.stories if len(s.articles) == 2]
    ids = [p.geonames_id for p in story.places if p.geonames_id]
    assert len(ids) == len(set(ids))
    assert {"Staromaiorske", "Mariupol", "Orikhiv"} <= {p.name for p in story.places}


@pytest.mark.shared
def test_seed_geo_statements_checked(seeds_analysis):
    checks = [c for s in seeds_analysis.stories for c in s.geo_checks]
    east = next(c for c in checks if c.text.startswith("150km (90 miles) east of"))
    assert east.stated["subject"] == "Staromaiorske"
    assert east.stated["distance_km"] == 150 and east.stated["direction"] == "east"
    assert 120 < east.measured["distance_km"] < 132  # about 126 km great circle
    assert east.measured["direction"] == "east"
    assert east.verdict == "consistent" and "126 km" in east.explanation
    half = next(c for c in checks if c.kind == "halfway_between")
    assert half.stated["subject"] == "Staromaiorske"
    assert half.stated["between"] == ["Mariupol", half.stated["between"][1]]
    assert half.verdict == "consistent"
    west = next(c for c in checks if "110km" in c.text)
    assert west.stated["subject"] == "Robotyne"
    # Robotyne is below the gazetteer; the other report puts it 10 km south of Orikhiv, about
    # 80 km from Staromaiorske, not 110.
    assert west.verdict == "off", west.explanation
    assert 70 < west.measured["distance_km"] < 90
    assert west.measured["inferred_positions"] == ["Robotyne"]
    own = next(c for c in checks if "10km (6 miles) south" in c.text)
    assert own.verdict == "unverifiable"
    for c in checks:
        src = c.sources[0]
        art = next(a for a in seeds_analysis.articles if a.id == src.article)
        assert art.text[src.start:src.end] == src.text


@pytest.mark.shared
def test_seed_place_below_gazetteer_gets_an_inferred_position(seeds_analysis):
    (story,) = [s for s in seeds_analysis.stories if len(s.articles) == 2]
    robotyne = next(p for p in story.places if p.name == "Robotyne")
    assert robotyne.geonames_id is None  # below the 500-people gazetteer
    inf = robotyne.inferred
    assert inf is not None and inf.reference == "Orikhiv" and inf.direction == "south"
    assert inf.distance_km == 10 and 0 < inf.uncertainty_km < 10
    art = next(a for a in seeds_analysis.articles if a.id == inf.source.article)
    assert art.id.startswith("001_")
    assert art.text[inf.source.start:inf.source.end] == inf.source.text
    assert art.input_text[inf.source.input_start:inf.source.input_end] == inf.source.text
    assert 47.4 < robotyne.lat < 47.55 and 35.7 < robotyne.lon < 35.9
    # The article's own place stays as the gazetteer has it: not located.
    assert next(p for p in art.places if p.name == "Robotyne").lat is None
