"""The vendored country outlines for the offline map."""

from __future__ import annotations

from herald.places import compact, outlines


def contains(polygon: list[list[list[float]]], lon: float, lat: float) -> bool:
    """Even-odd rule over the outline and its holes."""
    inside = False
    for ring in polygon:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
            if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
                inside = not inside
    return inside


def country_at(lon: float, lat: float) -> str | None:
    for f in outlines.load()["features"]:
        if any(contains(p, lon, lat) for p in f["geometry"]["coordinates"]):
            return f["properties"]["iso3"]
    return None


def test_outlines_cover_the_world_with_iso_codes():
    features = outlines.load()["features"]
    assert len(features) > 170
    codes = {f["properties"]["iso3"] for f in features}
    assert {"PRT", "USA", "RUS", "FRA", "NOR"} <= codes


def test_gazetteer_cities_fall_inside_their_country_outline():
    gaz = compact.load_gazetteer()
    for name in ("Lisbon", "Moscow", "Chicago", "Maseru"):
        e = max((m.entry for m in gaz.lookup(name)), key=lambda x: x.population)
        assert country_at(e.lon, e.lat) == e.iso3, name  # Maseru: Lesotho, a hole in South Africa
