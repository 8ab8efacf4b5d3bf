"""Dask scale-out: the same corpus on a LocalCluster of 1 and of 2 worker processes (goal: >= 1.7x).

Both runs happen here, one after the other, on copies of the PolNeAR train articles (one file per
task), each into a fresh DuckDB store; the rows of the two stores are compared (they must be equal).
Wall time is the figure that matters for scale-out; run it on an otherwise idle machine.

Usage: python bench/scale_dask.py [N_FILES]
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
POLNEAR = ROOT.parent / "shared" / "data" / "quotes" / "polnear"


def table_rows(db: Path) -> dict[str, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # type: ignore[index]
                for t in ("documents", "quotes", "events", "actors", "stories")}
    finally:
        con.close()


def main() -> None:
    from herald.scale import run_dask

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 60
    files = sorted((POLNEAR / "train" / "text").glob("*.txt"))[:n]
    if not files:
        sys.exit(f"no PolNeAR texts under {POLNEAR}")
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        for f in files:
            shutil.copy(f, corpus / f.name)
        times, rows = {}, {}
        for workers in (1, 2):
            db = Path(tmp) / f"w{workers}.duckdb"
            t0 = time.perf_counter()
            summary = run_dask([str(corpus)], db=str(db), workers=workers)
            times[workers] = time.perf_counter() - t0
            rows[workers] = table_rows(db)
            print(f"{workers} worker(s): {summary.added} documents in {times[workers]:.1f} s "
                  f"({summary.added / times[workers]:.2f} documents/s); rows {rows[workers]}")
    print(f"same rows: {rows[1] == rows[2]}")
    print(f"speed-up with 2 workers: {times[1] / times[2]:.2f}x (goal >= 1.7x)")


if __name__ == "__main__":
    main()
