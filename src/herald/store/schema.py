"""The store's schema and its migrations (documented field by field in docs/schema.md).

Every change to the schema is a new numbered migration appended to :data:`MIGRATIONS`; opening a store
for writing applies the ones it lacks, each in its own transaction, and records them in
``schema_migrations``. A store written by a newer herald than this one is refused rather than guessed at.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from herald.store import columns as C
from herald.store.columns import ACTOR_COLUMNS, PLACE_COLUMNS

__all__ = ["ACTOR_COLUMNS", "PLACE_COLUMNS", "MIGRATIONS", "SCHEMA_VERSION", "migrate"]

# The tables written from documents are generated from the column registry, as they were at
# schema version 1 (later versions add their columns in their own migration).
DOCUMENTS = C.create_table("documents")
QUOTES = C.create_table("quotes")
EVENTS = C.create_table("events")
ACTORS = C.create_table("actors")
PLACES = C.create_table("places")

STORIES = """
CREATE TABLE stories (
    story_id VARCHAR PRIMARY KEY,
    founder_doc_id VARCHAR,
    title VARCHAR,
    num_documents INTEGER,
    num_sources INTEGER,
    first_seen DATE,
    last_seen DATE
)"""

# One row per merged event: the copies of an event in the documents of one story, counted once. The
# first-stored copy (lowest doc_seq) gives the evidence; see herald.store.queries for the same merge
# with filters applied first.
STORY_EVENTS_VIEW = """
CREATE OR REPLACE VIEW story_events AS
WITH agg AS (
    SELECT event_key, min(doc_seq) AS rep_seq, count(*) AS num_documents,
           count(DISTINCT outlet) AS num_sources, min(seen) AS first_seen,
           list(doc_id ORDER BY doc_seq) AS doc_ids
    FROM events WHERE latest GROUP BY event_key
)
SELECT e.*, agg.num_documents, agg.num_sources, agg.first_seen, agg.doc_ids
FROM agg JOIN events e ON e.event_key = agg.event_key AND e.doc_seq = agg.rep_seq AND e.latest
"""

CURRENT_DOCUMENTS_VIEW = """
CREATE OR REPLACE VIEW current_documents AS SELECT * EXCLUDE (minhash) FROM documents WHERE latest
"""

INDEXES = [
    "CREATE INDEX documents_id ON documents (id)",
    "CREATE INDEX documents_story ON documents (story_id)",
]


def _legacy(con: Any) -> None:
    """Keep a first-version table (no migrations table) under another name instead of losing it."""
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    if "documents" in tables:
        con.execute("ALTER TABLE documents RENAME TO documents_v0")


def _v1(con: Any) -> None:
    _legacy(con)
    for ddl in (
        DOCUMENTS,
        QUOTES,
        EVENTS,
        ACTORS,
        PLACES,
        STORIES,
        STORY_EVENTS_VIEW,
        CURRENT_DOCUMENTS_VIEW,
        *INDEXES,
    ):
        con.execute(ddl)


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    apply: Callable[[Any], None]


# Which copy of a story event stands for it: the first-stored ``latest`` row of its ``event_key``
# (as in the ``story_events`` view). Kept up to date by every write for the keys it touches
# (``Store._mark_representatives``), so "one row per story event" is a plain filter.
REPRESENTATIVE_SQL = """
UPDATE events SET representative = r.rep
FROM (SELECT rowid AS rid,
             latest AND row_number() OVER (PARTITION BY event_key
                                           ORDER BY NOT latest, doc_seq, event_index) = 1
                 AS rep
      FROM events {where}) r
