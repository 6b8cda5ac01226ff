"""Disputes a party reports against another's statement, across sentences and articles: the
holder a denial names, a denial that carries over to the next sentence, the statement that a
"disputed the claim that ..." clause restates, a negated statement set against what another
party claims, and the near misses that are no dispute. Texts written for the tests."""

from __future__ import annotations

from consilience.claims.disputes import denials, dispute_claims, find_denials
from consilience.claims.extract import claims
from consilience.model import Article, Story, Verdict
from consilience.nlp.annotate import annotate
from consilience.nlp.quantities import quantities
from consilience.nlp.quotes import quotes


def _art(text: str, id: str = "a") -> Article:
    art = Article(id=id, input_text=text, text=text, outlet=f"{id}.example")
    return denials(claims(quotes(quantities(annotate(art)))))


def _disputes(*texts: str):
    arts = {f"art{i}": _art(t, f"art{i}") for i, t in enumerate(texts)}
    story = Story(id="s", title="", articles=list(arts))
    found = dispute_claims([c for a in arts.values() for c in a.claims], arts, story)
    assert all(sc.verdict == Verdict.contested for sc in found)
    return found, arts


def _sides(sc):
    return [(c.value, c.asserted_by, c.source.article, c.source.text)
            for c in sc.explanation.compared]


def test_a_named_comment_dismissed_and_the_next_sentence_are_one_dispute():
    text = ("Mayor Vance said on Monday that the bridge would reopen in May. Governor Okafor "
            "dismissed Vance's comment that the bridge would reopen in May. \"That is just "
            "baseless talk,\" Okafor said.")
    first, second = find_denials(_art(text))
    assert first["holder"] == "Vance" and second["cue"] == "baseless"
    (sc,) = _disputes(text)[0]
    (asserts, *disputes) = _sides(sc)
    assert asserts[:2] == ("asserts", "Vance") and "reopen in May" in asserts[3]
    assert [d[:2] for d in disputes] == [("disputes", "Okafor"), ("disputes", "Okafor")]
    assert "baseless talk" in disputes[1][3]
    assert len({(s.article, s.start, s.end) for s in sc.sources}) <= 8


def test_near_misses_of_a_named_comment_are_no_denial():
    for text in ("Governor Okafor could dismiss Vance's comment that the bridge would reopen.",
                 "Governor Okafor dismissed Vance's deputy on Monday.",
                 "Governor Okafor wanted to dismiss the allegations.",
                 "\"We have seen no indication that any part of our story is inaccurate,\" "
                 "the editor, Ana Ruiz, said.",
                 "Mr. Okafor repeated his baseless claims about the bridge."):
        assert find_denials(_art(text)) == [], text


def test_the_disputed_clause_is_matched_to_the_party_that_asserted_it_in_another_article():
    said = "Rep. Daniel Alvarez said the new levy will pay for hundreds of classrooms."
    disputed = ("Council members disputed the claim that the new levy will pay for hundreds of "
                "classrooms, noting that the money goes to road repairs.")
    (sc,), arts = _disputes(said, disputed)
    sides = _sides(sc)
    assert sides[0][:3] == ("asserts", "Daniel Alvarez", "art0")
    assert sides[1][:3] == ("disputes", "Council members", "art1")
    # nobody is reported saying it: the clause alone names no asserting party, no dispute
    found, _ = _disputes("The city council met on Tuesday to discuss road repairs.", disputed)
    assert found == []


def test_a_denial_of_allegations_named_in_the_sentence_before_finds_their_holder():
    alleged = "Ms. Ortega alleged that the contractor had falsified the safety logs at the plant."
    denied = ("The inspector general opened an inquiry into Ms. Ortega's allegations. "
              "The contractor continued to deny the allegations about the safety logs.")
    (d,) = find_denials(_art(denied))
    assert d["holder"] == "Ortega" and d["cue"] == "deny"
    (sc,), _ = _disputes(alleged, denied)
    sides = _sides(sc)
    assert sides[0][:3] == ("asserts", "Ortega", "art0")
    assert sides[1][:2] == ("disputes", "contractor")


def test_a_negated_statement_set_against_what_another_party_claims():
    text = ("The Harbor Union said the tariff would destroy thousands of dock jobs. "
            "Minister Chen says the tariff will protect dock jobs, not destroy them, as the "
            "Harbor Union claims.")
    (d,) = find_denials(_art(text))
    assert d["who"] == "Chen" and d["holder"] == "Harbor Union"
    (sc,), _ = _disputes(text)
    sides = _sides(sc)
    assert sides[0][:2] == ("asserts", "Harbor Union") and "destroy" in sides[0][3]
    assert sides[1][:2] == ("disputes", "Chen")
    # the union's words reported by another outlet only: the dispute spans the two
    (sc,), _ = _disputes("The Harbor Union said the tariff would destroy thousands of dock "
                         "jobs along the coast.",
                         "Minister Chen says the tariff will protect dock jobs, not destroy "
                         "them, as the Harbor Union claims.")
    assert [s[:3] for s in _sides(sc)] == [("asserts", "Harbor Union", "art0"),
                                           ("disputes", "Chen", "art1")]
    # the same words without the negation agree with the union: no dispute
    assert find_denials(_art("Minister Chen says the tariff will cost dock jobs, as the "
                             "Harbor Union claims.")) == []
    # a negated clause of its own is what the union claims, not set against it
    assert find_denials(_art("Minister Chen says the port did not inspect the cranes, as the "
                             "Harbor Union claims.")) == []


