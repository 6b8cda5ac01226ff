"""Like with like: claim frames, quantity variables, disputes from the parse, relayed reporting,
polarity, attribution between people or bodies, and the brief's speakers."""

from __future__ import annotations

from consilience.claims.disputes import find_denials
from consilience.claims.extract import claims
from consilience.claims.judge import _opposite_polarity
from consilience.claims.verdicts import agent, compare_values, same_variable
from consilience.model import Article, Claim, Compared, Explanation, SourceRef, Story, StoryClaim, Verdict
from consilience.nlp.annotate import annotate
from consilience.nlp.quantities import quantities
from consilience.nlp.quotes import quotes
from consilience.report.brief import voiced


def _art(text: str, id: str = "a", outlet: str | None = None) -> Article:
    art = Article(id=id, input_text=text, text=text, outlet=outlet or id)
    return claims(quotes(quantities(annotate(art))))


def _claim(art: Article, words: str):
    return next(c for c in art.claims if words in c.text)


def _pair(t1: str, w1: str, t2: str, w2: str):
    a1, a2 = _art(t1, "one"), _art(t2, "two")
    return [((_claim(a1, w1), a1), (_claim(a2, w2), a2))], Story(id="s", title="",
                                                                  articles=["one", "two"])


def test_figures_about_different_funds_are_not_compared():
    pairs, story = _pair("The plan takes $2.5 billion in counter-drug funds from the budget.",
                         "counter-drug",
                         "The plan takes $3.5 billion in military construction funds from the "
                         "budget.", "military")
    assert compare_values(pairs, story) is None
    pairs, story = _pair("The plan takes $2.5 billion in counter-drug funds from the budget.",
                         "counter-drug",
                         "The plan takes $3.6 billion in counter-drug funds from the budget.",
                         "counter-drug")
    found = compare_values(pairs, story)
    assert found is not None and found[0] == Verdict.contradicted


def test_vague_amounts_and_other_currencies_are_never_values():
    pairs, story = _pair("The case puts billions of dollars at stake for the retailer.",
                         "billions",
                         "The case puts $1.4 billion at stake for the retailer.", "1.4")
    assert compare_values(pairs, story) is None
    pairs, story = _pair("The family paid a fine of 30,000 Egyptian pounds to the court.", "fine",
                         "The family paid a fine of 30,000 pounds to the court.", "fine")
    assert compare_values(pairs, story) is None


def test_quantities_carry_their_variable_and_currency():
    got = {q.text: q for q in _art(
        "The rocket reached an altitude of 2,300 miles. The village lies 1,000 km east of Cairo. "
        "He paid 30,000 Egyptian pounds and Obama announced 23 executive actions.").quantities}
    assert got["2,300 miles"].variable == "altitude"
    assert got["1,000 km"].variable == "east of cairo"
    assert got["30,000 Egyptian pounds"].kind == "money"
    assert got["30,000 Egyptian pounds"].unit == "EGP"
    assert got["23"].variable == "action|executive"
    assert not same_variable(got["2,300 miles"].variable, got["1,000 km"].variable)
    assert same_variable("fund", "fund|counter,drug")
    assert not same_variable("fund|counter,drug", "fund|construction,military")


def test_disputes_are_read_from_the_parse():
    art = _art("Rep. Rodney Davis said the bill would have the public pay for campaigns. "
               "She and other Democrats disputed the claim that taxpayers will pay for campaigns.")
    (d,) = find_denials(art)
    assert d["who"] and "Democrats" in d["who"] or d["who"] == "She"
    assert art.text[slice(*d["target"])] == "taxpayers will pay for campaigns"
    art = _art("House GOP leader Kevin McCarthy said the legislation would undermine the "
               "integrity of elections. Democrats called that a mischaracterization.")
    (d,) = find_denials(art)
    assert d["who"] == "Democrats" and d["cue"] == "mischaracterization"
    # "that" is what the sentence before reports McCarthy saying
    assert art.text[slice(*d["target"])] == "the legislation would undermine the integrity of elections"
    assert d["holder"] == "Kevin McCarthy"
    # a vote against an agenda, a denial that did not happen, a false thing named: no dispute
    for text in ("House Democrats rejected Obama's trade agenda in overwhelming numbers.",
                 "The statement did not directly dispute that Trump had directed Cohen to lie.",
                 "Mr. Cohen initially repeated his false statements to the prosecutors."):
        assert find_denials(_art(text)) == [], text


