"""herald's data model: the small dataclasses that flow between the stages.

A raw input becomes a :class:`RawDocument` (ingest), then a :class:`Document` (extract) that
later stages enrich in place: :class:`Mention` (actors), :class:`Quote` (quotes), :class:`Event`
(events), :class:`Dates` (time), ``story_id`` (stories). ``Document.to_dict()`` is the stable
output contract of ``herald code`` (see README, "Data model").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, get_args

# The version of the JSON contract (``Document.to_dict``, ``herald code``), first key of every object.
# Bumped when a field is removed or renamed or its meaning changes; new fields do not bump it.
SCHEMA_VERSION = 1

Status = Literal["ok", "skipped", "error"]
QuoteKind = Literal["direct", "indirect", "mixed"]

# What an input record came from: a file by its suffix (herald.ingest.read.SUFFIXES: txt, html, jsonl,
# warc, feed), a page a watch fetched (web), a text given in memory (text, herald.code_texts), a path
# that does not exist (missing), a Dask task that failed before reading its files (task).
DocKind = Literal["txt", "html", "jsonl", "warc", "feed", "web", "text", "missing", "task"]

# The 16 PLOVER event types (herald.events.ontology.TYPES lists them in the coder's order).
EventType = Literal[
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]  # fmt: skip

# An event's mode is one of two things (docs/events.md): PLOVER's auxiliary modality of the verb, or
# the type's own PLOVER mode from the CAMEO code (events/data/ontology.json). None when neither.
EventModality = Literal["future", "hypothetical"]
PloverMode = Literal[
    "abduct", "access", "aerial", "allege", "arrest", "assassinate", "assist", "ban", "beat",
    "boycott", "ceasefire", "censor", "change", "cleansing", "convict", "crowd-control", "curfew",
    "cyber", "demo", "deport", "destroy", "disapprove", "disarm", "discontinue", "drone", "ease",
    "expel", "explosives", "firearms", "heavy-weapons", "hunger", "investigate", "martial-law",
    "massacre", "meet", "militia", "misinformation", "multilateral", "obstruct", "phone", "police",
    "political", "primitive", "pro_autocracy", "relations", "release", "resign", "restrict",
    "return", "riot", "seize", "sexual", "strike", "suicide-attack", "targeted", "territory",
    "third-party", "torture", "troops", "unconventional", "violence", "visit", "weapons",
    "withdraw", "withhold", "yield",
]  # fmt: skip
EventMode = Literal[EventModality, PloverMode]

# The same values at run time; tests/test_types.py checks them against the shipped ontology and coder.
DOC_KINDS: tuple[DocKind, ...] = get_args(DocKind)
EVENT_TYPES: tuple[EventType, ...] = get_args(EventType)
EVENT_MODES: tuple[EventMode, ...] = get_args(EventModality) + get_args(PloverMode)


def _flat(obj: Any) -> dict[str, Any]:
    """A dataclass's fields as a dict, one level deep. ``dataclasses.asdict`` deep-copies every value
    recursively and took 3.1 ms of a document's 3.5 ms serialisation; callers convert nested
    dataclasses and copy lists themselves."""
    return {name: getattr(obj, name) for name in obj.__dataclass_fields__}


@dataclass
class RawDocument:
    """One input record before extraction: bytes or text plus what the container said about it."""

    id: str
    source: str  # the file (or file#record) it came from
    kind: DocKind
    content: bytes | str | None = None
    content_type: Literal["text", "html"] = "text"
    url: str | None = None
    date: str | None = None  # a date the container gives (JSONL "date", feed entry, WARC-Date)
    title: str | None = None  # a title the container gives (feed entry)
    error: str | None = None  # set when the reader already knows the record is bad


@dataclass
class Actor:
    """A resolved actor: what a mention refers to, as of the story's date."""

    text: str  # the words in the article
    name: str  # canonical name ("Sergey Lavrov", "Russia", "NATO")
    country: str | None = None  # ISO 3166-1 alpha-3, or an organisation code (NATO, UN, EU)
    sector: str | None = None  # GOV, MIL, IGO, OPP, ...
    code: str | None = None  # CAMEO-style actor code, e.g. RUSGOV, NATO, IGOUNO
    role: str | None = None  # the role that held at the story's date ("foreign minister")
    kind: str | None = None  # person | country | organisation | agent | place

    def to_dict(self) -> dict[str, Any]:
        return _flat(self)


@dataclass
class Mention:
    """A span of the article text resolved to an actor."""

    start: int
    end: int
    actor: Actor
    via: str = "name"  # name | alias | role | metonym | coref | pronoun | entity | place | quote


# how the parts of a split quotation are joined in ``Quote.text``
PART_JOIN = " … "


@dataclass
class Quote:
    """A quotation with its speaker. ``text`` is ``Document.text[start:end]``, except for a split
    quotation (`"A," X said. "B."`): then ``parts`` holds each part's offsets, ``text`` is the parts
    joined by :data:`PART_JOIN` (the speech tag is no part of what was said) and ``start``/``end``
    span the whole statement."""

    text: str
    kind: QuoteKind
    speaker: str | None  # canonical name, never a bare pronoun
    speaker_mention: str | None = None  # the words that named the speaker here
    speaker_actor: Actor | None = None
    start: int = 0  # offsets of the statement in Document.text
    end: int = 0
    cue: str | None = None  # the reporting verb or phrase
    polarity: float = 0.0  # stance, -1..1
    confidence: float = 0.5
    parts: list[tuple[int, int]] = field(default_factory=list)  # a split quotation's parts

    def to_dict(self) -> dict[str, Any]:
        d = _flat(self)
        d["speaker_actor"] = self.speaker_actor.to_dict() if self.speaker_actor else None
        d["parts"] = [list(p) for p in self.parts]
        return d


