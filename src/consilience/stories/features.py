"""What the story clusterer compares: per article, a dense vector, entity keys, key places (the
towns its lead names, see :func:`key_places`) and a day.

The dense vector concatenates two unit-length MiniLM embeddings, one of the headline and one of
the headline with the lead sentences, scaled by 1/sqrt(2): the dot product of two such vectors
is the mean of the two cosines. Headlines carry the event; the lead adds the who and where that
headlines leave out (one view alone was 1 to 3 points of B-cubed F1 weaker on the dev sets).
"""

from __future__ import annotations

import hashlib
import re
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date, datetime

import numpy as np
from scipy import sparse

from ..model import Article
from .embeddings import DIM, embed

#: Lead sentences embedded with the headline (2, 4 and 8 were tried; 4 was the most stable).
LEAD_SENTENCES = 4
#: Entity types whose names identify an event's participants and places.
KEY_ENTITY_TYPES = ("person", "organization", "place")
VECTOR_DIM = 2 * DIM
#: Located places kept per article for the distance between two articles' places: its most
#: mentioned places of town size or smaller (see :func:`key_places`).
PLACE_SLOTS = 4
#: ... named in the article's first this many sentences (where a report says where it happened),
PLACE_LEAD_SENTENCES = 3
#: ... of at least this many inhabitants: a small place of the gazetteer named like a word or a
#: person ("Mars", "Over", "Clinton") is more often a wrong resolution than the event's place.
PLACE_MIN_POPULATION = 15000

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


@dataclass
class StoryFeatures:
    """Features of a list of articles, row ``i`` describing ``ids[i]``."""

    ids: list[str]
    vectors: np.ndarray           # (n, VECTOR_DIM) float32
    entities: list[list[str]]     # normalised entity keys per article
    days: np.ndarray              # (n,) float64 day ordinals, NaN when unknown
    copy_of: list[str | None]
    hashes: list[str]
    #: per article, its key places as ``[name key, lat, lon]`` (see :func:`key_places`)
    places: list[list] | None = None

    def __post_init__(self) -> None:
        if self.places is None:
            self.places = [[] for _ in self.ids]
        self.place_units, self.place_names = place_arrays(self.places)

    def __len__(self) -> int:
        return len(self.ids)

    def subset(self, rows: list[int] | np.ndarray) -> StoryFeatures:
        rows = list(rows)
        return StoryFeatures([self.ids[i] for i in rows], self.vectors[rows],
                             [self.entities[i] for i in rows], self.days[rows],
                             [self.copy_of[i] for i in rows], [self.hashes[i] for i in rows],
                             [self.places[i] for i in rows])

    @staticmethod
    def concat(parts: list[StoryFeatures]) -> StoryFeatures:
        parts = [p for p in parts if len(p)]
        if not parts:
            return empty_features()
        return StoryFeatures([i for p in parts for i in p.ids],
                             np.vstack([p.vectors for p in parts]),
                             [e for p in parts for e in p.entities],
                             np.concatenate([p.days for p in parts]),
                             [c for p in parts for c in p.copy_of],
                             [h for p in parts for h in p.hashes],
                             [q for p in parts for q in p.places])


def empty_features() -> StoryFeatures:
    return StoryFeatures([], np.zeros((0, VECTOR_DIM), np.float32), [], np.zeros(0), [], [])


def day_of(article: Article) -> float:
    """The publication day's ordinal, NaN when unknown. A date inferred from the article's
    story (``published_inferred``) is not used: it is set after clustering, so using it would
    make a rerun over the same store order and cluster the stories otherwise than the first
    run."""
    if article.published_inferred:
        return float("nan")
    p = article.published
    if isinstance(p, datetime):
        p = p.date()
    return float(p.toordinal()) if isinstance(p, date) else float("nan")


def entity_key(name: str) -> str:
    """A spelling-tolerant key: ASCII, lower case, no title, article or possessive."""
    from .entities import normalize_name

    return normalize_name(name)


def entity_keys(article: Article) -> list[str]:
    keys = {entity_key(e.name) for e in article.entities if e.type in KEY_ENTITY_TYPES}
    keys |= {entity_key(p.name) for p in article.places}
    return sorted(k for k in keys if k)


def _local_feature(feature: str | None) -> bool:
    """A gazetteer feature of town size or smaller: populated places (PPL*), second and lower
    administrative divisions, buildings. Countries, first-level divisions, continents, seas,
    rivers and regions are too large to say where an event happened."""
    if not feature:
        return False
    if feature.startswith("PPL") or feature == "BLDG":
        return True
    return feature.startswith("ADM") and feature[3:4].isdigit() and feature[3] != "1"


def lead_end(article: Article, n: int | None = None) -> int:
    """Character offset where the article's first ``n`` (PLACE_LEAD_SENTENCES) sentences end."""
    n = n or PLACE_LEAD_SENTENCES
    if article.sentences:
        return article.sentences[min(n, len(article.sentences)) - 1].end
    ends = [m.end() for m in _SENTENCE_END.finditer(article.text[:4000])]
    return ends[n - 1] if len(ends) >= n else len(article.text)