def test_claim_frames():
    art = _art("Shipping in the southern basin was halted by the port authority for six hours. "
               "The New York Times is reporting that the senator will resign next week. "
               "The senator did not attend the vote, and the bill may fail in the Senate.")
    halted = _claim(art, "halted")
    assert halted.theme == "Shipping in the southern basin" and "port authority" in halted.agent
    assert halted.polarity == "positive" and halted.predicate == "halt"
    relayed = _claim(art, "resign")
    assert relayed.relayed_from and "New York Times" in relayed.relayed_from
    assert relayed.speaker_span is not None and "New York Times" in relayed.speaker_span.text
    attend = _claim(art, "attend")
    assert attend.polarity == "negative" and attend.asserted_by == "outlet"
    assert _claim(art, "may fail").hedge == "may"


def test_opposite_polarity_of_one_frame_is_never_one_statement():
    a = _art("There is no national emergency at the southern border.", "one")
    b = _art("There is a national emergency at the southern border.", "two")
    assert _opposite_polarity(a.claims[0], b.claims[0])
    c = _art("Safety checks at the terminal had not been carried out for two years.", "three")
    d = _art("Safety inspections at the terminal had been skipped for two years.", "four")
    assert not _opposite_polarity(c.claims[0], d.claims[0])


def test_agents_are_people_or_bodies():
    art = _art("The police arrested two men in Boston on Friday. France and Germany met.")
    assert agent(_claim(art, "arrested"), art) == "The police"
    span = art.span(0, 6)
    for subject in ("BOSTON", "she", "France"):  # a dateline, a pronoun, a place alone
        c = Claim(id="c", article="a", text="x", span=span, subject=subject, predicate="condemn",
                  entities=["France", "BOSTON"])
        assert agent(c, art) is None, subject


def _story_claim(asserted: list[str], text: str) -> StoryClaim:
    ref = SourceRef(article="a", start=0, end=len(text), input_start=0, input_end=len(text),
                    text=text)
    return StoryClaim(id="x", text=text, verdict=Verdict.corroborated, sources=[ref],
                      explanation=Explanation(summary="", rule="r", compared=[
                          Compared(source=ref, asserted_by=w) for w in asserted]))


def test_the_account_names_who_asserts():
    text = "A dust explosion in a conveyor belt caused the fire"
    assert voiced(_story_claim(["outlet", "Portgrain SA"], text)) == text
    assert voiced(_story_claim(["Portgrain SA"], text)) == (
        "According to Portgrain SA, a dust explosion in a conveyor belt caused the fire")
    assert voiced(_story_claim(["she"], text)) is None
    assert voiced(_story_claim(["a video"], text)) is None


def test_story_disputes_come_from_the_denials_the_article_stage_read(monkeypatch):
    """The ``disputes`` article stage keeps each article's denials; the story stage ``judge``
    builds its contested claims from them without parsing an article again."""
    from pathlib import Path

    import consilience.nlp.annotate as annotate_mod
    from consilience.api import analyze
    from consilience.claims.judge import judge
    from consilience.nlp.annotate import drop_parse

    examples = Path(__file__).resolve().parents[1] / "examples" / "articles"
    analysis = analyze([examples], workers=1)
    arts = {a.id: a for a in analysis.articles}
    for art in arts.values():
        assert art.stages[-1] == "disputes"
        stored = [(d.who, d.cue, d.sentence.start, d.sentence.end,
                   (d.target.start, d.target.end) if d.target else None) for d in art.denials]
        assert stored == [(d["who"], d["cue"], d["start"], d["end"], d["target"])
                          for d in find_denials(drop_parse(art))]
        drop_parse(art)
        for d in art.denials:
            assert d.sentence.text == art.text[d.sentence.start:d.sentence.end]
            assert art.input_text[d.sentence.input_start:d.sentence.input_end].strip()
    assert any(art.denials for art in arts.values())
    (story,) = [s for s in analysis.stories
                if any(c.explanation.rule == "disputed-by-party" for c in s.claims)]

    def no_parse(text):
        raise AssertionError("a story stage parsed an article again")

    monkeypatch.setattr(annotate_mod, "parse_text", no_parse)
    again = judge(story.model_copy(deep=True, update={"claims": []}),
                  {i: arts[i] for i in story.articles})
    assert [c.model_dump() for c in again.claims] == [c.model_dump() for c in story.claims]
    # without the stored denials the story has no dispute
    bare = {i: arts[i].model_copy(update={"denials": []}) for i in story.articles}
    assert not any(c.explanation.rule == "disputed-by-party"
                   for c in judge(story.model_copy(deep=True, update={"claims": []}),
                                  bare).claims)


def test_reported_content_stops_at_the_next_quotes_cue():
    """ "welcomed the plan but said they had not been asked" is two statements, not one
    running on past the second cue."""
    art = _art("Dock workers in Varna welcomed the pay plan but said they had not been asked "
               "about the new shift rota.", "one")
    texts = [c.text for c in art.claims]
    assert not any("but said" in t for t in texts), texts
    assert any(t.startswith("they had not been asked") for t in texts), texts


