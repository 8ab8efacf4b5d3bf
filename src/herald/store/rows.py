"""Turning documents into table rows (column lists, bulk-inserted through Arrow) and back.

Rows are built column-wise in plain Python lists because that is what makes a million events ingest in
seconds: one Arrow table per table per batch, one ``INSERT ... SELECT`` each, no per-row SQL.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable
from datetime import date, datetime
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from herald.models import Actor, Dates, Document, Event, Mention, Place, Quote
from herald.store import columns as C
from herald.store.columns import ACTOR_COLUMNS, PLACE_COLUMNS


def doc_key(doc: Document) -> str:
    """Identity of one version of one document: its id plus what it contained (or why it failed).

    The same content under the same id gives the same key (re-ingestion adds nothing); a changed page
    gives a new key (a new version of the document)."""
    what = doc.content_hash or f"{doc.status}:{doc.error or ''}"
    return hashlib.sha256(f"{doc.id}\x1f{what}".encode()).hexdigest()[:24]


def outlet(doc: Document) -> str:
    """Who published it: the URL's host (without ``www.``), else the input record it came from."""
    if doc.url:
        host = urlsplit(doc.url).hostname or ""
        if host:
            return host.removeprefix("www.")
    return doc.source


def as_date(value: str | None) -> date | None:
    """A ``YYYY-MM-DD`` string as a date; anything else (missing, partial, malformed) as None."""
    if not value or not isinstance(value, str) or len(value) < 10:
        return None
    return _parse_date(value[:10])


@lru_cache(maxsize=65536)
def _parse_date(value: str) -> date | None:
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def actor_key(actor: Actor | None) -> str:
    if actor is None:
        return ""
    return (actor.code or actor.country or actor.name or actor.text or "").lower()


def event_keys(doc_story: str, events: list[Event]) -> list[int]:
    """The merge key of each event: story, type, mode, source, target, negation and occurrence.

    Copies of one story code the same events in the same order, so the n-th ACCUSE RUS->NATO in one
    copy is the n-th in another; keying on the occurrence keeps two genuinely separate accusations in
    one article apart while merging each with its copies elsewhere. A positive 63-bit integer: cheap
    to group on (a million-event dyad query groups only integers) and safe in every export format.
    """
    seen: dict[tuple[str, ...], int] = defaultdict(int)
    out = [0] * len(events)
    for i in sorted(range(len(events)), key=lambda i: (events[i].start, i)):
        e = events[i]
        ident = (
            e.type or "",
            e.mode or "",
            actor_key(e.source),
            actor_key(e.target),
            "n" if e.negated else "",
        )
        n = seen[ident]
        seen[ident] = n + 1
        digest = hashlib.blake2b("\x1f".join((doc_story, *ident, str(n))).encode(), digest_size=8).digest()
        out[i] = int.from_bytes(digest, "big") >> 1
    return out


Ref = tuple[int, str, bool, str, str]  # event_key, type, negated, source key, target key


def _compatible(e: Event, ref: Ref) -> bool:
    """Could this event be the same report as ``ref`` (an event of another copy of the story)?

    Same type and negation; each side's actor equal or missing on one of the two; and at least one
    side present and equal (the anchor), unless neither event names any actor.
    """
    _, typ, neg, src, tgt = ref
    if e.type != typ or bool(e.negated) != neg:
        return False
    mine = (actor_key(e.source), actor_key(e.target))
    anchored = False
    for a, b in zip(mine, (src, tgt), strict=True):
        if a and b:
            if a != b:
                return False
            anchored = True
    return anchored or not (any(mine) or src or tgt)


def align(events: list[Event], keys: list[int], refs: list[Ref]) -> list[int]:
    """Give each event the key of the matching event of the story's founding copy, in text order.

    Copies are coded independently and can differ slightly (an actor resolved in one copy and not in
    the other, a paragraph missing): greedy in-order matching on compatible type and actors keeps
    their events merged where exact keys would split them. Unmatched events keep their own key.
    """
    used = [False] * len(refs)
    out = list(keys)
    pos = 0
    for i in sorted(range(len(events)), key=lambda i: (events[i].start, i)):
        for j in range(pos, len(refs)):
            if not used[j] and _compatible(events[i], refs[j]):
                used[j] = True
                out[i] = refs[j][0]
                pos = j + 1 if j == pos else pos
                break
    return out


def refs_of(events: list[Event], keys: list[int]) -> list[Ref]:
    order = sorted(range(len(events)), key=lambda i: (events[i].start, i))
    return [
        (
            keys[i],
            events[i].type,
            bool(events[i].negated),
            actor_key(events[i].source),
            actor_key(events[i].target),
        )
        for i in order
    ]


# the columns each row builder fills, in row order (herald.store.columns, the one registry)
EVENT_FIELDS = C.names("events")
QUOTE_FIELDS = C.names("quotes")
ACTOR_FIELDS = C.names("actors")
PLACE_FIELDS = C.names("places")
DOCUMENT_FIELDS = C.names("documents")
FIELDS = {
    "documents": DOCUMENT_FIELDS,
    "events": EVENT_FIELDS,
    "quotes": QUOTE_FIELDS,
    "actors": ACTOR_FIELDS,
    "places": PLACE_FIELDS,
}