def test_a_party_named_as_holder_whose_statement_is_not_reported_gives_no_dispute():
    """A denial that names whose statement it disputes answers that party only: not the
    claim of someone else the sentence before (here the ministry's own spokesman)."""
    text = ("A spokesman for the ministry, Ivo Petrov, said the inspection was routine. "
            "The ministry rejected the Courier's account of the inspection.")
    (d,) = find_denials(_art(text))
    assert d["holder"] == "Courier"
    assert _disputes(text)[0] == []


def test_denials_of_one_party_statement_in_an_article_are_one_dispute():
    """A denial told inside another party's reported words answers that party; a denial that
    names the same party's account, whose statement the article does not report before it,
    joins that dispute."""
    text = ("\"The Courier's description of the inspection is not accurate,\" said the "
            "ministry spokesman, Ivo Petrov. The Courier maintained that its report was "
            "accurate, its editor, Lena Holt, said after the ministry disputed the account.")
    (sc,), _ = _disputes(text)
    sides = _sides(sc)
    assert sides[0][0] == "asserts" and sides[0][1].endswith("Courier")  # its editor speaks for it
    assert "its report was accurate" in sides[0][3]
    assert [s[0] for s in sides[1:]] == ["disputes", "disputes"]
    assert any("not accurate" in s[3] for s in sides[1:])
    # without the Courier's answer the spokesman's words name no reported statement
    assert _disputes(text.split(" The Courier maintained")[0])[0] == []


def test_a_pronoun_holder_is_resolved_and_never_matched_to_another_party():
    """ "called his claims false": his = the person named before, whose claim is disputed; a
    ruling against "its argument" told after a lawyer's words does not dispute the lawyer."""
    text = ("Rep. Kevin McCarthy said the bill would raise taxes on working families. "
            "Democrats called his claims about the bill false.")
    (d,) = find_denials(_art(text))
    assert d["holder"] == "Kevin McCarthy"
    (sc,), _ = _disputes(text)
    assert [s[:2] for s in _sides(sc)] == [("asserts", "Kevin McCarthy"),
                                           ("disputes", "Democrats")]
    assert _disputes("Jane Smith, a lawyer for Portgrain, said the company would appeal after "
                     "the court rejected its argument.")[0] == []


def test_a_guessed_denial_and_a_judged_statement_name_no_disputing_party():
    """ "He probably dismissed it" guesses at a denial; in "her claims ... are untrue" the claims
    are what is disputed, not who disputes them. Near misses: a denial that happened, and a
    party that calls the claims untrue."""
    guessed = _art("Mara Lind said she had warned the director. He probably dismissed it, "
                   "she said.")
    assert find_denials(guessed) == []
    told = _art("Mara Lind said she had warned the director. The director dismissed it.")
    assert [d["who"] for d in find_denials(told)] == ["director"]
    judged = _art("Her claims about the meeting in Turin are untrue.")
    assert find_denials(judged) == []
    said = _art("\"Her claims about the meeting in Turin are untrue,\" the studio said.")
    assert [d["who"] for d in find_denials(said)] == ["studio"]


def test_the_deniers_own_words_after_the_cue_are_not_the_disputed_statement():
    """ "..., suggesting it was part of what it described as 'a campaign of slander'": words
    after the denial's cue are the denier's; the disputed statement is the one it answers."""
    text = ("Investigators at the Lumen Institute said the mill had poisoned the river for "
            "years. The ministry dismissed the accusations on Monday, saying the institute had "
            "no evidence and suggesting it was part of what it described as \"a campaign of "
            "slander\".")
    (sc,), _ = _disputes(text)
    asserted, disputed = _sides(sc)
    assert asserted[:2] == ("asserts", "Lumen Institute")
    assert asserted[3] == "the mill had poisoned the river for years"
    assert disputed[:2] == ("disputes", "ministry")


def test_a_spokesperson_in_apposition_is_the_speaker_and_joins_the_dispute_over_her_party():
    text = ("“The Ledger’s description of the minister’s statements to the inquiry is not "
            "accurate,” said the ministry's chief spokeswoman, Ana Ruiz, on Friday.\n"
            "The governing party also rejected the report on Saturday.\n"
            "The Daily Ledger maintained that its report was accurate, its editor, Tomas "
            "Brandt, said after the ministry disputed the account.")
    art = _art(text)
    quoted = next(c for c in art.claims if c.text.startswith("The Ledger’s description"))
    assert quoted.asserted_by == "Ana Ruiz"  # not "the ministry's chief spokeswoman"
    maintained = next(c for c in art.claims if "maintained" in c.text)
    assert maintained.asserted_by == "Tomas Brandt"
    found, _ = _disputes(text)
    (sc,) = [x for x in found if "its report was accurate" in x.explanation.compared[0].source.text]
    deniers = {c.asserted_by for c in sc.explanation.compared if c.value == "disputes"}
    assert "Ana Ruiz" in deniers  # her denial names the Ledger, whose editor states its position


