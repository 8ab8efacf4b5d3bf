"""The dated facts the time stage ships with (``herald/time/data/*.tsv``), loaded once per process.

- ``series.tsv`` / ``dated_events.tsv``: kinds of dated events (NATO summits, UN General Assembly
  debates, elections, treaties ...) with the text pattern that names them, and their occurrences.
- ``offices.tsv`` / ``terms.tsv``: office holders' terms, including US presidential candidates and
  nominees (a "Republican nominee Donald Trump" bounds a story as tightly as an office does).
- ``births.tsv``: birth dates, so that stated ages ("Trump, 70,") date a story.

Every row names its source; docs/time.md explains how to extend the tables. The actors stage's
knowledge base, when present, is consulted as well (see :mod:`herald.time.evidence`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from herald.time.calendar import POS, day


@dataclass(frozen=True)
class Series:
    id: str
    kind: str
    trigger: re.Pattern[str]
    context: re.Pattern[str] | None  # must also occur in the sentence
    exclude: re.Pattern[str] | None  # vetoes the match in that sentence
    description: str


@dataclass(frozen=True)
class DatedEvent:
    series: str
    name: str
    start: int
    end: int
    place: re.Pattern[str] | None
    source: str


@dataclass(frozen=True)
class Office:
    id: str
    title: str  # regex source (case-insensitive)
    description: str


@dataclass(frozen=True)
class Term:
    office: str
    holder: str
    name: str  # regex source for the holder's name
    start: int
    end: int
    source: str


@dataclass(frozen=True)
class Birth:
    person: str
    name: str
    born: int
    source: str


def _maybe(pattern: str) -> re.Pattern[str] | None:
    """Context and exclusion patterns are case-sensitive: they name organisations and countries."""
    return re.compile(pattern) if pattern else None


def _rows(filename: str) -> list[list[str]]:
    text = resources.files("herald.time").joinpath("data", filename).read_text(encoding="utf-8")
    return [ln.split("\t") for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


@lru_cache(maxsize=1)
def series() -> dict[str, Series]:
    out = {}
    for sid, kind, trigger, context, exclude, desc in _rows("series.tsv"):
        out[sid] = Series(sid, kind, re.compile(trigger, re.I), _maybe(context), _maybe(exclude), desc)
    return out


@lru_cache(maxsize=1)
def dated_events() -> dict[str, list[DatedEvent]]:
    """Occurrences per series, in date order."""
    out: dict[str, list[DatedEvent]] = {}
    for sid, name, start, end, place, source in _rows("dated_events.tsv"):
        rx = re.compile(rf"\b(?:{place})\b") if place else None
        out.setdefault(sid, []).append(DatedEvent(sid, name, day(start), day(end or start), rx, source))
    for evs in out.values():
        evs.sort(key=lambda e: e.start)
    return out


@lru_cache(maxsize=1)
def offices() -> dict[str, Office]:
    return {oid: Office(oid, title, desc) for oid, title, desc in _rows("offices.tsv")}


@lru_cache(maxsize=1)
def terms() -> list[Term]:
    return [
        Term(office, holder, name, day(start), day(end) if end else POS, source)
        for office, holder, name, start, end, source in _rows("terms.tsv")
    ]


@lru_cache(maxsize=1)
def births() -> list[Birth]:
    return [Birth(person, name, day(born), source) for person, name, born, source in _rows("births.tsv")]
