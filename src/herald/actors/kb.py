"""herald's actor knowledge base: who exists, under which names, holding which role when.

The knowledge base is built offline by ``scripts/build_actors.py`` from the PETRARCH2/Phoenix
dictionaries, the Wikidata world-leaders list and hand-curated corrections, and shipped as one
gzipped JSON file in ``herald/actors/data/``. It loads once per process (:func:`load`), so a Dask
worker pays the cost once, never per task.

Roles carry their own dates: the whole point of the stage is that "Rasmussen" in 2010 is NATO's
secretary general, not Denmark's prime minister. :func:`pick_role` chooses the role that held at a
date, letting context ("NATO chief ...") override the date when the two disagree.
"""

from __future__ import annotations

import calendar
import functools
import gzip
import json
import re
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from herald.memory import collector_paused

DATA_FILE = "actors-v1.json.gz"
FORMAT_VERSION = 1

_SPACES = re.compile(r"\s+")
_TRANSLATE = str.maketrans({"’": "'", "‘": "'", "`": "'", "–": "-", "—": "-", "‐": "-", "\u00a0": " "})


def normalize(text: str) -> str:
    """The matching key of a name: lower case, straight quotes and hyphens, single spaces.

    Every character maps to exactly one character (``str.translate`` with 1:1 entries), except
    whitespace runs, so :func:`fold` can be used on whole documents without moving offsets.
    """
    return _SPACES.sub(" ", fold(text)).strip()


_FOLD = {**_TRANSLATE, ord("\n"): " ", ord("\t"): " ", ord("\r"): " "}


