"""Reported disputes: a party denies or disputes what another asserts.

Read from the dependency parse, not from a table of sides. A sentence reports a dispute when

- a denial verb (``DENIAL_LEMMAS``: deny, dispute, reject, refute, ...; not negated, not under a
  modal) has a subject that names a party (a person or body; a pronoun is resolved to the
  nearest person or organisation before it; "continued to deny" takes the subject of
  "continued", "..., denying that ..." the subject of the verb it follows) and a statement for
  object ("the claim that ...", "the allegations", "Axelrod's comment that ..."), or, for
  "deny", what the denier is said to have done: a noun for it (``IMPUTED``: "denied any
  wrongdoing", "denies involvement") or a gerund ("denied making illegal shipments"), or
- a verb of doubt or fault (``DOUBTING``: question, doubt, challenge, criticize) has such a
  subject and a statement for object, or a clause opened by "whether" or "if" ("sent a letter
  ... questioning whether his client can indeed invoke the Fifth Amendment"), or
- a party disagrees: in a relative clause on a clause ("..., a point on which the conference
  disagrees"), with a statement or a named party ("disagreed with Vance's claim that ...",
  "disagrees with Vance"), or with a clause, or
- a party's quoted or reported words judge something false (``FALSITY_WORDS``: "false",
  "not accurate", "nonsense", "a mischaracterization", "rated the ad as false", "is just
  outrageous talk"; ``ERROR_WORDS`` with "be", of a statement or a party: "that is wrong";
  not under a negation), or
- a party's reply negates another party's statement of one thing, after "but" in the same
  sentence or in the next sentence opened by "But" or holding "however", or
- a party's words set a negated alternative against what another party claims ("to preserve
  Medicare, not 'end' it, as Obama's campaign claims").

A denial may name whose statement it disputes (its *holder*): the possessor or proper-noun
modifier of the disputed noun ("BuzzFeed's description", "the BuzzFeed report"), or of the same
noun in the sentences just before ("Ms. Greene's allegations. ... denied the allegations").

What is disputed, and who asserts it, is found in this order: the clause a relative denial
hangs on ("..., which the company denied"); a clause inside the denial's object ("disputed the
claim that taxpayers will pay"), asserted by the holder or by the party of the most similar
claim of the story that states it; the holder's statement most similar to the denial, in the
denial's article before it or in another article; the claim of another party whose words the
denial's sentence reports; the claim of another party in the ``LOOKBACK`` sentences before. A
denial whose asserting party is not found gives nothing: a contested claim names two parties.
The story gets one ``contested`` claim per disputed statement, citing the statement with who
asserts it and each denial with who disputes it (a denial carried over to the next sentence by
the same party, or one naming a party whose statement the article disputes elsewhere, joins
that claim): the outlets report a dispute, they do not contradict each other.

The denials are read once per article, from the parse the article stages already made (the
``disputes`` article stage, after ``claims``: a denial's party may be the claim of its sentence),
and kept as ``Article.denials``; the story stage ``judge`` reads them and does not parse again.
"""

from __future__ import annotations

import hashlib
import re

from ..lang import PIPELINE_LANGUAGES
from ..model import (Article, Claim, Compared, Denial, Explanation, SourceRef, Span, Story,
                     StoryClaim, Verdict)
from ..nlp.annotate import doc_text, parse
from ..nlp.quotes import SPEECH_VERBS, pronoun_antecedent
from ..pipeline import article_stage
from .extract import _resolve
from .similarity import cosine
from .lexicon import DENIAL_LEMMAS, MODALS
from .parties import PRONOUN_SPEAKERS as _PRONOUNS
from .parties import named as _named, norm as _norm
from .parties import same_party as _same_party
from .verdicts import source_key

#: Words by which a speaker judges a statement untrue (general English).
FALSITY_WORDS = frozenset({"false", "untrue", "inaccurate", "nonsense", "baseless",
                           "groundless", "unfounded", "misleading", "lie", "lies",
                           "mischaracterization", "mischaracterisation", "fabricated",
                           "fabrication", "bogus", "outrageous", "ridiculous", "absurd",
                           "erroneous", "distortion"})
#: Words of error that judge a statement untrue only when said of a statement or a party
#: ("that is wrong", "they are 100 percent wrong"); "something is very wrong" judges nothing said.
ERROR_WORDS = frozenset({"wrong", "incorrect", "mistaken"})
#: Pronouns for a party whose words an error word judges ("they are wrong").
_PARTY_PRONOUNS = frozenset({"he", "she", "they"})
#: "not accurate", "not true": negated words of truth.
TRUTH_WORDS = frozenset({"accurate", "true", "correct", "right"})
#: Nouns that refer back to a statement ("denied the allegations", "called that ...").
ANAPHORA = frozenset({"that", "this", "it", "claim", "claims", "allegation", "allegations",
                      "account", "accounts", "report", "reports", "charge", "charges",
                      "accusation", "accusations", "story", "characterization", "assertion",
                      "assertions", "suggestion", "idea", "notion", "which"})
#: Statement nouns that name no one's particular statement ("denied rumors on social media",
#: "dismissed concerns about antitrust issues"): denied only with what they say ("concerns
#: that its wreckage could hit homes"), never matched to a statement by likeness alone.
UNOWNED = frozenset({"rumor", "rumors", "rumour", "rumours", "speculation", "concern",
                     "concerns", "fears"})
#: Nouns that name what someone said ("dismissed Axelrod's comment that ...", "is just
#: outrageous talk"): general English words for a statement.
STATEMENTS = frozenset({"comment", "comments", "remark", "remarks", "argument", "arguments",
                        "statement", "statements", "description", "descriptions",
                        "characterisation", "theory", "contention", "contentions", "version",
                        "narrative", "talk", "reporting", "article", "interpretation",
                        "portrayal", "premise", "insinuation", "assessment", "rhetoric"}) | UNOWNED
#: Statement nouns that name a publication ("dismissed the story", "denied the report").
PUBLICATIONS = frozenset({"story", "stories", "report", "reports", "article", "articles",
                          "reporting"})


#: Nouns for what is said against someone ("denied the allegations", "the accusations were
#: false"): who denies them is who they are about.
ALLEGATIONS = frozenset({"allegation", "allegations", "accusation", "accusations", "charge",
                         "charges"})


#: Nouns for a message sent or issued, which says what its sender says ("sent a letter
#: questioning whether ...", "issued a statement denying ...").
MESSAGES = frozenset({"letter", "statement", "memo", "email", "note", "filing", "motion",
                      "brief", "message", "tweet", "post", "release", "notice"})
#: Earlier sentences of the same article searched for the statement a denial refers back to
#: ("X said ... . Democrats called that a mischaracterization."); on the tuning half three
#: sentences found the wrong statement more often than one.
LOOKBACK = 1
#: Least similarity of the denial and a statement of another article for it to be the target.
TARGET_SIMILARITY = {"embeddings": 0.5, "tfidf": 0.2}
#: Whether a denial may be matched to a statement of another article (off: on the tuning half
#: such matches were mostly wrong).
CROSS_ARTICLE = False
#: Words a denial and its target must share (entities or content words) to be one dispute.
MIN_SHARED = 1
#: Least similarity of a disputed clause ("disputed the claim that taxpayers will pay for
#: campaigns") and another party's claim for that party to be the one who asserted it.
CLAIM_SIMILARITY = {"embeddings": 0.5, "tfidf": 0.2}
#: Least similarity of a denial and a statement of the party it names in its own article
#: ("the Obama campaign claims" is not whatever Obama said before).
HOLDER_SIMILARITY = {"embeddings": 0.4, "tfidf": 0.15}
#: Preference for a target in the denial's own article over one in another article.
SAME_ARTICLE_BONUS = 0.1


def _party(phrase: str | None, article: Article, start: int) -> str | None:
    """The disputing party's name, or None when the phrase names nobody (a bare pronoun that
    resolves to nothing, a thing)."""
    if not phrase:
        return None
    who = _resolve(phrase, article, start)
    if not who or who.lower() in _PRONOUNS or who == "outlet":
        return None
    return who


#: Modals that make a denial hypothetical ("Wal-Mart could refute the claims at a trial").
HYPOTHETICAL = MODALS
#: Verbs whose infinitive complement keeps their subject's act ("continued to deny").
ASPECTUAL = frozenset({"continue", "keep", "repeat", "persist"})
#: Dependencies of a noun or adjective said of something ("is false", "called that a lie"),
#: not an attribute inside a noun phrase ("his false statements").
_PREDICATIVE = frozenset({"acomp", "attr", "oprd", "ROOT", "conj", "xcomp", "ccomp"})
#: Verbs by which a clause reports what a statement said ("the report that said ...").
_SAYING = frozenset({"say", "claim", "allege", "assert", "state", "report", "suggest", "argue",
                     "insist", "contend", "maintain"})


#: Adverbs that make a denial a guess ("he probably dismissed it").
CONJECTURE = frozenset({"probably", "possibly", "perhaps", "maybe", "likely"})


