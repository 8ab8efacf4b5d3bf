"""Pick the place a name denotes, using population, the story's other places and nearby words.

A name usually has several candidates ("Paris": France's capital, a Texas town; "Georgia": a
country, a US state). Each candidate gets a score, in orders of magnitude of population so the
weights stay readable:

* log10(population): big places are named more often than small ones;
* kind: a country name almost always means the country, a national capital is more prominent
  than its size suggests;
* the story: the candidate's country is named elsewhere in the article (or is its dateline's);
  its first-level region is too ("Paris" in a story that mentions Texas); a neighbouring country
  is named;
* the words around it: an explicit qualifier ("Paris, Texas", "Flint, Mich.") keeps only the
  candidates inside it; "state of Georgia", "Georgia voters" favour the US state.

Two passes: the first resolves every mention alone, the second resolves each one again with the
countries and regions the *other* mentions settled on. A name that stays doubtful (a small town
named in no story context, an Obama that is only a Japanese city) is dropped, not guessed.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from herald.places.gazetteer import Entry, Gazetteer, Match, fold

STATE_CUES_AFTER = re.compile(
    r"^\s*(?:'s\s+|’s\s+)?(?:state\b|State\b|voters\b|governor\b|Gov\.|legislature\b|Legislature\b|"
    r"primary\b|primaries\b|caucus|delegation\b|county\b|counties\b|electoral\b|Senate\b|"
    r"Republicans\b|Democrats\b|GOP\b|Supreme Court\b|attorney general\b)"
)
STATE_CUES_BEFORE = re.compile(r"(?:\bstate of|\bState of|\bupstate|\bgovernor of|\bGov\. of)\s*$")
MIN_POPULATION_ALONE = 50_000  # a smaller city needs its region in the story or a qualifier
BIG_CITY = 500_000  # "New York", "Washington": the city, unless the words say the state
WORLD_CITY = 5_000_000
NEARBY = 200  # characters: about a sentence either side


@dataclass
class PlaceMention:
    """A span of the article that names a place, with its candidates and the chosen one."""

    start: int
    end: int
    text: str
    label: str  # spaCy label (GPE, LOC, FAC) or DATELINE
    matches: list[Match] = field(default_factory=list)
    within: list[Entry] = field(default_factory=list)  # qualifier: "Paris, Texas" -> [Texas]
    state_cue: bool = False
    qualifies: bool = False  # this mention is the qualifier of the one before it
    chosen: Entry | None = None


@dataclass
class Context:
    """What the rest of the story says about where it is."""

    countries: Counter[str] = field(default_factory=Counter)  # ISO alpha-2 -> mentions
    admin1: Counter[str] = field(default_factory=Counter)
    nearby: frozenset[str] = frozenset()  # countries named within NEARBY characters

    def dominant(self) -> str | None:
        top = self.countries.most_common(2)
        if not top or top[0][1] < 2 or (len(top) > 1 and top[1][1] == top[0][1]):
            return None
        return top[0][0]


def inside(entry: Entry, area: Entry) -> bool:
    """Whether ``entry`` lies in ``area`` (a country or a first-level region)."""
    if area.kind == "country":
        return entry.cc == area.cc and entry.id != area.id
    if area.kind == "admin1":
        return entry.admin1 == area.admin1 and entry.kind == "city"
    return False


def score(m: Match, ctx: Context, gaz: Gazetteer, state_cue: bool, dominant: str | None) -> float:
    e = m.entry
    s = math.log10(max(e.population, 1000))
    if not m.primary:
        s -= 0.5
    if e.kind == "country":
        s += 2.5
    elif e.kind == "admin1":
        s += 1.5 + (3.0 if state_cue else 0.0)
    elif e.kind == "region":
        s += 2.0
    elif e.capital:
        s += 1.0
    if e.cc and ctx.countries[e.cc]:
        s += 1.5 + (0.5 if e.cc == dominant else 0.0)
    elif e.cc and any(ctx.countries[n] for n in gaz.neighbours.get(e.cc, ())):
        s += 1.0
    if e.kind == "city" and e.admin1 and ctx.admin1[e.admin1]:
        s += 1.5
    near = ctx.nearby - {dominant}  # the story's own country is near everything already
    if e.cc and (e.cc in near or near & gaz.neighbours.get(e.cc, frozenset())):
        s += 1.0  # "Estonia ... the suburbs of St. Petersburg"
    return s


def candidates(pm: PlaceMention) -> list[Match]:
    """The mention's candidates after the qualifier and the city-or-state rule."""
    found = pm.matches
    if pm.within:
        found = [m for m in found if any(inside(m.entry, area) for area in pm.within)]
    states = [m for m in found if m.entry.kind == "admin1"]
    if states:
        big = [m for m in found if m.entry.kind == "city" and any(_outshines(m, s.entry) for s in states)]
        if big and not pm.state_cue:
            found = [m for m in found if m.entry.kind != "admin1"]
        elif pm.state_cue:
            found = [m for m in found if m.entry.kind != "city"]
    return found