def test_which_after_a_statement_noun_denies_that_statement_not_its_clause():
    from consilience.claims.judge import judge

    text = ("Mayor Vance said on Monday that he would not seek another term. A few of his "
            "council colleagues urged him to resign over the accusations, which Vance has "
            "repeatedly denied.")
    art = _art(text)
    assert not find_denials(art)  # whose accusations they are is not reported
    story = judge(Story(id="s", title="", articles=["a"]), {"a": art})
    assert not [sc for sc in story.claims if sc.verdict == Verdict.contested]
    # the clause itself is what "which" stands for after a verb phrase
    (sc,), _ = _disputes("The port authority said the crane had failed a safety check in May, "
                         "which the operator denied.")
    assert sc.explanation.compared[0].asserted_by == "port authority"


def test_a_group_member_denied_in_its_own_sentence_is_read_from_the_stored_denials():
    """The judge's group check (``contest.find_denial``) reads the denials the article stage
    stored: the claim before "which the company denied" or "a claim the operator rejected" is
    denied by that party, named as the article names it; a claim the denial does not cover is
    not, and neither is one whose article stored no denial."""
    from consilience.claims.contest import find_denial

    for text, who in [("The dock union said the cranes had gone unchecked for two years, which "
                       "the company denied.", "the company"),
                      ("Inspectors said the crane had failed a safety check in May, a claim "
                       "the operator rejected.", "the operator")]:
        art = _art(text)
        denied = next(c for c in art.claims if "unchecked" in c.text or "failed" in c.text)
        found = find_denial(denied, art)
        assert found is not None and found[0] == who
        assert art.text[found[1]:found[2]].startswith(who)
        assert art.text[found[1]:found[2]].endswith(("denied", "rejected"))
        art.denials = []
        assert find_denial(denied, art) is None
    art = _art("Mayor Vance said on Monday that he would not seek another term. A few of his "
               "council colleagues urged him to resign over the accusations, which Vance has "
               "repeatedly denied.")
    assert all(find_denial(c, art) is None for c in art.claims)


def test_of_two_claims_before_a_point_denied_only_the_one_it_answers_is_denied():
    """"X dismissed the critique, wrongly claiming Y, a point the council denied": the council
    denies Y, not the dismissal's object."""
    from consilience.claims.contest import find_denial

    art = _art("Last week, Mayor Vance dismissed the auditors' critique, wrongly claiming the "
               "report did not cover every district, a point the audit office denied.")
    said = {c.text: c for c in art.claims}
    covered = next(c for t, c in said.items() if t.startswith("the report did not cover"))
    found = find_denial(covered, art)
    assert found is not None and found[0] == "the audit office"
    assert all(find_denial(c, art) is None for c in art.claims if c is not covered)


def test_a_story_dismissed_is_no_quotation_in_the_sentence_before():
    """"... dismissed the story": a story is published, so the quoted words of a person in the
    sentence before are not what is dismissed; "... disputed that argument" after a speaker's
    words is a dispute with that speaker."""
    story = ("The county chairman, Mark Ellison, told reporters he would still vote for the "
             "mayor. “I'm not saying I support what he did,” Ellison said. Others, including the "
             "party treasurer, Ann Rudd, dismissed the story as a political trick.")
    (d,) = _art(story).denials
    assert d.refers == "story"
    found, _ = _disputes(story)
    assert found == []
    found, _ = _disputes(
        "“We cut no benefits for anyone near retirement,” Senator Paul Lund said. “That is a "
        "clear contrast with the governor's plan.” The governor's campaign is disputing that "
        "argument.")
    assert len(found) == 1
    sides = _sides(found[0])
    assert sides[0][1] == "Paul Lund" and "clear contrast" in sides[0][3]


def test_allegations_denied_are_what_another_party_said_about_the_denier():
    """"X said the allegations were false" with no holder named: the latest statement before it
    by another named party about X; "denied the allegations, which the Courier first reported":
    the Courier's statement about the denier, found in another article."""
    found, _ = _disputes(
        "The Harbor Courier reported on Monday that Mayor Dan Vance had taken $40,000 from a "
        "developer in 2019. The council will meet on Friday. Vance told reporters that the "
        "allegations were false.")
    (sc,) = found
    sides = _sides(sc)
    assert sides[0][1] == "Harbor Courier" and "Dan Vance had taken $40,000" in sides[0][3]
    assert sides[1][1] == "Dan Vance"
    found, arts = _disputes(
        "The Harbor Courier reported on Monday that Mayor Dan Vance had taken $40,000 from a "
        "developer in 2019.",
        "Vance's campaign denied the allegations, which The Harbor Courier first reported.")
    (d,) = arts["art1"].denials
    assert d.holder == "Harbor Courier" and d.refers == "allegations"
    (sc,) = found
    sides = _sides(sc)
    assert sides[0][1] == "Harbor Courier" and sides[0][2] == "art0"
    assert sides[1][2] == "art1"
    # an allegation about someone else is not what the denier denies
    found, _ = _disputes(
        "The Harbor Courier reported on Monday that the port director had taken $40,000 from a "
        "developer. The council will meet on Friday. Vance told reporters that the allegations "
        "were false.")
    assert found == []


