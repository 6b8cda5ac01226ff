"""Quotes and reported speech with resolved speakers."""

from __future__ import annotations

from consilience.model import Article
from consilience.nlp.annotate import annotate
from consilience.nlp.quotes import find_quotation_marks, find_quotes


def _quotes(text: str):
    article = annotate(Article(id="q", input_text=text, text=text))
    return article, find_quotes(article)


def _said(text: str, words: str):
    """The quote of ``text`` whose content holds ``words``."""
    _, quotes = _quotes(text)
    return next(q for q in quotes if words in q.content_span.text)


def _speakers(text: str) -> dict[str, str | None]:
    """Content -> speaker of the quotes found in ``text``."""
    return {q.content_span.text: q.speaker for q in _quotes(text)[1]}


def test_multi_paragraph_quote_is_one_stretch():
    text = "It added: “First paragraph of the quote.\n“Second paragraph ends here.”\nAfter."
    marks = find_quotation_marks(text)
    assert len(marks) == 1
    assert text[marks[0].start:marks[0].end].endswith("ends here.")


def test_pronoun_and_title_resolve_to_full_name():
    text = ("Defence Minister Hanna Maliar spoke of progress.\n"
            "Maliar said: \"Ukrainian forces were gradually moving forward.\"\n"
            "\"The fighting is pretty harsh. Enemy fire is intense,\" she added.\n"
            "Mr Zelenskyy said that progress was slower than hoped. Volodymyr Zelenskyy is president.")
    _, quotes = _quotes(text)
    by_content = {q.content_span.text: q for q in quotes}
    harsh = next(q for c, q in by_content.items() if "pretty harsh" in c)
    assert harsh.speaker == "Hanna Maliar" and harsh.direct
    assert harsh.speaker_span.text == "she" and harsh.cue_span.text == "added"
    slower = next(q for c, q in by_content.items() if "slower than hoped" in c)
    assert slower.speaker == "Volodymyr Zelenskyy" and not slower.direct


def test_according_to_and_description_speakers():
    text = ("According to the Institute for the Study of War, the assault began at dawn.\n"
            "“We liberated the village of Staromaiorske,” said a soldier in the video.")
    _, quotes = _quotes(text)
    speakers = {q.speaker for q in quotes}
    assert "Institute for the Study of War" in speakers
    assert "a soldier in the video" in speakers


def test_according_to_a_norm_names_no_source():
    """"according to plan" or "according to tradition" frames nothing anyone said; "according
    to police" still does."""
    speakers = _speakers("If all goes according to plan, the terminal will reopen in May. The "
                         "ship sank at noon, according to police.")
    assert list(speakers.values()) == ["police"], speakers


def test_according_to_inside_a_quotation_is_the_speakers_words():
    """"according to ..." inside quotation marks, closed or left open to the paragraph's end,
    is part of what the quoted party says, never the outlet's attribution of it."""
    speakers = _speakers("\u201cThe strike was precise, according to our own estimates,\u201d the "
                         "ministry said.\n\"Foreign media are reporting our capability to "
                         "control the striking power according to targeted object and purpose."
                         "\nThe ferry sailed at noon, according to the harbour master.")
    assert "targeted object and purpose" not in speakers.values(), speakers
    assert "our own estimates" not in speakers.values(), speakers
    assert speakers["The strike was precise, according to our own estimates,"] == "the ministry"
    assert speakers["The ferry sailed at noon"] == "the harbour master", speakers


def test_a_first_name_with_letters_outside_ascii_is_read_whole():
    """"François" is not "Fran" (a woman's name) and "ois": "he" finds President François
    Duret."""
    speakers = _speakers("“The port will reopen,” President François Duret said on Friday in a "
                         "televised address. He said the inquiry into the fire would take a "
                         "month.")
    assert speakers.get("the inquiry into the fire would take a month") == "François Duret", \
        speakers


def test_split_quote_and_colon_after_name():
    text = ('"There is no counteroffensive," Lukashenko said before being interrupted by Putin: '
            '"There is one, but it has failed."')
    _, quotes = _quotes(text)
    got = {q.content_span.text.strip(' ",'): q.speaker for q in quotes}
    assert got.get("There is no counteroffensive") == "Lukashenko"
    assert got.get("There is one, but it has failed.") == "Putin"


