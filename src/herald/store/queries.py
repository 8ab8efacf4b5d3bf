"""Queries over a store: the library calls behind ``herald events|quotes|dyads|stories|show|sql|export``.

Every query is parameterised SQL, returns a pandas DataFrame (or a :class:`Document`), and counts one
story once: rows of ``events`` that are copies of one event in one story (same ``event_key``) are merged
into one row carrying ``num_documents``, ``num_sources`` and ``first_seen``, like GDELT's NumArticles /
NumSources / DATEADDED. Filters on actors and type are applied *before* merging (they are the same in
every copy, so this is exact and lets a dyad query touch only that dyad's rows); filters on dates apply
to the merged event's date.

Filters become SQL in :mod:`herald.store.filters`, shared with the web API, so an actor term
(``RUS`` as a code, ``Lavrov`` as a name) selects the same rows here and on the web page.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager
from datetime import date
from typing import TYPE_CHECKING, Any

from herald.models import Document
from herald.store import columns as C
from herald.store import rows as R
from herald.store.filters import (
    CODE,
    EVENTS_MERGED,
    EventFilter,
    actor_match,
    date_clauses,
    document_clauses,
    event_clauses,
    quote_clauses,
    where_clause,
)
from herald.store.lock import connect

if TYPE_CHECKING:
    import pandas as pd

PERIODS = ("day", "week", "month", "quarter", "year")
_CODE = CODE  # kept for callers of the earlier name
_ALLOWED_SQL = {"SELECT", "EXPLAIN"}

EVENT_COLUMNS = """event_key, date, type, mode, cameo, quad_class, goldstein,
    source_name, source_code, source_country, source_sector, source_role, source_kind, source_text,
    target_name, target_code, target_country, target_sector, target_role, target_kind, target_text,
    negated, confidence, rule, trigger, sentence, start, "end", quote_index, date_basis,
    location_text, location_name, location_country, location_admin1, location_lat, location_lon,
    location_kind,
    story_id, doc_id, event_id, doc_url, outlet"""
EVENT_COLUMNS = C.extend(EVENT_COLUMNS, "events")  # and the columns added since (herald.store.columns)
# the quotes command's columns beyond its fixed list (each followed by ", "), and the documents command's
QUOTE_EXTRA = "".join(f"{c}, " for c in C.extend("q.confidence", "quotes", "q.").split(", "))
DOCUMENT_COLUMNS = C.extend(
    "id, version, status, error, title, url, outlet, story_id, published, ingested_at, "
    "plover_type, plover_confidence",
    "documents",
)
# what the document an event was read in says the whole story is (its representative copy's, when merged)
DOC_COLUMNS = "doc_plover_type, doc_plover_confidence"
_DOC_JOIN = """LEFT JOIN (SELECT doc_key AS dk, plover_type AS doc_plover_type,
                                 plover_confidence AS doc_plover_confidence FROM documents) d
               ON d.dk = m.doc_key"""


class ReadOnlyViolation(ValueError):
    """``Store.sql`` was given something other than one read-only query."""


def actor_clause(prefix: str, term: str) -> tuple[str, list[Any]]:
    """SQL matching an actor column group (``source``/``target``/``speaker``) against a user term
    (:func:`herald.store.filters.actor_match`, under the name the library has always used)."""
    return actor_match(prefix, term)


def _as_date(value: str | date | None, what: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{what} is not a date (YYYY-MM-DD): {value!r}") from None


class Queries:
    """Mixed into :class:`herald.store.Store`; needs ``connection()`` and ``path``."""

    path: str
    read_only: bool

    def connection(self) -> AbstractContextManager[Any]:  # pragma: no cover - provided by Store
        raise NotImplementedError

    def _df(self, sql: str, params: list[Any] | None = None) -> pd.DataFrame:
        with self.connection() as con:
            return con.execute(sql, params or []).df()

    # --- overview ------------------------------------------------------------------------------

    def summary(self) -> dict[str, Any]:
        """What the store holds: counts (ints) and the stories with most copies (list of dicts)."""
        with self.connection() as con:

            def one(sql: str) -> int:
                row = con.execute(sql).fetchone()
                return int(row[0]) if row and row[0] is not None else 0

            out: dict[str, Any] = {
                "documents": one("SELECT count(*) FROM documents WHERE latest"),
                "document versions": one("SELECT count(*) FROM documents"),
                "ok": one("SELECT count(*) FROM documents WHERE latest AND status = 'ok'"),
                "errors": one("SELECT count(*) FROM documents WHERE latest AND status = 'error'"),
                "skipped": one("SELECT count(*) FROM documents WHERE latest AND status = 'skipped'"),
                "stories": one("SELECT count(*) FROM stories"),
                "stories with copies": one("SELECT count(*) FROM stories WHERE num_documents > 1"),
                "quotes": one("SELECT count(*) FROM quotes WHERE latest"),
                "events (one per story)": one("SELECT count(DISTINCT event_key) FROM events WHERE latest"),
                "events (all copies)": one("SELECT count(*) FROM events WHERE latest"),
                "actor mentions": one("SELECT count(*) FROM actors WHERE latest"),
            }
            top = con.execute(
                "SELECT story_id, num_documents AS documents, num_sources AS sources, title FROM stories "
                "WHERE num_documents > 1 ORDER BY num_documents DESC, first_seen, story_id LIMIT 5"
            ).fetchall()
        out["stories with most copies"] = [
            {"story": s, "documents": n, "sources": k, "title": (t or "")[:60]} for s, n, k, t in top
        ]
        return out

    # --- events --------------------------------------------------------------------------------

    def _event_filters(
        self,
        source: str | None,
        target: str | None,
        type: str | None,
        country: str | None,
        doc_id: str | None,
        story: str | None,
        min_confidence: float | None = None,
    ) -> tuple[str, list[Any]]:
        """Conditions on the ``events`` rows (aliased ``ev``) before merging; dates apply after."""
        f = EventFilter(
            source=source,
            target=target,
            type=type,
            country=country,
            doc=doc_id,
            story=story,
            min_confidence=min_confidence,
        )
        clauses, params = event_clauses(f, alias="ev", dates=False)
        return " AND ".join(clauses), params

    @staticmethod
    def _merged_sql(where: str, outer: str = "", limit: bool = False) -> str:
        """Merged events among the ``events`` rows matching ``where``: one row per ``event_key``.

        Two steps, so that big stores stay fast: group the matching rows by key (integers, a few
        narrow columns), apply date filters, order and limit; only then fetch the full row of each
        kept event's first-stored copy. ``outer`` filters the groups by their date (``rep_date``).
        ``where``'s parameters are needed twice: before the date and limit parameters and again after.
        """
        return f"""
        WITH agg AS (
            SELECT event_key, min(doc_seq) AS rep_seq, arg_min(date, doc_seq) AS rep_date,
                   count(*) AS num_documents, count(DISTINCT outlet) AS num_sources, min(seen) AS first_seen
            FROM events ev WHERE {where} GROUP BY event_key
        ),
        page AS (
            SELECT * FROM agg {outer}
            ORDER BY rep_date, rep_seq, event_key {"LIMIT ?" if limit else ""}
        )
        SELECT e.*, page.num_documents, page.num_sources, page.first_seen
        FROM page JOIN (SELECT * FROM events ev WHERE {where}) e
             ON e.event_key = page.event_key AND e.doc_seq = page.rep_seq
        """

    def events(
        self,
        source: str | None = None,
        target: str | None = None,
        type: str | None = None,
        since: str | date | None = None,
        until: str | date | None = None,
        country: str | None = None,
        limit: int | None = None,
        merged: bool = EVENTS_MERGED,
        doc_id: str | None = None,
        story: str | None = None,
        min_confidence: float | None = None,
    ) -> pd.DataFrame:
        """Events, one row per story event (``merged=False``: one row per document copy), with the
        story-level PLOVER type of the document each row comes from (``doc_plover_type``).
        ``min_confidence`` leaves out less confident events (the CLI and the web page default to
        :func:`herald.events.display_threshold`; the library shows all)."""
        where_sql, params = self._event_filters(source, target, type, country, doc_id, story, min_confidence)
        lim = [int(limit)] if limit else []
        if merged:
            outer, dates = self._date_filter("rep_date", since, until)
            sql = (
                f"SELECT {EVENT_COLUMNS}, num_documents, num_sources, first_seen, {DOC_COLUMNS} "
                f"FROM ({self._merged_sql(where_sql, outer, bool(limit))}) m {_DOC_JOIN} "
                "ORDER BY date, doc_seq, start, event_index"
            )
            return self._df(sql, params + dates + lim + params)
        clauses, dates = date_clauses("date", *self._dates(since, until))
        sql = (
            f"SELECT {EVENT_COLUMNS}, {DOC_COLUMNS} FROM (SELECT * FROM events ev "
            f"WHERE {' AND '.join([where_sql, *clauses])} ORDER BY date, doc_seq, start, event_index"
            + (" LIMIT ?" if limit else "")
            + f") m {_DOC_JOIN} ORDER BY date, doc_seq, start, event_index"
        )
        return self._df(sql, params + dates + lim)

    @staticmethod
    def _dates(since: str | date | None, until: str | date | None) -> tuple[date | None, date | None]:
        return _as_date(since, "--since"), _as_date(until, "--until")

    @classmethod
    def _date_filter(
        cls, column: str, since: str | date | None, until: str | date | None
    ) -> tuple[str, list[Any]]:
        clauses, params = date_clauses(column, *cls._dates(since, until))
        return where_clause(clauses), params

    # --- dyads ---------------------------------------------------------------------------------

    def dyads(
        self,
        source: str | None = None,
        target: str | None = None,
        by: str = "month",
        since: str | date | None = None,
        until: str | date | None = None,
        type: str | None = None,
        limit: int | None = None,
    ) -> pd.DataFrame:
        """Pairs of actors per period: how many (merged) events and their mean Goldstein score."""
        if by not in PERIODS:
            raise ValueError(f"--by must be one of {', '.join(PERIODS)}")
        rows_sql, params = self._event_filters(source, target, type, None, None, None)
        rows_sql += " AND (ev.source_code IS NOT NULL OR ev.source_name IS NOT NULL)"
        rows_sql += " AND (ev.target_code IS NOT NULL OR ev.target_name IS NOT NULL)"
        outer, p2 = self._date_filter("date", since, until)
        sql = f"""
        SELECT source, target, CAST(date_trunc('{by}', date) AS DATE) AS period,
               count(*) AS events, CAST(sum(n) AS BIGINT) AS documents,
               round(avg(goldstein), 3) AS mean_goldstein,
               CAST(count_if(quad_class IN (1, 2)) AS BIGINT) AS cooperation,
               CAST(count_if(quad_class IN (3, 4)) AS BIGINT) AS conflict
        FROM (
            SELECT event_key, count(*) AS n,
                   arg_min(coalesce(source_code, source_country, source_name), doc_seq) AS source,
                   arg_min(coalesce(target_code, target_country, target_name), doc_seq) AS target,
                   arg_min(date, doc_seq) AS date, arg_min(goldstein, doc_seq) AS goldstein,
                   arg_min(quad_class, doc_seq) AS quad_class
            FROM events ev WHERE {rows_sql} GROUP BY event_key
        ) m {outer}
        GROUP BY ALL ORDER BY period, events DESC, source, target"""
        if limit:
            sql += " LIMIT ?"
            p2.append(int(limit))
        return self._df(sql, params + p2)

    def dyad_timeline(self, source: str, target: str, by: str = "month") -> pd.DataFrame:
        """Events per period for one pair (both directions are separate dyads: source acts on target)."""
        return self.dyads(source=source, target=target, by=by)

    # --- quotes --------------------------------------------------------------------------------

    def quotes(
        self,
        speaker: str | None = None,
        doc_id: str | None = None,
        kind: str | None = None,
        limit: int | None = None,
    ) -> pd.DataFrame:
        """Quotes with their speakers; copies of one quote in one story appear once."""
        clauses, params = quote_clauses("q", speaker=speaker, doc=doc_id, kind=kind)
        sql = f"""
        SELECT q.speaker, q.text, q.kind, q.cue, q.speaker_code, q.speaker_country, q.speaker_role,
               coalesce(d.published, d.event_date) AS date, q.story_id, q.doc_id, q.start, q."end",
               {QUOTE_EXTRA}count(*) OVER (PARTITION BY q.story_id, q.speaker, q.text) AS num_documents
        FROM quotes q JOIN documents d USING (doc_key){where_clause(clauses)}
        QUALIFY row_number() OVER (PARTITION BY coalesce(q.story_id, q.doc_key), q.speaker, q.text
                                   ORDER BY d.seq, q.quote_index) = 1
        ORDER BY date NULLS LAST, q.doc_id, q.start"""
        if limit:
            sql += " LIMIT ?"
            params.append(int(limit))
        return self._df(sql, params)

    # --- stories -------------------------------------------------------------------------------

    def stories(self, min_documents: int = 2, limit: int | None = None) -> pd.DataFrame:
        """Stories with their copies (by default only stories that have more than one document)."""
        sql = """
        SELECT s.story_id, s.num_documents, s.num_sources, s.first_seen, s.last_seen, s.title,
               list(d.id ORDER BY d.seq) AS documents, list(DISTINCT d.outlet) AS sources
        FROM stories s JOIN documents d ON d.story_id = s.story_id AND d.latest
        WHERE s.num_documents >= ?
        GROUP BY ALL
        ORDER BY s.num_documents DESC, s.first_seen, s.story_id"""
        params: list[Any] = [int(min_documents)]
        if limit:
            sql += " LIMIT ?"
            params.append(int(limit))
        return self._df(sql, params)

    # --- one document --------------------------------------------------------------------------

    def document(self, doc_id: str) -> Document | None:
        """The latest version of a document (by id, or by ``doc_key``), rebuilt from the tables."""
        with self.connection() as con:
            cur = con.execute(
                "SELECT * FROM documents WHERE (id = ? OR doc_key = ?) "
                "ORDER BY latest DESC, version DESC LIMIT 1",
                [doc_id, doc_id],
            )
            names = [d[0] for d in cur.description]
            row = cur.fetchone()
            if row is None:
                return None
            doc = dict(zip(names, row, strict=True))
            key = doc["doc_key"]

            def rows(table: str, order: str) -> list[dict[str, Any]]:
                c = con.execute(f"SELECT * FROM {table} WHERE doc_key = ? ORDER BY {order}", [key])
                cols = [d[0] for d in c.description]
                return [dict(zip(cols, r, strict=True)) for r in c.fetchall()]

            return R.document_from_rows(
                doc,
                rows("quotes", "quote_index"),
                rows("events", "event_index"),
                rows("actors", "mention_index"),
                rows("places", "place_index"),
            )

    def documents(self, status: str | None = None, limit: int | None = None) -> pd.DataFrame:
        """Latest document versions (without text), e.g. ``status='error'`` for the bad inputs, with
        the story-level PLOVER type the events stage gave each (``plover_type``, ``plover_confidence``)."""
        clauses, params = document_clauses(status=status)
        sql = f"SELECT {DOCUMENT_COLUMNS} FROM documents{where_clause(clauses)} ORDER BY seq"
        if limit:
            sql += " LIMIT ?"
            params.append(int(limit))
        return self._df(sql, params)

    # --- raw SQL -------------------------------------------------------------------------------

    def sql(self, query: str, params: list[Any] | None = None) -> pd.DataFrame:
        """Run one read-only query (SELECT, WITH ... SELECT, EXPLAIN); anything else is refused.

        Two guards: the statement type is checked before running, and it runs on a connection opened
        read-only, so DuckDB itself refuses writes as well.
        """
        import duckdb

        try:
            statements = duckdb.connect().extract_statements(query)
        except duckdb.Error as exc:
            raise ReadOnlyViolation(f"not valid SQL: {exc}") from None
        if len(statements) != 1:
            raise ReadOnlyViolation(f"give exactly one statement (got {len(statements)})")
        kind = str(statements[0].type).rsplit(".", 1)[-1]
        if kind not in _ALLOWED_SQL:
            raise ReadOnlyViolation(f"only read-only queries are allowed here (got {kind})")
        if self.read_only:
            return self._df(query, params)
        con = connect(self.path, read_only=True)
        try:
            return con.execute(query, params or []).df()
        finally:
            con.close()

    # --- export --------------------------------------------------------------------------------

    def export(self, path: str, format: str = "csv", merged: bool = True, **filters: Any) -> int:
        """Write events to ``path`` as csv, parquet, jsonl, gdelt or plover; returns the event count."""
        from herald.store import export

        return export.export(self, path, format, merged=merged, **filters)

    def iter_events(self, **filters: Any) -> Iterator[dict[str, Any]]:
        yield from self.events(**filters).to_dict(orient="records")