def test_a_spokeswoman_named_by_her_body_goes_on_with_its_denial():
    """"The port authority denied the union's report. “That is false,” the port authority
    spokeswoman, Elena Dobre, told reporters": her words join the authority's dispute."""
    found, _ = _disputes(
        "The dock workers' union reported on Monday that two cranes had failed their safety "
        "inspections. The port authority denied the union's report on Tuesday. “That is simply "
        "false,” the port authority's spokeswoman, Elena Dobre, told reporters.")
    (sc,) = found
    sides = _sides(sc)
    assert sides[0][1] == "dock workers' union" and "two cranes had failed" in sides[0][3]
    deniers = [s[1] for s in sides if s[0] != "asserts"]
    assert "Elena Dobre" in deniers and any("port authority" in w.lower() for w in deniers)


def test_a_reply_set_against_another_partys_statement_disputes_it():
    """ "A said X, but B responded that not-X" about one thing is a dispute between A and B;
    a contrast of two parties' statements about different things is none."""
    text = ("The harbour master said in an interview that the old pier was not safe for "
            "ferries, but the city council responded that the old pier was safe for them.")
    found = find_denials(_art(text))
    assert [(d["who"], d["holder"]) for d in found] == [("city council", "harbour master")], found
    assert text[slice(*found[0]["target"])] == "the old pier was not safe for ferries"
    (sc,), _ = _disputes(text)
    assert [(c.value, c.asserted_by) for c in sc.explanation.compared] == [
        ("asserts", "harbour master"), ("disputes", "city council")], _sides(sc)
    for other in ("The minister said talks would continue, but the opposition said it would "
                  "not attend them.",
                  "The mayor said the bridge was safe, but engineers said the bridge was "
                  "old."):
        assert find_denials(_art(other)) == [], other
    # the reply in the next sentence, opened by "But" or holding "however"
    said = "The harbour master said that the old pier was not safe for ferries. "
    for reply in ("But the city council said that the old pier was safe for them.",
                  "The city council, however, said that the old pier was safe for them."):
        (sc,), _ = _disputes(said + reply)
        assert [(c.value, c.asserted_by) for c in sc.explanation.compared] == [
            ("asserts", "harbour master"), ("disputes", "city council")], reply
    # without a contrast, or of another thing, no reply
    for reply in ("The city council said that the old pier was safe for them.",
                  "But the city council said that the new pier was safe for them.",
                  "But the city council said that the old pier was not open on Sunday."):
        assert find_denials(_art(said + reply)) == [], reply


def test_this_is_nonsense_after_the_deniers_report_of_another_partys_claim_disputes_it():
    """A judgement of untruth ("This is nonsense") right after the denier reports what another
    party claims disputes that claim; the party's own words in another outlet are cited as its
    side, never the denier's own quotation."""
    one = ("The teachers wrote to Governor Paul Weber last week. “Our problem with Governor "
           "Weber is that he claims his budget protects rural schools,” said Maria Lindqvist, "
           "one of the organizers of the letter. “This is nonsense. His budget closes them.”")
    two = ("Governor Paul Weber said on Monday that his budget protects the rural schools of "
           "the state and their teachers.")
    found, arts = _disputes(one, two)
    (sc,) = [x for x in found if "nonsense" in x.text]
    sides = [(c.value, c.asserted_by) for c in sc.explanation.compared]
    assert sides == [("asserts", "Paul Weber"), ("disputes", "Maria Lindqvist")], _sides(sc)
    assert sc.explanation.compared[0].source.text == "his budget protects rural schools"
    cited = {(r.article, r.text) for r in sc.sources}
    assert any(a == "art1" and t.startswith("his budget protects the rural schools")
               for a, t in cited), cited


def test_an_unnamed_report_is_its_publishers_and_its_defence_is_one_dispute_with_it():
    """ "disputed a report that said X", the publisher named a sentence later: X is the
    publisher's claim; the publisher maintaining its report was accurate is the same dispute."""
    text = ("The port authority disputed on Friday a report that said the harbour master had "
            "ordered his staff to hide the safety logs from inspectors. The authority's "
            "spokeswoman, Mira Tanev, challenged an article published by Coastal Herald on "
            "Thursday. “The article is false,” Ms. Tanev said. Coastal Herald maintained that "
            "its report was accurate after the authority disputed the account.")
    art = _art(text)
    said = [c for c in art.claims if c.text.startswith("the harbour master had ordered")]
    assert [c.asserted_by for c in said] == ["Coastal Herald"], [
        (c.asserted_by, c.text) for c in art.claims]
    found, _ = _disputes(text)
    over = [sc for sc in found if any(c.source.text.startswith("the harbour master had ordered")
                                      for c in sc.explanation.compared)]
    assert len(over) == 1, [sc.text for sc in found]
    cited = [c.source.text for c in over[0].explanation.compared]
    assert any(t.startswith("Coastal Herald maintained") for t in cited), cited