def _outshines(city: Match, region: Entry) -> bool:
    """A city that, named like a region of its own country, is what the name usually means.

    "Washington" is the capital more often than the state, "New York" the city more often than the
    state; "Quebec" is the province (its capital is a twentieth of it), "Oklahoma" the state (its
    city is called so only in GeoNames' alternates). So: a big city named so in its own right
    holding a tenth of the region's people, or a world city (alternate names included).
    """
    e = city.entry
    if e.cc != region.cc:
        return False
    if city.primary:
        return e.population >= BIG_CITY and e.population * 10 >= region.population
    return e.population >= WORLD_CITY


def supported(m: Match, pm: PlaceMention, ctx: Context) -> bool:
    """A small town counts only with a qualifier, in a dateline, or when its region is named too."""
    e = m.entry
    return (
        e.kind != "city"
        or e.population >= MIN_POPULATION_ALONE
        or bool(pm.within)
        or pm.label == "DATELINE"
        or bool(ctx.admin1[e.admin1 or ""])
    )


def choose(pm: PlaceMention, ctx: Context, gaz: Gazetteer) -> Entry | None:
    found = [m for m in candidates(pm) if supported(m, pm, ctx)]
    if not found:
        return None
    dominant = ctx.dominant()
    return max(found, key=lambda m: score(m, ctx, gaz, pm.state_cue, dominant)).entry


def context_of(chosen: list[tuple[PlaceMention, Entry]], extra: Counter[str], me: PlaceMention) -> Context:
    """Countries and regions of the other mentions (those not spelled like ``me``) plus ``extra``."""
    ctx = Context(countries=Counter(extra))
    key = fold(me.text)
    near: set[str] = set()
    for pm, e in chosen:
        if fold(pm.text) == key:
            continue
        if e.cc:
            ctx.countries[e.cc] += 1
            if abs(pm.start - me.start) <= NEARBY:
                near.add(e.cc)
        if e.admin1:
            ctx.admin1[e.admin1] += 1
    ctx.nearby = frozenset(near)
    return ctx


def resolve_all(mentions: list[PlaceMention], gaz: Gazetteer, extra: Counter[str]) -> None:
    """Choose an entry for every mention (in place), in two passes as the module says."""
    alone = Context(countries=Counter(extra))
    for pm in mentions:
        pm.chosen = choose(pm, alone, gaz)
    first = [(pm, pm.chosen) for pm in mentions if pm.chosen is not None]
    for pm in mentions:
        pm.chosen = choose(pm, context_of(first, extra, pm), gaz)
    one_sense(mentions)


def one_sense(mentions: list[PlaceMention]) -> None:
    """A name qualified once keeps that sense: after "Paris, Texas", a bare "Paris" is that town."""
    qualified = {fold(pm.text): pm.chosen for pm in mentions if pm.within and pm.chosen is not None}
    for pm in mentions:
        sense = qualified.get(fold(pm.text))
        if sense is not None and not pm.within and any(m.entry.id == sense.id for m in pm.matches):
            pm.chosen = sense
