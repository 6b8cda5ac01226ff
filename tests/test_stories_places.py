"""Story clustering at feed density: like events in far-apart places stay separate stories while
reports of one event join; a story never grows past MAX_STORY_ARTICLES, in the batch and in the
incremental index alike."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from consilience.model import Article, Place, Span
from consilience.stories import cluster as clustering
from consilience.stories.cluster import cluster, cluster_features, far_places
from consilience.stories.features import StoryFeatures, compute_features, key_places
from consilience.stories.state import StoryIndex
from consilience.store import Store

# Two storms two weeks apart, in Gdansk and in Valencia, each told by two outlets in the words
# such reports share.
STORMS = [
    ("gd-1", "Storm kills three in Gdansk",
     "A storm with winds of up to 140 kilometres an hour hit Gdansk on Tuesday, killing three "
     "people and cutting power to 20,000 homes. Trees fell across roads in the old town. The "
     "city's fire service said crews were called out more than 400 times overnight.",
     date(2025, 3, 4)),
    ("gd-2", "Gdansk storm leaves three dead and thousands without power",
     "Three people died when a storm swept through Gdansk on Tuesday, bringing down trees and "
     "power lines. About 20,000 homes had no electricity on Wednesday morning. Ferries to the "
     "peninsula were suspended.",
     date(2025, 3, 5)),
    ("va-1", "Storm kills two in Valencia",
     "A storm with winds of up to 120 kilometres an hour hit Valencia on Thursday, killing two "
     "people and cutting power to 15,000 homes. Trees fell across streets near the port. The "
     "regional emergency service said it had received 600 calls.",
     date(2025, 3, 20)),
    ("va-2", "Valencia storm leaves two dead, thousands without power",
     "Two people were killed when a storm battered Valencia on Thursday, tearing roofs off "
     "buildings. About 15,000 homes were still without electricity on Friday. Flights at the "
     "airport were cancelled.",
     date(2025, 3, 21)),
]


@pytest.fixture(scope="module")
def storms() -> list[Article]:
    from consilience.api import analyze_articles
    from consilience.clean.furniture import clean_stage
    from consilience.clean.language import language_stage
    from consilience.geo.places import places_stage
    from consilience.nlp.annotate import annotate_stage
    from consilience.pipeline import Pipeline

    arts = [Article(id=i, title=t, input_text=x, text=x, published=d) for i, t, x, d in STORMS]
    pipe = Pipeline(article_stages=[clean_stage, language_stage, annotate_stage, places_stage])
    done, rejected = analyze_articles(arts, pipeline=pipe, workers=1)
    assert not rejected
    return sorted(done, key=lambda a: a.id)


def groups(stories) -> set[frozenset[str]]:
    return {frozenset(s.articles) for s in stories}


def one_at_a_time(arts: list[Article], db) -> dict[str, str]:
    with Store(db) as store:
        index = StoryIndex(store)
        for a in sorted(arts, key=lambda a: (a.published, a.id)):
            index.add([a])
        return index.stories()


def test_like_events_in_far_apart_places_are_separate_stories(storms, monkeypatch, tmp_path):
    f = compute_features(storms)
    assert [p[0] for p in f.places[0]] == ["gdansk"]  # the lead's town is the key place
    with monkeypatch.context() as m:  # without the place penalty the two storms are one story
        m.setattr(clustering, "PLACE_PENALTY", 0.0)
        assert groups(cluster(storms)) == {frozenset(s[0] for s in STORMS)}
    assert groups(cluster(storms)) == {frozenset({"gd-1", "gd-2"}), frozenset({"va-1", "va-2"})}
    # the incremental index reads the key places back from the store: same stories
    assert one_at_a_time(storms, tmp_path / "s.db") == {
        a: s.id for s in cluster(storms) for a in s.articles}


def _place(name: str, lat: float, lon: float, start: int, feature: str = "PPL",
           population: int = 500_000) -> Place:
    return Place(name=name, lat=lat, lon=lon, feature=feature, population=population,
                 mentions=[Span(start=start, end=start + len(name), input_start=start,
                                input_end=start + len(name))])


def test_key_places_are_lead_towns_and_near_by_distance_or_name():
    text = ("A fire broke out in Lyon, France, on Monday. Crews came from Villeurbanne. "
            "Officials said. The mayor spoke. Later, a minister flew in from Paris.")
    art = Article(id="a", input_text=text, text=text, places=[
        _place("France", 46.0, 2.0, text.index("France"), feature="PCLI"),  # a country: no
        _place("Lyon", 45.75, 4.85, text.index("Lyon")),
        _place("Villeurbanne", 45.77, 4.88, text.index("Villeurbanne")),
        _place("Paris", 48.85, 2.35, text.index("Paris")),  # after the lead
        _place("Tiny", 45.0, 4.0, 0, population=300)])  # too small to trust
    assert [p[0] for p in key_places(art)] == ["lyon", "villeurbanne"]
    places = [[["lyon", 45.75, 4.85]], [["villeurbanne", 45.77, 4.88]],  # 4 km apart: near
              [["valencia", 39.47, -0.38]], [["valencia", 10.16, -68.0]],  # same name: near
              [["gdansk", 54.35, 18.65]], []]  # far from all; no place: never far
    f = StoryFeatures([str(i) for i in range(6)], np.zeros((6, 768), np.float32),
                      [[] for _ in range(6)], np.zeros(6), [None] * 6, [""] * 6, places)
    idx = np.arange(6)
    far = far_places(f, idx, idx)
    assert not far[0, 1] and not far[2, 3] and far[0, 2] and far[3, 4] and far[0, 4]
    assert not far[5].any() and not far[:, 5].any() and not far.diagonal().any()


def _one_event(n: int, seed: int = 0) -> StoryFeatures:
    """``n`` reports of one event: vectors close to one direction, same day, one wire copy."""
    rng = np.random.default_rng(seed)
    centre = rng.normal(size=768)
    vecs = centre + 0.6 * np.linalg.norm(centre) / np.sqrt(768) * rng.normal(size=(n, 768))
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    ids = [f"r{i:03d}" for i in range(n)]
    copy_of = [None] * n
    copy_of[7] = "r003"
    return StoryFeatures(ids, vecs.astype(np.float32), [[] for _ in ids], np.full(n, 739000.0),
                         copy_of, [""] * n)


def test_a_story_is_never_larger_than_the_bound(monkeypatch):
    f = _one_event(130)
    with monkeypatch.context() as m:
        m.setattr(clustering, "MAX_STORY_ARTICLES", 10**6)
        assert [len(g) for g in cluster_features(f)] == [130]  # the linkage joins them all
    parts = cluster_features(f)
    assert len(parts) >= 3
    assert max(len(p) for p in parts) <= clustering.MAX_STORY_ARTICLES
    assert sorted(i for p in parts for i in p) == list(range(130))  # each article once
    assert any({3, 7} <= set(p) for p in parts)  # the wire copy stays with its original
    small = _one_event(clustering.MAX_STORY_ARTICLES)
    assert [len(g) for g in cluster_features(small)] == [clustering.MAX_STORY_ARTICLES]


def test_size_bound_same_one_at_a_time(storms, monkeypatch, tmp_path):
    monkeypatch.setattr(clustering, "PLACE_PENALTY", 0.0)  # the four storms: one cluster
    monkeypatch.setattr(clustering, "MAX_STORY_ARTICLES", 2)
    batch = cluster(storms)
    assert max(len(s.articles) for s in batch) <= 2 and len(batch) >= 2
    assert one_at_a_time(storms, tmp_path / "s.db") == {
        a: s.id for s in batch for a in s.articles}
