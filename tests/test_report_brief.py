"""The brief (Markdown): sections, citations on every statement, graceful when facts are missing."""

from __future__ import annotations

import re

import pytest
from report_support import write_story

from consilience import analyze
from consilience.model import (
    Compared,
    Explanation,
    GeoCheck,
    Quote,
    SourceRef,
    StoryClaim,
    TimeRef,
    Verdict,
)
from consilience.report.brief import parse_time_value, story_brief
from consilience.report.markdown import to_markdown


@pytest.fixture(scope="module")
def invented(invented_analysis):
    return invented_analysis


def _told_by(text: str, who: str, at: int = 0, article: str = "one"):
    """A claim of one source, ``text`` at offset ``at`` of ``article``, asserted by ``who``."""
    ref = SourceRef(article=article, start=at, end=at + len(text), input_start=at,
                    input_end=at + len(text), text=text)
    return StoryClaim(id="x", text=text, verdict=Verdict.single_source, sources=[ref],
                      explanation=Explanation(summary="", rule="r", compared=[
                          Compared(source=ref, asserted_by=who)]))


def test_every_statement_cites_a_source_of_its_story(seeds_analysis):
    md = to_markdown(seeds_analysis)
    ids = {a.id for a in seeds_analysis.articles}
    lines = md.splitlines()
    who = lines.index("### Who said what") if "### Who said what" in lines else len(lines)
    geo = next((i for i, ln in enumerate(lines) if ln.startswith("### Geography")), len(lines))
    items = [ln for i, ln in enumerate(lines) if ln.lstrip().startswith("- ")
             and not ln.lstrip().startswith("- why:")
             # speakers head their quotes in "Who said what"; the quotes cite
             and not (i > who and ln.startswith("- ") and "[" not in ln)
             # a geography check's explanation sits under the cited check
             and not (i > geo and ln.startswith("  - "))]
    assert items
    for ln in items:
        if "published" in ln:  # publication dates in the timeline cite themselves
            continue
        cited = set(re.findall(r"\[([^\]]+)\]", ln))
        assert cited & ids, ln


def test_sections_follow_the_verdicts(invented):
    story = invented.stories[0]
    b = story_brief(story, invented)
    assert {ln.verdict for ln in b.agreed} <= {"corroborated", "compatible"}
    assert {ln.verdict for ln in b.single} == {"single-source"}
    assert len(b.agreed) + len(b.single) + len(b.disputed) == len(story.claims)
    # The account puts claims of two sources before claims of one.
    sources = [ln.independent_sources for ln in b.account]
    assert sources == sorted(sources, reverse=True) and sources[0] >= 2
    md = to_markdown(invented)
    for heading, lines in (("### What the sources agree on", b.agreed),
                           ("### What only one source says", b.single),
                           ("### Where the sources differ", b.disputed)):
        assert (heading in md) == bool(lines)


def test_places_listed_with_coordinates_and_citations(invented):
    md = to_markdown(invented)
    line = next(ln for ln in md.splitlines() if ln.startswith("- Velykodolynske"))
    assert "(46.3239, 30.5600)" in line and "[alpha]" in line and "[bravo]" in line


def test_disputes_quotes_timeline_and_geography_are_rendered(invented):
    """With the facts other stages add (quotes, times, geo checks, a contested claim), each has
    its section; built here by hand so the report is tested on its own."""
    a = invented.model_copy(deep=True)
    story = a.stories[0]
    alpha, bravo = a.article("alpha"), a.article("bravo")
    qs = alpha.text.index("Our units")
    qe = alpha.text.index("streets,") + len("streets")
    alpha.quotes = [Quote(speaker="Petro Hrytsenko", content_span=alpha.span(qs, qe))]
    ws = bravo.text.index("on Wednesday") + 3
    bravo.times = [TimeRef(text="Wednesday", start=ws, end=ws + 9, input_start=0, input_end=0,
                           type="date", value="2024-03-13")]
    ds = bravo.text.index("The rebels")
    de = bravo.text.index("many men.") + len("many men.")
    rs = alpha.text.index("Government forces")
    re_ = alpha.text.index("said.") + len("said.")
    story.claims.insert(0, StoryClaim(
        id="cl-test", text=bravo.text[ds:de], verdict=Verdict.contested,
        explanation=Explanation(summary="The government says it retook the village; the rebels "
                                        "say they withdrew.", rule="parties-disagree",
                                compared=[Compared(source=alpha.source_ref(rs, re_),
                                                   asserted_by="the defence ministry"),
                                          Compared(source=bravo.source_ref(ds, de),
                                                   asserted_by="the rebels")]),
        sources=[alpha.source_ref(rs, re_), bravo.source_ref(ds, de)], independent_sources=2))
    gs = alpha.text.index("about 40km")
    story.geo_checks = [GeoCheck(text="about 40km south of Odesa",
                                 sources=[alpha.source_ref(gs, gs + 25)], kind="distance",
                                 verdict="off", explanation="Measured 17.6 km, not 40 km.")]
    md = to_markdown(a)
    assert "### Where the sources differ" in md
    assert "**contested**" in md and "the rebels" in md and "the defence ministry" in md
    assert "why: The government says it retook the village" in md
    assert "- Petro Hrytsenko\n  - \u201cOur units have liberated Velykodolynske" in md
    assert "- 2024-03-13: Wednesday \u2014 The army said on Wednesday" in md
    timeline = md[md.index("### Timeline"):md.index("### Places")]
    assert timeline.index("2024-03-13") < timeline.index("2024-03-14")
    assert "### Geography that does not check out" in md
    assert "**off**: about 40km south of Odesa [alpha]" in md and "17.6 km" in md


def test_time_values_parse_to_days_with_precision():
    assert parse_time_value("2023-07-27") is not None
    assert parse_time_value("2023-07-27")[1] == "day"
    assert parse_time_value("2023-06")[1] == "month"
    assert parse_time_value("2023-W30")[1] == "week"
    assert parse_time_value("P22Y") is None and parse_time_value("XXXX-WXX-4") is None