def test_every_seed_quote_has_its_speaker(seeds_analysis):
    quotes = [q for a in seeds_analysis.articles for q in a.quotes]
    assert len(quotes) >= 20
    assert all(q.speaker for q in quotes)
    def speaker_of(fragment):
        return next(q.speaker for q in quotes if fragment in q.content_span.text)
    assert speaker_of("All counter-offensive attempts were stopped") == "Vladimir Putin"
    assert speaker_of("The fighting is pretty harsh. Enemy fire is intense") == "Hanna Maliar"
    assert speaker_of("Good for them! Details will follow.") == "Volodymyr Zelenskyy"
    for a in seeds_analysis.articles:
        for q in a.quotes:
            for span in (q.speaker_span, q.cue_span, q.content_span):
                if span is not None:
                    assert a.input_text[span.input_start:span.input_end] == span.text


def test_coordinated_clauses_before_the_cue_are_one_content():
    text = ("Four workers were killed and 23 people were injured when a fire swept through a "
            "grain terminal in the port on Tuesday, officials said.")
    _, quotes = _quotes(text)
    q = next(q for q in quotes if q.speaker == "officials")
    assert q.content_span.text.startswith("Four workers were killed and 23 people were injured")
    assert q.content_span.text.endswith("on Tuesday")


def test_according_to_leaves_the_source_and_its_abbreviation_out_of_the_content():
    text = ("Conditions around the town give colour to the speculation, according to the "
            "Institute for the Study of War (ISW).")
    _, quotes = _quotes(text)
    q = next(q for q in quotes if "Institute" in (q.speaker or ""))
    assert q.content_span.text.endswith("to the speculation")


def test_quote_paragraph_continues_reported_speech_of_previous_paragraph():
    text = ("The senator criticised the plan on Tuesday.\n\n"
            "Senator Jane Smith told The Associated Press that the deal would hurt workers in "
            "her state.\n\n"
            "“It is a bad deal for the country and for the workers who depend on it.”\n\n"
            "The White House did not respond.")
    _, quotes = _quotes(text)
    cont = next(q for q in quotes if "bad deal for the country" in q.content_span.text)
    assert cont.speaker == "Jane Smith" and cont.direct
    assert cont.speaker_span.text == "Senator Jane Smith"  # where the speaker is named
    assert cont.cue_span is None


def test_quote_paragraph_with_its_own_attribution_is_not_continued():
    text = ("Both the White House and lawyers for the president denied the report.\n\n"
            "“Two words sum it up, and that is ’categorically false,’” the press secretary, "
            "Sarah Sanders, told reporters on Friday.\n\n"
            "Officials said the inquiry would go on.\n\n"
            "“Prosecutors will read every page of the files before they decide,” a spokesman "
            "for the office wrote.")
    _, quotes = _quotes(text)
    for q in quotes:
        if "categorically" in q.content_span.text or "every page" in q.content_span.text:
            assert q.speaker not in ("White House", "Officials")


def test_colon_paragraph_introduces_someone_else():
    text = ("The woman disputes the idea that she needed help. The reporter wrote:\n\n"
            "“The first time she had seen him, at a rally in June, she was beginning to see "
            "how many people saw the world the way she did.”")
    _, quotes = _quotes(text)
    first = [q for q in quotes if "first time she had seen him" in q.content_span.text]
    assert all(q.speaker != "The woman" for q in first)


def test_a_quotation_paragraph_after_a_colon_is_said_by_the_named_subject_before_it():
    """A paragraph that is only a quotation, after a paragraph whose sentence ends with a
    colon: its speaker is that sentence's named subject, with the colon for cue; a subject
    that names no one ("Reporters") speaks for nothing after the colon."""
    text = ("Two years earlier, Governor Ines Varga used nearly the same words against her "
            "rival, the harbour master Tomas Lind:\n\n"
            "“His plan would cut the port budget by $80 million. That is not the change this "
            "town needs.”\n\nVarga repeated the line at every rally.")
    q = _said(text, "cut the port budget")
    assert q.speaker == "Ines Varga" and q.direct, q
    assert q.cue_span.text == ":" and q.speaker_span.text == "Varga"
    assert "That is not the change" in q.content_span.text
    text = ("The council met on Monday. Several residents wrote to the paper:\n\n"
            "“We have waited three years for the bridge and nobody has told us why.”")
    assert all(q.speaker is None or "resident" in q.speaker.lower()
               for q in _quotes(text)[1] if "three years" in q.content_span.text)


