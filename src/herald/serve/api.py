"""The JSON API: validated parameters in, plain JSON out; the SQL lives in :mod:`herald.serve.queries`.

Validation happens here, at the edge, so that every query function can trust its arguments: dates
are real dates, event types look like PLOVER types, pages are bounded. Actor names are free text
(``O'Brien`` is a real name), which is safe because they only ever reach DuckDB as bound parameters.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request, Response

from herald.events import display_threshold
from herald.serve import queries, schemas
from herald.serve.data import Data
from herald.store.filters import EVENTS_MERGED, EventFilter

router = APIRouter(prefix="/api")

MAX_LIMIT = 1000

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Page size.")]
Offset = Annotated[int, Query(ge=0, le=100_000_000, description="Rows to skip.")]
ActorQ = Annotated[
    str | None,
    Query(
        min_length=1,
        max_length=100,
        description="Actor: country or organisation code (RUS, NATO), "
        "CAMEO actor code (RUSGOV) or name (Sergey Lavrov); case-insensitive.",
    ),
]
DateQ = Annotated[
    str | None,
    Query(
        min_length=4,
        max_length=10,
        pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$",
        description="YYYY, YYYY-MM or YYYY-MM-DD (inclusive).",
    ),
]
TypeQ = Annotated[
    str | None,
    Query(
        min_length=2, max_length=24, pattern=r"^[A-Za-z_]+$", description="PLOVER event type, e.g. CONSULT."
    ),
]
TextQ = Annotated[
    str | None, Query(min_length=1, max_length=200, description="Words to look for (case-insensitive).")
]
ActorPath = Annotated[str, Path(min_length=1, max_length=100)]


def get_data(request: Request) -> Data:
    data: Data = request.app.state.data
    return data


DataDep = Annotated[Data, Depends(get_data)]


def _bound(value: str | None, end: bool) -> str | None:
    """Expand a partial date to the first (or last) day it covers and check it is a real date."""
    if value is None:
        return None
    parts = value.split("-")
    try:
        if len(parts) == 1:
            return f"{value}-12-31" if end else f"{value}-01-01"
        if len(parts) == 2:
            y, m = int(parts[0]), int(parts[1])
            first = date(y, m, 1)
            if not end:
                return first.isoformat()
            nxt = date(y + (m == 12), m % 12 + 1, 1)
            return date.fromordinal(nxt.toordinal() - 1).isoformat()
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise HTTPException(422, f"not a date: {value!r} (use YYYY, YYYY-MM or YYYY-MM-DD)") from None


def event_filter(
    source: ActorQ = None,
    target: ActorQ = None,
    type: TypeQ = None,
    since: DateQ = None,
    until: DateQ = None,
    quad_class: Annotated[
        int | None,
        Query(
            ge=1,
            le=4,
            description="1 verbal cooperation, 2 material "
            "cooperation, 3 verbal conflict, 4 material conflict.",
        ),
    ] = None,
    doc: Annotated[
        str | None, Query(min_length=1, max_length=2000, description="Only this document id.")
    ] = None,
    symmetric: Annotated[
        bool, Query(description="Also match target->source (both directions of a pair).")
    ] = False,
    country: Annotated[
        str | None,
        Query(
            min_length=2,
            max_length=8,
            pattern=r"^[A-Za-z]+$",
            description="Where the event happened: ISO alpha-3 code (PRT).",
        ),
    ] = None,
    place: Annotated[
        str | None,
        Query(
            min_length=1, max_length=200, description="Where the event happened: the place's name (Lisbon)."
        ),
    ] = None,
    min_confidence: Annotated[
        float | None,
        Query(
            ge=0.0,
            le=1.0,
            description="Leave out events below this confidence (default: the coder's display "
            "threshold, the level at which events were right 80% of the time; 0 shows all).",
        ),
    ] = None,
) -> EventFilter:
    lo, hi = _bound(since, end=False), _bound(until, end=True)
    if lo and hi and lo > hi:
        raise HTTPException(422, f"since ({since}) is after until ({until})")
    return EventFilter(
        source=source,
        target=target,
        type=type.upper() if type else None,
        since=lo,
        until=hi,
        quad_class=quad_class,
        doc=doc,
        symmetric=symmetric,
        country=country.upper() if country else None,
        place=place,
        min_confidence=display_threshold() if min_confidence is None else min_confidence,
    )


Filter = Annotated[EventFilter, Depends(event_filter)]


@router.get("/summary", summary="Counts of what the store holds", response_model=schemas.Summary)
def summary(data: DataDep) -> dict[str, Any]:
    with data.cursor() as cur:
        return {"db": data.path.rsplit("/", 1)[-1], "counts": queries.counts(cur)}


@router.get(
    "/events",
    summary="Coded events with their evidence, newest first",
    response_model=schemas.Page[schemas.EventItem],
)
def events(
    data: DataDep,
    f: Filter,
    limit: Limit = 100,
    offset: Offset = 0,
    merged: Annotated[
        bool,
        Query(
            description="One row per story event: only the copy that stands for "
            "it (the first stored), as in `herald events`; false: every copy."
        ),
    ] = EVENTS_MERGED,
) -> dict[str, Any]:
    """Each event carries its source and target actors, PLOVER type and mode, CAMEO code, QuadClass,
    Goldstein score and the sentence that proves it (offsets into the article text). Rows are the
    events as coded in each stored article; ``event_key`` is shared by the copies of one story event."""
    with data.cursor() as cur:
        return queries.events(cur, f, limit, offset, merged=merged)


@router.get(
    "/timeline",
    summary="Events per month by QuadClass, with the mean Goldstein score",
    response_model=schemas.Timeline,
)
def timeline(data: DataDep, f: Filter) -> dict[str, Any]:
    with data.cursor() as cur:
        return {"items": queries.timeline(cur, f)}


@router.get(
    "/places",
    summary="Where events happened: located places with their event counts",
    response_model=schemas.Page[schemas.PlaceItem],
)
def places(data: DataDep, f: Filter, limit: Annotated[int, Query(ge=1, le=5000)] = 1000) -> dict[str, Any]:
    """One item per place (name, ISO country, first-level region, lat/lon) with the number of story
    events located there; the event filters narrow it (a dyad's places, a period's)."""
    with data.cursor() as cur:
        return queries.places(cur, f, limit)


@router.get("/map/outlines", summary="Country outlines for the map (Natural Earth 1:110m, GeoJSON)")
def outlines() -> Response:
    """The vendored Natural Earth country outlines (public domain) that the overview's map draws;
    static, so browsers may cache them."""
    return Response(
        _outlines_json(), media_type="application/json", headers={"Cache-Control": "public, max-age=86400"}
    )


@lru_cache(maxsize=1)
def _outlines_json() -> bytes:
    import json

    from herald.places import outlines as ne

    return json.dumps(ne.load(), separators=(",", ":")).encode()


@router.get("/quotes", summary="Quotes with their speakers", response_model=schemas.Page[schemas.QuoteItem])
def quotes(
    data: DataDep,
    speaker: ActorQ = None,
    q: TextQ = None,
    doc: Annotated[str | None, Query(min_length=1, max_length=2000)] = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    """``speaker`` matches the speaker's name or the country/code of the actor they speak for; ``q``
    looks in the quoted words and the speaker's name."""
    with data.cursor() as cur:
        return queries.quotes(cur, speaker=speaker, text=q, doc=doc, limit=limit, offset=offset)


