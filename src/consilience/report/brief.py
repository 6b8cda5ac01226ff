"""The content of a story's brief, computed once and rendered as Markdown or HTML.

A brief has: the sources; a consolidated account (the story's claims ranked by corroboration and
importance); what the sources agree on; what only one outlet says; what is disputed, with both
sides and why; who said what; a timeline; the places; the geography that does not check out, and
the geography that could not be checked.
Every line carries the source spans it rests on, so each renderer can cite them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from ..model import (
    Analysis,
    Article,
    Claim,
    Compared,
    GeoCheck,
    Place,
    SourceRef,
    Story,
    StoryClaim,
    Verdict,
)
from ..claims.extract import asks
from ..claims.parties import same_party
from ..nlp.entities import first_names
from ..nlp.models import without_stop
from ..nlp.quotes import TAG_WORDS
from ..nlp.timenorm import value_days

#: Claims in the consolidated account. Six sentences read as a paragraph of a wire story's lead;
#: the sections below list everything else.
ACCOUNT_SIZE = 6
#: Ranking weights of a claim in the account, set by reading briefs of the seeds, the examples
#: and the dev stories: each extra independent source outweighs any content signal; standing
#: at the top of every report it is in weighs as much as one source (the event opens each
#: report, also when each attributes it to officials); carrying numbers, places or dates, and
#: being the outlet's own statement rather than a quoted party's add a little each.
W_SOURCES = 2.0
W_LEAD = 2.0
W_VALUES = 0.5
W_PLACES = 0.4
W_TIMES = 0.3
W_ENTITIES = 0.1
W_OUTLET = 1.0
#: Words that may open a claim and are lower-cased after "According to X, ".
_OPENERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "there", "it", "we",
                      "our", "he", "she", "they", "his", "her", "their", "its", "i", "my",
                      "in", "on", "at", "if", "when", "after", "before", "no", "like", "as",
                      "for", "with", "from", "by", "during", "despite", "although", "though",
                      "while", "because", "since", "until", "unless", "once", "even", "only",
                      "now", "then", "still", "yet", "so", "but", "and", "or", "however",
                      "instead", "also", "all", "some", "many", "most", "both", "each",
                      "every", "any", "what", "which", "who", "why", "how", "where", "your",
                      "you", "not", "nobody", "everyone", "nothing", "more", "less", "over",
                      "under", "without", "about", "against", "among", "between", "through",
                      "everything", "everybody", "something", "someone", "somebody", "anyone",
                      "another", "other", "such", "several", "few", "to", "meanwhile",
                      "moreover", "furthermore", "separately", "earlier", "later",
                      "elsewhere", "indeed", "nevertheless", "nonetheless", "therefore",
                      "thus", "last", "next", "here"})
#: Words that open a description as an article would: "another witness" takes no "the".
_DETERMINERS = frozenset({"another", "other", "one", "some", "any", "each", "every", "no",
                          "several", "many", "few", "both", "all", "two", "three", "four",
                          "this", "that", "these", "those", "his", "her", "its", "their", "our",
                          "my", "your", "such"})
#: Words of the speaker's own person: a statement holding them is told in its own words, in
#: quotation marks ("According to X, “I didn't know what was going on”").
_FIRST_PERSON = frozenset({"i", "me", "my", "we", "us", "our", "you", "your"})
#: Number words that open a statement ("Three people died ..."): lower case after "According
#: to X,".
_NUMBER_WORDS = frozenset({"one", "two", "three", "four", "five", "six", "seven", "eight",
                           "nine", "ten", "eleven", "twelve", "twenty", "thirty", "forty", "fifty",
                           "hundred", "hundreds", "thousands", "dozens", "dozen", "several",
                           "millions", "nearly", "almost", "about", "around", "roughly"})
#: A list's bullet opening a line or a name: no word of it.
_BULLET = re.compile(r"^[•·▪►*-]\s+")
#: Nouns of things that carry words but speak for no one ("a video", "the statement").
_THINGS = frozenset({"video", "videos", "footage", "photo", "photos", "image", "images",
                     "statement", "report", "document", "documents", "post", "tweet", "letter",
                     "ad", "advertisement", "clip", "recording"})
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you", "him", "her", "them",
                       "us", "me", "who", "himself", "herself", "themselves"})
_NOT_SPEAKERS = frozenset({"outlet", "he", "she", "they", "it", "we", "i", "you", "this",
                           "that", "who", "someone", "himself", "herself", "themselves"})
AGREED = {Verdict.corroborated, Verdict.compatible}
SINGLE = {Verdict.single_source}
DISPUTED = {Verdict.contradicted, Verdict.contested, Verdict.attribution_differs}
#: Geo check verdicts reported as geography that does not check out...
GEO_PROBLEMS = {"off"}
#: ...and as geography that could not be checked (a place has no known position).
GEO_UNCHECKED = {"unverifiable"}
QUOTE_MARKS = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb"


@dataclass
class Line:
    """One cited statement: a claim, a quote, a time or a place."""

    text: str
    sources: list[SourceRef]
    verdict: str | None = None
    why: str | None = None
    sides: list[Side] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    independent_sources: int = 1
    claim_id: str | None = None


@dataclass
class Side:
    """One side of a dispute: who asserts what, where. ``asserted_by`` is "outlet" (or None)
    when the source states it in its own voice, a named party, or "" when the party is named
    nowhere the brief can tell (a pronoun left unresolved, a dateline, a thing): then no speaker
    is printed."""

    source: SourceRef
    value: str | None
    asserted_by: str | None

    @property
    def who(self) -> str | None:
        """The speaker as printed: "the outlet", the party's name, or None (leave it out)."""
        if self.asserted_by is None or self.asserted_by == "outlet":
            return "the outlet"
        return self.asserted_by or None


@dataclass
class QuoteLine:
    speaker: str
    text: str
    direct: bool
    source: SourceRef

    @property
    def display(self) -> str:
        """The words, in quotation marks when quoted directly (unless the span has its own)."""
        if not self.direct or self.text[:1] in QUOTE_MARKS:
            return self.text
        return f"\u201c{self.text}\u201d"