def test_markdown_never_passes_raw_html(tmp_path):
    evil = ("Title: Rally in Lviv\nDate: 2024-05-01\nSource: Test\n\nProtesters marched through "
            "Lviv on Wednesday carrying a banner reading <script>alert(1)</script> loudly.\n")
    a = analyze([write_story(tmp_path, {"evil.txt": evil})])
    md = to_markdown(a)
    assert "<script>" not in md and "&lt;script&gt;" in md


def test_dispute_sides_are_not_repeated_and_pronouns_are_not_speakers(invented):
    """A single-source line that is one side of a dispute is told only under the dispute; a
    pronoun speaker is replaced by the named speaker of a quote over the same words, or left out,
    and a quote whose speaker stayed a pronoun is not listed under "who said what"."""
    a = invented.model_copy(deep=True)
    story = a.stories[0]
    alpha, bravo = a.article("alpha"), a.article("bravo")
    ds = bravo.text.index("The rebels")
    de = bravo.text.index("many men.") + len("many men.")
    rs = alpha.text.index("Government forces")
    re_ = alpha.text.index("said.") + len("said.")
    # the quotes stage named the speaker of alpha's quote; bravo's stayed "she"
    alpha.quotes = [Quote(speaker="Petro Hrytsenko", content_span=alpha.span(rs, re_))]
    bravo.quotes = [Quote(speaker="she", content_span=bravo.span(ds, de))]
    rebels = bravo.source_ref(ds, de)
    story.claims.insert(0, StoryClaim(
        id="cl-side", text=bravo.text[ds:de], verdict=Verdict.single_source,
        explanation=Explanation(summary="One source.", rule="single-source"),
        sources=[rebels], independent_sources=1))
    story.claims.insert(0, StoryClaim(
        id="cl-test", text=bravo.text[ds:de], verdict=Verdict.contested,
        explanation=Explanation(summary="The two sides disagree.", rule="parties-disagree",
                                compared=[Compared(source=alpha.source_ref(rs, re_),
                                                   value="asserts", asserted_by="he"),
                                          Compared(source=rebels, value="disputes",
                                                   asserted_by="she")]),
        sources=[alpha.source_ref(rs, re_), rebels], independent_sources=2))
    b = story_brief(story, a)
    assert all(ln.claim_id != "cl-side" for ln in b.single)
    contested = next(ln for ln in b.disputed if ln.claim_id == "cl-test")
    assert [s.who for s in contested.sides] == ["Petro Hrytsenko", None]
    assert all(q.speaker.lower() not in ("he", "she") for q in b.quotes)
    md = to_markdown(a)
    differ = md[md.index("### Where the sources differ"):]
    assert "  - Petro Hrytsenko (asserts): " in differ
    assert "  - (disputes): \u201cThe rebels" in differ
    sections = {part.split("\n", 1)[0]: part for part in md.split("### ")}
    assert "The rebels" not in sections.get("What only one source says", "")
    assert "\n- she\n" not in md and "\n- he\n" not in md


def test_a_corroborated_phrase_is_listed_and_not_marked_by_its_sentences_dispute(
        examples_analysis):
    """The shipped examples: "The terminal, operated by Portgrain SA" is stated by three
    sources; the sentence that holds it in one source is contradicted on the distance, which
    the phrase does not state. The phrase is listed as agreed, not as disputed, and not told
    as a sentence of the account."""
    story = next(s for s in examples_analysis.stories if "Portgrain SA" in " ".join(
        c.text for c in s.claims))
    b = story_brief(story, examples_analysis)
    phrase = [ln for ln in b.agreed if ln.text.endswith("The terminal, operated by Portgrain SA")]
    assert [ln.text for ln in phrase] == ["The terminal, operated by Portgrain SA"]
    assert phrase[0].verdict == "corroborated" and phrase[0].independent_sources >= 2
    assert any("sits some 300km" in ln.text for ln in b.disputed)
    assert all(ln.text != phrase[0].text for ln in b.account)


def test_a_short_object_of_a_stance_verb_is_listed_with_its_verb(examples_analysis):
    """"Local fishermen welcomed the vote": the quotes stage keeps "the vote" as what the
    fishermen expressed; "Who said what" lists "welcomed the vote", citing those words, not
    "the vote" alone. A clause after "said" is listed as it is."""
    story = next(s for s in examples_analysis.stories
                 if any(a.startswith("tidewater") for a in s.articles))
    said = [(q.speaker, q.text) for q in story_brief(story, examples_analysis).quotes]
    assert ("Local fishermen", "welcomed the vote") in said
    assert ("The transport ministry",
            "the work would start in the autumn and take about 18 months") in said
    art = examples_analysis.article("tidewater-news")
    q = next(q for q in story_brief(story, examples_analysis).quotes if q.text.startswith("welc"))
    assert art.text[q.source.start:q.source.end] == "welcomed the vote"


def test_a_partys_assertion_in_the_account_names_who_disputes_it(examples_analysis):
    """The company's account of the cause is told with its speaker and with the party that
    disputes it; a description of a body reads as running text ("the county emergency
    inspectorate"); an assertion no one disputes gets no such clause."""
    story = next(s for s in examples_analysis.stories if "Portgrain SA" in " ".join(
        c.text for c in s.claims))
    b = story_brief(story, examples_analysis)
    cause = [ln.text for ln in b.account if "dust explosion" in ln.text]
    assert cause == ["According to Portgrain SA, a dust explosion in a conveyor belt caused the "
                     "fire; the dock workers' union disputes it"]
    assert any(ln.text.startswith("According to the county emergency inspectorate, the fire "
                                  "broke out") for ln in b.account)
    assert sum("disputes it" in ln.text for ln in b.account) == 1


