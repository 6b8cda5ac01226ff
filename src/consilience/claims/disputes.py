"""Reported disputes: a party denies or disputes what another asserts.

Read from the dependency parse, not from a table of sides. A sentence reports a dispute when

- a denial verb (``DENIAL_LEMMAS``: deny, dispute, reject, refute, ...) has a subject that names
  a party (a person or body; a pronoun is resolved to the nearest person or organisation
  before it), or
- a party's quoted or reported words judge something false (``FALSITY_WORDS``: "false",
  "not accurate", "nonsense", "a mischaracterization", ...).

What is disputed is found in this order: a clause inside the denial's object ("disputed the claim
that taxpayers will pay"); the clause a relative denial hangs on ("..., which the company
denied"); for an anaphoric object ("that", "the allegations", "the account") or none, the
nearest earlier claim of the same article asserted by someone else, within ``LOOKBACK``
sentences, that is about the same thing; else the most similar claim of another article of the
story (sentence embeddings, at least ``TARGET_SIMILARITY``). The story gets one ``contested``
claim per dispute, citing both sides with who asserts and who disputes: the outlets report a
dispute, they do not contradict each other.

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
from ..nlp.annotate import parse
from ..pipeline import article_stage
from .extract import _resolve
from .similarity import cosine
from .verdicts import source_key

#: Verbs by which a party denies or disputes a statement (general English).
DENIAL_LEMMAS = frozenset({"deny", "dispute", "reject", "refute", "rebut", "dismiss", "contest",
                           "contradict", "disavow", "debunk"})
#: Words by which a speaker judges a statement untrue (general English).
FALSITY_WORDS = frozenset({"false", "untrue", "inaccurate", "nonsense", "baseless",
                           "groundless", "unfounded", "misleading", "lie", "lies",
                           "mischaracterization", "mischaracterisation", "fabricated",
                           "fabrication", "bogus", "outrageous", "ridiculous", "absurd",
                           "erroneous", "distortion"})
#: "not accurate", "not true": negated words of truth.
TRUTH_WORDS = frozenset({"accurate", "true", "correct", "right"})
#: Nouns that refer back to a statement ("denied the allegations", "called that ...").
ANAPHORA = frozenset({"that", "this", "it", "claim", "claims", "allegation", "allegations",
                      "account", "accounts", "report", "reports", "charge", "charges",
                      "accusation", "accusations", "story", "characterization", "assertion",
                      "assertions", "suggestion", "idea", "notion", "which"})
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you", "who", "which", "that",
                       "this", "these", "those", "whom", "several of whom", "some", "others"})
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


def _party(phrase: str | None, article: Article, start: int) -> str | None:
    """The disputing party's name, or None when the phrase names nobody (a bare pronoun that
    resolves to nothing, a thing)."""
    if not phrase:
        return None
    who = _resolve(phrase, article, start)
    if not who or who.lower() in _PRONOUNS or who == "outlet":
        return None
    return who


#: Dependencies of a word that is said of something ("is false", "called that a lie"), not an
#: attribute inside a noun phrase ("his false statements").
_PREDICATIVE = frozenset({"acomp", "attr", "oprd", "ROOT", "conj", "xcomp", "ccomp"})


def _falsity(sent) -> object | None:
    """The token of a judgement of untruth in a sentence ("false", "not accurate")."""
    for t in sent:
        low = t.lower_
        if low in FALSITY_WORDS and t.pos_ in ("ADJ", "NOUN") and t.dep_ in _PREDICATIVE:
            return t
        if low in TRUTH_WORDS and any(c.dep_ == "neg" for c in t.head.children if t.dep_ ==
                                      "acomp") | any(c.dep_ == "neg" for c in t.children):
            return t
    return None


def _claim_at(article: Article, start: int, end: int) -> Claim | None:
    best = None
    for c in article.claims:
        if c.span.start < end and start < c.span.end:
            ov = min(end, c.span.end) - max(start, c.span.start)
            if best is None or ov > best[0]:
                best = (ov, c)
    return best[1] if best else None


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]{4,}", text.lower())}


def find_denials(article: Article) -> list[dict]:
    """The denials reported in one article: who disputes, the denial's span, and the target
    span when the sentence itself holds it."""
    if not article.text:
        return []
    doc = parse(article)
    out = []
    for sent in doc.sents:
        found = None
        for t in sent:
            if (t.lemma_.lower() in DENIAL_LEMMAS and t.pos_ == "VERB"
                    and not any(c.dep_ == "neg" for c in t.children)):
                subj = next((c for c in t.children if c.dep_ in ("nsubj", "agent")), None)
                if subj is not None and subj.dep_ == "agent":
                    subj = next((c for c in subj.children if c.dep_ == "pobj"), None)
                if t.dep_ == "relcl" and subj is not None:
                    # "..., which the company denied": the target is the clause it hangs on
                    rel_lo = min(x.idx for x in t.subtree)
                    tgt = (sent.start_char, rel_lo)
                    found = (t, subj, tgt)
                    break
                if subj is None:
                    continue
                obj = next((c for c in t.children if c.dep_ in ("dobj", "ccomp")), None)
                if obj is None or obj.dep_ == "dobj" and obj.lower_ not in ANAPHORA:
                    continue  # "rejected the agenda": a vote or a refusal, not a denial
                tgt = None
                if obj is not None:
                    clause = next((c for c in obj.subtree if c.dep_ in ("ccomp", "acl", "relcl")
                                   and c.pos_ in ("VERB", "AUX") and c is not t), None)
                    if obj.dep_ == "ccomp":
                        clause = obj
                    if clause is not None:
                        toks = [x for x in clause.subtree if x.dep_ != "mark"] or [clause]
                        tgt = (toks[0].idx, toks[-1].idx + len(toks[-1].text))
                found = (t, subj, tgt)
                break
        if found is not None:
            verb, subj, tgt = found
            who = _party(" ".join(x.text for x in subj.subtree), article, sent.start_char)
            if who:
                out.append({"who": who, "start": sent.start_char, "end": sent.end_char,
                            "target": tgt, "cue": verb.text})
            continue
        fal = _falsity(sent)
        if fal is None:
            continue
        claim = _claim_at(article, sent.start_char, sent.end_char)
        who = claim.asserted_by if claim is not None and claim.asserted_by != "outlet" else None
        if who is None:  # "Democrats called that a mischaracterization"
            verb = fal.head
            while verb.dep_ not in ("ROOT",) and verb.pos_ not in ("VERB",):
                verb = verb.head
            subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            who = _party(" ".join(x.text for x in subj.subtree), article, sent.start_char) \
                if subj is not None else None
        if who and who.lower() not in _PRONOUNS:
            out.append({"who": who, "start": sent.start_char, "end": sent.end_char,
                        "target": None, "cue": fal.text})
    return out


def _raw_span(article: Article, start: int, end: int) -> Span:
    """A span over exactly ``text[start:end]`` (not trimmed: the parse's bounds are kept)."""
    return Span(start=start, end=end, input_start=article.input_offset(start),
                input_end=article.input_offset(end, end=True), text=article.text[start:end],
                stage="disputes")


def denials(article: Article) -> Article:
    """The ``disputes`` stage: the article's reported denials (:func:`find_denials`)."""
    article.denials = [
        Denial(who=d["who"], cue=d["cue"], sentence=_raw_span(article, d["start"], d["end"]),
               target=_raw_span(article, *d["target"]) if d["target"] is not None else None)
        for d in find_denials(article)]
    return article


disputes_stage = article_stage("disputes", needs={"text", "entities", "claims"},
                               adds={"denials"}, languages=PIPELINE_LANGUAGES)(denials)


def _stored_denials(article: Article) -> list[dict]:
    """``Article.denials`` in the form :func:`find_denials` gives."""
    return [{"who": d.who, "start": d.sentence.start, "end": d.sentence.end,
             "target": (d.target.start, d.target.end) if d.target is not None else None,
             "cue": d.cue} for d in article.denials]


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


def _norm(name: str) -> set[str]:
    return set(re.findall(r"[a-z]{3,}", name.lower())) - {"the", "and", "spokesman",
                                                          "spokeswoman", "office", "team"}


def _other_party(claim: Claim, who: str) -> bool:
    """Whether a claim is asserted by a named party other than ``who``."""
    if claim.asserted_by == "outlet" or claim.asserted_by.lower() in _PRONOUNS:
        return False
    return not (_norm(claim.asserted_by) & _norm(who))


def _target(d: dict, art: Article, story_claims: list[Claim], articles: dict[str, Article]
            ) -> tuple[Article, int, int, str] | None:
    """The statement a denial disputes: (article, start, end, who asserts it)."""
    if d["target"] is not None:
        s, e = _trim_span(art.text, *d["target"])
        if e - s >= 15:
            c = _claim_at(art, s, e)
            who = c.asserted_by if c is not None and _other_party(c, d["who"]) else "outlet"
            return art, s, e, who
    denial_text = art.text[d["start"]:d["end"]]
    # Outside its own sentence a denial answers a party, never the outlet's narration.
    own = [c for c in art.claims if c.span.end <= d["start"] and _other_party(c, d["who"])]
    sents = [s for s in art.sentences if s.end <= d["start"]][-LOOKBACK:] if LOOKBACK else []
    lo = sents[0].start if sents else d["start"]
    near = [c for c in own if c.span.start >= lo] if sents else []
    others = [c for c in story_claims if c.article != art.id and _other_party(c, d["who"])
              and articles[c.article].copy_of != art.id and art.copy_of != c.article]
    cands = near + (others if CROSS_ARTICLE else [])
    if not cands:
        return None
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
        return None
    c = best[1]
    return articles[c.article], c.span.start, c.span.end, c.asserted_by


#: Most spans one contested claim cites (each side and its restatements in other outlets).
MAX_SOURCES = 6


def _restatements(art: Article, start: int, end: int, group_of: dict[str, list[Claim]],
                  articles: dict[str, Article]) -> list[SourceRef]:
    """The same statement in the story's other articles: the members of the alignment group of
    the claim at ``[start, end)``."""
    c = _claim_at(art, start, end)
    if c is None:
        return []
    return [articles[m.article].source_ref(m.span.start, m.span.end)
            for m in group_of.get(c.id, []) if m.article != art.id and m.article in articles]


def dispute_claims(claims: list[Claim], articles: dict[str, Article], story: Story,
                   groups: list[list[Claim]] | None = None) -> list[StoryClaim]:
    """One ``contested`` claim per reported denial whose target is found. With the story's
    alignment ``groups``, each side's restatements in other outlets are cited too."""
    group_of = {c.id: g for g in groups or [] for c in g}
    out: list[StoryClaim] = []
    seen: set[tuple[str, int]] = set()
    for aid in story.articles:
        art = articles.get(aid)
        if art is None or (art.copy_of and art.copy_of in articles):
            continue  # a reprint reports the same denial as its original
        for d in _stored_denials(art):
            found = _target(d, art, claims, articles)
            if found is None:
                continue
            t_art, ts, te, claimant = found
            if (t_art.id, ts) in seen:
                continue
            seen.add((t_art.id, ts))
            asserted = t_art.source_ref(ts, te)
            denial = art.source_ref(d["start"], d["end"])
            claimant = claimant if claimant != "outlet" else (
                f"{t_art.outlet or t_art.id} (its own report)")
            summary = (f"{d['who']} disputes it ({art.id} [{denial.start}:{denial.end}]: "
                       f"{d['cue']!r}); {claimant} asserts it ({t_art.id} [{asserted.start}:"
                       f"{asserted.end}]). The outlets report a dispute between the parties; "
                       "they do not contradict each other.")
            sources = {source_key(a, story) for a in (art, t_art)}
            key = f"{t_art.id}:{ts}|{art.id}:{d['start']}"
            out.append(StoryClaim(
                id="dp-" + hashlib.sha1(key.encode()).hexdigest()[:10],
                text=f"{claimant}: {asserted.text} / {d['who']}: {denial.text}",
                verdict=Verdict.contested,
                explanation=Explanation(
                    summary=summary, rule="disputed-by-party",
                    compared=[Compared(source=asserted, value="asserts", asserted_by=claimant),
                              Compared(source=denial, value="disputes", asserted_by=d["who"])]),
                sources=_dedupe([asserted, denial,
                                 *_restatements(t_art, ts, te, group_of, articles),
                                 *_restatements(art, d["start"], d["end"], group_of, articles)]
                                )[:MAX_SOURCES],
                values=[f"{claimant}: asserts",
                                                    f"{d['who']}: disputes"],
                independent_sources=len(sources),
                outlets=sorted({a.outlet or a.id for a in (art, t_art)}),
                claims=[],
            ))
    return out


__all__ = ["DENIAL_LEMMAS", "FALSITY_WORDS", "denials", "dispute_claims", "disputes_stage",
           "find_denials"]