@dataclass
class TimePoint:
    """A dated moment of the story: a time expression or a publication."""

    day: date
    value: str
    precision: str  # day | week | month | year
    label: str
    source: SourceRef | None
    context: str = ""

    @property
    def shown(self) -> str:
        """The value as a reader reads it: "2025-03-11 14:00" for "2025-03-11T14:00", the day
        alone for a part of the day ("2025-03-11TMO": the label says "morning")."""
        m = _CLOCK_VALUE.match(self.value)
        if m:
            return f"{m.group(1)} {m.group(2)}" if m.group(2) else m.group(1)
        return self.value


#: A day with a clock time or a TimeML part of the day.
_CLOCK_VALUE = re.compile(r"^(\d{4}-\d{2}-\d{2})T(?:(\d{2}:\d{2})(?::\d{2})?|[A-Z]{2})$")


@dataclass
class PlaceLine:
    place: Place
    sources: list[SourceRef]


@dataclass
class SourceInfo:
    number: int
    article: Article


@dataclass
class StoryBrief:
    story: Story
    sources: list[SourceInfo]
    account: list[Line]
    agreed: list[Line]
    single: list[Line]
    disputed: list[Line]
    quotes: list[QuoteLine]
    timeline: list[TimePoint]
    places: list[PlaceLine]
    geo_problems: list[GeoCheck]
    geo_consistent: list[GeoCheck]
    geo_unchecked: list[GeoCheck] = field(default_factory=list)

    def number(self, article_id: str) -> int:
        for s in self.sources:
            if s.article.id == article_id:
                return s.number
        return 0


#: The speech tag that interrupts a quotation ("Leaving my service in the House,” he said in
#: his statement, “I’m able to ..."): the line names the speaker, and the words are one quotation.
_SPEECH_TAG = re.compile(rf",[\u201d\"] {TAG_WORDS}, [\u201c\"](?=(\w?))")


def clean(text: str, quotation: bool = False) -> str:
    """A claim's words as a line of the brief: white space collapsed, a closing parenthesis
    left over from the sentence dropped ("... sex abuse.)") and one the sentence split off
    added ("Islamic State (IS, formerly ISIS/ISIL" -> "... ISIL)"), and a quotation the claim's
    span opens but the sentence closed after it closed again ("are “the very definition of fake
    news" -> "... news”"); the last not in a ``quotation``'s own words, whose marks the report
    adds and in which a paragraph continuing the quotation opens again ("“... positions. “This
    kind of ..."). The speech tag that interrupts a quotation is dropped ("the House,” he said,
    “I’m able" -> "the House, I’m able"): the line names its speaker."""
    text = " ".join(text.split())
    text = _BULLET.sub("", text)
    # the tag's comma goes with it where the quotation's sentence runs on ("The fire was ...")
    text = _SPEECH_TAG.sub(lambda m: " " if m.group(1).islower() else ", ", text)
    extra = text.count(")") - text.count("(")  # counted and cut once: linear in the line
    end = len(text)
    while extra > 0 and end and text[end - 1] == ")":
        end -= 1
        extra -= 1
        while end and text[end - 1].isspace():
            end -= 1
    text = text[:end]
    if not quotation and text.rfind("\u201c") > text.rfind("\u201d"):  # opened, not closed
        text = re.sub(r"[\s,;:]+$", "", text) + "\u201d"
    if not quotation and text.rfind("(") > text.rfind(")"):  # "... (IS, formerly ISIS/ISIL."
        text = text.rstrip(" ,;:.") + ")"
    if not quotation:
        text = _relative_as_statement(text)
    return text


#: "X, who flew to the port in the afternoon": a fact told by a relative clause, all of a claim.
_SUBJECT_RELATIVE = re.compile(r"^(?P<np>[^,\u201c\u201d\"]+), (?:who|which) (?P<vp>(?P<w>[a-z]+)\b[^,;]*)$")
#: Words that open the clause of an object relative ("the letter, which the faculty sent"):
#: the relative is not its subject, and the clause is no statement about the noun as it stands.
_CLAUSE_SUBJECTS = frozenset({"the", "a", "an", "his", "her", "their", "its", "our", "my", "he",
                              "she", "they", "it", "we", "i", "you", "this", "that", "these",
                              "those", "some", "many", "most", "all", "no", "both"})


def _relative_as_statement(text: str) -> str:
    """A claim that is a noun with its subject relative clause, as a statement: "Interior
    Minister Andrei Voicu, who flew to the port in the afternoon" -> "Interior Minister Andrei
    Voicu flew to the port in the afternoon". An object relative ("the letter, which the faculty
    sent to Mr. Ryan") stays as it is."""
    m = _SUBJECT_RELATIVE.match(text)
    if m is None or m.group("w") in _CLAUSE_SUBJECTS:
        return text
    return f"{m.group('np')} {m.group('vp')}"


def unique_refs(refs: list[SourceRef]) -> list[SourceRef]:
    """The first span of each article, in order."""
    seen: set[str] = set()
    out = []
    for r in refs:
        if r.article not in seen:
            seen.add(r.article)
            out.append(r)
    return out


def importance(sc: StoryClaim, members: list[Claim], articles: dict[str, Article]) -> float:
    """How much a claim belongs in the account: corroboration first, then content signals. The
    lead is how near the top of its articles the claim stands, on average over its sources: the
    event itself opens every outlet's report."""
    leads = [1.0 - ref.start / len(art.text) for ref in sc.sources
             if (art := articles.get(ref.article)) is not None and art.text]
    lead = sum(leads) / len(leads) if leads else 0.0
    has = lambda attr: any(getattr(c, attr) for c in members)
    n_ents = max((len(c.entities) for c in members), default=0)
    outlet_said = any(c.asserted_by == "outlet" for c in members)
    return (W_SOURCES * sc.independent_sources + W_LEAD * lead + W_VALUES * has("values")
            + W_PLACES * has("places") + W_TIMES * has("times")
            + W_ENTITIES * min(n_ents, 5) + W_OUTLET * outlet_said)


#: Words after which a speaker phrase goes on past its head noun ("Images taken from space",
#: "a video released by the ministry", "the head of the agency").
_PAST_HEAD = frozenset({"of", "from", "by", "in", "on", "at", "with", "that", "which", "who",
                        "for", "about", "showing", "posted", "taken", "released", "shared",
                        "published", "obtained", "filmed", "seen", "shown", "made"})