def test_the_outlets_own_clause_beside_reported_speech_is_a_claim():
    """A sentence that reports speech in one clause and states a fact in another gives the
    fact as the outlet's claim; speech framing the main clause leaves it the speaker's."""
    art = _art("The harbour board did not publish a safety plan during the past decade, and "
               "The Coastal Herald reports that its inspectors skipped three annual checks.")
    own = [c.text for c in art.claims if c.asserted_by == "outlet" and not c.part_of]
    assert own == ["The harbour board did not publish a safety plan during the past decade"], own
    assert any(c.asserted_by != "outlet" and c.text.startswith("its inspectors skipped")
               for c in art.claims), [(c.asserted_by, c.text) for c in art.claims]
    sub = _art("The port authority is preparing to fine the ferry operator after its manager "
               "denied a request to hand over the logbooks of the vessel.")
    assert any(c.asserted_by == "outlet" and c.text.startswith("The port authority is preparing")
               for c in sub.claims), [(c.asserted_by, c.text) for c in sub.claims]
    framed = _art("The ferry will not sail again this winter, according to the port authority.")
    assert all(c.asserted_by != "outlet" for c in framed.claims), [
        (c.asserted_by, c.text) for c in framed.claims]


def _three_speakers(*texts: str):
    """Articles one, two, three of ``texts``, their story with entities resolved, and each
    article's first claim."""
    from consilience.stories.entities import resolve_entities

    arts = {name: _art(t, name) for name, t in zip(("one", "two", "three"), texts)}
    story = resolve_entities(Story(id="s", title="", articles=list(arts)), arts)
    return arts, story, [a.claims[0] for a in arts.values()]


def test_one_speakers_short_statements_in_two_outlets_are_aligned():
    from consilience.claims.judge import align, similarities

    _, story, said = _three_speakers("“It is wrong,” Governor Ana Ruiz said of the closure.",
                                     "“It's wrong,” Governor Ana Ruiz told reporters on Friday.",
                                     "“It is wrong,” said Mayor Petr Novak.")
    assert all("wrong" in c.text for c in said)
    assert [c.asserted_by for c in said] == ["Ana Ruiz", "Ana Ruiz", "Petr Novak"]
    _, anchor, _, _ = similarities(said, story)
    # one named speaker anchors a link that shares too few words to be anchored otherwise
    assert anchor[0, 1] and not anchor[0, 2] and not anchor[1, 2]
    groups, _ = align(said[:2], story)
    assert len(groups) == 1


def test_a_quotation_two_outlets_frame_differently_is_one_statement():
    from consilience.claims.judge import VERBATIM_WORDS, judge

    one = _art("Ruiz “believes that we cannot allow a single complaint ― in this case, one from "
               "many years ago ― to close a school that serves the whole valley” and that the "
               "board will decide on Monday.", "one")
    two = _art("Like most parents, the governor believes we cannot allow a single complaint, in "
               "this case one from many years ago, to close a school that serves the valley.",
               "two")
    three = _art("The governor said a single complaint should not close the school.", "three")
    arts = {"one": one, "two": two, "three": three}
    story = judge(Story(id="s", title="", articles=list(arts)), arts)
    quoted = [sc for sc in story.claims if {r.article for r in sc.sources} >= {"one", "two"}]
    assert len(quoted) == 1 and quoted[0].verdict == Verdict.corroborated
    assert "share 12 or more words verbatim" in quoted[0].explanation.summary


def test_a_fact_one_outlet_tells_twice_joins_the_other_outlets_telling():
    """The one-to-one match of two articles pairs the other outlet's sentence with one telling;
    the lead restated further down joins the same group, the rest of the article does not."""
    from consilience.claims.judge import align

    one = _art("The harbour of Varna reopened to cargo ships on Tuesday after a three-day "
               "closure. Dock workers had walked out over pay. The harbour of Varna reopened to "
               "cargo ships on Tuesday after a closure of three days, the port authority said.",
               "one")
    two = _art("Varna's harbour reopened to cargo ships on Tuesday after a three-day closure "
               "caused by a strike.", "two")
    groups, links = align(one.claims + two.claims, Story(id="s", title="",
                                                         articles=["one", "two"]))
    (group,) = [g for g in groups if len(g) > 1]
    assert sorted(c.article for c in group) == ["one", "one", "two"]
    assert not any("Dock workers" in c.text for c in group)
    assert len(links["links"]) == 2  # each telling of "one" holds its own link to "two"


