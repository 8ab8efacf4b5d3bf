"""Datelines: "MOSCOW (Reuters) -", "WASHINGTON —", "NEWPORT NEWS, Va. -".

A dateline opens one of the first paragraphs of a wire or newspaper story and says where it was
filed. It is written in capitals, or followed by the agency in brackets, then a dash. Section heads
look alike ("QUESTIONABLE MEDICAL CLAIMS —"), so a dateline counts only if its place resolves.
"""

from __future__ import annotations

import re

from herald.places.gazetteer import Gazetteer
from herald.places.mentions import qualifier_areas
from herald.places.resolve import PlaceMention, inside

DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Za-z.'\- ]{1,40}?)"
    r"(?:,\s*(?P<qual>[A-Z][A-Za-z. ]{1,20}?))?"
    r"(?:,\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}))?"  # ", Sept 28"
    r"\s*(?P<agency>\([A-Za-z .&-]{1,30}\))?"
    r"\s*(?:--|[—–-])\s"
)
PARAGRAPHS = 3  # a dateline opens one of the first few paragraphs (a title may come first)


def find(text: str, gaz: Gazetteer) -> PlaceMention | None:
    """The dateline of ``text`` as a place mention (candidates attached), or None."""
    offset = 0
    for para in text.split("\n")[: PARAGRAPHS * 2]:
        if para.strip():
            pm = _match(para, offset, gaz)
            if pm is not None:
                return pm
        offset += len(para) + 1
    return None


def _match(para: str, offset: int, gaz: Gazetteer) -> PlaceMention | None:
    lead = len(para) - len(para.lstrip())
    m = DATELINE.match(para, lead)
    if m is None:
        return None
    place = m.group("place").strip()
    if not (place.isupper() or m.group("agency")):
        return None
    start = offset + m.start("place")
    pm = PlaceMention(start, start + len(place), place, "DATELINE")
    pm.matches = gaz.lookup(place)
    if m.group("qual"):
        pm.within = qualifier_areas(m.group("qual").strip(), gaz)
        if not pm.within:
            return None
        if not any(inside(mm.entry, a) for mm in pm.matches for a in pm.within):
            # a town too small for the gazetteer: its state or country still holds
            pm.matches = [
                mm for mm in gaz.lookup(m.group("qual").strip()) if mm.entry.kind in ("country", "admin1")
            ]
            pm.within = []
            pm.end = offset + m.end("qual")
            pm.text = para[m.start("place") : m.end("qual")]
    return pm if pm.matches else None
