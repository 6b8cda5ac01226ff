"""Alignment of claims across a story's articles, and verdicts with their reasons.

Alignment (``align``): two claims of different articles are linked when
- their similarity (sentence-embedding cosine when available, else TF-IDF cosine fitted on the
  story's claims, plus ``ENTITY_BONUS`` times the Jaccard overlap of their entities and places,
  unified across articles through ``Story.entities``) reaches the method's threshold,
- they share an anchor: an entity or place, or at least ``MIN_SHARED_WORDS`` content words,
- and each is the other's best match in the other article (mutual best).
Linked claims form groups (connected components). Reprints of one wire copy (``Story.copies``,
``Article.copy_of``) count as one source.

Verdicts per group, in order of precedence (``verdicts.py`` holds the comparisons):
- ``contested``: members asserted by opposing parties give different values, or, across the
  story, one side says an operation succeeded and the other that it failed (``contest.py``);
- ``contradicted``: values of one kind about one thing that cannot both hold (numbers after unit
  conversion, day-precise dates, places neither of which contains the other);
- ``attribution differs``: the same content with different named agents or sources;
- ``compatible``: one member vaguer than the other (a hedged number covering the other, a week or
  month containing a date, a region containing a town);
- ``corroborated``: members from two or more independent sources;
- ``single-source``: one source only.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from difflib import SequenceMatcher
from itertools import combinations

import numpy as np

from ..model import Article, Claim, Compared, Explanation, Story, StoryClaim, Verdict
from ..pipeline import story_stage
from ..nlp.quotes import PRONOUNS
from ..nlp.timenorm import day_of
from ..geo.checks import is_point
from ..stories.cluster import UnionFind
from .agree import LinkJudgement, judge_links, object_party, pronoun_party
from .contest import contested_claims, denied
from .disputes import dispute_claims
from .roles import role_conflicts
from .similarity import embed, embedder, tfidf_cosine
from .verdicts import (
    attribution_conflict,
    claim_source,
    compare_places,
    compare_times,
    compare_values,
    compare_negation,
    independent_pairs,
    negation_conflict,
    party_negation,
    predicate_negated,
    same_predicate,
    source_labels,
)

#: Share of the embedding cosine in the blended similarity; the rest is TF-IDF cosine.
EMBED_SHARE = 0.75
#: Minimum similarity for two claims of different articles to be aligned, by method. Read off
#: the seed story and dev clustering stories: restatements of one fact blend to 0.62-0.9
#: (MiniLM 0.76-0.95), related but different statements of one story to 0.5-0.58 (Putin's
#: "attacks had intensified" vs the ministry's "attacks had been repelled": 0.58).
ALIGN_THRESHOLD = {"embeddings": 0.60, "tfidf": 0.35}
#: Link score above which two claims are taken to report the same event closely enough for a
#: difference of date or place to be a conflict (restatements on the seeds and dev stories).
STRONG_LINK = 0.7
#: Minimum similarity for a fact stated inside a sentence (a clause, a noun with its clause) to
#: be aligned: phrases are short, and a short phrase shares words by chance more often.
PHRASE_LINK = 0.7
#: Embedding cosine (alone) at which a phrase restates another phrase whatever its blend: the
#: TF-IDF share of the blend reads inflected forms as different words ("restore voting rights
#: to millions of ex-felons" / "restoring voting rights to people who have served felony
#: sentences": cosine 0.87, blend 0.69). Chosen on half A of the differences gold: at 0.85 the
#: one link it adds there is right; at 0.8 two more were wrong ("a ruling that would allow the
#: case to go forward" / "That potential ruling would get Wal-Mart off the hook").
PHRASE_DENSE_LINK = 0.85
#: Minimum similarity for two claims that negate each other (one subject, one predicate) to be
#: linked: "Shipping was not interrupted" / "Shipping in the southern basin was halted" 0.5.
NEGATION_LINK = 0.4
#: Two stated directions from one reference point further apart than this are not one statement.
GEO_BEARING_TOL = 45
#: Added to the similarity of two claims asserted by one named speaker (the same
#: ``asserted_by`` after the story's aliases): two outlets' versions of one quotation, one
#: quoting it and one paraphrasing it, blend just under the threshold ("“I'm getting whipsawed
#: here,” he told the plaintiffs' lawyer" / "Scalia said he felt “whipsawed” by Sellers'
#: description", 0.53 to 0.59).
SPEAKER_BONUS = 0.05
#: Two sentence claims of different articles that share a run of at least this many words
#: (case and punctuation aside) are one statement in the same words, a quotation both reproduce
#: or wire copy reworked, and are linked whatever their similarity: each outlet's framing of a
#: long quotation ("Trump “believes that we cannot allow a mere allegation ― in this case, one
#: from many years ago ― to destroy ...”" / "Like most Americans, the president believes we
#: cannot allow a mere allegation, in this case one from many years ago, ...") can pull the
#: blend below the threshold. Set on half A of the differences gold: of the cross-article
#: pairs not yet aligned that share 8 or more words, nearly all were one statement; at 6,
#: several were two statements sharing a phrase.
VERBATIM_WORDS = 8
#: ... unless the run is found in more claims than this (a formula or boilerplate).
VERBATIM_MAX_CLAIMS = 12
#: Weight of shared entities and places (Jaccard) added to the cosine of two claims.
ENTITY_BONUS = 0.02
#: Shared content words that anchor a link when the claims share no entity or place.
MIN_SHARED_WORDS = 2
#: Added to the similarity of two claims that state the same figure of the same kind and unit
#: ("passed 234-193", "more than 30 sources"): restatements in other words that share a
#: figure fall just short of the threshold.
NUMBER_BONUS = 0.05
#: Minimum similarity for two sentences of different articles, each the other's closest match,
#: that state one figure in digits ("passed 234-193" / "The House approved the plan 234-193";
#: years and single digits aside) to be linked. The same floor links two such sentences whose
#: agents name one party and that date what they tell to one day ("Glenn Beck ... blamed
#: 'progressivism' ... Saturday" / "Glenn Beck closed a three-day conservative conference on
#: Saturday"): one party's act on one day, told twice. Places in the agent ("the attack in
#: Nice") name where, not who, and do not count.
FIGURE_LINK = 0.40
_STOP = frozenset(["a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "by", "with", "and", "or", "but", "as", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "it", "its", "this", "that", "these", "those", "there", "their", "they", "he", "she", "his", "her", "we", "our", "you", "i", "said", "says", "say", "told", "also", "not", "no", "will", "would", "could", "should", "may", "might", "can", "than", "then", "into", "about", "after", "before", "over", "under", "more", "most", "very", "just"])


#: Least similarity at which two named parties' opposite statements of one act are linked
#: (``verdicts.party_negation``: "Obama has cut $716 billion from Medicare" / "The savings ...
#: do not cut a single guaranteed Medicare benefit"): the moderate similarity that links a
#: negation of one subject (``NEGATION_LINK``) is too loose when the subjects differ; chosen
#: on the tuning half of the differences gold.
PARTY_NEGATION_LINK = 0.45
#: Speakers that name no one: a pronoun the quotes stage could not resolve.
UNNAMED_SPEAKERS = frozenset(PRONOUNS) | {"you", "who"}


def _content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in _STOP and len(w) > 2}


_FIGURE = re.compile(r"(?<![\w.,-])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:[-–](\d+))?(?![\w-])")


def _figures(text: str) -> set[str]:
    """Figures a text states in digits, years and single digits aside: "234-193", "544"."""
    out = set()
    for m in _FIGURE.finditer(text):
        whole = m.group(0).replace("–", "-")
        n = float(m.group(1).replace(",", ""))
        if m.group(2) is None and (n < 10 or (1900 <= n <= 2100 and "." not in m.group(1))):
            continue
        out.add(whole)
    return out


def _aliases(story: Story) -> dict[str, str]:
    """Surface form (lower case) -> story-level entity id, from ``Story.entities``."""
    alias: dict[str, str] = {}
    for e in story.entities:
        for name in [e.name, *e.aliases]:
            alias[name.lower()] = e.id
    return alias


def similarities(claims: list[Claim], story: Story
                 ) -> tuple[np.ndarray, np.ndarray, str, np.ndarray | None]:
    """Blended similarity and anchor matrix of the claims, the method used, and the embedding
    cosine alone (None without embeddings; zero for claims with no anchor).

    Only claims with an anchor in another article can ever be linked, so only those are
    embedded (the embedding is the costly step)."""
    texts = [c.text for c in claims]
    n = len(claims)
    alias = _aliases(story)
    ents = [{alias.get(x.lower(), x.lower()) for x in [*c.entities, *c.places]} for c in claims]
    nums = [{(q.kind, q.base_unit or q.unit, round(q.base_value if q.base_value is not None
                                                  else q.value, 6)) for q in c.values}
            for c in claims]
    words = [_content_words(t) for t in texts]
    # a speaker left as a pronoun ("she said", unresolved) names no one: two such are not one
    said_by = [alias.get(c.asserted_by.lower(), c.asserted_by.lower())
               if c.asserted_by and c.asserted_by != "outlet"
               and c.asserted_by.lower() not in UNNAMED_SPEAKERS else None for c in claims]
    anchor = np.zeros((n, n), dtype=bool)
    bonus = np.zeros((n, n))
    for i, j in combinations(range(n), 2):
        if claims[i].article == claims[j].article:
            continue
        shared = ents[i] & ents[j]
        if shared:
            bonus[i, j] = bonus[j, i] = ENTITY_BONUS * len(shared) / len(ents[i] | ents[j])
        if nums[i] & nums[j]:  # one figure of one kind: likely one fact
            bonus[i, j] += NUMBER_BONUS
            bonus[j, i] += NUMBER_BONUS
        one_speaker = said_by[i] is not None and said_by[i] == said_by[j]
        if one_speaker:  # one speaker's words
            bonus[i, j] += SPEAKER_BONUS
            bonus[j, i] += SPEAKER_BONUS
        anchor[i, j] = anchor[j, i] = (bool(shared) or bool(nums[i] & nums[j])
                                      or len(words[i] & words[j]) >= MIN_SHARED_WORDS
                                      or one_speaker)
    # weighted by the sentences' words only: the phrases inside them repeat those words
    sim = tfidf_cosine(texts, fit=[t for t, c in zip(texts, claims) if not c.part_of] or None)
    method = "tfidf"
    cand = np.flatnonzero(anchor.any(axis=1))
    vecs = embed([texts[i] for i in cand]) if len(cand) else None
    dense = None
    if vecs is not None:  # shared rare words separate restatements from related claims
        dense = np.zeros((n, n))
        dense[np.ix_(cand, cand)] = vecs @ vecs.T
        sim = EMBED_SHARE * dense + (1 - EMBED_SHARE) * sim
        method = "embeddings"
    elif embedder() is not None and len(cand) == 0:
        method = "embeddings"
    # a question a party asks and a statement are never one claim, however alike their words
    asked = np.array([c.question for c in claims])
    mixed = asked[:, None] != asked[None, :]
    anchor[mixed] = False
    return np.where(mixed, -1.0, sim + bonus), anchor, method, dense


def _opposite_polarity(c1: Claim, c2: Claim) -> bool:
    """One frame (one predicate, or two on one pole of a scale) stated with opposite polarity:
    "There is no national emergency" / "This is far from the only declared national
    emergency". Such claims are never one statement, however similar their words; a negated
    claim with another predicate may still say the same ("had not been carried out" / "had been
    skipped")."""
    neg1 = predicate_negated(c1) or c1.polarity == "negative"
    neg2 = predicate_negated(c2) or c2.polarity == "negative"
    return neg1 != neg2 and same_predicate(c1.predicate, c2.predicate)


def align(claims: list[Claim], story: Story | None = None) -> tuple[list[list[Claim]], dict]:
    """Groups of claims that state the same thing, and the link score of each linked pair."""
    story = story or Story(id="", title="", articles=[])
    n = len(claims)
    if n == 0:
        return [], {}
    sim, anchor, method, dense = similarities(claims, story)
    threshold = ALIGN_THRESHOLD[method]
    uf = UnionFind(n)

    by_article: dict[str, list[int]] = {}
    for i, c in enumerate(claims):
        by_article.setdefault(c.article, []).append(i)
    scores: dict[tuple[str, str], float] = {}
    verbatim: dict[frozenset[str], int] = {}
    figure: dict[frozenset[str], str] = {}
    dated: dict[frozenset[str], str] = {}
    alias = _aliases(story)
    embedded = np.array([bool(c.part_of) for c in claims])
    figures = [_figures(c.text) for c in claims]
    days = [{d for d in map(day_of, c.times) if d} for c in claims]
    agents = [_agent_names(c, alias) for c in claims]
    index = {c.id: i for i, c in enumerate(claims)}
    sentence = [index.get(c.part_of, i) if c.part_of else i for i, c in enumerate(claims)]
    # Sentence claims are matched first; the facts stated inside sentences (``part_of``) then
    # add links among the pairs that involve one, so they never take a sentence's match away.
    # Such a fact is a phrase: only a close restatement (``PHRASE_LINK``) joins it.
    for phase, least in ((False, threshold), (True, PHRASE_LINK)):
        if phase and not embedded.any():
            break
        if phase:  # the group of each claim's sentence once the sentences are matched
            roots = np.array([uf.find(k) for k in sentence])
        for a, b in combinations(sorted(by_article), 2):
            ia, ib = by_article[a], by_article[b]
            block = sim[np.ix_(ia, ib)].copy()
            if phase and dense is not None:  # two phrases the encoder reads as one
                close = (dense[np.ix_(ia, ib)] >= PHRASE_DENSE_LINK) & (block >= 0)
                block = np.where(close, np.maximum(block, least), block)
            either = embedded[ia][:, None] | embedded[ib][None, :]
            block[either != phase] = -np.inf
            if phase:  # two phrases of sentences already aligned restate their match
                block[(roots[ia][:, None] == roots[ib][None, :])
                      & embedded[ia][:, None] & embedded[ib][None, :]] = -np.inf
            for r, i in enumerate(ia):
                c = int(np.argmax(block[r]))
                j = ib[c]
                need = (min(least, FIGURE_LINK)
                        if not phase and (figures[i] & figures[j] or (
                            days[i] & days[j] and agents[i] & agents[j]))
                        else least)
                if (block[r, c] >= need and anchor[i, j]
                        and int(np.argmax(block[:, c])) == r
                        and not _opposite_polarity(claims[i], claims[j])):
                    uf.union(i, j)
                    scores[(claims[i].id, claims[j].id)] = min(1.0, float(block[r, c]))
                    if block[r, c] < least and figures[i] & figures[j]:
                        figure[frozenset((claims[i].id, claims[j].id))] = min(
                            figures[i] & figures[j])
                    elif block[r, c] < least:
                        dated[frozenset((claims[i].id, claims[j].id))] = min(days[i] & days[j])
    # A statement an article repeats (its lead restated further down) joins the match of its
    # restatement: the one-to-one matching of two articles leaves the second telling of a fact
    # alone when the other outlet tells it once. It needs its own match (``threshold``) in that
    # group and a close restatement (``STRONG_LINK``) of its own article there.
    roots = [uf.find(k) for k in range(n)]
    size = Counter(roots)
    for i in range(n):
        if embedded[i] or size[roots[i]] > 1:
            continue
        for b, ib in by_article.items():
            if b == claims[i].article:
                continue
            j = ib[int(np.argmax(sim[i, ib]))]
            if (sim[i, j] >= threshold and anchor[i, j] and not embedded[j]
                    and not _opposite_polarity(claims[i], claims[j])
                    and any(roots[k] == roots[j] and sim[i, k] >= STRONG_LINK
                            for k in by_article[claims[i].article] if k != i)):
                uf.union(i, j)
                scores[(claims[i].id, claims[j].id)] = min(1.0, float(sim[i, j]))
                break
    # One subject, one predicate, one side negated: statements that deny each other are far
    # apart in embedding space however much they are about one thing, so they are linked on
    # structure once they are moderately similar.
    for i, j in combinations(range(n), 2):
        if (claims[i].article != claims[j].article and sim[i, j] >= NEGATION_LINK
                and not embedded[i] and not embedded[j]
                and negation_conflict(claims[i], claims[j])):  # the shared subject anchors it
            uf.union(i, j)
            scores.setdefault((claims[i].id, claims[j].id), round(float(sim[i, j]), 3))
    # Two named parties, one negating the act the other asserts as fact, whatever their
    # subjects: the verdict is theirs to dispute, never a contradiction
    for i, j in combinations(range(n), 2):
        if (claims[i].article != claims[j].article and sim[i, j] >= PARTY_NEGATION_LINK
                and anchor[i, j] and not (embedded[i] and embedded[j])
                and party_negation(claims[i], claims[j])):
            uf.union(i, j)
            scores.setdefault((claims[i].id, claims[j].id), round(float(sim[i, j]), 3))
    for i, j, run in _verbatim_links(claims, embedded, story):
        if (claims[i].question == claims[j].question
                and not _opposite_polarity(claims[i], claims[j])
                and not _named_subjects_differ(claims[i], claims[j], alias)):
            uf.union(i, j)
            scores.setdefault((claims[i].id, claims[j].id), round(max(0.0, float(sim[i, j])), 3))
            verbatim[frozenset((claims[i].id, claims[j].id))] = run
    geo: dict[frozenset[str], str] = {}
    for i, j, reason in _geo_links(claims, story):
        if (claims[i].article != claims[j].article and not embedded[i] and not embedded[j]
                and claims[i].question == claims[j].question):
            uf.union(i, j)
            scores.setdefault((claims[i].id, claims[j].id), round(max(0.0, float(sim[i, j])), 3))
            geo[frozenset((claims[i].id, claims[j].id))] = reason
    groups: dict[int, list[Claim]] = {}
    for i in range(n):
        groups.setdefault(uf.find(i), []).append(claims[i])
    out: list[list[Claim]] = []
    held: dict[str, str] = {}
    neighbours: dict[str, set[str]] = {}
    for a, b in scores:
        neighbours.setdefault(a, set()).add(b)
        neighbours.setdefault(b, set()).add(a)
    for g in groups.values():
        for group in _regroup(g, scores, neighbours):
            # A sentence aligned together with a phrase inside it: what the other outlets state
            # is the phrase; the rest of the sentence stands alone.
            here = {c.id for c in group}
            parts = {c.part_of: c for c in group if c.part_of in here}
            out.append([c for c in group if c.id not in parts])
            out.extend([c] for c in group if c.id in parts)
            held.update((pid, part.text) for pid, part in parts.items())
    return out, {"method": method, "threshold": threshold, "links": scores, "held": held,
                 "geo": geo, "verbatim": verbatim, "figure": figure,
                 "dated": dated}


def _regroup(g: list[Claim], scores: dict[tuple[str, str], float],
             neighbours: dict[str, set[str]]) -> list[list[Claim]]:
    """One linked group cut where a sentence is matched by itself: a sentence that another
    article's claim matches better than any of its phrases keeps that match, and its phrases
    keep their links to other phrases, and to a sentence only where that does not bring them
    back into their own sentence's group (another outlet's sentence may state one clause while
    the sentence is matched for another: "The fire was contained by 2 p.m. and shipping was
    not interrupted")."""
    def link(a: str, b: str) -> float:
        return scores.get((a, b), scores.get((b, a), -1.0))

    by_id = {c.id: c for c in g}
    part_ids: dict[str, set[str]] = {}
    for c in g:
        if c.part_of:
            part_ids.setdefault(c.part_of, set()).add(c.id)
    kept = {pid for pid in part_ids if pid in by_id
            and any(x in by_id and by_id[x].article != by_id[pid].article
                    and all(link(p, x) < link(pid, x) for p in part_ids[pid])
                    for x in neighbours.get(pid, ()))}
    apart = {p for pid in kept for p in part_ids[pid]}
    pos = {c.id: k for k, c in enumerate(g)}
    sub = UnionFind(len(g))
    later: list[tuple[str, str]] = []
    for a in by_id:
        for b in neighbours.get(a, ()):
            if b not in by_id:
                continue
            if (a in apart and not by_id[b].part_of) or (b in apart and not by_id[a].part_of):
                later.append((a, b) if a in apart else (b, a))
            else:
                sub.union(pos[a], pos[b])
    for phrase, other in sorted(later):
        joined = {sub.find(pos[phrase]), sub.find(pos[other])}
        if not any(sub.find(pos[pid]) in joined for pid in kept
                   if any(sub.find(pos[p]) in joined for p in part_ids[pid])):
            sub.union(pos[phrase], pos[other])
    return [[g[k] for k in members] for members in sub.groups()]


_NAME_WORD = re.compile(r"\b[A-Z][\w'’-]{2,}")


def _agent_names(c: Claim, alias: dict[str, str]) -> set[str]:
    """The named entities (after the story's aliases) of the claim's agent, else its subject,
    places aside: "the attack in Nice" names where, not who."""
    who = c.agent or c.subject or ""
    return {alias.get(n.lower(), n.lower()) for n in c.entities
            if n and n not in c.places and re.search(rf"(?<!\w){re.escape(n)}(?!\w)", who)}


def _named_subjects_differ(c1: Claim, c2: Claim, alias: dict[str, str]) -> bool:
    """Whether both claims have a subject naming someone and the names share nothing, after
    the story's aliases (:func:`_aliases`): "The White House did not immediately respond to a
    request for comment" / "Moore's campaign did not immediately respond ..." are a formula
    said of two parties, not one statement."""

    def names(c: Claim) -> set[str]:
        subject = c.subject or ""
        if subject.split()[:1] and subject.split()[0].lower() in _STOP:
            subject = subject.split(" ", 1)[1] if " " in subject else ""
        found = {alias.get(n.lower(), n.lower()) for n in [*c.entities, *c.places]
                 if n and n in subject}
        return found | {w.lower() for w in _NAME_WORD.findall(subject)}

    n1, n2 = names(c1), names(c2)
    return bool(n1) and bool(n2) and not n1 & n2


def _words_of(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower().replace("’", "'"))


def _longest_run(a: list[str], b: list[str]) -> int:
    """The most consecutive words ``a`` and ``b`` share."""
    return SequenceMatcher(None, a, b, autojunk=False).find_longest_match().size


def _verbatim_links(claims: list[Claim], embedded: np.ndarray,
                    story: Story | None = None) -> list[tuple[int, int, int]]:
    """Pairs of sentence claims of different articles (not a wire copy and its original) that
    share VERBATIM_WORDS or more consecutive words, each the other's longest match in the
    other article: (i, j, words). A run of words found in more than VERBATIM_MAX_CLAIMS claims
    is a formula, not a statement, and links nothing (it also bounds the cost in a story of
    many reprints)."""
    copies = (story.copies if story is not None else {}) or {}
    words = [_words_of(c.text) for c in claims]
    index: dict[tuple[str, ...], list[int]] = {}
    for i, w in enumerate(words):
        if not embedded[i]:
            for k in range(len(w) - VERBATIM_WORDS + 1):
                index.setdefault(tuple(w[k:k + VERBATIM_WORDS]), []).append(i)
    shared: dict[tuple[int, int], int] = {}  # shingles in common: a run of n words gives n - 7
    for members in index.values():
        members = sorted(set(members))
        if len(members) > VERBATIM_MAX_CLAIMS:
            continue
        for i, j in combinations(members, 2):
            a, b = claims[i].article, claims[j].article
            if a != b and copies.get(a) != b and copies.get(b) != a:
                shared[(i, j)] = shared.get((i, j), 0) + 1
    best: dict[tuple[int, str], tuple[int, int]] = {}  # (claim, other article) -> (n, claim)
    for (i, j), n in shared.items():
        for a, b in ((i, j), (j, i)):
            key = (a, claims[b].article)
            if key not in best or n > best[key][0]:
                best[key] = (n, b)
    return [(i, j, _longest_run(words[i], words[j])) for (i, j) in sorted(shared)
            if best[(i, claims[j].article)][1] == j and best[(j, claims[i].article)][1] == i]


def _geo_links(claims: list[Claim], story: Story) -> list[tuple[int, int, str]]:
    """Claims of different articles that state the distance or direction of one place from
    another (the story's geo checks: same subject, same reference point, directions within
    ``GEO_BEARING_TOL`` degrees): one measurement, whatever the rest of the sentences say."""
    feature = {p.name: p.feature or "" for p in story.places}

    def point(name: str) -> bool:  # a town or a site: a distance from it is well defined
        return name in feature and is_point(feature[name])

    stated = []
    for g in story.geo_checks:
        st = g.stated
        if not g.sources or not st.get("subject") or not st.get("reference") or (
                "distance_km" not in st) or not (point(st["subject"]) and point(st["reference"])):
            continue
        src = g.sources[0]
        for i, c in enumerate(claims):
            if c.article == src.article and c.span.start <= src.start < c.span.end:
                stated.append((i, st))
                break
    out = []
    for (i, a), (j, b) in combinations(stated, 2):
        if (claims[i].article == claims[j].article or a["subject"] != b["subject"]
                or a["reference"] != b["reference"]):
            continue
        if "bearing_deg" in a and "bearing_deg" in b:
            diff = abs(a["bearing_deg"] - b["bearing_deg"]) % 360
            if min(diff, 360 - diff) > GEO_BEARING_TOL:
                continue
        out.append((i, j, f"both give the distance of {a['subject']} from {a['reference']}"))
    return out


def _compared(claim: Claim, article: Article, value: str | None = None) -> Compared:
    return Compared(source=article.source_ref(claim.span.start, claim.span.end), value=value,
                    asserted_by=claim.asserted_by)


def _group_id(members: list[tuple[Claim, Article]], prefix: str = "cl") -> str:
    key = "|".join(sorted(c.id for c, _ in members))
    return f"{prefix}-" + hashlib.sha1(key.encode()).hexdigest()[:10]


def _link_score(members: list[tuple[Claim, Article]], links: dict) -> float | None:
    ids = {c.id for c, _ in members}
    vals = [s for (a, b), s in links.get("links", {}).items() if a in ids and b in ids]
    return round(min(vals), 3) if vals else None


def judge_group(members: list[tuple[Claim, Article]], story: Story,
                links: dict | None = None) -> StoryClaim:
    links = links or {}
    members.sort(key=lambda m: (m[1].published_date() is None, str(m[1].published_date()),
                                m[1].id, m[0].span.start))
    sources = {claim_source(c, a, story) for c, a in members}
    # a statement before a clause with no subject at all ("killed at least 50 people", cut from
    # a sentence whose subject the parse lost), a sentence before a noun with its clause, and a
    # statement told whole before a clause that leaves its subject to another
    # (and of what was asked, the question in the party's words before a "whether" clause);
    # then one that names what it is about before one whose subject is a pronoun ("Farenthold
    # used $84,000 ..." before "She sued him and was paid $84,000 ...")
    rep = max(members, key=lambda m: (not m[0].subjectless, not m[0].noun_phrase,
                                      m[0].shared is None, not _pronoun_subject(m[0]),
                                      len(m[0].values), m[0].text.endswith("?"),
                                      -len(m[0].text)))[0]
    refs = [a.source_ref(c.span.start, c.span.end) for c, a in members]
    outlets = sorted({a.outlet or a.id for _, a in members})
    score = _link_score(members, links)
    method = (f"{links.get('method', 'tfidf')} similarity >= "
              f"{links.get('threshold', 0):g}")
    values = sorted({q.text for c, _ in members for q in c.values})
    found = None
    if any(c.question for c, _ in members):
        pass  # what was asked is no statement of fact: nothing to compare, deny or negate
    elif len(sources) == 1:
        found = denied(members, story)
    else:
        scored = links.get("links", {})
        pairs = independent_pairs(members, story, {frozenset(p) for p in scored})
        strong = independent_pairs(members, story, {frozenset(p) for p, v in scored.items()
                                                    if v >= STRONG_LINK})
        judged = links.get("judged", {})
        for compare in (compare_values, denied, compare_negation, compare_times,
                        compare_places, attribution_conflict):
            found = (denied(members, story) if compare is denied else compare(pairs, story))
            if (found is not None and found[0] == Verdict.contradicted
                    and compare in (compare_negation, compare_times, compare_places)):
                # Dates and places differ between related statements far more often than
                # numbers of one kind about one thing: a conflict needs a strong link, and
                # none where the entailment judge finds one statement states the other (a
                # negation or a date read on the wrong clause).
                found = compare([p for p in (pairs if compare is compare_negation else strong)
                                 if not _supported(p, judged)], story)
            if found is not None:
                break
    if found is not None:
        verdict, rule, summary, compared, vals = found
        geo = links.get("geo", {})
        reasons = sorted({r for p, r in geo.items() if p <= {c.id for c, _ in members}})
        if reasons and verdict in (Verdict.contradicted, Verdict.compatible, Verdict.contested):
            summary += f" Aligned because {'; '.join(reasons)} (geo checks)."
        summary += _verbatim_note(members, links)
        expl = Explanation(summary=summary, rule=rule, score=score, compared=compared)
        values = vals or values
    elif len(sources) > 1:
        verdict = Verdict.corroborated
        confirmed = [j for p, j in links.get("judged", {}).items()
                     if p <= {c.id for c, _ in members} and j.supported]
        checked = (f"; the entailment judge finds one states the other (weakest p_support "
                   f"{min(j.p_support for j in confirmed):.2f})" if confirmed else "")
        expl = Explanation(
            summary=(f"Stated by {len(sources)} independent sources "
                     f"({', '.join(source_labels(members, story))}); aligned by {method}"
                     + (f", weakest link {score:g}" if score is not None else "")
                     + checked + "." + _verbatim_note(members, links)),
            rule="aligned-across-sources" + ("+entailment" if confirmed else ""), score=score,
            compared=[_compared(c, a, ", ".join(q.text for q in c.values) or None)
                      for c, a in members])
    else:
        verdict = Verdict.single_source
        n_art = len(members)
        who = members[0][1].outlet or members[0][1].id
        part = (links or {}).get("held", {}).get(members[0][0].id) if n_art == 1 else None
        summary = (f"Only {who} states this"
                   + (f" ({n_art} copies of one source)." if n_art > 1 else
                      f"; other sources state only its phrase \"{part}\", judged on its own."
                      if part else f"; no claim of another source reaches {method}."))
        expl = Explanation(summary=summary, rule=("phrase-aligned-alone" if part else
                                                  "no-aligned-claim-in-other-sources"),
                           compared=[_compared(c, a, ", ".join(q.text for q in c.values) or None)
                                     for c, a in members])
    text = f"[{rep.shared}] {rep.text}" if rep.shared else rep.text
    return StoryClaim(id=_group_id(members), text=text, verdict=verdict, explanation=expl,
                      sources=refs, values=values, independent_sources=len(sources),
                      outlets=outlets, claims=[c.id for c, _ in members])


def _pronoun_subject(c: Claim) -> bool:
    """Whether a claim's subject is a personal pronoun ("She sued him"), which names no one
    when the claim is told apart from its article."""
    return (c.subject or "").strip().lower() in UNNAMED_SPEAKERS


def _verbatim_note(members: list[tuple[Claim, Article]], links: dict) -> str:
    """The explanation's note on links made by shared words (VERBATIM_WORDS), if any."""
    ids = {c.id for c, _ in members}
    runs = [n for p, n in links.get("verbatim", {}).items() if p <= ids]
    figures = sorted({f for p, f in links.get("figure", {}).items() if p <= ids})
    days = sorted({d for p, d in links.get("dated", {}).items() if p <= ids})
    return ((f" Linked also where two statements share {min(runs)} or more words verbatim."
             if runs else "")
            + (f" Linked also where two statements, each the other's closest match, state the "
               f"figure {', '.join(figures)}." if figures else "")
            + (f" Linked also where two statements, each the other's closest match, tell what one "
               f"named party did on one day ({', '.join(days)})." if days else ""))


def _supported(pair, judged: dict[frozenset[str], LinkJudgement]) -> bool:
    (c1, _), (c2, _) = pair
    j = judged.get(frozenset((c1.id, c2.id)))
    return j is not None and j.supported


def _cross_source_links(claims: list[Claim], story: Story, articles: dict[str, Article],
                        links: dict) -> list[tuple[Claim, Claim]]:
    by_id = {c.id: c for c in claims}
    out = []
    for a, b in links.get("links", {}):
        c1, c2 = by_id[a], by_id[b]
        if claim_source(c1, articles[c1.article], story) != claim_source(
                c2, articles[c2.article], story):
            out.append((c1, c2))
    return out


def split_unsupported(members: list[tuple[Claim, Article]], story: Story, links: dict,
                      judged_whole: StoryClaim) -> list[StoryClaim]:
    """A group aligned by similarity, without conflict (``judged_whole``: its corroborated
    verdict), cut where the entailment judge finds that neither linked claim states the other:
    only supported links corroborate. A piece left with one source says which aligned claim it
    was not found to state, and why."""
    judged: dict[frozenset[str], LinkJudgement] = links.get("judged", {})
    verbatim = links.get("verbatim", {})
    figure = links.get("figure", {})
    dated = links.get("dated", {})
    where = {c.id: k for k, (c, _) in enumerate(members)}
    uf = UnionFind(len(members))
    rejected: dict[str, list[tuple[str, LinkJudgement]]] = {}
    for a, b in links.get("links", {}):
        if a not in where or b not in where:
            continue
        j = judged.get(frozenset((a, b)))
        key = frozenset((a, b))
        if (j is None or j.supported or key in verbatim
                or ((key in figure or key in dated) and not j.conflict_signals)):
            # same-source links are not put to the judge; words shared verbatim state one
            # thing, whatever else either sentence adds; so does one figure stated by two
            # sentences that are each other's closest match, unless the judge sees a conflict
            uf.union(where[a], where[b])
        else:
            rejected.setdefault(a, []).append((b, j))
            rejected.setdefault(b, []).append((a, j))
    pieces = [[members[k] for k in g] for g in uf.groups()]
    if len(pieces) == 1:
        return [judged_whole]
    by_id = {c.id: (c, a) for c, a in members}
    out = []
    for piece in pieces:
        sc = judge_group(piece, story, links)
        if sc.verdict == Verdict.single_source:
            near = [(j.p_support, other, j) for c, _ in piece
                    for other, j in rejected.get(c.id, [])]
            if near:
                p, other, j = max(near, key=lambda x: x[0])
                oc, oa = by_id[other]
                sc.explanation.summary = (
                    sc.explanation.summary.split(";")[0].rstrip(".")
                    + f"; aligned with {oa.outlet or oa.id}'s \"{oc.text}\", but neither states "
                    f"the other ({j.summary()}).")
                sc.explanation.rule = "aligned-not-entailed"
                sc.explanation.score = round(p, 3)
        out.append(sc)
    return out


def _overlap(a, b) -> bool:
    return a.article == b.article and a.start < b.end and b.start < a.end


_ORDER = {Verdict.contradicted: 0, Verdict.contested: 1, Verdict.attribution_differs: 2,
          Verdict.compatible: 3, Verdict.corroborated: 4, Verdict.single_source: 5}


def _embedded_alone(sc: StoryClaim, embedded: set[str]) -> bool:
    """A fact stated inside another claim's sentence that no other article's claim was aligned
    with: its sentence's claim already reports it, with whatever verdict that earns."""
    return (all(c in embedded for c in sc.claims)
            and len({s.article for s in sc.sources}) == 1)


def judge(story: Story, articles: dict[str, Article]) -> Story:
    for a in articles.values():
        if a.copy_of and a.copy_of in articles:
            story.copies.setdefault(a.id, a.copy_of)
    claims = [c for aid in story.articles if aid in articles for c in articles[aid].claims]
    if len({c.article for c in claims}) > 1:
        groups, links = align(claims, story)
    else:  # one article: nothing to align, so no need to embed its claims
        groups, links = [[c] for c in claims], {}
    if links:
        pairs = _cross_source_links(claims, story, articles, links)
        links["judged"] = judge_links(
            pairs, {frozenset(p): v for p, v in links["links"].items()}, STRONG_LINK,
            {c.id: pronoun_party(c, articles[c.article])
             for c in {c.id: c for pair in pairs for c in pair}.values()},  # once per claim
            lambda c, offset, pronoun: object_party(c, articles[c.article], offset, pronoun))
    out = []
    embedded = {c.id for c in claims if c.part_of}
    for g in groups:
        members = [(c, articles[c.article]) for c in g]
        sc = judge_group(members, story, links)
        out.extend(x for x in (split_unsupported(members, story, links, sc)
                               if sc.verdict == Verdict.corroborated else [sc])
                   if not _embedded_alone(x, embedded))
    stated = [c for c in claims if not c.part_of]
    out.extend(contested_claims(stated, articles, story))
    # a denial the groups already judged ("..., which the company denied") is told once
    denials = [c.source for sc in out if sc.verdict == Verdict.contested
               for c in sc.explanation.compared if c.value == "denies"]
    out.extend(d for d in dispute_claims(stated, articles, story, groups)
               if not any(_overlap(d.explanation.compared[1].source, x) for x in denials))
    for conflict in role_conflicts(story, articles):
        # the group that aligned the two sentences takes the difference as its verdict, so
        # that no account tells the sentence as corroborated
        held = next((sc for sc in out if sc.verdict == Verdict.corroborated and all(
            any(_overlap(r, x) for x in sc.sources) for r in conflict.sources)), None)
        if held is None:
            out.append(conflict)
            continue
        held.verdict, held.explanation, held.values = (
            conflict.verdict, conflict.explanation, conflict.values)
    out.sort(key=lambda sc: (_ORDER[sc.verdict], -sc.independent_sources, sc.sources[0].article,
                             sc.sources[0].start))
    story.claims = out
    return story


judge_stage = story_stage(
    "judge", needs={"article.claims", "article.denials", "article.text", "article.sentences",
                    "article.places", "article.outlet", "article.published", "article.copy_of",
                    "story.entities", "story.places", "story.geo_checks"},
    adds={"story.claims", "story.copies"})(judge)