def _hypothetical(verb) -> bool:
    """A denial that did not happen or is guessed at: under a modal ("could refute") or a
    conjecture ("probably dismissed"), here or on the verb it completes."""
    for v in (verb, verb.head if verb.dep_ == "xcomp" else verb):
        if any(c.dep_ == "aux" and c.lower_ in HYPOTHETICAL
               or c.dep_ == "advmod" and c.lower_ in CONJECTURE for c in v.children):
            return True
    return False


_SAID = ANAPHORA | STATEMENTS


def _said_thing(tok) -> bool:
    """A subject that names what was said ("her claims ... are untrue", "the report"), which
    is what is disputed, never who disputes it."""
    return tok.lemma_.lower() in _SAID or tok.lower_ in _SAID


def _subject(verb):
    """The denying party's token: the verb's subject or passive agent; for "continued to deny"
    or "said ... and denied ..." the subject of the verb it completes or is coordinated with."""
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "agent")), None)
    if subj is not None and subj.dep_ == "agent":
        return next((c for c in subj.children if c.dep_ == "pobj"), None)
    if subj is None and (verb.dep_ == "conj" and verb.head.pos_ == "VERB" or
                         verb.dep_ == "xcomp" and verb.head.lemma_.lower() in ASPECTUAL):
        return next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    if subj is None and _main_verb_as_modifier(verb):
        return verb.head
    if subj is None and verb.tag_ == "VBG" and verb.dep_ in ("advcl", "acl"):
        # "Moscow dismissed the report, denying that ...": the participle's doer is the subject
        # of the verb it follows; "the panel sent a letter questioning whether ...": a message
        # says what its sender says
        head = verb.head
        if verb.dep_ == "acl" and head.lemma_.lower() in MESSAGES and head.dep_ == "dobj":
            head = head.head
        if head.pos_ == "VERB":
            return next((c for c in head.children if c.dep_ == "nsubj"), None)
    return subj


def _main_verb_as_modifier(verb) -> bool:
    """ "The port authority disputed on Friday a report ...", parsed as a noun the verb
    modifies: a past form with a direct object (no passive participle takes one) on the
    sentence's head noun is the sentence's own verb, and the noun its subject."""
    return (verb.dep_ == "acl" and verb.tag_ in ("VBD", "VBN") and verb.head.dep_ == "ROOT"
            and any(c.dep_ == "dobj" for c in verb.children))


def _aside(clause) -> bool:
    """A relative clause set off by a comma ("The union, which said the pumps had failed,"):
    it tells more of the party and is no part of its name."""
    first = clause.left_edge
    return (clause.dep_ == "relcl" and first.i > 0
            and clause.doc[first.i - 1].text == ",")


def _phrase(tok) -> str:
    """A party's words as the text gives them, without a possessive mark at the end and, when
    parties are coordinated, the first that is not a pronoun alone ("Both the White House and
    lawyers for Mr. Trump" -> "the White House"; "She and other Democrats" -> "other
    Democrats")."""
    conjs = [tok, *(c for c in tok.conjuncts if c.i > tok.i)]
    head = next((c for c in conjs if c.pos_ != "PRON"), tok)
    drop = {x.i for c in head.children if c.dep_ in ("conj", "cc", "preconj")
            or _main_verb_as_modifier(c) or _aside(c) for x in c.subtree}
    keep = [x for x in head.subtree if x.i not in drop and x.lower_ != "both"]
    while len(keep) > 1 and (keep[-1].dep_ == "case" or keep[-1].is_punct):
        keep.pop()
    while len(keep) > 1 and keep[0].is_punct:
        keep.pop(0)
    # a word the parse hung on the party across a comma ("As such, independent
    # fact-checkers"): the party's name begins after the comma
    comma = next((k for k, x in enumerate(keep) if x.text == "," and x.i < head.i), None)
    if comma is not None and all(x.dep_ in ("amod", "advmod", "det", "predet")
                                 for x in keep[:comma]):
        keep = keep[comma + 1:]
    text = doc_text(tok.doc)[keep[0].idx:keep[-1].idx + len(keep[-1].text)]
    return re.sub(r"\s+", " ", text)


def _holder(noun) -> object | None:
    """The token naming whose statement a noun phrase is: the possessor ("Axelrod's comment",
    "the Romney campaign's characterization") or a proper-noun modifier ("the BuzzFeed
    report")."""
    for c in noun.children:
        if c.dep_ == "poss":  # a pronoun is resolved to the party it stands for
            return c
    for c in noun.children:
        if c.dep_ == "compound" and c.pos_ == "PROPN":
            return c
    for c in noun.children:  # "the allegations, which The Washington Post first reported"
        if c.dep_ == "relcl" and c.lemma_.lower() in _SAYING | {"publish", "make", "raise"} \
                and any(x.dep_ == "dobj" and x.lower_ in ("which", "that") for x in c.children):
            subj = next((x for x in c.children if x.dep_ == "nsubj"), None)
            if subj is not None and subj.pos_ == "PROPN":
                return subj
    return None


#: Earlier sentences searched for the holder of an anaphoric statement noun ("Ms. Greene's
#: allegations. ... Mr. Farenthold continued to deny the allegations").
ANTECEDENT_SENTENCES = 2


def _antecedent_holder(noun, sents: list) -> object | None:
    """The holder named where a statement noun was last mentioned with one: "the allegations"
    after "Ms. Greene's allegations" in the sentences before."""
    if noun.lower_ not in ANAPHORA | STATEMENTS or noun.lower_ in ("that", "this", "it",
                                                                   "which"):
        return None
    for sent in reversed(sents[-ANTECEDENT_SENTENCES:]):
        for t in reversed(list(sent)):
            if t.lemma_ == noun.lemma_ and t.pos_ == "NOUN" and (h := _holder(t)) is not None:
                return h
    return None


def _as_claimed(sent) -> tuple[object, object] | None:
    """ "Ryan says this is to preserve Medicare, not 'end' it, as Obama's campaign claims": a
    negated statement set against what another party claims. (the 'as' token, the party)"""
    # the negation sets an alternative against the speaker's own ("..., not 'end' it"): it is
    # on a word with no subject of its own, before the "as" phrase ("The company did not
    # inspect the site, as the union claims" says what the union claims)
    negs = [t for t in sent if t.dep_ == "neg" and t.head.dep_ in ("appos", "conj", "dep")
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in t.head.children)]
    if not negs:
        return None
    for t in sent:
        if t.i < negs[0].i:
            continue
        if t.lemma_.lower() not in _SAYING:
            continue
        if t.dep_ == "pobj" and t.head.lower_ == "as":  # "as Obama's campaign claims" (noun)
            party = next((c for c in t.children if c.dep_ in ("poss", "compound")), None)
        elif t.pos_ == "VERB" and any(c.dep_ == "mark" and c.lower_ == "as" for c in t.children):
            party = next((c for c in t.children if c.dep_ == "nsubj"), None)
        else:
            continue
        if party is not None and party.pos_ != "PRON":
            return t, party
    return None


#: Verbs by which a party doubts or faults a statement: a denial only with a statement for
#: object ("questioned the claim that ...", "criticized Santorum's remarks") or a clause opened
#: by "whether" / "if" ("questioned whether he can"); "questioned the suspect", "challenged the
#: ruling" and "criticized the decision" dispute no statement.
DOUBTING = frozenset({"question", "doubt", "challenge", "criticize", "criticise"})
#: Verbs of denial that take the party whose words they answer for object ("contradicted
#: Vance", "rebutted him"); "rejected Vance" and "dismissed him" are a vote and a firing.
CONTRADICTING = frozenset({"contradict", "rebut", "refute", "dispute"})
#: Verbs of disagreement: a denial in a relative clause on a clause ("..., a point on which the
#: conference disagrees"); elsewhere their object follows a preposition, which is not read.
DISAGREEING = frozenset({"disagree"})
_WHETHER = frozenset({"whether", "if"})


def _doubted(obj) -> bool:
    """Whether a verb of doubt's clause object is a question ("whether his client can ...")."""
    return any(c.dep_ == "mark" and c.lower_ in _WHETHER for c in obj.children)


def _clause_span(verb) -> tuple[int, int]:
    """(start, end) of the clause a verb heads, without its "that" / "whether"."""
    toks = [x for x in verb.subtree if x.dep_ != "mark"] or [verb]
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def _statement_target(noun, verb, before: list) -> tuple[tuple[int, int] | None, object | None]:
    """(target span, holder token) of a statement noun a denial takes as object: the clause
    inside it ("the claim that ..."), and whose statement it is, named beside it or, when it
    holds no clause, where it was last named in the sentences ``before``."""
    tgt = _content(noun, verb)
    return tgt, _holder(noun) or (_antecedent_holder(noun, before) if tgt is None else None)


def _denied_statement(noun, verb, before: list):
    """(target span, holder token) of a statement noun a verb of denial takes, as
    :func:`_statement_target`; None for rumors or concerns that say nothing here (``UNOWNED``)."""
    tgt, holder = _statement_target(noun, verb, before)
    return None if tgt is None and noun.lower_ in UNOWNED else (tgt, holder)


