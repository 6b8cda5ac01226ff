"""Alignment of claims across a story's articles, and verdicts with their reasons.

Alignment: claims of different articles are linked when their TF-IDF cosine (fitted on the
story's claims) plus a bonus for shared entities reaches ``ALIGN_THRESHOLD`` and each is the
other's best match in its article. Linked claims form groups (connected components).

Verdicts, in order of precedence:
- ``contradicted``: two members from independent sources give values of the same kind (after
  conversion to base units) that differ by more than ``VALUE_TOLERANCE`` and neither is hedged.
- ``compatible``: values differ but one is hedged ("about", "more than") and covers the other.
- ``corroborated``: members from two or more independent sources.
- ``single-source``: one source only (reprints of one wire copy are one source).
"""

from __future__ import annotations

import hashlib
from itertools import combinations

import numpy as np

from ..model import (Article, Claim, Compared, Explanation, Quantity, Story, StoryClaim, Verdict)
from ..pipeline import story_stage

#: Minimum blended similarity for two claims of different articles to be aligned.
ALIGN_THRESHOLD = 0.30
#: Weight of shared entities (Jaccard) added to the TF-IDF cosine of two claims.
ENTITY_BONUS = 0.25
#: Relative difference under which two values of one kind count as the same (rounding).
VALUE_TOLERANCE = 0.07
#: Hedges under which a stated value is a bound or an estimate, not an exact figure.
LOWER_BOUND = {"more than", "over", "at least", "just over", "dozens of", "hundreds of",
               "thousands of", "dozens", "hundreds", "thousands"}
UPPER_BOUND = {"up to", "fewer than", "less than", "under", "as many as", "nearly", "almost",
               "just under", "close to"}


def source_key(article: Article, story: Story) -> str:
    """Independent-source identity: the outlet, with wire copies folded into their original."""
    root = story.copies.get(article.id, article.id)
    return f"copy:{root}" if root != article.id else (article.outlet or article.id)


def _similarities(claims: list[Claim]) -> np.ndarray:
    from sklearn.feature_extraction.text import TfidfVectorizer

    vec = TfidfVectorizer(stop_words="english", sublinear_tf=True)
    try:
        x = vec.fit_transform([c.text for c in claims])
    except ValueError:  # only stop words
        return np.zeros((len(claims), len(claims)))
    sim = (x @ x.T).toarray()
    ents = [set(c.entities) | set(c.places) for c in claims]
    for i, j in combinations(range(len(claims)), 2):
        if ents[i] and ents[j]:
            bonus = ENTITY_BONUS * len(ents[i] & ents[j]) / len(ents[i] | ents[j])
            sim[i, j] += bonus
            sim[j, i] += bonus
    return sim


