"""Facts stated inside a sentence (a noun with its relative or participial clause) are compared
across outlets on their own: one outlet's sentence can corroborate a phrase of another's, with
the phrase's own span; a phrase no other outlet states is not reported twice."""

from __future__ import annotations

from consilience.claims.extract import claims, clause_facts, embedded_facts
from consilience.claims.judge import _regroup, judge, judge_group
from consilience.model import Article, Claim, Span, Story, Verdict
from consilience.nlp.annotate import annotate
from consilience.nlp.models import spacy_pipeline
from consilience.nlp.quantities import quantities
from consilience.nlp.quotes import quotes


def _art(text: str, id: str) -> Article:
    art = Article(id=id, input_text=text, text=text, outlet=f"{id}.example")
    return claims(quotes(quantities(annotate(art))))


def _one_corroborated(one: Article, two: Article):
    """The story of two articles judged, its one corroborated claim (asserted), and the text
    that claim cites in each article."""
    judged = judge(Story(id="s", title="", articles=["one", "two"]), {"one": one, "two": two})
    passed = [sc for sc in judged.claims if sc.verdict == Verdict.corroborated]
    assert len(passed) == 1, [(sc.verdict, sc.text) for sc in judged.claims]
    return judged, passed, {s.article: s.text for s in passed[0].sources}


def test_the_phrase_of_a_relative_clause_is_its_own_claim():
    nlp = spacy_pipeline()
    sent = next(nlp("The Harbour Safety Act, which passed 212-190 on Friday, was the "
                    "governing party's first priority after the election.").sents)
    spans = [sent.doc.text[s:e] for s, e, _ in embedded_facts(sent)]
    assert spans == ["The Harbour Safety Act, which passed 212-190 on Friday"]
    # what a party said about it is speech, not a fact inside the sentence
    denied = next(nlp("Dockers said the cranes went unchecked for two years, which the "
                      "operator denied.").sents)
    assert embedded_facts(denied) == []

    art = _art("The Harbour Safety Act, which passed 212-190 on Friday, was the governing "
               "party's first priority after the election.", "one")
    whole, part = art.claims
    assert part.part_of == whole.id and part.predicate == "pass"
    assert part.text == "The Harbour Safety Act, which passed 212-190 on Friday"
    assert whole.span.start <= part.span.start < part.span.end < whole.span.end


def test_a_sentence_of_one_outlet_corroborates_a_phrase_of_another():
    one = _art("The Harbour Safety Act, which passed 212-190 on Friday, was the governing "
               "party's first priority after the election. Opposition deputies walked out "
               "before the vote.", "one")
    two = _art("The Harbour Safety Act passed 212-190 on Friday. The port authority said it "
               "would hire forty new inspectors.", "two")
    judged, passed, texts = _one_corroborated(one, two)
    assert texts == {"one": "The Harbour Safety Act, which passed 212-190 on Friday",
                     "two": "The Harbour Safety Act passed 212-190 on Friday"}
    # the sentence that holds the phrase is still one outlet's statement, and no phrase that
    # no other outlet states is listed beside it
    whole = [sc for sc in judged.claims if "first priority" in sc.text]
    assert [sc.verdict for sc in whole] == [Verdict.single_source]
    assert whole[0].sources[0].text.startswith("The Harbour Safety Act, which passed")
    assert whole[0].explanation.rule == "phrase-aligned-alone"
    assert "which passed 212-190" in whole[0].explanation.summary
    phrases = {c.id for c in one.claims + two.claims if c.part_of}
    assert all(not set(sc.claims) <= phrases or sc.verdict == Verdict.corroborated
               for sc in judged.claims)


