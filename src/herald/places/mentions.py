"""Find the spans of an article that name places, and what the nearby words say about them.

spaCy's small English model tags places as GPE (countries, cities, states), LOC (regions, seas)
and FAC (buildings, airports); it also tags surnames and newspapers as GPE now and then ("Clinton",
"Washington" in "Washington Post"). A span becomes a place mention only if the gazetteer knows the
name and it is not one of those look-alikes.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import Any

from herald.models import Document
from herald.places.gazetteer import Entry, Gazetteer
from herald.places.resolve import STATE_CUES_AFTER, STATE_CUES_BEFORE, PlaceMention, inside

PLACE_LABELS = ("GPE", "LOC", "FAC")
# Words that turn a place name into the name of a newspaper, team or institution.
NAME_TAILS = frozenset(
    [
        "Post",
        "Times",
        "Journal",
        "Herald",
        "Tribune",
        "Observer",
        "Globe",
        "Daily",
        "Mail",
        "Examiner",
        "Star",
        "Chronicle",
        "Gazette",
        "Free",
        "Press",
        "Inquirer",
        "Sun",
        "Bee",
        "Dispatch",
        "Review",
        "Register",
        "Courier",
        "Independent",
        "Telegraph",
        "Guardian",
        "University",
        "College",
        "Institute",
        "Center",
        "Centre",
        "Company",
        "Corp",
        "Inc",
        "Group",
        "Bank",
        "Fund",
        "Foundation",
        "Club",
        "Yankees",
        "Mets",
        "Giants",
        "Jets",
        "Redskins",
        "Nationals",
        "Capitals",
        "Wizards",
        "Rangers",
        "Knicks",
        "Nets",
        "Magazine",
    ]
)
QUALIFIER = re.compile(r"^\s*,\s*")


def _strip(text: str) -> tuple[str, int, int]:
    """Drop a leading "the" and a trailing possessive; return the text and the cut on each side."""
    left = 0
    m = re.match(r"(?:[Tt]he\s+)?(?:(?:State|Commonwealth|City) of\s+)?", text)
    if m:
        left = m.end()
    core = text[left:]
    right = 0
    for tail in ("'s", "’s", "'", "’"):
        if core.endswith(tail):
            right = len(tail)
            break
    return core[: len(core) - right], left, right


def person_words(sp: Any, doc: Document) -> set[str]:
    """Words of the people the article names: a GPE "Clinton" next to "Hillary Clinton" is her."""
    words: set[str] = set()
    for ent in sp.ents:
        if ent.label_ == "PERSON":
            words.update(t.text for t in ent if t.text[:1].isupper())
    for m in doc.mentions or []:
        if getattr(m.actor, "kind", None) == "person":
            words.update(w for w in doc.text[m.start : m.end].split() if w[:1].isupper())
    return words


def person_spans(doc: Document) -> list[tuple[int, int]]:
    return [(m.start, m.end) for m in doc.mentions or [] if getattr(m.actor, "kind", None) == "person"]


def demonym_countries(sp: Any, gaz: Gazetteer) -> Counter[str]:
    """Countries named through their demonyms ("Russian officials"), for the story's context."""
    found: Counter[str] = Counter()
    for ent in sp.ents:
        if ent.label_ == "NORP":
            cc = gaz.demonym(ent.text)
            if cc:
                found[cc] += 1
    return found


def _overlaps(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


def from_entities(doc: Document, gaz: Gazetteer) -> list[PlaceMention]:
    """Place mentions from the spaCy entities of ``doc.nlp``, qualifiers attached."""
    sp = doc.nlp
    people = person_words(sp, doc)
    people_at = person_spans(doc)
    text = doc.text
    out: list[PlaceMention] = []
    for ent in sp.ents:
        if ent.label_ not in PLACE_LABELS:
            continue
        core, left, right = _strip(ent.text)
        start, end = ent.start_char + left, ent.end_char - right
        if not core[:1].isupper() or _overlaps(start, end, people_at):
            continue
        after = text[end : end + 40]
        nxt = after.split(maxsplit=1)[0] if after.strip() else ""
        if after[:1] == " " and nxt.strip(".,;:") in NAME_TAILS:
            continue
        out.extend(_split_qualified(core, start, ent.label_, gaz))
    _attach_qualifiers(out, text, gaz)
    kept = []
    for pm in out:
        pm.matches = gaz.lookup(pm.text, alternates=pm.label == "GPE")
        if not pm.matches:
            continue
        if pm.text in people and all(m.entry.kind == "city" for m in pm.matches):
            continue
        pm.state_cue = bool(
            STATE_CUES_AFTER.match(text[pm.end : pm.end + 30])
            or STATE_CUES_BEFORE.search(text[max(0, pm.start - 12) : pm.start])
        )
        kept.append(pm)
    return kept


def _split_qualified(core: str, start: int, label: str, gaz: Gazetteer) -> list[PlaceMention]:
    """spaCy sometimes keeps "Paris, Texas" as one entity: make it a place and its qualifier."""
    head, sep, tail = core.partition(",")
    if sep and tail.strip() and gaz.lookup(tail.strip()):
        tail_start = start + len(head) + 1 + (len(tail) - len(tail.lstrip()))
        return [
            PlaceMention(start, start + len(head), head, label),
            PlaceMention(tail_start, tail_start + len(tail.strip()), tail.strip(), label),
        ]
    return [PlaceMention(start, start + len(core), core, label)]


def _attach_qualifiers(mentions: list[PlaceMention], text: str, gaz: Gazetteer) -> None:
    """ "X, Y" where X lies in Y: Y qualifies X ("Flint, Mich.", "Lisbon, Portugal").

    A list ("Ohio, Florida and Nevada") looks the same; it differs in that X does not lie in Y.
    """
    for i, pm in enumerate(mentions):
        gap = QUALIFIER.match(text[pm.end : pm.end + 4])
        if not gap:
            continue
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        if nxt is not None and nxt.start == pm.end + gap.end():
            areas = qualifier_areas(nxt.text, gaz)
        else:  # a state abbreviation spaCy did not tag: "Newport News, Va."
            word = ABBREVIATION.match(text[pm.end + gap.end() : pm.end + gap.end() + 8])
            areas = qualifier_areas(word.group(0), gaz) if word else []
        mine = gaz.lookup(pm.text, alternates=pm.label == "GPE")
        areas = [a for a in areas if any(inside(m.entry, a) for m in mine)]
        if areas:
            pm.within = areas
            if nxt is not None and nxt.start == pm.end + gap.end():
                nxt.qualifies = True


ABBREVIATION = re.compile(r"[A-Z][A-Za-z]{0,4}\.(?: ?[A-Z][a-z]{0,3}\.)?")


def qualifier_areas(name: str, gaz: Gazetteer) -> list[Entry]:
    """The countries and first-level regions a qualifier may name ("Georgia": both kinds)."""
    return [m.entry for m in gaz.lookup(name) if m.entry.kind in ("country", "admin1")]