def test_she_resolves_to_a_titled_name_the_tagger_typed_otherwise():
    text = ("Port authority spokeswoman Elena Dobre said the blaze had been contained by 2pm. "
            "\"Shipping was not interrupted,\" she said.")
    article, quotes = _quotes(text)
    dobre = next(e for e in article.entities if e.name == "Elena Dobre")
    shipping = next(q for q in quotes if "Shipping" in q.content_span.text)
    assert shipping.speaker == "Elena Dobre" and shipping.speaker_entity == dobre.id
    assert shipping.speaker_span.text == "she"


def test_quoted_statement_before_told_is_what_was_said_not_the_audience():
    text = ("“Let's build the new bridge and make the town proud again,” Ines Varga told "
            "supporters in the square on Monday.\n"
            "The council's engineer told reporters that the old piers were sound.")
    _, quotes = _quotes(text)
    bridge = next(q for q in quotes if q.cue_span.text == "told" and "Varga" in q.speaker)
    assert bridge.content_span.text.startswith("Let's build the new bridge") and bridge.direct
    # without a quotation beside it, the clause after "told reporters that" is still the content
    piers = next(q for q in quotes if "piers" in q.content_span.text)
    assert "reporters" not in piers.content_span.text


def test_a_date_after_spoke_on_is_not_what_was_said():
    _, quotes = _quotes("Mayor Ines Varga spoke on Monday. She spoke on the budget for an hour.")
    contents = [q.content_span.text for q in quotes]
    assert "Monday" not in contents and any("budget" in c for c in contents)


def test_who_stands_for_the_name_right_before_it():
    text = ("The lawyers' theory drew the ire of Justice Daniel Okafor who said he was baffled "
            "by the claims.\n"
            "Analysts at the bank, who said the deal would close in May, raised their forecast.")
    _, quotes = _quotes(text)
    baffled = next(q for q in quotes if "baffled" in q.content_span.text)
    assert baffled.speaker == "Daniel Okafor"  # not "the ire of Justice Daniel Okafor who"
    assert baffled.speaker_span.text == "who"
    deal = next(q for q in quotes if "deal would close" in q.content_span.text)
    assert deal.speaker == "Analysts at the bank"


def test_she_is_the_salient_subject_not_the_last_name_mentioned():
    text = ("Senator Maria Lopez spoke to farmers in Ames on Sunday.\n"
            "Mrs. Lopez invoked Ms. Alvarez’s name twice and appeared to agree with Ms. Alvarez "
            "that the tariff schedule should be changed.\n"
            "“We can turn this setback into a better deal for growers,” she said.")
    setback = _said(text, "setback")
    assert setback.speaker_span.text == "she"
    assert setback.speaker == "Maria Lopez"


def test_a_participle_says_what_its_clause_subject_says():
    text = ("The port authority denied the report on Tuesday, saying that shipping had resumed "
            "at every pier. The union rejected the figures, telling the newspaper that two "
            "cranes were still idle. The operator closed the gallery, citing the inspectors' "
            "findings.")
    _, quotes = _quotes(text)
    said = {q.content_span.text: q for q in quotes}
    resumed = next(q for c, q in said.items() if c.startswith("shipping had resumed"))
    assert resumed.speaker_span.text == "The port authority" and resumed.cue_span.text == "saying"
    idle = next(q for c, q in said.items() if "cranes were still idle" in c)
    # who is told is not who tells
    assert idle.speaker_span.text == "The union"
    # "citing X" gives a reason, not a statement of the operator's
    assert not any("findings" in c for c in said)


def test_the_company_and_the_committee_are_the_ones_named_before():
    text = ("Portgrain SA reported a fire at its grain terminal on Monday. The Senate Transport "
            "Committee opened an inquiry.\n"
            "“Our equipment was inspected in March,” the company said.\n"
            "The committee said it would hear the port's managers next week.\n"
            "President Maria Ionescu visited the site. The president said the port would "
            "reopen within days.")
    article, quotes = _quotes(text)
    speaker = {q.content_span.text.split()[0].strip("“"): q.speaker for q in quotes}
    assert speaker["Our"] == "Portgrain SA"
    assert speaker["it"] == "Senate Transport Committee"
    assert speaker["the"] == "Maria Ionescu"


