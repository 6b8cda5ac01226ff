"""Whether two aligned claims say the same thing: the learned entailment judge on claim links.

Alignment (``judge.align``) links claims of different articles by similarity and shared anchors.
Similar is not the same: "There is no national emergency" and "This is far from the only declared
national emergency" share most of their words. Before a group of claims is called corroborated,
each cross-source link is put to the judge of ``entail`` (two logistic regressions learned from
SummEdits, see ``scripts/train_verify.py``), both ways: claim A as the premise and claim B as the
hypothesis, then the reverse, each claim read without dateline, titles and dates, with who its
pronoun subject stands for (``pronoun_party``: the speaker when the pronoun fits, else the person
a "he" or "she" refers back to) in its place (``judged_text``). A link is *supported* when the judge
sees no sign of conflict either way (``CONFLICT_FEATURES``) and either direction is labelled
"support" by the model's own threshold (a more specific statement supports a vaguer one; the
reverse need not hold) or the link is strong. The threshold is the model's, chosen by
cross-validation on its training domains; the rules around it were set by reading half A of the
BASIL dev events (docs/claims.md).

Each claim is parsed once more (spaCy, one ``pipe`` call; again only when the reading changed
its text) and indexed once, whatever the number of links it takes part in; the story's articles
are not parsed again.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..clean.furniture import dateline_prefix
from ..model import Article, Claim
from ..nlp.quotes import PERSON_TITLES, gender_ok, pronoun_antecedent
from .entail import EntailmentScore, combine, part_features, score
from .similarity import embed
from .lexicon import NEGATION
from .verify import _is_negated, index_units


#: Features whose presence means the two claims may not both hold.
CONFLICT_FEATURES = ("negation_differs", "antonym", "rival_number")

#: A claim contains another when the other's content words are nearly all in it (the judge's
#: weighted ``cover_evidence`` of the other as hypothesis at least this).
CONTAINS = 0.8
#: ... and a negation in it is apart from the other when at most this share of the other's
#: content words falls in the negation's scope ("a mere allegation" / "these allegations").
NEGATED_SHARE = 0.2


@dataclass
class LinkJudgement:
    """The judge's view of one link, both ways (``forward``: first claim as premise)."""

    forward: EntailmentScore
    backward: EntailmentScore
    #: The alignment's similarity of the two claims, and whether it is a strong link.
    similarity: float | None = None
    strong: bool = False
    #: The negation on one side only bears on nothing the other claim says: one claim contains
    #: the other, and the negation's scope holds hardly any of the other's words
    #: (:func:`negation_apart`).
    negation_apart: bool = False

    @property
    def conflict_signals(self) -> list[str]:
        """Features of a real conflict in either direction: a negation on one side only (unless
        it is apart from what the two share), an opposite-polarity word, a different number
        counting the same thing."""
        return [k for k in CONFLICT_FEATURES
                if max(self.forward.features.get(k, 0), self.backward.features.get(k, 0)) > 0
                and not (k == "negation_differs" and self.negation_apart)]

    @property
    def supported(self) -> bool:
        """One claim states the other: no sign of conflict, and the model says so one way or
        the other, or the link is strong (the model reads an extra name in one claim,
        "(R-Texas)", as a changed name; on a strong link with no sign of conflict it is not
        one). A negation on one side only is never support, whatever the probability, unless it
        is apart from what the two share (:func:`negation_apart`): "Shipping was not
        interrupted" does not state "Shipping was halted for six hours"."""
        if self.conflict_signals:
            return False
        return self.strong or "support" in (self.forward.label, self.backward.label)

    @property
    def p_support(self) -> float:
        return max(self.forward.p_support, self.backward.p_support)

    def summary(self) -> str:
        """One line for explanations: the probability and, when unsupported, why."""
        line = f"entailment judge p_support {self.p_support:.2f}"
        if self.supported and "support" not in (self.forward.label, self.backward.label):
            line += f", strong link {self.similarity:g} with no sign of conflict"
        if not self.supported:
            hard = self.forward.reasons + self.backward.reasons
            detail = next((r for r in hard if not r.startswith("off the evidence")), None)
            detail = detail or next(iter(hard), None)
            if detail:
                line += f" ({detail})"
        return line


