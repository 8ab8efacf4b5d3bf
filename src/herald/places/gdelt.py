"""A place in GDELT's ActionGeo columns, for exports that GDELT users can load unchanged.

GDELT 2.0 event files describe the action's place with seven columns: Type (1 country, 2 US
state, 3 US city, 4 world city, 5 world first-level region), FullName, CountryCode and ADM1Code
(FIPS 10-4 codes, not ISO), Lat, Long and FeatureID. herald keeps ISO alpha-3 and GeoNames keys,
so this converts; GeoNames' first-level codes are FIPS-based for most countries, so ADM1Code is
the FIPS country code plus the GeoNames code (``USNY``, ``PO14``), which is GDELT's form.
"""

from __future__ import annotations

from typing import Any

from herald.models import Place

COLUMNS = (
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
)


def _type(place: Place, us: bool) -> int:
    if place.kind == "country" or (place.kind == "region" and place.country):
        return 1
    if place.kind == "admin1":
        return 2 if us else 5
    if place.kind == "city":
        return 3 if us else 4
    return 0


def action_geo(place: Place | None) -> dict[str, Any]:
    """The ActionGeo columns for ``place`` (all empty, Type 0, when there is no place)."""
    empty: dict[str, Any] = dict.fromkeys(COLUMNS, None)
    empty["ActionGeo_Type"] = 0
    if place is None:
        return empty
    from herald.places.compact import load_gazetteer  # here: see herald.places.stage.locate

    gaz = load_gazetteer()
    alpha2 = {v: k for k, v in gaz.iso3.items()}
    cc = alpha2.get(place.country or "")
    if cc is None:  # a region spanning countries: no country code, but a point
        return {
            **empty,
            "ActionGeo_FullName": place.name,
            "ActionGeo_Lat": place.lat,
            "ActionGeo_Long": place.lon,
        }
    fips = gaz.fips.get(cc, cc)
    country = gaz.countries[cc]
    region = gaz.admin1.get(place.admin1 or "")
    code = (place.admin1 or "").partition(".")[2]
    parts = [place.name]
    if place.kind == "city" and region is not None:
        parts.append(region.name)
    if place.kind != "country":
        parts.append(country.name)
    feature: Any = fips
    if place.kind == "admin1" or place.kind == "city":
        feature = f"{fips}{code}" if code else fips
    if place.kind == "city":
        ids = [m.entry.id for m in gaz.lookup(place.name) if m.entry.admin1 == place.admin1]
        feature = ids[0].split(":", 1)[1] if ids else feature
    return {
        "ActionGeo_Type": _type(place, cc == "US"),
        "ActionGeo_FullName": ", ".join(parts),
        "ActionGeo_CountryCode": fips,
        "ActionGeo_ADM1Code": f"{fips}{code}" if code else fips,
        "ActionGeo_Lat": place.lat,
        "ActionGeo_Long": place.lon,
        "ActionGeo_FeatureID": feature,
    }