def test_the_company_is_no_committee_named_before():
    text = ("The Senate Transport Committee opened an inquiry on Monday.\n"
            "“Our equipment was inspected in March,” the company said.")
    _, quotes = _quotes(text)
    (q,) = quotes
    assert q.speaker != "Senate Transport Committee"


def test_the_next_quotation_after_said_goes_on_with_the_same_speaker():
    text = ("“The cranes were inspected in March,” Elena Dobre said. “We kept every record. The "
            "inspectors saw them all.”\n"
            "“Nobody checked the gallery,” a union steward said. “Ask anyone,” he told reporters.\n"
            "“The port will reopen on Friday,” the mayor said. Traders were sceptical. “Not "
            "before Monday, not with this backlog.”\n"
            "“The gallery had been cleaned,” said Ana Pop, a spokeswoman for the operator, "
            "Portgrain SA. “Dust was removed twice a week.”")
    by = _speakers(text)
    record = next(c for c in by if c.startswith("We kept every record"))
    assert by[record] == "Elena Dobre"
    dust = next(c for c in by if c.startswith("Dust was removed"))
    assert by[dust] == "Ana Pop"
    # a quotation with its own attribution keeps it
    assert by["Ask anyone,"] == "he"
    # other words between the attribution and the quotation: not the mayor's
    assert not any(c.startswith("Not before Monday") and s == "the mayor" for c, s in by.items())


def test_she_is_not_a_man_by_his_first_name():
    """"she" never resolves to a person whose first name is borne almost only by men ("Roy"),
    however salient he is; a surname alone or a rare first name says nothing."""
    from consilience.model import Entity
    from consilience.nlp.quotes import name_gender

    text = ("Roy Vance, the county prosecutor, met Leigh Dorsey in 1979. Roy Vance denied it. "
            "Roy Vance said nothing more on Monday.\n"
            "“I wanted it over with,” she said.")
    _, quotes = _quotes(text)
    (q,) = [q for q in quotes if "wanted it over" in q.content_span.text]
    assert q.speaker == "Leigh Dorsey"
    person = lambda name: Entity(id="e", name=name, type="person", mentions=[])  # noqa: E731
    assert name_gender(person("Roy Vance")) == "m"
    assert name_gender(person("Sarah Huckabee Sanders")) == "f"
    assert name_gender(person("Vance")) is None
    assert name_gender(person("Taylor Reed")) is None  # borne by men and women alike


def test_a_speaker_is_named_without_a_stressing_reflexive_or_a_leading_connective():
    text = ("President Maria Ionescu visited the port on Monday. The president herself said the "
            "terminal would reopen within days. As such, dock workers and shippers alike said "
            "they expected delays.")
    _, quotes = _quotes(text)
    spans = {q.speaker_span.text for q in quotes}
    assert "The president" in spans and "dock workers and shippers" in spans
    assert not any(s.startswith(("such", "As such")) for s in spans)
    reopen = next(q for q in quotes if "reopen" in q.content_span.text)
    assert reopen.speaker == "Maria Ionescu"


def test_a_quantifier_speaks_for_the_group_it_counts():
    text = ("The plan drew criticism from port workers in Constanta, several of whom said the "
            "cranes were unsafe. The mayors met the union leaders on Monday. Some of them said "
            "the port should reopen. Others said nothing.")
    by = _speakers(text)
    unsafe = next(c for c in by if c.startswith("the cranes"))
    assert by[unsafe].startswith("port workers")
    reopen = next(c for c in by if c.startswith("the port should"))
    assert by[reopen] == "The mayors"


def test_who_after_a_party_and_state_tag_is_the_senator_not_the_state():
    text = ("Senate Majority Leader Mitch McConnell, R-Ky., who backed the rival candidate in "
            "the primary, said in a statement that the nominee must step aside.")
    _, quotes = _quotes(text)
    assert {q.speaker for q in quotes} == {"Mitch McConnell"}


def test_a_bare_quantifier_opening_a_sentence_counts_the_group_before():
    text = ("The plan drew criticism from port workers in Constanta, several of whom said the "
            "cranes were unsafe. Some called the plan reckless.\n"
            "Dock owners met on Monday. Most said the port should reopen.\n"
            "The weather was cold. Others said the port should close.")
    by = _speakers(text)
    reckless = next(c for c in by if c.startswith("the plan"))
    assert by[reckless].startswith("port workers")
    reopen = next(c for c in by if "reopen" in c)
    assert by[reopen] == "Dock owners"
    close = next(c for c in by if "close" in c)
    assert by[close] == "Others"  # the sentence before names no group