def test_verbatim_links_need_the_set_number_of_words_in_a_row():
    import numpy as np

    from consilience.claims.judge import VERBATIM_WORDS, _verbatim_links

    shared = "the board will meet again after harvest festival ends next week".split()
    a = _art(" ".join(["Officials said"] + shared[:VERBATIM_WORDS]) + ".", "one")
    b = _art(" ".join(["Teachers hope"] + shared[:VERBATIM_WORDS]) + " in the hall.", "two")
    c = _art(" ".join(["Parents expect"] + shared[:VERBATIM_WORDS - 1]) + ", they said.", "three")
    claims_ = [a.claims[0], b.claims[0], c.claims[0]]
    links = _verbatim_links(claims_, np.zeros(3, dtype=bool))
    assert [(i, j) for i, j, _ in links] == [(0, 1)]


def test_a_formula_said_of_two_parties_is_not_one_statement():
    from consilience.claims.judge import judge

    one = _art("The White House did not immediately respond to a request for comment on Friday.",
               "one")
    two = _art("Moore's campaign did not immediately respond to a request for comment on Friday.",
               "two")
    arts = {"one": one, "two": two}
    story = judge(Story(id="s", title="", articles=list(arts)), arts)
    assert not any(sc.verdict == Verdict.corroborated for sc in story.claims)


def test_one_speakers_words_in_two_outlets_gain_the_speaker_bonus():
    from consilience.claims.judge import SPEAKER_BONUS, similarities

    _, story, said = _three_speakers(
        "Governor Ana Ruiz said the plant would reopen within a month.",
        "Governor Ana Ruiz said production would resume in four weeks.",
        "Mayor Petr Novak said production would resume in four weeks.")
    assert said[1].text == said[2].text  # one statement, two speakers
    sim, _, _, _ = similarities(said, story)
    assert abs((sim[0, 1] - sim[0, 2]) - SPEAKER_BONUS) < 1e-6


def test_one_figure_in_two_outlets_closest_sentences_links_them():
    from consilience.claims.judge import ALIGN_THRESHOLD, FIGURE_LINK, judge, similarities

    one = _art("The Water Access Act, which passed 218-207, was the coalition’s first priority "
               "after it won the assembly in March.", "one")
    two = _art("The assembly approved the measure 218-207. Farmers in the valley had lobbied "
               "for it for years.", "two")
    arts = {"one": one, "two": two}
    story = Story(id="s", title="", articles=list(arts))
    first, vote = one.claims[0], _claim(two, "218-207")
    sim, _, _, _ = similarities([first, vote], story)
    # below the similarity that links sentences, above the floor for a shared figure
    assert FIGURE_LINK <= sim[0, 1] < ALIGN_THRESHOLD["embeddings"]
    story = judge(story, arts)
    linked = [sc for sc in story.claims if {r.article for r in sc.sources} == {"one", "two"}]
    assert len(linked) == 1 and linked[0].verdict == Verdict.corroborated
    assert "state the figure 218-207" in linked[0].explanation.summary


def test_figures_that_link_leave_out_years_and_single_digits():
    from consilience.claims.judge import _figures

    assert _figures("Passed 234-193 in 2019 with 3 abstentions; 1,200 troops and 544 "
                    "managers; $716 billion over 2.5 years") == {"234-193", "1,200", "544", "716"}


def test_an_act_on_a_thing_is_the_outlets_statement_and_a_relay_inside_it_is_no_relay():
    """ "X rejected a subpoena for documents, citing the Fifth Amendment": no statement of X's
    is reported, the outlet tells an act; a clause of the outlet's that mentions another
    outlet's report ("after the Coastal Herald reported on ...") is not relayed from it."""
    art = _art("On Monday, the harbour master, in a letter from his lawyer, rejected a subpoena "
               "for the logbooks, citing his right against self-incrimination.")
    assert [(c.asserted_by, c.text.split(",")[0]) for c in art.claims if not c.part_of] == [
        ("outlet", "On Monday")], [(c.asserted_by, c.text) for c in art.claims]
    art = _art("The mayor lashed out at reporters after the Coastal Herald reported on the "
               "harbour master's missing logbooks.")
    own = [c for c in art.claims if c.asserted_by == "outlet" and not c.part_of]
    assert own and all(c.relayed_from is None for c in own), [
        (c.text, c.relayed_from) for c in art.claims]


def test_what_a_speaker_urges_others_to_do_is_an_act_the_outlet_tells():
    """ "urged members to vote against the bill" is a directive, told by the outlet as the
    speaker's act; "promised to repay the money" is the speaker's own commitment."""
    art = _art("The dock workers' union urged members to vote against the new shift rota.")
    assert [(c.asserted_by, c.text) for c in art.claims if not c.part_of] == [
        ("outlet", "The dock workers' union urged members to vote against the new shift rota")]
    art = _art("The harbour master promised to repay the money spent on the settlement.")
    assert any(c.asserted_by != "outlet" and c.text.startswith("to repay the money")
               for c in art.claims), [(c.asserted_by, c.text) for c in art.claims]