def event_date(e: Event, dates: Dates, ingested: datetime) -> tuple[date | None, str]:
    """The date an event is filed under, and what it rests on (most specific first)."""
    for value, basis in (
        (e.date, "event"),
        (dates.event_date, "document_event_date"),
        (dates.published, "published"),
        (dates.reference, "reference"),
    ):
        d = as_date(value)
        if d is not None:
            return d, basis
    return ingested.date(), "ingested"


def first_seen(doc: Document, ingested: datetime) -> date:
    """When a document was first seen: its publication date, else the day herald stored it."""
    return as_date(doc.dates.published) or ingested.date()


def _confidence(value: float | None) -> float | None:
    """A probability as a plain float (the classifier may hand over a numpy scalar); NaN as unknown."""
    if value is None:
        return None
    value = float(value)
    return None if value != value else value


def _build() -> None:
    helpers: dict[str, Any] = {
        "as_date": as_date,
        "outlet": outlet,
        "event_date": event_date,
        "confidence": _confidence,
    }
    for table, name in (
        ("events", "event_row"),
        ("quotes", "quote_row"),
        ("actors", "mention_row"),
        ("places", "place_row"),
        ("documents", "document_row"),
    ):
        globals()[name] = C.row_builder(table, helpers)


# The row builders, generated from the registry (signatures: herald.store.columns, ``Table.args``):
# event_row(e, doc, key, index, event_key, latest, ingested, seq, source, seen),
# quote_row(q, doc, key, index, latest), mention_row(m, doc, key, index, latest),
# place_row(p, doc, key, index, latest, dateline), document_row(doc, key, version, latest, seq, minhash,
# ingested).
event_row: Callable[..., tuple[Any, ...]]
quote_row: Callable[..., tuple[Any, ...]]
mention_row: Callable[..., tuple[Any, ...]]
place_row: Callable[..., tuple[Any, ...]]
document_row: Callable[..., tuple[Any, ...]]
_build()


# --- back from rows to a Document (``herald show``, ``Store.document``) ----------------------------


def _actor_from(row: dict[str, Any], prefix: str, text: str | None = None) -> Actor | None:
    name = row.get(f"{prefix}_name")
    code = row.get(f"{prefix}_code")
    if name is None and code is None and row.get(f"{prefix}_country") is None:
        return None
    return Actor(
        text=text if text is not None else (row.get(f"{prefix}_text") or ""),
        name=name or "",
        country=row.get(f"{prefix}_country"),
        sector=row.get(f"{prefix}_sector"),
        code=code,
        role=row.get(f"{prefix}_role"),
        kind=row.get(f"{prefix}_kind"),
    )


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def document_from_rows(
    doc: dict[str, Any],
    quotes: list[dict[str, Any]],
    events: list[dict[str, Any]],
    mentions: list[dict[str, Any]],
    places: list[dict[str, Any]],
) -> Document:
    dates = Dates(
        published=_iso(doc["published"]),
        updated=_iso(doc["updated"]),
        reference=_iso(doc["reference_date"]),
        event_date=_iso(doc["event_date"]),
        events_between=[_iso(doc["event_date_earliest"]), _iso(doc["event_date_latest"])],
        evidence=list(doc["date_evidence"] or []),
        stale=bool(doc["stale"]),
    )
    out = Document(
        id=doc["id"],
        source=doc["source"],
        url=doc["url"],
        kind=doc["kind"] or "txt",
        status=doc["status"],
        error=doc["error"],
        title=doc["title"],
        text=doc["text"] or "",
        language=doc["language"],
        content_hash=doc["content_hash"],
        story_id=doc["story_id"],
        dates=dates,
        boilerplate=list(doc["boilerplate"] or []),
        plover_type=doc.get("plover_type"),
        plover_confidence=doc.get("plover_confidence"),
        warnings=list(doc.get("warnings") or []),
    )
    for q in quotes:
        out.quotes.append(
            Quote(
                text=q["text"],
                kind=q["kind"],
                speaker=q["speaker"],
                speaker_mention=q["speaker_mention"],
                speaker_actor=_actor_from(q, "speaker", text=q["speaker_mention"] or ""),
                start=q["start"],
                end=q["end"],
                cue=q["cue"],
                polarity=q["polarity"],
                confidence=q["confidence"],
            )
        )
    for e in events:
        loc = None
        if e.get("location_name") is not None or e.get("location_text") is not None:
            loc = Place(**{c: e[f"location_{c}"] for c in PLACE_COLUMNS})
        out.events.append(
            Event(
                type=e["type"],
                mode=e["mode"],
                cameo=e["cameo"],
                quad_class=e["quad_class"],
                goldstein=e["goldstein"],
                source=_actor_from(e, "source"),
                target=_actor_from(e, "target"),
                sentence=e["sentence"],
                start=e["start"],
                end=e["end"],
                negated=bool(e["negated"]),
                confidence=e["confidence"],
                rule=e["rule"] or "",
                quote_index=e["quote_index"],
                date=e["coded_date"],
                trigger=e["trigger"],
                location=loc,
            )
        )
    for m in mentions:
        actor = Actor(**{c: m[c] for c in ACTOR_COLUMNS})
        out.mentions.append(Mention(m["start"], m["end"], actor, m["via"]))
    for p in places:
        place = Place(**{c: p[c] for c in PLACE_COLUMNS})
        if p["is_dateline"]:
            out.dateline = place
        else:
            out.places.append(place)
    return out
