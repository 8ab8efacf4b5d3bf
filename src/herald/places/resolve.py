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
    r"Republicans\b|Democrats\b|GOP\b|lawmakers\b|officials\b|Supreme Court\b|attorney general\b)"
)
STATE_CUES_BEFORE = re.compile(r"(?:\bstate of|\bState of|\bupstate|\bgovernor of|\bGov\. of)\s*$")
MIN_POPULATION_ALONE = 50_000  # a smaller city needs its country in the story or a qualifier
BIG_CITY = 500_000  # "New York", "Washington": the city, unless the words say the state


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
    return s


def candidates(pm: PlaceMention) -> list[Match]:
    """The mention's candidates after the qualifier and the city-or-state rule."""
    found = pm.matches
    if pm.within:
        found = [m for m in found if any(inside(m.entry, area) for area in pm.within)]
    states = [m for m in found if m.entry.kind == "admin1"]
    if states:
        big = [m for m in found if m.entry.kind == "city" and m.entry.population >= BIG_CITY
               and any(m.entry.cc == s.entry.cc for s in states)]
        if big and not pm.state_cue:
            found = [m for m in found if m.entry.kind != "admin1"]
        elif pm.state_cue:
            found = [m for m in found if m.entry.kind != "city"]
    return found


def choose(pm: PlaceMention, ctx: Context, gaz: Gazetteer) -> Entry | None:
    found = candidates(pm)
    if not found:
        return None
    dominant = ctx.dominant()
    best = max(found, key=lambda m: score(m, ctx, gaz, pm.state_cue, dominant))
    e = best.entry
    if (e.kind == "city" and e.population < MIN_POPULATION_ALONE and not pm.within
            and not ctx.countries[e.cc or ""]):
        return None
    return e


def context_of(chosen: list[tuple[str, Entry]], extra: Counter[str], skip: str | None) -> Context:
    """Countries and regions of the mentions (except those spelled like ``skip``) plus ``extra``."""
    ctx = Context(countries=Counter(extra))
    for key, e in chosen:
        if key == skip:
            continue
        if e.cc:
            ctx.countries[e.cc] += 1
        if e.admin1:
            ctx.admin1[e.admin1] += 1
    return ctx


def resolve_all(mentions: list[PlaceMention], gaz: Gazetteer, extra: Counter[str]) -> None:
    """Choose an entry for every mention (in place), in two passes as the module says."""
    alone = Context(countries=Counter(extra))
    for pm in mentions:
        pm.chosen = choose(pm, alone, gaz)
    first = [(fold(pm.text), pm.chosen) for pm in mentions if pm.chosen is not None]
    for pm in mentions:
        pm.chosen = choose(pm, context_of(first, extra, fold(pm.text)), gaz)