def align(claims: list[Claim]) -> list[list[Claim]]:
    """Groups of claims that state the same thing, at most one... per article pair link."""
    n = len(claims)
    if n == 0:
        return []
    sim = _similarities(claims)
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_article: dict[str, list[int]] = {}
    for i, c in enumerate(claims):
        by_article.setdefault(c.article, []).append(i)
    for a, b in combinations(sorted(by_article), 2):
        ia, ib = by_article[a], by_article[b]
        block = sim[np.ix_(ia, ib)]
        for r, i in enumerate(ia):
            c = int(np.argmax(block[r]))
            j = ib[c]
            if block[r, c] >= ALIGN_THRESHOLD and int(np.argmax(block[:, c])) == r:
                parent[find(i)] = find(j)
    groups: dict[int, list[Claim]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(claims[i])
    return list(groups.values())


def _hedge_allows(q1: Quantity, q2: Quantity) -> bool:
    """Whether a hedged value covers the other ("more than 10" and 12)."""
    for a, b in ((q1, q2), (q2, q1)):
        if a.approx in LOWER_BOUND and b.base_value >= a.base_value:
            return True
        if a.approx in UPPER_BOUND and b.base_value <= a.base_value:
            return True
    return False


def _close(q1: Quantity, q2: Quantity, tol: float) -> bool:
    b1, b2 = q1.base_value or 0.0, q2.base_value or 0.0
    return abs(b1 - b2) <= tol * max(abs(b1), abs(b2), 1e-9)


def compare_values(members: list[tuple[Claim, Article]], story: Story):
    """Find the strongest value conflict among members from different sources."""
    best = None
    for (c1, a1), (c2, a2) in combinations(members, 2):
        if source_key(a1, story) == source_key(a2, story):
            continue
        for q1 in c1.values:
            for q2 in c2.values:
                if q1.kind != q2.kind or q1.base_value is None or q2.base_value is None:
                    continue
                if q1.kind == "count" and (q1.subject or "") != (q2.subject or ""):
                    continue
                tol = VALUE_TOLERANCE * (3 if (q1.approx or q2.approx) else 1)
                if _close(q1, q2, tol):
                    continue
                kind = "compatible" if _hedge_allows(q1, q2) else "contradicted"
                if best is None or (best[0] == "compatible" and kind == "contradicted"):
                    best = (kind, (c1, a1, q1), (c2, a2, q2))
    return best


def _compared(claim: Claim, article: Article, value: str | None = None) -> Compared:
    return Compared(source=article.source_ref(claim.span.start, claim.span.end), value=value,
                    asserted_by=claim.asserted_by)


def judge_group(members: list[tuple[Claim, Article]], story: Story) -> StoryClaim:
    members.sort(key=lambda m: (m[1].published_date() is None, str(m[1].published_date()), m[1].id))
    sources = {source_key(a, story) for _, a in members}
    rep = max(members, key=lambda m: (len(m[0].values), -len(m[0].text)))[0]
    refs = [a.source_ref(c.span.start, c.span.end) for c, a in members]
    outlets = sorted({a.outlet or a.id for _, a in members})
    gid = "cl-" + hashlib.sha1("|".join(sorted(c.id for c, _ in members)).encode()).hexdigest()[:10]
    conflict = compare_values(members, story) if len(sources) > 1 else None
    if conflict:
        kind, (c1, a1, q1), (c2, a2, q2) = conflict
        verdict = Verdict.contradicted if kind == "contradicted" else Verdict.compatible
        rule = "values-differ" if kind == "contradicted" else "hedged-value-covers-other"
        summary = (f"{a1.id} gives {q1.text!r} ({q1.base_value:g} {q1.base_unit or ''}) and "
                   f"{a2.id} gives {q2.text!r} ({q2.base_value:g} {q2.base_unit or ''}) for the "
                   f"same {q1.kind}; " + ("they cannot both hold." if kind == "contradicted" else
                                           "the hedged figure allows the other."))
        expl = Explanation(summary=summary, rule=rule, compared=[
            _compared(c1, a1, f"{q1.base_value:g} {q1.base_unit or ''}".strip()),
            _compared(c2, a2, f"{q2.base_value:g} {q2.base_unit or ''}".strip())])
        values = [q1.text, q2.text]
    elif len(sources) > 1:
        verdict = Verdict.corroborated
        expl = Explanation(
            summary=f"Stated by {len(sources)} independent sources ({', '.join(sorted(sources))}).",
            rule="aligned-across-sources", compared=[_compared(c, a) for c, a in members])
        values = sorted({q.text for c, _ in members for q in c.values})
    else:
        verdict = Verdict.single_source
        n_art = len(members)
        summary = (f"Only {members[0][1].outlet or members[0][1].id} states this"
                   + (f" ({n_art} copies of one source)." if n_art > 1 else "."))
        expl = Explanation(summary=summary, rule="no-aligned-claim-in-other-sources",
                           compared=[_compared(c, a) for c, a in members])
        values = sorted({q.text for c, _ in members for q in c.values})
    return StoryClaim(id=gid, text=rep.text, verdict=verdict, explanation=expl, sources=refs,
                      values=values, independent_sources=len(sources), outlets=outlets,
                      claims=[c.id for c, _ in members])


_ORDER = {Verdict.contradicted: 0, Verdict.contested: 1, Verdict.attribution_differs: 2,
          Verdict.compatible: 3, Verdict.corroborated: 4, Verdict.single_source: 5}


def judge(story: Story, articles: dict[str, Article]) -> Story:
    for a in articles.values():
        if a.copy_of and a.copy_of in articles:
            story.copies[a.id] = a.copy_of
    claims = [c for aid in story.articles if aid in articles for c in articles[aid].claims]
    out = []
    for group in align(claims):
        out.append(judge_group([(c, articles[c.article]) for c in group], story))
    out.sort(key=lambda sc: (_ORDER[sc.verdict], -sc.independent_sources, sc.sources[0].article,
                             sc.sources[0].start))
    story.claims = out
    return story


judge_stage = story_stage("judge", needs={"article.claims"}, adds={"story.claims"})(judge)
