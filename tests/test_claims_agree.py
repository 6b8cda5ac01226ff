"""Claim links put to the learned entailment judge: only links where one claim states the other
corroborate; a similar sentence that says something else is told apart, with the reason."""

from __future__ import annotations

from consilience.claims.agree import judge_links, judged_text
from consilience.claims.extract import claims
from consilience.claims.judge import judge
from consilience.model import Article, Story, Verdict
from consilience.nlp.annotate import annotate
from consilience.nlp.models import spacy_pipeline
from consilience.nlp.quantities import quantities
from consilience.nlp.quotes import quotes


def _art(text: str, id: str) -> Article:
    art = Article(id=id, input_text=text, text=text, outlet=f"{id}.example")
    return claims(quotes(quantities(annotate(art))))


def _claim(art: Article, words: str):
    return next(c for c in art.claims if words in c.text)


def _judged(t1: str, w1: str, t2: str, w2: str):
    c1, c2 = _claim(_art(t1, "one"), w1), _claim(_art(t2, "two"), w2)
    return judge_links([(c1, c2)])[frozenset((c1.id, c2.id))]


def test_a_restatement_is_supported_and_a_different_statement_is_not():
    same = _judged("The harbour authority closed the port of Varna on Monday after the storm.",
                   "closed",
                   "The port of Varna was closed by the harbour authority on Monday.", "closed")
    assert same.supported, same.summary()
    other = _judged("The harbour authority closed the port of Varna on Monday after the storm.",
                    "closed",
                    "The harbour authority reopened the port of Burgas on Monday.", "reopened")
    assert not other.supported, other.summary()
    assert "p_support" in other.summary()


def test_the_judge_reads_claims_without_datelines_titles_or_dates():
    nlp = spacy_pipeline()
    assert judged_text(nlp("WASHINGTON \u2015 Rep. Tomas Varga resigned on Friday.")) == (
        "Tomas Varga resigned.")
    plain = "The port stayed open."
    assert judged_text(nlp(plain)) == plain
    # a party's statement about itself: the pronoun subject is the party
    said = nlp("it has retaken the village of Dolno in the eastern district")
    assert judged_text(said, "Ruritania") == "Ruritania has retaken the village of Dolno in the eastern district"
    assert judged_text(said) == said.text


def test_titles_and_days_are_not_changed_names():
    """ "Mr." against "Rep." and "Friday" are not rival names: the same resignation."""
    j = _judged("Rep. Tomas Varga resigned from the regional council on Friday.", "resigned",
                "Mr. Varga resigned from the regional council on Friday afternoon.", "resigned")
    assert j.supported, j.summary()
    assert not any("changed name" in r for r in j.forward.reasons + j.backward.reasons)


def test_only_supported_links_corroborate():
    one = _art("The mill at Kessel was shut on Tuesday after a fire in its boiler house. "
               "There is no shortage of flour in the region, the mill's owner said.", "one")
    two = _art("A fire in the boiler house shut the Kessel mill on Tuesday. "
               "This is far from the only shortage of flour the region has seen.", "two")
    story = Story(id="s", title="Kessel mill", articles=["one", "two"])
    judged = judge(story, {"one": one, "two": two})
    fire = next(sc for sc in judged.claims if "boiler" in sc.text)
    assert fire.verdict == Verdict.corroborated, fire.explanation.summary
    assert "entailment judge" in fire.explanation.summary
    flour = [sc for sc in judged.claims if "flour" in sc.text]
    assert flour and all(sc.verdict != Verdict.corroborated for sc in flour), [
        (sc.verdict, sc.explanation.summary) for sc in flour]


def test_one_figure_of_one_kind_links_a_restatement_in_other_words():
    """Outlets that restate a fact in other words share its figure; the figure anchors the
    link and lifts the pair over the alignment threshold (``NUMBER_BONUS``)."""
    one = _art("The regulator fined Portgrain 2.4 million lei on Monday over the spill at the "
               "southern pier.", "one")
    two = _art("Portgrain must pay 2.4 million lei, the environment agency decided.", "two")
    judged = judge(Story(id="s", title="Portgrain fine", articles=["one", "two"]),
                   {"one": one, "two": two})
    assert [sc.verdict for sc in judged.claims] == [Verdict.corroborated], [
        (sc.verdict, sc.explanation.summary) for sc in judged.claims]
    # another figure is no anchor and no bonus
    three = _art("Portgrain must pay 1.9 million lei, the environment agency decided.", "three")
    judged = judge(Story(id="s", title="Portgrain fine", articles=["one", "three"]),
                   {"one": one, "three": three})
    assert Verdict.corroborated not in [sc.verdict for sc in judged.claims]