def test_the_disputed_partys_own_words_in_another_outlet_are_cited_only_when_close():
    """A dispute cites the asserting party's restatement in another outlet when the
    alignment gave none, if it is as close as alignment needs; the party's other statements
    on the matter are not its restatement."""
    one = ("The port authority denied on Friday a report that said the harbour master had "
           "ordered his staff to hide the safety logs from inspectors. The authority's "
           "spokeswoman challenged an article published by Coastal Herald on Thursday.")
    two = ("Coastal Herald reported that the harbour master ordered staff to hide safety logs "
           "from the inspectors. Coastal Herald said the harbour master had once worked for "
           "a ferry company in Burgas.")
    found, arts = _disputes(one, two)
    # what the denied report said is the report's claim, not the denier's
    assert [c.asserted_by for c in arts["art0"].claims
            if c.text.startswith("the harbour master had ordered")] == ["Coastal Herald"]
    (sc,) = [x for x in found if any(c.source.text.startswith("the harbour master had ordered")
                                     for c in x.explanation.compared)]
    cited = [r.text for r in sc.sources if r.article == "art1"]
    assert any(t.startswith("the harbour master ordered staff to hide") for t in cited), cited
    assert not any("ferry company" in t for t in cited), cited


def test_allegations_are_about_the_denier_only_when_the_denier_does_the_act():
    """A statement that names the denier only in passing ("... about Mayor Vance") is no
    allegation against him: his denial of "the allegations" does not answer it."""
    found, _ = _disputes(
        "A lawyer for the developer said the newspaper's article about Mayor Dan Vance speaks "
        "for itself. The council will meet on Friday. Vance told reporters that the allegations "
        "were false.")
    assert found == [], [_sides(sc) for sc in found]


def test_a_pronoun_holder_never_stands_for_the_denier():
    """"“However, her claims ... are untrue,” his representative Holly Baird said": "her" in
    the denier's words is someone else; when the pronoun resolves to the denier herself, the
    holder stays the pronoun (matched to no party) rather than the denier."""
    from consilience.claims.disputes import _holder_name
    from consilience.nlp.annotate import parse

    art = _art("Ms. Ionescu said the manager pushed her. “However, her claims about being "
               "physically assaulted are untrue,” his representative Carmen Dobre said.")
    doc = parse(art)
    her = [t for t in doc if t.lower_ == "her" and t.dep_ == "poss"][0]
    assert _holder_name(her, art) == "Ionescu"
    assert _holder_name(her, art, who="Carmen Dobre") == "Ionescu"
    assert _holder_name(her, art, who="Ms. Ionescu") == "her"


def test_a_question_put_by_a_party_disputes_what_another_party_said():
    """ "sent a letter ... questioning whether his client can indeed ...": a party doubting a
    statement (a clause opened by "whether"), the letter's sender being the party; the
    statement doubted is the other party's claim most like the clause."""
    text = ("Mr. Delgado's lawyer told the committee that his client will invoke his right to "
            "remain silent and will not hand over the shipping records. Senator Hale said on "
            "Tuesday that the panel sent a letter to the lawyer questioning whether his client "
            "can indeed invoke that right to avoid handing over the shipping records.")
    (d,) = find_denials(_art(text))
    assert (d["who"], d["cue"]) == ("panel", "questioning")
    (sc,), _ = _disputes(text)
    sides = _sides(sc)
    assert sides[0][:2] == ("asserts", "Delgado's lawyer") and "remain silent" in sides[0][3]
    assert sides[1][:2] == ("disputes", "panel")


def test_verbs_of_doubt_and_disagreement_deny_only_a_statement():
    for text, who in (("Several economists questioned whether the levy would pay for the "
                       "classrooms.", "Several economists"),
                      ("Critics have questioned the claim that the levy pays for classrooms.",
                       "Critics"),
                      ("Mayor Vance said the levy will pay for new classrooms, a point on "
                       "which the teachers' union disagrees.", "teachers' union"),
                      ("The ministry issued a statement on Monday denying that its troops had "
                       "crossed the border.", "ministry")):
        (d,) = find_denials(_art(text))
        assert d["who"] == who, (text, d)
    for text in ("Police questioned the suspect for six hours on Monday.",
                 "The company challenged the ruling in a federal court.",
                 "The two sides disagree on the price of the bridge.",
                 "Analysts doubt the levy will be enough, the report said, but few questioned "
                 "the mayor."):
        assert [d["cue"] for d in find_denials(_art(text))] in ([], ["doubt"]), text


def test_the_deniers_own_words_in_another_outlet_are_cited_with_the_denial():
    """A dispute cites the disputing party's restatement of its side in another outlet (its
    own claim there as close as alignment needs), not its other statements."""
    one = ("Mayor Vance said the new bridge will reopen to traffic in May, a contention "
           "Governor Okafor disputed on Friday.")
    two = ("Governor Okafor said the new bridge will not reopen to traffic in May. Okafor "
           "also said the state budget would be published in June.")
    found, _ = _disputes(one, two)
    (sc,) = found
    cited = [r.text for r in sc.sources if r.article == "art1"]
    assert any("will not reopen" in t for t in cited), cited
    assert not any("budget" in t for t in cited), cited


def _judged_story(*texts: str):
    from consilience.claims.judge import judge

    arts = {f"art{i}": _art(t, f"art{i}") for i, t in enumerate(texts)}
    return judge(Story(id="s", title="", articles=list(arts)), arts).claims