def test_a_clause_opened_by_after_is_the_time_of_a_statement_not_what_was_said():
    """ "Two days after X reported that A, B announced that C": C is B's content, A is X's;
    the claim of X stops before B's name."""
    from consilience.claims.extract import claims
    from consilience.nlp.quantities import quantities
    from consilience.nlp.quotes import quotes

    text = ("Late on Friday, two days after The Coastal Herald reported that the ferry company "
            "had skipped its safety drills, Mayor Ana Petrova announced that she had ordered "
            "an inquiry into the company.")
    art = Article(id="a", input_text=text, text=text)
    art = claims(quotes(quantities(annotate(art))))
    said = {(q.speaker.split()[-1], q.content_span.text) for q in art.quotes}
    assert ("Petrova", "she had ordered an inquiry into the company") in said, said
    assert not any(t.startswith("Late on Friday") for _, t in said), said
    texts = [c.text for c in art.claims]
    assert "the ferry company had skipped its safety drills" in texts, texts


def test_a_bare_quotation_goes_on_with_the_speaker_just_before_it():
    """A paragraph that is only a quotation continues the speaker of the paragraph before it,
    and a quotation right after "“...,” X said." in its paragraph is X's: each goes to the
    nearest attribution before it, not to an earlier or a later speaker."""
    text = ("“The ferry to Varna leaves at noon,” Elena Petrova said.\n"
            "“Tickets are sold at the harbour office until eleven.”\n"
            "“The road to Burgas is closed for repairs,” said Ivan Kolev.\n"
            "“Drivers should take the coast road through Obzor instead.”\n"
            "“The night bus to Sofia is full,” Maria Dimitrova said. “It is full every Friday "
            "in summer.”\n"
            "“Passengers without a seat will be offered a train ticket.”\n")
    by = _speakers(text)
    assert by["The ferry to Varna leaves at noon,"] == "Elena Petrova"
    assert by["Tickets are sold at the harbour office until eleven."] == "Elena Petrova"
    assert by["The road to Burgas is closed for repairs,"] == "Ivan Kolev"
    assert by["Drivers should take the coast road through Obzor instead."] == "Ivan Kolev"
    assert by["It is full every Friday in summer."] == "Maria Dimitrova"
    assert by["Passengers without a seat will be offered a train ticket."] == "Maria Dimitrova"


def test_notifying_someone_that_something_is_so_reports_speech():
    art, found = _quotes("Tomas Varga's lawyer notified the harbour board that his client will "
                         "not comply with the board's request for the logs.")
    said = [(q.speaker, q.content_span.text) for q in found]
    assert ("Tomas Varga's lawyer",
            "his client will not comply with the board's request for the logs") in said, said


def test_a_quotation_after_a_colon_is_the_last_person_named_before_it_on_its_line():
    text = ("The mayor, Elena Petrova, met Ivan Kolev at the harbour on Monday.\n"
            "Ivan Kolev, the harbour master, told the council: “The cranes were inspected in "
            "March and nothing was found.”\n"
            "Elena Petrova answered: “The inspection report has not reached my office yet.”")
    by = _speakers(text)
    assert by["The cranes were inspected in March and nothing was found."] == "Ivan Kolev"
    assert by["The inspection report has not reached my office yet."] == "Elena Petrova"


def test_an_embedded_post_is_its_authors_words():
    """A post a page embeds keeps its author's signature after its words ("— Name (@handle)
    Date"): the words are the author's, the signature is the cue."""
    text = ("The mayor answered critics on Tuesday.\n"
            "The pier will reopen on Friday, and every boat owner will be paid in full. "
            "\u2014 Ana Varga (@anavarga) May 3, 2024\n"
            "Harbour officials did not comment.")
    _, quotes = _quotes(text)
    post = next(q for q in quotes if q.content_span.text.startswith("The pier will reopen"))
    assert post.speaker == "Ana Varga" and post.direct
    assert post.content_span.text.endswith("paid in full.")
    assert post.cue_span.text == "\u2014 Ana Varga (@anavarga) May 3, 2024"
    # a dash in running text with no handle is no signature
    _, none = _quotes("Prices rose again \u2014 the third rise this year, traders said in May.")
    assert not any("@" in (q.cue_span.text if q.cue_span else "") for q in none)