def _head_word(phrase: str) -> str:
    """The head noun of a speaker phrase, read without a parse: its last word before a
    preposition, a relative word or a participle that goes on past it."""
    words = phrase.split()
    cut = next((k for k, w in enumerate(words) if k and w in _PAST_HEAD), len(words))
    return words[cut - 1].lower().strip(".,;:'’") if cut else ""


def named(who: str | None) -> bool:
    """Whether a speaker names someone: not a pronoun, a dateline in capitals or a thing
    ("a video", "Images taken from space": the head noun is the thing)."""
    if not who or not who.strip():
        return False
    w = who.strip()
    return (w.lower() not in _NOT_SPEAKERS and not w.isupper()
            and _head_word(w) not in _THINGS)


def speaker_of(sc: StoryClaim) -> str | None:
    """Who asserts a claim when no source states it in its own voice: the named party most of
    its sources quote (one party named two ways counts once, by its fullest name). None when
    some source states it itself; "" when the only speakers are pronouns, datelines, things
    ("a video") or quotations whose speaker was not found, which name nobody."""
    who = [c.asserted_by for c in sc.explanation.compared if c.asserted_by is not None]
    if not who or any(w == "outlet" for w in who):
        return None
    names = [p for w in who if (p := _party_named(w))]
    if not names:
        return ""
    rep = _told_by(sc)
    told = _party_named(rep.asserted_by) if rep is not None else None
    # "Abe" and "Shinzo Abe" are one party: the party most sources name, by its fullest name;
    # of parties named as often, the one whose words the claim is told in, then the first the
    # sources name (never a set's order, which changes from run to run)
    return max(dict.fromkeys(names),
               key=lambda w: (sum(same_party(w, x) for x in names),
                              told is not None and same_party(w, told), len(w)))


#: A thing that carries words, written with its owner's name ("BuzzFeed’s Thursday night
#: report", "the Kremlin's statement"): the owner is the party that speaks.
_OWNER = re.compile(r"(?:the\s+)?((?:[A-Z][\w.&-]*\s+)*[A-Z][\w.&-]*)['’]s\s")


def _party_named(who: str | None) -> str | None:
    """The party a speaker names: itself when it names someone, the owner of a thing that
    carries words when the text names it ("BuzzFeed’s Thursday night report": BuzzFeed), else
    None."""
    if not who or not who.strip():
        return None
    if named(who):
        return who
    m = _OWNER.match(who.strip())
    if m and who.strip().lower() not in _NOT_SPEAKERS and _head_word(who) in _THINGS:
        return m.group(1)
    return None


def voiced(sc: StoryClaim, quoted: bool = False,
           articles: dict[str, Article] | None = None) -> str | None:
    """The claim as a statement of the account: plain when a source states it in its own
    voice, "According to X, ..." when only a party does, None when no one nameable does. The
    party's words are in quotation marks when they are ``quoted`` (a direct quotation in the
    source) or in the speaker's own person. With ``articles``, the party's name takes "the"
    when its sources write it so ("the Russian Foreign Ministry")."""
    text = clean(sc.text)
    who = speaker_of(sc)
    asked = asks(text)
    if asked and not who:
        return None  # a question nobody nameable asked tells nothing
    if who is None:
        # told in an outlet's own voice: in the words of an outlet that states it itself
        # (the group's words may be a party's: "he was horrified by a shooting ..."), a
        # sentence of its own before a clause cut from one ("being stopped by police units who
        # also shot dead the driver")
        own = sorted((t for c in sc.explanation.compared
                      if c.asserted_by == "outlet" and (t := c.source.text)),
                     key=lambda t: not t[:1].isupper())
        rep = _told_by(sc)
        return clean(own[0]) if own and rep is not None and rep.asserted_by != "outlet" \
            else text
    if not who or not text:
        return None
    if asked:  # what a party asked is told as asked, never as something it holds true
        said = in_text(who, _cited(sc, articles))
        said = said[0].upper() + said[1:]
        if text.lower().startswith("whether "):
            return f"{said} asked {text[0].lower()}{text[1:]}"
        return f"{said} asked: \u201c{text.strip(_QUOTE_MARKS)}\u201d"
    words = {w.lower() for w in re.findall(r"\w+", text)}
    if (quoted or words & _FIRST_PERSON) and not any(m in text for m in ('"', "\u201c",
                                                                         "\u201d")):
        return f"According to {in_text(who, _cited(sc, articles))}, \u201c{without_stop(text)}\u201d"
    first = re.match(r"\w*", text).group()
    if first != "I" and first[:1].isupper() and (first[1:] == "" or first[1:].islower()) and (
            first.lower() in _OPENERS | _NUMBER_WORDS
            or _opening_capital_only(first, [a.text for a in _cited(sc, articles)])):
        text = text[0].lower() + text[1:]
    return f"According to {in_text(who, _cited(sc, articles))}, {text}"


#: Double quotation marks a question told as asked is put in afresh.
_QUOTE_MARKS = "\u201c\u201d\""


def _opening_capital_only(word: str, texts: list[str]) -> bool:
    """Whether the ``texts`` write ``word`` in lower case and capitalise it only where it opens
    a sentence ("Along with South Korea, ..."): no name, a word to write in lower case inside
    a sentence."""
    return any(re.search(rf"\b{re.escape(word.lower())}\b", t) for t in texts) and not any(
        re.search(rf"[\w,;:] {re.escape(word)}\b", t) for t in texts)


def _cited(sc: StoryClaim, articles: dict[str, Article] | None) -> list[Article]:
    """The articles a group cites."""
    if not articles:
        return []
    ids = dict.fromkeys(r.article for r in [*sc.sources, *(c.source for c in
                                                           sc.explanation.compared)])
    return [articles[i] for i in ids if i in articles and articles[i].text]


#: "the" right before a name, or before one capitalised or hyphenated modifier of it ("the US
#: Pentagon", "the US-based Institute"; not "the local newspaper Nice Matin").
_THE_BEFORE = re.compile(r"\b[Tt]he\s+(?:(?:[A-Z][\w.’'-]*|[\w’']+-[\w.’'-]+)\s+)?$")


