"""Near-duplicate and wire-copy detection: articles that reprint the same copy are linked.

Each article's clean text becomes a set of word shingles (runs of :data:`SHINGLE_WORDS` words)
hashed into a MinHash signature (datasketch); an LSH index finds candidate pairs without comparing
every pair; a candidate is a copy when the estimated share of the *shorter* article's shingles
found in the other (containment) reaches :data:`MIN_CONTAINMENT`. Containment rather than
Jaccard similarity, because a reprint is often trimmed or extended: a new headline and an added
paragraph leave most of the original's shingles in the reprint.

Linked articles form groups; in each group the earliest published (then the first read) is the
original and every other member's ``copy_of`` is the original's id. Two reports of the same event
in different words share few five-word runs (quotes and names, well under a tenth) and are not
linked.

:class:`CopyIndex` keeps signatures so that a new article can be checked against those seen
before (``match``) and added (``add``); :func:`mark_copies` runs a batch through one.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from datetime import date, datetime, timezone

from ..model import Article

#: Words per shingle. Five-word runs are rare to repeat by chance across independent reports
#: (names and set phrases are shorter) yet survive light editing of a reprint.
SHINGLE_WORDS = 5
#: MinHash permutations: the standard error of a Jaccard estimate is about 1/sqrt(128) ~ 0.09
#: at J = 0.5 and much less near 0 and 1, where decisions are made.
NUM_PERM = 128
#: LSH Jaccard threshold for candidate pairs; low enough that a reprint of half the original
#: (Jaccard 0.5, containment 1.0) is still a candidate. Candidates are then checked by containment.
LSH_THRESHOLD = 0.3
#: Share of the shorter article's shingles that must occur in the other. Reprints measured with
#: a new headline, a changed first sentence and an added paragraph score above 0.8; independent
#: reports of one event score under 0.1.
MIN_CONTAINMENT = 0.6
#: Articles with fewer shingles than this (about 30 words) are too short to call copies.
MIN_SHINGLES = 25
#: datasketch's permutation scheme (its default since 2.0), named so stored signatures stay
#: comparable if the library's default changes.
SCHEME = "affine32"
_WORD = re.compile(r"\w+")
_SEED = 1


def shingles(text: str, k: int = SHINGLE_WORDS) -> set[bytes]:
    words = _WORD.findall(text.lower())
    if len(words) < k:
        return set()
    return {" ".join(words[i:i + k]).encode("utf-8") for i in range(len(words) - k + 1)}


@lru_cache(maxsize=1)
def _permutations():
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=SCHEME).permutations


def signature(shingle_set: set[bytes]):
    """MinHash of a shingle set. Shingles are hashed with CRC-32 (deterministic across runs and
    machines, and about twice as fast as datasketch's default SHA-1 on news-length texts); the
    permutations are drawn once per process from a fixed seed."""
    from datasketch import MinHash

    m = MinHash(num_perm=NUM_PERM, seed=_SEED, hashfunc=zlib.crc32, scheme=SCHEME,
                permutations=_permutations())
    if shingle_set:
        m.update_batch(list(shingle_set))
    return m


def containment(jaccard: float, size_a: int, size_b: int) -> float:
    """Share of the smaller set inside the larger, from their Jaccard similarity and sizes:
    |A ∩ B| = J (|A| + |B|) / (1 + J)."""
    if not size_a or not size_b:
        return 0.0
    inter = jaccard * (size_a + size_b) / (1 + jaccard)
    return min(1.0, inter / min(size_a, size_b))


@dataclass
class _Entry:
    id: str
    minhash: object
    size: int
    order: tuple


def _order(article: Article, position: int) -> tuple:
    """Sort key for "earliest": publication time (unknown last), then reading order."""
    pub = article.published
    if isinstance(pub, datetime):
        utc = pub.astimezone(timezone.utc) if pub.tzinfo is not None else pub
        key = (0, utc.replace(tzinfo=None).isoformat())
    elif isinstance(pub, date):
        key = (0, pub.isoformat())
    else:
        key = (1, "")
    return (*key, position)


class CopyIndex:
    """MinHash signatures of articles seen so far, searchable by LSH."""

    def __init__(self) -> None:
        from datasketch import MinHashLSH

        self._lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
        self._entries: dict[str, _Entry] = {}

    def __len__(self) -> int:
        return len(self._entries)

    def _entry(self, article: Article, position: int) -> _Entry | None:
        sh = shingles(article.text or article.input_text)
        if len(sh) < MIN_SHINGLES:
            return None
        return _Entry(article.id, signature(sh), len(sh), _order(article, position))

    def _similar(self, entry: _Entry) -> list[tuple[float, _Entry]]:
        found = []
        for key in self._lsh.query(entry.minhash):
            other = self._entries[key]
            if other.id == entry.id:
                continue
            j = entry.minhash.jaccard(other.minhash)  # type: ignore[attr-defined]
            c = containment(j, entry.size, other.size)
            if c >= MIN_CONTAINMENT:
                found.append((c, other))
        return found

    def match(self, article: Article) -> str | None:
        """The id of the stored article that ``article`` reprints (the root of its group), or
        None."""
        entry = self._entry(article, len(self._entries))
        if entry is None:
            return None
        found = self._similar(entry)
        return max(found, key=lambda f: (f[0], f[1].id))[1].id if found else None

    def add(self, article: Article, position: int | None = None) -> list[str]:
        """Store ``article``; return the ids of stored articles it shares copy with."""
        entry = self._entry(article, len(self._entries) if position is None else position)
        if entry is None or entry.id in self._entries:
            return []
        linked = [o.id for _, o in self._similar(entry)]
        self._lsh.insert(entry.id, entry.minhash)
        self._entries[entry.id] = entry
        return linked

    def order(self, article_id: str) -> tuple:
        return self._entries[article_id].order


def _find(parent: dict[str, str], x: str) -> str:
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x


def copy_groups(articles: Iterable[Article], index: CopyIndex | None = None) -> list[list[str]]:
    """Groups (two or more ids) of articles that reprint the same copy, each sorted earliest
    first."""
    index = index or CopyIndex()
    arts = list(articles)
    parent = {a.id: a.id for a in arts}
    for pos, art in enumerate(arts):
        for other in index.add(art, pos):
            if other in parent:
                parent[_find(parent, art.id)] = _find(parent, other)
    groups: dict[str, list[str]] = {}
    for a in arts:
        groups.setdefault(_find(parent, a.id), []).append(a.id)
    pos = {a.id: i for i, a in enumerate(arts)}
    by_id = {a.id: a for a in arts}
    return [sorted(g, key=lambda i: _order(by_id[i], pos[i]))
            for g in groups.values() if len(g) > 1]


def mark_copies(articles: list[Article], index: CopyIndex | None = None) -> None:
    """Set ``copy_of`` on every article that reprints another in ``articles`` (to the id of the
    earliest article of its group) and clear it on the others: the batch decides."""
    by_id = {a.id: a for a in articles}
    for a in articles:
        a.copy_of = None
    for group in copy_groups(articles, index):
        original, *copies = group
        for cid in copies:
            by_id[cid].copy_of = original


__all__ = ["CopyIndex", "MIN_CONTAINMENT", "containment", "copy_groups", "mark_copies",
           "shingles", "signature"]