WHERE events.rowid = r.rid AND events.representative IS DISTINCT FROM r.rep
"""


def _v2(con: Any) -> None:
    C.add_columns(con, 2)  # events.representative
    con.execute(REPRESENTATIVE_SQL.format(where=""))
    con.execute(STORY_EVENTS_VIEW)  # re-bound so that ``e.*`` carries the new column


def _v3(con: Any) -> None:
    """The story-level PLOVER type the events stage gives each document (``Document.plover_type``).

    Documents stored before keep NULL: their story type was never computed, which is not the same as
    a type of low confidence (``herald run`` skips stored documents, so only new versions get one).
    ``IF NOT EXISTS`` lets a file that already has the columns (added by hand, say) migrate as well.
    """
    C.add_columns(con, 3)  # documents.plover_type, plover_confidence
    con.execute(CURRENT_DOCUMENTS_VIEW)  # re-bound so that ``*`` carries the new columns


# ``herald watch`` (herald.watch): what it has seen, fetched, failed and why, per listing and per source,
# so that a restart goes on where the last run stopped (docs/watch.md).
WATCH_SOURCES = """
CREATE TABLE IF NOT EXISTS watch_sources (
    source VARCHAR PRIMARY KEY,
    kind VARCHAR,
    added_at TIMESTAMP NOT NULL,
    last_check TIMESTAMP,
    last_success TIMESTAMP,
    last_error VARCHAR,
    last_error_at TIMESTAMP,
    rounds INTEGER NOT NULL DEFAULT 0,
    failures INTEGER NOT NULL DEFAULT 0
)"""

WATCH_FEEDS = """
CREATE TABLE IF NOT EXISTS watch_feeds (
    url VARCHAR PRIMARY KEY,
    source VARCHAR NOT NULL,
    kind VARCHAR,
    etag VARCHAR,
    last_modified VARCHAR,
    cursor VARCHAR,
    items INTEGER,
    http_status INTEGER,
    error VARCHAR,
    checked_at TIMESTAMP
)"""

WATCH_URLS = """
CREATE TABLE IF NOT EXISTS watch_urls (
    url VARCHAR PRIMARY KEY,
    source VARCHAR NOT NULL,
    listed_url VARCHAR,
    found_at TIMESTAMP NOT NULL,
    item_date VARCHAR,
    title VARCHAR,
    status VARCHAR NOT NULL,
    reason VARCHAR,
    attempts INTEGER NOT NULL DEFAULT 0,
    retry_at TIMESTAMP,
    http_status INTEGER,
    final_url VARCHAR,
    fetched_at TIMESTAMP,
    doc_id VARCHAR,
    doc_status VARCHAR,
    signature VARCHAR
)"""


def _v4(con: Any) -> None:
    for ddl in (WATCH_SOURCES, WATCH_FEEDS, WATCH_URLS):
        con.execute(ddl)


def _columns_of(version: int) -> Callable[[Any], None]:
    """The migration that adds the registry's columns of ``version`` (herald.store.columns) and re-binds
    the views over their tables, so that ``*`` carries the new columns."""

    def apply(con: Any) -> None:
        changed = C.add_columns(con, version)
        if "documents" in changed:
            con.execute(CURRENT_DOCUMENTS_VIEW)
        if "events" in changed:
            con.execute(STORY_EVENTS_VIEW)

    return apply


MIGRATIONS: list[Migration] = [
    Migration(1, "documents, quotes, events, actors, places, stories; story_events view", _v1),
    Migration(2, "events.representative: the copy that stands for each story event", _v2),
    Migration(3, "documents.plover_type, plover_confidence: the story-level PLOVER type", _v3),
    Migration(4, "watch_sources, watch_feeds, watch_urls: the state of `herald watch`", _v4),
    Migration(5, "documents.warnings: the stages that failed on a document", _columns_of(5)),
    Migration(6, "quotes.parts: the parts of a split quotation", _columns_of(6)),
]
SCHEMA_VERSION = MIGRATIONS[-1].version


class SchemaTooNew(RuntimeError):
    pass


def current_version(con: Any) -> int:
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    if "schema_migrations" not in tables:
        return 0
    row = con.execute("SELECT max(version) FROM schema_migrations").fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def migrate(con: Any) -> list[int]:
    """Bring the database to :data:`SCHEMA_VERSION`; returns the versions applied now."""
    have = current_version(con)
    if have > SCHEMA_VERSION:
        raise SchemaTooNew(
            f"this store has schema version {have}, newer than this herald ({SCHEMA_VERSION}): upgrade herald"
        )
    applied = []
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, description VARCHAR, "
        "applied_at TIMESTAMP DEFAULT current_timestamp)"
    )
    for m in MIGRATIONS:
        if m.version <= have:
            continue
        con.execute("BEGIN")
        try:
            m.apply(con)
            con.execute(
                "INSERT INTO schema_migrations (version, description) VALUES (?, ?)",
                [m.version, m.description],
            )
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        applied.append(m.version)
    return applied
