"""The store's column registry: every column of every table, once, with what fills it.

One :class:`Column` per stored column, in table order: its name, its DuckDB type, the Python
expression that computes it from the data model (``herald.models``) when a document is written, and
the schema version that added it. From this list come

- the DDL (``CREATE TABLE`` of migration 1, ``ALTER TABLE ... ADD COLUMN`` of later migrations;
  :func:`create_table`, :func:`add_columns`),
- the column-name tuples and the row builders of ``herald.store.rows`` (:func:`names`,
  :func:`row_builder`: one generated function per table, as fast as a hand-written tuple),
- the columns the query layers show beyond their fixed lists (:func:`shown_after`).

Adding an output field to the store is one :class:`Column` here (with ``since`` the new schema
version) plus one line in ``herald.store.schema.MIGRATIONS`` that adds the columns of that version
(:func:`add_columns`); the row builders, the inserts, the CLI's and the API's column lists follow.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

ACTOR_COLUMNS = ("text", "name", "country", "sector", "code", "role", "kind")
PLACE_COLUMNS = ("text", "name", "country", "admin1", "lat", "lon", "kind")
_RESERVED = {"end"}

# the fixed lists of the query layers (herald.store.queries, herald.serve.queries) were written
# for this schema version; columns added later are shown after them (``shown_after``)
QUERY_LISTS_VERSION = 4


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # DuckDB type and constraints, as in CREATE TABLE
    value: str | None  # a Python expression over the row builder's arguments; None: the store fills it
    since: int = 1  # the schema version that added the column
    shown: bool = True  # offered by the query layers (when added after QUERY_LISTS_VERSION)

    @property
    def sql_name(self) -> str:
        return f'"{self.name}"' if self.name in _RESERVED else self.name


def _actor(prefix: str, var: str, skip: tuple[str, ...] = ()) -> list[Column]:
    return [
        Column(f"{prefix}_{c}", "VARCHAR", f"None if {var} is None else {var}.{c}")
        for c in ACTOR_COLUMNS
        if c not in skip
    ]


def _place(prefix: str, var: str) -> list[Column]:
    types = {"lat": "DOUBLE", "lon": "DOUBLE"}
    return [
        Column(f"{prefix}_{c}", types.get(c, "VARCHAR"), f"None if {var} is None else {var}.{c}")
        for c in PLACE_COLUMNS
    ]


@dataclass(frozen=True)
class Table:
    name: str
    args: str  # the row builder's parameters
    prelude: str  # statements run before the row is built (locals the expressions read)
    columns: tuple[Column, ...]


DOCUMENTS = Table(
    "documents",
    "doc, key, version, latest, seq, minhash, ingested",
    "d = doc.dates\nbetween = [*(d.events_between or []), None, None]",
    (
        Column("doc_key", "VARCHAR PRIMARY KEY", "key"),
        Column("id", "VARCHAR NOT NULL", "doc.id"),
        Column("version", "INTEGER NOT NULL", "version"),
        Column("latest", "BOOLEAN NOT NULL", "latest"),
        Column("seq", "BIGINT NOT NULL", "seq"),
        Column("source", "VARCHAR", "doc.source"),
        Column("outlet", "VARCHAR", "outlet(doc)"),
        Column("url", "VARCHAR", "doc.url"),
        Column("kind", "VARCHAR", "doc.kind"),
        Column("content_hash", "VARCHAR", "doc.content_hash"),
        Column("status", "VARCHAR NOT NULL", "doc.status"),
        Column("error", "VARCHAR", "doc.error"),
        Column("title", "VARCHAR", "doc.title"),
        Column("text", "VARCHAR", "doc.text"),
        Column("language", "VARCHAR", "doc.language"),
        Column("published", "DATE", "as_date(d.published)"),
        Column("updated", "DATE", "as_date(d.updated)"),
        Column("reference_date", "DATE", "as_date(d.reference)"),
        Column("event_date", "DATE", "as_date(d.event_date)"),
        Column("event_date_earliest", "DATE", "as_date(between[0])"),
        Column("event_date_latest", "DATE", "as_date(between[1])"),
        Column("date_evidence", "VARCHAR[]", "list(d.evidence or [])"),
        Column("stale", "BOOLEAN", "bool(d.stale)"),
        Column("story_id", "VARCHAR", "doc.story_id"),
        Column("boilerplate", "VARCHAR[]", "list(doc.boilerplate or [])"),
        Column("minhash", "BLOB", "minhash"),
        Column("ingested_at", "TIMESTAMP NOT NULL", "ingested"),
        Column("plover_type", "VARCHAR", "doc.plover_type", since=3),
        Column("plover_confidence", "DOUBLE", "confidence(doc.plover_confidence)", since=3),
        Column("warnings", "VARCHAR[]", "list(doc.warnings)", since=5),
    ),
)

EVENTS = Table(
    "events",
    "e, doc, key, index, event_key, latest, ingested, seq, source, seen",
    "when, basis = event_date(e, doc.dates, ingested)\nsrc, tgt, loc = e.source, e.target, e.location",
    (
        Column("event_id", "VARCHAR NOT NULL", 'f"{key}:{index}"'),
        Column("doc_key", "VARCHAR NOT NULL", "key"),
        Column("doc_id", "VARCHAR NOT NULL", "doc.id"),
        Column("event_index", "INTEGER NOT NULL", "index"),
        Column("latest", "BOOLEAN NOT NULL", "latest"),
        Column("story_id", "VARCHAR", "doc.story_id"),
        Column("event_key", "BIGINT NOT NULL", "event_key"),
        Column("doc_seq", "BIGINT NOT NULL", "seq"),
        Column("outlet", "VARCHAR", "source"),
        Column("doc_url", "VARCHAR", "doc.url"),
        Column("seen", "DATE", "seen"),
        Column("type", "VARCHAR", "e.type"),
        Column("mode", "VARCHAR", "e.mode"),
        Column("cameo", "VARCHAR", "e.cameo"),
        Column("quad_class", "TINYINT", "e.quad_class"),
        Column("goldstein", "DOUBLE", "e.goldstein"),
        *_actor("source", "src"),
        *_actor("target", "tgt"),
        Column("sentence", "VARCHAR", "e.sentence"),
        Column("start", "INTEGER", "e.start"),
        Column("end", "INTEGER", "e.end"),
        Column("negated", "BOOLEAN", "bool(e.negated)"),
        Column("confidence", "DOUBLE", "e.confidence"),
        Column("rule", "VARCHAR", "e.rule"),
        Column("trigger", "VARCHAR", "e.trigger"),
        Column("quote_index", "INTEGER", "e.quote_index"),
        Column("coded_date", "VARCHAR", "e.date"),
        Column("date", "DATE", "when"),
        Column("date_basis", "VARCHAR", "basis"),
        *_place("location", "loc"),
        # the copy that stands for its story event: set by the store after each write
        Column("representative", "BOOLEAN DEFAULT false", None, since=2, shown=False),
    ),
)

QUOTES = Table(
    "quotes",
    "q, doc, key, index, latest",
    "a = q.speaker_actor",
    (
        Column("doc_key", "VARCHAR NOT NULL", "key"),
        Column("doc_id", "VARCHAR NOT NULL", "doc.id"),
        Column("quote_index", "INTEGER NOT NULL", "index"),
        Column("latest", "BOOLEAN NOT NULL", "latest"),
        Column("story_id", "VARCHAR", "doc.story_id"),
        Column("text", "VARCHAR", "q.text"),
        Column("kind", "VARCHAR", "q.kind"),
        Column("speaker", "VARCHAR", "q.speaker"),
        Column("speaker_mention", "VARCHAR", "q.speaker_mention"),
        *_actor("speaker", "a", skip=("text",)),  # the words are speaker_mention
        Column("start", "INTEGER", "q.start"),
        Column("end", "INTEGER", "q.end"),
        Column("cue", "VARCHAR", "q.cue"),
        Column("polarity", "DOUBLE", "q.polarity"),
        Column("confidence", "DOUBLE", "q.confidence"),
        # a split quotation's parts as "start-end start-end" (None when it is one piece)
        Column("parts", "VARCHAR", "' '.join(f'{a}-{b}' for a, b in q.parts) or None", since=6),
    ),
)

ACTORS = Table(
    "actors",
    "m, doc, key, index, latest",
    "a = m.actor",
    (
        Column("doc_key", "VARCHAR NOT NULL", "key"),
        Column("doc_id", "VARCHAR NOT NULL", "doc.id"),
        Column("mention_index", "INTEGER NOT NULL", "index"),
        Column("latest", "BOOLEAN NOT NULL", "latest"),
        Column("start", "INTEGER", "m.start"),
        Column("end", "INTEGER", "m.end"),
        Column("via", "VARCHAR", "m.via"),
        *(Column(c, "VARCHAR", f"a.{c}") for c in ACTOR_COLUMNS),
    ),
)

PLACES = Table(
    "places",
    "p, doc, key, index, latest, dateline",
    "",
    (
        Column("doc_key", "VARCHAR NOT NULL", "key"),
        Column("doc_id", "VARCHAR NOT NULL", "doc.id"),
        Column("place_index", "INTEGER NOT NULL", "index"),
        Column("latest", "BOOLEAN NOT NULL", "latest"),
        Column("is_dateline", "BOOLEAN NOT NULL", "dateline"),
        *(Column(c, "DOUBLE" if c in ("lat", "lon") else "VARCHAR", f"p.{c}") for c in PLACE_COLUMNS),
    ),
)

TABLES: dict[str, Table] = {t.name: t for t in (DOCUMENTS, EVENTS, QUOTES, ACTORS, PLACES)}


def names(table: str) -> tuple[str, ...]:
    """The columns the row builder of ``table`` fills, in row order."""
    return tuple(c.name for c in TABLES[table].columns if c.value is not None)


def column(table: str, name: str) -> Column:
    return next(c for c in TABLES[table].columns if c.name == name)


def create_table(table: str, version: int = 1) -> str:
    """``CREATE TABLE`` with the columns ``table`` had at schema ``version``."""
    cols = [c for c in TABLES[table].columns if c.since <= version]
    body = ",\n".join(f"    {c.sql_name} {c.type}" for c in cols)
    return f"CREATE TABLE {table} (\n{body}\n)"


def add_columns(con: Any, version: int) -> list[str]:
    """Add the columns of schema ``version`` to their tables (``IF NOT EXISTS``: a file that already has
    them migrates as well); returns the tables changed."""
    changed = []
    for t in TABLES.values():
        new = [c for c in t.columns if c.since == version]
        for c in new:
            con.execute(f"ALTER TABLE {t.name} ADD COLUMN IF NOT EXISTS {c.sql_name} {c.type}")
        if new:
            changed.append(t.name)
    return changed


def shown_after(table: str, listed: tuple[str, ...] | list[str] = ()) -> list[str]:
    """The columns a query layer shows after its fixed list: those added after
    :data:`QUERY_LISTS_VERSION` (and not already listed), in table order, SQL-quoted."""
    return [
        c.sql_name
        for c in TABLES[table].columns
        if c.since > QUERY_LISTS_VERSION and c.shown and c.name not in listed
    ]


def extend(listed: str, table: str, prefix: str = "") -> str:
    """A query layer's fixed, comma-separated column list followed by :func:`shown_after` (each with
    ``prefix``, e.g. ``"q."``)."""
    have = [c.strip().strip('"').split(".")[-1] for c in listed.split(",")]
    extra = [f"{prefix}{c}" for c in shown_after(table, have)]
    return ", ".join([listed, *extra]) if extra else listed


def row_builder(table: str, env: dict[str, Any]) -> Callable[..., tuple[Any, ...]]:
    """Compile the row builder of ``table``: ``(args) -> tuple`` in :func:`names` order.

    The function is generated once from the registry (a tuple of the columns' expressions after the
    table's prelude), so a row costs what a hand-written tuple costs. ``env`` gives the helpers the
    expressions call (``as_date``, ``outlet``, ...).
    """
    t = TABLES[table]
    values = ",\n        ".join(c.value for c in t.columns if c.value is not None)
    prelude = "".join(f"    {line}\n" for line in t.prelude.splitlines())
    source = f"def {table}_row({t.args}):\n{prelude}    return (\n        {values},\n    )\n"
    scope = dict(env)
    exec(compile(source, f"<herald.store.columns: {table}_row>", "exec"), scope)  # noqa: S102
    fn: Callable[..., tuple[Any, ...]] = scope[f"{table}_row"]
    fn.__doc__ = f"One row of ``{table}`` (generated from herald.store.columns)."
    return fn
