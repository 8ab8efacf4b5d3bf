"""The shapes the JSON API answers with (the ``response_model`` of every route under ``/api``).

They give the OpenAPI page (``/openapi.json``, the local API reference) its shapes and are checked on
every answer. Each model names the fields a client can rely on; ``extra="allow"`` keeps any column a
newer store adds (``herald.store.columns``) in the answer instead of dropping it silently.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

Status = Literal["ok", "skipped", "error"]
QuoteKind = Literal["direct", "indirect", "mixed"]


class Open(BaseModel):
    model_config = ConfigDict(extra="allow")


Item = TypeVar("Item")


class Page(Open, Generic[Item]):
    """One page of a longer list."""

    total: int = Field(description="Rows matching, over all pages.")
    limit: int
    offset: int
    items: list[Item]


class Counts(Open):
    documents: int
    events: int = Field(description="Story events (copies of one story counted once).")
    event_rows: int = Field(description="Events as coded in each stored article.")
    quotes: int
    actors: int
    stories: int
    stale: int


class Summary(Open):
    db: str
    counts: Counts


class ActorRef(Open):
    text: str | None = None
    name: str | None = None
    country: str | None = None
    sector: str | None = None
    code: str | None = None
    role: str | None = None
    key: str | None = Field(
        None, description="What the page groups this actor under (country, code or name)."
    )


class PlaceRef(Open):
    text: str | None = None
    name: str | None = None
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    kind: str | None = None


class EventItem(Open):
    event_key: int = Field(description="Shared by the copies of one story event.")
    doc_id: str
    index: int = Field(description="The event's position in its document.")
    story_id: str | None = None
    date: dt.date | None = None
    date_basis: str | None = None
    type: str | None = Field(None, description="PLOVER event type.")
    mode: str | None = None
    cameo: str | None = None
    quad_class: int | None = None
    goldstein: float | None = None
    sentence: str | None = Field(None, description="The sentence that proves the event.")
    start: int | None = None
    end: int | None = None
    negated: bool | None = None
    confidence: float | None = None
    rule: str | None = None
    trigger: str | None = None
    quote_index: int | None = None
    doc_title: str | None = None
    source: ActorRef | None = None
    target: ActorRef | None = None
    location: PlaceRef | None = None


class MonthCounts(Open):
    month: str = Field(description="YYYY-MM")
    counts: dict[int, int] = Field(description="Events per QuadClass (1-4).")
    total: int
    goldstein: float | None = None


class Timeline(Open):
    items: list[MonthCounts]


class PlaceItem(Open):
    name: str | None = None
    country: str | None = None
    admin1: str | None = None
    kind: str | None = None
    lat: float | None = None
    lon: float | None = None
    events: int
    first: dt.date | None = None
    last: dt.date | None = None
    country_name: str | None = None


class QuoteItem(Open):
    doc_id: str
    index: int
    story_id: str | None = None
    text: str | None = None
    kind: QuoteKind | None = None
    speaker: str | None = None
    speaker_mention: str | None = None
    speaker_name: str | None = None
    speaker_country: str | None = None
    speaker_code: str | None = None
    speaker_role: str | None = None
    speaker_key: str | None = None
    start: int | None = None
    end: int | None = None
    cue: str | None = None
    polarity: float | None = None
    confidence: float | None = None
    parts: str | None = None
    doc_title: str | None = None
    date: dt.date | None = None


class DyadItem(Open):
    a: str
    b: str
    a_name: str | None = None
    b_name: str | None = None
    events: int
    goldstein: float | None = None
    a_to_b: int
    b_to_a: int
    first: dt.date | None = None
    last: dt.date | None = None
    counts: dict[int, int] = Field(description="Events per QuadClass (1-4).")


class Dyad(DyadItem):
    quotes: int


class ActorItem(Open):
    key: str
    name: str | None = None
    events: int
    quotes: int


class StoryItem(Open):
    story_id: str
    documents: int
    sources: int
    title: str | None = None
    first_seen: dt.date | None = None
    last_seen: dt.date | None = None
    founder_doc_id: str | None = None
    ids: list[str]


class DocumentItem(Open):
    id: str
    title: str | None = None
    url: str | None = None
    status: Status
    published: dt.date | None = None
    event_date: dt.date | None = None
    stale: bool | None = None
    story_id: str | None = None
    plover_type: str | None = None
    plover_confidence: float | None = None
    events: int
    quotes: int


class Document(Open):
    """``herald code``'s JSON object for the article (``Document.to_dict``) with what the page needs."""

    schema_: int = Field(alias="schema", description="The version of the JSON contract.")
    id: str
    source: str
    url: str | None = None
    kind: str | None = None
    status: Status
    error: str | None = None
    warnings: list[str] = []
    title: str | None = None
    text: str
    language: str | None = None
    content_hash: str | None = None
    story_id: str | None = None
    dates: dict[str, Any]
    quotes: list[dict[str, Any]]
    events: list[dict[str, Any]]
    mentions: list[dict[str, Any]]
    places: list[dict[str, Any]]
    dateline: dict[str, Any] | None = None
    boilerplate: list[str]
    plover_type: str | None = None
    plover_confidence: float | None = None
    story_size: int | None = None


class SearchActor(ActorItem):
    partners: list[dict[str, Any]] = []


class Search(Open):
    actors: list[SearchActor]
    documents: list[DocumentItem]
    quotes: list[QuoteItem]


class Arrival(Open):
    id: str
    title: str | None = None
    url: str | None = None
    status: Status
    error: str | None = None
    ingested_at: dt.datetime | None = None
    event_date: dt.date | None = None
    published: dt.date | None = None
    events: int


class Arrivals(Open):
    counts: Counts
    latest: list[Arrival]
    sources: list[dict[str, Any]]
