"""Store at scale: ingest 1,000,000 synthetic events, then time a dyad timeline query and exports.

Goals (issue 9): ingesting the events < 60 s; "events per month for one pair" < 100 ms; exports open in
pandas and DuckDB and round-trip. Baselines measured in the same run: for ingest, a bare
``INSERT ... SELECT`` of the same rows already in an Arrow table (the floor any writer pays); for the
query, the same timeline as a plain ``GROUP BY`` over per-document rows (what merging copies costs).

    .venv/bin/python bench/store_events.py                  # 1,000,000 events
    .venv/bin/python bench/store_events.py --events 200000  # quicker
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta

import numpy as np

from herald.models import Actor, Dates, Document, Event, Place
from herald.store import Store

TYPES = [
    ("CONSULT", "040", 1, 1.0),
    ("AGREE", "030", 1, 4.0),
    ("ACCUSE", "112", 3, -2.0),
    ("THREATEN", "130", 3, -4.4),
    ("AID", "070", 2, 7.0),
    ("ASSAULT", "180", 4, -9.0),
    ("DEMAND", "100", 3, -5.0),
    ("COOPERATE", "050", 2, 3.5),
]
COUNTRIES = [
    "USA",
    "RUS",
    "CHN",
    "UKR",
    "DEU",
    "FRA",
    "GBR",
    "IRN",
    "ISR",
    "TUR",
    "IND",
    "PAK",
    "NATO",
    "UN",
    "EU",
    "PRT",
    "BRA",
    "NGA",
    "ZAF",
    "JPN",
]


def synthetic_docs(n_events: int, per_doc: int = 10, copies: float = 0.2, seed: int = 3) -> list[Document]:
    """Documents with ``per_doc`` events each; a share of them are copies of an earlier story."""
    rng = np.random.default_rng(seed)
    actors = [
        Actor(text=c, name=f"{c} government", country=c, sector="GOV", code=f"{c}GOV") for c in COUNTRIES
    ]
    places = [Place(text=c, name=c, country=c) for c in COUNTRIES]
    start = date(2000, 1, 1)
    docs: list[Document] = []
    n_docs = n_events // per_doc
    for i in range(n_docs):
        copy_of = int(rng.integers(0, i)) if i > 10 and rng.random() < copies else None
        story = docs[copy_of].story_id if copy_of is not None else f"s{i:015d}"
        day = (start + timedelta(days=int(rng.integers(0, 9000)))).isoformat()
        doc = Document(
            id=f"doc{i}",
            source="bench",
            url=f"https://site{int(rng.integers(0, 300))}.example/{i}",
            text="synthetic " * 20,
            content_hash=f"{i:032x}",
            story_id=story,
            title=f"story {i}",
            language="en",
            dates=Dates(published=day),
        )
        if copy_of is not None:
            doc.events = list(docs[copy_of].events)
        else:
            src = rng.integers(0, len(actors), size=per_doc)
            tgt = rng.integers(0, len(actors), size=per_doc)
            kinds = rng.integers(0, len(TYPES), size=per_doc)
            for k in range(per_doc):
                t, cameo, quad, gold = TYPES[int(kinds[k])]
                doc.events.append(
                    Event(
                        type=t,
                        mode=None,
                        cameo=cameo,
                        quad_class=quad,
                        goldstein=gold,
                        source=actors[int(src[k])],
                        target=actors[int(tgt[k])],
                        sentence=f"Sentence {k} of document {i}.",
                        start=k * 30,
                        end=k * 30 + 25,
                        confidence=0.8,
                        rule="bench",
                        date=day,
                        location=places[int(tgt[k])],
                    )
                )
        docs.append(doc)
    return docs


def ingest(path: str, docs: list[Document], batch: int) -> tuple[float, float]:
    """Wall and CPU seconds (all threads of this process) to store the documents in batches."""
    store = Store(path)
    t0, c0 = time.perf_counter(), time.process_time()
    for k in range(0, len(docs), batch):
        # the generator decides the stories: the bench measures the store, not the story index
        store.write(docs[k : k + batch], regroup=False)
    secs, cpu = time.perf_counter() - t0, time.process_time() - c0
    store.close()
    return secs, cpu


def baseline_ingest(path: str) -> float:
    """The floor: copy the already-built events table into a fresh file with one INSERT ... SELECT."""
    import duckdb

    src = duckdb.connect(path, read_only=True)
    arrow = src.sql("SELECT * FROM events").to_arrow_table()  # noqa: F841
    src.close()
    dst_path = path + ".baseline"
    dst = duckdb.connect(dst_path)
    t0 = time.perf_counter()
    dst.execute("CREATE TABLE events AS SELECT * FROM arrow LIMIT 0")
    dst.execute("INSERT INTO events SELECT * FROM arrow")
    secs = time.perf_counter() - t0
    dst.close()
    os.remove(dst_path)
    return secs


def timed(fn, repeat: int = 9) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """Median wall and CPU seconds of ``fn`` after one warm-up call."""
    fn()
    walls, cpus = [], []
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    return statistics.median(walls), statistics.median(cpus)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--batch", type=int, default=10_000, help="documents per committed batch")
    args = ap.parse_args()
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "bench.duckdb")
        t0 = time.perf_counter()
        docs = synthetic_docs(args.events)
        n = sum(len(d.events) for d in docs)
        print(f"generated {len(docs)} documents with {n} events ({time.perf_counter() - t0:.1f}s)")
        secs, cpu = ingest(path, docs, args.batch)
        base = baseline_ingest(path)
        limit = 60.0 * n / 1_000_000
        ok &= secs < limit
        print(
            f"ingest: {n} events in {secs:.1f}s wall, {cpu:.1f}s CPU ({n / secs:,.0f} events/s); bare INSERT "
            f"floor {base:.1f}s (ratio {secs / base:.1f}x); goal < {limit:.0f}s -> "
            f"{'PASS' if secs < limit else 'FAIL'} (load average {os.getloadavg()[0]:.1f})"
        )
        with Store(path, read_only=True) as store:
            merged = store.dyad_timeline("RUS", "UKR")
            q, q_cpu = timed(lambda: store.dyad_timeline("RUS", "UKR"))
            plain, _ = timed(
                lambda: store.sql(
                    "SELECT date_trunc('month', date) AS m, count(*), avg(goldstein) FROM events "
                    "WHERE latest AND source_code LIKE 'RUS%' AND target_code LIKE 'UKR%' "
                    "GROUP BY m ORDER BY m"
                )
            )
            ok &= q < 0.1
            print(
                f"dyad timeline RUS->UKR by month: {len(merged)} months, "
                f"{int(merged['events'].sum())} events "
                f"({int(merged['documents'].sum())} documents); median {q * 1000:.1f} ms wall, "
                f"{q_cpu * 1000:.1f} ms "
                f"CPU; plain GROUP BY "
                f"without merging {plain * 1000:.1f} ms (ratio {q / plain:.1f}x); goal < 100 ms -> "
                f"{'PASS' if q < 0.1 else 'FAIL'}"
            )
            listing, _ = timed(lambda: store.events(source="RUS", target="UKR"), repeat=3)
            print(f"events RUS->UKR with evidence (merged rows, all columns): {listing * 1000:.0f} ms")
            ok &= round_trips(store, tmp)
    return 0 if ok else 1


def round_trips(store: Store, tmp: str) -> bool:
    """Export one dyad's events in every format; read each back with pandas and DuckDB; compare."""
    import duckdb
    import pandas as pd

    from herald.store.export import GDELT_COLUMNS

    ref = store.events(source="RUS", target="UKR")
    keys = sorted(ref["event_key"])
    good = True
    for fmt in ("csv", "parquet", "jsonl", "gdelt", "plover"):
        out = os.path.join(tmp, f"events.{fmt}")
        t0 = time.perf_counter()
        n = store.export(out, fmt, source="RUS", target="UKR")
        secs = time.perf_counter() - t0
        if fmt == "csv":
            back, db = pd.read_csv(out), duckdb.sql(f"SELECT * FROM read_csv('{out}')").df()
            got = sorted(back["event_key"]), sorted(db["event_key"])
        elif fmt == "parquet":
            back, db = pd.read_parquet(out), duckdb.sql(f"SELECT * FROM '{out}'").df()
            got = sorted(back["event_key"]), sorted(db["event_key"])
        elif fmt == "jsonl":
            back, db = pd.read_json(out, lines=True), duckdb.sql(f"SELECT * FROM read_json('{out}')").df()
            got = sorted(back["event_key"]), sorted(db["event_key"])
        elif fmt == "gdelt":
            back = pd.read_csv(out, sep="\t", header=None, names=GDELT_COLUMNS)
            db = duckdb.sql(f"SELECT * FROM read_csv('{out}', delim='\t', header=false)").df()
            want = sorted(int(k) for k in keys)
            ok_fmt = sorted(back["GLOBALEVENTID"]) == want and sorted(db.iloc[:, 0]) == want
            print(
                f"export {fmt}: {n} events, {secs:.2f}s, 58 columns={back.shape[1] == 58}, "
                f"round trip {'PASS' if ok_fmt else 'FAIL'}"
            )
            good &= ok_fmt
            continue
        else:
            back = pd.read_json(out, lines=True)
            db = duckdb.sql(f"SELECT * FROM read_json('{out}')").df()
            got = sorted(back["id"]), sorted(db["id"])
        ok_fmt = got[0] == keys and got[1] == keys and len(back) == len(ref)
        print(f"export {fmt}: {n} events, {secs:.2f}s, round trip {'PASS' if ok_fmt else 'FAIL'}")
        good &= ok_fmt
    return good


if __name__ == "__main__":
    sys.exit(main())