def _disagreed(verb, subj, before: list):
    """What a party disagrees with ("disagreed with Ryan's claim that ...", "disagrees with
    Ryan", "disagreed that ..."): (verb, subject, target span, holder token, statement noun),
    or None when it is no statement or party ("the two sides disagree on the price")."""
    comp = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    if comp is not None:
        return verb, subj, _clause_span(comp), None, None
    with_ = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "with"), None)
    obj = next((c for c in with_.children if c.dep_ == "pobj"), None) if with_ else None
    return _answered(verb, subj, obj, before)


def _answered(verb, subj, obj, before: list):
    """What a party's words answer, given the object of its preposition ("disagreed with",
    "pushed back on"): a statement ("Ryan's claim that ...") or the party whose words they are
    ("Ryan", "him"). (verb, subject, target span, holder token, statement noun) or None."""
    if obj is None:
        return None
    if obj.lower_ in ANAPHORA | STATEMENTS:
        return (verb, subj, *_statement_target(obj, verb, before), obj.lower_)
    if obj.pos_ == "PROPN" or obj.lower_ in _PERSONAL:  # the party whose words it answers
        return verb, subj, None, obj, None
    return None


#: What a party is accused of doing with its words ("accused the prosecutors of lying"):
#: a dispute of that party's statements. General English.
MISSTATING = frozenset({"lie", "mislead", "misrepresent", "misstate", "distort", "exaggerate",
                        "fabricate", "mischaracterize", "mischaracterise"})


def _rebuttal(verb, before: list):
    """A party rebutting another's words without a verb of denial: "accused the prosecutors
    of lying" (the prosecutors' statements), "pushed back on Vance's claim that ..." or
    "pushed back against Vance". (verb, subject, target span, holder token, statement noun),
    or None: "accused him of bribery" and "pushed back the deadline" dispute nothing."""
    if any(c.dep_ == "neg" for c in verb.children) or _hypothetical(verb):
        return None
    subj = _subject(verb)
    if subj is None or _said_thing(subj):
        return None
    kids = list(verb.children)
    if verb.lemma_.lower() == "accuse":
        party = next((c for c in kids if c.dep_ == "dobj"), None)
        of = next((c for c in kids if c.dep_ == "prep" and c.lower_ == "of"), None)
        act = next((c for c in of.children if c.dep_ in ("pobj", "pcomp")), None) if of else None
        if (party is None or act is None or act.lemma_.lower() not in MISSTATING
                or _said_thing(party)
                or not (party.pos_ in ("PROPN", "NOUN") or party.lower_ in _PERSONAL)):
            return None
        return verb, subj, None, party, None
    back = next((c for c in kids if c.lower_ == "back" and c.dep_ in ("advmod", "prt")), None)
    if back is None:
        return None
    prep = next((c for c in [*kids, *back.children] if c.dep_ == "prep"
                 and c.lower_ in ("on", "against", "at")), None)
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep else None
    return _answered(verb, subj, obj, before)


#: Personal pronouns that stand for a party disagreed with ("disagrees with him").
_PERSONAL = frozenset({"him", "her", "them"})


#: Possessive and object pronouns and the pronoun the article's speakers are resolved from.
_POSSESSIVE_TO_SUBJECT = {"his": "he", "her": "she", "its": "it", "their": "they",
                          "him": "he", "them": "they"}


def _holder_name(tok, article: Article, who: str | None = None) -> str:
    """The holder's name; a possessive pronoun ("rejected its argument") is resolved to the
    party it stands for, and kept as it is when it resolves to none, so that the denial is
    not matched to another party's statement. A third-person pronoun in the denier's words
    never stands for the denier ("“However, her claims ... are untrue,” his representative
    Holly Baird said": not Baird's claims)."""
    phrase = _POSSESSIVE_TO_SUBJECT.get(tok.lower_, _phrase(tok)) if tok.pos_ == "PRON" \
        else _phrase(tok)
    name = _party(phrase, article, tok.idx)
    if name and who and tok.pos_ == "PRON" and _same_party(name, who):
        return tok.text
    return name or tok.text


def _content(noun, skip) -> tuple[int, int] | None:
    """The statement a noun phrase holds: ("the claim that X") -> X; ("the report that said X")
    -> X; not a relative clause that tells who made it ("the allegations, which The Post first
    reported")."""
    for c in noun.subtree:
        if c == skip or c.pos_ not in ("VERB", "AUX") or c.dep_ not in ("ccomp", "acl", "relcl"):
            continue
        clause = c
        if c.dep_ == "relcl":
            rel = next((x for x in c.children if x.lower_ in ("which", "that", "who")), None)
            if rel is not None and rel.dep_ == "dobj":
                return None
            said = next((x for x in c.children if x.dep_ == "ccomp"), None)
            if c.lemma_.lower() in _SAYING and said is not None:
                clause = said
        return _clause_span(clause)
    return None


#: Nouns by which a party dismisses a statement as made up ("the story was a hoax", "called
#: the allegations a smear"): untruth only when said of a statement ("the bomb threat was a
#: hoax" judges no statement). General English.
DISMISSAL_WORDS = frozenset({"hoax", "smear", "fiction", "fantasy", "falsehood", "myth",
                             "stunt"})
#: What a dismissal or "not the case" must be said of: a statement, a report or an allegation.
_STATEMENT_LIKE = (ANAPHORA - {"it", "which"}) | STATEMENTS | ALLEGATIONS | PUBLICATIONS


def _dismissed(t) -> bool:
    """A word that judges a statement made up, untrue or baseless: "the story was a hoax",
    "called the allegations a witch hunt", "that is not the case", "there is no truth to the
    reports", "the charges are politically motivated"."""
    low = t.lower_
    if (low == "motivated" and t.dep_ in ("acomp", "oprd")
            and any(c.lower_ == "politically" for c in t.children)):
        judged = _judged(t)  # "the charges are politically motivated"
        return not _negated(t) and judged is not None and judged.lower_ in _STATEMENT_LIKE
    if t.pos_ != "NOUN" or t.dep_ not in _PREDICATIVE | {"dobj"}:
        return False
    if low in DISMISSAL_WORDS or low == "hunt" and any(
            c.dep_ == "compound" and c.lower_ == "witch" for c in t.children):
        judged = _judged(t)
        return not _negated(t) and judged is not None and judged.lower_ in _STATEMENT_LIKE
    if low == "case" and t.dep_ == "attr" and t.head.lemma_ == "be":
        judged = _judged(t)
        return (any(c.dep_ == "neg" for c in t.head.children)
                and any(c.dep_ == "det" and c.lower_ == "the" for c in t.children)
                and judged is not None and judged.lower_ in _STATEMENT_LIKE)
    if low == "truth" and any(c.dep_ == "det" and c.lower_ == "no" for c in t.children):
        judged = _judged(t)
        return judged is not None and judged.lower_ in _STATEMENT_LIKE
    return False


def _falsity(sent) -> object | None:
    """The token of a judgement of untruth in a sentence: said of something ("is false",
    "called that a lie", "rated the ad as false"), or the judgement of a statement noun said
    of something ("is just outrageous talk"); "not accurate", "not true"; a statement judged
    made up or not so (:func:`_dismissed`)."""
    for t in sent:
        low = t.lower_
        if _dismissed(t):
            return t
        if (low in ERROR_WORDS and t.dep_ in ("acomp", "attr") and t.head.lemma_ == "be"
                and not _negated(t) and (judged := _judged(t)) is not None
                and (judged.lower_ in (ANAPHORA - {"it", "which"}) | STATEMENTS
                     | _PARTY_PRONOUNS or judged.pos_ == "PROPN")):
            return t  # "that is wrong", "they are wrong"; not "it could go wrong"
        if low in FALSITY_WORDS and t.pos_ in ("ADJ", "NOUN") and not _negated(t):
            if t.dep_ in _PREDICATIVE:
                return t
            if t.head.lower_ == "as" and t.head.dep_ == "prep" and t.head.head.pos_ == "VERB":
                return t  # "rated the Obama ad as false"
            if (t.dep_ == "amod" and t.head.lower_ in ANAPHORA | STATEMENTS
                    and t.head.dep_ in _PREDICATIVE):
                return t  # "that is just outrageous talk"
        if low in TRUTH_WORDS and any(c.dep_ == "neg" for c in t.head.children if t.dep_ ==
                                      "acomp") | any(c.dep_ == "neg" for c in t.children):
            return t
    return None


def _cue_text(fal) -> str:
    """The words of a judgement of untruth as the text gives them: "false", "witch hunt",
    "not the case", "no truth", "politically motivated"."""
    kids = [c for c in [*fal.children, *fal.head.children]
            if (c.dep_ in ("neg", "det", "compound")
                or c.dep_ == "advmod" and c.head.i == fal.i and c.i == fal.i - 1) and c.i < fal.i
            and (c.dep_ != "det" or c.lower_ in ("no", "the"))
            and (c.dep_ != "neg" or fal.lower_ == "case")]
    first = min([fal, *kids], key=lambda x: x.i)
    if fal.i - first.i > 3:
        return fal.text
    return doc_text(fal.doc)[first.idx:fal.idx + len(fal.text)]