def test_one_sides_outcome_in_the_account_names_the_side_that_disputes_it(seeds_analysis):
    """The seeds: Ukraine's side says its troops control the village, Russia's side says every
    attempt was stopped (contested, opposing parties). The account tells Zelensky's words with
    his name and says that Russia disputes them; none of Russia's statements is told as fact.
    The outlets spell him "Volodomyr Zelensky" and "Volodymyr Zelenskyy": the brief names him
    once, as the story's entity, and "who said what" lists all his words under that name."""
    story = seeds_analysis.stories[0]
    (zelensky,) = [e for e in story.entities if "Volodomyr Zelensky" in e.aliases]
    assert {"Volodymyr Zelenskyy", "Volodomyr Zelensky"} <= set(zelensky.aliases)
    b = story_brief(story, seeds_analysis)
    control = [ln.text for ln in b.account if "claim control" in ln.text]
    assert len(control) == 1 and control[0].startswith(f"According to {zelensky.name}, ")
    assert control[0].endswith("; Russia disputes it")
    # "who said what" heads the video's words with the party that published it, as the account
    said = {q.speaker: q.text for q in b.quotes}
    mine = [q.text for q in b.quotes if q.speaker == zelensky.name]
    assert mine[0].startswith("Ukrainian troops claim control")
    assert any("Details will follow" in t for t in mine)  # the other outlet's spelling
    assert not {"Volodomyr Zelensky", "Volodymyr Zelenskyy"} - {zelensky.name} & set(said)
    assert not [w for w in said if w.lower().startswith(("a video", "the video"))]
    # what footage showed, with no party behind it, is nobody's words
    assert not [w for w in said if w.lower().endswith("footage")]
    assert "a soldier in the video" in said  # a person, though seen in a video


def test_a_line_closes_what_its_span_opened_and_drops_what_it_did_not_open():
    from consilience.model import SourceRef
    from consilience.report.brief import clean, voiced

    assert clean("the accusations are \u201cthe very definition of fake news") == (
        "the accusations are \u201cthe very definition of fake news\u201d")
    assert clean("is guilty of second-degree sex abuse.)") == "is guilty of second-degree sex abuse."
    assert clean("the fund (set up in 2019) pays") == "the fund (set up in 2019) pays"
    # a bracket the sentence split closed after the span: closed again
    assert clean("on behalf of the Harbour League (HL, formerly the Port League.") == (
        "on behalf of the Harbour League (HL, formerly the Port League)")
    assert clean("abuse. ) )") == "abuse."
    assert clean("she said: \u201cWe stay.\u201d") == "she said: \u201cWe stay.\u201d"
    # the speech tag that interrupts a quotation: the line names the speaker
    for quotation in (False, True):
        assert clean("Leaving the House,\u201d he said in his statement, \u201cI am proud",
                     quotation) == "Leaving the House, I am proud"
        assert clean('The fire," said Elena Dobre, "was contained', quotation) == (
            "The fire was contained")
    assert clean("He said, \u201cno.\u201d Then, \u201cyes.\u201d") == (
        "He said, \u201cno.\u201d Then, \u201cyes.\u201d")

    def said(text: str, who: str) -> StoryClaim:
        ref = SourceRef(article="a", start=0, end=1, input_start=0, input_end=1)
        return StoryClaim(id="c", text=text, verdict=Verdict.single_source, sources=[ref],
                          explanation=Explanation(summary="", rule="x", compared=[
                              Compared(source=ref, asserted_by=who)]), claims=[])

    assert voiced(said("Like most Americans, the president believes it", "Sarah Sanders")) == (
        "According to Sarah Sanders, like most Americans, the president believes it")
    assert voiced(said("Portgrain SA kept every record", "the union")).startswith(
        "According to the union, Portgrain SA")
    # a quotation continued over paragraphs opens again without closing first: it is closed
    two = "\u201cThe point is beyond the defences. \u201cThis battle will be hard.\u201d"
    assert clean(two) == two


def test_a_fact_told_by_a_subject_relative_reads_as_a_statement():
    """A claim that is a noun with its relative clause ("X, who flew to the port") is written
    as what it states; an object relative or a relative inside a longer sentence is kept."""
    from consilience.report.brief import sentence

    assert (sentence("Interior Minister Ana Voicu, who flew to the port in the afternoon")
            == "Interior Minister Ana Voicu flew to the port in the afternoon.")
    assert (sentence("The Harbour Act, which passed 234-193")
            == "The Harbour Act passed 234-193.")
    for kept in ("the letter, which the teachers sent to the governor",
                 "Moore, who denied it, said the claims were false"):
        assert sentence(kept) == kept[0].upper() + kept[1:] + ".", kept


def test_a_description_capitalised_by_its_sentence_is_lower_case_in_running_text():
    from consilience.report.brief import in_text

    assert in_text("Local fishermen") == "local fishermen"
    assert in_text("Grain traders in the region") == "grain traders in the region"
    for name in ("Portgrain SA", "Mihai Stanciu", "Republicans in Alabama", "Democrats"):
        assert in_text(name) == name
    # names after the opening word do not make it a name ("One of ...", "Officials ..."), and
    # the head noun before the modifier decides "the" ("officials", plural: none)
    assert in_text("One of the senior lawmakers in the National Assembly") == (
        "one of the senior lawmakers in the National Assembly")
    from consilience.model import Article

    text = "Officials interviewed by The Herald said so. One Direction sang."
    art = Article(id="a", input_text=text, text=text)
    assert in_text("Officials interviewed by The Herald", [art]) == (
        "officials interviewed by The Herald")
    assert in_text("One Direction", [art]) == "One Direction"


def test_a_speaker_is_named_by_its_head_noun_not_its_last_word():
    """"Images taken from space reportedly show ..." names no one: the images carry the words;
    "a soldier in the video" is a person, though the phrase ends with the video."""
    from consilience.report.brief import named

    assert not named("Images taken from space")
    assert not named("a video released by the Defence Ministry")
    assert not named("satellite images")
    assert named("a soldier in the video")
    assert named("Defence Ministry spokesman Ren Guoqiang")
    assert named("the head of the agency")