def in_text(who: str, arts: list[Article] | None = None) -> str:
    """A party's name as running text: a description without its article gets "the" back
    ("county emergency inspectorate" -> "the county emergency inspectorate"); names and
    plurals stay as they are ("Portgrain SA", "local fishermen"). A description capitalised
    only because it opened its sentence ("Local fishermen welcomed ...": no other word of it
    capitalised) is written in lower case. With the articles it comes from (``arts``), the
    name of an organisation or place takes "the" when most of its mentions there have it
    ("the Pentagon", "the Russian Foreign Ministry"; not "Equifax", nor a person); a one-word
    name written in lower case there and capitalised only where it opens a sentence is a
    description ("Police" -> "police"; "Trump" stays). A name cut inside its brackets
    ("Goldman (GS") ends before them."""
    who = _BULLET.sub("", who.strip()) or who  # "• Maryam Violet": the list's bullet
    if who.count("(") > who.count(")"):
        who = who[:who.rfind("(")].rstrip(" ,") or who
    if arts and who[:1].isupper() and not who.lower().startswith(("the ", "a ", "an ")):
        mentions = [(a, m) for a in arts for e in a.entities
                    if e.type not in ("person", "work", "product") and e.name == who
                    for m in e.mentions]
        people = any(e.type == "person" and e.name == who for a in arts for e in a.entities)
        # the mentions that spell the name (not an abbreviation: "(ISW)"), each with its "the"
        # in its span or before it, perhaps across one modifier ("the US Pentagon", "The
        # US-based Institute for the Study of War")
        spelled = [(a, m) for a, m in mentions
                   if who.split()[0].lower() in a.text[m.start:m.end].lower()]
        with_the = sum(a.text[m.start:m.start + 4].lower() == "the " or bool(
            _THE_BEFORE.search(a.text[max(0, m.start - 30):m.start])) for a, m in spelled)
        if " " not in who and who[1:].islower() and not people and _opening_capital_only(
                who, [a.text for a in arts]):
            who = who.lower()  # capitalised only where it opens a sentence
        elif spelled and not people and 2 * with_the > len(spelled):
            return f"the {who}"  # "the" before most of its mentions
    words = who.split()
    # a name in the possessive opens a description of its own ("Trump’s team": not "the
    # trump’s team"); a word the sources capitalise inside their sentences is a name or a
    # people's ("Chinese officials")
    # a determiner or a number opens a description whatever the sources capitalise ("One
    # eyewitness" beside "Air Force One")
    # ... and so does a word before one in lower case, whatever names follow ("One of the
    # senior lawmakers in the National Assembly", "Officials interviewed by The Herald")
    if len(words) > 1 and words[0][:1].isupper() and words[0][1:].islower() and not words[
            0].endswith(("'s", "’s")):
        counts = words[0].lower() in _DETERMINERS | _NUMBER_WORDS
        description = counts or not any(re.search(rf"[\w,;:] {re.escape(words[0])}\b", a.text)
                                        for a in arts or [])
        if description and (all(not w[:1].isupper() for w in words[1:])
                            or words[1].islower() and (arts or counts)):
            who = who[0].lower() + who[1:]
    head = re.sub(r"[^\w'’]+$", "", re.split(r" (?:of|in|by|from|at|for|with|on|near) ",
                                              who)[0]).split()
    while len(head) > 1 and head[-1].endswith("ed"):  # "officials interviewed by ..."
        head.pop()
    if (not head or not who[:1].islower() or who.lower().startswith(("the ", "a ", "an "))
            or head[0].lower() in _DETERMINERS):
        return who
    last = head[-1].lower()
    plural = (last.endswith("s") and not last.endswith(("'s", "’s", "ss", "us"))
              or last.endswith("men") or last in ("people", "police", "staff", "children"))
    return who if plural else f"the {who}"


def _overlaps(a: SourceRef, b: SourceRef) -> bool:
    return a.article == b.article and a.start < b.end and b.start < a.end


def side_speaker(who: str | None, source: SourceRef,
                 articles: dict[str, Article] | None = None) -> str | None:
    """The party of a side as the brief prints it: "outlet"/None for the outlet's own voice, the
    name, else the named speaker of a quote of the article over the same words (a pronoun the
    claim kept), else "" (named nowhere: left out)."""
    if who is None or who == "outlet" or named(who):
        return who
    art = (articles or {}).get(source.article)
    for q in art.quotes if art is not None else []:
        c = q.content_span
        if c.start < source.end and source.start < c.end and named(q.speaker):
            return q.speaker
    return ""


def _two_sides_said(text: str, compared: list[Compared]) -> list[str] | None:
    """What each of a contested claim's two parties says, from its text "X: ... / Y: ..."
    (X and Y as ``compared`` names them), or None when the text is not of that form."""
    first, second = (c.asserted_by or "" for c in compared[:2])
    if text.startswith(f"{first}: ") and f" / {second}: " in text:
        return text[len(first) + 2:].split(f" / {second}: ", 1)
    return None


def claim_line(sc: StoryClaim, articles: dict[str, Article] | None = None) -> Line:
    sides = []
    if sc.verdict in DISPUTED or sc.verdict == Verdict.compatible:
        sides = [Side(source=c.source, value=c.value,
                      asserted_by=side_speaker(c.asserted_by, c.source, articles))
                 for c in sc.explanation.compared]
    text = clean(sc.text)
    if sc.verdict == Verdict.contested and len(sides) == 2:
        # "X: what X says / Y: what Y says", with each party as the sides name it (a thing
        # that carries words, "Images taken from space", names no party)
        said = _two_sides_said(text, sc.explanation.compared)
        if said is not None:
            text = " / ".join((f"{side.asserted_by}: " if side.asserted_by and side.asserted_by
                               != "outlet" else "") + words for side, words in zip(sides, said))
    return Line(text=text, sources=unique_refs(sc.sources), verdict=sc.verdict.value,
                why=sc.explanation.summary, sides=sides, outlets=sc.outlets,
                independent_sources=sc.independent_sources, claim_id=sc.id)


def _voiced_line(sc: StoryClaim, tellable: bool = True,
                 articles: dict[str, Article] | None = None,
                 disputed_by: list[str] | None = None,
                 subjectless: frozenset[tuple[str, int, int]] | None = None) -> Line:
    """A line of the account or of "agree on": with its speaker when only a party asserts it;
    marked when a party disputes it (see "Where the sources differ"), naming the disputing
    parties after a party's assertion ("According to the company, ...; the union disputes
    it.")."""
    line = claim_line(sc, articles)
    line.text = (_frame_sentence(sc, articles, subjectless)
                 or voiced(sc, _direct_words(sc, articles), articles) or line.text)
    if not tellable:
        line.text = f"(disputed, see where the sources differ) {line.text}"
    elif disputed_by and speaker_of(sc):
        verb = "disputes" if len(disputed_by) == 1 else "dispute"
        cited = _cited(sc, articles)
        line.text = (f"{without_stop(line.text)}; {_and([in_text(w, cited) for w in disputed_by])} "
                     f"{verb} it")
    return line


