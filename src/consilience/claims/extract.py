"""Claim extraction: each article's statements as atomic claims, with who asserts them.

- Reported speech is split from its frame: in "X said that Y" (and "according to X, Y", and
  quotations) the claim is Y, asserted by X. Quotes come from ``Article.quotes`` (the quotes
  stage); without them a reporting verb in the sentence ("say", "tell", "according to") gives the
  speaker and its clausal complement the content.
- The outlet's own sentences are claims asserted by ``"outlet"``; a sentence of two coordinated
  clauses that each have their own subject ("A did X, and B did Y") gives two claims.
- Each claim carries its span (``article.span``), subject / predicate / object from the
  dependency parse, its quantities, normalised times, places and entities, and negation.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from contextlib import contextmanager

from ..model import Article, Claim, Quote, Span
from ..nlp.annotate import parse, strip_title
from ..nlp.models import INITIALISM_END
from ..nlp.quotes import (REFLEXIVES, description_antecedent, is_title, opens_with_title,
                          pronoun_antecedent)
from ..lang import PIPELINE_LANGUAGES
from ..pipeline import article_stage
from .lexicon import DENIAL_LEMMAS

REPORTING_LEMMAS = {
    "say", "tell", "state", "claim", "announce", "report", "add", "insist", "deny", "confirm",
    "warn", "allege", "declare", "suggest", "write", "tweet", "post", "accuse", "assert",
    "argue", "concede", "acknowledge", "admit", "indicate", "note", "explain", "urge",
}
#: Sentences with fewer words than this are not claims (fragments, sign-offs).
MIN_CLAIM_WORDS = 5
#: Quoted content may be shorter ("It has failed.", "There is no counteroffensive").
MIN_QUOTE_WORDS = 3
#: Share of a sentence that quoted content must cover for the sentence to be reported speech
#: rather than the outlet's own statement.
QUOTE_COVER = 0.5
_PRONOUNS = {"he", "she", "they", "it", "we", "i"}
#: Words that make a claim uncertain (general English modals and hedging adverbs).
HEDGE_WORDS = frozenset({"may", "might", "could", "reportedly", "allegedly", "apparently",
                         "possibly", "probably", "likely", "perhaps", "purportedly",
                         "supposedly", "seemingly", "presumably"})


def _speaker_of(sent) -> tuple[str | None, object | None, tuple[int, int] | None]:
    """The party a sentence attributes its content to, the content's head token and the
    speaker phrase's character span, if it has a reporting verb or "according to"."""
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.nbor(1).lower_ == "to":
            pobj = [t for t in tok.nbor(1).children if t.dep_ == "pobj"]
            if pobj:
                return " ".join(t.text for t in pobj[0].subtree), None, _char_span(pobj[0])
    for tok in sent:
        if tok.pos_ == "VERB" and tok.lemma_ in REPORTING_LEMMAS and tok.dep_ in (
                "ROOT", "conj", "parataxis"):
            subj = [t for t in tok.children if t.dep_ in ("nsubj", "nsubjpass")]
            comp = [t for t in tok.children if t.dep_ in ("ccomp", "xcomp")]
            if subj:
                return (" ".join(t.text for t in subj[0].subtree), (comp[0] if comp else None),
                        _char_span(subj[0]))
    return None, None, None


_ORG = r"(?P<org>(?:[Tt]he\s+)?[A-Z][\w.&'’-]*(?:\s+(?:of\s+)?[A-Z][\w.&'’-]*){0,4})"
#: Sentences that relay another news organisation's reporting (general English phrasings).
RELAY_PATTERNS = tuple(re.compile(p) for p in (
    rf"according to (?:a |an |the )?(?:new |recent |earlier )?(?:report|reports|story|article|"
    rf"reporting|investigation)\s+(?:in|by|from|of)\s+{_ORG}",
    rf"{_ORG}\s+(?:is|was|has been|were|are)\s+reporting",
    rf"(?:as|first)\s+(?:first\s+)?reported\s+by\s+{_ORG}",
    rf"{_ORG}['’]s?\s+(?:report|reporting|story)\s+(?:that|said|says|claimed)",
    rf"{_ORG}\s+(?:first\s+)?reported\s+(?:that|on\b|earlier|last|this)",
))


def relayed_from(article: Article, start: int, end: int,
                 own: tuple[int, int] | None = None) -> str | None:
    """The news organisation a sentence relays ("The New York Times is reporting ...",
    "according to a report in The Washington Post"): the article's organisation entity of that
    name, else the capitalised name as written. A mention inside ``own`` (the span of the
    outlet's own statement) is no relay of it: "Moore lashed out after The Washington Post
    reported on a woman's claims" tells what Moore did, in the outlet's voice."""
    orgs = {e.name.lower(): e.name for e in article.entities if e.type == "organization"}
    found = (m for rx in RELAY_PATTERNS for m in rx.finditer(article.text, start, end)
             if own is None or not own[0] <= m.start() < own[1])
    for m in found:
        org = re.sub(r"^[Tt]he\s+", "", m.group("org")).strip()
        for low, name in orgs.items():
            if low.endswith(org.lower()) or org.lower().endswith(low):
                return name
        if len(org.split()) >= 2 or org.isupper():  # a name the entity stage did not type
            return org
    return None


def _char_span(tok) -> tuple[int, int]:
    """Character offsets of a token's phrase (its subtree)."""
    toks = list(tok.subtree)
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


class _Index:
    """An article's quantities, times, place and entity mentions sorted by where they start,
    and the entity each speaker name resolves to, made once per article: a claim reads its
    range by bisection, not by scanning the article (quadratic on long articles)."""

    def __init__(self, article: Article) -> None:
        self.values = sorted(article.quantities, key=lambda q: q.start)
        self.value_starts = [q.start for q in self.values]
        self.times = sorted(article.times, key=lambda t: t.start)
        self.time_starts = [t.start for t in self.times]
        self.places = sorted(((m.start, p.name) for p in article.places for m in p.mentions))
        self.place_starts = [m for m, _ in self.places]
        self.entities = sorted(((m.start, e.name) for e in article.entities for m in e.mentions))
        self.entity_starts = [m for m, _ in self.entities]
        self.names: dict[str, str | None] = {}

    @staticmethod
    def _range(starts: list[int], items: list, s: int, e: int) -> list:
        return items[bisect_left(starts, s):bisect_left(starts, e)]

    def values_in(self, s: int, e: int) -> list:
        return self._range(self.value_starts, self.values, s, e)

    def times_in(self, s: int, e: int) -> list:
        return self._range(self.time_starts, self.times, s, e)

    def places_in(self, s: int, e: int) -> list[str]:
        return sorted({n for _, n in self._range(self.place_starts, self.places, s, e)})

    def entities_in(self, s: int, e: int) -> list[str]:
        return sorted({n for _, n in self._range(self.entity_starts, self.entities, s, e)})


