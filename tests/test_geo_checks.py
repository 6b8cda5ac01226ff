"""Geo statements: distances and directions measured, verdicts and their explanations."""

from __future__ import annotations

import pytest

from consilience.geo.checks import bearing_deg, check_article, compass
from consilience.model import Article, Place

KYIV = (50.45466, 30.5238)
LVIV = (49.83826, 24.02324)
ODESA = (46.47747, 30.73262)


def _article(text: str, places: dict[str, tuple[float, float] | None]) -> Article:
    art = Article(id="a", input_text=text, text=text, offset_map=[(0, 0, len(text))])
    for name, point in places.items():
        p = Place(name=name, lat=point[0] if point else None, lon=point[1] if point else None,
                  feature="PPL" if point else None)
        start = 0
        while (i := text.find(name, start)) >= 0:
            p.mentions.append(art.span(i, i + len(name)))
            start = i + len(name)
        art.places.append(p)
    return art


def test_bearing_and_compass():
    assert compass(bearing_deg(*KYIV, *LVIV)) == "west"
    assert compass(bearing_deg(*KYIV, *ODESA)) == "south"
    assert bearing_deg(0, 0, 0, 1) == pytest.approx(90.0)


def test_distance_and_direction_consistent_and_off():
    text = "Lviv lies about 470km (290 miles) west of Kyiv. Odesa is 150 km north of Kyiv."
    checks = check_article(_article(text, {"Lviv": LVIV, "Kyiv": KYIV, "Odesa": ODESA}))
    assert [c.verdict for c in checks] == ["consistent", "off"]
    first, second = checks
    assert first.stated["subject"] == "Lviv" and first.stated["distance_km"] == 470
    assert 460 < first.measured["distance_km"] < 480
    assert second.stated["subject"] == "Odesa"
    assert "north" in second.explanation and "measured" in second.explanation
    assert second.measured["distance_off_km"] > 250  # about 442 km, stated 150
    assert second.sources[0].article == "a"
    assert text[second.sources[0].start:second.sources[0].end].startswith("Odesa")


def test_unknown_place_is_unverifiable_and_named():
    text = "Robotyne, some 10km (6 miles) south of the town of Orikhiv, was attacked."
    checks = check_article(_article(text, {"Robotyne": None, "Orikhiv": (47.576, 35.783)}))
    assert len(checks) == 1 and checks[0].verdict == "unverifiable"
    assert "Robotyne is not in the gazetteer" in checks[0].explanation


def test_halfway_between_and_near():
    text = ("The town of Uman lies about halfway between Kyiv and Odesa. "
            "Fighting near Lviv was reported in Uman.")
    uman = (48.74838, 30.22184)
    checks = check_article(_article(text, {"Uman": uman, "Kyiv": KYIV, "Odesa": ODESA,
                                           "Lviv": LVIV}))
    kinds = {c.kind: c for c in checks}
    assert kinds["halfway_between"].verdict == "consistent"
    assert 0.3 < kinds["halfway_between"].measured["share_of_way"] < 0.7


ORIKHIV = (47.5761, 35.7833)
STAROMAIORSKE = (47.7527, 36.7934)


def test_destination_point_round_trips():
    from consilience.evaluation.geo import haversine_km
    from consilience.geo.checks import destination

    lat, lon = destination(*ORIKHIV, 180.0, 10.0)
    assert haversine_km(*ORIKHIV, lat, lon) == pytest.approx(10.0, abs=0.01)
    assert compass(bearing_deg(*ORIKHIV, lat, lon)) == "south"
    lat, lon = destination(*KYIV, 270.0, 470.0)
    assert haversine_km(*KYIV, lat, lon) == pytest.approx(470.0, abs=0.5)