def lower_same_length(text: str) -> str:
    """``str.lower`` that never changes the length ("İ".lower() is two characters)."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c.lower()[:1] for c in text)
    return low


def fold(text: str, table: dict[int, str] = _FOLD) -> str:
    """Case- and punctuation-fold a text without changing its length (offsets stay valid)."""
    return lower_same_length(text).translate(table)


def date_bounds(start: str | None, end: str | None) -> tuple[str, str]:
    """Inclusive ISO bounds of a possibly partial date range ("2009", "2009-08", "2009-08-01").

    A partial start means its earliest day and a partial end its latest, so a role known to a
    year holds over the whole year: lenient rather than silently wrong.
    """
    lo = (start + "-01-01"[len(start) - 4 :])[:10] if start else "0000-01-01"
    if not end:
        return lo, "9999-12-31"
    if len(end) == 4:
        return lo, end + "-12-31"
    if len(end) == 7:
        last = calendar.monthrange(int(end[:4]), int(end[5:7]))[1]
        return lo, f"{end}-{last:02d}"
    return lo, end[:10]


@dataclass(slots=True, eq=False)
class Role:
    """One role an entity held, with its dates (ISO, possibly partial, None = open)."""

    code: str | None
    country: str | None
    sector: str | None
    title: str | None
    office: str | None  # normalised office key: foreign, defence, hos, hog, head, ...
    start: str | None
    end: str | None
    source: str
    curated: bool = False
    default: bool = False  # Phoenix's undated fallback code: used only when nothing else holds
    lo: str = field(default="0000-01-01", compare=False)
    hi: str = field(default="9999-12-31", compare=False)

    def holds(self, day: str) -> bool:
        return not self.default and self.lo <= day <= self.hi


@dataclass(slots=True)
class Entity:
    """A person, country, organisation or place herald knows by name."""

    id: int
    name: str
    kind: str
    country: str | None
    sector: str | None
    code: str | None
    aliases: tuple[str, ...]
    roles: tuple[Role, ...]
    source: str


@dataclass(frozen=True, slots=True)
class Agent:
    """A role or group noun ("foreign minister", "officials", "troops") and what it codes to."""

    phrase: str
    sector: str | None
    title: str
    office: str | None


@dataclass(frozen=True, slots=True)
class Metonym:
    """A place or building that stands for an actor ("the Kremlin", "Washington", "Brussels").

    ``candidates`` lists (country, sector, code, name) in order of preference; the resolver takes
    the first whose country is also mentioned in the document, else the first (Brussels: EU, NATO).
    """

    phrase: str
    candidates: tuple[tuple[str, str | None, str | None, str], ...]
    source: str


@dataclass(slots=True, eq=False)
class KB:
    """The loaded knowledge base with its lookup tables."""

    version: int
    built: str
    sources: list[str]
    entities: list[Entity]
    by_alias: dict[str, list[int]]
    by_name: dict[str, int]
    agents: dict[str, Agent]
    metonyms: dict[str, Metonym]
    corefs: dict[str, tuple[str, ...]]  # "the alliance" -> org codes it can refer to ("" = any org)
    offices: dict[tuple[str, str], list[tuple[Role, int]]]  # (country, office) -> holders
    countries: dict[str, int]  # code -> entity id (countries and organisations)
    meta: dict[str, Any] = field(default_factory=dict)


def _role(
    row: list[Any], sources: list[str], bounds: dict[tuple[str | None, str | None], tuple[str, str]]
) -> Role:
    code, country, sector, title, office, start, end, src, flags = row
    # a third as many distinct (start, end) pairs as roles: each pair is worked out once per load
    span = bounds.get((start, end))
    if span is None:
        span = bounds[(start, end)] = date_bounds(start, end)
    return Role(
        code,
        country,
        sector,
        title,
        office,
        start,
        end,
        sources[src],
        "c" in flags,
        "d" in flags,
        span[0],
        span[1],
    )


def from_json(data: dict[str, Any]) -> KB:
    """Build the in-memory tables from the shipped JSON (also used by tests on small KBs)."""
    if data.get("format") != "herald-actors" or data.get("version") != FORMAT_VERSION:
        raise ValueError(f"not a herald actors file of version {FORMAT_VERSION}")
    sources: list[str] = data["sources"]
    entities: list[Entity] = []
    by_alias: dict[str, list[int]] = {}
    by_name: dict[str, int] = {}
    offices: dict[tuple[str, str], list[tuple[Role, int]]] = {}
    countries: dict[str, int] = {}
    bounds: dict[tuple[str | None, str | None], tuple[str, str]] = {}
    for i, e in enumerate(data["entities"]):
        rows = e.get("r")
        roles = tuple([_role(r, sources, bounds) for r in rows]) if rows else ()
        ent = Entity(
            i,
            e["n"],
            e["k"],
            e.get("c"),
            e.get("s"),
            e.get("d"),
            tuple(e.get("a", ())),
            roles,
            sources[e.get("src", 0)],
        )
        entities.append(ent)
        # the builder stores the normalised name as the first alias
        if ent.aliases:
            by_name.setdefault(ent.aliases[0], i)
        for key in ent.aliases:
            by_alias.setdefault(key, []).append(i)
        for r in roles:
            if r.office and r.country and not r.default:
                offices.setdefault((r.country, r.office), []).append((r, i))
        if ent.kind in ("country", "organisation") and ent.code and ent.code == ent.country:
            countries.setdefault(ent.code, i)
    agents = {a[0]: Agent(a[0], a[1], a[2], a[3]) for a in data["agents"]}
    metonyms = {m[0]: Metonym(m[0], tuple(tuple(c) for c in m[1]), sources[m[2]]) for m in data["metonyms"]}
    corefs = {c[0]: tuple(c[1]) for c in data["corefs"]}
    return KB(
        version=data["version"],
        built=data.get("built", ""),
        sources=sources,
        entities=entities,
        by_alias=by_alias,
        by_name=by_name,
        agents=agents,
        metonyms=metonyms,
        corefs=corefs,
        offices=offices,
        countries=countries,
        meta=data.get("meta", {}),
    )


OVERRIDES_FILE = "overrides.tsv"


@functools.lru_cache(maxsize=1)
def load() -> KB:
    """The shipped knowledge base, loaded once per process, with ``overrides.tsv`` applied."""
    raw = resources.files("herald.actors").joinpath("data", DATA_FILE).read_bytes()
    rows = resources.files("herald.actors").joinpath("data", OVERRIDES_FILE).read_text("utf-8")
    with collector_paused():
        kb = from_json(json.loads(gzip.decompress(raw)))
    apply_overrides(kb, rows)
    return kb


def apply_overrides(kb: KB, tsv: str) -> None:
    """Apply the rows of an overrides file (see ``data/overrides.tsv``) to ``kb`` in place.

    ``agent-drop`` removes a role noun, ``agent`` adds one, ``role`` adds a curated role to a
    known person, ``org`` sets the country and sector of an organisation (adding it when the
    knowledge base lacks it). Each row's last field is its source.
    """
    for ent in kb.entities:
        if ent.sector == "MNC":  # Phoenix's multinationals are companies: country + BUS
            ent.sector, ent.code = "BUS", (ent.country or "") + "BUS"
        _guide_code(ent)
        for role in ent.roles:
            _guide_code(role)
    for line in tsv.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        f = line.split("\t")
        kind, key = f[0], normalize(f[1])
        if kind == "agent-drop":
            kb.agents.pop(key, None)
        elif kind == "alias-drop":
            kb.by_alias.pop(key, None)
        elif kind == "agent":
            kb.agents[key] = Agent(key, f[2] or None, f[3], None)
        elif kind == "role" and key in kb.by_name:
            ent = kb.entities[kb.by_name[key]]
            code, title, start, end, src = f[2], f[3], f[4] or None, f[5] or None, f[6]
            lo, hi = date_bounds(start, end)
            role = Role(code, code[:3], code[3:] or None, title, None, start, end, src, True, False, lo, hi)
            ent.roles = (*ent.roles, role)
        elif kind == "org":
            _override_org(kb, f[1], f[2] or None, f[3] or None, [a for a in f[4].split("|") if a], f[5])


def _guide_code(x: Entity | Role) -> None:
    """Phoenix writes a government's branches as two sectors ("USAGOVLEG", "RUSGOVMIL"); the
    annotation guide writes country + one sector. A legislator is LEG ("USALEG", the guide's
    senator); every other branch of government stays GOV (a defence or justice minister is a
    minister)."""
    code = x.code
    if not code or len(code) != 9 or code[3:6] != "GOV" or x.country is None or code[:3] != x.country:
        return
    x.sector = "LEG" if code[6:] == "LEG" else "GOV"
    x.code = x.country + x.sector


def _override_org(
    kb: KB, name: str, country: str | None, sector: str | None, aliases: list[str], source: str
) -> None:
    code = (country or "") + (sector or "") or None
    keys = [normalize(n) for n in (name, *aliases)]
    known = [
        kb.entities[i] for k in keys for i in kb.by_alias.get(k, ()) if kb.entities[i].kind == "organisation"
    ]
    if not known:
        ent = Entity(len(kb.entities), name, "organisation", country, sector, code, tuple(keys), (), source)
        kb.entities.append(ent)
        known = [ent]
    for ent in known:
        ent.name, ent.country, ent.sector, ent.code, ent.source = name, country, sector, code, source
        for k in keys:
            ids = kb.by_alias.setdefault(k, [])
            if ent.id not in ids:
                ids.append(ent.id)
        kb.by_name.setdefault(keys[0], ent.id)


# ---------------------------------------------------------------------------------------------
# choosing a role


def _rank(role: Role) -> tuple[int, int, str]:
    # curated facts beat dictionary facts; a described role beats a bare code; later starts win
    return (role.curated, role.title is not None and role.office is not None, role.lo)


def pick_role(
    entity: Entity,
    day: str | None,
    country: str | None = None,
    office: str | None = None,
) -> tuple[Role | None, bool]:
    """The role ``entity`` held at ``day``; returns (role, former).

    Context first: when the text names the country/organisation (``country``) or the office
    (``office``), only roles matching it are considered, and a matching role is taken even when
    its dates exclude ``day`` -- "NATO chief Rasmussen" on a page stamped 2022 is still NATO's
    secretary general. Without a role holding at ``day``, the last role that ended before it is
    returned with ``former=True``.
    """
    roles = [r for r in entity.roles if not r.default]
    if not roles:
        defaults = [r for r in entity.roles if r.default]
        return (defaults[0] if defaults else None), False
    pool = roles
    if country:
        matched = [r for r in pool if r.country == country]
        pool = matched or pool
    if office:
        matched = [r for r in pool if r.office == office]
        pool = matched or pool
    contextual = pool is not roles
    if day is None:
        return max(pool, key=lambda r: (r.lo, _rank(r))), False
    holding = [r for r in pool if r.holds(day)]
    if holding:
        return max(holding, key=_rank), False
    before = [r for r in pool if r.hi < day]
    if contextual:
        # the text says which role: take the one nearest the date
        if before:
            return max(before, key=lambda r: (r.hi, _rank(r))), False
        return min(pool, key=lambda r: r.lo), False
    if before:
        best = max(before, key=lambda r: (r.hi, _rank(r)))
        return best, True
    defaults = [r for r in entity.roles if r.default]
    if defaults:
        return defaults[0], False
    return min(pool, key=lambda r: r.lo), False


@functools.lru_cache(maxsize=4)
def surnames(kb: KB) -> dict[str, tuple[int, ...]]:
    """Surname (normalised) -> the people of that surname, built on first use."""
    index: dict[str, list[int]] = {}
    for e in kb.entities:
        if e.kind == "person" and e.aliases:
            parts = e.aliases[0].split()
            if len(parts) >= 2:
                index.setdefault(parts[-1], []).append(e.id)
    return {k: tuple(v) for k, v in index.items()}


def office_holder(kb: KB, country: str, office: str, day: str | None) -> tuple[Entity, Role] | None:
    """Who held ``office`` of ``country`` at ``day`` (curated facts first); None if unknown."""
    holders = kb.offices.get((country, office))
    if not holders or day is None:
        return None
    valid = [(r, i) for r, i in holders if r.holds(day)]
    if not valid:
        return None
    role, i = max(valid, key=lambda ri: (_rank(ri[0]), ri[0].lo))
    return kb.entities[i], role