_INDEXES: dict[int, tuple[Article, _Index]] = {}


@contextmanager
def _indexed(article: Article):
    """Within this block (one claims-stage call), the article's :class:`_Index`: made once,
    never reused after (a later stage may change the article: its times once it is dated)."""
    _INDEXES[id(article)] = (article, _Index(article))
    try:
        yield
    finally:
        _INDEXES.pop(id(article), None)


def _scoped(article: Article) -> _Index | None:
    hit = _INDEXES.get(id(article))
    return hit[1] if hit is not None and hit[0] is article else None


def _named_entity(low: str, article: Article) -> str | None:
    """The first entity of the article one of whose names is ``low``, else the first one of
    whose names ends with it or that ``low`` ends with (:func:`_ends_with_name`): a surname two
    people share, kept apart as an entity of its own ("Zuma" beside "Jacob Zuma" and
    "Khulubuse Zuma"), is that entity, not the first full name."""
    index = _scoped(article)
    if index is not None and low in index.names:
        return index.names[low]
    names = [(e.name, {e.name.lower()} | {m.text.lower() for m in e.mentions}, e.type)
             for e in article.entities]
    found = next((name for name, ns, _ in names if low in ns), None) or next(
        (name for name, ns, kind in names if any(_ends_with_name(low, n, kind) or n.endswith(low)
                                                 for n in ns if len(n) > 3)), None)
    if index is not None:
        index.names[low] = found
    return found


#: An article opening a phrase ("the union", "a spokesman").
_ARTICLE = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)


def _resolve(name: str | None, article: Article, start: int) -> str | None:
    """Map a speaker phrase to the article's canonical entity name where one matches."""
    if not name:
        return None
    words = name.split()
    if len(words) > 1 and words[-1].lower() in REFLEXIVES:  # "the president himself"
        name = " ".join(words[:-1])
    described = description_antecedent(article, start, name)  # "the company"
    if described is not None:
        return described.name
    bare = strip_title(_ARTICLE.sub("", name))
    role = re.match(r"(?:for|of|at|from|with)\s+(?P<body>.+)", bare, flags=re.IGNORECASE)
    if role and bare != name:  # "a spokesman for the union": the body the title speaks for
        body = role.group("body")
        return _named_entity(_ARTICLE.sub("", body).lower(), article) or body
    low = bare.lower()
    if low in _PRONOUNS:
        # the quotes stage's resolver: the most salient earlier entity of a fitting kind
        ent = pronoun_antecedent(article, start, low)
        return ent.name if ent is not None else name
    return _named_entity(low, article) or bare


#: Prepositions after which a name is a modifier of the phrase, not who the phrase names.
_MODIFYING_PREPOSITIONS = frozenset({"in", "of", "from", "at", "for", "on", "near", "by",
                                     "with", "across", "outside", "inside", "over", "about",
                                     "against", "into", "between", "among", "around", "under",
                                     "through", "toward", "towards", "within", "during",
                                     "after", "before", "behind", "beyond", "amid"})


#: Prepositions after which a named body is where a thing comes from: the source of what a
#: work, datum or message says ("a study by the center", "data from the United Nations", "a
#: story on The Athletic", "information shared by the agency").
_SOURCE_PREPOSITIONS = frozenset({"by", "from", "on"})
#: Prepositions after which a named body is the one people work at or for, and speak for
#: ("investigators at the institute", "a lawyer for the company"); people "in" a body are
#: some of its members ("conservatives in the House"), not the body.
_AFFILIATION_PREPOSITIONS = frozenset({"at", "for", "with"})
#: Nouns of people, who speak for themselves however a body is named after them ("officials
#: interviewed by the paper", "lawmakers from the party").
_PEOPLE_NOUNS = frozenset({
    "official", "officials", "spokesman", "spokeswoman", "spokesperson", "source", "sources",
    "member", "members", "lawmaker", "lawmakers", "worker", "workers", "resident", "residents",
    "employee", "employees", "staff", "people", "person", "man", "woman", "men", "women",
    "analyst", "analysts", "researcher", "researchers", "expert", "experts", "executive",
    "executives", "lawyer", "lawyers", "attorney", "attorneys", "organiser", "organizer",
    "representative", "representatives", "delegate", "delegates", "investigator",
    "investigators", "doctor", "doctors", "witness", "witnesses", "aide", "aides", "adviser",
    "advisers", "advisor", "advisors", "leader", "leaders", "soldier", "soldiers", "officer",
    "officers", "activist", "activists", "student", "students", "voter", "voters"})


def _ends_with_name(phrase: str, name: str, kind: str | None = None) -> bool:
    """Whether ``phrase`` names ``name`` ("president obama"), not merely ends with it as a
    prepositional modifier ("dock workers in varna", "one of the republicans in the house of
    representatives"); people at, for or with a body speak for it. A person or body (``kind``)
    after a preposition of source names the party a work or datum comes from ("a study by the
    center", "data from the united nations"), unless people open the phrase ("officials
    interviewed by the times") or a participle governs it ("a video posted by the ministry":
    the video shows, no one says)."""
    if not phrase.endswith(name):
        return False
    before = phrase[: len(phrase) - len(name)].split()
    while before and before[-1] in ("the", "a", "an"):  # "republicans in the house"
        before.pop()
    if not before or before[-1] not in _MODIFYING_PREPOSITIONS:
        return True
    if before[-1] in _AFFILIATION_PREPOSITIONS and kind == "organization":
        return True  # "investigators at the institute" speak for it
    return (before[-1] in _SOURCE_PREPOSITIONS and kind in ("person", "organization")
            and not _PEOPLE_NOUNS & set(before)
            and not (len(before) > 1 and before[-2].endswith(("ed", "en"))))


def _quote_speaker(q: Quote, article: Article) -> str:
    if q.speaker_entity:
        ent = next((e for e in article.entities if e.id == q.speaker_entity), None)
        if ent is not None:
            return ent.name
    start = q.speaker_span.start if q.speaker_span else q.content_span.start
    return _resolve(q.speaker, article, start) or "outlet"


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    """Shrink a span past white space, quotation marks, dashes and joining punctuation, and
    past a conjunction it ends with (a quotation cut by its frame: “That would be the end
    for his government and,” he said)."""
    junk = " \t\n\"'“”‘’,:;—–-"
    while True:
        while s < e and text[s] in junk:
            s += 1
        while e > s and text[e - 1] in junk + "." and not (
                text[e - 1] == "." and INITIALISM_END.search(text, max(s, e - 12), e)):
            e -= 1
        # only the span's last few characters are searched: a long run of blanks inside
        # the span is never scanned again and again
        at = max(s, e - 5)
        m = _ENDING_LINK.search(text, at, e)
        if m is None or m.start() <= s:
            return s, e
        e = m.start()


