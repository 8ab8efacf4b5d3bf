"""The store: one DuckDB file holding documents, quotes, events, actors, places and stories.

Three promises, and how they are kept:

* **Nothing is counted twice.** A document version is keyed by its id plus its content hash (or its
  error); writing a key that is already stored adds nothing, and a changed page under a known id
  becomes a new version that supersedes the old (``latest``). Events of copies of one story share an
  ``event_key`` and are merged by the ``story_events`` view and by every query.
* **Nothing is lost in a crash.** Each batch is written in one transaction (documents and all their
  rows together). A run killed at any point leaves whole batches; the rerun skips exactly those
  documents (``has``) and rebuilds the story index from the stored signatures, so it ends with the
  rows a clean run gives.
* **Readers can read while a run writes.** DuckDB lets one process write *or* several read. A writing
  store therefore holds the file only while it commits a batch (milliseconds; the coding between
  batches takes seconds) and readers hold it only for a query; both wait for the lock with a timeout
  (``HERALD_LOCK_TIMEOUT``, default 30 s) instead of failing. See docs/schema.md, "Concurrency".
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import numpy as np

from herald.models import Document
from herald.store import rows as R

# The lock's names, re-exported (``X as X``): callers import them from here as before.
from herald.store.lock import WAITING_FRESH as WAITING_FRESH
from herald.store.lock import WAITING_SUFFIX as WAITING_SUFFIX
from herald.store.lock import StoreLocked as StoreLocked
from herald.store.lock import connect
from herald.store.lock import lock_timeout as lock_timeout
from herald.store.lock import writer_waiting as writer_waiting
from herald.store.queries import Queries
from herald.store.schema import REPRESENTATIVE_SQL, SCHEMA_VERSION, SchemaTooNew, current_version, migrate
from herald.stories import StoryIndex

CHILD_TABLES = ("quotes", "events", "actors", "places")


class SchemaMismatch(SchemaTooNew):
    """A read-only store whose schema version is not the one this herald reads."""


def _fault_point(batch: int) -> None:
    """Crash-test hook: ``HERALD_FAULT_KILL_AT_BATCH=n`` kills the process (SIGKILL, as ``kill -9``)
    after batch ``n`` is written but before it commits. Unset, it does nothing."""
    at = os.environ.get("HERALD_FAULT_KILL_AT_BATCH")
    if at and int(at) == batch:
        import signal

        os.kill(os.getpid(), signal.SIGKILL)


def upgrade(path: str, timeout: float | None = None) -> list[int]:
    """Migrate an existing store to this herald's schema (``herald migrate``); returns the schema
    versions applied now (empty when it was already current). Readers refuse an older store rather
    than change a file they only read; a writer migrates on open, so this is that step alone."""
    if not os.path.exists(path):
        raise FileNotFoundError(f"no herald store at {path} (create one with `herald run`)")
    con = connect(path, read_only=False, timeout=timeout)
    try:
        return migrate(con)
    finally:
        con.close()


class Store(Queries):
    """A herald database. ``Store(path)`` writes (creating and migrating it), ``read_only=True`` reads.

    ``hold`` keeps one connection open for the store's life. Readers hold by default (fast repeated
    queries; ``hold=False`` opens per query so a concurrent ``herald run`` is never kept waiting);
    writers do not (so readers get in between batches; ``hold=True`` suits single-process bulk loads).
    """

    def __init__(
        self, path: str, read_only: bool = False, hold: bool | None = None, timeout: float | None = None
    ) -> None:
        self.path = path
        self.read_only = read_only
        self.timeout = timeout
        self._con: Any = None
        self._index: StoryIndex | None = None
        self._keys: set[str] = set()
        self._batches = 0
        if read_only:
            if not os.path.exists(path):
                raise FileNotFoundError(f"no herald store at {path} (create one with `herald run`)")
            con = connect(path, read_only=True, timeout=timeout)
            have = current_version(con)
            if have != SCHEMA_VERSION:
                con.close()
                raise SchemaMismatch(
                    f"{path} has schema version {have}, this herald reads version {SCHEMA_VERSION}: "
                    + (
                        f"migrate it once with `herald migrate --db {path}`"
                        if have < SCHEMA_VERSION
                        else "upgrade herald"
                    )
                )
            if hold is None or hold:
                self._con = con
            else:
                con.close()
            return
        con = connect(path, read_only=False, timeout=timeout)
        migrate(con)
        self._keys = {r[0] for r in con.execute("SELECT doc_key FROM documents").fetchall()}
        if hold:
            self._con = con
        else:
            con.close()

    # --- connection handling ------------------------------------------------------------------

    @contextmanager
    def connection(self) -> Iterator[Any]:
        """The open connection (readers, ``hold=True``), or one opened for this block and closed."""
        if self._con is not None:
            yield self._con
            return
        con = connect(self.path, read_only=self.read_only, timeout=self.timeout)
        try:
            yield con
        finally:
            con.close()

    @property
    def con(self) -> Any:
        """The held DuckDB connection (readers; writers opened with ``hold=True``)."""
        if self._con is None:
            raise RuntimeError("this store holds no open connection: use `with store.connection() as con:`")
        return self._con

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None

    # --- the interface pipeline.run uses ------------------------------------------------------

    @staticmethod
    def key(doc: Document) -> str:
        return R.doc_key(doc)

    def has(self, doc: Document) -> bool:
        """Is this version of this document stored? (Answered from memory: no file access.)"""
        if self.read_only:
            with self.connection() as con:
                return (
                    con.execute("SELECT 1 FROM documents WHERE doc_key = ?", [self.key(doc)]).fetchone()
                    is not None
                )
        return self.key(doc) in self._keys

    def story_index(self) -> StoryIndex:
        """The story index over every stored document, so new documents join earlier stories."""
        if self._index is None:
            index = StoryIndex()
            with self.connection() as con:
                cur = con.execute(  # text only where no signature was stored (bulk loads)
                    "SELECT content_hash, minhash, story_id, CASE WHEN minhash IS NULL THEN text END "
                    "FROM documents WHERE status = 'ok' AND story_id IS NOT NULL ORDER BY seq"
                )
                while batch := cur.fetchmany(10_000):
                    for content_hash, blob, story, text in batch:
                        sig = (
                            np.frombuffer(blob, dtype=np.uint32)
                            if blob and len(blob) == index.num_perm * 4
                            else index.signature(text or "")
                        )
                        index.insert(content_hash, sig, story)
            self._index = index
        return self._index

    def write(self, docs: list[Document], regroup: bool = True) -> int:
        """Store a batch in one transaction; returns how many document versions were new.

        ``regroup=False`` keeps the documents' ``story_id`` as given and stores no signatures (bulk
        loads of already-grouped data); normally the store's own index decides each story.
        """
        if self.read_only:
            raise PermissionError("this store was opened read-only")
        if not docs:
            return 0
        index = self.story_index() if regroup else None
        if index is not None:
            for doc in docs:
                if doc.ok and doc.content_hash:
                    # the store's index is the authority: documents coded elsewhere (another process,
                    # a Dask worker with its own index) are regrouped against everything stored
                    doc.story_id = index.story_of(doc.content_hash) or index.add(
                        doc.id, doc.content_hash, doc.text
                    )
        self._batches += 1
        with self.connection() as con:
            con.execute("BEGIN")
            try:
                added = self._write(con, docs, index)
                _fault_point(self._batches)
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
        return added

    def _write(self, con: Any, docs: list[Document], index: StoryIndex | None) -> int:
        keys = [self.key(d) for d in docs]
        stored = {
            r[0]
            for r in con.execute(
                "SELECT doc_key FROM documents WHERE doc_key IN (SELECT unnest(?::VARCHAR[]))", [keys]
            ).fetchall()
        }
        ids = sorted({d.id for d in docs})
        prior: dict[str, tuple[int, bool]] = {}  # id -> (highest version, has an ok latest version)
        for doc_id, version, ok_latest in con.execute(
            "SELECT id, max(version), bool_or(latest AND status = 'ok') FROM documents "
            "WHERE id IN (SELECT unnest(?::VARCHAR[])) GROUP BY id",
            [ids],
        ).fetchall():
            prior[doc_id] = (int(version), bool(ok_latest))
        row = con.execute("SELECT coalesce(max(seq), 0) FROM documents").fetchone()
        seq = int(row[0]) if row else 0
        now = datetime.now(UTC).replace(tzinfo=None)
        tables: dict[str, list[tuple[Any, ...]]] = {t: [] for t in R.FIELDS}
        refs = self._story_refs(con, docs)
        kept: dict[str, str] = {}  # id -> the key of its latest version, when this batch replaces one
        stories: set[str] = set()
        new_keys: list[str] = []
        for doc, key in zip(docs, keys, strict=True):
            if key in stored:
                continue
            stored.add(key)
            version, ok_latest = prior.get(doc.id, (0, False))
            latest = doc.ok or doc.status == "skipped" or not ok_latest  # an error never hides good data
            if latest and (version or doc.id in kept):
                kept[doc.id] = key
            prior[doc.id] = (version + 1, ok_latest or (latest and doc.ok))
            seq += 1
            sig = None
            if index is not None and doc.content_hash:
                sig = index.take_signature(doc.content_hash)
                if sig is None and doc.ok:
                    sig = index.signature_of(doc.content_hash)
            tables["documents"].append(
                R.document_row(
                    doc, key, version + 1, latest, seq, sig.tobytes() if sig is not None else None, now
                )
            )
            self._add_children(tables, doc, key, latest, now, seq, refs)
            if doc.story_id:
                stories.add(doc.story_id)
            new_keys.append(key)
        tables["events"] = self._with_representatives(con, tables["events"])
        for name, rows in tables.items():
            if rows:
                names = R.FIELDS[name] + (("representative",) if name == "events" else ())
                self._insert(con, name, names, rows)
        if kept:
            old_stories, old_keys = self._supersede(con, list(kept), list(kept.values()))
            stories.update(old_stories)
            if old_keys:  # a superseded copy may have stood for its story event: choose again
                self._mark_representatives(con, sorted(old_keys))
        if stories:
            self._refresh_stories(con, sorted(stories))
        self._keys.update(new_keys)
        return len(new_keys)

    @staticmethod
    def _add_children(
        tables: dict[str, list[tuple[Any, ...]]],
        doc: Document,
        key: str,
        latest: bool,
        now: datetime,
        seq: int,
        refs: dict[str, list[R.Ref]],
    ) -> None:
        story = doc.story_id or key
        events = tables["events"]
        if doc.events:
            outlet, seen = R.outlet(doc), R.first_seen(doc, now)
            ekeys = R.event_keys(story, doc.events)
            if doc.story_id and doc.story_id in refs:
                ekeys = R.align(doc.events, ekeys, refs[doc.story_id])
            elif doc.story_id and latest:
                refs[doc.story_id] = R.refs_of(doc.events, ekeys)  # the founder, for later copies
            for i, (e, ek) in enumerate(zip(doc.events, ekeys, strict=True)):
                events.append(R.event_row(e, doc, key, i, ek, latest, now, seq, outlet, seen))
        for i, q in enumerate(doc.quotes):
            tables["quotes"].append(R.quote_row(q, doc, key, i, latest))
        for i, m in enumerate(doc.mentions):
            tables["actors"].append(R.mention_row(m, doc, key, i, latest))
        for i, p in enumerate(doc.places):
            tables["places"].append(R.place_row(p, doc, key, i, latest, False))
        if doc.dateline is not None:
            tables["places"].append(R.place_row(doc.dateline, doc, key, len(doc.places), latest, True))

    @staticmethod
    def _story_refs(con: Any, docs: list[Document]) -> dict[str, list[R.Ref]]:
        """Events of the founding copy of every already-stored story this batch adds a copy to."""
        wanted = sorted({d.story_id for d in docs if d.story_id and d.events})
        if not wanted:
            return {}
        known = [
            r[0]
            for r in con.execute(
                "SELECT story_id FROM stories WHERE story_id IN (SELECT unnest(?::VARCHAR[]))", [wanted]
            ).fetchall()
        ]
        if not known:
            return {}
        rows = con.execute(
            """WITH founder AS (
                   SELECT story_id, min(doc_seq) AS seq FROM events
                   WHERE latest AND story_id IN (SELECT unnest(?::VARCHAR[])) GROUP BY story_id)
               SELECT e.story_id, e.event_key, e.type, e.negated,
                      lower(coalesce(nullif(e.source_code, ''), nullif(e.source_country, ''),
                                     nullif(e.source_name, ''), nullif(e.source_text, ''), '')),
                      lower(coalesce(nullif(e.target_code, ''), nullif(e.target_country, ''),
                                     nullif(e.target_name, ''), nullif(e.target_text, ''), ''))
               FROM events e JOIN founder f ON e.story_id = f.story_id AND e.doc_seq = f.seq
               WHERE e.latest ORDER BY e.story_id, e.start, e.event_index""",
            [known],
        ).fetchall()
        refs: dict[str, list[R.Ref]] = {}
        for story, *ref in rows:
            refs.setdefault(story, []).append((int(ref[0]), ref[1], bool(ref[2]), ref[3], ref[4]))
        return refs

    @staticmethod
    def _supersede(con: Any, ids: list[str], keep: list[str]) -> tuple[set[str], set[int]]:
        """Older versions of re-ingested documents stop being ``latest``; returns their stories and
        the event keys of their events (whose representative copy may change)."""
        params = [ids, keep]
        where = (
            "id IN (SELECT unnest(?::VARCHAR[])) AND doc_key NOT IN (SELECT unnest(?::VARCHAR[])) AND latest"
        )
        old = {
            r[0]
            for r in con.execute(f"SELECT story_id FROM documents WHERE {where}", params).fetchall()
            if r[0]
        }
        keys = {
            int(r[0])
            for r in con.execute(
                "SELECT DISTINCT event_key FROM events WHERE doc_id IN (SELECT unnest(?::VARCHAR[])) "
                "AND doc_key NOT IN (SELECT unnest(?::VARCHAR[])) AND latest",
                params,
            ).fetchall()
        }
        con.execute(f"UPDATE documents SET latest = false WHERE {where}", params)
        for table in CHILD_TABLES:
            con.execute(
                f"UPDATE {table} SET latest = false WHERE doc_id IN (SELECT unnest(?::VARCHAR[])) "
                "AND doc_key NOT IN (SELECT unnest(?::VARCHAR[])) AND latest",
                params,
            )
        return old, keys

    @staticmethod
    def _with_representatives(con: Any, rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
        """New event rows with their ``representative`` flag, decided before they are inserted.

        A new row stands for its story event when no stored latest row has its key and it is the
        first latest row with that key in this batch (rows come in storage order, then event order,
        the order ``REPRESENTATIVE_SQL`` ranks by). Stored representatives keep their flag: they
        were stored earlier. Deciding here costs one lookup of the batch's keys instead of an
        UPDATE of every row just inserted.
        """
        if not rows:
            return rows
        at, latest_at = R.EVENT_FIELDS.index("event_key"), R.EVENT_FIELDS.index("latest")
        story_at = R.EVENT_FIELDS.index("story_id")
        # keys hash their story, so only rows of stories stored before this batch can share a key
        # with a stored row (a new story's keys, and a document without story's, are new)
        stories = sorted({row[story_at] for row in rows if row[story_at]})
        known = {
            r[0]
            for r in con.execute(
                "SELECT story_id FROM stories WHERE story_id IN (SELECT unnest(?::VARCHAR[]))", [stories]
            ).fetchall()
        }
        keys = sorted({row[at] for row in rows if row[story_at] in known})
        taken = (
            {
                int(r[0])
                for r in con.execute(
                    "SELECT DISTINCT event_key FROM events "
                    "WHERE latest AND event_key IN (SELECT unnest(?::BIGINT[]))",
                    [keys],
                ).fetchall()
            }
            if keys
            else set()
        )
        out = []
        for row in rows:
            rep = bool(row[latest_at]) and row[at] not in taken
            if rep:
                taken.add(row[at])
            out.append((*row, rep))
        return out

    @staticmethod
    def _mark_representatives(con: Any, event_keys: list[int]) -> None:
        """Recompute ``events.representative`` for these keys: only their rows can change."""
        where = "WHERE event_key IN (SELECT unnest(?::BIGINT[]))"
        con.execute(REPRESENTATIVE_SQL.format(where=where), [event_keys])

    @staticmethod
    def _insert(con: Any, table: str, names: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
        """One bulk insert: rows transposed into Arrow columns, inserted by column name."""
        import pyarrow as pa

        columns = list(zip(*rows, strict=True))
        arrow = pa.table({n: pa.array(c) for n, c in zip(names, columns, strict=True)})  # noqa: F841
        quoted = ", ".join(f'"{n}"' for n in names)
        con.execute(f"INSERT INTO {table} ({quoted}) SELECT {quoted} FROM arrow")

    @staticmethod
    def _refresh_stories(con: Any, story_ids: list[str]) -> None:
        con.execute("DELETE FROM stories WHERE story_id IN (SELECT unnest(?::VARCHAR[]))", [story_ids])
        con.execute(
            """INSERT INTO stories
               SELECT story_id, arg_min(id, seq), arg_min(title, seq), count(*), count(DISTINCT outlet),
                      min(coalesce(published, CAST(ingested_at AS DATE))),
                      max(coalesce(published, CAST(ingested_at AS DATE)))
               FROM documents
               WHERE latest AND story_id IN (SELECT unnest(?::VARCHAR[]))
               GROUP BY story_id""",
            [story_ids],
        )