#: Adjectives of fault that "nothing" takes when a party says it did no wrong ("did nothing
#: wrong", "didn't do anything illegal"). General English.
FAULT_WORDS = frozenset({"wrong", "illegal", "improper", "unlawful", "inappropriate",
                         "criminal", "unethical"})
#: Verbs by which a party asserts its innocence ("maintains his innocence").
_ASSERTING = frozenset({"maintain", "proclaim", "profess", "assert", "insist", "declare"})


def _innocence(sent, article: Article, claim: Claim | None) -> dict | None:
    """A party saying it did nothing wrong: "Vance insisted he had done nothing wrong", "“I
    didn't do anything illegal,” Vance said", "Vance maintains his innocence", "Vance has
    pleaded not guilty": a denial of what another party accuses it of (``imputed``). Said of
    another ("the inquiry found he did nothing wrong", "his lawyer said he did nothing wrong")
    or under a condition ("if he did nothing wrong") it is none."""
    for t in sent:
        low = t.lower_
        doer = verb = None
        own_words = False  # "did nothing wrong" denies only in the party's own words
        # "did nothing wrong": the adjective on "nothing", or beside it on the verb
        thing = t.head if t.head.lower_ in ("nothing", "anything") else next(
            (c for c in t.head.children if c.lower_ in ("nothing", "anything")
             and c.i == t.i - 1), None) if t.dep_ == "advmod" else None
        if low in FAULT_WORDS and thing is not None and thing.head.lemma_.lower() == "do":
            verb = thing.head  # not what a thing shows ("don't detail anything illegal")
            if thing.dep_ != "dobj" or (thing.lower_ == "anything") != _clause_negated(verb):
                continue
            doer = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            cue, own_words = f"{thing.text} {t.text}", True
        elif (low == "innocence" and t.dep_ == "dobj" and t.head.lemma_.lower() in _ASSERTING
              or low in ("guilty", "innocent") and t.head.lemma_.lower() == "plead"
              and (low == "innocent" or any(c.dep_ == "neg" for c in t.children)
                   or any(c.dep_ == "neg" for c in t.head.children))):
            verb = t.head
            doer = _subject(verb)
            cue = "not guilty" if low == "guilty" else t.text
        if doer is None or verb is None or _hypothetical(verb) or any(
                c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether")
                for c in verb.children):
            continue
        who = _party(_phrase(doer), article, doer.idx)
        speaker = claim.asserted_by if claim is not None else "outlet"
        # "did nothing wrong" is the party's denial only in its own words (not the outlet's,
        # nor "the inquiry found he did nothing wrong"); a plea or "maintains his innocence"
        # is its act whoever tells it
        if not who or (speaker == "outlet" if own_words else verb.dep_ == "ccomp") or (
                speaker != "outlet" and not _same_party(speaker, who)):
            continue
        return {"who": who, "start": sent.start_char, "end": sent.end_char, "target": None,
                "cue": cue, "holder": None, "refers": "wrongdoing", "imputed": True}
    return None


#: Words by which a judgement refers back to a statement just made ("This is nonsense").
_DEMONSTRATIVES = frozenset({"this", "that", "it"})


def _reported_claim(sent, article: Article, who: str | None
                    ) -> tuple[tuple[int, int], str] | None:
    """(span, party) of what a sentence reports a party other than ``who`` claiming ("Our
    problem with Representative Ryan is that he claims his budget is ..."): the clause of a
    verb of saying whose subject names that party."""
    if not who:
        return None
    for t in sent:
        found = _reported(t, _SAYING)
        if found is None:
            continue
        subj, comp = found
        party = _party(_phrase(subj), article, subj.idx)
        if party and not _same_party(party, who):
            return _clause_span(comp), party
    return None


def _negated(tok) -> bool:
    """Whether a word is said under a negation: "is not false", "no indication that any
    aspect of our story is inaccurate"."""
    for a in [tok, *tok.ancestors]:
        if any(c.dep_ == "neg" or c.dep_ == "det" and c.lower_ == "no" for c in a.children):
            return True
    return False


def _judged(fal) -> object | None:
    """What a judgement of untruth is said of: the object of "called X a lie" / "rated X as
    false", else the subject of "X is false"; what there is "no truth to"."""
    if fal.lower_ == "truth":
        to = next((c for c in fal.children if c.dep_ == "prep" and c.lower_ in ("to", "in")),
                  None)
        return next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
    verb = fal.head
    while verb.dep_ != "ROOT" and verb.pos_ not in ("VERB", "AUX"):
        verb = verb.head
    kids = list(verb.children)
    return (next((c for c in kids if c.dep_ == "dobj"), None)
            or next((c for c in kids if c.dep_ in ("nsubj", "nsubjpass")), None))


def sentence_claims_of(article: Article) -> list[Claim]:
    """An article's claims without the facts stated inside them (``Claim.part_of``) and the
    questions parties ask: a denial answers a sentence's statement."""
    return [c for c in article.claims if not c.part_of and not c.question]


def claim_at(article: Article, start: int, end: int) -> Claim | None:
    """The sentence claim of ``article`` that ``[start, end)`` overlaps most: the statement a
    denial's span answers."""
    best = None
    for c in sentence_claims_of(article):
        if c.span.start < end and start < c.span.end:
            ov = min(end, c.span.end) - max(start, c.span.start)
            if best is None or ov > best[0]:
                best = (ov, c)
    return best[1] if best else None


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]{4,}", text.lower())}


def _denied_in_negated_pair(verb) -> bool:
    """ "would not confirm or deny the report", "neither confirmed nor denied the
    allegations": a verb of denial joined by "or" to a negated verb, or by "neither ... nor",
    denies nothing ("did not resign and denied the allegations" does)."""
    if verb.dep_ != "conj":
        return False
    head = verb.head
    joins = {c.lower_ for c in head.children if c.dep_ in ("cc", "preconj")}
    return bool(joins & {"neither", "nor"}) or (
        "or" in joins and any(c.dep_ == "neg" for c in head.children))


