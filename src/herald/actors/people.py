"""People herald has no knowledge-base entry for: is the name a person's, and what do they do?

spaCy tags many things PERSON that are not people on news pages ("MacBook Pro", "Nintendo Switch",
"Night Mode", "Pokemon Sword", a dateline in capitals, a film title). A name is coded as a private
person only when it has a person's shape (two to four capitalised words, no digits, no product or
venue word), the page is not a sports page (athletes are no political actors, and their country
is rarely the story's), and the text shows a person (:func:`shows_a_person`: a known first name, a
title, an apposition, a verb of saying, or the surname written alone later).

What the person does comes from the title written next to the name, before it ("Rep. Adam Schiff",
"Apple CEO Tim Cook", "Lt. Col. Alexander Vindman") or in apposition after it ("Marc Benioff,
Salesforce's chief executive"): legislators LEG, executives and officials GOV, judges and
prosecutors JUD, officers MIL, police COP, executives and analysts BUS, journalists MED. A title
found at one mention holds for every mention of that person in the article, and so does a country
the apposition names ("Liu He, China's top trade negotiator").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from herald.actors.names import FEMALE_NAMES, MALE_NAMES, wordset
from herald.models import Actor, Mention

# words that end product, venue, award or work names, never a person's name
_THING_WORDS = wordset(
    """Pro Max Mini Plus Ultra Edition Switch Keyboard Folio Mode Earphones Earbuds Audio Cup Night
    Sword Shield Series Studio Amphitheatre Amphitheater Theatre Theater Arena Center Centre Park
    Street Avenue Road Award Awards Prize Festival Tour Week Day Bowl Open Games Championship
    League Fund Foundation Institute University College School Hospital Airport Station Bridge
    Hotel Club Museum Gallery Church Stadium Pictures Records Studios Music Books Press"""
)
# the small words inside names ("Fritz Eckart von Weizsäcker", "Ursula von der Leyen")
_PARTICLES = frozenset(
    {"von", "van", "der", "den", "de", "da", "del", "della", "di", "du", "la", "le", "bin", "ibn", "al"}
)
# Latin letters with accents ("Weizsäcker", "Łukasz"), upper and lower case
_UP = "A-ZÀ-ÖØ-Þ\u0100-\u017f"
_LOW = "a-zß-öø-ÿ\u0100-\u017f'’\\-"
_NAME_WORD = re.compile(rf"(?:[{_UP}][{_LOW}]+(?:[{_UP}][{_LOW}]+)*|[A-Z]\.|Mc[A-Z][a-z]+|O'[A-Z][a-z]+)")

# (sector, title words) in the order they are tried; the words of a title written right before a name
_TITLES: tuple[tuple[str, str], ...] = (
    (
        "LEG",
        r"rep|representative|sen|senator|congressman|congresswoman|assemblyman|assemblywoman|"
        r"assemblymember|councilman|councilwoman|council member|councilmember|lawmaker|legislator|"
        r"delegate|speaker|house (?:\w+ )?(?:committee )?chair(?:man|woman)?",
    ),
    ("JUD", r"judge|justice|attorney general|district attorney|u\.s\. attorney|prosecutor"),
    (
        "COP",
        r"sheriff|deputy|detective|trooper|police chief|constable|patrolman|investigator|"
        r"(?<!chief )(?<!strategy )(?<!executive )(?<!financial )(?<!operating )(?<!information )"
        r"(?<!technology )(?<!marketing )(?<!compliance )(?<!communications )(?<!loan )(?<!medical )officer",
    ),
    (
        "MIL",
        r"gen|general|lt|lt\. col|col|colonel|maj|major|capt|captain|lieutenant|adm|admiral|sgt|"
        r"sergeant|cpl|corporal|pvt|private|commander|brig|brigadier",
    ),
    (
        "GOV",
        r"gov|governor|lt\. gov|mayor|secretary|minister|ambassador|envoy|commissioner|"
        r"press secretary|chief of staff|official|negotiator|diplomat|ombudsman|ombudswoman|"
        r"ombudsperson|inspector general|comptroller|auditor general",
    ),
    (
        "BUS",
        r"ceo|chief executive|executive|founder|co-founder|cfo|coo|cto|analyst|entrepreneur|"
        r"businessman|businesswoman|billionaire|investor|"
        r"chief (?!medical )(?:\w+ ){1,2}officer|senior vp|svp|evp",
    ),
    ("MED", r"reporter|correspondent|anchor|editor|journalist|columnist|host|commentator"),
)
_BEFORE = tuple((sec, re.compile(rf"\b(?:{words})\.?\s+$", re.I)) for sec, words in _TITLES)
_BEFORE_ANY = re.compile(rf"\b(?:{'|'.join(words for _, words in _TITLES)})\.?\s+$", re.I)
_AFTER = tuple((sec, re.compile(rf"\b(?:{words})\b\.?$", re.I)) for sec, words in _TITLES)
_AFTER_ANY = re.compile(rf"\b(?:{'|'.join(words for _, words in _TITLES)})\b\.?$", re.I)
# a title in apposition: ", Salesforce's chief executive," or ", the House Intelligence Committee
# chairman," or ", who is the White House Ukraine expert." (the words that place the title: a
# committee is a legislature's)
_APPOS = re.compile(
    r",\s+(?:who\s+(?:is|was|has been|serves as|served as)\s+)?(?:the\s+|a\s+|an\s+)?"
    r"([^,.;:()\"“”]{0,80}?)(?=[,.;]|\s+(?:who|said|says)\b)"
)
_PLACES = (
    ("LEG", re.compile(r"\b(?:committee|(?<!white )house|senate|congress|parliament|legislature)\b", re.I)),
    ("JUD", re.compile(r"\b(?:court|prosecutor'?s?)\b", re.I)),
    ("COP", re.compile(r"\b(?:police|sheriff'?s?)\b", re.I)),
    ("GOV", re.compile(r"\b(?:department|ministry|agency|administration|commission|white house)\b", re.I)),
)
# a title that opens the apposition and names its employer: ", CEO of New Media,", ", president of
# the American Farm Bureau Federation,", ", a spokeswoman for the ministry,"
_LEAD = tuple(
    (sec, re.compile(rf"^(?:[\w'’.-]+\s+){{0,3}}?(?:{words})\b(?=\s+(?:of|at|for|with)\b)", re.I))
    for sec, words in _TITLES
)
_FORMER = re.compile(r"\b(?:former|ex-|retired|late)\b", re.I)
# a title whose post is named between it and the name: "Ambassador to the European Union Gordon
# Sondland", "Minister of Foreign Affairs Ayman Safadi"
_POST_OF = re.compile(r"\s(?:to|of|for)\s+(?:the\s+)?(?:[A-Z][\w.'’&-]*\s+){1,5}$")


def looks_like_a_person(name: str) -> bool:
    """Two to four capitalised words ("Michael Webb", "Christopher L. Tays"), none of them a word
    that ends a product, venue or award name, no digits, not all capitals."""
    words = name.split()
    if not 2 <= len(words) <= 4 or name.isupper():
        return False
    if any(w.strip(",") in _THING_WORDS for w in words):
        return False
    return all(
        _NAME_WORD.fullmatch(w) or (0 < i < len(words) - 1 and w in _PARTICLES) for i, w in enumerate(words)
    )


def shows_a_person(text: str, m: Mention) -> bool:
    """Does the text show that the name at ``m`` is a person's: a first name people are known by
    (the knowledge base's people and the common first names), a title before it, an apposition
    after it ("Eswar Prasad, a trade professor"), or a verb of saying next to it ("Singh said",
    "said Jeffrey Halley")?"""
    words = m.actor.name.split()
    if len(words) >= 2 and words[0].lower() in first_names():
        return True
    if title_sector(text, m.start, m.end) is not None or _apposition(text, m.end):
        return True
    return bool(_SAID_AFTER.match(text, m.end) or _SAID_BEFORE.search(text, max(0, m.start - 12), m.start))


_SAID_AFTER = re.compile(
    r"\s*(?:,[^,]{0,60},\s*)?(?:has |had |also )?(?:said|says|told|tells|added|explained|wrote)\b"
)
_SAID_BEFORE = re.compile(r"\b(?:said|says|told|added|according to)\s+$")


@functools.cache
def first_names() -> frozenset[str]:
    """First words of the knowledge base's people ("Volodymyr", "Ahmad", "Kurt") and the common
    first names of :mod:`herald.actors.names`."""
    from herald.actors.kb import load

    kb_firsts = {e.name.split()[0].lower() for e in load().entities if e.kind == "person" and " " in e.name}
    return frozenset(kb_firsts | MALE_NAMES | FEMALE_NAMES)


def titled(text: str, mentions: Sequence[Mention]) -> None:
    """Give private people (sector CVL, no role) the sector of the title written next to a mention,
    and the country their apposition names ("Liu He, China's top trade negotiator": CHN)."""
    people = [
        m for m in mentions if m.actor.kind == "person" and m.actor.sector == "CVL" and not m.actor.role
    ]
    found: dict[str, str] = {}
    home: dict[str, str] = {}
    for m in people:
        if m.via == "pronoun" or m.actor.name in found:
            continue
        sector = title_sector(text, m.start, m.end)
        appos = _apposition(text, m.end)
        if appos is None:
            if sector is not None:
                found[m.actor.name] = sector
            continue
        employer = _appos_employer(text, appos, mentions) if sector is None else None
        if employer is not None:  # "Jack Buser, Google's director for games": Google's
            sector = employer.sector
            if employer.country:
                home.setdefault(m.actor.name, employer.country)
        if sector is not None:
            found[m.actor.name] = sector
        country = _appos_country(text, appos, mentions)
        if country is not None:
            home.setdefault(m.actor.name, country)
    for m in people:
        a = m.actor
        a.country = home.get(a.name, a.country)
        sec = found.get(a.name, a.sector)
        a.sector, a.code = sec, (a.country + sec) if a.country and sec else None


def _apposition(text: str, end: int) -> re.Match[str] | None:
    """The apposition right after a name that ends at ``end`` (its words are group 1), if any."""
    return _APPOS.match(text, end, min(len(text), end + 110))


def _place_sector(words: str) -> str | None:
    """The sector of the body a title's words place it in ("Columbus Police Department
    spokesman": COP; "House Intelligence Committee chairman": LEG), if they name one."""
    return next((sec for sec, rx in _PLACES if rx.search(words)), None)


# the employer in an apposition: "Google's director for games", "senior vp at Ubisoft"
_EMPLOYED = re.compile(r"\b(?:at|of|for|with)\s+(?:the\s+)?$")
_EMPLOYERS = frozenset({"BUS", "MED", "EDU", "NGO", "HLH"})


def _appos_employer(text: str, appos: re.Match[str], mentions: Sequence[Mention]) -> Actor | None:
    """The company, outlet, school or charity a person works for, as the apposition right after
    their name says it ("Jack Buser, Google's director for games,"; "Chris Early, senior vp
    partnerships and revenue at Ubisoft"): an organisation mention there with a sector, written as
    the title's possessor or after "at", "of", "for", "with"."""
    lo, hi = appos.start(1), appos.end(1)
    for x in mentions:
        a = x.actor
        if not (lo <= x.start < hi) or a.kind != "organisation" or a.sector not in _EMPLOYERS:
            continue
        if text[x.end : x.end + 2] in ("'s", "’s") or _EMPLOYED.search(text, max(lo, x.start - 9), x.start):
            return a
    return None


def _appos_country(text: str, appos: re.Match[str], mentions: Sequence[Mention]) -> str | None:
    """The country named in the apposition right after a person's name, when it names one."""
    lo, hi = appos.start(1), appos.end(1)
    named = {
        x.actor.country
        for x in mentions
        if lo <= x.start < hi
        and x.actor.kind == "country"
        and x.actor.country is not None
        and not _TOWARD.search(text, max(lo, x.start - 9), x.start)
    }
    return named.pop() if len(named) == 1 else None


# "the former special envoy to Ukraine", "an analyst in Hong Kong": the country the work is about or
# in, not the person's own
_TOWARD = re.compile(r"\b(?:to|in|for|on|at|against|with|toward|towards|into|over)\s+(?:the\s+)?$", re.I)


def title_sector(text: str, start: int, end: int) -> str | None:
    """The sector of a title right before ``text[start:end]`` or in apposition right after it."""
    before = text[max(0, start - 40) : start]
    if "\n" in before:
        before = before.rsplit("\n", 1)[1]
    if _FORMER.search(before[-24:]):
        return None
    if _BEFORE_ANY.search(before):
        for sec, rx in _BEFORE:
            if rx.search(before):
                # police share the army's ranks: "Lt. Matt Harris, Columbus Police Department spokesman"
                if (
                    sec == "MIL"
                    and (appos := _apposition(text, end))
                    and _place_sector(appos.group(1)) == "COP"
                ):
                    return "COP"
                return sec
    lead = text[max(0, start - 80) : start]
    post = _POST_OF.search(lead) if (" to " in lead or " of " in lead or " for " in lead) else None
    if post is not None:
        title = lead[max(0, post.start() - 40) : post.start()]
        if not _FORMER.search(title[-24:]) and _AFTER_ANY.search(title):
            return next(sec for sec, rx in _AFTER if rx.search(title))
    m = _apposition(text, end)
    if m is None or _FORMER.search(m.group(1)):
        return None
    words = m.group(1)
    placed = _place_sector(words)
    if placed is not None:
        return placed
    for sec, rx in _AFTER:
        if rx.search(words):
            return sec
    for sec, rx in _LEAD:
        if rx.search(words):
            return sec
    return None