#: A coordinating conjunction ending a span: the sentence goes on past it.
_ENDING_LINK = re.compile(r"\s(?:and|or|but|nor)$", re.IGNORECASE)
#: Words no English sentence ends with: a span ending with one was cut short (by a line break,
#: a link or a picture the page left out: "was watching the fireworks from the").
_CUT_SHORT = re.compile(r"\b(?:a|an|the|and|or|but|nor)\W*$", re.IGNORECASE)


def _cut_short(text: str) -> bool:
    return _CUT_SHORT.search(text) is not None


#: A conjunction left at the end of a content cut before the next quote's cue.
_TRAILING_LINK = re.compile(r"[\s,;]+(?:but|and|or|while|yet)?[\s,;]*$")


def quotes_by_sentence(article: Article, bounds: list[tuple[int, int]]) -> list[list[Quote]]:
    """For each sentence (start, end), in order, the article's quotes whose content overlaps it
    or whose cue starts in it, in the article's order: each sentence then reads only its own
    quotes (a scan of every quote per sentence made long articles quadratic)."""
    starts = [b[0] for b in bounds]
    out: list[list[Quote]] = [[] for _ in bounds]
    for q in article.quotes:
        spans = [(q.content_span.start, q.content_span.end)]
        if q.cue_span:
            spans.append((q.cue_span.start, q.cue_span.start + 1))
        hit: set[int] = set()
        for a, b in spans:
            k = max(0, bisect_right(starts, a) - 1)
            while k < len(bounds) and bounds[k][0] < b:
                if bounds[k][1] > a:
                    hit.add(k)
                k += 1
        for k in sorted(hit):
            out[k].append(q)
    return out


def _quote_spans(article: Article, sent, quotes: list[Quote] | None = None
                 ) -> list[tuple[int, int, str, tuple | None]]:
    """Content spans (clipped to the sentence) and speakers of the quotes in one sentence.

    In "X said that Y" the content runs to the end of the sentence; when a quote stage cut it
    short ("the counteroffensive ... [has failed]"), it is extended to the sentence end, or to
    the cue of the sentence's next quote ("welcomed the vote but said they had not been
    consulted" is two statements)."""
    s0, e0 = sent.start_char, sent.end_char
    quotes = article.quotes if quotes is None else quotes
    denies: dict[tuple[int, int], bool] = {}
    # where a quote's frame begins: its cue, and its speaker named before the cue
    framed = [q for q in quotes if q.cue_span and s0 <= q.cue_span.start < e0]
    cues = sorted([q.cue_span.start for q in framed] + [
        q.speaker_span.start for q in framed
        if q.speaker_span and q.speaker_span.start < q.cue_span.start])
    out = []
    for q in quotes:
        cs, ce = q.content_span.start, q.content_span.end
        if ce <= s0 or cs >= e0:
            continue
        cs, ce = max(cs, s0), min(ce, e0)
        cue_end = q.cue_span.end if q.cue_span else None
        cue = q.cue_span and sent.doc.char_span(q.cue_span.start, q.cue_span.end,
                                                alignment_mode="expand")
        if cue_end is not None and cue_end <= cs and not q.direct:
            nxt, found = next((c for c in cues if c >= ce), None), ce
            ce = e0 if nxt is None else cs + len(_TRAILING_LINK.sub("", article.text[cs:nxt]))
            if cue:  # what the cue reports is in its clause: "after Democrats had called for
                # investigations, the office took ...": not the sentence's main clause
                edge = cue.root.right_edge
                ce = max(min(ce, edge.idx + len(edge.text)), found)
        cs, ce = _trim(article.text, cs, ce)
        if ce <= cs:
            continue
        if q.direct:
            cs = _with_antecedent(sent, cs, ce)
        lemma = cue.root.lemma_.lower() if cue else ""
        if not (q.direct or _clausal(sent.doc, cs, ce) or cue and _characterises(cue.root)):
            continue  # "rejected a subpoena for documents": an act the outlet tells
        sp = (q.speaker_span.start, q.speaker_span.end) if q.speaker_span else None
        out.append((cs, ce, _quote_speaker(q, article), sp))
        denies[(cs, ce)] = lemma in DENIAL_LEMMAS
    # Keep the outermost of nested quotes ("according to a video ..., troops claim control"),
    # but not a denial's: in "denied a report that said X", X is the report's claim, and the
    # denial is read by the disputes stage
    out.sort(key=lambda x: (x[0], -x[1]))
    denying = [denies.get((cs, ce), False) for cs, ce, _, _ in out]
    kept: list[tuple[int, int, str, tuple | None]] = []
    for k, (cs, ce, sp, where) in enumerate(out):
        if kept and cs >= kept[-1][0] and ce <= kept[-1][1]:
            continue
        if denying[k] and any(a >= cs and b <= ce and (a, b) != (cs, ce)
                              for a, b, _, _ in out):
            continue
        kept.append((cs, ce, sp, where))
    return kept


#: Relative pronouns that stand for a relative clause's noun as its subject.
_RELATIVE_SUBJECTS = frozenset({"that", "which", "who"})