def negation_scope(doc) -> set[str]:
    """Lemmas of the content words the negations of ``doc`` bear on: the phrase of the word a
    negation modifies ("not" on "allow": "cannot allow a mere allegation to destroy a
    career"; "no" on "amnesty": the verb it is an argument of, with its phrase), without the
    clauses coordinated in it ("..., but that if the reports are true, he will resign")."""
    out: set[str] = set()
    for t in doc:
        if t.dep_ != "neg" and t.lower_ not in NEGATION:
            continue
        head = t.head
        if head.pos_ in ("NOUN", "PROPN", "PRON", "ADP") and head.head.i != head.i:
            head = head.head  # "no amnesty" -> "would contain no amnesty"
        apart = {u.i for c in head.subtree if c.i != head.i and (
                     c.dep_ == "parataxis" or c.dep_ == "conj" and c.pos_ in ("VERB", "AUX"))
                 for u in c.subtree}
        out.update(u.lemma_.lower() for u in head.subtree
                   if u.i not in apart and u.is_alpha and not u.is_stop)
    return out


def _content_lemmas(doc) -> set[str]:
    return {t.lemma_.lower() for t in doc if t.is_alpha and not t.is_stop}


def negation_apart(doc_a, doc_b, forward: EntailmentScore, backward: EntailmentScore) -> bool:
    """Whether a negation on one side only is apart from what two claims share: one claim
    (the premise of a direction) holds nearly all the other's content words (``CONTAINS``), the
    negation is in that claim alone, and its scope (:func:`negation_scope`) holds hardly any of
    the other's words (``NEGATED_SHARE``). "The president believes we cannot allow a mere
    allegation to destroy a person's life, but that if the allegations are true, Judge Moore
    will step aside" holds "the president believes that if these allegations are true, Judge
    Moore will step aside";
    "It is not clear what North Korea learned from this launch" bears on the launch, and "did
    not confirm the closure" / "confirmed the closure" on a word both say: they stay conflicts."""
    for premise, hyp, j in ((doc_a, doc_b, forward), (doc_b, doc_a, backward)):
        words = _content_lemmas(hyp)
        if (j.features.get("cover_evidence", 0) >= CONTAINS and _is_negated(premise)
                and not _is_negated(hyp) and words
                and len(negation_scope(premise) & words) <= NEGATED_SHARE * len(words)):
            return True
    return False


def _sentences(doc) -> list:
    return [s for s in doc.sents if any(not t.is_punct and not t.is_space for t in s)]


def _is_title(tok) -> bool:
    """A courtesy or office title before a name ("Mr.", "Rep.", "Secretary")."""
    return (tok.lower_ in PERSON_TITLES and tok.i + 1 < len(tok.doc)
            and tok.nbor(1).pos_ == "PROPN")


#: Subject pronouns that, in a statement a party makes, stand for that party ("Ukraine said
#: it had recaptured the village", "the minister said he would resign").
SPEAKER_PRONOUNS = frozenset({"it", "he", "she", "they", "we", "i"})


#: Object pronouns read as the person they stand for ("he had illegally fired her").
OBJECT_PRONOUNS = frozenset({"him", "her"})


def object_pronouns(doc) -> list:
    """The tokens of ``doc`` that are object pronouns ("fired her", "paid him"), not
    possessives ("her aides")."""
    return [t for t in doc if t.lower_ in OBJECT_PRONOUNS
            and t.dep_ in ("dobj", "pobj", "dative", "iobj")]


def judged_text(doc, speaker: str | None = None, objects: dict[int, str] | None = None) -> str:
    """What of a claim the judge reads: without a dateline ("WASHINGTON -"), courtesy titles
    or dates and times, and with a pronoun subject of a party's statement replaced by the party
    (``speaker``). Names are compared without their titles ("Mr. Varga" / "Rep. Tomas Varga"),
    dates are compared by the verdict rules (``compare_times``) after normalisation, so a day
    named by one outlet and left out by another is not a changed name, and "it has recaptured
    the village" said by Ukraine is Ukraine's recapture."""
    text = doc.text
    start = dateline_prefix(text.replace("\u2015", "\u2014"))
    kept = []
    for t in doc:
        if t.idx < start or _is_title(t) or _is_time(t) or (
                t.dep_ == "prep" and t.n_rights and all(_is_time(c) for c in t.rights)):
            continue
        if (speaker and t.lower_ in SPEAKER_PRONOUNS and t.dep_ in ("nsubj", "nsubjpass")
                and t.head.dep_ == "ROOT" and not kept):
            kept.append(speaker + t.whitespace_)
            continue
        if objects and t.i in objects:  # "fired her" -> "fired Lauren Greene"
            kept.append(objects[t.i] + t.whitespace_)
            continue
        kept.append(t.text_with_ws)
    out = re.sub(r"\s+([.,;:!?])", r"\1", re.sub(r"\s+", " ", "".join(kept))).strip()
    return out or text