def key_places(article: Article, slots: int | None = None) -> list[list]:
    """The located places of town size or smaller, of PLACE_MIN_POPULATION or more, named in
    the article's lead (its first PLACE_LEAD_SENTENCES sentences), most mentioned first (then
    first mentioned), at most ``slots`` (PLACE_SLOTS), as ``[name key, lat, lon]``."""
    slots = slots or PLACE_SLOTS
    end = lead_end(article)
    found = []
    for p in article.places:
        if p.lat is None or p.lon is None or not _local_feature(p.feature):
            continue
        if (p.population or 0) < PLACE_MIN_POPULATION:
            continue
        if not any(m.start < end for m in p.mentions):
            continue
        key = entity_key(p.name)
        if not key:
            continue
        first = min((m.start for m in p.mentions), default=1 << 30)
        found.append((-len(p.mentions), first, key, float(p.lat), float(p.lon)))
    out: list[list] = []
    for _, _, key, lat, lon in sorted(found):
        if all(key != k for k, _, _ in out):
            out.append([key, round(lat, 4), round(lon, 4)])
        if len(out) == slots:
            break
    return out


def place_arrays(places: list[list]) -> tuple[np.ndarray, np.ndarray]:
    """Unit vectors on the sphere ``(n, PLACE_SLOTS, 3)`` (zero where a slot is empty) and name
    ids ``(n, PLACE_SLOTS)`` (-1 where empty) of per-article key places."""
    n = len(places)
    units = np.zeros((n, PLACE_SLOTS, 3), np.float32)
    names = np.full((n, PLACE_SLOTS), -1, np.int64)
    for i, plist in enumerate(places):
        for k, (key, lat, lon) in enumerate(plist[:PLACE_SLOTS]):
            la, lo = np.radians(lat), np.radians(lon)
            units[i, k] = (np.cos(la) * np.cos(lo), np.cos(la) * np.sin(lo), np.sin(la))
            names[i, k] = int.from_bytes(hashlib.blake2b(key.encode(), digest_size=7).digest(),
                                         "little")
    return units, names


def lead_sentences(article: Article, n: int = LEAD_SENTENCES) -> list[str]:
    if article.sentences:
        return [s.text for s in article.sentences[:n]]
    parts = [p.strip() for p in _SENTENCE_END.split(article.text[:4000]) if p.strip()]
    return parts[:n]


def headline(article: Article) -> str:
    if article.title and article.title.strip():
        return article.title.strip()
    lead = lead_sentences(article, 1)
    return lead[0] if lead else ""


def lead_text(article: Article) -> str:
    return ". ".join([headline(article)] + lead_sentences(article))


def text_hash(article: Article) -> str:
    """Identity of what the vector was computed from."""
    h = hashlib.sha1()
    h.update(headline(article).encode("utf-8", "surrogatepass"))
    h.update(b"\x00")
    h.update(lead_text(article).encode("utf-8", "surrogatepass"))
    return h.hexdigest()[:16]


#: Vectors of recently embedded texts kept in memory (3 KB each), so that an article clustered
#: again in the same process (a batch, then the incremental index) is not embedded twice.
VECTOR_CACHE_SIZE = 20_000
_VECTOR_CACHE: OrderedDict[str, np.ndarray] = OrderedDict()


def article_vectors(articles: list[Article]) -> np.ndarray:
    out = np.zeros((len(articles), VECTOR_DIM), np.float32)
    keys = [text_hash(a) for a in articles]
    todo = [i for i, k in enumerate(keys) if k not in _VECTOR_CACHE]
    if todo:
        titles = embed([headline(articles[i]) for i in todo])
        leads = embed([lead_text(articles[i]) for i in todo])
        out[todo] = np.hstack([titles, leads]) / np.sqrt(2.0)
        remember_vectors([(keys[i], out[i]) for i in todo])
    fresh = set(todo)
    for i, k in enumerate(keys):
        if i not in fresh:
            out[i] = _VECTOR_CACHE[k]
            _VECTOR_CACHE.move_to_end(k)
    return out


def remember_vectors(pairs: list[tuple[str, np.ndarray]]) -> None:
    """Keep vectors computed elsewhere (a worker process), keyed by :func:`text_hash`."""
    for key, vec in pairs:
        _VECTOR_CACHE[key] = np.asarray(vec, np.float32).copy()
        _VECTOR_CACHE.move_to_end(key)
    while len(_VECTOR_CACHE) > VECTOR_CACHE_SIZE:
        _VECTOR_CACHE.popitem(last=False)


def compute_features(articles: list[Article], vectors: np.ndarray | None = None) -> StoryFeatures:
    """Features of ``articles``; ``vectors`` may be given when they are known already."""
    if vectors is None:
        vectors = article_vectors(articles)
    return StoryFeatures(
        ids=[a.id for a in articles],
        vectors=np.asarray(vectors, np.float32).reshape(len(articles), VECTOR_DIM),
        entities=[entity_keys(a) for a in articles],
        days=np.array([day_of(a) for a in articles], dtype=np.float64),
        copy_of=[a.copy_of for a in articles],
        hashes=[text_hash(a) for a in articles],
        places=[key_places(a) for a in articles],
    )


def entity_matrix(entities: list[list[str]]) -> sparse.csr_matrix:
    """Rows of unit-length binary entity indicators: a row product is the entity cosine."""
    vocab: dict[str, int] = {}
    rows, cols, vals = [], [], []
    for i, keys in enumerate(entities):
        if not keys:
            continue
        w = 1.0 / np.sqrt(len(keys))
        for k in keys:
            rows.append(i)
            cols.append(vocab.setdefault(k, len(vocab)))
            vals.append(w)
    return sparse.csr_matrix((vals, (rows, cols)), shape=(len(entities), max(len(vocab), 1)),
                             dtype=np.float32)