def find_denials(article: Article) -> list[dict]:
    """The denials reported in one article: who disputes, the denial's span, the target span
    when the sentence itself holds it, and the holder when the denial names whose statement it
    disputes ("dismissed Axelrod's comment", "the BuzzFeed report ... is false")."""
    if not article.text:
        return []
    doc = parse(article)
    out = []
    sents = list(doc.sents)
    for k, sent in enumerate(sents):
        found, imputed = None, False
        for t in sent:
            lemma = t.lemma_.lower()
            if lemma in ("accuse", "push") and t.pos_ == "VERB":
                found = _rebuttal(t, sents[:k])
                if found is not None:
                    break
                continue
            if (lemma not in DENIAL_LEMMAS | DOUBTING | DISAGREEING or t.pos_ != "VERB"
                    or any(c.dep_ == "neg" for c in t.children) or _hypothetical(t)
                    or _denied_in_negated_pair(t)):
                continue
            subj = _subject(t)
            denied = next((c for c in t.children if c.dep_ == "nsubjpass"), None)
            if (denied is not None and lemma in DENIAL_LEMMAS and denied.pos_ == "NOUN"
                    and denied.lower_ in _STATEMENT_LIKE
                    and (subj is None or not _said_thing(subj))):
                # "any allegations of nonconsensual sex are unequivocally denied (by Mr. X)":
                # the statement is the passive subject; with no "by", the denier is whoever
                # the sentence reports saying so
                said = _denied_statement(denied, t, sents[:k])
                if said is None:
                    continue
                found = (t, subj, *said, denied.lower_)
                break
            if subj is None or _said_thing(subj):
                continue
            if lemma in DISAGREEING and t.dep_ != "relcl":
                found = _disagreed(t, subj, sents[:k])
                if found is None:
                    continue
                break
            if t.dep_ == "relcl" and not any(c.dep_ in ("ccomp",) for c in t.children):
                noun = t.head
                if (noun.lower_ in STATEMENTS | ANAPHORA and noun.dep_ in ("dobj", "pobj")
                        and noun.head.i < noun.i):
                    # "colleagues urged him to resign over the accusations, which he denied":
                    # what is denied is the accusations, not the clause they are named in;
                    # without their content or their holder there is nothing to place
                    tgt, holder = _content(noun, t), (_holder(noun)
                                                      or _antecedent_holder(noun, sents[:k]))
                    if tgt is None and holder is None:
                        continue
                    found = (t, subj, tgt, holder, noun.lower_)
                    break
                # "..., which the company denied", "..., a contention the union disputed": the
                # target is the clause it hangs on
                rel_lo = min(x.idx for x in t.subtree)
                found = (t, subj, (sent.start_char, rel_lo), None, None)
                break
            obj = next((c for c in t.children if c.dep_ in ("dobj", "ccomp")), None)
            act = _imputed_act(t) if lemma == "deny" else None
            if act is not None:
                # "denied any wrongdoing", "denied making illegal shipments": an accusation
                # against the denier, unnamed
                found, imputed = (t, subj, None, None, act), True
                break
            if (obj is not None and obj.dep_ == "dobj" and lemma in CONTRADICTING
                    and (obj.pos_ == "PROPN" and obj.ent_type_ in ("PERSON", "ORG", "NORP")
                         or obj.lower_ in _PERSONAL)):
                # "contradicted Vance", "rebutted him": the party whose words it answers
                found = (t, subj, None, obj, None)
                break
            if obj is None or obj.dep_ == "dobj" and obj.lower_ not in ANAPHORA | STATEMENTS:
                continue  # "rejected the agenda": a vote or a refusal, not a denial
            if lemma in DOUBTING and obj.dep_ == "ccomp" and not _doubted(obj):
                continue  # "questioned that ...": not a question put
            if obj.dep_ == "ccomp":
                tgt, holder = _clause_span(obj), None
            else:
                said = _denied_statement(obj, t, sents[:k])
                if said is None:
                    continue
                tgt, holder = said
            found = (t, subj, tgt, holder, obj.lower_ if obj.dep_ == "dobj" else None)
            break
        if found is not None:
            verb, subj, tgt, holder, refers = found
            if subj is not None:
                who = _party(_phrase(subj), article, sent.start_char)
            else:  # a passive denial with no "by": the party reported saying it
                frame = claim_at(article, sent.start_char, sent.end_char)
                who = (frame.asserted_by if frame is not None and frame.asserted_by != "outlet"
                       and frame.asserted_by.lower() not in _PRONOUNS else None)
            if who:
                out.append({"who": who, "start": sent.start_char, "end": sent.end_char,
                            "target": tgt, "cue": verb.text,
                            "holder": _holder_name(holder, article, who)
                            if holder is not None else None,
                            "refers": refers, "imputed": imputed})
            continue
        countered = _countered(sent, article, sents[k - 1] if k else None)
        if countered is not None:
            out.append(countered)
            continue
        claim = claim_at(article, sent.start_char, sent.end_char)
        contrast = _as_claimed(sent)
        if contrast is not None and claim is not None and claim.asserted_by != "outlet":
            cue, party = contrast
            holder = _party(_phrase(party), article, party.idx)
            if holder and not _same_party(holder, claim.asserted_by):
                out.append({"who": claim.asserted_by, "start": sent.start_char,
                            "end": sent.end_char, "target": None,
                            "cue": article.text[cue.head.idx:cue.idx + len(cue.text)]
                            if cue.dep_ == "pobj" else f"as {cue.text}", "holder": holder,
                            "refers": None})
                continue
        innocent = _innocence(sent, article, claim)
        if innocent is not None:
            out.append(innocent)
            continue
        fal = _falsity(sent)
        if fal is None:
            continue
        who = claim.asserted_by if claim is not None and claim.asserted_by != "outlet" else None
        judged = _judged(fal)
        verb = fal.head
        while verb.dep_ != "ROOT" and verb.pos_ != "VERB":
            verb = verb.head
        if who is None:  # "Democrats called that a mischaracterization"
            subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            who = (_party(_phrase(subj), article, sent.start_char)
                   if subj is not None and not _said_thing(subj) else None)
        holder = _holder(judged) if judged is not None and judged.pos_ in ("NOUN", "PROPN") \
            else None
        target = None
        if holder is None and judged is not None and judged.lower_ in _DEMONSTRATIVES and k:
            # "“... he claims his budget is based on Catholic teaching,” said Reese. “This is
            # nonsense.”": what the denier reports another party claiming just before
            reported = _reported_claim(sents[k - 1], article, who)
            if reported is not None:
                target, named = reported
                out.append({"who": who, "start": sent.start_char, "end": sent.end_char,
                            "target": target, "cue": _cue_text(fal), "holder": named,
                            "refers": judged.lower_})
                continue
        if who and who.lower() not in _PRONOUNS:
            out.append({"who": who, "start": sent.start_char, "end": sent.end_char,
                        "target": None, "cue": _cue_text(fal),
                        "holder": _holder_name(holder, article, who)
                        if holder is not None else None,
                        "refers": judged.lower_ if judged is not None
                        and judged.pos_ in ("NOUN", "PROPN") else None})
    return out


#: Conjunctions by which a sentence sets one party's statement against another's.
CONTRASTIVE = frozenset({"but", "yet", "while", "whereas"})
#: Subjects of a reply that take up what the other party spoke of ("..., but the company said
#: it was ...").
_TAKEN_UP = frozenset({"it", "that", "this", "they", "those", "these"})


#: Verbs by which a party replies to another's statement, besides the verbs of speech.
_REPLYING = SPEECH_VERBS | {"respond", "reply", "counter"}


