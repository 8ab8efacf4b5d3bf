"""GDELT ActionGeo columns from herald places."""

from __future__ import annotations

from herald.models import Place
from herald.places import action_geo


def test_world_city():
    geo = action_geo(Place("Lisbon", "Lisbon", "PRT", "PT.14", 38.72509, -9.1498, "city"))
    assert geo["ActionGeo_Type"] == 4
    assert geo["ActionGeo_CountryCode"] == "PO"  # FIPS 10-4, as GDELT writes Portugal
    assert geo["ActionGeo_ADM1Code"] == "PO14"
    assert geo["ActionGeo_FullName"] == "Lisbon, Portugal"
    assert geo["ActionGeo_FeatureID"] == "2267057"  # the GeoNames id
    assert (geo["ActionGeo_Lat"], geo["ActionGeo_Long"]) == (38.72509, -9.1498)


def test_us_city_state_and_country():
    city = action_geo(Place("New York", "New York City", "USA", "US.NY", 40.71, -74.0, "city"))
    assert (city["ActionGeo_Type"], city["ActionGeo_ADM1Code"]) == (3, "USNY")
    assert city["ActionGeo_FullName"] == "New York City, New York, United States"
    state = action_geo(Place("Ohio", "Ohio", "USA", "US.OH", 40.2, -82.7, "admin1"))
    assert (state["ActionGeo_Type"], state["ActionGeo_FeatureID"]) == (2, "USOH")
    russia = action_geo(Place("Russia", "Russia", "RUS", None, 56.9, 50.8, "country"))
    assert (russia["ActionGeo_Type"], russia["ActionGeo_CountryCode"]) == (1, "RS")


def test_no_place():
    assert action_geo(None)["ActionGeo_Type"] == 0
    region = action_geo(Place("Middle East", "Middle East", None, None, 29.0, 41.0, "region"))
    assert region["ActionGeo_CountryCode"] is None and region["ActionGeo_Lat"] == 29.0