@router.get(
    "/dyads",
    summary="Actor pairs by number of events (both directions together)",
    response_model=schemas.Page[schemas.DyadItem],
)
def dyads(data: DataDep, actor: ActorQ = None, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    with data.cursor() as cur:
        return queries.dyads(cur, actor=actor, limit=limit, offset=offset)


@router.get(
    "/dyads/{a}/{b}",
    summary="One relationship: counts each way, mean Goldstein, period",
    response_model=schemas.Dyad,
)
def dyad(data: DataDep, a: ActorPath, b: ActorPath) -> dict[str, Any]:
    with data.cursor() as cur:
        return queries.dyad(cur, a, b)


@router.get(
    "/dyads/{a}/{b}/quotes",
    summary="What either side said in the articles about the pair",
    response_model=schemas.Page[schemas.QuoteItem],
)
def dyad_quotes(
    data: DataDep, a: ActorPath, b: ActorPath, limit: Limit = 50, offset: Offset = 0
) -> dict[str, Any]:
    with data.cursor() as cur:
        return queries.dyad_quotes(cur, a, b, limit, offset)


@router.get("/actors", summary="Actors by activity", response_model=schemas.Page[schemas.ActorItem])
def actors(data: DataDep, q: TextQ = None, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    with data.cursor() as cur:
        return queries.actors(cur, text=q, limit=limit, offset=offset)


@router.get(
    "/stories",
    summary="Stories: near-duplicate articles clustered, largest first",
    response_model=schemas.Page[schemas.StoryItem],
)
def stories(data: DataDep, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    with data.cursor() as cur:
        return queries.stories(cur, limit=limit, offset=offset)


@router.get("/documents", summary="Articles, newest first", response_model=schemas.Page[schemas.DocumentItem])
def documents(
    data: DataDep,
    q: TextQ = None,
    story: Annotated[str | None, Query(min_length=1, max_length=200)] = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    with data.cursor() as cur:
        return queries.documents(cur, text=q, story=story, limit=limit, offset=offset)


@router.get(
    "/documents/{doc_id:path}",
    summary="One article: text, quotes, events, dates, boilerplate",
    response_model=schemas.Document,
)
def document(data: DataDep, doc_id: Annotated[str, Path(min_length=1, max_length=2000)]) -> dict[str, Any]:
    found = data.call("document", doc_id)
    if found is None:
        raise HTTPException(404, f"no document with id {doc_id!r}")
    with data.cursor() as cur:
        return queries.document_extras(cur, found.to_dict())


@router.get(
    "/search", summary="Actors, articles and quotes matching some words", response_model=schemas.Search
)
def search(data: DataDep, q: Annotated[str, Query(min_length=1, max_length=200)]) -> dict[str, Any]:
    words = re.sub(r"\s+", " ", q).strip()
    if not words:
        raise HTTPException(422, "empty search")
    with data.cursor() as cur:
        return queries.search(cur, words)