def test_a_thing_believed_to_be_something_says_nothing():
    """"The rocket, believed to be an ICBM, flew ...": a passive participle of belief, whatever
    the parser makes of it, gives the rocket no words; "He claimed to be innocent" stays his."""
    speakers = _speakers("North Korea fired a missile on Friday. The rocket, believed to be an "
                         "intercontinental ballistic missile, flew for about 19 minutes.")
    assert not any(s and "rocket" in s.lower() for s in speakers.values()), speakers
    assert "Varga" in " ".join(_speakers("Ana Varga claimed to be innocent.").values())


def test_a_name_with_a_title_of_no_gender_is_a_person_for_a_pronoun():
    """The tagger may type a name an organisation in one sentence ("President Varga ... a
    report claiming Varga directed ..."); a title before one of its mentions makes it a
    person's all the same, also a title that gives no gender ("President"): "he" after the
    sentence is Varga, its subject, not the man named inside its clause."""
    from consilience.nlp.quotes import pronoun_antecedent

    text = ("President Varga on Saturday said he appreciates special counsel Robert Mills "
            "releasing a statement disputing a report claiming Varga directed his lawyer to lie.\n"
            "“I appreciate that,” he told reporters.")
    article = annotate(Article(id="q", input_text=text, text=text))
    varga = next(e for e in article.entities if e.name.endswith("Varga"))
    as_tagged = [e.model_copy(update={"type": "organization"}) if e is varga else e
                 for e in article.entities]
    article = article.model_copy(update={"entities": as_tagged})
    he = text.rindex(" he told") + 1
    found = pronoun_antecedent(article, he, "he")
    assert found is not None and found.name.endswith("Varga"), found


def test_a_quote_run_on_into_a_paragraph_that_closes_it_without_reopening():
    """Some outlets do not reopen a quotation that runs on into the next paragraph, and close
    it with a straight mark: “... inaccurate.\\nWe remain confident ...," he said. One
    quotation, the spokesman's; "he said." is no quotation of its own."""
    text = ("In a statement on Saturday, port spokesman Ivan Petrov defended the report.\n"
            "\u201cAs we have checked our reporting again, we see no sign that any part of it "
            "is wrong.\nWe stand by what we have reported, and will say more when we can,\" he "
            "said.\nThe ministry did not reply.")
    marks = find_quotation_marks(text)
    assert [text[m.start:m.end][-21:] for m in marks] == ["say more when we can,"]
    speakers = _speakers(text)
    assert not any(c.strip().startswith("he said") for c in speakers), speakers
    assert "Ivan Petrov" in speakers.values(), speakers


def test_the_article_said_names_the_outlet_said_to_have_published_it():
    """"The Coastal Herald published the story on Thursday, ... The article said that ...":
    the article's words are the Coastal Herald's."""
    text = ("The Coastal Herald published the story on Thursday, citing two port officials who "
            "said the cranes had been left unchecked for a year.\n"
            "The article said that the lapse \u201cmarks a new low for safety at the port.\u201d")
    speakers = _speakers(text)
    assert "Coastal Herald" in " ".join(s or "" for s in speakers.values()), speakers
    assert not any((s or "").lower() == "the article" for s in speakers.values()), speakers


def test_a_cue_verb_under_a_modal_reports_nothing_said():
    """"any strike near the capital would suggest the real goal was ...": a modal makes the
    verb tell what might be said; "would later tell reporters" still reports speech."""
    speakers = _speakers("Any strike near the capital would risk many civilian deaths and would "
                         "suggest the real goal was to strike at the regime. The minister would "
                         "later tell reporters that the talks had failed.")
    assert list(speakers.values()) == ["The minister"], speakers


def test_a_speaker_misread_as_carrying_a_participle_ends_before_it():
    """"The brash tyrant boasted of his "victory" and vowed that ...": the parser hangs
    "boasted" off the subject with a dangling "and"; the speaker is the noun phrase, not the
    first verb's clause. A participle that describes the speaker stays ("A spokesman briefed
    on the talks")."""
    speakers = _speakers("The brash tyrant boasted of his \"shining victory\" and vowed that his "
                         "final goal is \"equilibrium of real force\". A spokesman briefed on "
                         "the talks said the port would reopen.")
    assert speakers['his final goal is "equilibrium of real force"'] == "The brash tyrant", \
        speakers
    assert speakers["the port would reopen"].startswith("A spokesman"), speakers


