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
        return sorted(
            con.execute(f"SELECT {', '.join(chr(34) + c + chr(34) for c in keep)} FROM {table}").fetchall(),
            key=repr,
        )
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


def test_shards_group_files_in_order_and_big_files_alone(tmp_path: Path) -> None:
    from herald.scale import plan_shards

    files = []
    for i, size in enumerate([10, 10, 10, 500, 10, 10]):
        f = tmp_path / f"{i}.txt"
        f.write_text("x" * size)
        files.append(str(f))
    shards = plan_shards(files, max_files=2, max_bytes=100)
    assert shards == [files[0:2], files[2:3], files[3:4], files[4:6]]
    assert [f for s in shards for f in s] == files  # every file once, input order kept


def test_failed_task_becomes_one_error_record_per_file() -> None:
    from herald.scale.dask_runner import shard_documents

    class Failed:
        def result(self) -> str:
            raise MemoryError("worker killed")

    docs = list(shard_documents(Failed(), ["a.txt", "b.txt"]))  # type: ignore[arg-type]
    assert [d.id for d in docs] == ["a.txt", "b.txt"]
    assert all(d.status == "error" and "MemoryError: worker killed" in (d.error or "") for d in docs)


def test_shard_is_written_and_read_in_row_groups(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pyarrow.parquet as pq

    from herald.scale import dask_runner

    monkeypatch.setattr(dask_runner, "ROW_GROUP", 1)
    files = sorted(str(p) for p in (DATA / "corpus").iterdir())
    part = dask_runner.code_shard(files, str(tmp_path))
    assert pq.ParquetFile(part).metadata.num_row_groups == len(files)
    docs = list(dask_runner.read_shard(part))
    assert [d.source for d in docs] == files
    assert any(d.events for d in docs)
    assert list(tmp_path.glob("*.tmp")) == []
