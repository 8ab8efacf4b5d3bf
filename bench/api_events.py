"""Benchmark: the HTTP API's /api/events on a store of 1,000,000 events (goal: < 200 ms a request).

The synthetic store is created by ``Store(path)`` (so it has the real schema and migrations) and then
filled with bulk ``INSERT ... SELECT`` statements following docs/schema.md: 100,000 documents in
about 70,000 stories (copies of a story share their events' ``event_key``, as the store writes
them), 1,000,000 event rows over 40 actors and 15 years. It is cached in bench/out/ between runs.

Every request goes through the full app (FastAPI routing, validation, JSON) with the test client.
The baseline, measured in the same run on the same file, is the naive query for the newest page
straight on DuckDB (``SELECT * ... ORDER BY date DESC LIMIT 100``, no HTTP, no JSON). Wall and CPU
time are both reported: the machine may be shared, and CPU time does not count waiting for a core.
``--cold`` also times a server that opens the file for every request (``linger`` 0).

    .venv/bin/python bench/api_events.py [--events 1000000] [--repeat 7] [--rebuild] [--cold]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
GOAL_MS = 200.0

ACTORS = [  # (country, code, name)
    ("RUS", "RUS", "Russia"),
    ("RUS", "RUSGOV", "Sergey Lavrov"),
    ("NATO", "NATO", "NATO"),
    ("USA", "USA", "United States"),
    ("USA", "USAGOV", "Joe Biden"),
    ("CHN", "CHN", "China"),
    ("CHN", "CHNGOV", "Xi Jinping"),
    ("UKR", "UKR", "Ukraine"),
    ("UKR", "UKRMIL", "Ukrainian army"),
    ("FRA", "FRA", "France"),
    ("DEU", "DEU", "Germany"),
    ("GBR", "GBR", "United Kingdom"),
    ("IRN", "IRN", "Iran"),
    ("ISR", "ISR", "Israel"),
    ("PSE", "PSE", "Palestine"),
    ("TUR", "TUR", "Turkey"),
    ("SYR", "SYR", "Syria"),
    ("IND", "IND", "India"),
    ("PAK", "PAK", "Pakistan"),
    ("JPN", "JPN", "Japan"),
    ("KOR", "KOR", "South Korea"),
    ("PRK", "PRK", "North Korea"),
    ("BRA", "BRA", "Brazil"),
    ("VEN", "VEN", "Venezuela"),
    ("BOL", "BOL", "Bolivia"),
    ("AFG", "AFG", "Afghanistan"),
    ("AFG", "AFGINS", "Taliban"),
    ("EGY", "EGY", "Egypt"),
    ("SAU", "SAU", "Saudi Arabia"),
    ("YEM", "YEM", "Yemen"),
    ("ETH", "ETH", "Ethiopia"),
    ("NGA", "NGA", "Nigeria"),
    ("ZAF", "ZAF", "South Africa"),
    ("MEX", "MEX", "Mexico"),
    ("CAN", "CAN", "Canada"),
    ("AUS", "AUS", "Australia"),
    ("IGO", "IGOUNO", "United Nations"),
    ("EU", "IGOEU", "European Union"),
    ("VNM", "VNM", "Vietnam"),
    ("POL", "POL", "Poland"),
]
TYPES = [  # (PLOVER type, CAMEO, QuadClass, Goldstein)
    ("CONSULT", "040", 1, 1.0),
    ("AGREE", "057", 1, 4.0),
    ("SUPPORT", "051", 1, 3.4),
    ("REQUEST", "020", 1, 3.0),
    ("COOPERATE", "061", 2, 6.4),
    ("AID", "070", 2, 7.0),
    ("DISAPPROVE", "111", 3, -2.0),
    ("REJECT", "120", 3, -4.0),
    ("ACCUSE", "112", 3, -2.0),
    ("THREATEN", "130", 3, -4.4),
    ("SANCTION", "163", 4, -8.0),
    ("MOBILIZE", "150", 4, -7.2),
    ("ASSAULT", "180", 4, -9.0),
    ("COERCE", "170", 4, -7.0),
]


PLACES = [  # (name, ISO alpha-3, GeoNames admin1, lat, lon): where half of the events happen
    ("Moscow", "RUS", "RU.48", 55.75, 37.62),
    ("Kyiv", "UKR", "UA.12", 50.45, 30.52),
    ("Brussels", "BEL", "BE.BRU", 50.85, 4.35),
    ("Washington", "USA", "US.DC", 38.9, -77.04),
    ("Beijing", "CHN", "CN.22", 39.91, 116.4),
    ("Lisbon", "PRT", "PT.14", 38.73, -9.15),
    ("Tehran", "IRN", "IR.26", 35.69, 51.42),
    ("Gaza", "PSE", "PS.GZ", 31.5, 34.47),
    ("Kabul", "AFG", "AF.13", 34.53, 69.17),
    ("New York City", "USA", "US.NY", 40.71, -74.01),
    ("Caracas", "VEN", "VE.25", 10.49, -66.88),
    ("Abuja", "NGA", "NG.FC", 9.06, 7.5),
    ("Damascus", "SYR", "SY.13", 33.51, 36.29),
    ("New Delhi", "IND", "IN.07", 28.64, 77.22),
    ("Pyongyang", "PRK", "KP.12", 39.03, 125.75),
    ("Addis Ababa", "ETH", "ET.44", 9.02, 38.75),
]


def build(path: Path, n_events: int) -> None:
    """Create the store through the Store API, then bulk-insert rows following the schema."""
    import duckdb

    from herald.store import Store
    from herald.store.schema import REPRESENTATIVE_SQL

    path.unlink(missing_ok=True)
    Store(str(path)).close()  # schema and migrations, exactly as `herald run` creates them
    n_docs = max(1, n_events // 10)
    con = duckdb.connect(str(path))
    con.execute("SET enable_progress_bar = false")
    con.execute(
        "CREATE TEMP TABLE a AS SELECT * FROM (VALUES "
        + ",".join(f"({i}, '{c}', '{k}', '{n}')" for i, (c, k, n) in enumerate(ACTORS))
        + ") t(i, country, code, name)"
    )
    con.execute(
        "CREATE TEMP TABLE ty AS SELECT * FROM (VALUES "
        + ",".join(f"({i}, '{t}', '{c}', {q}, {g})" for i, (t, c, q, g) in enumerate(TYPES))
        + ") t(i, type, cameo, quad, goldstein)"
    )
    con.execute(
        "CREATE TEMP TABLE pl AS SELECT * FROM (VALUES "
        + ",".join(f"({i}, '{n}', '{c}', '{a}', {la}, {lo})" for i, (n, c, a, la, lo) in enumerate(PLACES))
        + ") t(i, name, country, admin1, lat, lon)"
    )
    # documents: every tenth document is a copy of the one before (same story), like wire copies
    con.execute(f"""
        INSERT INTO documents BY NAME
        SELECT 'k' || i AS doc_key, 'doc/' || i AS id, 1 AS version, true AS latest, i AS seq,
               'bench' AS source, 'outlet' || (i % 50) AS outlet, 'https://example.org/' || i AS url,
               'txt' AS kind, 'h' || i AS content_hash, 'ok' AS status, 'Article ' || i AS title,
               'Text of article ' || i AS text, 'en' AS language,
               DATE '2010-01-01' + CAST(hash(i) % 5475 AS INTEGER) AS published,
               DATE '2010-01-01' + CAST(hash(i) % 5475 AS INTEGER) AS event_date,
               false AS stale, 's' || (i - CASE WHEN i % 10 = 9 THEN 1 ELSE 0 END) AS story_id,
               TIMESTAMP '2024-01-01' AS ingested_at
        FROM range({n_docs}) r(i)""")
    con.execute(f"""
        INSERT INTO events BY NAME
        SELECT 'e' || j AS event_id, 'k' || d AS doc_key, 'doc/' || d AS doc_id, j % 10 AS event_index,
               true AS latest, 's' || story AS story_id,
               CAST(hash('s' || story || ':' || (j % 10)) >> 1 AS BIGINT) AS event_key,
               d AS doc_seq, 'outlet' || (d % 50) AS outlet, 'https://example.org/' || d AS doc_url,
               ty.type, ty.cameo, ty.quad AS quad_class, ty.goldstein,
               sa.name AS source_text, sa.name AS source_name, sa.country AS source_country,
               sa.code AS source_code,
               ta.name AS target_text, ta.name AS target_name, ta.country AS target_country,
               ta.code AS target_code,
               'Sentence ' || j || ' where ' || sa.name || ' meets ' || ta.name || '.' AS sentence,
               0 AS start, 40 AS "end", false AS negated, 0.7 AS confidence, 'bench' AS rule,
               'meets' AS trigger, DATE '2010-01-01' + CAST(hash(story) % 5475 AS INTEGER) AS date,
               'document_event_date' AS date_basis,
               DATE '2010-01-01' + CAST(hash(d) % 5475 AS INTEGER) AS seen,
               pl.name AS location_text, pl.name AS location_name, pl.country AS location_country,
               pl.admin1 AS location_admin1, pl.lat AS location_lat, pl.lon AS location_lon,
               'city' AS location_kind
        FROM (SELECT j, j // 10 AS d, (j // 10) - CASE WHEN (j // 10) % 10 = 9 THEN 1 ELSE 0 END AS story,
                     hash(j * 7 + 1) AS h FROM range({n_events}) r(j)) x
        JOIN a sa ON sa.i = CAST(x.h % {len(ACTORS)} AS INTEGER)
        JOIN a ta ON ta.i = CAST((x.h // 64 + 1 + x.h % {len(ACTORS)}) % {len(ACTORS)} AS INTEGER)
        JOIN ty ON ty.i = CAST((x.h // 4096) % {len(TYPES)} AS INTEGER)
        LEFT JOIN pl ON pl.i = CAST(hash(x.story * 10 + x.j % 10) % {2 * len(PLACES)} AS INTEGER)""")
    con.execute(REPRESENTATIVE_SQL.format(where=""))  # what Store.write keeps up to date
    con.execute("""INSERT INTO stories SELECT story_id, min(id), min(title), count(*), count(DISTINCT outlet),
                   min(published), max(published) FROM documents GROUP BY story_id""")
    con.execute("CHECKPOINT")
    con.close()


REQUESTS = [
    ("newest 100", {}),
    ("source=RUS", {"source": "RUS"}),
    ("source=RUS target=NATO both ways", {"source": "RUS", "target": "NATO", "symmetric": "true"}),
    ("type=ASSAULT since 2020", {"type": "ASSAULT", "since": "2020-01-01"}),
    ("page 50 (offset 5000)", {"source": "USA", "offset": 5000}),
    ("name term Lavrov, 2015", {"source": "Lavrov", "since": "2015", "until": "2015"}),
    ("quad_class=4 until 2012", {"quad_class": 4, "until": "2012-12-31"}),
    ("merged: one row per story event", {"merged": "true"}),
    ("merged, country=UKR", {"merged": "true", "country": "UKR"}),
    ("injection attempt", {"source": "RUS' OR 1=1 --"}),
]
# the baseline: what one would write by hand for the newest page, straight on DuckDB (no HTTP, no JSON)
NAIVE = "SELECT * FROM events WHERE latest ORDER BY date DESC LIMIT 100"
OTHER = [("/api/places (the map)", "/api/places", {}), ("/api/timeline", "/api/timeline", {})]


def timed(fn, repeat: int) -> tuple[float, float]:
    """Median wall and CPU milliseconds of ``fn`` (after one warm-up call).

    CPU time is this process's (``time.process_time``: every thread, DuckDB's workers included),
    which is the server's, since the test client runs the app in this process. On a shared machine
    wall time includes waiting for a core; CPU time does not.
    """
    fn()
    wall, cpu = [], []
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        fn()
        wall.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
    return statistics.median(wall), statistics.median(cpu)


def run(db: Path, repeat: int, linger: float | None, label: str) -> float:
    """Every request through the full app; returns the worst median wall time."""
    from fastapi.testclient import TestClient

    from herald.serve import create_app

    app = create_app(db, linger=linger)
    with app.state.data.cursor() as cur:
        n = cur.execute("SELECT count(*) FROM events WHERE latest").fetchone()[0]
        base, base_cpu = timed(lambda: cur.execute(NAIVE).fetchall(), repeat)
    print(
        f"\n{label}\nstore: {n:,} events; baseline (the naive newest-100 SELECT * in DuckDB): "
        f"{base:.1f} ms wall, {base_cpu:.1f} ms CPU"
    )
    worst = 0.0
    with TestClient(app) as client:

        def get(path: str, params: dict) -> dict:
            r = client.get(path, params=params)
            assert r.status_code == 200, r.text
            return r.json()

        for name, params in REQUESTS:
            ms, cpu = timed(lambda params=params: get("/api/events", params), repeat)
            worst = max(worst, ms)
            total = get("/api/events", params)["total"]
            print(
                f"  {name:36s} {ms:7.1f} ms wall {cpu:7.1f} ms CPU  "
                f"({ms / base:5.1f}x baseline)  total={total:,}"
            )
        for name, path, params in OTHER:
            ms, cpu = timed(lambda path=path, params=params: get(path, params), repeat)
            print(f"  {name:36s} {ms:7.1f} ms wall {cpu:7.1f} ms CPU  ({ms / base:5.1f}x baseline)")
    print(f"  file opened {app.state.data.opens} times")
    app.state.data.close()
    return worst


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--rebuild", action="store_true")
    ap.add_argument("--cold", action="store_true", help="also time opening the file for every request")
    args = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    db = OUT / f"api_events_{args.events}.duckdb"
    if args.rebuild or not db.exists() or not _current(db):
        t = time.perf_counter()
        build(db, args.events)
        print(f"built {db.name}: {args.events:,} events in {time.perf_counter() - t:.1f} s")
    worst = run(db, args.repeat, None, "requests back to back (the server keeps the file open between them)")
    if args.cold:
        run(db, args.repeat, 0.0, "every request opens the file (linger 0: what an idle server pays)")
    verdict = "ok" if worst < GOAL_MS else "SLOW"
    print(f"\n/api/events worst median {worst:.1f} ms, goal < {GOAL_MS:.0f} ms: {verdict}")
    return 0 if worst < GOAL_MS else 1


def _current(db: Path) -> bool:
    """Was the cached store built with this herald's schema? (Else it is rebuilt.)"""
    import duckdb

    from herald.store.schema import SCHEMA_VERSION

    try:
        con = duckdb.connect(str(db), read_only=True)
        try:
            row = con.execute("SELECT max(version) FROM schema_migrations").fetchone()
        finally:
            con.close()
    except duckdb.Error:
        return False
    return bool(row) and row[0] == SCHEMA_VERSION


if __name__ == "__main__":
    sys.exit(main())