#: Contradictions over one detail of an act the sources all report: the account tells the act,
#: marked with the values that differ.
DETAIL_RULES = frozenset({"values-differ", "dates-differ", "places-differ", "offices-differ"})


def _detail(sc: StoryClaim) -> bool:
    return sc.verdict == Verdict.contradicted and sc.explanation.rule in DETAIL_RULES


def _detail_line(sc: StoryClaim, articles: dict[str, Article] | None = None,
                 subjectless: frozenset[tuple[str, int, int]] | None = None) -> Line:
    """An act told with the detail on which the sources differ: "Three people died ... (the
    sources differ: 3 people / 4 people; see where the sources differ)"."""
    line = _voiced_line(sc, True, articles, subjectless=subjectless)
    values = list(dict.fromkeys(c.value for c in sc.explanation.compared if c.value))
    if len(values) > 1:
        line.text = (f"{without_stop(line.text)} (the sources differ: {' / '.join(values)}; "
                     f"see where the sources differ)")
    return line


#: Verbs of naming and urging after which a party's words are no statement alone ("called the
#: launch a reckless act": "the launch a reckless act"; "called on the board to open talks").
_NAMING = re.compile(r"\b(?:call(?:ed|s|ing)?(?: (?:on|upon))?|dubb(?:ed|ing)|dubs?|"
                     r"brand(?:ed|s|ing)?|label(?:l?ed|s|l?ing)?|term(?:ed|s|ing)?|"
                     r"urg(?:ed|es|ing|e)|encourag(?:ed|es|ing|e))\s+$", re.IGNORECASE)


def _told_by(sc: StoryClaim) -> Compared | None:
    """The member whose words a group is told by."""
    return next((c for c in sc.explanation.compared if c.source.text == sc.text), None)


def _representative(sc: StoryClaim) -> SourceRef | None:
    """The source of the words a group is told by."""
    rep = _told_by(sc)
    return rep.source if rep is not None else (sc.sources[0] if sc.sources else None)


def _direct_words(sc: StoryClaim, articles: dict[str, Article] | None) -> bool:
    """Whether the words a group is told by are a direct quotation in their source: inside
    quotation marks, or the words of a post embedded in the page (the quote the quotes stage
    found, signed after its words)."""
    from ..nlp.quotes import is_post_signature

    ref = _representative(sc)
    art = (articles or {}).get(ref.article) if ref is not None else None
    if art is None:
        return False
    return inside_quotation(ref, articles) or any(
        q.content_span.start <= ref.start and ref.end <= q.content_span.end
        and q.cue_span is not None and is_post_signature(q.cue_span.text or
                                                         art.text[q.cue_span.start:q.cue_span.end])
        for q in art.quotes)


def _subjectless_spans(articles: dict[str, Article]) -> frozenset[tuple[str, int, int]]:
    """(article, start, end) of every claim that is a clause with no subject."""
    return frozenset((a.id, c.span.start, c.span.end) for a in articles.values()
                     for c in a.claims if c.subjectless)


def _frame_sentence(sc: StoryClaim, articles: dict[str, Article] | None,
                    subjectless: frozenset[tuple[str, int, int]] | None = None) -> str | None:
    """The sentence a party's words stand in, told whole when the words alone are no
    statement: what a speaker urges ("called on China to put more pressure on North Korea":
    "to put more pressure ..."), a condition or a question ("if Qualcomm rescheduled ..."), a
    relative clause cut from its noun ("whose personal information was exposed"), or what a
    speaker calls a thing ("called the launch a reckless act"), a clause with no subject
    ("known as the Panama Papers"). The sentence names the speaker in the outlet's words. None
    when the words are a statement."""
    if not articles:
        return None
    ref = _representative(sc)
    art = articles.get(ref.article) if ref is not None else None
    if art is None or not art.text:
        return None
    before = art.text[max(0, ref.start - 30):ref.start]
    if not (sc.text.lower().startswith(("to ", "if ", "whether ", "whose ", "which ", "who ",
                                        "where ")) or _NAMING.search(before)
            or (ref.article, ref.start, ref.end) in (
                subjectless if subjectless is not None else _subjectless_spans(
                    {art.id: art}))):
        return None
    start, end = art.sentence_around(ref.start, ref.end)
    return clean(art.text[start:end]) if (start, end) != (ref.start, ref.end) else None


def _side(who: str | None) -> str | None:
    """The side a speaker speaks for when the verdict names it ("Vladimir Putin (Russia)")."""
    m = re.fullmatch(r".*\(([^()]+)\)", who or "")
    return m.group(1) if m else None


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def speakers(quotes: list[QuoteLine]) -> list[tuple[str, list[QuoteLine]]]:
    """Quotes grouped by speaker, speakers in order of first appearance."""
    groups: dict[str, list[QuoteLine]] = {}
    for q in quotes:
        groups.setdefault(q.speaker, []).append(q)
    return list(groups.items())


def sentence(text: str) -> str:
    """A claim as a sentence of the account: capitalised, and with a full stop if it has no
    end mark (claims may be clauses cut from a longer sentence)."""
    text = clean(text)
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?\u201d\"'" else text + "."


def _publisher(q, article: Article) -> str | None:
    """A quote's speaker as "who said what" heads it: a thing that carries the words ("a video
    published by President Volodomyr Zelensky") gives way to the party the claims stage
    resolves it to (Volodomyr Zelensky), and names no one when it resolves to none
    ("geolocated footage showed ..."); any other speaker stays as the quotes stage wrote it."""
    from ..claims.extract import _quote_speaker

    if _head_word(q.speaker or "") not in _THINGS:
        return q.speaker
    who = _quote_speaker(q, article)
    return who if named(who) else None


#: Speakers that name no one: pronouns the quotes stage could not resolve ("she"), relative
#: and indefinite pronouns ("which", "some", "nobody").
_NO_ONE = _PRONOUNS | _NOT_SPEAKERS | frozenset({
    "which", "some", "nobody", "none", "anyone", "everyone", "everybody", "somebody", "many",
    "others", "all", "one", "both", "each"})