@dataclass
class Place:
    text: str
    name: str
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    kind: str | None = None  # country | admin1 | city | region

    def to_dict(self) -> dict[str, Any]:
        return _flat(self)


@dataclass
class Event:
    type: EventType  # PLOVER event type, e.g. AGREE
    mode: EventMode | None
    cameo: str | None
    quad_class: int | None  # 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
    goldstein: float | None
    source: Actor | None
    target: Actor | None
    sentence: str
    start: int  # offsets of the sentence (evidence) in Document.text
    end: int
    negated: bool = False
    confidence: float = 0.5
    rule: str = ""
    quote_index: int | None = None
    date: str | None = None
    trigger: str | None = None  # the word(s) that fired
    location: Place | None = None

    def to_dict(self) -> dict[str, Any]:
        d = _flat(self)
        for k in ("source", "target", "location"):
            v = getattr(self, k)
            d[k] = v.to_dict() if v is not None else None
        return d


@dataclass
class Dates:
    published: str | None = None  # YYYY-MM-DD
    updated: str | None = None
    reference: str | None = None  # the date a user or the container gave
    event_date: str | None = None
    events_between: list[str | None] = field(default_factory=lambda: [None, None])
    evidence: list[str] = field(default_factory=list)
    stale: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {**_flat(self), "events_between": list(self.events_between), "evidence": list(self.evidence)}


@dataclass
class Document:
    """One article as it moves through the pipeline; the stages fill its fields in order."""

    id: str
    source: str
    url: str | None = None
    kind: DocKind = "txt"
    status: Status = "ok"
    error: str | None = None
    # stages that failed on this document, one "<stage>: <ExceptionType>: <message>" each; the
    # document stays ok with what the other stages found (the stage contract, herald.pipeline)
    warnings: list[str] = field(default_factory=list)
    title: str | None = None
    text: str = ""
    language: str | None = None
    content_hash: str | None = None
    story_id: str | None = None
    dates: Dates = field(default_factory=Dates)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    dateline: Place | None = None
    boilerplate: list[str] = field(default_factory=list)  # lines removed by extraction
    # what the whole story is, as one PLOVER type (the story classifier over the text, lead weighted
    # apart): a label for the document, next to the events each sentence proves
    plover_type: EventType | None = None
    plover_confidence: float | None = None
    # the parsed spaCy Doc while the document is inside the NLP stages; never serialised
    nlp: Any = field(default=None, repr=False, compare=False)

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    def to_dict(self) -> dict[str, Any]:
        """The output contract of ``herald code`` (one JSON object per document)."""
        return {
            "schema": SCHEMA_VERSION,
            "id": self.id,
            "source": self.source,
            "url": self.url,
            "kind": self.kind,
            "status": self.status,
            "error": self.error,
            "warnings": list(self.warnings),
            "title": self.title,
            "text": self.text,
            "language": self.language,
            "content_hash": self.content_hash,
            "story_id": self.story_id,
            "dates": self.dates.to_dict(),
            "quotes": [q.to_dict() for q in self.quotes],
            "events": [e.to_dict() for e in self.events],
            "mentions": [
                {"start": m.start, "end": m.end, "via": m.via, **m.actor.to_dict()} for m in self.mentions
            ],
            "places": [p.to_dict() for p in self.places],
            "dateline": self.dateline.to_dict() if self.dateline else None,
            "boilerplate": self.boilerplate,
            "plover_type": self.plover_type,
            "plover_confidence": self.plover_confidence,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Document:
        """Rebuild a document from :meth:`to_dict` output (used by the Dask runner and tests)."""
        if d.get("schema", SCHEMA_VERSION) > SCHEMA_VERSION:
            raise ValueError(f"document schema {d['schema']} is newer than this herald's ({SCHEMA_VERSION})")

        def actor(a: dict[str, Any] | None) -> Actor | None:
            return Actor(**a) if a else None

        def place(p: dict[str, Any] | None) -> Place | None:
            return Place(**p) if p else None

        quotes = [
            Quote(
                **{
                    **q,
                    "speaker_actor": actor(q.get("speaker_actor")),
                    "parts": [(int(a), int(b)) for a, b in q.get("parts") or []],
                }
            )
            for q in d.get("quotes", [])
        ]
        events = [
            Event(
                **{
                    **e,
                    "source": actor(e.get("source")),
                    "target": actor(e.get("target")),
                    "location": place(e.get("location")),
                }
            )
            for e in d.get("events", [])
        ]
        mentions = []
        for m in d.get("mentions", []):
            m = dict(m)
            start, end, via = m.pop("start"), m.pop("end"), m.pop("via", "name")
            mentions.append(Mention(start, end, Actor(**m), via))
        return cls(
            id=d["id"],
            source=d.get("source", ""),
            url=d.get("url"),
            kind=d.get("kind", "txt"),
            status=d.get("status", "ok"),
            error=d.get("error"),
            warnings=list(d.get("warnings", [])),
            title=d.get("title"),
            text=d.get("text", ""),
            language=d.get("language"),
            content_hash=d.get("content_hash"),
            story_id=d.get("story_id"),
            dates=Dates(**d.get("dates", {})),
            quotes=quotes,
            events=events,
            mentions=mentions,
            places=[Place(**p) for p in d.get("places", [])],
            dateline=place(d.get("dateline")),
            boilerplate=list(d.get("boilerplate", [])),
            plover_type=d.get("plover_type"),
            plover_confidence=d.get("plover_confidence"),
        )