def test_what_a_speaker_calls_a_thing_is_their_statement():
    """Naming or characterising an object ("called the plan a power grab", "dismissed the rota
    as a stunt") states something of it: the speaker's claim, unlike an act on the object."""
    art = _art("The dock workers' union called the new shift rota a power grab by the port "
               "authority.")
    assert any(c.asserted_by != "outlet" and c.text.startswith("the new shift rota a power grab")
               for c in art.claims), [(c.asserted_by, c.text) for c in art.claims]
    art = _art("The harbour master dismissed the new shift rota as a stunt by the union's "
               "leaders.")
    assert any(c.asserted_by != "outlet" and c.text.startswith("the new shift rota as a stunt")
               for c in art.claims), [(c.asserted_by, c.text) for c in art.claims]


def test_each_sentence_reads_the_quotes_it_holds():
    """The claims stage reads each sentence's quotes from an index made once per article: the
    same quotes, in the same order, as a scan of all the article's quotes finds (content
    overlapping the sentence, or a cue starting in it), a quotation running over paragraphs
    included."""
    from consilience.claims.extract import quotes_by_sentence
    from consilience.nlp.annotate import parse

    text = ("“The berth will stay closed. The cranes failed an inspection.\n“We will reopen it "
            "on Monday,” said harbour master Ana Pop. The union said 40 workers were sent "
            "home. Shipping was halted for six hours, the port authority said. Mihai Stanciu, "
            "a union leader, told reporters: “Inspections were skipped for two years.”")
    art = quotes(quantities(annotate(Article(id="q", input_text=text, text=text))))
    assert len(art.quotes) >= 3
    sents = [(s.start_char, s.end_char) for s in parse(art).sents]
    indexed = quotes_by_sentence(art, sents)
    for (s0, e0), got in zip(sents, indexed):
        scan = [q for q in art.quotes
                if (q.content_span.start < e0 and s0 < q.content_span.end)
                or (q.cue_span and s0 <= q.cue_span.start < e0)]
        assert got == scan, (text[s0:e0], got, scan)
    assert any(len(got) > 0 for got in indexed[1:])


def test_a_speaker_left_as_a_pronoun_is_no_shared_speaker():
    """Two outlets' "she said" that the quotes stage could not resolve are no one speaker: no
    speaker bonus and no anchor between otherwise unrelated claims; one named speaker is."""
    from consilience.claims.judge import similarities
    from consilience.model import Span

    def claim(id: str, article: str, text: str, by: str) -> Claim:
        return Claim(id=id, article=article, text=text, asserted_by=by,
                     span=Span(start=0, end=len(text), input_start=0, input_end=len(text)))

    story = Story(id="s", title="", articles=["a", "b"])
    pair = [claim("a:c0", "a", "The ferry left the harbour at noon", "she"),
            claim("b:c0", "b", "Prices of bread rose again this week", "she")]
    _, anchor, _, _ = similarities(pair, story)
    assert not anchor[0, 1]
    named = [c.model_copy(update={"asserted_by": "Ana Pop"}) for c in pair]
    _, anchor, _, _ = similarities(named, story)
    assert anchor[0, 1]


def test_a_surname_two_people_share_names_neither_of_them():
    """A speaker phrase is the entity of that exact name before any entity whose name ends with
    it: "Zuma", kept apart because Jacob and Khulubuse Zuma share it, is not Jacob Zuma."""
    from consilience.claims.extract import _resolve
    from consilience.model import Entity

    text = "Jacob Zuma spoke. Khulubuse Zuma was named. Zuma rejected the allegations."
    art = Article(id="z", input_text=text, text=text)
    at = {name: text.index(name) for name in ("Jacob Zuma", "Khulubuse Zuma")}
    last = text.index("Zuma rejected")
    art.entities = [
        Entity(id="z:e0", name="Jacob Zuma", type="person",
               mentions=[art.span(at["Jacob Zuma"], at["Jacob Zuma"] + 10, "annotate")]),
        Entity(id="z:e1", name="Khulubuse Zuma", type="person",
               mentions=[art.span(at["Khulubuse Zuma"], at["Khulubuse Zuma"] + 14, "annotate")]),
        Entity(id="z:e2", name="Zuma", type="person",
               mentions=[art.span(last, last + 4, "annotate")])]
    assert _resolve("Zuma", art, last) == "Zuma"
    assert _resolve("Khulubuse Zuma", art, last) == "Khulubuse Zuma"
    assert _resolve("President Jacob Zuma", art, 0) == "Jacob Zuma"