def test_a_quoted_title_after_the_cue_verb_is_not_what_was_said():
    """"“...,” Mr. Sanders said on CBS’s “Face the Nation,” referring to fellow senators": the
    parser reads the programme's name as the verb's clause; the quotation before the verb is
    what he said."""
    said = ("I would hope that the secretary joins Elizabeth Warren in saying, \u2018No, we "
            "have got to defeat this piece of legislation,\u2019 ")
    speakers = _speakers("A few hours before Mrs. Clinton\u2019s remarks, Mr. Sanders repeated his "
                         "challenge to her to oppose the trade agreement.\n"
                         f"\u201c{said}\u201d Mr. Sanders said on CBS\u2019s \u201cFace the "
                         "Nation,\u201d referring to fellow senators.")
    speakers = {k: v for k, v in speakers.items() if "challenge" not in k}
    assert list(speakers.items()) == [(said.strip(), "Sanders")], speakers


def test_a_quotation_its_speech_tag_interrupts_is_one_statement():
    said = _speakers("Mayor Ana Ruiz spoke at the quay.\n"
                     "\u201cWe will rebuild the bridge,\u201d Ruiz said, \u201cand we will do "
                     "it this year.\u201d\n"
                     "\"It is,\" Ana Ruiz said, \"a disgrace that the council waited so long.\"")
    assert set(said) == {
        "We will rebuild the bridge,\u201d Ruiz said, \u201cand we will do it this year.",
        "It is,\" Ana Ruiz said, \"a disgrace that the council waited so long."}
    assert all("Ruiz" in who for who in said.values())
    # a tag that ends a sentence, or goes on to report more, does not join two quotations
    said = _speakers("\"We are done,\" Ana Ruiz said. \"The council waited too long.\"\n"
                     "\"We are done,\" Ana Ruiz said, adding that \"the council waited.\"")
    assert "We are done," in said and "The council waited too long." in said
    assert not any("said" in content for content in said)


def test_a_title_before_a_name_read_as_a_second_subject_gives_the_name():
    """"The actress Lena Ortiz said ...": the parser makes both "actress" and "Ortiz" subjects
    of "said"; the speaker is the person named, not her title."""
    said = _speakers("The actress Lena Ortiz said the producer had threatened to end her "
                     "career.")
    assert said["the producer had threatened to end her career"] == "Lena Ortiz"
    said = _speakers("The senator said on Monday that the bridge would reopen in May.")
    assert list(said.values()) == ["The senator"]


def test_a_tag_naming_mr_or_sen_still_interrupts_one_quotation():
    """"“Is it true,” the judge asked Mr. Sellers, “that ...?”": the stop of a title is no
    sentence end, so the tag joins the halves and the question is one quotation."""
    from consilience.report.brief import clean

    text = ("\u201cIs it true,\u201d Judge Alvarez asked Mr. Sellers, \u201cthat the company "
            "paid women less than the national average?\u201d Mr. Sellers said it was not.")
    (q, _) = _quotes(text)[1]
    assert q.speaker.endswith("Alvarez") and q.content_span.text.startswith("Is it true")
    assert q.content_span.text.endswith("national average?")
    assert clean(q.content_span.text) == ("Is it true that the company paid women less than "
                                          "the national average?")


def test_a_name_inside_another_phrase_is_a_weaker_antecedent_than_the_subject_before():
    """Lappin and Leass's head-noun emphasis: "President Garrow's Washington" names Garrow
    inside a phrase about a city, so the "she" that follows is the actress who is the subject
    of the sentence before, not Garrow."""
    text = ("The actress Lena Ortiz has been thinking about the film for years. At the premiere "
            "of her play about a glamorous woman in President Garrow's Washington, she said she "
            "was waiting to feel less angry.")
    said = _speakers(text)
    assert said["she was waiting to feel less angry"] == "Lena Ortiz"