def _inner_quotes(quotes: list) -> set[int]:
    """``id`` of each quote that lies inside a longer quote of the same speaker (a quote of the
    same span is not inside it): one sweep per speaker over the quotes by start, the longest
    first, keeping the span that reaches furthest so far."""
    inner: set[int] = set()
    by_speaker: dict[str | None, list] = {}
    for q in quotes:
        by_speaker.setdefault(q.speaker, []).append(q)
    for group in by_speaker.values():
        group.sort(key=lambda q: (q.content_span.start, -q.content_span.end))
        reach: tuple[int, int] = (-1, -1)
        for q in group:
            span = (q.content_span.start, q.content_span.end)
            if span[1] <= reach[1] and span != reach:
                inner.add(id(q))
            elif span[1] > reach[1]:
                reach = span
    return inner


def _quotes(arts: list[Article],
            canonical: Callable[[str | None], str | None] | None = None) -> list[QuoteLine]:
    """Who said what. A quote whose speaker is a pronoun the quotes stage could not resolve
    ("she"), or a relative or indefinite pronoun ("which", "some"), is left out: it names no
    one; so is a quote inside a longer one of the same speaker ("delays of several days" within
    "they expected delays of several days ...")."""
    out, seen = [], set()
    for a in arts:
        inner = _inner_quotes(a.quotes)
        for q in sorted(a.quotes, key=lambda q: q.content_span.start):
            if id(q) in inner:
                continue
            start, end = q.content_span.start, q.content_span.end
            cue = q.cue_span
            if (cue is not None and cue.end <= start and len(a.text[start:end].split()) < 5
                    and len(a.text[cue.end:start]) <= 12 and "\n" not in a.text[cue.end:start]):
                start = cue.start  # "the vote" alone says nothing: "welcomed the vote"
            text = clean(a.text[start:end], quotation=q.direct)
            speaker = _publisher(q, a)
            if speaker is None and q.speaker:
                continue  # a thing that shows or carries words, with no party behind it
            if speaker:
                speaker = _BULLET.sub("", speaker.strip())
                speaker = canonical(speaker) if canonical else speaker
            key = (speaker, text)
            if not text or key in seen or (speaker and speaker.lower() in _NO_ONE):
                continue
            seen.add(key)
            out.append(QuoteLine(speaker=speaker or "unattributed", text=text, direct=q.direct,
                                 source=a.source_ref(start, end)))
    return out


def parse_time_value(value: str | None) -> tuple[date, str] | None:
    """The first day and precision of a TimeML-style date value, or None for what is not a
    calendar date (durations, sets, undetermined years)."""
    days = value_days(value)
    return (days[0], days[2]) if days else None


def _timeline(arts: list[Article]) -> list[TimePoint]:
    points, seen = [], set()
    for a in arts:
        pub = a.published_date()
        if pub is not None:
            label = f"{a.outlet or a.id} published" + (" (date inferred)" if a.published_inferred
                                                        else "")
            points.append(TimePoint(day=pub, value=pub.isoformat(), precision="day", label=label,
                                    source=None))
        for t in a.times:
            if t.type not in ("date", "time"):
                continue
            parsed = parse_time_value(t.value)
            if parsed is None:
                continue
            s, e = a.sentence_around(t.start, t.end)
            context = clean(a.text[s:e])
            key = (t.value, context)
            if key in seen:
                continue
            seen.add(key)
            points.append(TimePoint(day=parsed[0], value=t.value or "", precision=parsed[1],
                                    label=clean(t.text), source=a.source_ref(s, e),
                                    context=context))
    points.sort(key=lambda p: (p.day, p.source is not None, _clock(p.value)))
    return points


#: TimeML parts of the day as the clock times they fall around, so that a morning comes before
#: 2 p.m. and an afternoon after it.
_PARTS_OF_DAY = {"TMO": "T08", "TMI": "T12", "TAF": "T15", "TEV": "T19", "TNI": "T22",
                 "TDT": "T12"}


def _clock(value: str) -> str:
    """A time value in an order of the day: "2025-03-11TMO" sorts as "2025-03-11T08"."""
    for part, clock in _PARTS_OF_DAY.items():
        if value.endswith(part):
            return value[:-len(part)] + clock
    return value


def story_places(story: Story, arts: list[Article]) -> list[Place]:
    """The story's places, or the union of its articles' places when the story has none."""
    if story.places:
        return list(story.places)
    out: dict[object, Place] = {}
    for a in arts:
        for p in a.places:
            key = p.geonames_id or p.name.lower()
            if key in out:
                out[key] = out[key].model_copy(update={"mentions": out[key].mentions + p.mentions})
            else:
                out[key] = p
    return list(out.values())


def _place_lines(places: list[Place], arts: list[Article]) -> list[PlaceLine]:
    """Each place with a citation of its first mention in each article that names it."""
    lines = []
    for p in places:
        refs = []
        for a in arts:
            for ap in a.places:
                if (p.geonames_id and ap.geonames_id == p.geonames_id) or ap.name == p.name:
                    if ap.mentions:
                        m = min(ap.mentions, key=lambda m: m.start)
                        refs.append(a.source_ref(m.start, m.end))
                    break
        lines.append(PlaceLine(place=p, sources=unique_refs(refs)))
    lines.sort(key=lambda pl: (-len(pl.sources), pl.place.name))
    return lines


#: How far back in its paragraph a span looks for the quotation mark it stands after: a
#: quotation is read within this many characters (bounded work on a paragraph of any length).
QUOTE_LOOKBACK = 3000


#: A single quotation mark that opens a quotation (after a blank, a colon, a comma, a
#: bracket or a dash, before a capital) and one that closes it (after a word, before a blank or
#: a stop: not the apostrophe of "doesn't").
_SINGLE_OPEN = re.compile(r"(?:^|(?<=[\s:,(\u2014]))['\u2018](?=[A-Z])")
_SINGLE_CLOSE = re.compile(r"(?<=[\w.,!?])['\u2019](?=[\s.,;:!?)]|$)")


