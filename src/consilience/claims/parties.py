"""Which side a claim's asserting party is on, and which way a claimed outcome goes.

A *party* is the country-level side an asserting speaker belongs to, read from the text: a
demonym, country name, capital or known figure in the speaker phrase ("Russian defence
ministry", "Kyiv's generals", "Vladimir Putin"), else in the words just before the speaker's
mentions in the article ("Russian President Vladimir Putin"), else, for an unnamed speaker
("a soldier in the video"), in the sentence before the claim that introduces it.

A *named speaker* is the party a claim's words are credited to by name (:func:`named`): two
speakers are one party when they share an identifying word (:func:`same_party`: "Obama's
campaign press secretary" and "the Obama campaign").
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..model import Article, Claim
from ..nlp.quotes import SPEECH_VERBS
from .lexicon import OUTCOME_FAILURE, OUTCOME_SUCCESS, PARTY_WORDS

#: Words before a mention of a speaker searched for a party word ("Russian President V. Putin"):
#: the title and modifiers of the same noun phrase, not the clause before it.
MENTION_CONTEXT_WORDS = 3
MENTION_CONTEXT_CHARS = 40
#: How far back (characters) an unnamed speaker's side is looked for.
PRECEDING_CONTEXT_CHARS = 300


_PARTY_RE = re.compile(
    r"(?<![\w.])(" + "|".join(re.escape(w) for w in sorted(PARTY_WORDS, key=len, reverse=True))
    + r")(?!\w)", re.IGNORECASE)


def parties_in(text: str) -> list[str]:
    """Party names marked in ``text``, in order of appearance. Only capitalised words count
    ("US", "Russian"), so the pronoun "us" is not the United States."""
    out: list[str] = []
    for m in _PARTY_RE.finditer(text):
        if not m.group(0)[:1].isupper():
            continue
        party = PARTY_WORDS[m.group(0).lower()]
        if party not in out:
            out.append(party)
    return out


def _speaker_mentions(name: str, article: Article) -> list[int]:
    """Start offsets of the mentions of the entity called ``name`` in the article."""
    low = name.lower()
    for e in article.entities:
        if e.name.lower() == low or any(m.text.lower() == low for m in e.mentions):
            return [m.start for m in e.mentions]
    return []


def party_of(claim: Claim, article: Article) -> str | None:
    """The side of the party asserting ``claim``; None for the outlet's own statements or when
    the text does not say."""
    who = claim.asserted_by
    if not who or who == "outlet":
        return None
    direct = parties_in(who)
    if direct:
        return direct[0]
    for start in _speaker_mentions(who, article):
        before = article.text[max(0, start - MENTION_CONTEXT_CHARS):start]
        words = re.split(r"[.!?;:\n]", before)[-1].split()[-MENTION_CONTEXT_WORDS:]
        found = parties_in(" ".join(words))
        if found:
            return found[-1]
    # An unnamed speaker ("a soldier in the video"): the side named in the sentence before.
    start = claim.span.start
    before = article.text[max(0, start - PRECEDING_CONTEXT_CHARS):start]
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", before) if re.search(r"[A-Za-z]", s)]
    if sentences:
        found = parties_in(sentences[-1])
        if len(found) == 1:
            return found[0]
    return None


def _cue_pattern(cue: str) -> str:
    """A regex for a cue and its inflections ("liberate" -> liberate/liberated/liberates...)."""
    head, _, tail = cue.partition(" ")
    stem = head.removesuffix("e")
    forms = rf"(?:{re.escape(head)}|{re.escape(head)}s|{re.escape(head)}d|{re.escape(stem)}ed|"
    forms += rf"{re.escape(stem)}ing|{re.escape(stem)}ly|{re.escape(head)}ly|{re.escape(stem)}es|"
    forms += rf"{re.escape(head + head[-1])}ed|{re.escape(head + head[-1])}ing)"  # repelled
    return rf"\b{forms}" + (rf"\s+{re.escape(tail)}" if tail else "") + r"\b"


@lru_cache(maxsize=None)
def _cue_regex(cue: str) -> re.Pattern[str]:
    return re.compile(_cue_pattern(cue))


def outcome(claim: Claim) -> tuple[int, str] | None:
    """+1 when the claim says an operation succeeded ("liberated", "recaptured"), -1 when it
    says it failed ("has failed", "were stopped", "repelled"), with the word that decided.
    Negation flips the sign; a claim with cues of both kinds has no clear outcome."""
    low = claim.text.lower()
    hits: list[tuple[int, int, str]] = []
    for sign, cues in ((1, OUTCOME_SUCCESS), (-1, OUTCOME_FAILURE)):
        for cue in cues:
            m = _cue_regex(cue).search(low)
            if m:
                hits.append((m.start(), sign, claim.text[m.start():m.end()]))
    if not hits or len({s for _, s, _ in hits}) > 1:
        return None
    _, sign, word = min(hits)
    return (-sign if claim.negated else sign), word


# -- named speakers ------------------------------------------------------------------------

#: Speakers that name no party: pronouns and quantifiers the quotes stage left unresolved.
PRONOUN_SPEAKERS = frozenset({"he", "she", "they", "it", "we", "i", "you", "who", "which",
                              "that", "this", "these", "those", "whom", "several of whom",
                              "some", "others"})


#: A capitalised word of three letters or more: what names a party in running text.
_CAPITALISED = re.compile(r"\b[A-Z][A-Za-z]{2,}")


#: Words after which a speaker's description names what the speaker knows, not whom it
#: speaks for ("a person familiar with Mr. Cohen's testimony" is not Cohen; "a spokesman for
#: the union" is the union's). General English of anonymous sourcing.
_KNOWING = re.compile(r"\b(?:familiar with|close to|briefed on|knowledgeable about|"
                      r"with (?:direct )?knowledge of|aware of)\b", re.IGNORECASE)


def norm(name: str) -> set[str]:
    """The words that identify a party: its capitalised words when it has some ("Obama's
    campaign press secretary" -> obama; "Romney campaign" -> romney), else its words ("dock
    workers' union"); a source described by what it knows is not whom it knows of ("One
    person familiar with Mr. Cohen's testimony" -> person)."""
    name = _KNOWING.split(name, maxsplit=1)[0]
    caps = _CAPITALISED.findall(name)
    words = caps if caps else re.findall(r"[a-z]{3,}", name.lower())
    return {w.lower() for w in words} - {"the", "and", "spokesman", "spokeswoman", "office",
                                         "team", "both", "sen", "rep", "mr", "mrs", "ms"}


def same_party(a: str, b: str) -> bool:
    """Whether two speakers name one party (they share a word of :func:`norm`)."""
    na, nb = norm(a), norm(b)
    if not na or not nb:  # "spokesman": only the same words are the same party
        return a.strip().lower() == b.strip().lower()
    return bool(na & nb)


#: Words that make a speaker a description rather than a name ("its editor", "his lawyer").
_POSSESSIVES = frozenset({"its", "his", "her", "their", "our", "my", "your"})


def named(claim: Claim) -> str | None:
    """The party a claim is asserted by, when named: its speaker, or for a speaker described
    only through a pronoun ("its editor") the organisation whose reporting it relays."""
    who = claim.asserted_by
    said = (claim.speaker_span.text if claim.speaker_span else who) or ""
    if said.split()[:1] and said.split()[0].lower() in _POSSESSIVES:
        # "its editor, Ben Smith": he speaks for the body whose position the claim tells
        return claim.relayed_from or (claim.agent if (claim.predicate or "") in SPEECH_VERBS
                                      else None) or (who if said != who else None)
    if who and who != "outlet" and who.lower() not in PRONOUN_SPEAKERS:
        return who
    return claim.relayed_from or None
