"""Entities within an article under one canonical name."""

from __future__ import annotations

from consilience.model import Article
from consilience.nlp.annotate import annotate, group_entities, strip_title


def _entities(text: str):
    return annotate(Article(id="e", input_text=text, text=text)).entities


def test_surname_title_and_variant_join_the_full_name():
    ents = _entities("Ukrainian president Volodymyr Zelenskyy spoke on Wednesday. "
                     "Mr Zelenskyy said progress was slow. Zelensky later added more. "
                     "Ukrainian troops advanced.")
    zel = [e for e in ents if "Zelensk" in e.name]
    assert len(zel) == 1 and zel[0].name == "Volodymyr Zelenskyy" and zel[0].type == "person"
    assert len(zel[0].mentions) == 3
    assert all(e.type != "place" for e in ents if e.name == "Ukrainian")


def test_acronym_joins_organisation():
    ents = _entities("The Institute for the Study of War (ISW) said troops advanced. "
                     "ISW added that the village was retaken.")
    isw = [e for e in ents if e.name == "Institute for the Study of War"]
    assert len(isw) == 1 and {m.text for m in isw[0].mentions} >= {"ISW"}


def test_strip_title_and_group_entities_importable():
    assert strip_title("Defence Minister Hanna Maliar's") == "Hanna Maliar"
    assert callable(group_entities)


def test_seed_entities(seeds_analysis):
    first = seeds_analysis.article("000_d8c6f9f78160522c")
    names = {e.name: e for e in first.entities}
    assert names["Volodymyr Zelenskyy"].type == "person"
    assert names["Institute for the Study of War"].type == "organization"
    assert names["Staromaiorske"].type == "place"
    for a in seeds_analysis.articles:
        for e in a.entities:
            for m in e.mentions:
                assert a.text[m.start:m.end] == m.text


def _grouped(text: str, tagged: list[tuple[str, str]]):
    """Entities of ``text`` from mentions tagged by hand: (type, surface), each at its first
    occurrence after the one before."""
    art = Article(id="e", input_text=text, text=text)
    mentions, at = [], 0
    for etype, surface in tagged:
        start = text.index(surface, at)
        at = start + len(surface)
        mentions.append((etype, surface, art.span(start, at, "annotate")))
    return {(e.name, e.type, len(e.mentions)) for e in group_entities(art, mentions)}


def test_a_surname_tagged_as_no_person_joins_the_one_person_of_that_name():
    text = ("Lisa Molina watched from a balcony. Molina said the truck sped up. Later Molina "
            "left. Michael Jordan flew to Jordan. Deploying Thaad angered Beijing; Thaad is a "
            "missile shield.")
    found = _grouped(text, [("person", "Lisa Molina"), ("organization", "Molina"),
                            ("group", "Molina"), ("person", "Michael Jordan"),
                            ("place", "Jordan"), ("person", "Deploying Thaad"),
                            ("organization", "Thaad")])
    assert ("Lisa Molina", "person", 3) in found
    # a place keeps its name; a "person" without a known first name takes nothing
    assert ("Jordan", "place", 1) in found and ("Thaad", "organization", 1) in found
    # two people of one surname: the surname alone is neither's
    two = _grouped("Lisa Molina and Tony Molina spoke. Molina left.",
                   [("person", "Lisa Molina"), ("person", "Tony Molina"),
                    ("organization", "Molina")])
    assert ("Molina", "organization", 1) in two


def test_a_lower_case_word_after_an_abbreviation_goes_on_with_the_sentence():
    """"... in Bakersfield, Calif. just as his fellow lawmakers ..." is one sentence (the
    parser had cut it after "Calif."); a capitalised word after "Inc." still starts one, and a
    new line always does."""
    from consilience.nlp.annotate import parse_text

    def sents(text: str) -> list[str]:
        return [s.text.strip() for s in parse_text(text).sents]

    one = ("He spoke in an interview with a station in Bakersfield, Calif. just as his fellow "
           "lawmakers were expected to unveil their plan.")
    assert sents(one) == [one]
    assert sents("The meeting ended at 5 p.m. on Friday. Officials left.") == [
        "The meeting ended at 5 p.m. on Friday.", "Officials left."]
    assert sents("He works for Acme Inc. The company said no.") == [
        "He works for Acme Inc.", "The company said no."]
    assert sents("First line ends with Calif.\nsecond line.") == [
        "First line ends with Calif.", "second line."]


def test_a_name_in_lower_case_is_no_person_nor_organisation():
    """The tagger may take "golden aura" for a person; a pronoun after it then resolved to
    it ("she says ..." was the golden aura's). Names in a cased script take capitals."""
    from consilience.nlp.entities import entity_mentions
    from consilience.nlp.annotate import parse

    text = ("But beneath that reserve and golden aura, she has learned to be a street fighter. "
            "Uma Thurman says she was 16 when she moved to New York.")
    art = Article(id="e", input_text=text, text=text)
    found = [(t, m) for t, m, _ in entity_mentions(art, parse(art))]
    assert all(not m.islower() for t, m in found if t in ("person", "organization")), found
    assert ("person", "Uma Thurman") in found, found


def test_a_title_in_quotation_marks_is_a_work_not_a_person():
    """The tagger reads the film title "Kill Bill" as a person; set in quotation marks it is a
    work, so no "she says" resolves to it."""
    from consilience.nlp.quotes import find_quotes

    text = ("Lena Ortiz worked with Harold Brandt on \u201cKill Bill.\u201d They were all about to "
            "make \u201cKill Bill.\u201d He produced \u2018Kill Bill,\u2019 a movie about revenge. "
            "\u201cHe was furious,\u201d she says.")
    art = annotate(Article(id="t", input_text=text, text=text))
    types = {e.name: e.type for e in art.entities}
    assert types["Kill Bill"] == "work" and types["Lena Ortiz"] == "person"
    assert [q.speaker for q in find_quotes(art)] == ["Lena Ortiz"]


def test_a_hyphenated_given_name_is_whole_and_a_hyphenated_word_after_a_name_is_not_it():
    """"Moon Jae-in" (the tagger stops at "Jae"), and "Shinzo Abe-led talks", "Donald
    Trump-era rules" (the tagger takes the word after the hyphen into the name)."""
    names = {e.name for e in _entities(
        "South Korean President Moon Jae-in said on Monday that dialogue was impossible. "
        "Shinzo Abe-led talks resumed. The Donald Trump-era rules were dropped.")
        if e.type == "person"}
    assert {"Moon Jae-in", "Shinzo Abe", "Donald Trump"} <= names
    assert not {"Moon Jae", "Shinzo Abe-led", "Donald Trump-era"} & names
