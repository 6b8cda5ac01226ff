"""Stories: articles about the same event grouped together.

First level: TF-IDF cosine over title and text, blended with the overlap of named entities and
damped by distance in publication time, then average-linkage agglomerative clustering at one
distance threshold. Story ids derive from the earliest member, so they are stable when unrelated
articles are added.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime

import numpy as np

from ..model import Article, Story

#: Weight of TF-IDF cosine against entity overlap in the similarity (tuned on the dev sets).
TEXT_WEIGHT = 0.75
#: Average-linkage distance at which two groups stop being merged.
DISTANCE_THRESHOLD = 0.80
#: Articles further apart in time than this many days count as less similar.
TIME_WINDOW_DAYS = 7
TIME_PENALTY = 0.5


def _day(a: Article) -> date | None:
    p = a.published
    return p.date() if isinstance(p, datetime) else p


def _entity_sets(articles: list[Article]) -> list[set[str]]:
    return [{e.name.lower() for e in a.entities if e.type in ("person", "organization", "place")}
            for a in articles]


def similarity_matrix(articles: list[Article]) -> np.ndarray:
    from sklearn.feature_extraction.text import TfidfVectorizer

    docs = [f"{a.title or ''}\n{a.text}" for a in articles]
    vec = TfidfVectorizer(sublinear_tf=True, stop_words="english", min_df=1)
    x = vec.fit_transform(docs)
    sim = (x @ x.T).toarray()
    ents = _entity_sets(articles)
    n = len(articles)
    ent = np.zeros((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            if ents[i] and ents[j]:
                ent[i, j] = ent[j, i] = len(ents[i] & ents[j]) / len(ents[i] | ents[j])
    sim = TEXT_WEIGHT * sim + (1 - TEXT_WEIGHT) * ent
    days = [_day(a) for a in articles]
    for i in range(n):
        for j in range(i + 1, n):
            if days[i] and days[j] and abs((days[i] - days[j]).days) > TIME_WINDOW_DAYS:
                sim[i, j] *= TIME_PENALTY
                sim[j, i] = sim[i, j]
    np.fill_diagonal(sim, 1.0)
    return sim


def cluster_labels(sim: np.ndarray, threshold: float = DISTANCE_THRESHOLD) -> list[int]:
    n = sim.shape[0]
    if n == 1:
        return [0]
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    dist = np.clip(1.0 - sim, 0.0, None)
    np.fill_diagonal(dist, 0.0)
    z = linkage(squareform(dist, checks=False), method="average")
    return [int(x) for x in fcluster(z, t=threshold, criterion="distance")]


def story_id(member_ids: list[str]) -> str:
    return "st-" + hashlib.sha1(member_ids[0].encode()).hexdigest()[:10]


def _order_key(a: Article) -> tuple[str, str]:
    d = _day(a)
    return (d.isoformat() if d else "9999", a.id)


def make_stories(articles: list[Article], labels: list[int]) -> list[Story]:
    groups: dict[int, list[Article]] = {}
    for a, lab in zip(articles, labels):
        groups.setdefault(lab, []).append(a)
    stories = []
    for members in groups.values():
        members.sort(key=_order_key)
        ids = [a.id for a in members]
        title = next((a.title for a in members if a.title), None) or (
            members[0].text.split("\n", 1)[0][:120])
        stories.append(Story(id=story_id(ids), title=title, articles=ids))
    stories.sort(key=lambda s: (-len(s.articles), s.id))
    return stories


def cluster(articles: list[Article]) -> list[Story]:
    """Group articles into stories."""
    if not articles:
        return []
    return make_stories(articles, cluster_labels(similarity_matrix(articles)))
