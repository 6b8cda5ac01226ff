"""Place names inside people's and organisations' names are not places; acronyms are not
matched to places through codes or alternate names."""

from __future__ import annotations

from consilience.geo.places import places
from consilience.model import Article


def _places(text: str) -> dict[str, list[str]]:
    art = places(Article(id="t", input_text=text, text=text, offset_map=[(0, 0, len(text))]))
    return {p.name: [m.text for m in p.mentions] for p in art.places}


def test_a_persons_name_is_not_a_place():
    found = _places("Rep. Jim Jordan, the Ohio Republican, said on Tuesday that the committee "
                    "would meet again. Jordan told reporters he expected a vote by Friday.")
    assert "Ohio" in found
    assert not any("Jordan" in m for ms in found.values() for m in ms), found


def test_a_persons_surname_is_still_a_place_where_the_context_says_so():
    found = _places("Rep. Jim Jordan said the delegation would fly to Jordan next week. "
                    "Jordan told reporters the trip was planned months ago.")
    assert found.get("Jordan") == ["Jordan"], found  # "to Jordan", not the surname


def test_a_newspapers_name_is_not_a_place():
    found = _places("The New York Times reported that the senator met donors in Chicago on "
                    "Monday. The Washington Post said the meeting lasted an hour.")
    assert "Chicago" in found
    assert not any("New York" in m or "Washington" in m for ms in found.values() for m in ms), found


def test_the_same_place_outside_the_name_is_kept():
    text = ("Thousands marched in New York on Saturday, The New York Times reported, and "
            "police closed several streets.")
    found = _places(text)
    ny = next(n for n in found if "New York" in n)
    assert found[ny] == ["New York"]  # one mention: the march, not the newspaper


def test_an_acronym_is_not_matched_to_a_place_by_its_code():
    found = _places("The Italian broadcaster RAI aired the interview on Sunday evening, and "
                    "the BBC followed on Monday.")
    assert "Praia" not in found and "Bay City" not in found, found
    assert not any(n in ("Rai", "Rye") for n in found), found


def test_a_name_matched_only_as_a_misspelling_is_a_place_the_text_is_about():
    """"Tohoku" is not in the gazetteer; its nearest spelling is Tohopkú, a village in Yucatán.
    In a text about Japan and Korea it is no Mexican village: it stays a place mention with no
    position."""
    text = ("North Korea fired a missile over Japan's Tohoku region on Tuesday, officials in "
            "Tokyo said.")
    art = places(Article(id="t", input_text=text, text=text, offset_map=[(0, 0, len(text))]))
    by_name = {p.name: p for p in art.places}
    assert by_name["Tokyo"].country == "JP"
    assert not any(p.country == "MX" for p in art.places), [(p.name, p.country)
                                                             for p in art.places]


def test_a_function_word_opening_a_sentence_is_not_a_place():
    """"Well, the harbour master of Constanta was in that boat": the tagger may read a
    sentence's opening word as a place ("Well" is a town in the Netherlands); the language's
    function words name no place, the town after them still does."""
    found = _places("Well, Ana Ruiz of Varna, Bulgaria, was in that boat. Still, Ion Popa of "
                    "Constanta, Romania, paid the bill.")
    assert {"Varna", "Bulgaria", "Romania"} <= set(found) and ["Constanta"] in found.values()
    assert not {"Well", "Still"} & set(found), found