def test_a_fact_told_in_the_frame_of_a_quotation_is_the_outlets_claim():
    """ "“...,” says the letter, which the teachers sent to the governor with a copy of the
    audit": the quotation is the letter's; the relative clause, outside it, is the outlet's
    own statement of what the teachers did."""
    art = _art("“Your budget closes the rural schools of the province,” says the letter, which "
               "the teachers sent to Governor Weber along with a copy of the provincial audit.",
               "a")
    own = [c for c in art.claims if c.asserted_by == "outlet"]
    assert [c.text for c in own] == [
        "the letter, which the teachers sent to Governor Weber along with a copy of the "
        "provincial audit"], [(c.asserted_by, c.text) for c in art.claims]
    assert own[0].predicate == "send" and own[0].part_of is None
    assert any(c.asserted_by != "outlet" and c.text.startswith("Your budget closes")
               for c in art.claims)


def test_the_clauses_a_sentence_joins_are_facts_of_their_own():
    """Coordinated verb phrases and an adverbial clause with its own subject: each a span of
    its own, with the subject (and auxiliaries) it shares with the first clause supplied, the
    shared negation kept, the speaker of the sentence kept; a condition states no fact."""
    nlp = spacy_pipeline()
    sent = next(nlp("The bill would expand postal voting, create publicly funded port "
                    "elections and restore voting rights to thousands of former "
                    "prisoners.").sents)
    spans = [sent.doc.text[s:e] for s, e, _ in clause_facts(sent)]
    assert spans == ["The bill would expand postal voting",
                     "create publicly funded port elections",
                     "restore voting rights to thousands of former prisoners"]
    cond = next(nlp("The union will strike on Monday if the operator cuts the night "
                    "shift.").sents)
    assert clause_facts(cond) == []

    art = _art("The harbour master said the port has not reopened and will stay closed until "
               "Monday because the cranes failed an inspection.", "one")
    whole = next(c for c in art.claims if not c.part_of)
    parts = {c.text: c for c in art.claims if c.part_of}
    assert set(parts) == {"the port has not reopened", "will stay closed until Monday",
                          "the cranes failed an inspection"}, [c.text for c in art.claims]
    stay = parts["will stay closed until Monday"]
    failed = parts["the cranes failed an inspection"]
    assert all(p.part_of == whole.id and p.asserted_by == whole.asserted_by == "harbour master"
               for p in parts.values())
    assert stay.shared == "the port" and stay.predicate == "stay" and stay.polarity == "positive"
    assert failed.shared is None and failed.predicate == "fail"
    art = _art("The ministry did not confirm the casualty figures or name the three vessels "
               "in the convoy.", "two")
    named = next(c for c in art.claims if c.text == "name the three vessels in the convoy")
    assert named.shared == "The ministry did not" and named.polarity == "negative"


def test_one_clause_of_a_list_corroborates_another_outlets_list_item():
    """Two outlets list a bill's provisions in different words and orders: the provision both
    state is corroborated with each outlet's clause as its span, and told with the words the
    clause shares with its sentence in brackets; the rest of each list stays one outlet's."""
    one = _art("The measure would expand postal voting, create publicly funded port "
               "elections and restore voting rights to thousands of former prisoners.", "one")
    two = _art("The Harbour Democracy Act sets up a public financing system for port "
               "elections, requires candidates to publish tax returns, and restores voting "
               "rights to former prisoners who have served their sentences.", "two")
    judged, both, texts = _one_corroborated(one, two)
    assert texts["one"] == "restore voting rights to thousands of former prisoners"
    assert texts["two"].startswith("restores voting rights to former prisoners")
    assert both[0].text == ("[The measure would] restore voting rights to thousands of former "
                            "prisoners")
    assert all(sc.verdict == Verdict.single_source for sc in judged.claims if sc is not both[0])


def test_a_finite_verb_coordinated_with_a_passive_borrows_only_the_subject():
    """"was barred ... and had its imports capped": "had" is finite, so the clause shares the
    subject alone, not the auxiliary of the passive ("[the port was] had ..." is no English)."""
    art = _art("The Harbour Board said the ferry operator was barred from selling new tickets "
               "and had its fuel imports capped in September.", "one")
    had = next(c for c in art.claims if c.part_of and c.text.startswith("had its fuel"))
    assert had.shared == "the ferry operator", had.shared