def test_a_party_negating_as_fact_the_act_another_party_asserts_is_contested():
    """ "The health ministry has cut 40 million lei from the hospital budget," one party says;
    "the reform does not cut hospital money," says another: one act, asserted and negated by
    two named parties, whatever the subjects, linked at a moderate similarity. Contested, never
    contradicted; only when both state it as fact and the two parties differ."""
    said = ("The health ministry has cut 40 million lei from the hospital budget this year, "
            "opposition leader Radu Ionescu said on Monday.")
    found = _judged_story(said, "The reform does not cut hospital money this year, Health "
                                "Minister Ana Pop said on Tuesday.")
    (sc,) = [sc for sc in found if sc.explanation.rule == "parties-negate-each-other"]
    assert sc.verdict == Verdict.contested
    assert [(c.value, c.asserted_by) for c in sc.explanation.compared] == [
        ("cut", "Radu Ionescu"), ("not cut", "Ana Pop")]
    assert "Radu Ionescu asserts it" in sc.explanation.summary
    for other in ("The reform may not cut hospital money this year, Health Minister Ana Pop "
                  "said on Tuesday.",
                  "These reforms do not cut hospital money this year, Health Minister Ana Pop "
                  "said on Tuesday.",
                  "The reform does not cut hospital money this year, opposition leader Radu "
                  "Ionescu said on Tuesday.",
                  "The reform does not cut hospital money this year.",
                  # a party telling of itself, not of the ministry named in the other
                  "\"We are the ones who have not cut 40 million lei from the hospital budget "
                  "this year,\" Health Minister Ana Pop said on Tuesday."):
        found = _judged_story(said, other)
        assert not [sc for sc in found if sc.verdict in (Verdict.contested,
                                                         Verdict.contradicted)], other
    # nor is the act told of the ministry corroborated by its negation in a cleft ("We are
    # the ones who have not cut ..."): the act is "cut", negated
    assert not [sc for sc in found if sc.verdict == Verdict.corroborated]


def test_disagreeing_with_a_party_or_its_statement_and_calling_it_wrong_are_denials():
    said = "Mayor Vance said on Monday that the new bridge would reopen to traffic in May. "
    for text, holder in (
            (said + "Governor Okafor disagreed with Vance's claim that the bridge would reopen "
                    "in May.", "Vance"),
            (said + "Governor Okafor disagrees with Vance.", "Vance"),
            (said + "\"That is simply wrong,\" Governor Okafor said.", "Vance")):
        ds = find_denials(_art(text))
        assert [d["who"] for d in ds] == ["Okafor"], text
        (sc,), _ = _disputes(text)
        assert _sides(sc)[0][:2] == ("asserts", holder), text
    # no statement or party disagreed with; an error said of no statement
    for text in ("The two sides disagree on the price of the bridge.",
                 "\"We know something is very wrong with the bridge,\" Governor Okafor said.",
                 "Governor Okafor said the council had done nothing wrong.",
                 "\"A lot could go wrong, and it still goes wrong at times,\" Governor Okafor said."):
        assert find_denials(_art(text)) == [], text


def test_denying_any_wrongdoing_answers_what_another_party_said_the_denier_did():
    (sc,), _ = _disputes("Prosecutors said Mayor Vance took bribes from the builder. Vance "
                         "denied any wrongdoing.")
    assert [(c.value, c.asserted_by) for c in sc.explanation.compared] == [
        ("asserts", "Prosecutors"), ("disputes", "Vance")]
    # a refusal is no denial; with nobody reported accusing him, the denial disputes nothing
    assert find_denials(_art("The court denied any appeal on Monday.")) == []
    assert _disputes("The report named the mayor of Harlan. Mayor Vance denied any "
                     "wrongdoing.")[0] == []


def test_denying_having_done_the_act_answers_what_another_party_said_the_denier_did():
    """"denied ever threatening her", "denies involvement": the denier's own act, of which
    another party accused it, named as a gerund or a bare noun; "denied him a role" and
    "denied Iran's involvement" are no denial of the denier's act."""
    (sc,), _ = _disputes("The actress Lena Ortiz said the producer Karl Brandt had threatened "
                         "to end her career. Through a spokesman, Brandt denied ever "
                         "threatening her.")
    assert [(c.value, c.asserted_by) for c in sc.explanation.compared] == [
        ("asserts", "Lena Ortiz"), ("disputes", "Karl Brandt")]
    (d,) = find_denials(_art("The shipping firm denies involvement in the smuggling."))
    assert d["imputed"] and d["refers"] == "involvement"
    for text in ("The studio denied him a role in the sequel.",
                 "Tehran denied Iran's involvement in the attack.",
                 "Brandt does not deny threatening her."):
        assert not any(x.get("imputed") for x in find_denials(_art(text))), text