def test_a_partys_statement_reads_as_running_text():
    """"According to" a description with its own determiner takes no "the"; a statement in the
    speaker's own person is told in quotation marks; a list's bullet is no word of it."""
    from consilience.report.brief import clean, in_text

    assert in_text("another witness") == "another witness"
    assert in_text("one eyewitness") == "one eyewitness"
    assert in_text("county emergency inspectorate") == "the county emergency inspectorate"
    # a number opens a description though the sources capitalise it in a name ("Air Force
    # One"); a list's bullet is no part of a name
    from consilience.model import Article

    text = "Air Force One landed at noon. One eyewitness said the crowd ran."
    art = Article(id="a", input_text=text, text=text)
    assert in_text("One eyewitness", [art]) == "one eyewitness"
    assert in_text("\u2022 Maryam Violet", [art]) == "Maryam Violet"
    assert clean("\u2022 Crews reopened the pier on Tuesday") == "Crews reopened the pier on Tuesday"


def test_a_statement_in_the_speakers_own_person_is_quoted():
    from consilience.model import Compared, Explanation, SourceRef, StoryClaim, Verdict
    from consilience.report.brief import voiced

    def said(text, who):
        refs = [SourceRef(article=a, start=0, end=len(text), input_start=0, input_end=len(text),
                          text=text) for a in ("one", "two")]
        return StoryClaim(id="x", text=text, verdict=Verdict.corroborated, sources=refs,
                          explanation=Explanation(summary="", rule="r", compared=[
                              Compared(source=r, asserted_by=who) for r in refs]))

    assert voiced(said("I didn't know what was going on", "Ana Varga")) == (
        "According to Ana Varga, \u201cI didn't know what was going on\u201d")
    assert voiced(said("Everything in its path was crushed", "another witness")) == (
        "According to another witness, everything in its path was crushed")


def test_an_opening_word_with_punctuation_is_lower_case_after_according_to():
    from consilience.report.brief import voiced

    def said(text):
        return _told_by(text, "the port authority")

    assert voiced(said("However, the pier stayed open")) == (
        "According to the port authority, however, the pier stayed open")
    assert voiced(said("It\u2019s a short stretch of quay")) == (
        "According to the port authority, it\u2019s a short stretch of quay")
    assert voiced(said("You\u2019re not allowed on the pier")).endswith(
        "\u201cYou\u2019re not allowed on the pier\u201d")


def test_a_word_capitalised_only_where_it_opens_a_sentence_is_lower_case_after_according_to():
    """"Along with the port, ..." after "According to analysts, ": the sources write "along"
    in lower case and capitalise it only at a sentence's start; "Constanta" they capitalise
    inside sentences, so it keeps its capital."""
    from consilience.model import Article
    from consilience.report.brief import voiced

    text = ("Along with the port, the rail yard would be the first target, analysts said. Trucks "
            "queued along the coast road. Constanta handles most grain exports. Ships left "
            "Constanta at dawn.")
    art = Article(id="one", input_text=text, text=text)

    def said(claim):
        return _told_by(claim, "analysts", text.find(claim))

    assert voiced(said("Along with the port, the rail yard would be the first target"),
                  articles={"one": art}) == (
        "According to analysts, along with the port, the rail yard would be the first target")
    assert voiced(said("Constanta handles most grain exports"), articles={"one": art}) == (
        "According to analysts, Constanta handles most grain exports")


def test_a_quotation_left_without_its_speaker_is_not_the_outlets_voice():
    """A sentence inside quotation marks whose speaker the claims stage did not find stays in
    the outlet's voice in the analysis; the brief tells it with the speaker other outlets name,
    never as the outlet's own statement."""
    from consilience.model import Article, Compared, Explanation, SourceRef, StoryClaim, Verdict
    from consilience.report.brief import (_unattributed_quotations, inside_quotation,
                                          speaker_of, voiced)

    one = "The fire spread fast, she says. \u201cIt was chaos. The crews arrived far too late.\u201d"
    two = "\u201cThe crews arrived far too late,\u201d Ana Varga said."
    arts = {"one": Article(id="one", input_text=one, text=one),
            "two": Article(id="two", input_text=two, text=two)}
    words = "The crews arrived far too late"
    refs = [SourceRef(article=a, start=t.index(words), end=t.index(words) + len(words),
                      input_start=t.index(words), input_end=t.index(words) + len(words),
                      text=words) for a, t in (("one", one), ("two", two))]
    assert inside_quotation(refs[0], arts) and inside_quotation(refs[1], arts)
    plain = SourceRef(article="one", start=0, end=20, input_start=0, input_end=20)
    assert not inside_quotation(plain, arts)
    single = "Crews were slow.\n'I'll miss the players,' the coach said"
    arts["three"] = Article(id="three", input_text=single, text=single)
    at = single.index("I'll")
    assert inside_quotation(SourceRef(article="three", start=at, end=at + 20, input_start=at,
                                      input_end=at + 20), arts)
    # a single quotation mark opened after a colon in mid-paragraph, not yet closed; an
    # apostrophe ("doesn't", "players'") opens and closes nothing
    mid = ("The orbit is 140 million miles away. According to the company's founder: 'Destination "
           "is the outer orbit. Will stay in deep space for a billion years.' The players' union "
           "said it doesn't matter.")
    arts["four"] = Article(id="four", input_text=mid, text=mid)

    def ref4(words: str) -> SourceRef:
        k = mid.index(words)
        return SourceRef(article="four", start=k, end=k + len(words), input_start=k,
                         input_end=k + len(words))
    assert inside_quotation(ref4("Will stay in deep space"), arts)
    assert not inside_quotation(ref4("union said it"), arts)
    assert not inside_quotation(ref4("The orbit is"), arts)
    sc = StoryClaim(id="x", text=words, verdict=Verdict.corroborated, sources=refs,
                    explanation=Explanation(summary="", rule="r", compared=[
                        Compared(source=refs[0], asserted_by="outlet"),
                        Compared(source=refs[1], asserted_by="Ana Varga")]))
    assert speaker_of(sc) is None  # the analysis as it stands: one source's own voice
    read = _unattributed_quotations(sc, arts)
    assert speaker_of(read) == "Ana Varga"
    assert voiced(read) == "According to Ana Varga, the crews arrived far too late"
    # told as the account tells it: a direct quotation stays in quotation marks
    from consilience.report.brief import _voiced_line

    assert _voiced_line(read, True, arts).text == (
        "According to Ana Varga, \u201cThe crews arrived far too late\u201d")