def test_a_group_is_told_by_a_statement_and_a_clause_with_no_subject_by_its_sentence():
    """"known as the Harbour Files", a clause cut from "The documents, known as ...", has no
    subject: a fact to align, no statement. A group holding it and another outlet's statement
    is told by the statement; a group of such clauses alone is told in the brief by the
    sentence the clause stands in."""
    from consilience.claims.judge import judge_group
    from consilience.report.brief import _frame_sentence

    one = _art("The documents, known as the Harbour Files and published by three newspapers, "
               "show payments to the port's officials.", "one")
    two = _art("The leaked port records became known as the Harbour Files.", "two")
    three = _art("The ledgers, known as the Harbour Files and leaked in May, list 40 payments.",
                 "three")
    (frag,) = [c for c in one.claims if c.subjectless]
    assert frag.text == "known as the Harbour Files"
    story = Story(id="s", title="", articles=["one", "two", "three"])
    full = next(c for c in two.claims if not c.part_of)
    assert judge_group([(frag, one), (full, two)], story).text == full.text
    (frag3,) = [c for c in three.claims if c.subjectless]
    alone = judge_group([(frag, one), (frag3, three)], story)
    assert alone.text == "known as the Harbour Files"
    told = _frame_sentence(alone, {"one": one, "three": three})
    assert told in (one.text, three.text), told


def test_the_frame_of_a_quotation_alone_is_no_claim_but_a_denial_of_speech_is():
    art = _art("The pilot walked off the jet bridge.\n“He said, ‘In my 18 years of doing this, "
               "this is the first time I’ve ever seen this,’ ” Ana Ruiz told the Valley "
               "Courier. The harbour master wrote via Twitter. The ferry operator said it had "
               "not been warned. “I didn’t say anything to the crew,” the captain said.", "one")
    texts = [c.text for c in art.claims]
    assert not any(t.startswith(("Ana Ruiz told", "The harbour master wrote")) for t in texts), texts
    assert any("had not been warned" in t for t in texts), texts
    assert any(t.startswith("I didn’t say anything") for t in texts), texts


def test_each_clause_of_a_quoted_statement_is_compared_on_its_own():
    """One outlet quotes two facts in one sentence, another reports them in two: a clause of a
    party's statement is speech, as short as a quotation may be ("shipping was not
    interrupted", four words), and each clause finds its match; the initialism's full stop
    ("2 p.m.") stays with the clause."""
    one = _art("“The fire was contained by 2 p.m. and shipping was not interrupted,” port "
               "authority spokeswoman Elena Dobre said.", "one")
    two = _art("Port authority spokeswoman Elena Dobre said the blaze had been contained by "
               "2pm. “Shipping was not interrupted,” she said.", "two")
    parts = {c.text for c in one.claims if c.part_of}
    assert parts == {"The fire was contained by 2 p.m.", "shipping was not interrupted"}
    judged = judge(Story(id="s", title="", articles=["one", "two"]), {"one": one, "two": two})
    passed = {frozenset((s.article, s.text) for s in sc.sources)
              for sc in judged.claims if sc.verdict == Verdict.corroborated}
    assert frozenset({("one", "The fire was contained by 2 p.m."),
                      ("two", "the blaze had been contained by 2pm")}) in passed, passed
    assert frozenset({("one", "shipping was not interrupted"),
                      ("two", "Shipping was not interrupted")}) in passed, passed