def test_a_spokesman_for_a_body_speaks_for_the_body():
    """"A spokesman for the union said ...": the union's statement, not "for the union"."""
    from consilience.claims.extract import claims
    from consilience.model import Article
    from consilience.nlp.annotate import annotate
    from consilience.nlp.quantities import quantities
    from consilience.nlp.quotes import quotes

    text = ("Portgrain SA runs the terminal. A spokesman for the union said the pier was unsafe. "
            "A spokeswoman for Portgrain SA said the pier would reopen on Friday.")
    art = claims(quotes(quantities(annotate(Article(id="a", input_text=text, text=text)))))
    by = {c.text: c.asserted_by for c in art.claims}
    assert by["the pier was unsafe"] == "the union"
    assert by["the pier would reopen on Friday"] == "Portgrain SA"


def test_what_a_subordinate_cue_reports_stops_at_its_clause():
    """"after the union had called for an inquiry and hinted at a strike, the port authority
    took the unusual step of ...": calling for an inquiry urges, it names nothing, and what the
    union said is no part of the main clause: no claim of the union's holds the authority's
    act, which the outlet states."""
    art = _art("But on Friday, after the dock workers' union had called for an inquiry and "
               "hinted at a strike, the port authority took the unusual step of releasing a "
               "statement on the fire.")
    union = [c for c in art.claims if "union" in c.asserted_by]
    assert not any("took the unusual step" in c.text for c in union), union
    step = [c for c in art.claims if "took the unusual step" in c.text]
    assert step and all(c.asserted_by == "outlet" for c in step), step


def test_a_statement_cut_short_is_no_claim_and_a_trailing_conjunction_is_no_part_of_one():
    """A quotation its frame cuts after a conjunction (“The port will be shut for weeks and,”
    he said, “...”) is one statement with the words after the frame; a sentence the page cut
    short ("... was watching the fireworks from the") states nothing."""
    art = _art("\u201cThe southern pier will be shut for several weeks and,\u201d the harbour "
               "master said, \u201cwe will need new cranes.\u201d\n"
               "A student from Varna was watching the fireworks from the\n"
               "The ferry left on time.")
    texts = [c.text for c in art.claims]
    said = [c for c in art.claims if c.asserted_by != "outlet"]
    assert [c.text for c in said] == ["The southern pier will be shut for several weeks and,\u201d "
                                      "the harbour master said, \u201cwe will need new cranes"]
    assert not any(t.rstrip(". ").endswith((" and", " the")) for t in texts), texts


def test_a_speaker_described_by_the_body_it_sits_in_is_not_that_body():
    """ "One of the most senior lawmakers in the National Assembly" is a person, not the
    assembly; "officials interviewed by The Herald" are not the newspaper; a study "by" an
    institute, a report "from" an office, are theirs."""
    art = _art("The National Assembly met on Monday. One of the most senior lawmakers in the "
               "National Assembly said the fuel tax would be withdrawn before the winter. A study "
               "by the Institute for Fiscal Studies said the tax would raise little. Officials "
               "interviewed by The Herald said the decision was taken in haste. A report from "
               "the Central Statistics Office said fuel prices rose by a tenth.", "one")
    assert _claim(art, "fuel tax").asserted_by == ("One of the most senior lawmakers in the "
                                                   "National Assembly")
    assert _claim(art, "raise little").asserted_by == "Institute for Fiscal Studies"
    assert _claim(art, "in haste").asserted_by == "Officials interviewed by The Herald"
    assert _claim(art, "prices rose").asserted_by == "Central Statistics Office"
    # a name after any preposition modifies the phrase: "the row over the Harbour Authority"
    # is no word of the authority's
    art = _art("The Harbour Authority met on Monday. The bitter row over the Harbour Authority "
               "signalled that the budget would be cut.", "two")
    assert _claim(art, "budget would be cut").asserted_by != "Harbour Authority"


def test_a_place_that_acts_or_owns_locates_nothing():
    """A place after a locative preposition locates what a claim tells ("in Constanta" beside
    "in Romania": compatible); a country that acts ("Romania welcomed ...") locates nothing,
    so no place is compared."""
    from consilience.claims.verdicts import compare_places, event_places
    from consilience.geo.places import places

    def located(text: str, id: str) -> Article:
        art = Article(id=id, input_text=text, text=text, outlet=id)
        return claims(places(quotes(quantities(annotate(art)))))

    port = located("The dock strike in Constanta ended on Friday after four days.", "one")
    country = located("The dock strike in Romania ended on Friday after four days.", "two")
    acting = located("Romania welcomed the end of the dock strike on Friday.", "three")
    story = Story(id="s", title="", articles=["one", "two", "three"])
    assert event_places(port.claims[0], port) and event_places(country.claims[0], country)
    assert acting.claims[0].places and not event_places(acting.claims[0], acting)
    found = compare_places([((port.claims[0], port), (country.claims[0], country))], story)
    assert found is not None and found[:2] == (Verdict.compatible, "region-contains-place")
    assert compare_places([((port.claims[0], port), (acting.claims[0], acting))], story) is None