def _relative_head(doc, s: int, e: int) -> str | None:
    """The noun a party's reported words are about when their subject is the gap of a relative
    clause ("an alleged incident she said took place between her and the producer", "the
    footage that she says has taken her 15 years to get"): the cue verb is the relative
    clause's, and the words' verb has no subject of its own but the relative pronoun before
    them. The noun's phrase without the relative clause ("an alleged incident") is supplied in
    brackets when the words are told alone, as a shared subject is."""
    span = doc.char_span(s, e, alignment_mode="expand")
    if span is None or not len(span):
        return None
    root = span.root
    cue = root.head
    if root.dep_ != "ccomp" or cue.dep_ != "relcl" or not root.tag_.startswith("VB"):
        return None
    subjects = [c for c in root.children
                if c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj", "csubjpass")]
    if any(c.idx >= s or c.lower_ not in _RELATIVE_SUBJECTS for c in subjects):
        return None
    # a finite verb, or one with its auxiliary in the words ("has taken", "are violating")
    if root.tag_ in ("VBN", "VBG", "VB") and not any(
            c.dep_ in ("aux", "auxpass") and c.idx >= s for c in root.children):
        return None
    noun = cue.head
    if noun.pos_ not in ("NOUN", "PROPN") or noun.idx >= s:
        return None
    words = [t for t in noun.subtree if t.i <= noun.i and t.dep_ != "punct"]
    return " ".join(t.text for t in words) or None


def _with_antecedent(sent, cs: int, ce: int) -> int:
    """Where a quotation that is a relative clause's predicate starts, with the noun it says
    something of: in 'store managers who "are alleged to be both discriminators and victims"'
    the speaker's words are about the managers, and the claim names them."""
    first = next((t for t in sent if t.idx >= cs and not t.is_punct), None)
    if first is None or first.idx + len(first.text) > ce or first.pos_ not in ("VERB", "AUX"):
        return cs
    verb = first if first.dep_ == "relcl" else first.head
    # the relative pronoun is the subject ("managers who ..."), not another noun ("the first
    # time that he had “been soft”": the quotation is about him, not the time)
    if verb.dep_ != "relcl" or any(c.dep_ in ("nsubj", "nsubjpass")
                                   and (c.idx >= cs or c.tag_ not in ("WP", "WDT"))
                                   for c in verb.children):
        return cs
    noun = verb.head
    if noun.idx >= cs or noun.pos_ not in ("NOUN", "PROPN"):
        return cs
    return noun.left_edge.idx


#: Verbs that name or characterise what they take as object ("called the bill a power grab",
#: "what he called the 'phony theology' of Mr. Obama's agenda"): the object is a statement of
#: the speaker's even without a verb.
NAMING_LEMMAS = frozenset({"call", "describe", "label", "brand", "term", "dub",
                           "characterize", "characterise"})


def _characterises(verb) -> bool:
    """Whether a verb says what its object is: a verb of naming ("called the bill a power
    grab"), or an object given a predicate by "as" ("dismissed Obama's politics as being based
    in 'some phony theology'", "described the ad as dishonest")."""
    if any(c.dep_ == "oprd" for c in verb.children):
        return True
    # naming takes an object: "called for investigations" urges, it names nothing
    if verb.lemma_.lower() in NAMING_LEMMAS and any(c.dep_ == "dobj" for c in verb.children):
        return True
    return any(c.dep_ == "prep" and c.lower_ == "as" for c in verb.children) or any(
        c.dep_ == "prep" and c.lower_ == "as" for o in verb.children if o.dep_ == "dobj"
        for c in o.children)


def _clausal(doc, start: int, end: int) -> bool:
    """Whether reported content states something (its head is a finite verb): "that the port
    would reopen", not the object of a stance or an act ("condemned the test", "rejected a
    subpoena for documents, citing the Fifth Amendment") nor what a speaker urged others to do
    ("urged members to vote against the bill"), which the outlet's sentence states as an act
    of the speaker's."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return True
    root = span.root
    # "urged members to vote": what others are to do; "promised to repay" is the speaker's
    # own commitment, a statement of theirs
    directive = (root.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to"
                                           for c in root.children)
                 and not any(c.dep_ in ("nsubj", "nsubjpass") for c in root.children)
                 and any(c.dep_ == "dobj" and c.i < root.i for c in root.head.children))
    return root.pos_ in ("VERB", "AUX") and not directive


def _clauses(sent) -> list[tuple[int, int]]:
    """Character spans of the coordinated clauses of a sentence that have their own subject."""
    root = sent.root
    cuts = []
    for conj in root.children:
        if conj.dep_ == "conj" and conj.pos_ in ("VERB", "AUX") and any(
                c.dep_ in ("nsubj", "nsubjpass", "expl") for c in conj.children):
            left = min(t.i for t in conj.subtree)
            cc = [t for t in root.children if t.dep_ == "cc" and t.i < left]
            cut = cc[-1].i if cc else left
            if cut > sent.start:
                cuts.append((cut, left))
    if not cuts:
        return [(sent.start_char, sent.end_char)]
    doc = sent.doc
    spans, start = [], sent.start_char
    for cut, left in sorted(cuts):
        spans.append((start, doc[cut].idx))
        start = doc[left].idx
    spans.append((start, sent.end_char))
    return spans


def _make_claim(article: Article, doc, n: int, s: int, e: int, asserted_by: str,
                speaker: tuple[int, int] | None = None) -> Claim | None:
    s, e = _trim(article.text, s, e)
    text = article.text[s:e]
    if e <= s:
        return None
    span = doc.char_span(s, e, alignment_mode="expand")
    if span is None:
        return None
    root = span.root
    subj = next((t for t in root.children if t.dep_ in ("nsubj", "nsubjpass")), None)
    obj = next((t for t in root.children if t.dep_ in ("dobj", "attr", "ccomp", "xcomp",
                                                       "acomp")), None)
    by = next((t for t in root.children if t.dep_ == "agent"), None)
    if obj is None:
        obj = by
    passive = subj is not None and subj.dep_ == "nsubjpass"
    agent_tok = (next((t for t in by.children if t.dep_ == "pobj"), None) if by is not None
                 else None) if passive else subj
    theme_tok = subj if passive else next((t for t in root.children if t.dep_ == "dobj"), None)
    head = root
    act = _cleft_act(root)
    if act is not None:  # "We are the ones who have not cut the budget": the act is "cut"
        head = act
        theme_tok = next((t for t in act.children if t.dep_ == "dobj"), None)
    hedge = next((t.lower_ for t in span if t.lower_ in HEDGE_WORDS), None)
    negated = any(t.dep_ == "neg" for t in span) or bool(
        re.search(r"\b(no|never|not|n't|neither|nor)\b", text, re.IGNORECASE))
    index = _scoped(article) or _Index(article)
    ents = index.entities_in(s, e)
    return Claim(
        id=f"{article.id}:c{n}", article=article.id, text=text,
        span=article.span(s, e, "claims"),
        subject=" ".join(t.text for t in subj.subtree) if subj is not None else None,
        predicate=head.lemma_,
        object=" ".join(t.text for t in obj.subtree) if obj is not None else None,
        negated=negated,
        values=index.values_in(s, e),
        times=[t.value for t in index.times_in(s, e) if t.value],
        places=index.places_in(s, e),
        entities=ents, asserted_by=asserted_by or "outlet",
        speaker_span=(article.span(*speaker, "claims") if speaker and asserted_by != "outlet"
                      else None),
        agent=_phrase(agent_tok), theme=_phrase(theme_tok),
        polarity="negative" if _negative(head) else "positive",
        hedge=hedge,
        relayed_from=relayed_from(article, *_sentence_bounds(span),
                                  own=(s, e) if asserted_by in ("outlet", None, "") else None),
    )


def _sentence_bounds(span) -> tuple[int, int]:
    sent = span[0].sent
    return sent.start_char, sent.end_char


def _cleft_act(root):
    """The act a copular sentence says its subject did or does through a relative clause on
    its complement ("We're the ones who are not raiding Medicare", "She was the one who
    signed the order"): the clause's verb, whose subject is the relative pronoun. None for
    any other sentence."""
    if root.lemma_ != "be" or any(c.dep_ == "expl" for c in root.children):
        return None  # "There is no crisis that justifies ...": what exists, not who acts
    for attr in root.children:
        if attr.dep_ != "attr" or attr.pos_ not in ("NOUN", "PRON", "NUM") or any(
                d.dep_ == "det" and d.lower_ == "no" for d in attr.children):
            continue
        for rel in attr.children:
            if rel.dep_ == "relcl" and rel.pos_ in ("VERB", "AUX") and any(
                    c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("who", "that", "which")
                    for c in rel.children):
                return rel
    return None


def _negative(root) -> bool:
    """Whether a clause is negated: "not" on its head, or "no" on its subject or complement
    ("There is no national emergency", "No date is set")."""
    if any(c.dep_ == "neg" for c in root.children):
        return True
    return any(c.dep_ in ("nsubj", "nsubjpass", "attr", "dobj", "expl")
               and any(d.dep_ == "det" and d.lower_ == "no" for d in c.children)
               for c in root.children)


def _phrase(tok) -> str | None:
    return " ".join(t.text for t in tok.subtree) if tok is not None else None


def _words(text: str) -> int:
    return len(re.findall(r"\w+", text))


def sentence_claims(article: Article, doc, sent, quotes: list[Quote] | None = None
                    ) -> list[tuple[int, int, str, tuple | None]]:
    """(start, end, asserted_by, speaker span or None) of the atomic claims of one sentence;
    ``quotes``: the sentence's quotes (:func:`quotes_by_sentence`), else all the article's."""
    s0, e0 = sent.start_char, sent.end_char
    quoted = _quote_spans(article, sent, quotes)
    covered = sum(ce - cs for cs, ce, _, _ in quoted)
    if quoted and covered >= QUOTE_COVER * (e0 - s0):
        return [q for q in quoted if _words(article.text[q[0]:q[1]]) >= MIN_QUOTE_WORDS]
    if not article.quotes:
        speaker, content, where = _speaker_of(sent)
        if speaker:
            who = _resolve(speaker, article, s0) or "outlet"
            if content is not None:
                toks = list(content.subtree)
                return [(toks[0].idx, toks[-1].idx + len(toks[-1].text), who, where)]
            return [(s0, e0, who, where)]
    out = [q for q in quoted if _words(article.text[q[0]:q[1]]) >= MIN_QUOTE_WORDS]
    if not out:
        return [(cs, ce, "outlet", None) for cs, ce in _clauses(sent)]
    return out + _own_clauses(article, sent, quoted, quotes)


def _own_clauses(article: Article, sent, quoted, quotes: list[Quote] | None = None
                 ) -> list[tuple[int, int, str, None]]:
    """The outlet's own clauses of a sentence that also reports speech: a coordinated clause
    with neither a quotation nor its cue ("Clinton did not have a government address during
    her tenure, and The Times reports that her aides ..."), and a clause whose head is neither
    reported nor a reporting verb, the speech standing in a subordinate clause ("The committee
    is preparing subpoenas after Flynn denied a request to ...")."""
    s0, e0 = sent.start_char, sent.end_char
    cues = [(q.cue_span.start, q.cue_span.end)
            for q in (article.quotes if quotes is None else quotes)
            if q.cue_span and s0 <= q.cue_span.start < e0]
    reported = [(cs, ce) for cs, ce, _, _ in quoted] + cues + [
        w for _, _, _, w in quoted if w is not None]
    heads = [sent.root] + [c for c in sent.root.children if c.dep_ == "conj"
                           and c.pos_ in ("VERB", "AUX")]
    out = []
    for cs, ce in _clauses(sent):
        head = next((h for h in heads if cs <= h.idx < ce), None)
        if head is None or head.lemma_ in REPORTING_LEMMAS:
            continue
        if any(a <= head.idx < b for a, b in reported):  # the clause is the speech itself
            continue
        # the clause's head must govern the speech from a subordinate clause, not frame it
        framing = any(cs <= a < ce and _frames(sent, head, a) for a, _ in cues)
        if not framing:
            out.append((cs, ce, "outlet", None))
    return out


def _frames(sent, head, at: int) -> bool:
    """Whether the cue token at character ``at`` introduces the clause headed by ``head`` as
    speech: a reporting verb the head hangs from, or one attached to the head directly as a
    parenthetical ("..., he said", "as he said") or an "according to" phrase; a cue further
    down (a subordinate clause's verb) reports only its own clause."""
    tok = next((t for t in sent if t.idx == at), None)  # the sentence's tokens only
    if tok is None:
        return True
    if tok in head.ancestors:
        return True
    if tok.head.i != head.i:  # deeper: speech inside a subordinate clause of the head
        return False
    if tok.dep_ == "advcl":  # "as he said" frames; "after he denied" does not
        return any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children)
    return tok.dep_ in ("parataxis", "prep", "ccomp")


def _fragment(sent) -> bool:
    """A subordinate clause standing alone ("While meeting his counterpart in Saint Petersburg
    for talks.": a participle with a subordinator and neither subject nor auxiliary) or a
    passive participle opening with "Being" and no subject ("Being stopped by police units who
    also shot dead the driver."): it states nothing by itself."""
    root = sent.root
    deps = {c.dep_ for c in root.children}
    if root.tag_ not in ("VBG", "VBN") or deps & {"nsubj", "nsubjpass", "expl", "csubj"}:
        return False
    # "Being stopped by police units who also shot dead the driver.": a participle opening
    # the sentence with no subject, a scraped caption or a sentence cut from its subject
    first = next((t for t in sent if not t.is_punct), None)
    return ("mark" in deps and not deps & {"aux", "auxpass"}) or (
        first is not None and first.tag_ == "VBG" and first.dep_ in ("auxpass", "aux")
        and first.head.i == root.i)


def embedded_facts(sent) -> list[tuple[int, int, object]]:
    """(start, end, verb) of the facts a sentence states inside a noun phrase: a noun with its
    relative or participial clause ("The For The People Act, which passed 234-193";
    "a lawsuit involving 1.5 million women"). Outlets often state the same fact once as a
    sentence and once inside another one; the phrase is the span that carries it."""
    out = []
    for tok in sent:
        if tok.dep_ not in ("relcl", "acl") or tok.pos_ not in ("VERB", "AUX"):
            continue
        if tok.lemma_ in REPORTING_LEMMAS:  # "..., which the company denied": speech, not a fact
            continue
        head = tok.head
        if head.pos_ not in ("NOUN", "PROPN") or head.i == sent.root.i:
            continue
        if (tok.dep_ == "relcl" and head.dep_ == "pobj" and head.head.lower_ == "as"
                and head.head.head.pos_ == "NOUN"
                and not any(c.lower_ in ("who", "whom", "whose") for c in tok.children)):
            # "her tenure as America's top diplomat, which lasted ...": a role names no thing
            # that lasts or happens; the clause is about the noun the role is of
            head = head.head.head
        left, right = head.left_edge, tok.right_edge
        if left.i < sent.start or right.i >= sent.end:
            continue
        out.append((left.idx, right.idx + len(right.text), tok))
    return out


#: A clause of a sentence claim is a fact of its own only when it leaves out this much of the
#: sentence at least: what is left is no shorter statement.
CLAUSE_SHARE = 0.8
#: Words that open an adverbial clause stating a fact of its own ("after it passed in the
#: Senate in June", "because he misled Vice President Mike Pence"); a condition ("if", "unless")
#: or a purpose ("so that") states none.
FACT_MARKERS = frozenset({"after", "because", "since", "when", "while", "as", "before",
                          "although", "though", "whereas"})


#: Part-of-speech tags of the words that open an indirect question ("when she did it").
_WH_TAGS = frozenset({"WDT", "WP", "WP$", "WRB"})
#: Words that join clauses, never the edge of one.
_LINKS = frozenset({"and", "or", "but", "nor", "while", "yet"})


def _verbal(tok) -> bool:
    return tok.pos_ in ("VERB", "AUX")


#: Verbs of saying that state nothing without what was said.
_SAYING = frozenset({"say", "tell", "add", "write", "tweet", "note", "explain", "reply"})
#: A frame of saying is told in a few words ("Perry told The Washington Post"); longer spans
#: with such a root carry content the parse did not attach as a clause.
BARE_SPEECH_WORDS = 8


def _bare_speech(doc, s: int, e: int) -> bool:
    """A span that is only the frame of a quotation whose words stand in another sentence
    ("“... this is the first time I’ve ever seen this,’ ” Perry told The
    Washington Post."; "Bezos wrote via Twitter"): a verb of saying, not negated, with no
    auxiliary, no clause of what was said and no object but its addressee or a pronoun. No
    statement."""
    span = doc.char_span(s, e, alignment_mode="expand")
    if span is None or len(span) == 0 or _words(span.text) > BARE_SPEECH_WORDS:
        return False
    root = span.root
    if root.lemma_ not in _SAYING:
        return False
    # a quoted title the parser read as a clause ("said on CBS' "Face the Nation."") says nothing
    kids = [c for c in root.children if not (c.dep_ == "ccomp" and opens_with_title(c))]
    # what was said, a negation ("I didn't say anything" is a statement), an auxiliary ("could
    # have said this", "has been added"), or a thing said or added ("added the hashtag")
    return not any(
        c.dep_ in ("ccomp", "xcomp", "parataxis", "advcl", "conj", "acomp", "attr", "neg",
                   "aux", "auxpass", "nsubjpass")
        or (c.dep_ == "dobj" and root.lemma_ != "tell" and c.pos_ != "PRON") for c in kids)


def _asked(doc, s: int, e: int) -> bool:
    """A span that is one clause opened by the question word it turns on, what a party
    "reiterated" or "explained" without the words ("what happened in London", "why she
    resigned"): a topic, no statement. "What he did was wrong" is one, and so is what a party
    "termed a barbaric attack" or "described as ...": it names the thing."""
    span = doc.char_span(s, e, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    first = next((t for t in span if not t.is_punct), None)
    root = span.root
    if first is None or first.tag_ not in _WH_TAGS or root.pos_ not in ("VERB", "AUX"):
        return False
    # the question word bears on the root, maybe through its phrase ("how much consumers were
    # harmed"), not through a clause of its own ("What he did was wrong")
    up = first.head
    while up != root and up.head != up and up.pos_ not in ("VERB", "AUX"):
        up = up.head
    return up == root and not any(c.dep_ == "oprd" or (c.dep_ == "prep" and c.lower_ == "as")
                                  for c in root.children)


#: What opens a question a party is reported asking ("Okafor asked whether the board had
#: waited two years").
_WHETHER = re.compile(r"whether\b", re.IGNORECASE)


def _quoted(quotes: list[Quote], s: int, e: int) -> bool:
    """Whether ``[s, e)`` lies inside a direct quotation of the sentence: a question a party
    is quoted asking, in its own words."""
    return any(q.direct and q.content_span.start <= s and e <= q.content_span.end
               for q in quotes)


def _question(text: str) -> bool:
    """A question, also inside closing quotation marks or brackets ("Why now?”", "[What
    are the Panama Papers?]"): no statement of fact."""
    return text.rstrip().rstrip("\"'”’)]").endswith("?")


def asks(text: str) -> bool:
    """Whether a claim's words are a question rather than a statement: a direct question or a
    clause opened by "whether" (the words of the claims flagged ``question``)."""
    return _question(text) or _WHETHER.match(text) is not None


def _subject_of(verb):
    """The subject of a verb, or of the verb it is coordinated with ("Flynn invoked ... and
    refused ...": Flynn)."""
    while verb is not None:
        subj = next((t for t in verb.children if t.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None and _participial_fact(verb):  # "he resigned after admitting ...": he
            verb = verb.head.head
            continue
        if subj is not None or verb.dep_ != "conj" or not _verbal(verb.head):
            return subj
        verb = _coordinated_with(verb)
    return None


def _coordinated_with(verb):
    """The verb a coordinated verb goes with: its head, or past a comment clause the parser
    took for it ("would end the port as we know it and shift costs": end, not know)."""
    head = verb.head
    return head.head if _comment_clause(head) and _verbal(head.head) else head


def _participial_fact(tok) -> bool:
    """A participle after a preposition of ``FACT_MARKERS`` with no subject of its own,
    sharing the subject of the verb it modifies ("registered as a foreign agent after being
    forced out of the administration"; "resigned after admitting he had lied")."""
    return (tok.dep_ == "pcomp" and tok.tag_ in ("VBG", "VBN") and tok.head.dep_ == "prep"
            and tok.head.lower_ in FACT_MARKERS and _verbal(tok.head.head)
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children))


#: Verbs of a speaker's knowing or wording in a comment clause opened by "as" ("as we know
#: it", "as I see it", "as she put it"): a manner of speaking, no fact of its own.
_COMMENT_LEMMAS = frozenset({"know", "see", "understand", "put", "say", "call", "describe",
                             "expect", "note", "report"})


def _comment_clause(tok) -> bool:
    """"as we know it", "as she put it", "as expected": a clause opened by "as" whose verb of
    knowing or wording takes back what the sentence says ("it", or nothing)."""
    return (tok.lemma_ in _COMMENT_LEMMAS
            and any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children)
            and all(c.lower_ in ("it", "this", "that") for c in tok.children
                    if c.dep_ in ("dobj", "ccomp", "attr", "xcomp")))


def _adverbial_fact(tok) -> bool:
    """An adverbial clause with its own subject, opened by a word of ``FACT_MARKERS``, that is
    no comment on the sentence's own words (``_comment_clause``)."""
    return (tok.dep_ == "advcl" and _verbal(tok)
            and any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)
            and any(c.dep_ == "mark" and c.lower_ in FACT_MARKERS for c in tok.children)
            and not _comment_clause(tok))


def _indirect_question(verb) -> bool:
    """A clause opened by a question word that asks ("understand what the secretary did, when
    she did it"), which the parser may read as a complement or an adverbial clause: anything
    but a relative clause ("in June, when a rocket will carry ...") that states a fact."""
    first = verb
    while first.dep_ == "conj" and _verbal(first.head):
        first = first.head
    return first.dep_ != "relcl" and any(
        c.tag_ in _WH_TAGS and c.i < verb.i for c in verb.children)


def clause_facts(sent) -> list[tuple[int, int, object]]:
    """(start, end, verb) of the clauses a sentence joins, each a fact of its own: coordinated
    verb phrases ("It institutes a public financing system ..., requires presidential
    candidates to disclose tax returns and makes Election Day a federal holiday"; "proposals
    designating Election Day as a federal holiday, ... and restoring voting rights to ...") and
    an adverbial clause with its own subject ("after it passed in the Senate in June"). Outlets
    state one of them in a sentence of its own or inside another list; the clause is the span
    that carries it. A reported speech act ("said", "told") is no fact of this kind."""
    out = []
    for tok in sent:
        if not _verbal(tok) or tok.lemma_ in REPORTING_LEMMAS or _comment_clause(tok):
            continue
        conj_kids = [c for c in tok.children if c.dep_ == "conj" and _verbal(c)]
        coordinated = tok.dep_ == "conj" and _verbal(tok.head)
        adverbial = _adverbial_fact(tok) or _participial_fact(tok)
        if not (conj_kids or coordinated or adverbial):
            continue
        drop = set()
        # an adverbial clause opens at its word ("since"): what the parser hangs on it before
        # that word belongs to the sentence ("In her first comments since the House refused")
        opens = min((c.i for c in tok.children if c.dep_ == "mark"), default=-1) if (
            adverbial) else -1
        for c in tok.children:  # each clause once: coordinated and adverbial ones apart
            if c in conj_kids or (c.dep_ == "cc" and conj_kids) or (
                    adverbial and c.dep_ == "mark") or _adverbial_fact(c) or c.i < opens:
                drop.update(t.i for t in c.subtree)
        if tok.i == sent.root.i:  # the sentence's own verb: its clause without ", he said"
            drop.update(t.i for c in tok.children if c.dep_ == "parataxis" for t in c.subtree)
        kept = [t for t in tok.subtree if t.i not in drop and sent.start <= t.i < sent.end]
        while kept and (kept[-1].is_punct or kept[-1].dep_ == "cc" or kept[-1].lower_ in _LINKS):
            kept.pop()
        while kept and (kept[0].is_punct or kept[0].dep_ == "cc" or kept[0].lower_ in _LINKS
                        or (kept[0].dep_ == "mark" and kept[0].lower_ == "that")):
            kept.pop(0)  # "(determined that ...) and that it broke up": the clause is the rest
        if not kept or any(kept[k + 1].i != kept[k].i + 1 for k in range(len(kept) - 1)):
            continue  # not one stretch of words
        if not adverbial and _indirect_question(tok):
            continue  # "(what she did) and when she did it": a question asked, no fact
        out.append((kept[0].idx, kept[-1].idx + len(kept[-1].text), tok))
        first = _list_opening(sent, tok) if conj_kids else None
        if first is not None:
            out.append((first.left_edge.idx, first.right_edge.idx + len(first.right_edge.text),
                        first))
    return out


def _list_opening(sent, tok):
    """The first item of a list of participles the parser hung apart from the rest: in
    "proposals designating Election Day as a federal holiday, automatically registering
    citizens to vote, and restoring voting rights to ..." the first participle may modify the
    noun while the others are read as one coordination under the main verb. The item is a
    participle of the same form ending just before the comma that opens ``tok``'s clause,
    outside it, one stretch of words, with no coordination of its own."""
    comma = tok.left_edge.i - 1
    if tok.tag_ not in ("VBG", "VBN") or comma <= sent.start or sent.doc[comma].text != ",":
        return None
    for cand in sent:
        if (cand.tag_ == tok.tag_ and cand.dep_ in ("acl", "advcl", "xcomp")
                and cand.right_edge.i == comma - 1 and cand.i < tok.i
                and tok not in cand.subtree and sent.start <= cand.left_edge.i
                and not any(c.dep_ == "conj" for c in cand.children)):
            return cand
    return None


#: Nouns of a statement whose "that" clause says what was stated ("its claim that ...",
#: "lob charges that ...").
CLAIM_NOUNS = frozenset({"claim", "charge", "allegation", "accusation", "assertion",
                         "contention", "argument", "insistence", "suggestion", "warning"})
#: Verbs of making a statement, whose subject states what the statement's noun says
#: ("Democrats lob charges that ...", "the union repeated its claim that ...").
MAKING_LEMMAS = frozenset({"make", "lob", "level", "repeat", "reiterate", "renew", "press",
                           "voice", "raise", "float", "advance", "push"})


def stated_claims(sent) -> list[tuple[int, int, object, object]]:
    """(start, end, verb, party) of what a sentence says a party claims in a noun's clause:
    "Democrats lob charges that Ryan stands for ending Medicare" (Democrats: Ryan stands for
    ...), "Mr. Varga's assertion that the pumps were sound" (Varga). The party is the noun's
    possessor, else the subject of a verb of making it; a claim no one is said to make ("amid
    allegations that ...") and one a party is said to reject ("rejected the claim that ...")
    name no party here."""
    out = []
    for tok in sent:
        if tok.dep_ != "acl" or not _verbal(tok) or tok.head.lemma_.lower() not in CLAIM_NOUNS:
            continue
        mark = next((c for c in tok.children if c.dep_ == "mark" and c.lower_ == "that"), None)
        if mark is None:
            continue
        noun = tok.head
        party = next((c for c in noun.children if c.dep_ == "poss"), None)
        if (party is None or party.tag_ == "PRP$") and noun.dep_ == "dobj" and (
                noun.head.lemma_ in MAKING_LEMMAS):  # "the union repeated its claim"
            party = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
        if party is None or party.tag_ in ("PRP", "PRP$"):
            continue  # a pronoun: who it stands for is not read here
        words = [t for t in tok.subtree if t.i > mark.i]
        if not words or words[-1].i >= sent.end:
            continue
        out.append((words[0].idx, words[-1].idx + len(words[-1].text), tok, party))
    return out


def _embedded_claim(article: Article, doc, n: int, s: int, e: int, verb,
                    parent: Claim | None) -> Claim | None:
    """The claim of one embedded fact: its own span, the clause's verb as predicate, the
    containing claim's speaker; with no containing claim (a fact told in the frame of a
    quotation: "..., says the letter, which the faculty sent to Mr. Ryan with a copy of the
    Compendium"), the outlet's own."""
    claim = _make_claim(article, doc, n, s, e, parent.asserted_by if parent else "outlet",
                        None if parent is None or parent.speaker_span is None
                        else (parent.speaker_span.start, parent.speaker_span.end))
    if claim is None:
        return None
    head = verb.head
    head_words = [t for t in head.subtree if t.i < verb.left_edge.i or t.i > verb.right_edge.i]
    dobj = next((t for t in verb.children if t.dep_ == "dobj"), None)
    return claim.model_copy(update={
        "id": f"{article.id}:c{n}", "predicate": verb.lemma_, "noun_phrase": True,
        "part_of": parent.id if parent is not None else None,
        "subject": " ".join(t.text for t in head_words).strip(" ,") or None,
        "agent": _phrase(head) if verb.dep_ == "relcl" else None,
        "theme": _phrase(dobj), "polarity": "negative" if _negative(verb) else "positive",
        "negated": _negative(verb)})


def _clause_claim(article: Article, doc, n: int, s: int, e: int, verb,
                  parent: Claim) -> Claim | None:
    """The claim of one clause of a sentence claim: its own span, the clause's verb as
    predicate, the subject it states or shares with the verb it is coordinated with, the
    containing claim's speaker."""
    claim = _make_claim(article, doc, n, s, e, parent.asserted_by,
                        None if parent.speaker_span is None
                        else (parent.speaker_span.start, parent.speaker_span.end))
    if claim is None:
        return None
    subj = _subject_of(verb)
    passive = subj is not None and subj.dep_ == "nsubjpass"
    dobj = next((t for t in verb.children if t.dep_ == "dobj"), None)
    # "did not vote or speak": a coordinated verb with no subject or auxiliary of its own
    # shares the negation of the verb it is coordinated with
    # a finite verb ("was barred ... and had its imports capped") borrows nothing
    borrows = verb.dep_ == "conj" and verb.tag_ in ("VB", "VBN", "VBG") and not any(
        c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in verb.children)
    negative = _negative(verb) or (borrows and _negative(verb.head))
    lead = None
    # a participle's subject is its sentence's, but "[it] landing in the Pacific" is no
    # English: such a clause is told by another outlet's statement or by its sentence
    if subj is not None and not s <= subj.idx < e and not _participial_fact(verb):
        first = verb
        while first.dep_ == "conj" and _verbal(first.head):
            first = _coordinated_with(first)
        words = [*subj.subtree]
        if borrows:
            words += [c for c in first.children
                      if c.dep_ in ("aux", "auxpass", "neg") and c.i < first.i]
        lead = " ".join(t.text for t in sorted(words, key=lambda t: t.i))
    return claim.model_copy(update={
        "shared": lead, "predicate": verb.lemma_, "part_of": parent.id,
        "subject": _phrase(subj), "agent": None if passive else _phrase(subj),
        "theme": _phrase(subj) if passive else _phrase(dobj),
        "polarity": "negative" if negative else "positive", "negated": negative})


def extract_claims(article: Article) -> list[Claim]:
    with _indexed(article):
        return _extract_claims(article)


def _extract_claims(article: Article) -> list[Claim]:
    doc = parse(article)
    claims: list[Claim] = []
    n = 0
    sents = list(doc.sents)
    by_sentence = quotes_by_sentence(article, [(x.start_char, x.end_char) for x in sents])
    for sent, sent_quotes in zip(sents, by_sentence):
        text = sent.text.strip()
        # a question in the outlet's own voice states nothing; one a party is quoted asking
        # is kept as what that party asked, and nothing else of its sentence
        in_question = _question(text)
        if (in_question and not sent_quotes) or not any(t.pos_ in ("VERB", "AUX")
                                                        for t in sent):
            continue
        if _fragment(sent):
            continue
        made: list[Claim] = []
        for s, e, who, where in sentence_claims(article, doc, sent, sent_quotes):
            piece = article.text[s:e]
            limit = MIN_QUOTE_WORDS if who != "outlet" else MIN_CLAIM_WORDS
            asked = who != "outlet" and (_question(piece) and _quoted(sent_quotes, s, e)
                                         or _WHETHER.match(piece) is not None)
            if (_words(piece) < limit or (in_question or _question(piece)) and not asked
                    or _cut_short(piece) or _bare_speech(doc, s, e)
                    or (_asked(doc, s, e) and not asked)
                    or (who != "outlet" and is_title(piece))):
                continue
            claim = _make_claim(article, doc, n, s, e, who, where)
            if claim is not None and who != "outlet" and (
                    claim.subject is None or claim.subject.lower() in _RELATIVE_SUBJECTS):
                lead = _relative_head(doc, s, e)
                if lead:  # "an alleged incident she said [_] took place ..."
                    claim = claim.model_copy(update={"shared": lead, "subject": lead})
            if claim is not None:
                claim.question = asked
                made.append(claim)
                n += 1
        for s, e, verb in embedded_facts(sent):
            s, e = _trim(article.text, s, e)
            parent = next((c for c in made if c.span.start <= s and e <= c.span.end
                           and e - s < c.span.end - c.span.start and not c.part_of), None)
            if _words(article.text[s:e]) < MIN_CLAIM_WORDS or any(
                    c.part_of and c.span.start <= s and e <= c.span.end for c in made):
                continue
            if parent is None and any(c.span.start < e and s < c.span.end for c in made):
                continue  # partly inside another claim: neither a part of it nor apart
            claim = _embedded_claim(article, doc, n, s, e, verb, parent)
            # a phrase names what it is about: an entity, a place or a quantity
            if claim is not None and (claim.entities or claim.places or claim.values):
                made.append(claim)
                n += 1
        for s, e, verb in clause_facts(sent):
            s, e = _trim(article.text, s, e)
            parent = next((c for c in made if c.span.start <= s and e <= c.span.end
                           and not c.part_of), None)
            # a clause of a party's statement is speech, as short as a quotation may be
            if (parent is None or _words(article.text[s:e]) < (
                    MIN_CLAIM_WORDS if parent.asserted_by == "outlet" else MIN_QUOTE_WORDS)
                    or _words(article.text[s:e]) > CLAUSE_SHARE * _words(parent.text)
                    or any(c.span.start == s and c.span.end == e for c in made)):
                continue
            claim = _clause_claim(article, doc, n, s, e, verb, parent)
            if claim is not None:
                made.append(claim)
                n += 1
        for s, e, verb, party in stated_claims(sent):
            s, e = _trim(article.text, s, e)
            parent = next((c for c in made if c.span.start <= s and e <= c.span.end
                           and not c.part_of and c.asserted_by == "outlet"), None)
            if (parent is None or _words(article.text[s:e]) < MIN_QUOTE_WORDS
                    or any(c.span.start == s and c.span.end == e for c in made)):
                continue
            where = _char_span(party)
            who = _resolve(article.text[where[0]:where[1]], article, where[0]) or "outlet"
            claim = _clause_claim(article, doc, n, s, e, verb, parent)
            if claim is not None and who != "outlet":
                made.append(claim.model_copy(update={
                    "asserted_by": who, "speaker_span": article.span(*where, "claims")}))
                n += 1
        claims.extend(made)
    return claims


def claims(article: Article) -> Article:
    article.claims = extract_claims(article)
    return article


claims_stage = article_stage("claims", needs={"text", "sentences", "entities", "quantities",
                                              "quotes", "times", "places"},
                             adds={"claims"}, languages=PIPELINE_LANGUAGES)(claims)


__all__ = ["Span", "claims", "claims_stage", "clause_facts", "embedded_facts", "extract_claims",
           "sentence_claims"]