def test_saying_one_did_nothing_wrong_disputes_what_another_party_accused_one_of():
    """"“I did nothing wrong,” Vance said", "maintains his innocence", "pleaded not guilty":
    the party's denial of what it is accused of; said of him by another, or under a
    condition, it is none."""
    accused = "Prosecutors said Adam Vance took bribes from the builder. "
    for reply in ("\u201cI did nothing wrong,\u201d Vance said.",
                  "\u201cI didn't do anything illegal,\u201d Vance told reporters.",
                  "Vance insisted he had done nothing wrong.",
                  "Vance maintains his innocence.", "Vance has pleaded not guilty."):
        (sc,), _ = _disputes(accused + reply)
        assert [(c.value, c.asserted_by) for c in sc.explanation.compared] == [
            ("asserts", "Prosecutors"), ("disputes", "Adam Vance")], reply
    for reply in ("His lawyer said he did nothing wrong.",
                  "\u201cIf he did nothing wrong, he has nothing to fear,\u201d Okafor said.",
                  "Vance pleaded guilty to two counts.",
                  "The ledgers don't necessarily show anything illegal.",
                  "Vance did nothing wrong, the report concluded.",
                  "In the end, Vance did nothing wrong."):
        assert not any(d.get("imputed") for d in find_denials(_art(accused + reply))), reply


def test_words_that_dismiss_a_statement_as_untrue_or_its_maker_as_lying_are_denials():
    """"That is simply not the case", "there is no truth to that", "called the allegations a
    witch hunt", "the story was a hoax", "accused the prosecutors of lying", "pushed back on
    Vance's claim", "contradicted him": denials of the statement before; the same words said
    of no statement ("the bomb threat was a hoax", "pushed back the deadline", "dismissed
    Vance") are none."""
    said = "Prosecutors said Adam Vance took bribes from the builder. "
    for reply, cue in (("\u201cThat is simply not the case,\u201d Vance said.", "not the case"),
                       ("Vance said there is no truth to that.", "no truth"),
                       ("Vance called the allegations a witch hunt.", "witch hunt"),
                       ("Vance said the charges were politically motivated.",
                        "politically motivated"),
                       ("Vance accused the prosecutors of lying.", "accused")):
        (d,) = find_denials(_art(said + reply))
        assert d["cue"] == cue, reply
        (sc,), _ = _disputes(said + reply)
        assert [(c.value, c.asserted_by) for c in sc.explanation.compared] == [
            ("asserts", "Prosecutors"), ("disputes", "Adam Vance")], reply
    (d,) = find_denials(_art("Governor Okafor pushed back on Vance's claim that the bridge "
                             "would reopen in May."))
    assert (d["who"], d["holder"], d["cue"]) == ("Okafor", "Vance", "pushed")
    (sc,), _ = _disputes("Mayor Adam Vance said the bridge would reopen in May. Governor Lena "
                         "Okafor quickly contradicted him.")
    assert [(c.value, c.asserted_by) for c in sc.explanation.compared] == [
        ("asserts", "Adam Vance"), ("disputes", "Lena Okafor")]
    for text in ("The bomb threat was a hoax, police said.",
                 "The council pushed back the deadline to June.",
                 "Okafor said that is the case for all schools.",
                 "The mayor dispelled the myth of the self-made man.",
                 "Vance called the investigation a political stunt.",
                 "Police said the attack was politically motivated.",
                 "Vance accused the prosecutors of bribery.",
                 "The board dismissed Vance in June.", "Voters rejected Vance in May."):
        assert find_denials(_art(text)) == [], text


def test_a_refusal_to_comment_is_nothing_a_denial_answers():
    """"The union declined to comment further": nothing asserted; the mill owner's denial
    answers what the union said before, not the refusal."""
    text = ("The dock workers' union said the mill had poisoned the river for years. "
            "A spokesman for the union said the report speaks for itself and declined to "
            "comment further. The mill's owner denied the accusations on Monday.")
    found, _ = _disputes(text)
    told = [c[3] for sc in found for c in _sides(sc) if c[0] == "asserts"]
    assert not any("speaks for itself" in t or "declined" in t for t in told), told
    only_refusal = ("A spokesman for the union said the report speaks for itself and declined "
                    "to comment further. The mill's owner denied the accusations on Monday.")
    found, _ = _disputes(only_refusal)
    assert found == []


def test_a_pronoun_doer_of_an_allegation_is_the_person_it_refers_to():
    """"“He tried to force me,” Varga said" accuses the man named before: a denial of "the
    allegations" by him answers it; "he didn't force me" accuses him of nothing."""
    from consilience.claims.disputes import _accused, _doer_head

    text = ("Mary Varga, an actress, met the producer Thomas Brandt in 1994. \u201cHe tried to "
            "force me,\u201d Varga said. \u201cBut he didn\u2019t actually hurt me.\u201d "
            "Brandt has denied the allegations.")
    art = _art(text)
    force = next(c for c in art.claims if c.text.startswith("He tried"))
    assert _doer_head(force) == "he" and _doer_head(force, art) == "brandt"
    d = {"who": "Thomas Brandt", "refers": "allegations"}
    before = [c for c in art.claims if c.span.end <= text.index("Brandt has denied")]
    found = _accused(d, art, before, {art.id: art})
    assert found is not None and text[found[1]:found[2]] == "He tried to force me"


def test_a_word_hung_on_the_disputing_party_across_a_comma_is_no_part_of_its_name():
    """"As such, independent fact-checkers ... have disputed the campaign's characterization":
    the parse hangs "such" on "fact-checkers"; the party is the independent fact-checkers."""
    art = _art("The Harbour League ad said the mayor had cut $40 million from the port budget. "
               "As such, independent fact-checkers and budget analysts alike have disputed "
               "the Harbour League's characterization.")
    who = [d["who"] for d in find_denials(art)]
    assert who == ["independent fact-checkers"], who


