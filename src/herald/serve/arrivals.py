"""``/api/arrivals``: what landed last, the counts, and the watched sources' health, in one cheap call.

The overview page polls it (``static/live.js``) so that a store a ``herald watch`` is filling shows new
articles and fresh counts without a reload. Three small queries on the lease every other endpoint uses;
the watch tables are read only when the store has them.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from herald.serve import queries, schemas
from herald.serve.api import DataDep

router = APIRouter(prefix="/api")

LATEST_SQL = """
SELECT d.id, d.title, d.url, d.status, d.error, d.ingested_at, d.event_date, d.published,
       (SELECT count(*) FROM events e WHERE e.doc_key = d.doc_key) AS events
FROM documents d WHERE d.latest ORDER BY d.seq DESC LIMIT ?
"""

SOURCES_SQL = """
SELECT s.source, s.kind, s.last_success, s.last_check, s.last_error, s.failures AS failing_checks,
       count(u.url) FILTER (WHERE u.status = 'stored') AS stored,
       count(u.url) FILTER (WHERE u.status = 'pending') AS pending,
       count(u.url) FILTER (WHERE u.status = 'failed') AS failed
FROM watch_sources s LEFT JOIN watch_urls u ON u.source = s.source
GROUP BY s.source, s.kind, s.last_success, s.last_check, s.last_error, s.failures, s.added_at
ORDER BY s.added_at, s.source
"""


def _iso(row: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in row.items()}


@router.get(
    "/arrivals",
    summary="What arrived last, the counts, and the watched sources' health",
    response_model=schemas.Arrivals,
)
def arrivals(
    data: DataDep, limit: Annotated[int, Query(ge=1, le=100, description="Articles.")] = 10
) -> dict[str, Any]:
    """The newest stored articles (by storage order), the overview's counts, and, for a store that
    ``herald watch`` fills, each source with its last success, last error and items; ``sources`` is
    empty otherwise. Times are UTC."""
    with data.cursor() as cur:
        counts = queries.counts(cur)
        cur.execute(LATEST_SQL, [limit])
        latest = [_iso(r) for r in queries.fetch_rows(cur)]
        sources: list[dict[str, Any]] = []
        if "watch_sources" in data.tables():
            cur.execute(SOURCES_SQL)
            sources = [_iso(r) for r in queries.fetch_rows(cur)]
    return {"counts": counts, "latest": latest, "sources": sources}
