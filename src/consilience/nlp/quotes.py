"""Quotes and reported speech: who said what, with spans.

Three routes, over the spaCy parse of the clean text:

1. **Cue verbs** ("say", "tell", "add", "claim", "warn", ...): the verb's subject is the source
   and its clausal complement (or the quotation beside it) the content; this covers indirect
   speech ("Putin said that attacks had intensified") and quotes introduced by a verb
   ("“...,” said a soldier in the video", "It added: “...").
2. **"according to X"**: X is the source, the rest of the sentence the content.
3. **Quotation marks** without a cue in their sentence: a quotation continuing the previous
   speaker's (a multi-paragraph quote, or a paragraph that is only a quote), or introduced by a
   colon after a name ("interrupted by Putin: “...").

Speakers are resolved to the article's entities: a mention whose head is a named entity takes
that entity's canonical name ("Mr Zelenskyy" -> "Volodymyr Zelenskyy"); a pronoun takes the
nearest compatible earlier entity outside quotations ("she added" -> "Hanna Maliar"); anything
else keeps its own words as a description ("a soldier in the video").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from itertools import accumulate

from unidecode import unidecode

from ..clean.furniture import POST_SIGNATURE as _POST_SIGNATURE
from ..model import Article, Entity, Quote
from ..lang import PIPELINE_LANGUAGES
from ..pipeline import article_stage
from .annotate import doc_text, parse
from .entities import first_names

#: Lemmas of verbs that report speech, writing or a stated position.
SPEECH_VERBS = frozenset({
    "condemn", "criticize", "criticise", "attack", "blast", "slam", "endorse", "reject",
    "propose", "discuss", "support", "oppose", "praise", "defend", "blame", "demand", "dismiss",
    "welcome", "recommend", "highlight", "detail", "express", "voice", "decry", "denounce",
    "applaud", "back", "dispute", "challenge", "rule", "threaten",
    "say", "tell", "add", "note", "claim", "announce", "write", "argue", "report", "warn",
    "explain", "state", "insist", "suggest", "accuse", "ask", "acknowledge", "admit", "deny",
    "confirm", "declare", "contend", "maintain", "assert", "stress", "emphasize", "emphasise",
    "complain", "respond", "reply", "agree", "tweet", "post", "indicate", "conclude", "recall",
    "concede", "predict", "estimate", "allege", "promise", "vow", "pledge", "urge", "believe",
    "think", "find", "show", "reveal", "hint", "testify", "observe", "remark", "comment",
    "speak", "disclose", "describe", "call", "caution", "boast", "joke", "quip", "shout",
    "tout", "counter", "charge", "signal", "fear", "hope",
    "expect", "learn", "suspect", "worry", "feel", "know", "understand", "recognize",
    "recognise", "point", "brag", "lament", "question", "wonder", "cite", "assure", "retort",
    "mention", "reiterate", "underline", "inform", "notify",
})
#: Verbs in SPEECH_VERBS that report speech only with a clause or quotation as content
#: ("continue", "call", "show" are too common otherwise).
NEEDS_CLAUSE = frozenset({"call", "show", "find", "know", "understand", "feel",
                          "point", "question", "describe", "speak", "cite", "post", "learn"})
#: Verbs of stance and speech acts whose object is what is said ("called for increased defence
#: spending", "condemned the test", "cited derogatory comments"): the object is the content
#: when there is no clause.
OBJECT_CONTENT = frozenset({
    "call", "cite", "mention", "condemn", "criticize", "criticise", "attack", "blast", "slam",
    "endorse", "reject", "propose", "announce", "acknowledge", "describe", "question", "discuss",
    "support", "oppose", "praise", "defend", "accuse", "blame", "deny", "demand", "urge", "warn",
    "promise", "dismiss", "welcome", "recommend", "predict", "stress", "highlight", "detail",
    "explain", "note", "report", "reveal", "confirm", "express", "voice", "decry", "denounce",
    "applaud", "tout", "pledge", "vow", "back", "dispute", "challenge", "rule", "want", "plan",
    "decide", "refuse", "agree", "threaten", "hope", "expect", "intend", "seek", "offer", "ask",
    "tell", "speak", "claim", "insist", "argue", "suggest", "emphasize", "emphasise", "recall",
})
#: Verbs of speech whose direct object is who is addressed ("..., he told reporters").
ADDRESSED = frozenset({"tell", "inform", "notify", "assure", "remind", "warn", "brief", "ask",
                       "urge", "caution", "advise"})
#: Prepositions after a cue verb that introduce its message ("spoke about", "called for").
MESSAGE_PREPOSITIONS = frozenset({"about", "for", "on", "against", "of", "to"})
#: Reflexive pronouns that only stress a speaker named before them ("the president himself").
REFLEXIVES = frozenset({"himself", "herself", "itself", "themselves"})
PRONOUNS = {"he": "person", "she": "person", "him": "person", "her": "person", "it": "organization",
            "they": "plural", "we": "plural", "i": "self"}
#: How many characters back a pronoun may look for its antecedent (about three paragraphs).
PRONOUN_WINDOW = 1200
#: A quotation this short (in words) inside a sentence is a scare quote or a phrase, not a
#: quote of its own, unless a cue verb governs it.
MIN_QUOTE_WORDS = 4
_OPEN = "“\"«"
_CLOSE = "”\"»"


#: A quotation signed with a dash and a name: "“...” ― Sonya Herridge".
_DASH_SOURCE = re.compile(r"[ \t]*(?P<dash>[―—–]|--)[ \t]*(?P<name>[A-Z][\w.’'-]*(?:[ \t]+[A-Z][\w.’'-]*){0,4})"
                          r"[ \t.]*(?:\n|$)")
#: A paragraph opened by a speaker's name and a colon, as in transcripts ("PENCE: Well, ...")
#: and headlines ("Pat Caddell: Democrat voters worried ...").
_COLON_SPEAKER = re.compile(r"^(?P<name>[A-Z][\w.’'-]*(?:[ \t]+[A-Z][\w.’'-]*){0,3})[ \t]*:[ \t]+(?P<content>\S[^\n]*)",
                            re.M)


@dataclass
class QuoteMarks:
    start: int  # first character inside the marks
    end: int  # last character inside the marks + 1
    open_at: int
    close_at: int


def _first_close(para: str) -> int | None:
    """Where a paragraph closes a quotation opened before it, when its first quotation mark
    is a closing one: a closing curly mark, or a straight mark after a word or punctuation and
    before a blank, punctuation or the paragraph's end ("... as we are able," he said.). None
    when its first mark opens a quotation, or it has none."""
    for i, ch in enumerate(para):
        if ch in _CLOSE and ch != "\"":
            return i
        if ch == "\"":
            after = para[i + 1:i + 2]
            if i and (para[i - 1].isalnum() or para[i - 1] in ",.!?;:") and (
                    not after or not after.isalnum()):
                return i
            return None
        if ch in _OPEN:
            return None
    return None


def find_quotation_marks(text: str) -> list[QuoteMarks]:
    """Quoted stretches, joining a quote that runs over paragraphs (an opening mark with no
    closing one in its paragraph, continued by the next paragraph's opening mark)."""
    out: list[QuoteMarks] = []
    pending: QuoteMarks | None = None
    pos = 0
    for para in text.split("\n"):
        base = pos
        pos += len(para) + 1
        if not para.strip():
            continue
        i = 0
        open_at: int | None = None
        lead = len(para) - len(para.lstrip())
        if pending is not None and para.lstrip()[:1] not in _OPEN:
            k = _first_close(para)
            if k is not None:  # no mark reopens it, but one closes it: the quote runs on
                pending.end, pending.close_at = base + k, base + k
                i = k + 1
            out.append(pending)  # else the quote did not continue: it ended with its paragraph
            pending = None
        while i < len(para):
            ch = para[i]
            if open_at is None and (ch in _OPEN and (ch != "\"" or i == 0 or not para[i - 1].isalnum())
                                    or ch in _CLOSE and i == lead):
                open_at = i
            elif open_at is not None and ch in _CLOSE and (ch != "\"" or i > open_at + 1):
                if pending is not None and open_at == lead:
                    pending.end, pending.close_at = base + i, base + i
                    out.append(pending)
                    pending = None
                else:
                    out.append(QuoteMarks(base + open_at + 1, base + i, base + open_at, base + i))
                open_at = None
            i += 1
        if open_at is not None:  # runs on into the next paragraph
            end = base + len(para.rstrip())
            if pending is not None and open_at == lead:
                pending.end = end
            else:
                if pending is not None:
                    out.append(pending)
                pending = QuoteMarks(base + open_at + 1, end, base + open_at, end)
        elif pending is not None:
            out.append(pending)
            pending = None
    if pending is not None:
        out.append(pending)
    return sorted(out, key=lambda q: q.start)


@dataclass
class _Found:
    speaker_start: int | None
    speaker_end: int | None
    cue_start: int | None
    cue_end: int | None
    content_start: int
    content_end: int
    direct: bool
    speaker: str | None = None
    entity: Entity | None = None


def _chars(tokens) -> tuple[int, int]:
    toks = list(tokens)
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def _inside(pos: int, quotes: list[QuoteMarks]) -> bool:
    return any(q.start <= pos < q.end for q in quotes)


def _subject(verb, quotes: list[QuoteMarks]):
    """The cue verb's subject outside any quotation (or the agent of a passive). A title
    before a name that the parser made a second subject ("The actress Lena Ortiz said":
    nsubj "actress", nsubj "Ortiz") gives the name."""
    for c in verb.children:
        if c.dep_ == "nsubj" and not _inside(c.idx, quotes):
            name = next((n for n in verb.children if n.dep_ == "nsubj" and n.pos_ == "PROPN"
                         and n.left_edge.i == c.i + 1), None)
            return name if name is not None and c.pos_ == "NOUN" else c
        if c.dep_ == "agent":
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    if verb.dep_ in ("conj", "xcomp") and verb.head != verb:
        return _subject(verb.head, quotes) if verb.head.pos_ in ("VERB", "AUX") else None
    if verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.head.pos_ in ("VERB", "AUX"):
        # "The company denied the report, saying ...": a participle's subject is its clause's
        return _subject(verb.head, quotes)
    if (verb.dep_ == "pcomp" and verb.tag_ == "VBG" and verb.head.lower_ == "by"
            and verb.head.head.pos_ in ("VERB", "AUX")):
        # "The company responded by noting that ...": the means is the doer's
        return _subject(verb.head.head, quotes)
    return None


def _relative_antecedent(rel, verb):
    """What a relative pronoun subject stands for: the head noun the clause is attached to, or
    for "who" the name right before it when the parser attached the clause further back ("the
    ire of Justice Antonin Scalia, who said ...": Scalia, not the ire)."""
    k = rel.i - 1
    while k >= 0 and rel.doc[k].is_punct:
        k -= 1
    prev = rel.doc[k] if k >= 0 else None
    if (rel.lower_ == "who" and prev is not None and prev.pos_ == "PROPN"
            and prev.i != verb.head.i and prev.ent_type_ in ("PERSON", "ORG", "NORP")
            and prev.head.i != verb.head.i):
        # not a place, nor an apposition of the clause's own head ("Mitch McConnell, R-Ky.,
        # who backed ...": McConnell)
        return prev
    return verb.head


def _speaker_tokens(head):
    """The words of a speaker mention: the subject's subtree, cut at a comma or a relative
    clause after the head ("Anonymous officials at the US Pentagon, reported in ...")."""
    toks = [t for t in head.subtree]
    # a "cc" on the head with nothing coordinated is the parser's reading of "X boasted of
    # ... and vowed ...": the participle hanging off the head is the first verb
    broken = any(c.dep_ == "cc" for c in head.children) and not any(
        c.dep_ == "conj" for c in head.children)
    kept = []
    for t in toks:
        if t.i > head.i and (t.text in (",", "—", "–", "(") or t.dep_ in ("relcl", "acl")
                             and (t.tag_ != "VBN" or broken)
                             or t.tag_ in ("WP", "WDT") and t.dep_ != "pobj"):
            break
        if t.i > head.i and t.lower_ in REFLEXIVES:  # "the president himself"
            continue
        kept.append(t)
    # "As such, independent fact-checkers ...": words before a comma that name nobody are no
    # part of the speaker
    comma = next((k for k, t in enumerate(kept) if t.text == "," and t.i < head.i), None)
    if comma is not None and not any(t.pos_ in ("NOUN", "PROPN", "NUM") for t in kept[:comma]):
        kept = kept[comma + 1:]
    while len(kept) > 1 and kept[-1].i > head.i and (kept[-1].dep_ == "cc" or kept[-1].is_punct):
        kept.pop()  # "the minister and": nothing coordinated after it
    return kept or [head]


def _content_tokens(verb):
    """The clausal complement of a cue verb (without a leading "that").

    Coordinated clauses before the verb are often parsed as two complements ("Four were killed
    and 23 injured, officials said": ccomp, ccomp): complements on one side of the verb are
    taken together, from the first's left edge to the last's right edge."""
    # a verb with an object of its own after it ("the papers reveal a trail of ...") says
    # that object, not the clause before it; only an addressee ("..., he told reporters") or
    # nothing follows a verb whose content came first
    owned = verb.lemma_.lower() not in ADDRESSED and any(
        d.dep_ == "dobj" and d.i > verb.i and d.pos_ in ("NOUN", "PROPN")
        and d.ent_type_ not in ("PERSON", "ORG", "NORP", "GPE") for d in verb.children)
    for c in verb.children:
        if _adverbial(c) or (owned and c.i < verb.i):
            continue
        if c.dep_ in ("ccomp", "xcomp") and c.i > verb.i or c.dep_ == "ccomp":
            side = [d for d in verb.children if d.dep_ == "ccomp" and (d.i > verb.i) == (c.i > verb.i)
                    and not _adverbial(d)]
            if len(side) > 1:
                lo, hi = side[0].left_edge.i, side[-1].right_edge.i
                toks = [t for t in verb.doc[lo:hi + 1]
                        if not (t.i == lo and _complementizer(t, verb))]
            else:
                toks = [t for t in c.subtree
                        if not (t.i == c.left_edge.i and _complementizer(t, verb))]
            toks = [t for t in toks if not t.is_punct or t.text in _OPEN + _CLOSE or t.i < toks[-1].i]
            if toks:
                return toks
    if verb.dep_ == "parataxis" and verb.head.pos_ in ("VERB", "AUX"):
        cue_sub = {t.i for t in verb.subtree}
        toks = [t for t in verb.head.subtree if t.i not in cue_sub and not t.is_punct]
        if toks:
            return toks
    return _object_content(verb)


def _complementizer(tok, verb) -> bool:
    """A "that" opening a clause as its complementizer, or as a relative pronoun before the
    cue verb ("a crack that the engineers said had been there"); not the subject of the
    clause after the verb ("reports that's more than ...", "said that was the plan")."""
    return tok.lower_ == "that" and not (tok.dep_ in ("nsubj", "nsubjpass") and tok.i > verb.i)


#: Words that open a complement clause; any other subordinator opens an adverbial clause.
COMPLEMENTIZERS = frozenset({"that", "whether", "if"})


def _adverbial(clause) -> bool:
    """Whether a clause the parser took for a complement opens with a subordinator other than
    a complementizer ("two days after The Times reported that ..., Mrs. Clinton announced
    that ...": the time of the announcement, not what was announced)."""
    return any(c.dep_ == "mark" and c.lower_ not in COMPLEMENTIZERS for c in clause.children)


def _object_content(verb):
    """The object a stance or speech-act verb takes as its message, if it is one of those."""
    if verb.lemma_.lower() in OBJECT_CONTENT:
        return _object_tokens(verb)
    return None


def _object_tokens(verb):
    """The message of a speech-act verb given as its object or a prepositional object."""
    for c in verb.children:
        if c.dep_ == "dobj" and c.i > verb.i and c.pos_ != "PRON":
            return list(c.subtree)
    for c in verb.children:
        if c.dep_ == "prep" and c.i > verb.i and c.lower_ in MESSAGE_PREPOSITIONS:
            objs = [g for g in c.children if g.dep_ in ("pobj", "pcomp")
                    and g.ent_type_ not in ("DATE", "TIME")]  # "spoke on Monday"
            if objs:
                return list(objs[0].subtree)
        if c.dep_ == "prt":  # "pointed out that ...", "called out X"
            continue
    return None


#: Characters either side of a cue verb's sentence within which a quotation can bear on it (a
#: quotation beside the verb is at most 80 characters away; see ``_adjacent_quote``).
NEAR_CHARS = 100


class _Near:
    """The quotations overlapping a stretch of text, found by binary search (quotations are
    sorted by start; a running maximum of ends finds a long one that began earlier). Each cue
    verb looks only at the quotations near its sentence, not at every quotation of the
    article, so the cost stays linear in articles with thousands of both."""

    def __init__(self, quotes: list[QuoteMarks]) -> None:
        self.quotes = quotes
        self.starts = [q.start for q in quotes]
        self.max_end: list[int] = []
        top = -1
        for q in quotes:
            top = max(top, q.end)
            self.max_end.append(top)

    def overlapping(self, lo: int, hi: int) -> list[QuoteMarks]:
        i = bisect_left(self.starts, hi)
        j = i
        while j > 0 and self.max_end[j - 1] > lo:
            j -= 1
        return [q for q in self.quotes[j:i] if q.end > lo]


#: Verbs whose past participle before "to" + verb is passive ("believed to be", "said to
#: have"): never what a speaker does, however the parser attaches it.
_PASSIVE_BEFORE_TO = frozenset({"believe", "think", "say", "report", "rumor", "rumour",
                                "allege", "know", "understand", "estimate", "consider",
                                "expect"})


def _passive_participle(tok) -> bool:
    """ "The rocket, believed to be an ICBM, ...": a participle of belief or report followed by
    "to" and a verb is a passive (the thing is what is believed), not a speaker's act."""
    doc = tok.doc
    return (tok.lemma_.lower() in _PASSIVE_BEFORE_TO and tok.tag_ in ("VBD", "VBN")
            and tok.i + 2 < len(doc) and doc[tok.i + 1].lower_ == "to"
            and doc[tok.i + 2].tag_ == "VB"
            and not any(c.dep_ in ("aux", "auxpass") for c in tok.children))


#: Longest title a quotation may be ("Face the Nation", "The Compendium of the Social Doctrine
#: of the Church").
TITLE_WORDS = 10


def is_title(text: str) -> bool:
    """Quoted words that are a title, not speech: every word of four letters or more
    capitalised, two at least ("Sanders said on CBS' "Face the Nation."")."""
    words = re.findall(r"[^\W\d_][\w’'-]*", text)
    long = [w for w in words if len(w) >= 4]
    return (len(words) <= TITLE_WORDS and len(long) >= 2
            and all(w[0].isupper() for w in long))


def opens_with_title(clause) -> bool:
    """Whether a clause (its head token) opens with a quoted title: a programme's name the
    parser read as a clause ("said on CBS’s “Face the Nation,” referring to ...")."""
    doc = clause.doc
    i = clause.left_edge.i
    if doc[i].text in ('"', "“"):
        i += 1
    elif i == 0 or doc[i - 1].text not in ('"', "“"):
        return False
    j = i
    while j < len(doc) and doc[j].text not in ('"', "”"):
        j += 1
    return j < len(doc) and is_title(doc[i:j].text)


#: Modal verbs that make a cue verb tell what might be said, not what was ("would suggest",
#: "could indicate").
HYPOTHETICAL_MODALS = frozenset({"would", "could", "might", "may", "should", "can", "must"})


def _hypothetical(verb) -> bool:
    """A cue verb under a modal, not told as said later ("She would later tell reporters"):
    what it frames has not been said."""
    kids = list(verb.children)
    return (any(c.dep_ == "aux" and c.lower_ in HYPOTHETICAL_MODALS for c in kids)
            and not any(c.dep_ == "advmod" and c.lower_ in ("later", "then") for c in kids))


def _by_cue_verbs(doc, all_quotes: list[QuoteMarks]) -> list[_Found]:
    found: list[_Found] = []
    near = _Near(sorted(all_quotes, key=lambda q: q.start))
    for tok in doc:
        if tok.pos_ not in ("VERB", "AUX") or tok.lemma_.lower() not in SPEECH_VERBS:
            continue
        sent = tok.sent
        quotes = near.overlapping(sent.start_char - NEAR_CHARS, sent.end_char + NEAR_CHARS)
        if tok.dep_ in ("amod", "acl") or _inside(tok.idx, quotes):
            continue  # "the said company"; a verb inside a quotation is part of what is said
        if _passive_participle(tok):
            continue  # "The rocket, believed to be an ICBM, flew ...": the rocket says nothing
        if _hypothetical(tok):
            continue  # "any strike would suggest ...": no one has said anything
        content = _content_tokens(tok)
        if content is not None and opens_with_title(
                min(content, key=lambda t: len(list(t.ancestors)))):
            content = None  # "... ,” Sanders said on CBS' "Face the Nation.": a title
        beside = _adjacent_quote(doc, tok, quotes)
        q = beside or _quote_in_object(tok, quotes)
        if content is None and q is None:
            continue
        if (beside is not None and content is not None and _said_before(doc, tok, beside, quotes)
                and content == _object_content(tok)):
            # "“...,” Clinton told about 600 supporters": after a quoted statement the object
            # is who was addressed, and the quotation is what was said.
            content = None
        if content is None and tok.lemma_.lower() in NEEDS_CLAUSE and q is None:
            continue
        if (tok.dep_ == "advcl" and tok.tag_ == "VBG" and q is None
                and content == _object_content(tok)):
            continue  # "..., citing the Fifth Amendment": a reason given, not a statement
        subj = _subject(tok, quotes)
        if subj is None:
            subj = _inverted_subject(tok)
        if subj is None:
            continue
        antecedent = None
        if subj.lower_ in ("who", "which", "that") and tok.dep_ == "relcl":
            antecedent = _relative_antecedent(subj, tok)  # "Mr. Obama, who said ...": the
            sp = [subj]                                   # mention is "who"
        else:
            sp = _speaker_tokens(subj)
        if q is not None and (content is None or _within_tokens(content, q) or
                              _covers_most(q, _chars(content))):
            c_start, c_end, direct = q.start, q.end, True
        else:
            c_start, c_end = _chars(content)
            direct = _mostly_quoted(c_start, c_end, quotes)
            for qq in quotes:  # a quotation that starts in the content and runs on
                if c_start <= qq.open_at < c_end < qq.end:
                    c_end = qq.end
        s0, s1 = _chars(sp)
        if s0 < c_end and c_start < s1 and tok.dep_ != "parataxis":
            continue  # the speaker must not sit inside what is said (but "A, he said, B")
        found.append(_Found(s0, s1, tok.idx, tok.idx + len(tok.text), c_start, c_end, direct))
        found[-1].speaker = " ".join(t.text for t in _speaker_tokens(antecedent or subj))
        found[-1]._head = antecedent or subj  # type: ignore[attr-defined]
        found[-1]._relative = antecedent is not None  # type: ignore[attr-defined]
    return found


def _said_before(doc, verb, q: QuoteMarks, quotes: list[QuoteMarks]) -> bool:
    """Whether ``q`` is a quoted statement (MIN_QUOTE_WORDS or more) that ends just before the
    cue verb with nothing between them but the verb's subject ("“...,” Clinton told ...")."""
    if q.close_at >= verb.idx or len(doc_text(doc)[q.start:q.end].split()) < MIN_QUOTE_WORDS:
        return False
    subj = _subject(verb, quotes)
    if subj is None:
        return False
    own = {t.i for t in subj.subtree}
    k = verb.i - 1
    while k >= 0 and doc[k].idx > q.close_at:  # the words between, walked back from the verb
        if not (doc[k].is_punct or k in own):
            return False
        k -= 1
    return True


def _covers_most(q: QuoteMarks, span: tuple[int, int]) -> bool:
    """Whether the quotation is (nearly) all of the clause ("He said: “...”")."""
    inside = max(0, min(span[1], q.end) - max(span[0], q.start))
    return inside >= 0.8 * max(1, span[1] - span[0])


def _within_tokens(tokens, q: QuoteMarks) -> bool:
    s, e = _chars(tokens)
    return q.open_at <= s and e <= q.close_at + 1


def _mostly_quoted(start: int, end: int, quotes: list[QuoteMarks]) -> bool:
    inside = sum(max(0, min(end, q.end) - max(start, q.start)) for q in quotes)
    return inside >= 0.8 * max(1, end - start)


def _inverted_subject(verb):
    """"“...,” said a soldier": spaCy may attach the post-verbal subject as an object (not
    after a participle, "..., telling the paper ...", nor of "tell": that is who is told)."""
    if verb.tag_ == "VBG" or verb.lemma_.lower() == "tell":
        return None
    for c in verb.children:
        if c.i > verb.i and c.dep_ in ("dobj", "attr", "npadvmod") and c.pos_ in ("NOUN", "PROPN"):
            return c
    return None


def _adjacent_quote(doc, verb, quotes: list[QuoteMarks]) -> QuoteMarks | None:
    """A quotation the cue verb introduces or follows within its paragraph."""
    text = doc_text(doc)
    vs, ve = verb.idx, verb.idx + len(verb.text)
    best = None
    for q in quotes:
        if q.start <= vs < q.end:
            return None  # the verb is inside a quotation: not a cue
        between = text[q.close_at + 1:vs] if q.close_at < vs else text[ve:q.open_at]
        if "\n" in between or len(between) > 80:
            continue
        if q.close_at < vs and re.fullmatch(r"[\s,.!?—–-]*(?:[\w’'.-]+,?\s+){0,8}", between + " "):
            best = q  # “...,” he said / “...” said X
        elif q.open_at > ve and re.fullmatch(r"[^.!?]{0,60}[:,]\s*", between):
            return q  # X said: “...
    return best


def _quote_in_object(verb, quotes: list[QuoteMarks]) -> QuoteMarks | None:
    """A quotation inside the verb's object ("spoke of a “gradual advance”")."""
    subj = {t.i for c in verb.children if c.dep_ == "nsubj" for t in c.subtree}
    for q in quotes:
        if q.open_at < verb.idx:
            continue
        for t in verb.subtree:
            if t.i not in subj and t.i > verb.i and q.start <= t.idx < q.end:
                return q
    return None


def _according_to(doc, marks: list[QuoteMarks] = ()) -> list[_Found]:
    """"according to X": X the source, the rest of the sentence the content; never inside a
    quotation, whose words are its speaker's ("... the striking power according to targeted
    object and purpose")."""
    found = []
    for tok in doc:
        if tok.lower_ != "according" or tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
            continue
        if any(q.start <= tok.idx < q.end for q in marks):
            continue
        to = doc[tok.i + 1]
        objs = [c for c in to.children if c.dep_ == "pobj"]
        if not objs:
            continue
        if objs[0].tag_ == "NN" and not list(objs[0].children):
            continue  # "according to plan", "according to tradition": a norm, no source
        src = _speaker_tokens(objs[0])
        sent = tok.sent
        # the whole attribution, an appositive or abbreviation of the source included
        # ("according to the Institute for the Study of War (ISW)")
        phrase = set(range(tok.i, max(src[-1].i, to.right_edge.i) + 1))
        rest = [t for t in sent if t.i not in phrase and not t.is_punct and not t.is_space]
        if not rest:
            continue
        s0, s1 = _chars(src)
        c0, c1 = _chars(rest)
        found.append(_Found(s0, s1, tok.idx, to.idx + len(to.text), c0, c1, False,
                            " ".join(t.text for t in src)))
        found[-1]._head = objs[0]  # type: ignore[attr-defined]
    return found


def _enclosing(f: _Found, found: list[_Found]) -> _Found | None:
    """The indirect quote whose content holds ``f``'s speaker mention, its cue before it."""
    if f.speaker_start is None:
        return None
    for g in found:
        if (g is not f and not g.direct and g.content_start <= f.speaker_start < g.content_end
                and g.cue_start is not None and g.cue_start < f.speaker_start):
            return g
    return None


def _resolve(article: Article, doc, f: _Found, quotes: list[QuoteMarks],
             found: list[_Found] | None = None) -> None:
    """Fill ``speaker`` and ``entity`` of a found quote from its speaker mention."""
    head = getattr(f, "_head", None)
    if head is None or f.speaker_start is None:
        return
    if head.lower_ in PRONOUNS:
        kind = PRONOUNS[head.lower_]
        outer = _enclosing(f, found or [])
        if outer is not None and outer.speaker and PRONOUNS.get(outer.speaker.lower()) is None:
            # "Traders said they expected delays": the pronoun inside what a speaker said is
            # that speaker.
            f.entity, f.speaker = outer.entity, outer.speaker
            return
        ent = _antecedent(article, head.idx, kind, quotes, head.lower_, doc)
        if ent is not None:
            f.entity, f.speaker = ent, ent.name
        return
    if head.lower_ in QUANTIFIERS:
        group = _quantified_group(head)
        if group is not None:  # "Republicans in Alabama, several of whom dismissed ..."
            ent = _entity_covering(article, group.idx, group.idx + len(group.text))
            f.entity = ent if ent is not None and ent.type != "place" else None
            toks = _speaker_tokens(group)
            f.speaker = article.text[toks[0].idx:toks[-1].idx + len(toks[-1].text)]
            return
    ent = _entity_covering(article, head.idx, head.idx + len(head.text))
    if ent is None and head.pos_ == "NOUN":  # "the company said": the company named before
        ent = description_antecedent(article, f.speaker_start,
                                     article.text[f.speaker_start:f.speaker_end])
    if ent is None:  # "the White House press secretary, Sarah Huckabee Sanders, told ...": the
        for c in head.children:  # name in apposition is who spoke
            if c.dep_ == "appos" and c.i > head.i and c.pos_ == "PROPN":
                named = _entity_covering(article, c.idx, c.idx + len(c.text))
                if named is not None and named.type in ("person", "organization"):
                    ent = named
                    break
                if named is None:  # a name the tagger did not find
                    f.speaker = " ".join(t.text for t in c.subtree
                                         if t.pos_ == "PROPN" and t.i <= c.i)
                    return
    if ent is not None and ent.type in ("person", "organization", "place", "group"):
        if ent.type != "group" or f.speaker_end - f.speaker_start <= len(head.text) + 4:
            f.entity, f.speaker = ent, ent.name
            return
    if not getattr(f, "_relative", False):  # a relative "who" keeps its antecedent's words
        f.speaker = article.text[f.speaker_start:f.speaker_end]


#: Words that speak for part of a group named elsewhere ("several of whom", "some of them").
QUANTIFIERS = frozenset({"some", "others", "many", "several", "most", "few", "both", "all"})


def _quantified_group(head):
    """The group a quantifier speaker is part of, when it says so: "several of whom" the plural
    noun before the relative pronoun in its sentence ("Republicans in Alabama, several of whom
    dismissed ..."), "some of them" the plural subject of the sentence before (else its last
    plural noun)."""
    of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    pron = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    sent = head.sent
    if of is None and head.i == sent.start and sent.start > 0:
        # "... Republicans in Alabama, several of whom dismissed the stories. Some called the
        # article a plot": a bare quantifier opening a sentence counts the group the sentence
        # before spoke of (its own quantifier's group, else the plural subject of its main verb)
        before = head.doc[sent.start - 1].sent
        counted = [g for t in before if t.lower_ in QUANTIFIERS and t.i != head.i
                   and (g := _quantified_group(t)) is not None and g.i < t.i]
        if counted:
            return counted[-1]
        main = {before.root.i} | {c.i for c in before.root.children if c.dep_ == "conj"}
        subjects = [t for t in before if t.tag_ in ("NNS", "NNPS")
                    and t.dep_ in ("nsubj", "nsubjpass") and t.head.i in main]
        return subjects[-1] if subjects else None
    if pron is None or pron.lower_ not in ("whom", "which", "them"):
        return None
    if pron.lower_ == "them":
        if sent.start == 0:
            return None
        scope = list(head.doc[sent.start - 1].sent)
    else:
        scope = [t for t in sent if t.i < head.i]
    plural = [t for t in scope if t.tag_ in ("NNS", "NNPS") and t.dep_ != "compound"]
    if pron.lower_ == "them":  # the subject of the sentence before first, as for a pronoun
        plural = [t for t in plural if t.dep_ in ("nsubj", "nsubjpass")] or plural
    return plural[-1] if plural else None


def _entity_covering(article: Article, start: int, end: int) -> Entity | None:
    for e in article.entities:
        for m in e.mentions:
            if m.start <= start and end <= m.end + 2:
                return e
    return None


#: Salience of an earlier mention as the antecedent of a pronoun, after Lappin and Leass (1994):
#: every mention of a candidate adds RECENCY plus the weights of its grammatical role and of
#: its emphasis (``HEAD_NOUN_EMPHASIS``, ``NON_ADVERBIAL_EMPHASIS``), halved for each sentence
#: between it and the pronoun; the candidate with the most wins. A subject outweighs a name in
#: a prepositional phrase of the same sentence ("Mrs. Clinton ... appeared to agree with Ms.
#: Pelosi that ... “...,” she said": Clinton), and the subject of the sentence before outweighs
#: a name inside another phrase of this one ("in President Trump's Washington").
RECENCY = 100
ROLE_WEIGHT = {"nsubj": 80, "nsubjpass": 80, "dobj": 50, "dative": 40, "appos": 40}
#: Lappin and Leass's two other factors: a mention that is no part of another noun phrase
#: ("President Trump's Washington", "the Obama administration" name Trump and Obama inside a
#: phrase about something else) and one outside an adverbial phrase ("at the premiere") is
#: the more likely antecedent.
HEAD_NOUN_EMPHASIS = 80
NON_ADVERBIAL_EMPHASIS = 50


def _emphasis(root) -> int:
    """Lappin and Leass's head-noun and non-adverbial emphasis of a mention's head token."""
    inside_phrase = root.dep_ in ("poss", "compound", "amod", "nmod", "npadvmod") or (
        root.dep_ == "pobj" and root.head.head.pos_ in ("NOUN", "PROPN", "PRON"))
    adverbial = root.dep_ == "pobj" and root.head.head.pos_ in ("VERB", "AUX")
    return ((0 if inside_phrase else HEAD_NOUN_EMPHASIS)
            + (0 if adverbial else NON_ADVERBIAL_EMPHASIS))


def _antecedent(article: Article, pos: int, kind: str, quotes: list[QuoteMarks],
                pronoun: str, doc) -> Entity | None:
    """The most salient earlier entity of a compatible type outside quotations (see
    RECENCY)."""
    want = {"person": ("person",), "organization": ("organization", "place"),
            "plural": ("organization",), "self": ("person",)}[kind]
    mentions: list[tuple[int, int, Entity]] = []
    for e in article.entities:
        if e.type not in want and not (kind in ("person", "self")
                                       and _titled(article, e) is not None):
            continue
        if not gender_ok(article, e, pronoun):
            continue
        mentions += [(m.start, m.end, e) for m in e.mentions
                     if pos - PRONOUN_WINDOW <= m.start < pos
                     and not any(q.start <= m.start < q.end for q in quotes)
                     and not (kind in ("person", "self") and _plural(doc, m.start, m.end))
                     and not (e.type == "place" and not _acting(doc, m.start, m.end))]
    return _most_salient(mentions, pos, doc)


def _acting(doc, start: int, end: int) -> bool:
    """Whether a place's mention is a clause's subject ("Tunisia condemned the attack. It
    said ..."): a country speaks through its government, but a place where something happens
    ("docked at Yeosu", "a flight to Florida", "plummet down to Earth") says nothing."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and len(span) > 0 and span.root.dep_ in ("nsubj", "nsubjpass")


def _plural(doc, start: int, end: int) -> bool:
    """Whether a mention is one plural common noun ("Flags will fly at half-staff", which a
    tagger may take for a person's name at a sentence's start): no antecedent of "he", "she"
    or "I". A proper noun tagged plural is a name ending in "s" ("Bruce Arians")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and len(span) == 1 and span.root.tag_ == "NNS"


def _most_salient(mentions: list[tuple[int, int, Entity]], pos: int, doc) -> Entity | None:
    """The entity whose earlier mentions weigh most (see RECENCY), the latest on a tie."""
    if not mentions:
        return None
    latest = {}
    for start, _, e in mentions:
        latest[e.id] = max(latest.get(e.id, -1), start)
    here = _sentence_index(doc, pos)
    score: dict[str, float] = {}
    by_id = {}
    for start, end, e in mentions:
        span = doc.char_span(start, end, alignment_mode="expand")
        role = (ROLE_WEIGHT.get(span.root.dep_, 0) + _emphasis(span.root)
                if span is not None and len(span) else 0)
        d = max(0, here - _sentence_index(doc, start))
        score[e.id] = score.get(e.id, 0.0) + (RECENCY + role) / 2 ** d
        by_id[e.id] = e
    return by_id[max(score, key=lambda k: (score[k], latest[k]))]


#: Nouns by which a definite description ("the company said", "the committee said") refers back
#: to an organisation named earlier (general English).
ORGANIZATION_NOUNS = frozenset({
    "company", "firm", "corporation", "retailer", "bank", "agency", "ministry", "department",
    "campaign", "committee", "paper", "newspaper", "network", "broadcaster", "union", "council",
    "board", "commission", "organization", "organisation", "airline", "operator", "insurer",
    "manufacturer", "carrier", "utility", "charity", "inspectorate", "regulator", "publisher",
    "group", "institute", "university", "hospital", "club", "team", "embassy", "court"})
#: How far back a description looks for what it names (about six paragraphs: a company named in
#: the lead is "the company" much further on than a pronoun's antecedent).
DESCRIPTION_WINDOW = 2 * PRONOUN_WINDOW


#: Nouns for what a news organisation publishes ("a report that said ...").
PUBLICATION_NOUNS = frozenset({"report", "story", "article", "investigation", "exposé"})
#: How far either side of an unnamed report its publisher may be named (about two paragraphs).
PUBLICATION_WINDOW = 600
#: The publisher of a report named beside it: "the BuzzFeed report", "BuzzFeed's story",
#: "an article published by BuzzFeed News", "BuzzFeed published the story" (the organisation's
#: mention is matched around these).
_PUBLISHED_BEFORE = re.compile(r"\b(?:published|reported|released)\s+by\s+$")
_PUBLICATION = "|".join(sorted(PUBLICATION_NOUNS))
_PUBLISHED_AFTER = re.compile(
    rf"^(?:\s+News)?(?:(?:['’]s)?\s+(?:{_PUBLICATION})\b"
    r"|\s+(?:first\s+)?(?:published|released|ran|broke)\s+(?:the|a|an|its)\s+"
    rf"(?:\w+\s+)?(?:{_PUBLICATION})\b)")


def publication_holder(article: Article, pos: int) -> Entity | None:
    """Who an unnamed report at ``pos`` is from: the nearest organisation (or author) the
    text names as a report's publisher ("the BuzzFeed report", "an article published by
    BuzzFeed News") within :data:`PUBLICATION_WINDOW` characters either side. A news story
    often names the report first ("disputed a report that said ...") and its publisher a
    sentence later."""
    text = article.text
    best: tuple[int, Entity] | None = None
    for e in article.entities:
        if e.type not in ("organization", "person"):  # an outlet the tagger took for a name
            continue
        for m in e.mentions:
            if abs(m.start - pos) > PUBLICATION_WINDOW:
                continue
            if (_PUBLISHED_BEFORE.search(text[max(0, m.start - 30):m.start])
                    or _PUBLISHED_AFTER.match(text[m.end:m.end + 30])):
                if best is None or abs(m.start - pos) < best[0]:
                    best = (abs(m.start - pos), e)
    return best[1] if best else None


def description_antecedent(article: Article, pos: int, phrase: str) -> Entity | None:
    """The entity a bare definite description at ``pos`` names, or None: "the company" an
    organisation named earlier (one whose name holds another such noun, "the Senate
    committee" for "the company", is not it), "the president" a person titled so before one of
    their mentions ("President Trump"). Only "the" and one noun: "the company's lawyer" or "the
    union's leaders" name someone else. "A report" or "the story" names the organisation
    that published it (:func:`publication_holder`)."""
    m = re.fullmatch(r"(?:the|The|a|A|an|An)\s+([a-z]+)", phrase.strip())
    if m is None:
        return None
    noun = m.group(1)
    if noun in PUBLICATION_NOUNS:  # "a report that said ...": whose report
        return publication_holder(article, pos)
    if not phrase.strip().lower().startswith("the "):
        return None
    window = [(e, mt) for e in article.entities for mt in e.mentions
              if pos - DESCRIPTION_WINDOW <= mt.start < pos]
    if noun in ORGANIZATION_NOUNS:
        def fits(e: Entity) -> bool:
            words = set(re.findall(r"[a-z]+", e.name.lower()))
            return e.type == "organization" and not (words & ORGANIZATION_NOUNS - {noun})
        named = [(e, mt) for e, mt in window if fits(e)
                 and noun in re.findall(r"[a-z]+", e.name.lower())]
        cands = named or [(e, mt) for e, mt in window if fits(e)]
    elif noun in PERSON_TITLES and noun not in ("mr", "mrs", "ms", "miss", "dr"):
        def titled(mt) -> bool:
            w = _LAST_WORD.search(article.text[max(0, mt.start - 30):mt.start])
            first = article.text[mt.start:mt.end].split()[:1]
            return ((w is not None and w.group(1).lower() == noun)
                    or (bool(first) and first[0].lower() == noun))
        ids = {e.id for e, mt in window if e.type == "person" and titled(mt)}
        cands = [(e, mt) for e, mt in window if e.id in ids]
    else:
        return None
    if not cands:
        return None
    doc = parse(article)
    return _most_salient([(mt.start, mt.end, e) for e, mt in cands], pos, doc)


def pronoun_antecedent(article: Article, pos: int, pronoun: str) -> Entity | None:
    """The entity a pronoun at ``pos`` stands for (see :func:`_antecedent`), or None."""
    kind = PRONOUNS.get(pronoun.lower())
    if kind is None:
        return None
    doc = parse(article)
    marks = doc.user_data.get("consilience_quotation_marks")
    if marks is None:
        marks = doc.user_data["consilience_quotation_marks"] = find_quotation_marks(article.text)
    return _antecedent(article, pos, kind, marks, pronoun.lower(), doc)


def _sentence_index(doc, pos: int) -> int:
    """The index of the sentence holding character ``pos`` (sentence starts kept on the doc)."""
    starts = doc.user_data.get("consilience_sentence_starts")
    if starts is None:
        starts = [s.start_char for s in doc.sents]
        doc.user_data["consilience_sentence_starts"] = starts
    return max(0, bisect_right(starts, pos) - 1)


#: Words that, right before a name, make it a person's ("spokeswoman Elena Dobre"), with the
#: gender some of them give: a name the tagger typed as an organisation or place is a person's
#: all the same when one of these precedes it.
PERSON_TITLES = {
    "mr": "m", "mr.": "m", "spokesman": "m", "chairman": "m", "congressman": "m",
    "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f", "spokeswoman": "f",
    "chairwoman": "f", "congresswoman": "f",
    "dr": "", "dr.": "", "spokesperson": "", "minister": "", "president": "", "senator": "",
    "sen.": "", "governor": "", "gov.": "", "mayor": "", "rep.": "", "representative": "",
    "secretary": "", "director": "", "judge": "", "prosecutor": "", "lawyer": "",
    "attorney": "", "officer": "", "chief": "", "professor": "", "commissioner": "",
    "ambassador": "", "general": "", "gen.": "", "colonel": "", "captain": "",
}
_LAST_WORD = re.compile(r"([\w.]+)\s+$")


def _titled(article: Article, e: Entity) -> str | None:
    """The gender ("m", "f" or "" when the title has none) a title before one of the entity's
    mentions gives it, or None when no mention has a person's title before it."""
    found: str | None = None
    for m in e.mentions:
        w = _LAST_WORD.search(article.text[max(0, m.start - 30):m.start])
        g = PERSON_TITLES.get(w.group(1).lower()) if w else None
        if g is not None and (found is None or g):
            found = g
    return found


#: Share of men among the bearers of a first name from which the name is taken as a man's (and
#: up to one minus it as a woman's): a round a-priori bound, not fitted to any evaluation data.
NAME_GENDER_SHARE = 0.9


def name_gender(e: Entity) -> str | None:
    """"m" or "f" when the person's first name is borne almost only by men or by women ("Roy",
    "Sarah"), else None."""
    if e.type != "person":
        return None
    # transliterated first: "François" is "Francois", not "Fran" and "ois"
    words = [w for w in re.findall(r"[A-Za-z]+", unidecode(e.name)) if w[0].isupper()]
    if len(words) < 2:  # a surname alone ("Moore") says nothing
        return None
    share = first_names().get(words[0].lower())
    if share is None:
        return None
    return "m" if share >= NAME_GENDER_SHARE else "f" if share <= 1 - NAME_GENDER_SHARE else None


def gender_ok(article: Article, e: Entity, pronoun: str) -> bool:
    """False when a title in the text ("Mr X" for "she") or the person's first name ("Roy
    Moore" for "she") gives the person the other gender."""
    if pronoun not in ("he", "she", "him", "her"):
        return True
    text = article.text
    titles = " ".join(text[max(0, m.start - 5):m.start] for m in e.mentions)
    male = re.search(r"\bMr\.?\s*$|\bMr\.?\s", titles) is not None
    female = re.search(r"\b(?:Mrs|Ms|Miss)\.?\s", titles) is not None
    titled = _titled(article, e)
    named = name_gender(e)
    male |= titled == "m" or named == "m"
    female |= titled == "f" or named == "f"
    if pronoun in ("he", "him"):
        return not female
    return not male


class _Spans:
    """Content spans sorted by start, with the greatest end among the spans starting at or
    before each and the least end among those starting at or after it: whether some span holds
    a stretch, or lies within it, is one binary search, not a scan of every span."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans = sorted(spans)
        self.starts = [s for s, _ in spans]
        self.max_end = list(accumulate((e for _, e in spans), max))
        self.min_end = list(accumulate((e for _, e in reversed(spans)), min))[::-1]

    def holds(self, start: int, end: int, slack: int = 0) -> bool:
        """Whether a span starts at or before ``start`` and ends at or after ``end - slack``."""
        i = bisect_right(self.starts, start)
        return i > 0 and end <= self.max_end[i - 1] + slack

    def within(self, start: int, end: int) -> bool:
        """Whether a span starts at or after ``start`` and ends at or before ``end``."""
        i = bisect_left(self.starts, start)
        return i < len(self.starts) and self.min_end[i] <= end


class _ByPlace:
    """Found quotes indexed by where their content starts and where it ends (quotes ending at
    one place kept in the order they were given)."""

    def __init__(self, found: list[_Found]) -> None:
        order = sorted(range(len(found)), key=lambda i: (found[i].content_end, i))
        self.starts = sorted(f.content_start for f in found)
        self.ends = [(found[i].content_end, i) for i in order]
        self.quotes = [found[i] for i in order]

    def add(self, f: _Found) -> None:
        """Add a quote after those already given (cheap when it starts and ends after them, as
        quotations read in text order mostly do)."""
        insort(self.starts, f.content_start)
        key = (f.content_end, len(self.quotes))
        i = bisect_right(self.ends, key)
        self.ends.insert(i, key)
        self.quotes.insert(i, f)

    def last_start_before(self, pos: int) -> int | None:
        """The greatest content start before ``pos``, or None."""
        i = bisect_left(self.starts, pos)
        return self.starts[i - 1] if i else None

    def last_ending(self, lo: int | None, hi: int, fits: Callable[[_Found], bool]
                    ) -> _Found | None:
        """Of the quotes ``fits`` accepts whose content ends within ``lo..hi`` (both included;
        no lower bound when ``lo`` is None), the one ending last; on a tie the one given
        first."""
        k = bisect_left(self.ends, (hi + 1,))
        while k > 0 and (lo is None or self.ends[k - 1][0] >= lo):
            k -= 1
            if fits(self.quotes[k]):
                first = bisect_left(self.ends, (self.ends[k][0],))
                return next(f for f in self.quotes[first:k + 1] if fits(f))
        return None


class _Earlier:
    """The quotes an uncued quotation may continue: those found by cues, then those given to
    uncued quotations so far, in that order. Finds the attribution just before a place by
    binary search, so that each quotation costs about the logarithm of the article's quotes
    rather than a pass over all of them."""

    def __init__(self, found: list[_Found]) -> None:
        self.found = _ByPlace(found)
        self.added = _ByPlace([])

    def add(self, f: _Found) -> None:
        self.added.add(f)

    def last_start_before(self, pos: int) -> int | None:
        """The greatest content start of a quote before ``pos``, or None."""
        starts = [s for s in (self.found.last_start_before(pos), self.added.last_start_before(pos))
                  if s is not None]
        return max(starts) if starts else None

    def last_ending(self, lo: int | None, hi: int, fits: Callable[[_Found], bool]
                    ) -> _Found | None:
        """Of the quotes ``fits`` accepts whose content ends within ``lo..hi`` (both included;
        no lower bound when ``lo`` is None), the one ending last; on a tie the one found by a
        cue, else the one added first."""
        a = self.found.last_ending(lo, hi, fits)
        b = self.added.last_ending(lo, hi, fits)
        return b if b is not None and (a is None or b.content_end > a.content_end) else a


def _uncued_quotes(article: Article, doc, quotes: list[QuoteMarks], found: list[_Found]
                   ) -> list[_Found]:
    """Quotations no cue verb claimed: continuation of the previous speaker, or a name before
    a colon."""
    text = article.text
    out: list[_Found] = []
    covered = _Spans([(f.content_start, f.content_end) for f in found])
    earlier = _Earlier(found)
    mentions = _Mentions(article)

    def take(f: _Found) -> None:
        out.append(f)
        earlier.add(f)

    for q in quotes:
        if covered.holds(q.start, q.end, slack=2) or covered.within(q.start, q.end):
            continue
        if len(text[q.start:q.end].split()) < MIN_QUOTE_WORDS:
            continue
        line_start = text.rfind("\n", 0, q.open_at) + 1
        # what precedes the quotation on its line, read back over white space (no copy of the
        # line per quotation, and no pattern searched over it: on one long line with many
        # quotations either was quadratic)
        lead = q.open_at
        while lead > line_start and text[lead - 1].isspace():
            lead -= 1
        if lead > line_start and text[lead - 1] == ":":  # "Putin said: “..."
            named = mentions.last_before(q.open_at, line_start)
            if named is not None:
                m_start, m_end, ent = named
                take(_Found(m_start, m_end, lead - 1, lead, q.start, q.end, True, ent.name, ent))
                continue
        dash = _DASH_SOURCE.match(text, q.close_at + 1)
        if dash:
            s0, s1 = dash.span("name")
            ent = _entity_covering(article, s0, s1)
            take(_Found(s0, s1, dash.start("dash"), dash.end("dash"), q.start, q.end, True,
                        ent.name if ent else text[s0:s1], ent))
            continue
        intro = _colon_introducer(article, doc, line_start) if lead == line_start else None
        if intro is not None:
            # "Obama used virtually identical language against McCain:" then a paragraph that
            # is the quotation: the sentence's named subject says it
            m_start, m_end, ent = intro
            colon = text.rfind(":", 0, line_start)
            take(_Found(m_start, m_end, colon, colon + 1, q.start, q.end, True, ent.name, ent))
            continue
        said = _said_just_before(earlier, q, text, line_start, doc)
        if said is not None:
            # "“They turned Medicare into a piggy bank,” Ryan said. “And we want to point that
            # out.”": the next quotation of the paragraph, after nothing but the attribution,
            # goes on with the same speaker
            take(_Found(said.speaker_start, said.speaker_end, None, None, q.start, q.end, True,
                        said.speaker, said.entity))
            continue
        if lead == line_start:
            prev = _previous_speaker(earlier, q.open_at, text)
            if prev is not None and (prev.direct or _continues(text, q, line_start)):
                # the quotation continues what the previous paragraph's speaker said ("“...,” X
                # said." or "X told Y that ...", then a paragraph that is only a quotation): the
                # speaker is named there, so that mention is its speaker span
                take(_Found(prev.speaker_start, prev.speaker_end, None, None, q.start, q.end,
                            True, prev.speaker, prev.entity))
    return out


def _colon_introducer(article: Article, doc, line_start: int
                      ) -> tuple[int, int, Entity] | None:
    """The named person or body that is the subject of the sentence closing the previous
    paragraph with a colon ("Two years prior, then-Senator Obama used virtually identical
    language to beat up on his opponent:", "McCrummen reports:"): (start, end, entity) of its
    mention, or None when that paragraph ends otherwise or its subject names no one."""
    before = article.text[:line_start].rstrip()
    if not before.endswith(":") or line_start == 0:
        return None
    colon = len(before) - 1
    span = doc.char_span(colon, colon + 1, alignment_mode="expand")
    if span is None or not len(span):
        return None
    root = span[0].sent.root
    subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.pos_ != "PROPN":
        return None
    ent = _entity_covering(article, subj.idx, subj.idx + len(subj.text))
    if ent is None or ent.type not in ("person", "organization"):
        return None
    return subj.idx, subj.idx + len(subj.text), ent


class _Mentions:
    """The article's mentions of people and organisations sorted by start, to find the last one
    before a position by binary search rather than by a scan of every mention."""

    def __init__(self, article: Article) -> None:
        found = [(m.start, m.end, e) for e in article.entities
                 if e.type in ("person", "organization") for m in e.mentions]
        found.sort(key=lambda x: x[0])  # stable: entity order kept among equal starts
        self.found = found
        self.starts = [x[0] for x in found]

    def last_before(self, pos: int, floor: int) -> tuple[int, int, Entity] | None:
        """(start, end, entity) of the latest-starting mention within ``[floor, pos]`` (of
        mentions that start together, the first entity's in the article's order)."""
        j = bisect_left(self.starts, pos)  # a mention ending by pos starts before it
        k, best = j, None
        while k > 0 and self.starts[k - 1] >= floor:
            k -= 1
            if self.found[k][1] <= pos:
                best = self.starts[k]
                break
        if best is None:
            return None
        for start, end, e in self.found[bisect_left(self.starts, best):j]:
            if start != best:
                break
            if end <= pos:
                return start, end, e
        return None


def _names_its_own_speaker(text: str, q: QuoteMarks) -> bool:
    """Whether a quotation opens with a speaker's name and a colon (a transcript's "PENCE:
    ...") or ends with a comma (an attribution follows it), so it continues no one."""
    inside = text[q.start:q.end].strip()
    return bool(_COLON_SPEAKER.match(inside)) or inside.endswith(",")


def _continues(text: str, q: QuoteMarks, line_start: int) -> bool:
    """Whether a quotation opening its paragraph can continue the speaker of reported speech in
    the previous paragraph ("X told Y that ..."): only when the quotation is the whole paragraph (words after it are an attribution of its
    own: "“...,” X told reporters"), and not when the previous paragraph ends with a colon (it
    introduces someone else: "McCrummen reports:") or the quotation opens with a speaker's name
    and a colon (a transcript's "PENCE: ...") or ends with a comma (an attribution follows)."""
    before = text[:line_start].rstrip()
    if before.endswith(":"):
        return False
    if _names_its_own_speaker(text, q):
        return False
    line_end = text.find("\n", q.end)
    rest = text[q.close_at + 1:len(text) if line_end < 0 else line_end]
    return all(not ch.isalnum() for ch in rest)


def _said_just_before(earlier: _Earlier, q: QuoteMarks, text: str, line_start: int, doc
                      ) -> _Found | None:
    """The attributed quotation right before ``q`` in its paragraph when ``q`` opens the
    sentence right after that quotation's attribution ("“...,” X said. “...”", "“...,” said
    AshLee Strong, a spokeswoman for the speaker. “...”"), and ``q`` has no attribution of its
    own (it is not found by a cue verb) nor a speaker's name and a colon.

    Of the earlier quotes with a speaker and a cue after their content, in ``q``'s paragraph
    and before it, the one whose content ends last is the candidate; no other quote may start
    between its content and ``q``. So only quotes ending at or after the last content start
    before ``q`` (any, when none starts before it) can be it."""
    if _names_its_own_speaker(text, q):
        return None
    last = earlier.last_start_before(q.open_at)

    def attributed(f: _Found) -> bool:
        return bool(f.direct and f.speaker and f.speaker_start is not None
                    and f.cue_start is not None and line_start <= f.content_start
                    and f.content_end <= f.cue_start < q.open_at)

    best = earlier.last_ending(last, q.open_at - 1, attributed)
    if best is None:
        return None
    cue = doc.char_span(best.cue_start, best.cue_end, alignment_mode="expand")
    if cue is None:
        return None
    end = cue.sent.end_char
    return best if end <= q.open_at and not text[end:q.open_at].strip() else None


def _previous_speaker(earlier: _Earlier, pos: int, text: str) -> _Found | None:
    """The speaker of the last attribution in the paragraph just before ``pos``: a quotation
    ("“...,” X said.") or reported speech ("X told Y that ..."), either of which a paragraph that
    is only a quotation, with no cue of its own, continues."""
    para_start = text.rfind("\n", 0, pos)
    prev_para_start = text.rfind("\n", 0, max(0, para_start - 1)) + 1 if para_start > 0 else 0

    def speaks(f: _Found) -> bool:
        return bool(f.speaker) and (f.direct or f.cue_start is None
                                    or prev_para_start <= f.cue_start)

    return earlier.last_ending(prev_para_start, pos, speaks)


def _named_elsewhere(text: str, name: str, at: int) -> bool:
    """Whether a name in capitals opening a paragraph ("PENCE:") is written as a name elsewhere
    in the text ("Mike Pence"). A transcript's speakers are named or speak more than once; a
    section label of a fact box ("COMPETITION: Blue Origin ...", "FUTURE FLIGHTS: ...") is
    neither."""
    words = name.title().split()
    pattern = re.compile(r"\b" + r"\s+".join(map(re.escape, words)) + r"\b")
    return any(m.start() != at for m in pattern.finditer(text))


def _colon_paragraphs(article: Article) -> list[_Found]:
    """Paragraphs that open with a speaker's name and a colon. The name must be a person or
    organisation the article names, or written in capitals as transcripts do, by a speaker
    who speaks twice or is named elsewhere (``_named_elsewhere``)."""
    out = []
    found = list(_COLON_SPEAKER.finditer(article.text))
    labels = Counter(m.group("name") for m in found)
    for m in found:
        s0, s1 = m.span("name")
        name = m.group("name")
        ent = _entity_covering(article, s0, s1)
        if ent is None and not (name.isupper() and len(name) > 2 and (
                labels[name] >= 2 or _named_elsewhere(article.text, name, s0))):
            continue
        if ent is not None and ent.type not in ("person", "organization"):
            continue
        c0, c1 = m.span("content")
        out.append(_Found(s0, s1, s1, s1 + 1, c0, c1, True, ent.name if ent else name.title(),
                          ent))
    return out


def is_post_signature(text: str) -> bool:
    """Whether ``text`` is an embedded post's signature ("— Ana Varga (@anavarga) May 3, 2024"),
    the cue of its words."""
    return bool(_POST_SIGNATURE.match(text.strip()))


def _embedded_posts(article: Article) -> list[_Found]:
    """Posts embedded in the page: their words are their author's ("Caught RED HANDED ...
    — Donald J. Trump (@realDonaldTrump) December 28, 2017"), the signature is the cue."""
    out = []
    text, start = article.text, 0
    while start <= len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        m = _POST_SIGNATURE.search(text, start, end) if text.find("(@", start, end) >= 0 \
            else None
        if m is not None:
            c0, c1 = start, m.start()
            while c0 < c1 and text[c0] in " \t\"\u201c":
                c0 += 1
            while c1 > c0 and text[c1 - 1].isspace():
                c1 -= 1
            if len(text[c0:c1].split()) >= 3:
                s0, s1 = m.span("name")
                ent = _entity_covering(article, s0, s1)
                ent = ent if ent is not None and ent.type in ("person", "organization") else None
                out.append(_Found(s0, s1, m.start(), m.end(), c0, c1, True,
                                  ent.name if ent else m.group("name").strip(), ent))
        start = end + 1
    return out


def find_quotes(article: Article) -> list[Quote]:
    doc = parse(article)
    marks = find_quotation_marks(article.text)
    found = (_by_cue_verbs(doc, marks) + _according_to(doc, marks) + _colon_paragraphs(article)
             + _embedded_posts(article))
    found = _dedupe(_join_interrupted(article.text, found, marks))
    found.sort(key=lambda f: f.cue_start if f.cue_start is not None else f.content_start)
    for f in found:  # in text order, so an enclosing quote's speaker is resolved first
        _resolve(article, doc, f, marks, found)
    found += _uncued_quotes(article, doc, marks, found)
    found.sort(key=lambda f: f.content_start)
    return [_to_quote(article, f) for f in found]


#: The words of a speech tag that interrupts a quotation ("said Elena Dobre" in "“The fire,”
#: said Elena Dobre, “was contained ...”"): no sentence end, no quotation mark; the stop of
#: a title before a name is none ("asked Mr. Sellers").
TAG_WORDS = r"(?:[^.!?\n\"“”]|\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|St)\.){1,60}?"
#: What may stand between the two halves of such a quotation: the tag, then a comma.
_TAG_GAP = re.compile(rf"\s*{TAG_WORDS},\s*")


def _join_interrupted(text: str, found: list[_Found], marks: list[QuoteMarks]) -> list[_Found]:
    """A quotation its speech tag interrupts is one statement: "“Progressivism,” he declared,
    “is eating the Constitution.”" The cue's quote (either half) takes both halves when the
    first ends in a comma inside its marks and nothing but the tag and a comma stands between
    them; the halves' own attributions, if any, give way to it."""
    ordered = sorted(marks, key=lambda q: q.start)
    pairs = []
    for q1, q2 in zip(ordered, ordered[1:]):
        gap = text[q1.close_at + 1:q2.open_at] if q2.open_at - q1.close_at <= 80 else ""
        if gap and text[q1.start:q1.end].rstrip().endswith(",") and _TAG_GAP.fullmatch(gap):
            pairs.append((q1, q2))
    if not pairs:
        return found
    joined: list[tuple[int, int]] = []
    for f in found:
        if f.cue_start is None or not f.direct:
            continue
        for q1, q2 in pairs:
            tag = q1.close_at < f.cue_start and f.cue_end <= q2.open_at
            # (a content read from the parse may take in the quotation's own marks)
            if tag and any(q.open_at <= f.content_start and f.content_end <= q.close_at + 1
                           for q in (q1, q2)):
                f.content_start, f.content_end = q1.start, q2.end
                joined.append((q1.start, q2.end))
    return [f for f in found if (f.content_start, f.content_end) in joined
            or not any(a <= f.content_start and f.content_end <= b for a, b in joined)]


def _dedupe(found: list[_Found]) -> list[_Found]:
    """One attribution per content: where two cues claim the same content, the nearer wins."""
    found.sort(key=lambda f: (f.content_start, -(f.content_end - f.content_start)))
    out: list[_Found] = []
    for f in found:
        dup = next((g for g in out if g.content_start == f.content_start
                    and g.content_end == f.content_end), None)
        if dup is None:
            out.append(f)
    return out


def _to_quote(article: Article, f: _Found) -> Quote:
    def span(a: int | None, b: int | None):
        return article.span(a, b, "quotes") if a is not None and b is not None else None

    return Quote(speaker=f.speaker, speaker_span=span(f.speaker_start, f.speaker_end),
                 cue_span=span(f.cue_start, f.cue_end),
                 content_span=article.span(f.content_start, f.content_end, "quotes"),
                 direct=f.direct, speaker_entity=f.entity.id if f.entity else None)


def quotes(article: Article) -> Article:
    article.quotes = find_quotes(article)
    return article


quotes_stage = article_stage("quotes", needs={"text", "entities"}, adds={"quotes"},
                             languages=PIPELINE_LANGUAGES)(quotes)

__all__ = ["TAG_WORDS", "find_quotation_marks", "find_quotes", "is_post_signature", "is_title",
           "opens_with_title", "quotes", "quotes_stage"]