def inside_quotation(ref: SourceRef, articles: dict[str, Article]) -> bool:
    """Whether a span stands inside quotation marks opened earlier in its paragraph (or opens
    with one, or in a paragraph a single quotation mark opens): a quotation's words, never the
    outlet's own voice."""
    art = articles.get(ref.article)
    if art is None or not art.text or ref.start >= len(art.text):
        return False
    if art.text[ref.start] in "\u201c\"":
        return True
    para = art.text.rfind("\n", max(0, ref.start - QUOTE_LOOKBACK), ref.start) + 1
    para = max(para, ref.start - QUOTE_LOOKBACK)
    before = art.text[para:ref.start]
    if re.match(r"[\u2018'][A-Z]", art.text[para:para + 2]):
        return True  # a paragraph opened by a single quotation mark ('I'll miss ...,' he said)
    if before.count("\u201c") > before.count("\u201d"):
        return True
    # a single quotation mark opened after a blank, a colon or a comma and not closed since
    # ("According to SpaceX founder Elon Musk: 'Destination is Mars orbit. Will be ...")
    opened = list(_SINGLE_OPEN.finditer(before))
    if opened and not _SINGLE_CLOSE.search(before, opened[-1].end()):
        return True
    # straight marks: the last one opens after a blank (or the paragraph's start) and closes
    # after a word
    k = before.rfind('"')
    return k >= 0 and (k == 0 or before[k - 1].isspace() or before[k - 1] in "([\u2014")


def _unattributed_quotations(sc: StoryClaim, articles: dict[str, Article]) -> StoryClaim:
    """The claim as the brief reads it: a quotation the claims stage left in the outlet's voice
    (its speaker not found) is someone's words, not the outlet's: its side names no one ("")."""
    compared = [c.model_copy(update={"asserted_by": ""})
                if c.asserted_by == "outlet" and inside_quotation(c.source, articles) else c
                for c in sc.explanation.compared]
    if all(a is b for a, b in zip(compared, sc.explanation.compared, strict=True)):
        return sc
    return sc.model_copy(update={"explanation": sc.explanation.model_copy(
        update={"compared": compared})})


#: A line that opens with a participle in lower case is a clause cut from its sentence, whose
#: subject is elsewhere ("being stopped by police units who also shot dead the driver",
#: "landing in the Pacific Ocean"): listed with what the sources agree on, no sentence of the
#: account.
_PARTICIPLE_OPENING = re.compile(r"[a-z]+ing\b")


def _noun_phrase(sc: StoryClaim, claims: dict[str, Claim]) -> bool:
    """Whether every member of a group is a noun with its clause that reads as no statement
    ("White House press secretary Sarah Huckabee Sanders, traveling with the president"; "The
    letter, which the faculty members sent to Mr. Ryan"): listed, never told in the account."""
    members = [claims[c] for c in sc.claims if c in claims]
    return bool(members) and all(
        c.noun_phrase and _relative_as_statement(clean(c.text)) == clean(c.text)
        for c in members)


#: A story entity's name fit to stand for a speaker: words, not page furniture ("• Maryam
#: Violet").
_CLEAN_NAME = re.compile(r"[^\W\d_][\w.'’&-]*(?: [\w.'’&-]+)*")


def _fit_name(name: str) -> bool:
    words = name.split()
    half = len(words) // 2
    return bool(_CLEAN_NAME.fullmatch(name)) and not (
        half and len(words) % 2 == 0 and words[:half] == words[half:])  # "X Y X Y"


def canonical_names(story: Story) -> Callable[[str | None], str | None]:
    """A speaker as the story's entity for it: the outlets' spellings of one person or body
    ("Volodomyr Zelensky", "Volodymyr Zelenskyy") are one name, the story's, and so one speaker.

    A speaker is an entity when it is one of the entity's aliases of two words or more, the
    surname of a person named with a first name ("Trump" for Donald Trump, not "Bill" for the
    tagger's person "Kill Bill"), a body's
    initials ("KCNA"), or a person's alias after capitalised words of title ("South Korean
    President Moon Jae-in"). Nothing else is read into a speaker: "Moscow's foreign ministry"
    is not the story's "Foreign Ministry", nor "a spokesman for Vladimir Putin" Putin, nor "the
    complaint against X" X. An alias two entities share names neither."""
    owners: dict[str, set[str]] = {}
    people: set[str] = set()
    # a surname two people of the story share stands for neither ("Thurman": Uma Thurman and
    # her father Robert Thurman)
    surnames = Counter(e.name.split()[-1].lower() for e in story.entities
                       if e.type == "person" and len(e.name.split()) >= 2)
    for e in story.entities:
        if e.type not in ("person", "organization") or not _fit_name(e.name):
            continue
        parts = e.name.split()
        # a surname stands for a person named with a first name ("Trump": Donald Trump; the
        # tagger's "person" "Twitter Police" or "Kill Bill" has none)
        last = parts[-1].lower() if len(parts) >= 2 and surnames[parts[-1].lower()] == 1 and (
            parts[0].lower() in first_names() or re.fullmatch(r"[A-Z]\.", parts[0])) else None
        for alias in {e.name, *e.aliases}:
            words = alias.split()
            if (len(words) >= 2 or (e.type == "person" and alias.lower() == last)
                    or (e.type == "organization" and alias.isupper() and len(alias) >= 2)):
                owners.setdefault(alias.lower(), set()).add(e.name)
                if e.type == "person" and len(words) >= 2:
                    people.add(alias.lower())
    names = {a: next(iter(n)) for a, n in owners.items() if len(n) == 1}

    def canonical(who: str | None) -> str | None:
        if not who:
            return who
        key = who.strip()
        key = (key[4:] if key.lower().startswith("the ") else key).lower()
        if key in names:
            return names[key]
        words = who.split()
        for k in range(1, len(words) - 1):  # "South Korean President Moon Jae-in"
            tail = " ".join(words[k:]).lower()
            if tail in people and tail in names and all(
                    w[:1].isupper() and not w.endswith(("'s", "’s")) for w in words[:k]):
                return names[tail]
        return who

    return canonical