def test_one_party_named_two_ways_is_the_speaker_most_sources_quote():
    from consilience.model import Compared, Explanation, SourceRef, StoryClaim, Verdict
    from consilience.report.brief import speaker_of

    refs = [SourceRef(article=a, start=0, end=5, input_start=0, input_end=5)
            for a in ("one", "two", "three")]
    sc = StoryClaim(id="x", text="We have asked for a meeting", verdict=Verdict.corroborated,
                    sources=refs, explanation=Explanation(summary="", rule="r", compared=[
                        Compared(source=refs[0], asserted_by="Varga"),
                        Compared(source=refs[1], asserted_by="Ana Varga"),
                        Compared(source=refs[2], asserted_by="Southern Harbour Authority")]))
    assert speaker_of(sc) == "Ana Varga"


def test_words_that_are_no_statement_alone_are_told_in_their_sentence():
    """What a party urges ("called on the port to reopen the pier": "to reopen the pier") or
    calls a thing ("called the closure a mistake") is told in the outlet's sentence."""
    from consilience.model import Article
    from consilience.report.brief import _frame_sentence

    text = ("The fire was out by noon. Mayor Ana Varga called on the port to reopen the pier, "
            "and called the closure a mistake.")
    from consilience.nlp.annotate import annotate

    arts = {"one": annotate(Article(id="one", input_text=text, text=text))}

    def words(w):
        return _told_by(w, "Ana Varga", text.index(w))

    whole = ("Mayor Ana Varga called on the port to reopen the pier, and called the closure a "
             "mistake.")
    assert _frame_sentence(words("to reopen the pier"), arts) == whole
    assert _frame_sentence(words("the closure a mistake"), arts) == whole
    assert _frame_sentence(words("the port to reopen the pier"), arts) == whole
    assert _frame_sentence(words("The fire was out by noon"), arts) is None
    text2 = "The port raised the number of ships whose cargo was damaged to 14."
    arts["one"] = annotate(Article(id="one", input_text=text2, text=text2))
    text = text2
    assert _frame_sentence(words("whose cargo was damaged to 14"), arts) == text2


def test_a_claim_told_in_an_outlets_voice_is_told_in_that_outlets_words():
    """A group that an outlet states itself and a party also says is told in the outlet's
    words, not the party's ("he was horrified by a shooting ..." said by a minister)."""
    from consilience.model import Compared, Explanation, SourceRef, StoryClaim, Verdict
    from consilience.report.brief import voiced

    own = "A fire at the grain pier killed three workers"
    said = "he was horrified by the fire at the grain pier"
    refs = [SourceRef(article="one", start=0, end=len(said), input_start=0, input_end=len(said),
                      text=said),
            SourceRef(article="two", start=0, end=len(own), input_start=0, input_end=len(own),
                      text=own)]
    sc = StoryClaim(id="x", text=said, verdict=Verdict.corroborated, sources=refs,
                    explanation=Explanation(summary="", rule="r", compared=[
                        Compared(source=refs[0], asserted_by="Ana Varga"),
                        Compared(source=refs[1], asserted_by="outlet")]))
    assert voiced(sc) == own


def test_what_one_source_says_is_told_with_its_speaker(seeds_analysis):
    """"Only one source says" tells a party's words as the account does: with the party, and
    a direct quotation in quotation marks ("Details will follow" is Zelenskyy's, not the
    outlet's)."""
    from consilience.report.brief import speaker_of

    story = seeds_analysis.stories[0]
    brief = story_brief(story, seeds_analysis)
    by_id = {sc.id: sc for sc in story.claims}
    told = [ln for ln in brief.single if speaker_of(by_id[ln.claim_id])]
    assert told
    assert all(ln.text.startswith("According to ") or ln.text[-1:] == "." for ln in told), [
        ln.text for ln in told if not ln.text.startswith("According to ")]
    assert any(ln.text.startswith("According to Volodymyr Zelenskyy, \u201c") for ln in told)


def test_who_said_what_leaves_out_speakers_that_name_no_one():
    """"which", "some", "nobody" head no quotes in "who said what"; a named speaker does, without
    a list's bullet."""
    from consilience.model import Article, Quote, Span
    from consilience.report.brief import _quotes

    text = ("The pier, which officials said was safe, reopened. Some said the fire was an "
            "accident. \u2022 Mary Varga said the port would pay for the repairs.")

    def quote(speaker, words):
        at = text.index(words)
        return Quote(speaker=speaker, direct=False, content_span=Span(
            start=at, end=at + len(words), input_start=at, input_end=at + len(words)))

    art = Article(id="a", input_text=text, text=text, quotes=[
        quote("which", "was safe"), quote("Some", "the fire was an accident"),
        quote("\u2022 Mary Varga", "the port would pay for the repairs")])
    assert [(q.speaker, q.text) for q in _quotes([art])] == [
        ("Mary Varga", "the port would pay for the repairs")]


