"""Stories: articles about the same event grouped together.

Similarity of two articles: the mean cosine of their headline and lead embeddings (MiniLM, see
:mod:`.features`), blended with the cosine of their named entities and places, less a penalty
that grows with the distance in publication time and a penalty when the towns their leads name
are far apart (see :func:`far_places`). Stories are the clusters of average-linkage
agglomerative clustering cut at ``JOIN_SIMILARITY``, each then cut into events where its members'
publication days leave a silence of more than ``EVENT_GAP_DAYS`` (see :func:`split_events`), and
cut along its linkage tree when it holds more than ``MAX_STORY_ARTICLES`` (see
:func:`bound_size`).

Scale: an average-linkage cluster at threshold t lies inside one connected component of the graph
of pairs with similarity >= t (a group whose mean similarity reaches t has at least one pair that
does). So candidate pairs are found in time blocks (each article against those published within
``CANDIDATE_WINDOW_DAYS``, one matrix product per block of ``BLOCK_ROWS`` articles), the graph's
components are taken, and average linkage runs densely inside each component. Cost grows with the
number of articles times the articles in a window, not with its square.

The same functions serve a batch (:func:`cluster`) and the incremental index in :mod:`.state`,
which re-clusters only the components that new articles touch: both give the same stories.
Story ids derive from the earliest member, so they are stable when articles are added elsewhere.
Wire copies (``Article.copy_of``) are kept in their original's story and listed in
``Story.copies``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

import numpy as np
from scipy import sparse

from ..model import Article, Story
from .features import StoryFeatures, compute_features, entity_matrix

#: Weight of the entity cosine against the embedding cosine. Tuned on the dev clustering sets
#: (0, 0.1 and 0.2 tried); 0.1 was best on both with the same threshold.
ENTITY_WEIGHT = 0.1
#: Largest penalty for publication-time distance, reached at TIME_GRACE_DAYS + TIME_RAMP_DAYS.
#: Without it, separate events on one theme weeks apart merge (0.05 to 0.2 tried).
TIME_PENALTY = 0.1
#: Reports of one event within this many days of each other are not penalised.
TIME_GRACE_DAYS = 7
#: Days over which the penalty grows linearly from 0 to TIME_PENALTY.
TIME_RAMP_DAYS = 30
#: Penalty for two articles whose key places (the towns their leads name, see
#: :func:`.features.key_places`) are all far apart: same-kind events in different places (two
#: storms, two factory fires) are told in the same words, and only the place tells them apart.
#: Articles without a key place are not penalised. Set on half A of the dev clustering gold
#: (0.1 to 0.5 tried): the largest penalty that cost that half nothing (docs/stories.md).
PLACE_PENALTY = 0.3
#: Key places closer than this (great-circle km), or of the same name, are near each other
#: (150 and 400 tied on half A; the larger makes fewer pairs far apart).
PLACE_NEAR_KM = 400.0
#: Average-linkage similarity at which clusters stop merging (cosine distance 0.65). Both dev
#: sets score B-cubed F1 >= 0.95 from 0.36 to 0.30; 0.35 is in the middle of that plateau.
JOIN_SIMILARITY = 0.35
#: Candidate pairs are searched among articles published within this many days of each other,
CANDIDATE_WINDOW_DAYS = 30
#: ... and, where that window holds fewer, among this many neighbours in publication order on
#: each side (so small or sparse collections are compared in full: dated reports of one event in
#: the dev sets lie up to 600 days apart, and a 30-day window alone cost 4 points of B-cubed F1).
CANDIDATE_MIN_ARTICLES = 2000
#: Articles per block of the candidate search (one (BLOCK_ROWS x window) matrix product).
BLOCK_ROWS = 512
#: Components larger than this are clustered in consecutive time slices of this size (a dense
#: 4,000 x 4,000 similarity matrix is 128 MB).
MAX_COMPONENT = 4000
#: Most articles in one story. The story stages compare a story's articles pairwise, so their
#: cost grows with the square of its size; a cluster above this (an over-merge of like events,
#: or a feed's running coverage) is cut along its dendrogram into parts of at most this many
#: before they run, whatever the clusterer joined. The dev sets' stories hold at most 13.
MAX_STORY_ARTICLES = 50
#: Similarity given to a wire copy and its original, so they always share a story.
COPY_SIMILARITY = 1.0
#: Stories are event-sized: a cluster whose members' publication days leave a silence of more
#: than this many days (no member published in between) is split there, related events weeks
#: apart (a standoff and the emergency declared six weeks later, two launches a month apart)
#: becoming separate stories. Reports of one event published over a few days are never split.
EVENT_GAP_DAYS = 21
#: ... unless the two sides are this similar on average (headline/lead and entities, without the
#: time penalty): coverage that repeats the same thing after a silence stays one story. Both set
#: on half A of the dev clustering gold (see docs/stories.md): 21 days scored best there, and
#: 0.65 is the guard that cuts most while costing no more on that half than 0.5 did.
GAP_JOIN_SIMILARITY = 0.65


def time_penalty(gap_days: np.ndarray) -> np.ndarray:
    """Penalty per day gap (float32); unknown dates (NaN) are not penalised."""
    gap = np.nan_to_num(np.abs(gap_days, dtype=np.float32), nan=0.0, copy=False)
    gap -= TIME_GRACE_DAYS
    gap *= TIME_PENALTY / TIME_RAMP_DAYS
    return np.clip(gap, 0.0, TIME_PENALTY, out=gap)


EARTH_RADIUS_KM = 6371.0


def far_places(f: StoryFeatures, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """Boolean (rows x cols): both articles have key places and no key place of one is within
    PLACE_NEAR_KM of, or named as, a key place of the other."""
    nr, nc = f.place_names[rows], f.place_names[cols]
    has_r, has_c = (nr >= 0).any(axis=1), (nc >= 0).any(axis=1)
    far = has_r[:, None] & has_c[None, :]
    if not far.any():
        return far
    ur, uc = f.place_units[rows], f.place_units[cols]
    # near when the unit vectors' dot product reaches the cosine of the angle PLACE_NEAR_KM spans
    near_dot = np.float32(np.cos(PLACE_NEAR_KM / EARTH_RADIUS_KM))
    slots = f.place_names.shape[1]
    for k in range(slots):
        rk = np.nonzero(nr[:, k] >= 0)[0]
        if not len(rk):
            continue
        for m in range(slots):
            cm = np.nonzero(nc[:, m] >= 0)[0]
            if not len(cm):
                continue
            near = (ur[rk, k] @ uc[cm, m].T) >= near_dot
            near |= nr[rk, k][:, None] == nc[cm, m][None, :]
            if near.any():
                far[np.ix_(rk, cm)] &= ~near
    return far


def day_gaps(f: StoryFeatures, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    days = f.days.astype(np.float32)
    return np.abs(days[rows][:, None] - days[cols][None, :])


def similarity(f: StoryFeatures, rows: np.ndarray, cols: np.ndarray,
               ents: sparse.csr_matrix, gaps: np.ndarray | None = None) -> np.ndarray:
    """The blended similarity (float32) of articles ``rows`` (as rows) to ``cols`` (as
    columns); ``gaps`` are their day gaps when already known."""
    sim = f.vectors[rows] @ f.vectors[cols].T
    sim *= 1 - ENTITY_WEIGHT
    if ENTITY_WEIGHT and ents.nnz:
        sim += ENTITY_WEIGHT * (ents[rows] @ ents[cols].T).toarray()
    sim -= time_penalty(day_gaps(f, rows, cols) if gaps is None else gaps)
    if PLACE_PENALTY:
        sim -= PLACE_PENALTY * far_places(f, rows, cols)
    return sim


def _time_order(f: StoryFeatures) -> np.ndarray:
    """Rows sorted by day then id; undated articles last."""
    days = np.where(np.isnan(f.days), np.inf, f.days)
    return np.array(sorted(range(len(f)), key=lambda i: (days[i], f.ids[i])), dtype=np.int64)


def _window(days: np.ndarray, dated: int, start: int, stop: int) -> tuple[int, int]:
    """Positions in the sorted dated ``days`` of the candidates of positions [start, stop)."""
    lo = int(np.searchsorted(days[:dated], days[start] - CANDIDATE_WINDOW_DAYS, side="left"))
    hi = int(np.searchsorted(days[:dated], days[stop - 1] + CANDIDATE_WINDOW_DAYS, side="right"))
    return (min(lo, max(start - CANDIDATE_MIN_ARTICLES, 0)),
            max(hi, min(stop + CANDIDATE_MIN_ARTICLES, dated)))


def in_window(gaps: np.ndarray, rows: np.ndarray, cols: np.ndarray,
              pos: np.ndarray) -> np.ndarray:
    """Which (row, col) pairs are candidates: close in days, or in publication order."""
    near = np.abs(pos[rows][:, None] - pos[cols][None, :]) <= CANDIDATE_MIN_ARTICLES
    near |= ~(gaps > CANDIDATE_WINDOW_DAYS)
    return near


def candidate_pairs(f: StoryFeatures, ents: sparse.csr_matrix | None = None,
                    new: np.ndarray | None = None) -> Iterable[tuple[int, int]]:
    """Pairs (i, j), i < j, published within the window whose similarity reaches
    JOIN_SIMILARITY. With ``new`` (a boolean mask), only pairs with a new article are searched.
    An article of unknown date is compared with all."""
    if ents is None:
        ents = entity_matrix(f.entities)
    order = _time_order(f)
    days = f.days[order]
    dated = int(np.sum(~np.isnan(days)))
    positions = np.arange(len(order)) if new is None else np.nonzero(new[order])[0]
    pos = np.empty(len(order), np.int64)
    pos[order] = np.arange(len(order))
    for a in range(0, len(positions), BLOCK_ROWS):
        block = positions[a:a + BLOCK_ROWS]
        rows = order[block]
        if block[0] >= dated:          # undated rows: every article is a candidate
            lo, hi = 0, dated
        else:
            lo, hi = _window(days, dated, int(block[0]), int(block[block < dated][-1]) + 1)
            if new is None:
                lo = int(block[0])     # earlier columns were searched from their own side
        cols = np.concatenate([order[lo:hi], order[dated:]])
        gaps = day_gaps(f, rows, cols)
        ok = similarity(f, rows, cols, ents, gaps) >= JOIN_SIMILARITY
        ok &= in_window(gaps, rows, cols, pos)
        del gaps
        for r, c in zip(*np.nonzero(ok)):
            i, j = int(rows[r]), int(cols[c])
            if i != j:
                yield (i, j) if i < j else (j, i)


class UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            self.parent[max(ri, rj)] = min(ri, rj)

    def groups(self) -> list[list[int]]:
        out: dict[int, list[int]] = {}
        for i in range(len(self.parent)):
            out.setdefault(self.find(i), []).append(i)
        return list(out.values())


def copy_pairs(f: StoryFeatures) -> list[tuple[int, int]]:
    index = {a: i for i, a in enumerate(f.ids)}
    return [(i, index[c]) for i, c in enumerate(f.copy_of) if c and c in index and index[c] != i]


def components(f: StoryFeatures, links: Iterable[tuple[int, int]] = ()) -> list[list[int]]:
    """Connected components of the candidate graph, wire-copy links and extra ``links``."""
    uf = UnionFind(len(f))
    for i, j in candidate_pairs(f):
        uf.union(i, j)
    for i, j in list(copy_pairs(f)) + list(links):
        uf.union(i, j)
    return uf.groups()


def _dendrogram(f: StoryFeatures, rows: list[int]) -> tuple[StoryFeatures, np.ndarray]:
    """The features of ``rows`` and their average-linkage tree (scipy's linkage matrix)."""
    from scipy.cluster.hierarchy import linkage
    from scipy.spatial.distance import squareform

    sub = f.subset(rows)
    idx = np.arange(len(rows))
    sim = similarity(sub, idx, idx, entity_matrix(sub.entities)).astype(np.float64)
    for i, j in copy_pairs(sub):
        sim[i, j] = sim[j, i] = COPY_SIMILARITY
    sim = (sim + sim.T) / 2
    dist = np.clip(1.0 - sim, 0.0, None)
    np.fill_diagonal(dist, 0.0)
    return sub, linkage(squareform(dist, checks=False), method="average")


def average_linkage(f: StoryFeatures, rows: list[int]) -> list[list[int]]:
    """Average-linkage clusters of ``rows`` cut at JOIN_SIMILARITY, wire copies kept together."""
    if len(rows) == 1:
        return [rows]
    from scipy.cluster.hierarchy import fcluster

    sub, tree = _dendrogram(f, rows)
    labels = fcluster(tree, t=1.0 - JOIN_SIMILARITY, criterion="distance")
    groups: dict[int, list[int]] = {}
    for r, lab in zip(rows, labels):
        groups.setdefault(int(lab), []).append(r)
    return _keep_copies_together(sub, rows, list(groups.values()))


def _keep_copies_together(sub: StoryFeatures, rows: list[int],
                          groups: list[list[int]]) -> list[list[int]]:
    """Move a wire copy into its original's cluster if linkage put it elsewhere."""
    where = {r: g for g, members in enumerate(groups) for r in members}
    for i, j in copy_pairs(sub):
        ri, rj = rows[i], rows[j]
        if where[ri] != where[rj]:
            groups[where[ri]].remove(ri)
            groups[where[rj]].append(ri)
            where[ri] = where[rj]
    return [g for g in groups if g]


def cluster_component(f: StoryFeatures, rows: list[int]) -> list[list[int]]:
    """Clusters of one component, in time slices when it is very large, each split into events
    (see :func:`split_events`)."""
    order = sorted(rows, key=lambda i: (np.inf if np.isnan(f.days[i]) else f.days[i], f.ids[i]))
    out: list[list[int]] = []
    for a in range(0, len(order), MAX_COMPONENT):
        for group in average_linkage(f, order[a:a + MAX_COMPONENT]):
            for part in split_events(f, group):
                out += bound_size(f, part)
    return out


def bound_size(f: StoryFeatures, rows: list[int],
               limit: int | None = None) -> list[list[int]]:
    """``rows`` as they are if they hold at most ``limit`` (MAX_STORY_ARTICLES) articles; else
    cut along their average-linkage tree: from the root down, a subtree of at most ``limit``
    articles is one part, a larger one is split into its two branches (the two groups least
    similar to each other). Every part is a group the linkage formed; a wire copy stays with
    its original."""
    limit = limit or MAX_STORY_ARTICLES
    if len(rows) <= limit:
        return [rows]
    from scipy.cluster.hierarchy import to_tree

    sub, tree = _dendrogram(f, rows)
    parts: list[list[int]] = []
    stack = [to_tree(tree)]
    while stack:
        node = stack.pop()
        if node.get_count() <= limit:
            parts.append(sorted(rows[i] for i in node.pre_order()))
        else:
            stack += [node.get_right(), node.get_left()]
    return _keep_copies_together(sub, rows, parts)


def split_events(f: StoryFeatures, rows: list[int]) -> list[list[int]]:
    """A cluster cut at its publication-day silences longer than EVENT_GAP_DAYS whose two sides
    are less similar than GAP_JOIN_SIMILARITY on average, the longest silence first, then each
    side again. Undated members go with the side they are more similar to; a wire copy stays
    with its original."""
    dated = sorted((i for i in rows if not np.isnan(f.days[i])), key=lambda i: (f.days[i], f.ids[i]))
    if len(dated) < 2 or f.days[dated[-1]] - f.days[dated[0]] <= EVENT_GAP_DAYS:
        return [rows]
    sub = f.subset(rows)
    ents = entity_matrix(sub.entities)
    local = {r: k for k, r in enumerate(rows)}

    def sim(a: list[int], b: list[int]) -> float:
        ia = np.array([local[i] for i in a])
        ib = np.array([local[i] for i in b])
        return float(similarity(sub, ia, ib, ents, np.zeros((len(ia), len(ib)), np.float32)).mean())

    def cut(part: list[int]) -> list[list[int]]:
        gaps = sorted(((f.days[part[k]] - f.days[part[k - 1]], k) for k in range(1, len(part))
                       if f.days[part[k]] - f.days[part[k - 1]] > EVENT_GAP_DAYS),
                      key=lambda g: (-g[0], g[1]))
        for _, k in gaps:
            if sim(part[:k], part[k:]) < GAP_JOIN_SIMILARITY:
                return cut(part[:k]) + cut(part[k:])
        return [part]

    parts = cut(dated)
    if len(parts) == 1:
        return [rows]
    for i in rows:
        if np.isnan(f.days[i]):
            best = max(range(len(parts)), key=lambda p: (sim([i], parts[p]), -p))
            parts[best].append(i)
    return _keep_copies_together(sub, rows, parts)


def story_id(first_member: str) -> str:
    return "st-" + hashlib.sha1(first_member.encode()).hexdigest()[:10]


def make_story(f: StoryFeatures, rows: list[int], articles: dict[str, Article] | None = None,
               titles: dict[str, str] | None = None) -> Story:
    """A Story of ``rows``: members in publication order, id and title from the earliest."""
    rows = sorted(rows, key=lambda i: (np.inf if np.isnan(f.days[i]) else f.days[i], f.ids[i]))
    ids = [f.ids[i] for i in rows]
    members = set(ids)
    copies = {f.ids[i]: f.copy_of[i] for i in rows if f.copy_of[i] in members}
    title = ""
    for a in ids:
        art = articles.get(a) if articles else None
        title = (art.title if art else None) or (titles or {}).get(a) or ""
        if title:
            break
    if not title and articles:
        title = _lead_title([articles[a] for a in ids if a in articles])
    return Story(id=story_id(ids[0]), title=title, articles=ids, copies=copies)


#: A lead sentence up to this long stands in for a missing headline as it is.
TITLE_CHARS = 160


def _lead_title(members: list[Article]) -> str:
    """A title for a story none of whose members has a headline: the first member's lead sentence
    that is short enough to read as one, else the first lead cut at a word boundary."""
    leads = []
    for art in members:
        if art.sentences:
            s = art.sentences[0]
            lead = art.text[s.start:s.end].strip()
        else:
            lead = art.text.strip().split("\n", 1)[0].strip()
        if lead:
            leads.append(" ".join(lead.split()))
    for lead in leads:
        if len(lead) <= TITLE_CHARS:
            return lead
    if not leads:
        return ""
    cut = leads[0][:TITLE_CHARS].rsplit(" ", 1)[0].rstrip(",;:—–- ")
    return cut + "…"


def sort_stories(stories: list[Story]) -> list[Story]:
    return sorted(stories, key=lambda s: (-len(s.articles), s.id))


def cluster_features(f: StoryFeatures) -> list[list[int]]:
    """Story member rows of a batch of features."""
    out: list[list[int]] = []
    for comp in components(f):
        out += cluster_component(f, comp)
    return out


def cluster(articles: list[Article]) -> list[Story]:
    """Group articles into stories (one batch)."""
    if not articles:
        return []
    f = compute_features(articles)
    by_id = {a.id: a for a in articles}
    return sort_stories([make_story(f, rows, by_id) for rows in cluster_features(f)])


__all__ = ["JOIN_SIMILARITY", "MAX_STORY_ARTICLES", "bound_size", "cluster", "cluster_features",
           "far_places", "make_story", "similarity", "split_events", "story_id"]