def test_a_quotation_that_ends_a_relative_clause_names_what_it_is_about():
    """ 'He pointed to 40 shift supervisors who "were told to ignore the alarms"': the
    speaker's words are about the supervisors; the claim holds them, not a bare predicate."""
    art = _art("Tom Varga, a lawyer for the families, said the inquiry had failed them. He pointed "
               "to 40 shift supervisors who \"were told to ignore the alarms for weeks.\"", "one")
    said = _claim(art, "ignore the alarms")
    assert said.text.startswith("40 shift supervisors who")
    assert said.asserted_by == "Tom Varga"
    # a relative clause with a subject of its own is about that subject, not the noun
    art = _art("In an interview on Thursday, Mr. Varga said for the first time that he had "
               "“been far too patient” with the board in the hope that it would act.", "two")
    assert not any(c.text.startswith("the first time") and c.asserted_by != "outlet"
                   for c in art.claims)


def test_a_claim_a_party_is_said_to_make_is_the_partys():
    """ "Democrats lob charges that P", "the union repeated its claim that P": P is the party's
    claim (inside the outlet's sentence); "amid allegations that P" names no one, and "the
    ministry rejected the claim that P" does not make P the ministry's."""
    made = _art("The council met on Monday, as residents lob charges that the mayor ignored the "
                "flood warnings for weeks.", "one")
    (said,) = [c for c in made.claims if c.asserted_by != "outlet"]
    assert said.asserted_by == "residents" and said.part_of is not None
    assert said.text == "the mayor ignored the flood warnings for weeks"
    assert said.speaker_span is not None and said.speaker_span.text == "residents"
    for text in ("Amid allegations that the mayor ignored the flood warnings, the council met.",
                 "The ministry rejected the claim that the mayor ignored the flood warnings."):
        assert all(c.asserted_by == "outlet" for c in _art(text, "two").claims)


def test_one_named_partys_act_on_one_day_in_two_outlets_closest_sentences_links_them():
    from datetime import date

    from consilience.claims.judge import ALIGN_THRESHOLD, FIGURE_LINK, judge, similarities
    from consilience.nlp.times import times

    def dated(text: str, id: str, published: date) -> Article:
        art = Article(id=id, input_text=text, text=text, outlet=id, published=published)
        return claims(quotes(quantities(annotate(times(art)))))

    # the second outlet's "Saturday" is the first's, then the Saturday a week later
    for published, linked in ((date(2024, 3, 18), True), (date(2024, 3, 25), False)):
        one = dated("Mayor Ilse Brandt opened the new Danube footbridge on Saturday, ending two "
                    "years of detours for cyclists.", "one", date(2024, 3, 18))
        two = dated("Ilse Brandt, flanked by engineers, cut the ribbon on Saturday and promised "
                    "a second crossing by 2027.", "two", published)
        story = Story(id="s", title="", articles=["one", "two"])
        sim, _, _, _ = similarities([one.claims[0], two.claims[0]], story)
        # below the similarity that links sentences, above the floor for one party's dated act
        assert FIGURE_LINK <= sim[0, 1] < ALIGN_THRESHOLD["embeddings"]
        story = judge(story, {"one": one, "two": two})
        both = [sc for sc in story.claims if {r.article for r in sc.sources} == {"one", "two"}]
        assert bool(both) == linked, published
        if linked:
            assert both[0].verdict == Verdict.corroborated
            assert "one named party did on one day (2024-03-16)" in both[0].explanation.summary


def test_a_part_of_a_day_is_its_day_when_two_outlets_date_one_act():
    from consilience.claims.verdicts import compare_times
    from consilience.model import Span

    def dated(id: str, text: str, when: str) -> tuple[Claim, Article]:
        art = Article(id=id, input_text=text, text=text, outlet=id)
        return Claim(id=f"{id}-c", article=id, text=text, predicate="resign", times=[when],
                     span=Span(start=0, end=len(text), input_start=0, input_end=len(text),
                               text=text)), art

    story = Story(id="s", title="", articles=["one", "two"])
    friday = dated("one", "The senator resigned on Friday.", "2018-04-06")
    for when, verdict in (("2018-04-06TAF", None), ("2018-04-06TNI", None),
                          ("2018-04-07TMO", Verdict.contradicted),
                          ("2018-04", Verdict.compatible)):
        found = compare_times([(friday, dated("two", "The senator resigned.", when))], story)
        assert (found[0] if found else None) == verdict, when


