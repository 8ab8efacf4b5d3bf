"""Is a name used as an actor here? The document and the words around a mention decide.

A country, a city or a company is an actor only when the text makes it one: "China said",
"talks with Russia". The same names are places or parts of other names far more often: "in
Afghanistan", "a Hong Kong company", "Hong Kong stocks", a "LONDON (Reuters) -" dateline,
"Real Madrid", "the South China Sea", "the Samsung TV", and on a sports page "Belgium beat
Croatia" (a team). Such mentions stay in ``Document.mentions`` with their country (the places
stage and the scorers use it) but lose their code: ``kind="place"``, ``code=None``.

The document also settles what a bare group noun means: "police", "officials", "lawmakers",
"the ministry" belong to the country the sentence or the story is about (:func:`home_country`,
:func:`inherit`), when the text makes that clear; otherwise they keep the sector alone.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from herald.actors.kb import normalize
from herald.actors.names import wordset
from herald.models import Actor, Mention

# sectors a bare group noun is coded with the story's country
HOME_SECTORS = frozenset(
    {
        "GOV",
        "MIL",
        "COP",
        "JUD",
        "LEG",
        "OPP",
        "PTY",
        "SPY",
        "CRM",
        "REB",
        "UAF",
        "INS",
        "CVL",
        "BUS",
        "MED",
        "EDU",
        "NGO",
        "HLH",
        "LAB",
        "REF",
    }
)
_LOCATIVE = frozenset(
    {
        "in",
        "at",
        "across",
        "throughout",
        "near",
        "via",
        "inside",
        "outside",
        "around",
        "within",
        "through",
        "into",
        "over",
        "based",
        "born",
        "headquartered",
    }
)
# words after a place name that make it a market, an economy or a currency, not an actor
_MARKET = re.compile(
    r"[ \-](?:stocks?|shares?|markets?|index|indices|economy|economic|dollars?|"
    r"yuan|yen|currency|equities|bonds?|exchange|gdp|growth|sales|consumers?|"
    r"customers?|users?|products?|devices?|stores?|version|edition|tour|branch|office|unit|arm|"
    r"subsidiary|division|brand|car|region|state|city|province|county|border|"
    r"coast|mainland|soil|capital)\b"
)
_SPORT = frozenset(
    [
        "scored",
        "scoring",
        "goal",
        "goals",
        "touchdown",
        "touchdowns",
        "quarterback",
        "coach",
        "coaches",
        "season",
        "league",
        "playoff",
        "playoffs",
        "championship",
        "tournament",
        "striker",
        "midfielder",
        "goalkeeper",
        "defender",
        "innings",
        "wicket",
        "wickets",
        "rebounds",
        "assists",
        "halftime",
        "half-time",
        "nba",
        "nfl",
        "nhl",
        "mlb",
        "fifa",
        "uefa",
        "seeded",
        "semifinal",
        "semifinals",
        "quarterfinal",
        "quarterfinals",
        "final",
        "finals",
        "match",
        "matches",
        "teammate",
        "teammates",
        "player",
        "players",
        "fans",
        "stadium",
    ]
)
# the city of a dateline before its state or country, and the end of the dateline after it
_DATELINE_CITY = re.compile(r"\s*[A-Z][A-Z.'’ -]{1,30}, ")
_DATELINE_END = re.compile(r" ?(?:\([^)\n]{1,40}\))? ?[—–:\-]")
# after a dateline's words: ", State", "(AP)", then a dash or a colon
_DATELINE_TAIL = re.compile(r"(?:, [A-Za-z. ]{2,20})?" + _DATELINE_END.pattern)
# spaCy entity labels whose names contain place names that are not actors
NAME_LABELS = frozenset({"ORG", "LOC", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW"})


def is_sport(text: str) -> bool:
    """A sports page: games, teams and leagues on every line. Its countries and cities are teams.
    Read from the first 4,000 characters: a sports page says so early."""
    words = text[:4000].lower().split()
    if sum(map(_SPORT.__contains__, words)) * 1000 < 15 * max(len(words), 1):
        return False
    return len(_SPORT.intersection(words)) >= 3


def is_dateline(text: str, s: int, e: int) -> bool:
    """Does the name at [s, e) open a paragraph as a dateline ("WASHINGTON (AP) —", "NEW DELHI:"), or
    name the state or country of one ("LA PAZ, [Bolivia] (AP) —", "DALLAS, [Texas] —")?"""
    lead = text[max(0, s - 3) : s]
    if (
        (s == 0 or ("\n" in lead and not lead.rsplit("\n", 1)[1].strip()))
        and text[s:e].isupper()
        and _DATELINE_TAIL.match(text, e) is not None
    ):
        return True
    start = text.rfind("\n", max(0, s - 40), s) + 1
    if start == 0 and s > 40:
        return False
    return _DATELINE_CITY.fullmatch(text, start, s) is not None and _DATELINE_END.match(text, e) is not None


def _word_before(text: str, start: int) -> str:
    words = text[max(0, start - 30) : start].lower().split()
    if words and words[-1] == "the":
        words.pop()
    return words[-1].strip("\"'“‘(,;:") if words else ""


# a post held toward a country ("envoy to Ukraine") and a capitalised name ending "of" a country
# ("Senior Advocate of Nigeria", "Bank of England"): the country is part of the title or the name
_ROLE_TO = re.compile(
    r"\b(?:envoy|ambassador|representative|delegate|emissary|adviser|advisor|consul|attache|liaison)s?"
    r" to (?:the )?$",
    re.I,
)
_NAME_OF = re.compile(r"[a-z,] (?:[A-Z][a-z]+ )+(?:of|for) (?:the )?$")


# what a country has rather than does: its economy and its figures
_FIGURES = wordset(
    """economy gdp growth export import output inflation currency unemployment population
    coastline weather climate"""
)


def is_place_use(text: str, m: Mention, sport: bool, nlp_doc: Any = None) -> bool | int:
    """Is this country, city or metonym mention used as a location (or part of another name)?

    Returns the character offset of the noun it modifies when that is why ("Mexican
    immigration authorities": the authorities are Mexican), else a bool."""
    s, e = m.start, m.end
    if sport or is_dateline(text, s, e):
        return True
    after = text[e : e + 24].lower()
    if after.startswith(("'s", "’s")):
        # "Russia's", "in China's interest": the possessor is an actor; "Germany's economy",
        # "China's exports" are the country's figures, no one acting
        return _owns_figures(nlp_doc, s, e)
    if _word_before(text, s) in _LOCATIVE:
        return True
    lead = text[max(0, s - 40) : s]
    if lead.endswith(("to ", "to the ")) and _ROLE_TO.search(lead):
        return True  # "the special envoy to Ukraine": a post
    if lead.endswith(("of ", "for ", "of the ", "for the ")) and _NAME_OF.search(lead):
        return True  # "a Senior Advocate of Nigeria", "the Bank of England": a name
    if _MARKET.match(after):
        return True
    if nlp_doc is None:
        return False
    listed = (
        text[max(0, s - 2) : s] == ", "
        or text[max(0, s - 5) : s] == " and "
        or text[max(0, s - 4) : s] == " or "
    )
    if listed and _listed_place(nlp_doc, s, e):
        return True  # "in Italy, Canada and Ireland", "via Moscow and Paris"
    if text[e : e + 1] == " " and text[e + 1 : e + 2].isupper():
        return _names_a_name(nlp_doc, s, e)  # "the Afghan Taliban": Afghan describes the Taliban
    if not (after[:1] in " -" and after[1:2].isalpha() and after[1:2].islower()):
        return False  # only a name followed by a common noun can modify it
    if m.via == "metonym" and m.actor.text.lower().startswith("the "):
        return False  # "the White House": a seat of government stays an actor
    return _modifier(nlp_doc, s, e)  # "the Kremlin said" acts; "the London side" is a team of London


def _owns_figures(nlp_doc: Any, s: int, e: int) -> bool:
    """A possessor whose noun is a figure it has, not something it does ("Germany's economy",
    "China's exports"; not "China's top growth planner")."""
    if nlp_doc is None:
        return False
    span = nlp_doc.char_span(s, e, alignment_mode="expand")
    if span is None or not len(span):
        return False
    tok = span.root
    return bool(tok.dep_ == "poss" and tok.head.lemma_.lower() in _FIGURES)


def list_head(tok: Any, most: int) -> Any:
    """The first member of the coordinated list ``tok`` belongs to ("Italy, Canada and Ireland":
    Italy), climbing at most ``most`` conjuncts: the word whose syntax the whole list shares."""
    for _ in range(most):
        if tok.dep_ != "conj" or tok.head is tok:
            break
        tok = tok.head
    return tok


def _listed_place(nlp_doc: Any, s: int, e: int) -> bool:
    """A name in a list that a place preposition governs ("in Italy, Canada, Ireland")."""
    span = nlp_doc.char_span(s, e, alignment_mode="expand")
    if span is None or not len(span):
        return False
    tok = list_head(span.root, 12)
    if tok.dep_ in ("appos", "npadvmod") and tok.head.dep_ == "pobj":
        tok = tok.head  # "in Columbus, Ohio": the state qualifies the city
    return bool(tok.dep_ == "pobj" and tok.head.lower_ in _LOCATIVE)


def _names_a_name(nlp_doc: Any, s: int, e: int) -> bool | int:
    """A nationality adjective in front of a proper name ("the Afghan Taliban", "Iranian
    Revolutionary Guards"): it describes the name that follows, it does not act. Returns the
    offset of that name. A country's own name there ("China Daily", "Russia Today") is part of
    that name and is left to the names."""
    span = nlp_doc.char_span(s, e, alignment_mode="expand")
    if span is None or len(span) != 1 or span.end >= len(nlp_doc) or not _DEMONYM.fullmatch(span.text):
        return False
    tok = span[0]
    if tok.dep_ in ("compound", "amod") and tok.head.i > tok.i and tok.head.pos_ == "PROPN":
        return int(nlp_doc[span.end].idx)
    return False


_DEMONYM = re.compile(r"[A-Z][a-z]+(?:an|ese|i|ish|ic|ch)")


def _modifier(nlp_doc: Any, s: int, e: int) -> bool | int:
    """A name modifying a noun ("a Hong Kong company", "US aid"): a description, not an actor.
    Returns the offset of the noun it modifies."""
    span = nlp_doc.char_span(s, e, alignment_mode="expand")
    if span is None or not len(span):
        return False
    tok = span[-1]
    head = tok.head
    if (
        tok.dep_ in ("compound", "amod", "nmod")
        and head.i > tok.i
        and head.pos_ == "NOUN"
        and head.ent_type_ == ""
    ):
        return int(head.idx)
    return False


def as_place(m: Mention) -> None:
    """Keep the mention's country, drop its code: a location, not an actor."""
    a = m.actor
    m.actor = Actor(a.text, a.name, a.country, None, None, None, "place")
    m.via = "place"


def is_product(text: str, start: int, end: int) -> bool:
    """A company name followed by a model or service name ("Samsung TV", "Disney+", "Motorola
    Razr 2"): the product is meant, not the company."""
    after = text[end : end + 20]
    return (
        re.match(r"(?:\+|\s?(?:[A-Z0-9]|i[A-Z])[\w\-]*)", after) is not None
        and re.match(
            r"\s(?:Inc|Corp|Co|Ltd|LLC|Group|Holdings|CEO|Chief|President|Chairman|"
            r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|On|In|And|But)\b",
            after,
        )
        is None
    )