def test_the_first_item_of_a_participle_list_the_parser_hung_apart_is_a_fact():
    """"measures raising the minimum wage, expanding paid leave, and cutting taxes": the
    parser hangs the first participle on the noun and coordinates the others under the verb;
    each of the three is a fact of its own. A participle that ends no list item before the
    comma (a verb of another form) is not taken."""
    nlp = spacy_pipeline()
    sent = next(nlp("The plan includes measures raising the minimum wage, expanding paid "
                    "leave, and cutting taxes for small firms.").sents)
    spans = {sent.doc.text[s:e] for s, e, _ in clause_facts(sent)}
    assert spans == {"raising the minimum wage", "expanding paid leave",
                     "cutting taxes for small firms"}, spans
    sent = next(nlp("She left the room, shouting at the guards and slamming the "
                    "door.").sents)
    assert {sent.doc.text[s:e] for s, e, _ in clause_facts(sent)} == {
        "shouting at the guards", "slamming the door"}


def test_a_comment_clause_opened_by_as_is_no_fact():
    """"as we know it", "as she put it": the speaker's manner of speaking, no fact of its own
    (and the clause it hangs on keeps it); "as the storm closed the port" tells one."""
    nlp = spacy_pipeline()
    sent = next(nlp("The council said the plan would end the harbour as we know it and shift "
                    "costs to the towns.").sents)
    spans = [sent.doc.text[s:e] for s, e, _ in clause_facts(sent)]
    assert not any(x.endswith("we know it") for x in spans), spans
    # the verb coordinated with the comment clause goes with the clause it comments on
    art = _art("The plan would end the port as we know it and shift costs to the towns.",
               "one")
    shift = next(c for c in art.claims if c.text == "shift costs to the towns")
    assert shift.shared == "The plan would" and shift.subject == "The plan", shift
    sent = next(nlp("Prices rose as the storm closed the port.").sents)
    assert [sent.doc.text[s:e] for s, e, _ in clause_facts(sent)] == [
        "the storm closed the port"]


def test_a_question_asked_in_a_clause_states_no_fact():
    """"what the secretary did, when she did it and why she did it": clauses opened by a
    question word ask; they state nothing an outlet could corroborate."""
    nlp = spacy_pipeline()
    sent = next(nlp("The disclosure only exacerbates our need to better understand what the "
                    "secretary did, when she did it and why she did it.").sents)
    assert clause_facts(sent) == []
    # a relative clause opened by "when" tells when something happens
    sent = next(nlp("The lunar mission will launch in June, when a rocket will carry a relay "
                    "satellite and place it 60,000km behind the moon.").sents)
    assert [sent.doc.text[s:e] for s, e, _ in clause_facts(sent)] == [
        "when a rocket will carry a relay satellite", "place it 60,000km behind the moon"]
    sent = next(nlp("Police arrested two men and the mayor ordered an inquiry into the "
                    "fire.").sents)
    assert [sent.doc.text[s:e] for s, e, _ in clause_facts(sent)] == [
        "Police arrested two men", "the mayor ordered an inquiry into the fire"]


def _linked(*pairs: tuple[str, str, float]):
    scores = {(a, b): v for a, b, v in pairs}
    neighbours: dict[str, set[str]] = {}
    for a, b, _ in pairs:
        neighbours.setdefault(a, set()).add(b)
        neighbours.setdefault(b, set()).add(a)
    return scores, neighbours


def test_two_phrases_the_encoder_reads_as_one_are_one_fact_whatever_their_word_forms():
    """"restore voting rights to thousands of former prisoners" / "restoring voting rights to
    people who have served prison sentences": items of two lists, close in embedding, apart in
    TF-IDF (other word forms, words the story repeats); corroborated with the phrases' own
    spans. The list's other items, which no other outlet states, stay alone."""
    one = _art("The harbour bill would expand night shifts, create a publicly funded pilot "
               "service and restore voting rights to thousands of former prisoners. Voting "
               "rights groups welcomed the vote on Tuesday.", "one")
    two = _art("The port package, at nearly 300 pages, includes proposals banning diesel tugs, "
               "automatically licensing small boats, and restoring voting rights to people who "
               "have served prison sentences. Voting rights lawyers plan a court challenge.",
               "two")
    _, _, cited = _one_corroborated(one, two)
    assert cited == {"one": "restore voting rights to thousands of former prisoners",
                     "two": "restoring voting rights to people who have served prison "
                            "sentences"}, cited