def test_the_speaker_picked_among_parties_named_as_often_is_the_same_on_every_run(tmp_path):
    """Two parties each named once, names of one length: the first the sources name, whatever
    the interpreter's string hashing (the brief is deterministic)."""
    import subprocess
    import sys

    code = ("from consilience.model import Compared, Explanation, SourceRef, StoryClaim, Verdict\n"
            "from consilience.report.brief import speaker_of\n"
            "refs = [SourceRef(article=a, start=0, end=5, input_start=0, input_end=5)"
            " for a in ('one', 'two')]\n"
            "sc = StoryClaim(id='x', text='t', verdict=Verdict.corroborated, sources=refs,"
            " explanation=Explanation(summary='', rule='r', compared=["
            "Compared(source=refs[0], asserted_by='Harbour Office'),"
            " Compared(source=refs[1], asserted_by='Customs Agency')]))\n"
            "print(speaker_of(sc))\n")
    seen = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           env={"PYTHONHASHSEED": str(seed), "PATH": ""}, check=True
                           ).stdout.strip() for seed in range(6)}
    assert seen == {"Harbour Office"}


def test_a_party_takes_the_as_its_sources_write_it():
    """"According to the Foreign Ministry" as the article writes it; a company, a person and
    a name the text never gives "the" stay bare; "Police", capitalised only where it opens a
    sentence, is a description."""
    from consilience.model import Article
    from consilience.nlp.annotate import annotate
    from consilience.report.brief import in_text

    def article(id: str, text: str) -> Article:
        return annotate(Article(id=id, input_text=text, text=text, outlet="courier.example"))

    art = article("a", "The Harbour Ministry said on Monday that the port would reopen. "
                  "Portgrain SA said its terminal was undamaged, and the Portgrain SA statement "
                  "named no date. Police said two roads were closed. Ana Ruiz, the mayor, said "
                  "the town hall was open, and the police chief thanked volunteers. Officials at "
                  "the Harbour Ministry later confirmed the date.")
    assert in_text("Harbour Ministry", [art]) == "the Harbour Ministry"
    assert in_text("Portgrain SA", [art]) == "Portgrain SA"
    assert in_text("Ana Ruiz", [art]) == "Ana Ruiz"
    assert in_text("Police", [art]) == "police"
    assert in_text("Harbour Ministry") == "Harbour Ministry"  # no articles: as it stands
    # "the" before a capitalised or hyphenated modifier counts ("the US-based Institute ..."),
    # before a description does not ("the local newspaper Coast Matin"); an abbreviation
    # ("(ISW)") is no mention of the name
    art = article("b", "Fighting went on near the port, according to the Institute for the "
                  "Study of War (ISW). The US-based Institute for the Study of War said the line "
                  "held. The local newspaper Coast Matin reported the closure, and Coast Matin "
                  "said the ferry would sail on Friday.")
    assert in_text("Institute for the Study of War", [art]) == "the Institute for the Study of War"
    assert in_text("Coast Matin", [art]) == "Coast Matin"


def test_a_dispute_heads_each_side_with_the_party_the_sides_name():
    """A thing that carries words ("Images taken from space") names no party: the dispute's
    line tells its words without it; a named party keeps its name."""
    from consilience.model import Compared, Explanation, SourceRef, StoryClaim, Verdict
    from consilience.report.brief import claim_line

    def ref(start, text):
        return SourceRef(article="a", start=start, end=start + len(text), input_start=start,
                         input_end=start + len(text), text=text)

    shown = "Tankers transferring oil to ships despite the embargo"
    denied = "The ministry denied any of its ships were involved."
    sc = StoryClaim(
        id="c", verdict=Verdict.contested, sources=[ref(0, shown), ref(100, denied)],
        text=f"Images taken from space: {shown} / Harbour Ministry: {denied}",
        explanation=Explanation(summary="", rule="disputed-by-party", compared=[
            Compared(source=ref(0, shown), value="asserts",
                     asserted_by="Images taken from space"),
            Compared(source=ref(100, denied), value="denies", asserted_by="Harbour Ministry")]))
    assert claim_line(sc).text == f"{shown} / Harbour Ministry: {denied}"


def test_the_timeline_puts_a_morning_before_two_in_the_afternoon(examples_analysis):
    fire = next(s for s in examples_analysis.stories if "danube-herald" in s.articles)
    values = [p.value for p in story_brief(fire, examples_analysis).timeline
              if p.value.startswith("2025-03-11T")]
    assert "2025-03-11TMO" in values and "2025-03-11T14:00" in values, values
    assert values.index("2025-03-11TMO") < values.index("2025-03-11T14:00")
    assert values.index("2025-03-11T14:00") < values.index("2025-03-11TAF")
    shown = {p.value: p.shown for p in story_brief(fire, examples_analysis).timeline}
    assert shown["2025-03-11TMO"] == "2025-03-11"  # the label says "morning"
    assert shown["2025-03-11T14:00"] == "2025-03-11 14:00"


def test_who_said_what_leaves_out_a_quote_inside_a_longer_one_of_the_same_speaker(
        examples_analysis):
    fire = next(s for s in examples_analysis.stories if "danube-herald" in s.articles)
    traders = [q.text for q in story_brief(fire, examples_analysis).quotes
               if q.speaker.lower().startswith("grain traders")]
    assert len(traders) == 1 and traders[0].startswith("they expected delays"), traders


def test_a_name_in_the_possessive_keeps_its_capital_and_takes_no_the():
    from consilience.report.brief import in_text

    assert in_text("Mueller\u2019s office") == "Mueller\u2019s office"
    assert in_text("Varga's team") == "Varga's team"
    assert in_text("Local fishermen") == "local fishermen"  # a description still is one