def test_a_cue_verb_with_an_object_of_its_own_says_the_object_not_the_clause_before_it():
    """"... it is easy to see why the minister would be worried -- the papers reveal a trail of
    payments": what the papers reveal is the trail, not the outlet's sentence before the dash;
    a verb of speech whose object is who was addressed still takes the clause before it."""
    text = ("If the claims in the leaked files are true, it is easy to see why the minister "
            "would be worried -- the files reveal a trail of payments through shell companies.")
    art = annotate(Article(id="a", input_text=text, text=text))
    (q,) = find_quotes(art)
    assert text[q.content_span.start:q.content_span.end] == (
        "a trail of payments through shell companies")
    text = "The bridge was closed for a week, the mayor told the council on Monday."
    art = annotate(Article(id="a", input_text=text, text=text))
    (q,) = find_quotes(art)
    assert text[q.content_span.start:q.content_span.end] == "The bridge was closed for a week"


def test_speech_given_as_the_means_of_an_act_is_its_doers():
    """"The company has responded by noting that the port passed every inspection": the
    company notes it; "He began by thanking the voters" reports no statement."""
    said = _speakers("While the union has pointed to the unsafe cranes, the company has "
                     "responded by noting that the port passed every inspection last year.")
    assert said == {"the port passed every inspection last year": "the company"}
    assert _speakers("He began by thanking the voters of the district.") == {}


def test_a_fact_box_label_in_capitals_is_no_speaker_but_a_transcript_name_is():
    """"COMPETITION: Blue Origin ..." is a section label (said once, named nowhere else);
    "HARMON: ..." in a transcript is a speaker, named elsewhere and speaking twice."""
    text = ("The launch was delayed twice because of high winds over the coast.\n"
            "COMPETITION: A rival company run by another billionaire is developing a large "
            "rocket of its own.\n"
            "FUTURE FLIGHTS: The company already has customers lined up for the next launch.\n"
            "Senator Ada Harmon spoke to the station on Sunday.\n"
            "HARMON: We will not vote for this budget as it is written.\n"
            "HARMON: The committee has not even read it yet, and it knows that.")
    _, quotes = _quotes(text)
    speakers = {q.speaker for q in quotes if q.cue_span and q.cue_span.text == ":"}
    assert speakers and not {"Competition", "Future Flights"} & speakers
    assert all("billionaire" not in q.content_span.text and "customers" not in q.content_span.text
               for q in quotes)
    assert {q.speaker for q in quotes if "not vote" in q.content_span.text} <= {"Ada Harmon", "Harmon"}
    assert any("not vote" in q.content_span.text for q in quotes)


def test_a_plural_noun_the_tagger_takes_for_a_name_is_not_he():
    """"Flags will fly at half-staff": a plural noun (tagged a person at a sentence's start)
    is no antecedent of "he"; the president named before it is."""
    text = ("President Marc Lemaire declared three days of national mourning, starting on "
            "Saturday. Flags will fly at half-staff at all government buildings.\n"
            "“We would like to tell the people of this country that we will never give in,” he "
            "said in a statement.")
    assert _said(text, "never give in").speaker == "Marc Lemaire"


def test_it_is_a_country_that_acted_not_a_place_where_something_happened():
    """"Tunisia condemned the attack. It said ...": the country speaks; "docked at Yeosu six
    times. It said ..." gives nothing to the port, which only names where."""
    assert _said("Tunisia forcefully condemned the attack. It said the attacker had committed an "
                 "act of extreme cowardice.", "cowardice").speaker == "Tunisia"
    assert _said("The tanker was loaded with oil at Yeosu six times between August and December. "
                 "It said the tanker had never met North Korean vessels.",
                 "never met").speaker != "Yeosu"


def test_a_name_ending_in_s_is_still_he():
    """"Bruce Arians" may be tagged a plural proper noun; he is still the antecedent of "he"."""
    assert _said("Coach Bruce Arians said on Monday that he would retire after five seasons with "
                 "the team.\n“I'll miss the players,” he said.",
                 "miss the players").speaker == "Bruce Arians"


def test_a_demonstrative_that_opening_reported_speech_is_its_subject_not_a_complementizer():
    """"The Harbour Gazette reports that's more than the port earned in a decade": "that" is
    what the content is about, kept; "said that the flood was ..." drops the complementizer."""
    assert _said("The Harbour Gazette reports that's more than the port earned in a decade.",
                 "more than").content_span.text.startswith("that's more than")
    assert _said("Officials said that was the plan all along.", "the plan").content_span.text \
        == "that was the plan all along"
    assert _said("The mayor said that the flood was the biggest in a century.",
                 "flood").content_span.text == "the flood was the biggest in a century"
