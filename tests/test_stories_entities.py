"""Cross-article entity resolution: one identity per person, organisation and place."""

from __future__ import annotations

from consilience.model import Article, Entity, Place, Span, Story
from consilience.stories.entities import normalize_name, resolve


def _article(aid: str, ents: list[tuple[str, str]], places: list[Place] = ()) -> Article:
    text = " ".join(n for n, _ in ents)
    entities = []
    pos = 0
    for k, (name, etype) in enumerate(ents):
        start = text.index(name, pos)
        pos = start + len(name)
        entities.append(Entity(id=f"{aid}:e{k}", name=name, type=etype, mentions=[
            Span(start=start, end=pos, input_start=start, input_end=pos, text=name)]))
    return Article(id=aid, input_text=text, text=text, entities=entities, places=list(places))


def _resolve(*articles: Article):
    story = Story(id="st-x", title="t", articles=[a.id for a in articles])
    return resolve(story, {a.id: a for a in articles})


def _find(entities, alias: str):
    hits = [e for e in entities if alias in e.aliases]
    assert len(hits) == 1, (alias, [(e.name, e.aliases) for e in entities])
    return hits[0]


def test_normalize_name():
    assert normalize_name("President Zelenskyy's") == "zelenskyy"
    assert normalize_name("the Institute for the Study of War") == "institute for the study of war"
    assert normalize_name("St Petersburg") == normalize_name("Saint Petersburg")
    assert normalize_name("Zaporizhzhia") == normalize_name("Zaporízhzhia")


def test_spelling_variants_and_short_forms_merge():
    a = _article("a", [("Volodymyr Zelenskyy", "person"), ("Zelenskyy", "person"),
                       ("Staromaiorske", "place"),
                       ("Institute for the Study of War", "organization")])
    b = _article("b", [("Volodomyr Zelensky", "person"), ("Zelensky", "person"),
                       ("Staromayorske", "organization"), ("ISW", "organization")])
    ents = _resolve(a, b)
    z = _find(ents, "Volodomyr Zelensky")
    assert {"Volodymyr Zelenskyy", "Zelenskyy", "Zelensky"} <= set(z.aliases)
    assert z.type == "person" and z.articles == ["a", "b"]
    village = _find(ents, "Staromayorske")
    assert "Staromaiorske" in village.aliases and village.type == "place"
    isw = _find(ents, "ISW")
    assert isw.name == "Institute for the Study of War"
    assert len({e.id for e in ents}) == len(ents)


def test_people_sharing_a_surname_stay_apart():
    a = _article("a", [("Joe Biden", "person"), ("Hunter Biden", "person")])
    b = _article("b", [("Biden", "person"), ("Jill Biden", "person")])
    ents = _resolve(a, b)
    people = {e.name for e in ents if e.type == "person"}
    assert {"Joe Biden", "Hunter Biden", "Jill Biden"} <= people
    for e in ents:  # the ambiguous bare surname joined none of them
        assert e.name == "Biden" or "Biden" not in e.aliases
    assert [e.articles for e in ents if e.name == "Biden"] == [["b"]]


def test_bare_surname_joins_the_only_person_with_it():
    a = _article("a", [("Vladimir Putin", "person")])
    b = _article("b", [("Putin", "person")])
    ents = _resolve(a, b)
    assert len(ents) == 1 and ents[0].name == "Vladimir Putin" and ents[0].articles == ["a", "b"]


def test_a_title_before_a_surname_names_the_one_person_with_it():
    """"Representative Varga" and "Congresswoman Lind" are a title and a surname: they join
    the one person of the story with that surname, and so does the bare surname, which two
    groups of "Varga" would have left alone."""
    a = _article("a", [("Ines Varga", "person"), ("Anna Lind", "person")])
    b = _article("b", [("Representative Varga", "person"), ("Varga", "person"),
                       ("Congresswoman Lind", "person")])
    ents = _resolve(a, b)
    assert sorted(e.name for e in ents) == ["Anna Lind", "Ines Varga"], [
        (e.name, e.aliases) for e in ents]
    varga = _find(ents, "Representative Varga")
    assert {"Ines Varga", "Varga"} <= set(varga.aliases) and varga.articles == ["a", "b"]


def test_types_and_gazetteer_ids_keep_things_apart():
    a = _article("a", [("Jordan", "person"), ("Austria", "place")],
                 [Place(name="Georgia", geonames_id=614540)])
    b = _article("b", [("Jordan", "place"), ("Australia", "place")],
                 [Place(name="Georgia", geonames_id=4197000)])
    ents = _resolve(a, b)
    assert sorted((e.name, e.type) for e in ents if e.name == "Jordan") == [
        ("Jordan", "person"), ("Jordan", "place")]
    assert {"Austria", "Australia"} <= {e.name for e in ents}
    assert len([e for e in ents if e.name == "Georgia"]) == 2


def test_seed_reports_one_identity_each(seeds_analysis):
    assert len(seeds_analysis.stories) == 1
    story = seeds_analysis.stories[0]
    both = sorted(story.articles)
    for alias, etype in [("Volodymyr Zelenskyy", "person"), ("Volodomyr Zelensky", "person"),
                         ("Vladimir Putin", "person"),
                         ("Institute for the Study of War", "organization"),
                         ("Zaporizhzhia", "place"), ("Robotyne", "place")]:
        hits = [e for e in story.entities if alias in e.aliases]
        assert len(hits) == 1, (alias, [(e.name, e.aliases) for e in story.entities])
        assert sorted(hits[0].articles) == both, alias
        assert hits[0].type == etype
    zel = next(e for e in story.entities if "Volodomyr Zelensky" in e.aliases)
    assert "Volodymyr Zelenskyy" in zel.aliases
    assert "resolve_entities" in story.stages


def test_a_descriptor_taken_into_a_name_joins_the_person():
    """"Actress Uma Thurman" is Uma Thurman (the tagger took the descriptor into the name), and
    the entity keeps her name; a first name before a full name is another person ("Mary Ann
    Smith" is not Ann Smith)."""
    a = _article("a", [("Actress Uma Thurman", "person"), ("Mary Ann Smith", "person"),
                       ("Eyewitness Dana Reyes", "person"), ("Thurman", "person")])
    a.text += " The actress spoke to an eyewitness."
    b = _article("b", [("Uma Thurman", "person"), ("Ann Smith", "person"),
                       ("Dana Reyes", "person")])
    c = _article("c", [("Dana Reyes", "person")])
    ents = _resolve(a, b, c)
    uma = _find(ents, "Actress Uma Thurman")
    assert uma.name == "Uma Thurman" and uma.articles == ["a", "b"]
    assert "Thurman" in uma.aliases  # the bare surname has one person left to join
    assert _find(ents, "Mary Ann Smith") is not _find(ents, "Ann Smith")
    assert _find(ents, "Eyewitness Dana Reyes").name == "Dana Reyes"


def test_a_first_name_outside_the_name_list_stays_in_the_entity_name():
    """"Osama bin Laden" and "bin Laden" are one person, named in full: "Osama" is no word of
    the text in lower case, so it is not a descriptor, though no list of first names has it."""
    a = _article("a", [("Osama bin Laden", "person")])
    b = _article("b", [("bin Laden", "person"), ("bin Laden", "person")])
    ents = _resolve(a, b)
    assert len(ents) == 1 and ents[0].name == "Osama bin Laden"