def test_parties_each_named_once_the_claim_is_told_by_the_one_whose_words_it_tells():
    """Three sources, three parties, each named once: the claim is told in one party's words,
    and "According to" names that party, not another that says something like it; a thing
    that carries words ("Harbour Office's report") speaks for its owner."""
    from consilience.model import Compared, Explanation, SourceRef, StoryClaim, Verdict
    from consilience.report.brief import speaker_of

    words = "The pier will close for two weeks"
    refs = [SourceRef(article=a, start=0, end=5, input_start=0, input_end=5, text=t)
            for a, t in (("one", "Officials said the pier may close"), ("two", words),
                         ("three", "The pier closes, she said"))]
    sc = StoryClaim(id="x", text=words, verdict=Verdict.corroborated, sources=refs,
                    explanation=Explanation(summary="", rule="r", compared=[
                        Compared(source=refs[0], asserted_by="Southern Dockworkers Union"),
                        Compared(source=refs[1], asserted_by="Harbour Office\u2019s report"),
                        Compared(source=refs[2], asserted_by="Ana Varga")]))
    assert speaker_of(sc) == "Harbour Office"
    told_by_first = sc.model_copy(update={"text": refs[0].text})
    assert speaker_of(told_by_first) == "Southern Dockworkers Union"


def test_a_party_that_disputes_an_assertion_in_several_places_is_named_once():
    """One spokesman's denial cited three times (his statement in two outlets and a sentence
    more) names him once after the assertion, beside the other party that disputes it."""
    from consilience.model import (Analysis, Article, Compared, Explanation, RunInfo,
                                   SourceRef, Story, StoryClaim, Verdict)

    one = ("Portgrain SA said the fire was caused by a dust explosion. Ana Varga said that "
           "was false. Varga repeated that it was false.")
    two = ("Portgrain SA said the fire was caused by a dust explosion. Ana Varga called it "
           "false. The Harbour Office denied it.")

    def ref(aid: str, text: str, words: str) -> SourceRef:
        at = text.index(words)
        return SourceRef(article=aid, start=at, end=at + len(words), input_start=at,
                         input_end=at + len(words), text=words)

    cause = "the fire was caused by a dust explosion"
    asserted = [ref("one", one, cause), ref("two", two, cause)]
    told = StoryClaim(id="c", text=cause, verdict=Verdict.corroborated, sources=asserted,
                      independent_sources=2, explanation=Explanation(
                          summary="", rule="r", compared=[
                              Compared(source=asserted[0], asserted_by="Portgrain SA"),
                              Compared(source=asserted[1], asserted_by="Portgrain SA")]))
    sides = [Compared(source=asserted[0], value="asserts", asserted_by="Portgrain SA"),
             Compared(source=ref("one", one, "Ana Varga said that was false"),
                      value="disputes", asserted_by="Ana Varga"),
             Compared(source=ref("one", one, "Varga repeated that it was false"),
                      value="disputes", asserted_by="Varga"),
             Compared(source=ref("two", two, "Ana Varga called it false"),
                      value="disputes", asserted_by="Ana Varga"),
             Compared(source=ref("two", two, "The Harbour Office denied it"),
                      value="disputes", asserted_by="Harbour Office")]
    dispute = StoryClaim(id="d", text="Portgrain SA: ... / Ana Varga: ...",
                         verdict=Verdict.contested, sources=[c.source for c in sides],
                         explanation=Explanation(summary="", rule="disputed-by-party",
                                                 compared=sides))
    arts = [Article(id=a, input_text=t, text=t, outlet=f"{a}.example")
            for a, t in (("one", one), ("two", two))]
    story = Story(id="s", title="Fire", articles=["one", "two"], claims=[told, dispute])
    analysis = Analysis(run=RunInfo(version="t", started="2026-01-01T00:00:00Z"),
                        articles=arts, stories=[story])
    lines = [ln.text for ln in story_brief(story, analysis).agreed]
    assert lines == ["According to Portgrain SA, the fire was caused by a dust explosion; Ana "
                     "Varga and Harbour Office dispute it"], lines


def test_a_peoples_name_stays_capitalised_and_a_name_cut_in_its_brackets_ends_before_them():
    """"Chinese officials" opened its sentence, but the sources write "Chinese" capitalised
    inside their sentences too: it is a people's name, not a description to lower-case; a
    speaker cut inside its brackets ("Goldman (GS") is named without them."""
    from consilience.model import Article
    from consilience.report.brief import in_text

    text = ("Chinese officials said control was lost. Beijing and Chinese engineers met on "
            "Monday. Local fishermen saw the debris.")
    art = Article(id="a", input_text=text, text=text)
    assert in_text("Chinese officials", [art]) == "Chinese officials"
    assert in_text("Local fishermen", [art]) == "local fishermen"
    assert in_text("Goldman (GS") == "Goldman"
    assert in_text("Vladimir Putin (Russia)") == "Vladimir Putin (Russia)"


def _claimed(texts: dict[str, str]):
    """Articles with their claims, one per text (outlet "<id>.example")."""
    from consilience.claims.extract import claims as extract
    from consilience.model import Article
    from consilience.nlp.annotate import annotate
    from consilience.nlp.quantities import quantities
    from consilience.nlp.quotes import quotes

    return {k: extract(quotes(quantities(annotate(Article(id=k, input_text=t, text=t,
                                                          outlet=f"{k}.example")))))
            for k, t in texts.items()}


def _group_brief(arts, members, sides: list[str]):
    """One corroborated group of ``members`` (claims of ``arts``), each told by the side
    given, and the brief of its one-group story."""
    from consilience.model import Analysis, RunInfo, Story

    refs = [arts[c.article].source_ref(c.span.start, c.span.end) for c in members]
    group = StoryClaim(id="g", text=members[0].text, verdict=Verdict.corroborated, sources=refs,
                       independent_sources=2, claims=[c.id for c in members],
                       explanation=Explanation(summary="", rule="r", compared=[
                           Compared(source=r, asserted_by=w) for r, w in zip(refs, sides)]))
    story = Story(id="s", title="t", articles=list(arts), claims=[group])
    analysis = Analysis(run=RunInfo(version="t", started="2026-01-01T00:00:00Z"),
                        articles=list(arts.values()), stories=[story])
    return group, story_brief(story, analysis)