# what a company makes or runs, owned by it ("Apple's chargers", "Netflix's new series")
_THINGS = wordset(
    """charger chip device phone smartphone keyboard laptop tablet computer app software service guide
    store shop website site platform feature model version lineup earbud headphone watch tv speaker
    camera ad advert documentary series show film movie game console car vehicle card account
    subscription stock share product brand logo"""
)
_INDEFINITE = re.compile(r"(?:\b(?:a|an|any|every|my|your|our|local|nearest)\s+)$", re.I)


# what is done on a platform ("posted on Twitter", "follow us on Facebook, Twitter and Instagram",
# "available on Amazon"): the service is the medium, not an actor
_ON_PLATFORM = wordset(
    """post share follow visit find like join watch stream air broadcast sell buy download see tweet
    write say announce appear live available"""
)


def _on_platform(tok: Any) -> bool:
    tok = list_head(tok, 6)  # "on Facebook, Twitter, and Instagram": the list's first member is the object
    prep = tok.head
    if tok.dep_ != "pobj" or prep.lower_ not in ("on", "via"):
        return False
    doer = prep.head  # "follow the section on Facebook": the verb above the noun the phrase hangs on
    return doer.lemma_.lower() in _ON_PLATFORM or (
        doer.pos_ == "NOUN" and doer.head.lemma_.lower() in _ON_PLATFORM
    )