def test_a_phrase_of_a_sentence_matched_for_another_clause_keeps_its_own_match():
    """Outlet A's sentence is matched by outlet B's sentence on one clause ("shipping was not
    interrupted") better than by any phrase of it; its other phrase ("The fire was contained by
    2 p.m.") still joins B's sentence that states it, in a group of their own, unless that
    would bring it back into its sentence's group (through a third outlet's claim linked to
    both)."""
    def claim(id: str, part_of: str | None = None) -> Claim:
        return Claim(id=id, article=id.split(":")[0], text=id, span=Span(start=0, end=1, input_start=0, input_end=1),
                     part_of=part_of)
    s, p, t, u = (claim("a:c5"), claim("a:c6", "a:c5"), claim("b:c6"), claim("b:c5"))
    scores, neighbours = _linked(("a:c5", "b:c6", 0.65), ("a:c6", "b:c5", 0.72))
    groups = {frozenset(c.id for c in g) for g in _regroup([s, p, t, u], scores, neighbours)}
    assert groups == {frozenset({"a:c5", "b:c6"}), frozenset({"a:c6", "b:c5"})}
    w = claim("c:c1")
    scores, neighbours = _linked(("a:c5", "b:c6", 0.65), ("a:c6", "b:c5", 0.72),
                                 ("a:c5", "c:c1", 0.7), ("b:c5", "c:c1", 0.7))
    groups = {frozenset(c.id for c in g)
              for g in _regroup([s, p, t, u, w], scores, neighbours)}
    assert frozenset({"a:c6"}) in groups and not any({"a:c5", "a:c6"} <= g for g in groups)


def test_what_a_party_reiterated_without_its_words_is_no_statement():
    """"She then firmly reiterated what happened in London": the clause names a topic, not
    what was said; "What he did was wrong" is a statement."""
    art = _art("The actress met the producer at the hotel. She then firmly reiterated what "
               "happened in London. What he did in the hotel room was wrong, her lawyer "
               "said.", "one")
    texts = [c.text for c in art.claims]
    assert not any(t.startswith("what happened") for t in texts), texts
    assert "What he did in the hotel room was wrong" in texts, texts
    art = _art("In theory, that could help plaintiffs, because a big hurdle in data breach "
               "cases is showing how much consumers were harmed.", "three")
    assert not any(c.text.startswith("how much") for c in art.claims), art.claims
    art = _art("The president condemned what he termed a \"barbaric and cowardly\" attack on "
               "the harbour.", "two")
    assert any(c.text.startswith("what he termed") for c in art.claims), art.claims


def test_a_participle_after_a_fact_marker_is_a_fact_of_its_own():
    """"registered as a foreign agent after being forced out of the administration for
    misleading the vice president": the participle states a fact of the sentence's subject,
    which it shares; "after searching his home" is the police's act."""
    art = _art("Mr. Varga belatedly registered as a foreign agent for that work after being "
               "forced out of the administration for misleading the vice president.", "one")
    part = next(c for c in art.claims if c.part_of)
    assert part.text == ("being forced out of the administration for misleading the vice "
                         "president")
    # its subject is the sentence's, but "[Mr. Varga] being forced out" is not told
    assert part.subject == "Mr. Varga" and part.shared is None and part.predicate == "force"
    nlp = spacy_pipeline()
    sent = next(nlp("Police arrested the harbour master after searching his home in Constanta "
                    "on Monday.").sents)
    assert [sent.doc.text[s:e] for s, e, _ in clause_facts(sent)] == [
        "searching his home in Constanta on Monday"]


def test_a_clause_is_told_without_the_that_which_subordinates_it():
    """"It was later determined that only one projectile was launched and that it broke up
    into three parts": each clause without its "that"."""
    nlp = spacy_pipeline()
    sent = next(nlp("It was later determined that only one projectile was launched and that it "
                    "broke up into three parts.").sents)
    assert [sent.doc.text[s:e] for s, e, _ in clause_facts(sent)] == [
        "only one projectile was launched", "it broke up into three parts"]