def test_a_noun_with_its_clause_is_listed_but_not_told_in_the_account():
    """Two outlets both tell of the spokeswoman "traveling with the minister": a fact they agree
    on, listed under "agree on", but a noun with its clause is no sentence of the account; a
    subject relative still reads as one ("X, who flew to the port" -> "X flew to the port")."""
    arts = _claimed({
        "one": "Harbour Office spokeswoman Sarah Huckabee Collins, traveling with the minister "
               "on his tour of Constanta, told reporters that the pier would reopen on Friday.",
        "two": "Harbour Office spokeswoman Sarah Huckabee Collins, traveling with the minister "
               "on his tour of Constanta, said the cranes were undamaged."})
    phrases = [next(c for c in a.claims if "traveling with the minister" in c.text)
               for a in arts.values()]
    assert all(c.noun_phrase for c in phrases)
    _, brief = _group_brief(arts, phrases, ["outlet", "outlet"])
    assert not any("traveling with the minister" in ln.text for ln in brief.account), \
        brief.account
    assert any("traveling with the minister" in ln.text for ln in brief.agreed)


def test_a_clause_cut_from_its_sentence_is_listed_but_not_told_in_the_account():
    """A witness says "The lorry was stopped by police units at the harbour gate"; another
    outlet says in its own words that the van drove on "before being stopped by police units at
    the harbour gate". The group is told in the outlet's own words, a clause: listed with what
    the sources agree on, but "Being stopped by police units ..." is no sentence of the
    account. Of an outlet's own words, a sentence tells a group before a clause cut from one."""
    from consilience.report.brief import voiced

    arts = _claimed({
        "one": "Witness Ana Pop spoke on Friday. \u201cThe lorry was stopped by police units at "
               "the harbour gate,\u201d Pop said.",
        "two": "The van crossed the old square before being stopped by police units at the "
               "harbour gate."})
    said = next(c for c in arts["one"].claims if c.text.startswith("The lorry was stopped"))
    clause = next(c for c in arts["two"].claims if c.text.startswith("being stopped"))
    assert said.asserted_by != "outlet" and clause.asserted_by == "outlet"
    group, brief = _group_brief(arts, [said, clause], [said.asserted_by, "outlet"])
    assert any(ln.text.startswith("being stopped") for ln in brief.agreed), brief.agreed
    assert not any("stopped by police" in ln.text for ln in brief.account), brief.account
    # with a sentence of an outlet's own beside the clause, the sentence tells the group
    sentence = group.sources[1].model_copy(
        update={"text": "The van was stopped by police units"})
    both = group.model_copy(update={"explanation": group.explanation.model_copy(update={
        "compared": [*group.explanation.compared, Compared(source=sentence,
                                                           asserted_by="outlet")]})})
    assert voiced(both) == "The van was stopped by police units"


def test_a_quotation_ending_with_an_initialism_keeps_its_full_stop(examples_analysis):
    """"The fire was contained by 2 p.m. and shipping was not interrupted": the clause one
    outlet quotes and another reports in its own words is told as agreed, quoted with the
    "p.m." it ends with."""
    from consilience.nlp.models import without_stop

    assert [without_stop(t) for t in ("by 2 p.m.", "it ended.", "in the U.S..")] == [
        "by 2 p.m.", "it ended", "in the U.S."]
    story = next(s for s in examples_analysis.stories if "danube-herald" in s.articles)
    brief = story_brief(story, examples_analysis)
    agreed = [line for line in brief.agreed if "contained by 2" in line.text]
    assert [line.text for line in agreed] == [
        "According to Elena Dobre, \u201cThe fire was contained by 2 p.m.\u201d"], agreed
    assert {s.article for s in agreed[0].sources} >= {"bsw-20250311-constanta",
                                                        "bucharest-daily"}


def test_a_speaker_is_named_as_the_storys_entity_only_where_the_name_says_so():
    """Spellings and short forms of one person or body become the story's name for it; a
    phrase that merely mentions an entity, a body of another country, or the tagger's "person"
    that is a film title does not."""
    from consilience.model import Story, StoryEntity
    from consilience.report.brief import canonical_names

    def entity(name, type_, *aliases):
        return StoryEntity(id=name, name=name, type=type_, aliases=[name, *aliases])

    story = Story(id="s", title="", articles=[], entities=[
        entity("Volodymyr Zelenskyy", "person", "Volodomyr Zelensky", "Zelensky"),
        entity("Donald Trump", "person", "Trump"),
        entity("Korean Central News Agency", "organization", "KCNA"),
        entity("Foreign Ministry", "organization"),
        entity("Kill Bill", "person", "Bill"),
        entity("• Maria Varga", "person", "Maria Varga"),
        entity("United Nations", "organization", "UN"),
    ])
    canonical = canonical_names(story)
    assert canonical("Volodomyr Zelensky") == "Volodymyr Zelenskyy"
    assert canonical("Ukrainian President Volodomyr Zelensky") == "Volodymyr Zelenskyy"
    assert canonical("Trump") == "Donald Trump"
    assert canonical("KCNA") == "Korean Central News Agency"
    assert canonical("the Foreign Ministry") == "Foreign Ministry"
    for kept in ("Moscow's foreign ministry", "A spokesman for Donald Trump", "Bill",
                 "the complaint against Donald Trump", "Maria Varga", "outlet", None,
                 "the US Ambassador to the United Nations", "Zelensky's office"):
        assert canonical(kept) == kept, kept
    # a surname two people of the story share names neither of them
    family = Story(id="t", title="", articles=[], entities=[
        entity("Robert Thurman", "person", "Thurman"), entity("Uma Thurman", "person"),
        entity("Donald Trump", "person", "Trump")])
    canonical = canonical_names(family)
    assert canonical("Thurman") == "Thurman" and canonical("Trump") == "Donald Trump"