def is_thing_use(text: str, m: Mention, nlp_doc: Any = None) -> bool:
    """Is this company or outlet name used for a thing it makes, runs or owns rather than as an
    actor? "a local Walmart", "Twitter users", "Facebook ads", "Apple shares", "Apple's iPad Pro",
    "Apple's chargers" are no actors; "Apple said", "sued Apple", "Apple's decision" are."""
    s, e = m.start, m.end
    if _INDEFINITE.search(text[max(0, s - 16) : s]):
        return True
    after = text[e : e + 24].lower()
    if _MARKET.match(after):
        return True
    if nlp_doc is None:
        return False
    span = nlp_doc.char_span(s, e, alignment_mode="expand")
    if span is None or not len(span):
        return False
    tok = span[-1]
    if _on_platform(tok):
        return True
    if tok.i + 1 < len(nlp_doc) and nlp_doc[tok.i + 1].tag_ == "POS":
        head = tok.head
        return head.i > tok.i and (
            (head.pos_ == "PROPN" and head.ent_type_ not in ("PERSON", "ORG", "GPE", "NORP"))
            or head.lemma_.lower() in _THINGS
        )
    return _modifier(nlp_doc, s, e) is not False


def _country_of(a: Actor, orgs: frozenset[str]) -> str | None:
    """The country a mention gives the story or its sentence. The press that reports it ("an
    Associated Press journalist", "Reuters") says where the reporter is from, not the story."""
    if a.sector == "MED":
        return None
    c = a.country
    return c if c and len(c) == 3 and c.isalpha() and c not in orgs else None