def _reported(verb, lemmas: frozenset[str] = _REPLYING):
    """(subject, complement clause after it) of a verb of ``lemmas`` with both, else None."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in lemmas:
        return None
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    comp = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i), None)
    return (subj, comp) if subj is not None and comp is not None else None


def _clause_negated(verb) -> bool:
    return any(c.dep_ == "neg" for c in verb.children) or any(
        c.dep_ in ("nsubj", "nsubjpass", "dobj", "attr") and any(
            d.dep_ == "det" and d.lower_ == "no" for d in c.children) for c in verb.children)


def _modifiers_agree(n1, n2) -> bool:
    """Whether two nouns of one head may name one thing: their modifiers ("old", "harbour")
    are not both given and disjoint ("the old pier" / "the new pier" are two)."""
    m1, m2 = ({c.lemma_.lower() for c in n.children if c.dep_ in ("amod", "compound", "nummod")}
              for n in (n1, n2))
    return not (m1 and m2 and not m1 & m2)


def _countered(sent, article: Article, before=None) -> dict | None:
    """A reply set against another party's statement: "Mr. Ryan claimed that those letters did
    not speak for all bishops, but the conference responded that those letters do represent the
    bishops' opinion". Two reporting verbs joined by a contrastive conjunction, or the first the
    head of the sentence ``before`` and the second that of a sentence opened by one ("...
    . But the conference said ..."), their subjects two parties, their complements about one
    thing (the same head noun, or the reply's pronoun taking it up) and of opposite polarity:
    the second party disputes the first's statement."""
    pairs = []
    for second in sent:
        if second.dep_ != "conj" or second.i <= second.head.i:
            continue
        first = second.head
        if any(c.dep_ == "cc" and c.lower_ in CONTRASTIVE and first.i < c.i < second.i
               for c in first.children):
            pairs.append((first, second))
    if before is not None and any(
            c.lower_ == "however" and c.dep_ == "advmod"
            or c.lower_ in CONTRASTIVE and c.dep_ == "cc" and c.i == sent.start
            for c in sent.root.children):
        pairs.append((before.root, sent.root))
    for first, second in pairs:
        a, b = _reported(first), _reported(second)
        if a is None or b is None:
            continue
        (s1, c1), (s2, c2) = a, b
        subj1 = next((c for c in c1.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        subj2 = next((c for c in c2.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj1 is None or subj2 is None or subj1.pos_ == "PRON":
            continue
        # one thing: the same head noun, or a pronoun with the same verb ("the bridge was safe"
        # / "it was not safe"); "talks would continue" / "it would not attend them" has the
        # reply's own speaker for "it"
        if not (subj1.lemma_.lower() == subj2.lemma_.lower() and _modifiers_agree(subj1, subj2)
                or subj2.lower_ in _TAKEN_UP and c1.lemma_ == c2.lemma_):
            continue
        if _clause_negated(c1) == _clause_negated(c2):
            continue
        who = _party(_phrase(s2), article, s2.idx)
        holder = _party(_phrase(s1), article, s1.idx)
        if not who or not holder or _same_party(who, holder):
            continue
        return {"who": who, "start": sent.start_char, "end": sent.end_char,
                "target": _clause_span(c1),
                "cue": second.text, "holder": holder, "refers": None}
    return None


def _raw_span(article: Article, start: int, end: int) -> Span:
    """A span over exactly ``text[start:end]`` (not trimmed: the parse's bounds are kept)."""
    return Span(start=start, end=end, input_start=article.input_offset(start),
                input_end=article.input_offset(end, end=True), text=article.text[start:end],
                stage="disputes")


def denials(article: Article) -> Article:
    """The ``disputes`` stage: the article's reported denials (:func:`find_denials`)."""
    article.denials = [
        Denial(who=d["who"], cue=d["cue"], sentence=_raw_span(article, d["start"], d["end"]),
               target=_raw_span(article, *d["target"]) if d["target"] is not None else None,
               holder=d["holder"], refers=d["refers"], imputed=d.get("imputed", False))
        for d in find_denials(article)]
    return article


disputes_stage = article_stage("disputes", needs={"text", "entities", "claims"},
                               adds={"denials"}, languages=PIPELINE_LANGUAGES)(denials)


def _stored_denials(article: Article) -> list[dict]:
    """``Article.denials`` in the form :func:`find_denials` gives."""
    return [{"who": d.who, "start": d.sentence.start, "end": d.sentence.end,
             "target": (d.target.start, d.target.end) if d.target is not None else None,
             "cue": d.cue, "holder": d.holder, "refers": d.refers, "imputed": d.imputed}
            for d in article.denials]


def _dedupe(refs: list[SourceRef]) -> list[SourceRef]:
    seen, out = set(), []
    for r in refs:
        if (r.article, r.start, r.end) not in seen:
            seen.add((r.article, r.start, r.end))
            out.append(r)
    return out


def _trim_span(text: str, s: int, e: int) -> tuple[int, int]:
    junk = " \t\n\"'“”‘’,:;—–-"
    while s < e and text[s] in junk:
        s += 1
    while e > s and text[e - 1] in junk:
        e -= 1
    return s, e


def _other_party(claim: Claim, who: str) -> bool:
    """Whether a claim is asserted by a named party other than ``who``."""
    named = _named(claim)
    return named is not None and not _same_party(named, who)


def _by(claim: Claim, holder: str) -> bool:
    """Whether a claim is the named holder's: asserted by it or relayed from its reporting."""
    return any(_same_party(x, holder) for x in (claim.asserted_by, claim.relayed_from or "")
               if x and x != "outlet")


def _other_articles(art: Article, story_claims: list[Claim], articles: dict[str, Article]
                    ) -> list[Claim]:
    """Claims of the story's other articles (not a reprint of this one, nor its original)."""
    return [c for c in story_claims if c.article != art.id and c.article in articles
            and articles[c.article].copy_of != art.id and art.copy_of != c.article]


def _most_similar(cands: list[Claim], query: str, art: Article, least: dict | None
                  ) -> Claim | None:
    """The candidate most similar to ``query`` (the denial's article's claims first), sharing a
    content word; with ``least``, only above that similarity for the method used."""
    if not cands:
        return None
    sims, method = cosine([c.text for c in cands], [query])
    words = _words(query)
    best = None
    for c, score in zip(cands, (float(x) for x in sims[0])):
        if not words & _words(c.text):
            continue
        if least is not None and score < least[method]:
            continue
        score += SAME_ARTICLE_BONUS if c.article == art.id else 0.0
        if best is None or score > best[0]:
            best = (score, c)
    return best[1] if best else None


def _span_of(c: Claim, articles: dict[str, Article]):
    return articles[c.article], c.span.start, c.span.end, _named(c) or "outlet"


def _statement_nouns(text: str) -> set[str]:
    """The nouns for a statement a text names ("the allegations", "that account")."""
    return set(re.findall(r"[a-z]+", text.lower())) & (ANAPHORA | STATEMENTS) - {
        "that", "this", "it", "which"}


def _denies(claim: Claim, art: Article) -> bool:
    """Whether a claim is the words of a party that denies something in the claim's sentence."""
    return any(d.sentence.start <= claim.span.start < d.sentence.end
               and _same_party(d.who, claim.asserted_by) for d in art.denials)


#: A party's refusal to say anything ("declined to comment further", "the article speaks for
#: itself", "did not respond to requests for comment"): nothing asserted for a denial to answer.
_NO_COMMENT = re.compile(r"\b(?:declin(?:ed|es|ing)|refus(?:ed|es|ing)|did not respond|"
                         r"no comment|not comment|speaks? for (?:itself|themselves))\b",
                         re.IGNORECASE)


def _says_nothing(claim: Claim) -> bool:
    return bool(_NO_COMMENT.search(claim.text))


def _names(text: str, party: str) -> bool:
    """Whether ``text`` names ``party`` or its people: a capitalised word of the party's name
    (four letters or more) and one of the text that begin alike ("Russian Foreign Ministry" /
    "Russian ships", "China" / "Chinese ships")."""
    stems = {w[:4].lower() for w in re.findall(r"\b[A-Z][\w’']{3,}", party)}
    return any(w[:4].lower() in stems for w in re.findall(r"\b[A-Z][\w’']{3,}", text))


def _a_publication(who: str | None) -> bool:
    """Whether a claim's speaker is itself a report or story left unnamed ("according to a
    published report", "a South Korean report said"): what "denied the report" answers."""
    words = re.findall(r"[\w’']+", (who or "").lower())
    return bool(words) and words[-1] in PUBLICATIONS


def _target(d: dict, art: Article, story_claims: list[Claim], articles: dict[str, Article]
            ) -> tuple[Article, int, int, str] | None:
    """The statement a denial disputes: (article, start, end, who asserts it), its asserting
    party named (never the outlet's own voice: a contested claim names two parties)."""
    holder = d.get("holder")
    if holder and _same_party(holder, d["who"]):
        holder = None
    before = [c for c in sentence_claims_of(art) if c.span.end <= d["start"]]
    if d["target"] is not None:
        s, e = _trim_span(art.text, *d["target"])
        if e - s >= 15:
            cue_at = art.text.find(d["cue"], d["start"], d["end"])
            if s < cue_at:  # "..., which the company denied": the clause it hangs on
                c = claim_at(art, s, e)
                if c is not None and _other_party(c, d["who"]):
                    return art, s, e, _named(c)
                return (art, s, e, holder) if holder else None
            if holder:  # "dismissed Axelrod's comment that ...": the comment is Axelrod's
                return art, s, e, holder
            # "disputed a report that said X": X, told in the sentence as another party's
            # whose mention follows the denial's cue (not the denier's own words)
            said = [c for c in sentence_claims_of(art) if c.span.start < e and s < c.span.end
                    and d["start"] <= c.span.start < d["end"] and _other_party(c, d["who"])
                    and c.speaker_span is not None and c.speaker_span.start > cue_at]
            if said:
                return _span_of(said[0], articles)
            # "disputed the claim that taxpayers will pay": whoever said it, in the story
            cands = [c for c in before + _other_articles(art, story_claims, articles)
                     if _other_party(c, d["who"])]
            found = _most_similar(cands, art.text[s:e], art, CLAIM_SIMILARITY)
            return _span_of(found, articles) if found is not None else None
    denial_text = art.text[d["start"]:d["end"]]
    if holder:  # "the BuzzFeed report", "Romney's characterization": the holder's statement,
        # reported before the denial in its own article, else in another article ("..., not
        # 'end' it, as Obama's campaign claims": the campaign's words may be quoted by another
        # outlet only)
        pools = [(before, HOLDER_SIMILARITY),
                 (_other_articles(art, story_claims, articles), TARGET_SIMILARITY)]
        for pool, least in pools:
            cands = [c for c in pool if _by(c, holder) and not (
                d["start"] <= c.span.start < d["end"] and c.article == art.id)
                and not _same_party(_named(c) or "", d["who"])]
            found = _most_similar(cands, denial_text, art, least)
            if found is not None:
                named = _named(found)
                return articles[found.article], found.span.start, found.span.end, (
                    named if named and _same_party(named, holder) else holder)
        # else that party's claim in the sentence before ("McCarthy said ... . Democrats
        # called his claims false."), however unlike the denial's words
        prev = [s for s in art.sentences if s.end <= d["start"]][-LOOKBACK:] if LOOKBACK else []
        near = [c for c in before if prev and c.span.start >= prev[0].start and _by(c, holder)
                and not _same_party(_named(c) or "", d["who"])]
        if near:
            return _span_of(near[-1], articles)
        # "denied the allegations, which The Washington Post first reported": what that party
        # reported about the denier, in this article or another
        return (_accused(d, art, before, articles, holder)
                or _accused(d, art, _other_articles(art, story_claims, articles), articles,
                            holder, first=True))
    # "BuzzFeed maintained its report was accurate after Mr. Mueller's office disputed the
    # account": a denial told inside another party's reported words answers that party
    # (words after the denial's cue are the denier's own: "The Kremlin dismissed the
    # accusations, ... suggesting it was part of what it described as 'Putinophobia'")
    cue_at = art.text.find(d["cue"], d["start"], d["end"])
    here = [c for c in sentence_claims_of(art) if d["start"] <= c.span.start < d["end"]
            and (cue_at < 0 or c.span.start < cue_at)
            and c.asserted_by != "outlet" and not _same_party(c.asserted_by, d["who"])
            and not _denies(c, art)]
    if here:
        named = [c for c in here if _other_party(c, d["who"])]
        return _span_of(named[0], articles) if named else None
    # Outside its own sentence a denial answers a party, never the outlet's narration; not a
    # party's own denial ("Mr. Mueller's team disputed the report" is no assertion of the
    # team's), nor words about the statement rather than the statement ("Pence found the
    # allegations disturbing" before "the campaign denied the allegations").
    nouns = _statement_nouns(denial_text)
    own = [c for c in before if _other_party(c, d["who"]) and not _denies(c, art)
           and not nouns & _statement_nouns(c.text) and not _says_nothing(c)
           and not _speaks_for(art, d, c.asserted_by)]
    if d.get("refers") in PUBLICATIONS:
        # "dismissed the story": a story or report is what a news organisation or a body
        # published, not a person's words quoted in the sentence before
        orgs = {e.name for e in art.entities if e.type == "organization"}
        own = [c for c in own if c.asserted_by in orgs or _a_publication(c.asserted_by)]
    sents = [s for s in art.sentences if s.end <= d["start"]][-LOOKBACK:] if LOOKBACK else []
    lo = sents[0].start if sents else d["start"]
    near = [c for c in own if c.span.start >= lo] if sents else []
    if not near and d.get("refers") in PUBLICATIONS:
        # "denied the report": the last statement the article gives to a report left
        # unnamed ("..., according to a published report"), however far back, when it names
        # the denier ("Russian ships have allegedly transferred oil ..." / "the Russian Foreign
        # Ministry denied the report"; not "China denied the reports")
        reports = [c for c in own if _a_publication(c.asserted_by) and _names(c.text, d["who"])]
        near = reports[-1:]
    others = ([c for c in _other_articles(art, story_claims, articles)
               if _other_party(c, d["who"]) and not _says_nothing(c)] if CROSS_ARTICLE else [])
    cands = near + others
    if not cands:
        return _accused(d, art, before, articles) if not holder else None
    sims, method = cosine([c.text for c in cands], [denial_text])
    col = sims[0]
    words = _words(denial_text)
    best = None
    for i, c in enumerate(cands):
        score = float(col[i])
        shared = len(words & _words(c.text))
        if c in near:
            score += 0.1 * (1 + near.index(c) / max(1, len(near)))  # nearer is likelier
        elif shared < MIN_SHARED or score < TARGET_SIMILARITY[method]:
            continue
        if best is None or score > best[0]:
            best = (score, c)
    if best is None:
        return _accused(d, art, before, articles) if not holder else None
    return _span_of(best[1], articles)


#: What a party is said to have done or known, as the object of "deny" ("denied any
#: wrongdoing", "denies involvement"): not "denied any appeal", a refusal. General English.
IMPUTED = frozenset({"wrongdoing", "involvement", "role", "responsibility", "knowledge",
                     "connection", "link", "impropriety", "misconduct", "participation",
                     "contact", "tie", "relationship", "guilt", "liability", "part"})


def _imputed_act(verb) -> str | None:
    """What a "deny" denies having done, the words naming it: a noun of what a party
    is said to have done ("denied any wrongdoing", "denies involvement", "denied his role";
    not "denied him a role", a refusal, nor "denied Iran's involvement", another party's act)
    or a gerund ("denied making illegal shipments", "denied ever threatening her"): the
    denier's own act, of which another party accuses it."""
    kids = list(verb.children)
    if any(c.dep_ == "dative" for c in kids):
        return None
    ger = next((c for c in kids if c.dep_ in ("xcomp", "dobj", "ccomp") and c.tag_ == "VBG"
                and not any(x.dep_ in ("nsubj", "nsubjpass") for x in c.children)), None)
    if ger is not None:
        return ger.lower_
    obj = next((c for c in kids if c.dep_ == "dobj"), None)
    if obj is None or obj.lemma_.lower() not in IMPUTED:
        return None
    for c in obj.children:
        if c.dep_ == "poss" and c.pos_ != "PRON":
            return None  # "denied Iran's involvement"
        if c.dep_ == "det" and c.lower_ not in ("any", "all"):
            return None  # "denied a role", "denied the link": not said of the denier
    return f"any {obj.lower_}" if any(c.lower_ == "any" for c in obj.children) else obj.lower_


def _accusation(d: dict) -> bool:
    """Whether a denial names what it denies as said against the denier: "the allegations",
    or an act of the denier's ("any wrongdoing", "making illegal shipments")."""
    return bool(d.get("imputed")) or d.get("refers") in ALLEGATIONS



_PREPOSITION = re.compile(r"\b(?:about|of|for|on|in|from|with|against|to|by|at|over)\b")


def _doer(c: Claim) -> str:
    """Who a claim says did the act: its agent (or subject), up to a preposition ("the
    newspaper's article about Mayor Vance" names the article, not Vance)."""
    return _PREPOSITION.split(c.agent or c.subject or "", maxsplit=1)[0]


def _doer_head(c: Claim, art: Article | None = None) -> str:
    """The last word of the doer's name, lower case: "Khulubuse Zuma" -> "zuma"; "an internal
    Mossack Fonseca survey" -> "survey" (the survey did it, not the firm); with the claim's
    article, "he" or "she" is the person it refers back to ("He pushed me down," she said:
    the man the article named before)."""
    words = re.findall(r"[\w'’-]+", _doer(c).split(",")[0])
    head = re.sub(r"['’]s?$", "", words[-1]).lower() if words else ""
    if head in ("he", "she") and len(words) == 1 and art is not None:
        ent = pronoun_antecedent(art, c.span.start, head)
        if ent is not None and ent.type == "person":
            return re.findall(r"[\w'’-]+", ent.name)[-1].lower()
    return head


def _accused(d: dict, art: Article, pool: list[Claim], articles: dict[str, Article],
             holder: str | None = None, first: bool = False
             ) -> tuple[Article, int, int, str] | None:
    """For a denial of "the allegations" that names not their content: a statement of ``pool``
    by a named party other than the denier (``holder`` when the denial names it) about the
    denier doing something (not negated), the latest (the pool is what comes before the denial in its article) or with
    ``first`` the earliest ("The Post reported that Mr. Moore ... . Mr. Moore told The Post that
    the allegations were false": the Post's report)."""
    if not _accusation(d):
        return None
    names = _norm(d["who"])
    if not names:
        return None
    about = [c for c in pool if _other_party(c, d["who"])
             and (holder is None or _by(c, holder))
             and not _denies(c, articles.get(c.article, art))
             and _doer_head(c, articles.get(c.article)) in names
             and not c.negated  # "he didn't actually force me" accuses him of nothing
             and not _statement_nouns(c.text) & ALLEGATIONS]
    if not about:
        return None
    return _span_of(min(about, key=lambda c: c.span.start) if first else about[-1], articles)


#: Least similarity of a party's claim in another article to its disputed statement for the
#: claim to be cited as a restatement of it: what the story's alignment needs to link two
#: claims (``judge.ALIGN_THRESHOLD``); a party's other statements on the same matter come
#: close to the looser bar for finding what a denial answers (``TARGET_SIMILARITY``).
RESTATEMENT_SIMILARITY = {"embeddings": 0.60, "tfidf": 0.35}
#: Most spans one contested claim cites (each side and its restatements in other outlets).
MAX_SOURCES = 6


def _restatements(art: Article, start: int, end: int, group_of: dict[str, list[Claim]],
                  articles: dict[str, Article], party: str | None = None,
                  story_claims: list[Claim] | None = None) -> list[SourceRef]:
    """The same statement in the story's other articles: the members of the alignment group of
    the claim at ``[start, end)``, and in each article where the alignment gave none,
    ``party``'s own claims there as close to it as alignment needs, closest first. When the claim at
    ``[start, end)`` is another party's, ``party``'s words reported inside it ("..., he claims
    his budget is ...," said Reese), only the latter."""
    c = claim_at(art, start, end)
    if c is None:
        return []
    aligned = [] if party is not None and _other_party(c, party) else [
        m for m in group_of.get(c.id, []) if m.article != art.id and m.article in articles]
    if party is not None:
        # in an article the alignment gave nothing: the party's own claim there most like it
        # ("a report that said President Trump had directed Michael D. Cohen ... to lie" /
        # "BuzzFeed's report claimed that Trump directed Cohen to lie")
        have = {m.article for m in aligned}
        cands = [x for x in _other_articles(art, story_claims or [], articles)
                 if not x.part_of and x.article not in have and _by(x, party)]
        if cands:
            sims, method = cosine([x.text for x in cands], [art.text[start:end]])
            ranked = sorted(zip((float(v) for v in sims[0]), range(len(cands))), reverse=True)
            aligned += [cands[i] for v, i in ranked if v >= RESTATEMENT_SIMILARITY[method]]
    return [articles[m.article].source_ref(m.span.start, m.span.end) for m in aligned]


def _next_sentence(art: Article, first: dict, then: dict) -> bool:
    """Whether denial ``then`` is in the sentence right after denial ``first``'s."""
    between = [s for s in art.sentences if first["end"] <= s.start and s.end <= then["start"]]
    return then["start"] >= first["end"] and not between


#: Most distinct spans a contested claim cites in all (sources and compared statements): a
#: claim citing more points at no one fact.
MAX_SPANS = 8


def _add_denial(sc: StoryClaim, art: Article, d: dict, says: str, story: Story,
                articles: dict[str, Article]) -> bool:
    """Cite one more denial of the statement ``sc`` disputes, unless it would cite too many
    spans or the denial's party is already cited."""
    again = art.source_ref(d["start"], d["end"])
    spans = {(r.article, r.start, r.end) for r in sc.sources} | {
        (c.source.article, c.source.start, c.source.end) for c in sc.explanation.compared}
    if (again.article, again.start, again.end) in spans or len(spans) >= MAX_SPANS:
        return False
    sc.explanation.compared.append(Compared(source=again, value="disputes",
                                            asserted_by=d["who"]))
    sc.sources = _dedupe([*sc.sources[:2], again, *sc.sources[2:]])[:MAX_SOURCES]
    sc.explanation.summary += (f" {d['who']} {says} ({art.id} [{again.start}:{again.end}]: "
                               f"{d['cue']!r}).")
    cited = {c.source.article for c in sc.explanation.compared} & set(articles)
    sc.outlets = sorted({articles[a].outlet or a for a in cited})
    sc.independent_sources = len({source_key(articles[a], story) for a in cited})
    return True


def _carries_over(ds: list[dict], i: int, art: Article) -> bool:
    """Whether denial ``i`` has no target of its own and follows a denial by the same party in
    the sentence before."""
    d = ds[i]
    return (i > 0 and d["target"] is None and not d.get("holder")
            and (_same_party(ds[i - 1]["who"], d["who"]) or _speaks_for(art, d, ds[i - 1]["who"]))
            and _next_sentence(art, ds[i - 1], d))


def _speaks_for(art: Article, d: dict, party: str) -> bool:
    """Whether the speaker of denial ``d`` is named as speaking for ``party`` ("the White House
    press secretary, Sarah Huckabee Sanders, told reporters" for the White House): the words
    naming the speaker of its sentence's claim hold the party's name."""
    names = _norm(party)
    return bool(names) and any(
        c.speaker_span is not None and names <= _norm(c.speaker_span.text)
        and not _same_party(c.asserted_by, party)
        for c in sentence_claims_of(art) if d["start"] <= c.span.start < d["end"])


def _states_position_of(sc: StoryClaim, art: Article, party: str) -> bool:
    """Whether the statement a dispute is about is ``party``'s: asserted by it, or told as its
    position by someone speaking for it ("BuzzFeed News maintained that its report was
    accurate, its editor, Ben Smith, said": BuzzFeed's)."""
    asserted = sc.explanation.compared[0]
    if _same_party(asserted.asserted_by or "", party):
        return True
    c = claim_at(art, asserted.source.start, asserted.source.end)
    return (c is not None and bool(c.agent) and (c.predicate or "") in SPEECH_VERBS
            and _same_party(c.agent, party))


def _join_all(ds: list[dict], handled: dict[int, StoryClaim], out: list[StoryClaim],
              art: Article, story: Story, articles: dict[str, Article]) -> None:
    """Join the article's denials to disputes until none joins any more (one may join a
    dispute that another joined first): a carried-over denial to the one before it, a denial
    naming a party to the article's dispute over that party's statement."""
    changed = True
    while changed:
        changed = False
        for i, d in enumerate(ds):
            if i in handled:
                continue
            sc, says = None, ""
            if d.get("holder") and d["target"] is None:
                sc = next((x for x in out if x.explanation.compared[0].source.article == art.id
                           and _states_position_of(x, art, d["holder"])), None)
                says = "disputes it too"
            elif _carries_over(ds, i, art) and i - 1 in handled:
                sc, says = handled[i - 1], "says so again"
            if sc is not None and _add_denial(sc, art, d, says, story, articles):
                handled[i] = sc
                changed = True


def dispute_claims(claims: list[Claim], articles: dict[str, Article], story: Story,
                   groups: list[list[Claim]] | None = None) -> list[StoryClaim]:
    """One ``contested`` claim per disputed statement whose asserting party is found, citing
    each denial of it. With the story's alignment ``groups``, each side's restatements in other
    outlets are cited too. Two kinds of denial join a dispute rather than make their own:

    - one with no target of its own that follows a denial by the same party in the sentence
      before ("Boehner dismissed Axelrod's comment that ... . 'That is just outrageous talk,'
      Boehner said.");
    - one that names whose statement it disputes ("the BuzzFeed report") when that statement
      is not found, but the article reports a dispute over a statement of that party.
    """
    claims = [c for c in claims if not c.question]  # a question asserts nothing to deny
    group_of = {c.id: g for g in groups or [] for c in g}
    out: list[StoryClaim] = []
    seen: dict[tuple[str, int], StoryClaim] = {}

    def resolve(d: dict, art: Article) -> StoryClaim | None:
        found = _target(d, art, claims, articles)
        if found is None:
            return None
        t_art, ts, te, claimant = found
        if (t_art.id, ts) in seen:  # another denial of the same statement: one dispute
            sc = seen[(t_art.id, ts)]
            return sc if _add_denial(sc, art, d, "disputes it too", story, articles) else None
        asserted = t_art.source_ref(ts, te)
        denial = art.source_ref(d["start"], d["end"])
        summary = (f"{d['who']} disputes it ({art.id} [{denial.start}:{denial.end}]: "
                   f"{d['cue']!r}); {claimant} asserts it ({t_art.id} [{asserted.start}:"
                   f"{asserted.end}]). The outlets report a dispute between the parties; "
                   "they do not contradict each other.")
        sources = {source_key(a, story) for a in (art, t_art)}
        key = f"{t_art.id}:{ts}|{art.id}:{d['start']}"
        sc = StoryClaim(
            id="dp-" + hashlib.sha1(key.encode()).hexdigest()[:10],
            text=f"{claimant}: {asserted.text} / {d['who']}: {denial.text}",
            verdict=Verdict.contested,
            explanation=Explanation(
                summary=summary, rule="disputed-by-party",
                compared=[Compared(source=asserted, value="asserts", asserted_by=claimant),
                          Compared(source=denial, value="disputes", asserted_by=d["who"])]),
            sources=_dedupe([asserted, denial,
                             *_restatements(t_art, ts, te, group_of, articles, claimant,
                                            claims),
                             *_restatements(art, d["start"], d["end"], group_of, articles,
                                            d["who"], claims)]
                            )[:MAX_SOURCES],
            values=[f"{claimant}: asserts", f"{d['who']}: disputes"],
            independent_sources=len(sources),
            outlets=sorted({a.outlet or a.id for a in (art, t_art)}),
            claims=[],
        )
        seen[(t_art.id, ts)] = sc
        out.append(sc)
        return sc

    for aid in story.articles:
        art = articles.get(aid)
        if art is None or (art.copy_of and art.copy_of in articles):
            continue  # a reprint reports the same denial as its original
        ds = _stored_denials(art)
        handled: dict[int, StoryClaim] = {}
        for i, d in enumerate(ds):
            if not _carries_over(ds, i, art) and (sc := resolve(d, art)) is not None:
                handled[i] = sc
        _join_all(ds, handled, out, art, story, articles)
        for i, d in enumerate(ds):  # a carried-over denial that joined nothing: its own target
            if (i not in handled and _carries_over(ds, i, art)
                    and (sc := resolve(d, art)) is not None):
                handled[i] = sc
                _join_all(ds, handled, out, art, story, articles)
    return _merge_same_parties(out, story, articles)


def _parties(sc: StoryClaim) -> tuple[str, list[str]]:
    """(asserting party, disputing parties) of a contested claim."""
    first = sc.explanation.compared[0]
    return first.asserted_by or "", [c.asserted_by or "" for c in sc.explanation.compared
                                     if c.value == "disputes"]


def _merge_same_parties(found: list[StoryClaim], story: Story, articles: dict[str, Article]
                        ) -> list[StoryClaim]:
    """One dispute per pair of sides in an article: two statements of one party disputed by
    one party, or a party's report and its defence of it ("a report that said ..."; "BuzzFeed
    News maintained that its report was accurate"), are one dispute, citing both statements
    and every denial, as many spans as a claim may cite (:data:`MAX_SPANS`)."""
    out: list[StoryClaim] = []
    for sc in found:
        who, against = _parties(sc)
        at = sc.explanation.compared[0].source.article
        defends = bool(set(re.findall(r"[a-z]+", sc.explanation.compared[0].source.text.lower()))
                       & PUBLICATIONS)
        into = next((m for m in out if m.explanation.compared[0].source.article == at
                     and _same_party(_parties(m)[0], who)
                     and (defends or any(_same_party(x, y) for x in against
                                         for y in _parties(m)[1]))), None)
        if into is None:
            out.append(sc)
            continue
        spans = {(r.article, r.start, r.end) for r in into.sources} | {
            (c.source.article, c.source.start, c.source.end) for c in into.explanation.compared}
        for c in sc.explanation.compared:
            key = (c.source.article, c.source.start, c.source.end)
            if key in spans or len(spans) >= MAX_SPANS:
                continue
            spans.add(key)
            into.explanation.compared.append(c)
            into.sources = _dedupe([*into.sources, c.source])[:MAX_SOURCES]
        into.explanation.summary += f" The same parties dispute another statement: {sc.text}."
        cited = {c.source.article for c in into.explanation.compared} & set(articles)
        into.outlets = sorted({articles[a].outlet or a for a in cited})
        into.independent_sources = len({source_key(articles[a], story) for a in cited})
    return out


__all__ = ["DENIAL_LEMMAS", "FALSITY_WORDS", "claim_at", "denials", "dispute_claims",
           "disputes_stage", "find_denials"]
