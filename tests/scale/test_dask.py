"""The Dask runner stores exactly the rows of a local run."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

import herald
from herald.scale import run_dask
from tests.conftest import DATA

pytestmark = pytest.mark.slow

TABLES = ("documents", "quotes", "events", "actors", "stories")


def rows(db: Path, table: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        cols = [c[0] for c in con.execute(f"DESCRIBE {table}").fetchall()]
        keep = [c for c in cols if c not in ("ingested_at", "body", "created_at", "run_id")]
        return sorted(con.execute(f"SELECT {', '.join(chr(34) + c + chr(34) for c in keep)} FROM {table}").fetchall(), key=repr)
    finally:
        con.close()


def test_dask_run_equals_local_run(tmp_path: Path) -> None:
    local, dist = tmp_path / "local.duckdb", tmp_path / "dask.duckdb"
    herald.run([str(DATA / "corpus")], db=str(local))
    summary = run_dask([str(DATA / "corpus")], db=str(dist), workers=2)
    assert summary.added == 2
    for table in TABLES:
        assert rows(local, table) == rows(dist, table)
    # a second Dask run reuses its partitions and adds nothing
    again = run_dask([str(DATA / "corpus")], db=str(dist), workers=1)
    assert again.added == 0 and again.unchanged == 2
