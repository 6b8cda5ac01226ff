"""Incremental story clustering with its state kept in the store.

Per article the store keeps (table ``story_state``, migrations ``0002_story_state`` and
``0004_story_state_places``) the vector, entity keys, key places and day the clusterer compared, the candidate-graph component it belongs to and its
story. New articles are compared with the stored articles of their time window only; the
components they touch are re-clustered with the batch's average linkage; nothing else is
read. Because the candidate graph is the same whichever order its edges were found in, adding
articles one at a time gives the stories of one batch run over all of them (up to ties in
floating point). A story keeps its id as articles join it or it absorbs another story (the id of
the story of its earliest stored member); a new story takes its id from its earliest member, as
a batch does, so ids of a feed in publication order are those of one batch run.

A re-added article whose text, date, entities and copy link are unchanged keeps its place; a
changed one is re-clustered (its old component is not split again: a rebuild from the store,
:meth:`StoryIndex.rebuild`, does that).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import numpy as np

from ..model import Article, Story
from . import cluster as _cluster
from .cluster import (CANDIDATE_MIN_ARTICLES, CANDIDATE_WINDOW_DAYS, UnionFind, candidate_pairs,
                      cluster, cluster_component, copy_pairs, make_story, sort_stories)
from .features import VECTOR_DIM, StoryFeatures, compute_features, empty_features

_COLUMNS = ("article_id, story_id, component, day, copy_of, text_hash, title, entities, vector,"
            " places")


@dataclass
class _Rows:
    features: StoryFeatures
    components: list[str]
    titles: dict[str, str]
    stories: list[str]


def _day_sql(day: float) -> int | None:
    return None if np.isnan(day) else int(day)


class StoryIndex:
    """Stories kept in a :class:`~consilience.store.Store`, updated as articles arrive."""

    def __init__(self, store) -> None:
        self.store = store
        self.conn = store.conn

    # reading ------------------------------------------------------------------------------
    def _rows(self, where: str, params: tuple = ()) -> _Rows:
        rows = self.conn.execute(f"SELECT {_COLUMNS} FROM story_state {where}", params).fetchall()
        if not rows:
            return _Rows(empty_features(), [], {}, [])
        f = StoryFeatures(
            ids=[r["article_id"] for r in rows],
            vectors=np.vstack([np.frombuffer(r["vector"], np.float32) for r in rows]).reshape(
                len(rows), VECTOR_DIM),
            entities=[json.loads(r["entities"]) for r in rows],
            days=np.array([np.nan if r["day"] is None else r["day"] for r in rows], np.float64),
            copy_of=[r["copy_of"] for r in rows],
            hashes=[r["text_hash"] for r in rows],
            places=[json.loads(r["places"]) for r in rows])
        return _Rows(f, [r["component"] for r in rows],
                     {r["article_id"]: r["title"] or "" for r in rows},
                     [r["story_id"] for r in rows])

    def _context(self, new: StoryFeatures) -> _Rows:
        """Stored articles that can be candidates of ``new``: a contiguous run of the stored
        publication order around the new articles' days, and the undated."""
        dated = new.days[~np.isnan(new.days)]
        if len(dated) < len(new) or not len(dated):
            return self._rows("")
        lo, hi = int(dated.min()) - CANDIDATE_WINDOW_DAYS, int(dated.max()) + CANDIDATE_WINDOW_DAYS
        before = self.conn.execute(
            "SELECT day, article_id FROM story_state WHERE day IS NOT NULL AND day < ?"
            " ORDER BY day DESC, article_id DESC LIMIT 1 OFFSET ?",
            (int(dated.min()), CANDIDATE_MIN_ARTICLES - 1)).fetchone()
        after = self.conn.execute(
            "SELECT day, article_id FROM story_state WHERE day IS NOT NULL AND day > ?"
            " ORDER BY day, article_id LIMIT 1 OFFSET ?",
            (int(dated.max()), CANDIDATE_MIN_ARTICLES - 1)).fetchone()
        lo = min(lo, before["day"]) if before else -10**9
        hi = max(hi, after["day"]) if after else 10**9
        return self._rows("WHERE day IS NULL OR (day BETWEEN ? AND ?)", (lo, hi))

    def _components(self, names: set[str], settled: dict[str, int] | None = None) -> _Rows:
        """The stored rows of components ``names``; of a component in ``settled``, only the
        rows after its first ``settled[name]`` in the clusterer's order."""
        settled = {n: k for n, k in (settled or {}).items() if n in names and k}
        whole = sorted(set(names) - set(settled))
        parts = []
        if whole:
            marks = ",".join("?" * len(whole))
            parts.append(self._rows(f"WHERE component IN ({marks})", tuple(whole)))
        for name, k in sorted(settled.items()):
            parts.append(self._rows("WHERE component = ? ORDER BY day IS NULL, day, article_id"
                                    " LIMIT -1 OFFSET ?", (name, k)))
        if len(parts) == 1:
            return parts[0]
        return _Rows(StoryFeatures.concat([p.features for p in parts]),
                     [c for p in parts for c in p.components],
                     {a: t for p in parts for a, t in p.titles.items()},
                     [x for p in parts for x in p.stories])

    def _settled(self, name: str, fresh: StoryFeatures) -> int:
        """How many of component ``name``'s stored rows, in the clusterer's order (day, then
        id; undated last), lie in the slices of ``MAX_COMPONENT`` rows before the first slice
        that ``fresh`` reaches. A component that large is clustered slice by slice
        (:func:`.cluster.cluster_component`), so those rows keep their stories: they are
        neither read nor written again, and a feed's new articles cost the last slice, not the
        whole component (which, for like events told in like words, can span the archive)."""
        limit = _cluster.MAX_COMPONENT
        total = self.conn.execute("SELECT count(*) FROM story_state WHERE component = ?",
                                  (name,)).fetchone()[0]
        if total + len(fresh) <= limit:
            return 0
        first = min(range(len(fresh)), key=lambda i: (np.isnan(fresh.days[i]),
                                                      0.0 if np.isnan(fresh.days[i])
                                                      else fresh.days[i], fresh.ids[i]))
        day, aid = fresh.days[first], fresh.ids[first]
        if np.isnan(day):
            before = self.conn.execute(
                "SELECT count(*) FROM story_state WHERE component = ? AND (day IS NOT NULL OR"
                " article_id < ?)", (name, aid)).fetchone()[0]
        else:
            before = self.conn.execute(
                "SELECT count(*) FROM story_state WHERE component = ? AND day IS NOT NULL AND"
                " (day < ? OR (day = ? AND article_id < ?))",
                (name, int(day), int(day), aid)).fetchone()[0]
        return before // limit * limit

    def unchanged(self, f: StoryFeatures) -> set[str]:
        """Ids of ``f`` stored with the same text, day, entities and copy link."""
        if not len(f):
            return set()
        marks = ",".join("?" * len(f))
        stored = {r["article_id"]: r for r in self.conn.execute(
            f"SELECT article_id, day, copy_of, text_hash, entities, places FROM story_state"
            f" WHERE article_id IN ({marks})", tuple(f.ids))}
        same = set()
        for i, a in enumerate(f.ids):
            r = stored.get(a)
            if r and (r["text_hash"], r["copy_of"], r["day"], json.loads(r["entities"]),
                      json.loads(r["places"])) == (
                    f.hashes[i], f.copy_of[i], _day_sql(f.days[i]), f.entities[i], f.places[i]):
                same.add(a)
        return same

    def stored_vectors(self, ids: list[str], hashes: list[str]) -> dict[str, np.ndarray]:
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        want = dict(zip(ids, hashes))
        return {r["article_id"]: np.frombuffer(r["vector"], np.float32) for r in self.conn.execute(
            f"SELECT article_id, text_hash, vector FROM story_state WHERE article_id IN ({marks})",
            tuple(ids)) if want.get(r["article_id"]) == r["text_hash"]}

    def stories(self) -> dict[str, str]:
        """Article id -> story id of everything stored."""
        return {r[0]: r[1] for r in self.conn.execute(
            "SELECT article_id, story_id FROM story_state")}

    def components_of(self, article_ids: set[str]) -> set[str]:
        """The components holding ``article_ids``."""
        if not article_ids:
            return set()
        marks = ",".join("?" * len(article_ids))
        return {r[0] for r in self.conn.execute(
            f"SELECT component FROM story_state WHERE article_id IN ({marks})",
            tuple(sorted(article_ids)))}

    # updating -----------------------------------------------------------------------------
    def features(self, articles: list[Article]) -> StoryFeatures:
        """Features of ``articles``, reusing stored vectors of unchanged text."""
        f = compute_features(articles, vectors=np.zeros((len(articles), VECTOR_DIM), np.float32))
        known = self.stored_vectors(f.ids, f.hashes)
        todo = [i for i, a in enumerate(f.ids) if a not in known]
        if todo:
            from .features import article_vectors

            f.vectors[todo] = article_vectors([articles[i] for i in todo])
        for i, a in enumerate(f.ids):
            if a in known:
                f.vectors[i] = known[a]
        return f

    def add(self, articles: list[Article]) -> list[Story]:
        """Add (or replace) ``articles``; return every story that holds one of them, with all
        its members, stored or new."""
        by_id = {a.id: a for a in articles}
        articles = list(by_id.values())
        f = self.features(articles)
        # One write transaction from reading the index to writing it back, so that runs on
        # the same store at once update it one after another, each against the other's result.
        with self.store.transaction():
            same = self.unchanged(f)
            fresh = f.subset([i for i, a in enumerate(f.ids) if a not in same])
            touched = self.components_of(same)
            settled: dict[str, int] = {}
            if len(fresh):
                # an article stored before and changed now leaves its old place in the order,
                # so no slice is taken as settled
                replaced = bool(self.components_of(set(fresh.ids)))
                self._forget(fresh.ids)
                names, settled = self._insert(fresh, by_id, settle=not replaced)
                touched |= names
            members = self._components(touched, settled)
        stories = []
        for rows in _group_by(members.stories):
            story = make_story(members.features, rows, by_id, members.titles)
            story.id = members.stories[rows[0]]
            stories.append(story)
        return sort_stories(stories)

    def _forget(self, ids: list[str]) -> None:
        marks = ",".join("?" * len(ids))
        with self.store.transaction() as c:
            c.execute(f"DELETE FROM story_state WHERE article_id IN ({marks})", tuple(ids))

    def _insert(self, fresh: StoryFeatures, by_id: dict[str, Article], settle: bool = True
                ) -> tuple[set[str], dict[str, int]]:
        """Link ``fresh`` into the candidate graph, re-cluster the components it touches and
        store the result. Returns the names of the resulting components, and for a single
        large component the stored rows it left as they were (see :meth:`_settled`)."""
        ctx = self._context(fresh)
        both = StoryFeatures.concat([ctx.features, fresh])
        is_new = np.zeros(len(both), bool)
        is_new[len(ctx.features):] = True
        edges = [(both.ids[i], both.ids[j]) for i, j in candidate_pairs(both, new=is_new)]
        hit = {ctx.components[i] for e in candidate_pairs_rows(edges, ctx.features.ids)
               for i in e}
        hit |= self.components_of({c for c in fresh.copy_of if c})
        # One component touched: the slices before the new articles stay as they are. (Two
        # or more are merged by the new articles, and their slices change: all is read.)
        settled = ({n: self._settled(n, fresh) for n in hit} if settle and len(hit) == 1
                   else {})
        old = self._components(hit, settled)
        work = StoryFeatures.concat([old.features, fresh])
        titles = dict(old.titles)
        titles.update({a: by_id[a].title or "" for a in fresh.ids if a in by_id})
        index = {a: i for i, a in enumerate(work.ids)}
        uf = UnionFind(len(work))
        first: dict[str, int] = {}
        for i, comp in enumerate(old.components):
            uf.union(first.setdefault(comp, i), i)
        stored = dict(zip(ctx.features.ids, ctx.components))
        for a, b in edges:
            if a in index and b in index:
                uf.union(index[a], index[b])
            else:  # an edge into the settled rows: the new article is in that component
                comp = stored.get(a if a not in index else b)
                new = index[b if a not in index else a]
                uf.union(first.setdefault(comp, new), new)
        for i, j in copy_pairs(work):
            uf.union(i, j)
        previous = dict(zip(old.features.ids, old.stories))
        names: set[str] = set()
        rows_out = []
        taken: set[str] = set()
        # the component whose first rows stay keeps its name (its earliest member's)
        keeps_name = {uf.find(first[n]): n for n in settled if settled[n] and n in first}
        for comp in uf.groups():
            name = keeps_name.get(uf.find(comp[0])) or make_story(work, comp).id
            names.add(name)
            for rows in cluster_component(work, comp):
                sid = _kept_id(work, rows, previous, taken)
                rows_out += [(work.ids[i], sid, name, i) for i in rows]
        self._write(work, rows_out, titles)
        return names, {n: k for n, k in settled.items() if k}

    def _write(self, work: StoryFeatures, rows_out: list[tuple[str, str, str, int]],
               titles: dict[str, str]) -> None:
        with self.store.transaction() as c:
            c.executemany(
                f"INSERT OR REPLACE INTO story_state ({_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?)",
                [(a, story, comp, _day_sql(work.days[i]), work.copy_of[i], work.hashes[i],
                  titles.get(a, ""), json.dumps(work.entities[i]),
                  np.ascontiguousarray(work.vectors[i], np.float32).tobytes(),
                  json.dumps(work.places[i]))
                 for a, story, comp, i in rows_out])

    def rebuild(self) -> int:
        """Re-cluster everything stored (as one batch would) and rewrite the state."""
        with self.store.transaction():
            return self._rebuild()

    def _rebuild(self) -> int:
        everything = self._rows("")
        f = everything.features
        if not len(f):
            return 0
        uf = UnionFind(len(f))
        for i, j in list(candidate_pairs(f)) + copy_pairs(f):
            uf.union(i, j)
        rows_out = []
        for comp in uf.groups():
            name = make_story(f, comp).id
            for rows in cluster_component(f, comp):
                sid = make_story(f, rows).id
                rows_out += [(f.ids[i], sid, name, i) for i in rows]
        with self.store.transaction() as c:
            c.execute("DELETE FROM story_state")
            self._write(f, rows_out, everything.titles)
        return len(f)