def test_a_quoted_title_is_no_statement_and_a_bracket_does_not_end_a_sentence():
    """"Sanders said on CBS' "Face the Nation."": the quoted words are a programme's title, not
    what he said (the quotation before the verb is), and no frame of a statement is left as a
    claim; a lower-case word after "(R-Wisc.)" goes on with its sentence."""
    art = _art("Sanders urged Clinton to say where she stood.\n\"It is a failed trade policy, and "
               "I would hope that the Secretary joins the senators in saying, ‘No, we've got to "
               "defeat this piece of legislation,’ ” Sanders said on CBS' \"Face the Nation.\"",
               "one")
    texts = [c.text for c in art.claims]
    assert "It is a failed trade policy" in texts and not any("Nation" in t for t in texts), texts
    # the quotation before "Sanders said" is his, not the title after it
    assert {c.asserted_by for c in art.claims if "trade policy" in c.text} == {"Sanders"}
    nlp = spacy_pipeline()
    doc = nlp("Nearly 90 faculty members have called Representative Paul Ryan (R-Wisc.) to task "
              "for his misuse of church teaching. The group sent him a letter.")
    assert [s.text for s in doc.sents] == [
        "Nearly 90 faculty members have called Representative Paul Ryan (R-Wisc.) to task for "
        "his misuse of church teaching.", "The group sent him a letter."]


def test_an_adverbial_clause_opens_at_its_marker_not_at_what_the_parse_hangs_before_it():
    """"In her first comments on the harbour deal since the House refused on Friday to ...,":
    the parse hangs the opening phrase on the "since" clause; the fact is the clause alone."""
    nlp = spacy_pipeline()
    sent = next(nlp("In her first detailed comments on the harbour deal since the House of "
                    "Delegates refused on Friday to allow Mr. Okafor to negotiate it freely, "
                    "Mrs. Varga laid out a far more calibrated position.").sents)
    assert [sent.doc.text[s:e] for s, e, _ in clause_facts(sent)] == [
        "the House of Delegates refused on Friday to allow Mr. Okafor to negotiate it freely"]


def test_a_relative_clause_after_a_role_is_about_the_noun_the_role_is_of():
    """"her tenure as the port's chief engineer, which lasted from 2009 to 2013": what lasted
    is the tenure, not the engineer; a "who" clause is about the person in the role."""
    nlp = spacy_pipeline()
    sent = next(nlp("Ms. Varga never filed a safety report during her tenure as the port's "
                    "chief engineer, which lasted from 2009 to 2013.").sents)
    assert [sent.doc.text[s:e] for s, e, _ in embedded_facts(sent)] == [
        "her tenure as the port's chief engineer, which lasted from 2009 to 2013"]
    sent = next(nlp("The board hired him as a consultant to the port authority, who advised "
                    "the mayor on the harbour contract.").sents)
    assert all(not sent.doc.text[s:e].startswith("him") for s, e, _ in embedded_facts(sent))


def test_a_group_is_told_by_a_statement_that_names_its_subject_before_one_with_a_pronoun():
    """"She was paid $40,000 from a public fund" and "Mr. Varga used $40,000 in public funds
    to settle ..." are one fact; told apart from its article, the first names no one."""
    one = _art("Ms. Greene sued the harbour director in 2019. She was paid $40,000 from a public "
               "fund to settle her claim.", "one")
    two = _art("Mr. Varga used $40,000 in public funds to settle a claim by Ms. Greene.", "two")
    she = next(c for c in one.claims if c.text.startswith("She was paid"))
    varga = next(c for c in two.claims if c.text.startswith("Mr. Varga used"))
    story = Story(id="s", title="", articles=["one", "two"])
    assert judge_group([(she, one), (varga, two)], story).text == varga.text
    assert judge_group([(varga, two), (she, one)], story).text == varga.text