def test_place_below_gazetteer_is_inferred_from_another_source_and_checked():
    from consilience.geo.checks import story_geography

    a_text = "Troops advanced on Robotyne, some 10km (6 miles) south of the town of Orikhiv."
    b_text = "Robotyne, about 110km (68 miles) west of Staromaiorske, was shelled again."
    a = _article(a_text, {"Robotyne": None, "Orikhiv": ORIKHIV})
    b = _article(b_text, {"Robotyne": None, "Staromaiorske": STAROMAIORSKE})
    b.id = "b"
    b.places = [p.model_copy(update={"mentions": [m.model_copy() for m in p.mentions]})
                for p in b.places]
    checks, positions = story_geography([a, b])
    place, _ = positions["robotyne"]
    inf = place.inferred
    assert inf is not None and inf.reference == "Orikhiv" and inf.direction == "south"
    assert inf.source.article == "a" and inf.distance_km == 10
    assert a_text[inf.source.start:inf.source.end] == inf.source.text
    assert "10km (6 miles) south of the town of Orikhiv" in inf.source.text
    assert 0 < inf.uncertainty_km < 10
    assert place.lat < ORIKHIV[0] and place.lon == pytest.approx(ORIKHIV[1], abs=0.01)
    by_article = {c.sources[0].article: c for c in checks}
    west = by_article["b"]
    assert west.verdict == "off", west.explanation
    assert 70 < west.measured["distance_km"] < 90  # about 81 km, stated 110
    assert west.measured["inferred_positions"] == ["Robotyne"]
    assert "inferred within" in west.explanation and "[a]" in west.explanation
    # The statement the position comes from cannot check itself.
    own = by_article["a"]
    assert own.verdict == "unverifiable" and "inferred from this statement" in own.explanation


def test_a_position_never_checks_the_statement_it_comes_from():
    from consilience.geo.checks import story_geography

    text = ("Robotyne, about 110km (68 miles) west of Staromaiorske, was shelled again. "
            "Fighting near Robotyne went on.")
    checks, positions = story_geography([_article(text, {"Robotyne": None,
                                                         "Staromaiorske": STAROMAIORSKE})])
    assert positions["robotyne"][0].inferred.uncertainty_km > 40  # far: a wide radius
    assert [c.verdict for c in checks] == ["unverifiable"]
    assert "inferred from this statement" in checks[0].explanation


def test_a_distance_or_nearness_from_an_area_is_not_measured_from_its_centroid():
    """"Sunan, near North Korea" is no 143 km miss: a country has no one point to measure
    from, so the statement is unverifiable, never "off"; a town near a town is measured."""
    text = ("The missile was launched from Sunan, near Ruritania. Sunan is near Pyongyang.")
    art = _article(text, {"Sunan": (39.2032, 125.6931), "Pyongyang": (39.0339, 125.7543)})
    art.places.append(Place(name="Ruritania", lat=40.0, lon=127.0, feature="PCLI",
                            mentions=[art.span(text.index("Ruritania"),
                                               text.index("Ruritania") + 9)]))
    checks = check_article(art)
    by_ref = {c.stated.get("near"): c for c in checks}
    assert by_ref["Ruritania"].verdict == "unverifiable", by_ref
    assert "area" in by_ref["Ruritania"].explanation
    assert by_ref["Pyongyang"].verdict == "consistent"


def test_near_is_said_of_the_place_right_before_it():
    """"A professor in Lviv said firing from a densely populated area near Kyiv ..." says
    nothing of Lviv: the place "near" is said of stands right before it."""
    text = ("A professor in Lviv said firing the missile from a densely populated area near Kyiv "
            "showed confidence. The launch site at Odesa, near Kyiv, was closed.")
    checks = check_article(_article(text, {"Lviv": LVIV, "Kyiv": KYIV, "Odesa": ODESA}))
    assert [c.stated["subject"] for c in checks] == ["Odesa"], checks


def test_a_place_name_that_goes_on_is_another_thing_and_nothing_is_checked():
    """"north of the Odesa Hotel": the hotel is no gazetteer place, and the city's position
    checks nothing; the same words with the city alone are checked."""
    hotel = "Gunfire was heard in Lviv. It came from the 30th floor, north of the Odesa Hotel."
    assert check_article(_article(hotel, {"Lviv": LVIV, "Odesa": ODESA})) == []
    city = "Gunfire was heard in Lviv, north of Odesa."
    assert [c.verdict for c in check_article(_article(city, {"Lviv": LVIV, "Odesa": ODESA}))]
    # the tagger's mention takes in the rest of the name, which resolved to the city
    art = _article(hotel, {"Lviv": LVIV, "Odesa": ODESA})
    odesa = next(p for p in art.places if p.name == "Odesa")
    odesa.mentions = [art.span(m.start, m.end + len(" Hotel"), "geo") for m in odesa.mentions]
    assert check_article(art) == []