def _kept_id(f: StoryFeatures, rows: list[int], previous: dict[str, str], taken: set[str]) -> str:
    """A re-clustered story keeps the id of the stored story of its earliest stored member
    (unless another part of a split kept it first); a story of new articles only gets its id
    from its earliest member, as in a batch."""
    ordered = make_story(f, rows).articles
    for a in ordered:
        sid = previous.get(a)
        if sid is not None:
            if sid not in taken:
                taken.add(sid)
                return sid
            break
    sid = make_story(f, rows).id
    taken.add(sid)
    return sid


def candidate_pairs_rows(edges: list[tuple[str, str]], ids: list[str]) -> list[tuple[int]]:
    """For each edge, the positions in ``ids`` of its ends that are there."""
    index = {a: i for i, a in enumerate(ids)}
    return [tuple(index[x] for x in e if x in index) for e in edges]


def _group_by(labels: list[str]) -> list[list[int]]:
    out: dict[str, list[int]] = {}
    for i, lab in enumerate(labels):
        out.setdefault(lab, []).append(i)
    return list(out.values())


class StoryClusterer:
    """The pipeline's clusterer: a batch when called, incremental through a store."""

    needs = frozenset({"text"})

    def __call__(self, articles: list[Article]) -> list[Story]:
        return cluster(articles)

    def update(self, articles: list[Article], store) -> list[Story]:
        return StoryIndex(store).add(articles)

    def prepare(self, articles: list[Article]) -> list[tuple[str, np.ndarray]]:
        """The articles' vectors keyed by what each was computed from, where the article stages
        ran (a worker process), for :meth:`accept` in the process that clusters. A vector does
        not depend on the batch it was encoded in, so clustering is unchanged."""
        from .features import article_vectors, text_hash

        return list(zip([text_hash(a) for a in articles], article_vectors(articles)))

    def accept(self, prepared: list[tuple[str, np.ndarray]]) -> None:
        """Keep vectors made by :meth:`prepare` for clustering in this process."""
        from .features import remember_vectors

        remember_vectors(prepared)


story_clusterer = StoryClusterer()

__all__ = ["StoryClusterer", "StoryIndex", "story_clusterer"]