def test_a_question_a_party_asked_is_corroborated_as_asked_and_never_a_statement():
    """Two outlets quoting one question a senator asked corroborate that she asked it (a third
    reporting her asking "whether ..." joins them); the question is not aligned with an
    outlet's statement of the same act, compared, or told as a fact: the account says she
    asked it. An outlet's own question is no claim."""
    from consilience.claims.judge import align, judge

    arts, story, _ = _three_speakers(
        "Senator Lena Okafor pressed the harbour board at a hearing on Tuesday. \u201cWhy did "
        "the board wait two years to inspect the pier?\u201d Okafor asked. What could go wrong?",
        "\u201cWhy did the board wait two years to inspect the pier?\u201d asked Senator Lena "
        "Okafor at the hearing on Tuesday.",
        "The board waited two years to inspect the pier, records show. Okafor asked whether "
        "the board had waited two years.")
    asked = [c for a in arts.values() for c in a.claims if c.question]
    assert sorted(c.text for c in asked) == [
        "Why did the board wait two years to inspect the pier?",
        "Why did the board wait two years to inspect the pier?",
        "whether the board had waited two years"]
    assert not any("go wrong" in c.text for a in arts.values() for c in a.claims)
    stated = next(c for c in arts["three"].claims if c.text.startswith("The board waited"))
    assert not stated.question
    groups, _ = align([c for a in arts.values() for c in a.claims], story)
    (group,) = [g for g in groups if any(c.question for c in g) and len(g) > 1]
    assert {"one", "two"} <= {c.article for c in group} and all(c.question for c in group)
    judged = judge(story, arts)
    (sc,) = [sc for sc in judged.claims if sc.text.startswith("Why did")]
    assert sc.verdict == Verdict.corroborated and sc.independent_sources == 3
    assert voiced(sc) == ("Lena Okafor asked: \u201cWhy did the board wait two years to inspect "
                          "the pier?\u201d")
    assert voiced(_story_claim(["Lena Okafor"], "whether the board had waited two years")) == (
        "Lena Okafor asked whether the board had waited two years")
    # a question nobody nameable asked is never told, least of all in an outlet's voice
    assert voiced(_story_claim(["she"], "Why did the board wait two years?")) is None


def test_the_words_of_a_bound_are_no_part_of_the_variable():
    """"as many as 1.5 million women" and "up to 1.6 million women" measure one variable,
    'woman': the bound's own words ("many") say how much, not of what."""
    got = {q.text: q.variable for q in _art(
        "The suit involves as many as 1.5 million women. A rival count puts it at up to 1.6 "
        "million women.").quantities}
    assert got == {"as many as 1.5 million": "woman", "up to 1.6 million": "woman"}, got


def test_a_cleft_sentence_names_the_act_of_its_relative_clause():
    """"We are the ones who have not cut the budget": the act is "cut", negated; "She was the
    one who signed the order": "sign"."""
    (c,) = [c for c in _art("We are the ones who have not cut the harbour budget this year.")
            .claims if not c.part_of]
    assert (c.predicate, c.polarity, c.theme) == ("cut", "negative", "the harbour budget")
    (c,) = [c for c in _art("Ms. Varga was the one who signed the order.").claims
            if not c.part_of]
    assert (c.predicate, c.polarity) == ("sign", "positive")
    # what exists or does not is no cleft: "There is no emergency that requires a wall" stays
    # a negated "be"
    for text in ("There is no national emergency that requires a wall.",
                 "This is no crisis that requires a wall."):
        (c,) = [c for c in _art(text).claims if not c.part_of]
        assert (c.predicate, c.polarity) == ("be", "negative"), text


def test_reported_words_whose_subject_is_a_relative_gap_name_the_noun():
    """"an alleged incident she said took place between her and the producer": the speaker's
    words are about the incident, supplied as their subject in brackets when told alone; a
    statement with its own subject supplies nothing."""
    art = _art("The paper detailed an alleged incident she said took place between her and the "
               "producer in a hotel. The inspectors found a crack that the engineers said had "
               "been there for years. The minister said the bridge would reopen on Monday.")
    incident = _claim(art, "took place between her")
    assert incident.shared == "an alleged incident" and incident.subject == "an alleged incident"
    assert incident.asserted_by != "outlet" and incident.text.startswith("took place")
    crack = _claim(art, "had been there for years")
    assert crack.shared == "a crack" and crack.asserted_by == "engineers"
    assert _claim(art, "the bridge would reopen").shared is None


def test_a_participle_cut_from_its_subject_states_nothing():
    """"Being stopped by police units who also shot dead the driver.": no subject, no claim;
    a participial opening before a main clause is part of a statement."""
    art = _art("The truck drove on for two kilometres along the seafront. Being stopped by "
               "police units who also shot dead the driver. Having won the vote, the party "
               "celebrated in the square.")
    assert not any("Being stopped" in c.text for c in art.claims)
    assert any(c.text.startswith("Having won the vote") for c in art.claims)
    assert any("truck drove on" in c.text for c in art.claims)