def _canonical_speakers(sc: StoryClaim,
                        canonical: Callable[[str | None], str | None]) -> StoryClaim:
    sides = [c.model_copy(update={"asserted_by": canonical(c.asserted_by)})
             if c.asserted_by not in (None, "outlet") else c for c in sc.explanation.compared]
    text = sc.text
    said = (_two_sides_said(text, sc.explanation.compared)
            if sc.verdict == Verdict.contested and len(sides) == 2 else None)
    if said is not None:  # "X: ... / Y: ..." names them too
        text = " / ".join(f"{c.asserted_by or ''}: {words}" for c, words in zip(sides, said))
    return sc.model_copy(update={"text": text, "explanation": sc.explanation.model_copy(
        update={"compared": sides})})


def story_brief(story: Story, analysis: Analysis) -> StoryBrief:
    by_id = {a.id: a for a in analysis.articles}
    canonical = canonical_names(story)
    story = story.model_copy(update={"claims": [
        _canonical_speakers(_unattributed_quotations(sc, by_id), canonical)
        for sc in story.claims]})
    arts = [by_id[a] for a in story.articles if a in by_id]
    claim_by_id = {c.id: c for a in arts for c in a.claims}
    # The account states what the sources agree on or one of them says; what they dispute is
    # told under "where the sources differ", never as a plain statement of fact.
    # A party's assertion is told with its speaker; a statement some party disputes is never
    # told as plain fact, even in an outlet's voice.
    refs_of = {sc.id: [*sc.sources, *(c.source for c in sc.explanation.compared)]
               for sc in story.claims if sc.verdict in DISPUTED}
    disputed_refs = [r for refs in refs_of.values() for r in refs]

    # a fact stated inside a sentence (a noun with its clause) is disputed only by a dispute
    # within it: the dispute of its sentence may be about the rest ("The terminal, operated by
    # Portgrain SA, sits some 300km east of Bucharest": the distance)
    phrase = {c.id for c in claim_by_id.values() if c.part_of}

    def hit(sc: StoryClaim, r: SourceRef, d: SourceRef) -> bool:
        if all(c in phrase for c in sc.claims):
            return r.article == d.article and r.start <= d.start and d.end <= r.end
        return _overlaps(r, d)

    def tellable(sc: StoryClaim) -> bool:
        if voiced(sc) is None:
            return False
        others = disputed_refs if sc.id not in refs_of else [
            r for k, refs in refs_of.items() if k != sc.id for r in refs]
        return speaker_of(sc) is not None or not any(
            hit(sc, r, d) for r in sc.sources for d in others)

    def disputers(sc: StoryClaim) -> list[str]:
        """The named parties that dispute what a party asserts in ``sc`` (a contested claim
        whose asserted side ``sc``'s sources state)."""
        out: list[str] = []

        def add(who: str) -> None:  # each party once, however many of its words are cited
            if not any(same_party(who, x) for x in out):
                out.append(who)

        for x in story.claims:
            if x.verdict != Verdict.contested:
                continue
            sides = x.explanation.compared
            here = [c for c in sides if any(hit(sc, r, c.source) for r in sc.sources)]
            if any(c.value == "asserts" for c in here):
                for c in sides:
                    if c.value == "disputes" and named(c.asserted_by):
                        add(c.asserted_by)
            elif here:  # opposing parties, each side named after its speaker: "Putin (Russia)"
                mine = {_side(c.asserted_by) for c in here}
                for c in sides:
                    side = _side(c.asserted_by)
                    if side and side not in mine and named(side):
                        add(side)
        return out

    # once per claim: a claim may be told both in the account and under "agree on"
    disputed_by = {sc.id: disputers(sc) for sc in story.claims if sc.verdict not in DISPUTED}
    disputed = [claim_line(sc, by_id) for sc in story.claims if sc.verdict in DISPUTED]
    # the words of a dispute's sides are told under "where the sources differ" only, never again
    # under "only one source says"
    in_dispute = [r for line in disputed for r in [*line.sources, *(s.source for s in line.sides)]]
    # a fact stated inside a sentence is listed, not told as a sentence
    # an act all sources report with one detail that differs (a figure, a date, a place, an
    # office) is told too, marked with the values that differ: the event itself comes first
    ranked = sorted([sc for sc in story.claims if (sc.verdict not in DISPUTED or _detail(sc))
                     and tellable(sc) and not all(c in phrase for c in sc.claims)
                     and not _noun_phrase(sc, claim_by_id)],
                    key=lambda sc: -importance(
                        sc, [claim_by_id[c] for c in sc.claims if c in claim_by_id], by_id))
    # clauses with no subject, told in their sentences
    cut = _subjectless_spans({a.id: a for a in arts})
    agreed = [_voiced_line(sc, tellable(sc), by_id, disputed_by[sc.id], cut)
              for sc in story.claims if sc.verdict in AGREED]
    # a line told in its sentence may tell what another line tells already: once is enough
    told = {ln.text for ln in agreed}
    single = []
    for sc in story.claims:
        if sc.verdict in SINGLE and not any(_overlaps(r, d) for r in sc.sources
                                            for d in in_dispute):
            # as the account tells it, with its speaker
            line = _voiced_line(sc, articles=by_id, subjectless=cut)
            if line.text not in told:
                told.add(line.text)
                single.append(line)
    # the account tells each statement once: two groups may read alike (one outlet repeating a
    # sentence, a line told in its sentence)
    account: list[Line] = []
    said: set[str] = set()
    for sc in ranked:
        if len(account) == ACCOUNT_SIZE:
            break
        line = (_detail_line(sc, by_id, cut) if _detail(sc) else
                _voiced_line(sc, articles=by_id, disputed_by=disputed_by[sc.id],
                             subjectless=cut))
        if _PARTICIPLE_OPENING.match(line.text):
            continue  # a clause cut from its sentence ("being stopped by police units ...")
        key = " ".join(re.findall(r"\w+", line.text.lower()))
        if key not in said:
            said.add(key)
            account.append(line)
    return StoryBrief(
        story=story,
        sources=[SourceInfo(number=i + 1, article=a) for i, a in enumerate(arts)],
        account=account,
        agreed=agreed,
        single=single,
        disputed=disputed,
        quotes=_quotes(arts, canonical),
        timeline=_timeline(arts),
        places=_place_lines(story_places(story, arts), arts),
        geo_problems=[g for g in story.geo_checks if g.verdict in GEO_PROBLEMS],
        geo_consistent=[g for g in story.geo_checks
                        if g.verdict not in GEO_PROBLEMS | GEO_UNCHECKED],
        geo_unchecked=[g for g in story.geo_checks if g.verdict in GEO_UNCHECKED],
    )