def test_a_source_described_by_what_it_knows_is_not_the_party_it_knows_of():
    """"A person familiar with Mr. Vance's testimony" is not Vance: a statement of that source
    is not Vance's to be disputed by "accused Vance of lying"; "a spokesman for the Vance
    campaign" speaks for Vance."""
    from consilience.claims.parties import same_party

    assert not same_party("A person familiar with Mr. Vance's testimony", "Vance")
    assert not same_party("officials close to Mr. Vance", "Vance")
    assert same_party("a spokesman for the Vance campaign", "Adam Vance")
    found, _ = _disputes("A person familiar with Mr. Vance's testimony said Mr. Vance never "
                         "named the builder to investigators. Governor Okafor accused Vance "
                         "of lying about the builder.")
    assert not any(c.asserted_by.startswith("A person familiar")
                   for sc in found for c in sc.explanation.compared)


def test_a_statement_denied_in_the_passive_is_disputed_by_the_agent_or_the_reporting_party():
    """"The allegations ... were denied by the mayor's office"; "a spokeswoman said any
    allegations of bribery were "unequivocally denied"": the statement is the passive subject,
    the denier the "by" phrase or, without one, the party reported saying it. Rights denied to
    someone are no statement."""
    (d,) = find_denials(_art("The allegations that Mayor Dan Vance took bribes from a developer "
                             "were denied by his office on Tuesday."))
    assert (d["who"], d["refers"]) == ("his office", "allegations")
    text = "The allegations that Mayor Dan Vance took bribes from a developer"
    art = _art(f"{text} were denied by his office on Tuesday.")
    assert art.text[d["target"][0]:d["target"][1]] == "Mayor Dan Vance took bribes from a developer"
    (d,) = find_denials(_art("Vance's spokeswoman, Ana Ruiz, said any allegations of bribery "
                             "were \"unequivocally denied.\""))
    assert d["who"] == "Ana Ruiz" and d["refers"] == "allegations"
    assert find_denials(_art("Fishing rights were denied to the trawler crews by the port "
                             "authority.")) == []
    # the allegation and its passive denial in two articles are one dispute
    found, _ = _disputes("The Harbor Courier reported on Monday that Mayor Dan Vance had taken "
                         "$40,000 from a developer in 2019.",
                         "The Harbor Courier's allegations were denied by Vance's campaign.")
    (sc,) = found
    assert {side[1] for side in _sides(sc)} == {"Harbor Courier", "Vance's campaign"}


def test_rumors_and_concerns_dismissed_are_statements_and_a_comma_clause_is_no_part_of_a_name():
    """"Police denied rumors that a second gunman had taken hostages", "dismissed concerns that
    its wreckage could hit homes": what is denied is said by others; "The union, which said
    ..., disputed": the party is the union."""
    art = _art("Police denied rumors that a second gunman had taken hostages at the harbour.")
    (d,) = find_denials(art)
    assert (d["who"], d["refers"]) == ("Police", "rumors")
    assert art.text[d["target"][0]:d["target"][1]] == (
        "a second gunman had taken hostages at the harbour")
    # rumors or concerns that say nothing here are no one's statement to match by likeness
    assert find_denials(_art("Police denied rumors on social media of a second hostage-taking "
                             "at the harbour.")) == []
    art = _art("The space agency dismissed concerns that its wreckage could hit homes near the "
               "coast.")
    (d,) = find_denials(art)
    assert art.text[d["target"][0]:d["target"][1]] == "its wreckage could hit homes near the coast"
    (d,) = find_denials(_art("The dockers' union, which said the pumps had failed, disputed Mr. "
                             "Varga's account of the flood."))
    assert d["who"] == "dockers' union" and d["holder"] == "Varga"


def test_neither_confirming_nor_denying_is_no_denial():
    """"would not confirm or deny", "neither confirmed nor denied", "can neither confirm nor
    deny": no denial; "did not resign and denied the allegations" is one."""
    for text in ("The port authority would not confirm or deny the report.",
                 "The company neither confirmed nor denied the allegations.",
                 "“I can neither confirm nor deny that the settlement involved my office,” the "
                 "mayor said."):
        assert find_denials(_art(text)) == [], text
    (d,) = find_denials(_art("The minister did not resign and denied the allegations."))
    assert d["who"] == "minister" and d["refers"] == "allegations"


def test_a_report_denied_is_the_last_statement_given_to_a_report_that_names_the_denier():
    """"..., according to a published report" two sentences before "the Russian Foreign
    Ministry denied the report": the report's statement, which names Russian ships, is what
    the ministry disputes; China's denial of "the reports" is not about it."""
    report = ("In an apparent violation of a U.N. resolution, Russian ships have allegedly "
              "transferred oil to North Korean vessels at sea, according to a published report. "
              "The Security Council resolution caps the country's crude oil imports. ")
    (sc,), _ = _disputes(report + "On Saturday, the Russian Foreign Ministry denied the report.")
    sides = _sides(sc)
    assert sides[0][:2] == ("asserts", "published report")
    assert sides[0][3].startswith("In an apparent violation")
    assert sides[1][:2] == ("disputes", "Russian Foreign Ministry")
    found, _ = _disputes(report + "China denied the reports on Friday.")
    assert found == []