def home_country(
    mentions: Iterable[Mention],
    orgs: frozenset[str],
    lines: Sequence[tuple[int, int]] = (),
    places: Counter[str] | None = None,
) -> str | None:
    """The country the story is about: the one most of its countries, places, offices and people
    belong to, when it clearly leads (at least 2 mentions and half of them). A dateline counts
    as much as three mentions. ``places`` adds the countries of the towns and regions the text
    names (:func:`place_countries`)."""
    counts: Counter[str] = Counter(places or ())
    for m in mentions:
        c = _country_of(m.actor, orgs)
        if c is not None:
            counts[c] += 3 if lines and any(a <= m.start < b for a, b in lines) else 1
    if not counts:
        return None
    (top, n), *rest = counts.most_common(2) + [("", 0)]
    total = sum(counts.values())
    return top if n >= 2 and n * 2 >= total and n > rest[0][1] else None


# a place name belongs to a country when that country's best match is this much more populous
# than any other country's ("London": GBR, not Ontario; "Georgia": the country or the state, no one)
_PLACE_MARGIN = 5


def place_countries(nlp_doc: Any) -> Counter[str]:
    """Countries of the towns and regions spaCy finds (GPE, LOC, FAC), looked up in the places
    stage's gazetteer: "Columbus", "Ohio", "Abuja"; also of the town a public body is named after
    ("the Columbus Police Department", "Lagos State Government"). Countries themselves are left
    out (the actor mentions count them); a name that could be in two countries counts for neither."""
    counts: Counter[str] = Counter()
    for ent in getattr(nlp_doc, "ents", ()):
        if ent.label_ in ("GPE", "LOC", "FAC"):
            names = [ent.text]
        elif ent.label_ == "ORG" and org_sector(ent.text) in ("COP", "GOV", "JUD", "LEG"):
            words = [w for w in ent.text.split() if w.lower() != "the"]
            names = [" ".join(words[:k]) for k in (3, 2, 1) if k < len(words)]
        else:
            continue
        for name in names:
            c = _place_country(name)
            if c is not None:
                counts[c] += 1
                break
    return counts


@functools.lru_cache(maxsize=8192)
def _place_country(name: str) -> str | None:
    from herald.places.compact import load_gazetteer

    best: dict[str, int] = {}
    for m in load_gazetteer().lookup(name, alternates=False):
        if m.entry.kind == "country" or m.entry.iso3 is None:
            return None
        if m.entry.kind in ("admin1", "city"):
            best[m.entry.iso3] = max(best.get(m.entry.iso3, 0), m.entry.population)
    ranked = sorted(best.items(), key=lambda kv: -kv[1])
    if ranked and (len(ranked) == 1 or ranked[0][1] >= _PLACE_MARGIN * ranked[1][1]):
        return ranked[0][0]
    return None


