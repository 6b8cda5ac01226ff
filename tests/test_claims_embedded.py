"""Facts stated inside a sentence (a noun with its relative or participial clause) are compared
across outlets on their own: one outlet's sentence can corroborate a phrase of another's, with
the phrase's own span; a phrase no other outlet states is not reported twice."""

from __future__ import annotations

from consilience.claims.extract import claims, embedded_facts
from consilience.claims.judge import judge
from consilience.model import Article, Story, Verdict
from consilience.nlp.annotate import annotate
from consilience.nlp.models import spacy_pipeline
from consilience.nlp.quantities import quantities
from consilience.nlp.quotes import quotes


def _art(text: str, id: str) -> Article:
    art = Article(id=id, input_text=text, text=text, outlet=f"{id}.example")
    return claims(quotes(quantities(annotate(art))))


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
    story = Story(id="s", title="Harbour Safety Act", articles=["one", "two"])
    judged = judge(story, {"one": one, "two": two})
    passed = [sc for sc in judged.claims if sc.verdict == Verdict.corroborated]
    assert len(passed) == 1, [(sc.verdict, sc.text) for sc in judged.claims]
    texts = {s.article: s.text for s in passed[0].sources}
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