def test_a_pronoun_subject_is_read_as_who_it_refers_to_not_always_the_speaker():
    """ "The Herald reported that she had ..." is about the woman named before, not the Herald;
    "Ukraine said it had ..." is Ukraine's; "he" said by a man is the man."""
    from consilience.claims.agree import pronoun_party

    art = _art("Mayor Linda Keller faced new questions on Monday. The Coastal Herald reported "
               "that she had used a private phone for official business for two years. "
               "Tomas Varga, her deputy, said he would answer the council's questions.", "a")
    herald = _claim(art, "she had used a private phone")
    assert herald.asserted_by != "outlet"
    assert pronoun_party(herald, art) == "Linda Keller", herald.asserted_by
    deputy = _claim(art, "he would answer")
    assert pronoun_party(deputy, art) == deputy.asserted_by == "Tomas Varga"
    other = _art("Mayor Linda Keller used a private phone for official business for two years, "
                 "the Herald found.", "b")
    plain = judge_links([(herald, _claim(other, "used a private phone"))])
    read = judge_links([(herald, _claim(other, "used a private phone"))],
                       parties={herald.id: pronoun_party(herald, art)})
    (j_plain,), (j_read,) = plain.values(), read.values()
    assert j_read.p_support > j_plain.p_support, (j_plain.summary(), j_read.summary())


def test_an_object_pronoun_is_read_as_who_it_refers_to():
    """"Greene said he had illegally fired her": the judge reads "fired Ana Greene", so the
    statement in other words ("Ana Greene was fired after she complained") is found in it; a
    possessive ("her lawyer") stays as it is."""
    from consilience.claims.agree import object_party, object_pronouns
    from consilience.nlp.models import spacy_pipeline

    art = _art("Ana Greene, a former aide to Mayor Paul Varga, sued him in 2014. Greene said that "
               "he had illegally fired her after she complained about mistreatment.", "a")
    fired = _claim(art, "illegally fired her")
    doc = spacy_pipeline()(fired.text)
    (her,) = object_pronouns(doc)
    assert object_party(fired, art, her.idx, her.lower_) in ("Ana Greene", "Greene")
    assert object_pronouns(spacy_pipeline()("her lawyer filed the suit")) == []
    other = _art("Ana Greene was fired by Paul Varga after she complained about mistreatment, "
                 "court papers show.", "b")
    pair = [(fired, _claim(other, "was fired"))]
    plain = judge_links(pair, parties={fired.id: "Paul Varga"})
    read = judge_links(pair, parties={fired.id: "Paul Varga"},
                       resolve=lambda c, offset, p: object_party(c, art, offset, p))
    (j_plain,), (j_read,) = plain.values(), read.values()
    assert j_read.p_support > j_plain.p_support, (j_plain.summary(), j_read.summary())


def test_a_negation_apart_from_what_two_claims_share_is_no_conflict():
    """One outlet quotes a statement whole, another only its second half: the negation in the
    first half ("we cannot allow ...") bears on nothing the other says, so the link is
    supported. A negation of a word both say ("did not confirm" / "confirmed"), and one in a
    claim that holds words the other lacks ("not interrupted" / "halted"), stay conflicts."""
    whole = ("The governor believes that we cannot allow a rumour from many years ago to end a "
             "career, but that if the reports are true, Mayor Varga will do the right thing and "
             "resign.")
    half = "However, the governor also believes that if these reports are true, Mayor Varga " \
           "will do the right thing and resign."
    j = _judged(whole, "cannot", half, "Mayor Varga")
    assert j.negation_apart and j.supported, j.summary()
    j = _judged("The ministry did not confirm the closure of the port of Varna.", "confirm",
                "The ministry confirmed the closure of the port of Varna.", "confirmed")
    assert not j.negation_apart and not j.supported, j.summary()
    assert "negation differs" in j.summary()
    # the other's words inside the negation's scope: the negation bears on them
    j = _judged("It is not clear what the inspectors found at the port of Varna after the fire "
                "in the grain terminal.", "clear",
                "Inspectors searched the grain terminal at the port of Varna after the fire.",
                "searched")
    assert not j.negation_apart, j.summary()
    j = _judged("Shipping was not interrupted at the port of Varna on Monday.", "interrupted",
                "Shipping was halted at the port of Varna on Monday for six hours.", "halted")
    assert not j.negation_apart and not j.supported, j.summary()