# "officials from Mexico", "lawmakers in Nigeria", "police of the city": the place right after a
# group noun is its country
_FROM = re.compile(r"\s+(?:from|in|of)\s+(?:the\s+)?$")


def _is_bare(m: Mention) -> bool:
    a = m.actor
    return a.country is None and a.sector in HOME_SECTORS and a.kind in ("agent", "person", "organisation")


def needs_home(mentions: Iterable[Mention]) -> bool:
    """Is there a bare group noun or private person that only the story's country can place?"""
    return any(_is_bare(m) for m in mentions)


def inherit(text: str, mentions: Sequence[Mention], orgs: frozenset[str], home: str | None) -> None:
    """Bare group nouns ("police", "officials", "the ministry") take the country named right after
    them ("officials from Mexico"), else the country of their sentence when it names exactly one,
    else the story's country; otherwise they keep the sector alone. A private person is placed
    once, at their first mention, and keeps that country through the article."""
    bare = [m for m in mentions if _is_bare(m)]
    if not bare:
        return
    starts = [x.start for x in mentions]
    people: dict[str, str | None] = {}
    local: dict[tuple[int, int], str | None] = {}
    for m in bare:
        a = m.actor
        if a.kind == "person" and a.name in people:
            country = people[a.name]
        else:
            country = (
                _after(text, mentions, starts, m, orgs)
                or home
                or _local(text, mentions, starts, m, orgs, local)
            )
            if a.kind == "person":
                people[a.name] = country
        if country is not None:
            a.country, a.code = country, country + (a.sector or "")


def _after(
    text: str, mentions: Sequence[Mention], starts: list[int], m: Mention, orgs: frozenset[str]
) -> str | None:
    """The country of a place named right after the group noun ("officials from Mexico")."""
    k = bisect.bisect_left(starts, m.end)
    if k >= len(mentions) or mentions[k].start - m.end > 12:
        return None
    if not _FROM.fullmatch(text[m.end : mentions[k].start]):
        return None
    return _country_of(mentions[k].actor, orgs)


def _local(
    text: str,
    mentions: Sequence[Mention],
    starts: list[int],
    m: Mention,
    orgs: frozenset[str],
    seen: dict[tuple[int, int], str | None],
) -> str | None:
    """The one country the group noun's sentence names, if it names exactly one (``seen`` keeps the
    answer per sentence)."""
    lo = max(text.rfind(". ", 0, m.start), text.rfind("\n", 0, m.start)) + 1
    ends = [i for i in (text.find(". ", m.end), text.find("\n", m.end)) if i >= 0]
    hi = min(ends) if ends else len(text)
    if (lo, hi) not in seen:
        local = {
            c
            for x in mentions[bisect.bisect_left(starts, lo) : bisect.bisect_left(starts, hi)]
            for c in [_country_of(x.actor, orgs)]
            if c is not None
        }
        seen[lo, hi] = next(iter(local)) if len(local) == 1 else None
    return seen[lo, hi]


# "House Democrats", "Senate Republicans", "congressional investigators", "House impeachment
# investigators": a party's members or a group working in a chamber
_CHAMBER = re.compile(
    r"(?:\b(?<!White )(?:House|Senate|[Cc]ongressional|[Pp]arliamentary)\s+(?:[a-z]+\s+)?)$"
)
_CHAMBER_HEAD = re.compile(r"(?:House|Senate|[Cc]ongressional|[Pp]arliamentary)\s+\w")
# the group nouns a chamber makes its own ("House impeachment investigators", "Senate aides")
_CHAMBER_GROUPS = frozenset({"PTY", "COP", "GOV", "CVL", "LAB"})


def in_chambers(text: str, mentions: list[Mention]) -> None:
    """A party or a group named with a chamber is its legislators (USALEG, as the guide codes
    "House Democrats"; "House impeachment investigators" are no police): the mention grows to take
    the chamber's words in, and a bare mention of the chamber ("House") goes. "White House
    officials" are the government's."""
    drop: set[int] = set()
    for i, m in enumerate(mentions):
        a = m.actor
        if a.sector not in _CHAMBER_GROUPS or a.kind != "agent":
            continue
        chunk = _CHAMBER_HEAD.match(text, m.start, m.end)  # one chunk already: "Senate Republicans"
        hit = None if chunk else _CHAMBER.search(text, max(0, m.start - 32), m.start)
        if chunk is None and hit is None:
            continue
        a.sector, a.code = "LEG", (a.country + "LEG") if a.country else "LEG"
        if hit is not None:
            drop.update(j for j in range(max(0, i - 2), i) if hit.start() <= mentions[j].start < m.start)
            m.start, a.text = hit.start(), text[hit.start() : m.end]
    for j in sorted(drop, reverse=True):
        del mentions[j]