def _is_time(tok) -> bool:
    return tok.ent_type_ in ("DATE", "TIME")


def pronoun_party(claim: Claim, article: Article) -> str | None:
    """Who the pronoun subject of a claim stands for: the party whose statement it is when the
    pronoun fits that party ("Ukraine said it had recaptured the village"; "he" for a man
    speaking), else the person a "he" or "she" refers back to in the article ("The Times
    reported that she had used a personal account": not the Times), else None. "It" and "they"
    are taken for the speaker only: they stand as often for things as for parties."""
    speaker = None if claim.asserted_by == "outlet" else claim.asserted_by
    subject = (claim.subject or "").strip().lower()
    if subject not in ("he", "she"):
        return speaker
    if speaker is not None:
        people = [e for e in article.entities if e.type == "person" and (
            e.name == speaker or any(m.text == speaker for m in e.mentions))]
        if people and gender_ok(article, people[0], subject):
            return speaker
    ent = pronoun_antecedent(article, claim.span.start, subject)
    return ent.name if ent is not None and ent.type == "person" else None


def object_party(claim: Claim, article: Article, offset: int, pronoun: str) -> str | None:
    """The person an object pronoun at ``offset`` in the claim's text stands for ("Greene
    said he had illegally fired her": the woman the article names before, here the speaker
    herself), or None."""
    ent = pronoun_antecedent(article, claim.span.start + offset, pronoun)
    if ent is None or ent.type != "person" or not gender_ok(article, ent, pronoun):
        return None
    return ent.name


def judge_links(pairs: list[tuple[Claim, Claim]], similarity: dict[frozenset[str], float] | None
                = None, strong: float = 1.0, parties: dict[str, str | None] | None = None,
                resolve: Callable[[Claim, int, str], str | None] | None = None
                ) -> dict[frozenset[str], LinkJudgement]:
    """The judge's view of each pair of claims, keyed by the pair of claim ids; ``similarity``
    holds the alignment's score of each pair, ``strong`` the score of a strong link, ``parties``
    who each claim's pronoun subject stands for (:func:`pronoun_party`; without it, the party
    asserting the claim), ``resolve`` who an object pronoun at an offset of a claim's text
    stands for (:func:`object_party`)."""
    from ..nlp.models import spacy_pipeline

    similarity = similarity or {}
    if not pairs:
        return {}
    nlp = spacy_pipeline()
    claims = sorted({c.id: c for pair in pairs for c in pair}.values(), key=lambda c: c.id)
    parsed = dict(zip([c.id for c in claims], nlp.pipe([c.text for c in claims])))
    if parties is None:
        parties = {c.id: None if c.asserted_by == "outlet" else c.asserted_by for c in claims}
    objects: dict[str, dict[int, str]] = {}
    if resolve is not None:
        for c in claims:
            named = {t.i: name for t in object_pronouns(parsed[c.id])
                     if (name := resolve(c, t.idx, t.lower_))}
            if named:
                objects[c.id] = named
    reduced = {c.id: judged_text(parsed[c.id], parties.get(c.id), objects.get(c.id))
               for c in claims}
    docs = {parsed[c.id].text: parsed[c.id] for c in claims if reduced[c.id] == c.text}
    texts = sorted(set(reduced.values()) - set(docs))  # only the claims the reading changed
    docs.update(zip(texts, nlp.pipe(texts)))
    sents = {t: _sentences(d) for t, d in docs.items()}
    embed([x.text for s in sents.values() for x in s])  # one batch; the rest reads the cache
    index = {t: index_units(s) for t, s in sents.items()}

    def one_way(premise: str, hypothesis: str) -> EntailmentScore:
        return score(combine([part_features(s, index[premise]) for s in sents[hypothesis]]))

    out: dict[frozenset[str], LinkJudgement] = {}
    for a, b in pairs:
        key = frozenset((a.id, b.id))
        if key not in out:
            ta, tb = reduced[a.id], reduced[b.id]
            sim = similarity.get(key)
            fwd, bwd = one_way(ta, tb), one_way(tb, ta)
            apart = (max(fwd.features.get("negation_differs", 0),
                         bwd.features.get("negation_differs", 0)) > 0
                     and negation_apart(docs[ta], docs[tb], fwd, bwd))
            out[key] = LinkJudgement(fwd, bwd, sim, sim is not None and sim >= strong, apart)
    return out


__all__ = ["LinkJudgement", "judge_links", "object_party", "pronoun_party"]