# a plural people noun made from a country ("Indians", "Americans", "Ukrainians"): its people
_DEMONYM_PLURAL = re.compile(r"[A-Z][a-z]+(?:ans|is|os|ers|ks|des|nes|les)")


def states_and_people(text: str, mentions: Iterable[Mention], orgs: frozenset[str]) -> None:
    """A country named as an actor is its state ("China warned Vietnam": CHNGOV, VNMGOV, as the
    guide codes them); a plural of its people ("deported Indians", "most Americans") is its
    civilians (INDCVL). Places and modifiers were settled before and carry no code."""
    for m in mentions:
        a = m.actor
        if a.kind != "country" or a.sector is not None:
            continue
        c = _country_of(a, orgs)
        if c is None or a.code != c:
            continue
        words = text[m.start : m.end]
        if normalize(words) in town_aliases():
            as_place(m)  # "reached Kandahar": a town, not the state
            continue
        sector = "CVL" if _DEMONYM_PLURAL.fullmatch(words) and words.lower() != a.name.lower() else "GOV"
        a.sector, a.code = sector, c + sector


@functools.cache
def town_aliases() -> frozenset[str]:
    """Names the knowledge base gives a country that the gazetteer knows only as one of its towns,
    not its capital nor a region ("kandahar", "sao paulo", "montreal" among Afghanistan's, Brazil's
    and Canada's names; "new york", also a state, is not one): they still place a group noun
    ("Kandahar police"), but alone they are a town, never the state."""
    from herald.actors.kb import load
    from herald.places.compact import load_gazetteer

    gaz = load_gazetteer()
    towns: set[str] = set()
    for e in load().entities:
        if e.kind != "country" or not e.country:
            continue
        for alias in e.aliases:
            found = gaz.lookup(alias, alternates=False)
            if (
                found
                and all(m.entry.kind == "city" and not m.entry.capital for m in found)
                and any(m.entry.iso3 == e.country for m in found)
            ):
                towns.add(alias)
    return frozenset(towns)


# an organisation's sector from the words of its name, first match wins ("Columbus Police Department":
# COP before GOV); a name with none of them stays uncoded
_ORG_SECTORS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (sec, re.compile(rx, re.I))
    for sec, rx in (
        ("COP", r"\b(?:police|sheriff'?s?|constabulary|gendarmerie)\b"),
        ("JUD", r"\b(?:court|judiciary|tribunal|prosecutors?'?|attorney general'?s?)\b"),
        (
            "LEG",
            r"\b(?:senate|congress|parliament|legislature|assembly|house (?:\w+ )?committee)\b"
            r"|^(?:the )?house$",
        ),
        ("MIL", r"\b(?:army|navy|air force|marines|military|armed forces|national guard)\b"),
        ("PTY", r"\bparty\b"),
        (
            "GOV",
            r"\b(?:ministry|department|commission|agency|administration|government|council|"
            r"authority|bureau|federal reserve|secret service)\b",
        ),
        ("EDU", r"\b(?:university|college|school)\b"),
        ("HRI", r"\bhuman rights\b"),
        (
            "MED",
            r"\b(?:news|times|post|journal|tribune|herald|gazette|chronicle|television|tv|radio|"
            r"broadcasting)\b",
        ),
        (
            "BUS",
            r"(?:\b(?:inc|corp|corporation|ltd|llc|plc|co|company|holdings|productions|records|"
            r"bank|airlines?|motors|technologies|entertainment)\b\.?$)",
        ),
        ("NGO", r"\b(?:foundation|charity)\b"),
        ("LAB", r"\bunion\b"),
    )
)


# one pass first: most names hold none of the words
_ORG_ANY = re.compile("|".join(f"(?:{rx.pattern})" for _, rx in _ORG_SECTORS), re.I)


def org_sector(name: str) -> str | None:
    """The sector an organisation's name gives it ("the Columbus Police Department": COP)."""
    if _ORG_ANY.search(name) is None:
        return None
    for sec, rx in _ORG_SECTORS:
        if rx.search(name):
            return sec
    return None
